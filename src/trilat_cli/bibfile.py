"""Citations merged into a bibliography the user keeps: a BibTeX or a CSL-JSON file.

New keys are added, an entry already there as it would be written is left alone, and a
different entry under the same key is refused: the file is the user's, and which of the two
is right is theirs to say. Nothing already in the file is dropped or rewritten (a CSL-JSON
file is written again as JSON, each item holding what it held).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from .corpus.fields import json_escaped
from .errors import UsageProblem

HEAD = re.compile(r"@\s*([A-Za-z]+)\s*([{(])")
NOT_ENTRIES = ("comment", "preamble", "string")


class Merged(NamedTuple):
    text: str  # the whole file as it is to be written
    added: tuple[str, ...]
    present: tuple[str, ...]  # already there, the same


DELIMITER = re.compile(r"[{}()]")


def closing(text: str, start: int, opener: str) -> int | None:
    """Where the entry opened just before `start` ends (just past its closing delimiter),
    stepping from one delimiter to the next: linear in the file, however it nests."""
    depth = 0
    for match in DELIMITER.finditer(text, start):
        char = match.group()
        if char == "{":
            depth += 1
        elif char == "}":
            if depth == 0:
                return match.end() if opener == "{" else None
            depth -= 1
        elif char == ")" and opener == "(" and depth == 0:
            return match.end()
    return None


def bibtex_entries(text: str, name: str) -> dict[str, str]:
    """Each entry's key and text, in a BibTeX file (text outside entries is a comment)."""
    entries: dict[str, str] = {}
    at = 0
    while (match := HEAD.search(text, at)) is not None:
        end = closing(text, match.end(), match.group(2))
        if end is None:
            line = text.count("\n", 0, match.start()) + 1
            raise UsageProblem(f"cannot merge into '{name}': the entry at line {line} never closes")
        if match.group(1).lower() not in NOT_ENTRIES:
            key = text[match.end() : end].split(",", 1)[0].strip()
            entries.setdefault(key, text[match.start() : end])
        at = end
    return entries


def same(one: str, other: str) -> bool:
    return one.split() == other.split()


def conflict(name: str, key: str) -> UsageProblem:
    return UsageProblem(
        f"'{name}' already has an entry '{key}' that differs from trilat's; nothing was "
        "written (remove or rename that entry, or merge into another file)"
    )


def merge_bibtex(existing: str, entries: Sequence[tuple[str, str]], name: str) -> Merged:
    """`entries` (key, BibTeX text) added to the file's text where their key is new. BibTeX
    matches keys whatever their case, so `Hudson-2019` is the key `hudson-2019`."""
    if existing.lstrip("\ufeff \t\r\n").startswith(("[", "{")):
        raise UsageProblem(
            f"cannot merge BibTeX into '{name}': it holds JSON (CSL-JSON? use --style csl-json)"
        )
    there = {key.lower(): (key, entry) for key, entry in bibtex_entries(existing, name).items()}
    added: dict[str, str] = {}
    present = []
    for key, entry in entries:
        if key.lower() not in there:
            added[key] = entry
            there[key.lower()] = (key, entry)
        elif same(there[key.lower()][1], entry):
            present.append(key)
        else:
            raise conflict(name, there[key.lower()][0])
    text = "\n\n".join(filter(None, [existing.rstrip(), *added.values()])) + "\n"
    return Merged(text, tuple(added), tuple(present))


def merge_csl(existing: str, items: Sequence[Mapping[str, Any]], name: str) -> Merged:
    """`items` added to a CSL-JSON array (an empty file is an empty one) where their id is new."""
    try:
        data = json.loads(existing) if existing.strip() else []
    except json.JSONDecodeError as error:
        raise UsageProblem(
            f"cannot merge into '{name}': not JSON (line {error.lineno}: {error.msg})"
        ) from None
    if not isinstance(data, list) or not all(isinstance(entry, dict) for entry in data):
        raise UsageProblem(f"cannot merge into '{name}': CSL-JSON is an array of items")
    there = {entry.get("id"): entry for entry in data}
    added, present = [], []
    for item in items:
        if item["id"] not in there:
            data.append(dict(item))
            there[item["id"]] = item
            added.append(item["id"])
        elif there[item["id"]] == item:
            present.append(item["id"])
        else:
            raise conflict(name, item["id"])
    text = json_escaped(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    return Merged(text, tuple(added), tuple(present))
