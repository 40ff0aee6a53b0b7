"""Environment variables set but empty mean unset, for every variable recover reads (as
the XDG base directory variables do), and ``doctor`` says which were empty."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import documentation, run

FOLDERS = ("RECOVER_DATA_DIR", "RECOVER_CONFIG_DIR", "RECOVER_CACHE_DIR")


def xdg(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
            "XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}


@pytest.mark.parametrize("empty", ["", None])
def test_an_empty_folder_variable_is_the_default_folder(home: Path, empty: str | None,
                                                        monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    env = xdg(home)
    if empty is None:  # unset: what empty must match
        for name in FOLDERS:
            monkeypatch.delenv(name, raising=False)
    else:
        env.update(dict.fromkeys(FOLDERS, empty))
    report = json.loads(run("doctor", "--json", env=env, cwd=home).stdout)
    assert report["data_dir"] == str(home / "xdg-data" / "recover")
    assert report["config_file"]["path"] == str(home / "xdg-config" / "recover" /
                                                "config.toml")
    assert report["cache_dir"] == str(home / "xdg-cache" / "recover")
    answers = home / "answers.txt"
    answers.write_text("fields: {customer: Ann}\nsteps: [{}]\n", encoding="utf-8")
    done = run("run", "hyken", "--answers", str(answers), env=env, cwd=home)
    assert done.returncode == 0, done.stderr
    assert (home / "xdg-data" / "recover" / "sessions.db").exists()
    assert sorted(p.name for p in home.iterdir()) == ["answers.txt", "xdg-cache", "xdg-data"]


def test_doctor_names_the_variables_that_are_set_but_empty(home: Path) -> None:
    env = {**xdg(home), "RECOVER_DATA_DIR": "", "RECOVER_AGENT": ""}
    text = run("doctor", env=env).stdout
    assert "set but empty, so treated as unset: RECOVER_AGENT, RECOVER_DATA_DIR" in text
    report = json.loads(run("doctor", "--json", env=env).stdout)
    assert report["empty_variables"] == ["RECOVER_AGENT", "RECOVER_DATA_DIR"]
    clean = run("doctor", env=xdg(home)).stdout
    assert "set but empty" not in clean
    assert json.loads(run("doctor", "--json", env=xdg(home)).stdout)["empty_variables"] == []


def test_the_readme_says_empty_means_unset() -> None:
    readme = documentation()
    assert "A `RECOVER_` variable set but empty is treated as unset" in readme
