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

/// GitHub shows at most this many annotations of each kind (error, warning, notice) per step
/// and drops the rest without a word.
const PER_KIND: usize = 10;

/// One `::error file=…,line=…,col=…,title=…::message` line per diagnostic, as many as GitHub
/// shows. Past that, the last annotation of a kind says how many more there are, and those are
/// printed as plain log lines so that none is lost.
pub fn render_github(report: &Report, lang: Lang) -> String {
    let kind_of = |s: Severity| match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut total: std::collections::HashMap<&str, usize> = Default::default();
    for d in &report.diagnostics {
        *total.entry(kind_of(d.severity)).or_default() += 1;
    }
    let mut annotated: std::collections::HashMap<&str, usize> = Default::default();
    let mut out = String::new();
    let mut overflow = String::new();
    for d in &report.diagnostics {
        let kind = kind_of(d.severity);
        let mut message = d.message.get(lang).to_string();
        if let Some(h) = &d.hint {
            message.push('\n');
            message.push_str(h.get(lang));
        }
        if !d.location.path.is_empty() {
            message.push_str(&format!("\n({})", d.location.path));
        }
        let mut place = d.location.file.clone();
        if d.location.line > 0 {
            place.push_str(&format!(
                ":{}:{}",
                d.location.line,
                d.location.column.max(1)
            ));
        }
        let n = annotated.entry(kind).or_default();
        *n += 1;
        if total[kind] > PER_KIND && *n >= PER_KIND {
            if *n == PER_KIND {
                let more = total[kind] - (PER_KIND - 1);
                let text = match lang {
                    Lang::ZhTw => format!("另有 {more} 項未標註在檔案上，列在這一步執行紀錄的最後"),
                    Lang::En => format!(
                        "{more} more are not annotated on the files; they are listed at the end of this step's log"
                    ),
                };
                out.push_str(&format!(
                    "::{kind} title={}::{}\n",
                    escape_property(&format!("appbook +{more}")),
                    escape_data(&text)
                ));
            }
            overflow.push_str(&format!(
                "{kind} {place} {}: {}\n",
                d.code,
                message.replace('\n', " — ")
            ));
            continue;
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
    out.push_str(&overflow);
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

    fn report(errors: usize, warnings: usize) -> Report {
        let mut r = Report::default();
        for (n, severity) in std::iter::repeat_n(Severity::Error, errors)
            .chain(std::iter::repeat_n(Severity::Warning, warnings))
            .enumerate()
        {
            let location = super::super::Location {
                file: format!("app{n}/application.yaml"),
                line: n + 1,
                column: 3,
                ..Default::default()
            };
            let text = super::super::Text::new(format!("第{n}項"), format!("item {n}"));
            r.diagnostics.push(super::super::Diagnostic::new(
                "X-CODE", severity, location, text,
            ));
        }
        r
    }

    #[test]
    fn annotates_what_github_shows_and_logs_the_rest() {
        let out = render_github(&report(13, 2), Lang::En);
        let lines: Vec<&str> = out.lines().collect();
        let errors = lines.iter().filter(|l| l.starts_with("::error ")).count();
        assert_eq!(errors, PER_KIND, "{out}");
        assert!(
            out.contains("::error title=appbook +4::4 more are not annotated"),
            "{out}"
        );
        // The four errors past the ninth are in the log, none lost, none annotated twice.
        for n in 9..13 {
            let plain = format!("error app{n}/application.yaml:{}:3 X-CODE: item {n}", n + 1);
            assert!(lines.contains(&plain.as_str()), "{plain} missing in\n{out}");
            assert!(!out.contains(&format!("file=app{n}/")), "{out}");
        }
        // Warnings have their own allowance and fit in it.
        assert_eq!(
            lines
                .iter()
                .filter(|l| l.starts_with("::warning file="))
                .count(),
            2
        );
    }

    #[test]
    fn exactly_the_allowance_needs_no_summary() {
        let out = render_github(&report(PER_KIND, 0), Lang::En);
        assert_eq!(out.lines().count(), PER_KIND, "{out}");
        assert!(!out.contains("more"), "{out}");
    }
}
