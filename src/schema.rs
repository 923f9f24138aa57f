//! JSON Schema of each programme's YAML, generated from its data model so they cannot drift.
//!
//! `appbook check` validates every application against this schema before its rules run, and
//! editors validate against the same file, so the generated schema is reshaped for clear
//! messages: an optional field is its own schema with `null` added to its `type` (and `enum`),
//! never "this or null" (`anyOf`), and an enum is an `enum` list, never `oneOf` constants. A
//! validator then says which field is wrong and why, not "not valid under any of the given
//! schemas".

use schemars::JsonSchema;
use serde_json::{Map, Value};

/// The schema of `T`, identified as `urn:appbook:schema:<id>`: a name that stays the same
/// wherever the project is hosted, where a web address would have to be invented. Editors find
/// the file through the `$schema` line of the application (a relative path), not through `$id`.
pub fn for_type<T: JsonSchema>(id: &str) -> Value {
    let settings = schemars::generate::SchemaSettings::draft2020_12();
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut v = serde_json::to_value(&schema).expect("schemas serialize");
    reshape(&mut v);
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "$id".into(),
            Value::String(format!("urn:appbook:schema:{id}")),
        );
    }
    v
}

/// Pretty JSON with a final newline, the form checked in under schemas/.
pub fn to_text(v: &Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values always serialize");
    s.push('\n');
    s
}

/// The name of the definition a `$ref` points at (`#/$defs/Basic` → `Basic`).
pub fn ref_name(node: &Map<String, Value>) -> Option<&str> {
    node.get("$ref")?.as_str()?.strip_prefix("#/$defs/")
}

/// Moves each definition's `type` and `enum` to the places that refer to it, so that a place
/// where the value is optional adds `null` to them instead of wrapping the reference in
/// `anyOf`.
fn reshape(root: &mut Value) {
    let mut kinds: Map<String, Value> = Map::new();
    if let Some(defs) = root.get_mut("$defs").and_then(Value::as_object_mut) {
        for (name, def) in defs.iter_mut() {
            let Some(def) = def.as_object_mut() else {
                continue;
            };
            constants_to_enum(def);
            let mut kind = Map::new();
            for key in ["type", "enum"] {
                if let Some(v) = def.remove(key) {
                    kind.insert(key.into(), v);
                }
            }
            kinds.insert(name.clone(), Value::Object(kind));
        }
    }
    rewrite_sites(root, &kinds);
}

/// `oneOf: [{const: a, description: …}, …]` → `enum: [a, …]`, with the descriptions kept in
/// `enumDescriptions` (which editors show beside each choice).
fn constants_to_enum(def: &mut Map<String, Value>) {
    let Some(Value::Array(alternatives)) = def.get("oneOf") else {
        return;
    };
    if !alternatives.iter().all(|a| a.get("const").is_some()) {
        return;
    }
    let text = |key: &str| -> Vec<Value> {
        alternatives
            .iter()
            .map(|a| a.get(key).cloned().unwrap_or(Value::String(String::new())))
            .collect()
    };
    let values: Vec<Value> = alternatives.iter().map(|a| a["const"].clone()).collect();
    let (zh, en) = (text("description"), text("x-description-en"));
    def.remove("oneOf");
    def.insert("type".into(), Value::String("string".into()));
    def.insert("enum".into(), Value::Array(values));
    def.insert("enumDescriptions".into(), Value::Array(zh));
    def.insert("x-enum-descriptions-en".into(), Value::Array(en));
}

fn rewrite_sites(v: &mut Value, kinds: &Map<String, Value>) {
    match v {
        Value::Object(node) => {
            let nullable = unwrap_optional(node);
            if let Some(kind) = ref_name(node).and_then(|r| kinds.get(r)) {
                for (key, value) in kind.as_object().into_iter().flatten() {
                    node.insert(key.clone(), value.clone());
                }
            }
            if nullable {
                add_null(node);
            }
            for child in node.values_mut() {
                rewrite_sites(child, kinds);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| rewrite_sites(c, kinds)),
        _ => {}
    }
}

/// `anyOf: [S, {type: null}]` → S's keys merged into the node; true when it was one.
fn unwrap_optional(node: &mut Map<String, Value>) -> bool {
    let Some(Value::Array(alternatives)) = node.get("anyOf") else {
        return false;
    };
    let is_null = |a: &Value| a.get("type") == Some(&Value::String("null".into()));
    if alternatives.len() != 2 || !alternatives.iter().any(is_null) {
        return false;
    }
    let Some(Value::Object(inner)) = alternatives.iter().find(|a| !is_null(a)).cloned() else {
        return false;
    };
    node.remove("anyOf");
    for (key, value) in inner {
        node.entry(key).or_insert(value);
    }
    true
}

fn add_null(node: &mut Map<String, Value>) {
    match node.get_mut("type") {
        Some(Value::String(t)) if t != "null" => {
            let t = std::mem::take(t);
            node.insert("type".into(), serde_json::json!([t, "null"]));
        }
        Some(Value::Array(types)) if !types.contains(&Value::from("null")) => {
            types.push(Value::from("null"))
        }
        _ => {}
    }
    if let Some(Value::Array(values)) = node.get_mut("enum") {
        if !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_optional_reference_gets_null_in_its_type_instead_of_any_of() {
        let mut v = json!({
            "type": "object",
            "properties": {
                "basic": {"anyOf": [{"$ref": "#/$defs/Basic"}, {"type": "null"}], "title": "壹"},
                "items": {"type": "array", "items": {"$ref": "#/$defs/Basic"}},
                "kind": {"anyOf": [{"$ref": "#/$defs/Kind"}, {"type": "null"}]}
            },
            "$defs": {
                "Basic": {"type": "object", "properties": {"a": {"type": "string"}}},
                "Kind": {"oneOf": [
                    {"const": "a", "type": "string", "description": "甲", "x-description-en": "A"},
                    {"const": "b", "type": "string", "description": "乙", "x-description-en": "B"}
                ]}
            }
        });
        reshape(&mut v);
        let p = &v["properties"];
        assert_eq!(p["basic"]["type"], json!(["object", "null"]));
        assert_eq!(p["basic"]["$ref"], "#/$defs/Basic");
        assert_eq!(p["basic"]["title"], "壹");
        assert!(p["basic"].get("anyOf").is_none());
        assert_eq!(p["items"]["items"]["type"], "object");
        assert_eq!(p["kind"]["enum"], json!(["a", "b", null]));
        assert_eq!(v["$defs"]["Kind"]["enumDescriptions"], json!(["甲", "乙"]));
        assert!(v["$defs"]["Basic"].get("type").is_none());
    }
}
