#!/usr/bin/env bash
# Installs what pgo-kit needs on a Debian or Ubuntu machine with Node 20:
# Chromium when no Chrome/Chromium is found (pgo-kit never downloads one),
# poppler-utils for the tests that read the PDFs back, then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'pgo-kit : %s\n' "$*"; }

has_browser() {
  [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [ -x "${PUPPETEER_EXECUTABLE_PATH}" ] && return 0
  local candidate
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable /snap/bin/chromium /opt/google/chrome/chrome; do
    [ -x "$candidate" ] && return 0
  done
  return 1
}

packages=()
has_browser || packages+=(chromium)
command -v pdftotext >/dev/null 2>&1 || packages+=(poppler-utils)

if ((${#packages[@]})); then
  if ! command -v apt-get >/dev/null 2>&1; then
    say "installez vous-même : ${packages[*]} (apt-get introuvable sur cette machine)"
    exit 3
  fi
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  say "installation de ${packages[*]} avec apt-get…"
  "${as_root[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "${packages[@]}" >/dev/null
fi

say "installation des paquets npm (npm ci)…"
npm ci --no-audit --no-fund
