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
    assert result.stderr == ""
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
