"""The command line: parse options, call the core, map errors to exit codes. Nothing else.

``app`` (with every command registered) and ``main`` (the ``recover`` entry point) are
the two names the rest of the world uses. The arrows point down: each audience module
imports the app and the shared options from :mod:`.app` and registers its commands on
it when imported here; :mod:`.app` imports none of them.
"""

from __future__ import annotations

from .app import app, main

# Registration, in the order --help lists the commands: authoring, the call, practice.
from . import authoring, sessions, practice  # isort: skip

__all__ = ["app", "authoring", "main", "practice", "sessions"]
