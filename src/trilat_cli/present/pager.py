"""Long output on a terminal goes through a pager, as git and gh do; never in a pipe."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


def pager_command() -> list[str] | None:
    """TRILAT_PAGER, else PAGER, else `less -FRX` where it exists; empty or `cat`: none."""
    import shlex
    import shutil

    for name in ("TRILAT_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            words = shlex.split(value)
            return words if words and words != ["cat"] else None
    less = shutil.which("less")
    return [less, "-FRX"] if less else None


class TerminalBuffer(io.StringIO):
    """Collects what would go to the terminal, formatted as for the terminal."""

    def __init__(self, terminal: TextIO) -> None:
        super().__init__()
        self.encoding_name = getattr(terminal, "encoding", None) or "utf-8"

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.encoding_name

    def isatty(self) -> bool:
        return True


@contextmanager
def paged(out: TextIO) -> Iterator[TextIO]:
    """A stream whose text reaches `out` through the pager, when `out` is a terminal."""
    command = pager_command() if out.isatty() else None
    if command is None:
        yield out
        return
    buffer = TerminalBuffer(out)
    yield buffer
    if buffer.getvalue():
        run_pager(command, buffer.getvalue(), out)


def run_pager(command: list[str], text: str, out: TextIO) -> None:
    import subprocess

    data = text.encode(getattr(out, "encoding", None) or "utf-8", errors="replace")
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env={"LESS": "FRX", **os.environ})
    except OSError:  # no such pager: print straight to the terminal
        out.write(text)
        out.flush()
        return
    try:
        assert pager.stdin is not None
        pager.stdin.write(data)
        pager.stdin.close()
    except BrokenPipeError:  # the reader quit early (q in less)
        pass
    while True:
        try:
            pager.wait()
            return
        except KeyboardInterrupt:  # Ctrl-C belongs to the pager, as in git
            continue
