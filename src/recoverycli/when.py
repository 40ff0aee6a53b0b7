"""Reading the dates and durations people type: ``2026-12-01``, ``2d``, ``1w``, ``tomorrow``,
``friday``, ``next tue``.

Every parse failure is a :class:`~recoverycli.errors.UsageError` that says what would
have been understood, so a typo costs one line, not a traceback.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .errors import UsageError

_SPAN = re.compile(r"^\s*(\d{1,4})\s*([dw])\s*$", re.IGNORECASE)
FORMS = "YYYY-MM-DD, Nd (days), Nw (weeks), today, tomorrow or a weekday (friday, next tue)"
FOLLOW_UP_FORMS = FORMS + ", optionally with a time (14:30, 9am, morning)"
_TIME = re.compile(r"^(?P<rest>.*?)\s*(?:\bat\s+)?(?:(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*"
                   r"(?P<ampm>am|pm)|(?P<h24>\d{1,2}):(?P<m24>\d{2})|(?P<word>morning|"
                   r"afternoon|evening|noon))\s*$", re.IGNORECASE)
HORIZON_YEARS = 10  # the latest follow-up taken, from today
_PARTS = {"morning": (9, 0), "noon": (12, 0), "afternoon": (14, 0), "evening": (18, 0)}
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SHORT = {"tues": 1, "thur": 3, "thurs": 3}


def _day_index(word: str) -> int | None:
    """Monday is 0: a weekday's name, its first three letters, or tues/thur/thurs."""
    if word in _SHORT:
        return _SHORT[word]
    for index, day in enumerate(DAYS):
        if word == day or word == day[:3]:
            return index
    return None


def _weekday(word: str, today: date) -> date | None:
    """``friday``, ``fri``, ``next tue``, ``this friday``, ``on monday``: the coming day
    of that name. Alone or with "next", today's own weekday means a week on; with
    "this", it means today."""
    parts = word.split()
    if parts[:1] == ["on"]:
        parts = parts[1:]
    which = parts.pop(0) if parts[:1] in (["this"], ["next"]) else None
    if len(parts) != 1:
        return None
    index = _day_index(parts[0])
    if index is None:
        return None
    ahead = (index - today.weekday()) % 7
    if ahead == 0 and which != "this":
        ahead = 7
    return today + timedelta(days=ahead)


def _span(text: str) -> timedelta | None:
    match = _SPAN.match(text)
    if match is None:
        return None
    count, unit = int(match.group(1)), match.group(2).lower()
    return timedelta(days=count * (7 if unit == "w" else 1))


# Spanish as a Spanish-speaking agent types it, read as the English words below it:
# "el viernes", "mañana por la tarde", "en 3 días", "la próxima semana", "a las 10:00".
_ES_DAYS = {"lunes": "monday", "martes": "tuesday", "miercoles": "wednesday",
            "jueves": "thursday", "viernes": "friday", "sabado": "saturday",
            "domingo": "sunday"}
_ES_PHRASES = (
    (r"\bpasado manana\b", "2d"),
    (r"\b(?:la )?(?:proxima semana|semana que viene)\b", "1w"),
    (r"\b(?:en|dentro de) (\d{1,4}) dias?\b", r"\1d"),
    (r"\b(?:en|dentro de) (\d{1,4}) semanas?\b", r"\1w"),
    (r"\bpor la manana\b", "morning"), (r"\bpor la tarde\b", "afternoon"),
    (r"\bpor la noche\b", "evening"), (r"\bal mediodia\b", "noon"),
    (r"\bmanana\b", "tomorrow"), (r"\bhoy\b", "today"),
    (r"\bel (\w+) que viene\b", r"next \1"), (r"\b(?:el )?proximo (\w+)\b", r"next \1"),
    (r"\beste (\w+)\b", r"this \1"), (r"^el\s+", ""), (r"\ba las\s+", ""),
)


def _from_spanish(text: str) -> str:
    """``text`` with the Spanish date words above read as English ones (English as is)."""
    import unicodedata

    folded = "".join(ch for ch in unicodedata.normalize("NFD", text.strip().lower())
                      if unicodedata.category(ch) != "Mn")
    for pattern, english in _ES_PHRASES:
        folded = re.sub(pattern, english, folded)
    for spanish, english in _ES_DAYS.items():
        folded = re.sub(rf"\b{spanish}\b", english, folded)
    return folded


def parse_when(text: str, today: date) -> date:
    """A date in the future or today: ISO date, ``Nd``/``Nw`` from today, or a word."""
    word = _from_spanish(text).strip().lower()
    if word == "today":
        return today
    if word == "tomorrow":
        return today + timedelta(days=1)
    span = _span(word)
    if span is not None:
        return today + span
    day = _weekday(word, today) if word else None
    if day is not None:
        return day
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise UsageError(f"cannot read '{text}' as a date; use {FORMS}") from None


def parse_since(text: str, today: date) -> date:
    """A date in the past: ISO date, or ``Nd``/``Nw`` ago, ``today``, ``yesterday``."""
    word = text.strip().lower()
    if word == "today":
        return today
    if word == "yesterday":
        return today - timedelta(days=1)
    span = _span(word)
    if span is not None:
        return today - span
    from .i18n import _

    try:
        day = date.fromisoformat(word)
    except ValueError:
        raise UsageError(_("cannot read '{text}' as a date; use YYYY-MM-DD, Nd or Nw (days "
                           "or weeks ago), today or yesterday").format(text=text)) from None
    if day > today:
        raise UsageError(_("--since {text}: is after today ({today}); give a date in the "
                           "past").format(text=text, today=today.isoformat()))
    if day.year < 1970:
        raise UsageError(_("--since {text}: is before 1970, before any session could "
                           "start; check the year").format(text=text))
    return day


def parse_age(text: str) -> timedelta:
    """A duration such as ``90d`` or ``12w``."""
    span = _span(text)
    if span is None:
        from .i18n import _

        raise UsageError(_("cannot read '{text}' as an age; use Nd (days) or Nw "
                           "(weeks)").format(text=text))
    return span


def local_today() -> date:
    return datetime.now().date()


def parse_follow_up(text: str, today: date) -> str:
    """A follow-up as people say it: a date (as :func:`parse_when`) and an optional time
    ("2d 14:30", "tomorrow morning", "2026-12-01 9am"); returned as ``YYYY-MM-DD`` or
    ``YYYY-MM-DD HH:MM``, local wall-clock time, which sorts as text."""
    cleaned = _from_spanish(text).strip()
    match = _TIME.match(cleaned)
    clock: tuple[int, int] | None = None
    if match and (match.group("rest") or "").strip():
        if match.group("word"):
            clock = _PARTS[match.group("word").lower()]
        elif match.group("h24") is not None:
            clock = (int(match.group("h24")), int(match.group("m24")))
        else:
            hour = int(match.group("h"))
            if not 1 <= hour <= 12:  # "13pm", "00am": no such time (-1 is refused below)
                hour = -1
            else:
                hour = hour % 12 + (12 if match.group("ampm").lower() == "pm" else 0)
            clock = (hour, int(match.group("m") or 0))
        cleaned = match.group("rest").strip()
    try:
        day = parse_when(cleaned, today)
    except UsageError:
        from .i18n import _

        raise UsageError(_("cannot read '{text}' as a follow-up; use YYYY-MM-DD, Nd (days), "
                           "Nw (weeks), today, tomorrow or a weekday (friday, next tue), "
                           "optionally with a time (14:30, 9am, morning)").format(text=text)
                         ) from None
    last = follow_up_horizon(today)
    if day > last:
        raise UsageError(f"cannot use '{text}' as a follow-up: {day.isoformat()} is more "
                         f"than {HORIZON_YEARS} years away; give a date up to "
                         f"{last.isoformat()}")
    if clock is None:
        return day.isoformat()
    if not (0 <= clock[0] < 24 and 0 <= clock[1] < 60):
        raise UsageError(f"cannot read '{text}' as a follow-up: no such time of day")
    return f"{day.isoformat()} {clock[0]:02d}:{clock[1]:02d}"


def follow_up_horizon(today: date) -> date:
    """The latest follow-up taken: ten years from today (a later one is a typo, and the
    calendar ends at 9999-12-31)."""
    try:
        return today.replace(year=today.year + HORIZON_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year + HORIZON_YEARS, day=28)


def follow_up_past(value: str, now: datetime | None = None) -> bool:
    """Whether a follow-up (``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM``, local) has already
    gone by: a day before today, or today at a time that has passed ("today 00:00" at
    noon). A day with no time is not past until it is over."""
    now = now or datetime.now()
    day = follow_up_day(value)
    if day != now.date():
        return day < now.date()
    return len(value) > 10 and value[11:16] < now.strftime("%H:%M")


def follow_up_day(value: str) -> date:
    return date.fromisoformat(value[:10])


def with_weekday(value: str) -> str:
    """A stored follow-up with its weekday in front: "Fri 2026-11-27 14:30" (Spanish: "vie
    27 nov 2026 14:30", day first); a value
    that is not a date (a damaged row) as it is."""
    try:
        day = follow_up_day(value)
        code = _lang(None)
        if code == "en":
            return f"{WEEKDAYS[code][day.weekday()]} {value}"
        # as a Spanish reader writes it: "vie 11 dic 2026 14:30"
        return f"{date_words(day, code, weekday=True)}{value[10:]}"
    except (ValueError, TypeError):
        return value


def set_words(value: str) -> str:
    """How a follow-up just set is said back: "Sun 2026-11-29 (a Sunday, at the
    weekend)"."""
    note = weekend_note(value)
    return with_weekday(value) + (f" ({note})" if note else "")


def weekend_note(value: str) -> str | None:
    """"a Sunday, at the weekend" when a follow-up falls on a Saturday or Sunday ("2d"
    from a Friday), else None: said wherever a follow-up is set."""
    from .i18n import _

    day = follow_up_day(value)
    if day.weekday() < 5:
        return None
    if day.weekday() == 5:
        return _("a Saturday, at the weekend")
    return _("a Sunday, at the weekend")


def follow_up_words(value: str, bare: bool = False) -> str:
    """How a follow-up reads in a sentence: "on Tue 1 Dec 2026 at 14:30" (``bare``:
    "Tue 1 Dec 2026 at 14:30"); in Spanish "el vie 4 dic 2026 a las 14:30"."""
    from .i18n import _

    day = date_words(follow_up_day(value), weekday=True)
    if len(value) > 10:
        words = (_("{day} at {time}") if bare else _("on {day} at {time}")).format(
            day=day, time=value[11:16])
    else:
        words = day if bare else _("on {day}").format(day=day)
    return words



def local_stamp(ts: float, seconds: bool = False) -> str:
    """A moment in the reader's local time with the zone's abbreviation:
    "2026-11-26 06:40 NZDT"."""
    moment = datetime.fromtimestamp(ts).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M:%S %Z" if seconds else "%Y-%m-%d %H:%M %Z")


def local_iso(text: str | None) -> str | None:
    """A stored UTC ISO 8601 time ("...Z"), shown in local time with the zone."""
    if not text:
        return text
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return text
    return local_stamp(moment.timestamp())


# Dates as each language writes them (CLDR's abbreviated months and weekdays, day first):
# "4 Dec 2026, 14:03" and "4 dic 2026, 14:03" (issue 23). A language with no entry here
# is written as English is.
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "es": ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"),
}
WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "es": ("lun", "mar", "mié", "jue", "vie", "sáb", "dom"),
}


def _lang(lang: str | None) -> str:
    from .i18n import language

    code = lang or language()
    return code if code in MONTHS else "en"


def date_words(day: date, lang: str | None = None, weekday: bool = False) -> str:
    """A day as its reader writes it: "4 Dec 2026" ("Fri 4 Dec 2026" with ``weekday``);
    in Spanish "4 dic 2026" ("vie 4 dic 2026"). ``lang`` defaults to the interface's."""
    code = _lang(lang)
    words = f"{day.day} {MONTHS[code][day.month - 1]} {day.year}"
    return f"{WEEKDAYS[code][day.weekday()]} {words}" if weekday else words


def moment_words(moment: datetime, lang: str | None = None) -> str:
    """A day and a time of day: "4 Dec 2026, 14:03"; in Spanish "4 dic 2026, 14:03"
    (the 24-hour clock in both)."""
    return f"{date_words(moment.date(), lang)}, {moment.strftime('%H:%M')}"
