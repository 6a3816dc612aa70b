"""Output on streams that cannot show the texts' typography (PYTHONIOENCODING=ascii, old consoles)."""

from __future__ import annotations

import codecs
from typing import TextIO

HANDLER = "trilat-plain"
PLAIN = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u2013": "-",
    "\u2014": "--",
    "\u2026": "...",
    "\u00a0": " ",
    "\u2022": "*",
    "\u00b7": ".",
    "\u2588": "#",
}


def plain_replace(error: UnicodeError) -> tuple[str, int]:
    """Write curly quotes and dashes as their ASCII look-alikes, anything else as '?'."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    bad = error.object[error.start : error.end]
    return "".join(PLAIN.get(char, "?") for char in bad), error.end


def degrade_gracefully(*streams: TextIO) -> None:
    codecs.register_error(HANDLER, plain_replace)
    for stream in streams:
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors=HANDLER)
