"""`trilat draft`: how fast (a whole process, 1,000 to 100,000 words) and how good its
suggestions are (the bundled texts drafted and held against the corpus's own coding).

    .venv/bin/python bench/draft.py            # needs TRILAT_SEEDS (the two source texts)

Speed: a text of N words made of the seed texts' own paragraphs repeated; targets 10,000
words under 1 s, 100,000 under 5 s, and time per word roughly flat (linear).

Quality: each bundled item's quotes stand in some passages of its text's draft; the item's
codes are covered where the suggestions of those passages hold every one of them (actors,
themes), or its kind is among the kinds those passages were given. Also the stricter
figure: the suggester run on the item's own quotes only.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from trilat_cli.corpus.load import load
from trilat_cli.corpus.model import Corpus
from trilat_cli.draft import Suggester, draft, read
from trilat_cli.verify import find, normalised

SEEDS = Path(os.environ.get("TRILAT_SEEDS", "../shared/seeds"))
TEXTS = {"hudson-2019": "000_d74895a1418d37d0.txt", "tni-2021": "002_1018af9566e1d78d.txt"}
TRILAT = Path(sys.executable).with_name("trilat")


def timed(words: int, folder: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds (user + system) of one `trilat draft` process: on a shared,
    loaded machine the CPU time says what the wall clock would on an idle one."""
    body = "\n".join(
        line for name in TEXTS.values() for line in (SEEDS / name).read_text().splitlines()
    )
    text = (body + "\n") * (words // len(body.split()) + 1)
    source = folder / f"text-{words}.txt"
    source.write_text(" ".join(text.split(" ")[:words]) + ".\n")
    out = folder / f"draft-{words}.yaml"
    options = ["--id", "bench", "--title", "T", "--date", "2024", "--author", "A"]
    options += ["--publisher", "P", "--url", "https://example.org", "--force", "-o", str(out)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([str(TRILAT), "draft", str(source), *options], check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def quality(corpus: Corpus) -> None:
    suggester = Suggester(corpus)
    for report, name in TEXTS.items():
        record = corpus.reports[report]
        data = draft((SEEDS / name).read_text(), {"id": "d", "authors": record.authors}, corpus)
        drafted = data["items"]
        items = corpus.items_of(report)
        covered = dict.fromkeys(("actors", "themes", "kinds"), 0)
        own = dict.fromkeys(("actors", "themes", "kinds"), 0)
        extra = dict.fromkeys(("actors", "themes"), 0)  # suggested, not in the corpus coding
        for item in items:
            wanted = [normalised(quote.text) for quote in item.quotes]
            holding = [
                entry
                for entry in drafted
                if any(
                    find(piece, " ".join(normalised(q["text"]) for q in entry["quotes"]))
                    or any(find(normalised(q["text"]), piece) for q in entry["quotes"])
                    for piece in wanted
                )
            ]
            actors = {key for entry in holding for key in entry["actors"]}
            themes = {key for entry in holding for key in entry["themes"]}
            kinds = {entry["kind"] for entry in holding}
            covered["actors"] += set(item.actors) <= actors
            covered["themes"] += set(item.themes) <= themes
            covered["kinds"] += item.kind in kinds
            quotes = [quote.text for quote in item.quotes]
            actors_own = set(suggester.actor_codes(quotes))
            themes_own = set(suggester.theme_codes(read(quotes)))
            own["actors"] += set(item.actors) <= actors_own
            own["themes"] += set(item.themes) <= themes_own
            extra["actors"] += len(actors_own - set(item.actors))
            extra["themes"] += len(themes_own - set(item.themes))
            own["kinds"] += item.kind == suggester.kind(read(quotes))[0]
        print(f"{report}: {len(items)} items, {len(drafted)} drafted passages")
        for family in covered:
            print(
                f"  {family}: passages cover {covered[family]}/{len(items)} "
                f"({covered[family] / len(items):.0%}); item's own quotes "
                f"{own[family]}/{len(items)} ({own[family] / len(items):.0%})"
                + (f", {extra[family]} more suggested" if family in extra else "")
            )


def main() -> None:
    corpus = load([], use_cache=False)
    quality(corpus)
    with tempfile.TemporaryDirectory() as folder:
        for words in (1_000, 10_000, 100_000):
            wall, cpu = timed(words, Path(folder))
            print(
                f"{words:>7,} words: {wall:.2f} s wall, {cpu:.2f} s CPU "
                f"({cpu / words * 1e6:.1f} µs CPU a word)"
            )


if __name__ == "__main__":
    main()
