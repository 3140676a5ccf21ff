#!/usr/bin/env bash
# Dashboards at a million cases (issue 8, "Speed"): the committee and public dashboards and the six
# /api/v1/statistics/* endpoints, measured like bench/run.sh (gunicorn, 2 sync workers, production
# settings, the helpdesk peer's load.py, concurrency 4, 20 s per endpoint after a 2 s warm-up).
#   separate database portal_bench_dashboards -> migrate -> seed_bench --size N --dashboards (once)
#   -> refresh_statistics -> selectors timed in-process -> gunicorn -> load.py -> bench/dashboards-results.json
# usage: bench/dashboards.sh   (env overrides: N=1000000 PORT=8103 CONC=4 DURATION=20 WARMUP=2 WORKERS=2
#        PORTAL_STATISTICS_MAX_AGE=600 BENCH_DATABASE_URL=... PEERS_DIR=../shared/peers LOAD_PYTHON=...)
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
N="${N:-1000000}"
PORT="${PORT:-8103}"
CONC="${CONC:-4}"
DURATION="${DURATION:-20}"
WARMUP="${WARMUP:-2}"
WORKERS="${WORKERS:-2}"
PEERS_DIR="${PEERS_DIR:-$(cd "$ROOT/.." && pwd)/shared/peers}"
LOAD="$PEERS_DIR/helpdesk/load.py"
RUN_DIR=/tmp/portal-bench-dashboards
PIDFILE="/tmp/portal-bench-dashboards-gunicorn-$PORT.pid"
LOG="/tmp/portal-bench-dashboards-gunicorn-$PORT.log"
export PORTAL_BENCH_STATIC_ROOT=/tmp/portal-bench-static
export PORTAL_STATISTICS_MAX_AGE="${PORTAL_STATISTICS_MAX_AGE:-600}"
mkdir -p "$RUN_DIR"
rm -f "$RUN_DIR"/*.json
[ -x "$PY" ] || { echo "no $PY: run 'make setup' first" >&2; exit 1; }
[ -f "$LOAD" ] || { echo "load client not found: $LOAD (set PEERS_DIR)" >&2; exit 1; }

# ---- load client python: any python with requests (as bench/run.sh)
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

# ---- its own database, portal_bench_dashboards (bench/run.sh's portal_bench keeps its 100,000 cases)
if [ -z "${BENCH_DATABASE_URL:-}" ]; then
    if [ -z "${DATABASE_URL:-}" ]; then
        SOCKET="$("$PY" -c 'from humanrights_portal.embedded_db import ensure_running; print(ensure_running())')"
        BENCH_DATABASE_URL="postgres://postgres@/portal_bench_dashboards?host=$SOCKET"
    else
        BENCH_DATABASE_URL="$("$PY" -c 'import sys, urllib.parse as u; p = u.urlsplit(sys.argv[1]); print(u.urlunsplit(p._replace(path="/portal_bench_dashboards")))' "$DATABASE_URL")"
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

# ---- production settings over plain HTTP (bench/bench_settings.py) + the statistics summary switched on
export DJANGO_SETTINGS_MODULE=bench.dashboards_settings
export PYTHONPATH="$ROOT${PYTHONPATH:+:$PYTHONPATH}"
DJANGO_SECRET_KEY="$("$PY" -c 'import secrets; print(secrets.token_urlsafe(50))')"
export DJANGO_SECRET_KEY
export DJANGO_ALLOWED_HOSTS=127.0.0.1,localhost
export DJANGO_SECURE_SSL_REDIRECT=false
export PORTAL_ALLOW_DEMO_DATA=true
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export DATABASE_CONN_MAX_AGE="${DATABASE_CONN_MAX_AGE:-60}"

stop_server() {
    [ -f "$PIDFILE" ] || return 0
    local pid
    pid="$(cat "$PIDFILE")"
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q gunicorn; then
        kill -TERM "$pid"
        for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
        echo "stopped gunicorn pid $pid"
    fi
    rm -f "$PIDFILE"
}
trap stop_server EXIT

echo "== database: $(echo "$DATABASE_URL" | sed 's/:[^:@\/]*@/:***@/')"
"$PY" manage.py migrate --no-input -v 0
"$PY" manage.py createcachetable

echo "== seed (N=$N cases, 10,000 plan tasks x 5 years, 1,000 indicators x 10 years)"
STATUS="$("$PY" - "$N" <<'PYEOF'
import sys
import django
django.setup()
from indicators.bench import BENCH_NAME, INDICATORS
from indicators.models import Indicator
from ombudsman.bench import BENCH_CODE_PATTERN
from ombudsman.models import Complaint
from plans.bench import BENCH_TITLE, DASHBOARD_TASKS
from plans.models import PolicyTask
ok = (
    Complaint.objects.filter(receipt_code__regex=BENCH_CODE_PATTERN).count() == int(sys.argv[1])
    and PolicyTask.objects.filter(area__plan__title=BENCH_TITLE).count() == DASHBOARD_TASKS
    and Indicator.objects.filter(framework__name=BENCH_NAME).count() == INDICATORS
)
print("ok" if ok else "seed")
PYEOF
)"
if [ "$STATUS" = ok ]; then
    echo "dashboards bench data of size $N already there"
else
    SECONDS=0
    nice -n 10 "$PY" manage.py seed_bench --size "$N" --dashboards
    echo "seeded in ${SECONDS}s"
fi
"$PY" bench/tools.py trim >/dev/null
echo "== refresh the statistics summary"
"$PY" manage.py refresh_statistics

echo "== selectors in-process (PORTAL_STATISTICS_MAX_AGE=$PORTAL_STATISTICS_MAX_AGE)"
"$PY" bench/dashboards_timing.py --repeat 20 --json "$RUN_DIR/selectors.json"

echo "== collectstatic -> $PORTAL_BENCH_STATIC_ROOT"
"$PY" manage.py collectstatic --noinput --clear -v 0

echo "== serve"
stop_server
: > "$LOG"
nohup "$ROOT/.venv/bin/gunicorn" humanrights_portal.wsgi:application --chdir "$ROOT" \
    --bind "127.0.0.1:$PORT" --workers "$WORKERS" --worker-class sync \
    --timeout 60 --graceful-timeout 10 --error-logfile "$LOG" --log-level warning \
    >>"$LOG" 2>&1 </dev/null &
echo $! > "$PIDFILE"
for i in $(seq 1 100); do
    if "$PY" -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/dashboard/public/', timeout=10)" 2>/dev/null; then
        break
    fi
    kill -0 "$(cat "$PIDFILE")" 2>/dev/null || { echo "gunicorn exited; see $LOG" >&2; tail -20 "$LOG" >&2; exit 1; }
    [ "$i" = 100 ] && { echo "gunicorn did not answer; see $LOG" >&2; exit 1; }
    sleep 0.2
done
echo "gunicorn pid $(cat "$PIDFILE") on http://127.0.0.1:$PORT/ ($WORKERS sync workers), log $LOG"

echo "== load: concurrency $CONC, ${DURATION}s per endpoint (+${WARMUP}s warm-up); uptime: $(uptime)"
uptime > "$RUN_DIR/uptime-before.txt"
COMMON=(--base "http://127.0.0.1:$PORT" --concurrency "$CONC" --duration "$DURATION" --warmup "$WARMUP" --get-ok 200)
# Committee member's view (bench has the committee role): the dashboard and the staff statistics.
"$LOAD_PYTHON" "$LOAD" "${COMMON[@]}" \
    --login-url /accounts/login/ --user bench --password "${PORTAL_DEMO_PASSWORD:-demo-portal-2026!}" \
    --get /dashboard/ --label "committee dashboard /dashboard/" \
    --get /dashboard/public/ --anon --label "public dashboard /dashboard/public/" \
    --get /api/v1/statistics/plans/ --label "API statistics/plans (staff)" \
    --get /api/v1/statistics/indicators/ --label "API statistics/indicators (staff)" \
    --get /api/v1/statistics/ombudsman/ --label "API statistics/ombudsman (staff)" \
    --get /api/v1/statistics/impact/ --label "API statistics/impact (staff)" \
    --get /api/v1/statistics/trends/ --label "API statistics/trends (staff)" \
    --get /api/v1/statistics/groups/ --label "API statistics/groups (staff)" \
    --json "$RUN_DIR/load.json"
uptime > "$RUN_DIR/uptime-after.txt"
if grep -qE "Traceback|ERROR" "$LOG"; then echo "WARNING: errors in $LOG" >&2; fi
stop_server
"$PY" bench/tools.py trim >/dev/null

"$PY" - "$RUN_DIR" "$BENCH_DIR/dashboards-results.json" "$N" <<'PYEOF'
import json, sys
run_dir, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
load = json.load(open(f"{run_dir}/load.json"))
result = {
    "cases": n,
    "uptime_before": open(f"{run_dir}/uptime-before.txt").read().strip(),
    "uptime_after": open(f"{run_dir}/uptime-after.txt").read().strip(),
    "selectors": json.load(open(f"{run_dir}/selectors.json")),
    "load": load["results"],
}
json.dump(result, open(out, "w"), indent=1, ensure_ascii=False)
print(f"| endpoint | req/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---:|---:|---:|---:|---:|")
for row in load["results"]:
    print(f"| {row.get('label') or row.get('path')} | {row['rps']} | {row['p50_ms']} | {row['p95_ms']} | {row['p99_ms']} | {row['errors']} |")
print(f"load average before: {result['uptime_before']}\nload average after:  {result['uptime_after']}")
PYEOF
echo "== wrote $BENCH_DIR/dashboards-results.json"
