//! Saving a form edit without rewriting the file. The form sends the whole application as JSON;
//! this module compares it with the file's own data and turns each difference into the
//! smallest text edit at the place [`SpanIndex`] knows for its YAML path: a changed value
//! replaces only the bytes of the old value, a removed key takes only its own lines, a new key
//! or list item goes after its last sibling. Comments, key order, quoting and blank lines of
//! everything else are left as they were. The result is read back and must equal what the form
//! sent, or nothing is saved.

use super::order::KeyOrder;
use crate::diagnostics::Text;
use crate::load::{join_key, SpanIndex};
use serde_json::{Map, Value};

/// One difference between the file's data and the form's.
#[derive(Debug, Clone, PartialEq)]
enum Change {
    /// The value at `path` becomes `value` (a key or item that exists in the file).
    Set { path: String, value: Value },
    /// The key or item at `path` goes, with its lines.
    Remove { path: String },
    /// A new key of the mapping at `parent`, or (key None) a new last item of its list.
    Insert {
        parent: String,
        key: Option<String>,
        value: Value,
    },
}

/// The YAML text of `data` (nulls meaning "no value"): `text` with only the differences
/// changed, new keys placed and written in the form's `order`. Fails when the file cannot be
/// read as YAML or an edit would not give `data` back.
pub fn apply(text: &str, data: &Value, order: &KeyOrder) -> Result<String, Text> {
    let wanted = without_nulls(data);
    let mut current = text.to_string();
    let mut old = without_nulls(&parse(&current)?);
    let mut changes = Vec::new();
    diff("", &old, &wanted, order, &mut changes);
    let edit = Edit { order };
    for change in changes {
        let spans = index(&current)?;
        current = edit.apply_one(&current, &spans, &old, change)?;
        old = without_nulls(&parse(&current)?);
    }
    if old != wanted {
        return Err(Text::new(
            "無法只修改變更的欄位而不影響其他內容；請改用 YAML 分頁編輯。",
            "the change cannot be saved without touching other parts of the file; edit it in the YAML tab.",
        ));
    }
    Ok(current)
}

/// The YAML as JSON, under the same budget as `check`.
pub fn parse(text: &str) -> Result<Value, Text> {
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(crate::load::budget());
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::Error;
    serde_saphyr::from_str_with_options::<Value>(text, options).map_err(|e| {
        let first = e.to_string().lines().next().unwrap_or_default().to_string();
        Text::new(
            format!("YAML 無法讀取：{first}"),
            format!("the YAML cannot be read: {first}"),
        )
    })
}

fn index(text: &str) -> Result<SpanIndex, Text> {
    SpanIndex::build(
        text,
        crate::load::MAX_DEPTH,
        crate::load::MAX_EXPANDED_NODES,
    )
    .map_err(|_| {
        Text::new(
            "YAML 無法讀取，未儲存。",
            "the YAML cannot be read; nothing was saved.",
        )
    })
}

/// Null values of mappings stand for "not filled in", as an empty `key:` does in the file.
fn without_nulls(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), without_nulls(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_nulls).collect()),
        other => other.clone(),
    }
}

fn item_path(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

fn diff(path: &str, old: &Value, new: &Value, order: &KeyOrder, out: &mut Vec<Change>) {
    if old == new {
        return;
    }
    match (old, new) {
        (Value::Object(a), Value::Object(b)) if path.is_empty() || !a.is_empty() => {
            for k in a.keys().filter(|k| !b.contains_key(*k)) {
                out.push(Change::Remove {
                    path: join_key(path, k),
                });
            }
            for k in order.sorted(path, b.keys()) {
                let v = &b[k];
                match a.get(k) {
                    Some(o) => diff(&join_key(path, k), o, v, order, out),
                    None => out.push(Change::Insert {
                        parent: path.to_string(),
                        key: Some(k.clone()),
                        value: v.clone(),
                    }),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if !a.is_empty() => {
            for (i, (o, n)) in a.iter().zip(b).enumerate() {
                diff(&item_path(path, i), o, n, order, out);
            }
            for v in b.iter().skip(a.len()) {
                out.push(Change::Insert {
                    parent: path.to_string(),
                    key: None,
                    value: v.clone(),
                });
            }
            // From the end, so that the paths of the items still to go stay right.
            for i in (b.len()..a.len()).rev() {
                out.push(Change::Remove {
                    path: item_path(path, i),
                });
            }
        }
        _ => out.push(Change::Set {
            path: path.to_string(),
            value: new.clone(),
        }),
    }
}

/// The line starts of `text`, and the line (0-based) holding byte `at`.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }

    fn of(&self, at: usize) -> usize {
        self.starts.partition_point(|&s| s <= at) - 1
    }

    fn line(&self, n: usize) -> &'a str {
        let start = self.starts[n];
        let end = self
            .starts
            .get(n + 1)
            .map(|e| e - 1)
            .unwrap_or(self.text.len());
        &self.text[start..end]
    }

    /// The end of line `n`, before its newline.
    fn end(&self, n: usize) -> usize {
        self.starts[n] + self.line(n).len()
    }

    fn count(&self) -> usize {
        self.starts.len()
    }

    /// The last line of the block that starts on line `first` and belongs to an owner at
    /// column `owner` (its key, or the dash of a list item): the lines after it that are
    /// indented deeper, or, for a key whose value is a list, items at the key's own column.
    /// Blank and comment lines count only when more of the block follows them.
    fn block_end(&self, first: usize, owner: Option<usize>, list_value: bool) -> usize {
        let mut last = first;
        for n in first + 1..self.count() {
            let line = self.line(n);
            let body = line.trim_start_matches(' ');
            if body.trim().is_empty() || body.starts_with('#') {
                continue;
            }
            if line.starts_with("---") || line.starts_with("...") {
                break;
            }
            let indent = line.len() - body.len();
            let inside = match owner {
                None => true,
                Some(col) => {
                    indent > col
                        || (list_value && indent == col && (body == "-" || body.starts_with("- ")))
                }
            };
            if !inside {
                break;
            }
            last = n;
        }
        last
    }
}

fn not_editable(path: &str) -> Text {
    Text::new(
        format!("「{path}」的寫法無法由表單修改；請改用 YAML 分頁。"),
        format!("`{path}` is written in a way the form cannot change; use the YAML tab."),
    )
}

/// Where an entry of the file is: the start of what an edit replaces, the column its block
/// hangs from, and whether it is a list item.
struct Place {
    /// Byte where the key (or the item's value) starts.
    start: usize,
    /// The column of the key, or of the item's dash.
    owner: usize,
    /// The key as written, for a mapping entry.
    key: Option<String>,
    /// Line of `start`.
    line: usize,
    /// The last line of the entry's block.
    last: usize,
}

fn place(text: &str, spans: &SpanIndex, path: &str, list_value: bool) -> Result<Place, Text> {
    let entry = spans.get(path).ok_or_else(|| not_editable(path))?;
    let lines = Lines::new(text);
    let (start, owner, key) = match &entry.key {
        Some(k) => {
            let range = k.byte.clone().ok_or_else(|| not_editable(path))?;
            (range.start, k.column - 1, Some(text[range].to_string()))
        }
        None => {
            let start = entry
                .value
                .byte
                .clone()
                .ok_or_else(|| not_editable(path))?
                .start;
            let line = lines.line(lines.of(start));
            let dash = line.len() - line.trim_start_matches(' ').len();
            if !line[dash..].starts_with('-') {
                return Err(not_editable(path));
            }
            (start, dash, None)
        }
    };
    let line = lines.of(start);
    let last = lines.block_end(line, Some(owner), list_value);
    Ok(Place {
        start,
        owner,
        key,
        line,
        last,
    })
}

fn splice(text: &str, range: std::ops::Range<usize>, with: &str) -> String {
    let mut out = String::with_capacity(text.len() + with.len());
    out.push_str(&text[..range.start]);
    out.push_str(with);
    out.push_str(&text[range.end..]);
    out
}

/// The edits of one save; new mappings are written in the form's order.
struct Edit<'o> {
    order: &'o KeyOrder,
}

impl Edit<'_> {
    fn apply_one(
        &self,
        text: &str,
        spans: &SpanIndex,
        old: &Value,
        change: Change,
    ) -> Result<String, Text> {
        match change {
            Change::Set { path, value } => self.set(text, spans, &path, &value),
            Change::Remove { path } => remove(text, spans, &path),
            Change::Insert { parent, key, value } => {
                if let Some(k) = &key {
                    let path = join_key(&parent, k);
                    if spans.contains(&path) {
                        // A key written without a value (`key:`) is there already.
                        return self.set(text, spans, &path, &value);
                    }
                }
                self.insert(text, spans, old, &parent, key.as_deref(), &value)
            }
        }
    }

    fn set(
        &self,
        text: &str,
        spans: &SpanIndex,
        path: &str,
        value: &Value,
    ) -> Result<String, Text> {
        let entry = spans.get(path).ok_or_else(|| not_editable(path))?;
        if !entry.collection && !value.is_object() && !value.is_array() {
            if let Some(range) = entry.value.byte.clone().filter(|r| !r.is_empty()) {
                // Only the value's own bytes: a comment after it on the line stays. A block
                // scalar (`|`, `>`) whose bytes do not read back as expected is written anew
                // below.
                let edited = splice(text, range, &scalar(value));
                let mut expected = parse(text)?;
                if let Some(slot) = lookup_mut(&mut expected, path) {
                    *slot = value.clone();
                }
                if parse(&edited).is_ok_and(|v| without_nulls(&v) == without_nulls(&expected)) {
                    return Ok(edited);
                }
            }
        }
        // A value that was empty, a list or a mapping: the entry is written anew where it was.
        let p = place(text, spans, path, false)?;
        let lines = Lines::new(text);
        let written = match &p.key {
            Some(k) => format!("{k}:{}", self.block(value, p.owner + 2, path)),
            None => self.item(value, p.owner + 2, path),
        };
        Ok(splice(text, p.start..lines.end(p.last), &written))
    }

    /// A new key after the sibling that comes before it in the form (else after the last
    /// one), or a new last item of a list.
    fn insert(
        &self,
        text: &str,
        spans: &SpanIndex,
        old: &Value,
        parent: &str,
        key: Option<&str>,
        value: &Value,
    ) -> Result<String, Text> {
        let current = lookup(old, parent);
        let siblings: Vec<(String, Option<usize>)> = match (current, key) {
            (Some(Value::Object(m)), Some(_)) => m
                .keys()
                .map(|k| (join_key(parent, k), self.order.rank(parent, k)))
                .collect(),
            (Some(Value::Array(a)), None) => {
                (0..a.len()).map(|i| (item_path(parent, i), None)).collect()
            }
            _ => Vec::new(),
        };
        let at_byte = |p: &String| {
            spans
                .get(p)
                .and_then(|e| e.key.as_ref().unwrap_or(&e.value).byte.as_ref())
                .map(|r| r.start)
        };
        let new_rank = key.and_then(|k| self.order.rank(parent, k));
        let before_new = siblings
            .iter()
            .filter(|(_, r)| matches!((r, new_rank), (Some(r), Some(n)) if *r < n))
            .filter_map(|(p, r)| at_byte(p).map(|_| (r, p)))
            .max()
            .map(|(_, p)| p.clone());
        if let (None, Some(k), Some(n)) = (&before_new, key, new_rank) {
            // First in the form: before the first sibling that follows it, on a line of its own.
            let after_new = siblings
                .iter()
                .filter(|(_, r)| r.is_some_and(|r| r > n))
                .filter_map(|(p, r)| at_byte(p).map(|_| (r, p)))
                .min()
                .map(|(_, p)| p.clone());
            if let Some(next) = after_new {
                let p = place(text, spans, &next, false)?;
                let lines = Lines::new(text);
                let line_start = lines.starts[p.line];
                if text[line_start..p.start].trim().is_empty() {
                    let indent = " ".repeat(p.owner);
                    let path = join_key(parent, k);
                    let written = format!(
                        "{indent}{}:{}\n",
                        key_text(k),
                        self.block(value, p.owner + 2, &path)
                    );
                    return Ok(splice(text, line_start..line_start, &written));
                }
            }
        }
        let last = before_new.or_else(|| {
            siblings
                .iter()
                .filter_map(|(p, _)| at_byte(p).map(|b| (b, p)))
                .max()
                .map(|(_, p)| p.clone())
        });
        let Some(last) = last else {
            // No sibling to follow (an empty or missing parent): the parent is written anew.
            let mut whole = current.cloned().unwrap_or(Value::Null);
            match (key, &mut whole) {
                (Some(k), Value::Object(m)) => {
                    m.insert(k.to_string(), value.clone());
                }
                (Some(k), _) => {
                    let mut m = Map::new();
                    m.insert(k.to_string(), value.clone());
                    whole = Value::Object(m);
                }
                (None, Value::Array(a)) => a.push(value.clone()),
                (None, _) => whole = Value::Array(vec![value.clone()]),
            }
            if parent.is_empty() {
                let block = self.block(&whole, 0, parent);
                return Ok(format!("{text}{}\n", block.trim_start_matches('\n')));
            }
            return self.set(text, spans, parent, &whole);
        };
        let list_value = lookup(old, &last).is_some_and(Value::is_array);
        let p = place(text, spans, &last, list_value)?;
        let lines = Lines::new(text);
        let indent = " ".repeat(p.owner);
        let written = match key {
            Some(k) => {
                let path = join_key(parent, k);
                format!(
                    "\n{indent}{}:{}",
                    key_text(k),
                    self.block(value, p.owner + 2, &path)
                )
            }
            None => {
                let path = item_path(parent, siblings.len());
                format!("\n{indent}- {}", self.item(value, p.owner + 2, &path))
            }
        };
        let at = lines.end(p.last);
        Ok(splice(text, at..at, &written))
    }

    /// What follows `key:` for `v` (at `path`), its nested lines indented by `indent`.
    fn block(&self, v: &Value, indent: usize, path: &str) -> String {
        let pad = " ".repeat(indent);
        match v {
            Value::Object(m) if !m.is_empty() => self
                .order
                .sorted(path, m.keys())
                .into_iter()
                .map(|k| {
                    let child = join_key(path, k);
                    format!(
                        "\n{pad}{}:{}",
                        key_text(k),
                        self.block(&m[k], indent + 2, &child)
                    )
                })
                .collect(),
            Value::Array(a) if !a.is_empty() => a
                .iter()
                .enumerate()
                .map(|(i, v)| format!("\n{pad}- {}", self.item(v, indent + 2, &item_path(path, i))))
                .collect(),
            Value::Object(_) => " {}".into(),
            Value::Array(_) => " []".into(),
            other => format!(" {}", scalar(other)),
        }
    }

    /// A list item after its `- `: a mapping's first key on the dash's line, the others below.
    fn item(&self, v: &Value, indent: usize, path: &str) -> String {
        match v {
            Value::Object(m) if !m.is_empty() => self
                .block(v, indent, path)
                .trim_start_matches('\n')
                .trim_start_matches(' ')
                .to_string(),
            Value::Object(_) | Value::Array(_) => v.to_string(),
            other => scalar(other),
        }
    }
}

fn remove(text: &str, spans: &SpanIndex, path: &str) -> Result<String, Text> {
    let list_value = spans.get(path).is_some_and(|e| e.collection);
    let p = place(text, spans, path, list_value)?;
    let lines = Lines::new(text);
    let line_start = lines.starts[p.line];
    let before = &text[line_start..p.start];
    if p.key.is_some() && !before.trim().is_empty() {
        // The first key of a list item (`- author: …`): the item's next key takes its place
        // after the dash; with none, the item is left an empty mapping.
        let next = (p.last + 1..lines.count()).find(|&n| {
            let l = lines.line(n).trim();
            !l.is_empty() && !l.starts_with('#')
        });
        return Ok(match next {
            Some(n)
                if lines.line(n).len() - lines.line(n).trim_start().len() == p.owner
                    && !lines.line(n).trim_start().starts_with('-') =>
            {
                let l = lines.line(n);
                let body = lines.starts[n] + (l.len() - l.trim_start().len());
                splice(text, p.start..body, "")
            }
            _ => splice(text, p.start..lines.end(p.last), "{}"),
        });
    }
    let end = lines.starts.get(p.last + 1).copied().unwrap_or(text.len());
    Ok(splice(text, line_start..end, ""))
}

/// One step of a YAML path: `a.b[2]` is `a`, `b`, `2`.
enum Step<'p> {
    Key(&'p str),
    Index(usize),
}

fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, indexes) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !name.is_empty() {
            out.push(Step::Key(name));
        }
        for ix in indexes.split('[').filter(|s| !s.is_empty()) {
            out.push(Step::Index(ix.trim_end_matches(']').parse().ok()?));
        }
    }
    Some(out)
}

/// The value at a YAML path of the form `a.b[2].c`.
fn lookup<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    steps(path)?.into_iter().try_fold(v, |cur, s| match s {
        Step::Key(k) => cur.get(k),
        Step::Index(i) => cur.get(i),
    })
}

fn lookup_mut<'v>(v: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    steps(path)?.into_iter().try_fold(v, |cur, s| match s {
        Step::Key(k) => cur.get_mut(k),
        Step::Index(i) => cur.get_mut(i),
    })
}

/// A scalar as YAML: plain when it reads back as the same value, else a double-quoted
/// string (JSON's escapes are YAML's).
fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => {
            let plain = !s.is_empty()
                && !s.contains(['\n', '\r', '\t'])
                && s.trim() == s
                && parse(&format!("k: {s}\n"))
                    .ok()
                    .as_ref()
                    .and_then(|d| d.get("k"))
                    == Some(v);
            if plain {
                s.clone()
            } else {
                Value::String(s.clone()).to_string()
            }
        }
        Value::Null => "null".into(),
        other => other.to_string(),
    }
}

fn key_text(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        k.to_string()
    } else {
        Value::String(k.to_string()).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const DOC: &str = "\
# 申請資料
programme: moe-learning-award   # 計畫
basic:
  unit_name: 測試單位 # 全銜
  employees: 120

  contact:
    name: 王小明
evaluation:
  paid:
    answer: 是
    participants: 10   # 人
    description: >
      很長的說明
      第二行
    total_hours: 200
  testimonials:
    - author: 甲
      text: 心得一
    - author: 乙
      text: 心得二
# 結尾註解
";

    fn edit(f: impl FnOnce(&mut Value)) -> String {
        let mut data = parse(DOC).unwrap();
        f(&mut data);
        let out = apply(DOC, &data, &KeyOrder::default()).unwrap();
        assert_eq!(without_nulls(&parse(&out).unwrap()), without_nulls(&data));
        out
    }

    #[test]
    fn a_changed_value_changes_only_its_bytes() {
        let out = edit(|d| d["basic"]["employees"] = json!(152));
        assert_eq!(out, DOC.replace("employees: 120", "employees: 152"));
        let out = edit(|d| d["basic"]["unit_name"] = json!("新: 單位"));
        assert_eq!(
            out,
            DOC.replace("unit_name: 測試單位 #", "unit_name: \"新: 單位\" #")
        );
    }

    #[test]
    fn a_folded_text_is_replaced_whole() {
        let out = edit(|d| d["evaluation"]["paid"]["description"] = json!("短"));
        assert!(
            out.contains("    description: 短\n    total_hours: 200\n"),
            "{out}"
        );
        assert!(out.contains("participants: 10   # 人\n"));
    }

    #[test]
    fn no_removes_the_details_and_keeps_the_rest() {
        let out = edit(|d| {
            let paid = d["evaluation"]["paid"].as_object_mut().unwrap();
            paid.insert("answer".into(), json!("否"));
            paid.remove("participants");
            paid.remove("description");
            paid.remove("total_hours");
        });
        assert!(
            out.contains("evaluation:\n  paid:\n    answer: 否\n  testimonials:"),
            "{out}"
        );
        assert!(out.starts_with("# 申請資料\nprogramme: moe-learning-award   # 計畫\n"));
        assert!(out.ends_with("      text: 心得二\n# 結尾註解\n"));
    }

    #[test]
    fn new_keys_and_items_follow_their_last_sibling() {
        let out = edit(|d| {
            d["evaluation"]["paid"]["extra"] = json!("新的");
            d["basic"]["contact"]["phone"] = json!("02-1234");
            d["evaluation"]["testimonials"]
                .as_array_mut()
                .unwrap()
                .push(json!({"author": "丙", "text": "心得三"}));
        });
        assert!(
            out.contains("    total_hours: 200\n    extra: 新的\n"),
            "{out}"
        );
        assert!(
            out.contains("    name: 王小明\n    phone: 02-1234\n"),
            "{out}"
        );
        assert!(
            out.contains("      text: 心得二\n    - author: 丙\n      text: 心得三\n# 結尾"),
            "{out}"
        );
    }

    #[test]
    fn items_and_first_keys_of_items_are_removed() {
        let out = edit(|d| {
            d["evaluation"]["testimonials"]
                .as_array_mut()
                .unwrap()
                .pop();
        });
        assert!(out.contains("      text: 心得一\n# 結尾註解\n"), "{out}");
        let out = edit(|d| {
            d["evaluation"]["testimonials"][0]
                .as_object_mut()
                .unwrap()
                .remove("author");
        });
        assert!(
            out.contains("    - text: 心得一\n    - author: 乙\n"),
            "{out}"
        );
    }

    #[test]
    fn a_figure_becomes_a_split_and_a_missing_section_appears() {
        let out = edit(|d| d["basic"]["employees"] = json!({"teachers": 20, "staff": 100}));
        assert!(
            out.contains("  employees:\n    staff: 100\n    teachers: 20\n\n  contact:"),
            "{out}"
        );
        let out = edit(|d| d["budget"] = json!({"planned": 1000}));
        assert!(
            out.ends_with("      text: 心得二\nbudget:\n  planned: 1000\n# 結尾註解\n"),
            "{out}"
        );
    }

    #[test]
    fn an_empty_key_gets_its_value_in_place() {
        let doc = "basic:\n  unit_name:\n  employees: 1\n";
        let mut data = parse(doc).unwrap();
        data["basic"]["unit_name"] = json!("單位");
        let out = apply(doc, &data, &KeyOrder::default()).unwrap();
        assert_eq!(out, "basic:\n  unit_name: 單位\n  employees: 1\n");
    }

    #[test]
    fn a_key_comes_back_to_its_place_in_the_form() {
        let mut order = KeyOrder::default();
        order.learn("basic:\n  unit_name:\n  employees:\n  contact:\n    name:\nlist:\n  - kind:\n    title:\n    file:\n");
        let doc = "basic:\n  employees: 1 # 人\n  contact:\n    name: 王\nlist: []\n";
        let mut data = parse(doc).unwrap();
        data["basic"]["unit_name"] = json!("單位");
        data["list"] = json!([{"file": "a.png", "kind": "other", "title": "甲"}]);
        let out = apply(doc, &data, &order).unwrap();
        assert_eq!(
            out,
            "basic:\n  unit_name: 單位\n  employees: 1 # 人\n  contact:\n    name: 王\nlist:\n  - kind: other\n    title: 甲\n    file: a.png\n"
        );
    }
}
