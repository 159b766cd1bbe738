//! The last days at a glance: one column per day, `T` a twitch day, `C` a cramp day, `B` both,
//! `.` neither; the day of the month above.

use chrono::{Datelike, NaiveDate};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::theme::Theme;

/// One day of the strip: twitch and cramp episodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StripDay {
    pub date: NaiveDate,
    pub twitches: u32,
    pub cramps: u32,
}

impl StripDay {
    pub fn mark(&self) -> char {
        match (self.twitches > 0, self.cramps > 0) {
            (true, true) => 'B',
            (true, false) => 'T',
            (false, true) => 'C',
            (false, false) => '.',
        }
    }
}

/// The heads of day columns three wide: the weekday's letter (" M  T ") and the day of the
/// month (" 3  4 ").
pub fn column_heads(dates: impl Iterator<Item = NaiveDate> + Clone) -> (String, String) {
    let weekdays = (dates.clone())
        .map(|d| format!(" {} ", &d.weekday().to_string()[..1]))
        .collect();
    let days = dates.map(|d| format!("{:>2} ", d.day())).collect();
    (weekdays, days)
}

pub struct DayStrip<'a> {
    days: &'a [StripDay],
    theme: &'a Theme,
}

impl<'a> DayStrip<'a> {
    pub fn new(days: &'a [StripDay], theme: &'a Theme) -> Self {
        DayStrip { days, theme }
    }

    fn lines(&self, width: u16) -> Vec<Line<'static>> {
        // Three columns a day; the newest days win when the strip does not fit.
        let fit = (width as usize / 3).min(self.days.len());
        let days = &self.days[self.days.len() - fit..];
        let (weekdays, dates) = column_heads(days.iter().map(|d| d.date));
        let marks: Vec<Span<'static>> = days
            .iter()
            .map(|d| {
                let style = match d.mark() {
                    'T' => self.theme.kind(crate::domain::Kind::Twitch),
                    'C' | 'B' => self.theme.kind(crate::domain::Kind::Cramp),
                    _ => self.theme.dim(),
                };
                Span::styled(format!(" {} ", d.mark()), style)
            })
            .collect();
        vec![
            Line::from(Span::styled(weekdays, self.theme.dim())),
            Line::from(dates),
            Line::from(marks),
        ]
    }
}

impl Widget for DayStrip<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        Paragraph::new(self.lines(area.width)).render(area, buf);
    }
}
