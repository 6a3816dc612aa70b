"""Shell-completion candidates drawn from the corpus: ids with their names as help."""

from __future__ import annotations

import re

from ..corpus.model import Corpus
from .view import safe


def candidates(corpus: Corpus, section: str, incomplete: str) -> list[tuple[str, str]]:
    typed = incomplete.lstrip("'\"").replace("\\", "").casefold()
    found: list[tuple[str, str]] = []
    for record in corpus.section(section).values():
        names = [record.id]
        if section == "actors":
            names += list(record.aliases)
        if section == "reports":
            names.append(str(record.year))
        described = str(getattr(record, "name", None) or getattr(record, "title", ""))
        found += [
            (safe(name), safe(described)) for name in names if name.casefold().startswith(typed)
        ]
    return found


def bash_word(value: str) -> str:
    """A value as bash must insert it: spaces, quotes and other specials escaped."""
    return re.sub(r"[\s'\"\\$`!&|;()<>*?#~{}\[\]]", r"\\\g<0>", value)
