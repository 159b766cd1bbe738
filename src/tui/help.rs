//! Help (`?`): every key, the ones of the current context first. It scrolls (the list keys:
//! j/k, the arrows, PgUp/PgDn, Ctrl-D/Ctrl-U, g/G) and closes on Esc, `q` or `?`, as its title
//! and the footer say while it is open.

use std::cell::Cell;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use super::action::Action;
use super::fit::wrap;
use super::keymap::Keymap;
use super::select;
use super::theme::Theme;
use super::widgets::{Scrolled, overlay};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Screen,
    History,
    Meds,
    Export,
    Patterns,
    Form,
}

/// Help while it is open: how far it is scrolled, and how far it could be as last drawn.
#[derive(Debug, Default)]
pub struct Help {
    scroll: u16,
    max_scroll: Cell<u16>,
    page: Cell<u16>,
}

impl Help {
    /// Up, Down and the page and end keys scroll.
    pub fn scroll(&mut self, action: Action) {
        let page = usize::from(self.page.get().max(1));
        let max = usize::from(self.max_scroll.get());
        self.scroll = select::moved(self.scroll.into(), max, action, page) as u16;
    }
}

const ANYWHERE: &[(&[&str], &str)] = &[
    (&["new_twitch"], "log a twitch"),
    (&["new_cramp"], "log a cramp"),
    (&["checkin"], "daily check-in"),
    (&["self_check"], "self-check"),
    (
        &["today", "history", "meds", "patterns", "export"],
        "Today, History, Meds & checks, Patterns, Export",
    ),
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
    (&["undo"], "undo (asks if older)"),
    (&["redo"], "redo what undo took"),
];

/// Today: its episodes are a list, as History's are.
const TODAY: &[(&[&str], &str)] = &[
    (&["up"], "previous episode"),
    (&["down"], "next episode"),
    (&["page_up"], "a page up"),
    (&["page_down"], "a page down"),
    (&["top"], "newest"),
    (&["bottom"], "oldest"),
    (&["filter"], "filter in History"),
    (&["edit"], "change the episode"),
    (&["delete"], "delete it"),
    (&["undo"], "undo (asks if older)"),
    (&["redo"], "redo what undo took"),
];

const MEDS: &[(&[&str], &str)] = &[
    (&["up"], "previous record"),
    (&["down"], "next record"),
    (&["left"], "previous section"),
    (&["right"], "next section"),
    (&["add_medication"], "add a medication"),
    (&["edit"], "change it; a medication's Stopped day stops it"),
    (&["delete"], "delete it"),
    (&["undo"], "undo (asks if older)"),
    (&["redo"], "redo what undo took"),
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
    (&["edit"], "evidence of flag >; in it, entry > in History"),
];

const FORMS: &[(&[&str], &str)] = &[
    (&["next_field"], "next field"),
    (&["previous_field"], "previous field"),
    (&["choose"], "choose / toggle"),
    (&["save"], "save"),
    (&["cancel"], "cancel; asks if typed"),
];

/// The editing keys of every text field; they are fixed, not bindings.
const EDITING: &[(&str, &str)] = &[
    ("Left / Right", "move the cursor"),
    ("Home / End", "start / end (Ctrl-A/E)"),
    ("Backspace, Del", "delete a character"),
    ("Ctrl-W", "delete a word"),
    ("Ctrl-U", "clear the field"),
    ("typing", "replaces a dim default"),
    ("Enter / Tab", "Where: add the site"),
];

/// Width of the key column.
const KEY_WIDTH: usize = 16;

/// A key and what it does, the words wrapped under themselves in `width`.
fn item(key: &str, what: &str, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let room = width.saturating_sub(KEY_WIDTH).max(8);
    let mut lines = Vec::new();
    for (i, part) in wrap(what, room).into_iter().enumerate() {
        let head = if i == 0 {
            Span::styled(format!(" {key:<w$}", w = KEY_WIDTH - 1), theme.key())
        } else {
            Span::raw(" ".repeat(KEY_WIDTH))
        };
        lines.push(Line::from(vec![head, Span::raw(part)]));
    }
    lines
}

fn title(text: &str, theme: &Theme) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme.title()))
}

/// A section of bound keys, under its title.
fn section(
    heading: &str,
    items: &[(&[&str], &str)],
    keys: &Keymap,
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![title(heading, theme)];
    for (names, what) in items {
        // Several names share a line by their first keys (1/2/3/4/5); one shows all its keys.
        let bound = match names {
            [name] => keys.keys_of(name),
            names => names
                .iter()
                .map(|n| keys.first_key(n))
                .collect::<Vec<_>>()
                .join("/"),
        };
        lines.extend(item(&bound, what, width, theme));
    }
    lines
}

/// The two halves of help: the keys of `context` and of forms, and those that work anywhere.
fn columns(
    keys: &Keymap,
    context: Context,
    width: usize,
    theme: &Theme,
) -> (Vec<Line<'static>>, Vec<Line<'static>>) {
    let (first_title, first): (&str, &[(&[&str], &str)]) = match context {
        Context::Form => ("In a form", FORMS),
        Context::History => ("In History", LISTS),
        Context::Meds => ("In Meds & checks", MEDS),
        Context::Export => ("In Export", EXPORT),
        Context::Patterns => ("In Patterns", PATTERNS),
        Context::Screen => ("On Today", TODAY),
    };
    let mut editing = vec![title("In a text field", theme)];
    for (key, what) in EDITING {
        editing.extend(item(key, what, width, theme));
    }
    let mut left = section(first_title, first, keys, width, theme);
    left.push(Line::from(""));
    let mut right = section(
        "Anywhere outside a text field",
        ANYWHERE,
        keys,
        width,
        theme,
    );
    right.push(Line::from(""));
    // In a form its keys and the editing keys come first; elsewhere the screen's and the
    // form keys.
    if context == Context::Form {
        left.extend(editing);
    } else {
        left.extend(section("In forms", FORMS, keys, width, theme));
        right.extend(editing);
        right.push(Line::from(""));
    }
    for line in wrap(
        "The mouse wheel scrolls; a click picks a screen, a period, a section or a row. \
         Keys can be changed in [keys] of the config file.",
        width,
    ) {
        right.push(Line::from(Span::styled(line, theme.dim())));
    }
    (left, right)
}

pub fn draw(
    frame: &mut Frame,
    body: Rect,
    keys: &Keymap,
    context: Context,
    theme: &Theme,
    help: &Help,
) {
    let area = overlay(body, 90);
    frame.render_widget(Clear, area);
    let long = format!(
        " Help: {}/{} scroll, {}, {} or {} closes ",
        keys.first_key("down"),
        keys.first_key("up"),
        keys.first_key("cancel"),
        keys.first_key("quit"),
        keys.first_key("help"),
    );
    let heading = if long.chars().count() + 2 <= usize::from(area.width) {
        long
    } else {
        format!(" Help: {} closes ", keys.first_key("cancel"))
    };
    let block = Block::bordered().title(Span::styled(heading, theme.title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let two = inner.width >= 70;
    let width = if two {
        (inner.width as usize - 1) / 2
    } else {
        inner.width as usize
    };
    let (mut left, right) = columns(keys, context, width, theme);
    let total = if two {
        left.len().max(right.len())
    } else {
        left.push(Line::from(""));
        left.extend(right.iter().cloned());
        left.len()
    };
    let total = u16::try_from(total).unwrap_or(u16::MAX);
    // A last row says where the rest is, when it does not all fit.
    let shown = Scrolled::new(total, inner, help.scroll, &help.page, &help.max_scroll);
    let (text, scroll) = (shown.text, shown.scroll);
    if two {
        let [l, r] = Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
            .spacing(1)
            .areas(text);
        frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), l);
        frame.render_widget(Paragraph::new(right).scroll((scroll, 0)), r);
    } else {
        frame.render_widget(Paragraph::new(left).scroll((scroll, 0)), text);
    }
    if let Some(more) = shown.more {
        let at = shown.at();
        let long = format!(
            "{at}; {}/{}, {}/{} scroll",
            keys.first_key("down"),
            keys.first_key("up"),
            keys.first_key("page_down"),
            keys.first_key("page_up"),
        );
        let short = format!(
            "{at}; {}/{} scroll",
            keys.first_key("down"),
            keys.first_key("up")
        );
        let text = if long.chars().count() <= usize::from(more.width) {
            long
        } else {
            short
        };
        frame.render_widget(Paragraph::new(Span::styled(text, theme.dim())), more);
    }
}
