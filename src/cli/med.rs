//! `myolog med add`, `med edit`, `med stop`, `med delete` and `med list`: the medications taken.

use uuid::Uuid;

use super::args::{MedCommand, MedicationFields};
use super::{Context, Result, print_json, say, table};
use crate::domain::{InputError, Medication, clean_note};
use crate::store::{Access, StoreError};

pub fn run(command: MedCommand, ctx: &Context) -> Result<()> {
    match command {
        MedCommand::Add {
            name,
            class,
            start,
            dose,
        } => {
            let now = ctx.now();
            let med = Medication {
                id: Uuid::new_v4(),
                name: name.trim().to_string(),
                class: class.trim().to_lowercase(),
                dose: clean_note(dose),
                start: ctx.day_or_today("--start", start.as_deref())?,
                stop: None,
                created: now,
                updated: now,
            };
            // A start ahead would list the medicine as taken now: as `med edit --start`, the
            // start is the day it was first taken, today or a past day.
            ctx.not_future("--start", med.start, "")?;
            med.validate()?;
            let mut diary = ctx.open(Access::Write)?;
            diary.add_medication(&med)?;
            say(format!(
                "Added {} ({}) from {} (id {}).",
                med.name, med.class, med.start, med.id
            ))
        }
        MedCommand::Edit { med, fields } => {
            let mut diary = ctx.open_existing("NAME", &med)?;
            let id = diary.find_medication(&med)?.id;
            edit(&mut diary, id, &fields, ctx)
        }
        MedCommand::Stop { name, on } => {
            let day = ctx.day_or_today("--on", on.as_deref())?;
            ctx.not_future(
                "--on",
                day,
                "; a stop is recorded once it happened: today or a past day",
            )?;
            let mut diary = ctx.open_existing("NAME", &name)?;
            let med = diary.stop_medication(&name, day, ctx.now())?;
            say(format!(
                "Stopped {} on {day}; `myolog undo` takes it back.",
                med.name
            ))
        }
        MedCommand::Delete { name } => {
            let mut diary = ctx.open_existing("NAME", &name)?;
            let med = diary.find_medication(&name)?;
            diary.delete::<Medication>(med.id, ctx.now())?;
            say(format!(
                "Deleted {} ({} from {}); `myolog undo` brings it back.",
                med.name, med.class, med.start
            ))
        }
        MedCommand::List { json } => {
            let meds = ctx
                .read()?
                .map(|d| d.medications())
                .transpose()?
                .unwrap_or_default();
            if json {
                return print_json(&meds);
            }
            if meds.is_empty() {
                return say("No medications yet; `myolog med add NAME --class CLASS` adds one.");
            }
            let rows = meds
                .iter()
                .map(|m| {
                    vec![
                        table::short_id(&m.id),
                        m.name.clone(),
                        m.class.clone(),
                        m.dose.clone().unwrap_or_default(),
                        m.start.to_string(),
                        m.stop
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "still taking".into()),
                    ]
                })
                .collect();
            say(table::render(
                &["ID", "NAME", "CLASS", "DOSE", "START", "STOP"],
                rows,
            ))
        }
    }
}

/// Changes the medication `id` as `fields` say, inside the write: `med edit` and `edit ID`.
pub fn edit(
    diary: &mut crate::store::Diary,
    id: Uuid,
    fields: &MedicationFields,
    ctx: &Context,
) -> Result<()> {
    if fields.given().is_empty() {
        return Err(InputError::new(
            "edit",
            "nothing to change; give --name, --class, --start or --dose (`myolog med stop` records a stop)",
        )
        .into());
    }
    let start = ctx.optional_day("--start", fields.start.as_deref())?;
    if let Some(day) = start {
        ctx.not_future("--start", day, "")?;
    }
    let (med, changed) = diary.edit_telling::<Medication, StoreError>(id, ctx.now(), |m| {
        if let Some(name) = &fields.name {
            m.name = name.trim().to_string();
        }
        if let Some(class) = &fields.class {
            m.class = class.trim().to_lowercase();
        }
        if let Some(day) = start {
            m.start = day;
        }
        if let Some(dose) = &fields.dose {
            m.dose = clean_note(Some(dose.clone()));
        }
        Ok(())
    })?;
    if !changed {
        return say(super::context::unchanged(&med.name));
    }
    say(format!(
        "Changed {} ({}, {}from {}{}); `myolog undo` takes the change back.",
        med.name,
        med.class,
        med.dose
            .as_deref()
            .map(|d| format!("{d}, "))
            .unwrap_or_default(),
        med.start,
        med.stop.map(|s| format!(" to {s}")).unwrap_or_default()
    ))
}
