//! The daily check-in: every field may stay unknown; caffeine as mg or servings; prefilled from
//! the day's check-in. While a `custom` experiment runs, it also asks whether its change was
//! kept.

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::text::{Line, Span};

use super::clock::AppClock;
use super::form::layout::{cycle, field_lines, toggle};
use super::form::{Errors, Form, FormState, Open, TextField};
use super::theme::Theme;
use crate::domain::records::{ALCOHOL_MAX, EXERCISE_MAX_MIN, SLEEP_MAX_H, STRESS_MAX, WATER_MAX_L};
use crate::domain::{
    Change, CheckIn, CheckInField, Experiment, Field as DomainField, Invalid, clean_note,
    parse_caffeine,
};
use crate::store::{Diary, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Date,
    Sleep,
    Caffeine,
    Stress,
    Water,
    Alcohol,
    Exercise,
    Magnesium,
    Stretched,
    /// Asked only while a custom experiment runs.
    Kept,
    Note,
}

const FIELDS: [Field; 10] = [
    Field::Date,
    Field::Sleep,
    Field::Caffeine,
    Field::Stress,
    Field::Water,
    Field::Alcohol,
    Field::Exercise,
    Field::Magnesium,
    Field::Stretched,
    Field::Note,
];

#[derive(Debug, Clone)]
pub struct CheckinForm {
    /// The date whose check-in filled the form.
    loaded: NaiveDate,
    date: TextField,
    sleep: TextField,
    caffeine: TextField,
    stress: TextField,
    water: TextField,
    alcohol: TextField,
    exercise: TextField,
    magnesium: Option<bool>,
    stretched: Option<bool>,
    /// The custom experiment's change kept; kept as it was when the question is not asked.
    kept: Option<bool>,
    /// The name of the custom experiment running today, whose question the form asks.
    experiment: Option<String>,
    note: TextField,
    existed: bool,
}

fn num<T: ToString>(v: Option<T>) -> TextField {
    TextField::new(v.map(|v| v.to_string()).unwrap_or_default())
}

/// Reads a number, naming what is accepted when it is not one.
fn number<T: std::str::FromStr>(what: String) -> impl FnOnce(&str) -> Result<T, String> {
    move |s| {
        s.parse()
            .map_err(|_| format!("'{s}' is not a number; accepted: {what}"))
    }
}

impl CheckinForm {
    /// Today's check-in on `clock`, prefilled from the diary, asking whether the change was
    /// kept while a custom experiment runs today.
    pub fn open_today(diary: &Diary, clock: &AppClock) -> Result<Open<CheckinForm>, StoreError> {
        let today = clock.today();
        let existing = diary.checkin(today)?;
        let custom = diary
            .experiments()?
            .into_iter()
            .filter(|e| e.change == Change::Custom && e.covers(today))
            .max_by_key(|e| (e.start, e.created));
        Ok(CheckinForm::open_for(
            today,
            existing.as_ref(),
            custom.as_ref(),
        ))
    }

    /// The check-in of `date`, prefilled from the one saved before, if any, asking whether
    /// the change of `custom` was kept when one is given.
    pub fn open_for(
        date: NaiveDate,
        existing: Option<&CheckIn>,
        custom: Option<&Experiment>,
    ) -> Open<CheckinForm> {
        let mut f = CheckinForm {
            loaded: date,
            date: TextField::new(date.to_string()),
            sleep: TextField::default(),
            caffeine: TextField::default(),
            stress: TextField::default(),
            water: TextField::default(),
            alcohol: TextField::default(),
            exercise: TextField::default(),
            magnesium: None,
            stretched: None,
            kept: None,
            experiment: custom.map(|e| e.name.clone()),
            note: TextField::default(),
            existed: false,
        };
        f.fill(existing);
        let mut fields = FIELDS.to_vec();
        if f.experiment.is_some() {
            fields.insert(fields.len() - 1, Field::Kept);
        }
        Open::new(f, fields, Field::Sleep)
    }

    fn fill(&mut self, c: Option<&CheckIn>) {
        let empty = CheckIn::empty(self.loaded);
        let c = c.unwrap_or(&empty);
        self.existed = !c.is_empty();
        self.sleep = num(c.sleep_h);
        self.caffeine = num(c.caffeine_mg);
        self.stress = num(c.stress);
        self.water = num(c.water_l);
        self.alcohol = num(c.alcohol);
        self.exercise = num(c.exercise_min);
        self.magnesium = c.magnesium;
        self.stretched = c.stretched;
        self.kept = c.experiment_kept;
        self.note = TextField::new(c.note.clone().unwrap_or_default());
    }

    fn toggle_mut(&mut self, field: Field) -> Option<&mut Option<bool>> {
        match field {
            Field::Magnesium => Some(&mut self.magnesium),
            Field::Stretched => Some(&mut self.stretched),
            Field::Kept => Some(&mut self.kept),
            _ => None,
        }
    }

    /// Steps a yes/no field; false on other fields.
    fn cycle(&mut self, state: &mut FormState<Field>, field: Field) -> bool {
        let Some(slot) = self.toggle_mut(field) else {
            return false;
        };
        *slot = cycle(*slot);
        state.changed();
        true
    }
}

impl Open<CheckinForm> {
    /// When the date field names another day, the form shows that day's check-in instead.
    pub fn prefill_if_date_changed(&mut self, diary: &Diary, clock: &AppClock) {
        if self.state.focused() == Field::Date {
            return;
        }
        if let Ok(day) = clock.parse_day(self.form.date.value())
            && day != self.form.loaded
        {
            self.form.loaded = day;
            match diary.checkin(day) {
                Ok(c) => self.form.fill(c.as_ref()),
                Err(e) => self.store_error(e),
            }
        }
    }
}

impl Form for CheckinForm {
    type Field = Field;
    type Value = CheckIn;

    fn title(&self) -> String {
        if self.existed {
            format!(
                "Check-in of {} (saved before; saving updates it)",
                self.loaded
            )
        } else {
            format!("Check-in of {}", self.loaded)
        }
    }

    fn intro(&self) -> &str {
        "Any field may stay blank: blank means unknown, never zero; clearing a field makes it unknown."
    }

    fn text_mut(&mut self, field: Field) -> Option<&mut TextField> {
        match field {
            Field::Date => Some(&mut self.date),
            Field::Sleep => Some(&mut self.sleep),
            Field::Caffeine => Some(&mut self.caffeine),
            Field::Stress => Some(&mut self.stress),
            Field::Water => Some(&mut self.water),
            Field::Alcohol => Some(&mut self.alcohol),
            Field::Exercise => Some(&mut self.exercise),
            Field::Note => Some(&mut self.note),
            Field::Magnesium | Field::Stretched | Field::Kept => None,
        }
    }

    fn row_for(&self, field: Option<DomainField>) -> Field {
        let Some(DomainField::CheckIn(field)) = field else {
            return Field::Note;
        };
        match field {
            CheckInField::Date => Field::Date,
            CheckInField::Sleep => Field::Sleep,
            CheckInField::Caffeine => Field::Caffeine,
            CheckInField::Stress => Field::Stress,
            CheckInField::Water => Field::Water,
            CheckInField::Alcohol => Field::Alcohol,
            CheckInField::Exercise => Field::Exercise,
            CheckInField::Magnesium => Field::Magnesium,
            CheckInField::Stretched => Field::Stretched,
            CheckInField::Kept => Field::Kept,
            CheckInField::Note => Field::Note,
        }
    }

    fn choose(&mut self, state: &mut FormState<Field>, field: Field) {
        if !self.cycle(state, field) {
            state.focus_next();
        }
    }

    fn field_key(&mut self, state: &mut FormState<Field>, field: Field, key: &KeyEvent) -> bool {
        matches!(key.code, KeyCode::Left | KeyCode::Right) && self.cycle(state, field)
    }

    /// The check-in the form describes; blank fields are unknown.
    fn check(&mut self, clock: &AppClock, errors: &mut Errors<Field>) -> Option<CheckIn> {
        let date = match clock.parse_day(self.date.value()) {
            Ok(d) if d > clock.today() => {
                errors.add(
                    Field::Date,
                    format!("{d} is in the future; a check-in is for today or a past day"),
                );
                None
            }
            Ok(d) => Some(d),
            Err(m) => {
                errors.add(Field::Date, m);
                None
            }
        };
        let checkin = CheckIn {
            date: date.unwrap_or(self.loaded),
            sleep_h: errors.read(
                Field::Sleep,
                &self.sleep,
                number(format!("hours from 0 to {SLEEP_MAX_H}")),
            ),
            caffeine_mg: errors.read(Field::Caffeine, &self.caffeine, parse_caffeine),
            stress: errors.read(
                Field::Stress,
                &self.stress,
                number(format!("a whole number from 0 to {STRESS_MAX}")),
            ),
            water_l: errors.read(
                Field::Water,
                &self.water,
                number(format!("litres from 0 to {WATER_MAX_L}")),
            ),
            alcohol: errors.read(
                Field::Alcohol,
                &self.alcohol,
                number(format!("drinks from 0 to {ALCOHOL_MAX}")),
            ),
            exercise_min: errors.read(
                Field::Exercise,
                &self.exercise,
                number(format!("minutes from 0 to {EXERCISE_MAX_MIN}")),
            ),
            magnesium: self.magnesium,
            stretched: self.stretched,
            experiment_kept: self.kept,
            note: clean_note(Some(self.note.value().to_string())),
        };
        if errors.is_empty() && checkin.is_empty() {
            errors.add(
                Field::Sleep,
                "nothing to save yet; fill in any field (the others stay unknown)",
            );
        }
        Some(checkin)
    }

    fn validate(checkin: &CheckIn) -> Result<(), Invalid> {
        checkin.validate()
    }

    fn field_lines(
        &self,
        field: Field,
        focused: bool,
        _width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>> {
        let text = |t: &TextField| t.spans(focused, theme);
        let (label, value, hint): (&str, Vec<Span<'static>>, &str) = match field {
            Field::Date => ("Day", text(&self.date), "today, yesterday, YYYY-MM-DD"),
            Field::Sleep => (
                "Sleep (h)",
                text(&self.sleep),
                "hours slept last night, e.g. 6.5",
            ),
            Field::Caffeine => {
                let mut v = text(&self.caffeine);
                if let Some(s) = self.caffeine.trimmed()
                    && let Ok(mg) = parse_caffeine(s)
                    && s.parse::<u32>().is_err()
                {
                    v.push(Span::styled(format!("  = {mg} mg"), theme.ok()));
                }
                (
                    "Caffeine",
                    v,
                    "mg, or servings: coffee 95, espresso 63, tea 47, cola 34, energy-drink 80; 2coffee+tea adds up",
                )
            }
            Field::Stress => ("Stress 0-10", text(&self.stress), "0 calm .. 10 worst"),
            Field::Water => ("Water (l)", text(&self.water), "litres drunk, e.g. 1.5"),
            Field::Alcohol => ("Alcohol", text(&self.alcohol), "drinks"),
            Field::Exercise => ("Exercise (min)", text(&self.exercise), "minutes"),
            Field::Magnesium => (
                "Magnesium",
                vec![toggle(self.magnesium, focused, theme)],
                "magnesium taken today? Enter/Space: unknown, yes, no",
            ),
            Field::Stretched => (
                "Stretched",
                vec![toggle(self.stretched, focused, theme)],
                "stretched before bed? Enter/Space: unknown, yes, no",
            ),
            Field::Kept => {
                let hint = format!(
                    "experiment '{}': kept its change today? Enter/Space: unknown, yes, no",
                    self.experiment.as_deref().unwrap_or_default()
                );
                return field_lines(
                    "Kept change",
                    vec![toggle(self.kept, focused, theme)],
                    &hint,
                    focused,
                    theme,
                );
            }
            Field::Note => ("Note", text(&self.note), ""),
        };
        field_lines(label, value, hint, focused, theme)
    }
}
