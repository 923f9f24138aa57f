//! Characters that break a YAML file's layout although they look right on screen: a tab, a
//! no-break or ideographic space in the indentation, a full-width colon after a key. Each is
//! reported at its own line and named, since a YAML parser reports them, if at all, as a
//! confusing error somewhere else. Lines inside a block scalar (`|`, `>`) are text and left
//! alone: a paragraph there may well start with an ideographic space.

use crate::diagnostics::{Diagnostic, Location, Text};

/// One layout problem, before it becomes a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A character other than the ASCII space in the indentation.
    Indent(char),
    /// `key：value` with the full-width colon U+FF1A.
    FullWidthColon { key: String },
}

/// Every layout problem of `text`, in line order.
pub fn problems(text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut block: Option<BlockScalar> = None;
    for (i, line) in text.lines().enumerate() {
        let cut = line
            .char_indices()
            .find(|(_, c)| !is_space(*c))
            .map_or(line.len(), |(i, _)| i);
        let (indent, rest) = line.split_at(cut);
        let width = indent.chars().count();
        if let Some(b) = &block {
            // Blank lines and lines indented deeper than the key belong to the text.
            if rest.is_empty() || width > b.key_indent {
                continue;
            }
            block = None;
        }
        if rest.is_empty() || rest.starts_with('#') {
            continue;
        }
        if let Some((column, c)) = indent.chars().enumerate().find(|(_, c)| *c != ' ') {
            out.push(Problem {
                line: i + 1,
                column: column + 1,
                kind: Kind::Indent(c),
            });
        }
        if let Some((key, column)) = full_width_colon(rest) {
            out.push(Problem {
                line: i + 1,
                column: width + column + 1,
                kind: Kind::FullWidthColon { key },
            });
        }
        if opens_block_scalar(rest) {
            block = Some(BlockScalar { key_indent: width });
        }
    }
    out
}

struct BlockScalar {
    key_indent: usize,
}

/// White space as it shows on screen: the ASCII space and tab, and the Unicode spaces a word
/// processor or a Chinese input method types.
fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{00A0}' | '\u{3000}' | '\u{2000}'
            ..='\u{200B}' | '\u{202F}' | '\u{205F}' | '\u{FEFF}'
    )
}

/// `- key：…` or `key：…` with a snake_case key: the key and the colon's column in `rest`.
fn full_width_colon(rest: &str) -> Option<(String, usize)> {
    let mut s = rest;
    let mut skipped = 0;
    while let Some(after) = s.strip_prefix("- ") {
        skipped += 2;
        s = after.trim_start_matches(' ');
        skipped += after.len() - s.len();
    }
    let key_len = s
        .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
        .unwrap_or(s.len());
    let key = &s[..key_len];
    if key.is_empty() || !key.starts_with(|c: char| c.is_ascii_lowercase() || c == '_') {
        return None;
    }
    let after = s[key_len..].trim_start_matches(' ');
    after.starts_with('：').then(|| {
        let column = skipped + s[..s.len() - after.len()].chars().count();
        (key.to_string(), column)
    })
}

/// `key: |`, `key: >-`, `- |` …: the line opens a block scalar.
fn opens_block_scalar(rest: &str) -> bool {
    // Most lines have neither character; the searches below would each read the whole line,
    // and a byte-by-byte test reads long lines of text slowly.
    if memchr::memchr2(b'|', b'>', rest.as_bytes()).is_none() {
        return false;
    }
    let value = match rest.split_once(": ") {
        Some((_, v)) => v,
        None => rest.strip_prefix("- ").unwrap_or(""),
    };
    let value = value.split(" #").next().unwrap_or("").trim();
    value.starts_with(['|', '>'])
        && value[1..]
            .chars()
            .all(|c| matches!(c, '-' | '+') || c.is_ascii_digit())
}

/// The name of a space character, for the message.
pub fn char_name(c: char) -> (String, String) {
    let code = format!("U+{:04X}", c as u32);
    match c {
        '\t' => ("定位字元（Tab）".into(), "a tab".into()),
        '\u{00A0}' => (
            format!("不換行空白（{code}，常由 Word 或網頁複製而來）"),
            format!("a no-break space ({code}, often pasted from Word or a web page)"),
        ),
        '\u{3000}' => (
            format!("全形空白（{code}，中文輸入法的空白）"),
            format!("an ideographic (full-width) space ({code}, typed by a Chinese input method)"),
        ),
        _ => (
            format!("看不見的空白字元 {code}"),
            format!("an invisible space character {code}"),
        ),
    }
}

/// The diagnostics for `problems` of the file `name`.
pub fn diagnostics(name: &str, problems: &[Problem]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            let location = Location {
                file: name.to_string(),
                line: p.line,
                column: p.column,
                path: String::new(),
                byte: None,
            };
            match &p.kind {
                Kind::Indent(c) => {
                    let (zh, en) = char_name(*c);
                    Diagnostic::error(
                        "YAML-INDENT",
                        location,
                        Text::new(
                            format!("第 {} 行的縮排用了{zh}；YAML 的縮排只能用半形空白", p.line),
                            format!("line {} is indented with {en}; YAML indentation takes ASCII spaces only", p.line),
                        ),
                    )
                    .with_hint(Text::new(
                        "把這一行開頭的空白刪掉，改用鍵盤的半形空白鍵對齊上下行（編輯器可設定「Tab 轉成空白」）。",
                        "delete the white space at the start of this line and indent it with ordinary spaces (editors can turn tabs into spaces).",
                    ))
                }
                Kind::FullWidthColon { key } => Diagnostic::error(
                    "YAML-FULLWIDTH-COLON",
                    location,
                    Text::new(
                        format!("「{key}」後面是全形冒號「：」；YAML 只認半形冒號加一個空白「: 」"),
                        format!("`{key}` is followed by the full-width colon `：`; YAML needs an ASCII colon and a space (`: `)"),
                    ),
                )
                .with_hint(Text::new(
                    format!("改成「{key}: 」（切換到英數輸入再打冒號）。"),
                    format!("write `{key}: ` (type the colon in ASCII input mode)."),
                )),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_odd_indentation_character_at_its_line() {
        let text = "a:\n\tb: 1\n\u{3000}c: 2\n  \u{00A0}d: 3\n  e: 4\n";
        let p = problems(text);
        assert_eq!(
            p,
            vec![
                Problem {
                    line: 2,
                    column: 1,
                    kind: Kind::Indent('\t')
                },
                Problem {
                    line: 3,
                    column: 1,
                    kind: Kind::Indent('\u{3000}')
                },
                Problem {
                    line: 4,
                    column: 3,
                    kind: Kind::Indent('\u{00A0}')
                },
            ]
        );
    }

    #[test]
    fn block_scalar_text_may_start_with_an_ideographic_space() {
        let text = "plan: |\n  \u{3000}\u{3000}本公司：說明\n\n  note：x\nnext: 1\n\tbad: 2\n";
        let p = problems(text);
        assert_eq!(
            p,
            vec![Problem {
                line: 6,
                column: 1,
                kind: Kind::Indent('\t')
            }]
        );
    }

    #[test]
    fn finds_a_full_width_colon_after_a_key() {
        let p = problems("basic:\n  unit_name：內政部\n  - kind：other\nx: 時間：下午\n");
        assert_eq!(
            p,
            vec![
                Problem {
                    line: 2,
                    column: 12,
                    kind: Kind::FullWidthColon {
                        key: "unit_name".into()
                    }
                },
                Problem {
                    line: 3,
                    column: 9,
                    kind: Kind::FullWidthColon { key: "kind".into() }
                },
            ]
        );
    }
}
