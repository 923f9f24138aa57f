#!/bin/sh
# One book, PDF and DOCX, as a user runs `appbook render` (which also writes the one-page
# 送件檢核表 beside it), against its reference: Typst alone
# compiling exactly the same content (appbook's template, the book as data.json, the same
# attachments, the same font folder) from scratch as a separate process, through Typst's Python
# binding (`make bench-deps` installs it). Also the PDF alone, the DOCX alone (which turns every
# page of the PDF attachments into a picture), and the peak memory of one book. Medians.
set -eu
. bench/common.sh
cargo build --release --quiet --bin appbook --example typst_project
# Copies, so that another build into a shared target folder cannot swap them mid-run.
cp "$bin/appbook" "$bin/examples/typst_project" "$work/"
app=samples/moe-learning-award/agency
# The folder of the Kai font appbook picks; both sides are given only that folder.
kai=$(fc-list --format '%{file}\t%{family}\n' | grep -iE 'DFKai|BiauKai|標楷體|TW-Kai|UKai|TW-MOE-Std-Kai' \
  | sort | head -n 1 | cut -f 1)
fonts=$(dirname "$kai")
"$work/typst_project" "$app" "$work/project" "$fonts"
echo "one book: $app; fonts: $fonts"
typst_py='import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], root=sys.argv[3], font_paths=[sys.argv[4]], ignore_system_fonts=True)'
fontargs="--font-dir $fonts --no-system-fonts"
hyperfine --warmup 1 --runs 7 --export-json "$work/one.json" \
  --command-name "one book, PDF + DOCX (appbook render)" \
  "$work/appbook render $app $fontargs -o $work/one" \
  --command-name "reference: Typst alone, the same template, data and fonts (Python binding)" \
  "python3 -c '$typst_py' $work/project/main.typ $work/typst.pdf $work/project $fonts" \
  --command-name "of which Python starting and importing typst" \
  "python3 -c 'import typst'" \
  --command-name "one book, PDF only" \
  "$work/appbook render $app $fontargs --pdf -o $work/pdf" \
  --command-name "one book, DOCX only (attachment pages as pictures)" \
  "$work/appbook render $app $fontargs --docx -o $work/docx" \
  --command-name "one book, PDF + DOCX, system fonts (no --font-dir)" \
  "$work/appbook render $app -o $work/sys"
book=$(median "$work/one.json" 0)
typst=$(median "$work/one.json" 1)
record one_book "$book"
record one_book_typst "$typst"
record one_book_python "$(median "$work/one.json" 2)"
record one_book_pdf "$(median "$work/one.json" 3)"
record one_book_docx "$(median "$work/one.json" 4)"
record one_book_system_fonts "$(median "$work/one.json" 5)"
mem=$(peak_mib "$work/appbook" render "$app" --font-dir "$fonts" --no-system-fonts -o "$work/mem")
typst_mem=$(peak_mib python3 -c "$typst_py" "$work/project/main.typ" "$work/typst.pdf" "$work/project" "$fonts")
record one_book_mib "$mem"
record one_book_typst_mib "$typst_mem"
python3 - "$book" "$typst" "$mem" "$typst_mem" <<'PY'
import sys
book, typst, mem, typst_mem = map(float, sys.argv[1:])
print(f"one book, PDF + DOCX: {book:.3f} s median; Typst alone: {typst:.3f} s; "
      f"ratio {book / typst:.2f} (goal: at most 0.50)")
print(f"peak memory of one book: {mem:.0f} MiB (goal: at most 150); Typst alone: {typst_mem:.0f} MiB")
PY
