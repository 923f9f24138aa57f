use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// Which employees a figure is about. Schools report 教師 and 職員工 separately (SPEC §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    All,
    Teachers,
    Staff,
}

impl Group {
    pub fn zh(self) -> &'static str {
        match self {
            Group::All => "全體",
            Group::Teachers => "教師",
            Group::Staff => "職員工",
        }
    }

    /// The YAML key of this group inside a split figure.
    pub fn key(self) -> &'static str {
        match self {
            Group::All => "",
            Group::Teachers => "teachers",
            Group::Staff => "staff",
        }
    }
}

/// A number that is either one total (`120`) or, for a school, split into teachers and staff
/// (`{teachers: 80, staff: 40}`), whose sum is the total.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Figure {
    Total(f64),
    Split { teachers: f64, staff: f64 },
}

impl Figure {
    pub fn total(&self) -> f64 {
        match *self {
            Figure::Total(v) => v,
            Figure::Split { teachers, staff } => teachers + staff,
        }
    }

    pub fn is_split(&self) -> bool {
        matches!(self, Figure::Split { .. })
    }

    pub fn get(&self, g: Group) -> Option<f64> {
        match (*self, g) {
            (_, Group::All) => Some(self.total()),
            (Figure::Split { teachers, .. }, Group::Teachers) => Some(teachers),
            (Figure::Split { staff, .. }, Group::Staff) => Some(staff),
            _ => None,
        }
    }

    /// Each written number with the YAML sub-key it sits under ("" for a plain total).
    pub fn parts(&self) -> Vec<(&'static str, f64)> {
        match *self {
            Figure::Total(v) => vec![("", v)],
            Figure::Split { teachers, staff } => vec![("teachers", teachers), ("staff", staff)],
        }
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Figure;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number, or {teachers: number, staff: number} for a school")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure::Total(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure::Total(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                if v.is_finite() {
                    Ok(Figure::Total(v))
                } else {
                    Err(E::invalid_value(de::Unexpected::Float(v), &self))
                }
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Figure, A::Error> {
                let (mut teachers, mut staff) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "teachers" => teachers = Some(map.next_value::<Number>()?.0),
                        "staff" => staff = Some(map.next_value::<Number>()?.0),
                        other => {
                            return Err(de::Error::unknown_field(other, &["teachers", "staff"]))
                        }
                    }
                }
                match (teachers, staff) {
                    (Some(teachers), Some(staff)) => Ok(Figure::Split { teachers, staff }),
                    (None, _) => Err(de::Error::missing_field("teachers")),
                    (_, None) => Err(de::Error::missing_field("staff")),
                }
            }
        }
        d.deserialize_any(V)
    }
}

struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        if v.is_finite() {
            Ok(Number(v))
        } else {
            Err(de::Error::custom("the number must be finite"))
        }
    }
}

impl JsonSchema for Figure {
    fn schema_name() -> Cow<'static, str> {
        "Figure".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // One node for both shapes (no `oneOf`), so a validator names the field and the kind
        // of value it wants; `properties` and `required` constrain only the object form.
        schemars::json_schema!({
            "description": "填一個數字；學校分教師與職員工填寫：{teachers: 教師數, staff: 職員工數}。",
            "x-description-en": "a number; a school writes {teachers: n, staff: m} (教師／職員工)",
            "type": ["number", "object"],
            "minimum": 0,
            "x-codes": { "minimum": "MOE-NEGATIVE" },
            "properties": {
                "teachers": { "type": "number", "minimum": 0, "title": "教師", "x-title-en": "Teachers", "x-codes": { "minimum": "MOE-NEGATIVE" } },
                "staff": { "type": "number", "minimum": 0, "title": "職員工", "x-title-en": "Staff", "x-codes": { "minimum": "MOE-NEGATIVE" } }
            },
            "required": ["teachers", "staff"],
            "additionalProperties": false
        })
    }
}
