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

/// A key written twice in one mapping: where each is.
#[derive(Clone, Debug)]
pub struct Duplicate {
    pub path: String,
    pub first: Pos,
    pub again: Pos,
}

#[derive(Clone, Debug, Default)]
pub struct SpanIndex {
    /// Hashed with Fx, not SipHash: building this map was a tenth of checking an application.
    /// Its order was never one to rely on (SipHash's keys differ from process to process), and a
    /// file of colliding paths is bounded by the input's size cap.
    entries: HashMap<String, Entry, rustc_hash::FxBuildHasher>,
    /// Keys repeated in their mapping. The first one counts, as in the deserialized tree
    /// (`DuplicateKeyPolicy::FirstWins`); the repeats are reported.
    duplicates: Vec<Duplicate>,
    /// Scalar values of the root mapping (`programme`, `edition`), so the programme can be
    /// chosen without deserializing the document twice.
    top: HashMap<String, String>,
    /// The document's tree built from the same events, when it could be (see
    /// [`super::plain_tree`]); taken once by [`SpanIndex::take_tree`].
    tree: TreeSlot,
}

/// The tree, handed over once; a clone of the index gets its own copy.
#[derive(Default)]
struct TreeSlot(std::sync::Mutex<Option<serde_json::Value>>);

impl Clone for TreeSlot {
    fn clone(&self) -> Self {
        TreeSlot(std::sync::Mutex::new(
            self.0.lock().ok().and_then(|t| t.clone()),
        ))
    }
}

impl std::fmt::Debug for TreeSlot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TreeSlot")
    }
}

/// Why a document could not be indexed.
#[derive(Debug)]
pub enum IndexError {
    Syntax(ScanError),
    /// Nested deeper than the limit: refused before anything else reads it.
    TooDeep(usize),
    /// Aliases would expand the document to more nodes than the limit (billion laughs).
    TooManyNodes(u64),
}

/// Counts the nodes a document would have with every alias expanded, without expanding
/// anything: each anchor's size is remembered, and an alias adds that size.
#[derive(Default)]
struct Expansion {
    sizes: HashMap<usize, u64>,
    open: Vec<(u64, usize)>,
    total: u64,
}

impl Expansion {
    fn add(&mut self, n: u64) {
        self.total = self.total.saturating_add(n);
        if let Some((c, _)) = self.open.last_mut() {
            *c = c.saturating_add(n);
        }
    }

    fn observe(&mut self, event: &Event) {
        match event {
            Event::Scalar(_, _, anchor, _) => {
                if *anchor != 0 {
                    self.sizes.insert(*anchor, 1);
                }
                self.add(1);
            }
            Event::Alias(id) => {
                let n = self.sizes.get(id).copied().unwrap_or(1);
                self.add(n);
            }
            Event::MappingStart(_, anchor, _) | Event::SequenceStart(_, anchor, _) => {
                self.total = self.total.saturating_add(1);
                self.open.push((1, *anchor));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((c, anchor)) = self.open.pop() {
                    if anchor != 0 {
                        self.sizes.insert(anchor, c);
                    }
                    if let Some((p, _)) = self.open.last_mut() {
                        *p = p.saturating_add(c);
                    }
                }
            }
            _ => {}
        }
    }
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
        return key.to_string();
    }
    // Built by hand: `format!` was a tenth of the span index's time.
    let mut p = String::with_capacity(parent.len() + 1 + key.len());
    p.push_str(parent);
    p.push('.');
    p.push_str(key);
    p
}

/// `path[i]`.
fn index_path(path: &str, i: usize) -> String {
    use std::fmt::Write;
    let mut p = String::with_capacity(path.len() + 6);
    p.push_str(path);
    let _ = write!(p, "[{i}]");
    p
}

impl SpanIndex {
    /// Indexes `text`, refusing nesting deeper than `max_depth` collections and documents whose
    /// aliases would expand to more than `max_nodes` nodes.
    pub fn build(text: &str, max_depth: usize, max_nodes: u64) -> Result<Self, IndexError> {
        let mut expansion = Expansion::default();
        let mut entries: HashMap<String, Entry, _> = HashMap::default();
        let mut top = HashMap::new();
        let mut duplicates = Vec::new();
        let mut stack: Vec<Frame> = Vec::new();
        let mut tree = super::plain_tree::Builder::default();
        for item in Parser::new_from_str(text) {
            let (event, span) = item.map_err(IndexError::Syntax)?;
            if stack.len() > max_depth {
                return Err(IndexError::TooDeep(stack.len()));
            }
            tree.observe(&event);
            expansion.observe(&event);
            if expansion.total > max_nodes {
                return Err(IndexError::TooManyNodes(expansion.total));
            }
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
                    let p = index_path(path, *next);
                    *next += 1;
                    p
                }
                Some(Frame::Map { path, key }) => match key.take() {
                    Some((k, key_pos)) => {
                        let p = join_key(path, &k);
                        if let Some(first) = entries.get(&p).and_then(|e: &Entry| e.key.clone()) {
                            duplicates.push(Duplicate {
                                path: p,
                                first,
                                again: key_pos,
                            });
                            if opens {
                                stack.push(Frame::Skip(1));
                            }
                            continue;
                        }
                        if let (true, Event::Scalar(v, ..)) = (path.is_empty(), &event) {
                            top.insert(k.clone(), v.to_string());
                        }
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
        Ok(SpanIndex {
            entries,
            duplicates,
            top,
            tree: TreeSlot(std::sync::Mutex::new(tree.finish())),
        })
    }

    /// The document's tree if it was built with the index, once; None means it must be read
    /// with serde-saphyr ([`super::to_tree`]).
    pub fn take_tree(&self) -> Option<serde_json::Value> {
        self.tree.0.lock().ok()?.take()
    }

    pub fn duplicates(&self) -> &[Duplicate] {
        &self.duplicates
    }

    /// The text of the value at `path` as written in `text` (quotes included).
    pub fn raw<'t>(&self, text: &'t str, path: &str) -> Option<&'t str> {
        let range = self.entries.get(path)?.value.byte.clone()?;
        text.get(range).map(str::trim)
    }

    /// A scalar value of the root mapping, as written.
    pub fn top_scalar(&self, key: &str) -> Option<&str> {
        self.top.get(key).map(String::as_str)
    }

    /// The byte ranges of every scalar value, in no particular order.
    pub fn scalar_ranges(&self) -> impl Iterator<Item = &std::ops::Range<usize>> {
        self.entries
            .values()
            .filter(|e| !e.collection)
            .filter_map(|e| e.value.byte.as_ref())
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

    /// Where a finding about `path` of `file` is reported: [`SpanIndex::locate`] as a location.
    pub fn location(&self, file: &str, path: &str) -> crate::diagnostics::Location {
        let pos = self.locate(path);
        crate::diagnostics::Location {
            file: file.to_string(),
            line: pos.line,
            column: pos.column,
            path: path.to_string(),
            byte: pos.byte,
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
        let idx = SpanIndex::build(DOC, 64, 1000).unwrap();
        assert_eq!(idx.locate("a.b").line, 2);
        assert_eq!(idx.locate("a.b").column, 6);
        assert_eq!(idx.locate("a.list[0]").line, 4);
        assert_eq!(idx.locate("a.list[1].n").line, 6);
        assert_eq!(idx.locate("c").line, 7);
        assert_eq!(idx.len_of("a.list"), 2);
    }

    #[test]
    fn missing_paths_fall_back_to_ancestor_key() {
        let idx = SpanIndex::build(DOC, 64, 1000).unwrap();
        assert_eq!(idx.locate("a.list[1].missing").line, 5);
        assert_eq!(idx.locate("a.nothing").line, 1);
        assert_eq!(idx.locate("zzz").line, 1);
    }

    #[test]
    fn refuses_deep_nesting_and_keeps_top_scalars() {
        let deep = format!("x: {}1{}", "[".repeat(100), "]".repeat(100));
        assert!(matches!(
            SpanIndex::build(&deep, 64, 1000),
            Err(IndexError::TooDeep(_))
        ));
        let idx = SpanIndex::build(
            "programme: moe\nedition: 107\nbasic:\n  programme: no\n",
            64,
            1000,
        )
        .unwrap();
        assert_eq!(idx.top_scalar("programme"), Some("moe"));
        assert_eq!(idx.top_scalar("edition"), Some("107"));
        assert_eq!(idx.top_scalar("basic"), None);
    }

    #[test]
    fn counts_alias_expansion_without_expanding() {
        let mut y = String::from("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g"])
        {
            y.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 9].join(", ")
            ));
        }
        // 9^7 ≈ 4.8 million scalars once expanded.
        assert!(matches!(
            SpanIndex::build(&y, 64, 1_000_000),
            Err(IndexError::TooManyNodes(_))
        ));
        // A few honest aliases are fine.
        assert!(SpanIndex::build("a: &x [1, 2]\nb: *x\nc: *x\n", 64, 1000).is_ok());
    }

    #[test]
    fn a_repeated_key_is_recorded_with_both_lines_and_the_first_value_kept() {
        let idx = SpanIndex::build("a:\n  b: 1\n  c: 2\n  b:\n    x: 3\n", 64, 1000).unwrap();
        let d = idx.duplicates();
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].path.as_str(), d[0].first.line, d[0].again.line),
            ("a.b", 2, 4)
        );
        assert_eq!(idx.locate("a.b").line, 2);
        assert!(!idx.contains("a.b.x"));
    }

    #[test]
    fn parent_paths() {
        assert_eq!(parent_path("a.b[2].c").as_deref(), Some("a.b[2]"));
        assert_eq!(parent_path("a.b[2]").as_deref(), Some("a.b"));
        assert_eq!(parent_path("a").as_deref(), Some(""));
        assert_eq!(parent_path(""), None);
    }
}
