//! Patterns (tab 4): the flags first, most serious first, then the trigger comparison, the
//! experiments and the charts, one section at a time (Left/Right), for a period (`p`). The findings and the chart
//! counts are computed when the screen is entered, the period changes or the diary changes, and
//! kept here: drawing reads them only. This file holds the state and the keys; each section has
//! its own renderer beside it.

mod bars;
mod calendar;
mod experiments;
mod flags;
mod sites;
mod triggers;

use std::cell::Cell;
use std::collections::HashMap;

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
use super::widgets::Scrolled;
use crate::patterns::charts::Charts;
use crate::patterns::experiments::{self as experiment_results, ExperimentResult};
use crate::patterns::{self, Findings, Flag, Settings};
use crate::store::{DatedAfter, Diary, StoreError};
use uuid::Uuid;

/// The parts of the screen, shown one at a time so each fits at 80x24.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Flags,
    Triggers,
    Calendar,
    Weeks,
    Hours,
    Where,
    /// Last, so it is one Left away from Flags.
    Experiments,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Flags,
        Section::Triggers,
        Section::Calendar,
        Section::Weeks,
        Section::Hours,
        Section::Where,
        Section::Experiments,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Flags => "Flags",
            Section::Triggers => "Triggers",
            Section::Experiments => "Experiments",
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
    /// The experiments whose days meet the period, by start, each as of today.
    experiments: Vec<ExperimentResult>,
    /// Entries dated after today, which no flag counts (a clock set ahead).
    dated_after: Option<DatedAfter>,
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
    /// Each episode behind the open evidence's flag, in one line ([`Patterns::load_entries`]).
    entries: HashMap<Uuid, String>,
    /// The entry of the evidence marked `>`, which Enter opens in History; and whether the
    /// evidence scrolls to keep it in view (Up/Down) or where the page keys put it.
    entry: usize,
    follow: bool,
    /// The evidence's scroll as last drawn.
    evidence_drawn: Cell<u16>,
    /// The last drawn content height and how far it could scroll, for paging.
    page: Cell<u16>,
    max_scroll: Cell<u16>,
    /// Where the period labels start and the section labels' row, as last drawn, for clicks;
    /// the section labels from the third value on are on the next row, when they wrap.
    periods_at: Cell<(u16, u16)>,
    sections_at: Cell<[(u16, u16, u16); Section::ALL.len()]>,
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
            entries: HashMap::new(),
            entry: 0,
            follow: true,
            evidence_drawn: Cell::new(0),
            page: Cell::new(10),
            max_scroll: Cell::new(0),
            periods_at: Cell::new((0, u16::MAX)),
            sections_at: Cell::new([(u16::MAX, 0, 0); Section::ALL.len()]),
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

    /// Whether a change on `dates` can change what the screen shows for the period ending on
    /// `today`: a change on any day up to today can, as the rules read the whole diary (a
    /// spell that began before the period counts whole) and an experiment's baseline may lie
    /// before the period.
    pub fn covers(&self, dates: &[NaiveDate], today: NaiveDate) -> bool {
        dates.iter().any(|d| *d <= today)
    }

    /// Computes the findings and the chart counts of the period ending on `today`.
    pub fn reload(&mut self, diary: &Diary, today: NaiveDate) -> Result<(), StoreError> {
        let since = self.period.since(today);
        // The rules read the whole diary; the charts and counts, the period.
        let whole = diary.summary_slice(None, Some(today))?;
        let findings =
            patterns::evaluate_summary_period(&whole, &self.settings, since, today, |wanted| {
                diary.lean_episodes(wanted)
            })?;
        let slice = match since {
            Some(since) => whole.from(since),
            None => whole,
        };
        let hours = diary.hour_totals(since, Some(today))?;
        let sides = diary.side_totals(since, Some(today))?;
        let charts = Charts::summed(&slice, &sides, hours, since, today);
        let diary_days = slice.checkins.iter().filter(|c| c.date <= today).count();
        let experiments = experiment_results::results(
            &diary.experiments_in(since, Some(today))?,
            today,
            &self.settings,
            |from, to| diary.summary_slice(Some(from), Some(to)),
        )?;
        self.selected = self.selected.min(findings.flags.len().saturating_sub(1));
        if findings.flags.is_empty() {
            self.evidence = None;
        }
        self.view = Some(View {
            findings,
            since,
            charts,
            diary_days,
            experiments,
            dated_after: diary.dated_after(today)?,
        });
        self.load_entries(diary)
    }

    /// Each episode behind the open evidence's flag in one line ("2026-11-20 14:30 twitch
    /// calf:right"), read when the evidence opens: only that flag's, however long the period.
    fn load_entries(&mut self, diary: &Diary) -> Result<(), StoreError> {
        self.entries.clear();
        let ids = match (&self.evidence, self.selected_flag()) {
            (Some(_), Some(flag)) => flag.evidence.episode_ids.clone(),
            _ => return Ok(()),
        };
        for id in ids {
            if let Some(e) = diary.episode(id)? {
                let sites: Vec<String> = e.sites.iter().map(ToString::to_string).collect();
                let line = format!(
                    "{} {} {}",
                    e.start.format("%Y-%m-%d %H:%M"),
                    e.kind,
                    sites.join(",")
                );
                self.entries.insert(id, line);
            }
        }
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

    /// A click on a period or a section label picks it, as the tab bar's labels do. Returns
    /// whether it fell on one.
    pub fn click(
        &mut self,
        column: u16,
        row: u16,
        diary: &Diary,
        today: NaiveDate,
    ) -> Result<bool, StoreError> {
        let hit = |(x, y): (u16, u16), labels: Vec<String>| -> Option<usize> {
            if row != y || column < x {
                return None;
            }
            let mut left = x;
            labels.iter().position(|label| {
                let right = left + label.chars().count() as u16 + 2;
                let on = (left..right).contains(&column);
                left = right;
                on
            })
        };
        let periods = Period::ALL.map(|p| p.short_label().to_string()).to_vec();
        if let Some(i) = hit(self.periods_at.get(), periods) {
            if Period::ALL[i] != self.period {
                self.period = Period::ALL[i];
                self.scroll = 0;
                self.evidence = None;
                self.reload(diary, today)?;
            }
            return Ok(true);
        }
        if self.view.is_none() {
            return Ok(false);
        }
        let picked = self
            .sections_at
            .get()
            .iter()
            .position(|(y, from, to)| *y == row && (*from..*to).contains(&column));
        if let Some(i) = picked {
            self.section = Section::ALL[i];
            self.scroll = 0;
            self.evidence = None;
            return Ok(true);
        }
        Ok(false)
    }

    /// Closes the evidence; false when it was not open.
    pub fn close_evidence(&mut self) -> bool {
        self.evidence.take().is_some()
    }

    /// Enter: the evidence of the selected flag. With the evidence open, Enter on its entry
    /// marked `>` gives that episode's id (short), for History to show it, and leaves the
    /// evidence open to come back to; a flag without entries (a self-check's) closes instead.
    pub fn toggle_evidence(&mut self, diary: &Diary) -> Result<Option<String>, StoreError> {
        if self.evidence.is_some() {
            if let Some(id) = self.marked_entry() {
                return Ok(Some(id.to_string()[..8].to_string()));
            }
            self.evidence = None;
        } else if self.section == Section::Flags && self.selected_flag().is_some() {
            self.evidence = Some(0);
            self.entry = 0;
            self.follow = true;
            self.load_entries(diary)?;
        }
        Ok(None)
    }

    /// The episode of the open evidence marked `>`.
    pub fn marked_entry(&self) -> Option<uuid::Uuid> {
        self.evidence?;
        let ids = &self.selected_flag()?.evidence.episode_ids;
        ids.get(self.entry.min(ids.len().saturating_sub(1)))
            .copied()
    }

    /// Up/Down move between flags on Flags, and scroll elsewhere; in the evidence they move
    /// the mark through its entries (the page keys scroll it), or scroll when it has none.
    pub fn navigate(&mut self, action: Action) {
        let page = self.page.get().max(1);
        let max = self.max_scroll.get();
        let scroll =
            |s: u16| -> u16 { select::moved(s.into(), max.into(), action, page.into()) as u16 };
        let entries = self
            .selected_flag()
            .map_or(0, |f| f.evidence.episode_ids.len());
        let line_keys = matches!(
            action,
            Action::Up | Action::Down | Action::Top | Action::Bottom
        );
        if self.evidence.is_some() && line_keys && entries > 0 {
            self.entry = select::moved(self.entry, entries - 1, action, 1);
            self.follow = true;
        } else if self.evidence.is_some() {
            self.evidence = Some(scroll(self.evidence_drawn.get()));
            self.follow = false;
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
        let Some(view) = &self.view else {
            frame.render_widget(Paragraph::new("Reading the diary..."), area);
            return;
        };
        let width = usize::from(area.width);
        // On a narrow screen the period's dates and the section labels take a second row
        // rather than being cut.
        let (head_lines, periods_x) = self.head_lines(view, keys, theme, width);
        let (bar_lines, places) = self.section_lines(view, keys, theme, width);
        let [head, bar, body] = Layout::vertical([
            Constraint::Length(head_lines.len() as u16),
            Constraint::Length(bar_lines.len() as u16),
            Constraint::Min(0),
        ])
        .areas(area);
        self.periods_at.set((head.x + periods_x, head.y));
        self.sections_at
            .set(places.map(|(y, from, to)| (bar.y + y, bar.x + from, bar.x + to)));
        frame.render_widget(Paragraph::new(head_lines), head);
        frame.render_widget(Paragraph::new(bar_lines), bar);
        let width = body.width as usize;
        let lines = match self.section {
            Section::Flags => {
                self.page.set(body.height);
                let shown = flags::Shown {
                    findings: &view.findings,
                    dated_after: view.dated_after.as_ref(),
                };
                flags::draw(frame, body, &shown, self.selected, keys, theme);
                if let (Some(scroll), Some(flag)) = (self.evidence, self.selected_flag()) {
                    let shown = flags::Evidence {
                        flag,
                        entries: &self.entries,
                        marked: self.entry,
                        follow: self.follow,
                    };
                    let drawn = flags::draw_evidence(frame, body, &shown, scroll, keys, theme);
                    self.page.set(drawn.page);
                    self.max_scroll.set(drawn.max);
                    self.evidence_drawn.set(drawn.scroll);
                }
                return;
            }
            Section::Triggers => triggers::lines(view, &self.settings, width, theme),
            Section::Experiments => experiments::lines(view, &self.settings, width, theme),
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

    /// The period line (and, when they do not fit beside it, the period's dates under it),
    /// and the column its first label starts at.
    fn head_lines(
        &self,
        view: &View,
        keys: &Keymap,
        theme: &Theme,
        width: usize,
    ) -> (Vec<Line<'static>>, u16) {
        let span = match (view.since, view.charts.first) {
            (Some(s), _) => format!("{s} to {}", view.findings.as_of),
            (None, Some(f)) => format!("{f} to {}", view.findings.as_of),
            (None, None) => format!("up to {}", view.findings.as_of),
        };
        let labels: usize = Period::ALL
            .iter()
            .map(|p| p.short_label().chars().count() + 2)
            .sum();
        let title = format!("Period ({}) ", keys.first_key("next_period"));
        // The title goes before the labels are cut.
        let title = if title.chars().count() + labels <= width {
            title
        } else {
            String::new()
        };
        let labels_x = title.chars().count() as u16;
        let mut spans = vec![Span::styled(title, theme.title())];
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
        let used = usize::from(labels_x) + labels;
        if used + 2 + span.chars().count() <= width {
            spans.push(Span::styled(format!("  {span}"), theme.dim()));
            return (vec![Line::from(spans)], labels_x);
        }
        let dates = Line::from(Span::styled(span, theme.dim()));
        (vec![Line::from(spans), dates], labels_x)
    }

    /// The section labels, on as many rows as the width needs (closer together when spaced
    /// out they would take more than two), with the keys that change the section when they
    /// fit; and where each label is: its row, and the columns from and to.
    fn section_lines(
        &self,
        view: &View,
        keys: &Keymap,
        theme: &Theme,
        width: usize,
    ) -> (Vec<Line<'static>>, [(u16, u16, u16); Section::ALL.len()]) {
        // Spaced out, each label has a blank on either side (the picked one its brackets);
        // closer together, one blank parts them.
        let lay_out = |close: bool| {
            let mut rows: Vec<Vec<Span<'static>>> = vec![Vec::new()];
            let mut places = [(0u16, 0u16, 0u16); Section::ALL.len()];
            let mut used = 0usize;
            for (i, s) in Section::ALL.iter().enumerate() {
                let label = section_label(*s, view);
                let picked = *s == self.section;
                let text = match (picked, close) {
                    (true, _) => format!("[{label}]"),
                    (false, true) => label,
                    (false, false) => format!(" {label} "),
                };
                let size = text.chars().count();
                let gap = usize::from(close && used > 0);
                if used > 0 && used + gap + size > width {
                    rows.push(Vec::new());
                    used = 0;
                }
                let from = used + usize::from(close && used > 0);
                let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
                places[i] = (at(rows.len() - 1), at(from), at(from + size));
                if let Some(r) = rows.last_mut() {
                    if from > used {
                        r.push(Span::raw(" "));
                    }
                    r.push(if picked {
                        Span::styled(text, theme.selected())
                    } else {
                        Span::raw(text)
                    });
                }
                used = from + size;
            }
            (rows, places, used)
        };
        let (mut rows, places, used) = match lay_out(false) {
            spaced if spaced.0.len() <= 2 => spaced,
            _ => lay_out(true),
        };
        let hint = format!(" {} section", keys.arrows("left", "right"));
        if used + hint.chars().count() <= width
            && let Some(last) = rows.last_mut()
        {
            last.push(Span::styled(hint, theme.dim()));
        }
        (rows.into_iter().map(Line::from).collect(), places)
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
        let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let shown = Scrolled::new(total, area, self.scroll, &self.page, &self.max_scroll);
        frame.render_widget(Paragraph::new(lines).scroll((shown.scroll, 0)), shown.text);
        if let Some(more) = shown.more {
            frame.render_widget(
                Paragraph::new(Span::styled(
                    format!(
                        "{}; {}/{} or {}/{} scroll",
                        shown.at(),
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

/// A section's label on the section line: "Flags (2)", "Triggers".
fn section_label(section: Section, view: &View) -> String {
    match section {
        Section::Flags => format!("Flags ({})", view.findings.flags.len()),
        _ => section.title().to_string(),
    }
}
