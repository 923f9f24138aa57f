#!/bin/bash
# Runs every fuzz target for SECONDS each, one after another, and prints a Markdown table of
# the run (target, time, executions, corpus, findings). Seeds come from the repository: the
# samples, the fixtures and books appbook renders from the samples. New corpus entries,
# findings (artifacts/) and logs stay in fuzz/, out of git.
#   fuzz/run.sh SECONDS APPBOOK_BINARY [TARGET...]
set -euo pipefail

seconds=${1:?seconds per target}
bin=${2:?the appbook binary, for the seed books}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
cd "$root"

targets=("$@")
[ ${#targets[@]} -gt 0 ] || mapfile -t targets < <(cargo +nightly fuzz list)

# One build flavour for building and running, or `run` would build a second time. No
# sanitizer: appbook and its libraries are safe Rust, so the targets' own checks (panics,
# overflow, the invariants, the allocation budget) find what ASan would, at twice the speed.
flags=(-O -a --sanitizer none)
cargo +nightly fuzz build "${flags[@]}"
triple=$(rustc +nightly -vV | sed -n 's/^host: //p')

corpus="$here/corpus"
add() { # target file [prefix byte]: one seed, named by its content so reruns add nothing
    local dir="$corpus/$1" name
    mkdir -p "$dir"
    name=$(sha1sum "$2" | cut -c1-40)
    if [ -n "${3:-}" ]; then
        { printf "\\x$3"; cat "$2"; } > "$dir/$name"
    else
        cp "$2" "$dir/$name"
    fi
}
while IFS= read -r f; do add yaml_raw "$f"; add wordcount "$f"; done \
    < <(find samples tests/fixtures -name '*.yaml')
# learning_records reads its first byte's low bit: 1 takes the rest as the file.
while IFS= read -r f; do add learning_records "$f" 01; done < <(find samples tests/fixtures -name '*.csv')
# attachment_reader names the file by its first byte: 0 .pdf, 1 .png, 2 .jpg.
while IFS= read -r f; do
    case "$f" in *.pdf) b=00 ;; *.png) b=01 ;; *) b=02 ;; esac
    add attachment_reader "$f" "$b"
done < <(find samples tests/fixtures -path '*attachments*' -type f)
while IFS= read -r f; do add inspect_pdf "$f"; done < <(find samples -name '*.pdf')
books=$(mktemp -d)
trap 'rm -rf "$books"' EXIT
for app in samples/*/*/application.yaml; do
    "$bin" render "$app" -o "$books" > /dev/null 2>&1
done
for f in "$books"/*.docx; do add inspect_docx "$f"; done
for f in "$books"/*.pdf; do add inspect_pdf "$f"; done

mkdir -p "$here/logs"
status=0
rows=()
for t in "${targets[@]}"; do
    mkdir -p "$corpus/$t" "$here/artifacts/$t"
    log="$here/logs/$t.log"
    before=$(find "$here/artifacts/$t" -type f | wc -l)
    started=$SECONDS
    # -timeout: an input taking 30 s is a hang; -rss_limit_mb: the whole process's ceiling
    # (each input's own budget is checked inside the targets).
    # Targets that build their input from the bytes start with inputs long enough to build from.
    case "$t" in check_application | book_writers) extra=(-max_len=4096 -len_control=0) ;; *) extra=() ;; esac
    # The binary itself rather than `cargo fuzz run`, which would rebuild when the sources
    # change while the targets run one after another.
    if ! nice -n 10 "$here/target/$triple/release/$t" "$corpus/$t" \
        -artifact_prefix="$here/artifacts/$t/" -max_total_time="$seconds" -timeout=30 \
        -rss_limit_mb=3072 -report_slow_units=30 -print_final_stats=1 "${extra[@]}" > "$log" 2>&1; then
        status=1
    fi
    took=$((SECONDS - started))
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    findings=$(( $(find "$here/artifacts/$t" -type f | wc -l) - before ))
    entries=$(find "$corpus/$t" -type f | wc -l)
    rows+=("| \`$t\` | ${took} s | $execs | $entries | $findings |")
    echo "$t: $execs executions, $findings findings (log: fuzz/logs/$t.log)" >&2
done

echo "| target | time | executions | corpus | findings |"
echo "|---|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
exit $status
