"""A view as a standalone HTML document: real tables that paste into a word processor.

Every piece of text is escaped; nothing is fetched from anywhere (no scripts, fonts or links).
"""

from __future__ import annotations

import re
from html import escape

from .view import Fields, Table, View, safe

STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
caption { text-align: left; font-weight: bold; padding-bottom: .4em; }
th, td { border: 1px solid #bbb; padding: .25em .6em; text-align: left; vertical-align: top; }
td.number { text-align: right; }
td.id, .id { white-space: nowrap; }
tbody + tbody { border-top: 2px solid #666; }
dl { display: grid; grid-template-columns: max-content auto; gap: .2em 1em; }
dt { font-weight: bold; }
dd { margin: 0; }
"""


# An id (h19-rec-4, tni-2021, south-korea): a browser may break a line at its hyphens, which
# would cut the id in two. Lower-case words joined by hyphens are kept whole.
HYPHENATED = re.compile(r"(?<![\w-])[a-z0-9]+(?:-[a-z0-9]+)+(?![\w-])")


def text(value: str) -> str:
    """Corpus text made harmless twice over: control characters shown, markup escaped; no
    line ever breaks at a hyphen within a word."""
    return "<br>".join(
        HYPHENATED.sub(r'<span class="id">\g<0></span>', escape(line))
        for line in safe(value).split("\n")
    )


CELL_CLASS = {"number": ' class="number"', "bar": ' class="number"', "id": ' class="id"'}


def table(block: Table) -> list[str]:
    parts = ["<table>"]
    if block.title:
        parts.append(f"<caption>{text(block.title)}</caption>")
    header = "".join(f"<th>{text(column.header)}</th>" for column in block.columns)
    parts.append(f"<thead><tr>{header}</tr></thead>")
    previous: str | None = None
    for index, row in enumerate(block.rows):
        value = row.get(block.group, "") if block.group else None
        if index == 0 or value != previous:
            parts.append(("</tbody>" if index else "") + "<tbody>")
        previous = value
        cells = "".join(
            f"<td{CELL_CLASS.get(c.kind, '')}>{text(row.get(c.key, ''))}</td>"
            for c in block.columns
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append(("</tbody>" if block.rows else "") + "</table>")
    return parts


def fields(block: Fields) -> list[str]:
    parts = [f"<h2>{text(block.title)}</h2>"] if block.title else []
    parts.append("<dl>")
    parts += [f"<dt>{text(label)}</dt><dd>{text(value)}</dd>" for label, value in block.pairs]
    parts.append("</dl>")
    return parts


def document(view: View, title: str = "trilat") -> str:
    """What the terminal shows, as a page: each block a table (or a list of label/value)."""
    body = [
        line
        for block in view.terminal_blocks()
        for line in (table(block) if isinstance(block, Table) else fields(block))
    ]
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f"<title>{escape(title)}</title>",
            f"<style>{STYLE}</style>",
            "</head>",
            "<body>",
            *body,
            "</body>",
            "</html>",
            "",
        ]
    )
