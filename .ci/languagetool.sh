# Sourced by .ci/run (bash): install LanguageTool for the integration tests.
#
# Needs Java 17+ and Maven (Debian: openjdk-17-jre-headless, maven); installs
# them with apt-get when missing and allowed (root, CI). The install itself is
# idempotent: a no-op when the pinned version is already in the cache
# (${NEWSLINT_CACHE_DIR:-~/.cache/newslint}/languagetool/<version>).
# After this, NEWSLINT_REQUIRE_LANGUAGETOOL=1 turns every skipped LanguageTool
# test into a failure.

newslint_languagetool_setup() {
  local py="${NEWSLINT_PYTHON:-.venv/bin/python}"
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
      echo "languagetool.sh: installing Java and Maven with apt-get" >&2
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless maven >/dev/null
    fi
  fi
  local started=$SECONDS
  # `newslint languagetool install` once the CLI has it; the module works either way.
  if "$py" -m newslint languagetool --help >/dev/null 2>&1; then
    "$py" -m newslint languagetool install
  else
    "$py" -m newslint.languagetool install
  fi
  echo "languagetool.sh: LanguageTool ready in $((SECONDS - started)) s" >&2
  "$py" -m newslint.languagetool status >&2
  export NEWSLINT_REQUIRE_LANGUAGETOOL=1
}

newslint_languagetool_setup
