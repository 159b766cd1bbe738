//! Drafts (DOMAIN.md section 9: nothing typed is dropped). When a signal stops the UI (the
//! window closed, a logout, `kill`) while a form holds changes, what was typed in its text
//! fields since it opened is kept beside the diary (`DIARY.draft`, owner-only), with what each
//! held then. The next time the same form opens (the same title, on the same record), the
//! draft is put back into it and removed, and the status line says so; a field changed
//! elsewhere since is marked. Choices and ticks are not kept, and the messages say so. Each
//! form keeps its own draft: a second stop in another form keeps both.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::App;
use crate::files::{FileError, write_private_with};
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

/// Where the drafts of the diary at `diary` are kept.
pub fn path_of(diary: &Path) -> PathBuf {
    let mut name = diary.file_name().unwrap_or_default().to_os_string();
    name.push(".draft");
    diary.with_file_name(name)
}

/// The drafts kept for the diary at `diary`: none when there is no file; an error when there
/// is one that cannot be read (it is then left alone).
fn read(diary: &Path) -> Result<Vec<Draft>, String> {
    let path = path_of(diary);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| format!("the drafts at {} cannot be read ({e})", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(format!(
            "the drafts at {} cannot be read ({e})",
            path.display()
        )),
    }
}

/// Keeps `drafts` for the diary at `diary`, owner-only; none removes the file.
fn write(diary: &Path, drafts: &[Draft]) -> Result<(), FileError> {
    let path = path_of(diary);
    if drafts.is_empty() {
        let _ = std::fs::remove_file(&path);
        return Ok(());
    }
    write_private_with(&path, true, |out| {
        serde_json::to_writer(out, drafts).map_err(std::io::Error::from)
    })
}

impl App {
    /// Keeps what was typed in the open form as a draft, when it holds changes; returns
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
        let path = self.diary.path().to_owned();
        let mut drafts = read(&path)?;
        let (title, record) = (form.title(), form.record_id());
        drafts.retain(|d| (d.form.as_str(), d.record) != (title.as_str(), record));
        drafts.push(Draft {
            form: title,
            record,
            kept: self.clock.now_utc(),
            typed,
        });
        write(&path, &drafts).map_err(|e| e.to_string())?;
        Ok(true)
    }

    /// The line that says which drafts wait, for the status line when the UI opens.
    pub(super) fn drafts_waiting(&self) -> Option<String> {
        let drafts = match read(self.diary.path()) {
            Ok(drafts) => drafts,
            Err(e) => return Some(format!("A draft was kept, but {e}.")),
        };
        let titles: Vec<&str> = drafts.iter().map(|d| d.form.as_str()).collect();
        (!titles.is_empty()).then(|| {
            format!(
                "Kept when myolog was stopped, waiting for their forms: {}. Opening one brings back what was typed in it.",
                titles.join("; ")
            )
        })
    }

    /// Puts a draft kept for the form just opened back into it, and removes it.
    pub(super) fn bring_back_draft(&mut self) {
        let path = self.diary.path().to_owned();
        let Ok(mut drafts) = read(&path) else {
            return;
        };
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let form = modal.form_mut();
        let (title, record) = (form.title(), form.record_id());
        let Some(at) = drafts
            .iter()
            .position(|d| (d.form.as_str(), d.record) == (title.as_str(), record))
        else {
            return;
        };
        let draft = drafts.remove(at);
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
        if let Err(e) = write(&path, &drafts) {
            status.push_str(&format!(" The draft could not be removed: {e}."));
        }
        self.status = Some(status);
    }
}
