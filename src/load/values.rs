//! The words of a structural error: what is wrong with a value, said with the field's title
//! from the schema, and how to write it instead. Common slips get their own message: a unit
//! after a number (`85人`), a number in Chinese numerals (`一百二十`), thousands separators
//! (`1,200,000`), a decimal where a count belongs, quotes around a number, a number where
//! text belongs (`04595257` loses its 0).

use crate::diagnostics::Text;
use serde_json::{Map, Value};

/// The field a structural error is about.
pub struct Field<'a> {
    /// The YAML key (`employees`), or `[2]` for an item of a list.
    pub key: &'a str,
    /// The form's label from the schema (`員工總數`).
    pub title: Option<String>,
    /// Its schema node.
    pub node: &'a Map<String, Value>,
    /// The value as written in the file, when it is a scalar.
    pub raw: Option<&'a str>,
}

impl Field<'_> {
    fn zh(&self) -> String {
        match &self.title {
            Some(t) => format!("「{t}」（{}）", self.key),
            None if self.key.is_empty() => "申請資料".to_string(),
            None => format!("「{}」", self.key),
        }
    }

    fn en(&self) -> String {
        match &self.title {
            Some(t) => format!("`{}` ({t})", self.key),
            None if self.key.is_empty() => "the application".to_string(),
            None => format!("`{}`", self.key),
        }
    }

    fn types(&self) -> Vec<&str> {
        match self.node.get("type") {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
        .into_iter()
        .filter(|t| *t != "null")
        .collect()
    }

    pub fn is_date(&self) -> bool {
        self.node.get("$ref").and_then(Value::as_str) == Some("#/$defs/Date")
    }
}

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text::new(zh.into(), en.into())
}

/// A value as the applicant wrote it, for a message.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

const CHINESE_DIGITS: &str = "〇零一二兩三四五六七八九十百千萬億壹貳參肆伍陸柒捌玖拾佰仟";

/// A date written as digits alone (「1020910」): quoting it, what a number where text belongs
/// calls for, would only lead to 「not a date」 next. Said at once, with the dashes put in where
/// the digits read as a 民國 date (7 or 6 digits) or a Western one (8).
fn date_as_number(f: &Field, written: &str) -> (Text, Text) {
    let (zh, en) = (f.zh(), f.en());
    let digits = written.chars().all(|c| c.is_ascii_digit());
    let split = match written.len() {
        6..=8 if digits => {
            let (y, rest) = written.split_at(written.len() - 4);
            let (m, d) = rest.split_at(2);
            let ok = (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
                && (1..=31).contains(&d.parse::<u32>().unwrap_or(0));
            ok.then(|| format!("{}-{m}-{d}", y.trim_start_matches('0')))
        }
        _ => None,
    };
    let example = split.unwrap_or_else(|| "102-09-10".to_string());
    (
        t(
            format!("{zh}要寫成年-月-日，{written} 不是日期"),
            format!("{en} is a date written year-month-day; {written} is not one"),
        ),
        t(
            format!(
                "寫成 {}: {example}（民國或西元年皆可，以 - 或 / 分隔）。",
                f.key
            ),
            format!(
                "write {}: {example} (ROC or Western year, separated by - or /).",
                f.key
            ),
        ),
    )
}

pub fn wrong_type(f: &Field, v: &Value) -> (Text, Text) {
    let types = f.types();
    let (zh, en) = (f.zh(), f.en());
    let wants_number = types.iter().any(|t| matches!(*t, "number" | "integer"));
    let whole = types.contains(&"integer") && !types.contains(&"number");
    match v {
        Value::String(s) if wants_number => text_for_number(f, s.trim(), whole),
        Value::Number(n) if whole && wants_number => (
            t(
                format!("{zh}要填整數，不能有小數（寫的是 {n}）"),
                format!("{en} takes a whole number, not a decimal ({n})"),
            ),
            t(
                format!("寫成整數，例如 {}。", n.as_f64().unwrap_or(0.0).round()),
                format!("write a whole number, e.g. {}.", n.as_f64().unwrap_or(0.0).round()),
            ),
        ),
        Value::Number(_) if f.is_date() => {
            let raw = shown(v);
            date_as_number(f, f.raw.unwrap_or(&raw))
        }
        Value::Number(_) | Value::Bool(_) if types == ["string"] => {
            let raw = shown(v);
            // As written in the file: the tree has lost a leading 0 (04595257 → 4595257).
            let written = f.raw.unwrap_or(&raw);
            let (lost_zh, lost_en) = if written.starts_with('0') {
                ("（開頭的 0 會遺失）", " (its leading 0 would be lost)")
            } else {
                ("", "")
            };
            (
                t(
                    format!("{zh}要填文字，但 {written} 在 YAML 裡是數字或真假值{lost_zh}"),
                    format!("{en} takes text, but {written} is a number or boolean in YAML{lost_en}"),
                ),
                t(
                    format!("加上引號：{}: \"{written}\"，照原樣寫出每個字。", f.key),
                    format!("put it in quotes: {}: \"{written}\", every character as written.", f.key),
                ),
            )
        }
        _ if types.contains(&"object") && !wants_number => (
            t(
                format!("{zh}底下要分欄位填寫（在下一行縮排寫各欄位），不是「{}」", shown(v)),
                format!("{en} holds fields (indented on the lines below), not `{}`", shown(v)),
            ),
            t(
                format!("參考 `appbook init` 的範本，在 {}: 下一行縮排兩格寫各欄位。", f.key),
                format!("see the template `appbook init` writes: the fields go on the lines below {}:, indented two spaces.", f.key),
            ),
        ),
        _ if types == ["array"] => (
            t(
                format!("{zh}是清單：每一項寫在下一行，以「- 」開頭"),
                format!("{en} is a list: one item per line below it, each starting with `- `"),
            ),
            t(
                format!("例如：\n{}:\n  - 第一項\n  - 第二項", f.key),
                format!("for example:\n{}:\n  - first\n  - second", f.key),
            ),
        ),
        _ if types == ["boolean"] => (
            t(
                format!("{zh}填 true 或 false，不是「{}」", shown(v)),
                format!("{en} takes true or false, not `{}`", shown(v)),
            ),
            t("寫 true（是）或 false（否）。", "write true or false."),
        ),
        _ if wants_number => (
            t(
                format!("{zh}要填數字，不是「{}」", shown(v)),
                format!("{en} takes a number, not `{}`", shown(v)),
            ),
            number_hint(f),
        ),
        _ => (
            t(
                format!("{zh}的值型別不符：「{}」", shown(v)),
                format!("{en} has a value of the wrong type: `{}`", shown(v)),
            ),
            t(
                "請對照 `appbook schema` 或 `appbook init` 的範本。",
                "compare with `appbook schema` or the template `appbook init` writes.",
            ),
        ),
    }
}

fn number_hint(f: &Field) -> Text {
    if f.types().contains(&"object") {
        t(
            "只寫阿拉伯數字；學校寫成 {teachers: 教師, staff: 職員工}。",
            "write digits only; a school writes {teachers: n, staff: m}.",
        )
    } else {
        t("只寫阿拉伯數字。", "write digits only.")
    }
}

/// Text where a number belongs: each usual slip with its own words.
fn text_for_number(f: &Field, s: &str, whole: bool) -> (Text, Text) {
    let (zh, en) = (f.zh(), f.en());
    let plain = |n: &str| {
        t(
            format!("寫成 {}: {n}", f.key),
            format!("write {}: {n}", f.key),
        )
    };
    if let Some(n) = without_separators(s) {
        return (
            t(
                format!("{zh}的數字不可加千分位逗號（{s}）"),
                format!("{en} must not have thousands separators ({s})"),
            ),
            plain(&n),
        );
    }
    let number_part: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    if !number_part.is_empty() && number_part.len() == s.len() {
        return (
            t(
                format!("{zh}要填數字，但「{s}」加了引號，成了文字"),
                format!("{en} takes a number, but \"{s}\" is quoted and so is text"),
            ),
            t(
                format!("去掉引號：{}: {s}", f.key),
                format!("remove the quotes: {}: {s}", f.key),
            ),
        );
    }
    if !number_part.is_empty() && number_part.parse::<f64>().is_ok() {
        let unit = s[number_part.len()..].trim();
        let multiplier = unit.starts_with(['十', '百', '千', '萬', '億']);
        return (
            t(
                format!("{zh}只能填數字，「{s}」多了「{unit}」"),
                format!("{en} takes a number only; `{s}` has `{unit}` after it"),
            ),
            if multiplier {
                t(
                    "寫出完整的數字，例如 3.5萬 寫成 35000。",
                    "write the whole number, e.g. 35000 for 3.5萬.",
                )
            } else {
                t(
                    format!("只寫 {number_part}；單位由申請書印出。"),
                    format!("write {number_part} only; the book prints the unit."),
                )
            },
        );
    }
    if let Some(n) = full_width_digits(s) {
        return (
            t(
                format!("{zh}的數字是全形字「{s}」"),
                format!("{en} is written in full-width digits (`{s}`)"),
            ),
            plain(&n),
        );
    }
    if s.chars().any(|c| CHINESE_DIGITS.contains(c)) && !s.chars().any(|c| c.is_ascii_digit()) {
        let example = chinese_number(s)
            .map(|n| n.to_string())
            .unwrap_or_else(|| "120".into());
        return (
            t(
                format!("{zh}要用阿拉伯數字填寫，不能寫國字「{s}」"),
                format!("{en} takes Arabic digits, not Chinese numerals (`{s}`)"),
            ),
            plain(&example),
        );
    }
    let _ = whole;
    (
        t(
            format!("{zh}要填數字，不是「{s}」"),
            format!("{en} takes a number, not `{s}`"),
        ),
        number_hint(f),
    )
}

/// `1,200,000` → `1200000`; None unless the commas group thousands.
fn without_separators(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let int = int.strip_prefix('-').unwrap_or(int);
    let groups: Vec<&str> = int.split([',', '，']).collect();
    let ok = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()))
        && frac.is_none_or(|f| f.bytes().all(|b| b.is_ascii_digit()));
    ok.then(|| s.replace([',', '，'], ""))
}

fn full_width_digits(s: &str) -> Option<String> {
    let out: String = s
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            other => other,
        })
        .collect();
    (out != s && out.parse::<f64>().is_ok()).then_some(out)
}

/// 一百二十 → 120, 一千零五 → 1005, 兩萬三千 → 23000; a unit after it (人, 小時) is ignored.
pub fn chinese_number(s: &str) -> Option<u64> {
    let digit = |c: char| -> Option<u64> {
        Some(match c {
            '〇' | '零' => 0,
            '一' | '壹' => 1,
            '二' | '兩' | '貳' => 2,
            '三' | '參' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陸' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    };
    let (mut total, mut section, mut current, mut seen) = (0u64, 0u64, 0u64, false);
    for c in s.chars() {
        if let Some(d) = digit(c) {
            current = d;
            seen = true;
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '萬' => 10_000,
            '億' => 100_000_000,
            _ => break,
        };
        seen = true;
        if unit >= 10_000 {
            total = total.checked_add((section + current).checked_mul(unit)?)?;
            section = 0;
        } else {
            section += current.max(u64::from(current == 0 && unit == 10)) * unit;
        }
        current = 0;
    }
    seen.then(|| total + section + current)
}

pub fn not_a_choice(f: &Field, v: &Value, options: &Value) -> (Text, Text) {
    let choices: Vec<String> = options
        .as_array()
        .into_iter()
        .flatten()
        .filter(|o| !o.is_null())
        .map(shown)
        .collect();
    let yes_no = choices.iter().any(|c| c == "是");
    let (zh, en) = (f.zh(), f.en());
    if yes_no {
        return (
            t(
                format!("{zh}只能答「是」或「否」，不是「{}」", shown(v)),
                format!("{en} is answered 是 or 否, not `{}`", shown(v)),
            ),
            t(
                "寫 answer: 是 或 answer: 否。",
                "write answer: 是 or answer: 否.",
            ),
        );
    }
    let list = choices.join("、");
    let hint = match closest(&shown(v), choices.iter().map(String::as_str)) {
        Some(c) => t(
            format!("是不是要寫 {c}？可填：{list}。"),
            format!("did you mean {c}? The choices: {}.", choices.join(", ")),
        ),
        None => t(
            format!("可填：{list}。"),
            format!("the choices: {}.", choices.join(", ")),
        ),
    };
    (
        t(
            format!("{zh}不能填「{}」", shown(v)),
            format!("{en} cannot be `{}`", shown(v)),
        ),
        hint,
    )
}

pub fn out_of_range(f: &Field, v: &Value, limit: &Value, low: bool) -> (Text, Text) {
    let (zh, en) = (f.zh(), f.en());
    let max = f.node.get("maximum").map(shown);
    let min = f.node.get("minimum").map(shown);
    if let (Some(min), Some(max)) = (&min, &max) {
        let described = f
            .node
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let described_en = f
            .node
            .get("x-description-en")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        return (
            t(
                format!("{zh}必須是 {min} 到 {max} 其中之一，而不是 {}", shown(v)),
                format!("{en} must be one of {min} to {max}, not {}", shown(v)),
            ),
            t(described, described_en),
        );
    }
    if low && limit.as_f64() == Some(0.0) {
        return (
            t(
                format!("{zh}不可為負數（{}）", shown(v)),
                format!("{en} cannot be negative ({})", shown(v)),
            ),
            t("填寫 0 或正數。", "write 0 or a positive number."),
        );
    }
    let (zh_bound, en_bound) = if low {
        ("小於", "below")
    } else {
        ("大於", "above")
    };
    (
        t(
            format!("{zh}不可{zh_bound} {}（寫的是 {}）", shown(limit), shown(v)),
            format!("{en} cannot be {en_bound} {} ({})", shown(limit), shown(v)),
        ),
        t("核對這個數字。", "check the number."),
    )
}

pub fn bad_pattern(f: &Field, v: &Value) -> (Text, Text) {
    let (zh, en) = (f.zh(), f.en());
    if f.is_date() {
        return (
            t(
                format!("{zh}不是日期：「{}」", shown(v)),
                format!("{en} is not a date: `{}`", shown(v)),
            ),
            t(
                "寫成 民國年-月-日（114-06-20）或 西元年-月-日（2025-06-20）。",
                "write 114-06-20 (ROC year) or 2025-06-20.",
            ),
        );
    }
    (
        t(
            format!("{zh}的格式不符：「{}」", shown(v)),
            format!("{en} is not in the expected form: `{}`", shown(v)),
        ),
        t(
            "請對照 `appbook schema` 中此欄位的說明。",
            "see this field's description in `appbook schema`.",
        ),
    )
}

pub fn placeholder(f: &Field, text: &str) -> (Text, Text) {
    (
        t(
            format!("{}還是範本的預留文字，尚未填寫：{text}", f.zh()),
            format!("{} still holds the template's placeholder: {text}", f.en()),
        ),
        t(
            "把整段【請填寫…】換成申請單位的實際資料；不適用的選填欄位可整行刪除。",
            "replace the whole 【請填寫…】 with the applicant's own data; an optional field that does not apply may be deleted.",
        ),
    )
}

pub fn no_such_date(f: &Field, v: &Value) -> (Text, Text) {
    (
        t(
            format!("{}的「{}」不是日曆上有的日期", f.zh(), shown(v)),
            format!("{} `{}` is not a date on the calendar", f.en(), shown(v)),
        ),
        t(
            "核對月份（1–12）與該月的天數（2 月只有 28 天，閏年 29 天）。",
            "check the month (1–12) and the days of that month (February has 28, 29 in a leap year).",
        ),
    )
}

pub fn missing_key(f: &Field, key: &str, title: Option<&str>) -> (Text, Text) {
    let name = title
        .map(|t| format!("「{t}」（{key}）"))
        .unwrap_or(format!("「{key}」"));
    (
        t(
            format!("{}缺少{name}", f.zh()),
            format!("{} lacks `{key}`", f.en()),
        ),
        t(format!("加上 {key}: …。"), format!("add {key}: ….",)),
    )
}

pub fn not_the_constant(f: &Field, expected: &Value) -> (Text, Text) {
    (
        t(
            format!("{}必須是 {}", f.zh(), shown(expected)),
            format!("{} must be {}", f.en(), shown(expected)),
        ),
        t(
            format!("寫 {}: {}。", f.key, shown(expected)),
            format!("write {}: {}.", f.key, shown(expected)),
        ),
    )
}

pub fn other(f: &Field, detail: &str) -> (Text, Text) {
    (
        t(
            format!("{}的值不符合申請資料的格式", f.zh()),
            format!("{} does not fit the application's schema: {detail}", f.en()),
        ),
        t(
            "請對照 `appbook schema` 中此欄位的說明。",
            "see this field's description in `appbook schema`.",
        ),
    )
}

pub fn unknown_key(f: &Field, key: &str, known: &[&str]) -> (Text, Text) {
    let place = |zh: bool| match (&f.title, f.key.is_empty()) {
        (_, true) => String::new(),
        (Some(t), _) if zh => format!("（在「{t}」之下）"),
        (Some(t), _) => format!(" (under `{}`, {t})", f.key),
        (None, _) if zh => format!("（在「{}」之下）", f.key),
        (None, _) => format!(" (under `{}`)", f.key),
    };
    let message = t(
        format!("不認得的欄位「{key}」{}", place(true)),
        format!("unknown key `{key}`{}", place(false)),
    );
    let hint = match closest(key, known.iter().copied()) {
        Some(c) => {
            let title = f
                .node
                .get("properties")
                .and_then(|p| p.get(c))
                .and_then(|p| p.get("title"))
                .and_then(Value::as_str)
                .map(|t| format!("（{t}）"))
                .unwrap_or_default();
            t(
                format!("是不是要寫 {c}{title}？"),
                format!("did you mean `{c}`?"),
            )
        }
        None => t(
            format!("這裡可用的欄位：{}。", known.join("、")),
            format!("the keys allowed here: {}.", known.join(", ")),
        ),
    };
    (message, hint)
}

/// The known name nearest to a misspelt one, when near enough to be what was meant.
pub fn closest<'a>(typed: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.trim().to_lowercase();
    known
        .map(|k| (strsim::jaro_winkler(&typed, k), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chinese_numerals() {
        assert_eq!(chinese_number("一百二十"), Some(120));
        assert_eq!(chinese_number("一百五十二人"), Some(152));
        assert_eq!(chinese_number("十二"), Some(12));
        assert_eq!(chinese_number("一千零五"), Some(1005));
        assert_eq!(chinese_number("兩萬三千"), Some(23000));
        assert_eq!(chinese_number("人"), None);
    }

    #[test]
    fn recognises_thousands_separators_only_in_groups_of_three() {
        assert_eq!(without_separators("1,200,000").as_deref(), Some("1200000"));
        assert_eq!(without_separators("12,5"), None);
        assert_eq!(without_separators("1200"), None);
    }

    #[test]
    fn suggests_the_nearest_key() {
        assert_eq!(
            closest("fax_number", ["fax", "email", "phone"].into_iter()),
            Some("fax")
        );
        assert_eq!(
            closest("budget", ["fax", "email", "phone"].into_iter()),
            None
        );
        assert_eq!(
            closest("emial", ["fax", "email", "phone"].into_iter()),
            Some("email")
        );
        assert_eq!(
            closest("unit_nmae", ["unit_name", "unit_type"].into_iter()),
            Some("unit_name")
        );
    }
}
