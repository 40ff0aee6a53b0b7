"""The command line: parse options, call the core, map errors to exit codes. Nothing else.

``app`` (with every command registered) and ``main`` (the ``recover`` entry point) are
the two names the rest of the world uses. The arrows point down: each audience module
imports the app and the shared options from :mod:`.app` and registers its commands on
it when imported here; :mod:`.app` imports none of them (only :mod:`.doctor`, the body of
one of its own commands). The cli may import any package below it.
"""

from __future__ import annotations

from .app import app, main

# Registration, in the order --help lists the commands: authoring, the call and after it,
# the stored data as a whole, practice, assigned practice.
from . import authoring, publish, sessions, live, data, practice, assign  # isort: skip

__all__ = ["app", "assign", "authoring", "data", "live", "main", "practice", "publish",
           "sessions"]
