"""What a command shows, independent of how: blocks for people, lines for pipes, data for scripts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

CONTROL = r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"


def safe(text: str) -> str:
    """Text with control characters (ANSI escapes among them) made visible and harmless."""
    return re.sub(CONTROL, lambda match: f"\\x{ord(match.group()):02x}", text)


MARK, END = "\ue000", "\ue001"  # around a matched word, in text meant for a terminal


def marked(text: str, marks: Sequence[tuple[int, int]]) -> str:
    """Text with MARK ... END around each span, for the terminal to show in HIGHLIGHT."""
    text = text.replace(MARK, "\ufffd").replace(END, "\ufffd")
    for start, end in sorted(marks, reverse=True):
        text = text[:start] + MARK + text[start:end] + END + text[end:]
    return text


def one_line(text: str) -> str:
    """A value fit for one tab-separated field: no tabs, no line breaks."""
    return " ".join(safe(text).replace("\t", " ").split())


class Column(NamedTuple):
    key: str
    header: str
    kind: str = "text"  # "id" (never wrapped or cut), "text", "number" or "bar"
    ratio: int = 1  # a text column's share of the width left over on a terminal
    lead: bool = False  # on a terminal, the first line of a cell stands out (a title over its text)
    palette: tuple[tuple[str, str], ...] = ()  # on a terminal, a style for given cell values


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: list[dict[str, str]]
    title: str | None = None


class Fields(NamedTuple):
    """Label/value pairs, such as one item's details."""

    pairs: list[tuple[str, str]]
    title: str | None = None


Block = Table | Fields


class View(NamedTuple):
    """One command's answer, in every form; each form is built only when asked for.

    `data` gives the JSON/YAML contract; `lines` the record-per-line form for pipes (TSV,
    CSV); `document` what a Markdown memo shows, by default `lines`; `terminal` what a
    person at a terminal sees, by default `document`; `records` flat rows for CSV where they
    carry more than `lines`. Each is a function, so that a thousand search hits written as
    JSON never also become table rows, cards and CSV records.
    """

    data: Callable[[], Any]
    lines: Callable[[], Table]
    document: Callable[[], Sequence[Block]] | None = None
    terminal: Callable[[], Sequence[Block]] | None = None
    records: Callable[[], list[dict[str, str]]] | None = None
    empty: str = "nothing matches"
    text: str | None = None  # text to paste as it is (a citation): every format but JSON/YAML

    def document_blocks(self) -> Sequence[Block]:
        return self.document() if self.document else [self.lines()]

    def terminal_blocks(self) -> Sequence[Block]:
        return self.terminal() if self.terminal else self.document_blocks()

    def is_empty(self) -> bool:
        return not self.lines().rows


def flatten(record: Mapping[str, Any]) -> dict[str, str]:
    """A record as text columns: lists joined by '; ', mappings as 'key: value; ...'."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Mapping):
            return "; ".join(f"{key}: {text(entry)}" for key, entry in value.items())
        if isinstance(value, list | tuple):
            return "; ".join(text(entry) for entry in value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return {key: text(value) for key, value in record.items()}
