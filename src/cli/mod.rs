//! The command line: parse, open the diary, run the command, map errors to exit codes.

pub mod args;
mod config;
pub mod export;
pub mod import;
pub mod patterns;
mod table;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Local, Timelike, Utc};
use clap::Parser;
use uuid::Uuid;

use crate::catalog::catalog;
use crate::domain::{
    CheckIn, Clock, Episode, InputError, Kind, Medication, SelfCheck, clean_note, format_duration,
};
use crate::store::{Access, Diary, EpisodeFilter, StoreError};
use args::{Cli, Command, EpisodeFields, MedCommand};

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Runs myolog with these arguments (the first is the program name) and returns its exit
/// status: 0 done, 2 bad input (nothing written), 1 a failure of the machine.
pub fn main_with<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote the input back; the terminal gets it without control characters.
            eprintln!("myolog: {}", table::printable(&e.to_string()));
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Help and version go out whole; a usage error becomes one line naming the option.
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        let _ = e.print();
        return ExitCode::SUCCESS;
    }
    let rendered = e.render().to_string();
    let first: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let line = first.join(" ");
    let line = line.strip_prefix("error: ").unwrap_or(&line);
    eprintln!("myolog: {} (see `myolog --help`)", table::printable(line));
    ExitCode::from(2)
}

/// The clock: the system's, or `MYOLOG_NOW` (RFC 3339) so tests and demos are repeatable.
pub fn clock() -> Result<Clock<Local>> {
    let now = match std::env::var("MYOLOG_NOW") {
        Ok(s) => DateTime::parse_from_rfc3339(&s)
            .map_err(|_| InputError::new("MYOLOG_NOW", format!("'{s}' is not an RFC 3339 time")))?
            .with_timezone(&Local),
        Err(_) => Local::now(),
    };
    Ok(Clock::new(now.with_nanosecond(0).unwrap_or(now)))
}

/// The diary path: `--db`, `MYOLOG_DB`, or `myolog/diary.sqlite3` in the data folder.
pub fn diary_path(db: Option<PathBuf>) -> Result<PathBuf> {
    if let Some(path) = db {
        return Ok(path);
    }
    directories::BaseDirs::new()
        .map(|dirs| dirs.data_dir().join("myolog").join("diary.sqlite3"))
        .ok_or_else(|| {
            InputError::new(
                "--db",
                "no home folder to keep the diary in; give --db PATH",
            )
            .into()
        })
}

fn run(cli: Cli) -> Result<()> {
    let path = diary_path(cli.db)?;
    match cli.command {
        None => crate::tui::main(&path),
        Some(command) => run_command(command, &path),
    }
    .map_err(|e| e.in_diary(&path))
}

fn run_command(command: Command, path: &std::path::Path) -> Result<()> {
    let clock = clock()?;
    let now = clock.now.with_timezone(&Utc);
    let open = |access| {
        let diary = Diary::open(path, access, now)?;
        announce_upgrade(&diary);
        Ok(diary)
    };
    match command {
        Command::Log(args) => {
            if args.fields.sites.is_empty() {
                return Err(InputError::new(
                    "--site",
                    "at least one body site is needed, e.g. --site eyelid:left (`myolog sites` lists them)",
                )
                .into());
            }
            let mut episode = Episode::new(args.kind, clock.now_fixed(), Vec::new(), now);
            apply(&args.fields, &mut episode, &clock)?;
            let mut diary = open(Access::Write)?;
            diary.add_episode(&episode)?;
            say(format!(
                "Logged a {} at {} on {} (id {}).",
                episode.kind,
                episode.start.format("%Y-%m-%d %H:%M"),
                sites_text(&episode),
                episode.id
            ))?;
        }
        Command::Edit(args) => {
            if is_empty(&args.fields) {
                return Err(InputError::new(
                    "edit",
                    "nothing to change; give the options to change, as for `myolog log`",
                )
                .into());
            }
            let mut diary = open_existing(&open, "ID", &args.id)?;
            let mut episode = diary.find_episode(&args.id)?;
            apply(&args.fields, &mut episode, &clock)?;
            episode.updated = now;
            diary.update_episode(&episode)?;
            say(format!(
                "Changed the {} at {} (id {}); `myolog undo` takes the change back.",
                episode.kind,
                episode.start.format("%Y-%m-%d %H:%M"),
                episode.id
            ))?;
        }
        Command::Delete { id } => {
            let mut diary = open_existing(&open, "ID", &id)?;
            let episode = diary.find_episode(&id)?;
            diary.delete_episode(episode.id, now)?;
            say(format!(
                "Deleted the {} at {} on {}; `myolog undo` brings it back.",
                episode.kind,
                episode.start.format("%Y-%m-%d %H:%M"),
                sites_text(&episode)
            ))?;
        }
        Command::Undo => {
            let mut diary = match open(Access::Read) {
                Err(StoreError::Missing { .. }) => {
                    say("Nothing to undo.".to_string())?;
                    return Ok(());
                }
                opened => opened?,
            };
            match diary.undo(now)? {
                Some(label) => say(format!("Undone: {label}."))?,
                None => say("Nothing to undo.".to_string())?,
            }
        }
        Command::Checkin(args) => {
            let date = match &args.date {
                Some(s) => clock
                    .parse_day(s)
                    .map_err(|m| InputError::new("--date", m))?,
                None => clock.today(),
            };
            if date > clock.today() {
                return Err(InputError::new(
                    "--date",
                    format!("{date} is in the future; a check-in is for today or a past day"),
                )
                .into());
            }
            let checkin = CheckIn {
                date,
                sleep_h: args.sleep,
                caffeine_mg: args.caffeine,
                stress: args.stress,
                water_l: args.water,
                alcohol: args.alcohol,
                exercise_min: args.exercise,
                magnesium: args.magnesium,
                stretched: args.stretched,
                note: args.note,
            };
            checkin.validate()?;
            if checkin.is_empty() {
                let kept = match open(Access::Read) {
                    Ok(diary) => diary.checkin(date)?,
                    Err(StoreError::Missing { .. }) => None,
                    Err(e) => return Err(e),
                };
                match kept {
                    Some(c) => say(checkin_text(&c))?,
                    None => say(format!(
                        "No check-in for {date} yet; give --sleep, --caffeine, --stress ... to save one."
                    ))?,
                }
                return Ok(());
            }
            let mut diary = open(Access::Write)?;
            let saved = diary.save_checkin(&checkin, now)?;
            say(format!("Saved. {}", checkin_text(&saved)))?;
        }
        Command::Med(MedCommand::Add {
            name,
            class,
            start,
            dose,
        }) => {
            let start = match start {
                Some(s) => clock
                    .parse_day(&s)
                    .map_err(|m| InputError::new("--start", m))?,
                None => clock.today(),
            };
            let med = Medication {
                id: Uuid::new_v4(),
                name: name.trim().to_string(),
                class: class.trim().to_lowercase(),
                dose: clean_note(dose),
                start,
                stop: None,
                created: now,
                updated: now,
            };
            med.validate()?;
            let mut diary = open(Access::Write)?;
            diary.add_medication(&med)?;
            say(format!(
                "Added {} ({}) from {}.",
                med.name, med.class, med.start
            ))?;
        }
        Command::Med(MedCommand::Stop { name, on }) => {
            let day = match on {
                Some(s) => clock
                    .parse_day(&s)
                    .map_err(|m| InputError::new("--on", m))?,
                None => clock.today(),
            };
            let mut diary = open_existing(&open, "NAME", &name)?;
            let med = diary.stop_medication(&name, day, now)?;
            say(format!("Stopped {} on {day}.", med.name))?;
        }
        Command::Med(MedCommand::List { json }) => {
            let meds = read(open)?
                .map(|d| d.medications())
                .transpose()?
                .unwrap_or_default();
            if json {
                print_json(&meds)?;
            } else if meds.is_empty() {
                say("No medications yet; `myolog med add NAME --class CLASS` adds one.".into())?;
            } else {
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
                ))?;
            }
        }
        Command::Selfcheck(args) => {
            let date = match &args.date {
                Some(s) => clock
                    .parse_day(s)
                    .map_err(|m| InputError::new("--date", m))?,
                None => clock.today(),
            };
            if date > clock.today() {
                return Err(InputError::new(
                    "--date",
                    format!("{date} is in the future; a self-check is for today or a past day"),
                )
                .into());
            }
            let check = SelfCheck {
                id: Uuid::new_v4(),
                date,
                heel_walk: args.heel_walk,
                jar: args.jar,
                stairs: args.stairs,
                symptoms: args.symptoms,
                created: now,
            };
            check.validate()?;
            let mut diary = open(Access::Write)?;
            diary.add_self_check(&check)?;
            say(format!("Saved the self-check of {date}."))?;
            if let Some(level) = crate::patterns::self_check_level(&check) {
                say(format!(
                    "{} (myolog shows guidance; it is not medical advice.)",
                    crate::patterns::self_check_advice(level)
                ))?;
            }
        }
        Command::List(args) => list(args, &clock, open)?,
        Command::Patterns(args) => patterns::run(args, &clock, open)?,
        Command::Export(args) => export::run(args, &clock, open)?,
        Command::Import(args) => import::run(args, &clock, now, open)?,
        Command::Config => config::run()?,
        Command::Backup { file } => {
            let diary = open(Access::Read)?;
            diary.backup_to(&file)?;
            let c = diary.counts()?;
            say(format!(
                "Backed up {} episodes, {} check-ins, {} medications and {} self-checks to {}.",
                c.episodes,
                c.checkins,
                c.medications,
                c.self_checks,
                file.display()
            ))?;
        }
        Command::Demo(args) => {
            let mut diary = open(Access::Write)?;
            if !diary.counts()?.is_empty() {
                return Err(InputError::new(
                    "demo",
                    format!("{} already has entries; demo only fills an empty diary (pick a new file with --db)", path.display()),
                )
                .into());
            }
            let started = std::time::Instant::now();
            let written = crate::demo::write(args.days, args.seed, &clock, &mut diary, now)?;
            say(format!(
                "Wrote a {}-day demo diary to {}: {} episodes, {} check-ins, {} medication, {} self-checks ({:.1} s).",
                args.days,
                path.display(),
                written.episodes,
                written.checkins,
                written.medications,
                written.self_checks,
                started.elapsed().as_secs_f64()
            ))?;
        }
        Command::Sites => {
            let rows = catalog()
                .sites
                .iter()
                .map(|s| {
                    vec![
                        s.id.clone(),
                        if s.sided {
                            "left/right/both".into()
                        } else {
                            "-".into()
                        },
                        s.group.clone(),
                        s.label.clone(),
                        s.snomed_code().unwrap_or("").to_string(),
                    ]
                })
                .collect();
            say(table::render(
                &["SITE", "SIDE", "GROUP", "LABEL", "SNOMED"],
                rows,
            ))?;
        }
        Command::Triggers => {
            let rows = catalog()
                .triggers
                .iter()
                .map(|t| {
                    vec![
                        t.id.clone(),
                        t.label.clone(),
                        if t.obvious {
                            "yes".into()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect();
            say(table::render(&["TRIGGER", "LABEL", "OBVIOUS"], rows))?;
            say(
                "Any other lowercase name (letters, digits, '-') is kept as a custom trigger."
                    .into(),
            )?;
        }
        Command::Classes => {
            let rows = catalog()
                .medication_classes
                .iter()
                .map(|c| vec![c.id.clone(), c.examples.clone(), c.evidence.clone()])
                .collect();
            say(table::render(&["CLASS", "EXAMPLES", "EVIDENCE"], rows))?;
        }
    }
    Ok(())
}

/// Opens a diary that must exist already, for commands that change a record in it: with none,
/// there is nothing called `name` to change, and no empty diary is left behind.
fn open_existing(
    open: &impl Fn(Access) -> Result<Diary>,
    field: &str,
    name: &str,
) -> Result<Diary> {
    // Access::Read never creates a diary; it opens a writable file read-write.
    open(Access::Read).map_err(|e| match e {
        StoreError::Missing { path } => StoreError::NotFound {
            what: field.to_string(),
            message: format!(
                "no '{}' here: there is no diary at {} yet",
                name.trim(),
                path.display()
            ),
        },
        e => e,
    })
}

/// Opens the diary to read; `None` (with a note on stderr) when there is none yet.
fn read(open: impl Fn(Access) -> Result<Diary>) -> Result<Option<Diary>> {
    match open(Access::Read) {
        Ok(d) => Ok(Some(d)),
        Err(e @ StoreError::Missing { .. }) => {
            eprintln!("myolog: {e}");
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn list(
    args: args::ListArgs,
    clock: &Clock<Local>,
    open: impl Fn(Access) -> Result<Diary>,
) -> Result<()> {
    let since = args
        .since
        .as_deref()
        .map(|s| {
            clock
                .parse_when(s)
                .map_err(|m| InputError::new("--since", m))
        })
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|s| {
            let t = clock
                .parse_when(s)
                .map_err(|m| InputError::new("--until", m))?;
            // A bare date means up to the end of that day: the next day's start, which is not
            // always 24 hours later (clock changes).
            match crate::domain::parse_date(s).ok().and_then(|d| d.succ_opt()) {
                Some(next) => clock
                    .start_of_day(next)
                    .map_err(|m| InputError::new("--until", m)),
                None => Ok::<_, InputError>(t),
            }
        })
        .transpose()?;
    let filter = EpisodeFilter {
        since: since.map(|t| t.with_timezone(&Utc)),
        until: until.map(|t| t.with_timezone(&Utc)),
        kind: args.kind,
        site: args.site.map(|s| s.site),
        trigger: args.trigger,
        ..EpisodeFilter::default()
    };
    let Some(diary) = read(open)? else {
        if args.json {
            print_json(&[(); 0])?;
        } else {
            say("No episodes in this period.".into())?;
        }
        return Ok(());
    };
    // Episodes are read a page at a time, so listing a 100,000-episode diary takes the memory
    // of one page.
    const PAGE: u32 = 1000;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.json {
        use serde::ser::{SerializeSeq, Serializer};
        let json_error = |e: serde_json::Error| stdout_error(e.into());
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
                    .map_err(stdout_error)
            });
        return quiet_if_closed(printed);
    }
    const HEADERS: &[&str] = &[
        "ID", "DATE", "TIME", "KIND", "SITES", "SEVERITY", "DURATION", "TRIGGERS", "NOTE",
    ];
    let mut table = table::Table::new(HEADERS);
    let mut any = false;
    diary.for_each_episode(&filter, PAGE, |e| {
        table.measure(&list_row(e));
        any = true;
        Ok(())
    })?;
    if !any {
        say("No episodes in this period.".into())?;
        return Ok(());
    }
    // A closed pipe (`myolog list | head`) ends the listing quietly.
    let _ = writeln!(out, "{}", table.header());
    let printed = diary.for_each_episode(&filter, PAGE, |e| {
        writeln!(out, "{}", table.line(&list_row(e))).map_err(stdout_error)
    });
    quiet_if_closed(printed.and_then(|()| out.flush().map_err(stdout_error)))
}

/// One episode as a row of `myolog list`.
fn list_row(e: &Episode) -> Vec<String> {
    vec![
        e.id.to_string()[..8].to_string(),
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

fn stdout_error(source: std::io::Error) -> StoreError {
    StoreError::Io {
        context: "cannot write to standard output".into(),
        source,
    }
}

/// A closed pipe (`myolog list | head`) ends the output quietly: not an error worth a message.
fn quiet_if_closed(result: Result<()>) -> Result<()> {
    match result {
        Err(StoreError::Io { source, .. }) if source.kind() == std::io::ErrorKind::BrokenPipe => {
            Ok(())
        }
        other => other,
    }
}

/// Copies the given options onto an episode (for `log`, onto a new one).
fn apply(
    fields: &EpisodeFields,
    episode: &mut Episode,
    clock: &Clock<Local>,
) -> Result<(), InputError> {
    if let Some(at) = &fields.at {
        let start = clock
            .parse_when(at)
            .map_err(|m| InputError::new("--at", m))?;
        crate::domain::check_not_future("--at", start, clock.now_fixed())?;
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
    set(&mut episode.duration_s, fields.duration);
    set(&mut episode.intensity, fields.intensity);
    set(&mut episode.pain, fields.pain);
    set(&mut episode.visible, fields.visible);
    set(&mut episode.hardening, fields.hardening);
    set(&mut episode.lost_motion, fields.lost_motion);
    set(&mut episode.sore_days, fields.sore_days);
    episode.validate()
}

fn set<T>(slot: &mut Option<T>, value: Option<T>) {
    if value.is_some() {
        *slot = value;
    }
}

fn is_empty(f: &EpisodeFields) -> bool {
    f.sites.is_empty()
        && f.at.is_none()
        && f.duration.is_none()
        && f.intensity.is_none()
        && f.pain.is_none()
        && f.visible.is_none()
        && f.hardening.is_none()
        && f.lost_motion.is_none()
        && f.triggers.is_empty()
        && f.reliefs.is_empty()
        && f.sore_days.is_none()
        && f.note.is_none()
}

fn sites_text(e: &Episode) -> String {
    e.sites
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A check-in in one line, naming the fields still unknown.
pub fn checkin_text(c: &CheckIn) -> String {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    let mut field = |name: &'static str, value: Option<String>| match value {
        Some(v) => known.push(v),
        None => unknown.push(name),
    };
    let yes_no = |b: bool| if b { "yes" } else { "no" };
    field("sleep", c.sleep_h.map(|v| format!("sleep {v} h")));
    field(
        "caffeine",
        c.caffeine_mg.map(|v| format!("caffeine {v} mg")),
    );
    field("stress", c.stress.map(|v| format!("stress {v}/10")));
    field("water", c.water_l.map(|v| format!("water {v} l")));
    field("alcohol", c.alcohol.map(|v| format!("{v} drinks")));
    field(
        "exercise",
        c.exercise_min.map(|v| format!("exercise {v} min")),
    );
    field(
        "magnesium",
        c.magnesium.map(|v| format!("magnesium {}", yes_no(v))),
    );
    field(
        "stretched",
        c.stretched
            .map(|v| format!("stretched before bed {}", yes_no(v))),
    );
    let mut text = format!(
        "Check-in for {}: {}",
        c.date,
        if known.is_empty() {
            "nothing yet".into()
        } else {
            known.join(", ")
        }
    );
    if !unknown.is_empty() {
        text.push_str(&format!(" (unknown: {})", unknown.join(", ")));
    }
    if let Some(note) = &c.note {
        text.push_str(&format!("; note: {}", table::one_line(note, 60)));
    }
    text
}

fn announce_upgrade(diary: &Diary) {
    if let Some(backup) = diary.upgrade_backup() {
        eprintln!(
            "myolog: upgraded the diary; the old version is kept at {}",
            backup.display()
        );
    }
}

/// "1 episode", "3 episodes".
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Prints text for a person: whatever a note or a name holds, no control character reaches
/// the terminal (an escape sequence in a note must not recolour or clear the screen). Output
/// that cannot be written (a full disk behind `>`) is an error; a closed pipe
/// (`myolog list | head`) is not.
fn say(text: String) -> Result<()> {
    quiet_if_closed(
        writeln!(std::io::stdout(), "{}", table::printable(&text)).map_err(stdout_error),
    )
}

/// Prints JSON as it is: serde_json already escapes control characters, and the text must
/// round-trip exactly.
fn print_json<T: serde::Serialize>(value: &T) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let written = serde_json::to_writer_pretty(&mut out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush());
    quiet_if_closed(written.map_err(stdout_error))
}
