//! Patterns (tab 4): the flags first, most serious first, then the trigger comparison and the
//! charts, one section at a time (Left/Right), for a period (`p`). The findings and the chart
//! counts are computed when the screen is entered, the period changes or the diary changes, and
//! kept here: drawing reads them only. This file holds the state and the keys; each section has
//! its own renderer beside it.

mod bars;
mod calendar;
mod flags;
mod sites;
mod triggers;

use std::cell::Cell;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::action::Action;
use super::keymap::Keymap;
use super::period::Period;
use super::select;
use super::theme::Theme;
use crate::patterns::charts::Charts;
use crate::patterns::{self, Findings, Flag, Settings};
use crate::store::{Diary, StoreError};

/// The parts of the screen, shown one at a time so each fits at 80x24.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Flags,
    Triggers,
    Calendar,
    Weeks,
    Hours,
    Where,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Flags,
        Section::Triggers,
        Section::Calendar,
        Section::Weeks,
        Section::Hours,
        Section::Where,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Flags => "Flags",
            Section::Triggers => "Triggers",
            Section::Calendar => "Calendar",
            Section::Weeks => "By week",
            Section::Hours => "By hour",
            Section::Where => "Body map",
        }
    }
}

/// What one computation of the screen holds.
#[derive(Debug, Clone)]
struct View {
    findings: Findings,
    since: Option<NaiveDate>,
    charts: Charts,
    /// Days with a check-in in the period.
    diary_days: usize,
}

/// The Patterns screen's state.
#[derive(Debug)]
pub struct Patterns {
    settings: Settings,
    period: Period,
    section: Section,
    view: Option<View>,
    /// The flag Enter opens.
    selected: usize,
    /// Lines scrolled in the sections other than flags, and in the evidence.
    scroll: u16,
    evidence: Option<u16>,
    /// The last drawn content height and how far it could scroll, for paging.
    page: Cell<u16>,
    max_scroll: Cell<u16>,
}

impl Patterns {
    pub fn new(settings: Settings) -> Patterns {
        Patterns {
            settings,
            period: Period::Last90,
            section: Section::Flags,
            view: None,
            selected: 0,
            scroll: 0,
            evidence: None,
            page: Cell::new(10),
            max_scroll: Cell::new(0),
        }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn loaded(&self) -> bool {
        self.view.is_some()
    }

    pub fn period(&self) -> Period {
        self.period
    }

    pub fn section(&self) -> Section {
        self.section
    }

    /// The flags of the period, most serious first (empty before the first load).
    pub fn flags(&self) -> &[Flag] {
        self.view.as_ref().map_or(&[], |v| &v.findings.flags)
    }

    pub fn selected_flag(&self) -> Option<&Flag> {
        self.flags().get(self.selected)
    }

    pub fn evidence_open(&self) -> bool {
        self.evidence.is_some()
    }

    /// The diary changed while the screen was out of view: compute it again when it is shown.
    pub fn mark_stale(&mut self) {
        self.view = None;
    }

    /// Whether the period ending on `today` holds any of `dates`.
    pub fn covers(&self, dates: &[NaiveDate], today: NaiveDate) -> bool {
        let since = self.period.since(today);
        dates
            .iter()
            .any(|d| *d <= today && since.is_none_or(|s| *d >= s))
    }

    /// Computes the findings and the chart counts of the period ending on `today`.
    pub fn reload(&mut self, diary: &Diary, today: NaiveDate) -> Result<(), StoreError> {
        let since = self.period.since(today);
        let slice = diary.summary_slice(since, Some(today))?;
        let findings =
            patterns::evaluate_summary_period(&slice, &self.settings, since, today, |wanted| {
                diary.lean_episodes(wanted)
            })?;
        let hours = diary.hour_totals(since, Some(today))?;
        let charts = Charts::summed(&slice, hours, since, today);
        let diary_days = slice.checkins.iter().filter(|c| c.date <= today).count();
        self.selected = self.selected.min(findings.flags.len().saturating_sub(1));
        if findings.flags.is_empty() {
            self.evidence = None;
        }
        self.view = Some(View {
            findings,
            since,
            charts,
            diary_days,
        });
        Ok(())
    }

    /// The screen's own actions: the period (`p`/`P`) and the section (Left/Right; not while
    /// the evidence is open). Returns whether the action was one of them.
    pub fn act(
        &mut self,
        action: Action,
        diary: &Diary,
        today: NaiveDate,
    ) -> Result<bool, StoreError> {
        match action {
            Action::NextPeriod | Action::PrevPeriod => {
                self.period = self.period.step(action == Action::NextPeriod);
                self.scroll = 0;
                self.evidence = None;
                self.reload(diary, today)?;
            }
            Action::Left | Action::Right => {
                if self.evidence.is_none() {
                    self.section =
                        select::step(&Section::ALL, self.section, action == Action::Right);
                    self.scroll = 0;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// Closes the evidence; false when it was not open.
    pub fn close_evidence(&mut self) -> bool {
        self.evidence.take().is_some()
    }

    /// Enter: the evidence of the selected flag (Enter again closes it).
    pub fn toggle_evidence(&mut self) {
        if self.evidence.is_some() {
            self.evidence = None;
        } else if self.section == Section::Flags && self.selected_flag().is_some() {
            self.evidence = Some(0);
        }
    }

    /// Up/Down move between flags on Flags, and scroll elsewhere and in the evidence.
    pub fn navigate(&mut self, action: Action) {
        let page = self.page.get().max(1);
        let max = self.max_scroll.get();
        let scroll =
            |s: u16| -> u16 { select::moved(s.into(), max.into(), action, page.into()) as u16 };
        if let Some(s) = self.evidence {
            self.evidence = Some(scroll(s));
        } else if self.section == Section::Flags {
            let last = self.flags().len().saturating_sub(1);
            let step = usize::from(page / 2).max(1);
            self.selected = select::moved(self.selected, last, action, step);
        } else {
            self.scroll = scroll(self.scroll);
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
        let area = area.inner(Margin::new(1, 0));
        let [head, bar, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Min(0),
        ])
        .areas(area);
        let Some(view) = &self.view else {
            frame.render_widget(Paragraph::new("Reading the diary..."), body);
            return;
        };
        frame.render_widget(Paragraph::new(self.head_line(view, keys, theme)), head);
        frame.render_widget(Paragraph::new(self.section_line(view, keys, theme)), bar);
        let width = body.width as usize;
        let lines = match self.section {
            Section::Flags => {
                self.page.set(body.height);
                flags::draw(frame, body, &view.findings, self.selected, theme);
                if let (Some(scroll), Some(flag)) = (self.evidence, self.selected_flag()) {
                    let (page, max) = flags::draw_evidence(frame, body, flag, scroll, keys, theme);
                    self.page.set(page);
                    self.max_scroll.set(max);
                }
                return;
            }
            Section::Triggers => triggers::lines(view, &self.settings, width, theme),
            Section::Calendar => calendar::lines(view, width, theme),
            Section::Weeks => bars::weeks(&view.charts, width, theme),
            Section::Hours => bars::hours(&view.charts, width, theme),
            Section::Where => {
                sites::draw(frame, body, &view.charts, theme);
                return;
            }
        };
        self.draw_scrolled(frame, body, lines, keys, theme);
    }

    fn head_line(&self, view: &View, keys: &Keymap, theme: &Theme) -> Line<'static> {
        let span = match (view.since, view.charts.first) {
            (Some(s), _) => format!("{s} to {}", view.findings.as_of),
            (None, Some(f)) => format!("{f} to {}", view.findings.as_of),
            (None, None) => format!("up to {}", view.findings.as_of),
        };
        let mut spans = vec![Span::styled(
            format!("Period ({}) ", keys.first_key("next_period")),
            theme.title(),
        )];
        for p in Period::ALL {
            if p == self.period {
                spans.push(Span::styled(
                    format!("[{}]", p.short_label()),
                    theme.selected(),
                ));
            } else {
                spans.push(Span::styled(format!(" {} ", p.short_label()), theme.dim()));
            }
        }
        spans.push(Span::styled(format!("  {span}"), theme.dim()));
        Line::from(spans)
    }

    fn section_line(&self, view: &View, keys: &Keymap, theme: &Theme) -> Line<'static> {
        let mut spans = Vec::new();
        for s in Section::ALL {
            let label = match s {
                Section::Flags => format!("Flags ({})", view.findings.flags.len()),
                _ => s.title().to_string(),
            };
            if s == self.section {
                spans.push(Span::styled(format!("[{label}]"), theme.selected()));
            } else {
                spans.push(Span::raw(format!(" {label} ")));
            }
        }
        spans.push(Span::styled(
            format!(" {} section", keys.arrows("left", "right")),
            theme.dim(),
        ));
        Line::from(spans)
    }

    /// Lines in `area`, from the scroll offset; the last row says where the rest are.
    fn draw_scrolled(
        &self,
        frame: &mut Frame,
        area: Rect,
        lines: Vec<Line<'static>>,
        keys: &Keymap,
        theme: &Theme,
    ) {
        let total = lines.len() as u16;
        let fits = total <= area.height;
        let room = if fits {
            area.height
        } else {
            area.height.saturating_sub(1)
        };
        let max = total.saturating_sub(room);
        self.page.set(room);
        self.max_scroll.set(max);
        let scroll = self.scroll.min(max);
        let [text, more] =
            Layout::vertical([Constraint::Length(room), Constraint::Min(0)]).areas(area);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), text);
        if !fits {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "lines {}-{} of {total}; {}/{} or {}/{} scroll",
                        scroll + 1,
                        (scroll + room).min(total),
                        keys.first_key("down"),
                        keys.first_key("up"),
                        keys.first_key("page_down"),
                        keys.first_key("page_up"),
                    ),
                    theme.dim(),
                )),
                more,
            );
        }
    }
}
