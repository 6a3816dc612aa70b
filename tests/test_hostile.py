"""Hostile input (issue 13): trilat never crashes, hangs or lets a corpus write to a terminal."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from .process import piped

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
