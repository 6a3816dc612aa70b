"""Worst cases for validation: hostile corpus files within the documented limits.

Writes each case into a temporary folder and times `trilat --no-cache validate FILE` as a
whole process, with its peak memory (children's max RSS). Target: each at most 2 s and
200 MB, and no more than a screenful on stderr; every case but the valid one exits 1.
The source-text cases (`validate FILE --source REPORT=TEXT`) add a text to hold a report
against; their stdout, the coverage report, may be long.

    python bench/hostile.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ITEM = """  - id: x{n}
    report: hudson-2019
    kind: risk
    ordinal: {n}
    title: t
    summary: s
    quotes: [q]
    actors: {{us: by}}
    themes: [no-such-theme-{n}]
"""


VALID_ITEM = """  - id: v{n}
    report: hudson-2019
    kind: risk
    ordinal: {ordinal}
    title: A title of ordinary length for item {n}
    summary: A summary of ordinary length, one sentence that says what the item is about.
    quotes: ["{quote}"]
    actors: {{us: by, japan: involves}}
    themes: [north-korea]
"""
QUOTE = "Words of a quote that runs long, as the texts' quotes sometimes do. " * 11


# A 1 MB anchored quote repeated by 99,000 aliases: 99 GB of text from a file of 2.3 MB.
AMPLIFIED = VALID_ITEM.format(n=1, ordinal=1, quote="").replace(
    'quotes: [""]', "quotes:\n      - &big " + "word " * 200_000 + "\n" + "      - *big\n" * 99_000
)
AMPLIFIED = "items:\n" + AMPLIFIED


def cases() -> dict[str, str]:
    """Each case's file text; every one is under the 4 MiB file limit."""
    return {
        "30,000 nested [": "[" * 30_000 + "\n",
        "30,000 nested - (block)": "- " * 30_000 + "x\n",
        "1,000 unknown themes": "items:\n" + "".join(ITEM.format(n=n) for n in range(1, 1001)),
        "40,000 unknown keys": "reports:\n  - "
        + "\n    ".join(f"k{n}: v" for n in range(40_000))
        + "\n",
        "199,000 unknown keys (refused)": "reports:\n  - "
        + "\n    ".join(f"k{n}: 1" for n in range(199_000))
        + "\n",
        "199,000 empty records (refused)": "items:\n" + "- {}\n" * 199_000,
        "99,000 empty records": "items:\n" + "- {}\n" * 99_000,
        "49,000 unknown keys": "reports:\n  - "
        + "\n    ".join(f"k{n}: 1" for n in range(49_000))
        + "\n",
        "valid: 3,900 long items (near both limits)": "items:\n"
        + "".join(VALID_ITEM.format(n=n, ordinal=n % 999 + 1, quote=QUOTE) for n in range(1, 3901)),
        "alias bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + n)}: &{chr(98 + n)} [{', '.join([f'*{chr(97 + n)}'] * 10)}]\n"
            for n in range(8)
        ),
        "alias amplification (refused)": AMPLIFIED,
        "huge numbers": "reports:\n"
        + "".join(f"  - {{id: r{n}, year: 0x{'f' * 4_000}}}\n" for n in range(200)),
        "duplicate ids x 5,000": "themes:\n"
        + "".join(f"  - {{id: dup, name: n{n}, definition: d}}\n" for n in range(5_000)),
    }


REPORT = """reports:
  - id: one-line-2026
    year: 2026
    title: A text pasted as one line
    publisher: A publisher
    authors: [An Author]
    date: "2026-01-01"
    url: https://example.org/one-line
    kind: statement
    summary: A summary.
items:
  - id: ol-1
    report: one-line-2026
    kind: context
    ordinal: 1
    title: A title
    summary: A summary.
    actors: {us: by}
    themes: [north-korea]
    quotes:
"""
SENTENCE = "The three leaders met at the U.S. presidential retreat. "


def source_cases() -> dict[str, tuple[str, str]]:
    """Each case's corpus file and source text (issue 21): one line, omissions, many quotes."""
    omitted = " ... ".join(["the words"] * 8 + ["never there"])
    bounded = "".join(f"      - absent words number {n}\n" for n in range(950))
    return {
        "one-line source of 1 MB": (f"{REPORT}      - {SENTENCE}\n", SENTENCE * 18_000),
        "quote of 9 pieces over 2,000 repeats": (
            f"{REPORT}      - {omitted}\n",
            "The words the words. " * 2_000,
        ),
        "quote of 9 pieces over a 1 MB line": (
            f"{REPORT}      - {omitted}\n",
            "The words the words. " * 48_000,
        ),
        "950 absent quotes over 1 MB (at the bound)": (REPORT + bounded, SENTENCE * 18_000),
    }


def run(path: Path, *more: str) -> tuple[float, float, float, int, int]:
    """Wall and CPU time, the process's own peak RSS (MB), its exit code and stderr size."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "trilat_cli", "--no-cache", "validate", str(path), *more],
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        size = err.tell()
    cpu = usage.ru_utime + usage.ru_stime
    return elapsed, cpu, usage.ru_maxrss / 1024, child.returncode, size


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        print("| case | size | time | CPU | peak RSS | exit | stderr bytes |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
        for name, text in cases().items():
            path = Path(folder) / "case.yaml"
            path.write_text(text, encoding="utf-8")
            elapsed, cpu, megabytes, code, err = run(path)
            size = path.stat().st_size
            print(
                f"| {name} | {size / 1024:,.0f} KiB | {elapsed:.2f} s | {cpu:.2f} s | {megabytes:.0f} MB "
                f"| {code} | {err:,} |"
            )
        for name, (corpus, source) in source_cases().items():
            path, text = Path(folder) / "case.yaml", Path(folder) / "source.txt"
            path.write_text(corpus, encoding="utf-8")
            text.write_text(source, encoding="utf-8")
            elapsed, cpu, megabytes, code, err = run(path, "--source", f"one-line-2026={text}")
            size = text.stat().st_size
            print(
                f"| {name} | {size / 1024:,.0f} KiB text | {elapsed:.2f} s | {cpu:.2f} s "
                f"| {megabytes:.0f} MB "
                f"| {code} | {err:,} |"
            )


if __name__ == "__main__":
    main()
