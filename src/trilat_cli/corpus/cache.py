"""A parsed cache of corpus files, so a run need not parse YAML (or even import PyYAML).

Entries are addressed by a hash of the file's bytes and trilat's version: an edited file
can never be served stale, and a new release never reads an old release's entries. Entries
are written atomically; a corrupt or unreadable entry counts as a miss, and a directory
that cannot be written is skipped without a word.
"""

from __future__ import annotations

import contextlib
import marshal
import os
from pathlib import Path
from typing import Any

from .. import __version__

ENV = "TRILAT_CACHE_DIR"


def directory() -> Path | None:
    """TRILAT_CACHE_DIR, else the platform's user cache directory (None if there is none)."""
    if os.environ.get(ENV):
        return Path(os.environ[ENV])
    try:
        if os.name == "nt":
            base = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
        else:
            base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:  # no home directory to be found
        return None
    return Path(base) / "trilat"


try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL at every start-up
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - a Python built without it
    from hashlib import blake2b


def key(raw: bytes) -> str:
    digest = blake2b(raw, digest_size=20, person=b"trilat-cache")
    digest.update(__version__.encode())
    return digest.hexdigest()


def get(name: str) -> Any | None:
    folder = directory()
    if folder is None:
        return None
    try:
        # loads(read()) rather than load(file): load reads a file in tiny pieces, 10x slower.
        return marshal.loads((folder / name).read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None


def put(name: str, data: Any) -> None:
    import tempfile

    folder = directory()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            marshal.dump(data, out)
        Path(temporary).replace(folder / name)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
