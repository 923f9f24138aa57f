//! User text into runs. docx-rs escapes XML's special characters; what it cannot express are
//! characters XML 1.0 forbids outright (control characters), which would make Word refuse
//! the file, so they are dropped here. Line breaks inside a text become Word line breaks.

use docx_rs::{BreakType, Paragraph, Run};

/// Characters allowed in an XML 1.0 document (line breaks are handled by the caller).
fn allowed(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

pub fn clean(text: &str) -> String {
    text.chars().filter(|c| allowed(*c) && *c != '\r').collect()
}

/// Appends `text` to the paragraph, one run per line with breaks between.
pub fn runs(p: Paragraph, text: &str) -> Paragraph {
    let text = clean(text);
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            run = run.add_text(line);
        }
    }
    p.add_run(run)
}
