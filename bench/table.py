"""Writes the README's speed table from the figures `make bench` recorded (bench/common.sh's
`record`), with the machine and the date of the run, between the README's bench markers.

usage: python3 bench/table.py RESULTS.tsv README.md
"""

import datetime
import os
import platform
import sys

START = "<!-- bench table: written by `make bench` (bench/table.py); do not edit by hand -->"
END = "<!-- end of bench table -->"


def machine():
    model = platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} cores, {platform.system()}; load average at the end {load}"


def table(r):
    def s(key):
        return float(r[key])

    rows = []
    if "one_book" in r:
        ratio = s("one_book") / s("one_book_typst")
        rows.append((
            "one book, PDF + DOCX (`appbook render` of the agency sample, 18 pages, 6 PDF attachments)",
            f"{s('one_book'):.3f} s",
            f"Typst alone on the same template, data and fonts, a process from scratch: "
            f"{s('one_book_typst'):.3f} s (ratio {ratio:.2f}; Python and `import typst` alone "
            f"{s('one_book_python'):.3f} s)",
            "ratio ≤ 0.50",
        ))
        rows.append((
            "the same book, PDF only / DOCX only",
            f"{s('one_book_pdf'):.3f} s / {s('one_book_docx'):.3f} s",
            f"PDF + DOCX with the system's fonts (no `--font-dir`): {s('one_book_system_fonts'):.3f} s",
            "",
        ))
        if "layout_pdf" in r:
            change = (s("layout_pdf") / s("layout_pdf_before") - 1) * 100
            rows.append((
                "the same book, PDF only, 15 runs (issue 9: the book's layout)",
                f"{s('layout_pdf'):.3f} s",
                f"the same sample's PDF as appbook made it before the layout work "
                f"(commit 87d28c8): {s('layout_pdf_before'):.3f} s ({change:+.0f}%)",
                "at most +10%",
            ))
        rows.append((
            "peak memory of one book",
            f"{s('one_book_mib'):.0f} MiB",
            f"Typst alone: {s('one_book_typst_mib'):.0f} MiB",
            "≤ 150 MiB",
        ))
    if "batch_books_per_s" in r:
        rows.append((
            f"`appbook render FOLDER` of {s('batch_apps'):.0f} different applications (each book PDF + DOCX with its 送件檢核表)",
            f"{s('batch_books_per_s'):.1f} books/s (CPU/wall {s('batch_cpu_per_wall'):.2f})",
            f"the same {s('batch_apps'):.0f} one by one: {s('batch_one_by_one_books_per_s'):.1f} books/s",
            "≥ 30 books/s",
        ))
        rows.append(("peak memory of that folder", f"{s('batch_mib'):.0f} MiB", "", "≤ 400 MiB"))
    if "check_10000" in r:
        rows.append((
            "`appbook check` of 10,000 applications, attachments read",
            f"{s('check_10000'):.2f} s",
            f"{10000 / s('check_10000'):,.0f} applications a second",
            "< 2 s",
        ))
    if "check_10000_mib" in r:
        rows.append(("peak memory of that check", f"{s('check_10000_mib'):.0f} MiB", "", ""))
        rows.append((
            "start-up: `appbook --version` / `appbook check` of one small application",
            f"{s('startup_version') * 1000:.1f} ms / {s('startup_check') * 1000:.1f} ms",
            f"a process that does nothing (`true`): {s('startup_true') * 1000:.1f} ms",
            "≤ 20 ms",
        ))
    lines = ["| what | appbook | reference, same run | goal |", "|---|---:|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return lines


def main():
    results, readme = sys.argv[1], sys.argv[2]
    r = {}
    with open(results, encoding="utf-8") as f:
        for line in f:
            key, value = line.rstrip("\n").split("\t")
            r[key] = value
    date = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    block = [
        START,
        f"Measured by `make bench` on {date}: {machine()}. Release build (`cargo build --release`); "
        "times are medians of whole processes.",
        "",
        *table(r),
        END,
    ]
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    if START not in text or END not in text:
        sys.exit(f"{readme} has no bench table markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    with open(readme, "w", encoding="utf-8") as f:
        f.write(head + "\n".join(block) + tail)
    print("\n".join(block[1:-1]))


main()
