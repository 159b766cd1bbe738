//! Choosing on screens: moving a selection through a list with the navigation actions, stepping
//! round a ring of choices, and the row of a list that shows which one is selected.

use ratatui::text::{Line, Span};

use super::action::Action;
use super::theme::Theme;

/// The selection after a navigation action in a list whose last row is `last`; `page` rows
/// make a page.
pub fn moved(selected: usize, last: usize, action: Action, page: usize) -> usize {
    match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page),
        Action::PageDown => (selected + page).min(last),
        Action::Top => 0,
        Action::Bottom => last,
        _ => selected,
    }
}

/// The choice after `current` in `ring` (before it when not `forward`), round from the end.
pub fn step<T: Copy + PartialEq>(ring: &[T], current: T, forward: bool) -> T {
    let n = ring.len();
    let i = ring.iter().position(|c| *c == current).unwrap_or(0);
    ring[if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    }]
}

/// A row of a list: marked `>` and reversed when selected, so the mark does not rely on colour.
pub fn row(text: String, selected: bool, theme: &Theme) -> Line<'static> {
    if selected {
        Line::from(vec![Span::raw("> "), Span::styled(text, theme.selected())])
    } else {
        // Rows stay in the terminal's own colour: readable on light and dark alike.
        Line::from(format!("  {text}"))
    }
}
