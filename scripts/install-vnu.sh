#!/usr/bin/env bash
# Installs what the Nu Html Checker test needs when missing: a headless Java runtime from
# Debian and the vnu-jar npm package pinned by package-lock.json (npm ci).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v java >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "java is missing and this user cannot install it: run 'apt-get install default-jre-headless' as root" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq default-jre-headless >/dev/null
fi
if [ ! -f node_modules/vnu-jar/build/dist/vnu.jar ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: run 'apt-get install npm' as root (or install Node.js 18+)" >&2
    exit 1
  fi
  npm ci --no-audit --no-fund --ignore-scripts
fi
java -jar node_modules/vnu-jar/build/dist/vnu.jar --version
