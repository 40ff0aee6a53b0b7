"""Wrap-up codes (issue 22): a playbook declares the reasons a call can be closed with;
the end of the call asks for one (one key each, skippable); the summary, the exports and
the report (counts and return rate by code) carry it, on both stores."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, run

CODES = ("wrap_up:\n  - {code: late-delivery, label: Late delivery}\n"
         "  - {code: billing-error, label: Billing error}\n")


def coded_playbook(folder: Path, codes: str = CODES) -> Path:
    book = folder / "coded.yaml"
    book.write_text((ROOT / "playbooks" / "heal.yaml").read_text()
                    .replace("\nid: heal\n", f"\nid: coded\n{codes}"))
    return book


def test_the_codes_are_read_and_checked(tmp_path: Path) -> None:
    from recoverycli.playbooks.model import WrapUp, load_playbook

    book = load_playbook(str(coded_playbook(tmp_path)))
    assert book.wrap_up == (WrapUp("late-delivery", "Late delivery"),
                            WrapUp("billing-error", "Billing error"))
    bad = coded_playbook(tmp_path, "wrap_up:\n  - {code: Late Delivery, label: L}\n"
                         "  - {code: x, label: X}\n  - {code: x, label: Y}\n  - {code: y}\n")
    out = run("validate", str(bad)).stdout
    assert "wrap_up[0].code: 'Late Delivery' is not a valid id" in out
    assert "wrap_up[2].code: wrap-up code 'x' is used twice" in out
    assert "wrap_up[3]" in out and "label" in out
    ten = "wrap_up:\n" + "".join(f"  - {{code: c{n}, label: C{n}}}\n" for n in range(10))
    out = run("validate", str(coded_playbook(tmp_path, ten))).stdout
    assert "wrap_up[9]: at most 9 wrap-up codes" in out
    schema = json.loads((ROOT / "playbook.schema.json").read_text())
    assert schema["properties"]["wrap_up"]["maxItems"] == 9


def test_the_code_is_in_the_summary_exports_and_report(home: Path,
                                                       store_env: dict[str, str]) -> None:
    book = coded_playbook(home)
    env = store_env
    for n, code in enumerate(("late-delivery", "late-delivery", "billing-error", None)):
        answers = home / f"a{n}.yaml"
        answers.write_text((f"wrap_up: {code}\n" if code else "") + "steps:\n  - {}\n")
        result = run("run", str(book), "--customer", f"C{n}", "--answers", str(answers),
                     env=env)
        assert result.returncode == 0, result.stderr
        if code == "billing-error":
            assert "Wrap-up: Billing error (billing-error)" in result.stdout
        if code is None:
            assert "Wrap-up" not in result.stdout
    rows = json.loads(run("history", "--json", env=env).stdout)
    ids = {r["customer"]: r["id"] for r in rows}
    assert run("outcome", ids["C0"], "--result", "returned", env=env).returncode == 0
    assert run("outcome", ids["C1"], "--result", "lost", env=env).returncode == 0
    data = json.loads(run("export", ids["C2"], "--format", "json", env=env).stdout)
    assert data["wrap_up"] == {"code": "billing-error", "label": "Billing error"}
    assert "## Wrap-up" in run("export", ids["C2"], "--format", "md", env=env).stdout
    assert "<h2>Wrap-up</h2>" in run("export", ids["C2"], "--format", "html", env=env).stdout
    report = json.loads(run("report", "--json", env=env).stdout)
    assert [(r["code"], r["sessions"], r["came_back"]["count"], r["came_back"]["of"])
            for r in report["by_wrap_up"]] == [("late-delivery", 2, 1, 2),
                                               ("billing-error", 1, 0, 0)]
    text = " ".join(run("report", env=env).stdout.split())
    assert "Wrap-up codes (why calls were closed)" in text
    assert "late-delivery 2 1 of 2 came back" in text


def test_an_unknown_code_in_answers_is_located(home: Path) -> None:
    book = coded_playbook(home)
    answers = home / "a.yaml"
    answers.write_text("wrap_up: lost-parcel\nsteps:\n  - {}\n")
    result = run("run", str(book), "--answers", str(answers))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"{answers}:1:10: wrap_up: 'lost-parcel' is not a wrap-up code" in result.stderr
    assert "late-delivery, billing-error" in result.stderr


def test_the_end_of_the_call_asks_for_a_code_one_key_each(tmp_path: Path) -> None:
    """In a real terminal at 80x24 (every wait is an expect with the PTY timeout)."""
    from e2e.pty import finish, spawn

    book = coded_playbook(tmp_path)
    child = spawn("run", str(book), "--customer", "Ann", home=tmp_path, size=(24, 80))
    child.expect("Step 1 of")
    child.send("\r\r\r\r")
    child.expect("Follow up when")
    child.send("\r")
    child.expect("Wrap-up: why is this call closed")
    child.expect("Enter skips")
    text = child.screen.text()
    assert "1 Late delivery" in text and "2 Billing error" in text
    child.send("2")
    child.expect("Enter finish")
    child.send("\r")
    child.expect("See it again")
    assert finish(child) == 0
    env = {"RECOVER_DATA_DIR": str(tmp_path / "data"),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    sid = json.loads(run("history", "--json", env=env).stdout)[0]["id"]
    data = json.loads(run("export", sid, "--format", "json", env=env).stdout)
    assert data["wrap_up"]["code"] == "billing-error"
