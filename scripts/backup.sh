#!/usr/bin/env bash
# Back up duban: the database and the uploaded files, into one new timestamped directory.
#
#   scripts/backup.sh [PARENT_DIR]        (default: $DUBAN_BACKUP_DIR, else var/backups)
#
# PostgreSQL (DATABASE_URL set): pg_dump -Fc of that database -> database.dump
# SQLite (DATABASE_URL unset):   a consistent copy through SQLite's online backup API, safe while
#                                the server runs -> database.sqlite3
# Uploaded files: a tar of MEDIA_ROOT -> media.tar.gz
# MANIFEST records what was taken; SHA256SUMS lets restore.sh check the files.
# The directory is written under a temporary name and renamed when complete; the last line
# printed is its path. Read the same environment as the app servers (DUBAN_*, DATABASE_URL).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${DUBAN_PYTHON:-}"
if [[ -z "$PY" ]]; then
  if [[ -x "$ROOT/.venv/bin/python" ]]; then PY="$ROOT/.venv/bin/python"; else PY=python3; fi
fi
PARENT="${1:-${DUBAN_BACKUP_DIR:-$ROOT/var/backups}}"

# Ask duban's settings where things are, so this script never disagrees with the app.
mapfile -t WHERE < <(cd "$ROOT" && DJANGO_SETTINGS_MODULE=duban.settings "$PY" -c '
from django.conf import settings
db = settings.DATABASES["default"]
print("postgres" if "postgresql" in db["ENGINE"] else "sqlite")
print(db["NAME"])
print(settings.MEDIA_ROOT)
')
[[ ${#WHERE[@]} -eq 3 ]] || { echo "backup: cannot read duban settings" >&2; exit 1; }
KIND="${WHERE[0]}"; DB_NAME="${WHERE[1]}"; MEDIA_ROOT="${WHERE[2]}"

STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$PARENT"
FINAL="$PARENT/duban-$STAMP"
[[ -e "$FINAL" ]] && { echo "backup: $FINAL exists already; try again in a second" >&2; exit 1; }
WORK="$PARENT/.duban-$STAMP.partial"
rm -rf "$WORK"
mkdir -m 700 "$WORK"
trap 'rm -rf "$WORK"' EXIT

if [[ "$KIND" == postgres ]]; then
  pg_dump --format=custom --no-owner --no-acl --dbname="$DATABASE_URL" --file="$WORK/database.dump"
  pg_restore --list "$WORK/database.dump" >/dev/null   # the archive is readable
else
  [[ -f "$DB_NAME" ]] || { echo "backup: no SQLite database at $DB_NAME" >&2; exit 1; }
  "$PY" - "$DB_NAME" "$WORK/database.sqlite3" <<'PYEOF'
import sqlite3
import sys

src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True, timeout=60)
dst = sqlite3.connect(sys.argv[2])
with dst:
    src.backup(dst)  # a consistent snapshot even while the server writes
ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
dst.execute("PRAGMA journal_mode=DELETE")
dst.close()
src.close()
if ok != "ok":
    sys.exit(f"backup: integrity check of the copy failed: {ok}")
PYEOF
fi

if [[ -d "$MEDIA_ROOT" ]]; then
  tar -C "$MEDIA_ROOT" -czf "$WORK/media.tar.gz" .
else
  tar -czf "$WORK/media.tar.gz" -T /dev/null   # no uploads yet: an empty archive
fi

{
  echo "created_utc=$STAMP"
  echo "database=$KIND"
  echo "media_root=$MEDIA_ROOT"
  echo "host=$(hostname)"
  echo "commit=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)"
  echo "migrations=$(ls "$ROOT"/*/migrations/0*.py 2>/dev/null | wc -l)"
} >"$WORK/MANIFEST"
(cd "$WORK" && sha256sum database.* media.tar.gz MANIFEST >SHA256SUMS)

mv "$WORK" "$FINAL"
trap - EXIT
echo "$FINAL"
