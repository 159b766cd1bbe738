//! The frame around the screens: the tab bar, the footer with the keys of the moment or the
//! status line, help, and the question before quitting with unsaved changes. Drawing reads
//! the state only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::App;
use crate::tui::action::Tab;
use crate::tui::{help, welcome};

impl App {
    /// Draws the frame; reads state only.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        // A long status line (a red-flag note) wraps onto a second or third line.
        let footer_height = match &self.status {
            Some(status) if area.width > 0 => (status.chars().count() as u16 + 1)
                .div_ceil(area.width)
                .clamp(1, 3),
            _ => 1,
        };
        let [tabs, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(footer_height),
        ])
        .areas(area);
        self.tabs_area.set(tabs);
        frame.render_widget(Paragraph::new(self.tab_line()), tabs);
        match self.tab {
            Tab::Today if self.today.is_empty_diary() => {
                welcome::draw(frame, body, &self.keymap, &self.theme)
            }
            Tab::Today => self.today.draw(frame, body, &self.keymap, &self.theme),
            Tab::History => self.history.draw(frame, body, &self.keymap, &self.theme),
            Tab::Meds => self.meds.draw(frame, body, &self.keymap, &self.theme),
            Tab::Patterns => self.patterns.draw(frame, body, &self.keymap, &self.theme),
            Tab::Export => {
                self.export
                    .draw(frame, body, &self.keymap, &self.theme, self.clock.today())
            }
        }
        if let Some(modal) = &self.modal {
            frame.render_widget(Clear, body);
            modal.form().draw(frame, body, &self.theme);
        }
        frame.render_widget(
            Paragraph::new(self.footer_line()).wrap(Wrap { trim: false }),
            footer,
        );
        if self.help {
            help::draw(frame, body, &self.keymap, self.help_context(), &self.theme);
        }
        if self.confirm_quit {
            self.draw_confirm(frame, body);
        }
    }

    fn help_context(&self) -> help::Context {
        match (&self.modal, self.tab) {
            (Some(_), _) => help::Context::Form,
            (None, Tab::History) => help::Context::History,
            (None, Tab::Meds) => help::Context::Meds,
            (None, Tab::Export) => help::Context::Export,
            (None, Tab::Patterns) => help::Context::Patterns,
            _ => help::Context::Screen,
        }
    }

    fn tab_line(&self) -> Line<'static> {
        let mut spans = vec![Span::styled(" myolog ", self.theme.title())];
        for (i, tab) in Tab::ALL.iter().enumerate() {
            let label = format!("{} {}", i + 1, tab.title());
            if *tab == self.tab {
                spans.push(Span::styled(format!("[{label}]"), self.theme.selected()));
            } else {
                spans.push(Span::raw(format!(" {label} ")));
            }
        }
        Line::from(spans)
    }

    fn footer_line(&self) -> Line<'static> {
        if let Some(status) = &self.status {
            return Line::from(Span::styled(format!(" {status}"), self.theme.title()));
        }
        let k = |name: &str| self.keymap.first_key(name);
        let pairs: Vec<(String, &str)> = match &self.modal {
            Some(_) => vec![
                (k("save"), "save"),
                (k("cancel"), "cancel"),
                (k("next_field"), "next field"),
                (k("choose"), "choose"),
            ],
            None if self.tab == Tab::Patterns => {
                let scroll = format!("{}/{}", k("down"), k("up"));
                if self.patterns.evidence_open() {
                    vec![
                        (k("cancel"), "close"),
                        (scroll, "scroll"),
                        (k("help"), "help"),
                        (k("quit"), "quit"),
                    ]
                } else {
                    vec![
                        (k("next_period"), "period"),
                        (self.keymap.arrows("left", "right"), "section"),
                        (scroll, "move"),
                        (self.keymap.keys_of("edit"), "evidence"),
                        (k("help"), "help"),
                        (k("quit"), "quit"),
                    ]
                }
            }
            None => {
                let mut p = vec![
                    (k("new_twitch"), "twitch"),
                    (k("new_cramp"), "cramp"),
                    (k("checkin"), "check-in"),
                    (k("self_check"), "self-check"),
                ];
                match self.tab {
                    Tab::History => p.extend([
                        (k("edit"), "edit"),
                        (k("delete"), "delete"),
                        (k("undo"), "undo"),
                        (k("filter"), "filter"),
                    ]),
                    Tab::Meds => {
                        p.extend([(k("add_medication"), "add med"), (k("delete"), "stop")])
                    }
                    _ => p.push(("1-5".into(), "screens")),
                }
                p.extend([(k("help"), "help"), (k("quit"), "quit")]);
                p
            }
        };
        let mut spans = vec![Span::raw(" ")];
        for (key, what) in pairs {
            spans.push(Span::styled(key, self.theme.key()));
            spans.push(Span::raw(format!(" {what}  ")));
        }
        Line::from(spans)
    }

    fn draw_confirm(&self, frame: &mut Frame, body: Rect) {
        let width = body.width.min(52);
        let height = body.height.min(5);
        let area = Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y + (body.height - height) / 2,
            width,
            height,
        };
        frame.render_widget(Clear, area);
        let text = vec![
            Line::from("The form has changes that are not saved."),
            Line::from(vec![
                Span::raw("Quit anyway? "),
                Span::styled("y", self.theme.key()),
                Span::raw(" quit, any other key goes back"),
            ]),
        ];
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(" Quit myolog? ")),
            area,
        );
    }
}

/// Which tab a click at `column` of the tab bar falls on (the bar's text is fixed).
pub(super) fn tab_at(column: u16) -> Option<Tab> {
    let mut x = " myolog ".len() as u16;
    for (i, tab) in Tab::ALL.iter().enumerate() {
        let w = (format!("{} {}", i + 1, tab.title()).len() + 2) as u16;
        if column >= x && column < x + w {
            return Some(*tab);
        }
        x += w;
    }
    None
}
