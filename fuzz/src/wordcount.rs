//! The 字數 counter on any text: never more than one per character, nothing for white space,
//! additive across white space (a space ends every run), and never more when two texts are
//! joined than when they are counted apart (joining can only merge runs).

use appbook::text::wordcount::count;

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let n = crate::support::within_budget("counting 字數", 16, || count(&text));
    assert!(
        n <= text.chars().count(),
        "{n} for {} characters",
        text.chars().count()
    );
    let blank: String = text.chars().filter(|c| c.is_whitespace()).collect();
    assert_eq!(count(&blank), 0, "white space counted");
    let mid = data.first().map_or(0, |b| *b as usize) % (text.len() + 1);
    let mid = (0..=mid)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let (a, b) = text.split_at(mid);
    let (ca, cb) = (count(a), count(b));
    assert_eq!(
        count(&format!("{a} {b}")),
        ca + cb,
        "not additive across a space: {a:?} {b:?}"
    );
    assert_eq!(
        count(&format!("{a}\u{3000}{b}")),
        ca + cb,
        "not additive across U+3000"
    );
    assert!(
        count(&text) <= ca + cb,
        "joining {a:?} and {b:?} counts more"
    );
}
