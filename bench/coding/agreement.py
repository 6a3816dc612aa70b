"""Inter-coder agreement on the bundled corpus's codes (issue 22), reproducibly from files.

Two coders (A, B) coded both texts from scratch, item by item, from each item's quotes and
the codebook, without seeing the corpus's codes. This compares any two codings of the same
items, code family by code family:

- kind: one of seven per item; Cohen's kappa over the items;
- themes: for each item and each theme of the codebook, carried or not; Cohen's kappa over
  all (item, theme) decisions, and per theme the share of items on which the two agree;
- actors: for each item and each actor, absent, `by` or `involves`; Cohen's kappa over all
  (item, actor) decisions (presence and role together), and for presence alone;
- roles: where both code the actor, the share with the same role.

A coding is a YAML file of `items`, each with an id, a kind (`kind: risk` or `kind: {code:
risk}`), themes (a list, or a mapping of theme to evidence) and actors (actor to role, or
to `{role, evidence}`), or a folder of corpus files (their `items` sections). Run from the
checkout:

    .venv/bin/python bench/coding/agreement.py                 # A, B and the corpus before
    .venv/bin/python bench/coding/agreement.py --after data    # ... and the recoded corpus
    .venv/bin/python bench/coding/agreement.py --disagreements  # every A/B disagreement
"""

from __future__ import annotations

import argparse
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
THEMES = [
    theme["id"]
    for theme in yaml.safe_load((HERE.parent.parent / "data" / "themes.yaml").read_text())["themes"]
]
ACTORS = ["us", "japan", "south-korea", "north-korea", "china", "russia"]

Coding = dict[str, dict[str, Any]]  # item id -> {kind, themes: set, actors: {id: role}}


def read_coding(path: Path) -> Coding:
    files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    coding: Coding = {}
    for file in files:
        for item in (yaml.safe_load(file.read_text(encoding="utf-8")) or {}).get("items", []):
            kind = item["kind"]
            actors = item.get("actors") or {}
            coding[item["id"]] = {
                "kind": kind["code"] if isinstance(kind, dict) else kind,
                "themes": set(item.get("themes") or ()),
                "actors": {
                    actor: code["role"] if isinstance(code, dict) else code
                    for actor, code in actors.items()
                },
            }
    return coding


def kappa(pairs: list[tuple[Any, Any]]) -> float:
    """Cohen's kappa of two raters' labels over the same units."""
    total = len(pairs)
    observed = sum(a == b for a, b in pairs) / total
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(first[label] * second[label] for label in first) / total**2
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def share(pairs: list[tuple[Any, Any]]) -> float:
    return sum(a == b for a, b in pairs) / len(pairs) if pairs else 1.0


def families(one: Coding, other: Coding) -> dict[str, list[tuple[Any, Any]]]:
    items = [item for item in one if item in other]
    actor_pairs = [
        (one[i]["actors"].get(actor, "-"), other[i]["actors"].get(actor, "-"))
        for i in items
        for actor in ACTORS
    ]
    return {
        "kind": [(one[i]["kind"], other[i]["kind"]) for i in items],
        "themes": [
            (theme in one[i]["themes"], theme in other[i]["themes"])
            for i in items
            for theme in THEMES
        ],
        "actors and roles": actor_pairs,
        "actors (presence)": [(a != "-", b != "-") for a, b in actor_pairs],
        "roles (both coded)": [(a, b) for a, b in actor_pairs if "-" not in (a, b)],
    }


def table(codings: dict[str, Coding]) -> str:
    lines = [
        "| pair | family | units | agreement | Cohen's kappa |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for (name_a, a), (name_b, b) in combinations(codings.items(), 2):
        for family, pairs in families(a, b).items():
            lines.append(
                f"| {name_a} / {name_b} | {family} | {len(pairs)} | {share(pairs):.0%} "
                f"| {kappa(pairs):.2f} |"
            )
    return "\n".join(lines)


def per_theme(codings: dict[str, Coding]) -> str:
    names = list(codings)
    pairs = list(combinations(names, 2))
    lines = [
        "| theme | " + " | ".join(f"{a} / {b}" for a, b in pairs) + " |",
        "| --- |" + " ---: |" * len(pairs),
    ]
    for theme in THEMES:
        cells = []
        for a, b in pairs:
            items = [i for i in codings[a] if i in codings[b]]
            agree = [
                (theme in codings[a][i]["themes"], theme in codings[b][i]["themes"]) for i in items
            ]
            cells.append(f"{share(agree):.0%}")
        lines.append(f"| {theme} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def disagreements(a: Coding, b: Coding, names: tuple[str, str]) -> str:
    lines = []
    for item in a:
        if item not in b:
            continue
        one, other = a[item], b[item]
        if one["kind"] != other["kind"]:
            lines.append(f"{item}: kind {names[0]} {one['kind']}, {names[1]} {other['kind']}")
        for theme in sorted(one["themes"] ^ other["themes"]):
            holder = names[0] if theme in one["themes"] else names[1]
            lines.append(f"{item}: theme {theme} only {holder}")
        for actor in ACTORS:
            x, y = one["actors"].get(actor, "-"), other["actors"].get(actor, "-")
            if x != y:
                lines.append(f"{item}: actor {actor} {names[0]} {x}, {names[1]} {y}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--a", type=Path, default=HERE / "coder_A.yaml")
    parser.add_argument("--b", type=Path, default=HERE / "coder_B.yaml")
    parser.add_argument("--before", type=Path, default=HERE / "corpus_before.yaml")
    parser.add_argument("--after", type=Path, help="the recoded corpus (a folder or file)")
    parser.add_argument("--disagreements", action="store_true")
    args = parser.parse_args()
    codings = {"A": read_coding(args.a), "B": read_coding(args.b)}
    codings["before"] = read_coding(args.before)
    if args.after:
        codings["after"] = read_coding(args.after)
    if args.disagreements:
        print(disagreements(codings["A"], codings["B"], ("A", "B")))
        return
    print(table(codings))
    print()
    print(per_theme(codings))


if __name__ == "__main__":
    main()
