"""Practice scenarios: a customer, what went wrong, and what they say at each step of a
playbook, with what a good answer has and a model answer. Loaded and validated like
playbooks (located errors, all at once), and checked against their playbook's steps.

A scenario in more than one language keeps, as a playbook does
(:mod:`recoverycli.playbooks.translations`), a ``translations`` block beside its English:
one entry per string, keyed by where the English stands (:func:`source_texts`: ``title``,
``customer``, ``situation``, ``from_source``, ``invented``, ``steps.<id>.says``,
``steps.<id>.best``, ``steps.<id>.reacts.<flagged|no_apology|good>``), each with the hash
of the English it was made from::

    translations:
      es:
        title: {text: "Las llaves encerradas en el coche de alquiler", source: 925ff211}
        steps.plan.says: {text: "¡Tenemos visitas a partir de las diez!", source: 7a29eb01}

The trainee reads the text in their language (:func:`localised`), string by string, with
English where there is no translation (marked ``[en]``); the coach scores against the
English, which is what it reads.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from recoverycli.errors import DocumentError, NotFoundError
from recoverycli.i18n import _
from recoverycli.playbooks.yamldoc import open_document

if TYPE_CHECKING:
    from yaml import Node

    from recoverycli.playbooks.catalog import Catalog
    from recoverycli.playbooks.model import Playbook
    from recoverycli.playbooks.translations import Translation
    from recoverycli.playbooks.yamldoc import Reader

KEYS = {"id": True, "playbook": True, "title": True, "source": False, "customer": True,
        "situation": True, "route": False, "from_source": False, "invented": False, "fields": False,
        "steps": True, "translations": False}
STEP_KEYS = {"says": True, "expect": False, "best": True, "reacts": False}
# The customer's next line, chosen by what the answer did (see :mod:`.reactions`).
REACT_KEYS = ("flagged", "no_apology", "good")


class ScenarioStep(NamedTuple):
    says: str
    expect: tuple[str, ...]
    best: str
    reacts: tuple[tuple[str, str], ...] = ()  # (REACT_KEYS entry, the customer's line)


class Scenario(NamedTuple):
    id: str
    playbook: str
    title: str
    customer: str
    situation: str
    steps: dict[str, ScenarioStep]
    fields: dict[str, str]
    source: str | None = None
    path: str | None = None
    from_source: str | None = None  # the header: what is the source's story ...
    invented: str | None = None     # ... and what we made up for the exercise
    route: tuple[str, ...] = ()     # the steps walked, when not all (a jump: 3 then 7)
    translations: tuple[Translation, ...] = ()  # the text in other languages

    def walked(self, playbook: Playbook) -> Playbook:
        """The playbook as this scenario walks it: only its route's steps, if it has one."""
        if not self.route:
            return playbook
        return playbook._replace(steps=tuple(playbook.step(s) for s in self.route))


class ScenarioError(DocumentError):
    """A scenario file is invalid."""


def builtin_scenarios() -> Path:
    from recoverycli.paths import builtin

    return builtin("scenarios")


def load_scenario(path: str, catalog: Catalog) -> Scenario:
    from recoverycli.playbooks.model import SLUG
    from recoverycli.practice.elements import ELEMENTS

    root, r = open_document(path, ScenarioError)
    top = r.mapping(root, "", KEYS, [k for k, req in KEYS.items() if req])
    if top is None:
        r.raise_if_problems(ScenarioError)
        raise AssertionError  # pragma: no cover
    values = {k: r.text(top[k], k) for k in ("id", "playbook", "title", "customer",
                                             "situation", "source", "from_source", "invented")
              if k in top}
    if values.get("id") and not SLUG.match(values["id"] or ""):
        r.error(top["id"], "id", _("'{id}' is not a valid id").format(id=values["id"]))
    book = None
    if values.get("playbook"):
        book = catalog.entries.get(values["playbook"] or "")
        if book is None:
            r.error(top["playbook"], "playbook", _("no playbook '{name}' (playbooks: "
                                                   "{known})").format(
                name=values["playbook"], known=", ".join(sorted(catalog.entries))))
    fields: dict[str, str] = {}
    if "fields" in top:
        known = [f.id for f in book.playbook.fields] if book else []
        m = r.mapping(top["fields"], "fields", known) if book else None
        for key, node in (m or {}).items():
            value = r.text(node, f"fields.{key}")
            if value is not None:
                fields[key] = value
    steps: dict[str, ScenarioStep] = {}
    route: tuple[str, ...] = ()
    if "route" in top and book is not None:
        route = r.texts(top["route"], "route")
        known = [s.id for s in book.playbook.steps]
        for sid in route:
            if sid not in known:
                r.error(top["route"], "route", _(
                    "no step '{step}' in playbook '{playbook}' (steps: {known})").format(
                        step=sid, playbook=book.playbook.id, known=", ".join(known)))
        if [known.index(s) for s in route if s in known] != sorted(
                known.index(s) for s in route if s in known):
            r.error(top["route"], "route", _("the route must follow the playbook's order"))
    if "steps" in top and book is not None:
        ids = [s.id for s in book.playbook.steps]
        m = r.mapping(top["steps"], "steps", ids)
        for sid, node in (m or {}).items():
            where = f"steps.{sid}"
            sm = r.mapping(node, where, STEP_KEYS, [k for k, req in STEP_KEYS.items() if req])
            if sm is None:
                continue
            expect = r.texts(sm["expect"], f"{where}.expect") if "expect" in sm else ()
            for name in expect:
                if name not in ELEMENTS:
                    r.error(sm["expect"], f"{where}.expect", _(
                        "unknown element '{name}' (elements: {known})").format(
                            name=name, known=", ".join(ELEMENTS)))
            says = r.text(sm["says"], f"{where}.says") if "says" in sm else None
            best = r.text(sm["best"], f"{where}.best") if "best" in sm else None
            reacts: list[tuple[str, str]] = []
            if "reacts" in sm:
                rm = r.mapping(sm["reacts"], f"{where}.reacts", REACT_KEYS)
                for key, rnode in (rm or {}).items():
                    said = r.text(rnode, f"{where}.reacts.{key}")
                    if said:
                        reacts.append((key, said))
            if says and best:
                steps[sid] = ScenarioStep(says, expect, best, tuple(reacts))
        if m is not None:
            for sid in route or ids:
                if sid not in m:
                    r.error(top["steps"], "steps", _(
                        "no line for step '{step}' of playbook '{playbook}'; every step "
                        "needs one").format(step=sid, playbook=book.playbook.id))
    scenario = Scenario(values["id"] or "", values["playbook"] or "", values["title"] or "",
                        values["customer"] or "", values["situation"] or "", steps, fields,
                        values.get("source"), path, values.get("from_source"),
                        values.get("invented"), route)
    if "translations" in top:
        scenario = scenario._replace(translations=_read_translations(
            r, top["translations"], source_texts(scenario)))
    r.raise_if_problems(ScenarioError)
    return scenario


def _read_translations(r: Reader, node: Node, texts: dict[str, str]
                       ) -> tuple[Translation, ...]:
    """The ``translations`` block, read as a playbook's is; each key must name a text of
    this scenario (located, with the nearest key when there is one)."""
    import difflib

    from recoverycli.playbooks.translations import read_block

    out = []
    for entry, at in read_block(r, node):
        if entry.key not in texts:
            near = difflib.get_close_matches(entry.key, list(texts), n=1, cutoff=0.6)
            said = (_("'{key}' names no text of this scenario; did you mean '{near}'?")
                    if near else
                    _("'{key}' names no text of this scenario (keys: title, customer, "
                      "situation, steps.<id>.says, steps.<id>.best, ...)"))
            r.error(at, f"translations.{entry.lang}.{entry.key}",
                    said.format(key=entry.key, near=near[0] if near else ""))
            continue
        out.append(entry)
    return tuple(out)


def source_texts(scenario: Scenario) -> dict[str, str]:
    """Every text of a scenario the trainee reads, by key, in the file's order."""
    out = {"title": scenario.title, "customer": scenario.customer,
           "situation": scenario.situation}
    if scenario.from_source:
        out["from_source"] = scenario.from_source
    if scenario.invented:
        out["invented"] = scenario.invented
    for sid, step in scenario.steps.items():
        out[f"steps.{sid}.says"] = step.says
        out[f"steps.{sid}.best"] = step.best
        for key, said in step.reacts:
            out[f"steps.{sid}.reacts.{key}"] = said
    return out


def gaps(scenario: Scenario, lang: str) -> list[tuple[str, str]]:
    """(key, "missing" or "stale") for each text with no translation in ``lang``, or one
    whose English changed since it was translated."""
    from recoverycli.playbooks.translations import digest

    have = {t.key: t for t in scenario.translations if t.lang == lang}
    return [(key, "missing" if key not in have else "stale")
            for key, english in source_texts(scenario).items()
            if key not in have or have[key].source != digest(english)]


def localised(scenario: Scenario, lang: str | None) -> Scenario:
    """The scenario as the trainee reads it in ``lang``: each text translated where the
    file has it, else the English marked ``[en]``. English, or a language the scenario has
    no translations for, is the scenario as it is."""
    from recoverycli.playbooks.translations import FALLBACK, SOURCE

    if not lang or lang == SOURCE or not any(t.lang == lang for t in scenario.translations):
        return scenario
    have = {t.key: t.text for t in scenario.translations if t.lang == lang}

    def text(key: str, english: str) -> str:
        return have.get(key, FALLBACK + english)

    def maybe(key: str, english: str | None) -> str | None:
        return text(key, english) if english else english

    steps = {sid: step._replace(
        says=text(f"steps.{sid}.says", step.says), best=text(f"steps.{sid}.best", step.best),
        reacts=tuple((key, text(f"steps.{sid}.reacts.{key}", said)) for key, said in step.reacts))
        for sid, step in scenario.steps.items()}
    return scenario._replace(
        title=text("title", scenario.title), customer=text("customer", scenario.customer),
        situation=text("situation", scenario.situation),
        from_source=maybe("from_source", scenario.from_source),
        invented=maybe("invented", scenario.invented), steps=steps)


def scenario_files() -> list[Path]:
    from recoverycli.paths import user_config_dir
    from recoverycli.playbooks.catalog import playbook_files

    return [*playbook_files(builtin_scenarios()), *playbook_files(user_config_dir() / "scenarios")]


def load_scenarios(catalog: Catalog) -> tuple[list[Scenario], list[ScenarioError]]:
    found: dict[str, Scenario] = {}
    broken: list[ScenarioError] = []
    for path in scenario_files():
        try:
            scenario = load_scenario(str(path), catalog)
        except ScenarioError as exc:
            broken.append(exc)
            continue
        found[scenario.id] = scenario
    return list(found.values()), broken


def pick(scenarios: list[Scenario], playbook: str, scenario_id: str | None) -> Scenario:
    if scenario_id is not None:
        from recoverycli.names import matching, nearest

        scenario_id = matching(scenario_id, (s.id for s in scenarios)) or scenario_id
        for scenario in scenarios:
            if scenario.id == scenario_id:
                if scenario.playbook != playbook:
                    raise NotFoundError(_("scenario '{id}' is for playbook '{actual}', not "
                                          "'{playbook}'").format(
                        id=scenario_id, actual=scenario.playbook, playbook=playbook))
                return scenario
        near = nearest(scenario_id, (s.id for s in scenarios))
        said = (_("no scenario '{id}'; did you mean '{near}'? (scenarios: {known})") if near
                else _("no scenario '{id}' (scenarios: {known})"))
        raise NotFoundError(said.format(id=scenario_id, near=near,
                                        known=", ".join(s.id for s in scenarios)))
    for scenario in scenarios:
        if scenario.playbook == playbook:
            return scenario
    raise NotFoundError(_("no scenario for playbook '{playbook}' (scenarios are for: "
                          "{known})").format(
        playbook=playbook, known=", ".join(sorted({s.playbook for s in scenarios}))))
