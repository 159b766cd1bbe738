//! The app: its state (one sub-state per screen), the events it takes and `update`, which
//! carries out an action. Only `update` and the loaders it calls touch the diary; the frame
//! ([`frame`]) is drawn from the state alone.

mod draft;
mod frame;
mod undo;

use crate::store::changes_anything;
use std::cell::Cell;

use chrono::NaiveDate;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

use super::action::{Action, Tab};
use super::checkin_form::{self, CheckinForm, DayChange};
use super::clock::AppClock;
use super::episodes;
use super::export::Export;
use super::form::{AnyForm, FormKey, FormOutcome, Open, Subject};
use super::help::Help;
use super::history::History;
use super::keymap::Keymap;
use super::log_form::LogForm;
use super::meds::{MedForm, Meds, Section as MedsSection, SelfCheckForm};
use super::patterns::Patterns;
use super::select;
use super::theme::Theme;
use super::today::Today;
use crate::config::Config;
use crate::domain::{CheckIn, Episode, Kind, Medication, Record, SelfCheck};
use crate::patterns::Settings;
use crate::patterns::suggestions::{Suggestion, suggested_triggers};
use crate::store::{Change, Diary, Editable, StoreError};

/// What a change to the diary may have touched, so only the screens showing it are read again.
#[derive(Debug, Clone)]
enum Touched {
    /// Entries of these local dates (an episode, a check-in or a self-check).
    Dates(Vec<NaiveDate>),
    /// Anything (an undo, a medication, another program's change, a new day).
    Anything,
}

/// A form open over the current screen.
#[derive(Debug)]
pub enum Modal {
    Log(Box<Open<LogForm>>),
    CheckIn(Box<Open<CheckinForm>>),
    Med(Box<Open<MedForm>>),
    SelfCheck(Box<Open<SelfCheckForm>>),
}

impl Modal {
    fn form(&self) -> &dyn AnyForm {
        match self {
            Modal::Log(f) => f.as_ref(),
            Modal::CheckIn(f) => f.as_ref(),
            Modal::Med(f) => f.as_ref(),
            Modal::SelfCheck(f) => f.as_ref(),
        }
    }

    fn form_mut(&mut self) -> &mut dyn AnyForm {
        match self {
            Modal::Log(f) => f.as_mut(),
            Modal::CheckIn(f) => f.as_mut(),
            Modal::Med(f) => f.as_mut(),
            Modal::SelfCheck(f) => f.as_mut(),
        }
    }
}

/// A question about the open form, answered with `y` or `n` (Esc is `n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormQuestion {
    /// Esc on a form with something typed: discard it?
    Discard,
    /// The check-in's Day now names a day with a check-in of its own: show it, in place of
    /// what was typed?
    ReplaceDay(NaiveDate),
    /// The check-in's Day now names a day whose draft waits: show that day with its draft,
    /// in place of what was typed?
    DraftOfDay(NaiveDate),
}

/// The whole UI state.
pub struct App {
    diary: Diary,
    clock: AppClock,
    keymap: Keymap,
    theme: Theme,
    tab: Tab,
    today: Today,
    history: History,
    meds: Meds,
    export: Export,
    patterns: Patterns,
    modal: Option<Modal>,
    /// Help, while it is open.
    help: Option<Help>,
    /// A question about the open form, while it waits for its answer.
    question: Option<FormQuestion>,
    confirm_quit: bool,
    /// An undo asked about by name: a change made before this session, taken back only on `y`.
    confirm_undo: Option<Change>,
    /// One line saying what just happened, or what went wrong.
    status: Option<String>,
    quit: bool,
    /// The tab bar's last drawn area, for clicks.
    tabs_area: Cell<Rect>,
    /// Whether the terminal was too small to draw the screens, as last drawn.
    too_small: Cell<bool>,
    /// The diary's `data_version` when the screens were last loaded.
    data_version: i64,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("tab", &self.tab)
            .field("modal", &self.modal)
            .finish_non_exhaustive()
    }
}

/// What saving a form that changes nothing says.
const NOTHING_CHANGED: &str =
    "Nothing was changed, so nothing was saved (and there is nothing to undo).";

impl App {
    /// An app on `diary` at `clock`, with the key bindings of `config`; loads the start screen.
    pub fn new(
        diary: Diary,
        clock: impl Into<AppClock>,
        config: &Config,
    ) -> Result<App, crate::Error> {
        let keymap = Keymap::from_config(config)?;
        let clock = clock.into();
        // Undo takes back this session's changes without asking; older ones are named first.
        let mut diary = diary;
        diary.begin_session();
        let settings = Settings::from_config(config)?;
        let today = Today::load(&diary, &clock, &settings)?;
        let data_version = diary.data_version()?;
        let mut app = App {
            diary,
            clock,
            keymap,
            theme: Theme::default(),
            tab: Tab::Today,
            today,
            history: History::default(),
            meds: Meds::default(),
            export: Export::new(config),
            patterns: Patterns::new(settings),
            modal: None,
            help: None,
            question: None,
            confirm_quit: false,
            confirm_undo: None,
            status: None,
            quit: false,
            tabs_area: Cell::new(Rect::default()),
            too_small: Cell::new(false),
            data_version,
        };
        app.status = app.drafts_waiting();
        Ok(app)
    }

    pub fn with_theme(mut self, theme: Theme) -> App {
        self.theme = theme;
        self
    }

    /// Export writes its files into `dir` rather than the current folder.
    pub fn with_export_dir(mut self, dir: impl Into<std::path::PathBuf>) -> App {
        self.export.set_dir(dir.into());
        self
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    pub fn tab(&self) -> Tab {
        self.tab
    }

    /// Whether a form is open, and whether it holds unsaved changes.
    pub fn form_open(&self) -> Option<bool> {
        self.modal.as_ref().map(|m| m.form().is_dirty())
    }

    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The inline errors of the open form, for tests and screen readers of the state.
    pub fn form_errors(&self) -> Vec<String> {
        self.modal
            .as_ref()
            .map_or_else(Vec::new, |m| m.form().error_messages())
    }

    /// Does the slow work a key asked for (writing an export), once a frame saying so has been
    /// drawn; true when there was some. The run loop calls it after every draw.
    pub fn run_pending(&mut self) -> bool {
        self.export.run_pending(&self.diary, self.clock.now_fixed())
    }

    /// The active flags Today's banner counts.
    pub fn active_flags(&self) -> Option<crate::patterns::banner::ActiveFlags> {
        self.today.active_flags()
    }

    /// The Patterns screen's state, for tests.
    pub fn patterns(&self) -> &Patterns {
        &self.patterns
    }

    pub fn diary(&self) -> &Diary {
        &self.diary
    }

    /// Moves the clock on (a UI left open overnight); reloads when the date changed.
    pub fn set_clock(&mut self, clock: impl Into<AppClock>) {
        let clock = clock.into();
        let new_day = clock.today() != self.clock.today();
        self.clock = clock;
        if new_day {
            self.refresh();
        }
    }

    /// Reloads the screens when another program (the command line, a second window) changed
    /// the diary since they were loaded; returns whether it did. Cheap enough for every redraw.
    pub fn reload_if_changed_elsewhere(&mut self) -> bool {
        match self.diary.data_version() {
            Ok(v) if v != self.data_version => {
                self.data_version = v;
                self.refresh();
                true
            }
            Ok(_) => false,
            Err(e) => {
                self.status = Some(format!("Could not read the diary: {e}"));
                false
            }
        }
    }

    /// Handles one terminal event: keys (presses only), paste, mouse; resizes need nothing
    /// because every frame is laid out from the terminal's size.
    pub fn handle(&mut self, event: Event) {
        let was_open = self.modal.is_some();
        self.handle_event(event);
        if !was_open && self.modal.is_some() {
            self.bring_back_draft();
        }
        self.follow_log_when();
    }

    /// A log form's suggested triggers follow the day its When names (typed, pasted or brought
    /// back from a draft): they are that day's check-in's.
    fn follow_log_when(&mut self) {
        let Some(Modal::Log(f)) = &mut self.modal else {
            return;
        };
        let (diary, settings) = (&self.diary, self.patterns.settings());
        let suggest = |day| suggestions_on(diary, settings, day);
        if let Err(e) = f.form.follow_when(&self.clock, suggest) {
            self.status = Some(format!(
                "Could not read the day's check-in to suggest triggers: {e}"
            ));
        }
    }

    fn handle_event(&mut self, event: Event) {
        match event {
            Event::Key(key) if key.kind == KeyEventKind::Press => self.on_key(key),
            // As keys: nothing reaches a screen too small to be shown.
            Event::Paste(_) if self.too_small.get() => {}
            Event::Paste(text) => self.on_paste(&text),
            Event::Mouse(mouse) => self.on_mouse(mouse),
            Event::Resize(_, rows) => {
                // Tabs, title, header and footer take five rows.
                let rows = usize::from(rows).saturating_sub(5);
                if let Err(e) = self.history.resized(rows, &self.diary) {
                    self.status = Some(format!("Could not read the diary: {e}"));
                }
            }
            _ => {}
        }
    }

    fn on_key(&mut self, key: KeyEvent) {
        let ctrl_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            // Ctrl-C always gets out; a second one when a form holds changes.
            if self.confirm_quit || !self.form_open().unwrap_or(false) {
                self.quit = true;
            } else {
                self.confirm_quit = true;
            }
            return;
        }
        if self.confirm_quit {
            match key.code {
                KeyCode::Char('y' | 'Y' | 'q') => self.quit = true,
                _ => self.confirm_quit = false,
            }
            return;
        }
        if self.too_small.get() {
            // Nothing but the size is shown, so no key reaches the hidden screen (a tapped `x`
            // deleted an episode nobody could see, a `q` went into a form's field): the quit
            // key quits, asking first when a form holds changes, as it says.
            if self.keymap.action(&key) == Some(Action::Quit) {
                self.quit = !self.form_open().unwrap_or(false);
                self.confirm_quit = !self.quit;
            }
            return;
        }
        if let Some(change) = self.confirm_undo.take() {
            self.answer_undo(&key, &change);
            return;
        }
        if self.help.is_some() {
            self.on_help_key(key);
            return;
        }
        if self.question.is_some() {
            self.on_question_key(key);
            return;
        }
        if self.modal.is_some() {
            self.on_form_key(key);
            return;
        }
        if self.tab == Tab::History && self.history.filtering() {
            let form_key = self.keymap.form_key(&key);
            if self
                .history
                .filter_key(key, form_key, &self.diary, &self.clock)
            {
                return;
            }
        }
        self.status = None;
        // The key that cancels a form closes a flag's evidence.
        if self.tab == Tab::Patterns
            && self.keymap.form_key(&key) == Some(FormKey::Cancel)
            && self.patterns.close_evidence()
        {
            return;
        }
        if let Some(action) = self.keymap.action(&key) {
            self.update(action);
        }
    }

    fn on_form_key(&mut self, key: KeyEvent) {
        let form_key = self.keymap.form_key(&key);
        let Some(modal) = &mut self.modal else {
            return;
        };
        let outcome = modal.form_mut().handle(key, form_key);
        if self.follow_checkin_day(outcome) {
            return;
        }
        match outcome {
            FormOutcome::Handled => {}
            FormOutcome::Cancel => self.cancel_form(),
            FormOutcome::Save => self.save_form(),
            FormOutcome::Unhandled => match self.keymap.action(&key) {
                Some(Action::Quit) => self.update(Action::Quit),
                Some(Action::Help) => self.help = Some(Help::default()),
                _ => {}
            },
        }
    }

    /// A check-in follows its Day once the focus leaves it, or on save (while it is typed in,
    /// only its title does); true when that stops the key's outcome (a question to answer
    /// first, or a day to look at before saving).
    fn follow_checkin_day(&mut self, outcome: FormOutcome) -> bool {
        let Some(Modal::CheckIn(f)) = &mut self.modal else {
            return false;
        };
        let saving = outcome == FormOutcome::Save;
        if f.state.focused() == checkin_form::Field::Date && !saving {
            f.read_day(&self.diary, &self.clock);
            return false;
        }
        let diary = self.diary.path();
        let draft_waits = |date| draft::waits(diary, Subject::CheckIn { date });
        match f.follow_day(&self.diary, &self.clock, draft_waits) {
            DayChange::Ask(day) => {
                self.question = Some(if draft_waits(day) {
                    FormQuestion::DraftOfDay(day)
                } else {
                    FormQuestion::ReplaceDay(day)
                });
                true
            }
            // The day shown changed under the save key: look before saving.
            DayChange::Loaded => {
                self.bring_back_draft();
                saving
            }
            DayChange::Same | DayChange::Moved => false,
        }
    }

    /// Esc on a form: it closes at once when nothing was typed; else it asks, so nothing
    /// typed is lost to a stray key.
    fn cancel_form(&mut self) {
        if self.form_open() == Some(true) {
            self.question = Some(FormQuestion::Discard);
        } else {
            self.modal = None;
            self.status = Some("Cancelled; nothing was saved.".into());
        }
    }

    /// The answer to the form's question: `y` does what it asks, `n` or Esc does not; other
    /// keys wait for one of those.
    fn on_question_key(&mut self, key: KeyEvent) {
        let Some(question) = self.question else {
            return;
        };
        let yes = matches!(key.code, KeyCode::Char('y' | 'Y'));
        let no = matches!(key.code, KeyCode::Char('n' | 'N'))
            || self.keymap.form_key(&key) == Some(FormKey::Cancel);
        if !yes && !no {
            return;
        }
        self.question = None;
        match question {
            FormQuestion::Discard if yes => {
                self.modal = None;
                self.status = Some("Discarded; nothing was saved.".into());
            }
            FormQuestion::Discard => {}
            FormQuestion::ReplaceDay(day) | FormQuestion::DraftOfDay(day) => {
                if let Some(Modal::CheckIn(f)) = &mut self.modal {
                    f.answer_day(day, yes, &self.diary);
                }
                if yes {
                    self.bring_back_draft();
                }
            }
        }
    }

    /// Keys while help is open: the list keys scroll it; Esc, help and quit close it.
    fn on_help_key(&mut self, key: KeyEvent) {
        let Some(help) = &mut self.help else {
            return;
        };
        if self.keymap.form_key(&key) == Some(FormKey::Cancel) {
            self.help = None;
            return;
        }
        match self.keymap.action(&key) {
            Some(Action::Help | Action::Quit) => self.help = None,
            Some(
                action @ (Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::Top
                | Action::Bottom),
            ) => help.scroll(action),
            _ => {}
        }
    }

    /// The question waiting for an answer, if any.
    pub fn question(&self) -> Option<FormQuestion> {
        self.question
    }

    /// Whether help is open.
    pub fn help_open(&self) -> bool {
        self.help.is_some()
    }

    fn on_paste(&mut self, text: &str) {
        match &mut self.modal {
            Some(modal) => {
                modal.form_mut().paste(text);
                if let Modal::CheckIn(f) = modal
                    && f.state.focused() == checkin_form::Field::Date
                {
                    f.read_day(&self.diary, &self.clock);
                }
            }
            None if self.tab == Tab::History => self.history.paste(text),
            None => {}
        }
    }

    fn on_mouse(&mut self, mouse: MouseEvent) {
        if let Some(help) = &mut self.help {
            let action = match mouse.kind {
                MouseEventKind::ScrollDown => Action::Down,
                MouseEventKind::ScrollUp => Action::Up,
                _ => return,
            };
            for _ in 0..3 {
                help.scroll(action);
            }
            return;
        }
        if self.modal.is_some() || self.confirm_quit || self.too_small.get() {
            return;
        }
        match mouse.kind {
            MouseEventKind::ScrollDown => {
                for _ in 0..3 {
                    self.update(Action::Down);
                }
            }
            MouseEventKind::ScrollUp => {
                for _ in 0..3 {
                    self.update(Action::Up);
                }
            }
            MouseEventKind::Down(MouseButton::Left) => {
                let area = self.tabs_area.get();
                if mouse.row == area.y && mouse.column >= area.x {
                    if let Some(tab) = frame::tab_at(mouse.column - area.x, area.width, self.tab) {
                        self.update(Action::ShowTab(tab));
                    }
                } else if self.tab == Tab::History {
                    self.history.click(mouse.row, &self.diary);
                } else if self.tab == Tab::Meds {
                    self.meds.click(mouse.row);
                } else if self.tab == Tab::Patterns {
                    let today = self.clock.today();
                    if let Err(e) =
                        (self.patterns).click(mouse.column, mouse.row, &self.diary, today)
                    {
                        self.status = Some(format!("Not done: {e}"));
                    }
                }
            }
            _ => {}
        }
    }

    /// Carries out one action.
    pub fn update(&mut self, action: Action) {
        let result = self.apply(action);
        if let Err(e) = result {
            self.status = Some(format!("Not done: {e}"));
        }
    }

    fn apply(&mut self, action: Action) -> Result<(), StoreError> {
        match action {
            Action::NewTwitch => self.open_log(Kind::Twitch),
            Action::NewCramp => self.open_log(Kind::Cramp),
            Action::CheckIn => {
                let form = CheckinForm::open_on(&self.diary, self.clock.today())?;
                self.modal = Some(Modal::CheckIn(Box::new(form)));
            }
            Action::SelfCheck => {
                self.modal = Some(Modal::SelfCheck(Box::new(SelfCheckForm::open(
                    self.clock.today(),
                ))));
            }
            Action::AddMedication => {
                self.modal = Some(Modal::Med(Box::new(MedForm::open())));
            }
            Action::ShowTab(tab) => self.show(tab)?,
            Action::NextTab => self.show(select::step(&Tab::ALL, self.tab, true))?,
            Action::PrevTab => self.show(select::step(&Tab::ALL, self.tab, false))?,
            Action::Help => self.help = Some(Help::default()),
            Action::Quit => {
                if self.form_open().unwrap_or(false) {
                    self.confirm_quit = true;
                } else {
                    self.quit = true;
                }
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => match self.tab {
                Tab::Today => self.today.navigate(action),
                Tab::History => self.history.navigate(action, &self.diary)?,
                Tab::Meds => self.meds.navigate(action),
                Tab::Export => self.export.navigate(action),
                Tab::Patterns => self.patterns.navigate(action),
            },
            Action::Filter => {
                if self.tab != Tab::History {
                    self.show(Tab::History)?;
                }
                self.history.start_filter();
            }
            Action::Edit if self.tab == Tab::Export => self.export.start(),
            Action::Edit if self.tab == Tab::Patterns => {
                // Enter on an entry of a flag's evidence opens it in History.
                if let Some(id) = self.patterns.toggle_evidence(&self.diary)? {
                    self.show(Tab::History)?;
                    self.history.show_id(&id, &self.diary)?;
                    self.status = Some(format!(
                        "History shows the entry {id} of the evidence; {} and Ctrl-U, Enter show them all again.",
                        self.keymap.first_key("filter")
                    ));
                }
            }
            Action::Edit => self.edit_selected()?,
            Action::Delete => self.delete_selected()?,
            Action::Left | Action::Right if self.tab == Tab::Meds => {
                self.meds.jump(action == Action::Right);
            }
            Action::Left
            | Action::Right
            | Action::NextPeriod
            | Action::PrevPeriod
            | Action::Replace => match self.tab {
                Tab::Patterns => {
                    self.patterns.act(action, &self.diary, self.clock.today())?;
                }
                Tab::Export => {
                    self.export.act(action);
                }
                _ => {}
            },
            Action::Undo => self.undo()?,
            Action::Redo => self.redo()?,
        }
        Ok(())
    }

    /// The record picked on the screen shown, if it has one picked.
    fn selected_record(&self) -> Option<Record> {
        match self.tab {
            Tab::Today => self.today.selected_episode().cloned().map(Record::Episode),
            Tab::History => self
                .history
                .selected_episode()
                .cloned()
                .map(Record::Episode),
            Tab::Meds => self.meds.selected(),
            _ => None,
        }
    }

    /// `e`: the picked record of the screen opens in its form, filled in.
    fn edit_selected(&mut self) -> Result<(), StoreError> {
        let record = self.selected_record();
        self.modal = match record {
            // No screen picks an experiment: it is stopped, not edited.
            None | Some(Record::Experiment(_)) => return Ok(()),
            Some(Record::Episode(episode)) => Some(Modal::Log(Box::new(LogForm::open_edit(
                episode,
                self.today.site_counts().to_vec(),
            )))),
            Some(Record::CheckIn(checkin)) => Some(Modal::CheckIn(Box::new(CheckinForm::open_on(
                &self.diary,
                checkin.date,
            )?))),
            Some(Record::Medication(med)) => Some(Modal::Med(Box::new(MedForm::open_edit(med)))),
            Some(Record::SelfCheck(check)) => {
                Some(Modal::SelfCheck(Box::new(SelfCheckForm::open_edit(check))))
            }
        };
        self.follow_log_when();
        Ok(())
    }

    /// `x`: the picked record of the screen is deleted at once, and the status line says
    /// which key brings it back (as History has always done).
    fn delete_selected(&mut self) -> Result<(), StoreError> {
        let record = self.selected_record();
        let now = self.clock.now_utc();
        let what = match record {
            None | Some(Record::Experiment(_)) => return Ok(()),
            Some(Record::Episode(e)) => self.diary.delete::<Episode>(e.id, now)?.named(),
            Some(Record::CheckIn(c)) => self.diary.delete::<CheckIn>(c.date, now)?.named(),
            Some(Record::Medication(m)) => format!(
                "{} (to record a stop instead, {} changes it)",
                self.diary.delete::<Medication>(m.id, now)?.named(),
                self.keymap.first_key("edit")
            ),
            Some(Record::SelfCheck(c)) => self.diary.delete::<SelfCheck>(c.id, now)?.named(),
        };
        self.status = Some(format!(
            "Deleted {what}; {} brings it back.",
            self.keymap.first_key("undo")
        ));
        self.refresh();
        Ok(())
    }

    fn open_log(&mut self, kind: Kind) {
        let form = LogForm::open(kind, self.today.site_counts().to_vec());
        self.modal = Some(Modal::Log(Box::new(form)));
        self.follow_log_when();
    }

    fn show(&mut self, tab: Tab) -> Result<(), StoreError> {
        self.tab = tab;
        match tab {
            Tab::History if !self.history.loaded() => self.history.reload(&self.diary)?,
            Tab::Meds if !self.meds.loaded() => self.meds.reload(&self.diary)?,
            Tab::Patterns if !self.patterns.loaded() => {
                self.patterns.reload(&self.diary, self.clock.today())?
            }
            _ => {}
        }
        Ok(())
    }

    /// Reloads what the screens show after a change that may have touched anything.
    fn refresh(&mut self) {
        self.refresh_after(Touched::Anything);
    }

    /// Reloads what a change touched: Today (a day and the banner, read from the per-day
    /// summary) and the screen on view now; History and Patterns out of view are only marked
    /// to be read again when shown, and Patterns only when its period holds a date touched.
    fn refresh_after(&mut self, touched: Touched) {
        let today = self.clock.today();
        let result = (|| -> Result<(), StoreError> {
            let fresh = Today::load(&self.diary, &self.clock, self.patterns.settings())?;
            let old = std::mem::replace(&mut self.today, fresh);
            self.today.keep_selection(&old);
            if self.tab == Tab::History {
                self.history.reload(&self.diary)?;
            } else {
                self.history.mark_stale();
            }
            if self.meds.loaded() || self.tab == Tab::Meds {
                self.meds.reload(&self.diary)?;
            }
            let patterns_touched = match &touched {
                Touched::Anything => true,
                Touched::Dates(dates) => self.patterns.covers(dates, today),
            };
            if patterns_touched {
                if self.tab == Tab::Patterns {
                    self.patterns.reload(&self.diary, today)?;
                } else {
                    self.patterns.mark_stale();
                }
            }
            Ok(())
        })();
        if let Err(e) = result {
            self.status = Some(format!("Could not read the diary: {e}"));
        }
    }

    /// Saves the open form; a refusal stays in the form, on its field. A form saved as it was
    /// opened writes nothing and takes no undo step, and says so.
    fn save_form(&mut self) {
        let Some(modal) = &mut self.modal else {
            return;
        };
        let (diary, clock) = (&mut self.diary, &self.clock);
        // The record saved, to pick it in Meds & checks.
        let mut saved_id = None;
        // An edit may move an episode to another day: anything may have changed.
        let mut touched = Touched::Anything;
        let saved = match modal {
            Modal::Log(form) => {
                let edit = form.form.is_edit();
                let base = form.form.original().cloned();
                let told = form.state.told.clone();
                form.submit(clock, |episode| {
                    if base.as_ref().is_some_and(|b| !changes_anything(b, episode)) {
                        return Ok(NOTHING_CHANGED.into());
                    }
                    match &base {
                        // Only what the form changed is written onto the episode as it is now.
                        Some(base) => {
                            diary.save_edit(base, episode, clock.now_utc(), &told)?;
                        }
                        None => {
                            diary.add_episode(episode)?;
                            touched = Touched::Dates(vec![episode.local_date()]);
                        }
                    }
                    Ok(format!(
                        "{} the {} at {} on {}.",
                        if edit { "Changed" } else { "Logged" },
                        episode.kind,
                        episode.start.format("%Y-%m-%d %H:%M"),
                        episodes::sites(episode, ", ")
                    ))
                })
            }
            Modal::CheckIn(form) => {
                // Only what the form changed is written onto the day's check-in as it is now.
                let base = form.form.base().clone();
                let told = form.state.told.clone();
                form.submit(clock, |checkin| {
                    if checkin.date == base.date && !changes_anything(&base, checkin) {
                        return Ok(NOTHING_CHANGED.into());
                    }
                    let saved = diary.save_edit(&base, checkin, clock.now_utc(), &told)?;
                    saved_id = Some((MedsSection::CheckIns, saved.id()));
                    touched = Touched::Dates(vec![saved.date]);
                    Ok(format!("Saved the check-in of {}.", saved.date))
                })
            }
            Modal::Med(form) => {
                let base = form.form.original().cloned();
                let told = form.state.told.clone();
                form.submit(clock, |med| {
                    saved_id = Some((MedsSection::Medications, med.id));
                    if base.as_ref().is_some_and(|b| !changes_anything(b, med)) {
                        return Ok(NOTHING_CHANGED.into());
                    }
                    match &base {
                        Some(base) => {
                            let saved = diary.save_edit(base, med, clock.now_utc(), &told)?;
                            Ok(match saved.stop {
                                Some(stop) if base.stop != Some(stop) => {
                                    format!("Stopped {} on {stop}.", saved.name)
                                }
                                _ => format!("Changed {}.", saved.name),
                            })
                        }
                        None => {
                            diary.add_medication(med)?;
                            Ok(format!(
                                "Added {} ({}) from {}.",
                                med.name, med.class, med.start
                            ))
                        }
                    }
                })
            }
            Modal::SelfCheck(form) => {
                let base = form.form.original().cloned();
                let told = form.state.told.clone();
                form.submit(clock, |check| {
                    saved_id = Some((MedsSection::SelfChecks, check.id));
                    if base.as_ref().is_some_and(|b| !changes_anything(b, check)) {
                        return Ok(NOTHING_CHANGED.into());
                    }
                    let saved = match &base {
                        Some(base) => diary.save_edit(base, check, clock.now_utc(), &told)?,
                        None => {
                            diary.add_self_check(check)?;
                            check.clone()
                        }
                    };
                    let done = if base.is_some() { "Changed" } else { "Saved" };
                    Ok(match crate::patterns::self_check_level(&saved) {
                        Some(level) => format!(
                            "{done} the self-check of {}. {} (Guidance, not medical advice.)",
                            saved.date,
                            crate::patterns::self_check_advice(level)
                        ),
                        None => format!("{done} the self-check of {}.", saved.date),
                    })
                })
            }
        };
        if let Some(message) = saved {
            self.modal = None;
            self.status = Some(message);
            self.refresh_after(touched);
            if let Some((section, id)) = saved_id {
                self.meds.pick(section, id);
            }
        }
    }
}

/// The triggers the check-in of `day` points at, each with its reason; none when the day has
/// no check-in.
fn suggestions_on(
    diary: &Diary,
    settings: &Settings,
    day: NaiveDate,
) -> Result<Vec<Suggestion>, StoreError> {
    Ok(diary
        .checkin(day)?
        .map(|c| suggested_triggers(&c, settings))
        .unwrap_or_default())
}
