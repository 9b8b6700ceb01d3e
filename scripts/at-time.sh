#!/usr/bin/env bash
# Runs a command with the clock moved to another instant (libfaketime, Debian package `faketime`), to
# test at boundaries: the end of a Shanghai week, month or day. The clock then runs on from there.
#   bash scripts/at-time.sh 2026-11-22T15:50:00Z npx jest
# A fixed offset rather than faketime's '@' start time: every process (jest workers, the local cloud's
# function instances, Chromium) gets the same clock whenever it starts and whatever its TZ.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 <instant, e.g. 2026-11-22T15:50:00Z> <command...>" >&2
  exit 2
fi
if ! command -v faketime >/dev/null; then
  echo "faketime is not installed: apt-get install faketime (Debian's libfaketime)" >&2
  exit 2
fi
target=$(date -u -d "$1" +%s)
shift
offset=$((target - $(date -u +%s)))
exec faketime -f "$(printf '%+d' "$offset")s" "$@"
