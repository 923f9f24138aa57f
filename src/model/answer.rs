use schemars::JsonSchema;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// A 是/否 answer of the form (rendered ☑/☐). Accepts `是`/`否`, `true`/`false`, `yes`/`no`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum YesNo {
    #[serde(rename = "是")]
    Yes,
    #[serde(rename = "否")]
    No,
}

/// The words read as 是 and as 否; the schema lists exactly these, so an editor and `check`
/// accept the same answers.
const YES: &[&str] = &["是", "yes", "Yes", "YES", "y", "Y"];
const NO: &[&str] = &["否", "no", "No", "NO", "n", "N"];

impl YesNo {
    pub fn is_yes(self) -> bool {
        self == YesNo::Yes
    }
}

impl<'de> Deserialize<'de> for YesNo {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = YesNo;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("是 or 否 (true/false)")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<YesNo, E> {
                Ok(if v { YesNo::Yes } else { YesNo::No })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<YesNo, E> {
                if YES.contains(&v) {
                    Ok(YesNo::Yes)
                } else if NO.contains(&v) {
                    Ok(YesNo::No)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(v), &self))
                }
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for YesNo {
    fn schema_name() -> Cow<'static, str> {
        "YesNo".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let words: Vec<&str> = YES.iter().chain(NO).copied().collect();
        schemars::json_schema!({
            "description": "填「是」或「否」（也接受 true／false、yes／no）。",
            "x-description-en": "是 or 否 (true/false and yes/no also accepted)",
            "type": ["string", "boolean"],
            "enum": words.into_iter().map(serde_json::Value::from)
                .chain([true.into(), false.into()]).collect::<Vec<_>>()
        })
    }
}
