//! The place kept for the screen that arrives with its own issue: export.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::theme::Theme;

pub fn export(frame: &mut Frame, area: Rect, theme: &Theme) {
    draw(
        frame,
        area,
        theme,
        "Export",
        &[
            "Export arrives with the report exporters.",
            "",
            "This screen will make the one-page summary for the doctor (Markdown, HTML, PDF) and the data files (CSV, JSON, FHIR) from a chosen period.",
            "Until then `myolog backup FILE` copies the whole diary safely.",
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
