"""Commands for supervisors: assign a practice scenario to an agent or a team, list the
assignments, withdraw one (issue 22). Parsing only; the rows are
:mod:`recoverycli.storage.assignments`, the standing of each is
:mod:`recoverycli.practice.assigned`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from recoverycli.i18n import M_, _

from .app import PlaybooksOption, _dirs, _store, app
from .complete import scenario_ids

if TYPE_CHECKING:
    from datetime import date

    from recoverycli.storage.store import Store


# seconds any one statement of assign may take on the team store: a table another session
# holds locked is said in seconds, not after the batch bound's minute (red team)
ASSIGN_BOUND = 10.0


@app.command(short_help=M_("Assign a practice scenario to an agent or a team."), help=M_(
    "Assign a practice scenario, due by a date, with a pass mark: e.g. 'recover assign "
    "phone-complaint --to sam --by friday --pass 80'. The trainee's 'practice' offers it "
    "first, 'progress' shows it, and the report says who passed it by the date.\n\n"
    "Stored in the team store (every agent sees it), or in the local store when no team "
    "store is set. 'assign --list' (or 'assign' alone) lists the open ones; 'assign "
    "--cancel ID' withdraws one."))
def assign(
    scenario: Annotated[str | None, typer.Argument(
        autocompletion=scenario_ids, show_default=False,
        help=M_("The scenario to assign (an id: recover practice --list)."))] = None,
    to: Annotated[str | None, typer.Option("--to", metavar="AGENT",
                                           help=M_("The agent it is for."))] = None,
    team: Annotated[str | None, typer.Option("--team", metavar="TEAM",
                                             help=M_("Every agent of this team."))] = None,
    by: Annotated[str | None, typer.Option(
        "--by", metavar="DATE", help=M_("Due by: YYYY-MM-DD, Nd, Nw, tomorrow or a weekday "
        "(friday, next tue)."))] = None,
    pass_given: Annotated[str, typer.Option("--pass", metavar="SCORE",
                                            help=M_("The score that passes, 0 to 100."))] = "70",
    list_them: Annotated[bool, typer.Option("--list", help=M_("List the open assignments "
                                                          "(also: assign alone)."))] = False,
    every: Annotated[bool, typer.Option("--all", help=M_("With --list: withdrawn ones too, "
                                                      "with who withdrew them and when."))
                     ] = False,
    cancel: Annotated[str | None, typer.Option("--cancel", metavar="ID",
                                               help=M_("Withdraw an assignment (its id or "
                                               "the start of it)."))] = None,
    as_json: Annotated[bool, typer.Option("--json", help=M_("With --list: JSON for scripts."))
                       ] = False,
    playbooks: PlaybooksOption = None,
) -> None:
    from recoverycli.errors import UsageError

    if cancel is not None:
        if scenario or to or team or by or list_them or every:
            raise UsageError(_("--cancel withdraws one assignment: give it alone with its id"))
        _cancel(cancel)
        return
    if scenario is None:
        if to or team or by:
            raise UsageError(_("name the scenario to assign, e.g. recover assign "
                               "phone-complaint --to sam --by friday"))
        _list(as_json, every)
        return
    if list_them or as_json or every:
        raise UsageError(_("--list, --all and --json list the assignments: give them "
                           "without a scenario"))
    pass_mark = _pass_mark(pass_given)
    from recoverycli.when import local_today

    today = local_today()
    found = _scenario(scenario, playbooks)
    target_agent, target_team = _target(to, team)
    due = _due(by, today)
    store = _store(require="assign", bound=ASSIGN_BOUND)
    from recoverycli.errors import StoreError

    try:
        _add(store, found, target_agent, target_team, due, pass_mark)
    except StoreError as exc:  # the server went away or held the table past the bound
        raise StoreError(_("{reason}; nothing was assigned").format(reason=exc.message)) from None


def _pass_mark(given: str) -> int:
    """``--pass``: a whole number from 0 to 100 (click's "is not a valid int range"
    said nothing a supervisor could act on)."""
    import re

    from recoverycli.errors import UsageError
    from recoverycli.text import one_line

    text = given.strip()
    if not re.fullmatch(r"\d{1,3}", text) or int(text) > 100:
        raise UsageError(_("--pass takes a whole number from 0 to 100, not '{given}'").format(
            given=one_line(given)))
    return int(text)


def _scenario(given: str, playbooks: list[Path] | None) -> Any:
    """The scenario ``given`` names (any case), or a usage error with a did-you-mean."""
    from recoverycli.errors import UsageError
    from recoverycli.names import did_you_mean, matching
    from recoverycli.playbooks.catalog import load_catalog
    from recoverycli.practice.scenarios import load_scenarios

    scenarios, _errors = load_scenarios(load_catalog(_dirs(playbooks)))
    ids = [s.id for s in scenarios]
    found = matching(given, ids)
    if found is None:
        raise UsageError(_("no scenario '{given}'{near} (scenarios: {ids}; recover practice "
                           "--list)").format(given=given, near=did_you_mean(given, ids),
                                             ids=", ".join(ids)))
    return next(s for s in scenarios if s.id == found)


def _target(to: str | None, team: str | None) -> tuple[str | None, str | None]:
    from recoverycli.errors import UsageError
    from recoverycli.text import clean

    if to is not None and team is not None:
        raise UsageError(_("give --to AGENT or --team TEAM, not both"))
    if to is None and team is None:
        raise UsageError(_("say who it is for: --to AGENT or --team TEAM"))
    value = (to if to is not None else team) or ""
    if not value.strip() or clean(value) != value or any(c in value for c in "\t\n\r"):
        raise UsageError(_("{option}: not a name: '{value}'").format(
            option="--to" if to is not None else "--team", value=value))
    return (value.strip(), None) if to is not None else (None, value.strip())


def _due(by: str | None, today: date) -> str:
    from recoverycli.errors import UsageError
    from recoverycli.when import parse_follow_up

    if by is None:
        raise UsageError(_("say when it is due: --by DATE (YYYY-MM-DD, Nd (days), Nw (weeks), "
                           "today, tomorrow or a weekday (friday, next tue))"))
    try:
        value = parse_follow_up(by, today)[:10]
    except UsageError as exc:
        import re

        from recoverycli.when import follow_up_horizon

        last = follow_up_horizon(today).isoformat()
        if last in exc.message or re.fullmatch(r"\s*\d+\s*[dw]\s*", by, re.I):
            # a date past the horizon, or more days than a calendar has: a true message
            raise UsageError(_("--by {by}: too far ahead; give a date up to {last}").format(
                by=by, last=last)) from None
        raise UsageError(_("--by: cannot read '{by}' as a date; use YYYY-MM-DD, Nd (days), "
                           "Nw (weeks), today, tomorrow or a weekday (friday, next tue)"
                           ).format(by=by)) from None
    if value < today.isoformat():
        raise UsageError(_("--by {by}: {value} is before today ({today}); give today or a "
                           "later date").format(by=by, value=value, today=today.isoformat()))
    return value


def _where(store: Store) -> str:
    if store.kind == "postgresql":
        return _("in the team store {where}").format(where=store.where)
    return _("in the local store {where} (no team store is set: only this machine's "
             "recover sees it)").format(where=store.where)


def _say(text: str) -> str:
    """A message through the text gate, wrapped on words at the terminal's width."""
    import textwrap

    from recoverycli.table import terminal_width
    from recoverycli.text import one_line

    return textwrap.fill(one_line(text), width=terminal_width() or 80,
                         break_long_words=False, break_on_hyphens=False)


def _add(store: Store, scenario: Any, agent: str | None, team: str | None, due: str,
         pass_mark: int) -> None:
    import time

    from recoverycli.config import agent_name
    from recoverycli.storage import assignments as queries
    from recoverycli.storage.columns import iso
    from recoverycli.storage.ids import new_id
    from recoverycli.when import set_words

    same = store.read(queries.same_open, scenario.id, agent, team, due)
    if same is not None:
        from recoverycli.errors import RecoverError

        raise RecoverError(_("already assigned: {id} ({scenario} for {who}, due {due}); "
                             "nothing was added").format(
            id=str(same["id"])[:8], scenario=scenario.id,
            who=agent or _("team {team}").format(team=team), due=due))
    _warn_unknown(store, "agent" if agent is not None else "team", agent or team or "")
    row = {"id": new_id(), "scenario": scenario.id, "playbook": scenario.playbook,
           "agent": agent, "team": team, "due": due, "pass_mark": pass_mark,
           "assigned_by": agent_name(), "assigned_at": iso(time.time())}
    store.read(queries.add, row)  # (a write: driver errors made store errors)
    who = agent if agent else _("team {team}").format(team=team)
    print(_say(_("Assigned {scenario} ({title}) to {who}, due by {due}, pass mark {mark}: "
                 "id {id}, stored {where}.").format(
        scenario=scenario.id, title=scenario.title, who=who, due=set_words(due),
        mark=pass_mark, id=row["id"][:8], where=_where(store))))


def _warn_unknown(store: Store, column: str, name: str) -> None:
    """A name no session or attempt in the store uses (``--to Ann`` for ``ann``): said,
    with the nearest known name, and stored all the same (a new hire has none yet)."""
    from recoverycli.names import nearest
    from recoverycli.storage import assignments as queries
    from recoverycli.text import one_line

    known = store.read(queries.names_in_use, column)
    if name in known:
        return
    same_case = [k for k in known if k.lower() == name.lower()]
    near = same_case[0] if same_case else nearest(name, known)
    if near:
        message = _("warning: no session or practice attempt in this store is by {column} "
                    "'{name}'; did you mean '{near}'?")
    else:
        message = _("warning: no session or practice attempt in this store is by {column} "
                    "'{name}' (stored: a new agent may have none yet)")
    words = {"agent": _("agent"), "team": _("team")}
    sys.stderr.write(one_line(message.format(column=words.get(column, column), name=name,
                                             near=near)) + "\n")


def _list(as_json: bool, every: bool = False) -> None:
    from recoverycli.storage import assignments as queries

    store = _store(require="assign --list", bound=ASSIGN_BOUND)
    rows = store.read(queries.every_one if every else queries.open_ones)
    if as_json:
        from recoverycli.text import dumps

        print(dumps({"store": store.where, "assignments": rows}, indent=2))
        return
    if not rows:
        print(_say(_("No open assignments {where}. Assign one: recover assign "
                     "SCENARIO --to AGENT --by DATE").format(where=_where(store))))
        return
    from recoverycli.table import columns, page
    from recoverycli.when import local_today, with_weekday

    today = local_today().isoformat()
    due_h, by_h, gone_h = _("due"), _("assigned by"), _("withdrawn")
    heads = ("id", _("scenario"), _("for"), due_h, _("pass"), by_h)
    table = columns((*heads, gone_h) if every else heads, (
        (r["id"][:8], r["scenario"], r["agent"] or _("team {team}").format(team=r["team"]),
         with_weekday(r["due"]) + (_(" (past)") if r["due"] < today else ""), r["pass_mark"],
         f"{r['assigned_by']} {str(r['assigned_at'])[:10]}",
         *([_("withdrawn by {who} {day}").format(who=r["cancelled_by"],
                                                 day=str(r["cancelled_at"])[:10])
            if r["cancelled_at"] else "-"] if every else [])) for r in rows),
        keep=("id", due_h),
        flexible=(heads[2], heads[1], by_h, *((gone_h,) if every else ())))
    title = (_("Every assignment, withdrawn ones too, {where}:") if every
             else _("Open assignments {where}:"))
    page(_say(title.format(where=_where(store))) + "\n" + table
         + _("Withdraw one: recover assign --cancel ID") + "\n")


def _cancel(given: str) -> None:
    import time

    from recoverycli.config import agent_name
    from recoverycli.storage import assignments as queries
    from recoverycli.storage.columns import iso
    from recoverycli.when import with_weekday

    store = _store(require="assign --cancel", bound=ASSIGN_BOUND)
    row = store.read(queries.cancel, given, agent_name(), iso(time.time()))
    who = row["agent"] or _("team {team}").format(team=row["team"])
    by = row["cancelled_by"]
    whose = (_(" (withdrawn by {by}; it was assigned by {assigner}: 'recover assign --list "
               "--all' shows both)").format(by=by, assigner=row["assigned_by"])
             if row["assigned_by"] != by else "")
    sys.stdout.write(_say(_("Withdrew assignment {id}: {scenario} for {who}, due {due}."
                            "{whose}").format(id=row["id"][:8], scenario=row["scenario"],
                                              who=who, due=with_weekday(row["due"]),
                                              whose=whose)) + "\n")
