#!/usr/bin/env bash
# Installs the code-server harness (a real VS Code 1.100 served on loopback)
# into scripts/harness/node_modules, plus the system packages it needs.
# Safe to run again: it does nothing when the harness is already there.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

need_pkgs=()
command -v chromium >/dev/null 2>&1 || need_pkgs+=(chromium)
command -v rg >/dev/null 2>&1 || need_pkgs+=(ripgrep)
[ -e /usr/include/krb5.h ] || [ -e /usr/include/gssapi/gssapi.h ] || need_pkgs+=(libkrb5-dev)
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "harness: installing system packages: ${need_pkgs[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
  else
    echo "harness: missing system packages. Run this once, then try again:" >&2
    echo "  sudo apt-get install -y ${need_pkgs[*]}" >&2
    exit 1
  fi
fi

bin="$here/node_modules/.bin/code-server"
if [ -x "$bin" ] && "$bin" --version >/dev/null 2>&1; then
  exit 0
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds a
# cached archive: seed that cache with the system's rg so no download is tried.
rg_version=1.15.11
cache="$(node -p 'require("os").tmpdir()')/vscode-ripgrep-cache-$rg_version"
mkdir -p "$cache"
pack="$(mktemp -d)"
cp "$(command -v rg)" "$pack/rg"
tar czf "$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$pack" rg
rm -rf "$pack"

echo "harness: installing code-server (about a minute)"
# As root, npm needs unsafe-perm for the postinstall scripts; node-pty's
# postinstall runs `npx node-gyp`, which must not stop to ask.
export npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false npm_config_fund=false
if [ -f package-lock.json ]; then
  npm ci --unsafe-perm --no-audit --no-fund --loglevel=error
else
  npm install --unsafe-perm --no-audit --no-fund --loglevel=error
fi
"$bin" --version >/dev/null
echo "harness: code-server $("$bin" --version | head -1) ready"
