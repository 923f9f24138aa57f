#!/bin/sh
# Times `appbook check` over 1,000 applications (copies of the samples, with their
# attachments) with hyperfine, in the dev profile, whose dependencies (the YAML parser among them) are optimised.
set -eu
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --bin appbook
# Hard links keep 1,000 copies of the attachments from filling the disk; they must share the
# repository's file system, so the copies live under the target folder.
mkdir -p "$target"
work=$(mktemp -d "$target/bench-check.XXXXXX")
trap 'rm -rf "$work"' EXIT
i=0
while [ "$i" -lt 1000 ]; do
  for s in samples/moe-learning-award/*/; do
    [ "$i" -lt 1000 ] || break
    cp -rl "$s" "$work/app$i"
    i=$((i + 1))
  done
done
echo "checking $(ls "$work" | wc -l) applications"
hyperfine --warmup 1 --runs 5 \
  --command-name "check 1,000 applications" \
  "$target/debug/appbook check $work --format json > /dev/null"
