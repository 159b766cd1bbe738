//! The daily check-in: every field may stay unknown; caffeine as mg or servings; prefilled from
//! the day's check-in. While a `custom` experiment runs, it also asks whether its change was
//! kept.

use chrono::NaiveDate;
use ratatui::text::{Line, Span};

use super::clock::AppClock;
use super::form::layout::{field_lines, toggle};
use super::form::{Errors, Form, Open, Subject, TextField};
use super::theme::Theme;
use crate::domain::quantities::{EXERCISE_FORMS, SLEEP_FORMS, WATER_FORMS, whole_number};
use crate::domain::records::{ALCOHOL_MAX, STRESS_MAX};
use crate::domain::{
    Change, CheckIn, Experiment, Field as DomainField, Invalid, clean_note, parse_caffeine,
    parse_exercise, parse_sleep, parse_water,
};
use crate::store::{Diary, StoreError};

/// The form's rows are the check-in's own fields.
pub use crate::domain::CheckInField as Field;

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
    /// The day the form opened on: what the Day field stands for while it is empty.
    opened: NaiveDate,
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
    /// The day the Day field reads as while it is typed in, when another than the one shown,
    /// and whether that day has a check-in saved: the title names the day a save is for as
    /// soon as the field reads as one, before the form follows it.
    reading: Option<(NaiveDate, bool)>,
    /// The values as the loaded day's check-in filled them, to tell what was typed since.
    baseline: Vec<String>,
    /// The loaded day's check-in as it filled the form (empty when there was none): saving
    /// writes only what the form changed from it onto the check-in as it is then.
    base: CheckIn,
}

fn num<T: ToString>(v: Option<T>) -> TextField {
    TextField::new(v.map(|v| v.to_string()).unwrap_or_default())
}

/// Reads a whole number, naming what is accepted when it is not one.
fn number<T: std::str::FromStr>(what: String) -> impl FnOnce(&str) -> Result<T, String> {
    move |s| whole_number(s, &what)
}

/// What changing the Day field did to the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayChange {
    /// The field names the day shown (or no day at all).
    Same,
    /// Nothing was typed: the form now shows the new day's check-in.
    Loaded,
    /// What was typed now belongs to the new day, which had no check-in to replace.
    Moved,
    /// The new day has a check-in of its own, or a draft waits for it, and something was
    /// typed: showing it would replace what was typed, so the app asks first
    /// ([`Open::answer_day`]).
    Ask(NaiveDate),
}

impl CheckinForm {
    /// The check-in of `day`, prefilled from the diary, asking whether the change was kept
    /// while a custom experiment runs that day.
    pub fn open_on(diary: &Diary, day: NaiveDate) -> Result<Open<CheckinForm>, StoreError> {
        let existing = diary.checkin(day)?;
        let custom = custom_on(diary, day)?;
        Ok(CheckinForm::open_for(
            day,
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
            opened: date,
            date: TextField::placeholder(date.to_string()),
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
            reading: None,
            baseline: Vec::new(),
            base: CheckIn::empty(date),
        };
        f.fill(existing);
        let fields = fields_for(f.experiment.is_some());
        Open::new(f, fields, Field::Sleep)
    }

    fn fill(&mut self, c: Option<&CheckIn>) {
        let empty = CheckIn::empty(self.loaded);
        let c = c.unwrap_or(&empty);
        self.base = c.clone();
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
        self.baseline = self.values();
    }

    /// Every value but the day, as shown.
    fn values(&self) -> Vec<String> {
        let mut values: Vec<String> = [
            &self.sleep,
            &self.caffeine,
            &self.stress,
            &self.water,
            &self.alcohol,
            &self.exercise,
            &self.note,
        ]
        .iter()
        .map(|t| t.value().trim().to_string())
        .collect();
        values.extend([self.magnesium, self.stretched, self.kept].map(|b| format!("{b:?}")));
        values
    }

    /// Whether anything but the day was typed or chosen since the form was filled.
    fn has_typed_values(&self) -> bool {
        self.values() != self.baseline
    }

    /// The check-in the form was filled from (empty when its day had none): what the save
    /// compares the form with, to write only what was changed.
    pub fn base(&self) -> &CheckIn {
        &self.base
    }
}

impl Open<CheckinForm> {
    /// Reads the Day field as it is typed in, for the title. Only what a save would be for
    /// counts: a day that does not read, or one after today, leaves the title on the day
    /// shown (saving says why it cannot). A diary that cannot be read just now does too: the
    /// form says so when it follows the day.
    pub fn read_day(&mut self, diary: &Diary, clock: &AppClock) {
        let form = &mut self.form;
        form.reading = match clock.parse_day(form.date.text()) {
            // Asked once a day read, not at every key.
            Ok(day) if form.reading.is_some_and(|(read, _)| read == day) => form.reading,
            Ok(day) if day != form.loaded && day <= clock.today() => diary
                .checkin(day)
                .ok()
                .map(|saved| (day, saved.is_some_and(|c| !c.is_empty()))),
            _ => None,
        };
    }

    /// Follows the Day field to the day it names, once the focus has left it (or on save):
    /// the form shows that day's check-in, unless that would replace something typed.
    /// `draft_waits` tells whether a draft waits for a day (the app brings it back once the
    /// form shows that day): what was typed is not moved onto it unasked.
    pub fn follow_day(
        &mut self,
        diary: &Diary,
        clock: &AppClock,
        draft_waits: impl FnOnce(NaiveDate) -> bool,
    ) -> DayChange {
        let form = &mut self.form;
        // From here the title follows the day the form shows.
        form.reading = None;
        let Ok(day) = clock.parse_day(form.date.text()) else {
            return DayChange::Same;
        };
        if day == form.loaded || day > clock.today() {
            return DayChange::Same;
        }
        let saved = match diary.checkin(day) {
            Ok(saved) => saved,
            Err(e) => {
                self.store_error(e);
                return DayChange::Same;
            }
        };
        let form = &mut self.form;
        if !form.has_typed_values() {
            form.loaded = day;
            form.fill(saved.as_ref());
            self.follow_experiment(diary, day, false);
            self.opened_as_shown();
            return DayChange::Loaded;
        }
        match saved {
            Some(c) if !c.is_empty() => DayChange::Ask(day),
            _ if draft_waits(day) => DayChange::Ask(day),
            _ => {
                form.loaded = day;
                form.existed = false;
                // Everything shown now counts as typed for that day.
                form.baseline = blank_values();
                form.base = CheckIn::empty(day);
                self.follow_experiment(diary, day, true);
                self.opened_as_blank();
                DayChange::Moved
            }
        }
    }

    /// Asks whether the change was kept only on a day a custom experiment runs: the row
    /// comes and goes with the Day. An answer the day's check-in holds stays as it is, shown
    /// or not (an edit changes only what it changes); one typed for another day and `moved`
    /// here goes where no experiment runs, as it means nothing on this day.
    fn follow_experiment(&mut self, diary: &Diary, day: NaiveDate, moved: bool) {
        match custom_on(diary, day) {
            Ok(custom) => {
                self.form.experiment = custom.map(|e| e.name);
                if moved && self.form.experiment.is_none() {
                    self.form.kept = None;
                }
                self.state
                    .set_fields(fields_for(self.form.experiment.is_some()));
            }
            Err(e) => self.store_error(e),
        }
    }

    /// The answer to [`DayChange::Ask`]: `replace` shows `day`'s check-in in place of what
    /// was typed; otherwise what was typed stays, and so does its day.
    pub fn answer_day(&mut self, day: NaiveDate, replace: bool, diary: &Diary) {
        if !replace {
            let form = &mut self.form;
            if form.loaded == form.opened {
                form.date.clear();
            } else {
                form.date.set(form.loaded.to_string());
            }
            return;
        }
        match diary.checkin(day) {
            Ok(saved) => {
                self.form.loaded = day;
                self.form.fill(saved.as_ref());
                self.follow_experiment(diary, day, false);
                self.opened_as_shown();
            }
            Err(e) => self.store_error(e),
        }
    }
}

/// The custom experiment running on `day` (the latest started, should two overlap).
fn custom_on(diary: &Diary, day: NaiveDate) -> Result<Option<Experiment>, StoreError> {
    Ok(diary
        .experiments()?
        .into_iter()
        .filter(|e| e.change == Change::Custom && e.covers(day))
        .max_by_key(|e| (e.start, e.created)))
}

/// The form's rows: the question whether the change was kept, before the note, only while a
/// custom experiment runs.
fn fields_for(asks_kept: bool) -> Vec<Field> {
    let mut fields = FIELDS.to_vec();
    if asks_kept {
        fields.insert(fields.len() - 1, Field::Kept);
    }
    fields
}

/// [`CheckinForm::values`] of an empty check-in.
fn blank_values() -> Vec<String> {
    let mut values = vec![String::new(); 7];
    values.extend([None::<bool>; 3].map(|b| format!("{b:?}")));
    values
}

impl Form for CheckinForm {
    type Field = Field;
    type Value = CheckIn;

    fn title(&self) -> String {
        let (day, saved) = self.reading.unwrap_or((self.loaded, self.existed));
        if saved {
            format!("Check-in of {day} (saved before; saving updates it)")
        } else {
            format!("Check-in of {day}")
        }
    }

    fn subject(&self) -> Subject {
        Subject::CheckIn { date: self.loaded }
    }

    fn kept_in_draft(&self, field: Field) -> bool {
        field != Field::Date
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
        match field {
            Some(DomainField::CheckIn(field)) => field,
            _ => Field::Note,
        }
    }

    fn discard_question(&self) -> String {
        if self.existed {
            format!("Discard your changes to the check-in of {}?", self.loaded)
        } else {
            format!("Discard the check-in you typed for {}?", self.loaded)
        }
    }

    fn toggle_mut(&mut self, field: Field) -> Option<&mut Option<bool>> {
        match field {
            Field::Magnesium => Some(&mut self.magnesium),
            Field::Stretched => Some(&mut self.stretched),
            Field::Kept => Some(&mut self.kept),
            _ => None,
        }
    }

    /// The check-in the form describes; blank fields are unknown.
    fn check(&mut self, clock: &AppClock, errors: &mut Errors<Field>) -> Option<CheckIn> {
        let date = errors.past_day(
            Field::Date,
            self.date.text(),
            clock,
            "; a check-in is for today or a past day",
        );
        let checkin = CheckIn {
            date: date.unwrap_or(self.loaded),
            sleep_h: errors.read(Field::Sleep, &self.sleep, parse_sleep),
            caffeine_mg: errors.read(Field::Caffeine, &self.caffeine, parse_caffeine),
            stress: errors.read(
                Field::Stress,
                &self.stress,
                number(format!("a whole number from 0 to {STRESS_MAX}")),
            ),
            water_l: errors.read(Field::Water, &self.water, parse_water),
            alcohol: errors.read(
                Field::Alcohol,
                &self.alcohol,
                number(format!("drinks from 0 to {ALCOHOL_MAX}")),
            ),
            exercise_min: errors.read(Field::Exercise, &self.exercise, parse_exercise),
            magnesium: self.magnesium,
            stretched: self.stretched,
            experiment_kept: self.kept,
            note: clean_note(Some(self.note.value().to_string())),
            // The store stamps them when it saves.
            created: None,
            updated: None,
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
        // What a value written another way reads as: "7h30  = 7.5 h".
        // A bare number is in the row's unit already, and needs no reading.
        let read_as = |t: &TextField, read: &dyn Fn(&str) -> Option<String>| {
            let reading = t
                .trimmed()
                .filter(|s| s.parse::<f64>().is_err())
                .and_then(read);
            t.spans_read_as(focused, theme, reading)
        };
        let (label, value, hint): (&str, Vec<Span<'static>>, &str) = match field {
            Field::Date => ("Day", text(&self.date), "today, yesterday, YYYY-MM-DD"),
            Field::Sleep => (
                "Sleep (h)",
                read_as(&self.sleep, &|s| in_unit(parse_sleep(s), "h")),
                SLEEP_FORMS,
            ),
            Field::Caffeine => (
                "Caffeine",
                read_as(&self.caffeine, &|s| in_unit(parse_caffeine(s), "mg")),
                "mg, or servings: coffee 95, espresso 63, tea 47, cola 34, energy-drink 80; 2coffee+tea or 2 coffees adds up",
            ),
            Field::Stress => ("Stress 0-10", text(&self.stress), "0 calm .. 10 worst"),
            Field::Water => (
                "Water (l)",
                read_as(&self.water, &|s| in_unit(parse_water(s), "l")),
                WATER_FORMS,
            ),
            Field::Alcohol => ("Alcohol", text(&self.alcohol), "drinks"),
            Field::Exercise => (
                "Exercise (min)",
                read_as(&self.exercise, &|s| in_unit(parse_exercise(s), "min")),
                EXERCISE_FORMS,
            ),
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

/// A quantity the field's text reads as, in its unit ("7.5 h"); `None` when it does not read.
fn in_unit<T: std::fmt::Display>(read: Result<T, String>, unit: &str) -> Option<String> {
    read.ok().map(|value| format!("{value} {unit}"))
}
