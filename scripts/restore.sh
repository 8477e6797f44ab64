#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into an EMPTY database and an empty media directory.
#
#   scripts/restore.sh BACKUP_DIR
#
# The target is what duban's settings point at in this environment: DATABASE_URL (PostgreSQL;
# create the empty database first: createdb -O duban duban) or the SQLite file (DUBAN_SQLITE_PATH,
# which must not exist yet), and MEDIA_ROOT (DUBAN_MEDIA_ROOT; missing or empty). It refuses to
# overwrite anything. Stop the app servers and workers first; afterwards run `duban migrate`
# (a no-op unless the code is newer than the backup) and start them again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${DUBAN_PYTHON:-}"
if [[ -z "$PY" ]]; then
  if [[ -x "$ROOT/.venv/bin/python" ]]; then PY="$ROOT/.venv/bin/python"; else PY=python3; fi
fi
[[ $# -eq 1 && -d "$1" ]] || { echo "usage: $0 BACKUP_DIR" >&2; exit 2; }
SRC="$(cd "$1" && pwd)"
die() { echo "restore: $*" >&2; exit 1; }

(cd "$SRC" && sha256sum --check --quiet SHA256SUMS) || die "checksums do not match in $SRC"
BACKUP_KIND="$(sed -n 's/^database=//p' "$SRC/MANIFEST")"

mapfile -t WHERE < <(cd "$ROOT" && DJANGO_SETTINGS_MODULE=duban.settings "$PY" -c '
from django.conf import settings
db = settings.DATABASES["default"]
print("postgres" if "postgresql" in db["ENGINE"] else "sqlite")
print(db["NAME"])
print(settings.MEDIA_ROOT)
')
[[ ${#WHERE[@]} -eq 3 ]] || { die "cannot read duban settings"; }
KIND="${WHERE[0]}"; DB_NAME="${WHERE[1]}"; MEDIA_ROOT="${WHERE[2]}"
[[ "$KIND" == "$BACKUP_KIND" ]] || die "the backup is of $BACKUP_KIND, this environment uses" \
  "$KIND (set or unset DATABASE_URL); moving between engines needs dumpdata/loaddata"

# Check both targets before touching either.
if [[ "$KIND" == postgres ]]; then
  tables="$(psql "$DATABASE_URL" -XtAc \
    "select count(*) from pg_tables where schemaname not in ('pg_catalog','information_schema')")"
  [[ "$tables" == 0 ]] || die "database $DB_NAME is not empty ($tables tables)"
else
  [[ ! -s "$DB_NAME" ]] || die "SQLite database $DB_NAME exists already"
fi
if [[ -d "$MEDIA_ROOT" ]] && [[ -n "$(ls -A "$MEDIA_ROOT")" ]]; then
  die "media directory $MEDIA_ROOT is not empty"
fi

if [[ "$KIND" == postgres ]]; then
  pg_restore --no-owner --no-acl --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$SRC/database.dump"
else
  mkdir -p "$(dirname "$DB_NAME")"
  "$PY" - "$SRC/database.sqlite3" "$DB_NAME" <<'PYEOF'
import sqlite3
import sys

src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
dst = sqlite3.connect(sys.argv[2])
with dst:
    src.backup(dst)
ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
dst.execute("PRAGMA journal_mode=WAL")  # what duban's settings use
dst.close()
src.close()
if ok != "ok":
    sys.exit(f"restore: integrity check failed: {ok}")
PYEOF
fi

mkdir -p "$MEDIA_ROOT"
tar -C "$MEDIA_ROOT" -xzf "$SRC/media.tar.gz"
echo "restored $SRC into $KIND database $DB_NAME and $MEDIA_ROOT"
echo "next: duban migrate --noinput, then start the servers and workers"
