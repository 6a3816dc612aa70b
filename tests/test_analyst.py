"""Analyst features: citations that follow the styles' rules, the timeline, and pictures."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import pytest

from trilat_cli.citation import FORMS_CITED, STYLES
from trilat_cli.corpus.model import FORMS, Corpus, as_data

from .corpora import VALID_REPORT
from .pictures import svg_text

TNI_URL = "https://nationalinterest.org/feature/here%E2%80%99s-how-america-can-strengthen-relations-japan-and-south-korea-180640"
HUDSON_URL = "https://www.hudson.org/foreign-policy/weekend-reads-seoul-s-11th-hour-deal"


def bibtex_entry(text: str) -> tuple[str, str, dict[str, str]]:
    """Entry type, key and fields of the one BibTeX entry in `text`, as bibtexparser reads it."""
    library = bibtexparser.parse_string(text)
    assert library.failed_blocks == [] and len(library.entries) == 1, text
    entry = library.entries[0]
    return entry.entry_type, entry.key, {field.key: field.value for field in entry.fields}


def ris_record(text: str) -> list[tuple[str, str]]:
    """The lines of one RIS record, each ended by CRLF as the specification has it."""
    assert text.endswith("ER  - \r\n") and "\n" not in text.replace("\r\n", ""), text
    lines = text.split("\r\n")[:-1]
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line) for line in lines), lines
    return [(line[:2], line[6:]) for line in lines]


def cite(invoke, *args: str) -> str:
    """What `cite` prints, to the byte (Click's runner would read CRLF as LF)."""
    result = invoke("cite", *args)
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode()
    return text if text.endswith("\r\n") else text.removesuffix("\n")


def test_apa_follows_the_rules_for_each_kind_of_source(invoke) -> None:
    assert cite(invoke, "2021") == (
        "Aum, D., & Silverberg, E. (2021, March 21). Here\u2019s how America can strengthen "
        f"relations with Japan and South Korea. The National Interest. {TNI_URL}"
    )
    hudson = cite(invoke, "hudson-2019", "--style", "apa")
    # Month precision; the site name is left out where it is the author; title in sentence
    # case; what the page is, in brackets after the title (APA 7 9.21); the URL last (9.34).
    assert hudson == (
        "Hudson Institute. (2019, November). Weekend reads: Seoul's 11th hour deal [Summary of "
        "the report The cornerstone and the linchpin: Securing America's Northeast Asian "
        f"alliances, by P. M. Cronin]. {HUDSON_URL}"
    )


def test_apa_dates_a_journal_article_by_its_year(invoke, write) -> None:
    """APA 7 (10.1): a journal article by year; a magazine or a newspaper to the day."""
    path = write("j.yaml", VALID_REPORT.replace("kind: statement", "kind: journal-article"))
    assert "(2023). The Spirit of Camp David. The White House." in cite(
        invoke, "--corpus", str(path), "camp-david-2023"
    )
    path = write("m.yaml", VALID_REPORT.replace("kind: statement", "kind: news-article"))
    assert "(2023, August 18)." in cite(invoke, "--corpus", str(path), "camp-david-2023")


def test_apa_quotes_end_with_the_paragraph_and_the_period_after_it(invoke) -> None:
    """APA 7 (8.26, 8.28): "...Korea" (Hudson Institute, 2019, para. 15). The quote's own
    period gives way to the sentence's, after the parenthesis; a quotation inside the quote
    loses its period too; a question keeps its mark."""
    first = cite(invoke, "h19-rec-5", "--quote", "1").split("\n\n")[0]
    assert first.endswith(
        "in the decision-making process\u201d (Hudson Institute, 2019, para. 15)."
    )
    inner = cite(invoke, "t21-objective-2").split("\n\n")[0]
    assert inner.endswith(
        "as being \u2018anti-China\u2019\u201d (Aum & Silverberg, 2021, para. 3)."
    )
    question = cite(invoke, "h19-context-report").split("\n\n")[0]
    assert "this precarious alliance? A new report" in question
    assert question.endswith("crucial relationship\u201d (Hudson Institute, 2019, para. 3).")


def test_apa_sets_a_quote_of_40_words_or_more_as_a_block(invoke) -> None:
    """APA 7 (8.27): no quotation marks, its own final punctuation kept, and the citation
    after it, with no period of its own; in Markdown, a block quotation."""
    words = "The US defense secretary should work with counterparts to develop a trilateral"
    block = cite(invoke, "h19-rec-3").split("\n\n")[0]
    assert block.startswith(words)  # 40 words, (INF) among them
    assert block.endswith("(INF) Treaty. (Hudson Institute, 2019, para. 13)")
    assert cite(invoke, "h19-rec-3", "-f", "md").startswith(f"> {words}")
    [data] = json.loads(cite(invoke, "h19-rec-3", "--json"))
    assert data["quotes"][0]["pasted"] == block


def test_chicago_sets_a_quote_of_100_words_or_more_as_a_block(invoke, write) -> None:
    """CMOS 17 (13.10): a hundred words or more are set off, without quotation marks."""
    words = " ".join(["We commit"] * 50) + " to it."
    text = VALID_REPORT.replace(
        "We commit to consult with each other in an expeditious manner.", words
    )
    corpus = ("--corpus", str(write("long.yaml", text)))
    assert cite(invoke, *corpus, "cd23-commitment", "-s", "chicago").startswith(
        f"{words}\n\nNote: "
    )
    short = VALID_REPORT.replace("in an expeditious manner.", " ".join(["now"] * 88) + ".")
    corpus = ("--corpus", str(write("short.yaml", short)))
    assert cite(invoke, *corpus, "cd23-commitment", "-s", "chicago").startswith("\u201cWe commit")


def test_a_quote_across_paragraphs_cites_the_range(invoke, write) -> None:
    """APA "paras. 7\u20138", Chicago "pars. 7\u20138", with an en dash (APA 6.6)."""
    text = VALID_REPORT.replace("      - We commit", "      - para: 7-8\n        text: We commit")
    corpus = ("--corpus", str(write("cd.yaml", text)))
    assert cite(invoke, *corpus, "cd23-commitment").startswith(
        "\u201cWe commit to consult with each other in an expeditious manner\u201d "
        "(The White House, 2023, paras. 7\u20138).\n"
    )
    chicago = cite(invoke, *corpus, "cd23-commitment", "-s", "chicago")
    assert "August 18, 2023, pars. 7\u20138, https://example.org/camp-david." in chicago


def test_chicago_notes_carry_the_paragraph_as_cmos_abbreviates_it(invoke) -> None:
    """CMOS 17 (14.174) allows paragraph numbers for a text without pages; its list of
    abbreviations (10.43) gives "par.", where APA writes "para."."""
    chicago = cite(invoke, "h19-rec-5", "--style", "chicago").split("\n\n")
    notes = [block for block in chicago if block.startswith("Note: ")]
    assert [note.split(", ")[-2] for note in notes] == ["par. 15", "par. 15"]
    assert chicago[0].endswith(".\u201d")  # Chicago keeps the period inside the quotation marks


def test_apa_in_markdown_italicises_the_periodical(invoke) -> None:
    assert "*The National Interest*." in cite(invoke, "2021", "--format", "md")
    assert "*Weekend reads: Seoul's 11th hour deal* [Summary of the report *The" in cite(
        invoke, "2019", "-f", "md"
    )


def test_chicago_inverts_the_first_author_only_and_drops_the_from_periodicals(invoke) -> None:
    assert cite(invoke, "tni-2021", "--style", "chicago") == (
        "Aum, Daniel, and Elliot Silverberg. \u201cHere\u2019s How America Can Strengthen Relations "
        "with Japan and South Korea.\u201d National Interest, March 21, 2021. "
        f"{TNI_URL}."
    )
    hudson = cite(invoke, "2019", "-s", "chicago")
    assert hudson == (
        "Hudson Institute. \u201cWeekend Reads: Seoul's 11th Hour Deal.\u201d November 2019. "
        "Summary of Patrick M. Cronin, The Cornerstone and the Linchpin: Securing America's "
        f"Northeast Asian Alliances (Hudson Institute, October 2019). {HUDSON_URL}."
    )


@pytest.mark.parametrize(
    ("authors", "note", "in_text"),
    [
        (["Ann Lee", "Bo Kim"], "Ann Lee and Bo Kim,", "(Lee & Kim, 2023)"),
        (["Ann Lee", "Bo Kim", "Cy Doe"], "Ann Lee, Bo Kim, and Cy Doe,", "(Lee et al., 2023)"),
        (["Ann Lee", "Bo Kim", "Cy Doe", "Di Roe"], "Ann Lee et al.,", "(Lee et al., 2023)"),
    ],
)
def test_et_al_starts_at_four_authors_in_a_chicago_note_and_three_in_apa(
    invoke, write, authors: list[str], note: str, in_text: str
) -> None:
    # Chicago 17 (14.76) shortens a note from four authors on; APA 7 (8.17) from three.
    text = VALID_REPORT.replace("[The White House]", f"[{', '.join(authors)}]")
    corpus = ("--corpus", str(write("cd.yaml", text)))
    chicago = invoke(*corpus, "cite", "cd23-commitment", "-s", "chicago").stdout
    assert f"Note: {note} \u201cThe Spirit of Camp David,\u201d August 18, 2023," in chicago
    assert invoke(*corpus, "cite", "cd23-commitment", "-s", "apa").stdout.startswith(
        f"\u201cWe commit to consult with each other in an expeditious manner\u201d {in_text}.\n"
    )


def test_bibtex_parses_and_carries_every_field(invoke, corpus: Corpus) -> None:
    kind, key, fields = bibtex_entry(cite(invoke, "2021", "--style", "bibtex"))
    report = corpus.reports["tni-2021"]
    assert (kind, key) == ("article", "tni-2021")
    assert fields == {
        "author": "Aum, Daniel and Silverberg, Elliot",
        "title": "{" + report.title + "}",
        "journal": report.publisher,
        "date": "2021-03-21",
        "year": "2021",
        "month": "mar",  # the macro classic styles know, unbraced
        "url": report.url,
    }
    kind, key, fields = bibtex_entry(cite(invoke, "2019", "--style", "bibtex"))
    assert (kind, key, fields["author"], fields["date"]) == (
        "misc",
        "hudson-2019",
        "{Hudson Institute}",
        "2019-11",
    )
    assert fields["month"] == "nov" and fields["howpublished"] == "Hudson Institute"
    assert fields["note"].startswith("Summary of Patrick M. Cronin, The Cornerstone")


def test_bibtex_of_an_item_annotates_its_quotes(invoke, corpus: Corpus) -> None:
    _, _, fields = bibtex_entry(cite(invoke, "t21-objective-2", "--style", "bibtex"))
    assert corpus.items["t21-objective-2"].quotes[0].text.split("\u201c")[0] in fields["annote"]


def test_ris_parses_and_carries_every_field(invoke) -> None:
    record = ris_record(cite(invoke, "2021", "--style", "ris"))
    assert record == [
        ("TY", "MGZN"),
        ("AU", "Aum, Daniel"),
        ("AU", "Silverberg, Elliot"),
        ("TI", "Here\u2019s How America Can Strengthen Relations with Japan and South Korea"),
        ("T2", "The National Interest"),
        ("PY", "2021"),
        ("DA", "2021/03/21/"),
        ("UR", TNI_URL),
        ("ER", ""),
    ]
    hudson = dict(ris_record(cite(invoke, "2019", "--style", "ris")))
    assert (hudson["TY"], hudson["PB"], hudson["DA"]) == ("ELEC", "Hudson Institute", "2019/11//")
    assert hudson["N1"].startswith("Summary of Patrick M. Cronin, The Cornerstone")


def test_chicago_gives_a_quotation_in_a_quoted_title_single_marks(invoke, write) -> None:
    path = write("title.yaml", VALID_REPORT.replace("The Spirit of", 'The "Spirit" of'))
    result = invoke("--corpus", str(path), "cite", "camp-david-2023", "--style", "chicago")
    assert "\u201cThe \u2018Spirit\u2019 of Camp David.\u201d" in result.stdout


def test_citations_know_every_form_the_corpus_allows_and_no_other() -> None:
    assert set(FORMS_CITED) == set(FORMS)


@pytest.mark.parametrize("form", FORMS)
def test_every_form_of_publication_has_a_bibtex_and_an_ris_type(invoke, write, form) -> None:
    path = write("form.yaml", VALID_REPORT.replace("kind: statement", f"kind: {form}"))

    def cite_as(style: str) -> str:
        return cite(invoke, "--corpus", str(path), "camp-david-2023", "--style", style)

    kind, key, _ = bibtex_entry(cite_as("bibtex"))
    assert (kind, key) == (FORMS_CITED[form].bibtex, "camp-david-2023")
    assert ris_record(cite_as("ris"))[0] == ("TY", FORMS_CITED[form].ris)


def test_citing_an_item_pastes_its_quotes_with_the_source(invoke, corpus: Corpus) -> None:
    item = corpus.items["h19-rec-5"]
    apa = cite(invoke, "h19-rec-5")
    for quote in item.quotes:
        assert f"\u201c{quote.text[:-1]}\u201d (Hudson Institute, 2019, para. 15)." in apa
    chicago = cite(invoke, "h19-rec-5", "--style", "chicago")
    assert (
        "Note: Hudson Institute, \u201cWeekend Reads: Seoul's 11th Hour Deal,\u201d November 2019, "
        f"par. 15, {HUDSON_URL}." in chicago
    )
    tni = cite(invoke, "t21-element-1", "--style", "chicago")
    assert (
        "Note: Daniel Aum and Elliot Silverberg, \u201cHere\u2019s How America Can Strengthen Relations "
        f"with Japan and South Korea,\u201d National Interest, March 21, 2021, par. 4, {TNI_URL}."
        in tni
    )
    [data] = json.loads(invoke("cite", "t21-element-2", "--json").stdout)
    assert data["report"] == "tni-2021" and data["in_text"] == "(Aum & Silverberg, 2021)"
    quotes = corpus.items["t21-element-2"].quotes
    assert [{"para": q["para"], "text": q["text"]} for q in data["quotes"]] == as_data(quotes)
    assert data["citation"].startswith(quotes[0].text)  # 49 words: a block (APA 7 8.27)


def test_timeline_is_sorted_and_complete(invoke_json, corpus: Corpus) -> None:
    events = invoke_json("timeline")
    assert sorted(e["id"] for e in events) == sorted(corpus.events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)
    for event in events:
        assert event["precision"] == {4: "year", 7: "month", 10: "day"}[len(event["date"])]
        mentioning = [i.id for i in corpus.items.values() if event["id"] in i.events]
        assert event["items"] == mentioning
        assert event["reports"] == sorted({corpus.items[i].report for i in mentioning})
    assert events[0]["end"] == "1945"


def test_timeline_filters_by_report_and_actor(invoke_json, corpus: Corpus) -> None:
    for report in ("2019", "2021"):
        events = invoke_json("timeline", "--report", report)
        assert events and all(any(r.endswith(report) for r in e["reports"]) for e in events)
    russia = invoke_json("timeline", "--actor", "Moscow")
    assert [e["id"] for e in russia] == ["inf-treaty-ends"]


def test_timeline_actor_matches_the_actors_of_the_items_that_mention_an_event(
    invoke_json, corpus: Corpus
) -> None:
    # No event names China itself; two are there because items that mention them name it.
    assert not any("china" in event.actors for event in corpus.events.values())
    china = invoke_json("timeline", "--actor", "Beijing")
    assert [e["id"] for e in china] == ["gsomia-extended", "g7-summit-2021"]


@pytest.mark.parametrize(
    "command", ["compare", "flashpoints", "recommend", "themes", "timeline", "actors"]
)
def test_save_svg_writes_a_well_formed_picture_of_the_table(
    invoke, tmp_path: Path, command: str
) -> None:
    picture = tmp_path / f"{command}.svg"
    result = invoke(command, "--save-svg", str(picture), "--json")
    assert result.exit_code == 0, result.stderr
    json.loads(result.stdout)  # stdout keeps the format asked for
    root = ET.parse(picture).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    text = svg_text(root)
    expected = {
        "compare": "only in 2019",
        "flashpoints": "h19-flash-dokdo",
        "recommend": "h19-rec-3",
        "themes": "Territorial dispute",
        "timeline": "1910",
        "actors": "South Korea",
    }
    assert expected[command] in text


class TagBalance(HTMLParser):
    VOID = frozenset({"meta", "br", "hr", "img", "link", "input"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack.pop() == tag, tag


def test_save_html_writes_a_well_formed_page_with_the_table(invoke, tmp_path: Path) -> None:
    page = tmp_path / "compare.html"
    assert invoke("compare", "--save-html", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    parser = TagBalance()
    parser.feed(html)
    parser.close()
    assert parser.stack == [] and html.startswith("<!DOCTYPE html>")
    assert "<table>" in html and "<pre" not in html
    assert "only in 2019" in html and "Territorial dispute" in html


def test_codebooks_draw_bars_of_items_per_report(invoke, corpus: Corpus) -> None:
    out = invoke("themes", "--format", "table", env={"FORCE_COLOR": "1", "COLUMNS": "120"}).stdout
    line = next(line for line in out.splitlines() if "Territorial dispute" in line)
    # hudson-2019: one item of the largest count's 9, drawn in 6 cells: 5/8 of a cell
    assert re.search(r" \u258b 1\b", line)
    actors = invoke(
        "actors", "--format", "table", env={"FORCE_COLOR": "1", "COLUMNS": "120"}
    ).stdout
    russia = next(line for line in actors.splitlines() if "Russia" in line)
    # 1 of the largest count's 15, in 6 cells: 3/8 of a cell; tni-2021 has no item on Russia
    assert " \u258d 1" in russia and "\u00b7" in russia


CITE_KEYS = ["report", "item", "style", "quotes", "in_text", "note", "reference", "csl", "citation"]
QUOTE_KEYS = ["para", "text", "pasted", "in_text", "note"]


@pytest.mark.parametrize("style", STYLES)
def test_cite_json_names_what_was_cited_and_how(invoke_json, corpus: Corpus, style: str) -> None:
    """The JSON contract of `cite`: always an array, one object per citation, with the same
    keys in every style: what was cited, each quote with how it is pasted, and the parts of
    the citation apart (APA's in-text citation, Chicago's note, the entry alone)."""
    item = corpus.items["h19-rec-1"]
    [data] = invoke_json("cite", item.id, "--style", style)
    assert list(data) == CITE_KEYS and all(list(q) == QUOTE_KEYS for q in data["quotes"])
    assert (data["report"], data["item"], data["style"]) == (item.report, item.id, style)
    assert [{"para": q["para"], "text": q["text"]} for q in data["quotes"]] == as_data(item.quotes)
    assert (data["in_text"] is not None) == (style == "apa")
    assert (data["note"] is not None) == (style == "chicago")
    assert (data["csl"] is not None) == style.startswith("csl")
    quote = data["quotes"][0]
    if style == "apa":
        assert data["in_text"] == "(Hudson Institute, 2019)"
        assert quote["in_text"] == "(Hudson Institute, 2019, para. 11)"
        assert data["citation"] == f"{quote['pasted']}\n\n{data['reference']}"
        assert data["reference"].startswith("Hudson Institute. (2019, November).")
    if style == "chicago":
        assert quote["pasted"] == f"\u201c{item.quotes[0].text}\u201d"
        assert quote["note"].endswith(f"November 2019, par. 11, {HUDSON_URL}.")
        assert data["note"].endswith(f"November 2019, {HUDSON_URL}.")
        assert data["citation"] == "\n\n".join(
            [quote["pasted"], f"Note: {quote['note']}", data["reference"]]
        )
    whole = invoke_json("cite", item.report, "--style", style)
    assert [(w["item"], w["quotes"]) for w in whole] == [(None, [])]
    assert invoke_json("cite", "2019", "2021", "--style", style)[1]["report"] == "tni-2021"


def test_who_published_it_takes_the_field_each_form_calls_for(invoke, write) -> None:
    """BibTeX: a periodical's `journal`, a report's `institution`, anything else's
    `howpublished` (what @misc has); a title's TeX specials escaped. RIS: a year-only date
    keeps empty parts."""
    text = VALID_REPORT.replace("The Spirit of Camp David", "Camp David & 100% of_it")
    for form, field in (("report", "institution"), ("statement", "howpublished")):
        path = write(f"{form}.yaml", text.replace("kind: statement", f"kind: {form}"))
        bib = cite(invoke, "--corpus", str(path), "camp-david-2023", "--style", "bibtex")
        _, _, fields = bibtex_entry(bib)
        assert fields[field] == "The White House"
        assert fields["title"] == r"{Camp David \& 100\% of\_it}"
    year_only = write("year.yaml", text.replace('date: "2023-08-18"', 'date: "2023"'))
    record = dict(
        ris_record(cite(invoke, "--corpus", str(year_only), "camp-david-2023", "-s", "ris"))
    )
    assert record["DA"] == "2023///"


def test_bibliography_notes_the_chosen_quotes_of_every_item_once(
    invoke_json, corpus: Corpus
) -> None:
    first, second = corpus.items["h19-rec-1"], corpus.items["h19-rec-5"]
    [one] = invoke_json("cite", second.id, "--style", "ris", "--quote", "2")
    assert (one["item"], [q["text"] for q in one["quotes"]]) == (second.id, [second.quotes[1].text])
    assert f"N1  - \u201c{second.quotes[1].text}\u201d" in one["citation"]
    [both] = invoke_json("cite", first.id, second.id, first.id, "--style", "bibtex")
    texts = [q.text for q in (*first.quotes, *second.quotes)]
    assert (both["item"], [q["text"] for q in both["quotes"]]) == (None, texts)
    assert both["style"] == "bibtex" and both["in_text"] is None


def test_quote_one_is_the_first_quote(invoke_json, corpus: Corpus) -> None:
    item = corpus.items["h19-rec-5"]
    [data] = invoke_json("cite", item.id, "--quote", "1")
    assert [q["text"] for q in data["quotes"]] == [item.quotes[0].text]


@pytest.mark.parametrize("mark", ["?", "!"])
def test_a_title_ending_in_a_question_takes_no_added_comma(invoke, write, mark: str) -> None:
    path = write(
        "q.yaml", VALID_REPORT.replace("The Spirit of Camp David", f"Why Camp David{mark}")
    )
    note = cite(invoke, "--corpus", str(path), "cd23-commitment", "--style", "chicago")
    assert f"\u201cWhy Camp David{mark}\u201d August 18, 2023" in note
    assert f"Why Camp David{mark}." not in note.split("\n\n")[-1]


def test_chicago_lists_seven_of_more_than_ten_authors(invoke, write) -> None:
    """CMOS 17 (14.76): more than ten authors, the first seven in the bibliography, et al."""
    people = [f"Given{n} Family{n}" for n in range(1, 12)]
    text = VALID_REPORT.replace("authors: [The White House]", f"authors: {json.dumps(people)}")
    corpus = ("--corpus", str(write("many.yaml", text)))
    entry = cite(invoke, *corpus, "camp-david-2023", "-s", "chicago")
    assert entry.startswith("Family1, Given1, Given2 Family2, ")
    assert (
        "Given7 Family7, et al. \u201cThe Spirit of Camp David.\u201d" in entry
        and "Family8" not in entry
    )
    ten = VALID_REPORT.replace("authors: [The White House]", f"authors: {json.dumps(people[:10])}")
    entry = cite(
        invoke, "--corpus", str(write("ten.yaml", ten)), "camp-david-2023", "-s", "chicago"
    )
    assert "and Given10 Family10. \u201cThe Spirit" in entry
