//! What every form is made of, and how the app drives whichever one is open.
//!
//! - [`FormState`]: the fields in the order they are shown, the focus, the inline errors (each
//!   on its field's row) and whether anything was changed. A failed save puts the focus on the
//!   first bad field; editing a field takes its error away.
//! - [`Form`]: what one form adds: its values, the text input of each text field, how each
//!   field is drawn, which row a domain or store error belongs on ([`Form::row_for`], the one
//!   mapping from the domain's field names to the form's rows), what it builds
//!   ([`Form::check`]), and hooks for its choices and toggles.
//! - [`Open`]: a form on screen, its state and its parts; what every form does alike is done
//!   here: building with the errors shown ([`Open::build`]), saving through the app
//!   ([`Open::submit`]) and a refusal by the store ([`Open::store_error`]).
//! - [`AnyForm`]: the open form as the app drives it, whatever its types: keys (typing into
//!   text fields, the form keys, Enter/Space on choices), paste, the dirty flag, the errors,
//!   the question Esc asks when something was typed, and drawing. Every [`Open`] form is one.
//!
//! The text field is [`TextField`]; the rows, hints and chips are laid out by [`layout`].

pub mod layout;
pub mod subject;
pub mod text_field;

use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use self::layout::{error_line, scroll_for, wrap_lines};
pub use self::subject::Subject;
pub use self::text_field::TextField;
use super::clock::AppClock;
use super::theme::Theme;
use crate::domain::{Field as DomainField, Invalid};
use crate::store::StoreError;

/// What a key means inside a form, before the focused field sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKey {
    Next,
    Prev,
    Save,
    Cancel,
    Choose,
}

/// What a form asks of the app after a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormOutcome {
    /// The key was used (or ignored) by the form.
    Handled,
    Save,
    Cancel,
    /// The key means nothing to the focused field; global keys may apply (`q`, `?`).
    Unhandled,
}

/// A character typed as text: no Ctrl or Alt with it.
pub fn is_typed(key: &KeyEvent) -> bool {
    matches!(key.code, KeyCode::Char(_))
        && !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
}

/// The errors a form's check finds, each on its row.
#[derive(Debug)]
pub struct Errors<F>(Vec<(F, String)>);

impl<F> Errors<F> {
    pub fn add(&mut self, field: F, message: impl Into<String>) {
        self.0.push((field, message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The day `text` names (as [`AppClock::parse_day`] reads it), which may not be after
    /// today: a later one is an error on `field`, "... is in the future" followed by `why`.
    pub fn past_day(
        &mut self,
        field: F,
        text: &str,
        clock: &AppClock,
        why: &str,
    ) -> Option<NaiveDate> {
        match clock.parse_day(text) {
            Ok(day) if day > clock.today() => {
                self.add(field, format!("{day} is in the future{why}"));
                None
            }
            Ok(day) => Some(day),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    /// What `text` holds, read by `parse`: blank is unknown (`None`), and what `parse` refuses
    /// is an error on `field`.
    pub fn read<T>(
        &mut self,
        field: F,
        text: &TextField,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Option<T> {
        match parse(text.trimmed()?) {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }
}

/// The skeleton every form shares: its fields in order, the focus, the inline errors and the
/// dirty flag.
#[derive(Debug, Clone)]
pub struct FormState<F> {
    fields: Vec<F>,
    focus: usize,
    errors: Vec<(F, String)>,
    dirty: bool,
    /// Counts the changes, so a key can tell whether it changed its field.
    edits: u64,
    /// Fields a refused save named as changed elsewhere too, which the form said: the next
    /// save puts the form's values in their place (and no other field's).
    pub told: Vec<String>,
}

impl<F: Copy + PartialEq> FormState<F> {
    /// A form of `fields` (at least one), in the order they are shown and Tab walks them, with
    /// `focus` focused (the first field when it is not one of them).
    pub fn new(fields: impl Into<Vec<F>>, focus: F) -> FormState<F> {
        let fields = fields.into();
        let focus = fields.iter().position(|f| *f == focus).unwrap_or(0);
        FormState {
            fields,
            focus,
            errors: Vec::new(),
            dirty: false,
            edits: 0,
            told: Vec::new(),
        }
    }

    /// Shows `fields` instead (a row that comes or goes with what the form holds), the
    /// focused field kept focused while it is still one of them.
    pub fn set_fields(&mut self, fields: Vec<F>) {
        let focused = self.focused();
        self.fields = fields;
        self.focus = self.fields.iter().position(|f| *f == focused).unwrap_or(0);
    }

    pub fn fields(&self) -> &[F] {
        &self.fields
    }

    pub fn focused(&self) -> F {
        self.fields[self.focus]
    }

    /// Moves the focus to the next field (it stays on the last).
    pub fn focus_next(&mut self) {
        self.focus = (self.focus + 1).min(self.fields.len() - 1);
    }

    /// Moves the focus to `field`, when the form shows it.
    pub fn focus(&mut self, field: F) {
        if let Some(i) = self.fields.iter().position(|f| *f == field) {
            self.focus = i;
        }
    }

    /// The first field, in the order shown, that has an error.
    pub fn first_error(&self) -> Option<F> {
        self.fields
            .iter()
            .copied()
            .find(|f| self.errors.iter().any(|(e, _)| e == f))
            .or_else(|| self.errors.first().map(|(f, _)| *f))
    }

    /// What the keys every form shares do: save, cancel, and move the focus. `None` for Choose
    /// and for keys that are not form keys, which the focused field may take.
    fn navigate(&mut self, key: Option<FormKey>) -> Option<FormOutcome> {
        match key? {
            FormKey::Save => Some(FormOutcome::Save),
            FormKey::Cancel => Some(FormOutcome::Cancel),
            FormKey::Next => {
                self.focus_next();
                Some(FormOutcome::Handled)
            }
            FormKey::Prev => {
                self.focus = self.focus.saturating_sub(1);
                Some(FormOutcome::Handled)
            }
            FormKey::Choose => None,
        }
    }

    /// Whether anything was typed or chosen since the form opened.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Notes that something was typed or chosen.
    pub fn changed(&mut self) {
        self.dirty = true;
        self.edits += 1;
    }

    pub fn errors(&self) -> &[(F, String)] {
        &self.errors
    }

    /// The errors shown under `field`.
    pub fn errors_on(&self, field: F) -> impl Iterator<Item = &str> {
        self.errors
            .iter()
            .filter(move |(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Shows `message` under `field`, instead of any error it had.
    pub fn set_error(&mut self, field: F, message: String) {
        self.clear_error(field);
        self.errors.push((field, message));
    }

    pub fn clear_error(&mut self, field: F) {
        self.errors.retain(|(f, _)| *f != field);
    }

    /// Replaces every error (an empty list clears them).
    pub fn set_errors(&mut self, errors: Vec<(F, String)>) {
        self.errors = errors;
    }

    /// Shows `errors` and puts the focus on the first bad field, where it can be fixed.
    pub fn show_errors(&mut self, errors: Vec<(F, String)>) {
        self.set_errors(errors);
        if let Some(field) = self.first_error() {
            self.focus(field);
        }
    }
}

/// One form's own parts: its values and what it makes of them. [`Open`] keeps its
/// [`FormState`] and does, on these parts, what every form does alike.
pub trait Form {
    /// A field of the form: a row (or a row of chips) the focus can be on.
    type Field: Copy + PartialEq;
    /// What the form saves.
    type Value;

    /// The title on the form's border.
    fn title(&self) -> String;

    /// The dim line at the top that says what the form is for.
    fn intro(&self) -> &str;

    /// The text input of `field`; `None` for choices and toggles.
    fn text_mut(&mut self, field: Self::Field) -> Option<&mut TextField>;

    /// What the form is about: a draft comes back only into a form about the same.
    fn subject(&self) -> Subject;

    /// Whether what is typed in the text field `field` is kept in a draft (a check-in's Day
    /// is not: the draft is the day's, and "yesterday" means another day tomorrow).
    fn kept_in_draft(&self, _field: Self::Field) -> bool {
        true
    }

    /// The lines of `field`: its row and, while focused, its hint. Its errors are added under
    /// them.
    fn field_lines(
        &self,
        field: Self::Field,
        focused: bool,
        width: usize,
        theme: &Theme,
    ) -> Vec<Line<'static>>;

    /// The row an error about the domain's `field` is shown on: the one place a form maps the
    /// domain's fields to its rows. `None` (or a field the form does not show) is an error
    /// about no field of it, such as a diary that cannot be written.
    fn row_for(&self, field: Option<DomainField>) -> Self::Field;

    /// What the form describes, read from its fields, with the errors that stop it being
    /// saved added to `errors` (it may still give a value then, which is not saved).
    fn check(&mut self, clock: &AppClock, errors: &mut Errors<Self::Field>) -> Option<Self::Value>;

    /// The domain's own checks of what the form describes, once the form found nothing wrong.
    fn validate(value: &Self::Value) -> Result<(), Invalid>;

    /// The yes/no/unknown value of `field`; `None` for fields that are not such toggles.
    fn toggle_mut(&mut self, _field: Self::Field) -> Option<&mut Option<bool>> {
        None
    }

    /// Steps the yes/no toggle `field` (unknown, yes, no); false when it is not one.
    fn cycle_toggle(&mut self, state: &mut FormState<Self::Field>, field: Self::Field) -> bool {
        let Some(value) = self.toggle_mut(field) else {
            return false;
        };
        *value = layout::cycle(*value);
        state.changed();
        true
    }

    /// Enter or Space on `field`: a choice or a toggle changes; on text, the focus moves on.
    fn choose(&mut self, state: &mut FormState<Self::Field>, field: Self::Field) {
        if !self.cycle_toggle(state, field) {
            state.focus_next();
        }
    }

    /// A key the focused field takes before the form keys do (Left/Right on a choice or a
    /// yes/no toggle, the site picker's arrows); true when it took it.
    fn field_key(
        &mut self,
        state: &mut FormState<Self::Field>,
        field: Self::Field,
        key: &KeyEvent,
    ) -> bool {
        matches!(key.code, KeyCode::Left | KeyCode::Right) && self.cycle_toggle(state, field)
    }

    /// Text was typed or pasted into `field`.
    fn typed(&mut self, _field: Self::Field) {}

    /// The focus is about to leave `field` (Tab, Shift-Tab): the field may finish what was
    /// typed in it (the site picker completes a site). False keeps the focus where it is.
    fn leave(&mut self, _state: &mut FormState<Self::Field>, _field: Self::Field) -> bool {
        true
    }

    /// The question Esc asks when something was typed: "Discard the twitch you typed?".
    fn discard_question(&self) -> String {
        "Discard what you typed?".into()
    }

    /// The form in a bordered box over `area`.
    fn draw(&self, state: &FormState<Self::Field>, frame: &mut Frame, area: Rect, theme: &Theme) {
        let inner = self.draw_border(frame, area, theme);
        self.draw_fields(state, frame, inner, theme);
    }

    /// The border with the title; returns the area inside it. A title too long for the
    /// border loses its part in brackets ("Check-in of 2026-11-25 (saved before; ...)").
    fn draw_border(&self, frame: &mut Frame, area: Rect, theme: &Theme) -> Rect {
        let mut title = self.title();
        if title.chars().count() + 4 > usize::from(area.width)
            && let Some(at) = title.find(" (")
        {
            title.truncate(at);
        }
        let block = Block::bordered().title(Span::styled(format!(" {title} "), theme.title()));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        inner
    }

    /// The fields with their errors, wrapped to `area` and scrolled so the focused one is in
    /// view.
    fn draw_fields(
        &self,
        state: &FormState<Self::Field>,
        frame: &mut Frame,
        area: Rect,
        theme: &Theme,
    ) {
        let width = area.width as usize;
        let mut lines = vec![
            Line::from(Span::styled(self.intro().to_string(), theme.dim())),
            Line::from(""),
        ];
        // The focused field's lines, its hint and errors with it, are kept in view.
        let (mut focus_line, mut focus_end) = (0, 0);
        for &field in state.fields() {
            let focused = field == state.focused();
            if focused {
                focus_line = lines.len();
            }
            lines.extend(self.field_lines(field, focused, width, theme));
            lines.extend(state.errors_on(field).map(|m| error_line(m, theme)));
            if focused {
                focus_end = lines.len();
            }
        }
        let (lines, starts) = wrap_lines(lines, width);
        let focus_line = starts.get(focus_line).copied().unwrap_or(0);
        let focus_end = starts.get(focus_end).copied().unwrap_or(lines.len());
        let height = area.height as usize;
        let scroll = scroll_for(focus_line, height)
            .max(u16::try_from((focus_end).saturating_sub(height)).unwrap_or(u16::MAX))
            .min(u16::try_from(focus_line).unwrap_or(u16::MAX));
        frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), area);
    }
}

/// A form open on screen: its state and its own parts.
#[derive(Debug, Clone)]
pub struct Open<P: Form> {
    pub state: FormState<P::Field>,
    pub form: P,
    /// What its text fields held when it opened, in the order of its fields: a draft keeps
    /// only the fields typed in since.
    opened: Vec<Option<String>>,
}

/// A text field of a draft: what it held when the form opened, and what was typed in it.
pub type Typed = Option<(String, String)>;

impl<P: Form> Open<P> {
    /// `form` with its `fields` (in the order they are shown and Tab walks them) and `focus`
    /// focused.
    pub fn new(mut form: P, fields: impl Into<Vec<P::Field>>, focus: P::Field) -> Open<P> {
        let state = FormState::new(fields, focus);
        let opened = texts_of(&mut form, &state.fields);
        Open {
            state,
            form,
            opened,
        }
    }

    /// What the form describes ([`Form::check`]), with the errors it finds shown (and the old
    /// ones gone).
    pub fn build(&mut self, clock: &AppClock) -> Option<P::Value> {
        let mut errors = Errors(Vec::new());
        let value = self.form.check(clock, &mut errors);
        // The domain's checks too, so that every field found wrong is shown at once (a field
        // the form could not read is unknown in the value, which the domain accepts).
        if let Some(v) = &value
            && let Err(e) = P::validate(v)
        {
            let (row, message) = self.domain_error(e);
            if !errors.0.iter().any(|(f, _)| *f == row) {
                errors.0.push((row, message));
            }
        }
        let saved = if errors.is_empty() { value } else { None };
        self.state.show_errors(errors.0);
        saved
    }

    /// A domain error (the form's value refused by the domain or the store) as the row it
    /// belongs on and its message.
    fn domain_error(&self, e: Invalid) -> (P::Field, String) {
        (self.form.row_for(Some(e.field)), e.message)
    }

    /// Shows a refusal from the store on its row.
    pub fn store_error(&mut self, e: StoreError) {
        if let StoreError::ChangedElsewhere { fields } = &e {
            self.state.told.extend(fields.iter().cloned());
        }
        let (row, message) = match e {
            StoreError::Invalid(invalid) => self.domain_error(invalid),
            other @ StoreError::ChangedElsewhere { .. } => (
                self.form.row_for(None),
                format!(
                    "{other}. Save again to put yours in its place, or Esc to leave it as it is now"
                ),
            ),
            other => (self.form.row_for(None), other.to_string()),
        };
        self.state.set_error(row, message);
        self.state.focus(row);
    }

    /// Builds what the form describes and hands it to `write`, which saves it and says what it
    /// did; a refusal, of the input or by the diary, is shown in the form instead.
    pub fn submit(
        &mut self,
        clock: &AppClock,
        write: impl FnOnce(&P::Value) -> Result<String, StoreError>,
    ) -> Option<String> {
        let value = self.build(clock)?;
        match write(&value) {
            Ok(done) => Some(done),
            Err(e) => {
                self.store_error(e);
                None
            }
        }
    }
}

impl<P: Form> Open<P> {
    /// Counts what the form shows now as what it opened with: it was filled again from the
    /// diary (a check-in following its Day), so nothing in it is typed.
    pub fn opened_as_shown(&mut self) {
        self.opened = texts_of(&mut self.form, &self.state.fields);
    }

    /// Counts every text field as opened blank: what the form shows was typed for a record
    /// that has none of it yet (a check-in moved to a day without one).
    pub fn opened_as_blank(&mut self) {
        self.opened = texts_of(&mut self.form, &self.state.fields)
            .into_iter()
            .map(|text| text.map(|_| String::new()))
            .collect();
    }
}

/// What the text fields among `fields` hold (`None` for a choice or a toggle).
fn texts_of<P: Form>(form: &mut P, fields: &[P::Field]) -> Vec<Option<String>> {
    fields
        .iter()
        .map(|f| form.text_mut(*f).map(|t| t.value().to_string()))
        .collect()
}

/// The open form as the app drives it, whatever it edits.
pub trait AnyForm {
    /// A key: typed into the focused text field, a form key, or one the focused field takes.
    fn handle(&mut self, key: KeyEvent, form_key: Option<FormKey>) -> FormOutcome;
    /// Pasted text, into the focused text field.
    fn paste(&mut self, text: &str);
    /// Whether it holds anything typed or chosen.
    fn is_dirty(&self) -> bool;
    /// The question Esc asks when it is dirty.
    fn discard_question(&self) -> String;
    /// Its inline errors, in the order they were found.
    fn error_messages(&self) -> Vec<String>;
    /// Its title, which names the form (and the record it edits).
    fn title(&self) -> String;
    /// What it is about, which its draft is kept under.
    fn subject(&self) -> Subject;
    /// The text fields typed in since it opened, in the order of its fields (`None` for a
    /// field not typed in, a choice or a toggle): what a draft keeps.
    fn typed(&mut self) -> Vec<Typed>;
    /// Puts what was typed (from [`AnyForm::typed`] of a form about the same [`Subject`])
    /// back into its text fields. A field that holds something else now than when the draft's
    /// form opened (changed elsewhere since) gets the draft's text and an error that says so;
    /// returns how many did.
    fn restore_typed(&mut self, typed: &[Typed]) -> usize;
    fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme);
}

impl<P: Form> Open<P> {
    /// A key, as [`AnyForm::handle`] takes it, before the edited field's error is taken away.
    fn key(&mut self, key: KeyEvent, form_key: Option<FormKey>) -> FormOutcome {
        let Open { state, form, .. } = self;
        let field = state.focused();
        // Text fields take every character, even those bound to keys elsewhere.
        if is_typed(&key)
            && let Some(text) = form.text_mut(field)
        {
            text.handle(key);
            state.changed();
            form.typed(field);
            return FormOutcome::Handled;
        }
        if form.field_key(state, field, &key) {
            return FormOutcome::Handled;
        }
        if matches!(form_key, Some(FormKey::Next | FormKey::Prev)) && !form.leave(state, field) {
            return FormOutcome::Handled;
        }
        if let Some(outcome) = state.navigate(form_key) {
            return outcome;
        }
        if form_key == Some(FormKey::Choose) {
            form.choose(state, field);
            return FormOutcome::Handled;
        }
        let Some(text) = form.text_mut(field) else {
            return FormOutcome::Unhandled;
        };
        let before = text.value().to_string();
        if !text.handle(key) {
            return FormOutcome::Unhandled;
        }
        if before != text.value() {
            state.changed();
            form.typed(field);
        }
        FormOutcome::Handled
    }
}

impl<P: Form> AnyForm for Open<P> {
    fn handle(&mut self, key: KeyEvent, form_key: Option<FormKey>) -> FormOutcome {
        let field = self.state.focused();
        let errors = |state: &FormState<P::Field>| -> Vec<String> {
            state.errors_on(field).map(str::to_string).collect()
        };
        let (edits, before) = (self.state.edits, errors(&self.state));
        let outcome = self.key(key, form_key);
        // A field edited loses its error, unless this very key is what found it.
        if self.state.edits != edits && errors(&self.state) == before {
            self.state.clear_error(field);
        }
        outcome
    }

    fn paste(&mut self, text: &str) {
        let field = self.state.focused();
        if let Some(input) = self.form.text_mut(field) {
            input.insert_str(text);
            self.state.changed();
            self.state.clear_error(field);
            self.form.typed(field);
        }
    }

    fn is_dirty(&self) -> bool {
        self.state.is_dirty()
    }

    fn discard_question(&self) -> String {
        self.form.discard_question()
    }

    fn error_messages(&self) -> Vec<String> {
        self.state.errors().iter().map(|(_, m)| m.clone()).collect()
    }

    fn title(&self) -> String {
        self.form.title()
    }

    fn subject(&self) -> Subject {
        self.form.subject()
    }

    fn typed(&mut self) -> Vec<Typed> {
        let now = texts_of(&mut self.form, &self.state.fields);
        now.into_iter()
            .zip(&self.opened)
            .zip(&self.state.fields)
            .map(|((now, opened), field)| match (now, opened) {
                (Some(now), Some(opened)) if now != *opened && self.form.kept_in_draft(*field) => {
                    Some((opened.clone(), now))
                }
                _ => None,
            })
            .collect()
    }

    fn restore_typed(&mut self, typed: &[Typed]) -> usize {
        let fields = self.state.fields.clone();
        let mut changed_since = 0;
        for (field, typed) in fields.into_iter().zip(typed) {
            if !self.form.kept_in_draft(field) {
                continue;
            }
            let (Some(input), Some((opened, text))) = (self.form.text_mut(field), typed) else {
                continue;
            };
            let now = input.value().to_string();
            input.set(text.clone());
            self.state.changed();
            if now != *opened {
                changed_since += 1;
                self.state.set_error(
                    field,
                    format!(
                        "changed elsewhere since the draft was kept (it was \"{opened}\", it is now \"{now}\"): the draft's is shown, and saving puts it in place"
                    ),
                );
            }
        }
        changed_since
    }

    fn draw(&self, frame: &mut Frame, area: Rect, theme: &Theme) {
        self.form.draw(&self.state, frame, area, theme);
    }
}
