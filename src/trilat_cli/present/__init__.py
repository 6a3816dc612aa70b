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


def wrapped(text: str) -> str:
    """Text for a terminal: each line wrapped at spaces to its width, never inside a word or
    a URL (a longer one stands on a line of its own)."""
    import shutil
    import textwrap

    width = max(shutil.get_terminal_size().columns, 20)
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
    if save_svg or save_html:
        from .terminal import save

        save(view, save_svg, save_html, save_width)
    if fmt == "table":
        if view.is_empty():
            print(f"trilat: {safe(view.empty)}", file=sys.stderr)
        else:
            from .terminal import render

            render(view, out)
        return
    from .text import WRITERS

    if fmt in ("tsv", "csv", "md") and view.is_empty():
        return
    WRITERS[fmt](view, out)
