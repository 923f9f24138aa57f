#!/bin/sh
# `appbook check` of 10,000 applications (the samples in turn, with their attachments), and the
# start-up of the binary: `appbook --version` and `appbook check` of one small application,
# each against the cost of starting a process that does nothing (`true`).
set -eu
. bench/common.sh
n=10000
cargo build --release --quiet --bin appbook
cp "$bin/appbook" "$work/appbook"
make_apps "$n"
# Linking a file changes its status-change time, and appbook trusts no attachment's identity
# changed in the last 3 s (src/attachment.rs): wait until the copies have settled, as files
# in a repository have.
sleep 4
echo "checking $n applications"
hyperfine --warmup 1 --runs 3 --export-json "$work/check.json" \
  --command-name "check $n applications" \
  "$work/appbook check $work/apps --format json > /dev/null"
check=$(median "$work/check.json" 0)
record check_10000 "$check"
check_mib=$(peak_mib "$work/appbook" check "$work/apps" --format json)
record check_10000_mib "$check_mib"
small=samples/sme-org-learning/services/application.yaml
hyperfine --shell=none --warmup 5 --runs 40 --export-json "$work/start.json" \
  --command-name "appbook --version" "$work/appbook --version" \
  --command-name "appbook check of one small application" "$work/appbook check $small" \
  --command-name "reference: a process that does nothing (true)" "true"
record startup_version "$(median "$work/start.json" 0)"
record startup_check "$(median "$work/start.json" 1)"
record startup_true "$(median "$work/start.json" 2)"
python3 - "$n" "$check" "$work/start.json" "$check_mib" <<'PY'
import json, sys
n, check = int(sys.argv[1]), float(sys.argv[2])
version, small, true = (r["median"] * 1000 for r in json.load(open(sys.argv[3]))["results"])
print(f"check of {n:,} applications: {check:.2f} s, {n / check:,.0f} a second (goal: under 2 s); peak memory {sys.argv[4]} MiB")
print(f"start-up: --version {version:.1f} ms, check of one small file {small:.1f} ms (goal: at most 20 ms each); "
      f"an empty process {true:.1f} ms")
PY
