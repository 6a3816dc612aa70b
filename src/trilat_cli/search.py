"""Full-text search over items: whole words by form, phrases, the names people use, BM25.

The engine is SQLite's FTS5 from the standard library, fed words as keys: each word of the
text is replaced by its key (its Snowball stem, from PyStemmer, corrected where Snowball
splits or joins forms wrongly: see key()) before FTS5 indexes it, and each query word the
same way, so forms, spellings and romanisations that share a key match. Query words are
also tried closed up and split apart (cyber attacks, cyberattacks) where the index holds
the other form, and a word the index lacks is, when nothing matches, replaced by the
nearest words it holds. bm25() ranks with a weight for each field, and a hit whose own
words match comes before every hit found only through the codebooks' names. (bench/README.md
compares the variants on the tuning and held-out query sets.) The index is kept in trilat's
cache under a hash of the text it holds and of this module, so it can never serve text
that the files no longer say, and is opened from there only if it indexes this corpus;
without a cache it is built in memory.

Before the keys, British spellings are folded into American ones and dotted acronyms closed
up (U.S. -> US). The folding and the keys keep every word where it was (a key is padded to
its word's length), so the places FTS5 marks in the indexed text are the places to mark in
the text as written.
"""

from __future__ import annotations

import contextlib
import itertools
import marshal
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .corpus.model import Corpus, Item, normalise
from .errors import NothingToSearch, UsageProblem
from .query import NO_FILTERS, Filters, actor_names, select

if TYPE_CHECKING:
    import sqlite3

    from .corpus.cache import Store

# The item's own words (title, quotes, summary), its own names (id, other names, events'),
# then the codebooks' names (its themes', its actors').
COLUMNS = ("title", "quotes", "summary", "names", "codes")
OWN = "{title quotes summary names}"  # FTS5's filter for every column but the codebooks'
KEYED = "{" + " ".join(COLUMNS) + "}"
# And one more column, never shown: the item's own words as written (folded, not keyed).
# A hit holding a query word in the form typed counts a little more (EXACT) than one
# holding it only in another form: history before historical, for `history`.
EXACT = 0.25
TYPO = 0.75  # how like an indexed word (difflib's ratio) a word the index lacks must be
# A token between two passages of one column, so that no phrase spans them: a private-use
# character, which FTS5's unicode61 reads as a word and no query word (WORD) can hold, so no
# word or prefix typed matches it. (It was a word, qxjgapqxj, which `search qxj*` found in
# every item with two quotes.)
GAP = " \ue010 "
OPEN, CLOSE = "\x02", "\x03"  # FTS5 marks matches with these; folded text never has them
SNIPPET = 240  # characters of a long passage shown around its first match
# The longest word split in two to find a compound (counterintelligence has 19 letters): each
# split is looked up with each of its prefixes, so a longer word would cost its length squared.
COMPOUND = 40
MAX_WORDS = 200  # in a query: a quote pasted whole as a phrase fits


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
    replaced: dict[str, list[str]]  # a word the index lacks -> the words searched instead
    partial: bool = False  # no item held every term: these hold some

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
        ordered = [
            match for c in ("quotes", "title", "summary", "names", "codes") for match in found[c]
        ]
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


# Spellings that fold() cannot reach by a rule, each pair searched as one (by their stems,
# so every inflection follows): British and American forms beyond -ise/-our/-re/-ce (both
# forms of each are listed by Merriam-Webster), and old and new romanisations of places:
# Korean in McCune-Reischauer (1939) and the Revised Romanization (South Korea, 2000), as
# the places' Wikipedia articles give both; Chinese in postal romanisation and pinyin.
VARIANTS = (
    ("convenor", "convener"),
    ("programme", "program"),
    ("judgement", "judgment"),
    ("acknowledgement", "acknowledgment"),
    ("dialogue", "dialog"),
    ("catalogue", "catalog"),
    ("analogue", "analog"),
    ("mould", "mold"),
    ("sceptic", "skeptic"),
    ("scepticism", "skepticism"),
    ("sceptical", "skeptical"),
    ("whilst", "while"),
    ("amongst", "among"),
    ("grey", "gray"),
    ("advisor", "adviser"),
    ("aluminium", "aluminum"),
    ("pusan", "busan"),
    ("inchon", "incheon"),
    ("taegu", "daegu"),
    ("kwangju", "gwangju"),
    ("cheju", "jeju"),
    ("kaesong", "gaeseong"),
    ("panmunjom", "panmunjeom"),
    ("kyongju", "gyeongju"),
    ("tokto", "dokdo"),
    ("tokdo", "dokdo"),
    ("choson", "joseon"),
    ("chosun", "joseon"),
    ("koryo", "goryeo"),
    ("hangul", "hangeul"),
    ("peking", "beijing"),
    ("nanking", "nanjing"),
    ("chungking", "chongqing"),
    ("tientsin", "tianjin"),
)
# -ism and -ist: pacifism and pacifist are one word, Pacific another (Snowball joins the
# first and the last). Not after "al", where Snowball already joins nationalism to national,
# and not for the verbs in -ist: after two letters (exist, twist), after an s (persist,
# insist, resist, assist, consist) or in enlist.
ISM = re.compile(r"(?P<base>[a-z]{3,}?)(?P<tail>isms?|ists?)")
NOT_IST = frozenset({"enl"})
DOUBLED = re.compile(r"([bdfgmnprt])\1$")  # the doubled letters Snowball undoes before -ing


@cache
def stemmer() -> Callable[[str], str]:
    import Stemmer  # type: ignore[import-not-found]  # PyStemmer: Snowball in C, 1 ms to import

    stem: Callable[[str], str] = Stemmer.Stemmer("english", 0).stemWord
    return stem


@cache
def variants() -> dict[str, str]:
    """Each stem of a VARIANTS pair -> the shorter of the pair's two stems."""
    stem = stemmer()
    pairs = [(stem(a), stem(b)) for a, b in VARIANTS]
    return {s: min(pair, key=len) for pair in pairs for s in pair}


# Each word's key, as key() worked it out or as an index's `words` table gives it: a word
# the corpus holds needs no stemming at search time, and so no PyStemmer (0.7 MB).
MEMO: dict[str, str] = {}


def key(word: str) -> str:
    """The form a word is indexed and searched by, never longer than the word itself."""
    text = word.lower()
    found = MEMO.get(text)
    if found is None:
        found = MEMO[text] = worked_out(text)
    return found[: len(word)]


def worked_out(text: str) -> str:
    """The key of a lower-case word, worked out.

    Its Snowball stem, then: a variant spelling's stem made the other's; -ism and -ist
    joined apart from the stem; a stem Snowball cut from -ic, -ical or -ics given the "i"
    of the -y word it comes from (historical to history, economic to economy), and -acy
    made -atic (democracy, democratic); a doubled last letter undone, as Snowball undoes it
    before -ing and -ed but not in the bare word (boycott, boycotting).
    """
    if not text.isascii():
        import unicodedata

        text = "".join(
            c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
        )
    ism = ISM.fullmatch(text)
    if ism and not ism["base"].endswith("al"):
        if ism["tail"].startswith("ism") or not (
            ism["base"].endswith("s") or ism["base"] in NOT_IST
        ):
            return ism["base"] + "ism"
    elif ism and ism["tail"].startswith("ist"):
        text = ism["base"] + "ism"  # nationalist as nationalism
    stem = stemmer()(text)
    stem = variants().get(stem, stem)
    if not stem.endswith("ic") and re.search(r"ic(?:al|ally|s)?$", text):
        stem += "i"
    elif stem.endswith("aci"):
        stem = stem[:-3] + "ati"
    return DOUBLED.sub(r"\1", stem)


WORD = re.compile(r"[^\W_]+")
WORDS = re.compile(r"([^\W_]+)")  # splits text into words (at odd places) and the rest
PADDED: dict[str, str] = {}  # each word as a query has written it -> its key, padded


def keyed(folded: str, padded: dict[str, str]) -> str:
    """Folded text with each word replaced by its key, padded to the word's length.

    `padded` remembers each word's padded key: an index of 15 MB of text holds only some
    thousands of words, and a split and a join cost far less than a call for each word.
    """
    parts = WORDS.split(folded)
    for n in range(1, len(parts), 2):
        word = parts[n]
        parts[n] = padded.get(word) or padded.setdefault(word, key(word).ljust(len(word)))
    return "".join(parts)


class Engine(NamedTuple):
    """How text becomes terms, and what each column weighs (bench/ tries other engines)."""

    tokenizer: str = "unicode61 remove_diacritics 2"
    # Words indexed by their keys; else as written (for a tokenizer that stems, as porter).
    keys: bool = True
    # Title and verbatim heading, quotes, the editors' summary, the item's names, codebooks'.
    weights: tuple[float, ...] = (16.0, 4.0, 2.0, 1.0, 1.0)
    # A hit whose own words match ranks above every hit found through codebook names only.
    own_first: bool = True
    # A query word tried closed up with the next, or split in two, where the index has that.
    compounds: bool = True
    # How much more a hit counts for each query word it holds as typed (a share of them).
    exact: float = EXACT
    # When nothing matches, a word the index lacks replaced by the nearest it holds.
    typos: bool = True
    # When still nothing matches, the items that hold some of the terms.
    some: bool = True

    def analyse(self, text: str) -> str:
        """Text as indexed: folded, and each word replaced by its key, padded to its length."""
        return keyed(fold(text), PADDED) if self.keys else fold(text)


KEYS = Engine()


def passages(corpus: Corpus, item: Item) -> dict[str, list[tuple[str, str]]]:
    """Each indexed column of an item: its passages, each with the field it comes from."""
    # Most telling first, as the first name matched is the one a table shows.
    names = [("also_known_as", name) for name in item.also_known_as]
    for event_id in item.events:
        event = corpus.events[event_id]
        names += [("events", name) for name in (event.label, *event.also_known_as)]
    names.append(("id", item.id))
    codes = []
    for theme_id in item.themes:
        theme = corpus.themes[theme_id]
        codes += [("themes", name) for name in (theme.name, *theme.also_known_as)]
    # An actor's name, not its aliases: a query word that is an alias stands for its name.
    for actor_id in item.actors:
        actor = corpus.actors[actor_id]
        codes += [("actors", name) for name in (actor.name, *actor.also_known_as)]
    return {
        "title": [("title", item.title)],
        "quotes": [("quotes", quote.text) for quote in item.quotes],
        "summary": [("summary", item.summary)],
        "names": names,
        "codes": codes,
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
    # Each term is a clause of the query and a "did you mean" lookup: a term repeated counts
    # once, and a query past MAX_WORDS words is refused rather than run for seconds.
    terms = list({(term.text.casefold(), term.prefix): term for term in terms}.values())
    words = sum(len(re.findall(r"[^\W_]+", term.text)) for term in terms)
    if words > MAX_WORDS:
        raise UsageProblem(f"the query has {words:,} words; trilat searches at most {MAX_WORDS}")
    return terms


class Vocabulary:
    """What the index holds: its terms (keys), and the words as written, for typos."""

    def __init__(self, database: sqlite3.Connection, engine: Engine) -> None:
        self.database = database
        self.engine = engine

    def term(self, words: Sequence[str]) -> str:
        """Words as the index holds them, one term each."""
        return " ".join(self.engine.analyse(" ".join(words)).split())

    def learn(self, words: Iterable[str]) -> None:
        """The keys of those words the index holds, read from it instead of worked out."""
        wanted = sorted({w.lower() for w in words} - MEMO.keys())
        if wanted:
            known = self.found("SELECT word, key FROM words WHERE word IN", wanted)
            MEMO.update((word, k) for word, k in known)

    def found(self, select: str, values: Sequence[str]) -> list[tuple[str, ...]]:
        if not values:
            return []
        if "temp.terms" in select:  # made when first needed: most queries never need it
            self.database.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.terms USING fts5vocab(main, items, row)"
            )
        return self.database.execute(
            f"{select} ({', '.join('?' * len(values))})", values
        ).fetchall()

    def plausible(self, word: str) -> bool:
        """Whether a word not in the corpus starts with a term of the index (a form of it?)."""
        text = word.lower()
        starts = [text[:n] for n in range(3, len(text) + 1)]
        return text in MEMO or bool(self.found("SELECT term FROM temp.terms WHERE term IN", starts))

    def held(self, candidates: Sequence[Sequence[str]]) -> set[tuple[str, ...]]:
        """The candidates (each a list of words) every one of whose words the index holds."""
        self.learn(w for words in candidates for w in words)
        candidates = [c for c in candidates if all(map(self.plausible, c))]
        wanted = sorted({w for words in candidates for w in self.term(words).split()})
        terms = {row[0] for row in self.found("SELECT term FROM temp.terms WHERE term IN", wanted)}
        return {tuple(words) for words in candidates if set(self.term(words).split()) <= terms}

    def nearest(self, word: str) -> list[str]:
        """The words of the index most like one it does not hold, as written."""
        import difflib

        words = {w: (written, k) for w, written, k in self.database.execute("SELECT * FROM words")}
        close = difflib.get_close_matches(word.lower(), words, n=3, cutoff=TYPO)
        ratios = [difflib.SequenceMatcher(None, word.lower(), w).ratio() for w in close]
        close = [w for w, ratio in zip(close, ratios, strict=True) if ratio == max(ratios)]
        MEMO.update((w, words[w][1]) for w in close)
        return [words[w][0] for w in close]


def forms(words: list[str], vocabulary: Vocabulary) -> list[list[str]]:
    """A term's words, and the same closed up or split apart where the index has that.

    cyber attacks -> cyberattacks; cryptocurrency -> crypto currency; non combatant ->
    noncombatant (a hyphen makes a phrase, so non-combatant is the same).
    """
    candidates = [
        [*words[:n], words[n] + words[n + 1], *words[n + 2 :]] for n in range(len(words) - 1)
    ]
    for n, word in enumerate(words):
        cuts = range(3, len(word) - 2) if len(word) <= COMPOUND else ()
        candidates += [[*words[:n], word[:cut], word[cut:], *words[n + 1 :]] for cut in cuts]
    held = vocabulary.held(candidates)
    return [words] + [c for c in candidates if tuple(c) in held]


def expression(
    term: Term,
    actors: dict[str, str],
    vocabulary: Vocabulary,
    replaced: Mapping[str, list[str]],
) -> str:
    """A term in FTS5's query language: its forms, and an actor's name for its alias.

    Only the name, not every alias: BM25 weighs each alternative by its own rarity, so a
    rare alias (Pyongyang) would outrank the name itself (North Korea) in every item.
    """

    def quoted(words: Sequence[str]) -> str:
        return '"' + vocabulary.term(words) + '"'

    words = WORD.findall(fold(term.text))
    if term.prefix:
        return f'({KEYED} : "' + " ".join(words).lower() + '"*)'
    alternatives: list[list[str]] = [[]]
    for word in words:
        alternatives = [[*a, w] for a in alternatives for w in replaced.get(word, [word])][:9]
    if vocabulary.engine.compounds:
        alternatives = [form for a in alternatives for form in forms(a, vocabulary)]
    phrases = list(dict.fromkeys(map(quoted, alternatives)))
    name = actors.get(normalise(term.text))
    if name is not None and normalise(name) != normalise(term.text):
        phrases.append(quoted(WORD.findall(fold(name))))
    return f"({KEYED} : (" + " OR ".join(phrases) + "))"


def actor_aliases(corpus: Corpus) -> dict[str, str]:
    """Every normalised name, id and alias of an actor -> the actor's name."""
    return {name: corpus.actors[actor].name for name, actor in actor_names(corpus).items()}


WORDS_TABLE = "CREATE TABLE words (word TEXT PRIMARY KEY, written TEXT, key TEXT) WITHOUT ROWID"


def schema(engine: Engine) -> str:
    """The statement that makes the index: a kept index must have been made by this one."""
    return (
        f"CREATE VIRTUAL TABLE items USING fts5({', '.join(COLUMNS)}, typed, "
        f"tokenize='{engine.tokenizer}')"
    )


def fill(database: sqlite3.Connection, columns: list[list[str]], engine: Engine) -> None:
    """An FTS5 table with one row per item (rowid = position + 1), its text as analysed."""
    database.execute(schema(engine))
    padded: dict[str, str] = {}

    def row(texts: list[str]) -> list[str]:
        folded = [fold(text) for text in texts]
        indexed = [keyed(text, padded) for text in folded] if engine.keys else folded
        return [*indexed, GAP.join(folded[:3])]  # and the own words as written

    database.executemany(
        f"INSERT INTO items VALUES ({', '.join('?' * (len(COLUMNS) + 1))})", map(row, columns)
    )
    # Each word folded, as first written and with its key: for a query word the index lacks,
    # and so that a query word it holds needs no stemming.
    database.execute(WORDS_TABLE)
    if not engine.keys:
        padded = {w: w for t in columns for c in t for w in WORD.findall(fold(c))}
    written: dict[str, str] = {}
    for word in padded:
        written.setdefault(word.lower(), word)
    written.pop(GAP.strip(), None)
    rows = ((word, as_written, key(word)) for word, as_written in written.items())
    database.executemany("INSERT INTO words VALUES (?, ?, ?)", rows)
    database.commit()


def fingerprint(corpus: Corpus, engine: Engine) -> bytes:
    """What an index is made from: the corpus, the engine, this code.

    The corpus is named by the loader's hash of its files (`source`), else by every item,
    actor, theme and event: marshalling and hashing every record costs a quarter of a
    second at 13,000 items, the loader's key nothing.
    """
    code = Path(__file__).stat()
    recipe = (engine.tokenizer, engine.keys, code.st_size, code.st_mtime_ns)
    if corpus.source:
        return marshal.dumps((corpus.source, recipe))
    from .corpus.rows import as_row

    records = [
        [as_row(record) for record in records]
        for records in (
            corpus.items.values(),
            corpus.actors.values(),
            corpus.themes.values(),
            corpus.events.values(),
        )
    ]
    return marshal.dumps((records, recipe))


def columns(corpus: Corpus) -> list[list[str]]:
    """Each item's text, column by column, its passages joined by GAP."""
    return [
        [GAP.join(text for _, text in document[c]) for c in COLUMNS]
        for document in (passages(corpus, item) for item in corpus.items.values())
    ]


def cached_index(
    store: Store, name: str, corpus: Corpus, engine: Engine
) -> sqlite3.Connection | None:
    """The corpus's index from the cache, or None if there is none of this corpus to use.

    The entry is vetted like any other (a regular file of the user's, in a private folder,
    never through a link), opened read-only by SQLite, which reads only the pages a query
    needs, and used only if its path still names the file vetted and it is of this corpus:
    made by this engine's statement, with one row for each item and no other.
    """
    import sqlite3

    vetted = store.vetted(name)
    if vetted is None:
        return None
    path = store.folder / name
    try:
        database = sqlite3.connect(f"{path.as_uri()}?mode=ro&immutable=1", uri=True)
    except (sqlite3.Error, ValueError):
        return None
    try:
        now = path.lstat()
        if (now.st_dev, now.st_ino) == (vetted.st_dev, vetted.st_ino) and of_this_corpus(
            database, corpus, engine
        ):
            return database
    except (OSError, sqlite3.Error):
        pass  # gone, swapped, damaged, or not an index at all: built again
    database.close()
    return None


def of_this_corpus(database: sqlite3.Connection, corpus: Corpus, engine: Engine) -> bool:
    """Made by `schema` and WORDS_TABLE, and its rowids are the items': 1 to the number of items,
    each once."""
    made = database.execute("SELECT name, sql FROM sqlite_master WHERE name IN ('items', 'words')")
    count = len(corpus.items)
    [rows] = database.execute("SELECT count(*), min(rowid), max(rowid) FROM items")
    expected = (count, 1, count) if count else (0, None, None)
    return (
        dict(made.fetchall()) == {"items": schema(engine), "words": WORDS_TABLE}
        and rows == expected
    )


def index(corpus: Corpus, engine: Engine, use_cache: bool) -> sqlite3.Connection:
    """The FTS5 index of every item, in memory: from the cache if allowed and possible, else
    built, then kept in the cache under a hash of its fingerprint() (an edited corpus or a
    new fold() gets a new index, never a stale one)."""
    import sqlite3

    from .corpus import cache

    store = cache.store() if use_cache else None
    try:
        name = f"search-{cache.key(fingerprint(corpus, engine))}.sqlite" if store else None
    except ValueError:  # a value marshal cannot write: no index to keep
        name = None
    database = cached_index(store, name, corpus, engine) if store and name else None
    if database is None:
        database = sqlite3.connect(":memory:")
        fill(database, columns(corpus), engine)
        if store and name:
            with contextlib.suppress(sqlite3.Error, MemoryError):
                store.put_bytes(name, database.serialize())
            store.trim()
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
    found = iter(spans(marked))  # in order, as the passages are: one pass over both
    mark = next(found, None)
    offset = 0
    for field, text in column:
        marks = []
        while mark is not None and mark[0] < offset + len(text):
            start, end = mark
            if start >= offset:
                word = WORD_AS_WRITTEN.match(text, start - offset)
                marks.append((start - offset, max(end - offset, word.end() if word else 0)))
            mark = next(found, None)
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


def as_typed(
    database: sqlite3.Connection, terms: list[Term], rows: list[tuple[int, float]], bonus: float
) -> list[tuple[int, float]]:
    """The rows re-ranked: each counts `bonus` more for the share of terms it holds as typed."""
    typed = [" ".join(WORD.findall(fold(t.text))).lower() for t in terms if not t.prefix]
    held: dict[int, int] = {}
    for words in typed:
        for (rowid,) in database.execute(
            "SELECT rowid FROM items WHERE items MATCH ?", (f'{{typed}} : "{words}"',)
        ):
            held[rowid] = held.get(rowid, 0) + 1
    if not held:
        return rows
    share = bonus / len(typed)
    ranked = [(rowid, rank * (1 + share * held.get(rowid, 0))) for rowid, rank in rows]
    return sorted(ranked, key=lambda row: (row[1], row[0]))


def search(
    corpus: Corpus,
    arguments: Sequence[str],
    filters: Filters = NO_FILTERS,
    engine: Engine = KEYS,
    use_cache: bool = False,
    database: sqlite3.Connection | None = None,
) -> list[Hit]:
    """Items that hold every term of the query, best first, each with the passages matched.

    Two words typed apart also match as one (cyber attacks, cyberattacks). When nothing
    matches, each query word that the index lacks is replaced by the nearest words it holds
    (`found.replaced` says which); if still nothing matches, items holding some of the terms
    are found, those holding most first (`found.partial`).
    `use_cache` keeps the index in trilat's cache for the next search of the same corpus;
    `database` is an index already open (from `index()`), for one search after another.
    """
    terms = parse(arguments)
    # The index holds every item, so that one index serves every filter and scores agree.
    items = list(corpus.items.values())
    wanted = {item.id for item in select(corpus, filters)}
    actors = actor_aliases(corpus)
    database = database or index(corpus, engine, use_cache)
    vocabulary = Vocabulary(database, engine)
    vocabulary.learn(w for t in terms for w in WORD.findall(fold(t.text)))
    weights = ", ".join(map(str, (*engine.weights, 0.0)))

    def matching(query: str) -> list[tuple[int, float]]:
        return database.execute(
            f"SELECT rowid, bm25(items, {weights}) FROM items WHERE items MATCH ? "
            "ORDER BY 2, rowid",
            (query,),
        ).fetchall()

    replaced: dict[str, list[str]] = {}
    query = every(terms, actors, vocabulary, replaced)
    rows = matching(query)
    if not rows and engine.typos:
        words = [w for t in terms if not t.prefix for w in WORD.findall(fold(t.text))]
        lacking = [w for w in words if not vocabulary.held([[w]])]
        replaced = {w: near for w in lacking if (near := vocabulary.nearest(w))}
        if replaced:
            query = every(terms, actors, vocabulary, replaced)
            rows = matching(query)
    held: Counter[int] = Counter()
    if not rows and engine.some and len(terms) > 1:
        expressions = [expression(t, actors, vocabulary, replaced) for t in terms]
        query = " OR ".join(expressions)
        rows = matching(query)
        for one in expressions:
            held.update(row[0] for row in database.execute(MATCHING, (one,)))
    if engine.exact:
        rows = as_typed(database, terms, rows, engine.exact)
    own = {row[0] for row in database.execute(MATCHING, (f"{OWN} : ({query})",))}

    # Own words first (if so), then items holding more of the terms, each in BM25's order.
    def group(rowid: int) -> tuple[bool, int]:
        return engine.own_first and rowid not in own, -held[rowid]

    rows.sort(key=lambda row: group(row[0]))
    rows = [row for row in rows if items[row[0] - 1].id in wanted]
    found = Found(corpus, database, query, [rowid for rowid, _ in rows], {}, replaced, bool(held))
    # A score is BM25's against the best of its group, scaled below the last score of the
    # group before: so it falls down the list, and the first hit scores 100.
    hits: list[Hit] = []
    score, top, best, previous = 100, 100, -1.0, (False, 0)
    for n, (rowid, rank) in enumerate(rows):
        if not n or group(rowid) != previous:
            top, best, previous = score - bool(n), rank or -1.0, group(rowid)
        score = min(score, round(top * rank / best))
        hits.append(Hit(items[rowid - 1], score, rowid, found))
    return hits


MATCHING = "SELECT rowid FROM items WHERE items MATCH ?"


def every(
    terms: list[Term],
    actors: dict[str, str],
    vocabulary: Vocabulary,
    replaced: Mapping[str, list[str]],
) -> str:
    """Every term, in FTS5's query language; or two words typed apart as one compound."""
    expressions = [expression(t, actors, vocabulary, replaced) for t in terms]
    queries = [" AND ".join(expressions)]
    for n, (first, second) in enumerate(itertools.pairwise(terms)):
        joined = first.text + second.text
        if (
            vocabulary.engine.compounds
            and not first.prefix
            and not second.prefix
            and WORD.fullmatch(joined)
            and vocabulary.held([[joined]])
        ):
            together = expression(Term(joined), actors, vocabulary, replaced)
            queries.append(" AND ".join([*expressions[:n], together, *expressions[n + 2 :]]))
    return " OR ".join(f"({q})" for q in queries) if len(queries) > 1 else queries[0]
