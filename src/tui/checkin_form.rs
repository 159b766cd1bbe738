//! The daily check-in: every field may stay unknown; caffeine as mg or servings; prefilled from
//! the day's check-in.

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::app::store_message;
use super::clock::AppClock;
use super::form::{
    FormKey, FormOutcome, TextField, cycle, error_line, hint_line, navigate, row, scroll_for,
    wrap_lines, yes_no,
};
use super::theme::Theme;
use crate::domain::records::{ALCOHOL_MAX, EXERCISE_MAX_MIN, SLEEP_MAX_H, STRESS_MAX, WATER_MAX_L};
use crate::domain::{CheckIn, CheckInField, clean_note, parse_caffeine};
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
    Note,
}

const FIELDS: &[Field] = &[
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

/// The row of this form that shows a field of the domain's.
fn row_of(field: crate::domain::Field) -> Field {
    let crate::domain::Field::CheckIn(field) = field else {
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
        CheckInField::Note => Field::Note,
    }
}

#[derive(Debug, Clone)]
pub struct CheckinForm {
    focus: usize,
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
    note: TextField,
    existed: bool,
    errors: Vec<(Field, String)>,
    pub dirty: bool,
}

fn num<T: ToString>(v: Option<T>) -> TextField {
    TextField::new(v.map(|v| v.to_string()).unwrap_or_default())
}

impl CheckinForm {
    pub fn new(date: NaiveDate, existing: Option<&CheckIn>) -> CheckinForm {
        let mut f = CheckinForm {
            focus: 1,
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
            note: TextField::default(),
            existed: false,
            errors: Vec::new(),
            dirty: false,
        };
        f.fill(existing);
        f
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
        self.note = TextField::new(c.note.clone().unwrap_or_default());
    }

    /// When the date field names another day, the form shows that day's check-in instead.
    pub fn prefill_if_date_changed(&mut self, diary: &Diary, clock: &AppClock) {
        if FIELDS[self.focus] == Field::Date {
            return;
        }
        if let Ok(day) = clock.parse_day(self.date.value())
            && day != self.loaded
        {
            self.loaded = day;
            match diary.checkin(day) {
                Ok(c) => self.fill(c.as_ref()),
                Err(e) => self.store_error(e),
            }
        }
    }

    fn field(&self) -> Field {
        FIELDS[self.focus.min(FIELDS.len() - 1)]
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
            Field::Magnesium | Field::Stretched => None,
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
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if matches!(key.code, KeyCode::Char(_))
            && plain
            && let Some(t) = self.text_mut(field)
        {
            t.handle(key);
            self.dirty = true;
            return FormOutcome::Handled;
        }
        let count = FIELDS.len();
        if let Some(outcome) = navigate(&mut self.focus, count, form_key) {
            return outcome;
        }
        if form_key == Some(FormKey::Choose) {
            match field {
                Field::Magnesium => self.magnesium = cycle(self.magnesium),
                Field::Stretched => self.stretched = cycle(self.stretched),
                _ => {
                    self.focus = (self.focus + 1).min(FIELDS.len() - 1);
                    return FormOutcome::Handled;
                }
            }
            self.dirty = true;
            return FormOutcome::Handled;
        }
        match field {
            Field::Magnesium | Field::Stretched => {
                if matches!(key.code, KeyCode::Left | KeyCode::Right) {
                    let slot = if field == Field::Magnesium {
                        &mut self.magnesium
                    } else {
                        &mut self.stretched
                    };
                    *slot = cycle(*slot);
                    self.dirty = true;
                    FormOutcome::Handled
                } else {
                    FormOutcome::Unhandled
                }
            }
            _ => {
                let used = self.text_mut(field).is_some_and(|t| t.handle(key));
                if used {
                    self.dirty = true;
                    FormOutcome::Handled
                } else {
                    FormOutcome::Unhandled
                }
            }
        }
    }

    pub fn store_error(&mut self, e: StoreError) {
        let (input, message) = store_message(&e);
        let field = input.map_or(Field::Note, |i| row_of(i.field));
        self.errors.retain(|(f, _)| *f != field);
        self.errors.push((field, message));
    }

    /// The check-in the form describes; blank fields are unknown.
    pub fn build(&mut self, clock: &AppClock) -> Result<CheckIn, ()> {
        let mut errors = Vec::new();
        let date = match clock.parse_day(self.date.value()) {
            Ok(d) if d > clock.today() => {
                errors.push((
                    Field::Date,
                    format!("{d} is in the future; a check-in is for today or a past day"),
                ));
                None
            }
            Ok(d) => Some(d),
            Err(m) => {
                errors.push((Field::Date, m));
                None
            }
        };
        fn number<T: std::str::FromStr>(
            errors: &mut Vec<(Field, String)>,
            field: Field,
            text: &TextField,
            what: String,
        ) -> Option<T> {
            let s = text.trimmed()?;
            match s.parse::<T>() {
                Ok(v) => Some(v),
                Err(_) => {
                    errors.push((field, format!("'{s}' is not a number; accepted: {what}")));
                    None
                }
            }
        }
        let sleep = number::<f64>(
            &mut errors,
            Field::Sleep,
            &self.sleep,
            format!("hours from 0 to {SLEEP_MAX_H}"),
        );
        let caffeine = self
            .caffeine
            .trimmed()
            .and_then(|s| match parse_caffeine(s) {
                Ok(v) => Some(v),
                Err(m) => {
                    errors.push((Field::Caffeine, m));
                    None
                }
            });
        let stress = number::<u8>(
            &mut errors,
            Field::Stress,
            &self.stress,
            format!("a whole number from 0 to {STRESS_MAX}"),
        );
        let water = number::<f64>(
            &mut errors,
            Field::Water,
            &self.water,
            format!("litres from 0 to {WATER_MAX_L}"),
        );
        let alcohol = number::<u32>(
            &mut errors,
            Field::Alcohol,
            &self.alcohol,
            format!("drinks from 0 to {ALCOHOL_MAX}"),
        );
        let exercise = number::<u32>(
            &mut errors,
            Field::Exercise,
            &self.exercise,
            format!("minutes from 0 to {EXERCISE_MAX_MIN}"),
        );
        let checkin = CheckIn {
            date: date.unwrap_or(self.loaded),
            sleep_h: sleep,
            caffeine_mg: caffeine,
            stress,
            water_l: water,
            alcohol,
            exercise_min: exercise,
            magnesium: self.magnesium,
            stretched: self.stretched,
            note: clean_note(Some(self.note.value().to_string())),
        };
        if errors.is_empty()
            && let Err(e) = checkin.validate()
        {
            errors.push((row_of(e.field), e.message));
        }
        if errors.is_empty() && checkin.is_empty() {
            errors.push((
                Field::Sleep,
                "nothing to save yet; fill in any field (the others stay unknown)".into(),
            ));
        }
        self.errors = errors;
        if self.errors.is_empty() {
            Ok(checkin)
        } else {
            Err(())
        }
    }

    pub fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        let title = if self.existed {
            format!(
                " Check-in of {} (saved before; saving updates it) ",
                self.loaded
            )
        } else {
            format!(" Check-in of {} ", self.loaded)
        };
        let block = Block::bordered().title(Span::styled(title, theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let mut lines = vec![
            Line::from(Span::styled(
                "Any field may stay blank: blank means unknown, never zero; clearing a field makes it unknown.",
                theme.dim(),
            )),
            Line::from(""),
        ];
        let mut focus_line = 0;
        for &field in FIELDS {
            let focused = field == self.field();
            if focused {
                focus_line = lines.len();
            }
            let text = |t: &TextField| t.spans(focused, theme);
            let (label, value, hint): (&str, Vec<Span<'static>>, String) = match field {
                Field::Date => (
                    "Day",
                    text(&self.date),
                    "today, yesterday, YYYY-MM-DD".into(),
                ),
                Field::Sleep => (
                    "Sleep (h)",
                    text(&self.sleep),
                    "hours slept last night, e.g. 6.5".into(),
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
                        "mg, or servings: coffee 95, espresso 63, tea 47, cola 34, energy-drink 80; 2coffee+tea adds up".into(),
                    )
                }
                Field::Stress => (
                    "Stress 0-10",
                    text(&self.stress),
                    "0 calm .. 10 worst".into(),
                ),
                Field::Water => (
                    "Water (l)",
                    text(&self.water),
                    "litres drunk, e.g. 1.5".into(),
                ),
                Field::Alcohol => ("Alcohol", text(&self.alcohol), "drinks".into()),
                Field::Exercise => ("Exercise (min)", text(&self.exercise), "minutes".into()),
                Field::Magnesium | Field::Stretched => {
                    let (label, value) = if field == Field::Magnesium {
                        ("Magnesium", self.magnesium)
                    } else {
                        ("Stretched", self.stretched)
                    };
                    let shown = if focused {
                        Span::styled(format!("< {} >", yes_no(value)), theme.selected())
                    } else {
                        Span::raw(yes_no(value).to_string())
                    };
                    let hint = if field == Field::Magnesium {
                        "magnesium taken today? Enter/Space: unknown, yes, no"
                    } else {
                        "stretched before bed? Enter/Space: unknown, yes, no"
                    };
                    (label, vec![shown], hint.into())
                }
                Field::Note => ("Note", text(&self.note), String::new()),
            };
            lines.push(row(label, value, focused, theme));
            if focused && !hint.is_empty() {
                lines.push(hint_line(&hint, theme));
            }
            for (f, m) in &self.errors {
                if *f == field {
                    lines.push(error_line(m, theme));
                }
            }
        }
        let (lines, starts) = wrap_lines(lines, inner.width as usize);
        let focus_line = starts.get(focus_line).copied().unwrap_or(0);
        let scroll = scroll_for(focus_line, inner.height as usize);
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
    }
}
