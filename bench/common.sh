# Sourced by every bench/*.sh: where the binaries are, a scratch folder, and `record`, which
# appends one figure (a tab-separated name and value) to the run's results, from which
# bench/table.py writes the README's speed table. The release profile, as `cargo install --path .`
# builds appbook for its users; its binaries live in the target folder's own `release` folder, so
# benchmarking does not displace the dev build of `make demo` and `make test`.
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release"
results="${BENCH_RESULTS:-$target/bench/results.tsv}"
mkdir -p "$target" "$(dirname "$results")"
# Hard links to the samples' attachments must share their file system, so the scratch folder
# lives under the target folder.
work=$(mktemp -d "$target/bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

record() {
  printf '%s\t%s\n' "$1" "$2" >>"$results"
}

# N different applications in $work/apps/appI: the samples in turn, each copy under its own
# unit or company name, with its attachments hard-linked.
make_apps() {
  mkdir -p "$work/apps"
  i=0
  while [ "$i" -lt "$1" ]; do
    for s in samples/*-*/*/; do
      [ "$i" -lt "$1" ] || break
      cp -rl "$s" "$work/apps/app$i"
      # A new file (sed -i replaces it), so the repository's copy keeps its name.
      sed -i "s/^  \(unit_name\|name\): \(.*\)$/  \1: \2第$i分部/" "$work/apps/app$i/application.yaml"
      i=$((i + 1))
    done
  done
}

# The median of a hyperfine JSON export's result number $2 (from 0), in seconds.
median() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]["median"])' "$1" "$2"
}

# Peak resident memory of a command in MiB (GNU time's %M is in KiB): the median of five runs,
# since the peak of a run moves by 10–15 MiB with how its threads meet (one book's PDF and DOCX
# are made at once).
peak_mib() {
  : >"$work/peaks"
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f '%M' -o "$work/peak" "$@" >/dev/null 2>&1
    cat "$work/peak" >>"$work/peaks"
  done
  sort -n "$work/peaks" | awk '{ v[NR] = $1 } END { printf "%.0f\n", v[int((NR + 1) / 2)] / 1024 }'
}
