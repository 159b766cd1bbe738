//! The places kept for the screens that arrive with their own issues: patterns.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;

pub fn patterns(frame: &mut Frame, area: Rect, theme: &Theme) {
    draw(
        frame,
        area,
        theme,
        "Patterns",
        &[
            "Patterns arrive with the pattern engine.",
            "",
            "This screen will list the flags that fire (each with the rule, the entries behind it and the guidance it comes from) and compare your exposed and unexposed diary days for each trigger.",
            "Until then your entries are kept as they are, and nothing here changes them.",
        ],
    );
}

fn draw(frame: &mut Frame, area: Rect, theme: &Theme, title: &str, text: &[&str]) {
    let mut lines = vec![
        Line::from(Span::styled(title.to_string(), theme.title())),
        Line::from(""),
    ];
    lines.extend(text.iter().map(|t| Line::from(t.to_string())));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        area.inner(Margin::new(2, 1)),
    );
}
