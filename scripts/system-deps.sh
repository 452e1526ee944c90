#!/usr/bin/env bash
# The system tools sarkit uses, from Debian: LibreOffice for .doc/.rtf/.odt, Tesseract with Thai for
# scans, Thai fonts; with --browser also Chromium (the tests render report.html in it).
# As root with apt-get: installs what is missing. Otherwise: says in one line what to install, and
# succeeds (sarkit runs without them: those files get a row naming the package).
set -euo pipefail
need=""
command -v soffice >/dev/null || need="$need libreoffice-writer-nogui"
command -v tesseract >/dev/null || need="$need tesseract-ocr tesseract-ocr-tha"
fc-list 2>/dev/null | grep -qi garuda || need="$need fonts-thai-tlwg"
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null || command -v chromium-browser >/dev/null || need="$need chromium"
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "sarkit: installing system packages:$need" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need >/dev/null
else
  echo "sarkit: optional system packages missing; as root run: apt-get install -y$need" >&2
fi
