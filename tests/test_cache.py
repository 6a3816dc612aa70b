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
cache.store().put("entry", {"rows": "new " * 100_000})
"""


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file size limits are POSIX")
def test_an_entry_rewritten_on_a_full_disk_is_the_old_one_whole(cache_dir: Path) -> None:
    """Entries are written atomically: a write that fails halfway leaves the old entry intact.

    The disk fills up 4 KiB into a 400 KB entry. A write straight to the entry's own path
    would leave those 4 KiB there, and the old entry would be lost.
    """
    from trilat_cli.corpus import cache

    store = cache.store()
    store.put("entry", {"rows": "old"})
    done = piped(
        program=python(FULL_DISK),
        env={"TRILAT_CACHE_DIR": str(cache_dir), "PYTHONDONTWRITEBYTECODE": "1"},
    )
    assert (done.returncode, done.stderr) == (0, "")  # a cache that cannot write says nothing
    assert store.get("entry") == {"rows": "old"}
    assert sorted(e.name for e in cache_dir.iterdir()) == [cache.MARKER, "entry"]  # no temporary


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
    cache.store().put(cache.key(raw), swapped)  # stale data, as an older rule let through
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


def test_the_least_recently_used_entries_and_stale_temporaries_are_trimmed(
    cache_dir: Path, monkeypatch
) -> None:
    import time

    from trilat_cli.corpus import cache

    store = cache.store()
    stale = cache_dir / ".tmp-left0by0ctrl0c"
    stale.write_bytes(b"half")
    old = time.time() - 2 * cache.STALE_TEMPORARY_S
    os.utime(stale, (old, old))
    names = [cache.key(str(number).encode()) for number in range(20)]
    for number, name in enumerate(names):
        store.put(name, {"n": number, "padding": "x" * 1000})
        os.utime(cache_dir / name, (old + number, old + number))
    monkeypatch.setattr(cache, "MAX_TOTAL", 10 * (cache_dir / names[0]).stat().st_size)
    store.trim()
    assert sorted(e.name for e in cache_dir.iterdir()) == sorted([cache.MARKER, *names[10:]])
    assert store.get(names[10]) == {"n": 10, "padding": "x" * 1000}
    store.put(cache.key(b"new"), {"n": "new"})  # names[10] was just used: names[11] goes
    store.trim()
    assert not (cache_dir / names[11]).exists() and (cache_dir / names[10]).exists()


def test_an_interrupted_write_leaves_no_temporary(cache_dir: Path, monkeypatch) -> None:
    from trilat_cli.corpus import cache

    def interrupted(*_args):
        raise KeyboardInterrupt

    store = cache.store()
    monkeypatch.setattr(Path, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.put("entry", {"n": 1})
    assert [entry.name for entry in cache_dir.iterdir()] == [cache.MARKER]


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


# ---- issue 21, points 1 and 2: an index and a trim nobody else can steer -----------------


def search_indexes(folder: Path) -> list[Path]:
    """The search indexes in a cache folder, by what they hold rather than by their names."""
    return [
        entry
        for entry in folder.iterdir()
        if entry.is_file() and entry.read_bytes()[:16] == b"SQLite format 3\x00"
    ]


def test_a_symlink_planted_as_the_index_is_never_followed(
    invoke_json, cache_dir: Path, tmp_path: Path
) -> None:
    expected = invoke_json("--no-cache", "search", "dokdo")
    assert invoke_json("search", "dokdo") == expected
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's own file\n")
    indexes = search_indexes(cache_dir)
    assert indexes
    for index in indexes:
        index.unlink()
        index.symlink_to(victim)
    assert invoke_json("search", "dokdo") == expected
    assert victim.read_text() == "the user's own file\n"  # neither replaced nor removed
    assert not any(index.is_symlink() for index in indexes)  # each link replaced by an index


def plant_index(path: Path, rowid: int) -> None:
    """An FTS5 index of the right columns whose one row, about Dokdo, is `rowid`."""
    import sqlite3

    path.unlink()
    database = sqlite3.connect(path)
    database.execute(
        "CREATE VIRTUAL TABLE items USING fts5(title, quotes, summary, names, "
        "tokenize='porter unicode61 remove_diacritics 2')"
    )
    database.execute("INSERT INTO items(rowid, title) VALUES (?, 'dokdo')", (rowid,))
    database.commit()
    database.close()


@pytest.mark.parametrize("rowid", [100_000, 0, -3])
def test_an_index_that_is_not_of_this_corpus_is_rebuilt(
    invoke, invoke_json, cache_dir: Path, rowid: int
) -> None:
    expected = invoke_json("--no-cache", "search", "dokdo")
    assert invoke_json("search", "dokdo") == expected
    for index in search_indexes(cache_dir):
        plant_index(index, rowid)
    result = invoke("search", "dokdo", "--json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert json.loads(result.stdout) == expected


def test_a_cache_folder_others_can_write_to_holds_no_index(invoke_json, cache_dir: Path) -> None:
    cache_dir.mkdir(mode=0o700)
    cache_dir.chmod(0o777)
    expected = invoke_json("--no-cache", "search", "dokdo")
    assert invoke_json("search", "dokdo") == expected
    assert list(cache_dir.iterdir()) == []  # built in memory; nothing written there


def test_a_cache_folder_holding_the_users_files_is_never_trimmed(write, tmp_path: Path) -> None:
    folder = tmp_path / "documents"
    folder.mkdir(mode=0o700)
    old = 1_000_000_000
    for number in range(80):
        mine = folder / f"letter-{number}.txt"
        mine.write_text(f"letter {number}\n")
        os.utime(mine, (old, old))
    before = sorted(entry.name for entry in folder.iterdir())
    env = {"TRILAT_CACHE_DIR": str(folder)}
    for number in range(3):
        path = str(write(f"cd{number}.yaml", VALID_REPORT))
        done = piped("--corpus", path, "search", "korea", "--json", env=env)
        assert done.returncode == 0 and json.loads(done.stdout)
        [note] = done.stderr.splitlines()  # one note a run, however many entries were not kept
        assert str(folder) in note and "did not write" in note
    assert sorted(entry.name for entry in folder.iterdir()) == before


@pytest.mark.parametrize("under", ["", "sub"])
def test_a_cache_dir_that_is_a_file_is_a_note(tmp_path: Path, under: str) -> None:
    """TRILAT_CACHE_DIR naming a file (or a folder under one) silently meant no cache."""
    afile = tmp_path / "notes.txt"
    afile.write_text("mine\n")
    chosen = afile / under if under else afile
    done = piped("reports", "--json", env={"TRILAT_CACHE_DIR": str(chosen)})
    assert done.returncode == 0 and json.loads(done.stdout)
    [note] = done.stderr.splitlines()
    assert str(chosen) in note and "not a folder; the cache is not used" in note
    assert afile.read_text() == "mine\n"


def test_trimming_removes_only_what_trilat_wrote(cache_dir: Path) -> None:
    import time

    from trilat_cli.corpus import cache

    store = cache.store()
    store.put(cache.key(b"first"), {"n": 0})
    old = time.time() - 400 * 24 * 3600
    stray = cache_dir / "notes.txt"
    stray.write_text("mine\n")
    os.utime(stray, (old, old))
    for entry in cache_dir.iterdir():
        os.utime(entry, (old, old))
    store.put(cache.key(b"second"), {"n": 1})
    store.trim()
    assert stray.exists()
    assert (cache_dir / cache.key(b"second")).exists()
    assert not (cache_dir / cache.key(b"first")).exists()  # unused for over a year: trimmed


def test_no_home_folder_is_created(invoke, tmp_path: Path) -> None:
    home = tmp_path / "gone" / "home"
    env = {"TRILAT_CACHE_DIR": "", "XDG_CACHE_HOME": "", "HOME": str(home)}
    result = invoke("flashpoints", "--json", env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    assert not (tmp_path / "gone").exists()


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="modes are POSIX")
@pytest.mark.parametrize("umask", [0o000, 0o022, 0o277])
def test_folders_trilat_creates_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {"HOME": str(home), "TRILAT_CACHE_DIR": "", "XDG_CACHE_HOME": ""}
    done = piped("search", "dokdo", "--json", env=env, umask=umask)
    assert (done.returncode, done.stderr) == (0, "")
    for folder in (home / ".cache", home / ".cache" / "trilat"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    assert search_indexes(home / ".cache" / "trilat")  # and it is usable: the index is kept


# ---- issue 29: a cache that stays warm ----------------------------------------------------


def numbered_report(number: int) -> str:
    return VALID_REPORT.replace("camp-david-2023", f"report-{number}").replace(
        "cd23-commitment", f"r{number}-commitment"
    )


def test_editing_one_file_of_many_parses_that_file_alone(
    invoke_json, tmp_path: Path, cache_dir: Path, monkeypatch
) -> None:
    from trilat_cli.corpus import yamlfile

    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(100):  # more files than the cache once kept entries
        (folder / f"r{number:03d}.yaml").write_text(numbered_report(number))
    assert len(invoke_json("--corpus", str(folder), "reports")) == 102
    parsed: list[str] = []
    real = yamlfile.read
    monkeypatch.setattr(yamlfile, "read", lambda text: parsed.append(text) or real(text))
    edited = numbered_report(7).replace("Commitment to consult", "Commitment to confirm")
    (folder / "r007.yaml").write_text(edited)
    items = invoke_json("--corpus", str(folder), "items", "--report", "report-7")
    assert [item["title"] for item in items] == ["Commitment to confirm"]
    assert parsed == [edited]  # that file, and no other
    parsed.clear()
    assert len(invoke_json("--corpus", str(folder), "items")) > 100
    assert parsed == []  # and the next run parses nothing


@pytest.mark.parametrize("value", ["relative/cache", "."])
def test_a_relative_cache_folder_is_not_used_and_says_so(tmp_path: Path, value) -> None:
    done = piped("flashpoints", "--json", cwd=tmp_path, env={"TRILAT_CACHE_DIR": value})
    assert done.returncode == 0 and len(json.loads(done.stdout)) == 4
    [note] = done.stderr.splitlines()
    assert "not an absolute path" in note and value in note
    assert list(tmp_path.iterdir()) == []  # nothing written where trilat happened to run
