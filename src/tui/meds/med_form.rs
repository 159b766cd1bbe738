//! Adding a medication: its name, its class (the catalogue's, with what ties it to cramps or
//! twitching), the dose and the day it was started; changing one adds the day it was stopped,
//! which may be any day from its start to today.

use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use uuid::Uuid;

use crate::catalog::catalog;
use crate::domain::{Field as DomainField, Invalid, Medication, MedicationField, clean_note};
use crate::tui::clock::AppClock;
use crate::tui::form::layout::{field_lines, hint_line, row};
use crate::tui::form::{Errors, Form, FormState, Open, Subject, TextField};
use crate::tui::theme::Theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Class,
    Dose,
    Start,
    Stop,
}

#[derive(Debug, Clone)]
pub struct MedForm {
    name: TextField,
    /// The class, as its place in the catalogue.
    class: usize,
    dose: TextField,
    start: TextField,
    stop: TextField,
    /// The medication the form was opened on to change it; `None` when adding one.
    original: Option<Medication>,
}

impl MedForm {
    pub fn open() -> Open<MedForm> {
        let form = MedForm {
            name: TextField::default(),
            class: catalog()
                .medication_classes
                .iter()
                .position(|c| c.id == "other")
                .unwrap_or(0),
            dose: TextField::default(),
            start: TextField::placeholder("today"),
            stop: TextField::default(),
            original: None,
        };
        let fields = [Field::Name, Field::Class, Field::Dose, Field::Start];
        Open::new(form, fields, Field::Name)
    }

    /// The medication's form filled in, to change it or record its stop.
    pub fn open_edit(med: Medication) -> Open<MedForm> {
        let form = MedForm {
            name: TextField::new(med.name.clone()),
            class: catalog()
                .medication_classes
                .iter()
                .position(|c| c.id == med.class)
                .unwrap_or(0),
            dose: TextField::new(med.dose.clone().unwrap_or_default()),
            start: TextField::new(med.start.to_string()),
            stop: TextField::new(med.stop.map(|d| d.to_string()).unwrap_or_default()),
            original: Some(med),
        };
        let fields = [
            Field::Name,
            Field::Class,
            Field::Dose,
            Field::Start,
            Field::Stop,
        ];
        Open::new(form, fields, Field::Name)
    }

    /// The medication the form changes, as it was when opened; `None` when adding one.
    pub fn original(&self) -> Option<&Medication> {
        self.original.as_ref()
    }

    /// The next class in the catalogue (the previous one when not `forward`), round the end.
    fn step_class(&mut self, state: &mut FormState<Field>, forward: bool) {
        let n = catalog().medication_classes.len();
        self.class = if forward {
            (self.class + 1) % n
        } else {
            (self.class + n - 1) % n
        };
        state.changed();
    }
}

impl Form for MedForm {
    type Field = Field;
    type Value = Medication;

    fn title(&self) -> String {
        match &self.original {
            Some(med) => format!("Change {}", med.name),
            None => "Add a medication".into(),
        }
    }

    fn intro(&self) -> &str {
        "Some medicines are tied to cramps or twitching; the pattern view watches the weeks after a start."
    }

    fn subject(&self) -> Subject {
        match &self.original {
            Some(med) => Subject::Medication { id: med.id },
            None => Subject::NewMedication,
        }
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextField> {
        match field {
            Field::Name => Some(&mut self.name),
            Field::Dose => Some(&mut self.dose),
            Field::Start => Some(&mut self.start),
            Field::Stop => Some(&mut self.stop),
            Field::Class => None,
        }
    }

    fn row_for(&self, field: Option<DomainField>) -> Field {
        match field {
            Some(DomainField::Medication(MedicationField::Class)) => Field::Class,
            Some(DomainField::Medication(MedicationField::Dose)) => Field::Dose,
            Some(DomainField::Medication(MedicationField::Start)) => Field::Start,
            Some(DomainField::Medication(MedicationField::Stop)) if self.original.is_some() => {
                Field::Stop
            }
            _ => Field::Name,
        }
    }

    fn discard_question(&self) -> String {
        match &self.original {
            Some(med) => format!("Discard your changes to {}?", med.name),
            None => "Discard the medication you typed?".into(),
        }
    }

    fn choose(&mut self, state: &mut FormState<Field>, field: Field) {
        if field == Field::Class {
            self.step_class(state, true);
        } else {
            state.focus_next();
        }
    }

    fn field_key(&mut self, state: &mut FormState<Field>, field: Field, key: &KeyEvent) -> bool {
        match (field, key.code) {
            (Field::Class, KeyCode::Right) => self.step_class(state, true),
            (Field::Class, KeyCode::Left) => self.step_class(state, false),
            _ => return false,
        }
        true
    }

    fn check(&mut self, clock: &AppClock, errors: &mut Errors<Field>) -> Option<Medication> {
        let now = clock.now_utc();
        let start = clock.parse_day(self.start.text()).unwrap_or_else(|m| {
            errors.add(Field::Start, m);
            clock.today()
        });
        if start > clock.today() {
            errors.add(Field::Start, format!("{start} is in the future"));
        }
        let stop = match self.stop.trimmed() {
            None => None,
            Some(text) => errors.past_day(
                Field::Stop,
                text,
                clock,
                "; a stop is recorded once it happened",
            ),
        };
        let (id, created) = match &self.original {
            Some(med) => (med.id, med.created),
            None => (Uuid::new_v4(), now),
        };
        Some(Medication {
            id,
            name: self.name.value().trim().to_string(),
            class: catalog().medication_classes[self.class].id.clone(),
            dose: clean_note(Some(self.dose.value().trim().to_string())),
            start,
            stop,
            created,
            updated: now,
        })
    }

    fn validate(med: &Medication) -> Result<(), Invalid> {
        med.validate()
    }

    fn field_lines(
        &self,
        field: Field,
        focused: bool,
        _width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let (label, text, hint) = match field {
            Field::Name => ("Name", &self.name, ""),
            Field::Dose => ("Dose", &self.dose, ""),
            Field::Start => ("Started", &self.start, "today, yesterday, YYYY-MM-DD"),
            Field::Stop => (
                "Stopped",
                &self.stop,
                "blank while still taken; else the first day without it: today, yesterday, YYYY-MM-DD",
            ),
            Field::Class => {
                let class = &catalog().medication_classes[self.class];
                let style = if focused {
                    theme.selected()
                } else {
                    Style::new()
                };
                let shown = Span::styled(format!("< {} >", class.label), style);
                let mut lines = vec![row("Class", vec![shown], focused, theme)];
                if !class.examples.is_empty() {
                    lines.push(hint_line(&format!("e.g. {}", class.examples), theme));
                }
                if !class.evidence.is_empty() {
                    lines.push(hint_line(&class.evidence, theme));
                }
                if focused {
                    lines.push(hint_line("Left/Right or Enter change the class", theme));
                }
                return lines;
            }
        };
        field_lines(label, text.spans(focused, theme), hint, focused, theme)
    }
}
