#!/usr/bin/env bash
# Installs what `make cluster` runs beside the portal, from Debian's packages: nginx (the reverse proxy) and
# redis-server (Celery's broker, the shared cache). Does nothing when both are already there. The packages'
# own services are not used: deploy/cluster.sh starts its own nginx and Redis with configurations under .cluster/.
set -euo pipefail

missing=""
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx"
command -v redis-server >/dev/null 2>&1 || [ -x /usr/bin/redis-server ] || missing="$missing redis-server"
if [ -z "${missing// /}" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Missing system packages and this user cannot install them: run 'apt-get install$missing' as root." >&2
  exit 1
fi

echo "Installing from Debian's packages:$missing…"
export DEBIAN_FRONTEND=noninteractive
# Debian starts a package's service on installation: on a machine without systemd (a container) policy-rc.d
# keeps the stock nginx (port 80) and redis (port 6379) from starting; with systemd they are stopped below.
policy="/usr/sbin/policy-rc.d"
created_policy=""
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
  $SUDO chmod +x "$policy"
  created_policy="yes"
fi
cleanup() { if [ -n "$created_policy" ]; then $SUDO rm -f "$policy"; fi; }
trap cleanup EXIT
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for service in $missing; do
    $SUDO systemctl disable --now "$service" >/dev/null 2>&1 || true
  done
fi
nginx -v 2>&1
redis-server --version
