//! plotters-canvas's backend with the canvas state remembered: it draws lines, paths and circles as plotters-canvas
//! does, and fills and text with the same canvas calls, but sets the fill colour, font, alignment and baseline only
//! when they change (plotters-canvas sets all four, as freshly formatted strings, for every text and fill). A
//! slider's drag redraws the flow map every frame; its 14 texts spent half of its drawing time in those setters,
//! most in `font`, which the browser parses each time. The strings are the ones plotters-canvas writes, so the
//! pixels are the same.

use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind, FontTransform,
};
use plotters_canvas::CanvasBackend;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A drawing error on the canvas, as text (plotters-canvas does not export its error type).
#[derive(Debug)]
pub(super) struct CanvasError(String);

impl std::fmt::Display for CanvasError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CanvasError {}

/// plotters-canvas's result with its error as text.
fn lift<T>(
    result: Result<T, DrawingErrorKind<<CanvasBackend as DrawingBackend>::ErrorType>>,
) -> Result<T, DrawingErrorKind<CanvasError>> {
    result.map_err(|e| match e {
        DrawingErrorKind::DrawingError(e) => DrawingErrorKind::DrawingError(CanvasError(e.to_string())),
        DrawingErrorKind::FontError(e) => DrawingErrorKind::FontError(e),
    })
}

/// A canvas backend that remembers the state it set (see the module's documentation).
pub(super) struct Canvas {
    inner: CanvasBackend,
    context: CanvasRenderingContext2d,
    /// The fill colour last set, as `(r, g, b, alpha bits)`.
    fill: Option<(u8, u8, u8, u64)>,
    /// The font last set, as `(bold, size bits)`.
    font: Option<(bool, u64)>,
    align: Option<&'static str>,
    baseline: Option<&'static str>,
}

impl Canvas {
    /// The backend for drawing on `canvas`, or `None` if it has no 2D context.
    pub(super) fn new(canvas: HtmlCanvasElement) -> Option<Canvas> {
        let context = canvas.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        let inner = CanvasBackend::with_canvas_object(canvas)?;
        Some(Canvas { inner, context, fill: None, font: None, align: None, baseline: None })
    }

    /// Set the fill colour unless it is already set (the string plotters-canvas writes).
    fn set_fill(&mut self, color: BackendColor) {
        let (r, g, b) = color.rgb;
        let key = (r, g, b, color.alpha.to_bits());
        if self.fill != Some(key) {
            #[allow(deprecated, reason = "the setter plotters-canvas 0.3 uses; the same call for the same pixels")]
            self.context.set_fill_style(&JsValue::from(format!("rgba({},{},{},{})", r, g, b, color.alpha)));
            self.fill = Some(key);
        }
    }
}

impl DrawingBackend for Canvas {
    type ErrorType = CanvasError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.ensure_prepared())
    }

    fn present(&mut self) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.present())
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), DrawingErrorKind<CanvasError>> {
        // plotters-canvas sets the fill colour for a pixel: forget the one remembered.
        self.fill = None;
        lift(self.inner.draw_pixel(point, color))
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.draw_line(from, to, style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if !fill {
            return lift(self.inner.draw_rect(upper_left, bottom_right, style, fill));
        }
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        self.set_fill(style.color());
        self.context.fill_rect(
            f64::from(upper_left.0),
            f64::from(upper_left.1),
            f64::from(bottom_right.0 - upper_left.0),
            f64::from(bottom_right.1 - upper_left.1),
        );
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        lift(self.inner.draw_path(path, style))
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        if style.color().alpha == 0.0 {
            return Ok(());
        }
        let mut path = path.into_iter();
        self.context.begin_path();
        if let Some(start) = path.next() {
            self.set_fill(style.color());
            self.context.move_to(f64::from(start.0), f64::from(start.1));
            for next in path {
                self.context.line_to(f64::from(next.0), f64::from(next.1));
            }
            self.context.close_path();
        }
        self.context.fill();
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill = None;
        lift(self.inner.draw_circle(center, radius, style, fill))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        // The charts draw no rotated text (a rotated one would need a transform around it).
        if !matches!(style.transform(), FontTransform::None) {
            return Err(DrawingErrorKind::DrawingError(CanvasError("rotated text is not drawn on the canvas".into())));
        }
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let baseline = match style.anchor().v_pos {
            VPos::Top => "top",
            VPos::Center => "middle",
            VPos::Bottom => "bottom",
        };
        if self.baseline != Some(baseline) {
            self.context.set_text_baseline(baseline);
            self.baseline = Some(baseline);
        }
        let align = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Right => "end",
            HPos::Center => "center",
        };
        if self.align != Some(align) {
            self.context.set_text_align(align);
            self.align = Some(align);
        }
        self.set_fill(color);
        let font_style = style.style();
        let weight = font_style.as_str();
        let font = (weight == "bold", style.size().to_bits());
        if self.font != Some(font) {
            self.context.set_font(&format!("{} {}px {}", weight, style.size(), style.family().as_str()));
            self.font = Some(font);
        }
        self.context
            .fill_text(text, f64::from(pos.0), f64::from(pos.1))
            .map_err(|e| DrawingErrorKind::DrawingError(CanvasError(format!("{e:?}"))))
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), DrawingErrorKind<CanvasError>> {
        lift(self.inner.estimate_text_size(text, style))
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        (width, height): (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<CanvasError>> {
        self.fill = None;
        lift(self.inner.blit_bitmap(pos, (width, height), src))
    }
}
