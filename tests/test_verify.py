"""`trilat validate --source REPORT=FILE`: a corpus held against the text it was taken from."""

from __future__ import annotations

import pytest

from trilat_cli.verify import read_source

from .conftest import source_texts
from .corpora import VALID_REPORT

TEXT = """\
Camp David, August 18, 2023

The Spirit of Camp David

We commit to consult with each other in an expeditious manner. The three leaders met at the U.S. presidential retreat.
1. Deepen cooperation: We will hold trilateral exercises every year.

Image: White House
"""
BYLINE = "Jane Q. Public is a fellow at an institute.\n"


@pytest.fixture
def paths(write):
    corpus = write("cd.yaml", VALID_REPORT)
    text = write("cd.txt", TEXT)
    return str(corpus), f"camp-david-2023={text}", str(text)


def test_coverage_lists_each_body_sentence_no_quote_takes(invoke, paths) -> None:
    corpus, source, text = paths
    result = invoke("validate", corpus, "--source", source)
    assert result.exit_code == 0, result.stderr
    # The bare-string quote loads, and the note says which paragraph to give it; the
    # fixture's codes give no evidence, which are warnings.
    notes = result.stderr.splitlines()
    assert notes[0] == (
        f"trilat: note: {corpus}:21:9: quote gives no para; it stands in paragraph 1 of {text}"
    )
    assert all(line.startswith("trilat: warning: ") for line in notes[1:])
    lines = result.stdout.splitlines()
    assert lines[0] == f"coverage: camp-david-2023: 1 of 3 body sentences of {text} quoted (33%)"
    assert lines[1:3] == [
        f"  not quoted: {text}:5: The three leaders met at the U.S. presidential retreat.",
        f"  not quoted: {text}:6: Deepen cooperation: We will hold trilateral exercises every year.",
    ]
    assert lines[3].startswith("ok: 1 path valid;")


def test_a_quote_not_in_the_text_is_an_error_at_its_line(invoke, write, paths) -> None:
    _, source, text = paths
    changed = write("bad.yaml", VALID_REPORT.replace("in an expeditious", "in a speedy"))
    result = invoke("validate", str(changed), "--source", source)
    assert result.exit_code == 1
    assert f"{changed}:21:9: quote not found word for word in {text}" in result.stderr
    assert "0 of 3 body sentences" in result.stdout and "ok:" not in result.stdout


def with_para(
    para: str, text: str = "We commit to consult with each other in an expeditious manner."
) -> str:
    """VALID_REPORT with its quote in the long form, naming a paragraph."""
    return VALID_REPORT.replace(
        "      - We commit to consult with each other in an expeditious manner.",
        f"      - para: {para}\n        text: {text}",
    )


def test_a_quote_names_the_body_paragraph_it_stands_in(invoke, write, paths) -> None:
    _, source, _ = paths
    right = write("right.yaml", with_para("1"))
    assert invoke("validate", str(right), "--source", source).exit_code == 0


def test_a_wrong_paragraph_is_an_error_at_its_place(invoke, write, paths) -> None:
    """Paragraphs are the body's lines: the dateline, heading and caption do not count."""
    _, source, text = paths
    wrong = write("wrong.yaml", with_para("2"))
    result = invoke("validate", str(wrong), "--source", source)
    assert result.exit_code == 1
    assert f"{wrong}:21:9: quote stands in paragraph 1 of {text}, not 2" in result.stderr


def test_a_quote_across_paragraphs_names_the_range(invoke, write, paths) -> None:
    _, source, text = paths
    words = "presidential retreat. 1. Deepen cooperation"
    assert (
        invoke("validate", str(write("r.yaml", with_para("1-2", words))), "-s", source).exit_code
        == 0
    )
    one = write("one.yaml", with_para("1", words))
    result = invoke("validate", str(one), "--source", source)
    assert result.exit_code == 1
    assert f"{one}:21:9: quote stands in paragraph 1-2 of {text}, not 1" in result.stderr


@pytest.mark.parametrize(
    ("para", "message"),
    [
        ("0", "expected a paragraph number from 1"),
        ("2-1", "a range goes up: '2-1' should be 1-2"),
        ("3-3", "a range goes up"),
        ("'4'", "expected a paragraph number from 1"),
        ("1-" + "9" * 5000, "expected a paragraph number from 1"),
    ],
)
def test_a_paragraph_is_a_number_or_a_rising_range(invoke, write, para, message) -> None:
    bad = write("bad.yaml", with_para(para))
    result = invoke("validate", str(bad))
    assert result.exit_code == 1
    assert f"{bad}:21:9: {message}" in result.stderr


def test_a_quote_without_its_paragraph_still_loads(invoke, write) -> None:
    """A user corpus may keep the bare-string form: the paragraph is then unknown, and
    `validate` says so without failing."""
    path = str(write("cd.yaml", VALID_REPORT))
    result = invoke("--corpus", path, "cite", "cd23-commitment")
    assert result.exit_code == 0, result.stderr
    assert "(The White House, 2023)." in result.stdout
    checked = invoke("validate", path)
    assert checked.exit_code == 0 and checked.stdout.startswith("ok: 1 path valid")
    first, *rest = checked.stderr.splitlines()
    assert first == (
        "trilat: note: 1 quote gives no para, so citations give no paragraph; --source "
        "REPORT=FILE names the paragraph of each"
    )
    assert rest and all(line.startswith("trilat: warning: ") for line in rest)  # no evidence


def test_an_omission_marked_with_dots_still_stands(invoke, write, paths) -> None:
    _, source, _ = paths
    shortened = VALID_REPORT.replace(
        "We commit to consult with each other in an expeditious manner.",
        "We commit to consult ... in an expeditious manner.",
    )
    result = invoke("validate", str(write("short.yaml", shortened)), "--source", source)
    assert result.exit_code == 0, result.stderr
    assert "partly quoted" in result.stdout and ":5: We commit to consult" in result.stdout


def test_typographic_quotes_and_dashes_may_differ(invoke, write) -> None:
    text = write("curly.txt", TEXT.replace("each other", "each \u2018other\u2019 \u2014 all"))
    quote = VALID_REPORT.replace("each other", "each 'other' - all")
    result = invoke("validate", str(write("q.yaml", quote)), "--source", f"2023={text}")
    assert result.exit_code == 0, result.stderr


def test_body_rules_leave_out_headings_bylines_and_captions() -> None:
    source = read_source(TEXT + BYLINE, authors=["Jane Q. Public"])
    assert [(s.line, s.text[:20]) for s in source.sentences] == [
        (5, "We commit to consult"),
        (5, "The three leaders me"),
        (6, "Deepen cooperation: "),
    ]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ("camp-david-2023", "--source 'camp-david-2023' is not REPORT=FILE"),
        ("camp-david-2024=x.txt", "unknown report 'camp-david-2024'"),
        ("2023=missing.txt", "source text 'missing.txt' does not exist"),
        ("2023={folder}", "is not a plain file"),
        ("2023={binary}", "cannot read source text"),
    ],
)
def test_a_bad_source_is_a_usage_error(invoke, tmp_path, paths, given, message) -> None:
    binary = tmp_path / "latin1.txt"
    binary.write_bytes("caf\xe9".encode("latin-1"))
    given = given.format(folder=tmp_path, binary=binary)
    result = invoke("validate", paths[0], "--source", given)
    assert result.exit_code == 2 and result.stdout == ""
    assert message in result.stderr


def test_a_malformed_source_is_refused_before_any_file_is_read(invoke, write) -> None:
    broken = write("broken.yaml", "items: [\n")
    result = invoke("validate", str(broken), "--source", "2021")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "trilat: --source '2021' is not REPORT=FILE, e.g. 2021=essay.txt\n"


def test_validate_needs_something_to_check(invoke) -> None:
    result = invoke("validate")
    assert result.exit_code == 2 and "--source REPORT=FILE" in result.stderr


def test_the_bundled_corpus_covers_both_texts(invoke) -> None:
    texts = {"2019": "000_d74895a1418d37d0.txt", "2021": "002_1018af9566e1d78d.txt"}
    folder = source_texts(texts.values())
    args = [arg for year, name in texts.items() for arg in ("-s", f"{year}={folder / name}")]
    result = invoke("validate", *args)
    assert result.exit_code == 0, result.stderr
    assert "20 of 20 body sentences" in result.stdout and "44 of 44" in result.stdout
    assert "not quoted" not in result.stdout and "partly" not in result.stdout
