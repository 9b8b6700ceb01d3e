#!/usr/bin/env bash
# Installs Debian's Chromium (and CJK fonts, so Chinese text renders and measures like on a phone) for
# the e2e tests. playwright-core drives it; no test tool ever downloads a browser of its own.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "noto sans cjk" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  echo "chromium and CJK fonts already installed"
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
