"""Hostile input (issue 13): trilat never crashes, hangs or lets a corpus write to a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .process import MODULE, piped, python

# ---- 1. deep nesting is a data error, never a crash --------------------------------------


@pytest.mark.parametrize("text", ["[" * 30_000 + "\n", "- " * 30_000 + "x\n", "{a: " * 900 + "1"])
def test_deep_nesting_is_refused_with_its_place(tmp_path: Path, text: str) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    result = piped("--no-cache", "validate", str(path))
    assert result.returncode == 1, result.stderr
    assert f"{path}:1:" in result.stderr
    assert "nested more than 64 levels deep" in result.stderr or "nesting depth" in result.stderr


@pytest.mark.parametrize(("lists", "problem"), [(63, "expected a mapping"), (64, "levels deep")])
def test_nesting_is_refused_from_the_sixty_fifth_level(invoke, write, lists, problem) -> None:
    # The top-level mapping is one level, each list one more.
    path = write("deep.yaml", f"reports: {'[' * lists}{']' * lists}\n")
    result = invoke("--no-cache", "validate", str(path))
    assert result.exit_code == 1
    assert problem in result.stderr and ("nested" in result.stderr) == (lists == 64)


# ---- 3. a value that does not fit its tag is a data error ----------------------------------


@pytest.mark.parametrize(
    ("value", "tag"), [("!!bool maybe", "bool"), ('!!int ""', "int"), ("!!float _", "float")]
)
def test_a_value_that_does_not_fit_its_tag_is_a_data_error(invoke, write, value, tag) -> None:
    path = write("tagged.yaml", f"reports: {value}\n")
    result = invoke("--no-cache", "validate", str(path))
    assert result.exit_code == 1
    assert f"{path}:1:10: cannot read" in result.stderr and f"as {tag}" in result.stderr
    assert "unexpected error" not in result.stderr


# ---- 2. validation is linear in the number of problems, and what it prints is capped -------


def test_thousands_of_problems_are_counted_and_listed_up_to_a_cap(invoke, write) -> None:
    path = write("keys.yaml", "reports:\n  - " + "\n    ".join(f"k{n}: 1" for n in range(5_000)))
    result = invoke("--no-cache", "validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "trilat: 5,009 problems in the corpus"
    assert len(lines) == 102 and lines[-1] == "  and 4,909 more problems"
    assert lines[1].startswith(f"  {path}:2:5: unknown field 'k0'")


def test_counting_stops_at_a_ceiling(invoke, write) -> None:
    path = write("empty.yaml", "items:\n" + "- {}\n" * 20_000)
    result = invoke("--no-cache", "validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0] == "trilat: at least 10,000 problems in the corpus"
    assert lines[-1] == "  and at least 9,900 more problems"


def test_a_file_with_too_many_nodes_is_refused_before_it_is_composed(invoke, write) -> None:
    path = write("many.yaml", "items:\n" + "- {}\n" * 100_001)
    result = invoke("--no-cache", "validate", str(path))
    assert result.exit_code == 1
    assert "more than 100,000 YAML nodes (keys included); refused" in result.stderr


# ---- issue 14: every problem in one pass; enum values suggest the closest ------------------


def test_problems_in_a_file_and_across_files_come_in_one_pass(invoke, write) -> None:
    from .corpora import VALID_REPORT

    text = VALID_REPORT.replace("    ordinal: 1", "    ordnal: 1").replace(
        "themes: [north-korea,", "themes: [north-koreaa,"
    )
    path = write("cd.yaml", text)
    result = invoke("--no-cache", "validate", str(path))
    assert result.exit_code == 1
    assert "unknown field 'ordnal' (did you mean 'ordinal'?)" in result.stderr
    assert "unknown theme 'north-koreaa' (did you mean 'north-korea'?)" in result.stderr
    assert result.stderr.startswith("trilat: 2 problems in the corpus")


def test_a_broken_record_still_counts_as_defined(invoke, write) -> None:
    from .corpora import VALID_REPORT

    path = write("cd.yaml", VALID_REPORT.replace("year: 2023", "year: x"))
    result = invoke("--no-cache", "validate", str(path))
    assert result.stderr.startswith("trilat: 1 problem in the corpus")  # no "unknown report"


def test_an_enum_value_suggests_the_closest(invoke, write) -> None:
    from .corpora import VALID_REPORT

    path = write("cd.yaml", VALID_REPORT.replace("kind: recommendation", "kind: recomendation"))
    result = invoke("--no-cache", "validate", str(path))
    assert "got 'recomendation' (did you mean 'recommendation'?)" in result.stderr


# ---- 4. only regular files are read -----------------------------------------------------


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "lone.yaml"
    os.mkfifo(fifo)
    result = piped("--no-cache", "--corpus", str(fifo), "items")
    assert result.returncode == 2
    assert f"corpus path '{fifo}' is not a regular file or a folder" in result.stderr


def test_a_fifo_inside_a_folder_is_named(invoke, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = invoke("--no-cache", "validate", str(tmp_path))
    assert result.exit_code == 1
    assert f"{tmp_path / 'pipe.yaml'}: not a regular file; refused" in result.stderr


# ---- 6. paths a user can get wrong are messages with the path and the reason -------------


def test_a_very_long_path_is_a_message(invoke) -> None:
    result = invoke("--corpus", "a/" * 50_000, "items")
    assert result.exit_code == 2
    assert "File name too long" in result.stderr and "unexpected" not in result.stderr
    assert len(result.stderr) < 400  # the path is cut in the middle, not printed whole


def test_an_unreadable_file_is_a_message(invoke, write, monkeypatch) -> None:
    path = write("locked.yaml", "reports: []\n")
    real_open = os.open

    def locked(name, *args, **kwargs):  # root reads any file: permission denied by hand
        if Path(name) == path:
            raise PermissionError(13, "Permission denied", str(name))
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", locked)
    result = invoke("--no-cache", "--corpus", str(path), "items")
    assert result.exit_code == 1
    assert f"{path}: cannot read file: Permission denied" in result.stderr


# ---- 12. an unreadable subfolder is reported, not skipped -------------------------------


def test_an_unreadable_subfolder_is_reported(invoke, write, monkeypatch) -> None:
    from .corpora import VALID_REPORT

    write("top.yaml", VALID_REPORT)
    hidden = write("locked/inside.yaml", "reports: []\n").parent
    real_scandir = os.scandir

    def scandir(path=None):
        if path is not None and Path(path) == hidden:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = invoke("--no-cache", "validate", str(hidden.parent))
    assert result.exit_code == 1
    assert f"{hidden}: cannot read folder: Permission denied" in result.stderr


def test_symlinked_folders_are_not_followed(invoke, write, tmp_path: Path) -> None:
    from .corpora import VALID_REPORT

    folder = write("corpus/cd.yaml", VALID_REPORT).parent
    (folder / "loop").symlink_to(folder)
    result = invoke("--no-cache", "validate", str(folder))
    assert result.exit_code == 0, result.stderr


# ---- 13. empty path segments are ignored; an empty --corpus is refused -------------------


@pytest.mark.parametrize("value", ["", ":", "::"])
def test_empty_segments_of_trilat_corpus_are_not_the_current_folder(
    invoke, tmp_path: Path, monkeypatch, value
) -> None:
    (tmp_path / "docker-compose.yml").write_text("services:\n  web: {}\n")
    monkeypatch.chdir(tmp_path)
    result = invoke("reports", env={"TRILAT_CORPUS": value.replace(":", os.pathsep)})
    assert result.exit_code == 0, result.stderr
    assert "services" not in result.stderr


def test_a_named_path_beside_empty_segments_still_loads(invoke, write) -> None:
    from .corpora import VALID_REPORT

    path = write("cd.yaml", VALID_REPORT)
    result = invoke("reports", env={"TRILAT_CORPUS": f"{os.pathsep}{path}{os.pathsep}"})
    assert "camp-david-2023" in result.stdout


def test_an_empty_corpus_option_is_refused(invoke) -> None:
    result = invoke("--corpus", "", "reports")
    assert result.exit_code == 2
    assert "an empty corpus path names no file" in result.stderr


# ---- 14. empty filter values are refused everywhere --------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["items", "--report", ""],
        ["items", "--actor", ""],
        ["items", "--format", ""],
        ["recommend", "--theme", " "],
        ["items", "--kind", ""],
        ["recommend", "--actor", "us", "--role", ""],
        ["search", "cyber", "--report", ""],
        ["timeline", "--actor", ""],
        ["cite", "h19-rec-1", "--style", ""],
        ["export", "--report", ""],
        ["export", "--format", ""],
        ["compare", "--theme", ""],
    ],
)
def test_an_empty_filter_value_is_refused(invoke, args) -> None:
    result = invoke(*args)
    assert result.exit_code == 2, result.stdout
    assert "an empty value matches nothing" in result.stderr
    assert result.stdout == ""


# ---- 5. a full disk under stdout is one message, exit 1 ----------------------------------


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["-h"],
        ["--show-completion", "bash"],
        ["items"],
        ["items", "--json"],
        ["export"],
        ["show", "-h"],
        ["schema"],
        ["cite", "h19-rec-1"],
    ],
)
@pytest.mark.slow
def test_a_full_disk_is_one_message(args) -> None:
    # Typer's own switch to take the shell as --show-completion's value rather than detect it
    # from the processes above this one, which depends on how the tests were started.
    shell_given = {"_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    with Path("/dev/full").open("w") as full:
        result = piped(*args, stdout=full, env=shell_given)
    assert result.returncode == 1
    assert result.stderr == "trilat: cannot write output: No space left on device\n"


# ---- 11. saves never touch a corpus file, are atomic, and a bad path is found first --------


def test_a_save_never_replaces_a_corpus_file(invoke, write) -> None:
    from .corpora import VALID_REPORT

    path = write("mine.yaml", VALID_REPORT)
    for option in ("--save-html", "--save-svg"):
        result = invoke("--corpus", str(path), "recommend", option, str(path))
        assert result.exit_code == 2 and result.stdout == ""
        assert "it is a corpus file; trilat never writes corpus files" in result.stderr
    assert path.read_text() == VALID_REPORT.lstrip() or path.read_text() == VALID_REPORT


def test_a_save_never_replaces_a_file_of_a_corpus_folder(invoke, write) -> None:
    from .corpora import VALID_REPORT

    path = write("corpus/mine.yaml", VALID_REPORT)
    before = path.read_bytes()
    result = invoke("--corpus", str(path.parent), "themes", "--save-svg", str(path))
    assert result.exit_code == 2 and path.read_bytes() == before


@pytest.mark.parametrize(
    ("target", "reason"),
    [
        ("", "give a file name"),
        ("-", "give a file name"),
        ("{tmp}", "it is a folder"),
        ("{tmp}/missing/x.svg", "does not exist"),
        ("/proc/x.svg", "is not writable"),
    ],
)
def test_a_bad_save_path_is_a_usage_error_before_any_output(invoke, tmp_path, target, reason):
    target = target.replace("{tmp}", str(tmp_path))
    result = invoke("actors", "--save-svg", target)
    assert result.exit_code == 2, result.stderr
    assert result.stdout == ""
    assert reason in result.stderr


def test_a_save_is_written_whole_and_leaves_no_temporary(invoke, tmp_path, monkeypatch) -> None:
    target = tmp_path / "themes.html"
    target.write_text("the old picture")
    assert invoke("themes", "--save-html", str(target)).exit_code == 0
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["themes.html"]

    real_fdopen = os.fdopen

    def fdopen(fd: int, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_fdopen(fd, mode, *args, **kwargs)
        return DiskFillsUp(handle) if "w" in mode and "b" not in mode else handle

    class DiskFillsUp:
        """A file that takes the first 100 characters, then finds the disk full."""

        def __init__(self, file: Any) -> None:
            self.file = file

        def __enter__(self) -> DiskFillsUp:
            return self

        def __exit__(self, *_exc: object) -> None:
            self.file.close()

        def write(self, text: str) -> int:
            self.file.write(text[:100])
            self.file.flush()
            raise OSError(28, "No space left on device")

    target.write_text("the old picture")
    monkeypatch.setattr(os, "fdopen", fdopen)
    result = invoke("themes", "--save-html", str(target))
    assert result.exit_code != 0 and "No space left on device" in result.stderr
    assert target.read_text() == "the old picture"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["themes.html"]


@pytest.mark.parametrize(
    "args",
    [["--corpus", "a\x00b", "items"], ["validate", "a\x00b"], ["actors", "--save-svg", "a\x00b"]],
)
def test_a_nul_byte_in_a_path_is_a_message(invoke, args) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "'a\\x00b': embedded null byte" in result.stderr and "unexpected" not in result.stderr


# ---- issue 21, 4 and 5: `validate --source` costs time linear in the quote and the text ------
# Before the fixes each of these ran for hours; the process's timeout is only a guard.

COMMITMENT = "We commit to consult with each other in an expeditious manner."


def test_a_quote_with_many_omissions_is_matched_piece_after_piece(write) -> None:
    """As one pattern, `(a).*?(a).*?...(b)` backtracks through every choice of each `a`."""
    from .corpora import VALID_REPORT

    quote = " ... ".join(["the words"] * 8 + ["never there"])
    path = write("omitted.yaml", VALID_REPORT.replace(COMMITMENT, quote))
    text = write("repeated.txt", f"{COMMITMENT} " + "The words the words. " * 2_000)
    result = piped("validate", str(path), "--source", f"2023={text}")
    assert result.returncode == 1, result.stderr
    assert f"{path}:21:9: quote not found word for word in {text}" in result.stderr


def test_omitted_pieces_stand_in_the_text_in_their_order(invoke, write) -> None:
    from .corpora import VALID_REPORT

    text = write("cd.txt", f"Preamble. {COMMITMENT} Coda.\n")
    for quote, code in [
        ("We commit ... each other ... manner.", 0),
        ("each other ... We commit", 1),  # both pieces stand, but not in this order
        ("We commit ... We commit", 1),  # a piece stands once: the next must come after it
        ("Preamble. ... Coda.", 0),
    ]:
        path = write("q.yaml", VALID_REPORT.replace(COMMITMENT, f'"{quote}"'))
        result = invoke("validate", str(path), "--source", f"2023={text}")
        assert result.exit_code == code, (quote, result.stderr)


def test_a_source_text_without_line_breaks_is_split_in_linear_time(write) -> None:
    """A pasted article is one line: 1 MB of sentences, each checked for an initial before it."""
    from .corpora import VALID_REPORT

    path = write("cd.yaml", VALID_REPORT)
    sentence = "The three leaders met at the U.S. presidential retreat. "
    text = write("one-line.txt", COMMITMENT + " " + sentence * 18_000)
    assert text.stat().st_size > 1_000_000
    result = piped("validate", str(path), "--source", f"2023={text}")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"coverage: camp-david-2023: 1 of 18001 body sentences of {text} quoted (0%)"
    assert len(lines) == 18_002 and lines[1] == f"  not quoted: {text}:1: {sentence.strip()}"


def test_quotes_times_text_past_the_bound_is_refused_before_searching(invoke, write) -> None:
    """Each quote is a scan of the text: 100,000 quotes held against 1 MB took two minutes."""
    from .corpora import VALID_REPORT

    quotes = "".join(f"      - absent words number {n}\n" for n in range(2_000))
    path = write("many.yaml", VALID_REPORT.replace(f"      - {COMMITMENT}\n", quotes))
    text = write("long.txt", "The words the words. " * 30_000)
    result = invoke("validate", str(path), "--source", f"2023={text}")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"trilat: camp-david-2023 has 2,001 quotes and titles, and '{text}' 629,999 characters:"
        " too many to hold against each other (at most 1,000,000,000 quotes times characters)\n"
    )


# ---- issue 21, 7: a save never replaces a link or a special file, and keeps a file's mode ----


@pytest.mark.parametrize("dangling", [False, True])
def test_a_save_onto_a_symlink_is_refused_and_the_link_kept(invoke, tmp_path, dangling) -> None:
    """`--save-svg /dev/stdout` as root renamed a picture over the link /dev/stdout."""
    pointed = tmp_path / "picture.svg"
    if not dangling:
        pointed.write_text("the old picture")
    link = tmp_path / "link.svg"
    link.symlink_to(pointed)
    result = invoke("actors", "--save-svg", str(link))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"cannot save to '{link}': it is a symbolic link" in result.stderr
    assert link.is_symlink() and link.readlink() == pointed
    assert pointed.exists() != dangling and (dangling or pointed.read_text() == "the old picture")


def test_a_save_onto_a_file_with_other_links_is_refused(invoke, tmp_path) -> None:
    """A rename over one name would split it from the others: they would keep the old text."""
    target = tmp_path / "themes.html"
    target.write_text("the old picture")
    os.link(target, tmp_path / "also.html")
    result = invoke("themes", "--save-html", str(target))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"cannot save to '{target}': it has 2 hard links" in result.stderr
    assert target.stat().st_nlink == 2 and target.read_text() == "the old picture"


def test_a_save_over_a_file_keeps_its_mode(invoke, tmp_path) -> None:
    target = tmp_path / "private.svg"
    target.write_text("the old picture")
    target.chmod(0o600)
    assert invoke("actors", "--save-svg", str(target)).exit_code == 0
    assert target.read_text().startswith("<svg") and (target.stat().st_mode & 0o777) == 0o600


SAVE_THEN_SIGNAL = """
import os, signal, sys
real_fdopen = os.fdopen
def fdopen(fd, mode="r", *args, **kwargs):
    handle = real_fdopen(fd, mode, *args, **kwargs)
    folder = os.path.dirname(sys.argv[-1])
    if any(name.startswith(".themes.html.") for name in os.listdir(folder)):
        os.kill(os.getpid(), signal.{name})  # the temporary file is there: the signal comes now
    return handle
os.fdopen = fdopen
sys.argv = ["trilat", "themes", "--save-html", sys.argv[-1]]
from trilat_cli.cli import main
main()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_during_a_save_leaves_no_temporary_file(tmp_path, name) -> None:
    import signal

    target = tmp_path / "themes.html"
    target.write_text("the old picture")
    result = piped(str(target), program=python(SAVE_THEN_SIGNAL.replace("{name}", name)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["themes.html"], result.stderr
    assert target.read_text() == "the old picture"
    assert "Traceback" not in result.stderr
    expected = 130 if name == "SIGINT" else -getattr(signal, name)  # ends as the signal would
    assert result.returncode == expected, result.stderr


# ---- issue 21, classes: values from the environment that mean nothing are ignored with a note


@pytest.mark.parametrize("value", ["0", "-5", "abc", "2", "99999999", "1e3"])
def test_a_columns_value_that_is_no_width_is_ignored_with_a_note(invoke, value) -> None:
    """COLUMNS=0 printed nothing at all; COLUMNS=99999999 took 77 s, 9 GB and wrote 2 GB."""
    result = invoke("flashpoints", "--format", "table", env={"COLUMNS": value})
    assert result.exit_code == 0
    assert "h19-flash-dokdo" in result.stdout and max(map(len, result.stdout.splitlines())) <= 200
    assert result.stderr == (
        f"trilat: COLUMNS '{value}' is not a width from 10 to 1,000 columns; ignored\n"
    )


def test_an_empty_columns_is_no_setting(invoke) -> None:
    result = invoke("flashpoints", "--format", "table", env={"COLUMNS": ""})
    assert result.exit_code == 0 and "h19-flash-dokdo" in result.stdout and result.stderr == ""


# ---- issue 21, classes: Click's own messages are neutralised like trilat's, and kept short ---


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["items", "--ac\u200btor", "us"], "No such option: --ac\\u200btor"),
        (["items", "--actor=us", "--x\u202e"], "No such option: --x\\u202e"),
        (["show", "h19-rec-1", "\u202eevil"], "unexpected extra argument(s) (\\u202eevil)"),
        (["--corpus=x", "\u2066items"], "No such command"),
        (["items", "--limit", "\u200b1"], "is not a whole number"),
    ],
)
def test_clicks_own_errors_show_hidden_characters_as_escapes(invoke, args, shown) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and shown in result.stderr, result.stderr
    assert not set(result.stderr) & {"\u200b", "\u202e", "\u2066", "\x1b"}


@pytest.mark.parametrize(
    "args",
    [
        ["items", "--actor", "x" * 100_000],
        ["items", "--" + "x" * 100_000],
        ["items", "--limit", "x" * 100_000],
        ["show", "h19-rec-1", "x" * 100_000],
        ["cite", "x" * 100_000],
        ["validate", "--source", "x" * 100_000],
        ["validate", "--source", "2021=" + "x" * 100_000],
        ["items", "--format", "x" * 100_000],
        ["validate", "--source", "2021=" + "x/" * 50_000],
    ],
)
def test_a_huge_value_is_echoed_cut_short(invoke, args) -> None:
    result = invoke(*args)
    assert result.exit_code == 2 and "..." in result.stderr
    assert len(result.stderr) < 2_000, result.stderr[:300]


@pytest.mark.parametrize(
    ("args", "value"),
    [
        (["items", "--actor", ","], ","),
        (["items", "--report", " , "], " , "),
        (["recommend", "--actor", "us,"], "us,"),
        (["search", "cyber", "--theme", "china,,cyber"], "china,,cyber"),
        (["timeline", "--actor", ",us"], ",us"),
    ],
)
def test_a_comma_list_with_an_empty_part_is_refused_not_read_as_no_filter(
    invoke, args, value
) -> None:
    """`--actor ,` listed every item: the filter silently meant nothing."""
    result = invoke(*args)
    assert result.exit_code == 2 and result.stdout == ""
    assert f"'{value}' has an empty part between commas, which matches nothing" in result.stderr


def test_a_source_file_name_may_hold_commas(invoke, write) -> None:
    from .corpora import VALID_REPORT

    path = write("cd.yaml", VALID_REPORT)
    text = write("a,,b.txt", f"{COMMITMENT}\n")
    result = invoke("validate", str(path), "--source", f"2023={text}")
    assert result.exit_code == 0, result.stderr


# ---- issue 21, classes: no internal marker can be searched for --------------------------


@pytest.mark.parametrize("query", ["qxjgapqxj", "qxj*", "GAP", "GAP*"])
def test_the_separator_between_passages_is_no_searchable_word(invoke, query) -> None:
    """The word that kept phrases from spanning two quotes found every item with two."""
    from trilat_cli.search import GAP

    result = invoke("search", query.replace("GAP", GAP.strip()), "--json")
    assert result.exit_code in (0, 2) and '"id"' not in result.stdout, result.stdout[:200]


def test_a_phrase_still_never_spans_two_quotes(invoke, corpus) -> None:
    item = next(item for item in corpus.items.values() if len(item.quotes) > 1)
    last, first = item.quotes[0].text.split()[-1].strip(".,\u201d"), item.quotes[1].text.split()[0]
    both = invoke("search", last, first, "--json")
    assert item.id in both.stdout  # each word stands in the item...
    result = invoke("search", f"{last} {first}", "--json")
    assert result.exit_code == 0 and item.id not in result.stdout  # ...but not as a phrase


# ---- issue 21, classes: a query costs no more than its distinct words, and has a cap -----


def test_repeated_query_words_are_searched_once(invoke) -> None:
    once = invoke("search", "cyber", "--json")
    repeated = invoke("search", *["cyber", "Cyber", "CYBER"] * 1_000, "--json")
    assert repeated.exit_code == 0 and repeated.stdout == once.stdout


@pytest.mark.parametrize(
    "args",
    [
        [f"word{n}" for n in range(3_000)],  # 3 s, most of it "did you mean" for each
        [" ".join(["north korea"] * 150)],  # one phrase of 300 words
    ],
)
def test_a_query_of_more_than_200_words_is_refused(invoke, args) -> None:
    result = invoke("search", *args)
    assert result.exit_code == 2 and result.stdout == ""
    assert "words; trilat searches at most 200" in result.stderr, result.stderr


# ---- issue 21, classes: a standard stream closed before trilat starts --------------------


def closing(stream: str, *args: str) -> subprocess.CompletedProcess:
    """trilat run with stdout (`>&-`) or stderr (`2>&-`) closed, as a shell can start it."""
    return piped(*args, program=("sh", "-c", f'exec "$@" {stream}>&-', "sh", *MODULE))


@pytest.mark.parametrize("args", [["items"], ["items", "--json"], ["--version"], ["schema"]])
def test_a_closed_stdout_is_one_message_and_exit_one(args) -> None:
    result = closing("1", *args)
    assert (result.returncode, result.stderr) == (
        1,
        "trilat: cannot write output: stdout is closed\n",
    )


def test_a_closed_stderr_keeps_messages_off_stdout() -> None:
    result = closing("2", "items", "--actor", "nosuch")
    assert (result.returncode, result.stdout) == (2, "")


def test_the_passages_of_a_hit_are_marked_in_one_pass(tmp_path: Path) -> None:
    """Each passage was held against every mark: 60,000 quotes of one word took minutes."""
    quotes = ", ".join(["war"] * 60_000)
    corpus = tmp_path / "many.yaml"
    corpus.write_text(
        "items:\n  - {id: wq, report: hudson-2019, kind: context, title: T, summary: s, "
        f"quotes: [{quotes}], actors: {{us: by}}, themes: [china]}}\n"
    )
    result = piped("--no-cache", "--corpus", str(corpus), "search", "war", "-f", "tsv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("wq\thudson-2019\tcontext\tT\ts\t\u201cwar\u201d\t100\n")


@pytest.mark.parametrize("args", [["items"], ["search", "expeditious"], ["items", "--quotes"]])
def test_corpus_text_cannot_forge_the_highlight_of_a_match(invoke, write, args) -> None:
    """A match is marked in the text with two private-use characters; the corpus's own are
    shown as the replacement character, never read as a mark."""
    from .corpora import VALID_REPORT

    forged = VALID_REPORT.replace("Commitment to consult", "Commitment \ue000forged\ue001 here")
    path = write("forged.yaml", forged)
    result = invoke(
        "--corpus",
        str(path),
        *args,
        "--format",
        "table",
        env={"FORCE_COLOR": "1", "COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.stderr
    assert "\ufffdforged\ufffd" in result.stdout.replace("\x1b[1;4;30;43m", "")
    assert "\x1b[1;4;30;43mforged" not in result.stdout and "\ue000" not in result.stdout


@pytest.mark.parametrize("command", ["items", "timeline"])
def test_a_filter_of_thousands_of_values_is_resolved_in_linear_time(tmp_path, command) -> None:
    """Each value was looked up in a table built afresh for it: 5,000 actors took 82 s."""
    count = 5_000
    corpus = tmp_path / "actors.yaml"
    corpus.write_text(
        "actors:\n"
        + "".join(f"  - {{id: act{n}, name: Actor {n}, aliases: [A{n}]}}\n" for n in range(count))
        + "items:\n  - {id: act-item, report: hudson-2019, kind: context, title: T, summary: S,"
        f" quotes: [q], actors: {{act{count - 1}: by}}, themes: [china]}}\n"
    )
    wanted = ",".join(f"Actor {n}" for n in range(count))
    result = piped("--no-cache", "--corpus", str(corpus), command, "--actor", wanted)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("act-item\t") if command == "items" else result.stdout == ""


def test_a_comparison_groups_items_by_theme_in_one_pass(tmp_path) -> None:
    """Each theme scanned each report's items: 3,000 themes and 12,000 items took 26 s."""
    themes, files = 6_000, 4
    (tmp_path / "themes.yaml").write_text(
        "themes:\n"
        + "".join(f"  - {{id: th{n}, name: Theme {n}, definition: d}}\n" for n in range(themes))
    )
    for f in range(files):  # 4,000 items a file, under the node limit
        (tmp_path / f"items{f}.yaml").write_text(
            "items:\n"
            + "".join(
                f"  - {{id: ci{f}-{n}, report: hudson-2019, kind: context, title: T, summary: S,"
                f" quotes: [q], actors: {{us: by}}, themes: [th{(f * 4_000 + n) % themes}]}}\n"
                for n in range(4_000)
            )
        )
    result = piped("--no-cache", "--corpus", str(tmp_path), "compare", "--json")
    assert result.returncode == 0, result.stderr
    rows = {row["theme"]: row for row in json.loads(result.stdout)["rows"]}
    assert len(rows["th5999"]["items"]["hudson-2019"]) == 2  # items 5,999 and 11,999


# ---- issue 21, point 3: text that aliases expand is bounded ----------------------------------


def test_aliases_that_expand_the_text_past_the_bound_are_refused_with_their_place(
    tmp_path: Path,
) -> None:
    from .corpora import VALID_REPORT

    quote = "We commit to consult with each other in an expeditious manner."
    big = "word " * 20_000  # 100 KB, anchored once and repeated 3,000 times: 300 MB of text
    aliases = "\n".join(["      - *big"] * 3_000)
    text = VALID_REPORT.lstrip().replace(f"      - {quote}", f"      - &big {big}\n{aliases}")
    path = tmp_path / "amplified.yaml"
    path.write_text(text)
    assert path.stat().st_size < 200_000
    result = piped("--no-cache", "validate", str(path))
    assert result.returncode == 1
    [line] = [line for line in result.stderr.splitlines() if str(path) in line]
    first_alias = text.splitlines().index("      - *big") + 1
    assert line.startswith(f"  {path}:")  # placed at the alias that crosses the bound
    assert int(line.split(":")[1]) > first_alias and "aliases" in line and "characters" in line
    assert len(result.stderr) < 500


def test_aliases_within_the_bound_still_load(invoke_json, write) -> None:
    from .corpora import VALID_REPORT

    quote = "We commit to consult with each other in an expeditious manner."
    text = VALID_REPORT.replace(f"      - {quote}", f"      - &q {quote}\n      - *q")
    [item] = invoke_json("--corpus", str(write("cd.yaml", text)), "items", "--report", "2023")
    assert [entry["text"] for entry in item["quotes"]] == [quote, quote]


# ---- issue 21, point 9: numbers too large to convert are corpus problems --------------------


@pytest.mark.parametrize(
    "number",
    [
        "0x" + "f" * 5_000,
        ":".join(["1"] * 3_000),
        "0" + "7" * 5_000,
        "0b" + "1" * 20_000,
        "1" * 5_000,
        "-0x" + "f" * 5_000,
        "1" * 5_000 + ".5",
        "0x" + "f" * 100,
    ],
)
def test_a_number_too_large_to_convert_is_a_corpus_problem_shown_short(
    invoke, write, number: str
) -> None:
    from .corpora import VALID_REPORT

    path = write("big.yaml", VALID_REPORT.replace("year: 2023", f"year: {number}"))
    for args in (("--no-cache", "validate", str(path)), ("--corpus", str(path), "reports")):
        result = invoke(*args)
        assert result.exit_code == 1, result.stderr
        assert f"{path}:3:" in result.stderr and "unexpected" not in result.stderr
        assert len(result.stderr) < 400, result.stderr
