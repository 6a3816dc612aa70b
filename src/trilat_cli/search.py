"""Full-text search over items: whole words by stem, phrases, the names people use, BM25.

The engine is SQLite's FTS5 from the standard library: its Porter tokenizer matches words
by stem, case- and accent-insensitively; its bm25() ranks with a weight for each field.
(bench/README.md compares it with the Snowball stemmer on the labelled query set.) The
index is kept in trilat's cache under a hash of the text it holds and of this module, so it
can never serve text that the files no longer say; without a cache it is built in memory.

Before indexing, British spellings are folded into American ones and dotted acronyms
closed up (U.S. -> US). The folding keeps every character where it was, so the places
FTS5 marks in the folded text are the places to mark in the text as written.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .corpus.model import Corpus, Item, normalise
from .errors import NothingToSearch
from .query import NO_FILTERS, Filters, actor_names, select

if TYPE_CHECKING:
    import sqlite3

COLUMNS = ("title", "quotes", "summary", "names")
GAP = " qxjgapqxj "  # a token between two passages of one column: no phrase spans them
OPEN, CLOSE = "\x02", "\x03"  # FTS5 marks matches with these; folded text never has them
SNIPPET = 240  # characters of a long passage shown around its first match


class Match(NamedTuple):
    """A passage that matched: its field, its text as written, and the spans matched."""

    field: str
    text: str
    marks: tuple[tuple[int, int], ...]


class Found(NamedTuple):
    """An open index, the query run on it and its hits' rowids, best first.

    Each hit's marks are fetched when first asked for, with those of the hits after it:
    32 at first, then as many again as already fetched. Twenty hits shown cost one small
    query; ten thousand, a dozen.
    """

    corpus: Corpus
    database: sqlite3.Connection
    query: str
    order: list[int]
    marked: dict[int, tuple[str, ...]]

    def matches(self, rowid: int, item: Item) -> tuple[Match, ...]:
        """The passages of a hit that matched: quotes first, then title, summary, names."""
        if rowid not in self.marked:
            start = self.order.index(rowid)
            batch = self.order[start : start + max(32, len(self.marked))]
            # One pass of the query; highlight() only for the batch (FTS5 would run the whole
            # query again for each rowid of "rowid IN (...)").
            wanted = f"rowid IN ({', '.join('?' * len(batch))})"
            highlights = ", ".join(
                f"CASE WHEN {wanted} THEN highlight(items, {n}, '{OPEN}', '{CLOSE}') END"
                for n in range(len(COLUMNS))
            )
            rows = self.database.execute(
                f"SELECT rowid, {wanted}, {highlights} FROM items WHERE items MATCH ?",
                (*batch * (len(COLUMNS) + 1), self.query),
            )
            self.marked.update((row[0], tuple(row[2:])) for row in rows if row[1])
        document = passages(self.corpus, item)
        found = {
            c: list(matches_in(document[c], m))
            for c, m in zip(COLUMNS, self.marked[rowid], strict=True)
        }
        ordered = found["quotes"] + found["title"] + found["summary"] + found["names"]
        return tuple(map(excerpt, ordered))


class Hit(NamedTuple):
    item: Item
    score: int  # relevance, as a percentage of the best hit's
    rowid: int
    found: Found

    @property
    def matches(self) -> tuple[Match, ...]:
        """Worked out when asked for, so that only the hits shown pay for them."""
        return self.found.matches(self.rowid, self.item)


class Term(NamedTuple):
    """One element of a query: a word or a phrase, each of whose words must appear."""

    text: str
    prefix: bool = False


# What fold() changes, each replacement as long as what it replaces. British spelling to
# American; dotted acronyms closed up; and, as Porter makes "use" and "using" into "us" but
# leaves two-letter words alone, a two-letter word's last letter made full-width, so US,
# NK or AI meet only themselves. (One pattern, each branch led by \b or a letter: fast.)
FOLDABLE = re.compile(  # case spelt out: IGNORECASE would cost 0.3 MB and 1 ms at start-up
    r"(?P<word>\b(?:(?i:defen|offen|preten|licen|cent|theat|fib|met|lit)[cCrR][eE](?=[sS]?\b)"
    r"|[A-Za-z](?:[A-Za-z]\b|\.(?:[A-Za-z]\.)+)))"
    r"|(?P<ize>[iIyY][sS])(?<=[A-Za-z]{4})(?=(?i:e|es|ed|ing|er|ers|ation|ations)\b)"
    r"|(?P<our>[oO](?<=[A-Za-z]{3})[uU][rR](?i:s|ed|ing|ite|ites|able|ably|er|ers|ful|al)?\b)"
)
WORD_AS_WRITTEN = re.compile(r"(?:\w\.){2,}|\w+")


@cache
def folded(text: str, kind: str) -> str:
    if kind == "ize":
        return text[0] + "z"
    if kind == "our":
        return "o" + text[2:] + " "  # colour -> color + a space
    if "." in text:  # U.S. -> US + two spaces, U.S.A. -> USA + three
        letters = text.replace(".", "")
        return (folded(letters, kind) if len(letters) == 2 else letters).ljust(len(text))
    if len(text) == 2:
        return text[0] + chr(ord(text[1].lower()) + 0xFEE0)
    return text[:-2] + ("se" if text[-2:].lower() == "ce" else "er")  # defence, centre


def fold(text: str) -> str:
    """Text as indexed: American spelling, acronyms closed up, every character in place."""
    text = text.replace(OPEN, " ").replace(CLOSE, " ")
    return FOLDABLE.sub(lambda match: folded(match[0], match.lastgroup or ""), text)


class Engine(NamedTuple):
    """How text becomes terms, and what each column weighs (bench/ tries other engines)."""

    tokenizer: str = "porter unicode61 remove_diacritics 2"
    analyse: Callable[[str], str] = fold
    # Title and verbatim heading, then quotes, then the editors' summary, then names.
    weights: tuple[float, ...] = (16.0, 4.0, 2.0, 1.0)


PORTER = Engine()


def passages(corpus: Corpus, item: Item) -> dict[str, list[tuple[str, str]]]:
    """Each indexed column of an item: its passages, each with the field it comes from."""
    # Most telling first, as the first name matched is the one a table shows.
    names = [("also_known_as", name) for name in item.also_known_as]
    for event_id in item.events:
        event = corpus.events[event_id]
        names += [("events", name) for name in (event.label, *event.also_known_as)]
    for theme_id in item.themes:
        theme = corpus.themes[theme_id]
        names += [("themes", name) for name in (theme.name, *theme.also_known_as)]
    # An actor's name only: a query word that is one of its aliases stands for all of them.
    names += [("actors", corpus.actors[actor].name) for actor in item.actors]
    names.append(("id", item.id))
    return {
        "title": [("title", item.title)],
        "quotes": [("quotes", quote) for quote in item.quotes],
        "summary": [("summary", item.summary)],
        "names": names,
    }


def parse(arguments: Sequence[str]) -> list[Term]:
    """The terms of a query as typed: "quoted phrases", word* prefixes, bare words.

    An argument with a space in it is a phrase: it is what the shell passes for a quoted one.
    A word joined by hyphens or apostrophes (burden-sharing, Korea's) is a phrase too.
    """
    terms = []
    for argument in arguments:
        phrase = '"' not in argument and " " in argument.strip()
        for n, part in enumerate(f'"{argument}"'.split('"') if phrase else argument.split('"')):
            pieces = [part] if n % 2 else part.split()
            for piece in pieces:
                prefix = not n % 2 and piece.endswith("*")
                text = " ".join(piece.rstrip("*").split())
                if re.search(r"[^\W_]", text):
                    terms.append(Term(text, prefix))
    if not terms:
        raise NothingToSearch()
    return terms


def expression(term: Term, actors: dict[str, str], analyse: Callable[[str], str]) -> str:
    """A term in FTS5's query language; an actor's alias also finds the actor's name.

    Only the name, not every alias: BM25 weighs each alternative by its own rarity, so a
    rare alias (Pyongyang) would outrank the name itself (North Korea) in every item.
    """

    def quoted(text: str) -> str:
        return '"' + analyse(text).replace('"', " ") + '"'

    if term.prefix:
        return quoted(term.text) + "*"
    name = actors.get(normalise(term.text))
    names = (
        [term.text]
        if name is None or normalise(name) == normalise(term.text)
        else [term.text, name]
    )
    return "(" + " OR ".join(map(quoted, names)) + ")"


def actor_aliases(corpus: Corpus) -> dict[str, str]:
    """Every normalised name, id and alias of an actor -> the actor's name."""
    return {name: corpus.actors[actor].name for name, actor in actor_names(corpus).items()}


def fill(database: sqlite3.Connection, columns: list[list[str]], engine: Engine) -> None:
    """An FTS5 table with one row per item (rowid = position + 1), its text as analysed."""
    database.execute(
        f"CREATE VIRTUAL TABLE items USING fts5({', '.join(COLUMNS)}, "
        f"tokenize='{engine.tokenizer}')"
    )
    database.executemany(
        f"INSERT INTO items VALUES ({', '.join('?' * len(COLUMNS))})",
        ([engine.analyse(text) for text in row] for row in columns),
    )
    database.commit()


def fingerprint(corpus: Corpus, engine: Engine) -> bytes:
    """What an index is made from: every item, actor, theme and event, the engine, this code."""
    records = [
        [tuple(dict(v) if isinstance(v, Mapping) else v for v in record) for record in records]
        for records in (
            corpus.items.values(),
            corpus.actors.values(),
            corpus.themes.values(),
            corpus.events.values(),
        )
    ]
    code = Path(__file__).stat()
    recipe = (engine.tokenizer, engine.analyse.__qualname__, code.st_size, code.st_mtime_ns)
    return marshal.dumps((records, recipe))


def columns(corpus: Corpus) -> list[list[str]]:
    """Each item's text, column by column, its passages joined by GAP."""
    return [
        [GAP.join(text for _, text in document[c]) for c in COLUMNS]
        for document in (passages(corpus, item) for item in corpus.items.values())
    ]


def cached_index(corpus: Corpus, engine: Engine) -> sqlite3.Connection | None:
    """The corpus's index from the cache, built there first if need be.

    It is named by a hash of its fingerprint(): an edited corpus or a new fold() gets a new
    index, never a stale one. None when there is no cache to use.
    """
    import sqlite3

    from .corpus import cache

    folder = cache.directory()
    if folder is None:
        return None
    try:
        digest = cache.key(fingerprint(corpus, engine))
    except ValueError:  # a value marshal cannot write: no index to keep
        return None
    path = (folder / f"search-{digest}.sqlite").resolve()
    for _ in range(2):  # a damaged index is removed and built again, once
        try:
            if not path.exists():
                build(path, columns(corpus), engine)
            database = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        except (OSError, sqlite3.Error):
            return None
        try:
            database.execute("SELECT rowid FROM items LIMIT 1").fetchall()
            return database
        except sqlite3.DatabaseError:
            database.close()
            with contextlib.suppress(OSError):
                path.unlink()
    return None


def build(path: Path, columns: list[list[str]], engine: Engine) -> None:
    """Write the index to a temporary file beside `path`, then move it into place."""
    import sqlite3
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    os.close(handle)
    temporary = Path(name)
    try:
        database = sqlite3.connect(temporary)
        try:
            fill(database, columns, engine)
        finally:
            database.close()
        temporary.replace(path)
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def index(corpus: Corpus, engine: Engine, use_cache: bool) -> sqlite3.Connection:
    """The FTS5 index of every item: from the cache if allowed and possible, else in memory."""
    import sqlite3

    database = cached_index(corpus, engine) if use_cache else None
    if database is None:
        database = sqlite3.connect(":memory:")
        fill(database, columns(corpus), engine)
    return database


def spans(marked: str) -> Iterator[tuple[int, int]]:
    """Where FTS5's highlight() put its marks, as offsets into the text without them."""
    position, start = 0, 0
    for piece in re.split(f"([{OPEN}{CLOSE}])", marked):
        if piece == OPEN:
            start = position
        elif piece == CLOSE:
            yield start, position
        else:
            position += len(piece)


def matches_in(column: list[tuple[str, str]], marked: str) -> Iterator[Match]:
    """The passages of one column that hold a mark, the marks widened to whole words."""
    found = list(spans(marked))
    offset = 0
    for field, text in column:
        marks = []
        for start, end in found:
            if offset <= start < offset + len(text):
                word = WORD_AS_WRITTEN.match(text, start - offset)
                marks.append((start - offset, max(end - offset, word.end() if word else 0)))
        if marks:
            yield Match(field, text, tuple(marks))
        offset += len(text) + len(GAP)


def excerpt(match: Match) -> Match:
    """A long passage cut to about SNIPPET characters around its first match."""
    text = match.text
    if len(text) <= SNIPPET:
        return match
    first = match.marks[0][0]
    start = max(0, text.rfind(" ", 0, max(0, first - SNIPPET // 3)) + 1)
    end = text.find(" ", start + SNIPPET)
    end = len(text) if end < 0 else end
    lead, tail = ("\u2026" if start else ""), ("\u2026" if end < len(text) else "")
    shift = len(lead) - start
    marks = tuple((a + shift, b + shift) for a, b in match.marks if start <= a and b <= end)
    return Match(match.field, lead + text[start:end] + tail, marks)


def search(
    corpus: Corpus,
    arguments: Sequence[str],
    filters: Filters = NO_FILTERS,
    engine: Engine = PORTER,
    use_cache: bool = False,
    database: sqlite3.Connection | None = None,
) -> list[Hit]:
    """Items that hold every term of the query, best first, each with the passages matched.

    `use_cache` keeps the index in trilat's cache for the next search of the same corpus;
    `database` is an index already open (from `index()`), for one search after another.
    """
    terms = parse(arguments)
    # The index holds every item, so that one index serves every filter and scores agree.
    items = list(corpus.items.values())
    wanted = {item.id for item in select(corpus, filters)}
    actors = actor_aliases(corpus)
    query = " AND ".join(expression(term, actors, engine.analyse) for term in terms)
    weights = ", ".join(map(str, engine.weights))
    database = database or index(corpus, engine, use_cache)
    rows = [
        (rowid, rank)
        for rowid, rank in database.execute(
            f"SELECT rowid, bm25(items, {weights}) FROM items WHERE items MATCH ? "
            "ORDER BY 2, rowid",
            (query,),
        )
        if items[rowid - 1].id in wanted
    ]
    if not rows:
        return []
    best = rows[0][1] or -1.0
    found = Found(corpus, database, query, [rowid for rowid, _ in rows], {})
    return [Hit(items[rowid - 1], round(100 * rank / best), rowid, found) for rowid, rank in rows]


def nearest_words(corpus: Corpus, arguments: Sequence[str]) -> list[str]:
    """Words of the corpus close to query words it does not hold: did you mean ...?"""
    import difflib

    vocabulary = {
        word.casefold()
        for item in corpus.items.values()
        for column in passages(corpus, item).values()
        for _, text in column
        for word in re.findall(r"[^\W\d_]{2,}", text)
    }
    suggestions: list[str] = []
    for term in parse(arguments):
        for word in re.findall(r"[^\W\d_]+", term.text.casefold()):
            if word not in vocabulary:
                close = difflib.get_close_matches(word, vocabulary, n=3, cutoff=0.8)
                suggestions += [w for w in close if w not in suggestions]
    return suggestions
