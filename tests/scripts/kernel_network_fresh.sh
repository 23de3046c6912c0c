#!/usr/bin/env bash
# The committed kernel test network is exactly what the generator writes:
# regenerate it (same parameters and seed) and compare byte for byte.  This
# also checks that `generate coupled_er` is a pure function of its seed.
#   usage: kernel_network_fresh.sh SECTORSIM NETWORK_DIR   (NETWORK_DIR = .../coupled_er_200)
set -euo pipefail
bin=$1; committed=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" generate coupled_er --nodes 200 --mean-degree 4 --seed 1 -o "$tmp/net" --quiet > /dev/null
diff -r "$committed" "$tmp/net"
echo "kernel test network: identical to a fresh 'generate coupled_er --nodes 200 --mean-degree 4 --seed 1'"
