#!/bin/sh
# One book, PDF and DOCX, as a user runs `appbook render` (which also writes the one-page
# 送件檢核表 beside it), against its reference: Typst alone
# compiling exactly the same content (appbook's template, the book as data.json, the same
# attachments, the same font folder) from scratch as a separate process, through Typst's Python
# binding (`make bench-deps` installs it). Also the PDF alone, the DOCX alone (which turns every
# page of the PDF attachments into a picture), and the peak memory of one book. Medians.
#
# Issue 9 (the book's layout) allows the PDF at most 10% less speed than before its work began: the
# same sample's PDF is also made by the commit before the issue's first change, built from the
# repository's history (`git archive`) in a target folder of its own: cargo gives a package the
# same build hash wherever its folder is, so in the main target folder one commit's binary could
# pass for the other's. The sources are unpacked with fresh times (`tar -m`), so that build always
# compiles them; its dependencies are compiled once and kept. A checkout without that commit (a
# shallow clone) skips the comparison.
set -eu
. bench/common.sh
layout_ref=87d28c8
if git cat-file -e "$layout_ref^{commit}" 2>/dev/null; then
  ref_target="$target/bench-ref"
  rm -rf "$ref_target/src"
  mkdir -p "$ref_target/src"
  git archive "$layout_ref" | tar -x -m -C "$ref_target/src"
  ref_target=$(cd "$ref_target" && pwd)
  echo "building appbook as of $layout_ref (the first time, its dependencies too)"
  (cd "$ref_target/src" && CARGO_TARGET_DIR="$ref_target" cargo build --release --quiet --bin appbook)
  cp "$ref_target/release/appbook" "$work/appbook-layout-ref"
  cp -r "$ref_target/src/samples" "$work/layout-ref-samples"
else
  echo "commit $layout_ref is not in this checkout (a shallow clone?): no PDF speed from before issue 9"
fi
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
if [ -x "$work/appbook-layout-ref" ]; then
  hyperfine --warmup 1 --runs 15 --export-json "$work/layout.json" \
    --command-name "one book, PDF only" \
    "$work/appbook render $app $fontargs --pdf -o $work/pdf" \
    --command-name "reference: PDF only, as made before the layout work of issue 9 ($layout_ref)" \
    "$work/appbook-layout-ref render $work/layout-ref-$app $fontargs --pdf -o $work/pdf-ref"
  record layout_pdf "$(median "$work/layout.json" 0)"
  record layout_pdf_before "$(median "$work/layout.json" 1)"
  python3 - "$(median "$work/layout.json" 0)" "$(median "$work/layout.json" 1)" <<'PY'
import sys
now, before = map(float, sys.argv[1:])
print(f"PDF only: {now:.3f} s median; before the layout work: {before:.3f} s; "
      f"{(now / before - 1) * 100:+.0f}% (goal: at most +10%)")
PY
fi
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
