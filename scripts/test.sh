#!/usr/bin/env bash
# The whole test suite, on a fresh machine: set up the venv, install newslint with
# its test extras, install LanguageTool from Maven Central into the cache, run pytest.
# The LanguageTool integration tests are required here (they fail, never skip).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e '.[test]'

# Headless Chromium for the HTML report test (Debian packages).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "scripts/test.sh: install chromium and chromium-driver (Debian packages) first" >&2
    exit 2
  fi
fi

# LanguageTool (Java + Maven; see docs/languagetool.md). Idempotent: a no-op when installed.
.venv/bin/newslint languagetool install

# Build the spelling lexicon once (10-15 s) before the tests share it.
.venv/bin/python -c "from newslint.spelling.lexicon import lexicon; lexicon()"

export NEWSLINT_REQUIRE_LANGUAGETOOL=1
export NEWSLINT_REQUIRE_CORPUS=1
# Property tests draw the same examples on every run here (tests/conftest.py).
export HYPOTHESIS_PROFILE="${HYPOTHESIS_PROFILE:-ci}"

.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"
