"""Scale benchmark: trilat over synthetic corpora of 10, 100 and 1,000 reports.

Generates corpora shaped like the bundled one (the same item kinds and counts per report,
13 items each, quotes of realistic length drawn from the real quotes' words, actors and
themes from the codebooks) into a temporary folder, then measures the CPU time of cold
runs (empty cache) and warm runs (median) of

    trilat --corpus DIR flashpoints --report <one> --format json
    trilat --corpus DIR search "north korea" --format json [--limit 20]
    trilat --corpus DIR compare <first> <last> --format json   (up to 1,000 reports)

with peak memory, beside the same commands on the bundled corpus alone and libyaml's
floor (a process that only loads the same files with CSafeLoader). Then two cases: the run
after editing one file of a warm corpus, and many files of one item each, cold.

    python bench/scale.py [--sizes 10 100 1000 5000 10000] [--runs 3]
                          [--edit-size 1000] [--small 5000]

It runs trilat as `python -m trilat_cli`, so PYTHONPATH=other/src measures another tree.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import yaml

from trilat_cli.corpus.load import load

# Per report, as in the 2019 text: 1 context, 3 risks, 4 flash points, 5 recommendations
# (the 2021 text's 15 items are of similar number and length).
SHAPE = [("context", 1), ("risk", 3), ("flashpoint", 4), ("recommendation", 5)]


def word_pool() -> list[str]:
    corpus = load(use_cache=False)
    return " ".join(q.text for item in corpus.items.values() for q in item.quotes).split()


def sentence(rng: random.Random, words: list[str], low: int, high: int) -> str:
    start = rng.randrange(len(words) - high)
    return " ".join(words[start : start + rng.randint(low, high)])


def report_document(index: int, words: list[str], actors: list[str], themes: list[str]) -> dict:
    rng = random.Random(index)
    report_id = f"synth-{index:04d}"
    items = []
    used_themes: set[str] = set()
    for kind, count in SHAPE:
        for ordinal in range(1, count + 1):
            chosen = rng.sample(themes, rng.randint(1, 3))
            used_themes.update(chosen)
            items.append(
                {
                    "id": f"s{index:04d}-{kind}-{ordinal}",
                    "report": report_id,
                    "kind": kind,
                    "ordinal": ordinal,
                    "title": sentence(rng, words, 3, 8).capitalize(),
                    "summary": sentence(rng, words, 20, 40),
                    "quotes": [sentence(rng, words, 18, 45) for _ in range(rng.randint(1, 3))],
                    "actors": {
                        a: rng.choice(["by", "involves"])
                        for a in rng.sample(actors, rng.randint(1, 4))
                    },
                    "themes": chosen,
                }
            )
    report = {
        "id": report_id,
        "year": 1990 + index % 40,
        "title": sentence(rng, words, 6, 12).title(),
        "publisher": "Synthetic Institute",
        "authors": [f"Author {index}"],
        "date": f"{1990 + index % 40}-{1 + index % 12:02d}",
        "url": f"https://example.org/synth/{index}",
        "kind": "report",
        "summary": sentence(rng, words, 60, 90),
        "notes": {theme: sentence(rng, words, 15, 30) for theme in sorted(used_themes)},
    }
    return {"reports": [report], "items": items}


def generate(folder: Path, size: int) -> None:
    corpus = load(use_cache=False)
    words, actors, themes = word_pool(), list(corpus.actors), list(corpus.themes)
    folder.mkdir(parents=True)
    for index in range(size):
        document = report_document(index, words, actors, themes)
        (folder / f"synth-{index:04d}.yaml").write_text(
            yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


def run(arguments: list[str], cache: Path, program: list[str] | None = None) -> Measure:
    """One whole process: wall and CPU seconds, peak memory (MB), bytes written to stdout."""
    env = {**os.environ, "TRILAT_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    command = program or [sys.executable, "-m", "trilat_cli"]
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen([*command, *arguments], stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        written = out.tell()
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            sys.exit(f"failed: {' '.join(arguments)}\n{err.read().decode()}")
    return Measure(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, written)


class Measure(NamedTuple):
    wall: float
    cpu: float
    rss: float
    written: int


def floor(files: list[Path]) -> float:
    """CPU seconds of a process that only loads the files with libyaml: the parser's floor."""
    script = (
        "import sys, yaml\n"
        "for name in sys.argv[1:]:\n"
        "    with open(name, encoding='utf-8') as f: yaml.load(f.read(), yaml.CSafeLoader)\n"
    )
    with tempfile.NamedTemporaryFile("w", suffix=".txt") as listing:
        listing.write("\n".join(map(str, files)))
        listing.flush()
        runner = f"import sys; sys.argv[1:] = open({listing.name!r}).read().split(chr(10))\n"
        return run([], Path(os.devnull), [sys.executable, "-c", runner + script]).cpu


def commands(size: int) -> dict[str, list[str]]:
    last = f"synth-{size - 1:04d}" if size else "tni-2021"
    first = "synth-0000" if size else "hudson-2019"
    return {
        "flashpoints --report": ["flashpoints", "--report", first, "--format", "json"],
        "search 'north korea'": ["search", "north korea", "--format", "json"],
        "search ... --limit 20": ["search", "north korea", "--format", "json", "--limit", "20"],
        "compare first last": ["compare", first, last, "--format", "json"],
    }


def settle() -> None:
    """Let new files settle, as a real corpus has: trilat trusts the stat stamps only of
    files older than two seconds (see loader.stamp_key)."""
    time.sleep(2.1)


def row(size: str, label: str, cold: Measure, warm: list[Measure], base: float | None) -> float:
    middle = statistics.median(m.cpu for m in warm)
    base = base or middle
    print(
        f"| {size} | `{label}` | {cold.cpu:.2f} s | {middle:.3f} s | {middle / base:.2f} "
        f"| {max(m.rss for m in warm):.1f} MB | {warm[0].written / 1024:,.0f} KB |"
    )
    return middle


def sizes(options: argparse.Namespace, work: Path) -> None:
    print("| reports (items) | command | cold CPU | warm CPU | warm ÷ bundled | max RSS | output |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    baseline: dict[str, float] = {}
    for size in [0, *options.sizes]:
        corpus_args: list[str] = []
        shown = "bundled"
        if size:
            folder = work / f"corpus-{size}"
            generate(folder, size)
            settle()
            corpus_args = ["--corpus", str(folder)]
            shown = f"{size:,} ({size * 13:,})"
            print(
                f"| {shown} | libyaml floor (cold) | {floor(sorted(folder.iterdir())):.2f} s | | | | |"
            )
        for label, arguments in commands(size).items():
            if (size > 1000 and label.startswith("compare")) or not label.startswith(
                tuple(options.only)
            ):
                continue
            cache = work / f"cache-{size}-{list(commands(size)).index(label)}"
            cold = run(corpus_args + arguments, cache)
            warm = [run(corpus_args + arguments, cache) for _ in range(options.runs)]
            value = row(shown, label, cold, warm, baseline.get(label))
            baseline.setdefault(label, value)
        shutil.rmtree(work / f"corpus-{size}", ignore_errors=True)


def edit_one(options: argparse.Namespace, work: Path) -> None:
    """The run after editing one file of a corpus, against a warm run of the same corpus."""
    folder = work / "edit"
    generate(folder, options.edit_size)
    settle()
    arguments = ["--corpus", str(folder), "flashpoints", "--format", "json"]
    cache = work / "cache-edit"
    run(arguments, cache)
    warm = [run(arguments, cache) for _ in range(options.runs)]
    edited = []
    for n in range(options.runs):
        with (folder / "synth-0000.yaml").open("a", encoding="utf-8") as out:
            out.write(f"# edit {n}\n")
        edited.append(run(arguments, cache))
    middle = statistics.median(m.cpu for m in warm)
    after = statistics.median(m.cpu for m in edited)
    print(
        f"\nedit one file of {options.edit_size:,} reports: warm {middle:.3f} s, "
        f"after the edit {after:.3f} s ({after / middle:.2f}x warm), max RSS "
        f"{max(m.rss for m in edited):.1f} MB"
    )


def small_files(options: argparse.Namespace, work: Path) -> None:
    """Many files of one item each, cold, against libyaml loading the same files."""
    folder = work / "small"
    generate(folder, 1)
    document = yaml.safe_load((folder / "synth-0000.yaml").read_text(encoding="utf-8"))
    items = document.pop("items")
    (folder / "synth-0000.yaml").write_text(yaml.safe_dump(document, sort_keys=False))
    template = items[0]
    for n in range(options.small):
        item = {**template, "id": f"one-{n}", "ordinal": n % 999 + 1}
        (folder / f"item-{n:05d}.yaml").write_text(
            yaml.safe_dump({"items": [item]}, allow_unicode=True, sort_keys=False)
        )
    settle()
    base = floor(sorted(folder.iterdir()))
    arguments = ["--corpus", str(folder), "flashpoints", "--format", "json"]
    colds = [run(arguments, work / f"cache-small-{n}") for n in range(options.runs)]
    cold = statistics.median(m.cpu for m in colds)
    warm = run(arguments, work / "cache-small-0")
    print(
        f"\n{options.small:,} one-item files: cold {cold:.2f} s ({cold / base:.2f}x the "
        f"libyaml floor of {base:.2f} s, {1000 * cold / options.small:.2f} ms a file), warm "
        f"{warm.cpu:.3f} s, max RSS {max(m.rss for m in colds):.1f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="warm runs per command (median)")
    parser.add_argument("--only", nargs="*", default=[""], help="commands starting so")
    parser.add_argument("--edit-size", type=int, default=1000, help="reports; 0: skip the case")
    parser.add_argument("--small", type=int, default=5000, help="one-item files; 0: skip")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trilat-scale-"))
    try:
        if options.sizes:
            sizes(options, work)
        if options.edit_size:
            edit_one(options, work)
        if options.small:
            small_files(options, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        "\ntargets: warm <= 25 ms per 1,000 items; flashpoints at 5,000 reports <= 2 s; the "
        "run after an edit <= 2x warm; one-item files <= 1.5x the floor cold; --limit 20 <= "
        "1.5x warm flashpoints"
    )


if __name__ == "__main__":
    main()
