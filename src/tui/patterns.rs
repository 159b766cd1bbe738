//! Patterns (tab 4): the flags first, most serious first, then the trigger comparison and the
//! charts, one section at a time (Left/Right), for a period (`p`). The findings and the chart
//! counts are computed when the screen is entered, the period changes or the diary changes, and
//! kept here: drawing reads them only.

use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate, Timelike};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::app::Action;
use super::keymap::Keymap;
use super::theme::Theme;
use super::widgets::body_map::{BodyMap, SHADES};
use crate::domain::{DiarySlice, Kind, format_duration};
use crate::patterns::wording::{
    NOT_ENOUGH_DATA, association_note, factor_reading, flag_status, flags_summary, level_heading,
    listed, outcome_label, proportion, short_ids,
};
use crate::patterns::{
    self, FactorRow, Findings, Flag, Level, NOT_ADVICE, RuleId, Settings, factor_label,
};
use crate::store::{Diary, StoreError};

/// The periods the screen looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    Last30,
    Last90,
    Last365,
    All,
}

impl Period {
    pub const ALL: [Period; 4] = [Period::Last30, Period::Last90, Period::Last365, Period::All];

    pub fn label(self) -> &'static str {
        match self {
            Period::Last30 => "last 30 days",
            Period::Last90 => "last 90 days",
            Period::Last365 => "last 365 days",
            Period::All => "all",
        }
    }

    /// The period in a word or two, for the selector.
    pub fn short_label(self) -> &'static str {
        match self {
            Period::Last30 => "30 days",
            Period::Last90 => "90 days",
            Period::Last365 => "365 days",
            Period::All => "all",
        }
    }

    /// The first day of the period ending on `as_of`; `None` for the whole diary.
    pub fn since(self, as_of: NaiveDate) -> Option<NaiveDate> {
        let days = match self {
            Period::Last30 => 30,
            Period::Last90 => 90,
            Period::Last365 => 365,
            Period::All => return None,
        };
        as_of.checked_sub_days(Days::new(days - 1))
    }

    fn step(self, forward: bool) -> Period {
        let i = Period::ALL.iter().position(|p| *p == self).unwrap_or(0);
        let n = Period::ALL.len();
        Period::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

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

    fn step(self, forward: bool) -> Section {
        let i = Section::ALL.iter().position(|s| *s == self).unwrap_or(0);
        let n = Section::ALL.len();
        Section::ALL[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// Episode counts for the charts, by day, week, site and hour.
#[derive(Debug, Clone, Default)]
struct Charts {
    first: Option<NaiveDate>,
    /// Twitches and cramps per local date.
    days: BTreeMap<NaiveDate, (u32, u32)>,
    /// Twitches and cramps per week (Monday first), oldest first.
    weeks: Vec<(NaiveDate, u32, u32)>,
    /// Episodes per site id.
    sites: Vec<(String, u32)>,
    /// Twitches and cramps by the local hour they started.
    hours: [(u32, u32); 24],
}

impl Charts {
    fn new(slice: &DiarySlice, since: Option<NaiveDate>, as_of: NaiveDate) -> Charts {
        let mut days: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
        let mut sites: HashMap<&str, u32> = HashMap::new();
        let mut hours = [(0, 0); 24];
        for e in &slice.episodes {
            let date = e.local_date();
            if date > as_of {
                continue;
            }
            let day = days.entry(date).or_default();
            let hour = &mut hours[e.start.hour() as usize % 24];
            match e.kind {
                Kind::Twitch => {
                    day.0 += 1;
                    hour.0 += 1;
                }
                Kind::Cramp => {
                    day.1 += 1;
                    hour.1 += 1;
                }
            }
            let mut seen: Vec<&str> = Vec::new();
            for s in &e.sites {
                if !seen.contains(&s.site.as_str()) {
                    seen.push(&s.site);
                    *sites.entry(&s.site).or_default() += 1;
                }
            }
        }
        let first = since.or_else(|| days.keys().next().copied());
        let mut weeks = Vec::new();
        if let Some(first) = first {
            let mut monday = week_start(first);
            while monday <= as_of {
                let next = monday + Days::new(7);
                let (t, c) = days
                    .range(monday..next)
                    .fold((0, 0), |(t, c), (_, n)| (t + n.0, c + n.1));
                weeks.push((monday, t, c));
                monday = next;
            }
        }
        let mut sites: Vec<(String, u32)> =
            sites.into_iter().map(|(s, n)| (s.to_string(), n)).collect();
        sites.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Charts {
            first,
            days,
            weeks,
            sites,
            hours,
        }
    }
}

fn week_start(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
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

    /// Computes the findings and the chart counts of the period ending on `today`.
    pub fn reload(&mut self, diary: &Diary, today: NaiveDate) -> Result<(), StoreError> {
        let since = self.period.since(today);
        let slice = diary.load_for_patterns(since, Some(today))?;
        let findings = patterns::evaluate_period(&slice, &self.settings, since, today);
        let charts = Charts::new(&slice, since, today);
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

    /// The screen's own keys: `p`/`P` period, Left/Right (h/l) section, Esc closes the
    /// evidence. Returns whether the key was taken.
    pub fn key(
        &mut self,
        key: &KeyEvent,
        diary: &Diary,
        today: NaiveDate,
    ) -> Result<bool, StoreError> {
        if !key
            .modifiers
            .difference(ratatui::crossterm::event::KeyModifiers::SHIFT)
            .is_empty()
        {
            return Ok(false);
        }
        match key.code {
            KeyCode::Esc if self.evidence.is_some() => self.evidence = None,
            KeyCode::Char(c @ ('p' | 'P')) => {
                self.period = self.period.step(c == 'p');
                self.scroll = 0;
                self.evidence = None;
                self.reload(diary, today)?;
            }
            KeyCode::Right | KeyCode::Char('l') if self.evidence.is_none() => {
                self.section = self.section.step(true);
                self.scroll = 0;
            }
            KeyCode::Left | KeyCode::Char('h') if self.evidence.is_none() => {
                self.section = self.section.step(false);
                self.scroll = 0;
            }
            _ => return Ok(false),
        }
        Ok(true)
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
        let scroll = |s: u16| -> u16 {
            match action {
                Action::Up => s.saturating_sub(1),
                Action::Down => s.saturating_add(1).min(max),
                Action::PageUp => s.saturating_sub(page),
                Action::PageDown => s.saturating_add(page).min(max),
                Action::Top => 0,
                Action::Bottom => max,
                _ => s,
            }
        };
        if let Some(s) = self.evidence {
            self.evidence = Some(scroll(s));
        } else if self.section == Section::Flags {
            let last = self.flags().len().saturating_sub(1);
            let step = usize::from(page / 2).max(1);
            self.selected = match action {
                Action::Up => self.selected.saturating_sub(1),
                Action::Down => (self.selected + 1).min(last),
                Action::PageUp => self.selected.saturating_sub(step),
                Action::PageDown => (self.selected + step).min(last),
                Action::Top => 0,
                Action::Bottom => last,
                _ => self.selected,
            };
        } else {
            self.scroll = scroll(self.scroll);
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
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
        frame.render_widget(Paragraph::new(self.head_line(view, theme)), head);
        frame.render_widget(Paragraph::new(self.section_line(view, theme)), bar);
        let width = body.width as usize;
        let lines = match self.section {
            Section::Flags => {
                self.draw_flags(frame, body, view, theme);
                if let (Some(scroll), Some(flag)) = (self.evidence, self.selected_flag()) {
                    self.draw_evidence(frame, body, flag, scroll, theme);
                }
                return;
            }
            Section::Triggers => triggers_lines(view, &self.settings, width, theme),
            Section::Calendar => calendar_lines(view, width, theme),
            Section::Weeks => {
                let rows = view
                    .charts
                    .weeks
                    .iter()
                    .rev()
                    .map(|(d, t, c)| (d.format("%Y-%m-%d").to_string(), *t, *c))
                    .collect::<Vec<_>>();
                bar_lines(
                    "Episodes by week (week starting; newest first)",
                    &rows,
                    width,
                    theme,
                )
            }
            Section::Hours => {
                let rows = view
                    .charts
                    .hours
                    .iter()
                    .enumerate()
                    .map(|(h, (t, c))| (format!("{h:02}:00"), *t, *c))
                    .collect::<Vec<_>>();
                bar_lines(
                    "Episodes by hour of day (local start time)",
                    &rows,
                    width,
                    theme,
                )
            }
            Section::Where => {
                let map = BodyMap::size();
                let [m, list] =
                    Layout::horizontal([Constraint::Length(map.0 + 2), Constraint::Min(0)])
                        .areas(body);
                frame.render_widget(
                    BodyMap::new(&view.charts.sites, &[], theme, "Episodes by site"),
                    m,
                );
                let mut lines = vec![Line::from(Span::styled("Most often", theme.title()))];
                for (site, n) in view.charts.sites.iter().take(list.height as usize) {
                    lines.push(Line::from(format!("{n:>6}  {site}")));
                }
                if view.charts.sites.is_empty() {
                    lines.push(Line::from("No episodes in this period."));
                }
                frame.render_widget(Paragraph::new(lines), list);
                return;
            }
        };
        self.draw_scrolled(frame, body, lines, theme);
    }

    fn head_line(&self, view: &View, theme: &Theme) -> Line<'static> {
        let span = match (view.since, view.charts.first) {
            (Some(s), _) => format!("{s} to {}", view.findings.as_of),
            (None, Some(f)) => format!("{f} to {}", view.findings.as_of),
            (None, None) => format!("up to {}", view.findings.as_of),
        };
        let mut spans = vec![Span::styled("Period (p) ", theme.title())];
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

    fn section_line(&self, view: &View, theme: &Theme) -> Line<'static> {
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
        spans.push(Span::styled(" <-/-> section", theme.dim()));
        Line::from(spans)
    }

    /// Lines in `area`, from the scroll offset; the last row says where the rest are.
    fn draw_scrolled(
        &self,
        frame: &mut Frame,
        area: Rect,
        lines: Vec<Line<'static>>,
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
                        "lines {}-{} of {total}; Down/Up or PgDn/PgUp scroll",
                        scroll + 1,
                        (scroll + room).min(total)
                    ),
                    theme.dim(),
                )),
                more,
            );
        }
    }

    fn draw_flags(&self, frame: &mut Frame, area: Rect, view: &View, theme: &Theme) {
        let width = area.width as usize;
        let mut lines: Vec<Line<'static>> = Vec::new();
        if let Some(summary) = flags_summary(&view.findings) {
            lines.extend(wrap(summary, width).into_iter().map(Line::from));
            if !view.findings.flags.is_empty() {
                lines.push(Line::from(""));
            }
        }
        let top = lines.len();
        for (i, flag) in view.findings.flags.iter().enumerate() {
            let chosen = i == self.selected;
            let heading = format!(
                "{} {} {}: {} ({})",
                if chosen { ">" } else { " " },
                flag.level.symbol(),
                flag.level.label().to_uppercase(),
                flag.title,
                if flag.active {
                    "active"
                } else {
                    "not active now"
                },
            );
            let style = if chosen {
                theme.selected()
            } else {
                level_style(flag.level, theme)
            };
            lines.push(Line::from(Span::styled(clip(&heading, width), style)));
            lines.push(Line::from(clip(&format!("    {}", flag.detail), width)));
        }
        let flags_end = lines.len();
        if !view.findings.flags.is_empty() {
            lines.push(Line::from(Span::styled(
                "Enter shows the evidence and the guidance of the flag marked >.",
                theme.dim(),
            )));
        }
        lines.push(Line::from(""));
        for l in wrap(NOT_ADVICE, width) {
            lines.push(Line::from(Span::styled(l, theme.dim())));
        }
        // The marked flag stays in view; the rest follows it.
        let height = area.height as usize;
        let selected_end = top + 2 * (self.selected + 1);
        let offset = if view.findings.flags.is_empty() || selected_end <= height {
            0
        } else {
            (selected_end - height).min(flags_end)
        };
        self.page.set(area.height);
        frame.render_widget(Paragraph::new(lines).scroll((offset as u16, 0)), area);
    }

    fn draw_evidence(
        &self,
        frame: &mut Frame,
        body: Rect,
        flag: &Flag,
        scroll: u16,
        theme: &Theme,
    ) {
        let width = body.width.min(100);
        let area = Rect {
            x: body.x + (body.width - width) / 2,
            y: body.y,
            width,
            height: body.height,
        };
        frame.render_widget(Clear, area);
        let block = Block::bordered().title(Span::styled(
            " Evidence: Esc closes, Down/Up scroll ",
            theme.title(),
        ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let lines = evidence_lines(flag, theme);
        // Wrapped height, roughly: enough to stop scrolling past the end.
        let w = inner.width.max(1) as usize;
        let total: usize = lines.iter().map(|l| l.width().max(1).div_ceil(w)).sum();
        self.page.set(inner.height);
        self.max_scroll
            .set((total as u16).saturating_sub(inner.height));
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .scroll((scroll.min(self.max_scroll.get()), 0)),
            inner,
        );
    }
}

/// The full evidence of one flag, with the guidance it comes from.
fn evidence_lines(flag: &Flag, theme: &Theme) -> Vec<Line<'static>> {
    let e = &flag.evidence;
    let field = |name: &str, value: String| {
        Line::from(vec![
            Span::styled(format!("{name}: "), theme.title()),
            Span::raw(value),
        ])
    };
    let mut lines = vec![
        Line::from(Span::styled(
            level_heading(flag.level),
            level_style(flag.level, theme),
        )),
        Line::from(Span::styled(
            format!("{} [{}]", flag.title, flag.id),
            theme.title(),
        )),
        field("Status", flag_status(flag)),
        field("Why", flag.detail.clone()),
    ];
    if let (Some(first), Some(last)) = (e.spell_first, e.spell_last) {
        let mut spell = format!("{first} to {last}");
        if let Some(days) = e.twitch_days {
            spell.push_str(&format!(", {days} twitch days"));
        }
        if let (Some(n), Some(share)) = (e.obvious_trigger_days, e.obvious_trigger_share) {
            spell.push_str(&format!(
                ", {n} with an obvious trigger ({:.0}%)",
                share * 100.0
            ));
        }
        lines.push(field("Spell", spell));
    }
    if let (Some(start), Some(end)) = (e.window_start, e.window_end) {
        lines.push(field("Window", format!("{start} to {end}")));
    }
    if !e.groups.is_empty() {
        lines.push(field("Body regions", e.groups.join(", ")));
    }
    if !e.symptoms.is_empty() {
        lines.push(field("Symptoms", e.symptoms.join(", ")));
    }
    if !e.failed_tests.is_empty() {
        lines.push(field("Failed tests", e.failed_tests.join(", ")));
    }
    if !e.sites.is_empty() {
        lines.push(field("Sites", e.sites.join(", ")));
    }
    if let Some(s) = e.longest_s {
        lines.push(field("Longest", format_duration(s)));
    }
    if let Some(d) = e.most_sore_days {
        lines.push(field("Most days sore", d.to_string()));
    }
    if let Some(m) = &e.medication {
        lines.push(field(
            "Medicine",
            format!(
                "{} ({}) from {}{}; {} episodes in the {} days from the start, {} in the {} days before",
                m.name,
                m.class,
                m.start,
                m.stop.map(|s| format!(" to {s}")).unwrap_or_default(),
                m.episodes_after,
                m.window_days,
                m.episodes_before,
                m.window_days
            ),
        ));
    }
    if !e.dates.is_empty() {
        lines.push(field("Dates", listed(&e.dates, 24)));
    }
    let ids = short_ids(flag);
    if !ids.is_empty() {
        lines.push(field(
            "Entries",
            format!("{} (History, 2, lists them)", listed(&ids, 8)),
        ));
    }
    lines.push(Line::from(""));
    lines.push(field("Guidance", flag.guidance.clone()));
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(NOT_ADVICE, theme.dim())));
    lines
}

fn level_style(level: Level, theme: &Theme) -> Style {
    match level {
        Level::Urgent => theme.error(),
        Level::SeeDoctor => theme.title(),
        Level::Notice => Style::new(),
    }
}

/// The factor table: proportions with day counts, the ratio, and its interval as a bar.
fn triggers_lines(view: &View, s: &Settings, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "Triggers compared: exposed vs unexposed diary days ({} with a check-in)",
            view.diary_days
        ),
        theme.title(),
    ))];
    // Wide enough: the factor in its own column; otherwise above its outcomes.
    let factor_w = FACTOR_WIDTH;
    let inline = width >= factor_w + 1 + ROW_WIDTH;
    let header = format!(
        "{:<11} {:<12} {:<12} {:>5} {:<bw$} {:.0}% INTERVAL",
        "OUTCOME",
        "EXPOSED",
        "UNEXPOSED",
        "RATIO",
        "1/4   1     4",
        s.confidence * 100.0,
        bw = BAR_WIDTH,
    );
    lines.push(Line::from(Span::styled(
        if inline {
            format!("{:<factor_w$} {header}", "FACTOR")
        } else {
            format!("  {header}")
        },
        theme.title(),
    )));
    let mut previous = "";
    for r in &view.findings.factors {
        let label = factor_label(&r.factor).to_string();
        if !inline && r.factor != previous {
            lines.push(Line::from(Span::styled(label.clone(), theme.title())));
        }
        let row = factor_row(r);
        let text = if inline {
            let shown = if r.factor == previous { "" } else { &label };
            format!("{shown:<factor_w$} {row}")
        } else {
            format!("  {row}")
        };
        let style = if r.enough_data {
            Style::new()
        } else {
            theme.dim()
        };
        lines.push(Line::from(Span::styled(clip(&text, width), style)));
        previous = &r.factor;
    }
    lines.push(Line::from(Span::styled(
        format!(
            "Bar: | is 1 (no difference), * the ratio, --- the {:.0}% interval, 1/4 to 4 on a log scale; < > run past the edge.",
            s.confidence * 100.0
        ),
        theme.dim(),
    )));
    for l in wrap(&association_note(s.enough_data_days), width) {
        lines.push(Line::from(Span::styled(l, theme.dim())));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Trigger tallies: how often you tagged each suspected trigger (a tally, not evidence)",
        theme.title(),
    )));
    if view.findings.tallies.is_empty() {
        lines.push(Line::from(
            "No episode is tagged with a suspected trigger yet.",
        ));
    }
    if !view.findings.tallies.is_empty() {
        lines.push(Line::from(Span::styled(
            format!(
                "  {:<28} {:>8} {:>8} {:>8}",
                "TRIGGER", "EPISODES", "TWITCHES", "CRAMPS"
            ),
            theme.title(),
        )));
    }
    for t in &view.findings.tallies {
        let name = if t.custom {
            format!("{} (your own)", t.trigger)
        } else {
            t.trigger.clone()
        };
        lines.push(Line::from(format!(
            "  {name:<28} {:>8} {:>8} {:>8}",
            t.episodes, t.twitches, t.cramps
        )));
    }
    lines
}

const FACTOR_WIDTH: usize = 28;
/// 1/4, 1/2, 1, 2 and 4 fall on whole cells (0, 3, 6, 9, 12).
const BAR_WIDTH: usize = 13;
/// Outcome, exposed, unexposed, ratio, bar and interval columns with their spaces.
const ROW_WIDTH: usize = 11 + 1 + 12 + 1 + 12 + 1 + 5 + 1 + BAR_WIDTH + 1 + 22;

fn factor_row(r: &FactorRow) -> String {
    let (ratio, interval, reading) = factor_reading(r);
    let props = format!(
        "{:<11} {:<12} {:<12}",
        outcome_label(&r.outcome),
        proportion(r.exposed_outcome_days, r.exposed_days),
        proportion(r.unexposed_outcome_days, r.unexposed_days),
    );
    match (r.enough_data, r.ratio, r.ci_low, r.ci_high) {
        (true, Some(ratio_v), Some(low), Some(high)) => format!(
            "{props} {ratio:>5} {} {interval} {}",
            interval_bar(ratio_v, low, high),
            short_reading(reading)
        ),
        (true, ..) => format!("{props} {ratio:>5} {:BAR_WIDTH$} {reading}", ""),
        _ => format!("{props} {NOT_ENOUGH_DATA}"),
    }
}

/// The reading in a word or two for the table ("above 1").
fn short_reading(reading: &str) -> &str {
    reading.split(':').next().unwrap_or(reading)
}

/// A ratio and its interval on a log scale from 1/4 to 4, `|` at 1.
pub fn interval_bar(ratio: f64, low: f64, high: f64) -> String {
    let n = BAR_WIDTH;
    let pos = |v: f64| -> f64 { (v.log2() + 2.0) / 4.0 * (n - 1) as f64 };
    let col = |v: f64| -> usize { pos(v).round().clamp(0.0, (n - 1) as f64) as usize };
    let mut cells = vec![' '; n];
    let (lo, hi) = (col(low), col(high));
    for c in cells.iter_mut().take(hi + 1).skip(lo) {
        *c = '-';
    }
    cells[col(1.0)] = '|';
    if pos(low) < -0.5 {
        cells[0] = '<';
    }
    if pos(high) > (n - 1) as f64 + 0.5 {
        cells[n - 1] = '>';
    }
    cells[col(ratio)] = '*';
    cells.into_iter().collect()
}

/// Two heat maps, twitch days and cramp days: weeks across (months named above), weekdays
/// down, each day shaded by its count.
fn calendar_lines(view: &View, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let as_of = view.findings.as_of;
    let Some(first) = view.charts.first else {
        return vec![Line::from("No episodes in this period.")];
    };
    let weeks_total = ((as_of - week_start(first)).num_days() / 7 + 1) as usize;
    let room = width.saturating_sub(4);
    // Two columns a week when they fit, else one; the newest weeks win.
    let per = if weeks_total * 2 <= room { 2 } else { 1 };
    let weeks = weeks_total.min(room / per);
    if weeks == 0 {
        return vec![Line::from("Too narrow for the calendar.")];
    }
    let start = week_start(as_of) - Days::new(7 * (weeks as u64 - 1));
    let mut lines = Vec::new();
    if weeks < weeks_total {
        lines.push(Line::from(Span::styled(
            format!("The last {weeks} weeks; By week lists every week."),
            theme.dim(),
        )));
    }
    let max = |pick: fn(&(u32, u32)) -> u32| view.charts.days.values().map(pick).max().unwrap_or(0);
    for (title, pick, kind) in [
        (
            "Twitch days",
            (|n: &(u32, u32)| n.0) as fn(&(u32, u32)) -> u32,
            Kind::Twitch,
        ),
        ("Cramp days", |n: &(u32, u32)| n.1, Kind::Cramp),
    ] {
        let top = max(pick);
        lines.push(Line::from(Span::styled(
            format!("{title} (most in a day: {top})"),
            theme.title(),
        )));
        // Each month named above its first week; a name that would run into the next one
        // gives way to it (the first, partial month usually).
        let mut labels: Vec<(usize, String)> = Vec::new();
        let mut last_month = 0;
        for w in 0..weeks {
            let monday = start + Days::new(7 * w as u64);
            if monday.month() != last_month {
                last_month = monday.month();
                let at = 4 + w * per;
                if labels.last().is_some_and(|(p, l)| p + l.len() >= at) {
                    labels.pop();
                }
                labels.push((at, monday.format("%b").to_string()));
            }
        }
        let mut months = String::new();
        for (at, label) in labels {
            while months.len() < at {
                months.push(' ');
            }
            months.push_str(&label);
        }
        lines.push(Line::from(Span::styled(months, theme.dim())));
        for wd in 0..7u64 {
            let name = (start + Days::new(wd)).format("%a").to_string();
            let mut spans = vec![Span::styled(format!("{name} "), theme.dim())];
            for w in 0..weeks {
                let d = start + Days::new(7 * w as u64 + wd);
                let cell = if d > as_of || d < first {
                    ' '
                } else {
                    let n = view.charts.days.get(&d).map_or(0, pick);
                    shade(n, top)
                };
                let style = if cell == SHADES[0] || cell == ' ' {
                    theme.dim()
                } else {
                    theme.kind(kind)
                };
                spans.push(Span::styled(format!("{cell:<per$}"), style));
            }
            lines.push(Line::from(spans));
        }
    }
    lines.push(Line::from(Span::styled(
        format!(
            "{} none  {}{}{}{} more episodes that day (relative to the most)",
            SHADES[0], SHADES[1], SHADES[2], SHADES[3], SHADES[4]
        ),
        theme.dim(),
    )));
    lines
}

fn shade(n: u32, max: u32) -> char {
    if n == 0 || max == 0 {
        return SHADES[0];
    }
    let step = (u64::from(n) * 4).div_ceil(u64::from(max)).clamp(1, 4);
    SHADES[step as usize]
}

/// Rows of two bars, twitches (`#`) and cramps (`=`), each scaled to its own largest count.
fn bar_lines(
    title: &str,
    rows: &[(String, u32, u32)],
    width: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let label_w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let bar_w = (width.saturating_sub(label_w + 2 + 2 * 7) / 2).max(4);
    let top_t = rows.iter().map(|r| r.1).max().unwrap_or(0);
    let top_c = rows.iter().map(|r| r.2).max().unwrap_or(0);
    let bar = |n: u32, top: u32, glyph: char| -> String {
        let len = if top == 0 {
            0
        } else {
            ((u64::from(n) * bar_w as u64).div_ceil(u64::from(top))) as usize
        };
        std::iter::repeat_n(glyph, len).collect()
    };
    let mut lines = vec![
        Line::from(Span::styled(title.to_string(), theme.title())),
        Line::from(Span::styled(
            format!(
                "{:label_w$}  {:<w$}  {}",
                "",
                "twitches (#)",
                "cramps (=)",
                w = bar_w + 5
            ),
            theme.dim(),
        )),
    ];
    for (label, t, c) in rows {
        lines.push(Line::from(vec![
            Span::raw(format!("{label:<label_w$}  ")),
            Span::styled(
                format!("{:<bar_w$}", bar(*t, top_t, '#')),
                theme.kind(Kind::Twitch),
            ),
            Span::raw(format!(" {t:>4}  ")),
            Span::styled(
                format!("{:<bar_w$}", bar(*c, top_c, '=')),
                theme.kind(Kind::Cramp),
            ),
            Span::raw(format!(" {c:>4}")),
        ]));
    }
    lines
}

/// Cuts a line to `width` characters, marking the cut.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut s: String = text.chars().take(width.saturating_sub(2)).collect();
    s.push_str("..");
    s
}

/// Words into lines of at most `width` characters.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The active flags for Today's banner: how many and the most serious level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActiveFlags {
    pub count: usize,
    pub worst: Level,
}

impl ActiveFlags {
    /// "!!! 2 active flags, most serious urgent (seek prompt medical review) - press 4"; it
    /// fits in 80 columns.
    pub fn banner(&self, keys: &Keymap) -> String {
        let s = if self.count == 1 { "" } else { "s" };
        let key = keys.first_key("patterns");
        if self.worst == Level::Notice {
            format!(
                "{} {} active notice{s}: worth watching, below a see-a-doctor threshold - press {key}",
                self.worst.symbol(),
                self.count,
            )
        } else {
            format!(
                "{} {} active flag{s}, most serious {} ({}) - press {key}",
                self.worst.symbol(),
                self.count,
                self.worst.label(),
                self.worst.meaning(),
            )
        }
    }
}

/// The flags active on `as_of`, read from only as much of the diary as the rules need to tell
/// whether they are active. Every rule but two looks back at most `active_within_days` plus
/// its window. `medication_onset` needs the days around the start of a medicine still taken:
/// those are read as a second range (the days between cannot change that flag, nor make any
/// other flag active). `twitch_persistent` needs the whole of a spell still going on (its level
/// depends on all its days), so the recent range reaches back until the spell's first day
/// stays put. (One difference from reading the whole diary remains, by the rule's design:
/// `twitch_multiple_places` is not shown when `twitch_widespread` fired earlier in the period,
/// and that earlier time may lie outside these ranges.)
pub fn active_flags(
    diary: &Diary,
    s: &Settings,
    as_of: NaiveDate,
) -> Result<Option<ActiveFlags>, StoreError> {
    let window = s.spread_window_days.max(s.nocturnal_window_days);
    let reach = u64::from(
        (s.active_within_days + window + 2)
            .max(s.persistent_min_span_days + 2 * s.spell_max_gap_days + 2),
    );
    let mut since = as_of
        .checked_sub_days(Days::new(reach))
        .unwrap_or(NaiveDate::MIN);
    let med_window = Days::new(u64::from(s.medication_window_days));
    let mut med_ranges: Vec<(NaiveDate, NaiveDate)> = diary
        .medications()?
        .iter()
        .filter(|m| m.start <= as_of && m.active_on(as_of))
        // Only a medicine of a class the rule names can raise it.
        .filter(|m| {
            crate::catalog::catalog()
                .medication_class(&m.class)
                .is_some_and(|c| c.flagged)
        })
        .map(|m| {
            (
                m.start
                    .checked_sub_days(med_window)
                    .unwrap_or(NaiveDate::MIN),
                m.start
                    .checked_add_days(med_window)
                    .unwrap_or(NaiveDate::MAX),
            )
        })
        .collect();
    med_ranges.sort();
    let mut previous_first = None;
    loop {
        let slice = load_ranges(diary, &med_ranges, since, as_of)?;
        let findings = patterns::evaluate(&slice, s, as_of);
        // A spell still going on that starts at the edge of the range may reach further back:
        // widen until its first day stays put.
        let spell_first = findings
            .active_flags()
            .find(|f| f.id == RuleId::TwitchPersistent)
            .and_then(|f| f.evidence.spell_first);
        let at_edge = spell_first
            .is_some_and(|first| (first - since).num_days() <= i64::from(s.spell_max_gap_days));
        if !at_edge || spell_first == previous_first || since == NaiveDate::MIN {
            return Ok(summary(&findings));
        }
        previous_first = spell_first;
        let span = (as_of - since).num_days().max(1) as u64;
        since = since
            .checked_sub_days(Days::new(span))
            .unwrap_or(NaiveDate::MIN);
    }
}

/// The diary from `since` to `as_of`, plus the earlier `ranges` (sorted), oldest first.
fn load_ranges(
    diary: &Diary,
    ranges: &[(NaiveDate, NaiveDate)],
    since: NaiveDate,
    as_of: NaiveDate,
) -> Result<DiarySlice, StoreError> {
    // Ranges that reach the recent one join it; the others are read on their own, merged
    // where they overlap.
    let mut since = since;
    let mut earlier: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &(from, until) in ranges.iter().rev() {
        if until.succ_opt().unwrap_or(until) >= since {
            since = since.min(from);
        } else {
            earlier.push((from, until));
        }
    }
    earlier.reverse();
    let mut merged: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (from, until) in earlier {
        match merged.last_mut() {
            Some(last) if from <= last.1.succ_opt().unwrap_or(last.1) => last.1 = last.1.max(until),
            _ => merged.push((from, until)),
        }
    }
    let mut slice = DiarySlice::default();
    for (from, until) in merged.into_iter().filter(|r| r.0 < since) {
        let part = diary.load_for_patterns(
            Some(from),
            Some(until.min(since.pred_opt().unwrap_or(since))),
        )?;
        slice.episodes.extend(part.episodes);
        slice.checkins.extend(part.checkins);
        slice.self_checks.extend(part.self_checks);
    }
    let recent = diary.load_for_patterns(Some(since), Some(as_of))?;
    slice.episodes.extend(recent.episodes);
    slice.checkins.extend(recent.checkins);
    slice.self_checks.extend(recent.self_checks);
    slice.medications = recent.medications;
    Ok(slice)
}

fn summary(findings: &Findings) -> Option<ActiveFlags> {
    let active: Vec<&Flag> = findings.active_flags().collect();
    let worst = active.iter().map(|f| f.level).min()?;
    Some(ActiveFlags {
        count: active.len(),
        worst,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interval_bar_marks_one_the_ratio_and_the_interval() {
        assert_eq!(interval_bar(1.0, 0.5, 2.0), "   ---*---   ");
        assert_eq!(interval_bar(1.2, 0.5, 2.0), "   ---|*--   ");
        assert_eq!(interval_bar(2.0, 1.41, 2.83), "      |--*-- ");
        assert_eq!(interval_bar(8.0, 2.0, 16.0), "      |  ---*");
        assert_eq!(interval_bar(3.0, 2.0, 16.0), "      |  --*>");
        assert_eq!(interval_bar(0.4, 0.1, 0.9), "<-*---|      ");
    }

    #[test]
    fn periods_step_round_and_end_on_the_as_of_date() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(
            Period::Last30.since(d),
            NaiveDate::from_ymd_opt(2026, 10, 27)
        );
        assert_eq!(Period::All.since(d), None);
        assert_eq!(Period::All.step(true), Period::Last30);
        assert_eq!(Period::Last30.step(false), Period::All);
    }
}
