//! Widgets the screens share: the body map and the day strip, and where an overlay goes.

pub mod body_map;
pub mod day_strip;

use std::cell::Cell;

use ratatui::layout::{Constraint, Layout, Rect};

/// The area of an overlay (help, a flag's evidence) over `body`: its full height, at most
/// `width` wide, centred.
pub fn overlay(body: Rect, width: u16) -> Rect {
    let width = body.width.min(width);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y,
        width,
        height: body.height,
    }
}

/// A text of `total` lines laid out in an area, scrolled: the rows it shows, and under them,
/// when it does not all fit, a row to say where the rest is.
pub struct Scrolled {
    pub text: Rect,
    /// The last row of the area, when the text does not all fit.
    pub more: Option<Rect>,
    /// The first line shown, kept within the text.
    pub scroll: u16,
    pub total: u16,
}

impl Scrolled {
    /// Lays `total` lines out in `area` from line `scroll`; `page` learns how many rows show
    /// and `max_scroll` the furthest scroll, for the keys that move it.
    pub fn new(
        total: u16,
        area: Rect,
        scroll: u16,
        page: &Cell<u16>,
        max_scroll: &Cell<u16>,
    ) -> Self {
        let fits = total <= area.height;
        let room = if fits {
            area.height
        } else {
            area.height.saturating_sub(1)
        };
        let max = total.saturating_sub(room);
        page.set(room);
        max_scroll.set(max);
        let [text, more] =
            Layout::vertical([Constraint::Length(room), Constraint::Min(0)]).areas(area);
        Scrolled {
            text,
            more: (!fits).then_some(more),
            scroll: scroll.min(max),
            total,
        }
    }

    /// "lines 3-12 of 40": the lines shown.
    pub fn at(&self) -> String {
        format!(
            "lines {}-{} of {}",
            self.scroll + 1,
            (self.scroll + self.text.height).min(self.total),
            self.total
        )
    }
}
