#!/bin/sh
# Regenerates every sample attachment from the Chinese HTML sources in samples/sources/.
#   sources/<sample>/<name>.html      -> moe-learning-award/<sample>/attachments/<name>.pdf
#   sources/sme-org-learning/<sample>/<name>.html -> sme-org-learning/<sample>/attachments/<name>.pdf
#   sources/<sample>/<name>.png.html  -> .../attachments/<name>.png  (page 1, 50 dpi)
#   sources/<sample>/<name>.jpg.html  -> .../attachments/<name>.jpg  (page 1, 60 dpi)
# Needs LibreOffice Writer (soffice), poppler-utils (pdftoppm), qpdf and the TW-Kai font
# (fonts-cns11643-kai). Reruns give byte-identical files, so regenerating shows no diff.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM
# A private LibreOffice profile, so a running office instance neither blocks nor alters the output.
profile="-env:UserInstallation=file://$work/profile"

to_pdf() { # source.html outdir
    # The StarWriter HTML filter lays the page out as a printed A4 document (Writer/Web does not).
    soffice "$profile" --headless --infilter="HTML (StarWriter)" \
        --convert-to pdf:writer_pdf_Export --outdir "$2" "$1" >/dev/null 2>&1
}

# Source folders with the attachments folder each one fills.
pairs() {
    for dir in "$here"/sources/*/; do
        case "$(basename "$dir")" in
        sme-org-learning)
            for sub in "$dir"*/; do
                printf '%s\t%s\n' "$sub" "$here/sme-org-learning/$(basename "$sub")/attachments"
            done
            ;;
        *) printf '%s\t%s\n' "$dir" "$here/moe-learning-award/$(basename "$dir")/attachments" ;;
        esac
    done
}

tab=$(printf '\t')
pairs | while IFS=$tab read -r dir out; do
    sample=$(basename "$dir")
    mkdir -p "$out"
    for src in "$dir"*.html; do
        [ -e "$src" ] || continue
        name=$(basename "$src" .html)
        case "$name" in
        *.png)
            to_pdf "$src" "$work"
            pdftoppm -png -r 50 -singlefile "$work/$name.pdf" "$out/${name%.png}"
            ;;
        *.jpg)
            to_pdf "$src" "$work"
            pdftoppm -jpeg -jpegopt quality=80 -r 60 -singlefile "$work/$name.pdf" "$out/${name%.jpg}"
            ;;
        *)
            to_pdf "$src" "$work"
            # Copying the pages into a fresh file drops LibreOffice's creation time, and a
            # deterministic /ID replaces the random one. qpdf exits 3 on mere warnings.
            qpdf --empty --deterministic-id --pages "$work/$name.pdf" -- "$out/$name.pdf" ||
                [ $? -eq 3 ]
            ;;
        esac
        echo "$sample: $name"
    done
done
