"""Browse benchmark: the first screen of `trilat browse`, and a keystroke in its search.

First screen: `trilat browse` runs on a pseudo-terminal (warm cache, bytecode written);
the time is from starting the process to the terminal receiving the first screen (the
command line it shows, `trilat items`). A keystroke: in the app run headless at 80x24,
the search box gets one more character of a query ("north korea", then "cyber", then
"trade war*"), and the time is the app's work (search, facet counts, results, detail)
plus drawing the whole screen once, as a terminal receives it. Both on the bundled corpus
and on 1,000 synthetic reports (bench/scale.py makes them). Targets: first screen <= 0.5 s
warm on the bundled corpus; a keystroke <= 50 ms bundled and <= 200 ms at 1,000 reports.

    python bench/browse.py [--runs 5] [--size 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import select
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from scale import generate
from trilat_cli.corpus.load import load

QUERIES = ("north korea", "cyber", "trade war*")


FLOOR = """
from textual.app import App
from textual.widgets import Static
class Floor(App):
    def compose(self):
        yield Static("ID / report")
Floor().run()
"""


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def first_screen(paths: list[str], cache: Path, floor: bool = False) -> tuple[float, float]:
    """Seconds from starting `trilat browse` (or, as a floor, the smallest Textual app that
    shows the same words) on a pty to its first screen, then `q`; and the CPU seconds it had
    used by then, which a busy machine inflates far less than the wall time."""
    import fcntl
    import pty
    import struct
    import subprocess
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = {**os.environ, "TRILAT_CACHE_DIR": str(cache), "TERM": "xterm-256color"}
    arguments = [f"--corpus={path}" for path in paths]
    command = ["-c", FLOOR] if floor else ["-m", "trilat_cli", *arguments, "browse"]
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *command],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    received, elapsed = b"", 0.0
    while b"ID / report" not in received:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            process.kill()
            sys.exit("no first screen in 120 s")
        received += os.read(leader, 65536)
    elapsed = time.perf_counter() - started
    cpu = cpu_seconds(process.pid)
    os.write(leader, b"\x11" if floor else b"q")  # ctrl+q quits a bare Textual app
    try:
        while os.read(leader, 65536):
            pass
    except OSError:
        pass
    process.wait(timeout=30)
    os.close(leader)
    return elapsed, cpu


def keystrokes(paths: list[str]) -> tuple[list[tuple[float, float, str]], list[float]]:
    """Seconds per keystroke, wall and CPU: the app's update of the list, then one full draw
    of the screen; and the CPU seconds of each recount of the facets that follows."""
    from textual.widgets import Input

    from trilat_cli.present.browse import Browse

    app = Browse(load(paths), use_cache=True)
    times: list[tuple[float, float, str]] = []
    counting: list[float] = []
    recount = app.recount

    def timed(*arguments: Any) -> None:
        cpu = time.process_time()
        recount(*arguments)
        counting.append(time.process_time() - cpu)

    app.recount = timed  # type: ignore[method-assign]

    async def drive() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            box = app.query_one("#search", Input)
            for query in QUERIES:
                for end in range(1, len(query) + 1):
                    with app.prevent(Input.Changed):
                        box.value = query[:end]
                    started, cpu = time.perf_counter(), time.process_time()
                    app.typed = query[:end]
                    app.update_results()
                    app.screen._compositor.render_update(full=True)  # what the terminal gets
                    spent = time.perf_counter() - started, time.process_time() - cpu
                    times.append((*spent, query[:end]))
                    await pilot.pause()

    asyncio.run(drive())
    return times, counting


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="first-screen runs (median)")
    parser.add_argument("--size", type=int, default=1000, help="synthetic reports")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "synthetic"
        generate(folder, options.size)
        for label, paths in (("bundled", []), (f"{options.size} reports", [str(folder)])):
            cache = Path(work) / f"cache-{len(paths)}"
            first_screen(paths, cache)  # fills the cache
            firsts = [first_screen(paths, cache) for _ in range(options.runs)]
            os.environ["TRILAT_CACHE_DIR"] = str(cache)
            keys, counting = keystrokes(paths)
            slowest = sorted(keys)[-3:]
            print(
                f"{label}: first screen {median(firsts)};"
                f" keystroke {median(keys)} over {len(keys)} keystrokes; slowest "
                + ", ".join(
                    f"'{typed}' {wall * 1000:.0f} ms ({cpu * 1000:.0f} CPU)"
                    for wall, cpu, typed in slowest
                )
                + f"; the facets recounted after it: median {statistics.median(counting) * 1000:.0f}"
                f" ms CPU, slowest {max(counting) * 1000:.0f} ms"
            )
        floors = [first_screen([], Path(work) / "floor", floor=True) for _ in range(options.runs)]
        print(f"floor (a bare Textual app): first screen {median(floors)}")


def median(runs: Sequence[tuple[float, ...]]) -> str:
    wall = statistics.median(run[0] for run in runs) * 1000
    cpu = statistics.median(run[1] for run in runs) * 1000
    return f"median {wall:.0f} ms wall, {cpu:.0f} ms CPU"


if __name__ == "__main__":
    main()
