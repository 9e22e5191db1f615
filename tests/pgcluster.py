"""A throwaway PostgreSQL cluster for the tests and benches: initdb into a temporary folder, listening on a
unix socket only, stopped and deleted afterwards.

``STORYLINE_TEST_POSTGRES`` names a server to use instead (a ``postgresql://`` URL of a role that may create
databases); otherwise the cluster is started from Debian's binaries (``/usr/lib/postgresql/N/bin``, the
newest), ``pg_config --bindir`` or ``$PG_BIN``. Run as root, the server runs as the ``postgres`` user (the
server refuses to run as root). :func:`unavailable` says in words why no cluster can be had, for a skip.

Example:
    >>> with Cluster.start() as cluster:                      # doctest: +SKIP
    ...     url = cluster.create_database("t1")
    ...     cluster.drop_database("t1")
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

ENV_URL = "STORYLINE_TEST_POSTGRES"
"""A server to test against instead of a throwaway cluster."""
ENV_REQUIRED = "STORYLINE_TEST_POSTGRES_REQUIRED"
"""Set (CI sets it): a cluster that cannot be had fails the tests instead of skipping them."""
SUPERUSER = "storyline"
SERVER_SETTINGS = (
    "listen_addresses=''",  # the unix socket only
    "fsync=off",  # a throwaway cluster for tests: durability is not tested here
    "synchronous_commit=off",
    "full_page_writes=off",
    "max_connections=200",
    "shared_buffers=64MB",
)
BENCH_SETTINGS = (
    "listen_addresses=''",
    "synchronous_commit=off",  # a commit does not wait for its fsync, as SQLite's WAL with synchronous=NORMAL
    "max_connections=200",
    "shared_buffers=128MB",
)
"""For timings: durable writes (fsync on), commits as the SQLite store makes them."""


def bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, or None."""
    candidates = [os.environ.get("PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            candidates.append(subprocess.run([pg_config, "--bindir"], capture_output=True, text=True).stdout.strip())
        except OSError:
            pass
    for c in candidates:
        if c and (Path(c) / "initdb").is_file() and (Path(c) / "pg_ctl").is_file():
            return Path(c)
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _version_key(path: str) -> tuple[int, ...]:
    part = Path(path).parent.name
    return tuple(int(x) for x in part.split(".") if x.isdigit())


def unavailable() -> str | None:
    """Why no cluster can be started here (None when one can, or a server is named)."""
    try:
        import psycopg  # noqa: F401
        import psycopg_pool  # noqa: F401
    except ImportError:
        return "psycopg and psycopg-pool are not installed (pip install -e '.[postgres]')"
    if os.environ.get(ENV_URL):
        return None
    if bin_dir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql or set PG_BIN"
    if os.geteuid() == 0 and _server_user() is None:
        return "running as root and there is no 'postgres' user to run the server as"
    return None


def _server_user() -> pwd.struct_passwd | None:
    """Who runs the server: ourselves, or the ``postgres`` user when we are root."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


class Cluster:
    """A running server: a throwaway cluster, or the one ``STORYLINE_TEST_POSTGRES`` names."""

    def __init__(self, admin_url: str, root: Path | None = None, bindir: Path | None = None) -> None:
        self.admin_url = admin_url
        self.root = root  # the throwaway cluster's folder; None for a named server
        self.bindir = bindir

    @classmethod
    def start(cls, settings: tuple[str, ...] = SERVER_SETTINGS) -> Cluster:
        """Start a throwaway cluster with these server settings (or connect to the named server).

        Raises:
            RuntimeError: The cluster did not start (the message holds its log).
        """
        named = os.environ.get(ENV_URL)
        if named:
            return cls(named)
        bindir = bin_dir()
        user = _server_user()
        if bindir is None or user is None:
            raise RuntimeError(unavailable() or "no PostgreSQL binaries")
        root = Path(tempfile.mkdtemp(prefix="sl-pg-"))  # short: a socket path has at most 107 bytes
        os.chmod(root, 0o755)
        if os.geteuid() == 0:
            os.chown(root, user.pw_uid, user.pw_gid)
        data, log = root / "data", root / "server.log"
        try:
            init = ["-D", str(data), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]
            _as(user, [str(bindir / "initdb"), *init, "--no-instructions"])
            options = " ".join(f"-c {s}" for s in settings) + f" -k {root}"
            _as(
                user,
                [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"],
            )
        except RuntimeError as exc:
            text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
            shutil.rmtree(root, ignore_errors=True)
            raise RuntimeError(f"{exc}\n{text[-2000:]}") from None
        return cls(socket_url("postgres", root), root, bindir)

    def url(self, dbname: str) -> str:
        """The URL of one database of this server."""
        if self.root is not None:
            return socket_url(dbname, self.root)
        base, _, query = self.admin_url.partition("?")
        head = base.rsplit("/", 1)[0] if base.count("/") > 2 else base
        return f"{head}/{dbname}" + (f"?{query}" if query else "")

    def create_database(self, dbname: str, template: str = "template0") -> str:
        """Create a database, a copy of ``template`` (by default an empty one); return its URL.

        Copying a small database is quicker than making an empty one (about 0.1 s against 0.5 s here), so the
        tests copy a store migrated once.
        """
        self._admin(f'CREATE DATABASE "{dbname}" TEMPLATE "{template}" ENCODING \'UTF8\'')
        return self.url(dbname)

    def drop_database(self, dbname: str) -> None:
        """Drop a database, ending any connection still open on it."""
        self._admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql.encode())

    def stop(self) -> None:
        """Stop and delete the throwaway cluster (a named server is left as it is)."""
        if self.root is None or self.bindir is None:
            return
        user = _server_user()
        if user is not None:
            try:
                _as(user, [str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop"])
            except RuntimeError:
                pass
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()


def socket_url(dbname: str, socket_dir: Path) -> str:
    """``postgresql:///DB?host=DIR&user=storyline``: a database over the unix socket in ``socket_dir``."""
    return f"postgresql:///{dbname}?host={quote(str(socket_dir), safe='/')}&user={SUPERUSER}"


def _as(user: pwd.struct_passwd, cmd: list[str]) -> None:
    """Run a server command as ``user`` (dropping root when we are root)."""

    def demote() -> None:
        os.setgid(user.pw_gid)
        os.setuid(user.pw_uid)

    pre = demote if os.geteuid() == 0 and user.pw_uid != 0 else None
    env = {**os.environ, "LC_ALL": "C.UTF-8", "HOME": user.pw_dir}
    done = subprocess.run(cmd, capture_output=True, text=True, preexec_fn=pre, env=env, cwd="/", timeout=120)
    if done.returncode != 0:
        raise RuntimeError(f"{Path(cmd[0]).name} failed ({done.returncode}): {(done.stderr or done.stdout)[-2000:]}")
