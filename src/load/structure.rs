//! The structural check: the YAML tree against the programme's JSON Schema, every error at
//! once, each at its own line with the field's title from the schema. A value that fails is
//! taken out of the tree (its whole list, for an item of a list, so that the positions of the
//! other items stay true), and the rules then run on what is left; their findings about a
//! removed value are dropped, since the structural error already speaks for it.

use super::spans::{join_key, SpanIndex};
use super::values::{self, Field};
use crate::diagnostics::{Diagnostic, Location, Text};
use jsonschema::error::ValidationErrorKind as K;
use serde_json::{Map, Value};

/// A programme's JSON Schema, compiled once.
pub struct Schema {
    json: Value,
    validator: jsonschema::Validator,
}

impl Schema {
    /// Compiles a schema appbook generated itself (`crate::schema::for_type`); a schema that
    /// does not compile is a bug caught by every test that checks an application.
    pub fn new(json: Value) -> Self {
        let validator = jsonschema::draft202012::new(&json)
            .unwrap_or_else(|e| panic!("appbook's own JSON Schema does not compile: {e}"));
        Schema { json, validator }
    }

    pub fn json(&self) -> &Value {
        &self.json
    }

    /// The schema node of the value at `path` (its definition merged in), if the schema
    /// describes that place.
    pub fn node_at(&self, path: &[Seg]) -> Option<Map<String, Value>> {
        let mut node = self.resolve(&self.json);
        for seg in path {
            let next = match seg {
                Seg::Key(k) => node.get("properties")?.get(k.as_str())?,
                Seg::Index(_) => node.get("items")?,
            };
            node = self.resolve(next);
        }
        Some(node)
    }

    fn resolve(&self, node: &Value) -> Map<String, Value> {
        let mut merged = node.as_object().cloned().unwrap_or_default();
        let def = crate::schema::ref_name(&merged)
            .and_then(|name| self.json.get("$defs")?.get(name))
            .and_then(Value::as_object)
            .cloned();
        for (k, v) in def.into_iter().flatten() {
            merged.entry(k).or_insert(v);
        }
        merged
    }
}

/// One step of a path into the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// `a.b[2].c` as appbook's findings write paths.
pub fn dotted(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => out = join_key(&out, k),
            Seg::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

/// The tree after the structural check: the findings, and what was taken out.
pub struct Checked {
    pub findings: Vec<Diagnostic>,
    /// Paths removed from the tree (dotted); the rules' findings under them are dropped.
    pub removed: Vec<String>,
    /// False when the tree could not be made valid by removing values (its root is wrong).
    pub usable: bool,
}

/// Validates `tree` against `schema`, reports every error and removes each failing value.
pub fn check(
    schema: &Schema,
    tree: &mut Value,
    file: &str,
    text: &str,
    spans: &SpanIndex,
) -> Checked {
    let mut findings = Vec::new();
    let mut removed = Vec::new();
    // Removing a value can only make its parent valid, so a second round finds nothing new;
    // the bound is a guard, not a schedule.
    for round in 0..8 {
        let errors: Vec<(Vec<Seg>, Report)> = schema
            .validator
            .iter_errors(tree)
            .map(|e| {
                let path = segments(e.instance_path());
                let raw = spans.raw(text, &dotted(&path));
                let report = report(schema, &path, e.kind(), e.instance(), raw, &e.to_string());
                (path, report)
            })
            .collect();
        if errors.is_empty() {
            return Checked {
                findings,
                removed,
                usable: true,
            };
        }
        for (path, report) in errors {
            // A rule's "missing" about the key a misspelt one stands for says nothing new.
            if let Report::UnknownKeys(keys) = &report {
                for meant in keys.iter().filter_map(|k| k.3.as_ref()) {
                    if absent(tree, meant) {
                        removed.push(dotted(meant));
                    }
                }
            }
            for (target, at_key, code, message, hint) in report.items(&path) {
                if round == 0 {
                    let d = diagnostic(file, spans, &target, at_key, &code, message, hint);
                    findings.push(d);
                }
                let cut = removable(&target);
                if cut.is_empty() {
                    return Checked {
                        findings,
                        removed,
                        usable: false,
                    };
                }
                remove(tree, &cut);
                removed.push(dotted(&cut));
            }
        }
    }
    Checked {
        findings,
        removed,
        usable: false,
    }
}

/// The place to take out for a failing value: the value itself, or the whole list for an item
/// of a list (taking one item out would shift the positions of the others, and their findings
/// would point at the wrong lines). A key inside an item can go alone.
pub fn removable(path: &[Seg]) -> Vec<Seg> {
    let mut cut = path.to_vec();
    while matches!(cut.last(), Some(Seg::Index(_))) {
        cut.pop();
    }
    cut
}

pub fn remove(tree: &mut Value, path: &[Seg]) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut node = tree;
    for seg in parents {
        let next = match (seg, node) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k.as_str()),
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i),
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => return,
        }
    }
    if let (Seg::Key(k), Value::Object(m)) = (last, node) {
        m.remove(k.as_str());
    }
}

fn segments(location: &jsonschema::paths::Location) -> Vec<Seg> {
    location
        .iter()
        .map(|s| match s {
            jsonschema::paths::LocationSegment::Property(k) => Seg::Key(k.to_string()),
            jsonschema::paths::LocationSegment::Index(i) => Seg::Index(i),
        })
        .collect()
}

fn diagnostic(
    file: &str,
    spans: &SpanIndex,
    path: &[Seg],
    at_key: bool,
    code: &str,
    message: Text,
    hint: Text,
) -> Diagnostic {
    let dotted = dotted(path);
    let mut location = spans.location(file, &dotted);
    if at_key {
        if let Some(key) = spans.get(&dotted).and_then(|e| e.key.clone()) {
            location = Location {
                line: key.line,
                column: key.column,
                byte: key.byte,
                ..location
            };
        }
    }
    Diagnostic::error(code, location, message).with_hint(hint)
}

/// What one validator error says, in appbook's words.
enum Report {
    /// About the value at the error's path.
    Value {
        code: String,
        message: Text,
        hint: Text,
    },
    /// Keys the schema does not know, each with its message and the path of the known key it
    /// stands for, which it explains when that one is missing (a misspelt `emial` the missing
    /// `email`; `employees` indented under `basic.contact` the missing `basic.employees`).
    UnknownKeys(Vec<(String, Text, Text, Option<Vec<Seg>>)>),
}

type Item = (Vec<Seg>, bool, String, Text, Text);

impl Report {
    fn items(self, path: &[Seg]) -> Vec<Item> {
        match self {
            Report::Value {
                code,
                message,
                hint,
            } => vec![(path.to_vec(), false, code, message, hint)],
            Report::UnknownKeys(keys) => keys
                .into_iter()
                .map(|(key, message, hint, _)| {
                    let mut p = path.to_vec();
                    p.push(Seg::Key(key));
                    (p, true, "YAML-UNKNOWN-KEY".to_string(), message, hint)
                })
                .collect(),
        }
    }
}

/// The key and schema node of the value at `path`.
fn place(schema: &Schema, path: &[Seg]) -> (String, Map<String, Value>) {
    let node = schema.node_at(path).unwrap_or_default();
    let key = match path.last() {
        Some(Seg::Key(k)) => k.clone(),
        Some(Seg::Index(i)) => format!("[{i}]"),
        None => String::new(),
    };
    (key, node)
}

/// When `key`, unknown at `path`, is a field of a level above it (`employees` written under
/// `basic.contact`, indented two spaces too far), what to do: the usual hint lists the keys of
/// the level it is on, none of which it meant.
fn belongs_higher(schema: &Schema, path: &[Seg], key: &str) -> Option<(Text, Vec<Seg>)> {
    (0..path.len()).rev().find_map(|depth| {
        let (owner, node) = place(schema, &path[..depth]);
        node.get("properties")?.get(key)?;
        let title = node
            .get("title")
            .and_then(Value::as_str)
            .map(|t| format!("「{t}」"))
            .unwrap_or_default();
        let (zh_owner, en_owner) = if owner.is_empty() {
            ("申請資料的最外層".to_string(), "the top level".to_string())
        } else {
            (format!("{title}（{owner}）"), format!("`{owner}`"))
        };
        let (zh_line, en_line) = match &path[depth] {
            Seg::Key(sibling) => (
                format!("往左移，與 {sibling}: 對齊"),
                format!("move it left, in line with `{sibling}:`"),
            ),
            Seg::Index(_) => (
                "往左移到該層".to_string(),
                "move it left to that level".to_string(),
            ),
        };
        let mut at = path[..depth].to_vec();
        at.push(Seg::Key(key.to_string()));
        Some((
            Text::new(
                format!("{key} 是{zh_owner}的欄位，這一行縮排多了：{zh_line}。"),
                format!(
                    "`{key}` belongs under {en_owner}; this line is indented too far: {en_line}."
                ),
            ),
            at,
        ))
    })
}

/// Whether nothing stands at `path` in `tree`.
fn absent(tree: &Value, path: &[Seg]) -> bool {
    let mut at = tree;
    for seg in path {
        let next = match seg {
            Seg::Key(k) => at.get(k.as_str()),
            Seg::Index(i) => at.get(*i),
        };
        match next {
            Some(v) => at = v,
            None => return true,
        }
    }
    false
}

fn field<'a>(key: &'a str, node: &'a Map<String, Value>) -> Field<'a> {
    Field {
        key,
        title: node
            .get("title")
            .and_then(Value::as_str)
            .map(str::to_string),
        node,
        raw: None,
    }
}

/// What marks a value `appbook init` left for the applicant to fill in: `【請填寫：…】`.
pub const PLACEHOLDER: &str = "【請填寫";

/// APP-PLACEHOLDER for every value that still holds a placeholder; each is taken out of the
/// tree, so a placeholder where a number belongs is reported once, as unfinished.
pub fn placeholders(
    schema: &Schema,
    tree: &mut Value,
    file: &str,
    spans: &SpanIndex,
) -> (Vec<Diagnostic>, Vec<String>) {
    let mut found = Vec::new();
    collect_placeholders(tree, &mut Vec::new(), &mut found);
    let mut findings = Vec::new();
    let mut removed = Vec::new();
    for (path, text) in found {
        let (key, node) = place(schema, &path);
        let (message, hint) = values::placeholder(&field(&key, &node), &text);
        findings.push(diagnostic(
            file,
            spans,
            &path,
            false,
            "APP-PLACEHOLDER",
            message,
            hint,
        ));
        let cut = removable(&path);
        remove(tree, &cut);
        removed.push(dotted(&cut));
    }
    (findings, removed)
}

fn collect_placeholders(v: &Value, at: &mut Vec<Seg>, out: &mut Vec<(Vec<Seg>, String)>) {
    match v {
        Value::String(s) if s.contains(PLACEHOLDER) => out.push((at.clone(), s.clone())),
        Value::Object(m) => {
            for (k, child) in m {
                at.push(Seg::Key(k.clone()));
                collect_placeholders(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(Seg::Index(i));
                collect_placeholders(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

/// A value the schema allows but the model cannot take: a date that is not in the calendar
/// (APP-DATE-INVALID), or, should the two ever part, a plain type error.
pub fn value_error(
    schema: &Schema,
    tree: &Value,
    path: &[Seg],
    file: &str,
    spans: &SpanIndex,
) -> Diagnostic {
    let (key, node) = place(schema, path);
    let f = field(&key, &node);
    let value = path.iter().try_fold(tree, |v, seg| match seg {
        Seg::Key(k) => v.get(k.as_str()),
        Seg::Index(i) => v.get(*i),
    });
    let (code, (message, hint)) = match value {
        Some(v) if f.is_date() => ("APP-DATE-INVALID", values::no_such_date(&f, v)),
        _ => ("YAML-TYPE", values::other(&f, "")),
    };
    diagnostic(file, spans, path, false, code, message, hint)
}

fn report(
    schema: &Schema,
    path: &[Seg],
    kind: &K,
    instance: &Value,
    raw: Option<&str>,
    detail: &str,
) -> Report {
    let (key, node) = place(schema, path);
    let field = Field {
        raw,
        ..field(&key, &node)
    };
    let keyword = kind.keyword();
    let code = node
        .get("x-codes")
        .and_then(|c| c.get(keyword))
        .and_then(Value::as_str)
        .unwrap_or("YAML-TYPE")
        .to_string();
    let (message, hint) = match kind {
        K::AdditionalProperties { unexpected } => {
            let known: Vec<&str> = node
                .get("properties")
                .and_then(Value::as_object)
                .map(|p| p.keys().map(String::as_str).collect())
                .unwrap_or_default();
            return Report::UnknownKeys(
                unexpected
                    .iter()
                    .map(|k| {
                        let (m, mut h) = values::unknown_key(&field, k, &known);
                        let mut meant = values::closest(k, known.iter().copied()).map(|c| {
                            let mut p = path.to_vec();
                            p.push(Seg::Key(c.to_string()));
                            p
                        });
                        if meant.is_none() {
                            if let Some((hint, at)) = belongs_higher(schema, path, k) {
                                h = hint;
                                meant = Some(at);
                            }
                        }
                        (k.clone(), m, h, meant)
                    })
                    .collect(),
            );
        }
        K::Type { .. } => values::wrong_type(&field, instance),
        K::Enum { options } => values::not_a_choice(&field, instance, options),
        K::Minimum { limit } | K::ExclusiveMinimum { limit } => {
            values::out_of_range(&field, instance, limit, true)
        }
        K::Maximum { limit } | K::ExclusiveMaximum { limit } => {
            values::out_of_range(&field, instance, limit, false)
        }
        K::Pattern { .. } => values::bad_pattern(&field, instance),
        K::Required { property } => {
            let missing = property.as_str().unwrap_or_default();
            let title = node
                .get("properties")
                .and_then(|p| p.get(missing))
                .and_then(|p| p.get("title"))
                .and_then(Value::as_str);
            values::missing_key(&field, missing, title)
        }
        K::Constant { expected_value } => values::not_the_constant(&field, expected_value),
        _ => values::other(&field, detail),
    };
    Report::Value {
        code,
        message,
        hint,
    }
}
