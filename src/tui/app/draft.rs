//! Drafts (DOMAIN.md section 9: nothing typed is dropped). When a signal stops the UI (the
//! window closed, a logout, `kill`) while a form holds changes, what was typed in its text
//! fields since it opened is kept beside the diary, owner-only, with what each held then. The
//! next time a form about the same [`Subject`] opens (the same record, the same check-in day,
//! or a new record of the same kind), or a check-in's Day is set to the draft's day, the draft
//! is put back into it and removed, and the status line says so; a field changed elsewhere
//! since is marked. Choices and ticks are not kept, and the messages say so.
//!
//! Each form's draft is a file of its own (`DIARY.draft-ID`, the ID made from the subject),
//! written whole and never read back first: two windows stopped at once (a logout) each keep
//! theirs. Only a regular file of this user's is read as a draft. A draft the previous version
//! kept under its form's title is moved under its subject when the UI opens.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::App;
use crate::domain::Kind;
use crate::files::{folder_of, read_own, write_private_with};
use crate::store::Editable;
use crate::tui::form::{Subject, Typed};

#[derive(Debug, Serialize, Deserialize)]
struct Draft {
    /// What the form was about: which form it comes back into.
    about: Subject,
    /// The form's title when it was kept, to name it by.
    form: String,
    kept: DateTime<Utc>,
    /// Its text fields in the order of its fields: what each held when the form opened and
    /// what was typed in it; `null` for a field not typed in, a choice or a toggle.
    typed: Vec<Typed>,
}

/// A draft as the previous version kept it: under its form's title and record.
#[derive(Debug, Deserialize)]
struct TitledDraft {
    form: String,
    record: Option<Uuid>,
    kept: DateTime<Utc>,
    typed: Vec<Typed>,
}

/// The start of every draft's name beside the diary at `diary`.
fn prefix(diary: &Path) -> String {
    format!(
        "{}.draft-",
        diary.file_name().unwrap_or_default().to_string_lossy()
    )
}

/// Where the draft of the form about `subject` is kept.
fn path_of(diary: &Path, subject: Subject) -> PathBuf {
    let key = serde_json::to_string(&subject).unwrap_or_default();
    let id = Uuid::new_v5(&Uuid::NAMESPACE_OID, key.as_bytes());
    diary.with_file_name(format!("{}{id}", prefix(diary)))
}

/// The draft at `path`, when there is one of this user's that reads as a draft.
fn read(path: &Path) -> Option<Draft> {
    let bytes = read_own(path).ok()??;
    serde_json::from_slice(&bytes).ok()
}

/// Whether a draft waits for the form about `subject`, beside the diary at `diary`.
pub(super) fn waits(diary: &Path, subject: Subject) -> bool {
    read(&path_of(diary, subject)).is_some_and(|d| d.about == subject)
}

fn write(path: &Path, draft: &Draft) -> Result<(), String> {
    write_private_with(path, true, |out| {
        serde_json::to_writer(out, draft).map_err(std::io::Error::from)
    })
    .map_err(|e| e.to_string())
}

/// Why a draft's keys are not named when its record cannot be looked up.
const UNREAD: &str = "whose record could not be read just now";

/// A draft file beside the diary: one to bring back, or one only the file keeps.
enum Waiting {
    Draft(Draft),
    /// The previous version's, whose form cannot be told from its title.
    File(String),
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
            about: form.subject(),
            form: form.title(),
            kept: self.clock.now_utc(),
            typed,
        };
        write(&path_of(self.diary.path(), draft.about), &draft)?;
        Ok(true)
    }

    /// The line that says which drafts wait and how to bring each back, for the status line
    /// when the UI opens. Drafts kept under their title by the previous version are moved
    /// under their subject first.
    pub(super) fn drafts_waiting(&self) -> Option<String> {
        let diary = self.diary.path();
        let prefix = prefix(diary);
        let mut waiting: Vec<(DateTime<Utc>, PathBuf, Waiting)> =
            std::fs::read_dir(folder_of(diary))
                .ok()?
                .flatten()
                .filter(|entry| entry.file_name().to_string_lossy().starts_with(&prefix))
                .filter_map(|entry| self.waiting(entry.path()))
                .collect();
        waiting.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        let lines: Vec<String> = waiting
            .iter()
            .map(|(_, path, waiting)| match waiting {
                Waiting::Draft(draft) => self.how_to_bring_back(draft, path),
                Waiting::File(title) => format!(
                    "\"{title}\", from an older myolog: kept as the file {}",
                    path.display()
                ),
            })
            .collect();
        (!lines.is_empty()).then(|| {
            format!(
                "Kept when myolog was stopped, what was typed in: {}.",
                lines.join("; ")
            )
        })
    }

    /// The draft at `path`, its previous version's moved under its subject (when no draft
    /// of the same form is there already, and the move can be written).
    fn waiting(&self, path: PathBuf) -> Option<(DateTime<Utc>, PathBuf, Waiting)> {
        let bytes = read_own(&path).ok()??;
        if let Ok(draft) = serde_json::from_slice::<Draft>(&bytes) {
            return Some((draft.kept, path, Waiting::Draft(draft)));
        }
        let old: TitledDraft = serde_json::from_slice(&bytes).ok()?;
        let Some(about) = Subject::of_title(&old.form, old.record) else {
            return Some((old.kept, path, Waiting::File(old.form)));
        };
        let draft = Draft {
            about,
            form: old.form,
            kept: old.kept,
            typed: old.typed,
        };
        let moved = path_of(self.diary.path(), about);
        if read(&moved).is_some() || write(&moved, &draft).is_err() {
            return Some((draft.kept, path, Waiting::File(draft.form)));
        }
        // Moved: the old name goes (a failure leaves a copy that the next start moves again).
        let _ = std::fs::remove_file(&path);
        Some((draft.kept, moved, Waiting::Draft(draft)))
    }

    /// What the draft holds and the keys that bring it back; for a draft no key can bring
    /// back (its record was deleted since), where its file is.
    fn how_to_bring_back(&self, draft: &Draft, path: &Path) -> String {
        let key = |name| self.keymap.first_key(name);
        let in_meds = |named: String| {
            format!(
                "your changes to {named}: press {}, pick it and press {}",
                key("meds"),
                key("edit")
            )
        };
        let file = |why: &str| {
            format!(
                "\"{}\", {why}: kept as the file {}",
                draft.form,
                path.display()
            )
        };
        // A record of Meds & checks: its keys while it is there, its file once deleted.
        let in_meds_or_file = |named: Result<Option<String>, _>, deleted: &str| match named {
            Ok(Some(named)) => in_meds(named),
            Ok(None) => file(deleted),
            Err(_) => file(UNREAD),
        };
        let today = self.clock.today();
        match draft.about {
            Subject::NewEpisode { kind } => format!(
                "the {kind} being logged: press {}",
                key(match kind {
                    Kind::Twitch => "new_twitch",
                    Kind::Cramp => "new_cramp",
                })
            ),
            Subject::Episode { id } => match self.diary.episode(id) {
                Ok(Some(e)) => format!(
                    "your changes to {}: press {} for History, pick it and press {}",
                    e.named(),
                    key("history"),
                    key("edit")
                ),
                Ok(None) => file("whose episode was deleted since"),
                Err(_) => file(UNREAD),
            },
            Subject::CheckIn { date } if date == today => {
                format!("the check-in of {date}: press {}", key("checkin"))
            }
            Subject::CheckIn { date } if date < today => format!(
                "the check-in of {date}: press {} and set Day to {date}",
                key("checkin")
            ),
            Subject::CheckIn { .. } => file("of a day after today"),
            Subject::NewMedication => {
                format!(
                    "the medication being added: press {}",
                    key("add_medication")
                )
            }
            Subject::Medication { id } => in_meds_or_file(
                self.diary
                    .medications()
                    .map(|all| all.into_iter().find(|m| m.id == id).map(|m| m.named())),
                "whose medication was deleted since",
            ),
            Subject::SelfCheck { id } => in_meds_or_file(
                self.diary
                    .self_checks()
                    .map(|all| all.into_iter().find(|c| c.id == id).map(|c| c.named())),
                "whose self-check was deleted since",
            ),
            Subject::NewSelfCheck => {
                format!("the self-check being recorded: press {}", key("self_check"))
            }
        }
    }

    /// Puts the draft kept for the form just opened (or the check-in's day just shown) back
    /// into it, and removes it.
    pub(super) fn bring_back_draft(&mut self) {
        let Some(modal) = self.modal.as_mut() else {
            return;
        };
        let form = modal.form_mut();
        let subject = form.subject();
        let path = path_of(self.diary.path(), subject);
        let Some(draft) = read(&path).filter(|d| d.about == subject) else {
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
