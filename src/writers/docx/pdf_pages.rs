//! A PDF attachment's pages as pictures. Word cannot place a page of a PDF, so for the DOCX to be
//! the whole book each page is rasterised at print resolution and placed as a full-page picture.

use crate::diagnostics::Text;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::Pdf;
use hayro::vello_cpu::color::palette::css::WHITE;
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
        let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
        // Every pixel is touched below only inside the image crate, whose code is optimised
        // in every build profile: a loop over millions of pixels in appbook's own code made a
        // dev build's DOCX forty times slower than its PDF.
        let rgba = bytemuck::cast_slice(&pixmap.take_unpremultiplied()[..]).to_vec();
        let image = image::RgbaImage::from_raw(pw, ph, rgba).ok_or_else(|| {
            Text::new(
                format!("第 {} 頁無法轉成圖片", n + 1),
                format!("page {} cannot be turned into a picture", n + 1),
            )
        })?;
        // The background is opaque white, so the alpha channel only adds bytes.
        let mut rgb =
            image::DynamicImage::ImageRgb8(image::DynamicImage::ImageRgba8(image).to_rgb8());
        if turn {
            rgb = rgb.rotate270();
        }
        let (width, height) = (rgb.width(), rgb.height());
        // Most attachments are black on white: a grey picture is a third of the size, and a
        // page with colour (a red seal) keeps it.
        let picture = if is_grey(rgb.as_bytes()) {
            image::DynamicImage::ImageLuma8(rgb.to_luma8())
        } else {
            rgb
        };
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

/// True when every pixel of RGB bytes has red, green and blue alike. A plain loop over indices:
/// iterator adapters are not optimised in a dev build, and this runs over millions of pixels.
fn is_grey(rgb: &[u8]) -> bool {
    let mut i = 0;
    while i + 2 < rgb.len() {
        if rgb[i] != rgb[i + 1] || rgb[i] != rgb[i + 2] {
            return false;
        }
        i += 3;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::is_grey;

    #[test]
    fn grey_only_when_every_pixel_is() {
        assert!(is_grey(&[0, 0, 0, 255, 255, 255, 17, 17, 17]));
        assert!(!is_grey(&[0, 0, 0, 255, 255, 255, 200, 17, 17]));
        assert!(!is_grey(&[9, 9, 10]));
        assert!(is_grey(&[]));
        // Each byte of each pixel of a row.
        let grey: Vec<u8> = (0..53u8).flat_map(|v| [v, v, v]).collect();
        assert!(is_grey(&grey));
        for i in 0..grey.len() {
            let mut coloured = grey.clone();
            coloured[i] ^= 1;
            assert!(!is_grey(&coloured), "byte {i}");
        }
    }
}
