"""Writers for the formats scripts and documents read: JSON, YAML, CSV, Markdown, TSV."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..corpus.fields import UNSAFE, json_escaped
from .view import Fields, Table, View, one_line, safe


def can_encode(stream: TextIO, text: str) -> bool:
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def json_text(data: Any, ascii_only: bool = False, indent: bool = True) -> str:
    """JSON that shows no character a terminal would act on, and means the same."""
    layout: dict[str, Any] = {"indent": 2} if indent else {"separators": (",", ":")}
    return json_escaped(json.dumps(data, ensure_ascii=ascii_only, **layout))


def write_json(view: View, out: TextIO) -> None:
    """Indented for a person at a terminal, compact for a program (as the GitHub CLI does)."""
    # ASCII escapes keep JSON valid and lossless where the stream cannot show the texts.
    ascii_only = not can_encode(out, "\u201c\u2019\u2014")
    out.write(json_text(view.data(), ascii_only, out.isatty()) + "\n")


def yaml_text(data: Any, unicode: bool = True) -> str:
    """YAML that shows no character a terminal would act on, and means the same."""
    import yaml

    # libyaml's emitter where PyYAML has it: the same text, ten times as fast (a long draft)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    def dump(unicode: bool) -> str:
        text: str = yaml.dump(
            data, Dumper=dumper, allow_unicode=unicode, sort_keys=False, width=100
        )
        return text

    text = dump(unicode)
    # PyYAML writes bidi and zero-width characters as they are when it may write Unicode;
    # output that holds any is written again with every non-ASCII character escaped.
    return dump(False) if UNSAFE.search(text) else text


def write_yaml(view: View, out: TextIO) -> None:
    out.write(yaml_text(view.data(), can_encode(out, "\u201c\u2019\u2014")))


def write_tsv(view: View, out: TextIO, header: bool = False) -> None:
    """One record a line; with `header` (--header), a first line naming the columns."""
    lines = view.lines()
    keys = [column.key for column in lines.columns]
    if header:
        out.write("\t".join(keys) + "\n")
    for row in lines.rows:
        out.write("\t".join(one_line(row.get(key, "")) for key in keys) + "\n")


def write_csv(view: View, out: TextIO) -> None:
    import csv

    if view.records is not None:
        rows = view.records()
        keys = list(view.fields or dict.fromkeys(key for row in rows for key in row))
    else:
        lines = view.lines()
        rows, keys = lines.rows, [column.key for column in lines.columns]
    writer = csv.DictWriter(out, fieldnames=keys, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows({key: inert(safe(row.get(key, ""))) for key in keys} for row in rows)


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(cell: str) -> str:
    """A cell no spreadsheet runs as a formula: one that starts as a formula would
    (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP's
    guidance on CSV injection has it, and as a spreadsheet user types it to mean text."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def md_cell(text: str) -> str:
    """A table cell that Markdown shows literally: one line, every markup character escaped."""
    from ..citation import markdown_escaped

    return markdown_escaped(one_line(text)) or " "


def write_markdown(view: View, out: TextIO) -> None:
    parts: list[str] = []
    for block in view.document_blocks():
        lines = [f"## {md_cell(block.title)}", ""] if block.title else []
        if isinstance(block, Table):
            lines.append("| " + " | ".join(md_cell(c.header) for c in block.columns) + " |")
            lines.append("|" + "|".join("---" for _ in block.columns) + "|")
            lines += [
                "| " + " | ".join(md_cell(row.get(c.key, "")) for c in block.columns) + " |"
                for row in block.rows
            ]
        elif isinstance(block, Fields):
            lines += [f"- **{md_cell(label)}:** {md_cell(value)}" for label, value in block.pairs]
        parts.append("\n".join(lines))
    out.write("\n\n".join(parts) + "\n")


WRITERS: dict[str, Any] = {
    "json": write_json,
    "yaml": write_yaml,
    "csv": write_csv,
    "md": write_markdown,
    "tsv": write_tsv,
}
