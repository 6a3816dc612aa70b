"""Rich rendering for people at a terminal. The only module that imports Rich."""

from __future__ import annotations

import io
import re
from typing import TextIO

from rich import box
from rich.console import Console, RenderableType
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from .saving import write_atomically
from .view import END, MARK, URL, Column, Fields, Table, View, safe

# Bold and underlined as well as coloured, so a match still shows under NO_COLOR.
HIGHLIGHT = "bold underline black on yellow"
BAR_WIDTH = 6  # the longest bar: room at 80 columns for the longest theme name


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


def stacked(block: Table) -> RichTable:
    """Each row's cells one above the other, under their headers: for a narrow terminal."""
    grid = RichTable.grid(padding=(0, 2))
    grid.add_column(style="bold", no_wrap=True)
    grid.add_column(overflow="fold")
    if block.title:
        grid.title, grid.title_justify = Text(safe(block.title), style="bold"), "left"
    for row in block.rows:
        for column in block.columns:
            grid.add_row(Text(safe(column.header)), cell(row.get(column.key, ""), column))
    return grid


def table(block: Table, framed: bool, width: int) -> RichTable:
    if width < block.min_width:
        return stacked(block)
    rich_table = RichTable(
        title=Text(safe(block.title), style="bold") if block.title else None,
        title_justify="left",
        box=box.ROUNDED if framed else None,
        header_style="bold",
        # Groups of rows are set apart by lines; otherwise each row, when text wraps.
        show_lines=framed and not block.group and any(c.kind == "text" for c in block.columns),
        pad_edge=framed,
        expand=any(c.kind == "text" for c in block.columns),
    )
    most = max(
        (int(row.get(c.key) or 0) for row in block.rows for c in block.columns if c.kind == "bar"),
        default=0,
    )
    for column in block.columns:
        if column.kind == "bar":  # a bar keeps its length: it is the point of the column
            lines = [bar(int(row.get(column.key) or 0), most).plain for row in block.rows]
        else:
            lines = [line for row in block.rows for line in row.get(column.key, "").split("\n")]
        widest = max((len(line) for line in lines), default=0)
        rich_table.add_column(
            Text(safe(column.header)),
            no_wrap=column.kind in ("id", "number", "bar"),
            min_width=max(widest, len(column.header)) if column.kind in ("id", "bar") else None,
            justify="right" if column.kind == "number" else "left",
            overflow="fold",
            ratio=column.ratio if column.kind == "text" else None,
        )
    previous = None
    for row in block.rows:
        shown = row
        if block.group:
            if previous is not None and row[block.group] != previous:
                rich_table.add_section()
            shown = {**row, block.group: ""} if row[block.group] == previous else row
            previous = row[block.group]
        rich_table.add_row(*(cell(shown.get(c.key, ""), c, most) for c in block.columns))
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
        grid.title, grid.title_justify = Text(safe(block.title), style="bold"), "left"
    unwrapped: list[tuple[RenderableType, bool]] = []
    for label, value in block.pairs:
        if URL.search(value):
            unwrapped.append((Text.assemble((f"{label}: ", "bold"), linked(value)), True))
        else:
            grid.add_row(Text(safe(label)), Text(safe(value)))
    return [(grid, False), *unwrapped]


def renderables(view: View, framed: bool, width: int) -> list[tuple[RenderableType, bool]]:
    """What to print, each with whether it is printed unwrapped."""
    printed: list[tuple[RenderableType, bool]] = []
    for block in view.terminal_blocks():
        if isinstance(block, Table):
            printed.append((table(block, framed, width), False))
        else:
            printed += fields(block)
    return printed


def show(console: Console, view: View, framed: bool) -> None:
    for renderable, unwrapped in renderables(view, framed, console.width):
        console.print(renderable, soft_wrap=unwrapped)


def render(view: View, out: TextIO) -> None:
    """Print the view's blocks: framed and coloured on a terminal, plain columns elsewhere."""
    console = make_console(out)
    show(console, view, framed=console.is_terminal)


FONTS = '"Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace'


def svg_format() -> str:
    """Rich's SVG template with the fonts the machine has: no font (or anything) fetched."""
    from rich._export_format import CONSOLE_SVG_FORMAT

    without_downloads = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)
    without_links = re.sub(r"\s*<!--.*?-->", "", without_downloads, flags=re.S)
    return without_links.replace("font-family: Fira Code, monospace;", f"font-family: {FONTS};")


def save(view: View, svg: str | None, html: str | None, width: int | None = None) -> None:
    """Write the terminal view as a standalone SVG picture or an HTML document with tables."""
    if svg:
        console = make_console(io.StringIO(), record=True)
        if width:
            console.width = width
        show(console, view, framed=True)
        write_atomically(svg, console.export_svg(title="trilat", code_format=svg_format()))
    if html:
        from .html import document

        write_atomically(html, document(view))
