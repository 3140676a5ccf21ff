#!/usr/bin/env bash
# Portal benchmark, measured like the helpdesk peer (../shared/peers/helpdesk/run.sh):
#   separate database portal_bench -> migrate -> seed_bench N (if needed) -> SQL query counts ->
#   gunicorn (production settings, 2 sync workers) -> load.py per endpoint -> stop -> results.md/json
# usage: bench/run.sh   (or `make bench`; env overrides: N=100000 PORT=8102 CONC=4 DURATION=20 WARMUP=2
#        WORKERS=2 BENCH_DATABASE_URL=... PEERS_DIR=../shared/peers LOAD_PYTHON=... TOPOLOGY=production)
# TOPOLOGY=production (default): as deployed (README "Several servers"): Redis on REDIS_PORT (8103) for the
#   cache and the sessions (cached_db) and as Celery's broker, and a Celery worker (1 process) sending the
#   receipt e-mails on the same two cores while the load runs. TOPOLOGY=single: no Redis, database cache and
#   sessions, e-mails sent in-process inside the request (what `make run` does).
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
N="${N:-100000}"
PORT="${PORT:-8102}"
CONC="${CONC:-4}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-2}"
WORKERS="${WORKERS:-2}"
TOPOLOGY="${TOPOLOGY:-production}"
REDIS_PORT="${REDIS_PORT:-8103}"
PHASES="${PHASES:-public staff submit}"   # a subset for a quick look; the report needs all three
PEERS_DIR="${PEERS_DIR:-$(cd "$ROOT/.." && pwd)/shared/peers}"
LOAD="$PEERS_DIR/helpdesk/load.py"
RUN_DIR=/tmp/portal-bench-run
PIDFILE="/tmp/portal-bench-gunicorn-$PORT.pid"
LOG="/tmp/portal-bench-gunicorn-$PORT.log"
REDIS_PIDFILE="/tmp/portal-bench-redis-$REDIS_PORT.pid"
WORKER_PIDFILE="/tmp/portal-bench-celery-$REDIS_PORT.pid"
WORKER_LOG="/tmp/portal-bench-celery-$REDIS_PORT.log"
export PORTAL_BENCH_STATIC_ROOT=/tmp/portal-bench-static
mkdir -p "$RUN_DIR"
rm -f "$RUN_DIR"/*.json "$RUN_DIR"/*.sql
[ -x "$PY" ] || { echo "no $PY: run 'make setup' first (or 'make bench')" >&2; exit 1; }
[ -f "$LOAD" ] || { echo "load client not found: $LOAD (set PEERS_DIR)" >&2; exit 1; }

# ---- load client python: any python with requests (the project's .venv has none)
if [ -z "${LOAD_PYTHON:-}" ]; then
    for candidate in /tmp/peer-helpdesk-venv/bin/python /tmp/portal-bench-loadvenv/bin/python python3; do
        if "$candidate" -c "import requests" 2>/dev/null; then LOAD_PYTHON="$candidate"; break; fi
    done
fi
if [ -z "${LOAD_PYTHON:-}" ]; then
    python3 -m venv /tmp/portal-bench-loadvenv
    /tmp/portal-bench-loadvenv/bin/pip install --quiet --disable-pip-version-check requests
    LOAD_PYTHON=/tmp/portal-bench-loadvenv/bin/python
fi

# ---- a separate database, portal_bench, on the same server (the demo database is untouched)
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
    if [ -z "${DATABASE_URL:-}" ]; then
        SOCKET="$("$PY" -c 'from humanrights_portal.embedded_db import ensure_running; print(ensure_running())')"
        BENCH_DATABASE_URL="postgres://postgres@/portal_bench?host=$SOCKET"
    else   # same server as DATABASE_URL, database portal_bench
        BENCH_DATABASE_URL="$("$PY" -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/portal_bench")))' "$DATABASE_URL")"
    fi
fi
"$PY" - "$BENCH_DATABASE_URL" <<'PYEOF'
import sys
import environ
import psycopg2
cfg = environ.Env.db_url_config(sys.argv[1])
params = {"dbname": "postgres", "user": cfg["USER"], "password": cfg["PASSWORD"] or None,
          "host": cfg["HOST"] or cfg.get("OPTIONS", {}).get("host"), "port": cfg["PORT"] or None}
conn = psycopg2.connect(**{k: v for k, v in params.items() if v})
conn.autocommit = True
with conn.cursor() as cur:
    cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [cfg["NAME"]])
    if cur.fetchone() is None:
        cur.execute(f'CREATE DATABASE "{cfg["NAME"]}"')
        print(f"created database {cfg['NAME']}")
conn.close()
PYEOF
export DATABASE_URL="$BENCH_DATABASE_URL"

# ---- production settings over plain HTTP on loopback (see bench/bench_settings.py)
export DJANGO_SETTINGS_MODULE=bench.bench_settings
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false
export PORTAL_ALLOW_DEMO_DATA=true
export PORTAL_COMPLAINT_SUBMIT_RATE=1000000/m
export PORTAL_COMPLAINT_TRACK_RATE=1000000/m
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"

stop_pid() {  # stop_pid PIDFILE PROGRAM: TERM (then KILL) the process of PIDFILE if it is PROGRAM
    [ -f "$1" ] || return 0
    local pid
    pid="$(tr -dc '0-9' < "$1")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$2"; then
        kill -TERM "$pid"
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        echo "stopped $2 pid $pid"
    fi
    rm -f "$1"
}
stop_server() { stop_pid "$PIDFILE" gunicorn; }
stop_all() {
    stop_server
    stop_pid "$WORKER_PIDFILE" celery
    stop_pid "$REDIS_PIDFILE" redis-server
}
trap stop_all EXIT

if [ "$TOPOLOGY" = production ]; then
    "$ROOT/deploy/install_packages.sh"
    stop_pid "$REDIS_PIDFILE" redis-server
    redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
        --pidfile "$REDIS_PIDFILE" --logfile /tmp/portal-bench-redis.log --dir /tmp
    for _ in $(seq 1 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
    redis-cli -p "$REDIS_PORT" flushall >/dev/null
    export CACHE_URL="redis://127.0.0.1:$REDIS_PORT/1"
    export CELERY_BROKER_URL="redis://127.0.0.1:$REDIS_PORT/0"
    echo "== topology: production (Redis :$REDIS_PORT for cache, sessions and the Celery broker; a Celery worker)"
else
    unset CACHE_URL CELERY_BROKER_URL
    echo "== topology: single (database cache and sessions, e-mails sent inside the request)"
fi

echo "== database: $(echo "$DATABASE_URL" | sed 's/:[^:@\/]*@/:***@/')"
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py createcachetable

echo "== seed (N=$N)"
if [ "$("$PY" bench/tools.py status "$N")" = ok ]; then
    echo "bench data of size $N already there"
else
    SECONDS=0
    "$PY" manage.py seed_bench --size "$N"
    echo "seeded in ${SECONDS}s"
fi
"$PY" bench/tools.py trim
TRACK_CODE="$("$PY" bench/tools.py fix-tracking)"
TRACK_KEY=BENC-HMAR-KTRA-CKIN-GKEY-ABCD-EFGH-2345
DETAIL_CODE="$("$PY" bench/tools.py pick-detail)"
echo "tracking case $TRACK_CODE, detail case $DETAIL_CODE"

echo "== collectstatic -> $PORTAL_BENCH_STATIC_ROOT"
"$PY" manage.py collectstatic --noinput --clear -v 0

echo "== queries per page"
"$PY" bench/queries.py "$DETAIL_CODE" "$TRACK_CODE" --json "$RUN_DIR/queries.json" --sql "$RUN_DIR/queries.sql"
"$PY" bench/tools.py trim

echo "== serve"
stop_server
: > "$LOG"
nohup "$ROOT/.venv/bin/gunicorn" humanrights_portal.wsgi:application --chdir "$ROOT" \
    --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class sync \
    --timeout 60 --graceful-timeout 10 --error-logfile "$LOG" --log-level warning \
    >>"$LOG" 2>&1 </dev/null &
echo $! > "$PIDFILE"
for i in $(seq 1 100); do
    if "$PY" -c "import sys, urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/complaints/track/', timeout=2)" 2>/dev/null; then
        break
    fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { echo "gunicorn exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
    [ "$i" = 100 ] && { echo "gunicorn did not answer; see $LOG" >&2; exit 1; }
    sleep 0.2
done
echo "gunicorn pid $(cat "$PIDFILE") on http://127.0.0.1:$PORT/ ($WORKERS sync workers), log $LOG"
if [ "$TOPOLOGY" = production ]; then
    : > "$WORKER_LOG"
    nohup "$ROOT/.venv/bin/celery" --workdir "$ROOT" -A humanrights_portal worker --loglevel=WARNING \
        --concurrency 1 --hostname "portal-bench@%h" --pidfile "$WORKER_PIDFILE" >>"$WORKER_LOG" 2>&1 </dev/null &
    for _ in $(seq 1 100); do [ -s "$WORKER_PIDFILE" ] && break; sleep 0.2; done
    echo "celery worker pid $(cat "$WORKER_PIDFILE"), log $WORKER_LOG"
fi

echo "== load: concurrency $CONC, ${DURATION}s per endpoint (+${WARMUP}s warm-up); uptime: $(uptime)"
uptime > "$RUN_DIR/uptime-before.txt"
COMMON=(--base "http://127.0.0.1:$PORT" --concurrency "$CONC" --duration "$DURATION" --warmup "$WARMUP")
# 1. public status page: one tracking cookie (code + key posted once), GET the status page;
#    and the look-up POST itself (code + key -> 303), each worker its own anonymous session.
phase() { [[ " $PHASES " == *" $1 "* ]]; }
# CPU seconds per process group during each phase (bench/cpu.py), kept in $RUN_DIR/cpu-PHASE.txt
cpu_before() { "$PY" bench/cpu.py snapshot "$RUN_DIR/cpu-before.json"; }
cpu_after() {
    "$PY" bench/cpu.py snapshot "$RUN_DIR/cpu-after.json"
    "$PY" bench/cpu.py diff "$RUN_DIR/cpu-before.json" "$RUN_DIR/cpu-after.json" > "$RUN_DIR/cpu-$1.txt"
    echo "CPU seconds during the $1 phase:"; cat "$RUN_DIR/cpu-$1.txt"
}
phase public && cpu_before && "$LOAD_PYTHON" "$LOAD" "${COMMON[@]}" --get-ok 200 --post-ok 303 \
    --login-url /complaints/track/ --user-field receipt_code --password-field secret_key \
    --user "$TRACK_CODE" --password "$TRACK_KEY" \
    --get /complaints/track/status/ --label "public status page (tracking cookie, GET)" \
    --post /complaints/track/ "{\"receipt_code\": \"$TRACK_CODE\", \"secret_key\": \"$TRACK_KEY\"}" --anon \
        --label "public status look-up (POST code+key, 303)" \
    --json "$RUN_DIR/load-public.json" && cpu_after public
# 2. staff pages, logged in as bench (session shared by the workers)
phase staff && cpu_before && "$LOAD_PYTHON" "$LOAD" "${COMMON[@]}" --get-ok 200 \
    --login-url /accounts/login/ --user bench --password "${PORTAL_DEMO_PASSWORD:-demo-portal-2026!}" \
    --get /ombudsman/ --label "staff case list (first page of rows)" \
    --get "/ombudsman/cases/$DETAIL_CODE/" --label "staff case detail" \
    --get /api/v1/cases/ --label "case-list API (JSON, first page)" \
    --json "$RUN_DIR/load-staff.json" && cpu_after staff
# 3. public submission last, so the read phases see exactly the seeded data
FORM="$("$PY" bench/payload.py)"
phase submit && cpu_before && "$LOAD_PYTHON" "$LOAD" "${COMMON[@]}" --post-ok 303 \
    --post /complaints/new/ "$FORM" --anon --label "public submission (POST, anon)" \
    --json "$RUN_DIR/load-submit.json" && cpu_after submit
uptime > "$RUN_DIR/uptime-after.txt"
"$PY" bench/tools.py outbox | tee "$RUN_DIR/outbox.txt"

if grep -qE "Traceback|ERROR" "$LOG"; then echo "WARNING: errors in $LOG" >&2; fi
stop_all
"$PY" bench/tools.py trim
cat > "$RUN_DIR/run.json" <<JSON
{"n": $N, "port": $PORT, "workers": $WORKERS, "concurrency": $CONC, "duration": $DURATION, "warmup": $WARMUP,
 "conn_max_age": $DATABASE_CONN_MAX_AGE, "topology": "$TOPOLOGY", "outbox": "$(cat "$RUN_DIR/outbox.txt" | xargs)", "detail_code": "$DETAIL_CODE", "track_code": "$TRACK_CODE",
 "command": "N=$N CONC=$CONC DURATION=$DURATION WARMUP=$WARMUP TOPOLOGY=$TOPOLOGY ./bench/run.sh",
 "uptime_before": "$(cat "$RUN_DIR/uptime-before.txt" | xargs)", "uptime_after": "$(cat "$RUN_DIR/uptime-after.txt" | xargs)"}
JSON
if [ "$PHASES" != "public staff submit" ]; then
    echo "== PHASES=$PHASES: no report; raw figures in $RUN_DIR/load-*.json"
    for f in "$RUN_DIR"/load-*.json; do "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); [print(e['label'], e['rps'], 'req/s', e['errors'], 'errors, client CPU', e.get('client_cpu_pct'), '%') for e in d['results']]" "$f" || true; done
    exit 0
fi
"$PY" bench/report.py "$RUN_DIR" "$BENCH_DIR" "$PEERS_DIR"
echo "== wrote $BENCH_DIR/results.md"
cat "$BENCH_DIR/results.md"
