#!/usr/bin/env bash
# Follow docs/deployment.md word for word on a "fresh machine" and check that the site works.
#
# The commands are not retyped here: the script reads the guide's code blocks of sections 1-5
# and runs them in order, in a fresh clone of this repository's committed HEAD. Only what needs
# root or the machine's own services is translated or left out, and said so as it runs:
#   - apt-get, adduser, systemctl, certbot, nginx, `sudo -u postgres ...`: left out (the
#     services are already here; the database is created by this script instead);
#   - /srv/citypartners -> a temporary directory; /etc/citypartners/env -> a file in it;
#   - in the env file: a generated secret, 127.0.0.1/localhost as hosts, and the database and
#     Redis database given below, so no other user of this machine is disturbed;
#   - section 3 (Redis memory limit) edits the shared server's configuration: only printed;
#   - section 5 starts gunicorn with the service file's own command line, on $PORT.
# Then it asks gunicorn for pages as nginx would (X-Forwarded-Proto: https) and checks that
# they and their static files answer 200, that plain HTTP is redirected, and /health/ready.
#
#   bench/deployment_guide.sh                 # cp_deploy on 127.0.0.1:5432, Redis db 4, port 8140
#   DEPLOY_DB=cp_x DEPLOY_REDIS_DB=5 PORT=8150 bench/deployment_guide.sh
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
GUIDE="$REPO/docs/deployment.md"
DEPLOY_DB="${DEPLOY_DB:-cp_deploy}"
DEPLOY_REDIS_DB="${DEPLOY_REDIS_DB:-4}"
PORT="${PORT:-8140}"
PGHOST_URL="${DEPLOY_PG:-postgresql://postgres@127.0.0.1:5432}"
ROOT="$(mktemp -d /tmp/citypartners-deploy.XXXXXX)"
ENVFILE="$ROOT/etc-citypartners-env"
GUNICORN_PID=""
failures=0

cleanup() {
    if [ -n "$GUNICORN_PID" ]; then kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }
check() {  # check NAME COMMAND...: print ok/FAIL, count failures
    local name="$1"; shift
    if "$@"; then echo "ok    $name"; else echo "FAIL  $name"; failures=$((failures + 1)); fi
}

# The fenced blocks of one section ("## N. ..."), as text; $2 = language tag (sh or env).
blocks() {
    awk -v section="## $1." -v lang="$2" '
        /^## / { inside = (index($0, section) == 1) }
        inside && $0 == "```" lang { grab = 1; next }
        grab && /^```/ { grab = 0; next }
        grab { print }
    ' "$GUIDE"
}

# Translate one line of the guide for this machine; empty output means "left out".
translate() {
    local line="$1"
    case "$line" in
        apt-get*|adduser*|systemctl*|certbot*|"nginx -t"*|"sudo -u postgres"*|"cp deploy/"*|"ln -s"*)
            echo "# left out (root/services): $line" >&2; return ;;
    esac
    line="${line//\/etc\/citypartners\/env/$ENVFILE}"
    line="${line//\/srv\/citypartners/$ROOT/srv}"
    line="${line//<repository>/$REPO}"
    line="${line//<name>/deploy-admin}"   # createeditor reads CITYPARTNERS_EDITOR_PASSWORD
    line="$(sed -E 's/^install -d -o [a-z]+ -g [a-z]+ /mkdir -p /' <<<"$line")"
    echo "$line"
}

run_section() {  # run the sh blocks of section $1 in $ROOT/srv (or $ROOT before the clone)
    local n="$1" line translated
    while IFS= read -r line; do
        [ -z "$line" ] && continue
        translated="$(translate "$line")"
        [ -z "$translated" ] && continue
        echo "\$ $translated"
        (cd "$(test -d "$ROOT/srv" && echo "$ROOT/srv" || echo "$ROOT")" && bash -euo pipefail -c "$translated")
    done < <(blocks "$n" sh)
}

say "guide: $GUIDE; machine: $ROOT; database $DEPLOY_DB; Redis db $DEPLOY_REDIS_DB; port $PORT"
psql "$PGHOST_URL/postgres" -qc "DROP DATABASE IF EXISTS $DEPLOY_DB" >/dev/null
psql "$PGHOST_URL/postgres" -qc "CREATE DATABASE $DEPLOY_DB" >/dev/null
redis-cli -n "$DEPLOY_REDIS_DB" FLUSHDB >/dev/null

say "1. Machine and user"
run_section 1

say "2. Configuration (the env file, with this machine's values)"
secret="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
blocks 2 env | sed -E \
    -e "s|^CITYPARTNERS_SECRET_KEY=.*|CITYPARTNERS_SECRET_KEY=$secret|" \
    -e "s|^CITYPARTNERS_ALLOWED_HOSTS=.*|CITYPARTNERS_ALLOWED_HOSTS=localhost,127.0.0.1|" \
    -e "s|^CITYPARTNERS_BASE_URL=.*|CITYPARTNERS_BASE_URL=https://localhost|" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=$PGHOST_URL/$DEPLOY_DB|" \
    -e "s|^REDIS_URL=.*|REDIS_URL=redis://127.0.0.1:6379/$DEPLOY_REDIS_DB|" \
    -e "s|/srv/citypartners|$ROOT/srv|g" >"$ENVFILE"
chmod 600 "$ENVFILE"
sed 's/^CITYPARTNERS_SECRET_KEY=.*/CITYPARTNERS_SECRET_KEY=<generated>/' "$ENVFILE"
# The guide's "load the variables" block, then every later block in the same shell.
set -a; . "$ENVFILE"; set +a
export CITYPARTNERS_EDITOR_PASSWORD="deploy-$(python3 -c 'import secrets; print(secrets.token_urlsafe(16))')"

say "3. Redis (a shared server here: the guide's settings are printed, not applied)"
awk '/^## 3\./{i=1} /^## 4\./{i=0} i && /^maxmemory/' "$GUIDE"

say "4. Database, static files and first data"
run_section 4

say "5. Services: gunicorn with the service file's command line"
exec_start="$(awk '/^ExecStart=/{s=1} s{print} s && !/\\$/{exit}' "$REPO/deploy/citypartners-web.service" \
    | sed -e 's/^ExecStart=//' -e 's/\\$//' | tr '\n' ' ')"
exec_start="${exec_start//\/srv\/citypartners/$ROOT/srv}"
exec_start="${exec_start//127.0.0.1:8000/127.0.0.1:$PORT}"
exec_start="${exec_start//--workers 4/--workers 2}"   # 2 cores shared with others here
echo "\$ $exec_start"
(cd "$ROOT/srv" && exec $exec_start >"$ROOT/gunicorn.log" 2>&1) &
GUNICORN_PID=$!
for _ in $(seq 1 60); do
    curl -s -o /dev/null "http://127.0.0.1:$PORT/health/live" && break
    sleep 0.5
done

say "Checks (as nginx asks: Host localhost, X-Forwarded-Proto https)"
base="http://127.0.0.1:$PORT"
get() { curl -s -o "$ROOT/body" -w '%{http_code}' -H 'Host: localhost' -H 'X-Forwarded-Proto: https' \
    -H 'X-Forwarded-For: 203.0.113.9' "$base$1"; }
for path in /de/ /en/ /en/partnerships/berlin-paris/ /de/newsletter/ /en/open-data/ \
    /api/v1/partnerships /sitemap.xml /health/ready; do
    check "GET $path answers 200" test "$(get "$path")" = 200
done
get /de/ >/dev/null
statics="$(grep -oE '(href|src)="/static/[^"]+"' "$ROOT/body" | sed -E 's/^(href|src)="//; s/"$//' | sort -u)"
check "the home page names static files" test -n "$statics"
for path in $statics; do
    answer="$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H 'Host: localhost' \
        -H 'X-Forwarded-Proto: https' "$base$path")"
    check "GET $path: hashed by the manifest, answers 200 with a body ($answer)" \
        bash -c "[[ '$path' =~ \.[0-9a-f]{12}\. ]] && [[ '$answer' =~ ^200\ [1-9] ]]"
done
plain="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -H 'Host: localhost' "$base/de/")"
check "plain HTTP is redirected to HTTPS ($plain)" test "$plain" = "301 https://localhost/de/"

if command -v nginx >/dev/null; then
    say "nginx is installed, but this script does not run a second nginx beside the machine's"
else
    say "nginx is not installed: section 6 not exercised"
fi

say "gunicorn log (last lines)"
tail -n 5 "$ROOT/gunicorn.log" || true
if [ "$failures" -eq 0 ]; then
    echo; echo "deployment guide: all checks passed ($ROOT)"
else
    echo; echo "deployment guide: $failures check(s) failed ($ROOT)"; exit 1
fi
