#!/bin/sh
# Times rendering with hyperfine: one book per process (the CLI as a user runs it, which also
# writes the one-page 送件檢核表 beside the book), and a batch of 50 books in one process that
# loads the fonts once (examples/render_batch.rs).
# Uses the samples when present, else the test fixtures. Binaries come from the dev profile,
# whose dependencies (Typst) are optimised.
set -eu
target="${CARGO_TARGET_DIR:-target}"
cargo build --quiet --bin appbook --example render_batch
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
# Copies, so that another build into a shared target folder cannot swap them mid-run.
cp "$target/debug/appbook" "$target/debug/examples/render_batch" "$out/"
apps=$(ls samples/moe-learning-award/*/application.yaml 2>/dev/null || true)
[ -n "$apps" ] || apps=$(ls tests/fixtures/render/*/application.yaml)
one=$(echo "$apps" | head -n 1)
echo "one book: $one; batch: $(echo "$apps" | wc -l) applications, 50 books"
# The PDF alone and the DOCX alone (which renders every page of the PDF attachments to a
# picture) are timed apart, so that a change to one writer shows in its own figure.
hyperfine --warmup 2 --runs 10 \
  --command-name "one book (appbook render)" \
  "$out/appbook render $one -o $out/one" \
  --command-name "one book, PDF only" \
  "$out/appbook render $one --pdf -o $out/pdf" \
  --command-name "one book, DOCX only (attachment pages as pictures)" \
  "$out/appbook render $one --docx -o $out/docx" \
  --command-name "50 books in one process" \
  "$out/render_batch 50 $out/batch $(echo $apps)"
