"""Search quality: P@3, MRR and nDCG@5 on the tuning set and the held-out set.

Runs every query of each set through each engine variant over the bundled corpus:

- the tuning set, tests/search_queries.py: the labels the weights and rules were chosen on
  (`first` is graded 2, `top` and `pool` 1); "met" counts queries whose every label holds;
- the held-out set, tests/heldout_queries.py: queries and graded judgments (2 = the answer,
  1 = relevant) written from the two texts by a reader who had not seen the engine, never
  used to tune it (bench/README.md keeps its history).

Per set and variant:

- P@3: of the first three hits, the share that are relevant, out of min(3, relevant
  items); a query with no relevant item scores 1 when nothing comes back, else 0;
- MRR: the mean over queries of 1 / the rank of the first relevant hit (0 if none);
- nDCG@5: the gain (2^grade - 1) of the first five hits, discounted by log2(rank + 1), over
  that of the best possible order;
- empty: queries with a relevant item that returned nothing.

    python bench/search_quality.py [--queries]    # --queries: each query's misses
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.search_queries import QUERIES, Query

from trilat_cli.corpus.load import load
from trilat_cli.corpus.model import Corpus
from trilat_cli.search import KEYS, Engine, search

Judged = tuple[tuple[str, ...], Mapping[str, int], str]  # args, {item: grade}, why


def tuning() -> list[tuple[Query, Judged]]:
    judged = []
    for query in QUERIES:
        grades = dict.fromkeys(query.top + query.pool, 1)
        if query.first:
            grades[query.first] = 2
        judged.append((query, (query.args, grades, "")))
    return judged


def heldout() -> list[Judged] | None:
    try:
        from tests.heldout_queries import HELDOUT
    except ImportError:
        return None
    return [(tuple(args), grades, why) for args, grades, why in HELDOUT]


def met(query: Query, found: list[str]) -> bool:
    return (
        (query.exact is None or sorted(found) == sorted(query.exact))
        and (not query.first or found[:1] == [query.first])
        and set(query.top) <= set(found[:3])
        and (not query.pool or set(found[:3]) <= set(query.pool))
        and not set(query.absent) & set(found)
    )


def scores(grades: Mapping[str, int], found: list[str]) -> tuple[float, float, float]:
    """Precision at 3, reciprocal rank and nDCG at 5 of one query's hits."""
    relevant = {item for item, grade in grades.items() if grade > 0}
    if not relevant:
        return float(not found), float(not found), float(not found)
    precision = len(set(found[:3]) & relevant) / min(3, len(relevant))
    rank = next((n for n, item in enumerate(found, 1) if item in relevant), None)

    def dcg(gains: Sequence[int]) -> float:
        return sum((2**g - 1) / math.log2(n + 2) for n, g in enumerate(gains[:5]))

    ideal = dcg(sorted(grades.values(), reverse=True))
    return precision, 1 / rank if rank else 0.0, dcg([grades.get(i, 0) for i in found]) / ideal


def evaluate(
    corpus: Corpus, name: str, engine: Engine, judged: Sequence[Judged], show: bool
) -> str:
    total = [0.0, 0.0, 0.0]
    empty = 0
    started = time.perf_counter()
    for args, grades, why in judged:
        found = [hit.item.id for hit in search(corpus, args, engine=engine)]
        for n, value in enumerate(scores(grades, found)):
            total[n] += value
        empty += bool(not found and any(grades.values()))
        if show and found[:1] != [max(grades, key=lambda i: grades[i], default=None)]:
            print(f"    {' '.join(args)!r}: {' '.join(found[:3]) or '(nothing)'}  ({why})")
    elapsed = (time.perf_counter() - started) / len(judged) * 1000
    count = len(judged)
    p3, mrr, ndcg = (value / count for value in total)
    return f"{name:<44} {p3:6.3f} {mrr:6.3f} {ndcg:7.3f} {empty:6} {elapsed:7.1f}ms"


VARIANTS: list[tuple[str, Engine]] = [
    ("keys, own words first, compounds, typos (shipped)", KEYS),
    ("  without the as-typed bonus", KEYS._replace(exact=0.0)),
    ("  without own words first", KEYS._replace(own_first=False)),
    ("  without compounds", KEYS._replace(compounds=False)),
    ("  without typos", KEYS._replace(typos=False)),
    ("  without some-words-only hits", KEYS._replace(some=False)),
    (
        "fts5 porter, no extras (issue 11's engine)",
        Engine(
            "porter unicode61 remove_diacritics 2",
            keys=False,
            own_first=False,
            compounds=False,
            exact=0.0,
            typos=False,
            some=False,
        ),
    ),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", action="store_true", help="list each query's misses")
    show = parser.parse_args().queries
    corpus = load(use_cache=False)
    tuned = tuning()
    held = heldout()
    header = f"{'engine':<44} {'P@3':>6} {'MRR':>6} {'nDCG@5':>7} {'empty':>6} {'/query':>9}"
    print(f"tuning set: {len(tuned)} queries (met = every label holds)\n")
    print(f"{header} {'met':>6}")
    for name, engine in VARIANTS:
        line = evaluate(corpus, name, engine, [j for _, j in tuned], show)
        hits = [
            met(q, [h.item.id for h in search(corpus, q.args, engine=engine)]) for q, _ in tuned
        ]
        print(f"{line} {sum(hits):>3}/{len(hits)}")
    if held is None:
        print("\n(no tests/heldout_queries.py: no held-out figures)")
        return
    print(f"\nheld-out set: {len(held)} queries\n")
    print(header)
    for name, engine in VARIANTS:
        print(evaluate(corpus, name, engine, held, show))


if __name__ == "__main__":
    main()
