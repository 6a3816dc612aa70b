"""Small corpus texts for tests: a valid user report that builds on the bundled corpus."""

from pathlib import Path

VALID_REPORT = """
reports:
  - id: camp-david-2023
    year: 2023
    title: The Spirit of Camp David
    publisher: The White House
    authors: [The White House]
    date: "2023-08-18"
    url: https://example.org/camp-david
    kind: statement
    summary: Leaders of the three countries commit to trilateral cooperation.
    notes:
      north-korea: Deterrence of North Korea remains central.
items:
  - id: cd23-commitment
    report: camp-david-2023
    kind: recommendation
    ordinal: 1
    title: Commitment to consult
    summary: The three commit to consult in a crisis.
    quotes:
      - We commit to consult with each other in an expeditious manner.
    actors: {us: by, japan: by, south-korea: by, north-korea: involves}
    themes: [north-korea, defense-coordination]
"""


def big_corpus(folder: Path, count: int) -> Path:
    """A corpus file of `count` items with 400-character summaries: output pipes cannot hold."""
    items = "\n".join(
        f"  - {{id: big-{n}, report: hudson-2019, kind: context, title: T{n}, summary: {'s' * 400},"
        f" quotes: [q], actors: {{us: by}}, themes: [china]}}"
        for n in range(count)
    )
    corpus = folder / "big.yaml"
    corpus.write_text(f"items:\n{items}\n", encoding="utf-8")
    return corpus


# The same report with evidence for every code, in the long forms people write by hand. Its
# codes still say more than its one quote (no North Korea, no defense): `validate` warns.
EVIDENCED_REPORT = VALID_REPORT.replace(
    """    actors: {us: by, japan: by, south-korea: by, north-korea: involves}
    themes: [north-korea, defense-coordination]
""",
    """    kind_evidence: We commit to
    actors:
      us: {role: by, evidence: We}
      japan: {role: by, evidence: We}
      south-korea: {role: by, evidence: We}
      north-korea: {role: involves, evidence: consult}
    themes:
      north-korea: consult
      defense-coordination: [consult, manner]
""",
)
