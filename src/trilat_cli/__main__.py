"""`python -m trilat_cli` runs the same program as `trilat`."""

from .cli import main

main()
