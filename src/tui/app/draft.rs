//! Drafts (DOMAIN.md section 9: nothing typed is dropped). When a signal stops the UI (the
//! window closed, a logout, `kill`) while a form holds changes, what its text fields hold is
//! kept beside the diary (`DIARY.draft`, owner-only); the next time the same form opens (the
//! same title: the same kind of form on the same record), the draft is put back into it and
//! removed, and the status line says so.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::App;
use crate::files::{FileError, write_private_with};

#[derive(Debug, Serialize, Deserialize)]
struct Draft {
    /// The form's title when it was kept: which form, on which record.
    form: String,
    kept: DateTime<Utc>,
    /// Its text fields in the order of its fields; `null` for a choice or a toggle.
    texts: Vec<Option<String>>,
}

/// Where the draft of the diary at `diary` is kept.
pub fn path_of(diary: &Path) -> PathBuf {
    let mut name = diary.file_name().unwrap_or_default().to_os_string();
    name.push(".draft");
    diary.with_file_name(name)
}

impl App {
    /// Keeps what the open form holds as a draft, when it holds changes; returns whether it
    /// did. Called when a signal stops the UI, where nobody can be asked.
    pub fn keep_draft(&mut self) -> Result<bool, FileError> {
        let Some(modal) = self.modal.as_mut() else {
            return Ok(false);
        };
        let form = modal.form_mut();
        if !form.is_dirty() {
            return Ok(false);
        }
        let draft = Draft {
            form: form.title(),
            kept: self.clock.now_utc(),
            texts: form.texts(),
        };
        write_private_with(&path_of(self.diary.path()), true, |out| {
            serde_json::to_writer(out, &draft).map_err(std::io::Error::from)
        })?;
        Ok(true)
    }

    /// Puts a draft kept for the form just opened back into it, and removes it.
    pub(super) fn bring_back_draft(&mut self) {
        let path = path_of(self.diary.path());
        let Ok(bytes) = std::fs::read(&path) else {
            return;
        };
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let form = modal.form_mut();
        let Ok(draft) = serde_json::from_slice::<Draft>(&bytes) else {
            self.status = Some(format!(
                "A draft at {} could not be read; it was left there.",
                path.display()
            ));
            return;
        };
        if draft.form != form.title() {
            return;
        }
        form.restore_texts(&draft.texts);
        let _ = std::fs::remove_file(&path);
        let kept = draft
            .kept
            .with_timezone(&self.clock.now_fixed().timezone())
            .format("%Y-%m-%d %H:%M");
        self.status = Some(format!(
            "Brought back what this form held when myolog was stopped ({kept}); nothing of it is saved until you save."
        ));
    }
}
