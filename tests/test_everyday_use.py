"""Everyday use, round three (issue 27): a real terminal, real readers of the files.

Where a terminal matters the command runs on a pseudo-terminal; files are read back by the
programs people open them with (the csv module, pandas where installed, a browser where
Chromium is installed, rsvg-convert and CairoSVG where installed).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import struct
import subprocess
import zlib
from itertools import pairwise
from pathlib import Path

import pytest

from trilat_cli.corpus.model import Corpus

from .process import at_terminal, stderr_at_terminal

ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]")
SGR = re.compile(r"\x1b\[([0-9;]*)m")
BOX = re.compile("[\u2500-\u257f]")


def plain(shown: str) -> list[str]:
    return ESCAPES.sub("", shown).replace("\r\n", "\n").splitlines()


# ---- at a terminal ---------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_a_dumb_terminal_gets_no_pager_and_no_box_drawing(corpus: Corpus) -> None:
    """less on TERM=dumb stops at "WARNING: terminal is not fully functional"."""
    code, shown = at_terminal("flashpoints", env={"TERM": "dumb"}, rows=10)
    assert code == 0
    assert "not fully functional" not in shown and not BOX.search(shown)
    flash = [item.id for item in corpus.items.values() if item.kind == "flashpoint"]
    assert all(item in shown for item in flash)
    assert not SGR.search(shown)  # and no colour, as Rich gives a dumb terminal


def test_compare_theme_stacks_the_texts_at_80_columns_and_keeps_indents(corpus: Corpus) -> None:
    code, shown = at_terminal("--no-pager", "compare", "--theme", "china", columns=80)
    lines = plain(shown)
    assert code == 0 and all(len(line) <= 80 for line in lines)
    first, second = lines.index("2019"), lines.index("2021")  # one text, then the other
    ids = {item.id: item.report for item in corpus.items.values() if "china" in item.themes}
    for item, report in ids.items():
        at = next(i for i, line in enumerate(lines) if f"\u2022 {item}:" in line)
        assert (first < at < second) == (report == "hudson-2019"), item
    # a quote wrapped over lines keeps its indent: no continuation runs into the bullets
    quoting, indent = False, 0
    for line in lines:
        if not quoting and line.lstrip().startswith("\u201c"):
            quoting, indent = True, len(line) - len(line.lstrip())
        elif quoting:
            assert len(line) - len(line.lstrip()) == indent, line
        if quoting and line.rstrip().endswith("\u201d"):
            quoting = False


def test_compare_theme_is_side_by_side_a_row_per_item_on_a_wide_terminal(corpus) -> None:
    code, shown = at_terminal("--no-pager", "compare", "--theme", "cyber", columns=120)
    lines = plain(shown)
    assert code == 0 and all(len(line) <= 120 for line in lines)
    assert any("h19-rec-4" in line and "t21-element-3" in line for line in lines)
    assert any("Note (ours)" in line and line.count("Note (ours)") == 2 for line in lines)


def test_themes_at_80_columns_give_the_id_beside_the_name(corpus: Corpus) -> None:
    code, shown = at_terminal("--no-pager", "themes", columns=80, rows=200)
    lines = plain(shown)
    assert code == 0 and len(lines) <= 100  # 134 with an id column of its own
    for theme in corpus.themes.values():
        assert any(f"({theme.id})" in line for line in lines), theme.id
    assert "2019" in lines[1] and "hudson-2019" not in lines[1]  # bars headed by year


def test_timeline_shows_each_date_at_its_precision_without_a_precision_line() -> None:
    code, shown = at_terminal("--no-pager", "timeline", columns=80, rows=200)
    lines = plain(shown)
    assert code == 0
    cells = [line.split("\u2502")[1].strip() for line in lines if line.startswith("\u2502")]
    assert {"2019-08-02", "2019-10", "1910\u20131945", "2017\u20132021"} <= set(cells)
    assert not {"day", "month", "year"} & set(cells)


def colours(shown: str) -> set[str]:
    """The foreground and background colour codes of every SGR sequence."""
    found = set()
    for params in SGR.findall(shown):
        codes = params.split(";")
        for index, value in enumerate(codes):
            if value in ("38", "48") and index + 2 < len(codes) and codes[index + 1] == "5":
                found.add(f"{value};5;{codes[index + 2]}")
            elif value.isdigit() and (30 <= int(value) <= 49 or 90 <= int(value) <= 107):
                found.add(value)
    return found


def test_compare_statuses_are_coloured_neither_red_nor_green() -> None:
    code, shown = at_terminal("--no-pager", "compare", columns=100)
    assert code == 0 and "only in 2019" in ESCAPES.sub("", shown)
    used = colours(shown)
    red_green = {"31", "32", "91", "92", "38;5;1", "38;5;2", "38;5;9", "38;5;10"}
    assert used and not used & red_green, used
    statuses = [
        re.search(rf"((?:\x1b\[[0-9;]*m)+){status}", shown)
        for status in ("in both", "only in 2021", "only in 2019")
    ]
    styles = {match.group(1) for match in statuses if match}
    assert len(styles) == 3  # each status its own look


BAR = re.compile(r"([\u2588-\u258f]+) (\d+)")


@pytest.mark.parametrize("command", ["compare", "themes", "actors"])
def test_bars_of_different_counts_differ(invoke, command: str) -> None:
    """Bars in eighths of a cell: 1 and 2, 4 and 5 never draw alike, and longer is more."""
    out = invoke(command, "-f", "table", env={"COLUMNS": "120"}).stdout
    bars: dict[int, set[float]] = {}
    for drawn, count in BAR.findall(out):
        eighths = 8 * drawn.count("\u2588") + sum(
            8 - (ord(char) - 0x2588) for char in drawn if char != "\u2588"
        )
        bars.setdefault(int(count), set()).add(eighths)
    assert all(len(lengths) == 1 for lengths in bars.values()), bars  # one length a count
    ordered = [next(iter(bars[count])) for count in sorted(bars)]
    assert len(ordered) > 3 and ordered == sorted(set(ordered)), bars


def test_show_of_an_unknown_id_names_every_list(invoke) -> None:
    result = invoke("show", "nope")
    assert result.exit_code == 2
    lists = "'trilat items', 'trilat reports', 'trilat themes' and 'trilat kinds' list them"
    assert lists in result.stderr


@pytest.mark.parametrize(
    ("args", "note"),
    [
        (("items", "--limit", "2"), "more not shown; raise or drop --limit"),
        (("search", "apolgies"), "no 'apolgies' in the corpus; searched for 'apologies' instead"),
        (("search", "zzzqqq"), "nothing matches 'zzzqqq'"),
        (("items", "--kind", "risk", "--report", "2021"), "tni-2021 lists no items"),
    ],
)
def test_every_note_shows_when_stderr_is_a_terminal_and_stdout_a_pipe(args, note) -> None:
    code, out, error = stderr_at_terminal(*args)
    assert code == 0 and note in error
    assert "trilat:" not in out  # stdout keeps the data only


@pytest.mark.parametrize("args", [("items", "--limit", "2"), ("search", "apolgies")])
def test_no_note_when_neither_stream_is_a_terminal(args) -> None:
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "trilat_cli", *args], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stderr) == (0, "")


# ---- --color -----------------------------------------------------------------------------------


def test_color_always_colours_a_table_in_a_pipe_and_beats_no_color(invoke) -> None:
    for env in ({}, {"NO_COLOR": "1"}):
        out = invoke("--color", "always", "compare", "-f", "table", env=env).stdout
        assert colours(out) and not BOX.search(out)  # colour, but a pipe's plain columns
    after = invoke("compare", "-f", "table", "--color=always").stdout
    assert colours(after)


def test_color_never_writes_no_escape_even_on_a_terminal() -> None:
    code, shown = at_terminal("--no-pager", "--color", "never", "search", "cyber")
    assert code == 0 and not SGR.search(shown) and BOX.search(shown)
    code, forced = at_terminal("--no-pager", "search", "cyber", env={"FORCE_COLOR": "1"})
    assert SGR.search(forced)


def test_no_color_takes_the_colour_out_but_leaves_the_emphasis() -> None:
    code, shown = at_terminal("--no-pager", "compare", env={"NO_COLOR": "1"})
    assert code == 0 and not colours(shown) and SGR.search(shown)  # bold stays


def test_color_auto_is_the_default_and_a_wrong_value_is_a_usage_error(invoke) -> None:
    assert (
        invoke("--color", "auto", "reports", "-f", "table").stdout
        == invoke("reports", "-f", "table").stdout
    )
    wrong = invoke("--color", "sometimes", "reports")
    assert wrong.exit_code == 2 and "valid colors: always, auto, never" in wrong.stderr


# ---- in the files ------------------------------------------------------------------------------

EMPTY = {  # commands whose answer is empty, and the keys of their records
    "items": ("items", "--kind", "risk", "--report", "2021"),
    "search": ("search", "zzzqqq"),
    "timeline": ("timeline", "--actor", "russia", "--theme", "climate"),
}
LISTS = ["reports", "actors", "themes", "flashpoints", "recommend", "items", "timeline"]


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_an_empty_csv_still_has_its_header_line(invoke, invoke_json, name: str) -> None:
    result = invoke(*EMPTY[name], "-f", "csv")
    assert result.exit_code == 0 and result.stdout.count("\n") == 1
    header = next(csv.reader(io.StringIO(result.stdout)))
    full = invoke(*EMPTY[name][:1], *(("cyber",) if name == "search" else ()), "-f", "csv")
    assert header == next(csv.reader(io.StringIO(full.stdout)))  # the same columns as ever


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_tsv_has_a_header_line_only_when_asked(invoke, name: str) -> None:
    assert invoke(*EMPTY[name], "-f", "tsv").stdout == ""  # as gh: data lines only
    headed = invoke(*EMPTY[name], "-f", "tsv", "--header").stdout
    assert headed.count("\n") == 1 and headed.startswith("id\t")
    lines = invoke("flashpoints", "--header").stdout.splitlines()
    assert lines[0] == "id\treport\tkind\ttitle\tsummary" and len(lines) == 5


@pytest.mark.parametrize("name", [*LISTS, *(f"empty {name}" for name in EMPTY)])
def test_pandas_reads_every_csv_and_tsv(invoke, name: str) -> None:
    pandas = pytest.importorskip("pandas")
    args = EMPTY[name.split()[1]] if name.startswith("empty") else (name,)
    table = invoke(*args, "-f", "csv").stdout
    frame = pandas.read_csv(io.StringIO(table))
    assert len(frame) == len(list(csv.DictReader(io.StringIO(table))))
    assert "id" in frame.columns
    lines = invoke(*args, "-f", "tsv", "--header").stdout
    tsv = pandas.read_csv(io.StringIO(lines), sep="\t", quoting=csv.QUOTE_NONE)
    assert len(tsv) == len(frame) and tsv.columns[0] == "id"


def test_fields_choose_the_keys_in_json_csv_and_tsv(invoke, invoke_json, corpus) -> None:
    chosen = invoke_json("recommend", "--fields", "id,title,actors")
    assert chosen and all(list(record) == ["id", "title", "actors"] for record in chosen)
    rows = list(
        csv.reader(io.StringIO(invoke("recommend", "--fields", "title,id", "-f", "csv").stdout))
    )
    assert rows[0] == ["title", "id"] and rows[1][1] == "h19-rec-1"
    tsv = invoke("search", "cyber", "--fields", "id,score", "--header").stdout.splitlines()
    assert tsv[0] == "id\tscore" and tsv[1].endswith("\t100")
    empty = invoke(*EMPTY["items"], "--fields", "id,kind", "-f", "csv").stdout
    assert empty == "id,kind\n"


@pytest.mark.parametrize(
    ("command", "typo", "closest"),
    [("items", "titel", "title"), ("timeline", "lable", "label"), ("actors", "alias", "aliases")],
)
def test_a_field_that_does_not_exist_is_named_with_the_closest_and_all(
    invoke, command: str, typo: str, closest: str
) -> None:
    result = invoke(command, "--fields", f"id,{typo}")
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"unknown field '{typo}'; did you mean '{closest}'?" in result.stderr
    assert "valid fields: " in result.stderr and closest in result.stderr.splitlines()[-1]


def test_validate_gives_problems_as_records_in_json(invoke, write) -> None:
    path = write("bad.yaml", "reports:\n  - id: x\n    yeer: 2020\n")
    result = invoke("validate", str(path), "--format", "json")
    assert result.exit_code == 1 and result.stderr == ""
    answer = json.loads(result.stdout)
    assert answer["ok"] is False and answer["more"] == 0
    unknown = next(p for p in answer["problems"] if p["code"] == "unknown-field")
    assert unknown == {
        "file": str(path),
        "line": 3,
        "column": 5,
        "code": "unknown-field",
        "message": unknown["message"],
        "suggestion": "year",
    }
    assert unknown["message"].startswith("unknown field 'yeer' (did you mean 'year'?)")
    assert {p["code"] for p in answer["problems"]} == {"unknown-field", "missing-field"}
    good = json.loads(invoke("validate", str(write("ok.yaml", "items: []\n")), "--json").stdout)
    assert good["ok"] is True and good["problems"] == [] and good["counts"]["reports"] == 2


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("reports: [\n", "yaml-syntax"),
        ("reprots: []\n", "unknown-section"),
        ("items:\n  - !!python/object:os.system x\n", "yaml-tag"),
        ("a: 1\na: 2\n", "duplicate-key"),
    ],
)
def test_each_kind_of_problem_has_its_code(invoke, write, text: str, code: str) -> None:
    result = invoke("validate", str(write("bad.yaml", text)), "-f", "json")
    assert code in {p["code"] for p in json.loads(result.stdout)["problems"]}


def test_schema_accepts_json_as_everywhere_else(invoke) -> None:
    result = invoke("schema", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["type"] == "object"


# ---- pictures and pages ------------------------------------------------------------------------

CHROMIUM = next(
    (
        shutil.which(name)
        for name in ("chromium", "chromium-browser", "google-chrome")
        if shutil.which(name)
    ),
    None,
)
MEASURE = """<script>
document.body.dataset.rects = JSON.stringify(
  [...document.querySelectorAll('.id')].map(e => [e.textContent, e.getClientRects().length]));
</script>"""


def test_a_saved_page_is_titled_by_its_command_and_compares_an_item_a_cell(
    invoke, tmp_path: Path, corpus: Corpus
) -> None:
    page = tmp_path / "china.html"
    result = invoke("compare", "2019", "2021", "--theme", "china", "--save-html", str(page))
    assert result.exit_code == 0, result.stderr
    text = page.read_text(encoding="utf-8")
    assert "<title>trilat compare 2019 2021 --theme china</title>" in text
    cells = re.findall(r"<td[^>]*>(.*?)</td>", text, re.S)
    items = [item.id for item in corpus.items.values() if "china" in item.themes]
    bulleted = [cell for cell in cells if "\u2022" in cell]
    assert len(bulleted) == len(items) and all(cell.count("\u2022") == 1 for cell in bulleted)
    assert all(f'<span class="id">{item}</span>' in text for item in items)
    assert ".id { white-space: nowrap; }" in text


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_ids_never_break_at_their_hyphens_in_a_browser(invoke, tmp_path: Path) -> None:
    """Headless Chromium lays the page out in a narrow window: each id is one box."""
    page = tmp_path / "china.html"
    invoke("compare", "--theme", "china", "--save-html", str(page))
    measured = tmp_path / "measured.html"
    measured.write_text(
        page.read_text(encoding="utf-8").replace("</body>", f"{MEASURE}</body>"), encoding="utf-8"
    )
    done = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=420,900",
            "--dump-dom",
            measured.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    found = re.search(r'data-rects="([^"]*)"', done.stdout)
    assert found, done.stderr[-2000:]
    rects = json.loads(found.group(1).replace("&quot;", '"'))
    assert len(rects) > 10 and all(count == 1 for _, count in rects), rects


def test_svg_fonts_exist_on_linux_macos_and_windows(invoke, tmp_path: Path) -> None:
    picture = tmp_path / "compare.svg"
    invoke("compare", "--save-svg", str(picture))
    fonts = re.search(r"font-family: ([^;]*);", picture.read_text(encoding="utf-8")).group(1)
    names = [name.strip(' "') for name in fonts.split(",")]
    assert names[0] == "DejaVu Sans Mono"  # CairoSVG takes only the first; most Linuxes have it
    assert {"Liberation Mono", "Menlo", "Consolas"} <= set(names) and names[-1] == "monospace"


def frame_column(svg: str) -> tuple[float, list[tuple[float, float]]]:
    """The left edge of the table: its x and the vertical strokes drawn along it."""
    strokes = re.findall(r"M([\d.]+) ([\d.]+)V([\d.]+)", svg)
    left = min(float(x) for x, _, _ in strokes)
    spans = sorted(sorted((float(a), float(b))) for x, a, b in strokes if float(x) == left)
    return left, spans


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """A non-interlaced 8-bit RGBA or RGB PNG, decoded: width, height, rows of pixels."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = {}, 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunks.setdefault(kind, b"")
        chunks[kind] += data[at + 8 : at + 8 + length]
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)
    size = 4 if colour == 6 else 3
    raw, rows, previous = zlib.decompress(chunks[b"IDAT"]), [], bytes(width * size)
    for y in range(height):
        line = raw[y * (width * size + 1) : (y + 1) * (width * size + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(len(row)):
            a = row[i - size] if i >= size else 0
            b = previous[i]
            c = previous[i - size] if i >= size else 0
            if kind == 1:
                row[i] = (row[i] + a) & 255
            elif kind == 2:
                row[i] = (row[i] + b) & 255
            elif kind == 3:
                row[i] = (row[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(row))
        previous = row
    return width, height, rows


def rendered(svg: Path, renderer: str) -> bytes:
    png = svg.with_suffix(f".{renderer}.png")
    if renderer == "rsvg-convert":
        subprocess.run(["rsvg-convert", str(svg), "-o", str(png)], check=True, timeout=60)
    else:
        import cairosvg

        cairosvg.svg2png(url=str(svg), write_to=str(png))
    return png.read_bytes()


def cairosvg_works() -> bool:
    try:
        import cairosvg  # noqa: F401  (needs the cairo library too)
    except (ImportError, OSError):
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("renderer", ["rsvg-convert", "cairosvg"])
def test_svg_frames_meet_in_rsvg_convert_and_cairosvg(invoke, tmp_path: Path, renderer) -> None:
    if renderer == "rsvg-convert" and shutil.which("rsvg-convert") is None:
        pytest.skip("rsvg-convert is not installed")
    if renderer == "cairosvg" and not cairosvg_works():
        pytest.skip("CairoSVG (or the cairo library) is not installed")
    picture = tmp_path / "compare.svg"
    invoke("compare", "--save-svg", str(picture))
    svg = picture.read_text(encoding="utf-8")
    assert not any(BOX.search(text) for text in re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    left, spans = frame_column(svg)
    top, bottom = spans[0][0], spans[-1][1]
    assert all(a[1] == b[0] for a, b in pairwise(spans)), spans  # meet as drawn
    dx, dy = (float(v) for v in re.search(r'translate\(([\d.]+), ([\d.]+)\)" clip', svg).groups())
    width, _, rows = png_pixels(rendered(picture, renderer))
    size = len(rows[0]) // width
    x = round(dx + left - 0.5)
    light = [
        min(rows[y][x * size : x * size + 3]) > 100
        for y in range(round(dy + top) + 1, round(dy + bottom) - 1)
    ]
    assert light and all(light), light.index(False)  # no gap between the lines of the frame


def test_compare_theme_as_svg_is_pages_of_a_slide_s_height(invoke, tmp_path: Path, corpus) -> None:
    from xml.etree import ElementTree as ET

    from .pictures import svg_text

    picture = tmp_path / "china.svg"
    result = invoke(
        "compare", "--theme", "china", "--save-svg", str(picture), env={"COLUMNS": "80"}
    )
    assert result.exit_code == 0
    pages = [picture, *sorted(tmp_path.glob("china-*.svg"))]
    assert len(pages) > 1 and f"{len(pages)} pages" in result.stderr
    assert all(str(page) in result.stderr for page in pages)
    shown = ""
    for page in pages:
        root = ET.parse(page).getroot()
        assert float(root.attrib["viewBox"].split()[3]) <= 1200
        shown += svg_text(root) + "\n"
    for item in corpus.items.values():
        assert (f"\u2022 {item.id}:" in shown) == ("china" in item.themes), item.id
