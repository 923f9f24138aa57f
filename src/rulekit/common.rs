//! Checks that every programme applies the same way: the contact person's details and the
//! employees' testimonials. Each programme passes its code prefix (`MOE`, `SME`) so findings
//! carry that programme's codes.

use super::context::{join, Context};
use crate::diagnostics::Text;
use crate::model::{Contact, Person, Testimonial};
use crate::text::wordcount::is_unified_ideograph;

/// The codes a programme uses for the shared checks: `{prefix}-REQUIRED`,
/// `{prefix}-CONTACT-FORMAT`, `{prefix}-TESTIMONIALS-MIN`, `{prefix}-TESTIMONIAL-INCOMPLETE`,
/// `{prefix}-TESTIMONIAL-DUPLICATE`.
#[derive(Clone, Copy)]
pub struct Codes {
    pub prefix: &'static str,
}

impl Codes {
    fn code(self, rest: &str) -> String {
        format!("{}-{rest}", self.prefix)
    }
}

pub fn has_text(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// 代表人或負責人: name and title.
pub fn person(ctx: &mut Context, codes: Codes, path: &str, label: &str, p: Option<&Person>) {
    let r = codes.code("REQUIRED");
    match p {
        Some(p) => {
            ctx.required_text(
                &r,
                &join(path, "name"),
                &format!("{label}姓名"),
                p.name.as_ref(),
            );
            ctx.required_text(
                &r,
                &join(path, "title"),
                &format!("{label}職稱"),
                p.title.as_ref(),
            );
        }
        None => ctx.missing(&r, path, label),
    }
}

/// 聯絡人資料: name, title, phone and e-mail are required; a fax, when given, must be a number.
pub fn contact(ctx: &mut Context, codes: Codes, path: &str, c: Option<&Contact>) {
    let r = codes.code("REQUIRED");
    let Some(c) = c else {
        ctx.missing(&r, path, "聯絡人資料");
        return;
    };
    ctx.required_text(&r, &join(path, "name"), "聯絡人姓名", c.name.as_ref());
    ctx.required_text(&r, &join(path, "title"), "聯絡人職稱", c.title.as_ref());
    let phone_path = join(path, "phone");
    if ctx.required_text(&r, &phone_path, "聯絡人電話", c.phone.as_ref()) {
        phone(
            ctx,
            codes,
            &phone_path,
            "電話",
            c.phone.as_deref().unwrap_or(""),
        );
    }
    if let Some(fax) = c.fax.as_deref().filter(|f| !f.trim().is_empty()) {
        phone(ctx, codes, &join(path, "fax"), "傳真", fax);
    }
    let email_path = join(path, "email");
    if ctx.required_text(&r, &email_path, "聯絡人 E-mail", c.email.as_ref()) {
        let email = c.email.as_deref().unwrap_or("").trim();
        if !valid_email(email) {
            ctx.error(
                &codes.code("CONTACT-FORMAT"),
                &email_path,
                Text::new(
                    format!("「{email}」不是有效的 E-mail 地址"),
                    format!("`{email}` is not a valid e-mail address"),
                ),
                half_width_hint(email, valid_email).unwrap_or_else(|| {
                    Text::new(
                        "格式如 name@example.com.tw。",
                        "write it as name@example.com.tw.",
                    )
                }),
            );
        }
    }
}

fn phone(ctx: &mut Context, codes: Codes, path: &str, label: &str, value: &str) {
    let fax = label == "傳真";
    // A fax is a landline; a contact's phone may be a mobile too.
    let valid = |number: &str| {
        matches!(
            (taiwan_number(number), fax),
            (Some(PhoneKind::Landline), _) | (Some(PhoneKind::Mobile), false)
        )
    };
    if !valid(value) {
        ctx.error(
            &codes.code("CONTACT-FORMAT"),
            path,
            Text::new(
                format!("「{value}」不是有效的{label}號碼"),
                format!(
                    "`{value}` is not a valid {} number",
                    if fax { "fax" } else { "phone" }
                ),
            ),
            if let Some(hint) = half_width_hint(value, valid) {
                hint
            } else if fax {
                Text::new(
                    "傳真是含區碼的市話號碼，例如 (02)7736-6399。",
                    "a fax number is a landline with its area code, e.g. (02)7736-6399.",
                )
            } else {
                Text::new(
                    "市話含區碼，例如 (02)7736-6371 分機 123；手機如 0912-345-678。",
                    "a landline with its area code, e.g. (02)7736-6371 ext. 123, or a mobile such as 0912-345-678.",
                )
            },
        );
    }
}

/// A full-width letter, digit or sign (「０」, 「－」, 「＠」) as its ASCII form, and the ideographic
/// space as a space; any other character as it is.
fn ascii_form(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A number or an address typed with a Chinese input method comes out full-width, and is then
/// refused for its characters, not its digits: the hint names them, and gives the value in
/// half-width when that is valid (`valid`).
fn half_width_hint(value: &str, valid: impl Fn(&str) -> bool) -> Option<Text> {
    let wide = value.chars().find(|&c| ascii_form(c) != c)?;
    let half: String = value.chars().map(ascii_form).collect();
    Some(if valid(&half) {
        Text::new(
            format!("含全形字（如「{wide}」）；改用半形（英數輸入）寫成：{half}"),
            format!(
                "it has full-width characters (such as 「{wide}」); type them half-width: {half}"
            ),
        )
    } else {
        Text::new(
            format!("含全形字（如「{wide}」）；請改用半形（英數輸入）再檢查號碼或地址。"),
            format!("it has full-width characters (such as 「{wide}」); type them half-width and check the value again."),
        )
    })
}

#[derive(Debug, PartialEq, Eq)]
pub enum PhoneKind {
    Landline,
    Mobile,
}

/// A Taiwanese number once its extension is set apart: a landline with its area code (0 and
/// 8 or 9 more digits: (02)2930-5100, 049-233-4567, 0800-000-123) or a mobile (09 and 8 more
/// digits). `+886` stands for the leading 0. The extension's digits never count toward the
/// number, so `2930-5100 分機 215` (no area code) is refused.
pub fn taiwan_number(value: &str) -> Option<PhoneKind> {
    let lower = value.to_lowercase();
    let cut = ["分機", "轉", "ext", "#", "x"]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(lower.len());
    let (number, extension) = lower.split_at(cut);
    let extension_ok = extension.is_empty()
        || (extension.chars().any(|c| c.is_ascii_digit())
            && extension
                .chars()
                .all(|c| c.is_ascii_digit() || " .:：分機轉ext#x".contains(c)));
    let number_ok = number
        .chars()
        .all(|c| c.is_ascii_digit() || " ()（）-+.".contains(c));
    if !extension_ok || !number_ok {
        return None;
    }
    let mut digits: String = number.chars().filter(char::is_ascii_digit).collect();
    if number.trim_start().starts_with('+') {
        digits = format!("0{}", digits.strip_prefix("886")?);
    }
    match (digits.strip_prefix('0')?, digits.len()) {
        (rest, 10) if rest.starts_with('9') => Some(PhoneKind::Mobile),
        (rest, 9 | 10) if !rest.starts_with('9') && !rest.starts_with('0') => {
            Some(PhoneKind::Landline)
        }
        _ => None,
    }
}

pub fn valid_email(s: &str) -> bool {
    static RE: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    RE.get_or_init(|| {
        regex::Regex::new(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+$")
            .expect("valid regex")
    })
    .is_match(s)
}

/// What a programme asks of its testimonials.
#[derive(Clone, Copy)]
pub struct TestimonialRule {
    /// At least this many complete, distinct testimonials.
    pub min: usize,
    /// The minimum counts employees, not texts (sme: 「至少提供 2 位員工之心得」), so one author
    /// twice is a duplicate too.
    pub one_per_author: bool,
}

/// Employee testimonials: each has an author and a text, no text (or, under `one_per_author`,
/// no author) comes twice, and at least `rule.min` are complete and distinct. Returns the
/// number of complete, distinct ones.
pub fn testimonials(
    ctx: &mut Context,
    codes: Codes,
    path: &str,
    list: &[Testimonial],
    rule: TestimonialRule,
) -> usize {
    for (i, t) in list.iter().enumerate() {
        let p = format!("{path}[{i}]");
        for (key, label, ok) in [
            ("author", "撰寫人", has_text(&t.author)),
            ("text", "心得內容", has_text(&t.text)),
        ] {
            if !ok {
                ctx.error(
                    &codes.code("TESTIMONIAL-INCOMPLETE"),
                    &join(&p, key),
                    Text::new(
                        format!("第 {} 篇學習心得缺少「{label}」", i + 1),
                        format!("testimonial {} has no 「{label}」 ({key})", i + 1),
                    ),
                    Text::new(
                        "每篇心得都要有撰寫人（姓名或職稱）與內容。",
                        "each testimonial needs an author (name or role) and text.",
                    ),
                );
            }
        }
    }
    let distinct = distinct_testimonials(ctx, codes, path, list, rule.one_per_author);
    let complete = list
        .iter()
        .filter(|t| has_text(&t.author) && has_text(&t.text))
        .count();
    let min = rule.min;
    if distinct < min {
        let more = min - distinct;
        let (dup_zh, dup_en) = if distinct < complete {
            ("（重複的只算一篇）", " (a duplicate counts once)")
        } else {
            ("", "")
        };
        ctx.error(
            &codes.code("TESTIMONIALS-MIN"),
            path,
            Text::new(
                format!("須提供具體員工參與學習心得 {min} 篇以上，目前只有 {distinct} 篇完整{dup_zh}"),
                format!("at least {min} employee testimonials are required; {distinct} complete one(s) given{dup_en}"),
            ),
            more_testimonials(more, list.len() - complete),
        );
    }
    distinct
}

/// What to do for `more` testimonials when `unfinished` of those given lack their author or text
/// (each already reported, a template's placeholders among them): finish those first, since
/// adding new ones beside them (what the hint used to say) leaves the list longer than meant.
fn more_testimonials(more: usize, unfinished: usize) -> Text {
    let add = more.saturating_sub(unfinished);
    match (unfinished.min(more), add) {
        (0, _) => Text::new(
            format!("在 testimonials 再加 {more} 篇，每篇含 author 與 text。"),
            format!("add {more} more under testimonials, each with author and text."),
        ),
        (_, 0) => Text::new(
            format!("補齊已列出但未完成的 {unfinished} 篇（撰寫人與內容，已在各篇標示）即可。"),
            format!("finish the {unfinished} testimonial(s) already listed but incomplete (author and text, each marked)."),
        ),
        (_, add) => Text::new(
            format!("補齊已列出但未完成的 {unfinished} 篇（撰寫人與內容，已在各篇標示），再加 {add} 篇。"),
            format!("finish the {unfinished} testimonial(s) already listed but incomplete (author and text, each marked), and add {add} more."),
        ),
    }
}

/// Reports each complete testimonial that repeats an earlier one, at its own line, and returns
/// how many are left. Incomplete ones are already reported and are not compared.
fn distinct_testimonials(
    ctx: &mut Context,
    codes: Codes,
    path: &str,
    list: &[Testimonial],
    one_per_author: bool,
) -> usize {
    let mut texts: Vec<(String, usize)> = Vec::new();
    let mut authors: Vec<(String, usize)> = Vec::new();
    let mut distinct = 0;
    for (i, t) in list.iter().enumerate() {
        let (Some(author), Some(text)) = (t.author.as_deref(), t.text.as_deref()) else {
            continue;
        };
        if author.trim().is_empty() || text.trim().is_empty() {
            continue;
        }
        let (text_key, author_key) = (comparable(text), comparable(author));
        let p = format!("{path}[{i}]");
        if let Some(&(_, first)) = texts.iter().find(|(k, _)| *k == text_key) {
            ctx.error(
                &codes.code("TESTIMONIAL-DUPLICATE"),
                &join(&p, "text"),
                Text::new(
                    format!("第 {} 篇學習心得的內容與第 {} 篇相同（不計空白與標點），只算一篇", i + 1, first + 1),
                    format!("testimonial {} has the same text as testimonial {} (ignoring spaces and punctuation) and counts once", i + 1, first + 1),
                ),
                Text::new(
                    "每篇心得請由不同員工寫自己的學習經驗；刪除重複的一篇，或換成另一位員工的心得。",
                    "each testimonial is one employee's own experience: remove the copy, or replace it with another employee's.",
                ),
            );
            continue;
        }
        if one_per_author {
            if let Some(&(_, first)) = authors.iter().find(|(k, _)| *k == author_key) {
                ctx.error(
                    &codes.code("TESTIMONIAL-DUPLICATE"),
                    &join(&p, "author"),
                    Text::new(
                        format!("第 {} 篇學習心得的撰寫人「{}」與第 {} 篇相同；心得須來自不同員工，只算一位", i + 1, author.trim(), first + 1),
                        format!("testimonial {} has the same author 「{}」 as testimonial {}; testimonials come from different employees, so it counts once", i + 1, author.trim(), first + 1),
                    ),
                    Text::new(
                        "把同一位員工的心得併成一篇，並加上另一位員工的心得；若是同職稱的兩位員工，請寫上姓名。",
                        "merge one employee's testimonials into one and add another employee's; if two employees share a title, give their names.",
                    ),
                );
                continue;
            }
            authors.push((author_key, i));
        }
        texts.push((text_key, i));
        distinct += 1;
    }
    distinct
}

/// A text as compared for duplicates: only its letters and digits (of any script), full-width
/// ones as ASCII, ASCII letters in lower case, so a copy with other spacing, punctuation or
/// symbols (～, ★, ※: they decorate a text, they do not change it) matches. One pass over the
/// characters: a regex pass and two copies of every testimonial were 4% of a large check.
fn comparable(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().map(ascii_form) {
        // Most of a testimonial is ideographs, all of them letters; the Unicode tables answer
        // for the rest.
        if is_unified_ideograph(c) || c.is_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{comparable, taiwan_number, PhoneKind::*};

    #[test]
    fn texts_compare_without_spaces_punctuation_symbols_or_case() {
        assert_eq!(comparable("Ａｂｃ，　ｄ！★e ～ 學習。"), "abcde學習");
        assert_eq!(comparable("「同仁」※ 很有收穫!!"), "同仁很有收穫");
        assert_eq!(comparable(""), "");
        // Invisible characters (a zero-width space pasted from a web page) do not tell texts
        // apart either; digits of any form are kept.
        assert_eq!(comparable("同仁\u{200B}很好①２3"), "同仁很好①23");
    }

    #[test]
    fn taiwanese_landlines_need_their_area_code_and_mobiles_are_09() {
        for (v, want) in [
            ("(02)2930-5100 分機 215", Some(Landline)),
            ("(049)233-4567 分機 120", Some(Landline)),
            ("(04)755-8123", Some(Landline)),
            ("02-2930-5100#215", Some(Landline)),
            ("+886-2-2930-5100", Some(Landline)),
            ("0800-000-123", Some(Landline)),
            ("0912-345-678", Some(Mobile)),
            ("+886 912 345 678", Some(Mobile)),
            ("（02）7740-7890 轉 12", Some(Landline)),
            // No area code: the extension's digits must not make up for it.
            ("2930-5100 分機 215", None),
            ("27740789", None),
            ("0912-345-67", None),
            ("02-2930-5100 分機", None),
            ("請洽總機", None),
            ("+1 415 555 0100", None),
        ] {
            assert_eq!(taiwan_number(v), want, "{v}");
        }
    }
}
