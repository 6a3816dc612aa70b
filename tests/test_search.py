"""Search through the command line: syntax, spellings, why a hit matched, and nothing found."""

from __future__ import annotations

import json
import re

import pytest

from trilat_cli.corpus.model import Corpus

from .conftest import ids
from .corpora import VALID_REPORT
from .test_cli import COLOR, ITEM_FIELDS

MARKED = "\x1b[1;4;30;43m"  # bold, underlined, black on yellow
MARKED_NO_COLOR = "\x1b[1;4m"


def report_with(quote: str, title: str = "Commitment to consult") -> str:
    return VALID_REPORT.replace(
        "We commit to consult with each other in an expeditious manner.", quote
    ).replace("Commitment to consult", title)


def test_json_hits_are_items_with_a_score_first_and_their_matches_last(
    invoke_json, corpus: Corpus
) -> None:
    hits = invoke_json("search", "apology")
    assert ids(hits)[0] == "h19-flash-history"
    for hit in hits:
        assert next(iter(hit)) == "score" and list(hit)[-1] == "matches"
        assert set(hit) == ITEM_FIELDS | {"score", "matches"}
        assert all(set(match) == {"field", "snippet"} for match in hit["matches"])
    matches = hits[0]["matches"]
    # A quote comes first, as written (the text says "apologies"), then the summary.
    assert matches[0]["field"] == "quotes" and "Japanese apologies" in matches[0]["snippet"]
    assert matches[0]["snippet"].strip("\u2026") in " ".join(
        q.text for q in corpus.items[hits[0]["id"]].quotes
    )
    assert [m["field"] for m in matches] == ["quotes", "summary"]


def test_a_match_on_a_name_says_which_name(invoke_json) -> None:
    hits = invoke_json("search", "liancourt rocks")
    assert ids(hits) == ["h19-flash-dokdo"]
    assert hits[0]["matches"][0] == {"field": "also_known_as", "snippet": "Liancourt Rocks"}
    assert {"field": "themes", "snippet": "Liancourt Rocks"} in hits[0]["matches"]
    gsomia = invoke_json("search", "gsomia")[0]["matches"]
    assert {"field": "id", "snippet": "h19-context-gsomia"} in gsomia
    assert any(m["field"] == "events" and "GSOMIA" in m["snippet"] for m in gsomia)


def test_a_long_quote_is_cut_around_its_match(invoke_json, corpus: Corpus) -> None:
    snippet = invoke_json("search", "crypto")[0]["matches"][0]["snippet"]
    assert snippet.startswith("\u2026") and "crypto currencies" in snippet
    assert len(snippet) < len(corpus.items["h19-rec-4"].quotes[0].text)


def test_tsv_has_the_id_first_the_passage_matched_and_the_score_last(invoke) -> None:
    lines = invoke("search", "sanctions").stdout.splitlines()
    fields = lines[0].split("\t")
    assert fields[0] == "h19-rec-2" and fields[-1] == "100"
    assert fields[-2].startswith("\u201cTo prevent high technologies from flowing to sanctioned")
    assert all(len(line.split("\t")) == 7 for line in lines)


def test_the_terminal_marks_the_words_matched_not_fragments(invoke) -> None:
    out = invoke("search", "war", "--format", "table", env={"FORCE_COLOR": "1"}).stdout
    assert f"{MARKED}wars\x1b[0m" in out
    marked = re.findall(rf"{re.escape(MARKED)}(\w+)", out)
    assert marked and set(marked) <= {"war", "wars"}
    for fragment in ("bulwark", "toward", "postwar"):  # words that hold "war" are not marked
        assert f"{MARKED}{fragment}" not in out and f"{fragment[:-3]}{MARKED}" not in out
    dokdo = invoke("search", "dokdo", "--format", "table", env={"FORCE_COLOR": "1"}).stdout
    assert dokdo.count(f"{MARKED}Dokdo") == 3  # title, summary and the quote below them


def test_marks_survive_no_color(invoke) -> None:
    env = {"FORCE_COLOR": "1", "NO_COLOR": "1"}
    out = invoke("search", "sanctions", "--format", "table", env=env).stdout
    assert f"{MARKED_NO_COLOR}sanctioned" in out and not COLOR.search(out)


def test_a_quote_matched_is_shown_under_the_card(invoke) -> None:
    out = invoke("search", "crypto", "--format", "table").stdout
    assert "\u201c\u2026" in out and "crypto currencies" in " ".join(out.split())


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("color", "the colour of the accord"),
        ("colours", "the color of the accord"),
        ("organisation", "a new organization"),
        ("apologized", "they apologised"),
        ("defense", "a defence pact"),
        ("analyze", "we analyse it"),
        ("centre", "a center for it"),
        ("café", "a cafe accord"),
        ("CAFE", "a café accord"),
        ("US", "the U.S. and allies"),
        ("USA", "the U.S.A. and allies"),
        ("u.s.a.", "the USA and allies"),
    ],
)
def test_spellings_fold(invoke_json, write, typed: str, written: str) -> None:
    path = str(write("cd.yaml", report_with(f"We note {written}.")))
    assert "cd23-commitment" in ids(invoke_json("--corpus", path, "search", typed))


def test_us_is_not_use(invoke_json, write) -> None:
    text = report_with("We use it, using it, as its users.").replace("us: by, ", "")
    path = str(write("cd.yaml", text))
    assert "cd23-commitment" not in ids(invoke_json("--corpus", path, "search", "US"))
    assert "cd23-commitment" in ids(invoke_json("--corpus", path, "search", "uses"))


@pytest.mark.parametrize(
    "query",
    ['"north korea', "AND", "OR", "NOT", "NEAR(a b)", "title:cyber", "cyber-", "*", '""', "^cyber"],
)
def test_query_syntax_of_the_engine_is_not_ours(invoke, query: str) -> None:
    result = invoke("search", query, "--json")
    assert result.exit_code in (0, 2) and "Traceback" not in result.stderr
    if result.exit_code == 2:
        assert "give something to search for" in result.stderr


def test_quotes_inside_an_argument_make_phrases(invoke_json) -> None:
    assert ids(invoke_json("search", '"korea north"')) == []
    both = ids(invoke_json("search", '"north korea" cyber'))
    assert both == ids(invoke_json("search", "north korea", "cyber"))
    assert both[0] == "h19-rec-4"


def test_a_word_and_a_phrase_in_one_argument_are_separate(invoke_json) -> None:
    assert ids(invoke_json("search", "cyber operations")) == ["h19-rec-4"]
    apart = set(ids(invoke_json("search", "cyber", "operations")))
    assert apart >= {"h19-rec-4"}


def test_filters_narrow_the_hits(invoke_json) -> None:
    hits = invoke_json("search", "cyber", "--report", "2021")
    assert hits and all(h["report"] == "tni-2021" for h in hits)
    assert invoke_json("search", "cyber", "--kind", "context") == []


def test_nothing_found_without_a_near_word_says_so_plainly(invoke) -> None:
    table = invoke("search", "korea north", "--format", "table")
    assert table.stderr == "trilat: nothing matches 'korea north'\n"


def test_the_index_follows_the_files(invoke_json, write) -> None:
    path = write("cd.yaml", report_with("We commit to a lantern."))
    assert ids(invoke_json("--corpus", str(path), "search", "lantern")) == ["cd23-commitment"]
    write("cd.yaml", report_with("We commit to a candle."))
    assert invoke_json("--corpus", str(path), "search", "lantern") == []
    assert ids(invoke_json("--corpus", str(path), "search", "candles")) == ["cd23-commitment"]


def test_markup_and_escapes_in_a_matched_passage_are_shown_literally(invoke, write) -> None:
    path = str(write("cd.yaml", report_with('"[bold red]lantern[/] \\x1b[31m now"')))
    out = invoke("--corpus", path, "search", "lantern", "-f", "table", env={"FORCE_COLOR": "1"})
    assert "[bold red]" in out.stdout and "\\x1b[31m" in out.stdout
    assert "\x1b[31m now" not in out.stdout
    assert re.search(re.escape(MARKED) + "lantern", out.stdout)


def test_the_index_is_kept_in_the_cache_and_survives_damage(
    invoke_json, tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("TRILAT_CACHE_DIR", str(tmp_path / "cache"))
    first = invoke_json("search", "north korea")
    [index] = (tmp_path / "cache").glob("search-*.sqlite")
    assert invoke_json("search", "north korea") == first
    index.write_bytes(b"not a database at all" * 100)
    assert invoke_json("search", "north korea") == first
    assert index.read_bytes().startswith(b"SQLite format 3")  # built again


def test_no_cache_keeps_no_index(invoke_json, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRILAT_CACHE_DIR", str(tmp_path / "cache"))
    assert invoke_json("--no-cache", "search", "cyber")
    assert not list(tmp_path.glob("cache/search-*"))


def test_one_index_serves_every_filter(invoke_json, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("TRILAT_CACHE_DIR", str(tmp_path / "cache"))
    every = invoke_json("search", "north korea")
    only = invoke_json("search", "north korea", "--report", "2021", "--kind", "objective")
    assert ids(only) == [h["id"] for h in every if h["id"] in ids(only)] == ["t21-objective-1"]
    assert len(list((tmp_path / "cache").glob("search-*.sqlite"))) == 1


def test_every_hit_of_a_long_answer_has_its_passages(invoke_json, write) -> None:
    item = VALID_REPORT.split("items:")[1]
    many = "".join(
        item.replace("cd23-commitment", f"cd23-n{n}").replace("We commit", f"{n} lanterns")
        for n in range(80)
    )
    path = str(write("many.yaml", VALID_REPORT.split("items:")[0] + "items:" + many))
    hits = invoke_json("--corpus", path, "search", "lantern")
    assert len(hits) == 80
    assert all(hit["matches"][0]["snippet"].split()[1] == "lanterns" for hit in hits)


@pytest.mark.parametrize("fmt", ["json", "tsv", "md", "csv"])
def test_limit_works_out_only_the_hits_it_shows(invoke, monkeypatch, fmt: str) -> None:
    from trilat_cli import search

    every = invoke("search", "korea", "--format", fmt)
    worked: set[int] = set()
    real = search.Found.matches
    monkeypatch.setattr(
        search.Found,
        "matches",
        lambda found, rowid, item: worked.add(rowid) or real(found, rowid, item),
    )
    limited = invoke("search", "korea", "--format", fmt, "--limit", "2")
    assert limited.exit_code == 0 and len(worked) == 2
    if fmt == "json":
        assert json.loads(limited.stdout) == json.loads(every.stdout)[:2]
    elif fmt in ("tsv", "csv"):
        lines = every.stdout.splitlines()
        assert limited.stdout.splitlines() == lines[: 3 if fmt == "csv" else 2]


# Issue 23: queries nobody tuned the engine on. Word forms, compounds, variants, typos,
# names the texts do not spell out, and the text's own words ranked above the codebook's.


def first_quote_match(hit: dict) -> str:
    return next(m["snippet"] for m in hit["matches"] if m["field"] == "quotes")


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("boycott", "a movement boycotting goods"),
        ("boycotting", "a boycott of goods"),
        ("historical", "a long history"),
        ("history", "historical grievances"),
        ("economy", "economic ties"),
        ("strategic", "a strategy for it"),
        ("pacifism", "a pacifist country"),
        ("pacifists", "postwar pacifism"),
        ("nationalist", "rising nationalism"),
        ("nationalism", "nationalist rhetoric"),
        ("added", "we add it"),
        ("persist", "persistent doubts"),
        ("democracy", "a democratic country"),
    ],
)
def test_word_forms_a_stemmer_splits_are_joined(invoke_json, write, typed, written) -> None:
    path = str(write("cd.yaml", report_with(f"We note {written}.")))
    assert "cd23-commitment" in ids(invoke_json("--corpus", path, "search", typed))


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("pacifism", "the Pacific Ocean"),
        ("pacific", "a pacifist country"),
        ("policy", "the police force"),
        ("terrorism", "a reign of terror"),
    ],
)
def test_word_forms_a_stemmer_joins_are_kept_apart(invoke_json, write, typed, written) -> None:
    # One item holds the word typed, so the search finds something and guesses no typo.
    head, item = VALID_REPORT.split("items:")
    quote = "We commit to consult with each other in an expeditious manner."
    typed_item = item.replace("cd23-commitment", "cd23-typed").replace(quote, f"We note {typed}.")
    text = head + "items:" + typed_item + item.replace(quote, f"We note {written}.")
    path = str(write("cd.yaml", text))
    found = ids(invoke_json("--corpus", path, "search", typed))
    assert "cd23-typed" in found and "cd23-commitment" not in found


def test_word_forms_in_the_bundled_texts(invoke_json) -> None:
    boycott = invoke_json("search", "boycott")
    assert ids(boycott)[0] == "h19-flash-trade"
    assert "boycotting" in first_quote_match(boycott[0])
    history = invoke_json("search", "history")
    flash = next(hit for hit in history if hit["id"] == "h19-flash-history")
    assert "Historical grievances" in first_quote_match(flash)
    assert ids(invoke_json("search", "pacifism")) == ["t21-element-2"]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("cyberattacks", "cyber attacks on grids"),
        ("cyberattacks", "cyber-attacks on grids"),
        ("cyber attacks", "cyberattacks on grids"),
        ("cyber-attacks", "cyberattacks on grids"),
        ("cyber attacks", "cyber-attacks on grids"),
        ("cryptocurrency", "crypto currencies"),
        ("crypto currencies", "cryptocurrency"),
        ("non-combatant", "noncombatant evacuation"),
        ("noncombatant", "non-combatant evacuation"),
        ("postwar", "the post-war order"),
    ],
)
def test_compounds_closed_open_or_hyphenated_find_each_other(
    invoke_json, write, typed, written
) -> None:
    path = str(write("cd.yaml", report_with(f"We note {written}.")))
    assert "cd23-commitment" in ids(invoke_json("--corpus", path, "search", typed))


def test_compounds_in_the_bundled_texts(invoke_json) -> None:
    for typed in ("cyber attacks", "cyber-attacks"):
        hits = invoke_json("search", typed)
        assert "t21-area-cyber" in ids(hits)[:2]
        assert "cyberattacks" in first_quote_match(hits[ids(hits).index("t21-area-cyber")])
    assert ids(invoke_json("search", "cryptocurrency"))[0] == "h19-rec-4"
    for typed in ("non-combatant", "non combatant"):
        assert ids(invoke_json("search", typed))[0] == "h19-rec-5"


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("convener", "a key convenor"),
        ("convenors", "the conveners"),
        ("judgment", "a sound judgement"),
        ("programme", "a new program"),
        ("dialog", "a strategic dialogue"),
        ("Pusan", "Seoul and Busan"),
        ("Tokdo", "the Dokdo islets"),
        ("Peking", "Beijing's narrative"),
    ],
)
def test_spelling_variants_and_romanisations(invoke_json, write, typed, written) -> None:
    path = str(write("cd.yaml", report_with(f"We note {written}.")))
    assert "cd23-commitment" in ids(invoke_json("--corpus", path, "search", typed))


def test_variants_in_the_bundled_texts(invoke_json) -> None:
    hits = invoke_json("search", "convener")
    assert hits and "convenor" in first_quote_match(hits[0])
    assert "t21-uncertainty-2" in ids(invoke_json("search", "Pusan"))[:1]


def test_a_typo_is_searched_as_the_nearest_indexed_word(invoke_json) -> None:
    assert ids(invoke_json("search", "Takeshma"))[0] == "h19-flash-dokdo"
    assert ids(invoke_json("search", "apolgies"))[0] == "h19-flash-history"
    assert ids(invoke_json("search", "north", "koera", "cyber"))[0] == "h19-rec-4"
    assert invoke_json("search", "korea north") == []  # every word known: no guessing


def test_a_typo_is_named_in_a_note_on_a_terminal_only(invoke) -> None:
    piped = invoke("search", "Takeshma")
    assert piped.exit_code == 0 and piped.stdout.startswith("h19-flash-dokdo")
    assert piped.stderr == ""


def test_names_the_texts_do_not_spell_out(invoke_json) -> None:
    moon = invoke_json("search", "Moon Jae-in")
    assert moon and all("south-korea" in hit["actors"] for hit in moon)
    assert {"field": "actors", "snippet": "Moon Jae-in"} in moon[0]["matches"]
    kim = invoke_json("search", "Kim Jong Un")
    assert kim and all("north-korea" in hit["actors"] for hit in kim)
    assert "t21-uncertainty-1" in ids(invoke_json("search", "Trump"))
    assert ids(invoke_json("search", "East Sea"))[0] == "h19-flash-dokdo"
    assert ids(invoke_json("search", "trade dispute"))[0] == "h19-flash-trade"


OWN_WORDS = {"quotes", "title", "summary", "id", "also_known_as", "events"}


@pytest.mark.parametrize(
    "query",
    [
        *[("Seoul",), ("trilateral",), ("elections",), ("boycott",), ("denuclearization",)],
        *[("cyberwarfare",), ("pandemic",), ("intelligence sharing",), ("burden-sharing",)],
    ],
)
def test_a_hit_through_a_codebook_name_only_ranks_below_every_own_word_hit(
    invoke_json, query
) -> None:
    hits = invoke_json("search", *query)
    own = [any(m["field"] in OWN_WORDS for m in hit["matches"]) for hit in hits]
    assert own == sorted(own, reverse=True), [h["id"] for h in hits]
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_two_words_typed_apart_also_match_as_one(invoke_json) -> None:
    hits = invoke_json("search", "cyber", "attacks")
    assert "t21-area-cyber" in ids(hits)[:2]
    assert "cyberattacks" in first_quote_match(hits[ids(hits).index("t21-area-cyber")])


def test_when_nothing_holds_every_word_those_holding_most_come_first(invoke_json) -> None:
    hits = ids(invoke_json("search", "missile", "test"))
    assert set(hits[:2]) == {"h19-rec-4", "t21-uncertainty-2"}
    assert ids(invoke_json("search", "Xi", "Jinping")) == ["t21-uncertainty-3"]
    assert invoke_json("search", "South China Sea") == []  # a phrase is never cut up
    assert invoke_json("search", "Taiwan") == []


def test_a_leader_named_by_an_event_finds_it_first(invoke_json) -> None:
    assert ids(invoke_json("search", "Trump"))[0] == "t21-uncertainty-1"


def test_a_very_long_word_costs_a_bounded_number_of_index_lookups(invoke, monkeypatch) -> None:
    # Each split of a word was looked up with each of its prefixes: a 2,000-letter word
    # took about as many queries of the index's vocabulary and 20 s (counted, not timed).
    from trilat_cli import search

    lookups: list[str] = []
    found = search.Vocabulary.found

    def counted(self: search.Vocabulary, select: str, values: list[str]) -> object:
        lookups.append(select)
        return found(self, select, values)

    monkeypatch.setattr(search.Vocabulary, "found", counted)
    result = invoke("search", "a" * 2000, "--json")
    assert result.exit_code == 0 and result.stdout.strip() == "[]"
    assert len(lookups) < 20


@pytest.mark.parametrize(
    ("leader", "outside"),
    [
        ("Abe", "tni-2021"),
        ("Shinzo Abe", "tni-2021"),
        ("Suga", "hudson-2019"),
        ("Trump", "tni-2021"),
    ],
)
def test_a_leader_is_never_given_as_a_name_of_a_report_out_of_their_time(
    invoke_json, leader, outside
) -> None:
    # Abe left office in September 2020, Suga came in then, Trump left in January 2021: an
    # actor's leader named for items of both texts put each on a text of the other's time.
    for hit in invoke_json("search", leader):
        assert hit["report"] != outside or all(m["field"] != "actors" for m in hit["matches"])
