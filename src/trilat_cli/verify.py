"""A report held against the text it was taken from: quotes word for word, and coverage.

A quote stands in the text when it appears there word for word, allowing only whitespace,
typographic quotes and dashes to differ; `...` in a quote marks an omission. Coverage asks
the converse: which sentences of the text's body no quote contains.

The body is the text without its headings, bylines and captions, by these rules:
- a line that does not end a sentence (with . ? or !, perhaps before a closing quote or
  bracket) is a heading, a dateline or a caption, such as "Image: Reuters"; so is a
  one-sentence line ending with a colon ("Flash points in the South Korea-Japan
  relationship:"), while a paragraph whose last sentence ends with one is body;
- a line that begins with an author's name is an author's note ("Daniel Aum is ...");
- a list marker (`1.`, `2)`) opening a line is not part of its first sentence;
- a sentence that is wholly a heading the corpus marks verbatim (`title_verbatim`), such as
  "1) Recognize uncertainties.", is a heading too.
A sentence counts as quoted when every letter and digit in it stands in some quote or
verbatim title; a sentence a quote takes only in part is listed as partly quoted.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from .corpus.evidence import WORD, find_pieces, normalised
from .corpus.limits import MAX_BYTES
from .errors import Problem, UsageProblem

if TYPE_CHECKING:
    from .corpus.model import Corpus
    from .corpus.validate import Finding

SENTENCE_END = re.compile(r"[.?!][\"')\]]?(?= +[\"'(\[]?[A-Z0-9])")
LINE_END = re.compile(r"[.?!][\"')\]]?$")
INITIAL = re.compile(r"(?:^|[\s.(])[A-Z]\.$")  # "M." in Patrick M. Cronin, "S." in U.S.
LIST_MARKER = re.compile(r"^\d{1,3}[.)] +")

# Each distinct quote (or title) is looked for once in its text, each search at worst a scan
# of the text: a report's quotes and titles times the text's characters may be at most this
# (about 1 s of scanning).
MAX_SCANNED = 1_000_000_000


class Sentence(NamedTuple):
    line: int  # 1-based line of the source text
    text: str  # normalised
    start: int  # offset in the normalised whole text
    end: int


class SourceText(NamedTuple):
    """A source text normalised as one string, with its body sentences and paragraphs (the
    body's lines, numbered from 1 as a reader counts them) located in it."""

    text: str
    sentences: tuple[Sentence, ...]
    paragraphs: tuple[tuple[int, int], ...] = ()  # (start, end) of each body paragraph

    def paragraph(self, offset: int) -> int | None:
        """The number of the body paragraph that holds this offset of the text, if any."""
        at = bisect.bisect_right(self.paragraphs, (offset, len(self.text)))
        if at and self.paragraphs[at - 1][0] <= offset < self.paragraphs[at - 1][1]:
            return at
        return None

    def locator(self, spans: Sequence[tuple[int, int]]) -> int | str | None:
        """The paragraph a quote found at `spans` stands in, as the corpus writes it: 4, or
        "7-8" when it spans paragraphs; None where it begins or ends outside the body."""
        first, last = self.paragraph(spans[0][0]), self.paragraph(spans[-1][1] - 1)
        if first is None or last is None:
            return None
        return first if first == last else f"{first}-{last}"


def is_body_line(line: str, authors: Sequence[str]) -> bool:
    ends = LINE_END.search(line) or (line.endswith(":") and len(split_sentences(line)) > 1)
    return bool(ends) and not any(line.startswith(author) for author in authors)


def split_sentences(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in a normalised line; initials do not end one."""
    spans, start = [], 0
    for match in SENTENCE_END.finditer(line):
        # the initial is looked for in the three characters that end here, not in the whole
        # line before them (which was quadratic on a text of one long line)
        if INITIAL.search(line, max(0, match.start() - 2), match.start() + 1):
            continue
        spans.append((start, match.end()))
        start = match.end() + 1
    spans.append((start, len(line)))
    return spans


def read_source(raw: str, authors: Sequence[str] = ()) -> SourceText:
    """The normalised text, and the sentences of its body by the rules above."""
    parts: list[str] = []
    sentences: list[Sentence] = []
    paragraphs: list[tuple[int, int]] = []
    offset = 0
    for number, original in enumerate(raw.splitlines(), start=1):
        line = normalised(original)
        if not line:
            continue
        if is_body_line(line, authors):
            paragraphs.append((offset, offset + len(line)))
            marker = LIST_MARKER.match(line)
            skip = marker.end() if marker else 0
            for start, end in split_sentences(line[skip:]):
                text = line[skip + start : skip + end]
                base = offset + skip
                sentences.append(Sentence(number, text, base + start, base + end))
        parts.append(line)
        offset += len(line) + 1
    return SourceText(" ".join(parts), tuple(sentences), tuple(paragraphs))


@cache
def find(quote: str, text: str) -> list[tuple[int, int]] | None:
    """Where the quote's pieces stand in the normalised text, or None if it does not."""
    return find_pieces(quote, text)


class Coverage(NamedTuple):
    quoted: tuple[Sentence, ...]
    partly: tuple[Sentence, ...]
    unquoted: tuple[Sentence, ...]

    @property
    def total(self) -> int:
        return len(self.quoted) + len(self.partly) + len(self.unquoted)

    @property
    def share(self) -> float:
        return len(self.quoted) / self.total if self.total else 1.0


def coverage(source: SourceText, quotes: Iterable[str], titles: Iterable[str] = ()) -> Coverage:
    """Which body sentences the quotes (and verbatim titles, for headings) take in full."""
    by_quotes = bytearray(len(source.text))
    by_titles = bytearray(len(source.text))
    for quote in quotes:
        for start, end in find(quote, source.text) or ():
            by_quotes[start:end] = b"\1" * (end - start)
    for title in titles:
        wanted = normalised(title)
        for match in re.finditer(re.escape(wanted), source.text) if wanted else ():
            by_titles[match.start() : match.end()] = b"\1" * (match.end() - match.start())
    quoted, partly, unquoted = [], [], []
    for sentence in source.sentences:
        positions = [
            sentence.start + index
            for index, character in enumerate(sentence.text)
            if WORD.match(character)
        ]
        if all(by_titles[at] for at in positions):
            continue  # a heading
        taken = [bool(by_quotes[at] or by_titles[at]) for at in positions]
        if all(taken):
            quoted.append(sentence)
        elif any(by_quotes[at] for at in positions):
            partly.append(sentence)
        else:
            unquoted.append(sentence)
    return Coverage(tuple(quoted), tuple(partly), tuple(unquoted))


class Checked(NamedTuple):
    """One report held against its source text."""

    report: str
    source: str  # the text's path, as given
    coverage: Coverage


def verify(
    corpus: Corpus, paths: Sequence[str | Path], texts: Sequence[tuple[str, str]]
) -> tuple[list[Checked], list[Problem], list[Problem]]:
    """Each (report, file) in `texts`: quotes and verbatim titles not in the file (problems),
    quotes that do not give their paragraph (notes, with the number), and coverage.

    `corpus` is what `paths` (and the bundled corpus) loaded to; the files are read again to
    place each missing quote at its file:line:column.
    """
    from .corpus.load import Problems, file_items
    from .query import resolve_report

    sources: dict[str, tuple[str, SourceText]] = {}
    for given, file in texts:
        report = resolve_report(corpus, given)
        source = read_source(read_text(file), corpus.reports[report].authors)
        items = corpus.items_of(report)
        searched = {text for item in items for text in (*(q.text for q in item.quotes), item.title)}
        if len(searched) * len(source.text) > MAX_SCANNED:
            raise UsageProblem(
                f"{report} has {len(searched):,} quotes and titles, and '{file}' "
                f"{len(source.text):,} characters: too many to hold against each other "
                f"(at most {MAX_SCANNED:,} quotes times characters)"
            )
        sources[report] = (file, source)
    problems, notes = Problems(), Problems()
    for place, index, entry in file_items(paths):
        if entry["report"] in sources:
            for finding in missing(entry, index, *sources[entry["report"]]):
                (notes if finding.harmless else problems).add(partial(place, finding))
    checked = []
    for report, (file, source) in sources.items():
        items = corpus.items_of(report)
        quotes = [quote.text for item in items for quote in item.quotes]
        titles = [item.title for item in items if item.title_verbatim]
        checked.append(Checked(report, file, coverage(source, quotes, titles)))
    return checked, problems.kept, notes.kept


def read_text(file: str, what: str = "source text") -> str:
    """A plain UTF-8 file (a source text, a bibliography) no larger than a corpus file may be."""
    import stat

    path = Path(file)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device never end
            raise UsageProblem(f"{what} '{file}' is not a plain file")
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise UsageProblem(f"{what} '{file}' is over {MAX_BYTES:,} bytes")
        return raw.decode("utf-8-sig")
    except FileNotFoundError:
        raise UsageProblem(f"{what} '{file}' does not exist") from None
    except (OSError, ValueError) as error:  # a name too long, a NUL byte, bytes not UTF-8
        reason = getattr(error, "strerror", None) or str(error)
        raise UsageProblem(f"cannot read {what} '{file}': {reason}") from None


def missing(entry: Mapping[str, Any], index: int, file: str, source: SourceText) -> list[Finding]:
    """Findings for an item's quotes (and verbatim title) that do not stand in the text, or
    name the wrong paragraph; a harmless one for a quote that names none."""
    from .corpus.validate import Finding

    findings = []
    for number, quote in enumerate(entry["quotes"]):
        bare = isinstance(quote, str)
        text, para = (quote, None) if bare else (quote["text"], quote["para"])
        path = ("items", index, "quotes", number)
        spans = find(text, source.text)
        if spans is None:
            where = path if bare else (*path, "text")
            findings.append(Finding(where, f"quote not found word for word in {file}"))
        elif para is None and (stands := source.locator(spans)):
            note = f"quote gives no para; it stands in paragraph {stands} of {file}"
            findings.append(Finding(path, note, harmless=True))
        elif para is not None and str(para) != str(stands := source.locator(spans)):
            findings.append(
                Finding(
                    (*path, "para"),
                    f"quote stands in paragraph {stands} of {file}, not {para}"
                    if stands
                    else f"quote is not in a body paragraph of {file}, so it has no para",
                )
            )
    if entry.get("title_verbatim") and not re.search(
        re.escape(normalised(entry["title"])), source.text
    ):
        findings.append(
            Finding(("items", index, "title"), f"title marked verbatim is not in {file}")
        )
    return findings
