"""Finding, reading and assembling corpus files: the bundled corpus plus the user's own."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from . import cache
from .errors import CorpusError, Problem, UsageProblem
from .model import Corpus
from .validate import Document, Finding, build_corpus, check_document, check_together

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Source:
    """A corpus file: how to name it in messages, and where to read it."""

    name: str
    file: Traversable | Path


def bundled_sources() -> list[Source]:
    """The corpus shipped inside the package (data/ in the source tree)."""
    folder = files("trilat_cli") / "data"
    return [
        Source(f"trilat_cli/data/{entry.name}", entry)
        for entry in sorted(folder.iterdir(), key=lambda entry: entry.name)
        if entry.name.endswith(SUFFIXES)
    ]


def user_sources(paths: Iterable[str | Path]) -> tuple[list[Source], list[Problem]]:
    """Files named by the user, and the YAML files inside folders they name."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not found:
                problems.append(Problem(str(path), message="folder holds no *.yaml or *.yml files"))
            sources += [Source(str(p), p) for p in found]
        elif path.exists():
            sources.append(Source(str(path), path))
        else:
            raise UsageProblem(f"corpus path '{given}' does not exist")
    return sources, problems


def read(source: Source, use_cache: bool) -> Document | list[Problem]:
    """One file as a checked Document, or the problems that keep it from being one."""
    try:
        with source.file.open("rb") as handle:
            from .yamlfile import MAX_BYTES

            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        return [Problem(source.name, message=f"cannot read file: {error.strerror or error}")]
    name = cache.key(raw)
    data = cache.get(name) if use_cache else None
    if data is None:
        from .yamlfile import YamlProblem, decode, parse

        try:
            data = parse(decode(raw))
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
    return str(place(document.name, document.raw, [Finding(path, "")])[0]).removesuffix(": ")


def load(
    paths: Iterable[str | Path] = (), *, use_cache: bool = True, bundled: bool = True
) -> Corpus:
    """The bundled corpus plus the user's files, checked as a whole; CorpusError lists every problem."""
    sources, problems = user_sources(paths)
    if bundled:
        sources = bundled_sources() + sources
    documents = []
    for source in sources:
        result = read(source, use_cache)
        if isinstance(result, Document):
            documents.append(result)
        else:
            problems += result
    for placed in check_together(documents, where):
        problems += place(placed.document.name, placed.document.raw, [placed.finding])
    if problems:
        raise CorpusError(problems)
    return build_corpus(documents)
