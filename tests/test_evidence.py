"""Every code shows its evidence (issue 22): the format, its checks, and every view of it."""

from __future__ import annotations

import json

import pytest
import yaml

from trilat_cli.corpus.evidence import in_quotes, meets
from trilat_cli.corpus.model import KINDS

from .corpora import EVIDENCED_REPORT, VALID_REPORT

QUOTE = "We commit to consult with each other in an expeditious manner."


@pytest.mark.parametrize(
    ("words", "found"),
    [
        ("consult with each other", True),
        ("consult   with\neach other", True),  # whitespace
        ("We commit ... expeditious manner", True),  # pieces joined by ...
        ("each other ... We commit", False),  # in order only
        ("consul", False),  # whole words
        ("with each other in a speedy", False),
        ("", False),
    ],
)
def test_evidence_stands_in_the_quotes_as_a_quote_stands_in_its_text(words, found) -> None:
    assert in_quotes(words, [QUOTE]) is found


def test_evidence_takes_typographic_quotes_and_dashes_as_a_quote_does() -> None:
    quotes = ["\u201cAlliance drift\u201d between the US and Japan\u2014so to speak"]
    assert in_quotes('"Alliance drift" between', quotes)
    assert in_quotes("Japan-so", quotes)


def test_pieces_of_evidence_may_span_two_quotes_only_with_dots() -> None:
    quotes = ["First quote ends here.", "Second one starts."]
    assert in_quotes("ends here. ... Second one", quotes)
    assert not in_quotes("ends here. Second one", quotes)


@pytest.mark.parametrize(
    ("cue", "words", "met"),
    [
        ("cyber*", "cyberattacks", True),
        ("cyber*", "Cyber operations", True),
        ("health", "health standards", True),
        ("health", "healthy", False),
        ("North Korea*", "a North Korean attack", True),
        ("Washington, Tokyo, and Seoul", "Washington,  Tokyo, and Seoul", True),
    ],
)
def test_cue_words_are_whole_words_in_any_case(cue, words, met) -> None:
    assert meets(cue, words) is met


@pytest.mark.parametrize(
    ("replace", "by", "place"),
    [
        ("kind_evidence: We commit to", "kind_evidence: We promise to", "22:5"),
        ("us: {role: by, evidence: We}", "us: {role: by, evidence: They}", "24:22"),
        (
            "defense-coordination: [consult, manner]",
            "defense-coordination: [consult, way]",
            "30:39",
        ),
        ("      north-korea: consult\n", "      north-korea: Consult with Pyongyang\n", "29:7"),
    ],
)
def test_evidence_not_in_the_quotes_is_an_error_at_its_place(
    invoke, write, replace, by, place
) -> None:
    assert replace in EVIDENCED_REPORT
    path = write("cd.yaml", EVIDENCED_REPORT.replace(replace, by))
    result = invoke("validate", str(path))
    assert result.exit_code == 1
    assert f"  {path}:{place}: evidence " in result.stderr
    assert "is not in the item's quotes word for word" in result.stderr
    # a list and the other forms load the same: the corpus does not load at all
    assert invoke("--corpus", str(path), "items").exit_code == 1


def test_the_long_forms_load_and_say_what_a_program_suggested(invoke_json, write) -> None:
    text = EVIDENCED_REPORT.replace(
        "kind_evidence: We commit to", "kind_evidence: We commit to\n    kind_suggested: true"
    ).replace(
        "      north-korea: consult\n",
        "      north-korea: {evidence: consult, suggested: true}\n",
    )
    text = text.replace(
        "japan: {role: by, evidence: We}", "japan: {role: by, evidence: We, suggested: true}"
    )
    path = write("cd.yaml", text)
    item = invoke_json("--corpus", str(path), "show", "cd23-commitment")
    assert item["kind_evidence"] == ["We commit to"] and item["kind_suggested"] is True
    assert item["actors"]["japan"] == "by"  # the role, as before
    assert item["evidence"]["actors"]["japan"] == ["We"]
    assert item["evidence"]["themes"] == {
        "north-korea": ["consult"],
        "defense-coordination": ["consult", "manner"],
    }
    assert item["suggested"] == {"actors": ["japan"], "themes": ["north-korea"]}


def test_the_short_forms_still_load_and_show_no_evidence(invoke_json, write) -> None:
    item = invoke_json("--corpus", str(write("cd.yaml", VALID_REPORT)), "show", "cd23-commitment")
    assert item["actors"]["us"] == "by" and item["themes"][0] == "north-korea"
    assert item["kind_evidence"] == [] and item["evidence"]["themes"]["north-korea"] == []


def test_an_export_writes_each_code_in_the_form_a_person_would(invoke, write) -> None:
    path = write("cd.yaml", EVIDENCED_REPORT)
    exported = invoke("--corpus", str(path), "export", "--report", "camp-david-2023").stdout
    item = yaml.safe_load(exported)["items"][0]
    assert item["kind_evidence"] == "We commit to"
    assert item["actors"]["us"] == {"role": "by", "evidence": "We"}
    assert item["themes"] == {
        "north-korea": "consult",
        "defense-coordination": ["consult", "manner"],
    }
    short = invoke("--corpus", str(write("v.yaml", VALID_REPORT)), "export", "-r", "2023").stdout
    assert yaml.safe_load(short)["items"][0]["themes"] == ["north-korea", "defense-coordination"]
    assert yaml.safe_load(short)["items"][0]["actors"]["us"] == "by"


def test_items_why_shows_the_evidence_for_the_theme_asked_for(invoke, invoke_json, write) -> None:
    path = str(write("cd.yaml", EVIDENCED_REPORT))
    lines = invoke("--corpus", path, "items", "--theme", "defense-coordination", "--why").stdout
    mine = next(line for line in lines.splitlines() if line.startswith("cd23-commitment"))
    assert mine.endswith("\ttheme defense-coordination: \u201cconsult\u201d / \u201cmanner\u201d")
    records = invoke_json("--corpus", path, "items", "-r", "2023", "-a", "us", "--why")
    assert records[0]["why"] == [{"code": "us (by)", "evidence": ["We"]}]
    records = invoke_json("--corpus", path, "items", "-r", "2023", "--why")
    assert records[0]["why"] == [{"code": "kind recommendation", "evidence": ["We commit to"]}]
    assert "why" not in invoke_json("--corpus", path, "items", "-r", "2023")[0]


def test_compare_why_shows_each_items_evidence_beside_it(invoke, invoke_json, write) -> None:
    path = str(write("cd.yaml", EVIDENCED_REPORT))
    args = ("--corpus", path, "compare", "2021", "2023", "--theme", "north-korea")
    shown = invoke(*args, "--why", "-f", "table").stdout
    assert "why: \u201cconsult\u201d" in shown
    assert "why:" not in invoke(*args, "-f", "table").stdout
    row = invoke_json(*args)["rows"][0]
    assert row["evidence"]["camp-david-2023"] == {"cd23-commitment": ["consult"]}
    piped = invoke(*args, "--why").stdout
    assert piped.rstrip("\n").endswith("\tcd23-commitment: \u201cconsult\u201d")


def test_show_lists_each_code_with_its_evidence(invoke, write) -> None:
    path = str(write("cd.yaml", EVIDENCED_REPORT))
    lines = invoke("--corpus", path, "show", "cd23-commitment").stdout.splitlines()
    assert "Why kind recommendation\t\u201cWe commit to\u201d" in lines
    assert "Why north-korea (involves)\t\u201cconsult\u201d" in lines
    assert "Why theme defense-coordination\t\u201cconsult\u201d / \u201cmanner\u201d" in lines


def test_show_theme_and_kind_print_the_rule_and_each_items_evidence(
    invoke, invoke_json, write
) -> None:
    path = str(write("cd.yaml", EVIDENCED_REPORT))
    theme = invoke_json("--corpus", path, "show", "defense-coordination")
    assert theme["section"] == "themes" and theme["include_cues"][0] == "intelligence*"
    assert {
        "id": "cd23-commitment",
        "report": "camp-david-2023",
        "evidence": ["consult", "manner"],
        "suggested": False,
    } in theme["items"]
    kind = invoke_json("--corpus", path, "show", "recommendations")
    assert kind["section"] == "kinds" and kind["id"] == "recommendation"
    assert "should" in kind["include_cues"]
    lines = invoke("show", "risk").stdout.splitlines()
    assert lines[2].startswith("Rule\tA danger or harm the authors say follows")
    unknown = invoke("show", "helth")
    assert (
        unknown.exit_code == 2 and "unknown item, report, theme or kind 'helth'" in unknown.stderr
    )
    assert "did you mean 'health'?" in unknown.stderr


def test_kinds_lists_every_kind_with_its_rule(invoke_json) -> None:
    kinds = invoke_json("kinds")
    assert [kind["id"] for kind in kinds] == list(KINDS)
    assert all(kind["definition"] for kind in kinds)


def test_a_rule_that_needs_no_evidence_says_why_and_silences_the_warning(invoke, write) -> None:
    path = write("cd.yaml", VALID_REPORT)
    before = invoke("validate", str(path)).stderr
    assert "theme 'north-korea' shows no evidence" in before
    own = write(
        "theme.yaml",
        """
        themes:
          - id: space
            name: Space
            definition: Outer space.
            without_evidence: Every item of this report is about space, as its title says.
        """,
    )
    spaced = write("spaced.yaml", VALID_REPORT.replace("[north-korea, defense", "[space, defense"))
    after = invoke("validate", str(own), str(spaced)).stderr
    assert "theme 'space'" not in after and "theme 'defense-coordination'" in after
    assert json.loads(invoke("--corpus", str(own), "themes", "--json").stdout)[-1][
        "without_evidence"
    ].startswith("Every item")


def test_evidence_may_stand_in_a_title_marked_verbatim_and_nowhere_else(invoke, write) -> None:
    """A numbered point's lead-in ("Back off ...") is its own words when the title is the
    text's; a title of ours is not."""
    text = EVIDENCED_REPORT.replace("kind_evidence: We commit to", "kind_evidence: Commitment")
    ours = invoke("validate", str(write("ours.yaml", text)))
    assert ours.exit_code == 1 and "evidence 'Commitment' is not in" in ours.stderr
    verbatim = text.replace("    ordinal: 1\n", "    ordinal: 1\n    title_verbatim: true\n")
    assert invoke("validate", str(write("verbatim.yaml", verbatim))).exit_code == 0


def test_an_item_whose_words_name_no_state_has_no_actors(invoke_json, write) -> None:
    text = (
        EVIDENCED_REPORT.split("    actors:\n")[0]
        + "    actors: {}\n    themes:"
        + (EVIDENCED_REPORT.split("    themes:")[1])
    )
    item = invoke_json("--corpus", str(write("cd.yaml", text)), "show", "cd23-commitment")
    assert item["actors"] == {} and item["evidence"]["actors"] == {}


def test_web_opens_a_page_only_for_an_item_or_a_report(invoke) -> None:
    result = invoke("show", "health", "--web")
    assert result.exit_code == 2 and "'health' is a theme of the codebook" in result.stderr


def test_validate_json_carries_the_warnings_as_records(invoke, write) -> None:
    path = write("cd.yaml", EVIDENCED_REPORT)
    answer = json.loads(invoke("validate", str(path), "--json").stdout)
    assert answer["ok"] is True and answer["problems"] == []
    assert [w["code"] for w in answer["warnings"]] == ["cue-not-met"] * 3
    assert answer["warnings"][0]["line"] == 22
    astray = write("astray.yaml", EVIDENCED_REPORT.replace("evidence: We}", "evidence: They}", 1))
    answer = json.loads(invoke("validate", str(astray), "--json").stdout)
    assert answer["ok"] is False
    assert [p["code"] for p in answer["problems"]] == ["evidence-not-in-quotes"]
