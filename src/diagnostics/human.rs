use super::{Diagnostic, Lang, Report, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::collections::HashMap;

/// More identical findings than this are printed once, with a list of where the others are.
const GROUP_ABOVE: usize = 3;
/// How many other places a grouped finding lists by name.
const GROUP_LISTED: usize = 10;

/// rustc-like output: a header with the code, the source line with the value underlined,
/// and the fix as a `help` note. Findings repeated word for word (the same code and message)
/// are printed once with the places of the others, so one error is not lost among a thousand
/// identical notes; the summary counts everything, and the files with errors are listed last.
pub fn render_human(report: &Report, lang: Lang, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let key = |d: &Diagnostic| (d.severity, d.code.clone(), d.message.get(lang).to_string());
    let mut groups: HashMap<(Severity, String, String), Vec<usize>> = HashMap::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        groups.entry(key(d)).or_default().push(i);
    }
    let mut out = String::new();
    for (i, d) in report.diagnostics.iter().enumerate() {
        let same = &groups[&key(d)];
        if same.len() > GROUP_ABOVE && same[0] != i {
            continue;
        }
        out.push_str(&render_one(&renderer, report, d, lang));
        if same.len() > GROUP_ABOVE {
            out.push('\n');
            out.push_str(&elsewhere(report, &same[1..], lang));
        }
        out.push_str("\n\n");
    }
    let failing = report.failing_files();
    if report.files.len() > 1 && !failing.is_empty() {
        out.push_str(match lang {
            Lang::ZhTw => "有錯誤的檔案：\n",
            Lang::En => "files with errors:\n",
        });
        for f in &failing {
            out.push_str(&format!("  {f}\n"));
        }
        out.push('\n');
    }
    out.push_str(&summary_line(report, lang));
    out.push('\n');
    out
}

fn summary_line(report: &Report, lang: Lang) -> String {
    let s = report.summary();
    let hidden = report.hidden();
    match lang {
        Lang::ZhTw => {
            let mut line = format!(
                "檢查了 {} 個檔案：{} 個錯誤，{} 個警告，{} 個提示",
                s.files, s.errors, s.warnings, s.infos
            );
            if hidden > 0 {
                line.push_str(&format!("（其中 {hidden} 個未顯示）"));
            }
            line.push('。');
            line
        }
        Lang::En => {
            let mut line = format!(
                "checked {} file(s): {} error(s), {} warning(s), {} info(s)",
                s.files, s.errors, s.warnings, s.infos
            );
            if hidden > 0 {
                line.push_str(&format!(" ({hidden} not shown)"));
            }
            line.push('.');
            line
        }
    }
}

/// `= 同樣的發現另有 N 處：a.yaml:3, b.yaml:3, …`
fn elsewhere(report: &Report, others: &[usize], lang: Lang) -> String {
    let places: Vec<String> = others
        .iter()
        .take(GROUP_LISTED)
        .map(|&i| {
            let l = &report.diagnostics[i].location;
            if l.line > 0 {
                format!("{}:{}", l.file, l.line)
            } else {
                l.file.clone()
            }
        })
        .collect();
    let rest = others.len().saturating_sub(GROUP_LISTED);
    match lang {
        Lang::ZhTw => {
            let mut t = format!(
                "  = 同樣的發現另有 {} 處：{}",
                others.len(),
                places.join("、")
            );
            if rest > 0 {
                t.push_str(&format!("，以及另外 {rest} 處"));
            }
            t
        }
        Lang::En => {
            let mut t = format!(
                "  = the same finding in {} other place(s): {}",
                others.len(),
                places.join(", ")
            );
            if rest > 0 {
                t.push_str(&format!(", and {rest} more"));
            }
            t
        }
    }
}

fn render_one(renderer: &Renderer, report: &Report, d: &Diagnostic, lang: Lang) -> String {
    let level = match d.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    };
    let title = level.primary_title(d.message.get(lang)).id(&d.code);
    let loc = &d.location;
    let path_note = if loc.path.is_empty() {
        None
    } else {
        // Findings in a finished DOCX/PDF point at a page or paragraph, not a YAML path.
        let lower = loc.file.to_ascii_lowercase();
        let book = lower.ends_with(".docx") || lower.ends_with(".pdf");
        Some(match (lang, book) {
            (Lang::ZhTw, false) => format!("YAML 路徑：{}", loc.path),
            (Lang::En, false) => format!("YAML path: {}", loc.path),
            (Lang::ZhTw, true) => format!("位置：{}", place_zh(&loc.path)),
            (Lang::En, true) => format!("location: {}", loc.path),
        })
    };
    let mut groups = Vec::new();
    let label = path_note.clone().unwrap_or_default();
    match (report.source(&loc.file), loc.line) {
        (Some(src), line) if line > 0 => {
            let (start, text) = line_window(src, line);
            let span = match &loc.byte {
                Some(r) if r.start >= start && r.end <= start + text.len() && r.end > r.start => {
                    (r.start - start)..(r.end - start)
                }
                _ => {
                    let col = char_col_to_byte(text, loc.column);
                    let end = next_token_end(text, col);
                    col..end
                }
            };
            groups.push(
                title.element(
                    Snippet::source(text)
                        .line_start(line)
                        .path(loc.file.as_str())
                        .annotation(AnnotationKind::Primary.span(span).label(label)),
                ),
            );
        }
        _ => {
            let where_ = if loc.line > 0 {
                format!("{}:{}:{}", loc.file, loc.line, loc.column)
            } else {
                loc.file.clone()
            };
            groups.push(title.element(annotate_snippets::Origin::path(where_)));
            if let Some(p) = path_note {
                groups.push(Group::with_title(Level::NOTE.secondary_title(p)));
            }
        }
    }
    if let Some(h) = &d.hint {
        groups.push(Group::with_title(Level::HELP.secondary_title(h.get(lang))));
    }
    renderer.render(&groups).to_string()
}

/// A place in a finished book as the JSON report gives it (`page 3`, `section 2`, `paragraph
/// 14 (貳、評審項目)`), in Chinese for the zh-TW message.
fn place_zh(path: &str) -> String {
    for (en, before, after) in [
        ("page ", "第 ", " 頁"),
        ("section ", "第 ", " 節"),
        ("paragraph ", "第 ", " 段"),
    ] {
        if let Some(rest) = path.strip_prefix(en) {
            let (n, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
            if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) {
                let tail = tail.trim_start();
                let under = tail
                    .strip_prefix('(')
                    .and_then(|t| t.strip_suffix(')'))
                    .map(|h| format!("（{h}）"))
                    .unwrap_or_else(|| tail.to_string());
                return format!("{before}{n}{after}{under}");
            }
        }
    }
    path.to_string()
}

/// The byte offset and text of one 1-based line, without its line break.
fn line_window(src: &str, line: usize) -> (usize, &str) {
    let mut offset = 0;
    for (i, l) in src.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            return (offset, l.trim_end_matches(['\n', '\r']));
        }
        offset += l.len();
    }
    (src.len(), "")
}

fn char_col_to_byte(text: &str, column: usize) -> usize {
    text.char_indices()
        .nth(column.saturating_sub(1))
        .map(|(i, _)| i)
        .unwrap_or(text.len())
}

/// Underlines to the end of the line when the value's exact extent is unknown.
fn next_token_end(text: &str, start: usize) -> usize {
    let end = text.trim_end().len();
    if end > start {
        end
    } else {
        (start + 1).min(text.len()).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::place_zh;

    /// A finished book's place reads in Chinese in a zh-TW message; anything else is left as is.
    #[test]
    fn a_books_place_reads_in_chinese() {
        assert_eq!(place_zh("page 1"), "第 1 頁");
        assert_eq!(place_zh("section 2"), "第 2 節");
        assert_eq!(
            place_zh("paragraph 14 (貳、評審項目)"),
            "第 14 段（貳、評審項目）"
        );
        assert_eq!(place_zh("basic.phone"), "basic.phone");
    }
}
