//! The order of the form. JSON objects (and so the schema and the parsed data) list keys
//! alphabetically, but an application follows its form: `unit_name` before `address`. The
//! order is learnt from YAML texts, the edition's `init` template first (it has every key,
//! in the form's order) and then the file itself; the page lays the form out in it, and a new
//! key is saved where it belongs rather than at the end of its mapping.

use super::save::parse;
use crate::load::{join_key, SpanIndex};
use serde_json::Value;
use std::collections::HashMap;

/// For each mapping, by its path with list indexes left out (`a.b[].c`), its keys in order.
#[derive(Default, Debug)]
pub struct KeyOrder(HashMap<String, Vec<String>>);

/// `a.b[2].c` → `a.b[].c`: every item of a list has the same keys.
pub fn general(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push_str("[]");
            }
            ']' => in_index = false,
            _ if in_index => {}
            _ => out.push(c),
        }
    }
    out
}

impl KeyOrder {
    /// Adds the order of the mappings of `text`; keys already known keep their place.
    pub fn learn(&mut self, text: &str) {
        let (Ok(data), Ok(spans)) = (
            parse(text),
            SpanIndex::build(
                text,
                crate::load::MAX_DEPTH,
                crate::load::MAX_EXPANDED_NODES,
            ),
        ) else {
            return;
        };
        self.walk(&data, "", &spans);
    }

    fn walk(&mut self, v: &Value, path: &str, spans: &SpanIndex) {
        match v {
            Value::Object(m) => {
                let mut keys: Vec<(usize, &String)> = m
                    .keys()
                    .map(|k| {
                        let at = spans
                            .get(&join_key(path, k))
                            .and_then(|e| e.key.as_ref())
                            .and_then(|p| p.byte.as_ref())
                            .map_or(usize::MAX, |r| r.start);
                        (at, k)
                    })
                    .collect();
                keys.sort();
                let known = self.0.entry(general(path)).or_default();
                for (_, k) in &keys {
                    if !known.contains(k) {
                        known.push((*k).clone());
                    }
                }
                for (k, child) in m {
                    self.walk(child, &join_key(path, k), spans);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.walk(item, &format!("{path}[{i}]"), spans);
                }
            }
            _ => {}
        }
    }

    /// The place of `key` in the mapping at `path`; None for a key never seen.
    pub fn rank(&self, path: &str, key: &str) -> Option<usize> {
        self.0.get(&general(path))?.iter().position(|k| k == key)
    }

    /// `keys` of the mapping at `path` in the form's order; unknown keys last, as they were.
    pub fn sorted<'k>(
        &self,
        path: &str,
        keys: impl Iterator<Item = &'k String>,
    ) -> Vec<&'k String> {
        let mut keys: Vec<&String> = keys.collect();
        keys.sort_by_key(|k| self.rank(path, k).unwrap_or(usize::MAX));
        keys
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(&self.0).unwrap_or(Value::Null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_the_order_of_the_text_then_of_others() {
        let mut o = KeyOrder::default();
        o.learn("basic:\n  unit_name: a\n  address: b\nlist:\n  - z: 1\n    a: 2\n");
        o.learn("basic:\n  employees: 3\n  address: b\n");
        assert_eq!(o.rank("basic", "unit_name"), Some(0));
        assert_eq!(o.rank("basic", "address"), Some(1));
        assert_eq!(o.rank("basic", "employees"), Some(2));
        assert_eq!(o.rank("list[5]", "a"), Some(1));
        assert_eq!(general("a.b[12].c[3]"), "a.b[].c[]");
    }
}
