//! `myolog log`, `edit`, `delete`, `undo` and `list`: the episodes.

use std::io::Write;

use chrono::Utc;

use uuid::Uuid;

use super::args::{EpisodeFields, ListArgs, LogArgs, set_given};
use super::context::quiet_if_closed;
use super::{Context, Result, plural, print_json, say, table};
use crate::Error;
use crate::domain::{
    Episode, InputError, Invalid, Kind, check_not_future, clean_note, format_duration, parse_date,
};
use crate::store::{Access, Diary, EpisodeFilter, Journal, StoreError};

pub fn log(args: LogArgs, ctx: &Context) -> Result<()> {
    if args.fields.sites.is_empty() {
        return Err(InputError::new(
            "--site",
            "at least one body site is needed, e.g. --site eyelid:left (`myolog sites` lists them)",
        )
        .into());
    }
    let mut episode = Episode::new(args.kind, ctx.clock.now_fixed(), Vec::new(), ctx.now());
    apply(&args.fields, &mut episode, ctx)?;
    let mut diary = ctx.open(Access::Write)?;
    diary.add_episode(&episode)?;
    // How a duration was read, so that "--duration 15" meant as minutes shows as 15 s.
    let lasting = episode
        .duration_s
        .map(|d| format!(", lasting {}", format_duration(d)))
        .unwrap_or_default();
    say(format!(
        "Logged a {} on {}{lasting} (id {}).",
        what(&episode),
        sites_text(&episode),
        episode.id
    ))
}

/// Changes the episode `id` as `fields` say: the options are applied to the episode as it is
/// inside the write, so an edit of another field at the same moment (a second `myolog edit`,
/// the UI) is kept.
pub fn edit(diary: &mut Diary, id: Uuid, fields: &EpisodeFields, ctx: &Context) -> Result<()> {
    if is_empty(fields) {
        return Err(InputError::new(
            "edit",
            "nothing to change; give the options to change, as for `myolog log`",
        )
        .into());
    }
    let (episode, changed) =
        diary.edit_telling::<Episode, _>(id, ctx.now(), |episode| apply(fields, episode, ctx))?;
    if !changed {
        return say(super::context::unchanged(&format!(
            "the {}",
            what(&episode)
        )));
    }
    say(format!(
        "Changed the {} (id {}); `myolog undo` takes the change back.",
        what(&episode),
        episode.id
    ))
}

/// Deletes a live episode, saying which.
pub fn delete(diary: &mut Diary, episode: &Episode, ctx: &Context) -> Result<()> {
    diary.delete::<Episode>(episode.id, ctx.now())?;
    say(format!(
        "Deleted the {} on {}; `myolog undo` brings it back.",
        what(episode),
        sites_text(episode)
    ))
}

pub fn undo(ctx: &Context) -> Result<()> {
    let Some(mut diary) = ctx.open_if_any()? else {
        return say("Nothing to undo.");
    };
    let undone = diary.undo(ctx.now())?;
    let journal = diary.journal()?;
    match undone {
        Some(label) => say(format!(
            "Undone: {label}. `myolog redo` brings it back; {}.",
            left_to_undo(&journal)
        )),
        None if journal.dropped => say(format!(
            "Nothing more to undo: {}.",
            crate::store::ends_undo()
        )),
        None => say("Nothing to undo."),
    }
}

pub fn redo(ctx: &Context) -> Result<()> {
    let Some(mut diary) = ctx.open_if_any()? else {
        return say("Nothing to redo.");
    };
    match diary.redo(ctx.now())? {
        Some(label) => {
            let journal = diary.journal()?;
            let more = match journal.redo {
                0 => String::new(),
                n => format!(
                    "; {} can be redone",
                    plural(n, "more undone change", "more undone changes")
                ),
            };
            say(format!(
                "Redone: {label}. `myolog undo` takes it back again{more}."
            ))
        }
        None => say(
            "Nothing to redo: undo has taken nothing back since the last change (a change made after an undo ends what can be redone).",
        ),
    }
}

/// "3 more changes can be undone", honest about the changes too old to be.
fn left_to_undo(journal: &Journal) -> String {
    let left = plural(
        journal.undo,
        "more change can be undone",
        "more changes can be undone",
    );
    if journal.dropped {
        format!("{left}; older ones can no longer be undone")
    } else {
        left
    }
}

/// Episodes are read a page at a time, so listing a 100,000-episode diary takes the memory of
/// one page.
const PAGE: u32 = 1000;

pub fn list(args: ListArgs, ctx: &Context) -> Result<()> {
    let when = |option: &str, s: &str| {
        ctx.clock
            .parse_when(s)
            .map_err(|m| InputError::new(option, m))
    };
    let since = args
        .since
        .as_deref()
        .map(|s| when("--since", s))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| {
            let t = when("--until", s)?;
            // A bare date means up to the end of that day: the next day's start, which is not
            // always 24 hours later (clock changes).
            match parse_date(s).ok().and_then(|d| d.succ_opt()) {
                Some(next) => ctx
                    .clock
                    .start_of_day(next)
                    .map_err(|m| InputError::new("--until", m)),
                None => Ok(t),
            }
        })
        .transpose()?;
    let filter = EpisodeFilter {
        since: since.map(|t| t.with_timezone(&Utc)),
        until: until.map(|t| t.with_timezone(&Utc)),
        kind: args.kind,
        side: args.site.as_ref().and_then(|s| s.side),
        site: args.site.map(|s| s.site),
        trigger: args.trigger,
        ..EpisodeFilter::default()
    };
    let Some(diary) = ctx.read()? else {
        return if args.json {
            print_json(&[(); 0])
        } else {
            say("No episodes in this period.")
        };
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        use serde::ser::{SerializeSeq, Serializer};
        let json_error = |e: serde_json::Error| Error::Output(e.into());
        let mut serializer = serde_json::Serializer::pretty(&mut out);
        let printed = serializer
            .serialize_seq(None)
            .map_err(json_error)
            .and_then(|mut seq| {
                diary.for_each_episode(&filter, PAGE, |e| {
                    seq.serialize_element(e).map_err(json_error)
                })?;
                seq.end().map_err(json_error)
            })
            .and_then(|()| {
                writeln!(out)
                    .and_then(|()| out.flush())
                    .map_err(Error::Output)
            });
        return quiet_if_closed(printed);
    }
    const HEADERS: &[&str] = &[
        "ID", "DATE", "TIME", "KIND", "SITES", "SEVERITY", "DURATION", "TRIGGERS", "NOTE",
    ];
    // The columns are as wide as their widest cell, so every row is measured before the first
    // is printed. Up to a page of rows (a month of a busy diary) is kept from that reading and
    // printed from memory; a longer list is read again, so memory stays that of one page. Both
    // readings are in one snapshot: a change saved meanwhile cannot slip between them.
    let _snapshot = diary.snapshot()?;
    let mut table = table::Table::new(HEADERS);
    let mut count = 0usize;
    let mut kept: Vec<Vec<String>> = Vec::new();
    diary.for_each_episode(&filter, PAGE, |e| {
        let row = list_row(e);
        table.measure(&row);
        count += 1;
        if count <= PAGE as usize {
            kept.push(row);
        } else {
            kept = Vec::new();
        }
        Ok::<_, StoreError>(())
    })?;
    if count == 0 {
        return say("No episodes in this period.");
    }
    // A closed pipe (`myolog list | head`) ends the listing quietly.
    let _ = writeln!(out, "{}", table.header());
    let printed = if count <= PAGE as usize {
        kept.iter()
            .try_for_each(|row| writeln!(out, "{}", table.line(row)).map_err(Error::Output))
    } else {
        diary.for_each_episode(&filter, PAGE, |e| {
            writeln!(out, "{}", table.line(&list_row(e))).map_err(Error::Output)
        })
    };
    quiet_if_closed(printed.and_then(|()| out.flush().map_err(Error::Output)))
}

/// One episode as a row of `myolog list`.
fn list_row(e: &Episode) -> Vec<String> {
    vec![
        table::short_id(&e.id),
        e.start.format("%Y-%m-%d").to_string(),
        e.start.format("%H:%M").to_string(),
        e.kind.to_string(),
        sites_text(e),
        match e.kind {
            Kind::Twitch => e.intensity.map(|i| format!("{i}/5")),
            Kind::Cramp => e.pain.map(|p| format!("pain {p}/10")),
        }
        .unwrap_or_default(),
        e.duration_s.map(format_duration).unwrap_or_default(),
        e.triggers.join(","),
        table::one_line(e.note.as_deref().unwrap_or(""), 40),
    ]
}

/// Copies the given options onto an episode (for `log`, onto a new one).
fn apply(fields: &EpisodeFields, episode: &mut Episode, ctx: &Context) -> Result<()> {
    if let Some(at) = &fields.at {
        let start = ctx
            .clock
            .parse_start(at)
            .map_err(|m| InputError::new("--at", m))?;
        check_not_future(start, ctx.clock.now_fixed())?;
        episode.start = start;
    }
    if !fields.sites.is_empty() {
        episode.sites = fields.sites.clone();
    }
    if !fields.triggers.is_empty() {
        episode.triggers = fields.triggers.clone();
    }
    if !fields.reliefs.is_empty() {
        episode.reliefs = fields.reliefs.clone();
    }
    if let Some(note) = &fields.note {
        episode.note = clean_note(Some(note.clone()));
    }
    set_given(&mut episode.duration_s, fields.duration);
    set_given(&mut episode.intensity, fields.intensity);
    set_given(&mut episode.pain, fields.pain);
    set_given(&mut episode.visible, fields.visible);
    set_given(&mut episode.hardening, fields.hardening);
    set_given(&mut episode.lost_motion, fields.lost_motion);
    set_given(&mut episode.sore_days, fields.sore_days);
    episode.validate().map_err(Invalid::into)
}

fn is_empty(f: &EpisodeFields) -> bool {
    given(f).is_empty()
}

/// The options given, as they are written.
pub fn given(f: &EpisodeFields) -> Vec<&'static str> {
    super::args::given([
        (!f.sites.is_empty(), "--site"),
        (f.at.is_some(), "--at"),
        (f.duration.is_some(), "--duration"),
        (f.intensity.is_some(), "--intensity"),
        (f.pain.is_some(), "--pain"),
        (f.visible.is_some(), "--visible"),
        (f.hardening.is_some(), "--hardening"),
        (f.lost_motion.is_some(), "--lost-motion"),
        (!f.triggers.is_empty(), "--trigger"),
        (!f.reliefs.is_empty(), "--relief"),
        (f.sore_days.is_some(), "--sore-days"),
        (f.note.is_some(), "--note"),
    ])
}

/// "twitch at 2026-11-25 08:05".
fn what(e: &Episode) -> String {
    format!("{} at {}", e.kind, e.start.format("%Y-%m-%d %H:%M"))
}

fn sites_text(e: &Episode) -> String {
    e.sites
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
