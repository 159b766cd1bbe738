//! The form that logs (or edits) a twitch or a cramp. Where the episode happened is picked in
//! [`sites`]; the body map beside the form shows the last 90 days and the sites picked. The
//! triggers offered first are those the check-in of the day When names points at.

mod sites;

use chrono::{DateTime, FixedOffset, NaiveDate};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;

use self::sites::SitePicker;
use super::clock::AppClock;
use super::form::layout::{chip, field_lines, hint_line, row, toggle, wrap_chips};
use super::form::{Errors, Form, FormState, Open, Subject, TextField};
use super::theme::Theme;
use super::widgets::body_map::BodyMap;
use crate::catalog::catalog;
use crate::domain::episode::{INTENSITY_RANGE, PAIN_RANGE, parse_trigger};
use crate::domain::quantities::whole_number;
use crate::domain::{
    Episode, EpisodeField, Field as DomainField, Invalid, Kind, ReliefUse, check_not_future,
    clean_note, parse_duration,
};
use crate::patterns::charts::SiteCount;
use crate::patterns::suggestions::Suggestion;
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
    when: TextField,
    sites: SitePicker,
    severity: TextField,
    visible: Option<bool>,
    hardening: Option<bool>,
    lost_motion: Option<bool>,
    duration: TextField,
    sore_days: TextField,
    /// The catalogue's triggers, those suggested first.
    trigger_order: Vec<String>,
    triggers: Vec<String>,
    trigger_cursor: usize,
    suggested: Vec<Suggestion>,
    /// The day whose check-in `suggested` comes from, and the day that was today then; `None`
    /// while When names no day.
    suggested_for: Option<(NaiveDate, NaiveDate)>,
    other_triggers: TextField,
    reliefs: Vec<(String, ReliefState)>,
    relief_cursor: usize,
    note: TextField,
    /// The body map's counts (Today's, the last 90 days).
    site_counts: Vec<SiteCount>,
}

/// An episode's start as the form shows it.
fn start_text(e: &Episode) -> String {
    e.start.format("%Y-%m-%d %H:%M").to_string()
}

/// A duration as the How long row shows what it read: "15 s", "3 min", "1 h 30 min".
fn duration_in_words(seconds: u32) -> String {
    let (h, m, s) = (seconds / 3600, seconds % 3600 / 60, seconds % 60);
    let parts: Vec<String> = [(h, "h"), (m, "min"), (s, "s")]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, unit)| format!("{n} {unit}"))
        .collect();
    if parts.is_empty() {
        "0 s".into()
    } else {
        parts.join(" ")
    }
}

/// The custom triggers typed, as they will be kept (lowercase, spaces as '-'), when that is
/// not what was typed; `None` too while a name is not one, which saving then says.
fn kept_trigger_names(typed: &str) -> Option<String> {
    let typed: Vec<&str> = typed
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect();
    let kept = typed
        .iter()
        .map(|t| parse_trigger(t))
        .collect::<Result<Vec<String>, String>>()
        .ok()?;
    (kept != typed).then(|| kept.join(", "))
}

impl LogForm {
    /// A new episode of `kind`, starting now; the body map shows `site_counts`. Its suggested
    /// triggers come from [`LogForm::follow_when`], as for an edit.
    pub fn open(kind: Kind, site_counts: Vec<SiteCount>) -> Open<LogForm> {
        Open::new(
            LogForm::new(kind, site_counts),
            LogForm::fields(kind),
            Field::Sites,
        )
    }

    /// The episode's form filled in, to change it.
    pub fn open_edit(episode: Episode, site_counts: Vec<SiteCount>) -> Open<LogForm> {
        let kind = episode.kind;
        Open::new(
            LogForm::edit(episode, site_counts),
            LogForm::fields(kind),
            Field::When,
        )
    }

    /// Follows When to the local day it names: the triggers suggested first are those that
    /// day's check-in points at, read by `suggest` only when the day changed; none while When
    /// names no day.
    pub fn follow_when(
        &mut self,
        clock: &AppClock,
        suggest: impl FnOnce(NaiveDate) -> Result<Vec<Suggestion>, StoreError>,
    ) -> Result<(), StoreError> {
        let when = self.when_text();
        let day = self
            .unchanged_start(&when)
            .map_or_else(|| clock.parse_start(&when), Ok)
            .ok()
            .map(|start| (start.date_naive(), clock.today()));
        if day == self.suggested_for {
            return Ok(());
        }
        let suggested = match day {
            Some((day, _)) => suggest(day)?,
            None => Vec::new(),
        };
        self.suggested_for = day;
        self.set_suggested(suggested);
        Ok(())
    }

    /// Puts `suggested` first among the trigger chips, the cursor on the first, as a form
    /// opens (only When changes them, so the cursor was not moved on these chips).
    fn set_suggested(&mut self, suggested: Vec<Suggestion>) {
        let mut order: Vec<String> = suggested.iter().map(|s| s.trigger.clone()).collect();
        for t in &catalog().triggers {
            if !order.contains(&t.id) {
                order.push(t.id.clone());
            }
        }
        self.trigger_order = order;
        self.trigger_cursor = 0;
        self.suggested = suggested;
    }

    /// What When holds, "now" while it is blank.
    fn when_text(&self) -> String {
        self.when.trimmed().unwrap_or("now").to_string()
    }

    /// An edit's own start while When is left as shown (its seconds and offset kept).
    fn unchanged_start(&self, when: &str) -> Option<DateTime<FixedOffset>> {
        self.original
            .as_ref()
            .filter(|e| when == start_text(e))
            .map(|e| e.start)
    }

    fn fields(kind: Kind) -> &'static [Field] {
        match kind {
            Kind::Twitch => TWITCH_FIELDS,
            Kind::Cramp => CRAMP_FIELDS,
        }
    }

    fn new(kind: Kind, site_counts: Vec<SiteCount>) -> LogForm {
        let trigger_order = catalog().triggers.iter().map(|t| t.id.clone()).collect();
        LogForm {
            kind,
            original: None,
            when: TextField::placeholder("now"),
            sites: SitePicker::default(),
            severity: TextField::default(),
            visible: None,
            hardening: None,
            lost_motion: None,
            duration: TextField::default(),
            sore_days: TextField::default(),
            trigger_order,
            triggers: Vec::new(),
            trigger_cursor: 0,
            suggested: Vec::new(),
            suggested_for: None,
            other_triggers: TextField::default(),
            reliefs: catalog()
                .reliefs
                .iter()
                .map(|r| (r.id.clone(), ReliefState::NotTried))
                .collect(),
            relief_cursor: 0,
            note: TextField::default(),
            site_counts,
        }
    }

    fn edit(episode: Episode, site_counts: Vec<SiteCount>) -> LogForm {
        let mut f = LogForm::new(episode.kind, site_counts);
        f.when = TextField::new(start_text(&episode));
        f.sites = SitePicker::new(episode.sites.clone());
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

    /// The episode being edited, as it was when the form opened.
    pub fn original(&self) -> Option<&Episode> {
        self.original.as_ref()
    }

    /// The reliefs the form records: none of its own for a twitch, whose reliefs (given on
    /// the command line) an edit keeps.
    fn reliefs(&self) -> Vec<ReliefUse> {
        match self.kind {
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
        }
    }

    /// The trigger chips, the suggested ones starred and explained.
    fn trigger_lines(&self, focused: bool, width: usize, theme: &Theme) -> Vec<Line<'static>> {
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
                let star = if self.suggested.iter().any(|s| s.trigger == *t) {
                    "*"
                } else {
                    ""
                };
                chip(
                    format!("{on}{t}{star}"),
                    focused && i == self.trigger_cursor,
                    theme,
                )
            })
            .collect();
        let mut lines = wrap_chips("Triggers", chips, focused, width, theme);
        if let Some((day, today)) = self.suggested_for
            && !self.suggested.is_empty()
        {
            let why: Vec<&str> = self.suggested.iter().map(|s| s.reason.as_str()).collect();
            let checkin = if day == today {
                "today's check-in".to_string()
            } else {
                format!("the check-in of {day}")
            };
            lines.push(hint_line(
                &format!("* suggested by {checkin}: {}", why.join(", ")),
                theme,
            ));
        }
        if focused {
            lines.push(hint_line("Left/Right move, Enter/Space toggles", theme));
        }
        lines
    }
}

impl Form for LogForm {
    type Field = Field;
    type Value = Episode;

    fn title(&self) -> String {
        match &self.original {
            Some(e) => format!(
                "Change the {} of {}",
                self.kind,
                e.start.format("%Y-%m-%d %H:%M")
            ),
            None => format!("Log a {}", self.kind),
        }
    }

    fn intro(&self) -> &str {
        self.kind.hint()
    }

    fn subject(&self) -> Subject {
        match &self.original {
            Some(e) => Subject::Episode { id: e.id },
            None => Subject::NewEpisode { kind: self.kind },
        }
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextField> {
        match field {
            Field::When => Some(&mut self.when),
            Field::Sites => Some(self.sites.input_mut()),
            Field::Severity => Some(&mut self.severity),
            Field::Duration => Some(&mut self.duration),
            Field::SoreDays => Some(&mut self.sore_days),
            Field::OtherTriggers => Some(&mut self.other_triggers),
            Field::Note => Some(&mut self.note),
            _ => None,
        }
    }

    fn row_for(&self, field: Option<DomainField>) -> Field {
        let Some(DomainField::Episode(field)) = field else {
            return Field::Note;
        };
        match field {
            EpisodeField::Start => Field::When,
            EpisodeField::Sites => Field::Sites,
            EpisodeField::Intensity | EpisodeField::Pain => Field::Severity,
            EpisodeField::Visible => Field::Visible,
            EpisodeField::Hardening => Field::Hardening,
            EpisodeField::LostMotion => Field::LostMotion,
            EpisodeField::Duration => Field::Duration,
            EpisodeField::SoreDays => Field::SoreDays,
            EpisodeField::Triggers => Field::OtherTriggers,
            EpisodeField::Reliefs => Field::Reliefs,
            EpisodeField::Note => Field::Note,
        }
    }

    fn typed(&mut self, field: Field) {
        if field == Field::Sites {
            self.sites.typed();
        }
    }

    /// Leaving Where with a site typed adds it, as Enter does, when it is one site; else the
    /// focus stays and says why.
    fn leave(&mut self, state: &mut FormState<Field>, field: Field) -> bool {
        if field != Field::Sites {
            return true;
        }
        match self.sites.complete() {
            None => true,
            Some(Ok(changed)) => {
                if changed {
                    state.changed();
                }
                state.clear_error(Field::Sites);
                true
            }
            Some(Err(m)) => {
                state.set_error(Field::Sites, m);
                false
            }
        }
    }

    fn discard_question(&self) -> String {
        match &self.original {
            Some(_) => format!("Discard your changes to the {}?", self.kind),
            None => format!("Discard the {} you typed?", self.kind),
        }
    }

    fn choose(&mut self, state: &mut FormState<Field>, field: Field) {
        match field {
            Field::Sites => match self.sites.choose() {
                None => state.focus_next(),
                Some(Ok(false)) => {}
                Some(Ok(true)) => {
                    state.clear_error(Field::Sites);
                    state.changed();
                }
                Some(Err(m)) => state.set_error(Field::Sites, m),
            },
            Field::Triggers => {
                if let Some(t) = self.trigger_order.get(self.trigger_cursor).cloned() {
                    if let Some(i) = self.triggers.iter().position(|x| *x == t) {
                        self.triggers.remove(i);
                    } else {
                        self.triggers.push(t);
                    }
                    state.changed();
                }
            }
            Field::Reliefs => {
                if let Some(slot) = self.reliefs.get_mut(self.relief_cursor) {
                    slot.1 = slot.1.next();
                    state.changed();
                }
            }
            _ => {
                if !self.cycle_toggle(state, field) {
                    state.focus_next();
                }
            }
        }
    }

    fn toggle_mut(&mut self, field: Field) -> Option<&mut Option<bool>> {
        match field {
            Field::Visible => Some(&mut self.visible),
            Field::Hardening => Some(&mut self.hardening),
            Field::LostMotion => Some(&mut self.lost_motion),
            _ => None,
        }
    }

    fn field_key(&mut self, state: &mut FormState<Field>, field: Field, key: &KeyEvent) -> bool {
        if field == Field::Sites {
            let Some(changed) = self.sites.key(key) else {
                return false;
            };
            if changed {
                state.changed();
            }
            return true;
        }
        let step = |cursor: &mut usize, len: usize| match key.code {
            KeyCode::Left => *cursor = cursor.saturating_sub(1),
            _ => *cursor = (*cursor + 1).min(len.saturating_sub(1)),
        };
        if !matches!(key.code, KeyCode::Left | KeyCode::Right) {
            return false;
        }
        match field {
            Field::Triggers => step(&mut self.trigger_cursor, self.trigger_order.len()),
            Field::Reliefs => step(&mut self.relief_cursor, self.reliefs.len()),
            _ => return self.cycle_toggle(state, field),
        }
        true
    }

    /// The episode the form describes.
    fn check(&mut self, clock: &AppClock, errors: &mut Errors<Field>) -> Option<Episode> {
        let now = clock.now_utc();
        let when = self.when_text();
        let start = match self.unchanged_start(&when) {
            Some(start) => Some(start),
            None => clock
                .parse_start(&when)
                .and_then(|t| {
                    check_not_future(t, clock.now_fixed())
                        .map(|()| t)
                        .map_err(|e| e.message)
                })
                .map_err(|m| errors.add(Field::When, m))
                .ok(),
        };
        // What is typed in Where counts when it names one site, as Tab would take it.
        if let Some(Err(m)) = self.sites.complete() {
            errors.add(Field::Sites, m);
        }
        let (low, high, what) = match self.kind {
            Kind::Twitch => (INTENSITY_RANGE.0, INTENSITY_RANGE.1, "intensity"),
            Kind::Cramp => (PAIN_RANGE.0, PAIN_RANGE.1, "pain"),
        };
        let severity = errors.read(Field::Severity, &self.severity, |s| {
            whole_number::<u8>(s, &format!("{what} from {low} to {high}"))
        });
        let duration = errors.read(Field::Duration, &self.duration, parse_duration);
        let sore_days = match self.kind {
            Kind::Cramp => errors.read(Field::SoreDays, &self.sore_days, |s| {
                s.parse::<u16>()
                    .map_err(|_| format!("'{s}' is not a number of days; accepted: 0 to 60"))
            }),
            Kind::Twitch => None,
        };
        let mut triggers = self.triggers.clone();
        for part in self.other_triggers.value().split(',') {
            if part.trim().is_empty() {
                continue;
            }
            match parse_trigger(part) {
                Ok(t) if !triggers.contains(&t) => triggers.push(t),
                Ok(_) => {}
                Err(m) => errors.add(Field::OtherTriggers, m),
            }
        }
        let start = start?;
        let mut episode = match &self.original {
            Some(e) => e.clone(),
            None => Episode::new(self.kind, start, Vec::new(), now),
        };
        episode.start = start;
        episode.sites = self.sites.sites().to_vec();
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
        episode.reliefs = self.reliefs();
        episode.note = clean_note(Some(self.note.value().to_string()));
        Some(episode)
    }

    fn validate(episode: &Episode) -> Result<(), Invalid> {
        episode.validate()
    }

    /// The form, and beside it where there is room the body map with the sites picked.
    fn draw(&self, state: &FormState<Field>, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = self.draw_border(frame, area, theme);
        let map = BodyMap::size();
        if inner.width < 100 || inner.height <= map.1 {
            self.draw_fields(state, frame, inner, theme);
            return;
        }
        let [form_area, map_area] =
            Layout::horizontal([Constraint::Min(60), Constraint::Length(map.0 + 2)]).areas(inner);
        self.draw_fields(state, frame, form_area, theme);
        let picked = self.sites.on_the_map(state.focused() == Field::Sites);
        frame.render_widget(
            BodyMap::new(&self.site_counts, &picked, theme, "Where, last 90 days"),
            map_area,
        );
    }

    fn field_lines(
        &self,
        field: Field,
        focused: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let text = |t: &TextField| t.spans(focused, theme);
        let (label, value, hint) = match field {
            Field::When => (
                "When",
                text(&self.when),
                "now, -20m, 14:05, yesterday 23:10, 2026-11-20 08:00",
            ),
            Field::Sites => {
                let mut lines = vec![row(
                    "Where",
                    self.sites.spans(focused, theme),
                    focused,
                    theme,
                )];
                if focused {
                    lines.push(self.sites.candidate_line(width, theme));
                    lines.push(hint_line(
                        "type (calf:l, left calf) or Left/Right to pick; Enter or Tab adds",
                        theme,
                    ));
                }
                return lines;
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
                (label, text(&self.severity), hint)
            }
            Field::Visible | Field::Hardening | Field::LostMotion => {
                let (label, value, question) = match field {
                    Field::Visible => ("Visible", self.visible, "could it be seen under the skin?"),
                    Field::Hardening => ("Went hard", self.hardening, "did the muscle go hard?"),
                    _ => (
                        "Lost movement",
                        self.lost_motion,
                        "was movement restricted?",
                    ),
                };
                return field_lines(
                    label,
                    vec![toggle(value, focused, theme)],
                    &format!("{question} Enter/Space: unknown, yes, no"),
                    focused,
                    theme,
                );
            }
            // A bare number is seconds, which a person meaning minutes would not guess.
            Field::Duration => (
                "How long",
                self.duration.spans_read_as(
                    focused,
                    theme,
                    self.duration
                        .trimmed()
                        .and_then(|s| parse_duration(s).ok())
                        .map(duration_in_words),
                ),
                "45s, 3m, 1h30m; a bare number is seconds; blank if unknown",
            ),
            Field::SoreDays => (
                "Sore for days",
                text(&self.sore_days),
                "days the muscle stayed sore afterwards",
            ),
            Field::Triggers => return self.trigger_lines(focused, width, theme),
            Field::OtherTriggers => (
                "Other triggers",
                self.other_triggers.spans_read_as(
                    focused,
                    theme,
                    kept_trigger_names(self.other_triggers.value()),
                ),
                "your own lowercase names, with commas: late-gaming, heat-wave",
            ),
            Field::Reliefs => {
                let chips = self
                    .reliefs
                    .iter()
                    .enumerate()
                    .map(|(i, (id, state))| {
                        chip(
                            format!("{}{id}", state.mark()),
                            focused && i == self.relief_cursor,
                            theme,
                        )
                    })
                    .collect();
                let mut lines = wrap_chips("Relief tried", chips, focused, width, theme);
                if focused {
                    lines.push(hint_line(
                        "Enter/Space: [t] tried, [+] helped, [-] did not help, [ ] not tried",
                        theme,
                    ));
                }
                return lines;
            }
            Field::Note => ("Note", text(&self.note), ""),
        };
        field_lines(label, value, hint, focused, theme)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_duration_reads_in_words() {
        assert_eq!(duration_in_words(15), "15 s");
        assert_eq!(duration_in_words(90), "1 min 30 s");
        assert_eq!(duration_in_words(3600), "1 h");
        assert_eq!(duration_in_words(5400), "1 h 30 min");
        assert_eq!(duration_in_words(0), "0 s");
    }

    #[test]
    fn custom_triggers_read_as_kept_only_when_that_differs() {
        assert_eq!(kept_trigger_names("late-gaming, heat-wave"), None);
        assert_eq!(
            kept_trigger_names("Bright-Lights,late gaming"),
            Some("bright-lights, late-gaming".into())
        );
        assert_eq!(kept_trigger_names("Bright!"), None, "saving says why");
    }
}
