"""Reading trilat's saved pictures back, as a person sees them."""

from __future__ import annotations


def svg_text(root) -> str:
    """What a saved SVG picture shows, as lines of text: each word at its column (trilat
    places every word by itself; see present/picture.py)."""
    from trilat_cli.present.picture import BASELINE, CHAR_WIDTH, LINE_HEIGHT

    lines: dict[int, dict[int, str]] = {}
    for element in root.iter("{http://www.w3.org/2000/svg}text"):
        if "clip-path" not in element.attrib:  # the title bar
            continue
        row = round((float(element.attrib["y"]) - BASELINE) / LINE_HEIGHT)
        column = round(float(element.attrib["x"]) / CHAR_WIDTH)
        lines.setdefault(row, {})[column] = (element.text or "").replace("\xa0", " ")
    shown = []
    for row in sorted(lines):
        line = ""
        for column, word in sorted(lines[row].items()):
            line = line.ljust(column) + word
        shown.append(line)
    return "\n".join(shown)
