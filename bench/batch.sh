#!/bin/sh
# Times `appbook render FOLDER` on 50 applications (copies of the moe samples with their
# attachments, each under its own unit name) against rendering the same 50 one by one, and
# against the folder on one thread (RAYON_NUM_THREADS=1), with hyperfine; reports books per
# second, the speed-ups, and the folder's CPU time against its wall time on all cores and on one
# (on an idle 2-core machine above 1 with both cores; on a busy one, about twice the one-thread
# figure). Since other processes may take a core, it also prints what does not depend on them:
# how many worker threads rendered books, how many each, and each one's own CPU time
# (`appbook render DIR --verbose`), with the load average before and after. Dev profile, whose
# dependencies (Typst) are optimised.
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
    # A new file (sed -i replaces it), so the repository's copy keeps its name.
    sed -i "s/^  unit_name: \(.*\)$/  unit_name: \1第$i分部/" "$work/apps/app$i/application.yaml"
    i=$((i + 1))
  done
done
n=$(ls "$work/apps" | wc -l)
echo "rendering $n applications, one by one and as one folder; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs 2 --export-json "$work/times.json" \
  --prepare "rm -rf $work/out" \
  --command-name "one by one (appbook render APP, $n times)" \
  "for a in $work/apps/*; do $work/appbook render \$a -o $work/out >/dev/null 2>&1; done" \
  --command-name "one folder on one thread (RAYON_NUM_THREADS=1)" \
  "RAYON_NUM_THREADS=1 $work/appbook render $work/apps -o $work/out >/dev/null 2>&1" \
  --command-name "one folder (appbook render DIR)" \
  "$work/appbook render $work/apps -o $work/out >/dev/null 2>&1"
for threads in 1 0; do
  rm -rf "$work/out"
  # RAYON_NUM_THREADS=0 is rayon's default: one thread per core.
  RAYON_NUM_THREADS=$threads /usr/bin/time -f '%e %U %S' -o "$work/cpu$threads" \
    "$work/appbook" render "$work/apps" -o "$work/out" --verbose --lang en \
    >/dev/null 2>"$work/verbose$threads"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$work/times.json" "$work/cpu1" "$work/cpu0" "$n" "$work/verbose0" <<'PY'
import json, sys
times = json.load(open(sys.argv[1]))["results"]
one, single, batch = (t["mean"] for t in times)
n = int(sys.argv[4])
print(f"one by one: {n / one:.2f} books/s; one folder on one thread: {n / single:.2f} books/s; "
      f"one folder: {n / batch:.2f} books/s (each with its 送件檢核表)")
print(f"speed-up of one folder: {one / batch:.2f}x over one by one, {single / batch:.2f}x over one thread")
for name, path in (("one thread", sys.argv[2]), ("all cores", sys.argv[3])):
    wall, user, system = map(float, open(path).read().split()[-3:])
    print(f"one folder, {name}: CPU {user + system:.1f} s in {wall:.1f} s of wall time "
          f"(CPU/wall {(user + system) / wall:.2f})")
# The folder on all cores, as appbook saw it: its worker threads, their books and CPU time.
print("one folder, all cores, per worker thread (appbook render --verbose):")
for line in open(sys.argv[5]):
    if line.startswith("appbook: ") and "worker threads" in line or line.startswith("  "):
        print("  " + line.strip().removeprefix("appbook: "))
PY
