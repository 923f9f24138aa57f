//! The live preview: the book laid out by the same Typst renderer as the PDF, each page drawn
//! as a PNG when the page asks for it. The fonts stay loaded and Typst's memoized work stays
//! warm between edits, and a page whose content did not change keeps its drawing, so a
//! one-field change costs one incremental compile and the pages that changed.

use crate::book::Book;
use crate::diagnostics::Text;
use crate::writers::pdf::fonts::FontOptions;
use crate::writers::pdf::{source_date_epoch, Renderer};
use std::collections::HashMap;
use typst_layout::PagedDocument;

/// Pixels per typographic point: an A4 page becomes 893 × 1263 pixels, sharp enough to read
/// the 14 pt text at the size the page shows it.
const PIXELS_PER_PT: f64 = 1.5;

pub struct Preview {
    renderer: Renderer,
    document: Option<PagedDocument>,
    /// Drawn pages by the hash of their content.
    drawn: HashMap<u128, Vec<u8>>,
}

impl Preview {
    pub fn new(fonts: &FontOptions) -> Result<Self, Text> {
        Ok(Preview {
            renderer: Renderer::new(fonts)?,
            document: None,
            drawn: HashMap::new(),
        })
    }

    pub fn renderer(&self) -> &Renderer {
        &self.renderer
    }

    /// Lays out `book`; the number of pages. On failure the previous pages stay.
    pub fn update(&mut self, book: &Book) -> Result<usize, Text> {
        let document = self.renderer.compile(book, source_date_epoch())?;
        let keep: std::collections::HashSet<u128> =
            document.pages().iter().map(typst::utils::hash128).collect();
        self.drawn.retain(|k, _| keep.contains(k));
        let pages = document.pages().len();
        self.document = Some(document);
        Ok(pages)
    }

    pub fn pages(&self) -> usize {
        self.document.as_ref().map_or(0, |d| d.pages().len())
    }

    /// Page `n` (0-based) as PNG.
    pub fn png(&mut self, n: usize) -> Option<Vec<u8>> {
        let page = self.document.as_ref()?.pages().get(n)?;
        let key = typst::utils::hash128(page);
        if let Some(png) = self.drawn.get(&key) {
            return Some(png.clone());
        }
        let options = typst_render::RenderOptions {
            pixel_per_pt: PIXELS_PER_PT.into(),
            ..Default::default()
        };
        let png = typst_render::render(page, &options).encode_png().ok()?;
        self.drawn.insert(key, png.clone());
        Some(png)
    }
}
