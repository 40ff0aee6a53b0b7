"""Nothing leaks through the files recover writes: exports, reports, summaries and the
playbook cache are written atomically at 0600 (under any umask), never through a symlink,
and a failed write leaves no temporary copy; a symlink named as an output is refused; the
cache is never served stale; list and show never create a folder others can read."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import RECOVER, ROOT, run


def run_umask0(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RECOVER, *args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, preexec_fn=lambda: os.umask(0))


def a_session(home: Path) -> str:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    made = run("run", "hyken", "--customer", "Ann Secret", "--answers", str(answers),
               "--follow-up", "2d")
    assert made.returncode == 0, made.stderr
    return str(json.loads(run("history", "--json").stdout)[0]["id"])


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".recover-")]


@pytest.mark.parametrize("fmt", ["md", "json", "html", "ics"])
def test_export_to_a_folder_fails_cleanly_and_leaves_nothing(home: Path, fmt: str) -> None:
    sid = a_session(home)
    target = home / "out"
    target.mkdir()
    result = run("export", sid, "--format", fmt, "-o", str(target))
    assert result.returncode == 2, result.stderr  # -o is checked before any work: usage
    assert "is a folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert leftovers(home) == [] and leftovers(target) == []


@pytest.mark.parametrize("args", [("export", "{sid}", "-o"), ("report", "-o"),
                                  ("report", "--format", "md", "-o")])
def test_outputs_are_0600_under_umask_0(home: Path, args: tuple[str, ...]) -> None:
    sid = a_session(home)
    out = home / "out.txt"
    result = run_umask0(*(a.replace("{sid}", sid) for a in args), str(out))
    assert result.returncode == 0, result.stderr
    assert os.stat(out).st_mode & 0o777 == 0o600
    assert leftovers(home) == []


@pytest.mark.parametrize("args", [("export", "{sid}", "-o"), ("report", "-o"),
                                  ("report", "--format", "md", "-o"),
                                  ("due", "--all", "--ics", "-o")])
def test_a_symlink_named_as_output_is_refused_never_followed_nor_replaced(
        home: Path, args: tuple[str, ...]) -> None:
    """Red team 16: the atomic write renamed over a link, so `-o /dev/stdout` (a link)
    would have turned the system's link into a file; following it would write through a
    planted link instead. Refused before any work, in one line."""
    sid = a_session(home)
    victim = home / "victim.txt"
    victim.write_text("precious\n")
    link = home / "out.txt"
    link.symlink_to(victim)
    result = run(*(a.replace("{sid}", sid) for a in args), str(link))
    assert result.returncode == 2, result.stderr
    assert "symbolic link" in result.stderr and len(result.stderr.splitlines()) == 1
    assert victim.read_text() == "precious\n" and link.is_symlink()
    assert leftovers(home) == []


def test_a_link_to_a_stream_is_refused_with_the_way_to_stdout(home: Path) -> None:
    sid = a_session(home)
    link = home / "mystdout"
    link.symlink_to("/proc/self/fd/1")
    result = run("export", sid, "-o", str(link))
    assert result.returncode == 2, result.stderr
    assert "leave out -o to write to standard output" in result.stderr
    assert link.is_symlink()
    answers = home / "a.yaml"
    summary = run("run", "hyken", "--answers", str(answers), "--summary-out", str(link))
    assert summary.returncode == 2 and "--summary-out" in summary.stderr, summary.stderr
    assert link.is_symlink()


def test_summary_out_is_0600(home: Path) -> None:
    answers = home / "a.yaml"
    answers.write_text("steps:\n  - {}\n")
    summary = home / "summary.txt"
    result = run_umask0("run", "hyken", "--answers", str(answers), "--summary-out", str(summary))
    assert result.returncode == 0, result.stderr
    assert os.stat(summary).st_mode & 0o777 == 0o600


def test_cache_is_private_and_never_stale(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = home / "cache"
    monkeypatch.setenv("RECOVER_CACHE_DIR", str(cache / "deep"))
    books = home / "books"
    books.mkdir()
    book = books / "b.yaml"
    book.write_text("id: b\ntitle: Aaaa\nsteps:\n  - title: x\n")
    stamp = os.stat(book)
    first = run_umask0("list", "--playbooks", str(books))
    assert "Aaaa" in first.stdout, first.stderr
    files = list((cache / "deep").iterdir())
    assert files, "the cache was written"
    assert os.stat(cache).st_mode & 0o777 == 0o700
    assert os.stat(cache / "deep").st_mode & 0o777 == 0o700
    assert all(os.stat(f).st_mode & 0o777 == 0o600 for f in files)
    book.write_text("id: b\ntitle: Bbbb\nsteps:\n  - title: x\n")  # same size
    os.utime(book, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))  # same mtime
    second = run("list", "--playbooks", str(books))
    assert "Bbbb" in second.stdout and "Aaaa" not in second.stdout


def test_list_and_show_create_no_loose_folder(tmp_path: Path) -> None:
    data = tmp_path / "a" / "b" / "data"
    env = {**os.environ, "RECOVER_DATA_DIR": str(data),
           "RECOVER_CONFIG_DIR": str(tmp_path / "config")}
    env.pop("RECOVER_CACHE_DIR", None)
    for args in (("list",), ("show", "hyken")):
        result = subprocess.run([RECOVER, *args], capture_output=True, text=True, timeout=60,
                                env=env, stdin=subprocess.DEVNULL,
                                preexec_fn=lambda: os.umask(0))
        assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "a", tmp_path / "a" / "b", data):
        if folder.exists():
            assert os.stat(folder).st_mode & 0o777 == 0o700, folder


def test_report_html_without_matplotlib_is_one_line(home: Path) -> None:
    a_session(home)
    fake = home / "nompl"
    (fake / "matplotlib").mkdir(parents=True)
    (fake / "matplotlib" / "__init__.py").write_text("raise ImportError('no matplotlib')\n")
    result = run("report", "--format", "html",
                 env={"PYTHONPATH": str(fake) + os.pathsep + str(ROOT / "src")})
    assert result.returncode in (1, 2), result.stderr
    assert "pip install '.[team]' in the recover folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("target", ["/proc/version", "/proc/x.txt", "/sys/x.txt"])
def test_a_kernel_folder_is_refused_before_step_1(home: Path, target: str) -> None:
    """Red team 16b: --summary-out /proc/x.txt passed the check, and failed after the
    whole call with exit 1 and 'No such file or directory'."""
    answers = home / "a.yaml"
    answers.write_text("steps: []\n")
    result = run("run", "hyken", "--answers", str(answers), "--summary-out", target)
    assert result.returncode == 2 and "not a folder that takes files" in result.stderr
    assert result.stdout == ""  # nothing ran


def test_a_folder_another_recover_made_first_is_taken_as_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two recovers starting at once on a fresh data folder: the second one's mkdir finds
    the folder the first just made ("File exists" used to stop it)."""
    import os

    from recoverycli import paths

    target = tmp_path / "fresh" / "data"
    real_mkdir = os.mkdir

    def racing_mkdir(path: object, mode: int = 0o777) -> None:
        real_mkdir(path, 0o700)  # type: ignore[arg-type]  # the other process wins
        real_mkdir(path, mode)   # type: ignore[arg-type]  # ours: FileExistsError

    monkeypatch.setattr(os, "mkdir", racing_mkdir)
    assert paths.private_dir(target) == target and target.is_dir()
    monkeypatch.setattr(os, "mkdir", real_mkdir)
    (tmp_path / "file").write_text("x")
    with pytest.raises(FileExistsError):
        paths.private_dir(tmp_path / "file" / "below")
