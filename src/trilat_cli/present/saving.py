"""Saving pictures (--save-svg, --save-html): checked before anything runs, written atomically.

A save never replaces a corpus file, never leaves half a file behind (it writes a temporary
file beside the target, then renames it over), and a path that cannot work is a usage
error found before any output is printed. The rename would replace a symbolic link with a
file and split a file from its other hard links, so those are refused, as special files
are; a file saved over keeps its mode (and owner, where trilat may set it). A signal during
a save (Ctrl-C, SIGTERM, SIGHUP) removes the temporary file before it ends trilat.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterable, Iterator
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
            info = path.lstat()  # the name itself: a link is not followed
        except FileNotFoundError:
            info = None
        except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
            reason = getattr(error, "strerror", None) or error
            raise UsageProblem(f"cannot save to '{shown_path(text)}': {reason}") from None
        if info is not None and stat.S_ISDIR(info.st_mode):
            raise UsageProblem(f"cannot save to '{shown_path(text)}': it is a folder")
        if info is not None and stat.S_ISLNK(info.st_mode):
            raise UsageProblem(
                f"cannot save to '{shown_path(text)}': it is a symbolic link; "
                "name the file itself (a save would replace the link)"
            )
        if info is not None and not stat.S_ISREG(info.st_mode):
            raise UsageProblem(f"cannot save to '{shown_path(text)}': not a regular file")
        if info is not None and info.st_nlink > 1:
            raise UsageProblem(
                f"cannot save to '{shown_path(text)}': it has {info.st_nlink} hard links, "
                "and a save would leave the others with the old file"
            )
        folder = path.parent
        if not folder.is_dir():
            raise UsageProblem(
                f"cannot save to '{shown_path(text)}': folder '{shown_path(folder)}' does not exist"
            )
        try:  # the one sure test that a file can be made there: make one
            with removed_on_signal():
                probe, probe_path = tempfile.mkstemp(dir=folder, prefix=".trilat-probe-")
                try:
                    os.close(probe)
                finally:
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


class Signalled(BaseException):
    """A termination signal, raised where the save is, so that its clean-up runs."""


@contextlib.contextmanager
def removed_on_signal() -> Iterator[None]:
    """SIGTERM and SIGHUP raise inside the block, as Ctrl-C does, so the temporary file is
    removed; then the signal ends trilat as it would have. A signal ignored stays ignored."""
    import signal

    def raised(number: int, _frame: object) -> None:
        raise Signalled(number)

    def restore() -> None:
        for number, handler in before.items():
            signal.signal(number, handler)

    numbers = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    before = {number: signal.getsignal(number) for number in numbers}
    for number, handler in before.items():
        if handler is not signal.SIG_IGN:
            signal.signal(number, raised)
    try:
        yield
    except Signalled as caught:
        restore()
        signal.raise_signal(caught.args[0])  # ends trilat, unless a handler of the caller's
        raise
    finally:
        restore()


def write_atomically(path: str | Path, text: str) -> None:
    """The whole file or none of it: a temporary file in the same folder, renamed over.

    The new file takes the old one's mode and owner, or for a new file the umask's mode.
    """
    target = Path(path)
    with removed_on_signal():
        try:
            handle, temporary = tempfile.mkstemp(
                dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
            )
        except OSError as error:
            raise UsageProblem(f"cannot save to '{path}': {error.strerror}") from None
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            keep_mode_and_owner(Path(temporary), target)
            Path(temporary).replace(target)
        except BaseException as error:
            with contextlib.suppress(OSError):
                Path(temporary).unlink()
            if isinstance(error, OSError):
                raise UsageProblem(f"cannot save to '{path}': {error.strerror}") from None
            raise


def keep_mode_and_owner(temporary: Path, target: Path) -> None:
    try:
        old = target.lstat()
    except FileNotFoundError:
        mask = os.umask(0)
        os.umask(mask)
        temporary.chmod(0o666 & ~mask)
        return
    with contextlib.suppress(OSError, AttributeError):  # only root may give a file away
        os.chown(temporary, old.st_uid, old.st_gid)
    temporary.chmod(stat.S_IMODE(old.st_mode))
