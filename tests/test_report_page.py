"""The report as people read it: its scope, its counts, the empty case, and the HTML
page laid out in a real browser (headless Chromium) at desktop and phone widths, on
SQLite and PostgreSQL."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import run
from report_seed import seed

PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id=page width={width} height=4000 style="border:0" srcdoc="{page}"></iframe>
<script>
document.getElementById('page').addEventListener('load', () => {{
  const doc = document.getElementById('page').contentDocument;
  const cut = [];
  for (const el of doc.querySelectorAll('th, td, dt, dd, h1, h2, p, .card b, .card span')) {{
    if (el.scrollWidth > el.clientWidth + 1) cut.push(el.textContent.slice(0, 60));
  }}
  for (const svg of doc.querySelectorAll('svg')) {{
    const box = svg.viewBox.baseVal;
    for (const t of svg.querySelectorAll('text')) {{
      const b = t.getBBox();
      if (b.x < box.x - 1 || b.x + b.width > box.x + box.width + 1) cut.push(t.textContent);
    }}
  }}
  let minFont = 1000;  // the smallest chart text as drawn on the screen, in CSS px
  for (const svg of doc.querySelectorAll('svg')) {{
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll('text')) {{
      if (!t.textContent.trim()) continue;
      minFont = Math.min(minFont, parseFloat(getComputedStyle(t).fontSize) * scale);
    }}
  }}
  const tables = [...doc.querySelectorAll('table')];
  const out = document.createElement('pre');
  out.id = 'layout';
  out.textContent = JSON.stringify({{
    width: doc.documentElement.clientWidth,
    overflows: doc.documentElement.scrollWidth > doc.documentElement.clientWidth,
    cut: cut,
    tables: tables.length,
    headed: tables.filter(t => t.tHead && t.tHead.rows[0].cells.length).length,
    minFont: minFont,
    phoneLayout: getComputedStyle(doc.querySelector('dl.scope')).gridTemplateColumns
  }});
  document.body.appendChild(out);
}});
</script></body></html>"""


def chromium() -> str:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail("CI must have chromium: .ci/run installs it")
        pytest.skip("chromium is not installed")
    return browser


def layout(browser: str, page: Path, width: int, home: Path) -> dict[str, object]:
    """Measure the page through its own DOM inside a frame ``width`` pixels wide (a
    headless window cannot be narrower than 500 px): every cell and label that
    overflows its box, every table without a header row."""
    probe = home / f"probe-{width}.html"
    probe.write_text(PROBE.format(width=width, page=html.escape(page.read_text(), quote=True)))
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={home / 'chrome'}", "--window-size=1300,4000",
             "--virtual-time-budget=5000"]
    dom = subprocess.run([browser, *flags, "--dump-dom", probe.as_uri()], capture_output=True,
                         text=True, timeout=120)
    found = re.search(r'<pre id="layout">(.*?)</pre>', dom.stdout)
    assert found, dom.stderr[-2000:]
    return dict(json.loads(html.unescape(found.group(1))))


def test_the_page_lays_out_at_desktop_and_phone_widths(home: Path, store_env: dict[str, str]
                                                        ) -> None:
    browser = chromium()
    seed()
    page = home / "team.html"
    result = run("report", "--since", "30d", "--format", "html", "-o", str(page), env=store_env)
    assert result.returncode == 0, result.stderr
    text = page.read_text()
    bare = re.sub(r'xmlns(:xlink)?="http://www.w3.org/[^"]*"', "", text)
    assert "<script" not in text and "default-src 'none'" in text
    for fetch in (" src=", "<link", "@import", "url(http", "url(//", "http://", "https://"):
        assert fetch not in bare  # nothing fetched at view time
    assert "@media print" in text and "size: A4" in text and "max-width: 40rem" in text
    ticks = re.findall(r"<text[^>]*>([^<]*)</text>", text)
    assert ticks and not [t for t in ticks if re.fullmatch(r"\d+\.\d+", t.strip())]
    for width in (1200, 400):
        measured = layout(browser, page, width, home)
        assert width - 20 <= measured["width"] <= width  # less a scrollbar
        assert measured["cut"] == [] and measured["overflows"] is False, measured
        assert measured["tables"] == measured["headed"] and measured["tables"] >= 8
        assert measured["minFont"] >= 11, measured["minFont"]  # charts readable on a phone
    assert measured["phoneLayout"].count("px") == 1  # the scope stacks on a phone
    desktop = layout(browser, page, 1200, home)
    assert desktop["phoneLayout"].count("px") == 2
    pdf = home / "team.pdf"  # printed: A4 pages (595 x 842 pt)
    subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={home / 'chrome'}",
                    "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    boxes = re.findall(rb"MediaBox \[0 0 (\d+)[.\d]* (\d+)", pdf.read_bytes())
    assert boxes and all((int(w), int(h)) == (594, 841) for w, h in boxes)


def test_every_format_states_its_scope_and_earns_its_claims(home: Path,
                                                            store_env: dict[str, str]) -> None:
    seed()
    env = store_env
    data = json.loads(run("report", "--format", "json", "--since", "30d", env=env).stdout)
    scope = data["scope"]
    assert scope["period"]["asked"] == "30d" and scope["period"]["since"]
    assert scope["version"] and scope["generated"].endswith("Z") and scope["store"]
    if env:  # the team store named, its password never shown
        assert "recover_test_" in scope["store"]
        assert env["RECOVER_DATABASE_URL"] == scope["store"] or "***" in scope["store"] or \
            ":" not in scope["store"].split("@")[0][len("postgresql://"):]
    assert data["excluded"]["rehearsals"] > 0
    every = json.loads(run("report", "--format", "json", "--since", "30d",
                           "--include-rehearsals", env=env).stdout)
    assert every["sessions"] == data["sessions"] + data["excluded"]["rehearsals"]
    assert every["excluded"]["rehearsals"] == 0
    # steps in playbook order, numbered
    heal = [s for s in data["steps"] if s["playbook"] == "heal"]
    assert [s["number"] for s in heal] == sorted(s["number"] for s in heal)
    assert heal[0]["title"] == "Show your humility"
    # trend and per-playbook return rates, with counts that add up
    assert sum(t["sessions"] for t in data["trend"]) == data["sessions"]
    assert sum(r["returned"] for r in data["return_by_playbook"]) == data["outcomes"][
        "returned"]
    assert sum(t["came_back"]["count"] for t in data["trend"]) == data["outcomes"]["returned"]
    for fmt in ("text", "md", "html"):
        out = " ".join(run("report", "--format", fmt, "--since", "30d", "--agent", "sam",
                           env={**env, "COLUMNS": "200"}).stdout.split())
        for fragment in ("agent sam", "live calls only", "by recover ", "Period",
                         "rehearsal", "practice attempt"):
            assert fragment in out, (fmt, fragment)
        assert "heal agility" not in out and "1. Show your humility" in out  # no ids
        assert re.search(r"\d+ of \d+ came back \(\d+%", out)
        assert "Week by week" in out and "Return rate by playbook" in out


def test_small_samples_and_empty_results(home: Path, store_env: dict[str, str]) -> None:
    env = store_env
    answers = home / "a.yaml"
    answers.write_text("fields:\n  offer: a free month\nsteps:\n  - {}\n")
    assert run("run", "hyken", "--customer", "One", "--answers", str(answers),
               "--follow-up", "today", env=env).returncode == 0
    sid = json.loads(run("history", "--json", env=env).stdout)[0]["id"]
    assert run("outcome", sid, "--result", "returned", env=env).returncode == 0
    text = " ".join(run("report", env=env).stdout.split())
    assert "1 of 1 came back" in text and "100%" not in text  # a count, one footnote
    assert "100% of recovered customers came back" not in text
    for fmt in ("text", "md", "html", "json"):
        out = run("report", "--format", fmt, "--agent", "nobody", "--since", "7d", env=env)
        assert out.returncode == 0
        assert "No sessions match: agent nobody, live calls only" in " ".join(
            out.stdout.split())
        assert "<table" not in out.stdout and "| ---" not in out.stdout
        assert "- of recovered" not in out.stdout


def test_html_without_matplotlib_is_one_line_naming_the_extra(
        home: Path, store_env: dict[str, str]) -> None:
    seed(20)
    blocker = home / "no-matplotlib" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('matplotlib is not installed')\n")
    env = {**store_env, "PYTHONPATH": str(blocker.parent)}
    result = run("report", "--format", "html", "-o", str(home / "r.html"), env=env)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "recover: the HTML report draws its charts with matplotlib: "
        "pip install '.[team]' in the recover folder (or 'recoverycli[team]')"]
    assert not (home / "r.html").exists()
    assert run("report", "--format", "md", env=env).returncode == 0  # the rest still works


@pytest.mark.parametrize("since", ["0001-01-01", "1900-01-01", "9999-12-31"])
def test_a_since_typo_is_refused_not_a_century_of_empty_weeks(home: Path, since: str) -> None:
    """Red team 16: --since 0001-01-01 listed every week since year 1 (minutes, 470 MB);
    --since 9999-12-31 printed a period ending before it began."""
    result = run("report", "--since", since)
    assert result.returncode == 2, result.stdout[-300:]
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_trend_starts_at_the_first_session_in_scope(home: Path) -> None:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    assert run("run", "hyken", "--answers", str(answers)).returncode == 0
    data = json.loads(run("report", "--format", "json", "--since", "1970-01-01").stdout)
    assert 1 <= len(data["trend"]) <= 2  # this week (and last, at a UTC/local week edge)


def test_the_weekly_follow_ups_add_up_to_the_headline(home: Path) -> None:
    """Newcomer 16: the headline said "2 of 2 kept" while the one week said "2 of 3 kept
    (67%)": the week counted a follow-up not yet due as not kept."""
    seed(60)
    data = json.loads(run("report", "--format", "json").stdout)
    weeks = [t["follow_ups_kept"] for t in data["trend"]]
    assert sum(w["count"] for w in weeks) == data["follow_ups_kept"]["count"]
    assert sum(w["of"] for w in weeks) == data["follow_ups_kept"]["of"]


def test_the_spanish_page_lays_out_at_desktop_and_phone_widths(home: Path) -> None:
    """Spanish words are longer (issue 23): at 400 px the agents' table ("seguimientos
    cumplidos", "incumplidos") pushed the page sideways until its headers could wrap."""
    browser = chromium()
    seed()
    page = home / "equipo.html"
    result = run("report", "--lang", "es", "--format", "html", "-o", str(page))
    assert result.returncode == 0, result.stderr
    assert "<html lang=es>" in page.read_text()
    for width in (1200, 400):
        measured = layout(browser, page, width, home)
        assert measured["cut"] == [] and measured["overflows"] is False, (width, measured)
        assert measured["minFont"] >= 11, measured["minFont"]
