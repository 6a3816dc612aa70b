"""What a command shows, independent of how: blocks for people, lines for pipes, data for scripts."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from ..corpus.fields import UNSAFE, shown

COLORS = ("auto", "always", "never")  # --color, as git, ripgrep and ls take it
# A URL ends at a backslash too: in safe text that starts a shown control character.
URL = re.compile(r"https?://[^\s<>\"\\]*[^\s<>\"\\.,;:!?)\]]")


def safe(text: str) -> str:
    """The one neutraliser: text from a corpus or a path, fit for a terminal.

    Control characters (ANSI escapes, OSC 0/52, C1 CSI among them), bidi controls and
    zero-width characters are shown as `\\x1b` or `\\u202e` instead of being sent. Every
    string from a corpus or a path passes here before a text format or a message shows it.
    """
    return UNSAFE.sub(lambda match: shown(match.group()), text)


def hyperlinked(text: str) -> str:
    """Text for a terminal, each URL made an OSC 8 hyperlink (shown as it is where not
    supported). Only for text already made safe: the escapes here are ours."""
    return URL.sub(
        lambda match: f"\x1b]8;;{match.group()}\x1b\\{match.group()}\x1b]8;;\x1b\\", text
    )


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
    marked: bool = False  # its cells come through marked(): MARK and END are matches


class Table(NamedTuple):
    columns: tuple[Column, ...]
    rows: list[dict[str, str]]
    title: str | None = None
    group: str | None = None  # a column whose runs of equal values read as blocks, named once
    min_width: int = 0  # on a narrower terminal, each row's cells stack one above the other
    by_column: bool = False  # stacked, a column's cells follow each other under its header


class Fields(NamedTuple):
    """Label/value pairs, such as one item's details."""

    pairs: list[tuple[str, str]]
    title: str | None = None


Block = Table | Fields


class Saves(NamedTuple):
    """What --save-svg and --save-html ask for, and what a saved page must not overwrite."""

    svg: str | None = None
    html: str | None = None
    width: int | None = None  # the picture's columns
    title: str = "trilat"  # the command, as a page's title
    corpus: tuple[str, ...] = ()  # the user's corpus paths: never written


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
    fields: tuple[str, ...] = ()  # a list's record keys, in order: CSV's header, --fields' names
    prose: bool = False  # `text` may wrap at spaces on a terminal (not BibTeX, RIS or CSL)

    def document_blocks(self) -> Sequence[Block]:
        return self.document() if self.document else [self.lines()]

    def terminal_blocks(self) -> Sequence[Block]:
        return self.terminal() if self.terminal else self.document_blocks()

    def is_empty(self) -> bool:
        return not self.lines().rows


def flatten(record: Mapping[str, Any]) -> dict[str, str]:
    """A record as text columns: lists joined by '; ', mappings as 'key: value; ...', a quote
    as its words and its paragraph, '... (para. 4)'."""

    def text(value: Any) -> str:
        if value is None:
            return ""
        if isinstance(value, Mapping) and value.keys() == {"para", "text"}:  # a quote
            return f"{value['text']}" + (f" (para. {value['para']})" if value["para"] else "")
        if isinstance(value, Mapping):
            return "; ".join(f"{key}: {text(entry)}" for key, entry in value.items())
        if isinstance(value, list | tuple):
            return "; ".join(text(entry) for entry in value)
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)

    return {key: text(value) for key, value in record.items()}


def fields_view(pairs: list[tuple[str, str]], data: dict[str, Any]) -> View:
    """One record in full: label/value pairs for people and pipes (one field a line), and
    its data for JSON."""
    lines = Table(
        (Column("field", "Field", "id"), Column("value", "Value")),
        [{"field": label, "value": value} for label, value in pairs],
    )
    return View(
        data=lambda: data,
        lines=lambda: lines,
        document=lambda: [Fields(pairs)],
        records=lambda: [flatten(data)],
    )


def with_fields(view: View, given: str) -> View:
    """The view narrowed to the record keys named (`--fields id,title`), in that order, in
    every format: JSON and YAML objects with those keys, and a column each elsewhere."""
    from ..errors import UnknownValue, UsageProblem

    if not view.fields:
        raise UsageProblem("--fields chooses the keys of a list's records; this is not a list")
    names = tuple(dict.fromkeys(name.strip() for name in given.split(",") if name.strip()))
    if not names:
        raise UsageProblem(f"--fields '{given}' names no field, e.g. --fields id,title")
    for name in names:
        if name not in view.fields:
            raise UnknownValue("field", name, view.fields)

    def data() -> list[dict[str, Any]]:
        return [{name: record[name] for name in names} for record in view.data()]

    def records() -> list[dict[str, str]]:
        return [flatten(record) for record in data()]

    columns = tuple(Column(name, name) for name in names)
    return view._replace(
        data=data,
        lines=lambda: Table(columns, records()),
        document=None,
        terminal=None,
        records=records,
        fields=names,
    )


def limited(view: View, limit: int) -> tuple[View, int]:
    """The view cut to its first `limit` rows in every form, and how many rows were cut."""
    total = len(view.lines().rows)
    if total <= limit:
        return view, 0

    def cut(blocks: Sequence[Block]) -> list[Block]:
        """The first table is the listing; what follows it (the sources) stays whole."""
        first = next(i for i, block in enumerate(blocks) if isinstance(block, Table))
        listing = blocks[first]
        assert isinstance(listing, Table)
        return [*blocks[:first], listing._replace(rows=listing.rows[:limit]), *blocks[first + 1 :]]

    document, terminal, records = view.document, view.terminal, view.records
    return view._replace(
        data=lambda: view.data()[:limit],
        lines=lambda: view.lines()._replace(rows=view.lines().rows[:limit]),
        document=document and (lambda: cut(document())),
        terminal=terminal and (lambda: cut(terminal())),
        records=records and (lambda: records()[:limit]),
    ), total - limit
