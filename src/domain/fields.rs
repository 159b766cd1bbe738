//! The fields of the diary's records, so that validation can say which one is wrong without
//! knowing who asked: the command line turns a field into its option (`--pain`), a form into
//! its row, an import into the file's own name for it (`pain`, `sleep_h`).

/// A field of an [`super::Episode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EpisodeField {
    Start,
    Duration,
    Sites,
    Intensity,
    Visible,
    Pain,
    Hardening,
    LostMotion,
    Reliefs,
    SoreDays,
    Triggers,
    Note,
}

/// A field of a [`super::CheckIn`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckInField {
    Date,
    Sleep,
    Caffeine,
    Stress,
    Water,
    Alcohol,
    Exercise,
    Magnesium,
    Stretched,
    /// Whether the change of a `custom` experiment was kept that day.
    Kept,
    Note,
}

/// A field of a [`super::Medication`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MedicationField {
    Name,
    Class,
    Dose,
    Start,
    Stop,
}

/// A field of a [`super::SelfCheck`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SelfCheckField {
    Date,
    HeelWalk,
    Jar,
    Stairs,
    Symptoms,
    /// The tests and symptoms together: a self-check records at least one of them.
    Results,
}

/// A field of an [`super::Experiment`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExperimentField {
    Name,
    Change,
    Outcome,
    Start,
    /// The planned length (the record keeps the planned last day, `end`).
    Days,
    Stopped,
}

/// A field of any record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Episode(EpisodeField),
    CheckIn(CheckInField),
    Medication(MedicationField),
    SelfCheck(SelfCheckField),
    Experiment(ExperimentField),
}

impl Field {
    /// The record's own name for the field, as the JSON and CSV formats spell it.
    pub fn name(self) -> &'static str {
        match self {
            Field::Episode(f) => match f {
                EpisodeField::Start => "start",
                EpisodeField::Duration => "duration_s",
                EpisodeField::Sites => "sites",
                EpisodeField::Intensity => "intensity",
                EpisodeField::Visible => "visible",
                EpisodeField::Pain => "pain",
                EpisodeField::Hardening => "hardening",
                EpisodeField::LostMotion => "lost_motion",
                EpisodeField::Reliefs => "reliefs",
                EpisodeField::SoreDays => "sore_days",
                EpisodeField::Triggers => "triggers",
                EpisodeField::Note => "note",
            },
            Field::CheckIn(f) => match f {
                CheckInField::Date => "date",
                CheckInField::Sleep => "sleep_h",
                CheckInField::Caffeine => "caffeine_mg",
                CheckInField::Stress => "stress",
                CheckInField::Water => "water_l",
                CheckInField::Alcohol => "alcohol",
                CheckInField::Exercise => "exercise_min",
                CheckInField::Magnesium => "magnesium",
                CheckInField::Stretched => "stretched",
                CheckInField::Kept => "experiment_kept",
                CheckInField::Note => "note",
            },
            Field::Medication(f) => match f {
                MedicationField::Name => "name",
                MedicationField::Class => "class",
                MedicationField::Dose => "dose",
                MedicationField::Start => "start",
                MedicationField::Stop => "stop",
            },
            Field::SelfCheck(f) => match f {
                SelfCheckField::Date => "date",
                SelfCheckField::HeelWalk => "heel_walk",
                SelfCheckField::Jar => "jar",
                SelfCheckField::Stairs => "stairs",
                SelfCheckField::Symptoms => "symptoms",
                SelfCheckField::Results => "results",
            },
            Field::Experiment(f) => match f {
                ExperimentField::Name => "name",
                ExperimentField::Change => "change",
                ExperimentField::Outcome => "outcome",
                ExperimentField::Start => "start",
                ExperimentField::Days => "end",
                ExperimentField::Stopped => "stopped",
            },
        }
    }
}

super::display_as!(Field, name);

/// Each record's fields are [`Field`]s.
macro_rules! field_of {
    ($($fields:ident => $record:ident),*) => {$(
        impl From<$fields> for Field {
            fn from(f: $fields) -> Self {
                Field::$record(f)
            }
        }
    )*};
}

field_of!(
    EpisodeField => Episode,
    CheckInField => CheckIn,
    MedicationField => Medication,
    SelfCheckField => SelfCheck,
    ExperimentField => Experiment
);

/// A value a record may not hold, named by its field, with what is accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Invalid {
    pub field: Field,
    pub message: String,
}

impl Invalid {
    pub fn new(field: impl Into<Field>, message: impl Into<String>) -> Self {
        Invalid {
            field: field.into(),
            message: message.into(),
        }
    }
}
