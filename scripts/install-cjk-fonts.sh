#!/usr/bin/env bash
# Installs a Japanese (CJK) font for the simulated card face printer and receipts, when none is
# installed: the card face renderer refuses text it cannot draw rather than print empty boxes.
set -euo pipefail

if command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list :lang=ja 2>/dev/null | head -n 1)" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-cjk-fonts: no apt-get here; install a Japanese font (e.g. Noto Sans CJK) with" \
    "this system's package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends fonts-noto-cjk fontconfig
fc-list :lang=ja | head -n 1
