//! The fixed wording of a form edition: a YAML map of key → sentence, each a tera template
//! whose `{{ … }}` are filled with an application's data. Every programme's book builder reads
//! its edition's `book.yaml` through this, so the wording lives with the form, not in Rust.

use std::collections::BTreeMap;

pub struct Strings {
    tera: tera::Tera,
}

impl Strings {
    /// Parses an edition's `book.yaml`. The file is compiled into the program, so a broken one
    /// shows as `[key]` in the book and fails that edition's template test, never a user's run.
    pub fn parse(yaml: &str) -> Strings {
        Self::from_entries(&Self::entries(yaml).unwrap_or_default())
    }

    /// The sentences of a key → template map.
    pub fn from_entries(map: &BTreeMap<String, String>) -> Strings {
        let mut tera = tera::Tera::default();
        // Template names without .html/.xml keep tera from escaping applicants' text.
        let _ = tera.add_raw_templates(map.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        Strings { tera }
    }

    /// The raw key → template map, for tests that walk every sentence.
    pub fn entries(yaml: &str) -> Result<BTreeMap<String, String>, String> {
        serde_saphyr::from_str(yaml).map_err(|e| e.to_string())
    }

    /// The sentence `key` filled with `vars`; values are data, never templates themselves.
    pub fn t(&self, key: &str, vars: &[(&str, &str)]) -> String {
        let mut ctx = tera::Context::new();
        for (k, v) in vars {
            ctx.insert(*k, v);
        }
        self.tera
            .render(key, &ctx)
            .unwrap_or_else(|_| format!("[{key}]"))
    }

    /// Checks that every sentence of `yaml` renders with each of its variables set, so an edition
    /// with a typo fails its test instead of printing `[key]`. Returns the problems found.
    pub fn problems(yaml: &str) -> Vec<String> {
        match Self::entries(yaml) {
            Ok(m) => Self::entry_problems(&m),
            Err(e) => vec![e],
        }
    }

    /// As [`Strings::problems`], for a key → template map.
    pub fn entry_problems(map: &BTreeMap<String, String>) -> Vec<String> {
        Self::from_entries(map).problems_in(map)
    }

    /// As [`Strings::problems`], rendering `map`'s sentences with these compiled ones (made
    /// from the same map), so nothing is compiled twice.
    pub fn problems_in(&self, map: &BTreeMap<String, String>) -> Vec<String> {
        let var = regex::Regex::new(r"\{\{\s*(\w+)\s*\}\}").expect("a valid pattern");
        let mut out = Vec::new();
        for (key, template) in map {
            let names: Vec<String> = var
                .captures_iter(template)
                .map(|c| c[1].to_string())
                .collect();
            let vars: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "X")).collect();
            let text = self.t(key, &vars);
            if text == format!("[{key}]") || text.contains("{{") {
                out.push(format!("{key}: {text}"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_printed_not_evaluated() {
        let s = Strings::parse("lv: \"{{ label }}：{{ value }}\"\n");
        assert_eq!(
            s.t(
                "lv",
                &[
                    ("label", "{{ label }}"),
                    ("value", "{% if x %}y{% endif %}")
                ]
            ),
            "{{ label }}：{% if x %}y{% endif %}"
        );
        assert_eq!(s.t("missing", &[]), "[missing]");
        assert_eq!(Strings::problems("a: \"{{ b \"\n").len(), 1);
    }
}
