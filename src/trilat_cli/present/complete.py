"""Shell-completion candidates drawn from the corpus, and how each shell must be handed them.

A candidate is any name trilat accepts for the value: ids, display names, aliases, years.
It matches what was typed in any case (`people` finds "People's Republic of China"), unless
some names keep the case typed (then only those: `j` gives `japan`, not `JP`), and in
a comma list only the last value is completed (`us,ja` gives `us,japan`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..corpus.model import Corpus
from .view import safe


def names_of(corpus: Corpus, section: str) -> Iterable[tuple[str, str]]:
    """Each name a value of the section may be given by, with what it names."""
    for record in corpus.section(section).values():
        described = str(getattr(record, "name", None) or getattr(record, "title", ""))
        names = [record.id]
        if section in ("actors", "themes"):
            names.append(record.name)
        if section == "actors":
            names += list(record.aliases)
        if section == "reports":
            names.append(str(record.year))
        # one of each name in any case: `japan` (the id), not `Japan` too
        unique = {name.casefold(): name for name in reversed(names)}
        yield from ((name, described) for name in reversed(unique.values()))


def candidates(corpus: Corpus, section: str, incomplete: str) -> list[tuple[str, str]]:
    head, comma, last = incomplete.rpartition(",")
    typed = last.lstrip("'\"").replace("\\", "").lstrip()
    given = {value.strip().casefold() for value in head.split(",")} if comma else set()
    found = [
        (name, described)
        for name, described in names_of(corpus, section)
        if name.casefold().startswith(typed.casefold()) and name.casefold() not in given
    ]
    # the names that keep the case typed, where there are any: bash and zsh replace the word
    # with what the candidates share, so `j` beside `JP` would be cut back to nothing
    same_case = [entry for entry in found if entry[0].startswith(typed)]
    return [(safe(head + comma + name), safe(described)) for name, described in same_case or found]


def bash_word(value: str) -> str:
    """A value as bash must insert it: spaces, quotes and other specials escaped."""
    return re.sub(r"[\s'\"\\$`!&|;()<>*?#~{}\[\]]", r"\\\g<0>", value)


def bash_reply(value: str, word: str) -> str:
    """What bash must put in COMPREPLY for the word being completed, as the user quoted it.

    Inside quotes, readline replaces what follows the opening quote and closes the quote
    itself: in '...' only a ' must be written ('\\''), in "..." only \\, ", $ and `."""
    if word.startswith("'"):
        return value.replace("'", "'\\''")
    if word.startswith('"'):
        return re.sub(r'[\\"$`]', r"\\\g<0>", value)
    return bash_word(value)


def zsh_word(value: str) -> str:
    """A value single-quoted for zsh's eval."""
    return "'" + value.replace("'", "'\\''") + "'"


def zsh_reply(items: list[tuple[str, str]]) -> str:
    """One line of zsh for the completion function to eval: the candidates, described, added
    without being filtered against the typed prefix (-U), since trilat matched them already
    in any case; zsh quotes each as the word being completed needs."""
    if not items:
        return "_files"
    values = " ".join(zsh_word(value) for value, _ in items)
    shown = " ".join(zsh_word(f"{value}  -- {help}" if help else value) for value, help in items)
    return (
        f"local -a trilat_values trilat_shown; trilat_values=({values}); "
        f"trilat_shown=({shown}); compadd -U -V trilat -d trilat_shown -a trilat_values"
    )
