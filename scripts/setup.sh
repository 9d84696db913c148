#!/usr/bin/env bash
# Shared, idempotent set-up for scripts/start.sh and scripts/test.sh.
#   bash scripts/setup.sh          Python >= 3.11, Qt's Debian libraries, .venv with pinned packages
#   bash scripts/setup.sh --test   also the system packages the test suite drives for real
# A re-run on a ready machine only checks (dpkg-query + one hash), so it costs well under a second.
# Progress goes to stderr, one line per step, so `start.sh --version` prints only the version.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
STAMP="$VENV/.onestop-install-stamp"
LOG="$VENV/install.log"

# Libraries the PySide6 wheels load but do not ship (xcb platform plugin, GL, fonts, sound),
# plus poppler-utils (PDF -> PNG checks) and espeak-ng (offline Vietnamese voice).
RUNTIME_PKGS=(
  libglib2.0-0 libgl1 libegl1 libx11-6 libbrotli1 libdbus-1-3 libfontconfig1 libfreetype6
  libxkbcommon0 fonts-dejavu-core libpulse0 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0
  poppler-utils espeak-ng
)
# Real components the tests use: a virtual screen (xdotool to click in it, ImageMagick's
# `import` to photograph it), QR decoding, a browser for the web display,
# a PDF printer for the print path, PostgreSQL for the central server.
TEST_PKGS=(xvfb xauth xdotool imagemagick zbar-tools chromium cups printer-driver-cups-pdf postgresql)

say() { echo "setup: $*" >&2; }
die() { echo "setup: error: $*" >&2; exit 1; }

with_test=0
for arg in "$@"; do
  case "$arg" in
    --test) with_test=1 ;;
    *) die "unknown option '$arg' (use --test or nothing)" ;;
  esac
done

# --- one set-up at a time per checkout (start.sh and test.sh may run together) ---------------
if command -v flock >/dev/null 2>&1; then
  exec 9>"$ROOT/.setup.lock"
  flock 9
fi

# --- Python ----------------------------------------------------------------------------------
find_python() {
  local candidate
  for candidate in ${ONESTOP_PYTHON:-} python3 python3.11 python3.12 python3.13; do
    command -v "$candidate" >/dev/null 2>&1 || continue
    # pyenv shims exist for versions that are not active; running them is the real test.
    if "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
      command -v "$candidate"
      return 0
    fi
  done
  return 1
}
PY="$(find_python)" || die "onestop needs Python 3.11 or newer (tried python3, python3.11, python3.12, python3.13); install one, e.g. apt-get install python3"
PY_VERSION="$("$PY" -c 'import platform; print(platform.python_version())')"
say "python $PY_VERSION ($PY)"

# --- Debian system packages ------------------------------------------------------------------
wanted=("${RUNTIME_PKGS[@]}")
[ "$with_test" = 1 ] && wanted+=("${TEST_PKGS[@]}")
# A distribution Python without ensurepip cannot make a venv (Debian splits it out).
if ! "$PY" -c 'import ensurepip' >/dev/null 2>&1; then
  wanted+=("python3-venv")
fi

missing_pkgs() {
  # dpkg-query prints only installed packages; Ubuntu 24.04+ renamed some libs with a t64 suffix.
  local installed pkg
  installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "$@" "${@/%/t64}" 2>/dev/null \
    | awk '$2 ~ /^ii/ {print $1}')" || true
  for pkg in "$@"; do
    grep -qx -e "$pkg" -e "${pkg}t64" <<<"$installed" || echo "$pkg"
  done
}

if command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  mapfile -t missing < <(missing_pkgs "${wanted[@]}")
  if [ "${#missing[@]}" -eq 0 ]; then
    say "system packages ok (${#wanted[@]} checked)"
  elif [ "$(id -u)" -ne 0 ]; then
    say "missing system packages: ${missing[*]}; windows, voice or tests may not work. Install with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
  else
    say "installing system packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt_log="$(mktemp)"
    if apt-get -o DPkg::Lock::Timeout=300 update -qq >"$apt_log" 2>&1 \
      && apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends \
        "${missing[@]}" >>"$apt_log" 2>&1; then
      rm -f "$apt_log"
    else
      # Carry on: an offline ward PC must still start; tests under CI fail on what is missing.
      say "warning: apt-get could not install ${missing[*]} (log: $apt_log)"
    fi
  fi
else
  say "not a Debian/Ubuntu system: install Qt's X11/GL/font libraries yourself"
fi

# --- virtual environment ---------------------------------------------------------------------
venv_ok() {
  [ -x "$VENV/bin/python" ] \
    && "$VENV/bin/python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 \
    && "$VENV/bin/python" -m pip --version >/dev/null 2>&1 \
    && [ -f "$STAMP" ] && [ "$(sed -n 2p "$STAMP")" = "$VENV" ]
  # Line 2 of the stamp is the venv's path: a venv copied or moved with the checkout has
  # scripts whose #! lines point at the old place, so it is rebuilt rather than trusted.
}

if [ -d "$VENV" ] && ! venv_ok; then
  if [ -f "$STAMP" ] || [ ! -x "$VENV/bin/python" ]; then
    say "rebuilding broken or moved .venv"
  fi
  rm -rf "$VENV"
fi
if [ ! -d "$VENV" ]; then
  "$PY" -m venv "$VENV" >/dev/null 2>&1 || die "could not create $VENV with $PY (on Debian/Ubuntu: apt-get install python3-venv)"
fi

# Reinstall only when what decides the install changed: the two files and the Python version.
want_hash="$(cat "$ROOT/pyproject.toml" "$ROOT/requirements.lock" | sha256sum | cut -d' ' -f1)-$PY_VERSION"
have_hash="$(sed -n 1p "$STAMP" 2>/dev/null || true)"
if [ "$want_hash" = "$have_hash" ]; then
  say "packages up to date in .venv"
else
  say "installing pinned packages into .venv (first time takes a minute or two)"
  started=$SECONDS
  if ! (cd "$ROOT" && "$VENV/bin/python" -m pip install --disable-pip-version-check \
      -c requirements.lock -e ".[dev]") >"$LOG" 2>&1; then
    # Show the real error, not pip's index chatter.
    grep -v -e "^WARNING: Location" -e "^Looking in" "$LOG" | tail -n 25 >&2
    die "pip install failed (full log: $LOG)"
  fi
  printf '%s\n%s\n' "$want_hash" "$VENV" >"$STAMP"
  say "packages installed in $((SECONDS - started)) s"
fi

# --- translations ----------------------------------------------------------------------------
# Qt Linguist sources (onestop/assets/i18n/*.ts) compile to .qm next to them. The .qm files are
# committed (a plain pip install has English too); a .ts edited since, or a new one without its
# .qm, is compiled here. tests/desktop/test_translations.py fails when a committed .qm is stale.
for ts in "$ROOT"/onestop/assets/i18n/*.ts; do
  [ -e "$ts" ] || continue
  qm="${ts%.ts}.qm"
  if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
    "$VENV/bin/pyside6-lrelease" -silent "$ts" -qm "$qm" >/dev/null 2>&1 \
      || die "could not compile translation $ts"
    say "compiled $(basename "$qm")"
  fi
done
