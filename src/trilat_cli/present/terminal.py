"""Rich rendering for people at a terminal. The only module that imports Rich."""

from __future__ import annotations

import io
from typing import TextIO

from rich import box
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from .view import URL, Column, Fields, Table, View, safe

HIGHLIGHT = "bold black on yellow"
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


def cell(value: str, column: Column, terms: tuple[str, ...], most: int = 0) -> Text:
    if column.kind == "bar":
        return bar(int(value or 0), most)
    text = Text(safe(value), style=dict(column.palette).get(value, ""))
    if column.lead or column.kind == "id":
        first = text.plain.partition("\n")[0]
        text.stylize("bold" if column.lead else "", 0, len(first))
        text.stylize("" if column.lead else "dim", len(first), len(text))
    if terms and column.kind == "text":
        text.highlight_words(terms, HIGHLIGHT, case_sensitive=False)
    return text


def table(block: Table, terms: tuple[str, ...], framed: bool) -> RichTable:
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
        rich_table.add_row(*(cell(row.get(c.key, ""), c, terms, most) for c in block.columns))
    return rich_table


def linked(value: str) -> Text:
    """A value whose URLs are links where the terminal can show them."""
    text = Text(safe(value))
    for match in URL.finditer(text.plain):
        text.stylize(Style(link=match.group()), *match.span())
    return text


def fields(block: Fields) -> list[tuple[RenderableType, bool]]:
    """Label/value pairs in a grid; a value with a URL on a line of its own after it, never
    wrapped, so that no URL is broken (the terminal shows the whole line)."""
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if block.title:
        grid.title = Text(block.title, style="bold")
    unwrapped: list[tuple[RenderableType, bool]] = []
    for label, value in block.pairs:
        if URL.search(value):
            unwrapped.append((Text.assemble((f"{label}: ", "bold"), linked(value)), True))
        else:
            grid.add_row(Text(label), Text(safe(value)))
    return [(grid, False), *unwrapped]


def renderables(view: View, framed: bool) -> list[tuple[RenderableType, bool]]:
    """What to print, each with whether it is printed unwrapped."""
    printed: list[tuple[RenderableType, bool]] = []
    for block in view.terminal_blocks():
        if isinstance(block, Table):
            printed.append((table(block, view.highlight, framed), False))
        else:
            printed += fields(block)
    return printed


def show(console: Console, view: View, framed: bool) -> None:
    for renderable, unwrapped in renderables(view, framed):
        console.print(renderable, soft_wrap=unwrapped)


def render(view: View, out: TextIO) -> None:
    """Print the view's blocks: framed and coloured on a terminal, plain columns elsewhere."""
    console = make_console(out)
    show(console, view, framed=console.is_terminal)


def save(view: View, svg: str | None, html: str | None) -> None:
    """Write the table view as a standalone SVG or HTML file, for slides and memos."""
    console = make_console(io.StringIO(), record=True)
    show(console, view, framed=True)
    if svg:
        console.save_svg(svg, title="trilat", clear=False)
    if html:
        console.save_html(html, clear=False)
