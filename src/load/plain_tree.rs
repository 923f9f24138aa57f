//! The document's JSON tree (see [`super::tree`]) built from the parser events the span index
//! reads anyway, so that an ordinary application is parsed once, not once for its locations and
//! again by serde-saphyr for its values. Parsing was most of what `check` cost.
//!
//! Only what is certain to come out as serde-saphyr makes it is built here: untagged scalars
//! whose type cannot be in doubt (text that looks like no number, boolean or null; a decimal
//! integer; `true`, `false`, `null` in the spellings both YAML 1.1 and 1.2 read alike), mappings
//! with plain text keys, sequences, one document. Anything else (a tag, an anchor or alias, a
//! merge key `<<`, a `%YAML` directive, a scalar such as `0x1F`, `1_000`, `yes`, `.inf`) gives
//! up, and the caller falls back on serde-saphyr for the whole document. Every scalar's text is
//! the parser's own (serde-saphyr reads the same parser's events), so strings are identical.

use serde_json::{Map, Value};
use serde_saphyr::granit_parser::{Event, ScalarStyle};

/// Nesting deeper than this is left to serde-saphyr and its budget, whose limits and messages
/// then apply as before.
const MAX_DEPTH: usize = 48;

/// Nodes beyond this, likewise.
const MAX_NODES: usize = 100_000;

enum Open {
    Map {
        map: Map<String, Value>,
        key: Option<String>,
    },
    Seq(Vec<Value>),
}

#[derive(Default)]
pub struct Builder {
    stack: Vec<Open>,
    root: Option<Value>,
    documents: usize,
    nodes: usize,
    gave_up: bool,
}

impl Builder {
    pub fn observe(&mut self, event: &Event) {
        if self.gave_up {
            return;
        }
        if self.step(event).is_none() {
            self.gave_up = true;
            self.stack.clear();
            self.root = None;
        }
    }

    /// The tree, or None when serde-saphyr must make it.
    pub fn finish(self) -> Option<Value> {
        if self.gave_up || !self.stack.is_empty() || self.documents != 1 {
            return None;
        }
        self.root
    }

    fn step(&mut self, event: &Event) -> Option<()> {
        match event {
            Event::DocumentStart(_, version) => {
                self.documents += 1;
                (self.documents == 1 && version.is_none()).then_some(())
            }
            Event::Scalar(text, style, anchor, tag) => {
                self.count()?;
                if *anchor != 0 || tag.is_some() {
                    return None;
                }
                if let Some(Open::Map {
                    key: key @ None, ..
                }) = self.stack.last_mut()
                {
                    *key = Some(key_text(text, *style)?);
                    return Some(());
                }
                let value = scalar(text, *style)?;
                self.attach(value)
            }
            Event::MappingStart(_, anchor, tag) | Event::SequenceStart(_, anchor, tag) => {
                self.count()?;
                if *anchor != 0 || tag.is_some() || self.stack.len() >= MAX_DEPTH {
                    return None;
                }
                // A mapping or sequence as a key has no text to name it by.
                if let Some(Open::Map { key: None, .. }) = self.stack.last() {
                    return None;
                }
                self.stack.push(match event {
                    Event::MappingStart(..) => Open::Map {
                        map: Map::new(),
                        key: None,
                    },
                    _ => Open::Seq(Vec::new()),
                });
                Some(())
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let value = match self.stack.pop()? {
                    Open::Map { map, key: None } => Value::Object(map),
                    Open::Seq(items) => Value::Array(items),
                    Open::Map { key: Some(_), .. } => return None,
                };
                self.attach(value)
            }
            Event::Alias(..) | Event::UnresolvedAlias(..) | Event::Anchor(..) => None,
            _ => Some(()),
        }
    }

    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= MAX_NODES).then_some(())
    }

    fn attach(&mut self, value: Value) -> Option<()> {
        match self.stack.last_mut() {
            None => {
                if self.root.is_some() {
                    return None;
                }
                self.root = Some(value);
            }
            Some(Open::Seq(items)) => items.push(value),
            Some(Open::Map { map, key }) => {
                let key = key.take()?;
                // The first of a repeated key counts (`DuplicateKeyPolicy::FirstWins`).
                if !map.contains_key(&key) {
                    map.insert(key, value);
                }
            }
        }
        Some(())
    }
}

/// A scalar's value, when its type is certain.
fn scalar(text: &str, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(text.to_string()));
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    if let Some(n) = decimal(text) {
        return Some(Value::from(n));
    }
    if let Some(v) = fraction(text) {
        return Some(super::tree::float(v));
    }
    plain_text(text).then(|| Value::String(text.to_string()))
}

/// A mapping key's text, when it is certain to be read as text.
fn key_text(text: &str, style: ScalarStyle) -> Option<String> {
    let text_like = style != ScalarStyle::Plain || plain_text(text);
    (text_like && text != "<<").then(|| text.to_string())
}

/// `0`, or digits without a leading zero that fit a u64 with room to spare.
fn decimal(text: &str) -> Option<u64> {
    let b = text.as_bytes();
    let digits = !b.is_empty() && b.len() <= 18 && b.iter().all(u8::is_ascii_digit);
    (digits && (b[0] != b'0' || b.len() == 1)).then(|| text.parse().ok())?
}

/// `64.2`: digits (no leading zero but a lone one), a point, digits.
fn fraction(text: &str) -> Option<f64> {
    let (int, frac) = text.split_once('.')?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 15 && s.bytes().all(|b| b.is_ascii_digit());
    let ok = digits(int) && digits(frac) && (int == "0" || !int.starts_with('0'));
    ok.then(|| text.parse().ok())?
}

/// Plain text that no YAML reading takes for a number, a boolean or null: it is none of the
/// words YAML 1.1 or 1.2 resolve (`yes`, `off`, `y`, `null`, `.inf`, `nan` and their case
/// variants), and it either does not start like a number (a digit, a sign, a point) or has a
/// character no number is spelt with (`113/05/02`, a date `2025-08-12`). serde-saphyr types
/// no date: it stays text.
fn plain_text(text: &str) -> bool {
    const WORDS: [&str; 14] = [
        "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "inf", "infinity", "nan",
        "",
    ];
    let Some(first) = text.chars().next() else {
        return false;
    };
    if matches!(first, ' ' | '\t') {
        return false;
    }
    if first.is_ascii_digit() || matches!(first, '+' | '-' | '.') {
        let numeric =
            |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_' | ':');
        if !(text.chars().any(|c| !numeric(c)) || is_date(text)) {
            return false;
        }
    }
    if text.ends_with([' ', '\t', '\r', '\n']) {
        return false;
    }
    !WORDS.iter().any(|w| text.eq_ignore_ascii_case(w))
}

/// Groups of digits joined by `-`, as dates are written (`2025-08-12`, 民國 `103-10-28`): no
/// number has a `-` after a digit unless an exponent's `e` comes between.
fn is_date(text: &str) -> bool {
    text.contains('-')
        && text
            .split('-')
            .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_saphyr::granit_parser::Parser;

    fn built(text: &str) -> Option<Value> {
        let mut b = Builder::default();
        for item in Parser::new_from_str(text) {
            // A document that does not parse is not this module's to judge.
            let (event, _) = item.ok()?;
            b.observe(&event);
        }
        b.finish()
    }

    fn saphyr(text: &str) -> Value {
        crate::load::to_tree(&crate::load::SourceFile::from_text(
            "t.yaml",
            std::path::Path::new("t.yaml"),
            text,
        ))
        .unwrap_or_else(|_| panic!("serde-saphyr refused {text:?}"))
    }

    /// Whatever this builds, serde-saphyr builds the same; what it is unsure of it leaves.
    #[test]
    fn builds_what_serde_saphyr_builds_or_nothing() {
        let scalars = [
            "內政部",
            "是",
            "否",
            "hello world",
            "a: b",
            "'quoted'",
            "\"0123\"",
            "\"\"",
            "''",
            "0",
            "7",
            "120",
            "0120",
            "-5",
            "+5",
            "1.5",
            "120.0",
            "64.2",
            "0.5",
            "00.5",
            "3.14159",
            "1.",
            ".5",
            "1.2.3",
            "1e3",
            "0x1F",
            "0o17",
            "1_000",
            "2025-08-12",
            "103-10-28",
            "1-2",
            "1--2",
            "1-",
            "113/05/02",
            "1e-5",
            "1.5e-3",
            "(02)2930-5100 分機 215",
            "true",
            "True",
            "TRUE",
            "tRue",
            "false",
            "yes",
            "Yes",
            "no",
            "NO",
            "on",
            "off",
            "y",
            "n",
            "Y",
            "N",
            "null",
            "Null",
            "NULL",
            "~",
            "",
            ".inf",
            "-.inf",
            ".nan",
            "inf",
            "nan",
            "NaN",
            "infinity",
            "999999999999999999",
            "99999999999999999999",
            "12:30",
            "1:20:30",
            "e",
            "E5",
            "v1.0",
            "!tag x",
            "&a x",
            "|\n  text\n  more",
            ">-\n  folded\n  text",
            "[1, a, \"b\"]",
            "{x: 1, y: [2, 3]}",
            "https://example.gov.tw",
            "#no",
            "a #comment",
        ];
        let mut compared = 0;
        for s in scalars {
            for doc in [
                format!("k: {s}\n"),
                format!("- {s}\n"),
                format!("top:\n  k: {s}\n  list:\n    - {s}\n"),
            ] {
                if let Some(tree) = built(&doc) {
                    assert_eq!(tree, saphyr(&doc), "{doc:?}");
                    compared += 1;
                }
            }
        }
        // Most of these are built here; the rest are the doubtful ones left to serde-saphyr.
        assert!(compared > 100, "{compared}");
    }

    #[test]
    fn gives_up_on_what_only_serde_saphyr_knows() {
        for doc in [
            "a: &x 1\nb: *x\n",
            "base: &b {x: 1}\nc:\n  <<: *b\n",
            "a: !!str 12\n",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "? [a]\n: 1\n",
            "1: a\n",
            "a: 1_000\n",
        ] {
            assert_eq!(built(doc), None, "{doc:?}");
        }
    }

    #[test]
    fn the_first_of_a_repeated_key_counts() {
        let doc = "a:\n  b: 1\n  c: 2\n  b:\n    x: 3\n";
        assert_eq!(built(doc), Some(saphyr(doc)));
        assert_eq!(built(doc).unwrap()["a"]["b"], Value::from(1));
    }

    #[test]
    fn every_sample_is_built_as_serde_saphyr_builds_it() {
        let mut n = 0;
        for dir in ["samples/moe-learning-award", "samples/sme-org-learning"] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path().join("application.yaml");
                let text = std::fs::read_to_string(&path).unwrap();
                let tree = built(&text);
                assert_eq!(tree, Some(saphyr(&text)), "{}", path.display());
                n += 1;
            }
        }
        assert_eq!(n, 5);
    }
}
