//! The command line of DOMAIN.md section 6, as clap types. Values are parsed here where no clock
//! is needed, so a bad value is refused before the diary is even opened.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::episode::parse_trigger;
use crate::domain::{
    Kind, ReliefUse, SiteRef, TestResult, parse_caffeine, parse_duration, parse_exercise,
    parse_sleep, parse_water,
};

#[derive(Debug, Parser)]
#[command(
    name = "myolog",
    version,
    about = "A diary for muscle twitches and cramps: log them, see patterns, take a report to the doctor.",
    long_about = "A diary for muscle twitches and cramps: log them, see patterns, take a report to the doctor.\n\n\
        twitch: a flicker or ripple under the skin, little or no pain, the limb still moves.\n\
        cramp:  a forceful, painful tightening; the muscle goes hard and movement is restricted.\n\n\
        Run without a command to open the diary in the terminal."
)]
pub struct Cli {
    /// The diary file [default: myolog/diary.sqlite3 in the platform's data folder]
    #[arg(long, env = "MYOLOG_DB", global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Log a twitch or a cramp
    Log(LogArgs),
    /// Save the daily check-in (saving again the same day updates it); `checkin list` lists them
    Checkin(CheckinArgs),
    /// Medications: add, edit, stop, delete, list
    #[command(subcommand)]
    Med(MedCommand),
    /// Record a self-check for the red flags; `selfcheck list` lists them
    Selfcheck(SelfcheckArgs),
    /// List episodes, newest first
    List(ListArgs),
    /// Change any record by its id: an episode, a check-in, a medication or a self-check (only
    /// the options given change)
    #[command(long_about = EDIT_ABOUT)]
    Edit(Box<EditArgs>),
    /// Delete any record by its id: an episode, a check-in, a medication or a self-check
    /// (`myolog undo` brings it back)
    Delete {
        /// The record's id, or its first 4 or more characters (`myolog list`, `checkin list`,
        /// `selfcheck list` and `med list` show them)
        id: String,
    },
    /// One line for a shell prompt or a login message: check-in due, active flags, experiment
    /// day. Reads only what it needs and never writes
    Status {
        /// Print one JSON object instead
        #[arg(long)]
        json: bool,
    },
    /// Shell completions for bash, zsh, fish, elvish or powershell, on standard output
    #[command(long_about = COMPLETIONS_ABOUT)]
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), on standard output: `myolog man > myolog.1`
    Man,
    /// Take back the last change made by hand (`myolog redo` brings it back)
    Undo,
    /// Bring back what `myolog undo` took, newest first (until a new change is made)
    Redo,
    /// Check that the diary is whole and every record in it holds together
    Check,
    /// Write the diary (or a period of it) as a report or as data: md, html, pdf, csv, json, fhir
    #[command(after_help = super::export::AFTER_HELP)]
    Export(super::export::ExportArgs),
    /// Bring in a JSON export, a CSV table or a CSV export's folder, merged by id (nothing is duplicated)
    #[command(long_about = super::import::LONG_ABOUT)]
    Import(super::import::ImportArgs),
    /// Copy the diary to a new file, safely, even while it is open elsewhere
    Backup {
        /// The new file; an existing one is never overwritten
        file: PathBuf,
    },
    /// Fill an empty diary with a realistic synthetic one, to explore or to benchmark
    Demo(DemoArgs),
    /// The body sites, their groups and sides
    Sites,
    /// The known triggers (any other lowercase name is a custom trigger)
    Triggers,
    /// The medication classes and what ties them to cramps or twitches
    Classes,
    /// Flags that meet a see-a-doctor threshold, trigger statistics and tallies
    Patterns(super::patterns::PatternsArgs),
    /// The settings in force, and whether each came from the config file or is the default
    Config,
    /// Try one change for N days against the N days before: start, stop, list, show
    #[command(subcommand, long_about = super::experiment::LONG_ABOUT)]
    Experiment(super::experiment::ExperimentCommand),
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// twitch (a flicker, no pain) or cramp (painful, hard, restricting)
    #[arg(value_parser = Kind::parse)]
    pub kind: Kind,
    #[command(flatten)]
    pub fields: EpisodeFields,
}

const EDIT_ABOUT: &str = "Change any record by its id (or its first 4 or more characters): only the options given change, and `myolog undo` takes the change back.\n\n\
    An episode takes the options of `myolog log`; a check-in those of `myolog checkin` (its day is what it is: \
    to move it, delete it and save the other day's); a medication --name, --class, --start and --dose \
    (`myolog med stop` records a stop); a self-check --date and its tests and symptoms, where `none` \
    clears a test or the symptoms. An option of another kind of record is refused, naming the kind found.\n\n\
    Ids: `myolog list` (episodes), `checkin list`, `selfcheck list` and `med list` show them.";

const COMPLETIONS_ABOUT: &str = "Shell completions for bash, zsh, fish, elvish or powershell, on standard output.\n\n\
    bash:  myolog completions bash > ~/.local/share/bash-completion/completions/myolog\n\
    zsh:   myolog completions zsh > ~/.zfunc/_myolog   (with fpath+=~/.zfunc before compinit)\n\
    fish:  myolog completions fish > ~/.config/fish/completions/myolog.fish";

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The record's id, or its first 4 or more characters
    pub id: String,
    #[command(flatten, next_help_heading = "Episodes (as for `myolog log`)")]
    pub fields: EpisodeFields,
    #[command(
        flatten,
        next_help_heading = "Check-ins (as for `myolog checkin`; --note too)"
    )]
    pub checkin: CheckinFields,
    #[command(flatten, next_help_heading = "Medications")]
    pub medication: MedicationFields,
    #[command(flatten, next_help_heading = "Self-checks")]
    pub self_check: SelfCheckEdit,
}

/// The fields of a check-in but its day and note, as `edit ID` takes them (`checkin` takes the
/// same options: [`CheckinArgs::fields`]).
#[derive(Debug, Args, Default, Clone)]
pub struct CheckinFields {
    /// Hours slept last night: 7.5, 7h30 or 7:30
    #[arg(long, value_name = "H", value_parser = parse_sleep, allow_hyphen_values = true)]
    pub sleep: Option<f64>,
    /// Caffeine in mg (250, 250mg), or servings: coffee 95, espresso 63, tea 47, cola 34, energy-drink 80 (2coffee+tea, "2 coffees")
    #[arg(long, value_name = "MG", value_parser = parse_caffeine, allow_hyphen_values = true)]
    pub caffeine: Option<u32>,
    /// Stress from 0 (calm) to 10 (worst)
    #[arg(long, value_name = "0-10", value_parser = ranged(0, 10), allow_hyphen_values = true)]
    pub stress: Option<u8>,
    /// Water drunk, in litres (1.2, 1.2l) or millilitres (1500ml)
    #[arg(long, value_name = "L", value_parser = parse_water, allow_hyphen_values = true)]
    pub water: Option<f64>,
    /// Alcoholic drinks
    #[arg(long, value_name = "N", value_parser = ranged_u32(0, 100), allow_hyphen_values = true)]
    pub alcohol: Option<u32>,
    /// Minutes of exercise: 45, 1h, 1h15m
    #[arg(long, value_name = "MIN", value_parser = parse_exercise, allow_hyphen_values = true)]
    pub exercise: Option<u32>,
    /// Magnesium taken
    #[arg(long, value_name = "yes|no", num_args = 0..=1, default_missing_value = "yes", value_parser = yes_no)]
    pub magnesium: Option<bool>,
    /// Stretched before bed
    #[arg(long, value_name = "yes|no", num_args = 0..=1, default_missing_value = "yes", value_parser = yes_no)]
    pub stretched: Option<bool>,
}

impl CheckinFields {
    /// The options given, as they are written.
    pub fn given(&self) -> Vec<&'static str> {
        let mut given = Vec::new();
        let mut mark = |on: bool, name| {
            if on {
                given.push(name)
            }
        };
        mark(self.sleep.is_some(), "--sleep");
        mark(self.caffeine.is_some(), "--caffeine");
        mark(self.stress.is_some(), "--stress");
        mark(self.water.is_some(), "--water");
        mark(self.alcohol.is_some(), "--alcohol");
        mark(self.exercise.is_some(), "--exercise");
        mark(self.magnesium.is_some(), "--magnesium");
        mark(self.stretched.is_some(), "--stretched");
        given
    }
}

/// What `med edit` and `edit ID` may change of a medication.
#[derive(Debug, Args, Default, Clone)]
pub struct MedicationFields {
    /// A new name
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    /// The class (see `myolog classes`): beta-2-agonist, thiazide-diuretic, statin, ... other
    #[arg(long, value_name = "C")]
    pub class: Option<String>,
    /// The first day it was taken
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub start: Option<String>,
    /// The dose, as text ("100 mcg twice a day"); an empty one removes it
    #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
    pub dose: Option<String>,
}

impl MedicationFields {
    pub fn given(&self) -> Vec<&'static str> {
        given([
            (self.name.is_some(), "--name"),
            (self.class.is_some(), "--class"),
            (self.start.is_some(), "--start"),
            (self.dose.is_some(), "--dose"),
        ])
    }
}

/// What `edit ID` may change of a self-check: `none` clears a test, or the symptoms.
#[derive(Debug, Args, Default, Clone)]
pub struct SelfCheckEdit {
    /// The day it was done
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Heel walk: ok, fail, or none (not done)
    #[arg(long = "heel-walk", value_name = "ok|fail|none", value_parser = test_or_none)]
    pub heel_walk: Option<TestSetting>,
    /// Jar: ok, fail, or none (not done)
    #[arg(long, value_name = "ok|fail|none", value_parser = test_or_none)]
    pub jar: Option<TestSetting>,
    /// Stairs: ok, fail, or none (not done)
    #[arg(long, value_name = "ok|fail|none", value_parser = test_or_none)]
    pub stairs: Option<TestSetting>,
    /// The symptoms present, in place of those recorded (repeat for several; none: no symptom)
    #[arg(long = "symptom", value_name = "NAME", value_parser = symptom_or_none)]
    pub symptoms: Vec<String>,
}

impl SelfCheckEdit {
    pub fn given(&self) -> Vec<&'static str> {
        given([
            (self.date.is_some(), "--date"),
            (self.heel_walk.is_some(), "--heel-walk"),
            (self.jar.is_some(), "--jar"),
            (self.stairs.is_some(), "--stairs"),
            (!self.symptoms.is_empty(), "--symptom"),
        ])
    }
}

/// A strength test's result as an edit sets it: ok, fail, or not done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TestSetting(pub Option<TestResult>);

/// The names of the options given, from (given, name) pairs, in their order.
pub fn given<const N: usize>(options: [(bool, &'static str); N]) -> Vec<&'static str> {
    options
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
}

/// Puts `value` in `slot` when an option gave one; else `slot` stays as it is.
pub fn set_given<T>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = value;
    }
}

fn test_or_none(s: &str) -> Result<TestSetting, String> {
    match s.trim().to_lowercase().as_str() {
        "none" | "not-done" | "-" => Ok(TestSetting(None)),
        _ => TestResult::parse(s)
            .map(|r| TestSetting(Some(r)))
            .map_err(|_| format!("'{}' is not a result; accepted: ok, fail, none", s.trim())),
    }
}

fn symptom_or_none(s: &str) -> Result<String, String> {
    if s.trim().eq_ignore_ascii_case("none") {
        return Ok("none".into());
    }
    parse_symptom(s)
}

/// The fields of an episode, shared by `log` and `edit`.
#[derive(Debug, Args, Default)]
pub struct EpisodeFields {
    /// Body site as ID or ID:SIDE (eyelid:left, calf:both, tongue, "left calf"); repeat for several
    #[arg(long = "site", value_name = "SITE[:SIDE]", value_parser = SiteRef::parse)]
    pub sites: Vec<SiteRef>,
    // allow_hyphen_values here and on every WHEN and DAY: `-2h` and `-3d` are values, not flags.
    /// When it started: now, HH:MM, 'yesterday HH:MM', YYYY-MM-DD HH:MM, -20m ... [default: now]
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub at: Option<String>,
    /// How long it lasted: 45s, 3m, 1h30m, or seconds
    #[arg(long, value_name = "DUR", value_parser = parse_duration, allow_hyphen_values = true)]
    pub duration: Option<u32>,
    /// Twitch: 1 barely noticeable .. 5 constant or clearly visible
    #[arg(long, value_name = "1-5", value_parser = ranged(1, 5), allow_hyphen_values = true)]
    pub intensity: Option<u8>,
    /// Cramp: pain from 0 (none) to 10 (worst imaginable)
    #[arg(long, value_name = "0-10", value_parser = ranged(0, 10), allow_hyphen_values = true)]
    pub pain: Option<u8>,
    /// Twitch: could be seen under the skin
    #[arg(long, value_name = "yes|no", num_args = 0..=1, default_missing_value = "yes", value_parser = yes_no)]
    pub visible: Option<bool>,
    /// Cramp: the muscle went hard
    #[arg(long, value_name = "yes|no", num_args = 0..=1, default_missing_value = "yes", value_parser = yes_no)]
    pub hardening: Option<bool>,
    /// Cramp: movement was restricted
    #[arg(long = "lost-motion", value_name = "yes|no", num_args = 0..=1, default_missing_value = "yes", value_parser = yes_no)]
    pub lost_motion: Option<bool>,
    /// A suspected trigger (caffeine, poor-sleep, stress, ... or your own); repeat for several
    #[arg(long = "trigger", value_name = "NAME", value_parser = parse_trigger)]
    pub triggers: Vec<String>,
    /// Relief tried: stretch, heat, cold, massage, walking, other; add :helped or :no-help
    #[arg(long = "relief", value_name = "NAME[:helped|no-help]", value_parser = ReliefUse::parse)]
    pub reliefs: Vec<ReliefUse>,
    /// Cramp: days the muscle stayed sore afterwards
    #[arg(long = "sore-days", value_name = "N", value_parser = ranged_u16(0, 60), allow_hyphen_values = true)]
    pub sore_days: Option<u16>,
    /// A free note (an empty one removes the note when editing); - reads it from standard input
    #[arg(long, value_name = "TEXT", value_parser = note, allow_hyphen_values = true)]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CheckinArgs {
    #[command(subcommand)]
    pub command: Option<CheckinCommand>,
    /// The day [default: today]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    #[command(flatten)]
    pub fields: CheckinFields,
    /// Kept the change of the custom experiment running that day (see `myolog experiment`)
    #[arg(long, conflicts_with = "not_kept")]
    pub kept: bool,
    /// Did not keep the change of the custom experiment running that day
    #[arg(long = "not-kept")]
    pub not_kept: bool,
    /// A free note; - reads it from standard input
    #[arg(long, value_name = "TEXT", value_parser = note, allow_hyphen_values = true)]
    pub note: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum CheckinCommand {
    /// List the check-ins, newest first, with their ids
    List(RecordListArgs),
}

/// `checkin list` and `selfcheck list`.
#[derive(Debug, Args)]
pub struct RecordListArgs {
    /// From this day on (DAY: today, yesterday, YYYY-MM-DD, or -30d)
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Print JSON: an array of objects with every field, the id first
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum MedCommand {
    /// Add a medication
    Add {
        name: String,
        /// The class (see `myolog classes`): beta-2-agonist, thiazide-diuretic, statin, ... other
        #[arg(long)]
        class: String,
        /// The first day it was taken [default: today]
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        start: Option<String>,
        /// The dose, as text ("100 mcg twice a day")
        #[arg(long, value_name = "TEXT", allow_hyphen_values = true)]
        dose: Option<String>,
    },
    /// Change a medication, taken now or stopped (only the options given change)
    Edit {
        /// Its name (the one still taken, if several have it), or its id
        #[arg(value_name = "NAME")]
        med: String,
        #[command(flatten)]
        fields: MedicationFields,
    },
    /// Record that a medication was stopped, today or on a past day
    Stop {
        /// Its name
        name: String,
        /// The first day it was no longer taken: today, yesterday, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// Delete a medication entered by mistake (`myolog undo` brings it back); to record that
    /// it was stopped, use `med stop`
    Delete {
        /// Its name (the one still taken, if several have it), or its id
        name: String,
    },
    /// List medications, with their ids
    List {
        /// Print JSON: an array of medication objects
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct SelfcheckArgs {
    #[command(subcommand)]
    pub command: Option<SelfcheckCommand>,
    /// The day [default: today]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
    /// Walk ten steps on your heels, toes lifted
    #[arg(long = "heel-walk", value_name = "ok|fail", value_parser = TestResult::parse)]
    pub heel_walk: Option<TestResult>,
    /// Open a tight jar lid with each hand
    #[arg(long, value_name = "ok|fail", value_parser = TestResult::parse)]
    pub jar: Option<TestResult>,
    /// Climb a flight of stairs without pulling on the rail
    #[arg(long, value_name = "ok|fail", value_parser = TestResult::parse)]
    pub stairs: Option<TestResult>,
    /// A symptom present: atrophy, numbness, tingling, swallowing, speech, tongue, foot-drop, breathing
    #[arg(long = "symptom", value_name = "NAME", value_parser = parse_symptom)]
    pub symptoms: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum SelfcheckCommand {
    /// List the self-checks, newest first, with their ids
    List(RecordListArgs),
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// From this time on (WHEN; 30d means the last 30 days)
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub since: Option<String>,
    /// Before this time (WHEN; a bare date includes that whole day)
    #[arg(long, value_name = "WHEN", allow_hyphen_values = true)]
    pub until: Option<String>,
    #[arg(long, value_parser = Kind::parse)]
    pub kind: Option<Kind>,
    /// Only episodes at this site: an id such as calf, or calf:left (which takes in calf:both)
    #[arg(long, value_name = "SITE[:SIDE]", value_parser = SiteRef::parse)]
    pub site: Option<SiteRef>,
    /// Only episodes tagged with this trigger
    #[arg(long, value_name = "NAME", value_parser = parse_trigger)]
    pub trigger: Option<String>,
    /// Print JSON: an array of episode objects with every field
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// How many days of history, ending today
    #[arg(long, default_value_t = 365, value_parser = ranged_u32(1, 36500), allow_hyphen_values = true)]
    pub days: u32,
    /// The same seed makes the same diary
    #[arg(long, default_value_t = 1, allow_hyphen_values = true)]
    pub seed: u64,
}

fn parse_symptom(s: &str) -> Result<String, String> {
    let id = s.trim().to_lowercase();
    match crate::catalog::catalog().symptom(&id) {
        Some(_) => Ok(id),
        None => Err(crate::domain::records::unknown_symptom(s.trim())),
    }
}

/// A note as given, or, for `-`, read from standard input (for notes longer than a command line
/// holds): the text as it is, without the line break that ends it; an empty one is refused.
fn note(s: &str) -> Result<String, String> {
    use std::io::{IsTerminal, Read};
    if s != "-" {
        return Ok(s.to_string());
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprintln!("myolog: type the note, then Ctrl-D on a line of its own");
    }
    let limit = crate::domain::MAX_NOTE_BYTES;
    let mut bytes = Vec::new();
    stdin
        .lock()
        .take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("standard input could not be read: {e}"))?;
    if bytes.len() > limit {
        return Err(format!(
            "the note on standard input is longer than {limit} bytes"
        ));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| "the note on standard input is not UTF-8 text".to_string())?;
    // Nothing read is more likely an empty pipe than a wish to remove a note: said, not done.
    if text.trim().is_empty() {
        return Err(
            "standard input held no note (nothing, or only spaces and line breaks); to remove a note, give --note ''"
                .to_string(),
        );
    }
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        other => Err(format!("'{other}' is not yes or no; accepted: yes, no")),
    }
}

/// A whole number from `low` to `high` (read as a `T`), each said with `unit` (" days"); `why`
/// follows the refusal of one out of range.
pub(super) fn whole_number_in<T: std::str::FromStr + PartialOrd + std::fmt::Display>(
    s: &str,
    low: T,
    high: T,
    unit: &str,
    why: &str,
) -> Result<T, String> {
    let n: T = crate::domain::quantities::whole_number(s, &format!("{low} to {high}{unit}"))?;
    if n < low || n > high {
        return Err(format!(
            "{n} is out of range; accepted: {low} to {high}{unit}{why}"
        ));
    }
    Ok(n)
}

fn ranged(low: u8, high: u8) -> impl Fn(&str) -> Result<u8, String> + Clone {
    move |s| whole_number_in::<u64>(s, low.into(), high.into(), "", "").map(|n| n as u8)
}

fn ranged_u16(low: u16, high: u16) -> impl Fn(&str) -> Result<u16, String> + Clone {
    move |s| whole_number_in::<u64>(s, low.into(), high.into(), "", "").map(|n| n as u16)
}

fn ranged_u32(low: u32, high: u32) -> impl Fn(&str) -> Result<u32, String> + Clone {
    move |s| whole_number_in::<u64>(s, low.into(), high.into(), "", "").map(|n| n as u32)
}
