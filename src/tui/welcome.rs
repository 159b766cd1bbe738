//! The first screen of an empty diary: what myolog is for, the first keys, and how to explore
//! a sample diary without touching this one.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::keymap::Keymap;
use super::theme::Theme;
use crate::domain::Kind;

pub fn draw(frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
    let key = |name: &str| Span::styled(format!("{:>6}  ", keys.first_key(name)), theme.key());
    let lines = vec![
        Line::from(Span::styled("Welcome to myolog", theme.title())),
        Line::from(""),
        Line::from(
            "A diary for muscle twitches and cramps. Log each one in a few keys, check in once a day, and take a clear record to the doctor. myolog shows what you logged and which guidance it meets; it never diagnoses.",
        ),
        Line::from(""),
        Line::from(vec![key("new_twitch"), Span::raw("log a twitch")]),
        Line::from(vec![key("new_cramp"), Span::raw("log a cramp")]),
        Line::from(vec![
            key("checkin"),
            Span::raw("daily check-in: sleep, caffeine, stress ..."),
        ]),
        Line::from(vec![
            key("self_check"),
            Span::raw("self-check for the red flags"),
        ]),
        Line::from(vec![key("help"), Span::raw("every key")]),
        Line::from(vec![key("quit"), Span::raw("quit")]),
        Line::from(""),
        Line::from(Span::styled(Kind::Twitch.hint(), theme.dim())),
        Line::from(Span::styled(Kind::Cramp.hint(), theme.dim())),
        Line::from(""),
        Line::from(vec![
            Span::raw("To look around a sample diary first: "),
            Span::styled("myolog --db sample.sqlite3 demo", theme.key()),
            Span::raw(", then "),
            Span::styled("myolog --db sample.sqlite3", theme.key()),
            Span::raw(" (your own diary stays as it is)."),
        ]),
    ];
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        area.inner(Margin::new(2, 1)),
    );
}
