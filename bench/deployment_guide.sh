#!/usr/bin/env bash
# Follow docs/deployment.md word for word on a "fresh machine" and check that the site works.
#
# The commands are not retyped here: the script reads the guide's code blocks of sections 1-6
# and runs them in order, in a fresh clone of this repository's committed HEAD. Only what needs
# root or the machine's own services is translated, and said so as it runs:
#   - apt-get, adduser, `sudo -u postgres ...`, the copies into /etc/systemd: left out (the
#     packages are installed; the database is created by this script instead);
#   - /srv/citypartners -> a temporary directory; /etc/citypartners/env, /etc/redis,
#     /etc/nginx, /etc/letsencrypt -> files in it;
#   - in the env file: a generated secret, localhost as host, the database given below, a
#     private Redis, and an SMTP sink on loopback instead of the mail relay;
#   - section 3: a private redis-server started with the guide's redis.conf lines (on $REDIS_PORT);
#   - section 5, `systemctl enable --now`: gunicorn and the worker started with the service
#     files' own command lines (gunicorn on $PORT);
#   - section 6: the guide's nginx file with server_name and paths edited as the guide says, its
#     ports moved to $HTTP_PORT/$HTTPS_PORT, certbot replaced by a self-signed certificate at the
#     path certbot writes; Debian's nginx started with its own prefix (not the machine's nginx).
# Then, through nginx over TLS, it checks pages, their static files, a media file, the API,
# the readiness probe, the redirect from plain HTTP, and a newsletter sign-up whose
# confirmation mail the worker delivers to an SMTP sink (aiosmtpd).
#
#   bench/deployment_guide.sh          # cp_deploy on 127.0.0.1:5432, ports 8140-8145
#   DEPLOY_DB=cp_x PORT=8150 HTTP_PORT=8151 HTTPS_PORT=8152 REDIS_PORT=8153 SMTP_PORT=8154 bench/deployment_guide.sh
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
GUIDE="$REPO/docs/deployment.md"
DEPLOY_DB="${DEPLOY_DB:-cp_deploy}"
PORT="${PORT:-8140}"
HTTP_PORT="${HTTP_PORT:-8141}"
HTTPS_PORT="${HTTPS_PORT:-8142}"
REDIS_PORT="${REDIS_PORT:-8143}"
SMTP_PORT="${SMTP_PORT:-8144}"
PGHOST_URL="${DEPLOY_PG:-postgresql://postgres@127.0.0.1:5432}"
ROOT="$(mktemp -d /tmp/citypartners-deploy.XXXXXX)"
chmod 755 "$ROOT"   # nginx's workers (user nobody) read the media files below it
ENVFILE="$ROOT/etc-citypartners-env"
NGINX_DIR="$ROOT/etc-nginx"
PIDS=()
failures=0

cleanup() {
    if [ -f "$NGINX_DIR/nginx.pid" ]; then kill -QUIT "$(cat "$NGINX_DIR/nginx.pid")" 2>/dev/null || true; fi
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }
check() {  # check NAME COMMAND...: print ok/FAIL, count failures
    local name="$1"; shift
    if "$@"; then echo "ok    $name"; else echo "FAIL  $name"; failures=$((failures + 1)); fi
}

# The fenced blocks of one section ("## N. ..."), as text; $2 = language tag (sh, env, or
# empty for a block without one).
blocks() {
    awk -v section="## $1." -v lang="$2" '
        /^## / { inside = (index($0, section) == 1) }
        inside && /^```/ {
            if (!fence) { fence = 1; grab = ($0 == "```" lang) } else { fence = 0; grab = 0 }
            next
        }
        grab { print }
    ' "$GUIDE"
}

# Translate one line of the guide for this machine; empty output means "left out".
translate() {
    local line="$1"
    case "$line" in
        *"systemctl enable --now citypartners-web"*)
            echo "# translated: $line -> the service files' ExecStart lines" >&2
            echo "start_services"; return ;;
        apt-get*|adduser*|"sudo -u postgres"*|"cp deploy/citypartners-"*)
            echo "# left out (root/services): $line" >&2; return ;;
        "systemctl restart redis-server"*)
            echo "# translated: $line -> a private redis-server with that configuration" >&2
            echo "start_redis"; return ;;
        certbot*)
            echo "# translated: $line -> a self-signed certificate where certbot puts its files" >&2
            echo "self_signed_certificate"; return ;;
        "nginx -t && systemctl reload nginx"*)
            echo "# translated: $line -> Debian's nginx with its own prefix" >&2
            echo "run_nginx"; return ;;
    esac
    line="${line//\/etc\/citypartners\/env/$ENVFILE}"
    line="${line//\/etc\/nginx/$NGINX_DIR}"
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
        case "$translated" in
            start_redis|start_services|self_signed_certificate|run_nginx) "$translated"; continue ;;
        esac
        (cd "$(test -d "$ROOT/srv" && echo "$ROOT/srv" || echo "$ROOT")" && bash -euo pipefail -c "$translated")
        case "$line" in
            "cp deploy/nginx.conf"*) edit_nginx_site ;;
        esac
    done < <(blocks "$n" sh)
}

wait_http() {  # wait_http URL: until it answers at all (at most 30 s)
    for _ in $(seq 1 60); do curl -sk -o /dev/null "$1" && return 0; sleep 0.5; done
    return 1
}

start_redis() {  # section 3: the guide's redis.conf lines, on a private port
    { echo "port $REDIS_PORT"; echo "bind 127.0.0.1"; echo "save \"\""; echo "dir $ROOT";
      cat "$ROOT/etc-redis-redis.conf"; } >"$ROOT/redis.conf"
    redis-server "$ROOT/redis.conf" >"$ROOT/redis.log" 2>&1 &
    PIDS+=($!)
    for _ in $(seq 1 40); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return 0; sleep 0.25; done
}

service_command() {  # the ExecStart of deploy/$1, for this machine
    local command
    command="$(awk '/^ExecStart=/{s=1} s{print} s && !/\\$/{exit}' "$REPO/deploy/$1" \
        | sed -e 's/^ExecStart=//' -e 's/\\$//' | tr '\n' ' ')"
    command="${command//\/srv\/citypartners/$ROOT/srv}"
    command="${command//127.0.0.1:8000/127.0.0.1:$PORT}"
    echo "${command//--workers 4/--workers 2}"   # 2 cores shared with others here
}

start_services() {  # section 5: what systemd would start, with the env file loaded
    local web worker
    web="$(service_command citypartners-web.service)"
    worker="$(service_command citypartners-worker.service)"
    echo "  web:    $web"
    echo "  worker: $worker"
    (cd "$ROOT/srv" && exec $web >"$ROOT/gunicorn.log" 2>&1) &
    PIDS+=($!)
    (cd "$ROOT/srv" && exec $worker >"$ROOT/worker.log" 2>&1) &
    PIDS+=($!)
    wait_http "http://127.0.0.1:$PORT/health/live"
}

edit_nginx_site() {  # "edit server_name and paths", and our ports instead of 80 and 443
    local site="$NGINX_DIR/sites-available/citypartners"
    echo "  (editing $site: server_name localhost, paths under $ROOT, ports $HTTP_PORT/$HTTPS_PORT, gunicorn on $PORT)"
    sed -i -E \
        -e "s/partnerschaften\.example\.berlin;/localhost;/" \
        -e "s|/etc/letsencrypt|$ROOT/etc-letsencrypt|g" \
        -e "s|/srv/citypartners|$ROOT/srv|g" \
        -e "s/^( *)listen 80;/\1listen 127.0.0.1:$HTTP_PORT;/" \
        -e "s/^( *)listen 443 ssl( http2)?;/\1listen 127.0.0.1:$HTTPS_PORT ssl\2;/" \
        -e "/listen \[::\]/d" \
        -e "s/127\.0\.0\.1:8000/127.0.0.1:$PORT/" \
        -e "s|https://\\\$host\\\$request_uri|https://\$host:$HTTPS_PORT\$request_uri|" \
        "$site"
}

self_signed_certificate() {
    local live="$ROOT/etc-letsencrypt/live/partnerschaften.example.berlin"
    mkdir -p "$live"
    openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
        -keyout "$live/privkey.pem" -out "$live/fullchain.pem" 2>/dev/null
}

run_nginx() {  # nginx's main file here holds only what /etc/nginx/nginx.conf would
    mkdir -p "$NGINX_DIR/logs"
    cat >"$NGINX_DIR/nginx.conf" <<EOF
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/logs/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $NGINX_DIR/logs/access.log;
    client_body_temp_path $NGINX_DIR/body;
    proxy_temp_path $NGINX_DIR/proxy;
    fastcgi_temp_path $NGINX_DIR/fastcgi;
    uwsgi_temp_path $NGINX_DIR/uwsgi;
    scgi_temp_path $NGINX_DIR/scgi;
    include $NGINX_DIR/sites-enabled/*;
}
EOF
    /usr/sbin/nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf" -t
    /usr/sbin/nginx -p "$NGINX_DIR" -c "$NGINX_DIR/nginx.conf"
    wait_http "https://127.0.0.1:$HTTPS_PORT/health/live"
}

say "guide: $GUIDE; machine: $ROOT; database $DEPLOY_DB; ports: gunicorn $PORT, nginx $HTTP_PORT/$HTTPS_PORT, Redis $REDIS_PORT, SMTP $SMTP_PORT"
psql "$PGHOST_URL/postgres" -qc "DROP DATABASE IF EXISTS $DEPLOY_DB" >/dev/null
psql "$PGHOST_URL/postgres" -qc "CREATE DATABASE $DEPLOY_DB" >/dev/null
# the SMTP sink that stands in for the mail relay: every message a file in a Maildir
"$REPO/.venv/bin/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$ROOT/maildir" \
    >"$ROOT/smtp.log" 2>&1 &
PIDS+=($!)

say "1. Machine and user"
run_section 1

say "2. Configuration (the env file, with this machine's values)"
secret="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
blocks 2 env | sed -E \
    -e "s|^CITYPARTNERS_SECRET_KEY=.*|CITYPARTNERS_SECRET_KEY=$secret|" \
    -e "s|^CITYPARTNERS_ALLOWED_HOSTS=.*|CITYPARTNERS_ALLOWED_HOSTS=localhost,127.0.0.1|" \
    -e "s|^CITYPARTNERS_BASE_URL=.*|CITYPARTNERS_BASE_URL=https://localhost|" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=$PGHOST_URL/$DEPLOY_DB|" \
    -e "s|^REDIS_URL=.*|REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0|" \
    -e "s|^EMAIL_HOST=.*|EMAIL_HOST=127.0.0.1|" \
    -e "s|^EMAIL_PORT=.*|EMAIL_PORT=$SMTP_PORT|" \
    -e "s|^EMAIL_HOST_USER=.*|EMAIL_HOST_USER=|" \
    -e "s|^EMAIL_HOST_PASSWORD=.*|EMAIL_HOST_PASSWORD=|" \
    -e "s|^EMAIL_USE_TLS=.*|EMAIL_USE_TLS=false|" \
    -e "s|/srv/citypartners|$ROOT/srv|g" >"$ENVFILE"
chmod 600 "$ENVFILE"
sed 's/^CITYPARTNERS_SECRET_KEY=.*/CITYPARTNERS_SECRET_KEY=<generated>/' "$ENVFILE"
# The guide's "load the variables" block, then every later block in the same shell.
set -a; . "$ENVFILE"; set +a
export CITYPARTNERS_EDITOR_PASSWORD="deploy-$(python3 -c 'import secrets; print(secrets.token_urlsafe(16))')"

say "3. Redis (a private redis-server with the guide's redis.conf lines)"
blocks 3 "" >"$ROOT/etc-redis-redis.conf"
cat "$ROOT/etc-redis-redis.conf"
run_section 3

say "4. Database, static files and first data"
run_section 4

say "5. Services"
run_section 5

say "6. nginx and TLS"
mkdir -p "$NGINX_DIR/sites-available" "$NGINX_DIR/sites-enabled"
run_section 6

say "Checks, through nginx over TLS (https://localhost:$HTTPS_PORT)"
base="https://localhost:$HTTPS_PORT"
CURL=(curl -sk --resolve "localhost:$HTTPS_PORT:127.0.0.1" --resolve "localhost:$HTTP_PORT:127.0.0.1")
get() { "${CURL[@]}" -o "$ROOT/body" -w '%{http_code}' "$base$1"; }
for path in /de/ /en/ /en/partnerships/berlin-paris/ /de/newsletter/ /en/open-data/ \
    /api/v1/partnerships /sitemap.xml /health/ready; do
    check "GET $path answers 200" test "$(get "$path")" = 200
done
get /de/ >/dev/null
statics="$(grep -oE '(href|src)="/static/[^"]+"' "$ROOT/body" | sed -E 's/^(href|src)="//; s/"$//' | sort -u)"
check "the home page names static files" test -n "$statics"
for path in $statics; do
    answer="$("${CURL[@]}" -o /dev/null -w '%{http_code} %{size_download}' "$base$path")"
    check "GET $path: hashed by the manifest, answers 200 with a body ($answer)" \
        bash -c "[[ '$path' =~ \.[0-9a-f]{12}\. ]] && [[ '$answer' =~ ^200\ [1-9] ]]"
done
mkdir -p "$CITYPARTNERS_VAR_DIR/media"   # as the first upload would
echo "media served by nginx" >"$CITYPARTNERS_VAR_DIR/media/deploy-probe.txt"
check "GET /media/deploy-probe.txt is served by nginx from the media directory" \
    test "$(get /media/deploy-probe.txt) $(cat "$ROOT/body")" = "200 media served by nginx"
plain="$("${CURL[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' "http://localhost:$HTTP_PORT/de/")"
check "plain HTTP is redirected to HTTPS ($plain)" test "$plain" = "301 https://localhost:$HTTPS_PORT/de/"
check "Redis runs with the guide's memory limit and eviction policy" \
    test "$(redis-cli -p "$REDIS_PORT" config get maxmemory-policy | tail -1) $(redis-cli -p "$REDIS_PORT" config get maxmemory | tail -1)" = "volatile-lru 536870912"

say "A newsletter sign-up through nginx; the worker sends the confirmation to the SMTP sink"
jar="$ROOT/cookies"
# The Referer names no port: nginx passes the Host without one ($host), as it would on 443, and
# Django's CSRF check compares the two (a browser on this test port would be refused the same).
"${CURL[@]}" -c "$jar" -o "$ROOT/form.html" "$base/en/newsletter/"
token="$(grep -oE 'name="csrfmiddlewaretoken" value="[^"]+"' "$ROOT/form.html" | head -1 | sed -E 's/.*value="//; s/"$//')"
version="$(grep -oE 'name="consent_version" value="[^"]+"' "$ROOT/form.html" | head -1 | sed -E 's/.*value="//; s/"$//')"
signup="$("${CURL[@]}" -b "$jar" -c "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' \
    -H "Referer: https://localhost/en/newsletter/" \
    --data-urlencode "csrfmiddlewaretoken=$token" --data-urlencode "email=deploy-reader@example.org" \
    --data-urlencode "language=en" --data-urlencode "consent=on" --data-urlencode "consent_version=$version" \
    "$base/en/newsletter/")"
check "the sign-up form is accepted ($signup)" bash -c "[[ '$signup' =~ ^302\ https://localhost:$HTTPS_PORT/en/newsletter/ ]]"
for _ in $(seq 1 60); do grep -rq "deploy-reader@example.org" "$ROOT/maildir" 2>/dev/null && break; sleep 0.5; done
check "the confirmation mail reached the SMTP sink through the worker" \
    grep -rq "^To: deploy-reader@example.org" "$ROOT/maildir"
check "it links to the confirmation page on the site's base URL" \
    grep -rq "https://localhost/en/newsletter/confirm/" "$ROOT/maildir"

say "logs (last lines)"
tail -n 3 "$ROOT/gunicorn.log" "$ROOT/worker.log" "$NGINX_DIR/logs/error.log" 2>/dev/null || true
if [ "$failures" -eq 0 ]; then
    echo; echo "deployment guide: all checks passed ($ROOT)"
else
    echo; echo "deployment guide: $failures check(s) failed ($ROOT)"; exit 1
fi
