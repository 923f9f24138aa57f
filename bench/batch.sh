#!/bin/sh
# Times `appbook render FOLDER` on 50 applications (copies of the moe samples, with their
# attachments) against rendering the same 50 one by one, with hyperfine; reports books per
# second, the speed-up, and the batch's CPU time against its wall time (above 1 when both cores
# work). Dev profile, whose dependencies (Typst) are optimised.
set -eu
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --bin appbook
mkdir -p "$target"
work=$(mktemp -d "$target/bench-batch.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/apps"
cp "$target/debug/appbook" "$work/appbook"
i=0
while [ "$i" -lt 50 ]; do
  for s in samples/moe-learning-award/*/; do
    [ "$i" -lt 50 ] || break
    cp -rl "$s" "$work/apps/app$i"
    i=$((i + 1))
  done
done
n=$(ls "$work/apps" | wc -l)
echo "rendering $n applications, one by one and as one folder"
hyperfine --runs 2 --export-json "$work/times.json" \
  --prepare "rm -rf $work/out" \
  --command-name "one by one (appbook render APP, $n times)" \
  "for a in $work/apps/*; do $work/appbook render \$a -o $work/out >/dev/null 2>&1; done" \
  --command-name "one folder (appbook render DIR)" \
  "$work/appbook render $work/apps -o $work/out >/dev/null 2>&1"
rm -rf "$work/out"
/usr/bin/time -f '%e %U %S' -o "$work/cpu" "$work/appbook" render "$work/apps" -o "$work/out" >/dev/null 2>&1
python3 - "$work/times.json" "$work/cpu" "$n" <<'PY'
import json, sys
times = json.load(open(sys.argv[1]))["results"]
one, batch = times[0]["mean"], times[1]["mean"]
wall, user, system = map(float, open(sys.argv[2]).read().split()[-3:])
n = int(sys.argv[3])
print(f"one by one: {n / one:.2f} books/s; one folder: {n / batch:.2f} books/s "
      f"(each with its 送件檢核表); speed-up {one / batch:.2f}x")
print(f"one folder: CPU {user + system:.1f} s in {wall:.1f} s of wall time "
      f"(CPU/wall {(user + system) / wall:.2f})")
PY
