"""A parsed cache of corpus files, so a run need not parse YAML (or even import PyYAML).

Entries are addressed by a hash of what they were made from and a fingerprint of the code
that made them (trilat's version, the corpus package's source files, the user): an edited
file, or a changed rule within one version, can never be served stale. Entries are written
atomically and read as regular files of bounded size only, never through a symlink; a
corrupt, oversized or unreadable entry counts as a miss.

The folder is trilat's own: one trilat created (private, whatever the umask), or one that
holds trilat's marker file, or an empty one it then marks. A folder that another user could
write to, or that holds files trilat did not write, is not used, with a note. Trimming
removes only files under the names trilat gives its entries, least recently used first,
past an age or a total size (`trim`).
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import stat
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from .. import __version__

T = TypeVar("T")

ENV = "TRILAT_CACHE_DIR"
MARKER = "CACHEDIR.TAG"  # https://bford.info/cachedir/: backup tools skip a folder holding it
SIGNATURE = b"Signature: 8a477f597d28d172789f06886806bc55"
MARKER_TEXT = SIGNATURE + b"\n# trilat's cache: anything in this folder may be deleted.\n"
# The names of trilat's entries and temporaries: the only files trimming ever removes.
WRITTEN = re.compile(r"(?:search-)?[0-9a-f]{40}(?:\.sqlite)?|\.tmp-\w+")
MAX_ENTRY = 1024 * 1024 * 1024  # the rows of 100,000 items take about 100 MiB
MAX_TOTAL = 1024 * 1024 * 1024  # past this, the least recently used entries are removed
MAX_AGE_S = 30 * 24 * 3600  # an entry unused this long is removed
RECENT_S = 3600  # an entry used this recently is kept whatever the total
STALE_TEMPORARY_S = 3600  # a temporary file this old was left by an interrupted run

told: set[str] = set()  # notes already given in this process
notes: list[str] = []  # notes for the command line to show


def note(text: str) -> None:
    """A note for the user, once per process."""
    if text not in told:
        told.add(text)
        notes.append(text)


def location() -> tuple[Path, Path] | None:
    """The cache folder, and the folder above it that must exist already (never created).

    TRILAT_CACHE_DIR, else `$XDG_CACHE_HOME/trilat`, else `~/.cache/trilat`. An empty value
    counts as unset. A relative XDG_CACHE_HOME is ignored, as the XDG specification says;
    a relative TRILAT_CACHE_DIR or home would put a cache into whatever folder trilat runs
    from, so it means no cache. trilat creates the cache folder and the one holding it
    (`.cache`) at most: never a home folder that does not exist.
    """
    chosen = os.environ.get(ENV, "")
    if chosen:
        folder = Path(chosen)
        if not folder.is_absolute():
            note(f"{ENV}={chosen} is not an absolute path; the cache is not used")
            return None
        return folder, folder.parent
    try:
        xdg = os.environ.get("XDG_CACHE_HOME", "")
        if os.name == "nt":  # pragma: no cover - Windows
            base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        else:
            base = Path(xdg) if Path(xdg).is_absolute() else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    if not base.is_absolute():  # HOME is empty or relative
        return None
    return base / "trilat", base.parent


def directory() -> Path | None:
    """The cache folder trilat would use, whether or not it exists."""
    found = location()
    return found[0] if found else None


def private(info: os.stat_result) -> bool:
    """Ours alone: a folder another user can write to could plant entries."""
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def create(folder: Path, anchor: Path) -> bool:
    """Make the cache folder and those between it and `anchor`, each private (0700)."""
    if not anchor.is_dir():
        return False
    chain = [folder]
    while chain[-1].parent != anchor and chain[-1].parent != chain[-1]:
        chain.append(chain[-1].parent)
    try:
        for level in reversed(chain):
            try:
                level.mkdir(mode=0o700)
            except FileExistsError:
                continue
            level.chmod(0o700)  # the umask may have taken bits away, or left others'
    except OSError:
        return False
    return True


def store() -> Store | None:
    """The cache folder, if trilat may use it; None (with a note where it helps) if not."""
    found = location()
    if found is None:
        return None
    folder, anchor = found
    shown = f"{ENV}={folder}" if os.environ.get(ENV) else f"the cache folder {folder}"
    try:
        info = folder.stat()
    except FileNotFoundError:
        if not create(folder, anchor):
            if os.environ.get(ENV) and not anchor.is_dir():
                note(f"{shown}: {anchor} does not exist; the cache is not used")
            return None
        info = folder.stat()
    except NotADirectoryError:  # a file on the way: TRILAT_CACHE_DIR=~/notes.txt/cache
        info = None
    except (OSError, ValueError):
        return None
    if info is None or not stat.S_ISDIR(info.st_mode):
        note(f"{shown} is not a folder; the cache is not used")
        return None
    if not private(info):
        note(f"{shown} is not private (another user could write to it); the cache is not used")
        return None
    if marked(folder) or adopt(folder):
        return Store(folder)
    note(
        f"{shown} holds files trilat did not write; the cache is not used "
        f"(set {ENV} to a new or empty folder)"
    )
    return None


def marked(folder: Path) -> bool:
    """The folder holds trilat's marker: a regular file of ours, not a link."""
    try:
        handle = os.open(folder / MARKER, os.O_RDONLY | NOFOLLOW | NONBLOCK)
    except OSError:
        return False
    try:
        info = os.fstat(handle)
        return owned_file(info) and os.read(handle, len(SIGNATURE)) == SIGNATURE
    except OSError:
        return False
    finally:
        os.close(handle)


def adopt(folder: Path) -> bool:
    """Mark a folder that holds nothing but what trilat writes (an older trilat's entries)."""
    try:
        names = [entry.name for entry in folder.iterdir()]
    except OSError:
        return False
    if not all(name == MARKER or WRITTEN.fullmatch(name) for name in names):
        return False
    Store(folder).put_bytes(MARKER, MARKER_TEXT)
    return True


NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted as an entry never blocks the open


def owned_file(info: os.stat_result) -> bool:
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owned and stat.S_ISREG(info.st_mode) and info.st_size <= MAX_ENTRY


try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL at every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


@cache
def code_fingerprint() -> bytes:
    """The version, the user, and the name, size and mtime of each source file of the corpus
    package.

    The files that parse, check and shape the data: a change to any of them within one
    version (a stricter rule, two fields swapped) makes every old entry a miss. Stat
    stamps, not contents: eight stat calls cost far less than hashing the sources. The
    user's id makes every name differ between users, so no name can be planted for another.
    """
    stamps = [__version__, str(os.getuid() if hasattr(os, "getuid") else "")]
    with contextlib.suppress(OSError), os.scandir(Path(__file__).parent) as entries:
        for entry in sorted(entries, key=lambda entry: entry.name):
            if entry.name.endswith(".py"):
                info = entry.stat()
                stamps.append(f"{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(stamps).encode()


def key(raw: bytes) -> str:
    digest = blake2b(raw, digest_size=20, person=b"trilat-cache")
    digest.update(code_fingerprint())
    return digest.hexdigest()


class Store(NamedTuple):
    """A cache folder trilat may read and write."""

    folder: Path

    def get_bytes(self, name: str) -> bytes | None:
        """An entry's bytes: a regular file of ours, never a link, at most MAX_ENTRY bytes."""
        return self.opened(name, read_entry)

    def vetted(self, name: str) -> os.stat_result | None:
        """An entry's status, if it is a regular file of ours (for a reader that opens it by
        its path, and then checks that the path still names this file)."""
        return self.opened(name, os.fstat)

    def opened(self, name: str, use: Callable[[int], T]) -> T | None:
        """What `use` makes of an entry opened without following a link, if it is a regular
        file of ours of at most MAX_ENTRY bytes; None for any other or for none.

        An entry that has not been used for an hour is marked used (its mtime), which is
        what trimming goes by.
        """
        try:
            handle = os.open(self.folder / name, os.O_RDONLY | NOFOLLOW | NONBLOCK)
        except OSError:
            return None
        try:
            info = os.fstat(handle)
            if not owned_file(info):
                return None  # a FIFO would hang, /dev/zero never end
            if time.time() - info.st_mtime > RECENT_S and os.utime in os.supports_fd:
                with contextlib.suppress(OSError):
                    os.utime(handle)
            return use(handle)
        except OSError:
            return None
        finally:
            os.close(handle)

    def get(self, name: str) -> Any | None:
        raw = self.get_bytes(name)
        try:
            # loads(read()) rather than load(file): load reads in tiny pieces, 10x slower.
            return None if raw is None else marshal.loads(raw)
        except (EOFError, ValueError, TypeError):
            return None

    def put(self, name: str, data: Any) -> None:
        with contextlib.suppress(ValueError):  # a value marshal cannot write: not kept
            self.put_bytes(name, marshal.dumps(data))

    def put_bytes(self, name: str, raw: bytes) -> None:
        """Write an entry atomically: a temporary file of ours, then a rename over the name."""
        import tempfile

        try:
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        except OSError:
            return
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(raw)
            Path(temporary).replace(self.folder / name)  # replaces a link, never its target
        except OSError:
            discard(temporary)
        except BaseException:  # Ctrl-C included: no temporary is left behind
            discard(temporary)
            raise

    def trim(self) -> None:
        trim(self.folder)


def read_entry(handle: int) -> bytes:
    with os.fdopen(handle, "rb", closefd=False) as entry:
        return entry.read(MAX_ENTRY + 1)


def discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        Path(temporary).unlink()


def trim(folder: Path) -> None:
    """Remove trilat's entries unused for MAX_AGE_S, then the least recently used past
    MAX_TOTAL bytes (never one used in the last RECENT_S), and temporaries an interrupted
    run left behind. Only names trilat gives its files are ever removed: one scan."""
    now = time.time()
    entries = []
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            if not WRITTEN.fullmatch(entry.name):
                continue  # not ours: never touched
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if entry.name.startswith(".tmp-"):
                    if now - info.st_mtime > STALE_TEMPORARY_S:
                        Path(entry.path).unlink()
                else:
                    entries.append((info.st_mtime, info.st_size, entry.path))
    total = 0
    for used, size, path in sorted(entries, reverse=True):  # most recently used first
        total += size
        if now - used > MAX_AGE_S or (total > MAX_TOTAL and now - used > RECENT_S):
            with contextlib.suppress(OSError):
                Path(path).unlink()
