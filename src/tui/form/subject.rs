//! What a form is about: the record it changes, the day of a check-in, or the kind of record
//! it adds. A draft is kept under it, not under the form's title, which holds data that
//! changes (an episode's time, whether a day's check-in was saved before).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::Kind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "form", rename_all = "kebab-case")]
pub enum Subject {
    /// A twitch or a cramp being logged.
    NewEpisode {
        kind: Kind,
    },
    /// An episode being changed.
    Episode {
        id: Uuid,
    },
    /// The check-in of a day, saved before or not: there is one a day.
    CheckIn {
        date: NaiveDate,
    },
    NewMedication,
    Medication {
        id: Uuid,
    },
    NewSelfCheck,
    SelfCheck {
        id: Uuid,
    },
}

impl Subject {
    /// The subject of a form the previous version titled `title` on `record` (its drafts
    /// were kept under the title); `None` for a title it never gave a form.
    pub fn of_title(title: &str, record: Option<Uuid>) -> Option<Subject> {
        if let Some(day) = title.strip_prefix("Check-in of ") {
            let day = day.split(' ').next().unwrap_or_default();
            let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
            return Some(Subject::CheckIn { date });
        }
        let Some(id) = record else {
            return match title {
                "Log a twitch" => Some(Subject::NewEpisode { kind: Kind::Twitch }),
                "Log a cramp" => Some(Subject::NewEpisode { kind: Kind::Cramp }),
                "Add a medication" => Some(Subject::NewMedication),
                "Self-check" => Some(Subject::NewSelfCheck),
                _ => None,
            };
        };
        let changed = title.strip_prefix("Change ")?;
        Some(
            if changed.starts_with("the twitch of ") || changed.starts_with("the cramp of ") {
                Subject::Episode { id }
            } else if changed.starts_with("the self-check of ") {
                Subject::SelfCheck { id }
            } else {
                Subject::Medication { id }
            },
        )
    }
}
