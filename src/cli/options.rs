//! The command line's names for what the layers below refuse: a record's field becomes the
//! option that sets it (`--pain`), a lookup the argument that named it (`ID`).

use crate::domain::{
    CheckInField, EpisodeField, ExperimentField, Field, InputError, Invalid, MedicationField,
    SelfCheckField,
};
use crate::store::Lookup;

/// The option that sets `field`.
pub fn option(field: Field) -> &'static str {
    match field {
        Field::Episode(f) => match f {
            EpisodeField::Start => "--at",
            EpisodeField::Duration => "--duration",
            EpisodeField::Sites => "--site",
            EpisodeField::Intensity => "--intensity",
            EpisodeField::Visible => "--visible",
            EpisodeField::Pain => "--pain",
            EpisodeField::Hardening => "--hardening",
            EpisodeField::LostMotion => "--lost-motion",
            EpisodeField::Reliefs => "--relief",
            EpisodeField::SoreDays => "--sore-days",
            EpisodeField::Triggers => "--trigger",
            EpisodeField::Note => "--note",
        },
        Field::CheckIn(f) => match f {
            CheckInField::Date => "--date",
            CheckInField::Sleep => "--sleep",
            CheckInField::Caffeine => "--caffeine",
            CheckInField::Stress => "--stress",
            CheckInField::Water => "--water",
            CheckInField::Alcohol => "--alcohol",
            CheckInField::Exercise => "--exercise",
            CheckInField::Magnesium => "--magnesium",
            CheckInField::Stretched => "--stretched",
            CheckInField::Kept => "--kept",
            CheckInField::Note => "--note",
        },
        Field::Medication(f) => match f {
            MedicationField::Name => "NAME",
            MedicationField::Class => "--class",
            MedicationField::Dose => "--dose",
            MedicationField::Start => "--start",
            MedicationField::Stop => "--on",
        },
        Field::SelfCheck(f) => match f {
            SelfCheckField::Date => "--date",
            SelfCheckField::HeelWalk => "--heel-walk",
            SelfCheckField::Jar => "--jar",
            SelfCheckField::Stairs => "--stairs",
            SelfCheckField::Symptoms => "--symptom",
            SelfCheckField::Results => "selfcheck",
        },
        Field::Experiment(f) => match f {
            ExperimentField::Name => "NAME",
            ExperimentField::Change => "--change",
            ExperimentField::Outcome => "--outcome",
            ExperimentField::Start | ExperimentField::Stopped => "--on",
            ExperimentField::Days => "--days",
        },
    }
}

/// A refused value as the command line tells it: named by its option.
pub fn named(invalid: Invalid) -> InputError {
    let message = match invalid.field {
        Field::SelfCheck(SelfCheckField::Results) => {
            "nothing to record; give --heel-walk, --jar, --stairs (ok or fail) or --symptom".into()
        }
        _ => invalid.message,
    };
    InputError::new(option(invalid.field), message)
}

/// A lookup that found nothing, or not just one, as the command line tells it: named by the
/// argument that asked (`ID`, `NAME`), with the command that helps.
pub fn lookup(lookup: Lookup) -> InputError {
    // The argument that asked, and what to add to the lookup's own words.
    let (argument, help) = match &lookup {
        Lookup::NoEpisode(id) => {
            return InputError::new(
                "ID",
                format!(
                    "no episode with id {id} (deleted ones are not editable; `myolog undo` brings back the last deletion)"
                ),
            );
        }
        Lookup::NotAnId(_) => (
            "ID",
            ", as `myolog list`, `checkin list`, `selfcheck list` or `med list` show",
        ),
        Lookup::NoRecord(_) => (
            "ID",
            "; `myolog list`, `checkin list`, `selfcheck list` and `med list` show the ids (`myolog undo` brings back the last deletion)",
        ),
        Lookup::NoCheckIn(_) => ("--date", " (`myolog checkin list` shows the days with one)"),
        Lookup::NoMedicationNamed(_) | Lookup::NoMedication(_) => {
            ("NAME", " (see `myolog med list`)")
        }
        Lookup::ManyMedicationsNamed(..) | Lookup::ManyMedications(_) => ("NAME", ""),
        Lookup::ManyRecords(..)
        | Lookup::NoSelfCheck(_)
        | Lookup::ManyEpisodes(..)
        | Lookup::EpisodeExists(_)
        | Lookup::NoMedicationId(_) => ("ID", ""),
    };
    InputError::new(argument, format!("{lookup}{help}"))
}
