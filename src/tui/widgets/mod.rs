//! Widgets the screens share: the body map and the day strip, and where an overlay goes.

pub mod body_map;
pub mod day_strip;

use ratatui::layout::Rect;

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
