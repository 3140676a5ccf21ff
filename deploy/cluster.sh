#!/usr/bin/env bash
# The portal as several servers on this one machine, on loopback only (`make cluster`, `make cluster-stop`):
#
#   deploy/cluster.sh start    PostgreSQL (embedded, own data in .cluster/pgdata, unless DATABASE_URL is set),
#                              Redis on 6390, migrate + collectstatic, two gunicorn servers (8201, 8202) with
#                              the production settings, a Celery worker and beat, nginx on 8200 in front
#   deploy/cluster.sh stop     stops exactly the processes whose pid files are in .cluster/pids/
#   deploy/cluster.sh status   shows them
#   deploy/cluster.sh restart-app PORT   restarts one gunicorn server (the fault tests, deploy/faults.py)
#   deploy/cluster.sh restart-worker     restarts the Celery worker (the fault tests)
#
# Everything lives under .cluster/ (CLUSTER_DIR): pids/, logs/, the generated secret key, Redis' data, the
# static files, the attachments. Ports: CLUSTER_NGINX_PORT, CLUSTER_APP_PORTS, CLUSTER_REDIS_PORT.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CLUSTER_DIR="${CLUSTER_DIR:-$ROOT/.cluster}"
PIDS="$CLUSTER_DIR/pids"
LOGS="$CLUSTER_DIR/logs"
VENV_BIN="$ROOT/.venv/bin"
PY="$VENV_BIN/python"
NGINX_PORT="${CLUSTER_NGINX_PORT:-8200}"
APP_PORTS="${CLUSTER_APP_PORTS:-8201 8202}"
REDIS_PORT="${CLUSTER_REDIS_PORT:-6390}"
HOST="127.0.0.1"
# Stop order: the front first, the data last.
STOP_ORDER="nginx celery-beat celery-worker gunicorn-* redis postgres"

log() { printf '[cluster] %s\n' "$*"; }
die() {
  printf '[cluster] error: %s\n' "$*" >&2
  exit 1
}

# ------------------------------------------------------------------ pid files

pid_of() { [ -s "$PIDS/$1.pid" ] && tr -dc '0-9' <"$PIDS/$1.pid"; }

# The process of pid file $1 is alive and is what it should be (its command line holds $2): a pid reused by
# someone else's process is never signalled.
alive() {
  local pid
  pid="$(pid_of "$1")" || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

command_of() {
  case "$1" in
    nginx) echo "nginx" ;;
    redis) echo "redis-server" ;;
    postgres) echo "postgres" ;;
    gunicorn-*) echo "gunicorn" ;;
    celery-*) echo "celery" ;;
    *) echo "$1" ;;
  esac
}

wait_for() { # wait_for SECONDS COMMAND...: until the command succeeds
  local deadline=$((SECONDS + $1))
  shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.3
  done
}

http_ok() { "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=3)' "$1"; }

port_free() {
  "$PY" -c 'import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))' "$1"
}

# Starts "$@" in its own session (never touched by a Ctrl-C of the caller), output appended to logs/$name.log.
spawn() {
  local name="$1"
  shift
  nohup setsid "$@" >>"$LOGS/$name.log" 2>&1 </dev/null &
}

# ------------------------------------------------------------------ environment of every process

setup_environment() {
  mkdir -p "$PIDS" "$LOGS" "$CLUSTER_DIR/nginx" "$CLUSTER_DIR/redis" "$CLUSTER_DIR/prometheus"
  # Nothing in here belongs in git (the secret key least of all).
  [ -f "$CLUSTER_DIR/.gitignore" ] || echo '*' >"$CLUSTER_DIR/.gitignore"
  if [ ! -s "$CLUSTER_DIR/secret_key" ]; then
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(50))' >"$CLUSTER_DIR/secret_key")
  fi
  export DJANGO_SETTINGS_MODULE="humanrights_portal.settings.production"
  DJANGO_SECRET_KEY="$(cat "$CLUSTER_DIR/secret_key")"
  export DJANGO_SECRET_KEY
  export DJANGO_ALLOWED_HOSTS="${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}"
  export DJANGO_CSRF_TRUSTED_ORIGINS="${DJANGO_CSRF_TRUSTED_ORIGINS:-http://$HOST:$NGINX_PORT,http://localhost:$NGINX_PORT}"
  # Plain HTTP on loopback: no redirect to HTTPS (a real deployment terminates TLS in nginx and keeps it on).
  export DJANGO_SECURE_SSL_REDIRECT="${DJANGO_SECURE_SSL_REDIRECT:-false}"
  export DJANGO_STATIC_ROOT="$CLUSTER_DIR/static"
  export PORTAL_PRIVATE_MEDIA_ROOT="${PORTAL_PRIVATE_MEDIA_ROOT:-$CLUSTER_DIR/private_media}"
  export PORTAL_SITE_URL="${PORTAL_SITE_URL:-http://$HOST:$NGINX_PORT}"
  export AXES_PROXY_COUNT="${AXES_PROXY_COUNT:-1}" # nginx in front: the client is the last X-Forwarded-For hop
  export CACHE_URL="${CACHE_URL:-redis://$HOST:$REDIS_PORT/1}"
  export LOG_FORMAT="${LOG_FORMAT:-json}"
  export CELERY_BEAT_SCHEDULE_FILENAME="$CLUSTER_DIR/celerybeat-schedule"
  if has_celery; then
    export CELERY_BROKER_URL="${CELERY_BROKER_URL:-redis://$HOST:$REDIS_PORT/0}"
  fi
  if [ -z "${DATABASE_URL:-}" ]; then
    export PORTAL_PGDATA="$CLUSTER_DIR/pgdata"
  fi
  mkdir -p "$PORTAL_PRIVATE_MEDIA_ROOT"
  chmod 700 "$PORTAL_PRIVATE_MEDIA_ROOT"
}

has_celery() { [ -f "$ROOT/humanrights_portal/celery.py" ]; }

# ------------------------------------------------------------------ the components

start_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then
    log "PostgreSQL: using DATABASE_URL"
    return
  fi
  if ! alive postgres postgres; then
    "$PY" -m humanrights_portal.embedded_db start | sed 's/^/[cluster] /'
    head -n 1 "$PORTAL_PGDATA/postmaster.pid" >"$PIDS/postgres.pid"
  fi
  log "PostgreSQL: pid $(pid_of postgres), data $PORTAL_PGDATA"
}

start_redis() {
  if alive redis redis-server; then
    log "Redis: already running (pid $(pid_of redis))"
    return
  fi
  port_free "$REDIS_PORT" || die "port $REDIS_PORT is taken by another program"
  cat >"$CLUSTER_DIR/redis/redis.conf" <<EOF
bind $HOST
port $REDIS_PORT
protected-mode yes
daemonize yes
pidfile $PIDS/redis.pid
logfile $LOGS/redis.log
dir $CLUSTER_DIR/redis
# Queued jobs survive a restart.
appendonly yes
appendfsync everysec
EOF
  redis-server "$CLUSTER_DIR/redis/redis.conf"
  wait_for 10 redis-cli -h "$HOST" -p "$REDIS_PORT" ping || die "Redis did not start (see $LOGS/redis.log)"
  log "Redis: pid $(pid_of redis), port $REDIS_PORT"
}

prepare_database_and_files() {
  log "migrate, createcachetable, collectstatic"
  "$PY" "$ROOT/manage.py" migrate --no-input >>"$LOGS/manage.log" 2>&1 || die "migrate failed (see $LOGS/manage.log)"
  "$PY" "$ROOT/manage.py" createcachetable >>"$LOGS/manage.log" 2>&1
  "$PY" "$ROOT/manage.py" collectstatic --no-input >>"$LOGS/manage.log" 2>&1 ||
    die "collectstatic failed (see $LOGS/manage.log)"
}

start_gunicorn() {
  local port="$1" name="gunicorn-$1"
  if alive "$name" gunicorn; then
    log "gunicorn :$port already running (pid $(pid_of "$name"))"
    return
  fi
  port_free "$port" || die "port $port is taken by another program"
  rm -f "$PIDS/$name.pid"
  # Metrics of all the server's workers together (prometheus_client's multiprocess mode).
  rm -rf "$CLUSTER_DIR/prometheus/$port"
  mkdir -p "$CLUSTER_DIR/prometheus/$port"
  PROMETHEUS_MULTIPROC_DIR="$CLUSTER_DIR/prometheus/$port" spawn "$name" \
    "$VENV_BIN/gunicorn" --chdir "$ROOT" -c "$ROOT/deploy/gunicorn.conf.py" \
    --bind "$HOST:$port" --pid "$PIDS/$name.pid" --workers "${GUNICORN_WORKERS:-2}" --name "portal-$port"
  wait_for 60 http_ok "http://$HOST:$port/healthz/" || die "gunicorn :$port did not answer (see $LOGS/$name.log)"
  wait_for 10 alive "$name" gunicorn || die "gunicorn :$port wrote no pid file"
  log "gunicorn :$port: pid $(pid_of "$name")"
}

start_celery() {
  if ! has_celery; then
    log "Celery: humanrights_portal/celery.py does not exist yet, no worker or beat"
    return
  fi
  if ! alive celery-worker celery; then
    rm -f "$PIDS/celery-worker.pid"
    spawn celery-worker "$VENV_BIN/celery" --workdir "$ROOT" -A humanrights_portal worker --loglevel=INFO \
      --concurrency="${CELERY_CONCURRENCY:-2}" --hostname "portal-worker@%h" --pidfile "$PIDS/celery-worker.pid"
    wait_for 30 alive celery-worker celery || die "the Celery worker did not start (see $LOGS/celery-worker.log)"
  fi
  log "Celery worker: pid $(pid_of celery-worker)"
  if ! alive celery-beat celery; then
    rm -f "$PIDS/celery-beat.pid"
    spawn celery-beat "$VENV_BIN/celery" --workdir "$ROOT" -A humanrights_portal beat --loglevel=INFO \
      --schedule "$CLUSTER_DIR/celerybeat-schedule" --pidfile "$PIDS/celery-beat.pid"
    wait_for 30 alive celery-beat celery || die "Celery beat did not start (see $LOGS/celery-beat.log)"
  fi
  log "Celery beat: pid $(pid_of celery-beat)"
}

start_nginx() {
  if alive nginx nginx; then
    log "nginx: already running (pid $(pid_of nginx))"
    return
  fi
  port_free "$NGINX_PORT" || die "port $NGINX_PORT is taken by another program"
  local upstream="" port user_line="" body_mb
  for port in $APP_PORTS; do
    upstream+="        server $HOST:$port max_fails=1 fail_timeout=5s;"$'\n'
  done
  # Workers never run as root: Debian's www-data reads the static files.
  if [ "$(id -u)" -eq 0 ]; then user_line="user www-data;"; fi
  body_mb=$((${PORTAL_ATTACHMENT_MAX_COUNT:-5} * ${PORTAL_ATTACHMENT_MAX_MB:-10} + 12))
  mkdir -p "$CLUSTER_DIR/nginx/client_body" "$CLUSTER_DIR/nginx/proxy" "$CLUSTER_DIR/nginx/fastcgi" \
    "$CLUSTER_DIR/nginx/uwsgi" "$CLUSTER_DIR/nginx/scgi"
  UPSTREAM="$upstream" "$PY" - "$ROOT/deploy/nginx.conf.template" "$CLUSTER_DIR/nginx/nginx.conf" <<EOF
import os, sys
text = open(sys.argv[1], encoding="utf-8").read()
for name, value in {
    "USER_LINE": "$user_line",
    "PID_FILE": "$PIDS/nginx.pid",
    "ERROR_LOG": "$LOGS/nginx-error.log",
    "ACCESS_LOG": "$LOGS/nginx-access.log",
    "TEMP_DIR": "$CLUSTER_DIR/nginx",
    "UPSTREAM_SERVERS": os.environ["UPSTREAM"].rstrip("\n"),
    "LISTEN": "$HOST:$NGINX_PORT",
    "CLIENT_MAX_BODY_SIZE": "${body_mb}m",
    "STATIC_ROOT": "$DJANGO_STATIC_ROOT",
}.items():
    text = text.replace(f"@{name}@", value)
open(sys.argv[2], "w", encoding="utf-8").write(text)
EOF
  rm -f "$PIDS/nginx.pid"
  nginx -t -q -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx/nginx.conf" || die "nginx rejected its configuration"
  nginx -p "$CLUSTER_DIR/nginx" -c "$CLUSTER_DIR/nginx/nginx.conf"
  wait_for 10 alive nginx nginx || die "nginx did not start (see $LOGS/nginx-error.log)"
  wait_for 10 http_ok "http://$HOST:$NGINX_PORT/healthz/" || die "nginx does not reach the application servers"
  log "nginx: pid $(pid_of nginx), http://$HOST:$NGINX_PORT/"
}

start() {
  [ -x "$PY" ] || die "no .venv: run 'make cluster' (it installs the requirements first)"
  "$ROOT/deploy/install_packages.sh"
  setup_environment
  # A failed start leaves nothing running behind it.
  trap 'printf "[cluster] start failed: stopping what was started\n" >&2; stop' EXIT
  start_postgres
  start_redis
  prepare_database_and_files
  local port
  for port in $APP_PORTS; do start_gunicorn "$port"; done
  start_celery
  start_nginx
  trap - EXIT
  log "running: http://$HOST:$NGINX_PORT/ — logs in $LOGS, 'make cluster-stop' stops it"
}

# ------------------------------------------------------------------ stop and status

# stop_one NAME SIGNAL SECONDS: signal the process of the pid file, wait, then kill its process group.
stop_one() {
  local name="$1" signal="$2" seconds="$3" pid command
  pid="$(pid_of "$name")" || {
    rm -f "$PIDS/$name.pid"
    return 0
  }
  command="$(command_of "$name")"
  if alive "$name" "$command"; then
    kill "-$signal" "$pid" 2>/dev/null || true
    if ! wait_for "$seconds" not_running "$pid"; then
      log "$name (pid $pid) did not stop in ${seconds}s: killing it"
      # Its own session (spawn, or a daemon's setsid): the group holds only the processes it started.
      if [ "$(ps -o pgid= -p "$pid" | tr -d ' ')" = "$pid" ]; then
        kill -KILL -- "-$pid" 2>/dev/null || true
      else
        kill -KILL "$pid" 2>/dev/null || true
      fi
      wait_for 5 not_running "$pid" || true
    fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$PIDS/$name.pid"
}

not_running() { ! kill -0 "$1" 2>/dev/null; }

stop() {
  [ -d "$PIDS" ] || {
    log "nothing to stop"
    return 0
  }
  local pattern file name
  for pattern in $STOP_ORDER; do
    for file in "$PIDS"/$pattern.pid; do
      [ -e "$file" ] || continue
      name="$(basename "$file" .pid)"
      case "$name" in
        nginx) stop_one "$name" QUIT 15 ;;     # graceful: finish the requests in flight
        gunicorn-*) stop_one "$name" TERM 40 ;; # graceful_timeout 30
        celery-*) stop_one "$name" TERM 40 ;;   # warm shutdown: running tasks finish
        redis) stop_one "$name" TERM 20 ;;      # saves and exits
        postgres) stop_one "$name" INT 30 ;;    # fast shutdown
        *) stop_one "$name" TERM 20 ;;
      esac
    done
  done
}

status() {
  local file name pid state all_up=0
  if [ ! -d "$PIDS" ] || [ -z "$(ls -A "$PIDS" 2>/dev/null)" ]; then
    log "not running"
    return 3
  fi
  printf '%-15s %-8s %s\n' PROCESS PID STATE
  for file in "$PIDS"/*.pid; do
    name="$(basename "$file" .pid)"
    pid="$(pid_of "$name" || true)"
    if alive "$name" "$(command_of "$name")"; then state="running"; else
      state="NOT RUNNING"
      all_up=1
    fi
    printf '%-15s %-8s %s\n' "$name" "${pid:--}" "$state"
  done
  if http_ok "http://$HOST:$NGINX_PORT/healthz/" 2>/dev/null; then
    log "http://$HOST:$NGINX_PORT/healthz/ answers"
  else
    log "http://$HOST:$NGINX_PORT/healthz/ does not answer"
    all_up=1
  fi
  return "$all_up"
}

# ------------------------------------------------------------------ restart one application server (faults)

# restart-app PORT: stop the gunicorn server of that port (if it still runs) and start it again, nothing else.
restart_app() {
  local port="${1:-}"
  [ -n "$port" ] || die "usage: $0 restart-app PORT"
  case " $APP_PORTS " in *" $port "*) ;; *) die "$port is not one of CLUSTER_APP_PORTS ($APP_PORTS)" ;; esac
  setup_environment
  stop_one "gunicorn-$port" TERM 40
  # The workers of a SIGKILLed master notice it within a second or two and let go of the port.
  wait_for 30 port_free "$port" || die "port $port is still taken"
  start_gunicorn "$port"
}

# restart-worker: stop the Celery worker (if it still runs) and start it again, nothing else.
restart_worker() {
  setup_environment
  stop_one celery-worker TERM 40
  start_celery
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart-app) restart_app "${2:-}" ;;
  restart-worker) restart_worker ;;
  *)
    echo "usage: $0 start|stop|status|restart-app PORT|restart-worker" >&2
    exit 2
    ;;
esac
