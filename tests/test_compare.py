"""Compare: what changed at a glance, one theme in detail, any number of texts, pictures."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from trilat_cli.citation import quoted_passage
from trilat_cli.compare import compare, status
from trilat_cli.corpus.model import Corpus
from trilat_cli.errors import UsageProblem

from .corpora import VALID_REPORT
from .pictures import svg_text
from .process import at_terminal

CONTRACT = {"theme", "name", "status", "items", "notes"}
ADDED = {"counts", "first", "last", "pairs", "note_only", "evidence"}
WORDS = {"continued": "in both", "new": "only in 2021", "dropped": "only in 2019"}
NOTE_ONLY = VALID_REPORT.replace(
    "      north-korea: Deterrence of North Korea remains central.",
    "      north-korea: Deterrence of North Korea remains central.\n"
    "      climate: Climate appears in the preamble only.",
)


HOSTILE_THEME = VALID_REPORT.replace(
    "themes: [north-korea, defense-coordination]", "themes: [north-korea, space]"
) + (
    "themes:\n"
    '  - id: space\n    name: "Space [red]x[/red] <b>&amp; \\e[31m"\n'
    "    definition: Cooperation in space.\n"
)


@pytest.fixture
def copy_2024(invoke, tmp_path: Path) -> Path:
    """An exported, renamed copy of the 2019 report, dated 2024: a third text."""
    text = invoke("export", "--report", "2019").stdout
    renamed = re.sub(r"\bh19-", "c24-", text.replace("hudson-2019", "copy-2024"))
    renamed = renamed.replace("year: 2019", "year: 2024", 1).replace(
        "date: 2019-11\n", "date: 2024-05\n", 1
    )
    path = tmp_path / "copy.yaml"
    path.write_text(renamed, encoding="utf-8")
    return path


def coded(corpus: Corpus, report: str) -> dict[str, int]:
    """How many items of a report each theme has, counted straight from the items."""
    counts: dict[str, int] = {}
    for item in corpus.items.values():
        if item.report == report:
            for theme in item.themes:
                counts[theme] = counts.get(theme, 0) + 1
    return counts


def expected_tally(corpus: Corpus) -> dict[str, int]:
    """The bundled pair's statuses, worked out from the items rather than remembered."""
    earlier, later = coded(corpus, "hudson-2019"), coded(corpus, "tni-2021")
    tally = {"continued": 0, "new": 0, "dropped": 0}
    for theme in set(earlier) | set(later):
        tally[
            "continued"
            if theme in earlier and theme in later
            else "new"
            if theme in later
            else "dropped"
        ] += 1
    return tally


def summed_up(corpus: Corpus) -> str:
    tally = expected_tally(corpus)
    return (
        f"{sum(tally.values())} themes: {tally['continued']} in both, "
        f"{tally['new']} only in 2021, {tally['dropped']} only in 2019"
    )


# ---- the domain -------------------------------------------------------------------------------


def test_status_reads_in_time() -> None:
    assert [status(True, True), status(False, True), status(True, False)] == [
        "continued",
        "new",
        "dropped",
    ]
    assert status(False, False) is None


def test_domain_counts_first_last_and_pairs(corpus: Corpus) -> None:
    comparison = compare(corpus, ("2021", "2019"))
    assert [r.id for r in comparison.in_time] == ["hudson-2019", "tni-2021"]
    rows = {row.theme.id: row for row in comparison.rows}
    climate = rows["climate"]
    assert (climate.status, climate.first, climate.last) == ("new", "tni-2021", "tni-2021")
    assert climate.counts() == {"tni-2021": coded(corpus, "tni-2021")["climate"], "hudson-2019": 0}
    assert [tuple(p) for p in rows["cyber"].pairs] == [("hudson-2019", "tni-2021", "continued")]
    assert comparison.tally() == expected_tally(corpus)


@pytest.mark.parametrize(
    ("names", "message"),
    [
        (("2019",), "two reports or more, or none"),
        (("2019", "2021", "2019"), "'hudson-2019' is named twice"),
    ],
)
def test_domain_refuses_one_report_or_a_repeated_one(corpus: Corpus, names, message) -> None:
    with pytest.raises(UsageProblem, match=message):
        compare(corpus, names)


# ---- JSON: two reports keep the contract, more are additive ------------------------------------


def test_two_reports_keep_the_json_contract_and_add_to_it(invoke_json, corpus: Corpus) -> None:
    data = invoke_json("compare")
    assert list(data)[:2] == ["reports", "in_time"]
    assert {"reports", "texts", "rows", "in_time", "tally"} == set(data)
    for row in data["rows"]:
        assert set(row) == CONTRACT | ADDED
        assert row["counts"] == {report: len(ids) for report, ids in row["items"].items()}
        assert [p["status"] for p in row["pairs"]] == [row["status"]]
        assert row["pairs"][0]["earlier"] == "hudson-2019" and row["note_only"] == []
        present = [r for r in data["in_time"] if row["items"][r]]
        assert (row["first"], row["last"]) == (present[0], present[-1])
    assert data["tally"] == expected_tally(corpus)


def test_a_note_without_items_is_flagged_not_silently_dropped(invoke, invoke_json, write) -> None:
    path = str(write("cd.yaml", NOTE_ONLY))
    data = invoke_json("--corpus", path, "compare", "2021", "2023")
    climate = next(row for row in data["rows"] if row["theme"] == "climate")
    assert climate["status"] == "dropped" and climate["note_only"] == ["camp-david-2023"]
    assert climate["notes"]["camp-david-2023"] == "Climate appears in the preamble only."
    table = invoke("--corpus", path, "compare", "2021", "2023", "-f", "table").stdout
    assert "Climate (note only: 2023)" in table


def test_three_reports_in_date_order_with_pairs(
    invoke_json, copy_2024: Path, corpus: Corpus
) -> None:
    data = invoke_json("--corpus", str(copy_2024), "compare", "copy-2024", "2019", "2021")
    assert data["reports"] == ["copy-2024", "hudson-2019", "tni-2021"]
    assert data["in_time"] == ["hudson-2019", "tni-2021", "copy-2024"]
    rows = {row["theme"]: row for row in data["rows"]}
    climate, trade, korea = rows["climate"], rows["trade-export-controls"], rows["north-korea"]
    assert climate["status"] == "interim" and (climate["first"], climate["last"]) == (
        "tni-2021",
        "tni-2021",
    )
    assert [p["status"] for p in climate["pairs"]] == ["new", "dropped"]
    assert [(p["earlier"], p["later"]) for p in climate["pairs"]] == [
        ("hudson-2019", "tni-2021"),
        ("tni-2021", "copy-2024"),
    ]
    assert trade["status"] == "continued" and [p["status"] for p in trade["pairs"]] == [
        "dropped",
        "new",
    ]
    earlier, later = coded(corpus, "hudson-2019"), coded(corpus, "tni-2021")
    korea_2019, korea_2021 = earlier["north-korea"], later["north-korea"]
    assert korea["counts"] == {
        "copy-2024": korea_2019,
        "hudson-2019": korea_2019,
        "tni-2021": korea_2021,
    }
    assert data["tally"] == {"continued": len(earlier), "interim": len(set(later) - set(earlier))}


# ---- the overview -------------------------------------------------------------------------------


def test_overview_sums_up_first_then_one_line_per_theme(invoke, corpus: Corpus) -> None:
    result = invoke("compare", "--format", "table", env={"COLUMNS": "80"})
    assert result.exit_code == 0 and result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0].strip() == summed_up(corpus)
    assert len(lines) <= 40 and all(len(line) <= 80 for line in lines)
    assert "Hudson Institute \u00b7 2019-11 \u00b7 web page" in result.stdout
    assert (
        "Daniel Aum, Elliot Silverberg \u00b7 2021-03-21 \u00b7 magazine article" in result.stdout
    )
    names = [t.name for t in corpus.themes.values()]
    rows = [next(line for line in lines if name in line) for name in names]
    assert len(set(rows)) == len(names)  # each theme whole, on a line of its own
    territorial = next(line for line in lines if "Territorial dispute" in line)
    assert re.search(r"\u258b 1\s+\u00b7", territorial)  # one item in 2019, none in 2021
    blocks = [word for word in WORDS.values() if any(line.startswith(word) for line in lines)]
    assert blocks == ["in both", "only in 2021", "only in 2019"]  # each block named once
    assert "dropped" not in result.stdout and "continued" not in result.stdout


def on_a_terminal(*args: str, rows: int = 40, columns: int = 80) -> str:
    """What `trilat ARGS` shows on a real pseudo-terminal of the given size, escapes removed."""
    # The screen itself: `less -F` would show one that fits unchanged.
    code, text = at_terminal(*args, env={"TRILAT_PAGER": "cat"}, rows=rows, columns=columns)
    assert code == 0
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text).replace("\r", "")


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals are POSIX")
def test_overview_fits_one_screen_of_a_real_80x40_terminal(corpus: Corpus) -> None:
    screen = on_a_terminal("compare")
    lines = screen.rstrip("\n").split("\n")
    assert "\u256d" in screen and "in both" in screen  # framed, as on a terminal
    assert len(lines) <= 40, len(lines)
    assert all(len(line) <= 80 for line in lines)
    assert lines[0].startswith(summed_up(corpus))
    for theme in corpus.themes.values():
        assert any(theme.name in line for line in lines), theme.name


# ---- one theme, in detail -----------------------------------------------------------------------


def test_one_theme_side_by_side_when_there_is_room(invoke) -> None:
    out = invoke("compare", "--theme", "cyber", "-f", "table", env={"COLUMNS": "100"}).stdout
    assert "Cyber: in both" in out
    assert any("h19-rec-4" in line and "t21-element-3" in line for line in out.splitlines())
    assert "Note (ours)" in out and "\u201cAll three have been subject" in out


def test_one_theme_stacked_on_a_narrow_terminal(invoke) -> None:
    out = invoke("compare", "--theme", "cyber", "-f", "table", env={"COLUMNS": "60"}).stdout
    lines = out.splitlines()
    assert all(len(line) <= 60 for line in lines)
    assert not any("h19-rec-4" in line and "t21-element-3" in line for line in lines)
    first = next(i for i, line in enumerate(lines) if "h19-rec-4" in line)
    second = next(i for i, line in enumerate(lines) if "t21-element-3" in line)
    headings = [lines.index("2019"), lines.index("2021")]  # one text, then the other
    assert headings[0] < first < headings[1] < second


def test_full_gives_every_item_and_note(invoke, corpus: Corpus) -> None:
    out = invoke("compare", "--full", "-f", "table").stdout
    assert "Publisher" in out and out.count("Note (ours)") == sum(
        len(corpus.reports[r].notes) for r in ("hudson-2019", "tni-2021")
    )
    assert "h19-flash-dokdo" in out and "t21-area-climate" in out


def quotes_of(corpus: Corpus, theme: str) -> list[str]:
    return [q.text for i in corpus.items.values() if theme in i.themes for q in i.quotes]


@pytest.mark.parametrize("fmt", ["tsv", "csv", "md"])
def test_pipe_formats_of_one_theme_carry_its_quotes(invoke, corpus: Corpus, fmt: str) -> None:
    out = invoke("compare", "--theme", "china", "-f", fmt).stdout
    flat = " ".join(out.split())
    for quote in quotes_of(corpus, "china"):  # as everywhere: a quote within takes single marks
        assert " ".join(quoted_passage(quote).split()) in flat, quote
    if fmt == "csv":
        (record,) = csv.DictReader(io.StringIO(out))
        assert record["quotes:tni-2021"].startswith("t21-context-trilateral: \u201c")


def test_two_reports_keep_their_pipe_columns(invoke, corpus: Corpus) -> None:
    lines = [line.split("\t") for line in invoke("compare", "-f", "tsv").stdout.splitlines()]
    korea = next(line for line in lines if line[0] == "north-korea")
    assert korea[1] == "continued" and korea[2].startswith("h19-") and korea[3].startswith("t21-")
    line = korea
    assert line[6:] == ["hudson-2019", "tni-2021", "continued"]


# ---- any number of texts ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "yaml", "csv", "md", "tsv"])
def test_three_reports_in_every_format(invoke, copy_2024: Path, corpus: Corpus, fmt: str) -> None:
    args = ("--corpus", str(copy_2024), "compare", "2019", "2021", "2024", "-f", fmt)
    result = invoke(*args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert ("2024" if fmt in ("table", "md") else "copy-2024") in result.stdout
    if fmt == "table":
        lines = result.stdout.splitlines()
        assert "Seen in" in result.stdout
        earlier, later = coded(corpus, "hudson-2019"), coded(corpus, "tni-2021")
        seen_in = next(i for i, line in enumerate(lines) if line.startswith("Seen in"))
        assert lines[seen_in + 1].split()[0] == "2019\u20132024"  # first block: seen first to last
        korea = next(line for line in lines if "North Korea deterrence" in line)
        k19, k21 = str(earlier["north-korea"]), str(later["north-korea"])
        assert korea.split()[-5:] == [k19, "=", k21, "=", k19]
        climate = next(line for line in lines if "Climate" in line)
        assert climate.split()[-5:] == ["0", "+", str(later["climate"]), "-", "0"]
        trade = next(line for line in lines if "Trade and export" in line)
        t19 = str(earlier["trade-export-controls"])
        assert trade.split()[-5:] == [t19, "-", "0", "+", t19]
        matrix = lines[next(i for i, line in enumerate(lines) if "Seen in" in line) :]
        blocks = [line.split()[0] for line in matrix if re.match(r"20\d\d", line)]
        assert blocks[-1] == "2021" and len(blocks) == len(set(blocks))
    if fmt == "tsv":
        korea = result.stdout.splitlines()[0].split("\t")
        assert korea[-4:] == ["hudson-2019", "copy-2024", "continued", "continued"]


# ---- pictures -----------------------------------------------------------------------------------

NO_NETWORK = re.compile(r"https?://(?!www\.w3\.org/2000/svg\")|url\((?!#)|@import|@font-face")


def svg_of(invoke, tmp_path: Path, *args: str) -> tuple[ET.Element, str]:
    picture = tmp_path / "compare.svg"
    result = invoke("compare", "--save-svg", str(picture), *args)
    assert result.exit_code == 0, result.stderr
    text = picture.read_text(encoding="utf-8")
    return ET.fromstring(text), text


def test_svg_fits_a_slide_and_fetches_nothing(invoke, tmp_path: Path, corpus: Corpus) -> None:
    root, text = svg_of(invoke, tmp_path)
    width, height = (float(v) for v in root.attrib["viewBox"].split()[2:])
    assert height <= 1200 and width <= 1100, (width, height)
    assert not NO_NETWORK.search(text), NO_NETWORK.search(text)
    assert "DejaVu Sans Mono" in text and "monospace" in text
    shown = svg_text(root)
    for theme in corpus.themes.values():
        assert theme.name in shown, theme.name
    assert all(word in shown for word in WORDS.values())


def test_width_chooses_the_columns_of_the_picture(invoke, tmp_path: Path) -> None:
    narrow, _ = svg_of(invoke, tmp_path, "--width", "60")
    wide, _ = svg_of(invoke, tmp_path, "--width", "120")
    widths = [float(root.attrib["viewBox"].split()[2]) for root in (narrow, wide)]
    assert widths[0] < widths[1]


@pytest.mark.parametrize("width", ["39", "201", "wide"])
def test_a_width_out_of_range_is_a_usage_error(invoke, tmp_path: Path, width: str) -> None:
    picture = tmp_path / "x.svg"
    result = invoke("compare", "--save-svg", str(picture), "--width", width)
    assert (result.exit_code, result.stdout) == (2, "")
    assert f"'--width': {width!r}" in result.stderr or f"'--width': {width} " in result.stderr
    assert not picture.exists()


class Cells(HTMLParser):
    """The text of every table cell, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self.inside = False

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append(tag)
        if tag in ("td", "th"):
            self.inside, self.cells = True, [*self.cells, ""]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th"):
            self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.cells[-1] += data


def test_html_is_a_document_with_a_table_of_the_overview(
    invoke, tmp_path: Path, corpus: Corpus
) -> None:
    page = tmp_path / "compare.html"
    result = invoke("compare", "--save-html", str(page), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["reports"]
    html = page.read_text(encoding="utf-8")
    parser = Cells()
    parser.feed(html)
    assert (
        html.startswith("<!DOCTYPE html>") and "table" in parser.tags and "pre" not in parser.tags
    )
    assert not NO_NETWORK.search(html) and "<script" not in html
    for theme in corpus.themes.values():
        assert theme.name in parser.cells, theme.name
    assert {"in both", "only in 2019", "only in 2021"} <= set(parser.cells)
    assert "6" in parser.cells  # counts as numbers, not bars


def test_html_escapes_everything_from_the_corpus(invoke, write, tmp_path: Path) -> None:
    path = write("cd.yaml", HOSTILE_THEME)
    page = tmp_path / "compare.html"
    result = invoke("--corpus", str(path), "compare", "2021", "2023", "--save-html", str(page))
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert "<b>" not in html and "\x1b" not in html
    assert "Space [red]x[/red] &lt;b&gt;&amp;amp; \\x1b[31m" in html


def test_both_pictures_at_once_are_each_the_picture_alone(
    invoke, tmp_path: Path, corpus: Corpus
) -> None:
    svg, html = tmp_path / "a.svg", tmp_path / "a.html"
    result = invoke("compare", "--save-svg", str(svg), "--save-html", str(html), "--width", "90")
    assert result.exit_code == 0, result.stderr
    _, alone = svg_of(invoke, tmp_path, "--width", "90")
    assert svg.read_text(encoding="utf-8") == alone  # drawn at --width 90 too
    page = html.read_text(encoding="utf-8")
    assert page.count("<table") == 1
    assert all(theme.name in page for theme in corpus.themes.values())


@pytest.mark.parametrize("args", [(), ("--theme", "space"), ("--full",), ("2019", "2021", "2023")])
def test_corpus_text_is_shown_literally_in_every_view(invoke, write, args) -> None:
    path = write("cd.yaml", HOSTILE_THEME)
    reports = () if len(args) == 3 else ("2021", "2023")
    result = invoke(
        "--corpus", str(path), "compare", *reports, *args, "-f", "table", env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert "Space [red]x[/red] <b>&amp; \\x1b[31m" in result.stdout


def test_a_theme_in_neither_text_is_an_empty_answer(invoke, write) -> None:
    path = write("cd.yaml", VALID_REPORT)
    args = ("--corpus", str(path), "compare", "2023", "2019", "--theme", "climate")
    table = invoke(*args, "-f", "table")
    assert (table.exit_code, table.stdout) == (0, "")
    assert table.stderr == "trilat: no item on this theme in these reports\n"
    assert invoke(*args, "--json").stdout.count('"rows":[]') == 1
