#!/usr/bin/env bash
# Installs the system packages the tests and the PDF report need, from Debian's packages (never a
# browser download by a test tool): Chromium and its driver for the browser tests, and the Pango /
# HarfBuzz libraries WeasyPrint renders the annual report's PDF with. Does nothing when they are
# already there.
set -euo pipefail

# WeasyPrint's documented Debian dependencies (https://doc.courtbouillon.org/weasyprint, "Installation").
PDF_PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"

have_pdf_libraries() {
  command -v ldconfig >/dev/null 2>&1 || return 1
  local libraries
  libraries="$(ldconfig -p 2>/dev/null || true)"
  for library in libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0; do
    grep -q "$library" <<<"$libraries" || return 1
  done
}

missing=""
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  missing="chromium chromium-driver fonts-noto-cjk"
fi
if ! have_pdf_libraries; then
  missing="$missing $PDF_PACKAGES"
fi
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
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
if command -v chromium >/dev/null 2>&1; then
  chromium --version
fi
