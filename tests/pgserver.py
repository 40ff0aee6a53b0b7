"""A throwaway PostgreSQL cluster for tests: initdb in a temporary folder, started as an
unprivileged user on a free local port, stopped and removed at the end.

Standard library only, so ``.ci/run`` can use it before any venv exists:
``python3 tests/pgserver.py start DIR`` prints the URL; ``python3 tests/pgserver.py stop DIR``.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

USER = "recover"
PASSWORD = "s3cret-pw"


def bindir() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
    if found:
        return found[-1]
    initdb = find("initdb")
    return str(Path(initdb).resolve().parent) if initdb else None


# Where system tools live even when PATH is minimal (``env -i PATH=/usr/bin:/bin``, a cron
# job, a CI runner): ``runuser`` is in /usr/sbin on Debian.
SYSTEM_DIRS = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]


def find(program: str) -> str | None:
    """``program`` on PATH, else in the usual system folders."""
    path = os.pathsep.join([os.environ.get("PATH", ""), *SYSTEM_DIRS])
    return shutil.which(program, path=path)


def _as_owner(cmd: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the 'postgres' system user then."""
    if os.geteuid() == 0:
        runuser = find("runuser")
        if runuser is None:
            raise RuntimeError("running as root needs runuser (util-linux) to start PostgreSQL")
        return [runuser, "-u", "postgres", "--", *cmd]
    return cmd


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Cluster:
    def __init__(self, folder: Path, max_connections: int = 100) -> None:
        self.folder = folder
        self.max_connections = max_connections  # the load bench runs 200 agents at once
        self.data = folder / "data"
        self.bin = bindir()
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
        port_file = folder / "port"
        self.port = int(port_file.read_text()) if port_file.exists() else free_port()

    @property
    def url(self) -> str:
        return f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run(_as_owner([f"{self.bin}/{args[0]}", *args[1:]]), check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=120)

    def init(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "port").write_text(str(self.port))
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", USER, f"--pwfile={pwfile}",
                  "--auth=scram-sha-256", "--no-sync", "-E", "UTF8")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.folder / "log"), "-w",
                  "-t", "60", "-o", f"-p {self.port} -k {self.folder} "
                  "-c listen_addresses=127.0.0.1 -c fsync=off "
                  f"-c max_connections={self.max_connections}", "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")


@contextmanager
def throwaway_cluster(max_connections: int = 100) -> Iterator[Cluster]:
    """A started cluster in a new temporary folder, stopped and removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="recover-pg-"))
    os.chmod(folder, 0o755)  # the postgres user must reach its data folder
    cluster = Cluster(folder / "cluster", max_connections)
    cluster.init()
    cluster.start()
    try:
        yield cluster
    finally:
        with suppress(subprocess.CalledProcessError):
            cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    command, folder = sys.argv[1], Path(sys.argv[2])
    cluster = Cluster(folder)
    if command == "start":
        cluster.init()
        cluster.start()
        print(cluster.url)
    elif command == "stop":
        cluster.stop()
        shutil.rmtree(folder, ignore_errors=True)
    else:
        raise SystemExit(f"usage: {sys.argv[0]} start|stop DIR")


if __name__ == "__main__":
    main()
