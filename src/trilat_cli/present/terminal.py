"""Rich rendering for people at a terminal. The only module that imports Rich."""

from __future__ import annotations

import io
import re
import sys
from collections.abc import Sequence
from typing import Any, TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.style import Style
from rich.table import Table as RichTable
from rich.text import Text

from .view import END, MARK, URL, Column, Fields, Saves, Table, View, marked, safe

# Bold and underlined as well as coloured, so a match still shows under NO_COLOR.
HIGHLIGHT = "bold underline black on yellow"
BAR_WIDTH = 6  # the longest bar: room at 80 columns for the longest theme name
TEXT_MIN = 12  # the narrowest a text column reads in, two words a line
INDENT = 2  # a value under its label, when the terminal is too narrow for it beside


def make_console(
    out: TextIO, record: bool = False, color: str = "auto", width: int | None = None
) -> Console:
    """A console that never interprets corpus text as markup.

    `color` is --color: auto leaves it to Rich (colour on a terminal that is not dumb; under
    NO_COLOR no colour, but bold and underline; FORCE_COLOR makes stdout a terminal); always
    colours even in a pipe or under NO_COLOR; never writes no escape at all, as git and
    ripgrep do. `width`: COLUMNS as checked (present.columns()), None for Rich's own."""
    settings: dict[str, Any] = {
        "file": out,
        "width": width,
        "markup": False,
        "highlight": False,
        "emoji": False,
        "record": record,
        "soft_wrap": False,
    }
    if color == "never":
        return Console(**settings, color_system=None)
    console = Console(**settings, no_color=False if color == "always" else None)
    if color == "always" and console.color_system is None:  # a pipe or a dumb terminal
        console = Console(**settings, no_color=False, color_system="standard")
    return console


EIGHTHS = " \u258f\u258e\u258d\u258c\u258b\u258a\u2589"  # 0/8 to 7/8 of a cell, left-aligned


def bar(count: int, most: int) -> Text:
    """A count as a bar in eighths of a cell: one item a cell while the largest count fits
    BAR_WIDTH cells, else scaled so that it fills them. In eighths, counts up to 8 x
    BAR_WIDTH apart never draw alike (1 and 2 of 9 are 5/8 and 1 3/8 cells)."""
    if not count:
        return Text("\u00b7", style="dim")
    eighths = max(1, round(8 * count * min(1.0, BAR_WIDTH / most)))
    whole, part = divmod(eighths, 8)
    return Text("\u2588" * whole + EIGHTHS[part].strip() + f" {count}")


def styled(value: str, style: str, marks: bool = False) -> Text:
    """Text made harmless, with the spans between MARK and END in the HIGHLIGHT style where
    the text comes through marked(); elsewhere the corpus's own MARK or END is no mark."""
    value = value if marks else marked(value, ())
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
    text = styled(value, dict(column.palette).get(value, ""), column.marked)
    if column.lead or column.kind == "id":
        first = text.plain.partition("\n")[0]
        text.stylize("bold" if column.lead else "", 0, len(first))
        text.stylize("" if column.lead else "dim", len(first), len(text))
    return text


def longest_word(text: str) -> int:
    """What a column must hold for no word of `text` to be cut. A URL is left out: no
    column holds one, and a value with a URL is printed on a line of its own, unwrapped."""
    return max((cell_len(word) for word in text.split() if "://" not in word), default=0)


def largest(block: Table) -> int:
    """The largest count in the table's bar columns: the one whose bar is longest."""
    return max(
        (int(row.get(c.key) or 0) for row in block.rows for c in block.columns if c.kind == "bar"),
        default=0,
    )


def needs(block: Table, column: Column, most: int) -> int:
    """The width a column needs to show every value whole: an id, count or bar its widest
    line; text its longest word, and no less than TEXT_MIN, to read as text."""
    shown = [
        column.header,
        *(cell(row.get(column.key, ""), column, most).plain for row in block.rows),
    ]
    if column.kind == "text":
        return max(TEXT_MIN, *(longest_word(text) for text in shown))
    return max(cell_len(line) for text in shown for line in text.split("\n"))


def fits(block: Table, framed: bool, width: int, needed: Sequence[int]) -> bool:
    """Whether the columns side by side each get what they need: the text columns share
    what the others leave, by their ratios (as Rich shares it)."""
    count = len(block.columns)
    edges = 3 * count + 1 if framed else 2 * count - 2  # borders and padding
    text = [
        (c.ratio, need) for c, need in zip(block.columns, needed, strict=True) if c.kind == "text"
    ]
    left = width - edges - sum(needed) + sum(need for _, need in text)
    ratios = sum(ratio for ratio, _ in text)
    return left >= 0 and all(left * ratio // ratios >= need for ratio, need in text)


Printed = list[tuple[RenderableType, bool]]  # what to print, each with whether it is unwrapped


def labelled(rows: Sequence[Sequence[tuple[str, Text]]], title: Text | None, width: int) -> Printed:
    """Rows of label/value pairs, a blank line apart: each value beside its label where the
    value gets TEXT_MIN cells and room for its longest word, else under its label, indented.
    A value that is one word longer than that room (an id) overflows: it is never split."""
    labels = max((cell_len(safe(label)) for row in rows for label, _ in row), default=0)
    need = max([TEXT_MIN, *(longest_word(value.plain) for row in rows for _, value in row)])
    if labels + 2 + need <= width:  # 2: the gap between label and value
        grid = RichTable.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        if title:
            grid.title, grid.title_justify = title, "left"
        for index, row in enumerate(rows):
            if index:
                grid.add_row()
            for label, value in row:
                grid.add_row(Text(safe(label)), value)
        return [(grid, False)]
    printed: Printed = [(title, False)] if title else []
    for index, row in enumerate(rows):
        if index:
            printed.append((Text(), False))
        for label, value in row:
            printed += [(Text(safe(label), style="bold"), False), under(value, width)]
    return printed


def under(value: Text, width: int) -> tuple[RenderableType, bool]:
    """A value under its label, indented. A word too long for the indented room (an id) is
    never split: the value is wrapped here between words, and that word runs past the line."""
    room = width - INDENT
    if longest_word(value.plain) <= room:
        return Padding(hanging(value), (0, 0, 0, INDENT)), False
    lines = [
        piece.copy()
        for line in value.split("\n")
        for piece in line.divide(between_words(line.plain, room))
    ]
    for line in lines:
        line.rstrip()
    return Text("\n").join(Text(" " * INDENT) + line for line in lines), True


def between_words(line: str, room: int) -> list[int]:
    """Where to break a line so that each piece fits `room` cells, or is one long word."""
    breaks, used = [], 0
    for word in re.finditer(r"\S+\s*", line):
        if used and used + cell_len(word.group().rstrip()) > room:
            breaks.append(word.start())
            used = 0
        used += cell_len(word.group())
    return breaks


class Hanging:
    """A cell whose wrapped lines keep the indent of the line they continue: a bullet's text
    hangs under its first word, an indented quote stays indented. (Rich has no hanging
    indent: each line is wrapped here, at the width Rich gives the cell.)"""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = []
        for line in self.text.split("\n"):
            lead = len(line.plain) - len(line.plain.lstrip(" "))
            hang = 2 if line.plain.startswith("\u2022 ") else lead
            body = line[lead:].wrap(console, max(1, options.max_width - hang), overflow="fold")
            lines += [Text(" " * (hang if n else lead)) + part for n, part in enumerate(body)]
        yield Text("\n").join(lines)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.text)


def hanging(text: Text) -> RenderableType:
    """The text, as Hanging where a line of it is indented or bulleted."""
    lines = text.plain.split("\n")
    return Hanging(text) if any(line.startswith((" ", "\u2022 ")) for line in lines) else text


def by_column(block: Table, width: int) -> Printed:
    """Each column's cells one after another under its header: one text, then the next."""
    printed: Printed = [(Text(safe(block.title), style="bold"), False)] if block.title else []
    for column in block.columns:
        printed += [(Text(), False), (Text(safe(column.header), style="bold"), False)]
        printed += [
            under(cell(row[column.key], column), width) for row in block.rows if row.get(column.key)
        ]
    return printed


def stacked(block: Table, width: int) -> Printed:
    """Each row's cells one above the other, by their headers, for a terminal too narrow for
    the columns side by side. A group's value heads its rows once; an empty cell is left out."""
    if block.by_column:
        return by_column(block, width)
    most = largest(block)
    runs: list[tuple[str, list[list[tuple[str, Text]]]]] = []  # rows by their group's value
    for row in block.rows:
        group = row[block.group] if block.group else ""
        if not runs or runs[-1][0] != group:
            runs.append((group, []))
        runs[-1][1].append(
            [
                (c.header, cell(row[c.key], c, most))
                for c in block.columns
                if c.key != block.group and row.get(c.key)
            ]
        )
    printed: Printed = [(Text(safe(block.title), style="bold"), False)] if block.title else []
    for index, (group, rows) in enumerate(runs):
        if index:
            printed.append((Text(), False))
        if block.group:
            heading = cell(group, next(c for c in block.columns if c.key == block.group))
            heading.stylize("bold")
            printed.append((heading, False))
        printed += labelled(rows, None, width)
    return printed


def table(block: Table, framed: bool, width: int) -> Printed:
    most = largest(block)
    needed = [needs(block, column, most) for column in block.columns]
    if width < block.min_width or not fits(block, framed, width, needed):
        return stacked(block, width)
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
    for column, need in zip(block.columns, needed, strict=True):
        rich_table.add_column(
            Text(safe(column.header)),
            no_wrap=column.kind in ("id", "number", "bar"),
            min_width=need if column.kind in ("id", "bar") else None,
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
        rich_table.add_row(*(hanging(cell(shown.get(c.key, ""), c, most)) for c in block.columns))
    return [(rich_table, False)]


def linked(value: str) -> Text:
    """A value whose URLs are links where the terminal can show them."""
    text = Text(safe(value))
    for match in URL.finditer(text.plain):
        text.stylize(Style(link=match.group()), *match.span())
    return text


def fields(block: Fields, width: int) -> Printed:
    """Label/value pairs; a value with a URL on a line of its own after them, never wrapped,
    so that no URL is broken (the terminal shows the whole line)."""
    title = Text(safe(block.title), style="bold") if block.title else None
    pairs = [(label, Text(safe(value))) for label, value in block.pairs if not URL.search(value)]
    unwrapped: Printed = [
        (Text.assemble((f"{label}: ", "bold"), linked(value)), True)
        for label, value in block.pairs
        if URL.search(value)
    ]
    return [*labelled([pairs], title, width), *unwrapped]


def renderables(view: View, framed: bool, width: int) -> Printed:
    """What to print, each with whether it is printed unwrapped."""
    printed: Printed = []
    for block in view.terminal_blocks():
        if isinstance(block, Table):
            printed += table(block, framed, width)
        else:
            printed += fields(block, width)
    return printed


def show(console: Console, view: View, framed: bool) -> None:
    for renderable, unwrapped in renderables(view, framed, console.width):
        console.print(renderable, soft_wrap=unwrapped)


def render(view: View, out: TextIO, color: str = "auto", width: int | None = None) -> None:
    """Print the view's blocks: framed and coloured on a terminal, plain columns elsewhere.

    A dumb terminal (TERM=dumb: an editor's shell, a serial line) gets no box drawing."""
    console = make_console(out, color=color, width=width)
    show(console, view, framed=console.is_terminal and not console.is_dumb_terminal)


# A monospace font that each system has: Linux (DejaVu, Liberation, Noto), macOS (Menlo,
# SF Mono), Windows (Consolas, Cascadia Mono); the generic name last. DejaVu comes first:
# CairoSVG takes only the first name, and DejaVu Sans Mono is on nearly every Linux.
FONTS = (
    '"DejaVu Sans Mono", Menlo, "SF Mono", Consolas, "Cascadia Mono", "Liberation Mono", '
    '"Noto Sans Mono", "Courier New", monospace'
)


def svg_format() -> str:
    """Rich's SVG template with the fonts the machine has: no font (or anything) fetched.

    The template is the documented default of `Console.export_svg`'s `code_format`.
    """
    from inspect import signature

    template = signature(Console.export_svg).parameters["code_format"].default
    without_downloads = re.sub(r"\s*@font-face \{\{.*?\}\}", "", template, flags=re.S)
    without_links = re.sub(r"\s*<!--.*?-->", "", without_downloads, flags=re.S)
    return without_links.replace("font-family: Fira Code, monospace;", f"font-family: {FONTS};")


def svg_pages(view: View, width: int | None, title: str) -> list[str]:
    """The terminal view as SVG pictures of a slide's height at most (PAGE_HEIGHT): one, or
    the lines split into pages."""
    from .picture import PAGE_LINES, drawn_frames

    console = make_console(io.StringIO(), record=True)
    if width:
        console.width = width
    show(console, view, framed=True)
    lines = console.export_text(styles=True).rstrip("\n").split("\n")
    pages = []
    for start in range(0, len(lines), PAGE_LINES):
        page = make_console(io.StringIO(), record=True)
        page.width = console.width
        page.print(Text.from_ansi("\n".join(lines[start : start + PAGE_LINES])), soft_wrap=True)
        pages.append(drawn_frames(page.export_svg(title=title, code_format=svg_format())))
    return pages


def save(view: View, saves: Saves) -> None:
    """Write the terminal view as standalone SVG pictures or an HTML document with tables."""
    from .saving import check_targets, write_atomically  # tempfile: only when saving

    if saves.svg:
        from .picture import page_names

        pages = svg_pages(view, saves.width, saves.title)
        names = page_names(saves.svg, len(pages))
        check_targets(names[1:], saves.corpus)
        for name, page in zip(names, pages, strict=True):
            write_atomically(name, page)
        if len(pages) > 1:
            print(
                f"trilat: {len(pages)} pages, each at most a slide's height: {', '.join(names)}",
                file=sys.stderr,
            )
    if saves.html:
        from .html import document

        write_atomically(saves.html, document(view, saves.title))
