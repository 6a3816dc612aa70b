"""Saving pictures (--save-svg, --save-html): checked before anything runs, written atomically.

A save never replaces a corpus file, never leaves half a file behind (it writes a temporary
file beside the target, then renames it over), and a path that cannot work is a usage
error found before any output is printed.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import UsageProblem


def check_targets(targets: Iterable[str | Path], corpus_paths: Iterable[str | Path]) -> None:
    """Raise UsageProblem if any target is not a file trilat may write."""
    from ..corpus.load import bundled_folder, shown_path, user_files

    for given in targets:
        text = str(given)
        if text in ("", ".", "-"):
            raise UsageProblem(f"cannot save to '{text}': give a file name, such as table.svg")
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            info = None
        except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
            reason = getattr(error, "strerror", None) or error
            raise UsageProblem(f"cannot save to '{shown_path(text)}': {reason}") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise UsageProblem(f"cannot save to '{shown_path(text)}': it is a folder")
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise UsageProblem(f"cannot save to '{shown_path(text)}': not a regular file")
        folder = path.parent
        if not folder.is_dir():
            raise UsageProblem(
                f"cannot save to '{shown_path(text)}': folder '{shown_path(folder)}' does not exist"
            )
        try:  # the one sure test that a file can be made there: make one
            probe, probe_path = tempfile.mkstemp(dir=folder, prefix=".trilat-probe-")
            os.close(probe)
            Path(probe_path).unlink()
        except OSError as error:
            raise UsageProblem(
                f"cannot save to '{shown_path(text)}': folder '{shown_path(folder)}' "
                f"is not writable ({error.strerror})"
            ) from None
        if info is not None:
            files, _ = user_files(corpus_paths)
            protected = [corpus_file.file for corpus_file in files]
            protected += list(bundled_folder().iterdir())
            if any(same_file(path, other) for other in protected):
                raise UsageProblem(
                    f"cannot save to '{shown_path(text)}': it is a corpus file; "
                    "trilat never writes corpus files"
                )


def same_file(path: Path, other: Path) -> bool:
    try:
        return path.samefile(other)
    except OSError:
        return False


def write_atomically(path: str | Path, text: str) -> None:
    """The whole file or none of it: a temporary file in the same folder, renamed over."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise UsageProblem(f"cannot save to '{path}': {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        mask = os.umask(0)
        os.umask(mask)
        Path(temporary).chmod(0o666 & ~mask)
        Path(temporary).replace(target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if isinstance(error, OSError):
            raise UsageProblem(f"cannot save to '{path}': {error.strerror}") from None
        raise
