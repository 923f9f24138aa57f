use super::{Diagnostic, Lang, Report, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// rustc-like output: a header with the code, the source line with the value underlined,
/// and the fix as a `help` note.
pub fn render_human(report: &Report, lang: Lang, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(&renderer, report, d, lang));
        out.push_str("\n\n");
    }
    let s = report.summary();
    let summary = match lang {
        Lang::ZhTw => format!(
            "檢查了 {} 個檔案：{} 個錯誤，{} 個警告。",
            s.files, s.errors, s.warnings
        ),
        Lang::En => format!(
            "checked {} file(s): {} error(s), {} warning(s).",
            s.files, s.errors, s.warnings
        ),
    };
    out.push_str(&summary);
    out.push('\n');
    out
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
            (Lang::ZhTw, true) => format!("位置：{}", loc.path),
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
