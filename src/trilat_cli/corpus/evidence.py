"""Evidence: the words of an item's own quotes that show why it carries each code.

Evidence stands in the quotes when it is there word for word (whitespace, typographic quotes
and dashes may differ, `...` joins pieces, and a piece is whole words); cue words, the
codebook's, meet evidence when they stand in it, in any case, whole (`cyber*`: any ending).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .fields import describe

if TYPE_CHECKING:
    from .model import Kind, Theme

KeyPath = tuple[str | int, ...]

TYPOGRAPHY = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
)
OMISSION = "..."
JOIN = "\x00"  # between quotes: no piece runs from one into the next, `...` may bridge them
CUES_SHOWN = 6
WORD = re.compile(r"\w")
CUE_JOIN = " | "  # cues may hold commas ("Washington, Tokyo, and Seoul")


def normalised(text: str) -> str:
    """Whitespace, typographic quotes and dashes normalised: the only liberties a quote takes."""
    return " ".join(text.translate(TYPOGRAPHY).split())


def find_pieces(quote: str, text: str, whole_words: bool = False) -> list[tuple[int, int]] | None:
    """Where the quote's pieces (split at `...`) stand in order in the normalised `text`.

    Each piece is looked for after the one before it, at the first place it stands: if the
    pieces stand in order anywhere, they stand so from there, so the search never goes back
    (one pattern `(a).*?(b)` would backtrack through every choice of each piece).
    `whole_words`: a piece may not begin or end inside a word ("Japan" is not in "Japanese").
    """
    spans: list[tuple[int, int]] = []
    at = 0
    for piece in filter(None, (part.strip() for part in normalised(quote).split(OMISSION))):
        start = text.find(piece, at)
        while whole_words and start >= 0 and not on_word_edges(text, start, start + len(piece)):
            start = text.find(piece, start + 1)
        if start < 0:
            return None
        at = start + len(piece)
        spans.append((start, at))
    return spans or None


def on_word_edges(text: str, start: int, end: int) -> bool:
    """No word runs on past either end of text[start:end]."""
    before = start > 0 and WORD.match(text[start - 1]) is not None
    after = end < len(text) and WORD.match(text[end]) is not None
    return not (before or after)


def quote_texts(quotes: Iterable[Any]) -> list[str]:
    """The words of each quote, whether written as a string or as a mapping with `text`."""
    texts = []
    for quote in quotes:
        text = quote.get("text") if isinstance(quote, Mapping) else quote
        if isinstance(text, str):
            texts.append(text)
    return texts


def own_words(data: Mapping[str, Any]) -> list[str]:
    """An item's own words, in which its evidence must stand: its quotes, and its title where
    that is the text's own heading of the point (`title_verbatim`), such as "Back off
    'burden-sharing' rhetoric", the lead-in of a numbered recommendation."""
    texts = quote_texts(data.get("quotes") or ())
    title = data.get("title")
    if data.get("title_verbatim") is True and isinstance(title, str):
        texts.append(title)
    return texts


def in_quotes(words: str, quotes: Sequence[str]) -> bool:
    text = JOIN.join(normalised(quote) for quote in quotes)
    return find_pieces(words, text, whole_words=True) is not None


def evidence_places(data: Mapping[str, Any]) -> Iterator[tuple[KeyPath, Any]]:
    """Each evidence value an item's data holds, with its path inside the item."""
    if "kind_evidence" in data:
        yield ("kind_evidence",), data["kind_evidence"]
    actors = data.get("actors")
    for key, code in actors.items() if isinstance(actors, Mapping) else ():
        if isinstance(code, Mapping) and "evidence" in code:
            yield ("actors", key, "evidence"), code["evidence"]
    themes = data.get("themes")
    for key, code in themes.items() if isinstance(themes, Mapping) else ():
        if isinstance(code, Mapping):
            if "evidence" in code:
                yield ("themes", key, "evidence"), code["evidence"]
        else:
            yield ("themes", key), code


def cue_pattern(cue: str) -> str:
    """A cue as a regex: its words in any case, whole; a final `*` stands for any ending."""
    words = normalised(cue).casefold()
    open_end = words.endswith("*")
    stem = words.rstrip("*").strip()
    ending = r"\w*" if open_end else ""
    return rf"(?<!\w){re.escape(stem)}{ending}(?!\w)"


def meets(cue: str, words: str) -> bool:
    return re.search(cue_pattern(cue), normalised(words).casefold()) is not None


def cue_problems(rule: Theme | Kind, evidence: Sequence[str], what: str) -> list[str]:
    """What the evidence for a code does against its rule's cue words."""
    problems = []
    if rule.include_cues and not any(meets(c, w) for c in rule.include_cues for w in evidence):
        shown = CUE_JOIN.join(rule.include_cues[:CUES_SHOWN])
        more = f"{CUE_JOIN}..." if len(rule.include_cues) > CUES_SHOWN else ""
        problems.append(f"the evidence for {what} meets none of its cue words ({shown}{more})")
    for cue in rule.exclude_cues:
        hit = next((words for words in evidence if meets(cue, words)), None)
        if hit is not None:
            problems.append(
                f"the evidence {describe(hit)} for {what} holds '{cue}', a cue the codebook "
                f"excludes (see 'trilat show {rule.id}')"
            )
    return problems
