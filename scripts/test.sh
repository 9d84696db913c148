#!/usr/bin/env bash
# Sets the machine up (test system packages too), then ruff, the layering contracts and pytest.
# Arguments go to pytest: bash scripts/test.sh tests/test_cli.py -x
# All three steps run even when one fails (a lint error should not hide a test failure); the
# script exits non-zero if any failed, with pytest's code when pytest was among them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh --test
BIN="$ROOT/.venv/bin"
failed=()
rc=0

echo "test: ruff check" >&2
"$BIN/ruff" check --quiet onestop tests bench || { failed+=(ruff); rc=1; }

echo "test: lint-imports" >&2
# --no-cache: the cache lives in the work tree and buys nothing at this size.
if out="$("$BIN/lint-imports" --no-cache 2>&1)"; then
  grep -E "^Contracts:" <<<"$out" | sed 's/^/test: /' >&2
else
  grep -v -e '^[╔╚ ]' -e '^$' <<<"$out" >&2  # drop the ASCII-art banner
  failed+=(lint-imports); rc=1
fi

echo "test: pytest" >&2
pytest_rc=0
"$BIN/pytest" -q "$@" || pytest_rc=$?
if [ "$pytest_rc" -eq 5 ]; then
  echo "test: error: pytest collected no tests (exit 5); check the paths or -k/-m filters" >&2
fi
if [ "$pytest_rc" -ne 0 ]; then
  failed+=("pytest (exit $pytest_rc)"); rc=$pytest_rc
fi

if [ "${#failed[@]}" -gt 0 ]; then
  echo "test: FAILED: ${failed[*]}" >&2
fi
exit "$rc"
