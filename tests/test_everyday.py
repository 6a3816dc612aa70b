"""An hour of daily use: filters that combine, the same options everywhere, global options
after the command, show REPORT, empty results that help, completion, help and citations."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from trilat_cli.corpus.model import Corpus

from .conftest import app_commands, ids
from .corpora import VALID_REPORT


def expected(corpus: Corpus, keep) -> list[str]:
    return [item.id for item in corpus.items.values() if keep(item)]


# ---- filters that combine -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("--actor", "russia", "--actor", "china"),
        ("--actor", "russia,china"),
        ("-a", "Moscow", "-a", "PRC"),
    ],
)
def test_several_values_of_one_filter_mean_any_of_them(invoke_json, corpus, args) -> None:
    found = ids(invoke_json("items", *args))
    assert found == expected(corpus, lambda i: "russia" in i.actors or "china" in i.actors)
    assert any("russia" in corpus.items[i].actors for i in found)
    assert any("russia" not in corpus.items[i].actors for i in found)


def test_several_filters_mean_all_of_them(invoke_json, corpus) -> None:
    found = ids(
        invoke_json(
            "items", "-a", "russia,china", "--theme", "north-korea,china", "-k", "risk,flashpoint"
        )
    )
    assert found == expected(
        corpus,
        lambda i: (
            bool({"russia", "china"} & set(i.actors))
            and bool({"north-korea", "china"} & set(i.themes))
            and i.kind in ("risk", "flashpoint")
        ),
    )
    assert 0 < len(found) < len(ids(invoke_json("items", "-a", "russia,china")))


def test_role_applies_to_each_actor_named(invoke_json, corpus) -> None:
    found = ids(invoke_json("recommend", "--actor", "japan,south-korea", "--role", "by"))
    assert found == expected(
        corpus,
        lambda i: (
            i.kind == "recommendation"
            and any(i.takes_part(actor, "by") for actor in ("japan", "south-korea"))
        ),
    )


def test_timeline_takes_theme_and_several_reports(invoke_json, corpus) -> None:
    events = invoke_json("timeline", "--theme", "history-memory")
    assert events and all(
        any("history-memory" in corpus.items[i].themes for i in event["items"]) for event in events
    )
    both = invoke_json("timeline", "--report", "2019,2021")
    assert len(both) > len(invoke_json("timeline", "--report", "2019"))


def test_timeline_theme_keeps_every_event_an_item_of_the_theme_mentions(
    invoke_json, corpus
) -> None:
    # Not the first event in time: one that fails the filter must not end the list.
    found = [event["id"] for event in invoke_json("timeline", "--theme", "north-korea")]
    assert found[:2] == ["tisa-signed", "inf-treaty-ends"]
    assert found == [
        event.id
        for event in sorted(corpus.events.values(), key=lambda event: event.date)
        if any("north-korea" in i.themes and event.id in i.events for i in corpus.items.values())
    ]


# ---- the same options everywhere -------------------------------------------------------------

LISTS = ["reports", "flashpoints", "recommend", "items", "actors", "themes", "timeline"]


@pytest.mark.parametrize("command", [*LISTS, "search"])
def test_every_list_command_takes_limit(invoke, command) -> None:
    args = [command, *(["korea"] if command == "search" else [])]
    whole = invoke(*args, "--json")
    cut = invoke(*args, "--json", "--limit", "1")
    assert cut.exit_code == 0 and cut.stderr == ""  # the "more" note is for terminals only
    assert json.loads(cut.stdout) == json.loads(whole.stdout)[:1]
    assert len(invoke(*args, "-f", "tsv", "-n", "1").stdout.splitlines()) == 1


def test_limit_must_be_a_positive_whole_number(invoke) -> None:
    assert invoke("items", "--limit", "0").exit_code == 2
    bad = invoke("items", "--limit", "ten")
    assert bad.exit_code == 2 and "'ten' is not a whole number" in bad.stderr


@pytest.mark.parametrize("command", ["items", "flashpoints", "search", "timeline", "reports"])
def test_pictures_can_be_saved_from_every_table(invoke, tmp_path, command) -> None:
    svg, html = tmp_path / "t.svg", tmp_path / "t.html"
    args = [command, *(["korea"] if command == "search" else [])]
    result = invoke(*args, "--save-svg", str(svg), "--save-html", str(html))
    assert result.exit_code == 0, result.stderr
    assert svg.read_text().startswith("<svg") and "<html" in html.read_text()


def test_search_takes_role(invoke_json) -> None:
    hits = invoke_json("search", "korea", "--actor", "us", "--role", "by")
    assert hits and all(hit["actors"]["us"] == "by" for hit in hits)


def test_export_takes_json_and_tsv(invoke, corpus) -> None:
    as_json = invoke("export", "--report", "2021", "--json")
    assert json.loads(as_json.stdout)["reports"][0]["id"] == "tni-2021"
    lines = invoke("export", "--report", "2021", "-f", "tsv").stdout.splitlines()
    count = sum(item.report == "tni-2021" for item in corpus.items.values())
    assert len(lines) == count and all(line.startswith("t21-") for line in lines)


# ---- global options after the command --------------------------------------------------------


def test_corpus_and_no_cache_work_after_the_command(invoke_json, write) -> None:
    path = write("mine.yaml", VALID_REPORT)
    before = invoke_json("--corpus", str(path), "reports")
    after = invoke_json("reports", "--corpus", str(path), "--no-cache")
    assert ids(after) == ids(before) and len(after) == 3


def test_a_corpus_after_the_command_must_exist(invoke) -> None:
    result = invoke("recommend", "--corpus", "x.yaml")
    assert result.exit_code == 2 and "'x.yaml' does not exist" in result.stderr


def test_nothing_after_a_double_dash_moves(invoke) -> None:
    result = invoke("search", "--", "--no-cache")
    assert result.exit_code == 0 and result.stdout == ""


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [("--acter", "--actor"), ("--cor", "--corpus"), ("--limt", "--limit"), ("--zzz", None)],
)
def test_options_are_suggested_only_when_close(invoke, typed, suggested) -> None:
    result = invoke("recommend", typed, "x")
    assert result.exit_code == 2
    if suggested:
        assert f"(Possible options: {suggested})" in result.stderr
    else:
        assert "Possible options" not in result.stderr


# ---- show REPORT and empty results -----------------------------------------------------------


def test_show_a_report(invoke, corpus) -> None:
    report = corpus.reports["hudson-2019"]
    result = invoke("show", "hudson-2019", "-f", "table", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for label in ("Title (the text's own)", "Authors", "Date note (ours)", "Summary of"):
        assert label in text
    assert "Summary (ours)" in text and "Theme notes (ours)" in text
    assert "The Cornerstone and the Linchpin" in text
    assert " ".join(report.notes["cyber"].split()) in " ".join(text.split())
    assert report.url in text
    data = json.loads(invoke("show", "2021", "--json").stdout)
    assert data["id"] == "tni-2021" and data["notes"] == dict(corpus.reports["tni-2021"].notes)


def test_an_empty_listing_says_what_would_help(invoke) -> None:
    result = invoke("flashpoints", "--report", "2021", "-f", "table")
    assert result.exit_code == 0 and result.stdout == ""
    assert "tni-2021 lists no flash points; it has 1 context, 2 objective" in result.stderr
    result = invoke("items", "--actor", "russia", "--theme", "climate", "-f", "table")
    assert "no items match --actor and --theme together; drop one" in result.stderr


# ---- completion --------------------------------------------------------------------------------


def complete(invoke, shell: str, line: str) -> str:
    words = shlex.split(line)
    env = {
        "_TRILAT_COMPLETE": f"complete_{shell}",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
        "_TYPER_COMPLETE_ARGS": line,
    }
    result = invoke(env=env)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_bash_completion_escapes_multi_word_values(invoke) -> None:
    out = complete(invoke, "bash", "trilat items --actor Dem").splitlines()
    assert "Democratic\\ People\\'s\\ Republic\\ of\\ Korea" in out
    again = complete(invoke, "bash", "trilat items --actor Democratic\\ Peo").splitlines()
    assert "Democratic\\ People\\'s\\ Republic\\ of\\ Korea" in again


def test_zsh_completion_hands_zsh_each_value_single_quoted(invoke) -> None:
    assert "'Democratic People'\\''s Republic of Korea'" in complete(
        invoke, "zsh", "trilat items --actor Dem"
    )


@pytest.mark.parametrize("where", ["option", "after", "env"])
def test_completion_reads_your_corpus(invoke, write, where) -> None:
    path = str(write("mine.yaml", VALID_REPORT))
    line = {
        "option": f"trilat --corpus {path} show cd23-",
        "after": f"trilat show --corpus {path} cd23-",
        "env": "trilat show cd23-",
    }[where]
    env = {"_TRILAT_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": line}
    if where == "env":
        env["TRILAT_CORPUS"] = path
    result = invoke(env=env)
    assert "'cd23-commitment'" in result.stdout, result.stdout


# ---- help ------------------------------------------------------------------------------------

COMMANDS = app_commands()


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_no_internals_and_one_example_a_line(invoke, command) -> None:
    text = invoke(command, "--help", env={"COLUMNS": "80"}).stdout
    assert not re.search(r"\[\[|<list\[|<str>|<Path>|\{[A-Z]", text), text
    examples = text.split("Example")[1].splitlines()[1:]
    assert examples and all(line.startswith("    trilat ") for line in examples if line)
    assert "   |   " not in text


def test_top_level_help_groups_the_commands(invoke) -> None:
    text = invoke("--help").stdout
    headings = [line for line in text.splitlines() if line.endswith(":") and line[0] != " "]
    assert headings == ["Options:", "Explore:", "Compare:", "Cite and export:", "Your corpus:"]


TSV = {
    "reports": (("reports",), "id, year, title, authors, publisher, date, items by kind"),
    "items": (("items",), "id, report, kind, title, summary"),
    "search": (("search", "korea"), "id, report, kind, title, summary, match, score"),
    "actors": (("actors",), "id, name, aliases, then items of each report"),
    "timeline": (("timeline",), "id, date, precision, what happened, items, reports"),
}


@pytest.mark.parametrize("command", TSV)
def test_help_lists_the_tsv_columns_id_first(invoke, corpus, command) -> None:
    args, columns = TSV[command]
    assert columns in " ".join(invoke(command, "--help").stdout.split())
    rows = [line.split("\t") for line in invoke(*args, "-f", "tsv").stdout.splitlines()]
    named = columns.split(", ")
    per_report = len(corpus.reports) - 1 if "each report" in columns else 0
    assert {len(row) for row in rows} == {len(named) + per_report}
    assert all(
        row[0] in corpus.section(command if command in ("reports", "actors") else "items")
        or command == "timeline"
        for row in rows
    )
    if command == "timeline":
        assert all(row[0] in corpus.events for row in rows)


# ---- citations that paste clean --------------------------------------------------------------


def test_a_quote_inside_a_quote_becomes_single(invoke) -> None:
    text = invoke("cite", "h19-risk-2").stdout
    assert "\u201c\u2018Alliance drift\u2019 between" in text and "\u201c\u201c" not in text
    show = invoke("show", "t21-uncertainty-1", "-f", "tsv").stdout
    assert "\u2018America First\u2019 rhetoric" in show


def test_cite_one_quote(invoke, corpus) -> None:
    item = corpus.items["h19-rec-5"]
    text = invoke("cite", "h19-rec-5", "--quote", "2", "--style", "chicago").stdout
    assert item.quotes[1].text[:40] in text and item.quotes[0].text[:40] not in text
    bad = invoke("cite", "h19-rec-5", "--quote", "9")
    assert bad.exit_code == 2 and f"h19-rec-5 has {len(item.quotes)} quotes" in bad.stderr
    assert invoke("cite", "2019", "--quote", "1").exit_code == 2


def test_several_citations_are_separated_by_a_blank_line(invoke) -> None:
    one = invoke("cite", "2019").stdout.strip()
    two = invoke("cite", "2021").stdout.strip()
    assert invoke("cite", "2019", "2021").stdout == f"{one}\n\n{two}\n"
    data = json.loads(invoke("cite", "2019", "2021", "--json").stdout)
    assert [entry["report"] for entry in data] == ["hudson-2019", "tni-2021"]


@pytest.mark.parametrize("fmt", ["csv", "table", "tsv"])
def test_cite_refuses_formats_that_mean_nothing_for_it(invoke, fmt) -> None:
    result = invoke("cite", "2019", "-f", fmt)
    assert result.exit_code == 2 and result.stdout == ""
    assert "use -f json, -f yaml, -f md" in result.stderr


@pytest.mark.parametrize("style", ["bibtex", "ris"])
def test_a_bibliography_has_one_entry_per_report(invoke, corpus, style) -> None:
    text = invoke("cite", "h19-rec-3", "t21-element-1", "h19-rec-1", "--style", style).stdout
    opener = "@" if style == "bibtex" else "TY  - "
    assert text.count(opener) == 2
    if style == "bibtex":
        assert text.count("{hudson-2019,") == 1 and text.count("{tni-2021,") == 1
    for item in ("h19-rec-3", "h19-rec-1", "t21-element-1"):
        assert corpus.items[item].quotes[0].text[:30] in text
    assert "keyed by the report id" in " ".join(invoke("cite", "--help").stdout.split())


def test_verbatim_headings_are_the_texts_and_other_titles_ours(invoke, corpus) -> None:
    verbatim = next(i for i in corpus.items.values() if i.title_verbatim)
    ours = next(i for i in corpus.items.values() if not i.title_verbatim)
    assert "Heading (the text's own)" in invoke("show", verbatim.id, "-f", "tsv").stdout
    assert "Title (ours)" in invoke("show", ours.id, "-f", "tsv").stdout
    table = invoke("items", "-f", "table", env={"COLUMNS": "300"}).stdout
    assert f"{verbatim.title} (the text's own heading)" in table
    assert f"{ours.title} (ours)" in table
    memo = invoke("items", "-f", "md").stdout
    assert f"{verbatim.title} (the text's own heading)" in memo


def test_list_views_carry_quotes_when_asked(invoke, corpus) -> None:
    quote = corpus.items["h19-flash-dokdo"].quotes[0].text
    assert quote not in invoke("flashpoints").stdout
    assert quote in invoke("flashpoints", "--quotes").stdout
    table = invoke("flashpoints", "--quotes", "-f", "table", env={"COLUMNS": "300"}).stdout
    assert quote[:60] in table
    memo = invoke("search", "dokdo", "-f", "md").stdout
    assert quote in memo and "## Sources" in memo and "Hudson Institute. (2019" in memo


def test_urls_are_not_wrapped_in_show(invoke, corpus) -> None:
    url = corpus.reports["tni-2021"].url
    assert url in invoke("show", "t21-element-1", "-f", "table", env={"COLUMNS": "80"}).stdout
    assert url in invoke("show", "tni-2021", "-f", "table", env={"COLUMNS": "80"}).stdout


@pytest.mark.parametrize("command", ["flashpoints", "recommend", "items", "search", "timeline"])
def test_help_says_how_filters_combine(invoke, command) -> None:
    text = " ".join(invoke(command, "--help").stdout.split())
    assert "mean any of them; several filters mean all of them" in text


def test_the_export_memo_marks_titles_and_singles_inner_quotes(invoke, corpus) -> None:
    memo = invoke("export", "-f", "md").stdout
    verbatim = next(i for i in corpus.items.values() if i.title_verbatim)
    assert f"{verbatim.title} (the text's own heading)" in memo
    assert "> \u201c\u2018Alliance drift\u2019 between" in memo


NESTED_QUOTE = VALID_REPORT.replace(
    "- We commit to consult", '- We commit to "consult" and to \u201cact\u201d, and to consult'
)


@pytest.mark.parametrize(
    "args",
    [
        ("show", "cd23-commitment"),
        ("compare", "2021", "camp-david-2023", "--theme", "north-korea"),
        ("search", "expeditious"),
        ("export", "-f", "md", "-r", "camp-david-2023"),
        ("cite", "cd23-commitment"),
    ],
)
def test_a_quote_within_a_quote_takes_single_marks_wherever_it_is_shown(
    invoke, write, args
) -> None:
    path = write("nested.yaml", NESTED_QUOTE)
    result = invoke("--corpus", str(path), *args, env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "\u201cWe commit to \u2018consult\u2019 and to \u2018act\u2019, and to consult" in text
