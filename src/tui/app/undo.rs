//! Undo and redo in the UI: `u` takes back this session's own changes at once; a change made
//! before the UI opened (or by another program meanwhile) is named first and taken back only on
//! `y`, so that pressing `u` again and again never walks the diary back through its past
//! unawares. Ctrl-R brings back what undo took. The store's journal says which changes are this
//! session's ([`crate::store::Change::made_here`]).

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::App;
use crate::store::{Change, StoreError};

impl App {
    /// Undo: a change made in this session is taken back at once; an older one (made before
    /// the UI opened, or elsewhere) is named and taken back only on `y`, so that pressing `u`
    /// again and again never walks the diary back through its past unawares.
    pub(super) fn undo(&mut self) -> Result<(), StoreError> {
        match self.diary.next_undo()? {
            Some(change) if change.made_here => self.undo_change(&change)?,
            Some(change) => {
                self.status = Some(format!(
                    "Undo {} (made {}, not in this session)? Press y to undo it; any other key keeps it.",
                    change.label,
                    change
                        .at
                        .with_timezone(&self.clock.now_fixed().timezone())
                        .format("%Y-%m-%d %H:%M")
                ));
                self.confirm_undo = Some(change);
            }
            None if self.diary.journal()?.dropped => {
                self.status = Some(format!(
                    "Nothing more to undo: {}.",
                    crate::store::ends_undo()
                ));
            }
            None => self.status = Some("Nothing to undo.".into()),
        }
        Ok(())
    }

    /// The answer to the question [`App::undo`] asked about `change`.
    pub(super) fn answer_undo(&mut self, key: &KeyEvent, change: &Change) {
        if !matches!(key.code, KeyCode::Char('y' | 'Y')) {
            self.status = Some(format!("Kept {}; nothing was undone.", change.label));
            return;
        }
        if let Err(e) = self.undo_change(change) {
            self.status = Some(format!("Not done: {e}"));
        }
    }

    fn undo_change(&mut self, change: &Change) -> Result<(), StoreError> {
        self.status = Some(
            match self.diary.undo_change(change.seq, self.clock.now_utc())? {
                Some(label) => format!(
                    "Undone: {label}. {} brings it back.",
                    self.keymap.first_key("redo")
                ),
                None => "The diary was changed meanwhile; nothing was undone. Press undo again to see what it would take back.".into(),
            },
        );
        self.refresh();
        Ok(())
    }

    /// Redo: brings back what undo took, newest first.
    pub(super) fn redo(&mut self) -> Result<(), StoreError> {
        self.status = Some(match self.diary.redo(self.clock.now_utc())? {
            Some(label) => format!(
                "Redone: {label}. {} takes it back again.",
                self.keymap.first_key("undo")
            ),
            None => "Nothing to redo: undo has taken nothing back since the last change.".into(),
        });
        self.refresh();
        Ok(())
    }
}
