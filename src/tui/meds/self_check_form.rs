//! Recording a self-check: the date, three strength tests and eight symptoms, each with one line
//! of plain explanation.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use uuid::Uuid;

use crate::catalog::catalog;
use crate::domain::{Field as DomainField, Invalid, SelfCheck, SelfCheckField, TestResult};
use crate::tui::clock::AppClock;
use crate::tui::form::layout::row;
use crate::tui::form::{Errors, Form, FormState, Open, Subject, TextField};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Day,
    /// A strength test, by its place in the catalogue (heel walk, jar, stairs).
    Test(usize),
    /// A symptom, by its place in the catalogue.
    Symptom(usize),
}

/// The strength tests of the catalogue: heel walk, jar, stairs.
const TESTS: usize = 3;

#[derive(Debug, Clone)]
pub struct SelfCheckForm {
    date: TextField,
    /// heel walk, jar, stairs.
    tests: [Option<TestResult>; TESTS],
    symptoms: Vec<bool>,
    /// The self-check the form was opened on to change it; `None` when recording one.
    original: Option<SelfCheck>,
}

impl SelfCheckForm {
    /// A self-check of `today`, nothing marked yet.
    pub fn open(today: NaiveDate) -> Open<SelfCheckForm> {
        let form = SelfCheckForm {
            date: TextField::placeholder(today.to_string()),
            tests: [None; TESTS],
            symptoms: vec![false; catalog().symptoms.len()],
            original: None,
        };
        Open::new(form, Self::fields(), Field::Test(0))
    }

    /// A self-check's form filled in, to change it.
    pub fn open_edit(check: SelfCheck) -> Open<SelfCheckForm> {
        let form = SelfCheckForm {
            date: TextField::new(check.date.to_string()),
            tests: [check.heel_walk, check.jar, check.stairs],
            symptoms: catalog()
                .symptoms
                .iter()
                .map(|s| check.symptoms.contains(&s.id))
                .collect(),
            original: Some(check),
        };
        Open::new(form, Self::fields(), Field::Test(0))
    }

    fn fields() -> Vec<Field> {
        std::iter::once(Field::Day)
            .chain((0..TESTS).map(Field::Test))
            .chain((0..catalog().symptoms.len()).map(Field::Symptom))
            .collect()
    }

    /// The self-check the form changes, as it was when opened; `None` when recording one.
    pub fn original(&self) -> Option<&SelfCheck> {
        self.original.as_ref()
    }

    /// A test steps ok, fail, not done (backwards when not `forward`); a symptom turns on or
    /// off. False on the date.
    fn toggle(&mut self, state: &mut FormState<Field>, field: Field, forward: bool) -> bool {
        match field {
            Field::Day => return false,
            Field::Test(i) => {
                let slot = &mut self.tests[i];
                *slot = match (*slot, forward) {
                    (None, true) | (Some(TestResult::Fail), false) => Some(TestResult::Ok),
                    (Some(TestResult::Ok), true) | (None, false) => Some(TestResult::Fail),
                    _ => None,
                };
            }
            Field::Symptom(i) => {
                let Some(s) = self.symptoms.get_mut(i) else {
                    return false;
                };
                *s = !*s;
            }
        }
        state.changed();
        true
    }
}

impl Form for SelfCheckForm {
    type Field = Field;
    type Value = SelfCheck;

    fn title(&self) -> String {
        match &self.original {
            Some(check) => format!("Change the self-check of {}", check.date),
            None => "Self-check".into(),
        }
    }

    fn intro(&self) -> &str {
        "Strength tests: Enter/Space or Left/Right for ok, fail, not done. Symptoms: Enter/Space marks one present."
    }

    fn subject(&self) -> Subject {
        match &self.original {
            Some(check) => Subject::SelfCheck { id: check.id },
            None => Subject::NewSelfCheck,
        }
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextField> {
        (field == Field::Day).then_some(&mut self.date)
    }

    fn row_for(&self, field: Option<DomainField>) -> Field {
        let field = match field {
            Some(DomainField::SelfCheck(f)) => Some(f),
            _ => None,
        };
        match field {
            Some(SelfCheckField::Date) => Field::Day,
            Some(SelfCheckField::HeelWalk) => Field::Test(0),
            Some(SelfCheckField::Jar) => Field::Test(1),
            Some(SelfCheckField::Stairs) => Field::Test(2),
            Some(SelfCheckField::Symptoms) => Field::Symptom(0),
            // Under the last row, where the save key is pressed.
            _ => Field::Symptom(self.symptoms.len().saturating_sub(1)),
        }
    }

    fn discard_question(&self) -> String {
        match &self.original {
            Some(check) => format!("Discard your changes to the self-check of {}?", check.date),
            None => "Discard the self-check you marked?".into(),
        }
    }

    fn choose(&mut self, state: &mut FormState<Field>, field: Field) {
        if !self.toggle(state, field, true) {
            state.focus_next();
        }
    }

    fn field_key(&mut self, state: &mut FormState<Field>, field: Field, key: &KeyEvent) -> bool {
        match key.code {
            KeyCode::Right => self.toggle(state, field, true),
            KeyCode::Left => self.toggle(state, field, false),
            _ => false,
        }
    }

    fn check(&mut self, clock: &AppClock, errors: &mut Errors<Field>) -> Option<SelfCheck> {
        let date = errors.past_day(Field::Day, self.date.text(), clock, "")?;
        if self.tests.iter().all(Option::is_none) && !self.symptoms.contains(&true) {
            errors.add(
                Field::Test(0),
                "nothing to record; mark a test ok or fail, or a symptom present",
            );
        }
        let (id, created, updated) = match &self.original {
            Some(check) => (check.id, check.created, check.updated),
            None => (Uuid::new_v4(), clock.now_utc(), clock.now_utc()),
        };
        Some(SelfCheck {
            id,
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
            created,
            updated,
        })
    }

    fn validate(check: &SelfCheck) -> Result<(), Invalid> {
        check.validate()
    }

    fn field_lines(
        &self,
        field: Field,
        focused: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let plain_or_selected = if focused {
            theme.selected()
        } else {
            Style::new()
        };
        match field {
            Field::Day => vec![row("Day", self.date.spans(focused, theme), focused, theme)],
            Field::Test(i) => {
                let test = &catalog().strength_tests[i];
                let value = match self.tests[i] {
                    Some(TestResult::Ok) => "ok",
                    Some(TestResult::Fail) => "FAIL",
                    None => "not done",
                };
                let mut spans = vec![Span::styled(format!("< {value:<8} >"), plain_or_selected)];
                // Every test explained when there is room, else the focused one.
                if width >= 100 || focused {
                    spans.push(Span::styled(format!("  {}", test.explain), theme.dim()));
                }
                let mut lines = vec![row(&test.label, spans, focused, theme)];
                if i + 1 == TESTS {
                    lines.push(Line::from(Span::styled(
                        "  Symptoms present",
                        theme.title(),
                    )));
                }
                lines
            }
            Field::Symptom(i) => {
                let symptom = &catalog().symptoms[i];
                let mark = if self.symptoms[i] { "[x]" } else { "[ ]" };
                let style = if focused {
                    plain_or_selected
                } else {
                    theme.dim()
                };
                vec![row(
                    &format!("{mark} {}", symptom.id),
                    vec![Span::styled(symptom.explain.clone(), style)],
                    focused,
                    theme,
                )]
            }
        }
    }
}
