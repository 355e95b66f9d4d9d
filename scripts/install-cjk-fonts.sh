#!/usr/bin/env bash
# Installs a Japanese (CJK) font for the simulated card face printer and receipts, when none is
# installed: the card face renderer refuses text it cannot draw rather than print empty boxes.
#
# The simulator's build runs it with --if-possible: a machine where it cannot install (no apt-get,
# no root) gets a warning, and the kiosk's card faces then say which font is missing.
set -euo pipefail

best_effort=false
if [ "${1:-}" = "--if-possible" ]; then
  best_effort=true
fi

give_up() {
  echo "install-cjk-fonts: $1" >&2
  if $best_effort; then
    echo "install-cjk-fonts: continuing without a Japanese font; kiosk card faces will not print" >&2
    exit 0
  fi
  exit 1
}

if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  give_up "no apt-get here; install a Japanese font (e.g. Noto Sans CJK) with this system's package manager"
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if ! command -v sudo >/dev/null 2>&1; then
    give_up "not root and no sudo; install fonts-noto-cjk as root"
  fi
  SUDO="sudo -n"
fi
export DEBIAN_FRONTEND=noninteractive
echo "install-cjk-fonts: no Japanese font installed; installing fonts-noto-cjk" >&2
$SUDO apt-get update -q >&2 || give_up "apt-get update failed"
$SUDO apt-get install -y -q --no-install-recommends fonts-noto-cjk fontconfig >&2 \
  || give_up "apt-get install fonts-noto-cjk failed"
fc-list :lang=ja | head -n 1
