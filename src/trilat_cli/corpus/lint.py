"""Warnings about codes: judgements for a person, which `validate` shows and loading never
stops at. A code shows no evidence though its rule needs some; or its evidence misses the
rule's cue words in the codebook, or holds a cue the rule excludes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .evidence import KeyPath, cue_problems
from .validate import Finding

if TYPE_CHECKING:
    from ..errors import Problem
    from .model import Corpus, Item


def item_warnings(corpus: Corpus, item: Item, entry: Mapping[str, Any]) -> Iterator[Finding]:
    """Warnings about one item's codes; paths start inside the item."""
    kind = corpus.kinds.get(item.kind)
    if item.kind_evidence:
        for text in cue_problems(kind, item.kind_evidence, f"kind '{item.kind}'") if kind else ():
            yield Finding(("kind_evidence",), text)
    elif kind is None or kind.without_evidence is None:
        yield Finding(
            ("kind",),
            f"kind '{item.kind}' shows no evidence: add kind_evidence, words of the quotes "
            "that meet the kind's rule",
        )
    for actor, role in item.actors.items():
        if not role.evidence:
            yield Finding(
                ("actors", actor),
                f"actor '{actor}' ({role.role}) shows no evidence: write "
                f"{actor}: {{role: {role.role}, evidence: WORDS}}",
            )
    themes = entry["themes"]
    for number, (theme_id, code) in enumerate(item.themes.items()):
        where: KeyPath = ("themes", theme_id if isinstance(themes, Mapping) else number)
        theme = corpus.themes[theme_id]
        if code.evidence:
            for text in cue_problems(theme, code.evidence, f"theme '{theme_id}'"):
                yield Finding(where, text)
        elif theme.without_evidence is None:
            yield Finding(
                where,
                f"theme '{theme_id}' shows no evidence: write {theme_id}: WORDS, words of the "
                "quotes that meet its rule",
            )


def code_warnings(
    corpus: Corpus, paths: Iterable[str | Path], bundled: bool = False
) -> list[Problem]:
    """Warnings about the codes of every item in these files (and the bundled corpus, which
    the corpus test holds to none)."""
    from .load import Problems, file_items

    problems = Problems()
    for place, index, entry in file_items(paths, bundled):
        for finding in item_warnings(corpus, corpus.items[entry["id"]], entry):
            problems.add(partial(place, finding._replace(path=("items", index, *finding.path))))
    return problems.kept
