#!/usr/bin/env bash
# Installs Debian's fonts-noto-cjk when its NotoSansCJK-Regular.ttc is missing: the file server/cjk-font.ts
# reads on the local cloud, in tests and in CI (production reads the same font from cloud storage,
# docs/deploy.md). Tests that draw Chinese call it before they start (it is quick when the font is there).
set -euo pipefail
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
if [ -f "$FONT" ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No $FONT and no apt-get: download NotoSansCJK-Regular.ttc (Noto CJK, SIL OFL) and" >&2
  echo "place it at $FONT, or upload it to cloud storage and set CJK_FONT_FILE_ID (docs/certificates.md)." >&2
  exit 1
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends fonts-noto-cjk
[ -f "$FONT" ]
