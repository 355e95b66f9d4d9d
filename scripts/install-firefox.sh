#!/usr/bin/env bash
# Installs Debian's Firefox ESR for the browser tests, when it is missing. The tests drive it
# headless through its built-in WebDriver BiDi remote agent: no geckodriver, no browser download.
set -euo pipefail

if command -v firefox-esr >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-firefox: no apt-get here; install Firefox ESR with this system's package manager" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends firefox-esr fonts-noto-cjk
command -v firefox-esr
