#!/usr/bin/env bash
# Builds the frozen onestop folder with PyInstaller (build.spec; docs/packaging.md):
#   bash scripts/package.sh            -> dist/onestop/onestop
#   bash scripts/package.sh --distpath D --workpath W   (extra arguments go to pyinstaller)
# Sets the machine up first like scripts/start.sh (the .venv with the pinned packages, the
# PyInstaller of the `package` extra, compiled translations), then builds and smoke-runs
# `onestop --version` from the new folder.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
BIN="$ROOT/.venv/bin"

if ! "$BIN/python" -c 'import PyInstaller' >/dev/null 2>&1; then
  echo "package: installing the package extra (PyInstaller) into .venv" >&2
  "$BIN/python" -m pip install --disable-pip-version-check -q -c requirements.lock \
    -e ".[package]" >&2
fi

# Where the folder lands: --distpath if given, else dist/.
dist="$ROOT/dist"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --distpath) dist="${args[$((i + 1))]}" ;;
    --distpath=*) dist="${args[$i]#--distpath=}" ;;
  esac
done

echo "package: pyinstaller build.spec (about a minute)" >&2
started=$SECONDS
"$BIN/pyinstaller" --noconfirm --clean --log-level WARN "$@" build.spec
app="$dist/onestop/onestop"
[ -x "$app" ] || app="$app.exe"
version="$("$app" --version)"
echo "package: built $version in $((SECONDS - started)) s: $(du -sh "$dist/onestop" | cut -f1) in $dist/onestop" >&2
