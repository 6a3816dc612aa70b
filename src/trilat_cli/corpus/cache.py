"""A parsed cache of corpus files, so a run need not parse YAML (or even import PyYAML).

Entries are addressed by a hash of the file's bytes and a fingerprint of the code that
made them (trilat's version and the corpus package's source files): an edited file, or a
changed rule within one version, can never be served stale. Entries are written
atomically and read as regular files of bounded size only; a corrupt, oversized or
unreadable entry counts as a miss, and a directory that cannot be written, or that
another user could write to, is skipped without a word. Old entries are trimmed.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import stat
import time
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__

ENV = "TRILAT_CACHE_DIR"
MAX_ENTRY = 64 * 1024 * 1024  # the rows of 1,000 reports take about 4 MiB
KEEP = 64  # entries kept; the oldest beyond these are removed when one is written
STALE_TEMPORARY_S = 3600  # a temporary file this old was left by an interrupted run


def directory() -> Path | None:
    """TRILAT_CACHE_DIR, else the platform's user cache directory (None if there is none).

    A relative XDG_CACHE_HOME is ignored, as the XDG specification says: it would put a
    cache into whatever folder trilat runs from.
    """
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    try:
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
        else:
            xdg = os.environ.get("XDG_CACHE_HOME", "")
            base = xdg if Path(xdg).is_absolute() else Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return Path(base) / "trilat"


try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL at every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


@cache
def code_fingerprint() -> bytes:
    """The version, and the name, size and mtime of each source file of the corpus package.

    The files that parse, check and shape the data: a change to any of them within one
    version (a stricter rule, two fields swapped) makes every old entry a miss. Stat
    stamps, not contents: eight stat calls cost far less than hashing the sources.
    """
    stamps = [__version__]
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


def private(folder: Path) -> bool:
    """Ours alone: a folder another user can write to could plant entries."""
    try:
        info = folder.stat()
    except OSError:
        return False
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def get(name: str) -> Any | None:
    folder = directory()
    if folder is None:
        return None
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(folder / name, flags)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY or not private(folder):
            return None  # a FIFO would hang, /dev/zero never end
        with os.fdopen(handle, "rb", closefd=False) as entry:
            # loads(read()) rather than load(file): load reads in tiny pieces, 10x slower.
            return marshal.loads(entry.read(MAX_ENTRY + 1))
    except (OSError, EOFError, ValueError, TypeError):
        return None
    finally:
        os.close(handle)


def put(name: str, data: Any) -> None:
    import tempfile

    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(folder):
            return
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            marshal.dump(data, out)
        Path(temporary).replace(folder / name)
    except OSError:
        discard(temporary)
        return
    except BaseException:  # Ctrl-C included: no temporary is left behind
        discard(temporary)
        raise
    trim(folder)


def discard(temporary: str) -> None:
    with contextlib.suppress(OSError):
        Path(temporary).unlink()


def trim(folder: Path) -> None:
    """Keep the KEEP newest entries; remove temporaries an interrupted run left behind."""
    now = time.time()
    entries = []
    with contextlib.suppress(OSError), os.scandir(folder) as found:
        for entry in found:
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if entry.name.startswith(".tmp-"):
                    if now - info.st_mtime > STALE_TEMPORARY_S:
                        Path(entry.path).unlink()
                else:
                    entries.append((info.st_mtime, entry.path))
    for _, path in sorted(entries, reverse=True)[KEEP:]:
        with contextlib.suppress(OSError):
            Path(path).unlink()
