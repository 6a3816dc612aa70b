"""Scale benchmark: trilat over synthetic corpora of 10, 100 and 1,000 reports.

Generates corpora shaped like the bundled one (the same item kinds and counts per report,
quotes of realistic length drawn from the real quotes' words, actors and themes from the
codebooks) into a temporary folder, then times cold runs (empty cache) and warm runs of

    trilat --corpus DIR flashpoints --report <one> --format json
    trilat --corpus DIR search "north korea" --format json
    trilat --corpus DIR compare <first> <last> --format json

and prints wall time and peak memory against corpus size, beside the same commands on the
bundled corpus alone. Targets at 1,000 reports: cold <= 10 s, warm <= 3x the bundled run.

    python bench/scale.py [--sizes 10 100 1000] [--runs 3]
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


def trilat() -> str:
    script = Path(sys.executable).parent / "trilat"
    return (
        str(script)
        if script.exists()
        else shutil.which("trilat") or sys.exit("trilat is not installed")
    )


def run(arguments: list[str], cache: Path) -> tuple[float, float, int]:
    """Wall seconds, peak memory (MB) and bytes written to stdout of one whole process."""
    env = {**os.environ, "TRILAT_CACHE_DIR": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out:
        started = time.perf_counter()
        process = subprocess.Popen(
            [trilat(), *arguments], stdout=out, stderr=subprocess.PIPE, env=env
        )
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        written = out.tell()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: trilat {' '.join(arguments)}\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss / 1024, written


def commands(size: int) -> dict[str, list[str]]:
    last = f"synth-{size - 1:04d}" if size else "tni-2021"
    first = "synth-0000" if size else "hudson-2019"
    return {
        "flashpoints --report": ["flashpoints", "--report", first, "--format", "json"],
        "search 'north korea'": ["search", "north korea", "--format", "json"],
        "compare first last": ["compare", first, last, "--format", "json"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3, help="warm runs per command (median)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="trilat-scale-"))
    try:
        print(
            f"{'reports':>7}  {'command':<22} {'cold':>8} {'warm':>8} {'warm/bundled':>12} {'RSS':>8}"
        )
        baseline: dict[str, float] = {}
        for size in [0, *options.sizes]:
            corpus_args: list[str] = []
            if size:
                folder = work / f"corpus-{size}"
                generate(folder, size)
                # Let the new files settle, as a real corpus has: trilat trusts the stat
                # stamps only of files older than two seconds (see loader.stamp_key).
                time.sleep(2.1)
                corpus_args = ["--corpus", str(folder)]
            for label, arguments in commands(size).items():
                cache = work / f"cache-{size}-{len(baseline)}-{label.split()[0]}"
                cold, _, _ = run(corpus_args + arguments, cache)
                warm_runs = [run(corpus_args + arguments, cache) for _ in range(options.runs)]
                warm = statistics.median(t for t, _, _ in warm_runs)
                rss = max(m for _, m, _ in warm_runs)
                written = warm_runs[0][2]
                if not size:
                    baseline[label] = warm
                print(
                    f"{size or 'bundled':>7}  {label:<22} {cold:7.2f}s {warm:7.3f}s "
                    f"{warm / baseline[label]:11.2f}x {rss:6.1f}MB {written / 1024:7.0f}KB"
                )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("\ntargets at 1,000 reports: cold <= 10 s; warm <= 3x bundled; memory linear in size")


if __name__ == "__main__":
    main()
