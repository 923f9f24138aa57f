#!/bin/sh
# `appbook render FOLDER` of different applications (the samples in turn, each under its own
# name, with its attachments; 50 unless BATCH_APPS says otherwise), every book PDF and DOCX with
# its 送件檢核表, against the same applications rendered one by one (`appbook render APP`, a
# process each) and against the folder on one thread (RAYON_NUM_THREADS=1): books per second, the
# speed-ups, CPU against wall time on all cores, and the folder's peak memory. Since other
# processes may take a core, it also prints what does not depend on them: how many worker
# threads rendered books, how many each, and each one's own CPU time (`render DIR --verbose`),
# with the load average before and after.
set -eu
. bench/common.sh
n=${BATCH_APPS:-50}
cargo build --release --quiet --bin appbook
cp "$bin/appbook" "$work/appbook"
make_apps "$n"
echo "rendering $n applications, as one folder and one by one; $(nproc) cores; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs 2 --export-json "$work/times.json" \
  --prepare "rm -rf $work/out" \
  --command-name "one folder (appbook render DIR)" \
  "$work/appbook render $work/apps -o $work/out >/dev/null 2>&1" \
  --command-name "reference: one by one (appbook render APP, $n times)" \
  "for a in $work/apps/*; do $work/appbook render \$a -o $work/out >/dev/null 2>&1; done" \
  --command-name "reference: one folder on one thread (RAYON_NUM_THREADS=1)" \
  "RAYON_NUM_THREADS=1 $work/appbook render $work/apps -o $work/out >/dev/null 2>&1"
rm -rf "$work/out"
/usr/bin/time -f '%e %U %S %M' -o "$work/cpu" "$work/appbook" render "$work/apps" -o "$work/out" \
  --verbose --lang en >/dev/null 2>"$work/verbose"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
folder=$(median "$work/times.json" 0)
one=$(median "$work/times.json" 1)
single=$(median "$work/times.json" 2)
record batch_apps "$n"
record batch_books_per_s "$(python3 -c "print($n / $folder)")"
record batch_one_by_one_books_per_s "$(python3 -c "print($n / $one)")"
read -r wall user system kib <"$work/cpu"
record batch_cpu_per_wall "$(python3 -c "print(($user + $system) / $wall)")"
record batch_mib "$((kib / 1024))"
python3 - "$n" "$folder" "$one" "$single" "$wall" "$user" "$system" "$kib" "$work/verbose" <<'PY'
import sys
n = int(sys.argv[1])
folder, one, single, wall, user, system, kib = map(float, sys.argv[2:9])
print(f"one folder: {n / folder:.2f} books/s (goal: at least 30); one by one: {n / one:.2f} books/s "
      f"({one / folder:.2f}x; goal at least 1.6x); one folder on one thread: {n / single:.2f} books/s "
      f"({single / folder:.2f}x)")
print(f"one folder: CPU {user + system:.1f} s in {wall:.1f} s of wall time (CPU/wall {(user + system) / wall:.2f}); "
      f"peak memory {kib / 1024:.0f} MiB (goal: at most 400)")
# The folder on all cores, as appbook saw it: its worker threads, their books and CPU time.
print("one folder, per worker thread (appbook render --verbose):")
for line in open(sys.argv[9]):
    if line.startswith("appbook: ") and "worker threads" in line or line.startswith("  "):
        print("  " + line.strip().removeprefix("appbook: "))
PY
