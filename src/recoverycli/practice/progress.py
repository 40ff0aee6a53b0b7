"""Progress over time: attempts and scores per playbook and scenario, the weakest steps,
and what to practise next. Pure: reads the store, returns a dict; ``trainer`` prints it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from recoverycli.practice.scenarios import Scenario, localised

if TYPE_CHECKING:
    from recoverycli.storage.store import Store


def progress_report(store: Store, scenarios: list[Scenario],
                    titles: dict[tuple[str, str], str] | None = None) -> dict[str, Any]:
    """Attempts and scores over time per playbook and scenario, the weakest steps, and
    what to practise next. ``titles`` gives a step's title in the reader's language by
    (playbook, step) (the store keeps the English it was played with)."""
    from recoverycli.config import agent_name
    from recoverycli.i18n import _, language, number
    from recoverycli.practice.assigned import mine
    from recoverycli.when import local_today

    # a team store holds every agent's attempts: progress is the configured agent's (and
    # those from before attempts carried their agent)
    who = agent_name()
    groups: dict[tuple[str, str | None, str | None], list[dict[str, Any]]] = {}
    for attempt in store.attempts(who):
        key = (attempt["kind"], attempt["playbook"], attempt["scenario"])
        groups.setdefault(key, []).append(attempt)
    items = []
    for (kind, playbook, scenario), rows in groups.items():
        scores = [round(r["score"]) for r in rows]
        items.append({"kind": kind, "playbook": playbook, "scenario": scenario,
                      "attempts": len(rows), "first": scores[0], "last": scores[-1],
                      "best": max(scores), "scores": scores, "last_at": rows[-1]["started"]})
    weakest = [{**w, "title": (titles or {}).get((w["playbook"], w["step"]), w["title"])}
               for w in store.weakest_steps(agent=who)]
    done = {(i["playbook"], i["scenario"]) for i in items if i["kind"] == "practice"}
    untried = [s for s in scenarios if (s.playbook, s.id) not in done]
    if untried:
        s = untried[0]
        nxt = {"command": f"recover practice {s.playbook} --scenario {s.id}",
               "why": _("not practised yet: {title}").format(title=localised(s, language()).title)}
    elif weakest:
        w = weakest[0]
        known = {sc.id for sc in scenarios}  # not spot-the-mistakes: no --scenario for it
        options = [i for i in items if i["kind"] == "practice" and i["playbook"] == w["playbook"]
                   and i["scenario"] in known]
        worst = min(options, key=lambda i: i["last"]) if options else None
        scenario_part = f" --scenario {worst['scenario']}" if worst else ""
        nxt = {"command": f"recover practice {w['playbook']}{scenario_part}",
               "why": _("weakest step: {title} (average {average})").format(
                   title=w["title"], average=number(w["average"]))}
    else:
        nxt = {"command": "recover quiz", "why": _("no practice recorded yet")}
    assigned = mine(store, local_today())
    todo = [a for a in assigned if a["state"] in ("overdue", "open")]
    if todo:  # what a supervisor asked for comes before what the scores suggest
        a = min(todo, key=lambda a: a["due"])
        nxt = {"command": f"recover practice {a['playbook']} --scenario {a['scenario']}",
               "why": (_("assigned to you, pass mark {mark}: overdue")
                       if a["state"] == "overdue" else
                       _("assigned to you, pass mark {mark}: due {due}")).format(
                           mark=a["pass_mark"], due=a["due"])}
    return {"attempts": items, "weakest_steps": weakest, "assigned": assigned, "next": nxt}
