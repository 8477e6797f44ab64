"""scripts/backup.sh and scripts/restore.sh, really run: back up, restore elsewhere, compare.

SQLite always; PostgreSQL too when DATABASE_URL points at PostgreSQL (throwaway databases on
that server, dropped afterwards). No migrations are run, so each case takes a few seconds.
"""

import os
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup.sh"
RESTORE = ROOT / "scripts" / "restore.sh"
NAME = "示范市教育局 backup check"
UPLOAD = "evidence/2026/05/整改照片.jpg"
CONTENT = b"\xff\xd8\xff\xe0 not really a photo \x00\x01" * 50


def environment(tmp_path: Path, side: str, database_url: str | None = None) -> dict:
    env = {k: v for k, v in os.environ.items()
           if k not in {"DATABASE_URL", "DATABASE_REPLICA_URLS", "DUBAN_ENV", "REDIS_URL"}}
    env.update(DUBAN_VAR_DIR=str(tmp_path / side / "var"),
               DUBAN_SQLITE_PATH=str(tmp_path / side / "db.sqlite3"),
               DUBAN_MEDIA_ROOT=str(tmp_path / side / "media"),
               DUBAN_PYTHON=sys.executable)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def sh(script: Path, *args: str, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(script), *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=60)


def put_upload(env: dict) -> None:
    path = Path(env["DUBAN_MEDIA_ROOT"]) / UPLOAD
    path.parent.mkdir(parents=True)
    path.write_bytes(CONTENT)


def back_up_and_restore(tmp_path: Path, source: dict, target: dict) -> Path:
    put_upload(source)
    done = sh(BACKUP, str(tmp_path / "backups"), env=source)
    assert done.returncode == 0, done.stderr
    backup = Path(done.stdout.strip().splitlines()[-1])
    assert backup.is_dir() and backup.name.startswith("duban-")
    assert {"MANIFEST", "SHA256SUMS", "media.tar.gz"} <= {p.name for p in backup.iterdir()}
    done = sh(RESTORE, str(backup), env=target)
    assert done.returncode == 0, done.stderr
    assert (Path(target["DUBAN_MEDIA_ROOT"]) / UPLOAD).read_bytes() == CONTENT
    # Restoring again would overwrite: refused, and the restored data stays as it was.
    again = sh(RESTORE, str(backup), env=target)
    assert again.returncode != 0 and "restore:" in again.stderr
    return backup


def test_sqlite_backup_restores_rows_and_uploads(tmp_path):
    source = environment(tmp_path, "a")
    Path(source["DUBAN_SQLITE_PATH"]).parent.mkdir(parents=True)
    db = sqlite3.connect(source["DUBAN_SQLITE_PATH"])
    db.execute("PRAGMA journal_mode=WAL")  # as the app runs it: the copy must include the WAL
    db.execute("CREATE TABLE orgs_unit (id INTEGER PRIMARY KEY, name TEXT)")
    with db:
        db.executemany("INSERT INTO orgs_unit (name) VALUES (?)",
                       [(NAME,)] + [(f"学校{i}",) for i in range(500)])
    target = environment(tmp_path, "b")
    backup = back_up_and_restore(tmp_path, source, target)
    db.close()
    assert (backup / "database.sqlite3").exists()
    restored = sqlite3.connect(target["DUBAN_SQLITE_PATH"])
    assert restored.execute("SELECT count(*) FROM orgs_unit").fetchone()[0] == 501
    assert restored.execute("SELECT name FROM orgs_unit WHERE id = 1").fetchone()[0] == NAME


def test_restore_refuses_a_backup_that_was_tampered_with(tmp_path):
    source = environment(tmp_path, "a")
    Path(source["DUBAN_SQLITE_PATH"]).parent.mkdir(parents=True)
    sqlite3.connect(source["DUBAN_SQLITE_PATH"]).execute("CREATE TABLE t (x)").connection.close()
    done = sh(BACKUP, str(tmp_path / "backups"), env=source)
    assert done.returncode == 0, done.stderr
    backup = Path(done.stdout.strip().splitlines()[-1])
    (backup / "media.tar.gz").write_bytes(b"garbage")
    target = environment(tmp_path, "b")
    done = sh(RESTORE, str(backup), env=target)
    assert done.returncode != 0
    assert not Path(target["DUBAN_SQLITE_PATH"]).exists()


def _postgres_url() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme in ("postgres", "postgresql") else None


@pytest.mark.skipif(_postgres_url() is None, reason="DATABASE_URL is not PostgreSQL")
def test_postgres_backup_restores_rows_and_uploads(tmp_path):
    import psycopg

    base = urlsplit(_postgres_url())
    admin = urlunsplit(base._replace(path="/postgres"))
    names = [f"duban_backup_{side}_{uuid.uuid4().hex[:8]}" for side in ("a", "b")]
    urls = [urlunsplit(base._replace(path=f"/{n}")) for n in names]
    with psycopg.connect(admin, autocommit=True) as conn:
        for n in names:
            conn.execute(f'CREATE DATABASE "{n}"')
    try:
        with psycopg.connect(urls[0], autocommit=True) as conn:
            conn.execute("CREATE TABLE orgs_unit (id serial PRIMARY KEY, name text)")
            conn.execute("INSERT INTO orgs_unit (name) VALUES (%s)", [NAME])
            conn.execute("INSERT INTO orgs_unit (name) SELECT '学校' || i "
                         "FROM generate_series(1, 500) i")
        source = environment(tmp_path, "a", urls[0])
        target = environment(tmp_path, "b", urls[1])
        backup = back_up_and_restore(tmp_path, source, target)
        assert (backup / "database.dump").exists()
        with psycopg.connect(urls[1]) as conn:
            assert conn.execute("SELECT count(*) FROM orgs_unit").fetchone()[0] == 501
            assert conn.execute("SELECT name FROM orgs_unit WHERE id = 1").fetchone()[0] == NAME
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for n in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{n}" WITH (FORCE)')
