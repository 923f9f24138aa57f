#!/bin/sh
# `appbook render FOLDER` of 30 different applications (the samples in turn, each under its own
# name, with its attachments), every book PDF and DOCX with its 送件檢核表, against the same 30
# rendered one by one (`appbook render APP`, a process each); books per second, CPU against wall
# time on all cores, and the folder's peak memory.
set -eu
. bench/common.sh
n=30
cargo build --quiet --bin appbook
cp "$target/debug/appbook" "$work/appbook"
make_apps "$n"
echo "rendering $n applications, as one folder and one by one"
hyperfine --runs 2 --export-json "$work/times.json" \
  --prepare "rm -rf $work/out" \
  --command-name "one folder (appbook render DIR)" \
  "$work/appbook render $work/apps -o $work/out >/dev/null 2>&1" \
  --command-name "reference: one by one (appbook render APP, $n times)" \
  "for a in $work/apps/*; do $work/appbook render \$a -o $work/out >/dev/null 2>&1; done"
rm -rf "$work/out"
/usr/bin/time -f '%e %U %S %M' -o "$work/cpu" "$work/appbook" render "$work/apps" -o "$work/out" >/dev/null 2>&1
folder=$(median "$work/times.json" 0)
one=$(median "$work/times.json" 1)
record batch_books_per_s "$(python3 -c "print($n / $folder)")"
record batch_one_by_one_books_per_s "$(python3 -c "print($n / $one)")"
read -r wall user system kib <"$work/cpu"
record batch_cpu_per_wall "$(python3 -c "print(($user + $system) / $wall)")"
record batch_mib "$((kib / 1024))"
python3 - "$n" "$folder" "$one" "$wall" "$user" "$system" "$kib" <<'PY'
import sys
n = int(sys.argv[1])
folder, one, wall, user, system, kib = map(float, sys.argv[2:])
print(f"one folder: {n / folder:.1f} books/s (goal: at least 30); one by one: {n / one:.1f} books/s; "
      f"{one / folder:.2f}x")
print(f"one folder: CPU {user + system:.1f} s in {wall:.1f} s of wall time (CPU/wall {(user + system) / wall:.2f}); "
      f"peak memory {kib / 1024:.0f} MiB (goal: at most 400)")
PY
