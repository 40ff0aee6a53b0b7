"""Team store addresses: a ``postgresql://`` URL or a libpq ``key=value`` string, parsed
so that a password is masked by its position (the URL's userinfo, a ``password``
parameter), never by searching the text for it.

Nothing here imports psycopg: masking must work when the ``team`` extra is missing.
"""

from __future__ import annotations

from urllib.parse import unquote, urlsplit, urlunsplit

MASK = "***"
SCHEMES = ("postgresql", "postgres")


class ConninfoError(ValueError):
    """The string is neither a PostgreSQL URL nor a libpq connection string."""


def is_url(dsn: str) -> bool:
    return dsn.strip().lower().startswith(tuple(f"{s}://" for s in SCHEMES))


def parse_keywords(dsn: str) -> list[tuple[str, str]]:
    """libpq's ``key = value`` pairs: values bare or single-quoted, ``\\`` escapes."""
    pairs: list[tuple[str, str]] = []
    i, n = 0, len(dsn)
    while True:
        while i < n and dsn[i].isspace():
            i += 1
        if i >= n:
            return pairs
        start = i
        while i < n and not dsn[i].isspace() and dsn[i] != "=":
            i += 1
        key = dsn[start:i]
        while i < n and dsn[i].isspace():
            i += 1
        if not key or i >= n or dsn[i] != "=":
            raise ConninfoError("expected key=value")
        i += 1
        while i < n and dsn[i].isspace():
            i += 1
        value: list[str] = []
        if i < n and dsn[i] == "'":
            i += 1
            while True:
                if i >= n:
                    raise ConninfoError("unterminated quoted value")
                if dsn[i] == "\\" and i + 1 < n:
                    value.append(dsn[i + 1])
                    i += 2
                elif dsn[i] == "'":
                    i += 1
                    break
                else:
                    value.append(dsn[i])
                    i += 1
        else:
            while i < n and not dsn[i].isspace():
                if dsn[i] == "\\" and i + 1 < n:
                    value.append(dsn[i + 1])
                    i += 2
                else:
                    value.append(dsn[i])
                    i += 1
        pairs.append((key, "".join(value)))


def _quote_value(value: str) -> str:
    if value and not any(c.isspace() or c in "'\\" for c in value):
        return value
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _mask_url(dsn: str) -> str:
    parts = urlsplit(dsn.strip())
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, hosts = netloc.rsplit("@", 1)
        user, colon, _ = userinfo.partition(":")
        netloc = f"{user}:{MASK}@{hosts}" if colon else f"{user}@{hosts}"
    query = "&".join(
        f"{key}={MASK}" if unquote(key).lower() == "password" else
        (f"{key}={value}" if sep else key)
        for key, sep, value in (item.partition("=") for item in parts.query.split("&") if item))
    return urlunsplit(parts._replace(netloc=netloc, query=query))


def _split_early(dsn: str) -> bool:
    """Whether a URL's user name or password holds a raw ``/``, ``?`` or ``#``: the URL
    is then split there, before its ``@``, and the password's pieces would be read as
    the host, the port, the database or a query (and shown as such)."""
    rest = dsn.strip().split("://", 1)[1]
    end = min((i for i in (rest.find(c) for c in "/?#") if i >= 0), default=len(rest))
    return "@" in rest[end:]  # (an '@' in a database name or a query must be encoded too)


def mask(dsn: str) -> str:
    """The address with any password replaced by ``***``, safe to show anyone."""
    try:
        if is_url(dsn) and _split_early(dsn):
            return dsn.strip().split("://", 1)[0] + "://***"
        if is_url(dsn):
            return _mask_url(dsn)
        pairs = parse_keywords(dsn)
    except (ValueError, ConninfoError):
        return "postgresql://***"
    return " ".join(f"{k}={MASK if k.lower() == 'password' else _quote_value(v)}"
                    for k, v in pairs)


def check(dsn: str) -> None:
    """Raise :class:`ConninfoError` (with no part of the string in its message) unless
    ``dsn`` parses as a URL or a keyword string: psycopg's own errors for a malformed
    string quote pieces of it, which could be the password."""
    if is_url(dsn):
        if _split_early(dsn):
            raise ConninfoError("the user name or password has a raw '/', '?' or '#': "
                                "percent-encode it ('/' as %2F, '?' as %3F, '#' as %23: "
                                "postgresql://user:p%2Fss@host/db)")
        try:
            parts = urlsplit(dsn.strip())
            _ = parts.port
        except ValueError:
            raise ConninfoError("not a valid postgresql:// URL") from None
        if parts.netloc.count("@") > 1:
            # libpq splits the address at the first '@', so the rest of the password
            # would become a host name, quoted in its error message
            raise ConninfoError("the user name or password has a raw '@': percent-encode "
                                "it as %40 (postgresql://user:p%40ss@host/db)")
        return
    if "://" in dsn:
        scheme = dsn.split("://", 1)[0]
        shown = scheme if scheme.isalnum() and len(scheme) < 20 else "?"
        raise ConninfoError(f"database_url must start with postgresql://, not '{shown}://'")
    parse_keywords(dsn)

