"""Finding, reading and assembling corpus files: the bundled corpus plus the user's own."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import CorpusError, Problem, UsageProblem
from . import cache
from .fields import build
from .limits import MAX_BYTES
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


def bundled_sources() -> list[CorpusFile]:
    """The corpus shipped inside the package (data/ in the source tree)."""
    folder = bundled_folder()
    return [
        CorpusFile(f"trilat_cli/data/{entry.name}", entry)
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(SUFFIXES)
    ]


def user_sources(paths: Iterable[str | Path]) -> tuple[list[CorpusFile], list[Problem]]:
    """Files named by the user, and the YAML files inside folders they name."""
    sources: list[CorpusFile] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(
                (p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file()), key=str
            )
            if not found:
                problems.append(Problem(str(path), message="folder holds no *.yaml or *.yml files"))
            sources += [CorpusFile(str(p), p) for p in found]
        elif path.exists():
            sources.append(CorpusFile(str(path), path))
        else:
            raise UsageProblem(f"corpus path '{given}' does not exist")
    return sources, problems


def read_bytes(source: CorpusFile) -> bytes | Problem:
    try:
        with source.file.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as error:
        return Problem(source.name, message=f"cannot read file: {error.strerror or error}")


def parse(source: CorpusFile, raw: bytes, use_cache: bool) -> Document | list[Problem]:
    """One file as a checked Document, or the problems that keep it from being one."""
    from .validate import Document, check_document

    name = cache.key(raw)
    data = cache.get(name) if use_cache else None
    if data is None:
        from .yamlfile import YamlProblem, decode
        from .yamlfile import parse as parse_yaml

        try:
            data = parse_yaml(decode(raw))
        except YamlProblem as problem:
            return [problem.at(source.name)]
        findings = check_document(data)
        if findings:
            return place(source.name, raw, findings)
        if use_cache:
            cache.put(name, data)
    return Document(source.name, data, raw)


def place(name: str, raw: bytes, findings: Sequence[Finding]) -> list[Problem]:
    """Problems with line and column, found again in the file's text."""
    from .yamlfile import compose, locate

    root = compose(raw.decode("utf-8-sig"))
    return [Problem(name, *locate(root, finding.path), finding.message) for finding in findings]


def where(document: Document, path: tuple[str | int, ...]) -> str:
    from .validate import Finding

    return str(place(document.name, document.raw, [Finding(path, "")])[0]).removesuffix(": ")


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
    whole set's records as rows, by the hashes of all its files in order; and the same rows
    by the files' stat stamps, so an unchanged set is not even read. An unchanged set skips
    parsing, checking and building, and never imports PyYAML or the validator.
    """
    sources, problems = user_sources(paths)
    if bundled:
        sources = bundled_sources() + sources
    stamp = stamp_key(sources) if use_cache and not problems else None
    if stamp:
        with collector_paused():
            rows = cache.get(stamp)
            if isinstance(rows, dict):
                return corpus_from_rows(rows)
    raws = [read_bytes(source) for source in sources]
    problems += [raw for raw in raws if isinstance(raw, Problem)]
    whole = cache.key(b"".join(cache.key(raw).encode() for raw in raws if isinstance(raw, bytes)))
    if use_cache and not problems:
        with collector_paused():
            rows = cache.get(whole)
            if isinstance(rows, dict):
                remember(stamp, rows)
                return corpus_from_rows(rows)
    from .validate import check_together

    documents = []
    for source, raw in zip(sources, raws, strict=True):
        if isinstance(raw, bytes):
            result = parse(source, raw, use_cache)
            if isinstance(result, list):
                problems += result
            else:
                documents.append(result)
    for placed in check_together(documents, where):
        problems += place(placed.document.name, placed.document.raw, [placed.finding])
    if problems:
        raise CorpusError(problems)
    corpus = build_corpus(document.data for document in documents)
    if use_cache:
        rows = {name: [as_row(r) for r in corpus.section(name).values()] for name in SECTIONS}
        cache.put(whole, rows)
        remember(stamp, rows)
    return corpus


SETTLED_NS = 2_000_000_000  # files younger than this may yet change within one timestamp tick


def stamp_key(sources: list[CorpusFile]) -> str | None:
    """A cache key from the files' stat stamps, when every file is a settled plain file.

    The stamp is path, size, modification and change times and inode; a file modified in
    the last two seconds gives no key (as git treats "racy" files), so an edit that keeps
    size and timestamps can never be served stale.
    """
    stamps = []
    now = time.time_ns()
    for source in sources:
        try:
            info = source.file.stat()
        except OSError:
            return None
        if now - max(info.st_mtime_ns, info.st_ctime_ns) < SETTLED_NS:
            return None
        stamps.append(
            (str(source.file), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
        )
    return cache.key(repr(stamps).encode())


def remember(stamp: str | None, rows: dict[str, Any]) -> None:
    if stamp:
        cache.put(stamp, rows)


def build_corpus(documents: Iterable[Data]) -> Corpus:
    """Typed, immutable records from documents that passed every check."""
    sections: dict[str, dict[str, Any]] = {section: {} for section in SECTIONS}
    for data in documents:
        for section, entries in data.items():
            for entry in entries:
                sections[section][entry["id"]] = build(SECTIONS[section], entry)
    return Corpus(**{name: MappingProxyType(entries) for name, entries in sections.items()})


def corpus_from_rows(rows: Mapping[str, list[tuple[Any, ...]]]) -> Corpus:
    """The corpus from the whole-set cache: every record's id is its first field."""
    return Corpus(
        **{
            name: MappingProxyType({row[0]: from_row(SECTIONS[name], row) for row in rows[name]})
            for name in SECTIONS
        }
    )
