"""From a command's View to the bytes on stdout, in the format asked for or fitting the stream."""

from __future__ import annotations

import sys
from typing import TextIO

from ..errors import UsageProblem
from ..query import resolve_choice
from .view import View, hyperlinked, safe

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


def links(out: TextIO) -> bool:
    """Hyperlinks for a terminal that is not a dumb one, as Rich decides for tables."""
    import os

    return out.isatty() and os.environ.get("TERM", "") not in ("dumb", "unknown")


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
    save_svg: str | None = None,
    save_html: str | None = None,
    save_width: int | None = None,
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
    width = columns() if save_svg or save_html or fmt == "table" else None
    if save_svg or save_html:
        from .terminal import save

        save(view, save_svg, save_html, save_width or width)
    if fmt == "table":
        if view.is_empty():
            print(f"trilat: {safe(view.empty)}", file=sys.stderr)
        else:
            from .terminal import render

            render(view, out, width)
        return
    from .text import WRITERS

    if fmt in ("tsv", "csv", "md") and view.is_empty():
        return
    WRITERS[fmt](view, out)
