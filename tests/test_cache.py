"""The parsed-corpus cache: never stale, never different, never in the way."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from trilat_cli.corpus import load as loader
from trilat_cli.corpus.load import load

from .corpora import VALID_REPORT

COMMANDS = [
    ("reports", "--json"),
    ("recommend", "--actor", "us", "--json"),
    ("search", "north", "korea", "--json"),
    ("compare", "2019", "2023", "--json"),
    ("timeline", "--json"),
    ("themes", "--format", "csv"),
    ("export",),
]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("TRILAT_CACHE_DIR", str(folder))
    return folder


def test_results_are_identical_with_and_without_the_cache(invoke, write, cache_dir: Path) -> None:
    path = str(write("cd.yaml", VALID_REPORT))
    for command in COMMANDS:
        uncached = invoke("--no-cache", "--corpus", path, *command)
        cold = invoke("--corpus", path, *command)
        warm = invoke("--corpus", path, *command)
        assert uncached.exit_code == cold.exit_code == warm.exit_code == 0, command
        assert uncached.stdout == cold.stdout == warm.stdout, command
    assert any(cache_dir.iterdir())


def test_an_edited_file_is_never_served_stale(write, cache_dir: Path) -> None:
    path = write("cd.yaml", VALID_REPORT)
    size = path.stat().st_size
    assert load([path]).items["cd23-commitment"].title == "Commitment to consult"
    # Same size, written at once: only the bytes tell the two versions apart.
    edited = write(
        "cd.yaml", VALID_REPORT.replace("Commitment to consult", "Commitment to confirm")
    )
    assert edited.stat().st_size == size
    assert load([path]).items["cd23-commitment"].title == "Commitment to confirm"


def test_settled_files_are_found_by_stamp_and_an_edit_still_shows(
    write, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "SETTLED_NS", 0)  # treat every file as settled
    path = write("cd.yaml", VALID_REPORT)
    size = path.stat().st_size
    assert load([path]).items["cd23-commitment"].title == "Commitment to consult"
    reads = []
    with monkeypatch.context() as patch:
        patch.setattr(loader, "read_bytes", lambda source: reads.append(source) or b"")
        assert load([path]).items["cd23-commitment"].title == "Commitment to consult"
    assert reads == []  # served from the stat stamp: not a byte read
    before = path.stat()
    edited = write(
        "cd.yaml", VALID_REPORT.replace("Commitment to consult", "Commitment to confirm")
    )
    assert edited.stat().st_size == size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # even with the old mtime
    assert load([path]).items["cd23-commitment"].title == "Commitment to confirm"


def test_corrupt_entries_are_ignored_and_rebuilt(invoke, write, cache_dir: Path) -> None:
    path = str(write("cd.yaml", VALID_REPORT))
    expected = invoke("--corpus", path, "reports", "--json").stdout
    entries = [entry for entry in cache_dir.iterdir() if entry.is_file()]
    assert entries
    for entry in entries:
        entry.write_bytes(b"\x00not marshal data")
    result = invoke("--corpus", path, "reports", "--json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert invoke("--corpus", path, "reports", "--json").stdout == expected


def test_an_unwritable_cache_is_skipped_silently(invoke, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = invoke("reports", "--json", env={"TRILAT_CACHE_DIR": str(blocker / "cache")})
    assert result.exit_code == 0 and result.stderr == ""
    assert len(result.stdout) > 100


def test_no_cache_neither_reads_nor_writes(invoke, cache_dir: Path) -> None:
    assert invoke("--no-cache", "flashpoints", "--json").exit_code == 0
    assert not cache_dir.exists() or not any(cache_dir.iterdir())
    assert invoke("flashpoints", "--json").exit_code == 0
    assert any(cache_dir.iterdir())


def test_entries_are_written_atomically(write, cache_dir: Path) -> None:
    load([write("cd.yaml", VALID_REPORT)])
    assert not [entry for entry in cache_dir.iterdir() if entry.name.startswith(".tmp-")]


def test_no_home_directory_means_no_cache_and_no_error(invoke) -> None:
    env = {"TRILAT_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": ""}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(
            Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home")))
        )
        result = invoke("flashpoints", "--json", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert len(json.loads(result.stdout)) == 4


def test_a_file_younger_than_a_timestamp_tick_gets_no_stamp(write) -> None:
    # git's "racy" rule: such a file could change again within its own timestamp.
    fresh = write("cd.yaml", VALID_REPORT)
    sources, _ = loader.user_sources([fresh])
    assert loader.stamp_key(sources) is None
    settled = fresh.stat().st_mtime_ns - 2 * loader.SETTLED_NS
    os.utime(fresh, ns=(settled, settled))
    assert loader.stamp_key(sources) is None  # the change time still says it is new
