"""Build hook: compile the interface's catalogues (``locale/*/LC_MESSAGES/recover.po``)
into the ``.mo`` files gettext reads, for the wheel and for an editable install alike.

Babel is a build requirement only ([build-system] requires): it reads the ``.po`` files
here and is not installed with recover, which reads the ``.mo`` files with the stdlib's
gettext. The ``.mo`` files are written beside their ``.po`` (git ignores them) and listed
as artifacts, so the wheel carries them and an editable install finds them in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root)
        for po in sorted((root / "src" / "recoverycli" / "locale").glob(
                "*/LC_MESSAGES/recover.po")):
            with po.open("rb") as handle:
                catalog = read_po(handle, locale=po.parent.parent.name, domain="recover")
            mo = po.with_suffix(".mo")
            with mo.open("wb") as handle:
                write_mo(handle, catalog, use_fuzzy=False)
            build_data["artifacts"].append(mo.relative_to(root).as_posix())
