#!/usr/bin/env bash
# Installs what the end-to-end suite (npm run test:e2e) needs on a clean Debian
# machine with Node 20 and npm: the system packages, and code-server 4.100.3
# (VS Code 1.100.3, the last release that runs on Node 20) in a cache folder
# outside the repository. Idempotent: every step is skipped when already done.
# Works offline apart from Debian's apt and the npm registry
# (recipe: ../shared/notes/real-editor.md, beside the repository).
#
#   SPECWRIGHT_E2E_HOME  cache folder (default ~/.cache/specwright-e2e);
#                        code-server goes to $SPECWRIGHT_E2E_HOME/code-server.
#                        test/e2e reads the same variable.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
E2E_HOME="${SPECWRIGHT_E2E_HOME:-$HOME/.cache/specwright-e2e}"
DEST="$E2E_HOME/code-server"
CS="$DEST/node_modules/.bin/code-server"
MARKER="$DEST/.installed-$CODE_SERVER_VERSION"

log() { printf '[install-e2e] %s\n' "$*"; }

# ---- 1. System packages -------------------------------------------------------
# chromium drives the workbench; the -dev packages, pkg-config, the toolchain and
# python3 let node-gyp build code-server's native modules from source (their
# prebuilt downloads come from GitHub); ripgrep seeds @vscode/ripgrep's cache.
APT_PACKAGES=(chromium ripgrep libsecret-1-dev libkrb5-dev libx11-dev libxkbfile-dev pkg-config build-essential python3)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  SUDO=()
  if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
  log "apt-get install ${missing[*]}"
  "${SUDO[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
else
  log "system packages already installed"
fi

# ---- 2. code-server -----------------------------------------------------------
installed_version() {
  node -p "require('$DEST/node_modules/code-server/package.json').version" 2>/dev/null || true
}

if [ -f "$MARKER" ] && [ -x "$CS" ] && [ "$(installed_version)" = "$CODE_SERVER_VERSION" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $DEST"
  exit 0
fi

start=$(date +%s)
log "installing code-server $CODE_SERVER_VERSION into $DEST"
rm -f "$DEST"/.installed-*
mkdir -p "$DEST" "$E2E_HOME/tmp"
# Keep the install's temporary files (and the ripgrep cache below) inside the cache folder.
export TMPDIR="$E2E_HOME/tmp"

# Node's headers, for node-gyp: without a nodedir it downloads them from nodejs.org.
# Debian/nodesource packages put them in /usr/include/node; the official tarballs next to bin/.
NODE_PREFIX="$(dirname "$(dirname "$(node -p 'process.execPath')")")"
if [ -f "$NODE_PREFIX/include/node/node_version.h" ]; then NODEDIR="$NODE_PREFIX"; else NODEDIR=/usr; fi
if [ ! -f "$NODEDIR/include/node/node_version.h" ]; then
  echo "[install-e2e] Node headers not found in $NODEDIR/include/node; node-gyp cannot build offline" >&2
  exit 1
fi

# @vscode/ripgrep's postinstall downloads rg from GitHub: seed its cache with Debian's rg.
# The tarball's only member must be `rg`.
RGCACHE="$(node -e "console.log(require('os').tmpdir())")/vscode-ripgrep-cache-1.15.11"
mkdir -p "$RGCACHE"
RGTAR="$RGCACHE/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
if [ ! -s "$RGTAR" ]; then
  S="$(mktemp -d)"
  cp "$(command -v rg)" "$S/rg"
  tar -C "$S" -czf "$RGTAR" rg
  rm -rf "$S"
fi

cd "$DEST"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
# nodedir: build native modules against local headers; unsafe_perm: code-server's
# postinstall refuses to run as root otherwise (npm 11 warns "Unknown env config"; harmless).
npm_config_nodedir="$NODEDIR" npm_config_yes=true npm_config_unsafe_perm=true \
  npm install --no-audit --no-fund "code-server@$CODE_SERVER_VERSION"

# Checks: the version, and the ripgrep binary that the search service needs.
# (--version with its own HOME/XDG dirs: code-server writes a default config there.)
VHOME="$(mktemp -d)"
version_out="$(HOME="$VHOME" XDG_CONFIG_HOME="$VHOME/config" XDG_DATA_HOME="$VHOME/data" "$CS" --version)"
rm -rf "$VHOME"
grep -q "^$CODE_SERVER_VERSION .* with Code " <<<"$version_out" \
  || { echo "[install-e2e] code-server --version does not report $CODE_SERVER_VERSION: $version_out" >&2; exit 1; }
[ -x node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg ] \
  || { echo "[install-e2e] @vscode/ripgrep/bin/rg is missing" >&2; exit 1; }

touch "$MARKER"
log "code-server $CODE_SERVER_VERSION installed in $(( $(date +%s) - start )) s: $CS"
