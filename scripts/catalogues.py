"""The interface's catalogues: extract the messages, update each language, check them.

    python scripts/catalogues.py extract   # src/recoverycli/locale/recover.pot from the code
    python scripts/catalogues.py update    # merge it into every locale/*/LC_MESSAGES/recover.po
    python scripts/catalogues.py check     # what tests/test_i18n.py checks, as a list

Babel is used here and by the build (hatch_build.py compiles the .po files into the .mo
files the wheel carries); the installed program reads the .mo with the stdlib's gettext.
The template has no source locations and a fixed date, so it changes only when a
message does, and a stale one is a real difference.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "recoverycli"
LOCALE = PACKAGE / "locale"
POT = LOCALE / "recover.pot"
KEYWORDS = {"_": None, "N_": None, "M_": None, "ngettext": (1, 2)}
FIXED = datetime(2026, 12, 1, tzinfo=UTC)


def extract() -> Catalog:
    """The messages the code marks, as a template."""
    catalog = Catalog(project="recover", version="", copyright_holder="recover's authors",
                      msgid_bugs_address="", creation_date=FIXED, revision_date=FIXED,
                      charset="utf-8", fuzzy=False)
    for _filename, _line, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",), strip_comment_tags=True):
        catalog.add(message, None, [], auto_comments=comments, context=context)
    return catalog


def text_of(catalog: Catalog) -> str:
    out = io.BytesIO()
    write_po(out, catalog, width=100, no_location=True, sort_output=True,
             include_previous=False)
    # (not the Babel version that wrote it: the template is the same whichever wrote it)
    return "".join(line for line in out.getvalue().decode("utf-8").splitlines(keepends=True)
                   if not line.startswith('"Generated-By:'))


def languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE.glob("*/LC_MESSAGES/recover.po"))


def po_path(lang: str) -> Path:
    return LOCALE / lang / "LC_MESSAGES" / "recover.po"


def read(lang: str) -> Catalog:
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain="recover")


def update() -> None:
    template = extract()
    POT.write_text(text_of(template), encoding="utf-8")
    for lang in languages():
        catalog = read(lang)
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        po_path(lang).write_text(text_of(catalog), encoding="utf-8")


def problems() -> list[str]:
    """A stale template, and every Spanish (or other) message missing or fuzzy."""
    found = []
    if not POT.exists() or POT.read_text(encoding="utf-8") != text_of(extract()):
        found.append(f"{POT.relative_to(ROOT)} is stale: run python scripts/catalogues.py "
                     "update")
    wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}
    for lang in languages():
        catalog = read(lang)
        have = set()
        for message in catalog:
            if not message.id:
                continue
            key = message.id if isinstance(message.id, str) else message.id[0]
            have.add(key)
            strings = message.string if isinstance(message.string, tuple) else (
                message.string,)
            if message.fuzzy:
                found.append(f"{lang}: fuzzy: {key!r}")
            elif not all(strings):
                found.append(f"{lang}: missing: {key!r}")
        found += [f"{lang}: not in the catalogue: {key!r}" for key in sorted(wanted - have)]
    return found


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "extract":
        POT.write_text(text_of(extract()), encoding="utf-8")
    elif command == "update":
        update()
    else:
        listed = problems()
        print("\n".join(listed) or "catalogues up to date")
        sys.exit(1 if listed else 0)
