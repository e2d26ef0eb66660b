//! The canvas side of [`LayerCache`]: the flow map's background, title and land are drawn once into a second,
//! off-page canvas and copied back on every later frame with one `drawImage` (the `copy` operation replaces every
//! pixel, so the copy is exactly what drawing gives). While a slider moves this saves most of the map's drawing
//! calls and, more, the browser's rasterising of its thousands of border segments at the frame's commit.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

use crate::view::charts::LayerCache;

/// One kept layer: its key, the top its chart draws below, and the canvas holding its pixels.
struct Kept {
    key: u64,
    top: i32,
    canvas: HtmlCanvasElement,
}

/// The layers an explorer keeps (one: the flow map's; a new key replaces it).
#[derive(Default)]
pub(super) struct KeptLayers {
    kept: RefCell<Option<Kept>>,
}

impl KeptLayers {
    /// The cache for drawing onto `target`.
    pub(super) fn on<'a>(&'a self, target: &'a HtmlCanvasElement) -> CanvasLayers<'a> {
        CanvasLayers { layers: self, target }
    }
}

/// [`KeptLayers`] while one canvas is drawn.
pub(super) struct CanvasLayers<'a> {
    layers: &'a KeptLayers,
    target: &'a HtmlCanvasElement,
}

/// A canvas's 2D context (the one plotters draws with: a canvas has only one).
fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into::<CanvasRenderingContext2d>().ok()
}

/// Copy every pixel of `from` onto `to` (same size), replacing what `to` held.
fn copy(from: &HtmlCanvasElement, to: &HtmlCanvasElement) -> bool {
    let Some(context) = context(to) else { return false };
    context.save();
    let copied = context.set_global_composite_operation("copy").is_ok()
        && context.draw_image_with_html_canvas_element(from, 0.0, 0.0).is_ok();
    context.restore();
    copied
}

impl LayerCache for CanvasLayers<'_> {
    fn restore(&self, key: u64) -> Option<i32> {
        let kept = self.layers.kept.borrow();
        // The key includes the size: a canvas resized since is a different key.
        let kept = kept.as_ref().filter(|k| k.key == key)?;
        copy(&kept.canvas, self.target).then_some(kept.top)
    }

    fn keep(&self, key: u64, top: i32) {
        let mut kept = self.layers.kept.borrow_mut();
        let canvas = match kept.take() {
            Some(old) => old.canvas,
            None => {
                let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
                let Some(canvas) =
                    document.create_element("canvas").ok().and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
                else {
                    return;
                };
                canvas
            }
        };
        canvas.set_width(self.target.width());
        canvas.set_height(self.target.height());
        if copy(self.target, &canvas) {
            *kept = Some(Kept { key, top, canvas });
        }
    }
}
