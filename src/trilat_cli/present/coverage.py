"""How `validate --source` reports coverage: a line per report, then each sentence left out."""

from __future__ import annotations

from ..verify import Checked
from .view import one_line


def coverage_lines(checked: list[Checked]) -> list[str]:
    lines = []
    for entry in checked:
        measured, source = entry.coverage, one_line(entry.source)
        lines.append(
            f"coverage: {one_line(entry.report)}: {len(measured.quoted)} of {measured.total} "
            f"body sentences of {source} quoted ({measured.share:.0%})"
        )
        left_out = [("partly quoted", s) for s in measured.partly]
        left_out += [("not quoted", s) for s in measured.unquoted]
        for label, sentence in sorted(left_out, key=lambda pair: pair[1].start):
            lines.append(f"  {label}: {source}:{sentence.line}: {one_line(sentence.text)}")
    return lines
