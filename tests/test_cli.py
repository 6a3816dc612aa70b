"""Every command and format through the real Typer app, at a fixed width."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

import pytest
import yaml

from trilat_cli.corpus.model import Corpus, as_data

from .conftest import app_commands, ids
from .corpora import VALID_REPORT

ITEM_FIELDS = {
    "id",
    "report",
    "kind",
    "title",
    "summary",
    "quotes",
    "actors",
    "themes",
    "ordinal",
    "title_verbatim",
    "parent",
    "events",
    "also_known_as",
    "kind_evidence",
    "kind_suggested",
    "evidence",
    "suggested",
}
COLOR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m")


def test_reports_list_both_texts_with_counts_by_kind(invoke_json, corpus: Corpus) -> None:
    reports = invoke_json("reports")
    assert ids(reports) == list(corpus.reports)
    for report in reports:
        expected = Counter(i.kind for i in corpus.items.values() if i.report == report["id"])
        assert report["counts"] == dict(expected)
        assert report["date_precision"] in ("year", "month", "day")
    assert reports[1]["authors"] == ["Daniel Aum", "Elliot Silverberg"]


def test_flashpoints_are_the_four_of_2019(invoke_json, corpus: Corpus) -> None:
    records = invoke_json("flashpoints")
    assert ids(records) == [i.id for i in corpus.items.values() if i.kind == "flashpoint"]
    assert len(records) == 4
    for record in records:
        assert set(record) == ITEM_FIELDS
        item = corpus.items[record["id"]]
        assert record["quotes"] == as_data(item.quotes)
        assert record["actors"] == {a: code.role for a, code in item.actors.items()}
        assert record["themes"] == list(item.themes)
        assert record["kind_evidence"] == list(item.kind_evidence)
        assert record["evidence"]["themes"] == {t: list(c.evidence) for t, c in item.themes.items()}


@pytest.mark.parametrize("actor", ["us", "US", "Washington", "united states", "U.S."])
def test_recommend_by_actor_any_alias(invoke_json, corpus: Corpus, actor: str) -> None:
    records = invoke_json("recommend", "--actor", actor)
    expected = [
        i.id for i in corpus.items.values() if i.kind == "recommendation" and "us" in i.actors
    ]
    assert ids(records) == expected
    assert all("us" in record["actors"] for record in records)


def test_role_narrows_the_actor(invoke_json, corpus: Corpus) -> None:
    anyrole = invoke_json("recommend", "--actor", "japan")
    involved = invoke_json("recommend", "--actor", "japan", "--role", "involves")
    assert 0 < len(involved) < len(anyrole)
    assert all(record["actors"]["japan"] == "involves" for record in involved)


def test_items_filters_combine(invoke_json) -> None:
    assert ids(invoke_json("items", "--theme", "cyber", "--report", "2019")) == ["h19-rec-4"]
    uncertainties = invoke_json("items", "--kind", "uncertainty", "--report", "tni-2021")
    assert [r["ordinal"] for r in uncertainties] == [1, 2, 3]
    assert {r["parent"] for r in uncertainties} == {"t21-element-1"}
    assert ids(invoke_json("items", "-k", "flashpoints", "-a", "Moscow")) == ["h19-flash-threats"]


def test_every_kind_is_listable(invoke_json, corpus: Corpus) -> None:
    listed = [
        record["id"]
        for kind in sorted({i.kind for i in corpus.items.values()})
        for record in invoke_json("items", "--kind", kind)
    ]
    assert sorted(listed) == sorted(corpus.items)


@pytest.mark.parametrize("plural", ["flash points", "Flash-Points", "flashpoints", "uncertainties"])
def test_a_kind_is_found_by_its_plural_as_the_memo_heads_it(invoke_json, plural: str) -> None:
    singular = invoke_json("items", "--kind", plural)
    assert singular and len({record["kind"] for record in singular}) == 1
    assert singular == invoke_json("items", "--kind", singular[0]["kind"])


def test_compare_defaults_to_2019_and_2021(invoke_json, corpus: Corpus) -> None:
    data = invoke_json("compare")
    assert data["reports"] == ["hudson-2019", "tni-2021"]
    assert [t["id"] for t in data["texts"]] == data["reports"]
    for row in data["rows"]:
        a, b = (row["items"][report] for report in data["reports"])
        assert row["status"] == ("continued" if a and b else "dropped" if a else "new")
        for report, item_ids in row["items"].items():
            assert all(
                row["theme"] in corpus.items[i].themes and corpus.items[i].report == report
                for i in item_ids
            )
        assert set(row["notes"]) == set(data["reports"])
    statuses = {row["theme"]: row["status"] for row in data["rows"]}
    assert statuses["territorial-dispute"] == "dropped" and statuses["climate"] == "new"
    assert statuses["north-korea"] == "continued"


def test_compare_in_either_order_keeps_time_for_status(invoke_json) -> None:
    forward = {r["theme"]: r["status"] for r in invoke_json("compare", "2019", "2021")["rows"]}
    backward = invoke_json("compare", "tni-2021", "hudson-2019")
    assert backward["reports"] == ["tni-2021", "hudson-2019"]
    assert {r["theme"]: r["status"] for r in backward["rows"]} == forward


def test_compare_one_theme_side_by_side_with_quotes(invoke_json, invoke, corpus: Corpus) -> None:
    data = invoke_json("compare", "--theme", "China")
    assert [row["theme"] for row in data["rows"]] == ["china"]
    quotes = data["rows"][0]["quotes"]["tni-2021"]
    assert {q["quote"] for q in quotes} == {
        quote.text
        for i in corpus.items.values()
        if i.report == "tni-2021" and "china" in i.themes
        for quote in i.quotes
    }
    table = invoke("compare", "--theme", "china", "--format", "table").stdout
    assert "anti-China" in table and "Note (ours)" in table


def test_show_one_item_in_full(invoke_json, invoke, corpus: Corpus) -> None:
    record = invoke_json("show", "h19-rec-3")
    item = corpus.items["h19-rec-3"]
    assert record["quotes"] == as_data(item.quotes) and record["events"] == ["inf-treaty-ends"]
    assert record["citation"].startswith("Hudson Institute. (2019, November).")
    text = invoke("show", "h19-rec-3", "--format", "table").stdout
    for expected in (
        "recommendation 3",
        "Summary (ours)",
        "Quote 1",
        "United States (by)",
        "Intermediate-Range Nuclear Forces",
        "Source",
    ):
        assert expected in " ".join(text.split()), expected


def test_search_finds_every_word_best_first(invoke_json, corpus: Corpus) -> None:
    hits = invoke_json("search", "cyber")
    assert hits and [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    for hit in hits:
        item = corpus.items[hit["id"]]
        assert (
            "cyber"
            in " ".join(
                [
                    item.title,
                    item.summary,
                    *(quote.text for quote in item.quotes),
                    *(corpus.themes[t].name for t in item.themes),
                ]
            ).lower()
        )
    narrower = invoke_json("search", "north", "korea", "cyber")
    assert 0 < len(narrower) < len(hits)
    assert set(ids(narrower)) <= set(ids(hits))
    assert ids(invoke_json("search", "CYBER", "--report", "2021")) == ids(
        [h for h in hits if h["report"] == "tni-2021"]
    )


def test_search_highlights_matches_on_a_terminal(invoke) -> None:
    result = invoke("search", "dokdo", "--format", "table", env={"FORCE_COLOR": "1"})
    assert result.stdout.count("\x1b[1;4;30;43mDokdo") == 3  # title, summary, quote
    plain = invoke("search", "dokdo", "--format", "table").stdout
    assert "\x1b" not in plain and "Dokdo" in plain


@pytest.mark.parametrize("section", ["actors", "themes"])
def test_codebooks_count_items_per_report(invoke_json, corpus: Corpus, section: str) -> None:
    records = invoke_json(section)
    assert ids(records) == list(corpus.section(section))
    for record in records:
        for report, count in record["counts"].items():
            touching = [
                i
                for i in corpus.items.values()
                if i.report == report
                and record["id"] in (i.actors if section == "actors" else i.themes)
            ]
            assert count == len(touching)
    assert all(r.get("aliases") or r.get("definition") for r in records)


def test_yaml_format_carries_the_same_data_as_json(invoke, invoke_json) -> None:
    as_yaml = yaml.safe_load(invoke("recommend", "-f", "yaml").stdout)
    assert as_yaml == invoke_json("recommend")


def test_csv_format_has_a_header_and_every_field(invoke, corpus: Corpus) -> None:
    rows = list(csv.DictReader(io.StringIO(invoke("flashpoints", "--format", "csv").stdout)))
    assert [row["id"] for row in rows] == [
        i.id for i in corpus.items.values() if i.kind == "flashpoint"
    ]
    assert set(rows[0]) == ITEM_FIELDS
    assert rows[3]["actors"] == "south-korea: by; japan: by"


def test_markdown_format_is_a_memo_table_with_quotes_and_sources(invoke) -> None:
    lines = invoke("recommend", "--report", "2021", "-f", "md").stdout.splitlines()
    assert lines[0].startswith("| ID | Report | Kind | Title |")
    assert lines[0].endswith("| Quotes (the text's own words) |")
    assert lines[1].startswith("|---|")
    assert lines[2].startswith("| t21-standfirst |") and lines[8] == ""
    assert lines[9:12] == ["## Sources", "", "| Report | Reference |"]
    assert lines[13].startswith("| tni-2021 | Aum, D., & Silverberg, E. (2021, March 21).")


def test_markdown_cells_escape_pipes_and_backslashes_and_are_never_empty(invoke, write) -> None:
    title = r"title: 'Consult | or not \ maybe'"
    path = str(write("cd.yaml", VALID_REPORT.replace("title: Commitment to consult", title)))
    table = invoke("--corpus", path, "items", "--report", "camp-david-2023", "-f", "md").stdout
    lines = table.splitlines()
    assert lines[1] == "|---|---|---|---|---|---|"
    assert lines[2] == (
        "| cd23-commitment | camp-david-2023 | recommendation 1 | Consult \\| or not \\\\ maybe "
        "(ours) | The three commit to consult in a crisis. | \u201cWe commit to consult with each "
        "other in an expeditious manner.\u201d |"
    )
    assert table.endswith(" |\n") and not table.endswith(" |\n\n")
    assert invoke("compare", "-f", "md").stdout.startswith("|   | hudson-2019 | tni-2021 |\n")


def test_yaml_keeps_the_typography_and_wraps_at_100_columns(invoke) -> None:
    lines = invoke("show", "h19-rec-1", "-f", "yaml").stdout.splitlines()
    assert "title: Back off \u201cburden-sharing\u201d rhetoric" in lines
    assert (
        "summary: Washington should back off \u201cburden-sharing\u201d rhetoric, since a "
        "public browbeating of allies undermines"
    ) in lines
    quote = "    text: Hours before Friday\u2019s deadline, South Korea extended an intelligence-sharing"
    assert f"{quote} pact with Japan" in invoke("items", "-f", "yaml").stdout.splitlines()


def test_json_keeps_the_typography_and_escapes_hidden_characters(invoke, write) -> None:
    shown = invoke("show", "h19-rec-1", "--json").stdout
    assert '"title":"Back off \u201cburden-sharing\u201d rhetoric"' in shown
    title = "title: Commitment \u202eto consult"
    path = str(write("cd.yaml", VALID_REPORT.replace("title: Commitment to consult", title)))
    hidden = invoke("--corpus", path, "show", "cd23-commitment", "--json").stdout
    assert '"title":"Commitment \\u202eto consult"' in hidden and "\u202e" not in hidden


def test_piped_default_is_one_tab_separated_record_per_line(invoke, corpus: Corpus) -> None:
    narrow = invoke("recommend", env={"COLUMNS": "40"}).stdout
    wide = invoke("recommend", env={"COLUMNS": "200"}).stdout
    assert narrow == wide
    lines = narrow.splitlines()
    assert len(lines) == sum(i.kind == "recommendation" for i in corpus.items.values())
    assert all(len(line.split("\t")) == 5 for line in lines)
    assert lines[0].split("\t")[:3] == ["h19-rec-1", "hudson-2019", "recommendation 1"]
    assert "\x1b" not in narrow and "\u2502" not in narrow


@pytest.mark.parametrize(
    ("command", "section"),
    [("items", "items"), ("timeline", "events"), ("reports", "reports"), ("themes", "themes")],
)
def test_table_at_80_columns_keeps_ids_whole(invoke, corpus: Corpus, command, section) -> None:
    out = invoke(command, "--format", "table", env={"COLUMNS": "80", "FORCE_COLOR": "1"}).stdout
    plain = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert all(len(line) <= 80 for line in plain.splitlines())
    if section == "events":
        ids = {
            item
            for event in corpus.events
            for item in corpus.items
            if event in corpus.items[item].events
        }
    else:
        ids = set(corpus.section(section))
    assert all(re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", plain) for i in ids)


def test_table_in_a_pipe_has_no_box_drawing_or_colour(invoke) -> None:
    out = invoke("flashpoints", "--format", "table").stdout
    assert "\x1b" not in out and not set("\u2502\u2500\u256d") & set(out)


@pytest.mark.parametrize("args", [("search", "cyber"), ("compare",)])
def test_no_color_wins_over_force_color(invoke, args) -> None:
    forced = invoke(*args, "-f", "table", env={"FORCE_COLOR": "1"}).stdout
    assert COLOR.search(forced)
    both = invoke(*args, "-f", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert "\x1b[1m" in both and not COLOR.search(both)


def test_rich_markup_and_escapes_in_corpus_text_are_shown_literally(invoke, write) -> None:
    text = VALID_REPORT.replace("Commitment to consult", "'[bold red]Commit[/] \\x1b[31m now'")
    path = write("markup.yaml", text.replace("title: '", 'title: "').replace("now'", 'now"'))
    for fmt in ("table", "tsv", "md", "csv"):
        result = invoke(
            "--corpus", str(path), "show", "cd23-commitment", "-f", fmt, env={"FORCE_COLOR": "1"}
        )
        assert result.exit_code == 0, result.stderr
        # Markdown escapes its own syntax with a backslash; a reader sees the text without it.
        shown = re.sub(r"\\(.)", r"\1", result.stdout) if fmt == "md" else result.stdout
        assert "[bold red]Commit[/]" in shown, fmt
        assert "\\x1b[31m" in result.stdout.replace("\\[", "[") and "\x1b[31m now" not in shown, fmt
    shown = json.loads(invoke("--corpus", str(path), "show", "cd23-commitment", "--json").stdout)
    assert shown["title"] == "[bold red]Commit[/] \x1b[31m now"


def test_empty_result_is_not_an_error(invoke) -> None:
    args = ("recommend", "--actor", "russia", "--role", "by")
    assert json.loads(invoke(*args, "--json").stdout) == []
    piped = invoke(*args)
    assert (piped.exit_code, piped.stdout, piped.stderr) == (0, "", "")
    table = invoke(*args, "--format", "table")
    assert (table.exit_code, table.stdout) == (0, "")
    assert "no recommendations match" in table.stderr


COMMANDS = app_commands()


def test_help_lists_every_command_with_its_summary(invoke) -> None:
    result = invoke("--help")
    assert result.exit_code == 0 and result.stdout.startswith("Usage: trilat ")
    listed = re.findall(r"^  ([a-z]+)  +[A-Z]", result.stdout, flags=re.MULTILINE)
    assert sorted(listed) == COMMANDS and len(COMMANDS) >= 14


def test_trilat_alone_prints_help(invoke) -> None:
    result = invoke()
    assert (result.exit_code, result.stdout) == (0, invoke("--help").stdout)


def test_version(invoke) -> None:
    from trilat_cli import __version__

    for flag in ("--version", "-V"):
        assert invoke(flag).stdout == f"trilat {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_a_summary_and_example(invoke, command: str) -> None:
    for flag in ("-h", "--help"):
        result = invoke(command, flag)
        assert result.exit_code == 0
        assert f"Usage: trilat {command}" in result.stdout
        assert "Example" in result.stdout and "trilat " in result.stdout.split("Example")[1]


def test_a_title_match_outranks_a_quote_match(invoke_json, write) -> None:
    text = VALID_REPORT.replace("Commitment to consult", "The lantern clause") + VALID_REPORT.split(
        "items:"
    )[1].replace("cd23-commitment", "cd23-other").replace(
        "We commit to consult", "A lantern, and another lantern, to consult"
    )
    corpus = str(write("lantern.yaml", text))
    hits = invoke_json("--corpus", corpus, "search", "lantern")
    assert ids(hits) == ["cd23-commitment", "cd23-other"]
    assert hits[0]["score"] == 100 > hits[1]["score"] > 0
    # "japan" stands only in an actor's name, the same in both: the title still wins.
    hits = invoke_json("--corpus", corpus, "search", "lantern", "japan")
    assert ids(hits) == ["cd23-commitment", "cd23-other"]


def test_json_in_a_pipe_is_one_compact_line(invoke, corpus: Corpus) -> None:
    out = invoke("recommend", "--json").stdout
    assert out.count("\n") == 1 and out.startswith('[{"id":"h19-rec-1","report":"hudson-2019",')
    assert len(json.loads(out)) == sum(i.kind == "recommendation" for i in corpus.items.values())
