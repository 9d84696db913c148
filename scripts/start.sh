#!/usr/bin/env bash
# Runs onestop (no arguments: single-PC mode), setting the machine up first if needed.
# Any arguments are passed on: bash scripts/start.sh --version, bash scripts/start.sh hub ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$ROOT/scripts/setup.sh"
exec "$ROOT/.venv/bin/onestop" "$@"
