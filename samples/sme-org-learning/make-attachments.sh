#!/bin/sh
# Rebuilds each sample's attachments/*.pdf from attachments-src/*.html with LibreOffice.
# Run from this folder: sh make-attachments.sh
set -e
for src in */attachments-src/*.html; do
  out="$(dirname "$(dirname "$src")")/attachments"
  soffice --headless --convert-to pdf:writer_web_pdf_Export --outdir "$out" "$src" >/dev/null
done
