//! Location of every value, keyed by its YAML path (`a.b[2].c`). Rules speak in paths; this
//! index turns a path back into file:line:column, falling back to the nearest ancestor when
//! the value is missing (a missing key is reported where its parent is).

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScanError, Span};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pos {
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    pub byte: Option<std::ops::Range<usize>>,
}

impl Pos {
    fn from_span(span: &Span) -> Self {
        Pos {
            line: span.start.line(),
            column: span.start.col() + 1,
            byte: byte_range(&span.start, &span.end),
        }
    }
}

fn byte_range(start: &Marker, end: &Marker) -> Option<std::ops::Range<usize>> {
    Some(start.byte_offset()?..end.byte_offset()?)
}

#[derive(Clone, Debug)]
pub struct Entry {
    /// Where the key is, for values inside a mapping.
    pub key: Option<Pos>,
    /// Where the value starts.
    pub value: Pos,
    /// True for mappings and sequences.
    pub collection: bool,
}

#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    entries: HashMap<String, Entry>,
}

enum Frame {
    Map {
        path: String,
        key: Option<(String, Pos)>,
    },
    Seq {
        path: String,
        next: usize,
    },
    /// A complex (non-scalar) mapping key: skipped, depth counted.
    Skip(usize),
}

pub fn join_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl SpanIndex {
    pub fn build(text: &str) -> Result<Self, ScanError> {
        let mut entries = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let (event, span) = item?;
            let (is_node, opens) = match &event {
                Event::Scalar(..) | Event::Alias(..) => (true, false),
                Event::MappingStart(..) | Event::SequenceStart(..) => (true, true),
                Event::MappingEnd | Event::SequenceEnd => {
                    match stack.last_mut() {
                        Some(Frame::Skip(depth)) if *depth > 1 => *depth -= 1,
                        _ => {
                            stack.pop();
                        }
                    }
                    continue;
                }
                _ => (false, false),
            };
            if !is_node {
                continue;
            }
            if let Some(Frame::Skip(depth)) = stack.last_mut() {
                if opens {
                    *depth += 1;
                }
                continue;
            }
            // Work out this node's path, or recognise it as a mapping key.
            let path = match stack.last_mut() {
                None => String::new(),
                Some(Frame::Seq { path, next }) => {
                    let p = format!("{path}[{next}]");
                    *next += 1;
                    p
                }
                Some(Frame::Map { path, key }) => match key.take() {
                    Some((k, key_pos)) => {
                        let p = join_key(path, &k);
                        entries.insert(
                            p.clone(),
                            Entry {
                                key: Some(key_pos),
                                value: Pos::from_span(&span),
                                collection: opens,
                            },
                        );
                        if opens {
                            stack.push(new_frame(&event, p));
                        }
                        continue;
                    }
                    None => {
                        match &event {
                            Event::Scalar(value, ..) => {
                                *key = Some((value.to_string(), Pos::from_span(&span)));
                            }
                            // Aliased or complex keys carry no usable name.
                            Event::Alias(..) => *key = Some((String::new(), Pos::from_span(&span))),
                            _ => stack.push(Frame::Skip(1)),
                        }
                        continue;
                    }
                },
                Some(Frame::Skip(_)) => unreachable!("handled above"),
            };
            entries.insert(
                path.clone(),
                Entry {
                    key: None,
                    value: Pos::from_span(&span),
                    collection: opens,
                },
            );
            if opens {
                stack.push(new_frame(&event, path));
            }
        }
        Ok(SpanIndex { entries })
    }

    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.entries.contains_key(path)
    }

    /// Position to report for `path`: a scalar's value, a collection's key; for a missing path,
    /// the key of its nearest present ancestor.
    pub fn locate(&self, path: &str) -> Pos {
        let mut p = path.to_string();
        loop {
            if let Some(e) = self.entries.get(&p) {
                return match (&e.key, e.collection) {
                    (Some(k), true) => k.clone(),
                    _ => e.value.clone(),
                };
            }
            match parent_path(&p) {
                Some(parent) => p = parent,
                None => {
                    return Pos {
                        line: 1,
                        column: 1,
                        byte: None,
                    }
                }
            }
        }
    }

    /// The deepest path whose value or key starts at this position (for parser errors that
    /// give only a line and column).
    pub fn path_at(&self, line: usize, column: usize) -> Option<String> {
        self.entries
            .iter()
            .filter(|(_, e)| {
                let v = &e.value;
                let k = e.key.as_ref();
                (v.line == line && v.column <= column) || k.is_some_and(|k| k.line == line)
            })
            .max_by_key(|(p, e)| (e.value.column, p.len()))
            .map(|(p, _)| p.clone())
    }

    /// Number of items of a sequence at `path` as written in the file.
    pub fn len_of(&self, path: &str) -> usize {
        (0..)
            .take_while(|i| self.entries.contains_key(&format!("{path}[{i}]")))
            .count()
    }
}

fn new_frame(event: &Event, path: String) -> Frame {
    match event {
        Event::MappingStart(..) => Frame::Map { path, key: None },
        _ => Frame::Seq { path, next: 0 },
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → `` → None.
pub fn parent_path(path: &str) -> Option<String> {
    if path.is_empty() {
        return None;
    }
    if path.ends_with(']') {
        if let Some(i) = path.rfind('[') {
            return Some(path[..i].to_string());
        }
    }
    match path.rfind(['.', '[']) {
        Some(i) => Some(path[..i].to_string()),
        None => Some(String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "a:\n  b: 1\n  list:\n    - x\n    - name: y\n      n: 2\nc: \"中文\"\n";

    #[test]
    fn indexes_nested_values() {
        let idx = SpanIndex::build(DOC).unwrap();
        assert_eq!(idx.locate("a.b").line, 2);
        assert_eq!(idx.locate("a.b").column, 6);
        assert_eq!(idx.locate("a.list[0]").line, 4);
        assert_eq!(idx.locate("a.list[1].n").line, 6);
        assert_eq!(idx.locate("c").line, 7);
        assert_eq!(idx.len_of("a.list"), 2);
    }

    #[test]
    fn missing_paths_fall_back_to_ancestor_key() {
        let idx = SpanIndex::build(DOC).unwrap();
        assert_eq!(idx.locate("a.list[1].missing").line, 5);
        assert_eq!(idx.locate("a.nothing").line, 1);
        assert_eq!(idx.locate("zzz").line, 1);
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent_path("a.b[2].c").as_deref(), Some("a.b[2]"));
        assert_eq!(parent_path("a.b[2]").as_deref(), Some("a.b"));
        assert_eq!(parent_path("a").as_deref(), Some(""));
        assert_eq!(parent_path(""), None);
    }
}
