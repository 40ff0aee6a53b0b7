"""``python -m recoverycli.cli``: the same as ``recover``."""

from . import main

main()
