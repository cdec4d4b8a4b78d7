#!/usr/bin/env bash
# Installs code-server (a real VS Code: its server and web workbench) and the OS packages that the
# integration and UI tests need, without downloads from GitHub or Microsoft.
#
# Idempotent: a second run only checks. Installs into $HOME/.cache/canvas-sis-vscode/<version>/
# (cs/ contains code-server, tmp/ the ripgrep download cache) and prints that folder on stdout as the
# last line; progress goes to stderr. Installing missing OS packages needs root (apt-get).
#
# CODE_SERVER_VERSION selects the release (default 4.100.3, which is VS Code 1.100.3 and the newest
# code-server that runs on Node 20).
set -euo pipefail

version=${CODE_SERVER_VERSION:-4.100.3}
cache_dir="$HOME/.cache/canvas-sis-vscode/$version"
os_packages=(chromium build-essential python3 pkg-config libkrb5-dev ripgrep ruby)

log() {
  echo "setup-code-server: $*" >&2
}

install_os_packages() {
  local missing=()
  local package
  for package in "${os_packages[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    return
  fi

  if [ "$(id -u)" -ne 0 ]; then
    log "missing OS packages: ${missing[*]}. Install them as root: apt-get install ${missing[*]}"
    exit 1
  fi
  log "installing OS packages: ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
}

# @vscode/ripgrep 1.15.11 (a dependency of VS Code 1.100) downloads rg from GitHub in its
# postinstall unless the archive is already in its cache folder under TMPDIR. Debian's rg serves.
seed_ripgrep_cache() {
  local ripgrep_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  local archive="$ripgrep_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
  mkdir -p "$ripgrep_cache"
  [ -f "$archive" ] || tar -C /usr/bin -czf "$archive" rg
}

install_code_server() {
  local marker="$cache_dir/cs/.installed"
  if [ "$(cat "$marker" 2>/dev/null)" = "$version" ]; then
    return
  fi

  log "installing code-server $version into $cache_dir/cs (about a minute)"
  mkdir -p "$cache_dir/cs"
  cd "$cache_dir/cs"
  [ -f package.json ] || npm init -y >/dev/null

  # node-pty's install runs `npx node-gyp`, which a `yes=false` npm config cancels.
  # code-server 4.100 skips its postinstall when run as root unless unsafe-perm is set.
  # Node's headers come from /usr/include/node, as they cannot be downloaded here.
  if ! npm_config_yes=true npm_config_unsafe_perm=true npm_config_nodedir=/usr \
      npm install --no-audit --no-fund "code-server@$version" >"$cache_dir/cs-install.log" 2>&1; then
    tail -40 "$cache_dir/cs-install.log" >&2
    log "npm install code-server@$version failed; full log: $cache_dir/cs-install.log"
    exit 1
  fi
  echo "$version" >"$marker"
}

install_os_packages
mkdir -p "$cache_dir/tmp"
export TMPDIR="$cache_dir/tmp"
seed_ripgrep_cache
install_code_server
echo "$cache_dir"
