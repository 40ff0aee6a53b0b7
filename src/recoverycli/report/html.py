"""The team report as one HTML page a supervisor can forward: the scope first, the
headline numbers with their counts, charts drawn by matplotlib as inline SVG (count axes
in whole numbers, labels wrapped, never cut) and every table with a header row.

Self-contained: inline style only, no script, no network at view time, a strict
content-security policy; all text escaped. Readable on a phone (one column, tables that
wrap) and printed on A4 (print styles, nothing split across a page where it can be
helped).
"""

from __future__ import annotations

import html
import re
import textwrap
from typing import Any

from recoverycli.i18n import N_, _, language, ngettext

from .words import (
    LONG,
    S_AGENTS,
    S_FOLLOW_UPS,
    S_OUTCOMES,
    S_PLAYBOOKS,
    S_PRACTICE,
    S_STEPS,
    S_WEEKS,
    S_WRAP_UPS,
    empty_sentence,
    footnote,
    headline,
    num,
    pct,
    practice_sections,
    scope_lines,
    sections,
    shortened,
    title,
)

_CSS = """
:root { color-scheme: light; --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0;
        --accent: #2f6f9f; --band: #f6f8fa; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); max-width: 62rem; margin: 2rem auto; padding: 0 1.25rem; }
h1 { font-size: 1.6rem; margin: 0 0 .6rem; }
h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; padding-bottom: .25rem;
     border-bottom: 1px solid var(--rule); }
dl.scope { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem;
           margin: 0 0 1rem; color: var(--muted); font-size: .92rem; }
dl.scope dt { font-weight: 600; } dl.scope dd { margin: 0; overflow-wrap: anywhere; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(12rem, 1fr));
         gap: .75rem; margin: 1rem 0; }
.card { background: var(--band); border: 1px solid var(--rule); border-radius: 6px;
        padding: .6rem .8rem; }
.card b { display: block; font-size: 1.35rem; }
.card span { color: var(--muted); font-size: .88rem; }
.note { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .7rem .3rem 0;
         border-bottom: 1px solid var(--rule); overflow-wrap: break-word; hyphens: auto; }
th { font-weight: 600; border-bottom: 2px solid var(--rule); }
td.num, th.num { text-align: right; } td.num { white-space: nowrap; }
td.date { white-space: nowrap; }
figure { margin: .5rem 0 1rem; }
figcaption { color: var(--muted); font-size: .88rem; margin-bottom: .2rem; }
svg { max-width: 100%; height: auto; display: block; }
@media (max-width: 40rem) {
  body { margin: 1rem auto; padding: 0 .75rem; font-size: 14px; }
  dl.scope { grid-template-columns: 1fr; } dl.scope dd { margin-bottom: .3rem; }
  th, td { padding-right: .4rem; }
  th { overflow-wrap: anywhere; }  /* a long header word breaks rather than overflow */
  th:lang(es) { overflow-wrap: normal; }  /* Spanish: between syllables, at its soft hyphens */
}
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; } figure, tr, .cards { break-inside: avoid; }
  .card { border-color: #999; }
}
"""

_COLORS = {S_PLAYBOOKS: "#2f6f9f", S_AGENTS: "#2f6f9f", S_STEPS: "#6f4f9f",
           S_FOLLOW_UPS: "#2f8a57", S_OUTCOMES: "#b8692a", S_WRAP_UPS: "#8a5a2f",
           S_WEEKS: "#2f6f9f", S_PRACTICE: "#4f7f2f"}
_SESSIONS = N_("Sessions")
_CHART_TITLES = {S_STEPS: N_("Median time per step, in seconds"),
                 S_WEEKS: N_("Sessions per week"), S_PLAYBOOKS: _SESSIONS,
                 S_AGENTS: _SESSIONS, S_FOLLOW_UPS: N_("Follow-ups"), S_OUTCOMES: _SESSIONS,
                 S_WRAP_UPS: N_("Sessions per wrap-up code"),
                 S_PRACTICE: N_("Role-plays per agent")}


def _svg(figure: Any) -> str:
    import io

    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    svg = buffer.getvalue()
    return re.sub(r"<metadata>.*?</metadata>", "", svg[svg.index("<svg"):], flags=re.S)


def _chart(labels: list[str], values: list[float], color: str, counts: bool,
           vertical: bool = False) -> str:
    """One bar chart as inline SVG: counts on a whole-number axis, every label wrapped to
    fit and none cut, each bar labelled with its value.

    Labels are user text: control characters are spelled out before matplotlib sees them
    (it would warn about each missing glyph, echoing the raw text to stderr)."""
    import logging
    import warnings

    from recoverycli.text import one_line

    labels = [one_line(label) for label in labels]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyphs: the SVG keeps text as text
        quiet = logging.getLogger("matplotlib")
        level = quiet.level
        quiet.setLevel(logging.CRITICAL)
        try:
            return _draw(labels, values, color, counts, vertical)
        finally:
            quiet.setLevel(level)


# A chart is drawn 4.2 in wide (about 380 pt with its labels) with 12 pt text at the
# smallest: on a phone 400 px wide its column is about 376 px, so the SVG is shown at
# about 1x and no text is under 11 px; on a desktop it keeps its natural size (about
# 500 px) rather than growing (tests/test_report_page.py measures it in Chromium).
WIDTH_IN = 4.2
TEXT_PT = 12.0


def _draw(labels: list[str], values: list[float], color: str, counts: bool,
          vertical: bool) -> str:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    value_axis: Any
    if vertical:
        figure = Figure(figsize=(WIDTH_IN, 3.0))
        axes = figure.subplots()
        bars = axes.bar(range(len(values)), values, color=color, width=0.7)
        step = max(1, -(-len(labels) // 6))
        axes.set_xticks(range(0, len(labels), step),
                        [labels[i] for i in range(0, len(labels), step)], fontsize=TEXT_PT,
                        rotation=35, ha="right")
        value_axis = axes.yaxis
        axes.set_ylim(bottom=0, top=max([*values, 1]) * 1.18)
        axes.grid(axis="y", color="#e5e8eb", linewidth=0.8)
    else:
        wrapped = [textwrap.fill(label, 20, break_long_words=True) for label in labels]
        lines = sum(label.count("\n") + 1 for label in wrapped)
        figure = Figure(figsize=(WIDTH_IN, max(1.4, 0.25 * lines + 0.25 * len(labels) + 0.5)))
        axes = figure.subplots()
        bars = axes.barh(range(len(values)), values, color=color, height=0.62)
        axes.set_yticks(range(len(values)), wrapped, fontsize=TEXT_PT)
        axes.invert_yaxis()
        value_axis = axes.xaxis
        axes.set_xlim(left=0, right=max([*values, 1]) * 1.2)
        axes.grid(axis="x", color="#e5e8eb", linewidth=0.8)
    if counts:
        value_axis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    else:
        value_axis.set_major_locator(MaxNLocator(nbins=5))
    axes.set_axisbelow(True)
    if len(values) <= 16:  # a label on every bar while they have room for one
        axes.bar_label(bars, labels=[f"{v:.0f}" for v in values], padding=3,
                       fontsize=TEXT_PT, color="#444")
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=TEXT_PT, colors="#444")
    return _svg(figure)


def _top(name: str, labels: list[str], bars: list[float], counts: bool, caption: str
         ) -> tuple[list[str], list[float], str]:
    """A chart of many bars (a playbook of 2,000 steps, a team of 300 agents) cut to the
    :data:`LONG` largest: counts end with one bar for all the others, summed; times
    (medians do not add up) say in the caption what was left out. The table under the
    chart keeps every row."""
    if counts:
        keep = shortened(len(bars), bars, LONG - 1)
        rest = sorted(set(range(len(bars))) - set(keep))
        return ([labels[i] for i in keep] + [_("{count} others").format(count=len(rest))],
                [bars[i] for i in keep] + [sum(bars[i] for i in rest)],
                _("{caption} ({largest} largest, then the {count} others together)").format(
                    caption=caption, largest=LONG - 1, count=len(rest)))
    keep = shortened(len(bars), bars, LONG)
    slowest_left = max((bars[i] for i in set(range(len(bars))) - set(keep)), default=0.0)
    return ([labels[i] for i in keep], [bars[i] for i in keep],
            _("{caption}: the {shown} longest of {count} (every other step {seconds} s or "
              "less; all in the table)").format(caption=caption, shown=len(keep),
                                                count=len(bars),
                                                seconds=f"{slowest_left:.0f}"))


_LONG = re.compile(r"[^\s<>&;]{17,}")


def _breakable(escaped: str) -> str:
    """A cell's escaped text with a break opportunity every 12 characters of a word
    longer than 16 (a 300-character agent name), so it wraps in its column instead of
    pushing the table off a phone; shorter words are never broken."""
    return _LONG.sub(lambda m: "<wbr>".join(m.group()[i:i + 12]
                                            for i in range(0, len(m.group()), 12)), escaped)


_V = "aeiouáéíóúü"
_C = "bcdfgjklmnñpqrstvwxyz"
# Where a Spanish word may break between syllables: a vowel, then a consonant (or a pair
# that starts a syllable: pl, tr, ch, ll, ...) and a vowel ("se|gui|mien|tos"); or two
# consonants apart ("in|cum|pli|dos"), never before an h, l or r that may belong to the
# first one.
_SYLLABLE = re.compile(
    rf"(?<=[{_V}])(?=(?:[bcdfgkpt][lr]|ch|ll|rr|[{_C}h])[{_V}])"
    rf"|(?<=[{_V}][{_C}])(?=(?:[bcdfgkpt][lr]|ch|ll|[{_C.replace('l', '').replace('r', '')}])"
    rf"[{_V}])", re.I)


def _soft_hyphens(escaped: str) -> str:
    """A header's escaped text with a soft hyphen between the syllables of each word of 8
    letters or more (2 letters at least on each side), so that a narrow column on a phone
    breaks "seguimientos" as "segui-mientos", not "seguimie / ntos" (a browser hyphenates
    by itself only where it has the language's dictionary). Spanish only: an English
    header keeps its words as they were."""
    from recoverycli.i18n import language

    if language() != "es":
        return escaped

    def word(match: re.Match[str]) -> str:
        w = match.group()
        cuts = [m.start() for m in _SYLLABLE.finditer(w) if 2 <= m.start() <= len(w) - 2]
        return "&shy;".join(w[a:b] for a, b in zip([0, *cuts], [*cuts, len(w)], strict=True))

    return re.sub(rf"[a-zñ{_V}]{{8,}}", word, escaped, flags=re.I)


def _table(headers: list[str], rows: list[list[str]], e: Any) -> str:
    def kind(i: int) -> str:  # numbers right-aligned; numbers and dates never broken
        if all(re.fullmatch(r"\d[\d.,]*", r[i]) for r in rows):
            return " class=num"
        if all(re.fullmatch(r"\d{4}-\d\d-\d\d.*", r[i]) for r in rows):
            return " class=date"
        return ""

    kinds = [kind(i) for i in range(len(headers))]
    head = "".join(f"<th scope=col{k}>{_soft_hyphens(e(h))}</th>"
                   for h, k in zip(headers, kinds, strict=True))
    body = "".join("<tr>" + "".join(f"<td{k}>{_breakable(e(c))}</td>"
                                    for c, k in zip(row, kinds, strict=True)) + "</tr>"
                   for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_html(data: dict[str, Any]) -> str:
    try:
        import matplotlib
    except ImportError:
        from recoverycli.errors import UsageError

        raise UsageError(_("the HTML report draws its charts with matplotlib: pip install "
                           "'.[team]' in the recover folder (or 'recoverycli[team]')")) from None
    from recoverycli.text import visible

    matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: small, searchable
    matplotlib.rcParams["text.parse_math"] = False  # an agent called "$x$" stays "$x$"
    matplotlib.rcParams["font.family"] = ["DejaVu Sans", "sans-serif"]

    def e(value: object) -> str:
        return html.escape(visible(str(value)), quote=True)

    scope = "".join(f"<dt>{e(label)}</dt><dd>{e(value)}</dd>" for label, value in
                    scope_lines(data))
    parts = [f"<h1>{e(title(data))}</h1><dl class=scope>{scope}</dl>"]
    if not data["sessions"]:
        parts.append(f"<p>{e(empty_sentence(data))}</p>")
        for name, headers, rows, _bars in practice_sections(data):
            parts.append(f"<section><h2>{e(name)}</h2>" + _table(headers, rows, e)
                         + "</section>")
    else:
        o, f = data["outcomes"], data["follow_ups_kept"]

        def card(r: dict[str, Any], kind: str, more: str = "") -> tuple[str, str]:
            came = kind == "came back"
            if not r["of"]:
                return "-", (_("came back: none recorded yet") if came else
                             _("follow-ups kept: none recorded yet"))
            counts = {"count": num(r["count"]), "of": num(r["of"]), "more": more}
            if r["too_few"]:  # a count, never a big percentage on a handful
                return (_("{count} of {of}").format(**counts),
                        (_("came back: recovered customers (see the note)") if came else
                         _("follow-ups kept: promised{more} (see the note)").format(**counts)))
            return pct(r["rate"]), (
                _("came back: {count} of {of} recovered customers").format(**counts) if came
                else _("follow-ups kept: {count} of {of} promised{more}").format(**counts))

        cards = [(num(data["sessions"]),
                  _("{sessions}, {finished}").format(
                      sessions=ngettext("session", "sessions", data["sessions"]),
                      finished=ngettext("{count} finished", "{count} finished",
                                        data["finished"]).format(
                          count=num(data["finished"])))),
                 card(o["came_back"], "came back"),
                 card(f, "kept", _("; {on_time} on time, {late} late").format(
                     on_time=num(f["on_time"]), late=num(f["late"])) if f["count"] else "")]
        parts.append("<div class=cards>" + "".join(
            f"<div class=card><b>{e(big)}</b><span>{e(small)}</span></div>"
            for big, small in cards) + "</div>")
        parts.append(f"<p class=note>{e(headline(data))}</p>")
        for name, headers, rows, bars in sections(data):
            if not rows:
                continue
            parts.append(f"<section><h2>{e(name)}</h2>")
            if bars and any(bars):
                counts = name != str(S_STEPS)
                labels = [" · ".join(row[:-3]) if not counts else row[0] for row in rows]
                vertical = name == str(S_WEEKS)
                caption = str({str(k): v for k, v in _CHART_TITLES.items()}.get(name, name))
                if not vertical and len(bars) > LONG:  # weeks stay a whole time line
                    labels, bars, caption = _top(name, labels, bars, counts, caption)
                colour = {str(k): v for k, v in _COLORS.items()}.get(name, "#2f6f9f")
                chart = _chart(labels, bars, colour, counts, vertical)
                parts.append(f"<figure><figcaption>{e(caption)}</figcaption>{chart}</figure>")
            parts.append(_table(headers, rows, e) + "</section>")
        parts.append(f"<p class=note>{e(footnote())}</p>")
    return (
        f"<!DOCTYPE html>\n<html lang={e(data.get('lang') or language())}><head>"
        "<meta charset=utf-8>"
        "<meta name=viewport content='width=device-width, initial-scale=1'>"
        f"<title>{e(title(data))}</title>"
        "<meta http-equiv=Content-Security-Policy content=\"default-src 'none'; "
        "style-src 'unsafe-inline'; img-src data:\">"
        f"<style>{_CSS}</style></head><body>" + "".join(parts) + "</body></html>\n"
    )
