"""From a command's View to the bytes on stdout, in the format asked for or fitting the stream."""

from __future__ import annotations

import sys
from typing import TextIO

from ..errors import UsageProblem
from ..query import resolve_choice
from .view import Saves, View, hyperlinked, safe

FORMATS = ("table", "json", "yaml", "csv", "md", "tsv")


def choose_format(given: str | None, as_json: bool, out: TextIO) -> str:
    """--json, else --format, else a table on a terminal and TSV lines in a pipe."""
    if as_json:
        if given and resolve_choice("format", given, FORMATS) != "json":
            raise UsageProblem(f"--json and --format {given} disagree; give one of them")
        return "json"
    if given:
        return resolve_choice("format", given, FORMATS)
    return "table" if out.isatty() else "tsv"


def dumb_terminal() -> bool:
    """TERM=dumb (an editor's shell, a serial line), or no TERM at all: no cursor moves, no
    pager, no frames, as Rich decides for tables."""
    import os

    return os.environ.get("TERM", "") in ("dumb", "unknown", "")


def links(out: TextIO) -> bool:
    """Hyperlinks for a terminal that is not a dumb one."""
    return out.isatty() and not dumb_terminal()


def note(message: str, fmt: str) -> None:
    """A note for a person on stderr (how many rows --limit left out, what nothing matched):
    written when a person reads the output (a table) or stderr is a terminal; never into a
    script's log."""
    if fmt == "table" or sys.stderr.isatty():
        print(f"trilat: {safe(message)}", file=sys.stderr)


MIN_COLUMNS, MAX_COLUMNS = 10, 1_000  # narrower cannot hold a word; wider only fills memory


def columns() -> int | None:
    """The table width COLUMNS gives, or None for the terminal's own (or 80).

    A value that is no width (`0`, `abc`, `99999999`) is ignored with a note: Rich took `0`
    as a width and printed nothing, and `99999999` as one and padded every line to it.
    """
    import os

    value = os.environ.get("COLUMNS", "")
    if not value:
        return None
    if value.isdigit() and MIN_COLUMNS <= int(value) <= MAX_COLUMNS:
        return int(value)
    print(
        f"trilat: COLUMNS '{safe(value)}' is not a width from {MIN_COLUMNS} to {MAX_COLUMNS:,} "
        "columns; ignored",
        file=sys.stderr,
    )
    try:  # the terminal's own width, not COLUMNS again (as Rich and shutil would read it)
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return 80


def wrapped(text: str) -> str:
    """Text for a terminal: each line wrapped at spaces to its width, never inside a word or
    a URL (a longer one stands on a line of its own)."""
    import shutil
    import textwrap

    width = max(columns() or shutil.get_terminal_size().columns, 20)
    return "\n".join(
        textwrap.fill(line, width, break_long_words=False, break_on_hyphens=False) or line
        for line in text.split("\n")
    )


def emit(
    view: View,
    fmt: str,
    out: TextIO | None = None,
    saves: Saves | None = None,
    header: bool = False,
    color: str = "auto",
) -> None:
    out = out or sys.stdout
    if view.text is not None and fmt not in ("json", "yaml"):
        # CRLF line ends (RIS) are kept; any other control character is shown, not sent.
        text = "\r\n".join(safe(part) for part in view.text.split("\r\n"))
        if fmt == "table" and view.prose:
            text = wrapped(text)
        out.write(
            (hyperlinked(text) if links(out) else text) + ("" if text.endswith("\n") else "\n")
        )
        return
    width = columns() if (saves and (saves.svg or saves.html)) or fmt == "table" else None
    if saves and (saves.svg or saves.html):
        from .terminal import save

        save(view, saves._replace(width=saves.width or width))
    if view.is_empty():
        note(view.empty, fmt)
    if fmt == "table":
        if not view.is_empty():
            from .terminal import render

            render(view, out, color, width)
        return
    from .text import WRITERS, write_tsv

    if fmt == "tsv":
        write_tsv(view, out, header)
    elif not (fmt == "md" and view.is_empty()):
        WRITERS[fmt](view, out)
