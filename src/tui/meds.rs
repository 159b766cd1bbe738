//! Medications and self-checks: the lists, adding and stopping a medication, and recording a
//! self-check with one line of plain explanation for each item.

use std::cell::Cell;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use uuid::Uuid;

use super::app::{Action, store_message};
use super::clock::AppClock;
use super::form::{
    FormKey, FormOutcome, TextField, error_line, field_for, hint_line, navigate, row, scroll_for,
    wrap_lines,
};
use super::keymap::Keymap;
use super::select;
use super::theme::Theme;
use crate::catalog::catalog;
use crate::domain::{Medication, SelfCheck, TestResult, clean_note};
use crate::store::{Diary, StoreError};

/// The Meds & checks screen.
#[derive(Debug, Default)]
pub struct Meds {
    loaded: bool,
    meds: Vec<Medication>,
    /// Newest first.
    checks: Vec<SelfCheck>,
    selected: usize,
    /// The first row of the medication list as last drawn, for clicks.
    rows_top: Cell<u16>,
}

impl Meds {
    pub fn loaded(&self) -> bool {
        self.loaded
    }

    pub fn reload(&mut self, diary: &Diary) -> Result<(), StoreError> {
        self.meds = diary.medications()?;
        // Those still taken first, then by start date, newest first.
        self.meds.sort_by(|a, b| {
            a.stop
                .is_some()
                .cmp(&b.stop.is_some())
                .then(b.start.cmp(&a.start))
        });
        self.checks = diary.self_checks()?;
        self.checks.reverse();
        self.selected = self.selected.min(self.meds.len().saturating_sub(1));
        self.loaded = true;
        Ok(())
    }

    pub fn navigate(&mut self, action: Action) {
        let last = self.meds.len().saturating_sub(1);
        // A page holds every medication.
        self.selected = select::moved(self.selected, last, action, last);
    }

    pub fn click(&mut self, row: u16) {
        let top = self.rows_top.get();
        if row >= top {
            let i = (row - top) as usize;
            if i < self.meds.len() {
                self.selected = i;
            }
        }
    }

    /// The selected medication, when it is still being taken.
    pub fn selected_active(&self) -> Option<&Medication> {
        self.meds.get(self.selected).filter(|m| m.stop.is_none())
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, keys: &Keymap, theme: &Theme) {
        let area = area.inner(Margin::new(1, 0));
        let med_rows = (self.meds.len().max(1) + 3) as u16;
        let [meds, checks] = Layout::vertical([
            Constraint::Length(med_rows.min(area.height / 2 + 1)),
            Constraint::Min(0),
        ])
        .areas(area);
        let mut lines = vec![
            Line::from(vec![
                Span::styled("Medications ", theme.title()),
                Span::styled(
                    format!(
                        "{} adds, {} stops the selected one today",
                        keys.first_key("add_medication"),
                        keys.first_key("delete")
                    ),
                    theme.dim(),
                ),
            ]),
            Line::from(Span::styled(
                format!(
                    "  {:<18} {:<22} {:<10} {:<10} {}",
                    "NAME", "CLASS", "DOSE", "START", "STOP"
                ),
                theme.dim(),
            )),
        ];
        self.rows_top.set(meds.y + 2);
        if self.meds.is_empty() {
            lines.push(Line::from(
                "  None yet. Medicines matter: some classes are tied to cramps and twitching.",
            ));
        }
        for (i, m) in self.meds.iter().enumerate() {
            let text = format!(
                "{:<18} {:<22} {:<10} {:<10} {}",
                clip(&m.name, 18),
                clip(
                    catalog()
                        .medication_class(&m.class)
                        .map_or(m.class.as_str(), |c| c.label.as_str()),
                    22
                ),
                clip(m.dose.as_deref().unwrap_or(""), 10),
                m.start,
                m.stop
                    .map_or_else(|| "still taking".to_string(), |d| d.to_string())
            );
            lines.push(select::row(text, i == self.selected, theme));
        }
        frame.render_widget(Paragraph::new(lines), meds);
        let mut lines = vec![Line::from(vec![
            Span::styled("Self-checks ", theme.title()),
            Span::styled(
                format!(
                    "{} records one: heel walk, jar, stairs, symptoms",
                    keys.first_key("self_check")
                ),
                theme.dim(),
            ),
        ])];
        if self.checks.is_empty() {
            lines.push(Line::from(
                "  None yet. A self-check takes a minute and looks for the red flags.",
            ));
        }
        for c in &self.checks {
            let test = |name: &str, r: Option<TestResult>| match r {
                Some(r) => format!("{name} {}", r.as_str()),
                None => format!("{name} ?"),
            };
            let symptoms = if c.symptoms.is_empty() {
                "no symptoms".to_string()
            } else {
                format!("symptoms: {}", c.symptoms.join(", "))
            };
            let level = crate::patterns::self_check_level(c);
            lines.push(Line::from(vec![
                Span::raw(format!(
                    "  {}  {}  {}  {}  {}",
                    c.date,
                    test("heel walk", c.heel_walk),
                    test("jar", c.jar),
                    test("stairs", c.stairs),
                    symptoms
                )),
                match level {
                    Some(crate::patterns::Level::Urgent) => {
                        Span::styled("  !!! red flag", theme.error())
                    }
                    Some(_) => Span::styled("  !! see a doctor", theme.title()),
                    None => Span::raw(""),
                },
            ]));
        }
        frame.render_widget(Paragraph::new(lines), checks);
    }
}

fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "~"
    }
}

fn is_typed(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MedField {
    Name,
    Class,
    Dose,
    Start,
}

const MED_FIELDS: &[MedField] = &[
    MedField::Name,
    MedField::Class,
    MedField::Dose,
    MedField::Start,
];

/// Adding a medication.
#[derive(Debug, Clone)]
pub struct MedForm {
    focus: usize,
    name: TextField,
    class: usize,
    dose: TextField,
    start: TextField,
    errors: Vec<(MedField, String)>,
    pub dirty: bool,
}

impl MedForm {
    pub fn new() -> MedForm {
        MedForm {
            focus: 0,
            name: TextField::default(),
            class: catalog()
                .medication_classes
                .iter()
                .position(|c| c.id == "other")
                .unwrap_or(0),
            dose: TextField::default(),
            start: TextField::new("today"),
            errors: Vec::new(),
            dirty: false,
        }
    }

    fn field(&self) -> MedField {
        MED_FIELDS[self.focus.min(MED_FIELDS.len() - 1)]
    }

    fn text_mut(&mut self, field: MedField) -> Option<&mut TextField> {
        match field {
            MedField::Name => Some(&mut self.name),
            MedField::Dose => Some(&mut self.dose),
            MedField::Start => Some(&mut self.start),
            MedField::Class => None,
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
        }
    }

    pub fn handle(&mut self, key: KeyEvent, form_key: Option<FormKey>) -> FormOutcome {
        let field = self.field();
        if is_typed(&key)
            && let Some(t) = self.text_mut(field)
        {
            t.handle(key);
            self.dirty = true;
            return FormOutcome::Handled;
        }
        let n = catalog().medication_classes.len();
        let count = MED_FIELDS.len();
        if let Some(outcome) = navigate(&mut self.focus, count, form_key) {
            return outcome;
        }
        if form_key == Some(FormKey::Choose) {
            if field == MedField::Class {
                self.class = (self.class + 1) % n;
                self.dirty = true;
            } else {
                self.focus = (self.focus + 1).min(MED_FIELDS.len() - 1);
            }
            return FormOutcome::Handled;
        }
        if field == MedField::Class {
            match key.code {
                KeyCode::Right => self.class = (self.class + 1) % n,
                KeyCode::Left => self.class = (self.class + n - 1) % n,
                _ => return FormOutcome::Unhandled,
            }
            self.dirty = true;
            return FormOutcome::Handled;
        }
        {
            let used = self.text_mut(field).is_some_and(|t| t.handle(key));
            if used {
                self.dirty = true;
                FormOutcome::Handled
            } else {
                FormOutcome::Unhandled
            }
        }
    }

    pub fn store_error(&mut self, e: StoreError) {
        let (input, message) = store_message(&e);
        let table = [
            ("NAME", MedField::Name),
            ("--class", MedField::Class),
            ("--dose", MedField::Dose),
            ("--start", MedField::Start),
        ];
        let field = input.map_or(MedField::Name, |i| {
            field_for(&i.field, &table, MedField::Name)
        });
        self.errors.push((field, message));
    }

    pub fn build(&mut self, clock: &AppClock) -> Result<Medication, ()> {
        self.errors.clear();
        let now = clock.now_utc();
        let start = match clock.parse_day(self.start.value()) {
            Ok(d) => d,
            Err(m) => {
                self.errors.push((MedField::Start, m));
                clock.today()
            }
        };
        let med = Medication {
            id: Uuid::new_v4(),
            name: self.name.value().trim().to_string(),
            class: catalog().medication_classes[self.class].id.clone(),
            dose: clean_note(Some(self.dose.value().trim().to_string())),
            start,
            stop: None,
            created: now,
            updated: now,
        };
        if let Err(e) = med.validate() {
            let table = [
                ("NAME", MedField::Name),
                ("--class", MedField::Class),
                ("--dose", MedField::Dose),
            ];
            self.errors
                .push((field_for(&e.field, &table, MedField::Name), e.message));
        }
        if self.errors.is_empty() {
            Ok(med)
        } else {
            Err(())
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let block = Block::bordered().title(Span::styled(" Add a medication ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let class = &catalog().medication_classes[self.class];
        let mut lines = vec![
            Line::from(Span::styled(
                "Some medicines are tied to cramps or twitching; the pattern view watches the weeks after a start.",
                theme.dim(),
            )),
            Line::from(""),
        ];
        for &field in MED_FIELDS {
            let focused = field == self.field();
            match field {
                MedField::Name => {
                    lines.push(row("Name", self.name.spans(focused, theme), focused, theme))
                }
                MedField::Class => {
                    let shown = format!("< {} >", class.label);
                    let style = if focused {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    };
                    lines.push(row(
                        "Class",
                        vec![Span::styled(shown, style)],
                        focused,
                        theme,
                    ));
                    if !class.examples.is_empty() {
                        lines.push(hint_line(&format!("e.g. {}", class.examples), theme));
                    }
                    if !class.evidence.is_empty() {
                        lines.push(hint_line(&class.evidence, theme));
                    }
                    if focused {
                        lines.push(hint_line("Left/Right or Enter change the class", theme));
                    }
                }
                MedField::Dose => {
                    lines.push(row("Dose", self.dose.spans(focused, theme), focused, theme))
                }
                MedField::Start => {
                    lines.push(row(
                        "Started",
                        self.start.spans(focused, theme),
                        focused,
                        theme,
                    ));
                    if focused {
                        lines.push(hint_line("today, yesterday, YYYY-MM-DD", theme));
                    }
                }
            }
            for (f, m) in &self.errors {
                if *f == field {
                    lines.push(error_line(m, theme));
                }
            }
        }
        let (lines, _) = wrap_lines(lines, inner.width as usize);
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// Recording a self-check: the date, three strength tests, eight symptoms.
#[derive(Debug, Clone)]
pub struct SelfCheckForm {
    focus: usize,
    date: TextField,
    /// heel walk, jar, stairs.
    tests: [Option<TestResult>; 3],
    symptoms: Vec<bool>,
    errors: Vec<String>,
    pub dirty: bool,
}

impl SelfCheckForm {
    pub fn new(today: NaiveDate) -> SelfCheckForm {
        SelfCheckForm {
            focus: 1,
            date: TextField::new(today.to_string()),
            tests: [None; 3],
            symptoms: vec![false; catalog().symptoms.len()],
            errors: Vec::new(),
            dirty: false,
        }
    }

    fn field_count(&self) -> usize {
        1 + 3 + self.symptoms.len()
    }

    pub fn error_messages(&self) -> Vec<String> {
        self.errors.clone()
    }

    fn toggle(&mut self, forward: bool) {
        match self.focus {
            0 => {}
            i @ 1..=3 => {
                let slot = &mut self.tests[i - 1];
                *slot = match (*slot, forward) {
                    (None, true) | (Some(TestResult::Fail), false) => Some(TestResult::Ok),
                    (Some(TestResult::Ok), true) | (None, false) => Some(TestResult::Fail),
                    _ => None,
                };
                self.dirty = true;
            }
            i => {
                if let Some(s) = self.symptoms.get_mut(i - 4) {
                    *s = !*s;
                    self.dirty = true;
                }
            }
        }
    }

    pub fn handle(&mut self, key: KeyEvent, form_key: Option<FormKey>) -> FormOutcome {
        if self.focus == 0 && is_typed(&key) {
            self.date.handle(key);
            self.dirty = true;
            return FormOutcome::Handled;
        }
        let count = self.field_count();
        if let Some(outcome) = navigate(&mut self.focus, count, form_key) {
            return outcome;
        }
        if form_key == Some(FormKey::Choose) {
            if self.focus == 0 {
                self.focus = 1;
            } else {
                self.toggle(true);
            }
            return FormOutcome::Handled;
        }
        match (self.focus, key.code) {
            (0, _) if self.date.handle(key) => {
                self.dirty = true;
                FormOutcome::Handled
            }
            (1.., KeyCode::Right) => {
                self.toggle(true);
                FormOutcome::Handled
            }
            (1.., KeyCode::Left) => {
                self.toggle(false);
                FormOutcome::Handled
            }
            _ => FormOutcome::Unhandled,
        }
    }

    pub fn store_error(&mut self, e: StoreError) {
        self.errors.push(store_message(&e).1);
    }

    pub fn build(&mut self, clock: &AppClock) -> Result<SelfCheck, ()> {
        self.errors.clear();
        let date = match clock.parse_day(self.date.value()) {
            Ok(d) if d > clock.today() => {
                self.errors.push(format!("{d} is in the future"));
                return Err(());
            }
            Ok(d) => d,
            Err(m) => {
                self.errors.push(m);
                return Err(());
            }
        };
        let check = SelfCheck {
            id: Uuid::new_v4(),
            date,
            heel_walk: self.tests[0],
            jar: self.tests[1],
            stairs: self.tests[2],
            symptoms: catalog()
                .symptoms
                .iter()
                .zip(&self.symptoms)
                .filter(|(_, on)| **on)
                .map(|(s, _)| s.id.clone())
                .collect(),
            created: clock.now_utc(),
        };
        match check.validate() {
            Ok(()) => Ok(check),
            Err(e) => {
                self.errors.push(e.message.replace(
                    "give --heel-walk, --jar, --stairs (ok or fail) or --symptom",
                    "mark a test ok or fail, or a symptom present",
                ));
                Err(())
            }
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let block = Block::bordered().title(Span::styled(" Self-check ", theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let wide = inner.width >= 100;
        let mut lines = vec![
            Line::from(Span::styled(
                "Strength tests: Enter/Space or Left/Right for ok, fail, not done. Symptoms: Enter/Space marks one present.",
                theme.dim(),
            )),
            Line::from(""),
        ];
        let focus0 = self.focus == 0;
        lines.push(row("Day", self.date.spans(focus0, theme), focus0, theme));
        let mut focus_line = if focus0 { lines.len() - 1 } else { 0 };
        for (i, t) in catalog().strength_tests.iter().enumerate() {
            let focused = self.focus == i + 1;
            if focused {
                focus_line = lines.len();
            }
            let value = match self.tests[i] {
                Some(TestResult::Ok) => "ok",
                Some(TestResult::Fail) => "FAIL",
                None => "not done",
            };
            let shown = format!("< {value:<8} >");
            let style = if focused {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            let mut spans = vec![Span::styled(shown, style)];
            if wide || focused {
                spans.push(Span::styled(format!("  {}", t.explain), theme.dim()));
            }
            lines.push(row(&t.label, spans, focused, theme));
        }
        lines.push(Line::from(Span::styled(
            "  Symptoms present",
            theme.title(),
        )));
        for (i, s) in catalog().symptoms.iter().enumerate() {
            let focused = self.focus == i + 4;
            if focused {
                focus_line = lines.len();
            }
            let mark = if self.symptoms[i] { "[x]" } else { "[ ]" };
            let style = if focused {
                theme.selected()
            } else {
                ratatui::style::Style::new()
            };
            lines.push(row(
                &format!("{mark} {}", s.id),
                vec![Span::styled(
                    s.explain.clone(),
                    if focused { style } else { theme.dim() },
                )],
                focused,
                theme,
            ));
        }
        for e in &self.errors {
            lines.push(error_line(e, theme));
        }
        let (lines, starts) = wrap_lines(lines, inner.width as usize);
        let focus_line = starts.get(focus_line).copied().unwrap_or(0);
        let scroll = scroll_for(focus_line, inner.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    }
}
