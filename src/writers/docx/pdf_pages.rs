//! A PDF attachment's pages as pictures. Word cannot place a page of a PDF, so for the DOCX to be
//! the whole book each page is rasterised at print resolution and placed as a full-page picture.

use crate::diagnostics::Text;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::{RenderCache, RenderSettings};
use image::ImageEncoder;

/// Resolution of the pictures: enough for text to print sharply at the size it is placed.
pub const DPI: f32 = 200.0;

/// No side of a picture is longer than an A4 page's height at [`DPI`], whatever size the PDF's
/// page claims: it is printed at most that large, and a poster-sized page must not take
/// gigabytes of memory.
const MAX_SIDE: f32 = 297.0 / 25.4 * DPI;

/// One page, as a PNG with its size in pixels, turned a quarter when that prints it larger.
pub struct PagePicture {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// The pages of the PDF `bytes`, each fitted into a `box_w` × `box_h` area (any unit, only the
/// ratio counts): a landscape page is turned onto the portrait area when that makes it larger.
pub fn rasterise(bytes: Vec<u8>, box_w: f32, box_h: f32) -> Result<Vec<PagePicture>, Text> {
    let pdf = Pdf::new(bytes).map_err(|_| {
        Text::new(
            "PDF 無法開啟，頁面無法轉成圖片",
            "the PDF cannot be opened to turn its pages into pictures",
        )
    })?;
    let cache = RenderCache::new();
    let settings = InterpreterSettings::default();
    let mut out = Vec::new();
    for (n, page) in pdf.pages().iter().enumerate() {
        let (w, h) = page.render_dimensions();
        if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
            return Err(Text::new(
                format!("第 {} 頁沒有有效的尺寸", n + 1),
                format!("page {} has no valid size", n + 1),
            ));
        }
        let upright = (box_w / w).min(box_h / h);
        let turned = (box_w / h).min(box_h / w);
        let turn = w > h && turned > upright;
        let scale = (DPI / 72.0).min(MAX_SIDE / w.max(h));
        let mut pixmap = hayro::render(
            page,
            &cache,
            &settings,
            &RenderSettings {
                x_scale: scale,
                y_scale: scale,
                bg_color: WHITE,
                ..Default::default()
            },
        );
        let (width, height) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        let kind = picture_in_place(pixmap.data_as_u8_slice_mut());
        let bytes = &pixmap.data_as_u8_slice()[..kind.len(width, height)];
        let cannot_encode = |e: image::ImageError| {
            Text::new(
                format!("第 {} 頁的圖片無法編碼（{e}）", n + 1),
                format!("page {}'s picture cannot be encoded ({e})", n + 1),
            )
        };
        let mut png = Vec::new();
        let (width, height) = if turn {
            // Rare (a landscape page on a portrait book): turned as an image, a copy.
            let picture = kind
                .image(bytes.to_vec(), width, height)
                .ok_or_else(|| {
                    Text::new(
                        format!("第 {} 頁無法轉成圖片", n + 1),
                        format!("page {} cannot be turned into a picture", n + 1),
                    )
                })?
                .rotate270();
            picture
                .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
                .map_err(cannot_encode)?;
            (picture.width(), picture.height())
        } else {
            // The encoder `DynamicImage::write_to` uses, with its defaults: the same bytes.
            image::codecs::png::PngEncoder::new(&mut png)
                .write_image(bytes, width, height, kind.colour())
                .map_err(cannot_encode)?;
            (width, height)
        };
        drop(pixmap);
        out.push(PagePicture { png, width, height });
    }
    Ok(out)
}

/// The colours a page's picture needs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Grey,
    Rgb,
}

impl Kind {
    fn channels(self) -> usize {
        match self {
            Kind::Grey => 1,
            Kind::Rgb => 3,
        }
    }

    /// Bytes of a `width` × `height` picture of this kind.
    fn len(self, width: u32, height: u32) -> usize {
        width as usize * height as usize * self.channels()
    }

    fn colour(self) -> image::ExtendedColorType {
        match self {
            Kind::Grey => image::ExtendedColorType::L8,
            Kind::Rgb => image::ExtendedColorType::Rgb8,
        }
    }

    /// None when `bytes` is not a `width` × `height` picture of this kind.
    fn image(self, bytes: Vec<u8>, width: u32, height: u32) -> Option<image::DynamicImage> {
        match self {
            Kind::Grey => image::GrayImage::from_raw(width, height, bytes).map(Into::into),
            Kind::Rgb => image::RgbImage::from_raw(width, height, bytes).map(Into::into),
        }
    }
}

/// A rendered page turned, in its own buffer, into the picture the DOCX holds: its pixels
/// unpremultiplied, without the alpha channel (the background is opaque white, so it only adds
/// bytes), and grey when every pixel is (most attachments are black on white: a grey picture is
/// a third of the size, and a page with colour, a red seal, keeps it). The picture is the
/// buffer's first [`Kind::len`] bytes, exactly those of vello's `take_unpremultiplied` followed by
/// image's `to_rgb8` and, for a grey page, `to_luma8` (the tests compare them). Made in place,
/// a page's picture needs no second buffer (a page is 15 MB of pixels, and a book's attachments
/// are rasterised two or more at a time), and the usual page, opaque and grey, is read in blocks
/// the compiler turns into vector code.
fn picture_in_place(rgba: &mut [u8]) -> Kind {
    let mut grey = true;
    let (blocks, rest) = rgba.as_chunks_mut::<BLOCK>();
    for block in blocks {
        if !opaque_grey(block) {
            grey &= unpremultiply_all(block);
        }
    }
    grey &= unpremultiply_all(rest);
    if grey {
        // Red, green and blue alike: the luma (image weighs them 0.2126, 0.7152 and 0.0722,
        // which add up to one) is that value, the first byte.
        compact::<1>(rgba);
        Kind::Grey
    } else {
        compact::<3>(rgba);
        Kind::Rgb
    }
}

/// Keeps the first `N` bytes of every RGBA pixel, packed at the front of `rgba`: pixel i's
/// bytes go to i × N, never past pixels still to be read, and a block is copied out before it
/// is written.
fn compact<const N: usize>(rgba: &mut [u8]) {
    let pixels = rgba.len() / 4;
    let whole = pixels / PER_BLOCK * PER_BLOCK;
    let mut block = [0u8; BLOCK];
    for start in (0..whole).step_by(PER_BLOCK) {
        block.copy_from_slice(&rgba[start * 4..start * 4 + BLOCK]);
        let out = &mut rgba[start * N..(start + PER_BLOCK) * N];
        for (kept, px) in out
            .as_chunks_mut::<N>()
            .0
            .iter_mut()
            .zip(block.as_chunks::<4>().0)
        {
            kept.copy_from_slice(&px[..N]);
        }
    }
    for i in whole..pixels {
        rgba.copy_within(i * 4..i * 4 + N, i * N);
    }
}

/// Pixels per block of [`picture_in_place`], and the block's bytes.
const PER_BLOCK: usize = 32;
const BLOCK: usize = 4 * PER_BLOCK;

/// Whether every pixel of the block is opaque with red, green and blue alike: one word per
/// pixel, whose bits that break the rule are gathered into one, so the loop is vector code.
fn opaque_grey(block: &[u8; BLOCK]) -> bool {
    let mut off = 0u32;
    for px in block.as_chunks::<4>().0 {
        let v = u32::from_le_bytes(*px);
        // Bytes 0 and 1, and 1 and 2, alike; byte 3 (alpha) all ones.
        off |= ((v ^ (v >> 8)) & 0xffff) | (!v & 0xff00_0000);
    }
    off == 0
}

/// Unpremultiplies every pixel of `rgba` in place; whether all of them are grey.
fn unpremultiply_all(rgba: &mut [u8]) -> bool {
    let mut grey = true;
    for px in rgba.chunks_exact_mut(4) {
        let [r, g, b] = unpremultiply([px[0], px[1], px[2]], px[3]);
        px[..3].copy_from_slice(&[r, g, b]);
        grey &= r == g && g == b;
    }
    grey
}

/// vello's unpremultiplication of one pixel (`Pixmap::take_unpremultiplied`), to the bit. Every
/// pixel of a page on a white background is opaque, where it changes nothing.
fn unpremultiply(rgb: [u8; 3], a: u8) -> [u8; 3] {
    if a == 255 || a == 0 {
        return rgb;
    }
    let alpha = 255.0 / f32::from(a);
    // The same rounding as vello's: a float product plus one half, truncated (saturating).
    rgb.map(|c| (f32::from(c) * alpha + 0.5) as u8)
}

#[cfg(test)]
mod tests {
    use super::picture_in_place;
    use hayro::vello_cpu::color::PremulRgba8;
    use hayro::vello_cpu::Pixmap;

    /// The picture as it was made before [`picture`]: vello unpremultiplies, image drops the
    /// alpha channel and, when every pixel is grey, converts to luma.
    fn reference(pixmap: Pixmap) -> image::DynamicImage {
        let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        let rgba: Vec<u8> = pixmap
            .take_unpremultiplied()
            .iter()
            .flat_map(|p| [p.r, p.g, p.b, p.a])
            .collect();
        let rgb = image::DynamicImage::ImageRgba8(image::RgbaImage::from_raw(w, h, rgba).unwrap())
            .to_rgb8();
        let grey = rgb.pixels().all(|p| p[0] == p[1] && p[1] == p[2]);
        let rgb = image::DynamicImage::ImageRgb8(rgb);
        if grey {
            image::DynamicImage::ImageLuma8(rgb.to_luma8())
        } else {
            rgb
        }
    }

    fn pixmap(pixels: &[[u8; 4]], width: u16) -> Pixmap {
        let data = pixels
            .iter()
            .map(|&[r, g, b, a]| PremulRgba8 { r, g, b, a })
            .collect();
        Pixmap::from_parts(data, width, (pixels.len() / usize::from(width)) as u16)
    }

    fn same(pixels: &[[u8; 4]], width: u16) -> image::DynamicImage {
        let (w, h) = (u32::from(width), (pixels.len() / usize::from(width)) as u32);
        let mut page = pixmap(pixels, width);
        let kind = picture_in_place(page.data_as_u8_slice_mut());
        let made = kind
            .image(page.data_as_u8_slice()[..kind.len(w, h)].to_vec(), w, h)
            .unwrap();
        let expected = reference(pixmap(pixels, width));
        assert_eq!(made.color(), expected.color());
        assert_eq!(
            (made.width(), made.height()),
            (expected.width(), expected.height())
        );
        assert_eq!(made.as_bytes(), expected.as_bytes());
        made
    }

    #[test]
    fn grey_page_is_luma_with_every_value() {
        let grey: Vec<[u8; 4]> = (0..=255u8).map(|v| [v, v, v, 255]).collect();
        let made = same(&grey, 16);
        assert_eq!(made.color(), image::ColorType::L8);
        assert_eq!(made.as_bytes(), (0..=255u8).collect::<Vec<_>>());
    }

    #[test]
    fn one_coloured_byte_keeps_rgb() {
        let grey: Vec<[u8; 4]> = (0..64u8).map(|v| [v, v, v, 255]).collect();
        for i in 0..grey.len() {
            for c in 0..3 {
                let mut coloured = grey.clone();
                coloured[i][c] ^= 1;
                assert_eq!(
                    same(&coloured, 8).color(),
                    image::ColorType::Rgb8,
                    "{i} {c}"
                );
            }
        }
    }

    #[test]
    fn pages_that_are_no_whole_number_of_blocks() {
        // 37 and 75 pixels: a block of 32 and a remainder, two blocks and a remainder.
        for len in [1usize, 31, 37, 75] {
            let grey: Vec<[u8; 4]> = (0..len).map(|i| [i as u8, i as u8, i as u8, 255]).collect();
            assert_eq!(same(&grey, 1).color(), image::ColorType::L8);
            let mut last = grey.clone();
            last[len - 1][2] = 7;
            assert_eq!(same(&last, 1).color(), image::ColorType::Rgb8);
            let mut translucent = grey;
            translucent[len - 1] = [3, 3, 3, 9];
            assert_eq!(same(&translucent, 1).color(), image::ColorType::L8);
        }
    }

    #[test]
    fn translucent_pixels_unpremultiplied_as_vello_does() {
        // Premultiplied: no component above its alpha.
        let pixels: Vec<[u8; 4]> = (0..=255u8)
            .flat_map(|a| [0, a / 3, a / 2, a].map(|c| [c, a.saturating_sub(c / 2), c / 4 * 3, a]))
            .collect();
        same(&pixels, 32);
        let grey: Vec<[u8; 4]> = (0..=255u8).map(|a| [a / 2, a / 2, a / 2, a]).collect();
        assert_eq!(same(&grey, 16).color(), image::ColorType::L8);
    }
}
