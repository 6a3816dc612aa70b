"""`validate --format json`: each problem as a record an editor or CI can place and act on."""

from __future__ import annotations

import re
from typing import Any

from ..errors import Problem

# A problem's kind, by how its message starts: the first pattern that matches names it.
CODES = (
    (r"unknown section", "unknown-section"),
    (r"unknown field", "unknown-field"),
    (r"missing required field", "missing-field"),
    (r"duplicate key", "duplicate-key"),
    (r"duplicate \w+ id", "duplicate-id"),
    (r"alias ", "duplicate-alias"),
    (r"parent ", "wrong-parent"),
    (r"unknown ", "unknown-reference"),
    (r"quote not found", "quote-not-in-source"),
    (r"title marked verbatim", "title-not-in-source"),
    (r"malformed YAML", "yaml-syntax"),
    (r"YAML tag|cannot read .* as ", "yaml-tag"),
    (r"mapping keys", "yaml-key"),
    (r"nested more than", "too-deep"),
    (r"more than [\d,]+ YAML nodes", "too-many-nodes"),
    (r"file is [\d,]+ bytes", "too-large"),
    (r"not UTF-8", "not-utf8"),
    (r"file is empty", "empty-file"),
    (r"not a regular file", "not-a-file"),
    (r"cannot read", "unreadable"),
    (r"folder holds no", "no-corpus-files"),
    (r"\d+ author_names", "author-names-mismatch"),
    (r"evidence ", "evidence-not-in-quotes"),
    (r"\w+ '[^']*'(?: \(\w+\))? shows no evidence", "no-evidence"),
    (r"the evidence for .* meets none", "cue-not-met"),
    (r"the evidence .* holds", "excluded-cue"),
    (r"expected |.* is not a real date", "wrong-value"),
)
SUGGESTION = re.compile(r"\(did you mean '([^']*)'\?\)")


def problem_code(message: str) -> str:
    return next((code for pattern, code in CODES if re.match(pattern, message)), "invalid")


def problem_record(problem: Problem) -> dict[str, Any]:
    """file, line and column (null where the problem is the whole file), a stable code, the
    message as the text form gives it, and the closest valid value where there is one."""
    suggestion = SUGGESTION.search(problem.message)
    return {
        "file": problem.file,
        "line": problem.line or None,
        "column": problem.column or None,
        "code": problem_code(problem.message),
        "message": problem.message,
        "suggestion": suggestion.group(1) if suggestion else None,
    }
