//! Help (`?`): every key, the ones of the current context first.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::keymap::Keymap;
use super::theme::Theme;
use super::widgets::overlay;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Screen,
    History,
    Meds,
    Export,
    Patterns,
    Form,
}

const ANYWHERE: &[(&[&str], &str)] = &[
    (&["new_twitch"], "log a twitch"),
    (&["new_cramp"], "log a cramp"),
    (&["checkin"], "daily check-in"),
    (&["self_check"], "self-check"),
    (&["today"], "Today"),
    (&["history"], "History"),
    (&["meds"], "Meds & checks"),
    (&["patterns"], "Patterns"),
    (&["export"], "Export"),
    (&["next_screen"], "next screen"),
    (&["help"], "this help"),
    (&["quit"], "quit (asks if unsaved)"),
];

const LISTS: &[(&[&str], &str)] = &[
    (&["up"], "up"),
    (&["down"], "down"),
    (&["page_up"], "a page up"),
    (&["page_down"], "a page down"),
    (&["top"], "newest"),
    (&["bottom"], "oldest"),
    (&["filter"], "filter the list"),
    (&["edit"], "change the entry"),
    (&["delete"], "delete it"),
    (&["undo"], "undo last change"),
];

const MEDS: &[(&[&str], &str)] = &[
    (&["up"], "up"),
    (&["down"], "down"),
    (&["add_medication"], "add a medication"),
    (&["delete"], "stop it today"),
    (&["undo"], "undo last change"),
];

const EXPORT: &[(&[&str], &str)] = &[
    (&["up"], "previous format"),
    (&["down"], "next format"),
    (&["edit"], "write the export"),
    (&["left"], "previous period"),
    (&["right"], "next period"),
    (&["replace"], "replace a refused file"),
];

/// Patterns: the screen's own keys, then the list keys it uses.
const PATTERNS: &[(&[&str], &str)] = &[
    (
        &["next_period", "previous_period"],
        "next / previous period: last 30, 90, 365 days, all",
    ),
    (&["right"], "next section"),
    (&["left"], "previous section"),
    (&["cancel"], "close the evidence"),
    (&["down"], "next flag / scroll"),
    (&["up"], "previous flag / scroll"),
    (&["page_down"], "a page down"),
    (&["page_up"], "a page up"),
    (&["edit"], "evidence of flag >"),
];

const FORMS: &[(&[&str], &str)] = &[
    (&["next_field"], "next field"),
    (&["previous_field"], "previous field"),
    (&["choose"], "choose / toggle"),
    (&["save"], "save"),
    (&["cancel"], "cancel"),
];

pub fn draw(frame: &mut Frame, body: Rect, keys: &Keymap, context: Context, theme: &Theme) {
    let (first_title, first): (&str, &[(&[&str], &str)]) = match context {
        Context::Form => ("In a form", FORMS),
        Context::History => ("In History", LISTS),
        Context::Meds => ("In Meds & checks", MEDS),
        Context::Export => ("In Export", EXPORT),
        Context::Patterns => ("In Patterns", PATTERNS),
        Context::Screen => ("In lists", LISTS),
    };
    let line = |key: String, what: &str| {
        Line::from(vec![
            Span::styled(format!(" {key:<15}"), theme.key()),
            Span::raw(what.to_string()),
        ])
    };
    let section = |title: &str, items: &[(&[&str], &str)]| -> Vec<Line<'static>> {
        let mut lines = vec![Line::from(Span::styled(title.to_string(), theme.title()))];
        for (names, what) in items {
            let bound: Vec<String> = names.iter().map(|n| keys.keys_of(n)).collect();
            lines.push(line(bound.join(" / "), what));
        }
        lines
    };
    let mut left = section(first_title, first);
    if context != Context::Form {
        left.push(Line::from(""));
        left.extend(section("In forms", FORMS));
    }
    let mut right = section("Anywhere outside a text field", ANYWHERE);
    right.push(Line::from(""));
    right.push(Line::from(Span::styled(
        "The mouse wheel scrolls lists; a click picks a screen or a row. Keys can be changed in [keys] of the config file.",
        theme.dim(),
    )));
    let area = overlay(body, 90);
    frame.render_widget(Clear, area);
    let block = Block::bordered().title(Span::styled(" Help: any key closes ", theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width >= 70 {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(inner);
        frame.render_widget(Paragraph::new(left).wrap(Wrap { trim: false }), l);
        frame.render_widget(Paragraph::new(right).wrap(Wrap { trim: false }), r);
    } else {
        left.push(Line::from(""));
        left.extend(right);
        frame.render_widget(Paragraph::new(left).wrap(Wrap { trim: false }), inner);
    }
}
