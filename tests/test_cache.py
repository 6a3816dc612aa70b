"""The parsed-corpus cache: never stale, never different, never in the way."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from trilat_cli.corpus import load as loader
from trilat_cli.corpus.load import load

from .corpora import VALID_REPORT
from .process import piped, python

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
        patch.setattr(loader, "read_bytes", lambda corpus_file: reads.append(corpus_file) or b"")
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


FULL_DISK = """
import resource, signal, sys
from trilat_cli.corpus import cache
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
cache.put("entry", {"rows": "new " * 100_000})
"""


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file size limits are POSIX")
def test_an_entry_rewritten_on_a_full_disk_is_the_old_one_whole(cache_dir: Path) -> None:
    """Entries are written atomically: a write that fails halfway leaves the old entry intact.

    The disk fills up 4 KiB into a 400 KB entry. A write straight to the entry's own path
    would leave those 4 KiB there, and the old entry would be lost.
    """
    from trilat_cli.corpus import cache

    cache.put("entry", {"rows": "old"})
    done = piped(
        program=python(FULL_DISK),
        env={"TRILAT_CACHE_DIR": str(cache_dir), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert (done.returncode, done.stderr) == (0, "")  # a cache that cannot write says nothing
    assert cache.get("entry") == {"rows": "old"}
    assert [entry.name for entry in cache_dir.iterdir()] == ["entry"]  # no temporary left


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
    files, _ = loader.user_files([fresh])
    assert loader.stamp_key(files) is None
    settled = fresh.stat().st_mtime_ns - 2 * loader.SETTLED_NS
    os.utime(fresh, ns=(settled, settled))
    assert loader.stamp_key(files) is None  # the change time still says it is new


# ---- issue 13, cases 15-19: a cache that cannot lie ----------------------------------------


@pytest.mark.parametrize("planted", [{}, [], 5, {"reports": 3}, {"reports": [], "items": [()]}])
def test_entries_of_the_wrong_shape_are_misses_and_rebuilt(
    invoke, write, cache_dir: Path, planted
) -> None:
    import marshal

    path = str(write("cd.yaml", VALID_REPORT))
    expected = invoke("--no-cache", "--corpus", path, "reports", "--json").stdout
    assert invoke("--corpus", path, "reports", "--json").stdout == expected
    for entry in cache_dir.iterdir():
        entry.write_bytes(marshal.dumps(planted))
    for _ in range(2):
        result = invoke("--corpus", path, "reports", "--json")
        assert (result.exit_code, result.stdout, result.stderr) == (0, expected, "")
    assert any(marshal.loads(e.read_bytes()) != planted for e in cache_dir.iterdir())


def test_entries_are_keyed_on_the_code_that_made_them(monkeypatch) -> None:
    from trilat_cli.corpus import cache

    before = cache.key(b"reports: []")
    changed = cache.code_fingerprint() + b"|rules.py:1:2"
    monkeypatch.setattr(cache, "code_fingerprint", lambda: changed)
    assert cache.key(b"reports: []") != before
    assert cache.code_fingerprint().count(b".py:") >= 5  # the corpus package's sources


def test_a_new_version_never_reads_the_entries_of_an_old_one(
    write, cache_dir: Path, monkeypatch
) -> None:
    from trilat_cli.corpus import cache

    path = write("cd.yaml", VALID_REPORT)
    load([path])
    written = set(cache_dir.iterdir())
    monkeypatch.setattr(cache, "__version__", "999.0")
    cache.code_fingerprint.cache_clear()
    try:
        load([path])
        assert set(cache_dir.iterdir()) > written  # missed, parsed again, kept under new keys
    finally:
        monkeypatch.undo()
        cache.code_fingerprint.cache_clear()


def test_a_cached_file_that_fails_todays_checks_is_parsed_again(write, cache_dir: Path) -> None:
    from trilat_cli.corpus import cache

    path = write("cd.yaml", VALID_REPORT)
    raw = path.read_bytes()
    load([path])
    swapped = {"reports": [{"id": "camp-david-2023", "year": "The Spirit of Camp David"}]}
    for entry in cache_dir.iterdir():
        entry.unlink()
    cache.put(cache.key(raw), swapped)  # stale data, as an older rule let through
    assert load([path]).reports["camp-david-2023"].year == 2023


def test_validate_always_checks_afresh(invoke, write, cache_dir: Path) -> None:
    import marshal

    path = write("cd.yaml", VALID_REPORT.replace("year: 2023", "year: x"))
    for entry in list(cache_dir.iterdir()) if cache_dir.exists() else []:
        entry.write_bytes(marshal.dumps({}))
    assert invoke("validate", str(path)).exit_code == 1
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_a_cache_folder_others_can_write_to_is_not_trusted(invoke, write, cache_dir: Path) -> None:
    import marshal

    path = str(write("cd.yaml", VALID_REPORT))
    expected = invoke("--corpus", path, "reports", "--json").stdout
    for entry in cache_dir.iterdir():
        rows = marshal.loads(entry.read_bytes())
        if isinstance(rows, dict) and "actors" in rows and "reports" in rows:
            forged = [(r[0], r[1], "A FORGED TITLE", *r[3:]) for r in rows["reports"]]
            entry.write_bytes(marshal.dumps({**rows, "reports": forged}))
    cache_dir.chmod(0o777)
    result = invoke("--corpus", path, "reports", "--json")
    assert result.stdout == expected and "FORGED" not in result.stdout


@pytest.mark.parametrize("kind", ["dev-zero", "fifo", "huge"])
def test_entries_are_read_as_bounded_regular_files_only(write, cache_dir: Path, kind) -> None:
    from trilat_cli.corpus import cache

    path = write("cd.yaml", VALID_REPORT)
    load([path])
    for entry in list(cache_dir.iterdir()):
        entry.unlink()
        if kind == "dev-zero":
            entry.symlink_to("/dev/zero")
        elif kind == "fifo":
            os.mkfifo(entry)
        else:
            with entry.open("wb") as out:
                out.truncate(cache.MAX_ENTRY + 1)
    done = piped(
        "--corpus", str(path), "reports", "--json", env={"TRILAT_CACHE_DIR": str(cache_dir)}
    )
    assert done.returncode == 0 and "camp-david-2023" in done.stdout


def test_old_entries_and_stale_temporaries_are_trimmed(cache_dir: Path) -> None:
    import time

    from trilat_cli.corpus import cache

    cache_dir.mkdir(mode=0o700)
    stale = cache_dir / ".tmp-left-by-ctrl-c"
    stale.write_bytes(b"half")
    old = time.time() - 2 * cache.STALE_TEMPORARY_S
    os.utime(stale, (old, old))
    for number in range(cache.KEEP + 10):
        cache.put(f"entry-{number:03d}", {"n": number})
        os.utime(cache_dir / f"entry-{number:03d}", (old + number, old + number))
    names = sorted(entry.name for entry in cache_dir.iterdir())
    assert len(names) == cache.KEEP and names[0] == "entry-010"
    assert not stale.exists()


def test_an_interrupted_write_leaves_no_temporary(cache_dir: Path, monkeypatch) -> None:
    import marshal

    from trilat_cli.corpus import cache

    def interrupted(*_args):
        raise KeyboardInterrupt

    monkeypatch.setattr(marshal, "dump", interrupted)
    with pytest.raises(KeyboardInterrupt):
        cache.put("entry", {"n": 1})
    assert list(cache_dir.iterdir()) == []


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch, tmp_path: Path) -> None:
    from trilat_cli.corpus import cache

    monkeypatch.delenv("TRILAT_CACHE_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.directory() == tmp_path / ".cache" / "trilat"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.directory() == tmp_path / "xdg" / "trilat"


def test_the_bundled_corpus_is_found_from_the_package_never_from_the_cache(
    cache_dir: Path, tmp_path: Path
) -> None:
    import marshal

    from trilat_cli.corpus import cache

    forged = tmp_path / "forged"
    forged.mkdir()
    (forged / "evil.yaml").write_text("reports: []\n")
    cache_dir.mkdir(mode=0o700)
    for name in (b"bundled", b"bundled-folder", b"data", str(loader.PACKAGE).encode()):
        (cache_dir / cache.key(name)).write_bytes(marshal.dumps(str(forged)))
    folder = loader.bundled_folder()
    assert folder in (loader.PACKAGE / "data", loader.PACKAGE.parent.parent / "data")
    assert {s.file.parent for s in loader.bundled_files()} == {folder}
    assert set(load().reports) == {"hudson-2019", "tni-2021"}
