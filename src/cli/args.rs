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
    /// Save the daily check-in (saving again the same day updates it)
    Checkin(CheckinArgs),
    /// Medications: add, stop, list
    #[command(subcommand)]
    Med(MedCommand),
    /// Record a self-check for the red flags
    Selfcheck(SelfcheckArgs),
    /// List episodes, newest first
    List(ListArgs),
    /// Change an episode (only the options given change)
    Edit(EditArgs),
    /// Delete an episode (`myolog undo` brings it back)
    Delete {
        /// The episode's id, or its first 4 or more characters
        id: String,
    },
    /// Take back the last change made by hand (`myolog redo` brings it back)
    Undo,
    /// Bring back what `myolog undo` took, newest first (until a new change is made)
    Redo,
    /// Check that the diary is whole and every record in it holds together
    Check,
    /// Write the diary (or a period of it) as a report or as data: md, html, pdf, csv, json, fhir
    #[command(after_help = super::export::AFTER_HELP)]
    Export(super::export::ExportArgs),
    /// Bring in a JSON export or an episodes CSV, merged by id (nothing is duplicated)
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

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The episode's id, or its first 4 or more characters
    pub id: String,
    #[command(flatten)]
    pub fields: EpisodeFields,
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
pub struct CheckinArgs {
    /// The day [default: today]
    #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
    pub date: Option<String>,
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
    /// Record that a medication was stopped
    Stop {
        name: String,
        /// The first day it was no longer taken [default: today]
        #[arg(long, value_name = "DAY", allow_hyphen_values = true)]
        on: Option<String>,
    },
    /// List medications
    List {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct SelfcheckArgs {
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
    /// Only episodes at this site (an id such as calf)
    #[arg(long, value_name = "SITE", value_parser = SiteRef::parse)]
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
/// holds): the text as it is, without the line break that ends it.
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
    Ok(text.trim_end_matches(['\n', '\r']).to_string())
}

fn yes_no(s: &str) -> Result<bool, String> {
    match s.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" => Ok(true),
        "no" | "n" | "false" | "0" => Ok(false),
        other => Err(format!("'{other}' is not yes or no; accepted: yes, no")),
    }
}

fn whole_number(s: &str, low: u64, high: u64) -> Result<u64, String> {
    let n: u64 = s.trim().parse().map_err(|_| {
        format!(
            "'{}' is not a whole number; accepted: {low} to {high}",
            s.trim()
        )
    })?;
    if !(low..=high).contains(&n) {
        return Err(format!("{n} is out of range; accepted: {low} to {high}"));
    }
    Ok(n)
}

fn ranged(low: u8, high: u8) -> impl Fn(&str) -> Result<u8, String> + Clone {
    move |s| whole_number(s, low.into(), high.into()).map(|n| n as u8)
}

fn ranged_u16(low: u16, high: u16) -> impl Fn(&str) -> Result<u16, String> + Clone {
    move |s| whole_number(s, low.into(), high.into()).map(|n| n as u16)
}

fn ranged_u32(low: u32, high: u32) -> impl Fn(&str) -> Result<u32, String> + Clone {
    move |s| whole_number(s, low.into(), high.into()).map(|n| n as u32)
}
