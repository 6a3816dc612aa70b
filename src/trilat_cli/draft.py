"""A plain text drafted as a corpus file: its passages as items, quoted exactly, with codes a
program suggests and a person accepts.

A passage is one body paragraph of the text (by verify's rules: the same paragraphs and
sentences that `validate --source` counts), and each of its sentences is one quote with its
paragraph number, so a draft quotes every body sentence. A heading (a short line that is
not body: no final full stop, and no year, as a dateline has) is the verbatim title of the
passage that follows it; every other title, and every summary, is UNWRITTEN until a person
writes one.

Suggested codes carry `suggested: true` (the kind: `kind_suggested: true`), each with the
words that suggested it as evidence:
- an actor where a quote names it by its name or an alias (case as the codebook writes it,
  whole words), or by a word that begins with its name ("Japanese", "Americans"); its role
  is `by` where a modal or the start of the sentence makes it the one acting, else
  `involves`;
- a theme where a quote meets one of its cue words or names it (its name, `also_known_as`);
- a kind where a quote meets its rule's cue words in the codebook: the kind whose cues the
  passage meets most, else context (whose rule needs no words).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .corpus.evidence import cue_pattern, normalised
from .errors import UsageProblem
from .verify import LIST_MARKER, is_body_line, split_sentences

if TYPE_CHECKING:
    from .corpus.model import Corpus

UNWRITTEN = "(not written yet: a draft)"
FAMILIES = ("actors", "themes", "kinds")
HEADING_WORDS = 12  # a longer line that is not body is a caption or a dateline, not a heading
YEAR = re.compile(r"(?<!\d)[12]\d{3}(?!\d)")  # "March 14, 2026": a dateline, not a heading
ACTING = re.compile(r"^\W*(?:\w+\W+){0,2}?(?:should|must|can|could|will|would|need|needs)\b")
TRILATERAL = ("us", "japan", "south-korea")
GROUP = re.compile(r"(?<!\w)(?:[Aa]ll three|[Tt]he three)(?: (?:countries|nations|allies))?(?!\w)")
NAME_CASE_FREE = 4  # names this long match in any case; shorter aliases (US, ROK) as written


class DraftText(UsageProblem):
    """A text that cannot be drafted: the data is wrong, so exit 1, not 2."""

    exit_code = 1


class Passage(NamedTuple):
    para: int
    sentences: tuple[str, ...]  # as the text has them, whitespace collapsed
    heading: str | None  # the heading just before it, verbatim


def passages(raw: str, authors: Sequence[str] = ()) -> list[Passage]:
    """The text's body paragraphs, numbered as verify numbers them, with their sentences."""
    found: list[Passage] = []
    heading = None
    for original in raw.splitlines():
        line = " ".join(original.split())
        plain = normalised(line)  # one for one with `line`: only typography differs
        if not plain:
            continue
        if not is_body_line(plain, authors):
            short = len(plain.split()) <= HEADING_WORDS and not plain.endswith(".")
            short = short and not YEAR.search(plain)
            heading = line if short else heading
            continue
        marker = LIST_MARKER.match(plain)
        skip = marker.end() if marker else 0
        sentences = tuple(
            line[skip + start : skip + end].strip()
            for start, end in split_sentences(plain[skip:])
            if line[skip + start : skip + end].strip()
        )
        found.append(Passage(len(found) + 1, sentences, heading))
        heading = None
    return found


class Suggester:
    """The codebook's names and cue words compiled once, for any number of passages."""

    def __init__(self, corpus: Corpus) -> None:
        names = [
            (actor.id, name_pattern(name))
            for actor in corpus.actors.values()
            for name in (actor.name, *actor.aliases)
        ]
        # "Korean", "Koreans": the last word of a name of two or more words as an adjective or
        # a people, for the first actor with it (South Korea; "North Korean" is matched whole
        # first, as the longer name).
        people: dict[str, str] = {}
        for actor in corpus.actors.values():
            *first, last = actor.name.split()
            if first and len(last) >= NAME_CASE_FREE:
                people.setdefault(last, actor.id)
        names += [
            (actor, re.compile(rf"(?<![\w.]){re.escape(last)}\w+"))
            for last, actor in people.items()
        ]
        # Longest names first, so "North Korea" is not also "Korea" of South Korea.
        self.names = sorted(names, key=lambda pair: -len(pair[1].pattern))
        self.order = list(corpus.actors)
        # The three of the trilateral, where an item names them as a group ("all three").
        self.group = [actor for actor in TRILATERAL if actor in corpus.actors]
        self.themes = [
            (theme.id, Cues((*theme.include_cues, theme.name, *theme.also_known_as)))
            for theme in corpus.themes.values()
        ]
        self.kinds = [(kind.id, Cues(kind.include_cues)) for kind in corpus.kinds.values()]
        self.fallback = next(
            (kind.id for kind in corpus.kinds.values() if kind.without_evidence), "context"
        )

    def actor_codes(self, quotes: Sequence[str]) -> dict[str, dict[str, Any]]:
        codes: dict[str, dict[str, Any]] = {}
        taken = [bytearray(len(quote)) for quote in quotes]  # words an actor has named already
        for actor, pattern in self.names:
            for quote, mask in zip(quotes, taken, strict=True):
                for match in pattern.finditer(quote):
                    if any(mask[match.start() : match.end()]):
                        continue
                    mask[match.start() : match.end()] = b"\1" * (match.end() - match.start())
                    named(codes, [actor], quote, match)
        for quote in quotes:
            for match in GROUP.finditer(quote):
                named(codes, self.group, quote, match)
        return {actor: marked(codes[actor]) for actor in self.order if actor in codes}

    def theme_codes(self, quotes: Sequence[Read]) -> dict[str, dict[str, Any]]:
        codes = {}
        for theme, pattern in self.themes:
            words = matches(pattern, quotes)
            if words:
                codes[theme] = marked({"evidence": words})
        return codes

    def kind(self, quotes: Sequence[Read]) -> tuple[str, list[str]]:
        """The kind whose cue words the quotes meet most, a word that is a cue of several
        kinds ("could": risk and recommendation) counting as a share of one."""
        found = [(kind, matches(cues, quotes)) for kind, cues in self.kinds]
        shared = Counter(word.casefold() for _, words in found for word in words)
        best, evidence, score = self.fallback, list[str](), 0.0
        for kind, words in found:
            weight = sum(1 / shared[word.casefold()] for word in words)
            if weight > score:
                best, evidence, score = kind, words, weight
        return best, evidence


def named(
    codes: dict[str, dict[str, Any]], actors: Sequence[str], quote: str, match: re.Match[str]
) -> None:
    """Actors a quote names at `match`: its words their evidence; `by` where the name opens
    the sentence or a modal follows it ("The United States should"), else `involves`."""
    acting = match.start() == 0 or ACTING.match(quote[match.end() :])
    for actor in actors:
        code = codes.setdefault(actor, {"role": "involves", "evidence": []})
        if match.group() not in code["evidence"]:
            code["evidence"].append(match.group())
        code["role"] = "by" if acting else code["role"]


def name_pattern(name: str) -> re.Pattern[str]:
    """A name as a whole word, or the start of one ("Japan" in "Japanese"); a short alias
    (US, ROK) only in the case the codebook writes it, so "us" is no country."""
    flags = re.IGNORECASE if len(name) >= NAME_CASE_FREE and not name.isupper() else 0
    ending = r"\w*" if len(name) >= NAME_CASE_FREE and name[-1].isalpha() else ""
    return re.compile(rf"(?<![\w.]){re.escape(name)}{ending}(?!\w)", flags)


WORD = re.compile(r"\w+")


class Cues:
    """One rule's cue words, indexed by their first word: a quote is searched only for the
    cues whose first word it holds, so drafting stays linear in the text, however many cues."""

    def __init__(self, cues: Iterable[str]) -> None:
        self.exact: dict[str, list[re.Pattern[str]]] = {}
        self.prefix: dict[str, list[re.Pattern[str]]] = {}  # a one-word cue with a final *
        for cue in cues:
            words = WORD.findall(normalised(cue).casefold())
            if not words:
                continue
            pattern = re.compile(cue_pattern(cue), re.IGNORECASE)
            open_end = len(words) == 1 and cue.rstrip().endswith("*")
            (self.prefix if open_end else self.exact).setdefault(words[0], []).append(pattern)
        self.lengths = sorted({len(stem) for stem in self.prefix})

    def candidates(self, words: set[str]) -> list[re.Pattern[str]]:
        found = [pattern for word in words & self.exact.keys() for pattern in self.exact[word]]
        for length in self.lengths:
            stems = {word[:length] for word in words} & self.prefix.keys()
            found += [pattern for stem in stems for pattern in self.prefix[stem]]
        return found


class Read(NamedTuple):
    """A quote read once for every rule: as written, normalised, and its words."""

    text: str
    plain: str  # one for one with `text`: its whitespace is collapsed already
    words: set[str]


def read(quotes: Sequence[str]) -> list[Read]:
    plains = [normalised(quote) for quote in quotes]
    return [
        Read(q, p, set(WORD.findall(p.casefold()))) for q, p in zip(quotes, plains, strict=True)
    ]


def matches(cues: Cues, quotes: Sequence[Read]) -> list[str]:
    """The words of the quotes that the cues meet, each once, in the quotes' own spelling."""
    found: list[tuple[int, int, str]] = []
    for number, quote in enumerate(quotes):
        for pattern in cues.candidates(quote.words):
            found += [
                (number, hit.start(), quote.text[hit.start() : hit.end()])
                for hit in pattern.finditer(quote.plain)
            ]
    return list(dict.fromkeys(words for _, _, words in sorted(found)))


def marked(code: dict[str, Any]) -> dict[str, Any]:
    words = code["evidence"]
    return {**code, "evidence": words[0] if len(words) == 1 else words, "suggested": True}


def draft(raw: str, report: Mapping[str, Any], corpus: Corpus) -> dict[str, list[Any]]:
    """The corpus file drafted from a text: its report record and one item per passage."""
    found = passages(raw, report["authors"])
    if not found:
        raise DraftText("the text has no sentence to quote: no line of it ends a sentence")
    suggester = Suggester(corpus)
    width = len(str(len(found)))
    items = []
    for passage in found:
        quotes = list(passage.sentences)
        once = read(quotes)
        kind, kind_words = suggester.kind(once)
        item: dict[str, Any] = {"id": f"{report['id']}-p{passage.para:0{width}d}"}
        item |= {"report": report["id"], "kind": kind}
        if kind_words:
            item["kind_evidence"] = kind_words[0] if len(kind_words) == 1 else kind_words
        item["kind_suggested"] = True
        item["title"] = passage.heading or UNWRITTEN
        if passage.heading:
            item["title_verbatim"] = True
        item["summary"] = UNWRITTEN
        item["quotes"] = [{"para": passage.para, "text": text} for text in quotes]
        item["actors"] = suggester.actor_codes(quotes)
        item["themes"] = suggester.theme_codes(once)
        items.append(item)
    return {"reports": [{**report, "summary": UNWRITTEN}], "items": items}


def accept(data: Mapping[str, Any], family: str) -> tuple[dict[str, Any], int]:
    """The file's data with every suggestion of one family accepted (its marker deleted), and
    how many were accepted."""
    accepted = 0
    items = []
    for entry in data.get("items") or []:
        item = dict(entry)
        if family == "kinds" and item.pop("kind_suggested", False):
            accepted += 1
        elif family != "kinds" and isinstance(item.get(family), Mapping):
            codes = {}
            for key, code in item[family].items():
                suggested = isinstance(code, Mapping) and code.get("suggested")
                accepted += bool(suggested)
                codes[key] = (
                    {name: value for name, value in code.items() if name != "suggested"}
                    if suggested
                    else code
                )
            item[family] = codes
        items.append(item)
    return {**data, "items": items}, accepted


class Unfinished(NamedTuple):
    """What is still a program's or still blank in a set of items."""

    suggested: dict[str, int]  # codes not yet accepted, by family
    titles: int  # titles still UNWRITTEN
    summaries: int

    def lines(self) -> Iterator[str]:
        if any(self.suggested.values()):
            counts = ", ".join(f"{count} {family}" for family, count in self.suggested.items())
            yield f"suggested, not yet accepted: {counts} (trilat draft --accept FAMILY FILE)"
        if self.titles or self.summaries:
            yield (
                f"not written yet: {self.titles} title{'s' * (self.titles != 1)}, "
                f"{self.summaries} summar{'ies' if self.summaries != 1 else 'y'}"
            )


def unfinished(corpus: Corpus) -> Unfinished:
    items = list(corpus.items.values())
    return Unfinished(
        {
            "actors": sum(code.suggested for item in items for code in item.actors.values()),
            "themes": sum(code.suggested for item in items for code in item.themes.values()),
            "kinds": sum(item.kind_suggested for item in items),
        },
        sum(item.title == UNWRITTEN for item in items),
        sum(item.summary == UNWRITTEN for item in items)
        + sum(report.summary == UNWRITTEN for report in corpus.reports.values()),
    )


def read_text(given: str) -> str:
    """The text to draft, from a file or stdin ('-'): UTF-8, not binary, not empty."""
    import sys
    from pathlib import Path

    from .corpus.limits import MAX_BYTES
    from .corpus.load import shown_path

    name = "stdin" if given == "-" else f"'{shown_path(given)}'"
    try:
        if given == "-":
            raw = sys.stdin.buffer.read(MAX_BYTES + 1)
        else:
            path = Path(given)
            if not path.is_file():
                missing = "does not exist" if not path.exists() else "is not a plain file"
                raise UsageProblem(f"text {name} {missing}")
            with path.open("rb") as handle:
                raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise UsageProblem(f"cannot read text {name}: {error.strerror or error}") from None
    if len(raw) > MAX_BYTES:
        raise DraftText(f"text {name} is over {MAX_BYTES:,} bytes")
    if b"\0" in raw:
        raise DraftText(f"text {name} is a binary file, not plain text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DraftText(
            f"text {name} is not UTF-8 (byte {raw[error.start]:#04x} at offset "
            f"{error.start}); save it as UTF-8"
        ) from None
    if not text.strip():
        raise DraftText(f"text {name} is empty")
    return text


def report_record(given: Mapping[str, str | None], authors: Sequence[str]) -> dict[str, Any]:
    """The report record from the options, each value checked as a corpus file checks it; the
    year is the date's, never a value of its own."""
    from .corpus.fields import specs_by_name
    from .corpus.model import Report
    from .corpus.validate import check_value

    missing = [f"--{name}" for name, value in given.items() if value is None]
    missing += [] if authors else ["--author"]
    if missing:
        raise UsageProblem(f"a draft needs {', '.join(missing)} for its report record")
    specs = specs_by_name(Report)
    date = str(given["date"])
    record: dict[str, Any] = {**given, "authors": list(authors)}
    for name, value in record.items():
        problem = next(check_value(specs[name], value, ()), None)
        if problem:
            raise UsageProblem(f"--{name.removesuffix('s')}: {problem.text()}")
    record["year"] = int(date[:4])
    return {name: record[name] for name in specs if name in record}


def accepted_data(file: str) -> Any:
    """A drafted file's data, to accept suggestions in: a file of the user's that loads (the
    bundled corpus is never rewritten)."""
    from pathlib import Path

    from .corpus.load import bundled_folder, load, shown_path
    from .corpus.yamlfile import compose, decode, plain

    path = Path(file)
    if path.is_file() and any(path.samefile(other) for other in bundled_folder().iterdir()):
        raise UsageProblem(f"'{shown_path(file)}' is a bundled corpus file; trilat never writes it")
    load([path], use_cache=False)  # every problem of the file, as validate reports it
    return plain(compose(decode(path.read_bytes())))
