//! The checked-in JSON Schemas speak to the clerks who fill the forms: editors show each
//! `description` on hover, so every one is Traditional Chinese, and its English text stays
//! beside it in `x-description-en` for maintainers and translators. Each label (`title`) has
//! its English beside it in `x-title-en`, which `appbook edit --lang en` shows.

use serde_json::Value;
use std::path::Path;

const PROGRAMMES: &[&str] = &["moe-learning-award", "sme-org-learning"];

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| {
        matches!(c,
            '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
            | '\u{3400}'..='\u{4DBF}'   // extension A
            | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
            | '\u{20000}'..='\u{2FA1F}' // extensions B onwards
        )
    })
}

/// Every object in the schema that carries a `description`, with its JSON pointer.
fn described<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(map) => {
            // A string only: an object named `description` is a property, not a text.
            if map.get("description").is_some_and(Value::is_string) {
                out.push((at.clone(), v));
            }
            for (k, child) in map {
                described(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                described(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_description_is_chinese_with_its_english_beside_it() {
    let mut problems = Vec::new();
    for programme in PROGRAMMES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(format!("{programme}.schema.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut found = Vec::new();
        described(&schema, String::new(), &mut found);
        assert!(
            found.len() > 20,
            "{programme}: only {} descriptions found",
            found.len()
        );
        for (at, node) in found {
            let zh = node["description"].as_str().unwrap_or("");
            if !has_cjk(zh) {
                problems.push(format!(
                    "{programme}{at}: description has no Chinese: {zh:?}"
                ));
            }
            match node.get("x-description-en").and_then(Value::as_str) {
                None => problems.push(format!("{programme}{at}: no x-description-en")),
                Some(en) if !en.chars().any(|c| c.is_ascii_alphabetic()) => {
                    problems.push(format!("{programme}{at}: x-description-en is not English"))
                }
                Some(en) if en == zh => {
                    problems.push(format!("{programme}{at}: both texts are the same"))
                }
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_schema_names_itself_by_a_stable_urn() {
    for programme in PROGRAMMES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(format!("{programme}.schema.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(
            schema["$id"],
            format!("urn:appbook:schema:{programme}"),
            "{}",
            path.display()
        );
    }
}

/// Every object in the schema that carries a `title` (a label), with its JSON pointer.
fn titled<'a>(v: &'a Value, at: String, out: &mut Vec<(String, &'a Value)>) {
    match v {
        Value::Object(map) => {
            if map.get("title").is_some_and(Value::is_string) {
                out.push((at.clone(), v));
            }
            for (k, child) in map {
                titled(child, format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                titled(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_title_has_its_english_beside_it() {
    let mut problems = Vec::new();
    for programme in PROGRAMMES {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("schemas")
            .join(format!("{programme}.schema.json"));
        let schema: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut found = Vec::new();
        titled(&schema, String::new(), &mut found);
        assert!(found.len() > 50, "{programme}: only {} titles", found.len());
        for (at, node) in found {
            let zh = node["title"].as_str().unwrap_or("");
            match node.get("x-title-en").and_then(Value::as_str) {
                None => problems.push(format!("{programme}{at}: {zh} has no x-title-en")),
                Some(en) if !en.chars().any(|c| c.is_ascii_alphabetic()) => problems.push(format!(
                    "{programme}{at}: x-title-en of {zh} is not English: {en}"
                )),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
