"""Rich rendering for people at a terminal. The only module that imports Rich."""

from __future__ import annotations

import io
import re
from typing import TextIO

from rich import box
from rich.console import Console, Group
from rich.table import Table as RichTable
from rich.text import Text

from .view import END, MARK, Column, Fields, Table, View, safe

# Bold and underlined as well as coloured, so a match still shows under NO_COLOR.
HIGHLIGHT = "bold underline black on yellow"
BAR_WIDTH = 16


def make_console(out: TextIO, record: bool = False) -> Console:
    """A console that never interprets corpus text as markup. (Rich itself honours NO_COLOR.)"""
    return Console(
        file=out,
        markup=False,
        highlight=False,
        emoji=False,
        record=record,
        soft_wrap=False,
    )


def bar(count: int, most: int) -> Text:
    """A count as a bar scaled so the column's largest count fills BAR_WIDTH cells."""
    if not count:
        return Text("\u00b7", style="dim")
    length = max(1, round(count * min(1.0, BAR_WIDTH / most)))
    return Text("\u2588" * length + f" {count}")


def styled(value: str, style: str) -> Text:
    """Text made harmless, with the spans between MARK and END in the HIGHLIGHT style."""
    text = Text(style=style)
    highlighted = False
    for piece in re.split(f"([{MARK}{END}])", safe(value)):
        if piece in (MARK, END):
            highlighted = piece == MARK
        else:
            text.append(piece, HIGHLIGHT if highlighted else None)
    return text


def cell(value: str, column: Column, most: int = 0) -> Text:
    if column.kind == "bar":
        return bar(int(value or 0), most)
    text = styled(value, dict(column.palette).get(value, ""))
    if column.lead or column.kind == "id":
        first = text.plain.partition("\n")[0]
        text.stylize("bold" if column.lead else "", 0, len(first))
        text.stylize("" if column.lead else "dim", len(first), len(text))
    return text


def table(block: Table, framed: bool) -> RichTable:
    rich_table = RichTable(
        title=Text(block.title, style="bold") if block.title else None,
        box=box.ROUNDED if framed else None,
        header_style="bold",
        show_lines=framed and any(c.kind == "text" for c in block.columns),
        pad_edge=framed,
        expand=any(c.kind == "text" for c in block.columns),
    )
    for column in block.columns:
        widest = max(
            (len(line) for row in block.rows for line in row.get(column.key, "").split("\n")),
            default=0,
        )
        rich_table.add_column(
            column.header,
            no_wrap=column.kind in ("id", "number"),
            min_width=max(widest, len(column.header)) if column.kind == "id" else None,
            justify="right" if column.kind == "number" else "left",
            overflow="fold",
            ratio=column.ratio if column.kind == "text" else None,
        )
    most = max(
        (int(row.get(c.key) or 0) for row in block.rows for c in block.columns if c.kind == "bar"),
        default=0,
    )
    for row in block.rows:
        rich_table.add_row(*(cell(row.get(c.key, ""), c, most) for c in block.columns))
    return rich_table


def fields(block: Fields) -> RichTable:
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if block.title:
        grid.title = Text(block.title, style="bold")
    for label, value in block.pairs:
        grid.add_row(Text(label), Text(safe(value)))
    return grid


def renderable(view: View, framed: bool) -> Group:
    return Group(
        *(
            table(block, framed) if isinstance(block, Table) else fields(block)
            for block in view.terminal_blocks()
        )
    )


def render(view: View, out: TextIO) -> None:
    """Print the view's blocks: framed and coloured on a terminal, plain columns elsewhere."""
    console = make_console(out)
    console.print(renderable(view, framed=console.is_terminal))


def save(view: View, svg: str | None, html: str | None) -> None:
    """Write the table view as a standalone SVG or HTML file, for slides and memos."""
    console = make_console(io.StringIO(), record=True)
    console.print(renderable(view, framed=True))
    if svg:
        console.save_svg(svg, title="trilat", clear=False)
    if html:
        console.save_html(html, clear=False)
