#!/usr/bin/env bash
# Installs what the browser tests need: Debian's Chromium and its driver (never a
# browser download by a test tool). Does nothing when they are already there.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "Chromium is missing and this user cannot install it: run 'apt-get install chromium chromium-driver' as root." >&2
  exit 1
fi

echo "Installing Chromium and ChromeDriver from Debian's packages…"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
chromium --version
