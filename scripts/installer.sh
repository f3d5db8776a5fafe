#!/usr/bin/env bash
# Prepares a Linux machine (Debian, Ubuntu) for pgo-kit, in the project folder:
#   - a browser: any Chrome, Chromium or Edge already there is used (same
#     places as src/pdf/find-browser.ts: PUPPETEER_EXECUTABLE_PATH, the usual
#     paths, the usual names on PATH, Puppeteer's cache); only when none is
#     found is Chromium installed with apt-get (pgo-kit never downloads one);
#   - poppler-utils, only used by the tests that read the PDFs back: installed
#     when apt-get is there, otherwise a warning and we go on;
#   - then the npm packages (npm ci), which compiles pgo-kit.
# Exit 3 when Node.js is missing or too old, or when no browser can be had.
set -uo pipefail
cd "$(dirname "$0")/.."

say() { printf 'pgo-kit : %s\n' "$*"; }
warn() { printf 'pgo-kit : attention : %s\n' "$*" >&2; }

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "Node.js (20 ou plus) et npm sont nécessaires : https://nodejs.org/ ou sudo apt-get install -y nodejs npm"
  exit 3
fi
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 20 ]; then
  say "Node.js $(node --version) est trop ancien : la version 20 ou plus est nécessaire (https://nodejs.org/)."
  exit 3
fi

browser_names=(chromium-headless-shell chromium chromium-browser google-chrome google-chrome-stable microsoft-edge microsoft-edge-stable)
browser_paths=(/usr/lib/chromium/chromium-headless-shell /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable
  /snap/bin/chromium /usr/bin/microsoft-edge /usr/bin/microsoft-edge-stable /opt/google/chrome/chrome /opt/microsoft/msedge/msedge)

# Prints the browser found, if any.
find_browser() {
  if [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
    [ -x "$PUPPETEER_EXECUTABLE_PATH" ] && { echo "$PUPPETEER_EXECUTABLE_PATH"; return 0; }
    warn "PUPPETEER_EXECUTABLE_PATH=$PUPPETEER_EXECUTABLE_PATH n’est pas un programme exécutable"
    return 1
  fi
  local candidate name cache="${PUPPETEER_CACHE_DIR:-$HOME/.cache/puppeteer}"
  for candidate in "${browser_paths[@]}"; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  for name in "${browser_names[@]}"; do
    candidate="$(command -v "$name" 2>/dev/null)" && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  for candidate in "$cache"/chrome/*/chrome-linux*/chrome "$cache"/chromium/*/chrome-linux/chrome; do
    [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

as_root=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then as_root=(sudo); else as_root=(false-no-sudo); fi
fi
apt_updated=no
apt_install() {
  command -v apt-get >/dev/null 2>&1 || return 1
  [ "${as_root[0]:-}" = false-no-sudo ] && return 1
  if [ "$apt_updated" = no ]; then
    "${as_root[@]}" apt-get update -qq || return 1
    apt_updated=yes
  fi
  DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq "$@" >/dev/null
}

browser="$(find_browser)"
if [ -n "$browser" ]; then
  say "navigateur trouvé : $browser"
elif [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
  # pgo-kit uses the variable when it is set and never looks further: installing Chromium would not help.
  warn "corrigez la variable PUPPETEER_EXECUTABLE_PATH (chemin d’un Chrome, Chromium ou Edge), ou retirez-la."
else
  say "aucun navigateur Chrome, Chromium ou Edge trouvé : installation de Chromium avec apt-get…"
  if apt_install chromium || apt_install chromium-browser; then
    browser="$(find_browser)"
  fi
  [ -n "$browser" ] || warn "Chromium n’a pas pu être installé. Installez Chrome, Chromium ou Edge, ou indiquez son chemin avec PUPPETEER_EXECUTABLE_PATH."
fi

# Tools only the tests use: missing ones are installed when apt can, said otherwise; never a reason to stop.
test_tool() { # <command or path> <Debian package> <what the tests use it for>
  if command -v "$1" >/dev/null 2>&1 || [ -x "$1" ]; then return 0; fi
  say "installation de $2 (utilisé seulement par les tests)…"
  apt_install "$2" || warn "$2 n’a pas pu être installé : pgo-kit fonctionne sans, seuls les tests qui $3 en ont besoin."
}
test_tool pdftotext poppler-utils "relisent les PDF"
test_tool strace strace "observent les appels réseau du navigateur"
test_tool /usr/lib/chromium/chromium-headless-shell chromium-headless-shell "vérifient qu’aucun appel réseau ne sort"

say "installation des paquets npm (npm ci)…"
npm ci --no-audit --no-fund || exit $?

if [ -z "$browser" ]; then
  say "pgo-kit est installé, mais il lui faut un navigateur pour produire les PDF (voir ci-dessus)."
  exit 3
fi
say "prêt. Vérification : npx pgo-kit doctor"
