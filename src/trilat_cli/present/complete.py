"""Shell-completion candidates drawn from the corpus: ids with their names as help."""

from __future__ import annotations

import re

from ..corpus.model import Corpus


def candidates(corpus: Corpus, section: str, incomplete: str) -> list[tuple[str, str]]:
    typed = incomplete.lstrip("'\"").replace("\\", "").casefold()
    found: list[tuple[str, str]] = []
    for record in corpus.section(section).values():
        names = [record.id]
        if section == "actors":
            names += list(record.aliases)
        if section == "reports":
            names.append(str(record.year))
        described = getattr(record, "name", None) or getattr(record, "title", "")
        found += [(name, described) for name in names if name.casefold().startswith(typed)]
    return found


def shell_words(found: list[tuple[str, str]], shell: str) -> list[tuple[str, str]]:
    """Candidates as the shell must insert them: for bash, spaces and quotes escaped.

    bash inserts COMPREPLY words as they are; zsh, fish and PowerShell quote what they insert
    themselves. (`shell` is the value of _TRILAT_COMPLETE, e.g. complete_bash.)
    """
    if shell != "complete_bash":
        return found
    return [(SHELL_SPECIAL.sub(r"\\\g<0>", value), help) for value, help in found]


SHELL_SPECIAL = re.compile(r"[\s'\"\\$`!&|;()<>*?#~{}\[\]]")
