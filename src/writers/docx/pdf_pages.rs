//! A PDF attachment's pages as pictures. Word cannot place a page of a PDF, so for the DOCX to be
//! the whole book each page is rasterised at print resolution and placed as a full-page picture.

use crate::diagnostics::Text;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
use hayro::vello_cpu::Pixmap;
use hayro::{RenderCache, RenderSettings};

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
        let pixmap = hayro::render(
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
        let mut picture = picture(&pixmap).ok_or_else(|| {
            Text::new(
                format!("第 {} 頁無法轉成圖片", n + 1),
                format!("page {} cannot be turned into a picture", n + 1),
            )
        })?;
        drop(pixmap);
        if turn {
            picture = picture.rotate270();
        }
        let (width, height) = (picture.width(), picture.height());
        let mut png = std::io::Cursor::new(Vec::new());
        picture
            .write_to(&mut png, image::ImageFormat::Png)
            .map_err(|e| {
                Text::new(
                    format!("第 {} 頁的圖片無法編碼（{e}）", n + 1),
                    format!("page {}'s picture cannot be encoded ({e})", n + 1),
                )
            })?;
        out.push(PagePicture {
            png: png.into_inner(),
            width,
            height,
        });
    }
    Ok(out)
}

/// A rendered page as the picture the DOCX holds: its pixels unpremultiplied, without the alpha
/// channel (the background is opaque white, so it only adds bytes), and grey when every pixel is
/// (most attachments are black on white: a grey picture is a third of the size, and a page with
/// colour, a red seal, keeps it). The bytes are exactly those of vello's `take_unpremultiplied`
/// followed by image's `to_rgb8` and, for a grey page, `to_luma8` (the tests compare them), made
/// straight from the page's pixels without those steps' full-page copies: a page is 15 MB of
/// pixels, and a book's attachments are rasterised two or more at a time.
fn picture(pixmap: &Pixmap) -> Option<image::DynamicImage> {
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    let pixels = || {
        pixmap
            .data_as_u8_slice()
            .chunks_exact(4)
            .map(|px| unpremultiply([px[0], px[1], px[2]], px[3]))
    };
    if pixels().all(|[r, g, b]| r == g && g == b) {
        // Red, green and blue alike: the luma (image weighs them 0.2126, 0.7152 and 0.0722,
        // which add up to one) is that value.
        let luma = pixels().map(|[v, _, _]| v).collect();
        image::GrayImage::from_raw(w, h, luma).map(image::DynamicImage::ImageLuma8)
    } else {
        let mut rgb = Vec::with_capacity(pixmap.data().len() * 3);
        pixels().for_each(|px| rgb.extend_from_slice(&px));
        image::RgbImage::from_raw(w, h, rgb).map(image::DynamicImage::ImageRgb8)
    }
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
    use super::picture;
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
        let made = picture(&pixmap(pixels, width)).unwrap();
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
