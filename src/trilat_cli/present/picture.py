"""SVG pictures that any renderer draws alike, a slide's height at most.

Rich writes box drawing as text, and a frame's lines meet only where the font's glyphs fill
the line's height (in browsers, with some fonts); rsvg-convert and CairoSVG leave gaps. Here
each box-drawing character becomes lines drawn edge to edge of its cell, so a frame meets in
every renderer, whatever the font.
"""

from __future__ import annotations

import re
from html import escape, unescape

# Rich's SVG geometry (Console.export_svg): 20 px characters, 0.61 as wide, lines 1.22 high.
CHAR_WIDTH, LINE_HEIGHT, BASELINE, LINE_TOP = 20 * 0.61, 20 * 1.22, 20, 1.5
# Rich adds 50 px of padding, margin and title bar to the lines: 47 lines are 1,196.8 px.
PAGE_HEIGHT = 1200
PAGE_LINES = int((PAGE_HEIGHT - 50) // LINE_HEIGHT)

# Which edges of its cell each box-drawing character reaches (Rich's rounded box).
EDGES = {
    "\u2500": "lr",
    "\u2502": "ud",
    "\u256d": "rd",
    "\u256e": "ld",
    "\u2570": "ru",
    "\u256f": "lu",
    "\u251c": "udr",
    "\u2524": "udl",
    "\u252c": "lrd",
    "\u2534": "lru",
    "\u253c": "lrud",
}
TEXT = re.compile(r'<text class="([^"]+)" x="([\d.]+)" y="([\d.]+)"([^>]*)>([^<]*)</text>')
FILL = re.compile(r"\.([\w-]+) \{[^}]*?fill: (#[0-9a-fA-F]{6})")


def cell_path(column: int, row: int, char: str) -> str:
    """Lines from the cell's centre to each edge the character reaches."""
    left, top = column * CHAR_WIDTH, row * LINE_HEIGHT + LINE_TOP
    middle_x, middle_y = left + CHAR_WIDTH / 2, top + LINE_HEIGHT / 2
    ends = {
        "l": f"H{left:g}",
        "r": f"H{left + CHAR_WIDTH:g}",
        "u": f"V{top:g}",
        "d": f"V{top + LINE_HEIGHT:g}",
    }
    return "".join(f"M{middle_x:g} {middle_y:g}{ends[edge]}" for edge in EDGES[char])


def drawn_frames(svg: str) -> str:
    """The SVG with every box-drawing character drawn as lines in its text's colour, and
    each word placed at its own column: renderers differ on spaces and glyph widths, so no
    run of text carries a column's position to the next."""
    fills = dict(FILL.findall(svg))

    def redraw(match: re.Match[str]) -> str:
        style, x, y, rest, content = match.groups()
        chars = unescape(content).replace("\u00a0", " ")
        first, row = round(float(x) / CHAR_WIDTH), round((float(y) - BASELINE) / LINE_HEIGHT)
        path = "".join(
            cell_path(first + offset, row, char)
            for offset, char in enumerate(chars)
            if char in EDGES
        )
        line = (
            f'<path d="{path}" stroke="{fills.get(style, "#c5c8c6")}" stroke-width="1.5" '
            'fill="none" shape-rendering="crispEdges"/>'
            if path
            else ""
        )
        kept = "".join(" " if char in EDGES else char for char in chars)
        words = [
            f'<text class="{style}" x="{(first + word.start()) * CHAR_WIDTH:g}" y="{y}"'
            + re.sub(
                r'textLength="[\d.]+"', f'textLength="{CHAR_WIDTH * len(word.group()):g}"', rest
            )
            + f">{escape(word.group())}</text>"
            for word in re.finditer(r"\S+", kept)
        ]
        return "".join(words) + line

    return TEXT.sub(redraw, svg)


def page_names(path: str, count: int) -> list[str]:
    """Where each page goes: the path asked for, then name-2.svg, name-3.svg, ... beside it."""
    from pathlib import Path

    first = Path(path)
    return [path] + [str(first.with_stem(f"{first.stem}-{n}")) for n in range(2, count + 1)]
