//! The Body map section: the map shaded by episodes per site, and the sites most often named.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::patterns::charts::Charts;
use crate::tui::theme::Theme;
use crate::tui::widgets::body_map::BodyMap;

pub(super) fn draw(frame: &mut Frame, area: Rect, charts: &Charts, theme: &Theme) {
    let map = BodyMap::size();
    let [m, list] =
        Layout::horizontal([Constraint::Length(map.0 + 2), Constraint::Min(0)]).areas(area);
    frame.render_widget(
        BodyMap::new(&charts.sites, &[], theme, "Episodes by site"),
        m,
    );
    let mut lines = vec![Line::from(Span::styled("Most often", theme.title()))];
    for s in charts.sites.iter().take(list.height as usize) {
        // As the lists write it, left and right apart: calf:right.
        lines.push(Line::from(format!("{:>6}  {}", s.counts.total(), s.name())));
    }
    if charts.sites.is_empty() {
        lines.push(Line::from("No episodes in this period."));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
