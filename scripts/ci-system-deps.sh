#!/usr/bin/env bash
# System programs the end-to-end tests drive (tests/e2e): Chromium (browser and report tests, driven
# by playwright-core — no browser download), LibreOffice Calc without GUI (spreadsheet test) and
# Writer without GUI (the report's .docx). Idempotent: does nothing when all are already installed. Needs root (or sudo) and Debian's apt.
# Bounded: every apt step has a timeout; apt waits at most 120 s for another apt's lock.
set -euo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-calc-nogui)
WRITER=/usr/lib/libreoffice/program/libswlo.so # tests/e2e/soffice.ts WRITER_LIB
[ -e "$WRITER" ] || need+=(libreoffice-writer-nogui)
if [ ${#need[@]} -eq 0 ]; then
  echo "ci-system-deps: chromium, soffice and Writer already installed."
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ci-system-deps: need root or sudo to install: ${need[*]}" >&2
    exit 1
  fi
fi

export DEBIAN_FRONTEND=noninteractive
APT_OPTS=(-o DPkg::Lock::Timeout=120 -o Acquire::Retries=3 -o Acquire::http::Timeout=30)
echo "ci-system-deps: installing ${need[*]}"
timeout 300 $SUDO apt-get "${APT_OPTS[@]}" update -qq
timeout 900 $SUDO apt-get "${APT_OPTS[@]}" install -y -qq --no-install-recommends "${need[@]}"

[ -x /usr/bin/chromium ] || { echo "ci-system-deps: /usr/bin/chromium missing after install" >&2; exit 1; }
command -v soffice >/dev/null 2>&1 || { echo "ci-system-deps: soffice missing after install" >&2; exit 1; }
[ -e "$WRITER" ] || { echo "ci-system-deps: LibreOffice Writer ($WRITER) missing after install" >&2; exit 1; }
echo "ci-system-deps: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) / $(soffice --version 2>/dev/null | head -1)"
