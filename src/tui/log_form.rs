//! The form that logs (or edits) a twitch or a cramp.

use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::store_message;
use super::clock::AppClock;
use super::form::{
    FormKey, FormOutcome, TextField, cycle, error_line, field_for, field_lines, hint_line,
    navigate, row, scroll_for, wrap_chips, wrap_lines, yes_no,
};
use super::theme::Theme;
use super::today::Today;
use super::widgets::body_map::BodyMap;
use crate::catalog::{SiteInfo, catalog};
use crate::domain::episode::{INTENSITY_RANGE, PAIN_RANGE, parse_trigger};
use crate::domain::{
    Episode, Kind, ReliefUse, Side, SiteRef, check_not_future, clean_note, parse_duration,
};
use crate::store::StoreError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    When,
    Sites,
    Severity,
    Visible,
    Hardening,
    LostMotion,
    Duration,
    SoreDays,
    Triggers,
    OtherTriggers,
    Reliefs,
    Note,
}

const TWITCH_FIELDS: &[Field] = &[
    Field::When,
    Field::Sites,
    Field::Severity,
    Field::Visible,
    Field::Duration,
    Field::Triggers,
    Field::OtherTriggers,
    Field::Note,
];

const CRAMP_FIELDS: &[Field] = &[
    Field::When,
    Field::Sites,
    Field::Severity,
    Field::Hardening,
    Field::LostMotion,
    Field::Duration,
    Field::SoreDays,
    Field::Triggers,
    Field::OtherTriggers,
    Field::Reliefs,
    Field::Note,
];

/// The domain's field names (as the command line spells them) on this form.
const DOMAIN_FIELDS: &[(&str, Field)] = &[
    ("--at", Field::When),
    ("--site", Field::Sites),
    ("--intensity", Field::Severity),
    ("--pain", Field::Severity),
    ("--visible", Field::Visible),
    ("--hardening", Field::Hardening),
    ("--lost-motion", Field::LostMotion),
    ("--duration", Field::Duration),
    ("--sore-days", Field::SoreDays),
    ("--trigger", Field::OtherTriggers),
    ("--relief", Field::Reliefs),
    ("--note", Field::Note),
];

/// A relief, tried or not, and whether it helped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReliefState {
    NotTried,
    Tried,
    Helped,
    NoHelp,
}

impl ReliefState {
    fn next(self) -> ReliefState {
        match self {
            ReliefState::NotTried => ReliefState::Tried,
            ReliefState::Tried => ReliefState::Helped,
            ReliefState::Helped => ReliefState::NoHelp,
            ReliefState::NoHelp => ReliefState::NotTried,
        }
    }

    fn mark(self) -> &'static str {
        match self {
            ReliefState::NotTried => "[ ]",
            ReliefState::Tried => "[t]",
            ReliefState::Helped => "[+]",
            ReliefState::NoHelp => "[-]",
        }
    }
}

#[derive(Debug, Clone)]
pub struct LogForm {
    kind: Kind,
    /// The episode being edited; `None` for a new one.
    original: Option<Episode>,
    focus: usize,
    when: TextField,
    site_input: TextField,
    sites: Vec<SiteRef>,
    candidate: usize,
    /// Walking the catalogue (and the body map) with Left/Right instead of typing.
    browsing: bool,
    severity: TextField,
    visible: Option<bool>,
    hardening: Option<bool>,
    lost_motion: Option<bool>,
    duration: TextField,
    sore_days: TextField,
    trigger_order: Vec<String>,
    triggers: Vec<String>,
    trigger_cursor: usize,
    suggested: Vec<(String, String)>,
    other_triggers: TextField,
    reliefs: Vec<(String, ReliefState)>,
    relief_cursor: usize,
    note: TextField,
    errors: Vec<(Field, String)>,
    pub dirty: bool,
}

/// An episode's start as the form shows it.
fn start_text(e: &Episode) -> String {
    e.start.format("%Y-%m-%d %H:%M").to_string()
}

impl LogForm {
    /// A new episode of `kind`, starting now, with today's suggested triggers first.
    pub fn new(kind: Kind, suggested: Vec<(String, String)>) -> LogForm {
        let mut trigger_order: Vec<String> = suggested.iter().map(|(t, _)| t.clone()).collect();
        for t in &catalog().triggers {
            if !trigger_order.contains(&t.id) {
                trigger_order.push(t.id.clone());
            }
        }
        LogForm {
            kind,
            original: None,
            focus: 1,
            when: TextField::new("now"),
            site_input: TextField::default(),
            sites: Vec::new(),
            candidate: 0,
            browsing: false,
            severity: TextField::default(),
            visible: None,
            hardening: None,
            lost_motion: None,
            duration: TextField::default(),
            sore_days: TextField::default(),
            trigger_order,
            triggers: Vec::new(),
            trigger_cursor: 0,
            suggested,
            other_triggers: TextField::default(),
            reliefs: catalog()
                .reliefs
                .iter()
                .map(|r| (r.id.clone(), ReliefState::NotTried))
                .collect(),
            relief_cursor: 0,
            note: TextField::default(),
            errors: Vec::new(),
            dirty: false,
        }
    }

    /// The form filled from an episode, to change it.
    pub fn edit(episode: Episode, suggested: Vec<(String, String)>) -> LogForm {
        let mut f = LogForm::new(episode.kind, suggested);
        f.focus = 0;
        f.when = TextField::new(start_text(&episode));
        f.sites = episode.sites.clone();
        let severity = match episode.kind {
            Kind::Twitch => episode.intensity,
            Kind::Cramp => episode.pain,
        };
        f.severity = TextField::new(severity.map(|v| v.to_string()).unwrap_or_default());
        f.visible = episode.visible;
        f.hardening = episode.hardening;
        f.lost_motion = episode.lost_motion;
        f.duration = TextField::new(
            episode
                .duration_s
                .map(crate::domain::format_duration)
                .unwrap_or_default(),
        );
        f.sore_days = TextField::new(episode.sore_days.map(|d| d.to_string()).unwrap_or_default());
        let (known, other): (Vec<String>, Vec<String>) = episode
            .triggers
            .iter()
            .cloned()
            .partition(|t| f.trigger_order.contains(t));
        f.triggers = known;
        f.other_triggers = TextField::new(other.join(", "));
        for r in &episode.reliefs {
            if let Some(slot) = f.reliefs.iter_mut().find(|(id, _)| *id == r.relief) {
                slot.1 = match r.helped {
                    None => ReliefState::Tried,
                    Some(true) => ReliefState::Helped,
                    Some(false) => ReliefState::NoHelp,
                };
            }
        }
        f.note = TextField::new(episode.note.clone().unwrap_or_default());
        f.original = Some(episode);
        f
    }

    pub fn is_edit(&self) -> bool {
        self.original.is_some()
    }

    fn fields(&self) -> &'static [Field] {
        match self.kind {
            Kind::Twitch => TWITCH_FIELDS,
            Kind::Cramp => CRAMP_FIELDS,
        }
    }

    fn field(&self) -> Field {
        let fields = self.fields();
        fields[self.focus.min(fields.len() - 1)]
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextField> {
        match field {
            Field::When => Some(&mut self.when),
            Field::Sites => Some(&mut self.site_input),
            Field::Severity => Some(&mut self.severity),
            Field::Duration => Some(&mut self.duration),
            Field::SoreDays => Some(&mut self.sore_days),
            Field::OtherTriggers => Some(&mut self.other_triggers),
            Field::Note => Some(&mut self.note),
            _ => None,
        }
    }

    pub fn error_messages(&self) -> Vec<String> {
        self.errors.iter().map(|(_, m)| m.clone()).collect()
    }

    pub fn paste(&mut self, text: &str) {
        let field = self.field();
        if let Some(t) = self.text_mut(field) {
            t.insert_str(text);
            self.dirty = true;
            self.candidate = 0;
        }
    }

    pub fn handle(&mut self, key: KeyEvent, form_key: Option<FormKey>) -> FormOutcome {
        let field = self.field();
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        let typed = matches!(key.code, KeyCode::Char(_)) && plain;
        if typed && let Some(text) = self.text_mut(field) {
            text.handle(key);
            self.dirty = true;
            self.candidate = 0;
            self.browsing = false;
            return FormOutcome::Handled;
        }
        if field == Field::Sites {
            let n = self.candidates().len();
            let empty = self.site_input.value().is_empty();
            match key.code {
                KeyCode::Right if empty && n > 0 => {
                    self.candidate = if self.browsing {
                        (self.candidate + 1) % n
                    } else {
                        0
                    };
                    self.browsing = true;
                    return FormOutcome::Handled;
                }
                KeyCode::Left if empty && n > 0 => {
                    self.candidate = if self.browsing {
                        (self.candidate + n - 1) % n
                    } else {
                        n - 1
                    };
                    self.browsing = true;
                    return FormOutcome::Handled;
                }
                KeyCode::Down if n > 0 && !self.site_input.value().is_empty() => {
                    self.candidate = (self.candidate + 1) % n;
                    return FormOutcome::Handled;
                }
                KeyCode::Up if n > 0 && !self.site_input.value().is_empty() => {
                    self.candidate = (self.candidate + n - 1) % n;
                    return FormOutcome::Handled;
                }
                KeyCode::Backspace if self.site_input.value().is_empty() => {
                    if self.sites.pop().is_some() {
                        self.dirty = true;
                    }
                    return FormOutcome::Handled;
                }
                _ => {}
            }
        }
        let count = self.fields().len();
        if let Some(outcome) = navigate(&mut self.focus, count, form_key) {
            return outcome;
        }
        if form_key == Some(FormKey::Choose) {
            self.choose(field);
            return FormOutcome::Handled;
        }
        if let Some(text) = self.text_mut(field) {
            if text.handle(key) {
                self.dirty = true;
                return FormOutcome::Handled;
            }
            return FormOutcome::Unhandled;
        }
        match (field, key.code) {
            (Field::Triggers, KeyCode::Left) => {
                self.trigger_cursor = self.trigger_cursor.saturating_sub(1);
            }
            (Field::Triggers, KeyCode::Right) => {
                self.trigger_cursor = (self.trigger_cursor + 1).min(self.trigger_order.len() - 1);
            }
            (Field::Reliefs, KeyCode::Left) => {
                self.relief_cursor = self.relief_cursor.saturating_sub(1);
            }
            (Field::Reliefs, KeyCode::Right) => {
                self.relief_cursor = (self.relief_cursor + 1).min(self.reliefs.len() - 1);
            }
            (
                Field::Visible | Field::Hardening | Field::LostMotion,
                KeyCode::Left | KeyCode::Right,
            ) => self.choose(field),
            _ => return FormOutcome::Unhandled,
        }
        FormOutcome::Handled
    }

    fn choose(&mut self, field: Field) {
        match field {
            Field::Sites if self.browsing && self.site_input.value().is_empty() => {
                if let Some(info) = self.candidates().get(self.candidate) {
                    let site = SiteRef {
                        site: info.id.clone(),
                        side: None,
                    };
                    if !self.sites.contains(&site) {
                        self.sites.push(site);
                        self.dirty = true;
                    }
                }
            }
            Field::Sites if !self.site_input.value().trim().is_empty() => {
                match self.take_site_input() {
                    Ok(()) => self.clear_error(Field::Sites),
                    Err(m) => self.set_error(Field::Sites, m),
                }
                self.dirty = true;
            }
            Field::Visible => {
                self.visible = cycle(self.visible);
                self.dirty = true;
            }
            Field::Hardening => {
                self.hardening = cycle(self.hardening);
                self.dirty = true;
            }
            Field::LostMotion => {
                self.lost_motion = cycle(self.lost_motion);
                self.dirty = true;
            }
            Field::Triggers => {
                if let Some(t) = self.trigger_order.get(self.trigger_cursor).cloned() {
                    if let Some(i) = self.triggers.iter().position(|x| *x == t) {
                        self.triggers.remove(i);
                    } else {
                        self.triggers.push(t);
                    }
                    self.dirty = true;
                }
            }
            Field::Reliefs => {
                if let Some(slot) = self.reliefs.get_mut(self.relief_cursor) {
                    slot.1 = slot.1.next();
                    self.dirty = true;
                }
            }
            _ => self.focus = (self.focus + 1).min(self.fields().len() - 1),
        }
    }

    /// Catalogue sites matching what is typed in the site field (after the last comma, before
    /// any side): ids and aliases that start with it first, then labels that contain it.
    fn candidates(&self) -> Vec<&'static SiteInfo> {
        let text = self.site_input.value();
        let part = text.rsplit(',').next().unwrap_or("");
        let query = part.split(':').next().unwrap_or("").trim().to_lowercase();
        let sites = &catalog().sites;
        if query.is_empty() {
            return sites.iter().collect();
        }
        let starts = |s: &SiteInfo| {
            s.id.starts_with(&query) || s.aliases.iter().any(|a| a.starts_with(&query))
        };
        let mut out: Vec<&SiteInfo> = sites.iter().filter(|s| starts(s)).collect();
        out.extend(
            sites
                .iter()
                .filter(|s| !starts(s) && s.label.to_lowercase().contains(&query)),
        );
        out
    }

    /// Adds the sites typed (several with commas); a name that is not a site takes the
    /// highlighted match.
    fn take_site_input(&mut self) -> Result<(), String> {
        let text = self.site_input.value().to_string();
        let parts: Vec<&str> = text
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let last = parts.len().saturating_sub(1);
        let mut added = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            let site = match SiteRef::parse(part) {
                Ok(site) => site,
                Err(message) => {
                    let candidate = if i == last {
                        self.candidates().get(self.candidate).copied()
                    } else {
                        None
                    };
                    let Some(info) = candidate else {
                        return Err(message);
                    };
                    let side = match part.split_once(':') {
                        Some((_, side)) => Some(Side::parse(side)?),
                        None => None,
                    };
                    if side.is_some() && !info.sided {
                        return Err(format!("{} has no side; write just '{}'", info.id, info.id));
                    }
                    SiteRef {
                        site: info.id.clone(),
                        side,
                    }
                }
            };
            added.push(site);
        }
        for site in added {
            if !self.sites.contains(&site) {
                self.sites.push(site);
            }
        }
        self.site_input.set("");
        self.candidate = 0;
        Ok(())
    }

    fn set_error(&mut self, field: Field, message: String) {
        self.clear_error(field);
        self.errors.push((field, message));
    }

    fn clear_error(&mut self, field: Field) {
        self.errors.retain(|(f, _)| *f != field);
    }

    /// Shows a refusal from the store inline, on its field.
    pub fn store_error(&mut self, e: StoreError) {
        let (input, message) = store_message(&e);
        let field = input.map_or(Field::Note, |i| {
            field_for(&i.field, DOMAIN_FIELDS, Field::Sites)
        });
        self.set_error(field, message);
    }

    /// The episode the form describes, or the inline errors that stop it being saved.
    pub fn build(&mut self, clock: &AppClock) -> Result<Episode, ()> {
        self.errors.clear();
        let now = clock.now_utc();
        let mut errors: Vec<(Field, String)> = Vec::new();
        let when = self.when.trimmed().unwrap_or("now").to_string();
        // An edit that leaves the time as shown keeps the exact start (seconds and offset).
        let unchanged = self
            .original
            .as_ref()
            .filter(|e| when == start_text(e))
            .map(|e| e.start);
        let start = match unchanged.map_or_else(|| clock.parse_when(&when), Ok) {
            Ok(t) if unchanged.is_some() => Some(t),
            Ok(t) => match check_not_future("--at", t, clock.now_fixed()) {
                Ok(()) => Some(t),
                Err(e) => {
                    errors.push((Field::When, e.message));
                    None
                }
            },
            Err(m) => {
                errors.push((Field::When, m));
                None
            }
        };
        if !self.site_input.value().trim().is_empty()
            && let Err(m) = self.take_site_input()
        {
            errors.push((Field::Sites, m));
        }
        let (low, high, what) = match self.kind {
            Kind::Twitch => (INTENSITY_RANGE.0, INTENSITY_RANGE.1, "intensity"),
            Kind::Cramp => (PAIN_RANGE.0, PAIN_RANGE.1, "pain"),
        };
        let severity = match self.severity.trimmed() {
            None => None,
            Some(s) => match s.parse::<u8>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.push((
                        Field::Severity,
                        format!(
                            "'{s}' is not a whole number; accepted: {what} from {low} to {high}"
                        ),
                    ));
                    None
                }
            },
        };
        let duration = self
            .duration
            .trimmed()
            .and_then(|d| match parse_duration(d) {
                Ok(v) => Some(v),
                Err(m) => {
                    errors.push((Field::Duration, m));
                    None
                }
            });
        let sore_days = match (self.kind, self.sore_days.trimmed()) {
            (Kind::Cramp, Some(s)) => match s.parse::<u16>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.push((
                        Field::SoreDays,
                        format!("'{s}' is not a number of days; accepted: 0 to 60"),
                    ));
                    None
                }
            },
            _ => None,
        };
        let mut triggers = self.triggers.clone();
        for part in self.other_triggers.value().split(',') {
            if part.trim().is_empty() {
                continue;
            }
            match parse_trigger(part) {
                Ok(t) if !triggers.contains(&t) => triggers.push(t),
                Ok(_) => {}
                Err(m) => errors.push((Field::OtherTriggers, m)),
            }
        }
        let reliefs: Vec<ReliefUse> = match self.kind {
            // Twitches take no reliefs here; any an edited one has (from the command line) stay.
            Kind::Twitch => self
                .original
                .as_ref()
                .map(|e| e.reliefs.clone())
                .unwrap_or_default(),
            Kind::Cramp => self
                .reliefs
                .iter()
                .filter_map(|(id, state)| {
                    let helped = match state {
                        ReliefState::NotTried => return None,
                        ReliefState::Tried => None,
                        ReliefState::Helped => Some(true),
                        ReliefState::NoHelp => Some(false),
                    };
                    Some(ReliefUse {
                        relief: id.clone(),
                        helped,
                    })
                })
                .collect(),
        };
        let Some(start) = start else {
            self.errors = errors;
            return Err(());
        };
        let mut episode = match &self.original {
            Some(e) => e.clone(),
            None => Episode::new(self.kind, start, Vec::new(), now),
        };
        episode.start = start;
        episode.sites = self.sites.clone();
        episode.updated = now;
        match self.kind {
            Kind::Twitch => {
                episode.intensity = severity;
                episode.visible = self.visible;
            }
            Kind::Cramp => {
                episode.pain = severity;
                episode.hardening = self.hardening;
                episode.lost_motion = self.lost_motion;
                episode.sore_days = sore_days;
            }
        }
        episode.duration_s = duration;
        episode.triggers = triggers;
        episode.reliefs = reliefs;
        episode.note = clean_note(Some(self.note.value().to_string()));
        if errors.is_empty()
            && let Err(e) = episode.validate()
        {
            errors.push((field_for(&e.field, DOMAIN_FIELDS, Field::Sites), e.message));
        }
        if errors.is_empty() {
            Ok(episode)
        } else {
            self.errors = errors;
            Err(())
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme, today: &Today) {
        let title = match &self.original {
            Some(e) => format!(
                " Change the {} of {} ",
                self.kind,
                e.start.format("%Y-%m-%d %H:%M")
            ),
            None => format!(" Log a {} ", self.kind),
        };
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let map = BodyMap::size();
        let (form_area, map_area) = if inner.width >= 100 && inner.height > map.1 {
            let [f, m] = Layout::horizontal([Constraint::Min(60), Constraint::Length(map.0 + 2)])
                .areas(inner);
            (f, Some(m))
        } else {
            (inner, None)
        };
        let (lines, focus_line) = self.lines(form_area.width as usize, theme);
        let (lines, starts) = wrap_lines(lines, form_area.width as usize);
        let focus_line = starts.get(focus_line).copied().unwrap_or(0);
        let scroll = scroll_for(focus_line, form_area.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), form_area);
        if let Some(m) = map_area {
            let mut highlight: Vec<String> = self.sites.iter().map(|s| s.site.clone()).collect();
            if self.field() == Field::Sites
                && (self.browsing || !self.site_input.value().is_empty())
                && let Some(c) = self.candidates().get(self.candidate)
            {
                highlight.push(c.id.clone());
            }
            frame.render_widget(
                BodyMap::new(
                    today.site_counts(),
                    &highlight,
                    theme,
                    "Where, last 90 days",
                ),
                m,
            );
        }
    }

    fn lines(&self, width: usize, theme: &Theme) -> (Vec<Line<'static>>, usize) {
        let mut lines = vec![
            Line::from(Span::styled(self.kind.hint().to_string(), theme.dim())),
            Line::from(""),
        ];
        let mut focus_line = 0;
        let focused_field = self.field();
        for &field in self.fields() {
            let focused = field == focused_field;
            if focused {
                focus_line = lines.len();
            }
            match field {
                Field::When => {
                    lines.extend(field_lines(
                        "When",
                        self.when.spans(focused, theme),
                        "now, -20m, 14:05, yesterday 23:10, 2026-11-20 08:00",
                        focused,
                        theme,
                    ));
                }
                Field::Sites => {
                    let mut spans: Vec<Span<'static>> = self
                        .sites
                        .iter()
                        .map(|s| Span::styled(format!("[{s}] "), theme.title()))
                        .collect();
                    spans.extend(self.site_input.spans(focused, theme));
                    if self.sites.is_empty() && !focused && self.site_input.value().is_empty() {
                        spans = vec![Span::styled("(none yet)", theme.dim())];
                    }
                    lines.push(row("Where", spans, focused, theme));
                    if focused {
                        lines.push(self.candidate_line(width, theme));
                        lines.push(hint_line(
                            "type or Left/Right to pick, Enter adds; calf:l :r :b = side",
                            theme,
                        ));
                    }
                }
                Field::Severity => {
                    let (label, hint) = match self.kind {
                        Kind::Twitch => (
                            "Intensity 1-5",
                            "1 barely noticeable .. 5 constant or clearly visible; blank if unsure",
                        ),
                        Kind::Cramp => (
                            "Pain 0-10",
                            "0 no pain .. 10 worst imaginable; blank if unsure",
                        ),
                    };
                    lines.extend(field_lines(
                        label,
                        self.severity.spans(focused, theme),
                        hint,
                        focused,
                        theme,
                    ));
                }
                Field::Visible | Field::Hardening | Field::LostMotion => {
                    let (label, value, hint) = match field {
                        Field::Visible => {
                            ("Visible", self.visible, "could it be seen under the skin?")
                        }
                        Field::Hardening => {
                            ("Went hard", self.hardening, "did the muscle go hard?")
                        }
                        _ => (
                            "Lost movement",
                            self.lost_motion,
                            "was movement restricted?",
                        ),
                    };
                    let shown = if focused {
                        Span::styled(format!("< {} >", yes_no(value)), theme.selected())
                    } else {
                        Span::raw(yes_no(value).to_string())
                    };
                    lines.extend(field_lines(
                        label,
                        vec![shown],
                        &format!("{hint} Enter/Space: unknown, yes, no"),
                        focused,
                        theme,
                    ));
                }
                Field::Duration => {
                    lines.extend(field_lines(
                        "How long",
                        self.duration.spans(focused, theme),
                        "45s, 3m, 1h30m; blank if unknown",
                        focused,
                        theme,
                    ));
                }
                Field::SoreDays => {
                    lines.extend(field_lines(
                        "Sore for days",
                        self.sore_days.spans(focused, theme),
                        "days the muscle stayed sore afterwards",
                        focused,
                        theme,
                    ));
                }
                Field::Triggers => {
                    let chips = self
                        .trigger_order
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let on = if self.triggers.contains(t) {
                                "[x]"
                            } else {
                                "[ ]"
                            };
                            let star = if self.suggested.iter().any(|(s, _)| s == t) {
                                "*"
                            } else {
                                ""
                            };
                            let text = format!("{on}{t}{star}");
                            if focused && i == self.trigger_cursor {
                                Span::styled(text, theme.selected())
                            } else {
                                Span::raw(text)
                            }
                        })
                        .collect();
                    lines.extend(wrap_chips("Triggers", chips, focused, width, theme));
                    if !self.suggested.is_empty() {
                        let why: Vec<&str> =
                            self.suggested.iter().map(|(_, w)| w.as_str()).collect();
                        lines.push(hint_line(
                            &format!("* suggested by today's check-in: {}", why.join(", ")),
                            theme,
                        ));
                    }
                    if focused {
                        lines.push(hint_line("Left/Right move, Enter/Space toggles", theme));
                    }
                }
                Field::OtherTriggers => {
                    lines.extend(field_lines(
                        "Other triggers",
                        self.other_triggers.spans(focused, theme),
                        "your own names, with commas: late-gaming, heat-wave",
                        focused,
                        theme,
                    ));
                }
                Field::Reliefs => {
                    let chips = self
                        .reliefs
                        .iter()
                        .enumerate()
                        .map(|(i, (id, state))| {
                            let text = format!("{}{id}", state.mark());
                            if focused && i == self.relief_cursor {
                                Span::styled(text, theme.selected())
                            } else {
                                Span::raw(text)
                            }
                        })
                        .collect();
                    lines.extend(wrap_chips("Relief tried", chips, focused, width, theme));
                    if focused {
                        lines.push(hint_line(
                            "Enter/Space: [t] tried, [+] helped, [-] did not help, [ ] not tried",
                            theme,
                        ));
                    }
                }
                Field::Note => {
                    lines.push(row("Note", self.note.spans(focused, theme), focused, theme));
                }
            }
            for (f, message) in &self.errors {
                if *f == field {
                    lines.push(error_line(message, theme));
                }
            }
        }
        (lines, focus_line)
    }

    fn candidate_line(&self, width: usize, theme: &Theme) -> Line<'static> {
        let mut spans = vec![Span::raw(" ".repeat(super::form::LABEL_WIDTH))];
        let mut used = super::form::LABEL_WIDTH;
        let picking = self.browsing || !self.site_input.value().is_empty();
        let candidates = self.candidates();
        if candidates.is_empty() {
            spans.push(Span::styled("no site matches", theme.error()));
            return Line::from(spans);
        }
        // Start a little before the highlighted site, so it is always in view.
        let first = if picking {
            self.candidate.saturating_sub(3)
        } else {
            0
        };
        if first > 0 {
            spans.push(Span::styled(".. ", theme.dim()));
            used += 3;
        }
        for (i, c) in candidates.iter().enumerate().skip(first) {
            let chosen = picking && i == self.candidate;
            let text = if chosen {
                format!("[{}]", c.id)
            } else {
                c.id.clone()
            };
            if used + text.len() + 3 > width {
                spans.push(Span::styled("..", theme.dim()));
                break;
            }
            used += text.len() + 1;
            let style = if chosen {
                theme.selected()
            } else {
                theme.dim()
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        Line::from(spans)
    }
}
