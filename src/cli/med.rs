//! `myolog med add`, `med stop` and `med list`: the medications taken.

use uuid::Uuid;

use super::args::MedCommand;
use super::{Context, Result, print_json, say, table};
use crate::domain::{Medication, clean_note};
use crate::store::Access;

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
            med.validate()?;
            let mut diary = ctx.open(Access::Write)?;
            diary.add_medication(&med)?;
            say(format!(
                "Added {} ({}) from {}.",
                med.name, med.class, med.start
            ))
        }
        MedCommand::Stop { name, on } => {
            let day = ctx.day_or_today("--on", on.as_deref())?;
            let mut diary = ctx.open_existing("NAME", &name)?;
            let med = diary.stop_medication(&name, day, ctx.now())?;
            say(format!("Stopped {} on {day}.", med.name))
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
                &["NAME", "CLASS", "DOSE", "START", "STOP"],
                rows,
            ))
        }
    }
}
