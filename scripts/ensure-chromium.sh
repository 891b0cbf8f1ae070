#!/bin/sh
# Browser tests drive Debian's Chromium (test/browser): install it when it is missing.
# Test tools' own browser downloads fail on these machines; Debian's package does not.
set -eu
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing and apt-get is not available; install Chromium and set CHROMIUM_PATH" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: $CHROMIUM is missing; run 'apt-get install -y chromium' as root" >&2
    exit 1
  fi
fi
echo "ensure-chromium: installing Debian's chromium package (once)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends chromium >/dev/null 2>&1 || {
  $SUDO apt-get update >/dev/null
  $SUDO apt-get install -y --no-install-recommends chromium >/dev/null
}
[ -x "$CHROMIUM" ] || { echo "ensure-chromium: $CHROMIUM still missing after apt-get" >&2; exit 1; }
echo "ensure-chromium: $($CHROMIUM --version 2>/dev/null || echo installed)" >&2
