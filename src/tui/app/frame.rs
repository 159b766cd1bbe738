//! The frame around the screens: the tab bar, the status line, the footer with the keys of
//! the moment (help and quit at every size), help, the questions about an open form and before
//! quitting with unsaved changes, and, below the smallest size, a line saying so. Drawing
//! reads the state only.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::App;
use crate::tui::action::Tab;
use crate::tui::{help, welcome};

/// The smallest terminal the screens are drawn in; below it the app says so instead.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// A key hint of the footer: the key, what it does, and how soon it goes when the footer is
/// too narrow for all (0 never: help and quit stay at every size; the highest goes first).
type Hint = (String, &'static str, u8);

impl App {
    /// Draws the frame; reads state only.
    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        let too_small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
        self.too_small.set(too_small);
        if too_small {
            self.tabs_area.set(Rect::default());
            self.draw_too_small(frame, area);
            return;
        }
        // A status line (a red-flag note may wrap onto a second or third line) sits above the
        // keys, which stay on the last line.
        let status_height = match &self.status {
            Some(status) => (status.chars().count() as u16 + 1)
                .div_ceil(area.width)
                .clamp(1, 3),
            None => 0,
        };
        let [tabs, body, status, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(0),
            Constraint::Length(status_height),
            Constraint::Length(1),
        ])
        .areas(area);
        self.tabs_area.set(tabs);
        frame.render_widget(Paragraph::new(self.tab_line(tabs.width)), tabs);
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
        if let Some(text) = &self.status {
            frame.render_widget(
                Paragraph::new(Line::from(Span::styled(
                    format!(" {text}"),
                    self.theme.title(),
                )))
                .wrap(Wrap { trim: false }),
                status,
            );
        }
        frame.render_widget(Paragraph::new(self.footer_line(footer.width)), footer);
        if let Some(help) = &self.help {
            help::draw(
                frame,
                body,
                &self.keymap,
                self.help_context(),
                &self.theme,
                help,
            );
        }
        if let Some(question) = self.question {
            self.draw_question(frame, body, question);
        }
        if self.confirm_quit {
            self.draw_confirm(frame, body);
        }
    }

    /// Below the smallest size: what is needed, rather than a broken screen.
    fn draw_too_small(&self, frame: &mut Frame, area: Rect) {
        let text = vec![
            Line::from(Span::styled(
                format!(
                    "myolog needs at least {MIN_WIDTH}x{MIN_HEIGHT}; this terminal is {}x{}.",
                    area.width, area.height
                ),
                self.theme.title(),
            )),
            Line::from(if self.confirm_quit {
                "The form holds changes: press y to quit without saving them, any other key to keep them.".to_string()
            } else {
                format!(
                    "Make the window bigger, or press {} to quit.",
                    self.keymap.first_key("quit")
                )
            }),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
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

    fn tab_line(&self, width: u16) -> Line<'static> {
        let (brand, labels) = tab_labels(width, self.tab);
        let mut spans = Vec::new();
        if brand {
            spans.push(Span::styled(BRAND, self.theme.title()));
        }
        for (tab, label) in labels {
            if tab == self.tab {
                spans.push(Span::styled(format!("[{label}]"), self.theme.selected()));
            } else {
                spans.push(Span::raw(format!(" {label} ")));
            }
        }
        Line::from(spans)
    }

    /// The keys of the moment, as many as fit in `width`; help and quit always.
    fn footer_line(&self, width: u16) -> Line<'static> {
        let k = |name: &str| self.keymap.first_key(name);
        let help_quit =
            |help: String, quit: String| -> [Hint; 2] { [(help, "help", 0), (quit, "quit", 0)] };
        let hints: Vec<Hint> = match &self.modal {
            // Help takes every key while open: its own, and the quit key closes it.
            _ if self.help.is_some() => vec![
                (format!("{}/{}", k("down"), k("up")), "scroll", 1),
                (
                    format!("{}/{}/{}", k("cancel"), k("quit"), k("help")),
                    "close help",
                    0,
                ),
            ],
            Some(_) => {
                let mut h = vec![
                    (k("save"), "save", 1),
                    (k("cancel"), "cancel", 1),
                    (k("next_field"), "next field", 3),
                    (k("choose"), "choose", 3),
                ];
                // In a form `?` and `q` are letters: the keys that work in a text field.
                h.extend(help_quit(self.keymap.command_key("help"), "Ctrl-C".into()));
                h
            }
            None if self.tab == Tab::Patterns => {
                let scroll = format!("{}/{}", k("down"), k("up"));
                let mut h = if self.patterns.evidence_open() {
                    vec![(k("cancel"), "close", 1), (scroll, "scroll", 2)]
                } else {
                    vec![
                        (k("next_period"), "period", 1),
                        (self.keymap.arrows("left", "right"), "section", 1),
                        (scroll, "move", 3),
                        (self.keymap.keys_of("edit"), "evidence", 2),
                    ]
                };
                h.extend(help_quit(k("help"), k("quit")));
                h
            }
            None => {
                let mut h = vec![
                    (k("new_twitch"), "twitch", 2),
                    (k("new_cramp"), "cramp", 2),
                    (k("checkin"), "check-in", 3),
                    (k("self_check"), "self-check", 4),
                ];
                match self.tab {
                    Tab::History => h.extend([
                        (k("edit"), "edit", 2),
                        (k("delete"), "delete", 2),
                        (k("undo"), "undo", 3),
                        (k("filter"), "filter", 3),
                    ]),
                    Tab::Meds => h.extend([
                        (k("add_medication"), "add med", 2),
                        (k("edit"), "edit/stop", 2),
                        (k("delete"), "delete", 2),
                        (k("undo"), "undo", 3),
                    ]),
                    Tab::Today if self.today.selected_episode().is_some() => h.extend([
                        (k("edit"), "edit", 3),
                        (k("delete"), "delete", 3),
                        ("1-5".into(), "screens", 5),
                    ]),
                    _ => h.push(("1-5".into(), "screens", 5)),
                }
                h.extend(help_quit(k("help"), k("quit")));
                h
            }
        };
        let hints = fit_hints(hints, usize::from(width));
        let mut spans = vec![Span::raw(" ")];
        for (key, what, _) in hints {
            spans.push(Span::styled(key, self.theme.key()));
            spans.push(Span::raw(format!(" {what}  ")));
        }
        Line::from(spans)
    }

    fn draw_question(&self, frame: &mut Frame, body: Rect, question: super::FormQuestion) {
        let discard = self
            .modal
            .as_ref()
            .map(|m| m.form().discard_question())
            .unwrap_or_default();
        let (title, text, yes, no) = match question {
            super::FormQuestion::Discard => (
                " Discard? ",
                discard,
                "discards".to_string(),
                "keeps editing".to_string(),
            ),
            super::FormQuestion::ReplaceDay(day) => (
                " Another day ",
                format!(
                    "{day} has a check-in saved. Show it instead of what you typed? What you typed is dropped."
                ),
                format!("shows {day}"),
                "keeps what you typed".to_string(),
            ),
            super::FormQuestion::DraftOfDay(day) => (
                " Another day ",
                format!(
                    "A draft of the check-in of {day} was kept when myolog was stopped. Show that day with its draft instead of what you typed? What you typed is dropped."
                ),
                format!("shows {day} with its draft"),
                "keeps what you typed; the draft waits".to_string(),
            ),
        };
        let answer = Line::from(vec![
            Span::styled("y", self.theme.key()),
            Span::raw(format!(" {yes}, ")),
            Span::styled("n", self.theme.key()),
            Span::raw("/"),
            Span::styled(self.keymap.first_key("cancel"), self.theme.key()),
            Span::raw(format!(" {no}")),
        ]);
        self.draw_box(frame, body, title, vec![Line::from(text), answer]);
    }

    fn draw_confirm(&self, frame: &mut Frame, body: Rect) {
        let text = vec![
            Line::from("The form has changes that are not saved."),
            Line::from(vec![
                Span::raw("Quit anyway? "),
                Span::styled("y", self.theme.key()),
                Span::raw(" quit, any other key goes back"),
            ]),
        ];
        self.draw_box(frame, body, " Quit myolog? ", text);
    }

    /// A small box in the middle of `body`, as tall as its wrapped text.
    fn draw_box(&self, frame: &mut Frame, body: Rect, title: &str, text: Vec<Line<'static>>) {
        let width = body.width.min(56);
        let inner = usize::from(width.saturating_sub(2)).max(1);
        let rows: usize = text.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
        let height = body.height.min(rows as u16 + 2);
        let area = Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y + (body.height - height) / 2,
            width,
            height,
        };
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(title.to_string())),
            area,
        );
    }
}

const BRAND: &str = " myolog ";

/// The tab bar's labels for `width`: the brand when there is room, then each screen as
/// "3 Meds & checks", or "3 Meds" shortened, or just its number (the current one keeps its
/// name).
fn tab_labels(width: u16, current: Tab) -> (bool, Vec<(Tab, String)>) {
    let width = usize::from(width);
    let full = |i: usize, tab: &Tab| format!("{} {}", i + 1, tab.title());
    let short = |i: usize, tab: &Tab| format!("{} {}", i + 1, short_title(*tab));
    let size = |labels: &[(Tab, String)]| -> usize {
        labels.iter().map(|(_, l)| l.chars().count() + 2).sum()
    };
    let all = |label: &dyn Fn(usize, &Tab) -> String| -> Vec<(Tab, String)> {
        Tab::ALL
            .iter()
            .enumerate()
            .map(|(i, t)| (*t, label(i, t)))
            .collect()
    };
    let labels = all(&full);
    if size(&labels) + BRAND.len() <= width {
        return (true, labels);
    }
    if size(&labels) <= width {
        return (false, labels);
    }
    let labels = all(&short);
    if size(&labels) <= width {
        return (false, labels);
    }
    // Just the numbers, but for the current screen's.
    (
        false,
        all(&|i, tab| {
            if *tab == current {
                short(i, tab)
            } else {
                (i + 1).to_string()
            }
        }),
    )
}

fn short_title(tab: Tab) -> &'static str {
    match tab {
        Tab::Meds => "Meds",
        other => other.title(),
    }
}

/// Which tab a click at `column` of a tab bar `width` wide falls on, `current` shown.
pub(super) fn tab_at(column: u16, width: u16, current: Tab) -> Option<Tab> {
    let (brand, labels) = tab_labels(width, current);
    let mut x = if brand { BRAND.len() as u16 } else { 0 };
    for (tab, label) in labels {
        let w = label.chars().count() as u16 + 2;
        if column >= x && column < x + w {
            return Some(tab);
        }
        x += w;
    }
    None
}

/// The hints that fit in `width`, in their order: those most easily spared go first, then
/// `Ctrl-` is written `^`, then the last that may go (never help and quit).
fn fit_hints(mut hints: Vec<Hint>, width: usize) -> Vec<Hint> {
    // The trailing two spaces of the last hint may fall off the edge.
    let fits = |hints: &[Hint]| hints_width(hints) <= width + 2;
    let drop = |hints: &mut Vec<Hint>, least: u8| -> bool {
        let found = (hints.iter().enumerate())
            .filter(|(_, h)| h.2 >= least)
            .max_by_key(|(i, h)| (h.2, *i))
            .map(|(i, _)| i);
        found.map(|i| hints.remove(i)).is_some()
    };
    while !fits(&hints) && drop(&mut hints, 2) {}
    if !fits(&hints) {
        for hint in &mut hints {
            hint.0 = hint.0.replace("Ctrl-", "^");
        }
    }
    while !fits(&hints) && drop(&mut hints, 1) {}
    hints
}

/// The width of the footer's hints, with the two spaces after the last.
fn hints_width(hints: &[Hint]) -> usize {
    1 + hints
        .iter()
        .map(|(k, w, _)| k.chars().count() + w.chars().count() + 3)
        .sum::<usize>()
}
