//! Drafts (DOMAIN.md section 9: nothing typed is dropped). When a signal stops the UI (the
//! window closed, a logout, `kill`) while a form holds changes, what was typed in its text
//! fields since it opened is kept beside the diary, owner-only, with what each held then. The
//! next time the same form opens (the same title, on the same record), the draft is put back
//! into it and removed, and the status line says so; a field changed elsewhere since is marked.
//! Choices and ticks are not kept, and the messages say so.
//!
//! Each form's draft is a file of its own (`DIARY.draft-ID`, the ID made from the form's title
//! and record), written whole and never read back first: two windows stopped at once (a
//! logout) each keep theirs. Only a regular file of this user's is read as a draft.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::App;
use crate::files::{folder_of, read_own, write_private_with};
use crate::tui::form::Typed;

#[derive(Debug, Serialize, Deserialize)]
struct Draft {
    /// The form's title when it was kept, and the record it edited: which form it belongs to.
    form: String,
    record: Option<Uuid>,
    kept: DateTime<Utc>,
    /// Its text fields in the order of its fields: what each held when the form opened and
    /// what was typed in it; `null` for a field not typed in, a choice or a toggle.
    typed: Vec<Typed>,
}

/// The start of every draft's name beside the diary at `diary`.
fn prefix(diary: &Path) -> String {
    format!(
        "{}.draft-",
        diary.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Where the draft of the form titled `form`, on `record`, is kept.
fn path_of(diary: &Path, form: &str, record: Option<Uuid>) -> PathBuf {
    let key = format!(
        "{form}\n{}",
        record.map(|r| r.to_string()).unwrap_or_default()
    );
    let id = Uuid::new_v5(&Uuid::NAMESPACE_OID, key.as_bytes());
    diary.with_file_name(format!("{}{id}", prefix(diary)))
}

/// The draft at `path`, when there is one of this user's that reads as a draft.
fn read(path: &Path) -> Option<Draft> {
    let bytes = read_own(path).ok()??;
    serde_json::from_slice(&bytes).ok()
}

impl App {
    /// Keeps what was typed in the open form as its draft, when it holds changes; returns
    /// whether it did. Called when a signal stops the UI, where nobody can be asked.
    pub fn keep_draft(&mut self) -> Result<bool, String> {
        let Some(modal) = self.modal.as_mut() else {
            return Ok(false);
        };
        let form = modal.form_mut();
        let typed = form.typed();
        if !form.is_dirty() || typed.iter().all(Option::is_none) {
            return Ok(false);
        }
        let draft = Draft {
            form: form.title(),
            record: form.record_id(),
            kept: self.clock.now_utc(),
            typed,
        };
        let path = path_of(self.diary.path(), &draft.form, draft.record);
        write_private_with(&path, true, |out| {
            serde_json::to_writer(out, &draft).map_err(std::io::Error::from)
        })
        .map_err(|e| e.to_string())?;
        Ok(true)
    }

    /// The line that says which drafts wait, for the status line when the UI opens.
    pub(super) fn drafts_waiting(&self) -> Option<String> {
        let diary = self.diary.path();
        let prefix = prefix(diary);
        let titles: Vec<String> = std::fs::read_dir(folder_of(diary))
            .ok()?
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
            .filter_map(|entry| read(&entry.path()))
            .map(|draft| draft.form)
            .collect();
        (!titles.is_empty()).then(|| {
            format!(
                "Kept when myolog was stopped, waiting for their forms: {}. Opening one brings back what was typed in it.",
                titles.join("; ")
            )
        })
    }

    /// Puts the draft kept for the form just opened back into it, and removes it.
    pub(super) fn bring_back_draft(&mut self) {
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let form = modal.form_mut();
        let (title, record) = (form.title(), form.record_id());
        let path = path_of(self.diary.path(), &title, record);
        let Some(draft) = read(&path).filter(|d| d.form == title && d.record == record) else {
            return;
        };
        let changed_since = form.restore_typed(&draft.typed);
        let kept = draft
            .kept
            .with_timezone(&self.clock.now_fixed().timezone())
            .format("%Y-%m-%d %H:%M");
        let mut status = format!(
            "Brought back what was typed in this form when myolog was stopped ({kept}); choices and ticks were not kept, and nothing is saved until you save."
        );
        if changed_since > 0 {
            status.push_str(" A field changed elsewhere since is marked.");
        }
        if let Err(e) = std::fs::remove_file(&path) {
            status.push_str(&format!(" The draft could not be removed: {e}."));
        }
        self.status = Some(status);
    }
}
