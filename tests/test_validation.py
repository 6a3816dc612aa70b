"""The validator: every kind of problem is caught, with file, line and column, all at once."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from trilat_cli.corpus.load import bundled_folder, load
from trilat_cli.errors import CorpusError, UsageProblem

from .corpora import VALID_REPORT


def problems_of(*paths: Path, bundled: bool = True) -> list[str]:
    with pytest.raises(CorpusError) as caught:
        load(paths, use_cache=False, bundled=bundled)
    return [str(problem) for problem in caught.value.problems]


def one_problem(path: Path) -> str:
    found = problems_of(path)
    assert len(found) == 1, found
    return found[0]


def test_a_valid_user_report_loads_beside_the_bundled_corpus(write) -> None:
    corpus = load([write("cd.yaml", VALID_REPORT)], use_cache=False)
    assert "camp-david-2023" in corpus.reports
    assert corpus.items["cd23-commitment"].actors["us"].role == "by"
    assert len(corpus.reports) == 3


def test_missing_required_field_names_file_line_and_field(write) -> None:
    path = write(
        "cd.yaml",
        VALID_REPORT.replace("    summary: The three commit to consult in a crisis.\n", ""),
    )
    assert one_problem(path).startswith(f"{path}:14:5: missing required field 'summary'")


def test_wrong_type_names_what_was_expected(write) -> None:
    path = write("cd.yaml", VALID_REPORT.replace("year: 2023", "year: twenty"))
    assert one_problem(path) == f"{path}:3:5: expected a whole number, got 'twenty'"


def test_unknown_field_suggests_the_closest(write) -> None:
    path = write("cd.yaml", VALID_REPORT.replace("    ordinal: 1", "    ordnal: 1"))
    problem = one_problem(path)
    assert problem.startswith(f"{path}:17:5: unknown field 'ordnal' (did you mean 'ordinal'?)")


@pytest.mark.parametrize(
    ("old", "new", "message", "line"),
    [
        ("us: by", "usa-x: by", "unknown actor 'usa-x' (did you mean 'us'?)", 22),
        (
            "themes: [north-korea,",
            "themes: [north-koreaa,",
            "unknown theme 'north-koreaa' (did you mean 'north-korea'?)",
            23,
        ),
        (
            "report: camp-david-2023",
            "report: camp-david-2032",
            "unknown report 'camp-david-2032'",
            15,
        ),
        (
            "    ordinal: 1\n",
            "    ordinal: 1\n    events: [no-such-event]\n",
            "unknown event 'no-such-event'",
            18,
        ),
        (
            "    ordinal: 1\n",
            "    ordinal: 1\n    parent: h19-rec-1\n",
            "parent 'h19-rec-1' must be another item of report",
            18,
        ),
        (
            "    ordinal: 1\n",
            "    ordinal: 1\n    parent: cd23-commitment\n",
            "parent 'cd23-commitment' must be another item of report",
            18,
        ),
    ],
)
def test_references_to_unknown_records_are_caught(write, old, new, message, line) -> None:
    path = write("cd.yaml", VALID_REPORT.replace(old, new))
    problem = one_problem(path)
    assert problem.startswith(f"{path}:{line}:"), problem
    assert message in problem


def test_duplicate_id_within_user_files_names_both_places(write) -> None:
    first = write("a.yaml", VALID_REPORT)
    changed = "items:" + VALID_REPORT.split("items:")[1].replace("Commitment to", "Pledge to")
    second = write("b.yaml", changed)
    problem = one_problem_of(first, second)
    assert problem.startswith(
        f"{second}:2:5: duplicate item id 'cd23-commitment' with different content"
    )
    assert f"first defined at {first}:14:5" in problem


def test_an_exact_repeat_of_a_record_is_the_same_record(write) -> None:
    first = write("a.yaml", VALID_REPORT)
    second = write("b.yaml", "items:" + VALID_REPORT.split("items:")[1])
    corpus = load([first, second], use_cache=False)
    assert list(corpus.items).count("cd23-commitment") == 1


def one_problem_of(*paths: Path) -> str:
    found = problems_of(*paths)
    assert len(found) == 1, found
    return found[0]


def test_duplicate_id_against_the_bundled_corpus(write) -> None:
    path = write("cd.yaml", VALID_REPORT.replace("id: cd23-commitment", "id: h19-rec-1"))
    problem = one_problem(path)
    bundled = bundled_folder() / "hudson-2019.yaml"
    line = bundled.read_text(encoding="utf-8").splitlines().index("  - id: h19-rec-1") + 1
    assert problem.startswith(
        f"{path}:14:5: duplicate item id 'h19-rec-1' with different content; "
        f"first defined at trilat_cli/data/hudson-2019.yaml:{line}:5"
    )


def test_every_problem_is_reported_at_once(write) -> None:
    broken = (
        VALID_REPORT.replace("year: 2023", "year: soon")
        .replace("us: by", "mars: by")
        .replace("ordinal: 1", "ordinal: -1")
        .replace('date: "2023-08-18"', 'date: "2023-02-30"')
    )
    path = write("cd.yaml", broken)
    found = problems_of(path)
    assert len(found) == 3, found  # the unknown actor waits until the file's own problems are fixed
    assert all(problem.startswith(f"{path}:") for problem in found)
    joined = "\n".join(found)
    assert "'2023-02-30' is not a real date" in joined and "from 1 to 999" in joined


def test_problems_in_several_files_are_all_listed(write) -> None:
    a = write("a.yaml", VALID_REPORT.replace("year: 2023", "year: x"))
    b = write("b.yaml", "reports: 7\n")
    found = problems_of(a, b)
    assert {problem.split(":")[0] for problem in found} == {str(a), str(b)}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reports: [\n", "malformed YAML"),
        ("reprots: []\n", "unknown section 'reprots' (did you mean 'reports'?)"),
        ("- just a list\n", "expected a mapping with sections"),
        (
            "reports:\n  - !!python/object/apply:os.system [echo hi]\n",
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed",
        ),
        ("reports: []\nreports: []\n", "duplicate key 'reports' (first at line 1)"),
        (
            "themes:\n  - id: Bad Id\n    name: x\n    definition: y\n",
            "expected an id of lower-case letters",
        ),
        ("events:\n  - id: e\n    date: 2019-13\n    label: x\n", "is not a real date"),
        (
            "events:\n  - id: e\n    date: 1919\n    label: x\n",
            "expected a date written YYYY, YYYY-MM or YYYY-MM-DD (quoted)",
        ),
    ],
)
def test_malformed_files_are_refused_with_a_line(write, text, message) -> None:
    path = write("bad.yaml", text)
    problem = one_problem(path)
    assert problem.startswith(f"{path}:"), problem
    assert int(problem.split(":")[1]) >= 1
    assert message in problem


def test_alias_colliding_with_another_actor_is_caught(write) -> None:
    path = write("actors.yaml", "actors:\n  - id: korea\n    name: Korea\n    aliases: [ROK]\n")
    problem = one_problem(path)
    assert problem.startswith(f"{path}:4:")
    assert "alias 'ROK' of actor 'korea' already names actor 'south-korea'" in problem


def test_file_that_is_not_utf8_is_named(tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("themes:\n  - id: caf\xe9\n".encode("latin-1"))
    assert (
        one_problem(path)
        == f"{path}: not UTF-8 text (byte 0xe9 at offset 19); save the file as UTF-8"
    )


def test_empty_file_is_named(write) -> None:
    path = write("empty.yaml", "\n\n")
    assert "file is empty" in one_problem(path)


def test_folder_without_yaml_is_named(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    assert problems_of(tmp_path) == [f"{tmp_path}: folder holds no *.yaml or *.yml files"]


def test_missing_path_is_a_usage_problem(tmp_path: Path) -> None:
    with pytest.raises(UsageProblem, match="does not exist"):
        load([tmp_path / "nope.yaml"], use_cache=False)


def test_alias_bomb_is_refused_quickly(write) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
    path = write("bomb.yaml", "\n".join(lines) + "\n")
    started = time.perf_counter()
    problem = one_problem(path)
    assert time.perf_counter() - started < 5
    assert "YAML nodes (aliases expanding?); refused" in problem


def test_oversized_file_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * 500_000)
    problem = one_problem(path)
    assert problem.startswith(f"{path}: file is ") and "at most 4,194,304 bytes" in problem


SAMPLES = [
    "reports: []\n",
    "# only a comment\n",
    "---\na: 1\n",
    "a: 1\n---\nb: 2\n",
    "a: &x [1, {b: c}]\nd: *x\ne: *x\n",
    "a: *nowhere\n",
    "a: &x 1\nb: &x 2\n",
    "a: &x [*x]\n",
    "&k a: 1\nb: *k\n",
    "? [a]\n: 1\n",
    "a: 1\na: 2\n",
    "a: !!python/object:os.system x\n",
    "a: !!set {x}\n",
    "a: !!str [x]\n",
    "a: !!map x\n",
    "a: !custom x\n",
    "a: ! 12\n",
    "a: [0x1f, 0o17, 017, 0b101, 1_000, 1:30, -0x10, 1.5e3, .inf, -.nan, 1:30.5]\n",
    "a: [~, null, Null, '', yes, No, on, OFF, true]\n",
    "a: [2023-08-18, '2023-08', 2023-08-18T10:00:00Z, 2023]\n",
    'a: "x\\ty\\u00e9"\nb: |\n  block\n  text\nc: >\n  folded\n  text\n',
    "a: [1\n",
    "a: !!int x\n",
    "a: !!bool maybe\n",
    "1: one\nnull: two\n",
    "a: " + "[" * 70 + "]" * 70 + "\n",
    "a: &x " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 20 + "*x" + "]" * 20 + "\n",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_the_one_pass_reader_gives_what_the_composer_gives(text: str) -> None:
    """Same data, or the same problem at the same place, as composing and converting."""
    from trilat_cli.corpus.yamlfile import YamlProblem, compose, plain, read

    def outcome(reader):
        try:
            return ("data", reader(text))
        except YamlProblem as problem:
            return ("problem", str(problem), problem.line, problem.column)

    assert outcome(read) == outcome(lambda text: plain(compose(text)))


def test_the_one_pass_reader_gives_the_bundled_files_as_the_composer_does() -> None:
    from trilat_cli.corpus.load import bundled_files
    from trilat_cli.corpus.yamlfile import compose, decode, plain, read

    for corpus_file in bundled_files():
        text = decode(corpus_file.file.read_bytes())
        assert read(text) == plain(compose(text)), corpus_file.name


def test_an_alias_that_nests_too_deep_is_refused_at_the_alias() -> None:
    from trilat_cli.corpus.yamlfile import YamlProblem, read

    with pytest.raises(YamlProblem, match="nested more than 64 levels deep") as refused:
        read("a: &x " + "[" * 40 + "]" * 40 + "\nb: " + "[" * 30 + "*x" + "]" * 30 + "\n")
    assert (refused.value.line, refused.value.column) == (2, 34)
