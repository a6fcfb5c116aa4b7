#!/usr/bin/env bash
# Installs what spsim needs that a fresh Debian machine may lack: GSL (libgsl-dev)
# and pkg-config. With root it uses apt-get; otherwise it prints the sudo command.
set -euo pipefail
missing=()
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
if ! pkg-config --exists gsl 2>/dev/null; then missing+=(libgsl-dev); fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -eq 0 ]; then
    echo "Installing ${missing[*]} with apt-get…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
else
    echo "spsim needs: ${missing[*]}. Install them with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
    exit 1
fi
