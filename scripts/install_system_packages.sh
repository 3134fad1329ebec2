#!/usr/bin/env bash
# System packages some routes and tests use (Debian/Ubuntu):
#   libreoffice-writer-nogui  converts legacy .doc / .wps files (without it those files get a clear error)
#   fonts-wqy-microhei        a CJK font the sample generator draws PDF reports with
#   poppler-utils             pdftotext, one of the converters scripts/converted.py measures the text route on
# Nothing else is needed: camelot renders pages through pypdfium2 (no Ghostscript).
set -euo pipefail
PKGS="libreoffice-writer-nogui fonts-wqy-microhei poppler-utils"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "apt-get not found: install $PKGS with your system's package manager" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
