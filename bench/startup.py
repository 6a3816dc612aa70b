"""Start-up benchmark: trilat against the framework floor, as whole processes.

Each trilat command runs in alternating pairs with its floor (`python -c "import typer"`
for JSON, help and completion, plus Rich's console and table for tables), so drift on the
machine hits both alike. Prints median CPU times (user and system), the median of the
per-pair ratios and peak memory (max RSS), and checks them against the targets: ratio
<= 1.15, memory <= 1.1x the floor (issue 29).

    python bench/startup.py [--runs 30]

Runs as people use trilat: with bytecode written and a warm parsed-corpus cache (one run
first fills both).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

FLOOR_JSON = [sys.executable, "-c", "import typer"]
FLOOR_TABLE = [sys.executable, "-c", "import typer, rich.console, rich.table"]
COMPLETING = {"_TRILAT_COMPLETE": "complete_bash", "COMP_WORDS": "trilat ", "COMP_CWORD": "1"}
CASES: list[tuple[str, list[str], dict[str, str]]] = [
    ("flashpoints --format json", FLOOR_JSON, {}),
    ("flashpoints --format table", FLOOR_TABLE, {}),
    ("recommend --actor us --format json", FLOOR_JSON, {}),
    ("search cyber --format json", FLOOR_JSON, {}),
    ("compare --format json", FLOOR_JSON, {}),
    ("compare --format table", FLOOR_TABLE, {}),
    ("--help", FLOOR_JSON, {}),
    ("(completing a command name)", FLOOR_JSON, COMPLETING),
]
RATIO_TARGET = 1.15
MEMORY_TARGET = 1.1


def trilat() -> list[str]:
    script = Path(sys.executable).parent / "trilat"
    found = str(script) if script.exists() else shutil.which("trilat")
    if not found:
        sys.exit("trilat is not installed in this environment")
    return [found]


def measure(command: list[str], env: dict[str, str], cwd: str) -> tuple[float, int]:
    """CPU time (user and system) in seconds and peak memory in KiB of one whole process."""
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30, help="pairs per case (default 30)")
    runs = parser.parse_args().runs
    cache = tempfile.mkdtemp(prefix="trilat-bench-")
    # Both run from the same empty folder: `python -c` searches the current one first.
    cwd = tempfile.mkdtemp(prefix="trilat-bench-cwd-")
    # As installed for real: with bytecode (pip compiles a wheel; an editable install writes
    # it on the first run), which PYTHONDONTWRITEBYTECODE would keep from being written.
    env = {**os.environ, "TRILAT_CACHE_DIR": cache, "COLUMNS": "100"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    base = trilat()
    print(f"python {sys.version.split()[0]}, {runs} alternating pairs per case, warm cache\n")
    print(
        f"{'command':<38} {'trilat':>8} {'floor':>8} {'ratio':>6} {'RSS':>8} {'floor':>8} {'ratio':>6}"
    )
    failures = []
    for arguments, floor, extra in CASES:
        command = base + ([] if extra else arguments.split())
        measure(command, {**env, **extra}, cwd)  # fill the cache
        tool, ground, ratios = [], [], []
        for _ in range(runs):
            t, t_rss = measure(command, {**env, **extra}, cwd)
            f, f_rss = measure(floor, env, cwd)
            tool.append((t, t_rss))
            ground.append((f, f_rss))
            ratios.append(t / f)
        t_med = statistics.median(t for t, _ in tool)
        f_med = statistics.median(f for f, _ in ground)
        ratio = statistics.median(ratios)
        t_rss = statistics.median(r for _, r in tool)
        f_rss = statistics.median(r for _, r in ground)
        memory = t_rss / f_rss
        print(
            f"trilat {arguments:<31} {t_med * 1000:6.1f}ms {f_med * 1000:6.1f}ms {ratio:6.2f} "
            f"{t_rss / 1024:6.1f}MB {f_rss / 1024:6.1f}MB {memory:6.2f}"
        )
        if ratio > RATIO_TARGET or memory > MEMORY_TARGET:
            failures.append(arguments)
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(cwd, ignore_errors=True)
    print(f"\ntargets: time ratio <= {RATIO_TARGET}, memory ratio <= {MEMORY_TARGET}")
    print("all targets met" if not failures else f"missed: {', '.join(failures)}")


if __name__ == "__main__":
    main()
