//! Checks that every programme applies the same way: the contact person's details and the
//! employees' testimonials. Each programme passes its code prefix (`MOE`, `SME`) so findings
//! carry that programme's codes.

use super::context::{join, Context};
use crate::diagnostics::Text;
use crate::model::{Contact, Person, Testimonial};

/// The codes a programme uses for the shared checks: `{prefix}-REQUIRED`,
/// `{prefix}-CONTACT-FORMAT`, `{prefix}-TESTIMONIALS-MIN`, `{prefix}-TESTIMONIAL-INCOMPLETE`.
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
                Text::new(
                    "格式如 name@example.com.tw。",
                    "write it as name@example.com.tw.",
                ),
            );
        }
    }
}

fn phone(ctx: &mut Context, codes: Codes, path: &str, label: &str, value: &str) {
    let digits = value.chars().filter(|c| c.is_ascii_digit()).count();
    let allowed = value
        .chars()
        .all(|c| c.is_ascii_digit() || " ()-+#轉分機ext.，,（）".contains(c));
    if digits < 7 || !allowed {
        ctx.error(
            &codes.code("CONTACT-FORMAT"),
            path,
            Text::new(
                format!("「{value}」不是有效的{label}號碼"),
                format!(
                    "`{value}` is not a valid {} number",
                    if label == "傳真" { "fax" } else { "phone" }
                ),
            ),
            Text::new(
                "含區碼，例如 (02)7736-6371 分機 123。",
                "include the area code, e.g. (02)7736-6371 ext. 123.",
            ),
        );
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

/// Employee testimonials: each has an author and a text, and at least `min` are complete.
/// Returns the number of complete ones.
pub fn testimonials(
    ctx: &mut Context,
    codes: Codes,
    path: &str,
    list: &[Testimonial],
    min: usize,
) -> usize {
    let complete = list
        .iter()
        .filter(|t| has_text(&t.author) && has_text(&t.text))
        .count();
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
    if complete < min {
        let more = min - complete;
        ctx.error(
            &codes.code("TESTIMONIALS-MIN"),
            path,
            Text::new(
                format!("須提供具體員工參與學習心得 {min} 篇以上，目前只有 {complete} 篇完整"),
                format!("at least {min} employee testimonials are required; {complete} complete one(s) given"),
            ),
            Text::new(
                format!("在 testimonials 再加 {more} 篇，每篇含 author 與 text。"),
                format!("add {more} more under testimonials, each with author and text."),
            ),
        );
    }
    complete
}
