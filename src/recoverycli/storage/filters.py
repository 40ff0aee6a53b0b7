"""Conditions on the indexed session columns, shared by the session, follow-up and forget
queries."""

from __future__ import annotations

from .columns import name_key


def filters(playbook: str | None = None, customer: str | None = None,
            since: str | None = None, status: str | None = None,
            agent: str | None = None, team: str | None = None
            ) -> tuple[list[str], list[object]]:
    """SQL conditions on indexed session columns, and their parameters."""
    where: list[str] = []
    args: list[object] = []
    for column, value in (("playbook", playbook), ("status", status), ("agent", agent),
                          ("team", team)):
        if value:
            where.append(f"{column} = ?")
            args.append(value)
    if customer:
        where.append("customer_key LIKE ? ESCAPE '\\'")
        args.append("%" + like_escape(name_key(customer) or "") + "%")
    if since:
        where.append("started >= ?")
        args.append(since)
    return where, args


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
