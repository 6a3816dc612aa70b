"""Long output on a terminal goes through a pager, as git and gh do; never in a pipe."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


def pager_command() -> list[str] | None:
    """TRILAT_PAGER, else PAGER, else `less -FRX` where it exists; empty or `cat`: none.

    A value the shell could not read as a command (an unclosed quote) is no pager, with a
    note: the output is printed straight to the terminal rather than lost.
    """
    import shlex
    import shutil

    for name in ("TRILAT_PAGER", "PAGER"):
        value = os.environ.get(name)
        if value is not None:
            try:
                words = shlex.split(value)
            except ValueError as error:
                no_pager(f"{name} '{value}' is not a command ({error})")
                return None
            if not words or words == ["cat"]:
                return None
            # less shows colours and links only with -R; a LESS of the user's own (LESS=-i)
            # without it would show them as ESC[1m noise
            return [*words, "-R"] if Path(words[0]).name == "less" else words
    less = shutil.which("less")
    return [less, "-FRX"] if less else None


def no_pager(reason: str) -> None:
    import sys

    from .view import safe

    print(f"trilat: {safe(reason)}; printing straight to the terminal", file=sys.stderr)


def straight(reason: str, text: str, out: TextIO) -> None:
    """The pager could not show the text: say why, and print it straight to the terminal."""
    no_pager(reason)
    out.write(text)
    out.flush()


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
    """Feed the pager the text and wait for it, whatever happens meanwhile, as git does.

    Ctrl-C reaches the whole foreground job; it is the pager's to act on (less stops reading
    and waits for q), so trilat ignores it for the pager's whole life, never leaving a pager
    behind that reads the terminal. A pager quit early (q in less) is a normal end: trilat
    meets a closed pipe, not a fatal SIGPIPE, and exits 0 without a word. A pager that fails
    (a non-zero exit status) is a note, and the text is printed straight to the terminal.
    """
    import signal
    import subprocess

    data = text.encode(getattr(out, "encoding", None) or "utf-8", errors="replace")
    ignored = [signal.SIGINT] + ([signal.SIGPIPE] if hasattr(signal, "SIGPIPE") else [])
    before = {number: signal.signal(number, signal.SIG_IGN) for number in ignored}
    try:
        try:
            pager = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                env={"LESS": "FRX", **os.environ},
                # The pager gets Ctrl-C as from a shell (Popen resets SIGPIPE itself). Unsafe
                # only beside threads, and trilat starts none.
                preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # noqa: PLW1509
                if os.name == "posix"
                else None,
            )
        except OSError as error:  # no such pager: print straight to the terminal
            straight(f"cannot run pager '{command[0]}': {error.strerror or error}", text, out)
            return
        assert pager.stdin is not None
        try:
            with contextlib.suppress(BrokenPipeError):  # the reader quit early (q in less)
                pager.stdin.write(data)
        finally:
            with contextlib.suppress(BrokenPipeError):
                pager.stdin.close()
            pager.wait()
        if pager.returncode > 0:  # a pager that failed (PAGER=false) showed nothing
            straight(f"pager '{command[0]}' failed (exit status {pager.returncode})", text, out)
    finally:
        for number, handler in before.items():
            signal.signal(number, handler)
