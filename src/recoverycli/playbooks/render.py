"""Playbooks as people read them: a step's body, the rehearsal card, the catalog's rows.
Rich renderables only; nothing here prints."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import (
    RenderableType,
)
from rich.text import Text

from recoverycli.i18n import N_, _
from recoverycli.playbooks.catalog import Catalog
from recoverycli.playbooks.model import Playbook, Step, fill
from recoverycli.text import visible

if TYPE_CHECKING:
    pass

from recoverycli.render import BLANK, PLAIN_BULLETS, Hanging, Rows, _labelled, literal


def step_body(playbook: Playbook, step: Step, values: dict[str, str] | None = None,
              indent: int = 0, keys: bool = False, plain: bool = False,
              brief: bool = False) -> list[RenderableType]:
    """Why, do, say, avoid and branches of one step, shared by the card and the run.

    ``keys``: the run's screen, which names the keys (``j``, the choices' numbers).
    ``plain``: no symbols a screen reader would spell out, for ``--accessible``.
    ``brief``: without why and the source, for a step too tall for the terminal.
    """
    if not (step.why or step.do or step.say or step.avoid or step.ask or step.jump
            or step.next or step.cite):
        return []  # a title alone (a card of 95,000 such steps is drawn in one go)
    values = values or {}
    parts: list[RenderableType] = []
    arrow = _(", then ") if plain else " → "

    def bullet(mark: str) -> str:
        return PLAIN_BULLETS.get(mark, mark) if plain else mark

    def line(*pieces: Text | tuple[str, str] | str) -> None:
        parts.append(Hanging(Text.assemble(*pieces), indent))

    if step.why and not brief:
        line((_("Why: "), "bold"), literal(step.why, "italic"))
    parts += _labelled(_("Do:"), (fill(d, values, plain) for d in step.do), bullet("•"), "",
                       indent)
    quote = ('"', '"') if plain else ("“", "”")
    parts += _labelled(_("Say:"), (f"{quote[0]}{fill(s, values, plain)}{quote[1]}"
                                for s in step.say), bullet("›"), "green", indent)
    parts += _labelled(_("Avoid:"), step.avoid, bullet("✗"), "red", indent)
    if step.ask:
        line((_("Ask: "), "bold"), literal(step.ask.question))
        for number, choice in enumerate(step.ask.choices, start=1):
            target = playbook.after_choice(step.id, choice)
            lead = f"{number}. " if keys and len(step.ask.choices) <= 9 else bullet("?") + " "
            parts.append(Hanging(Text.assemble(literal(choice.label), arrow,
                                               _target(playbook, target)), indent + 4, lead,
                                 "bold cyan" if keys else ""))
    if step.jump:
        line((_("Branch (j): ") if keys else _("Branch: "), "bold"), literal(step.jump.label),
             arrow, _target(playbook, step.jump.to))
    elif step.next:
        line((_("Then: "), "bold"), _target(playbook, playbook.after(step.id)))
    if step.cite and not brief:
        line((_("Source: "), "dim"), literal(step.cite, "dim"))
    return parts


def _target(playbook: Playbook, step_id: str | None) -> Text:
    if step_id is None or step_id == "end":
        return Text(_("end"))
    return literal(f"{playbook.number(step_id)}. {playbook.step(step_id).title}")


def rehearsal_card(playbook: Playbook) -> RenderableType:
    """The whole playbook as numbered steps, for rehearsing before a call."""
    parts: list[RenderableType] = [
        Hanging(Text.assemble(literal(playbook.title, "bold underline"), f"  ({playbook.id})"), 0),
    ]
    if playbook.source:
        src = playbook.source
        before, _name, after = _("After {author}, “{title}”").partition("{author}")
        between, _title, last = after.partition("{title}")
        parts.append(Hanging(Text.assemble(before, literal(src.author, "bold"), between,
                                           literal(src.title), last), 0))
    if playbook.summary:
        parts.append(Hanging(literal(playbook.summary), 0))
    if playbook.fields:
        names = ", ".join(f.id + ("*" if f.required else "") for f in playbook.fields)
        parts.append(Hanging(Text.assemble((_("Case fields: "), "bold"), literal(names)), 0))
    for number, step in enumerate(playbook.steps, start=1):
        parts.append(BLANK)
        parts.append(Hanging(((visible(step.title), "bold"),), 3, f"{number}. ", "bold cyan"))
        parts += step_body(playbook, step, indent=3)
    return Rows(parts)


def fallback_note(count: int, lang: str) -> str:
    """Said once when a playbook is shown or run in a language it is not wholly
    translated into: the strings in English are marked where they stand."""
    from recoverycli.i18n import language_name, ngettext

    return ngettext("{count} text of this playbook has no translation into {language} yet: "
                    "shown in English, marked [en]",
                    "{count} texts of this playbook have no translation into {language} yet: "
                    "shown in English, marked [en]", count).format(
                        count=count, language=language_name(lang))


def untranslated_note(lang: str) -> str:
    """Said when a language is asked for (``--lang``) that a playbook has no text in."""
    from recoverycli.i18n import _, language_name

    return _("this playbook has no translation into {language}: shown in English").format(
        language=language_name(lang))


def origin_label(origin: str) -> str:
    """Where a playbook came from, as the list and doctor say it (``built-in``, ``user``;
    the names ``RECOVER_PLAYBOOKS`` and ``--playbooks`` as they are)."""
    labels = {"built-in": N_("built-in"), "user": N_("user"), "team": N_("team")}
    return str(labels[origin]) if origin in labels else origin


def catalog_rows(catalog: Catalog) -> list[tuple[str, str, str, int, str]]:
    rows = []
    for pid in sorted(catalog.entries):
        entry = catalog.entries[pid]
        book = entry.playbook
        hidden = ", ".join(s.split(" ", 1)[0] for s in entry.shadows)
        where = _("team v{version}").format(version=book.version) if entry.origin == "team" \
            else origin_label(entry.origin)
        origin = where + (_(" (shadows {hidden})").format(hidden=hidden) if hidden else "")
        from recoverycli.playbooks.authoring import is_skeleton

        author = book.source.author if book.source else None
        title = book.title
        if is_skeleton(book.title, author):
            title = _("[draft] {title}").format(title=title)
        rows.append((book.id, title, author or "-", len(book.steps), origin))
    return rows
