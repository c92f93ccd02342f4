#!/usr/bin/env bash
# Installs Neovim from Debian's apt when `nvim` is missing: the fast suite
# (test/protocol/neovim.test.ts) runs the README's Neovim configuration in it.
# Any Neovim 0.7 or later will do. Uses sudo when not root.
set -euo pipefail

if command -v nvim >/dev/null 2>&1; then exit 0; fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[install-neovim] nvim is missing and there is no apt-get: install Neovim 0.7 or later with your package manager" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" != 0 ]; then SUDO=(sudo); fi
echo "[install-neovim] apt-get install neovim"
"${SUDO[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y --no-install-recommends neovim
