"""Limits on what a corpus file may be, so that no file can hang or exhaust trilat."""

MAX_BYTES = 4 * 1024 * 1024  # the largest bundled file is under 20 KiB
MAX_NODES = 200_000  # YAML nodes after aliases are expanded: stops alias bombs early
MAX_DEPTH = 64  # nesting levels; the corpus format needs five
