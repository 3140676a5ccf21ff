"""Embedded PostgreSQL for development and tests (see docs/adr/0001-embedded-postgresql.md).

When ``DATABASE_URL`` is not set, the settings call :func:`database_settings`, which
starts (or reuses) a real PostgreSQL server shipped in the ``pgserver`` wheel, with
its data under ``.pgdata/`` in the project. The server keeps running after the
process that started it exits, so a second ``make run`` or a test run reuses it;
``python -m humanrights_portal.embedded_db stop`` stops it.

The server listens on a Unix socket only (no TCP port), so it never clashes with
another PostgreSQL on the machine.
"""

from __future__ import annotations

import argparse
import os
import sys
import warnings
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PGDATA = BASE_DIR / ".pgdata"
DATABASE_NAME = "humanrights"
POSTGRES_USER = "postgres"


def pgdata_path() -> Path:
    return Path(os.environ.get("PORTAL_PGDATA", DEFAULT_PGDATA)).resolve()


def _import_pgserver():
    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); its fallback is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pgserver
        import pgserver.utils
    return pgserver


def _running_socket_dir(pgdata: Path) -> str | None:
    """Socket folder of a server already running on ``pgdata``, without starting one."""
    PostmasterInfo = _import_pgserver().utils.PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is not None and info.is_running() and info.status == "ready":
        return str(info.socket_dir)
    return None


def ensure_running(pgdata: Path | None = None) -> str:
    """Start the embedded server if needed; return the folder of its Unix socket."""
    pgdata = pgdata or pgdata_path()
    socket_dir = _running_socket_dir(pgdata) if (pgdata / "PG_VERSION").exists() else None
    if socket_dir is None:
        pgserver = _import_pgserver()
        pgdata.mkdir(parents=True, exist_ok=True)
        server = pgserver.get_server(pgdata, cleanup_mode=None)
        socket_dir = str(server.get_postmaster_info().socket_dir)
    _ensure_database(socket_dir)
    return socket_dir


def _ensure_database(socket_dir: str) -> None:
    import psycopg2

    connection = psycopg2.connect(dbname="postgres", user=POSTGRES_USER, host=socket_dir)
    connection.autocommit = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()


def database_settings() -> dict:
    """Django ``DATABASES['default']`` for the embedded server."""
    socket_dir = ensure_running()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": POSTGRES_USER,
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }


def stop(pgdata: Path | None = None) -> bool:
    """Stop the embedded server; return whether one was running."""
    pgdata = pgdata or pgdata_path()
    if _running_socket_dir(pgdata) is None:
        return False
    pg_ctl = _import_pgserver()._commands.pg_ctl
    user = "pgserver" if os.geteuid() == 0 else None
    pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=["start", "stop", "status"])
    args = parser.parse_args(argv)
    pgdata = pgdata_path()
    if args.action == "start":
        socket_dir = ensure_running(pgdata)
        print(f"Embedded PostgreSQL running: data {pgdata}, socket {socket_dir}, database {DATABASE_NAME}")
    elif args.action == "stop":
        print("Stopped." if stop(pgdata) else "Not running.")
    else:
        socket_dir = _running_socket_dir(pgdata) if (pgdata / "PG_VERSION").exists() else None
        print(f"Running, socket {socket_dir}" if socket_dir else "Not running.")
        return 0 if socket_dir else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
