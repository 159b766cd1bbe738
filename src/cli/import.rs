//! `myolog import FILE`: a JSON export, or episodes in the `episodes.csv` layout, merged into the
//! diary by id. The whole file is checked before the diary is opened; one bad record refuses it
//! all, naming where it is, and the diary is left exactly as it was.

use std::path::PathBuf;

use chrono::{DateTime, Local, Utc};
use clap::Args;

use super::{Result, plural, say};
use crate::domain::{Clock, DiarySlice, InputError};
use crate::portable;
use crate::store::{Access, Diary, MergeCounts, StoreError, Tally};

/// `myolog import --help`: what a merge keeps, in the user's words.
pub const LONG_ABOUT: &str = "Bring in a JSON export (`myolog export --format json`) or episodes \
    in the episodes.csv layout (`myolog export --format csv`).\n\n\
    Entries are matched by id, so importing the same file twice changes nothing and another \
    device's export adds only what is new. When an id exists with other content, the copy \
    changed last is kept (the diary's on a tie); an episode deleted here stays deleted unless \
    the imported copy was changed after the deletion. A check-in keeps every field the diary \
    knows and takes only the unknown ones from the file. Self-checks are never changed.\n\n\
    The file is checked whole first: one bad record refuses it all, naming its position and \
    the reason, and the diary is not touched.";

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// A .json export or a .csv of episodes
    pub file: PathBuf,
}

enum Kind {
    Json,
    Csv,
}

pub fn run(
    args: ImportArgs,
    clock: &Clock<Local>,
    now: DateTime<Utc>,
    open: impl Fn(Access) -> Result<Diary>,
) -> Result<()> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            StoreError::Input(InputError::new("FILE", format!("{name} does not exist")))
        }
        std::io::ErrorKind::IsADirectory => StoreError::Input(InputError::new(
            "FILE",
            format!("{name} is a folder; accepted: a .json export or a .csv of episodes"),
        )),
        _ => StoreError::Io {
            context: format!("cannot read {name}"),
            source: e,
        },
    })?;
    let text = String::from_utf8(bytes)
        .map_err(|_| InputError::new("FILE", format!("{name} is not UTF-8 text")))?;
    let kind = kind_of(&args.file, &text).ok_or_else(|| {
        InputError::new(
            "FILE",
            format!(
                "{name} is neither JSON nor CSV; accepted: a .json export or a .csv in the episodes.csv layout"
            ),
        )
    })?;
    let slice = match kind {
        Kind::Json => portable::json::import(&text, clock.now_fixed()),
        Kind::Csv => portable::csv::import(&text, clock).map(|episodes| DiarySlice {
            episodes,
            ..DiarySlice::default()
        }),
    }
    .map_err(|e| e.into_input(&name))?;
    let mut diary = open(Access::Write)?;
    let counts = diary.merge(&slice, now)?;
    say(summary(&name, &counts));
    Ok(())
}

/// By the extension; failing that, by the first character.
fn kind_of(path: &std::path::Path, text: &str) -> Option<Kind> {
    let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
    match ext.as_deref() {
        Some("json") => Some(Kind::Json),
        Some("csv") => Some(Kind::Csv),
        _ => match text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .chars()
            .next()
        {
            Some('{') => Some(Kind::Json),
            Some(_) if text.lines().next().is_some_and(|l| l.contains(',')) => Some(Kind::Csv),
            _ => None,
        },
    }
}

fn summary(name: &str, counts: &MergeCounts) -> String {
    let part = |t: &Tally| {
        let mut items = Vec::new();
        for (n, one, many) in [
            (t.episodes, "episode", "episodes"),
            (t.checkins, "check-in", "check-ins"),
            (t.medications, "medication", "medications"),
            (t.self_checks, "self-check", "self-checks"),
        ] {
            if n > 0 {
                items.push(plural(n, one, many));
            }
        }
        if items.is_empty() {
            "nothing".to_string()
        } else {
            items.join(", ")
        }
    };
    let mut text = format!("Imported {name}: added {}", part(&counts.added));
    if counts.updated.total() > 0 {
        text.push_str(&format!(
            "; updated {} (changed later in the file)",
            part(&counts.updated)
        ));
    }
    text.push_str(&format!(
        "; {} already here.",
        plural(counts.unchanged.total(), "entry", "entries")
    ));
    text
}
