#!/usr/bin/env bash
# Back up citypartners: a PostgreSQL dump (everything, restorable with pg_restore) and the
# human-readable dataset export (reviewable, loadable with `citypartners loaddataset`).
set -euo pipefail
target=${1:?usage: backup.sh DIRECTORY}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$target/$stamp"
pg_dump --format=custom --no-owner --file="$target/$stamp/database.dump" "$DATABASE_URL"
/srv/citypartners/.venv/bin/citypartners exportdataset "$target/$stamp/dataset" >/dev/null
sha256sum "$target/$stamp/database.dump" > "$target/$stamp/SHA256SUMS"
find "$target" -mindepth 1 -maxdepth 1 -type d -mtime +30 -exec rm -rf {} +
echo "backup written to $target/$stamp"
