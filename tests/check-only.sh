#!/bin/sh
# The check-only build (cargo build --no-default-features) against the full build:
#   1. its dependency tree holds no typst and no docx-rs;
#   2. on every sample and every fixture, `check --format json` prints the same findings and
#      exits with the same status as the full build.
# usage: tests/check-only.sh FULL_APPBOOK CHECK_ONLY_APPBOOK
set -u
full=$1
lite=$2
fail=0

tree=$(cargo tree --no-default-features -e normal --prefix none) || exit 1
if printf '%s\n' "$tree" | grep -E '^(typst|docx-rs)[ -]'; then
  echo "FAIL: the check-only build depends on the crates above"
  fail=1
fi
if "$lite" render samples/moe-learning-award/agency/application.yaml -o target/check-only/out 2>/dev/null; then
  echo "FAIL: the check-only build rendered a book"
  fail=1
fi

n=0
for input in samples $(find samples tests/fixtures -name '*.yaml' -not -path 'tests/fixtures/editions/*' | sort); do
  a=$("$full" check --format json "$input"; echo "exit $?")
  b=$("$lite" check --format json "$input"; echo "exit $?")
  n=$((n + 1))
  if [ "$a" != "$b" ]; then
    echo "FAIL: $input: the check-only build differs"
    printf 'full:\n%s\ncheck-only:\n%s\n' "$a" "$b" | head -40
    fail=1
  fi
done
if [ "$fail" = 0 ]; then
  echo "check-only build: no typst or docx-rs; $n inputs checked with the full build's results"
  echo "$n passed, 0 failed"
fi
exit $fail
