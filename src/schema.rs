//! JSON Schema of each programme's YAML, generated from its data model so they cannot drift.

use schemars::JsonSchema;

/// The schema of `T`, identified as `urn:appbook:schema:<id>`: a name that stays the same
/// wherever the project is hosted, where a web address would have to be invented. Editors find
/// the file through the `$schema` line of the application (a relative path), not through `$id`.
pub fn for_type<T: JsonSchema>(id: &str) -> serde_json::Value {
    let settings = schemars::generate::SchemaSettings::draft2020_12();
    let schema = settings.into_generator().into_root_schema_for::<T>();
    let mut v = serde_json::to_value(&schema).expect("schemas serialize");
    if let Some(obj) = v.as_object_mut() {
        obj.insert(
            "$id".into(),
            serde_json::Value::String(format!("urn:appbook:schema:{id}")),
        );
    }
    v
}

/// Pretty JSON with a final newline, the form checked in under schemas/.
pub fn to_text(v: &serde_json::Value) -> String {
    let mut s = serde_json::to_string_pretty(v).expect("JSON values always serialize");
    s.push('\n');
    s
}
