"""Limits on what a corpus file may be, so that no file can hang or exhaust trilat."""

MAX_BYTES = 4 * 1024 * 1024  # the largest bundled file is under 20 KiB
MAX_NODES = 100_000  # YAML nodes, keys included and aliases expanded: bounds time (about 2 s)
MAX_DEPTH = 64  # nesting levels; the corpus format needs six
MAX_PROBLEMS = 100  # problems listed in full; the rest are counted ("and 123 more problems")
MAX_COUNTED = 10_000  # past this many problems, checking stops ("more than 10,000 problems")
MAX_TEXT = 8 * 1024 * 1024  # characters of text, aliases expanded: bounds what output can cost
MAX_NUMBER = 100  # characters of a number as written: a sexagesimal 1:1:1:... costs quadratic time
