"""``python -m keputusan``: the command line."""

from .cli import main

main()
