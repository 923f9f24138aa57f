//! Widths of text in the Kai face the book is set in: one em for Chinese characters,
//! punctuation and symbols, and the face's own proportional widths for ASCII. The DOCX writer
//! breaks lines with them (for the 目次's pages), and the book decides with them which web
//! addresses are too long for a line.

/// Advances of the printable ASCII characters (U+0020–U+007E) in TW-Kai, the Kai face that
/// stands in for 標楷體 where it is not installed, in 1/1024 em (its units per em).
const ASCII_ADVANCE: [u16; 95] = [
    512, 511, 512, 1024, 499, 754, 777, 512, 292, 292, 512, 720, 512, 722, 512, 645, 512, 512, 512,
    512, 512, 512, 512, 512, 512, 512, 511, 512, 781, 724, 789, 512, 1000, 546, 521, 488, 512, 509,
    497, 573, 494, 188, 409, 553, 471, 614, 509, 484, 464, 512, 570, 436, 511, 479, 501, 663, 505,
    472, 532, 279, 645, 280, 330, 512, 512, 417, 397, 365, 387, 380, 378, 461, 376, 171, 175, 480,
    173, 579, 365, 387, 383, 389, 326, 331, 354, 385, 442, 575, 471, 502, 378, 293, 226, 293, 412,
];

/// Advance of a character in em.
pub fn advance(c: char) -> f64 {
    match c as u32 {
        0x20..=0x7e => f64::from(ASCII_ADVANCE[c as usize - 0x20]) / 1024.0,
        // Tabs and other controls take no room of their own here, nor do joiners.
        0..=0x1f | 0x200b..=0x200d | 0x2060 | 0xfeff => 0.0,
        _ => 1.0,
    }
}

/// Width of a text in em.
pub fn width(text: &str) -> f64 {
    text.chars().map(advance).sum()
}
