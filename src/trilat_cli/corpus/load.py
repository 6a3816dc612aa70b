"""Finding, reading and assembling corpus files: the bundled corpus plus the user's own."""

from __future__ import annotations

import gc
import os
import stat
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from ..errors import CorpusError, Problem, UsageProblem, shortened
from . import cache
from .fields import build
from .limits import MAX_BYTES, MAX_COUNTED, MAX_PROBLEMS
from .model import SECTIONS, Corpus
from .rows import as_row, from_row

if TYPE_CHECKING:
    from .validate import Document, Finding

SUFFIXES = (".yaml", ".yml")
Data = Mapping[str, list[dict[str, Any]]]


class CorpusFile(NamedTuple):
    """A corpus file: how to name it in messages, and where to read it."""

    name: str
    file: Path


PACKAGE = Path(__file__).resolve().parent.parent


def bundled_folder() -> Path:
    """The bundled corpus: `data/` inside the installed package, else the checkout's `data/`.

    A wheel maps the top-level `data/` folder into the package; an editable install runs
    from the checkout, where `data/` sits two levels above the package. Both are derived
    from this module's own location, never remembered, so nothing outside the package can
    point trilat at another folder.
    """
    inside = PACKAGE / "data"
    return inside if inside.is_dir() else PACKAGE.parent.parent / "data"


def bundled_files() -> list[CorpusFile]:
    """The corpus shipped inside the package (data/ in the source tree)."""
    folder = bundled_folder()
    return [
        CorpusFile(f"trilat_cli/data/{entry.name}", entry)
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(SUFFIXES)
    ]


def shown_path(path: str | Path) -> str:
    """A path for a message: a 100,000-character path is cut in the middle, not printed whole."""
    return shortened(str(path))


def user_files(paths: Iterable[str | Path]) -> tuple[list[CorpusFile], list[Problem]]:
    """Files named by the user, and the YAML files inside folders they name.

    Only regular files are read: a FIFO would block forever and a device never end. Folders
    are walked without following symlinked folders (no loops, no escaping the folder); a
    subfolder that cannot be read is a problem, not a silent gap.
    """
    files: list[CorpusFile] = []
    problems: list[Problem] = []
    for given in paths:
        if not str(given):
            raise UsageProblem("an empty corpus path names no file; give a file or a folder")
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            raise UsageProblem(f"corpus path '{shown_path(given)}' does not exist") from None
        except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
            reason = getattr(error, "strerror", None) or error
            raise UsageProblem(f"corpus path '{shown_path(given)}': {reason}") from None
        if stat.S_ISDIR(info.st_mode):
            found, trouble = files_in(path)
            problems += trouble
            if not found and not trouble:
                problems.append(Problem(str(path), message="folder holds no *.yaml or *.yml files"))
            files += [CorpusFile(str(p), p) for p in found]
        elif stat.S_ISREG(info.st_mode):
            files.append(CorpusFile(str(path), path))
        else:
            raise UsageProblem(
                f"corpus path '{shown_path(given)}' is not a regular file or a folder "
                "(a FIFO, socket or device); refused"
            )
    return files, problems


def files_in(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The regular *.yaml and *.yml files under a folder, and what could not be read."""
    found: list[Path] = []
    problems: list[Problem] = []

    def unreadable(error: OSError) -> None:
        where = shown_path(error.filename or folder)
        problems.append(Problem(where, message=f"cannot read folder: {error.strerror or error}"))

    for root, folders, names in os.walk(folder, onerror=unreadable):
        folders.sort()
        for name in names:
            if not name.endswith(SUFFIXES):
                continue
            path = Path(root, name)
            try:
                regular = stat.S_ISREG(path.stat().st_mode)
            except OSError as error:
                problems.append(Problem(str(path), message=f"cannot read file: {error.strerror}"))
                continue
            if regular:
                found.append(path)
            else:
                problems.append(Problem(str(path), message="not a regular file; refused"))
    return sorted(found, key=str), problems


def read_bytes(corpus_file: CorpusFile) -> bytes | Problem:
    """At most MAX_BYTES + 1 bytes of a regular file (checked again on the open file, so a
    file swapped for a FIFO after it was listed cannot block the read)."""
    try:
        handle = os.open(corpus_file.file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as opened:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return Problem(corpus_file.name, message="not a regular file; refused")
            return opened.read(MAX_BYTES + 1)
    except OSError as error:
        return Problem(corpus_file.name, message=f"cannot read file: {error.strerror or error}")


class Problems:
    """The problems found so far: the first MAX_PROBLEMS in full, the rest only counted.

    A file of 200,000 empty records has two million problems; placing and formatting them
    all would take minutes and hundreds of megabytes, and no one reads past the first few.
    """

    def __init__(self, problems: Iterable[Problem] = ()) -> None:
        self.kept: list[Problem] = []
        self.more = 0
        self.extend(problems)

    def extend(self, problems: Iterable[Problem]) -> None:
        for problem in problems:
            self.add(partial(lambda given: given, problem))

    def add(self, problem: Callable[[], Problem]) -> None:
        """Count a problem; place and word it only if it is to be listed."""
        if len(self.kept) < MAX_PROBLEMS:
            self.kept.append(problem())
        else:
            self.more += 1

    def __len__(self) -> int:
        return len(self.kept) + self.more

    def full(self) -> bool:
        """Past MAX_COUNTED, counting stops: the exact number would cost seconds."""
        return len(self) >= MAX_COUNTED

    def error(self) -> CorpusError:
        return CorpusError(self.kept, self.more, counted_all=not self.full())


class Locator:
    """Line and column for paths inside files: each file composed once, each mapping indexed once.

    Looking each path up afresh would rescan a mapping per problem: quadratic in a record of
    40,000 unknown keys.
    """

    def __init__(self) -> None:
        self.roots: dict[str, Any] = {}
        self.keys: dict[int, dict[Any, tuple[Any, Any]]] = {}

    def place(self, name: str, raw: bytes, finding: Finding) -> Problem:
        return Problem(name, *self.locate(name, raw, finding.path), finding.text())

    def locate(self, name: str, raw: bytes, path: tuple[str | int, ...]) -> tuple[int, int]:
        from .yamlfile import compose, pairs

        if name not in self.roots:
            self.roots[name] = compose(raw.decode("utf-8-sig"))
        node = self.roots[name]
        mark = node.start_mark if node is not None else None
        for step in path:
            if node is not None and node.id == "mapping":
                if id(node) not in self.keys:
                    self.keys[id(node)] = pairs(node)
                pair = self.keys[id(node)].get(step)
                if pair is None:
                    break
                mark, node = pair[0].start_mark, pair[1]
            elif node is not None and node.id == "sequence" and isinstance(step, int):
                if step >= len(node.value):
                    break
                node = node.value[step]
                mark = node.start_mark
            else:
                break
        return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)

    def where(self, document: Document, path: tuple[str | int, ...]) -> str:
        line, column = self.locate(document.name, document.raw, path)
        return f"{document.name}:{line}:{column}" if line else document.name


def parse(
    corpus_file: CorpusFile,
    raw: bytes,
    store: cache.Store | None,
    problems: Problems,
    locator: Locator,
    name: str = "",
) -> Document | None:
    """One file as a Document of its sound records; its own problems go to `problems`.

    A file with problems still gives its sound records, so that references across files are
    checked in the same run: fixing one problem never reveals another. With a store, the
    file's data is looked up and kept there under `name` (the hash of its bytes).
    """
    from .validate import Document, check_document, sound_part

    name = (name or cache.key(raw)) if store else ""
    data = store.get(name) if store else None
    if data is not None and (not well_shaped(data) or next(check_document(data), None)):
        data = None  # an entry of the wrong shape, or one that fails today's checks: rebuilt
    if data is None:
        from .yamlfile import YamlProblem, decode, read

        try:
            data = read(decode(raw))
        except YamlProblem as problem:
            problems.extend([problem.at(corpus_file.name)])
            return None
        before = len(problems)

        def counted(findings: Iterable[Finding]) -> Iterator[Finding]:
            for finding in findings:
                if problems.full():
                    return
                problems.add(partial(locator.place, corpus_file.name, raw, finding))
                yield finding

        sound = sound_part(data, counted(check_document(data)))
        if problems.full():
            return None
        if len(problems) > before:
            return Document(corpus_file.name, sound, raw)
        if store:
            store.put(name, data)
    return Document(corpus_file.name, data, raw)


def file_items(
    paths: Iterable[str | Path], bundled: bool = True
) -> Iterator[tuple[Callable[[Finding], Problem], int, dict[str, Any]]]:
    """Each item of the user's files (and the bundled corpus), read afresh (never from the
    cache: a check is about what the files say now), with its index in its file and how to
    place a finding about it at file:line:column. For files that loaded cleanly."""
    from .validate import records

    locator = Locator()
    for corpus_file in (bundled_files() if bundled else []) + user_files(paths)[0]:
        raw = read_bytes(corpus_file)
        document = (
            parse(corpus_file, raw, None, Problems(), locator) if isinstance(raw, bytes) else None
        )
        if document is None:
            continue  # cannot happen after a clean load
        place = partial(locator.place, document.name, document.raw)
        for _, section, index, entry in records([document]):
            if section == "items":
                yield place, index, entry


def well_shaped(data: Any) -> bool:
    """A cached file's data as a valid file parses: sections, each a list (never `{}`)."""
    return (
        isinstance(data, dict)
        and bool(data)
        and all(
            section in SECTIONS and isinstance(records, list) for section, records in data.items()
        )
    )


def rows_corpus(rows: Any) -> Corpus | None:
    """The corpus from a whole-set entry, or None if the entry is not of the right shape."""
    if not isinstance(rows, dict) or set(rows) != set(SECTIONS):
        return None
    if not all(isinstance(section, list) for section in rows.values()):
        return None
    try:
        return corpus_from_rows(rows)
    except (TypeError, ValueError, KeyError, IndexError, AttributeError):
        return None


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading a large corpus allocates many objects and no cycles; the cycle collector
    would walk them again and again (a fifth of a warm load at 1,000 reports). What was
    loaded lives as long as the process, so it is frozen out of later collections too."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def load(
    paths: Iterable[str | Path] = (), *, use_cache: bool = True, bundled: bool = True
) -> Corpus:
    """The bundled corpus plus the user's files, checked as a whole; CorpusError lists every problem.

    Caches make a warm run cheap: each file's parsed data, by the hash of its bytes; the
    whole set's records as rows, by the hashes of all its files in order; and that key by
    the files' stat stamps, so an unchanged set is not even read. An unchanged set skips
    parsing, checking and building, and never imports PyYAML or the validator. An edited
    file is parsed alone: the others' data comes from their entries.
    """
    files, problems = user_files(paths)
    if bundled:
        files = bundled_files() + files
    store = cache.store() if use_cache else None
    stamp = stamp_key(files) if store and not problems else None
    if store and stamp:
        whole = store.get(stamp)  # the whole set's key, when these stamps were seen before
        if isinstance(whole, str) and (corpus := cached_corpus(store, whole)) is not None:
            return corpus
    raws = [read_bytes(corpus_file) for corpus_file in files]
    problems += [raw for raw in raws if isinstance(raw, Problem)]
    keys = [cache.key(raw) if isinstance(raw, bytes) else "" for raw in raws]
    whole = cache.key("".join(keys).encode())
    if store and not problems and (corpus := cached_corpus(store, whole)) is not None:
        if stamp:
            store.put(stamp, whole)
        return corpus
    from .validate import check_together

    found, locator = Problems(problems), Locator()
    documents = []
    for corpus_file, raw, name in zip(files, raws, keys, strict=True):
        if isinstance(raw, bytes):
            document = parse(corpus_file, raw, store, found, locator, name)
            if document is not None:
                documents.append(document)
    for placed in check_together(documents, locator.where):
        if found.full():
            break
        found.add(partial(locator.place, placed.document.name, placed.document.raw, placed.finding))
    if found:
        raise found.error()
    corpus = build_corpus(cast("Data", document.data) for document in documents)  # all sound
    corpus = corpus._replace(source=whole)
    if store:
        rows = {name: [as_row(r) for r in corpus.section(name).values()] for name in SECTIONS}
        store.put(whole, rows)
        if stamp:
            store.put(stamp, whole)
        store.trim()  # once a run, after its writes: never a scan per entry written
    return corpus


def cached_corpus(store: cache.Store, whole: str) -> Corpus | None:
    """The corpus from the whole set's entry, if there is a sound one."""
    with collector_paused():
        corpus = rows_corpus(store.get(whole))
    return None if corpus is None else corpus._replace(source=whole)


SETTLED_NS = 2_000_000_000  # files younger than this may yet change within one timestamp tick


def stamp_key(files: list[CorpusFile]) -> str | None:
    """A cache key from the files' stat stamps, when every file is a settled plain file.

    The stamp is path, size, modification and change times and inode; a file modified in
    the last two seconds gives no key (as git treats "racy" files), so an edit that keeps
    size and timestamps can never be served stale.
    """
    stamps = []
    now = time.time_ns()
    for corpus_file in files:
        try:
            info = corpus_file.file.stat()
        except OSError:
            return None
        if now - max(info.st_mtime_ns, info.st_ctime_ns) < SETTLED_NS:
            return None
        stamps.append(
            (str(corpus_file.file), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        )
    return cache.key(repr(stamps).encode())


def build_corpus(documents: Iterable[Data]) -> Corpus:
    """Typed, immutable records from documents that passed every check."""
    sections: dict[str, dict[str, Any]] = {section: {} for section in SECTIONS}
    for data in documents:
        for section, entries in data.items():
            for entry in entries:
                sections[section][entry["id"]] = build(SECTIONS[section], entry)
    proxies: dict[str, Any] = {
        name: MappingProxyType(entries) for name, entries in sections.items()
    }
    return Corpus(**proxies)


def corpus_from_rows(rows: Mapping[str, list[tuple[Any, ...]]]) -> Corpus:
    """The corpus from the whole-set cache: every record's id is its first field."""
    proxies: dict[str, Any] = {
        name: MappingProxyType({row[0]: from_row(SECTIONS[name], row) for row in rows[name]})
        for name in SECTIONS
    }
    return Corpus(**proxies)
