#!/usr/bin/env bash
# Installs what the Nu Html Checker test (tests/test_html_valid.py) needs when missing: a
# headless Java runtime and npm from Debian, then the vnu-jar package pinned by
# package-lock.json (npm ci). Like install-chromium.sh: apt-get as root, sudo otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=node_modules/vnu-jar/build/dist/vnu.jar
missing=()
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
if [ ! -f "$JAR" ] && ! command -v npm >/dev/null 2>&1; then
  missing+=(npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "${missing[*]} missing and this user cannot install them: run 'apt-get install ${missing[*]}' as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ! -f "$JAR" ]; then
  # --ignore-scripts: vnu-jar's postinstall would download a Java runtime; Debian's is used.
  npm ci --no-audit --no-fund --ignore-scripts
fi
java -jar "$JAR" --version
