//! `myolog edit ID` and `delete ID`: any record, found by its id (or the first 4 or more
//! characters of it), whatever its kind. Each kind takes its own options; one of another kind
//! is refused, naming the kind found.

use chrono::NaiveDate;

use super::args::{EditArgs, RecordListArgs, SelfCheckEdit};
use super::{Context, Result, checkin, episodes, med, print_json, say, selfcheck, table};
use crate::domain::{CheckIn, InputError, Medication, Record, SelfCheck};
use crate::store::{Diary, StoreError};

/// What kind of record `record` is, in words, with what tells it apart.
fn described(record: &Record) -> String {
    match record {
        Record::Episode(e) => format!(
            "the {} at {} (id {})",
            e.kind,
            e.start.format("%Y-%m-%d %H:%M"),
            e.id
        ),
        Record::CheckIn(c) => format!("the check-in of {} (id {})", c.date, c.id()),
        Record::Medication(m) => format!("the medication {} (id {})", m.name, m.id),
        Record::SelfCheck(s) => format!("the self-check of {} (id {})", s.date, s.id),
        Record::Experiment(e) => format!("the experiment '{}' (id {})", e.name, e.id),
    }
}

pub fn edit(args: EditArgs, ctx: &Context) -> Result<()> {
    let episode = episodes::given(&args.fields);
    let checkin = args.checkin.given();
    let medication = args.medication.given();
    let self_check = args.self_check.given();
    if episode.is_empty() && checkin.is_empty() && medication.is_empty() && self_check.is_empty() {
        return Err(InputError::new(
            "edit",
            "nothing to change; give the options to change (`myolog edit --help` lists them by kind of record)",
        )
        .into());
    }
    let mut diary = ctx.open_existing("ID", &args.id)?;
    let record = diary.find_record(&args.id)?;
    // The options of the kind found; --note belongs to episodes and check-ins alike.
    let (own, takes): (Vec<&str>, &str) = match &record {
        Record::Episode(_) => (episode.clone(), "the options of `myolog log`"),
        Record::CheckIn(_) => {
            let mut own = checkin.clone();
            own.extend(episode.iter().filter(|o| **o == "--note"));
            (
                own,
                "--sleep, --caffeine, --stress, --water, --alcohol, --exercise, --magnesium, --stretched, --note",
            )
        }
        Record::Medication(_) => (medication.clone(), "--name, --class, --start, --dose"),
        Record::SelfCheck(_) => (
            self_check.clone(),
            "--date, --heel-walk, --jar, --stairs, --symptom",
        ),
        Record::Experiment(_) => return Err(experiment_refused(&args.id, &record)),
    };
    let given = episode
        .iter()
        .chain(&checkin)
        .chain(&medication)
        .chain(&self_check);
    if let Some(other) = given.into_iter().find(|o| !own.contains(o)) {
        return Err(InputError::new(
            *other,
            format!(
                "{} is {}, which takes {takes}",
                args.id.trim(),
                described(&record)
            ),
        )
        .into());
    }
    match record {
        Record::Episode(e) => episodes::edit(&mut diary, e.id, &args.fields, ctx),
        Record::CheckIn(c) => {
            let (saved, changed) =
                diary.edit_telling::<CheckIn, StoreError>(c.date, ctx.now(), |kept| {
                    checkin::apply(&args.checkin, kept);
                    if let Some(note) = &args.fields.note {
                        kept.note = crate::domain::clean_note(Some(note.clone()));
                    }
                    Ok(())
                })?;
            if !changed {
                return say(super::context::unchanged(&format!(
                    "the check-in of {}",
                    saved.date
                )));
            }
            say(format!(
                "Changed. {}; `myolog undo` takes the change back.",
                saved.summary()
            ))
        }
        Record::Medication(m) => med::edit(&mut diary, m.id, &args.medication, ctx),
        Record::SelfCheck(s) => edit_self_check(&mut diary, s.id, &args.self_check, ctx),
        Record::Experiment(_) => Err(experiment_refused(&args.id, &record)),
    }
}

/// An experiment is neither edited nor deleted by id: it is stopped, and its start or stop
/// is taken back with undo, so that its days keep meaning what they meant when logged.
fn experiment_refused(id: &str, record: &Record) -> crate::Error {
    InputError::new(
        "ID",
        format!(
            "{} is {}; `myolog experiment stop` ends it early, and `myolog undo` takes back its start or stop",
            id.trim(),
            described(record)
        ),
    )
    .into()
}

fn edit_self_check(
    diary: &mut crate::store::Diary,
    id: uuid::Uuid,
    fields: &SelfCheckEdit,
    ctx: &Context,
) -> Result<()> {
    let date = ctx.optional_day("--date", fields.date.as_deref())?;
    if let Some(day) = date {
        ctx.not_future("--date", day, "; a self-check is for today or a past day")?;
    }
    if fields.symptoms.len() > 1 && fields.symptoms.iter().any(|s| s == "none") {
        return Err(InputError::new(
            "--symptom",
            "none means no symptom; give it alone, or name the symptoms present",
        )
        .into());
    }
    let (saved, changed) = diary.edit_telling::<SelfCheck, StoreError>(id, ctx.now(), |c| {
        if let Some(day) = date {
            c.date = day;
        }
        for (slot, setting) in [
            (&mut c.heel_walk, fields.heel_walk),
            (&mut c.jar, fields.jar),
            (&mut c.stairs, fields.stairs),
        ] {
            if let Some(setting) = setting {
                *slot = setting.0;
            }
        }
        if !fields.symptoms.is_empty() {
            c.symptoms = fields
                .symptoms
                .iter()
                .filter(|s| *s != "none")
                .cloned()
                .collect();
        }
        Ok(())
    })?;
    if !changed {
        return say(super::context::unchanged(&format!(
            "the self-check of {}",
            saved.date
        )));
    }
    say(format!(
        "Changed the self-check of {}: {}; `myolog undo` takes the change back.",
        saved.date,
        saved.summary()
    ))?;
    selfcheck::advise(&saved)
}

pub fn delete(id: &str, ctx: &Context) -> Result<()> {
    let mut diary = ctx.open_existing("ID", id)?;
    let record = diary.find_record(id)?;
    let now = ctx.now();
    match &record {
        Record::Episode(e) => return episodes::delete(&mut diary, e, ctx),
        Record::CheckIn(c) => drop(diary.delete::<CheckIn>(c.date, now)?),
        Record::Medication(m) => drop(diary.delete::<Medication>(m.id, now)?),
        Record::SelfCheck(s) => drop(diary.delete::<SelfCheck>(s.id, now)?),
        Record::Experiment(_) => return Err(experiment_refused(id, &record)),
    }
    let what = described(&record);
    let what = what.split(" (id ").next().unwrap_or(&what);
    say(format!("Deleted {what}; `myolog undo` brings it back."))
}

/// How `checkin list` and `selfcheck list` show their kind of record.
pub struct Listing<T> {
    /// The kind in the plural, as in "No check-ins since ...".
    pub plural: &'static str,
    /// What to run for a first one, said when there is none at all.
    pub first: &'static str,
    pub headers: &'static [&'static str],
    pub row: fn(&T) -> Vec<String>,
}

/// `myolog checkin list` or `selfcheck list` `[--since DAY] [--json]`: the records `read`
/// finds from `--since` on, newest first.
pub fn list<T: serde::Serialize>(
    args: RecordListArgs,
    ctx: &Context,
    read: impl FnOnce(&Diary, Option<NaiveDate>) -> crate::store::Result<Vec<T>>,
    how: Listing<T>,
) -> Result<()> {
    let since = ctx.optional_day("--since", args.since.as_deref())?;
    let mut records = match ctx.read()? {
        Some(diary) => read(&diary, since)?,
        None => Vec::new(),
    };
    records.reverse();
    if args.json {
        return print_json(&records);
    }
    if records.is_empty() {
        return say(match since {
            Some(day) => format!("No {} since {day}.", how.plural),
            None => format!("No {} yet; {}", how.plural, how.first),
        });
    }
    say(table::render(
        how.headers,
        records.iter().map(how.row).collect(),
    ))
}
