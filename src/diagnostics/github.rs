use super::{Lang, Report, Severity};

/// GitHub Actions workflow commands escape `%`, CR and LF in messages, and also `:` and `,`
/// in properties, or the annotation is cut short.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One `::error file=…,line=…,col=…,title=…::message` line per diagnostic.
pub fn render_github(report: &Report, lang: Lang) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        let kind = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "notice",
        };
        let mut message = d.message.get(lang).to_string();
        if let Some(h) = &d.hint {
            message.push('\n');
            message.push_str(h.get(lang));
        }
        if !d.location.path.is_empty() {
            message.push_str(&format!("\n({})", d.location.path));
        }
        let mut props = vec![format!("file={}", escape_property(&d.location.file))];
        if d.location.line > 0 {
            props.push(format!("line={}", d.location.line));
            props.push(format!("col={}", d.location.column.max(1)));
        }
        props.push(format!("title={}", escape_property(&d.code)));
        out.push_str(&format!(
            "::{kind} {}::{}\n",
            props.join(","),
            escape_data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_newlines_and_separators() {
        assert_eq!(escape_data("a%b\nc"), "a%25b%0Ac");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
