//! The command line: parse, open the diary, run the command, map errors to exit codes. One
//! module per family of commands, each run with the same [`Context`].

pub mod args;
mod backup;
mod catalog;
mod checkin;
mod config;
mod context;
mod demo;
mod episodes;
pub mod experiment;
pub mod export;
pub mod import;
mod med;
mod options;
pub mod patterns;
mod records;
mod selfcheck;
mod shell;
pub mod status;
mod table;

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::Error;
use crate::domain::{InputError, system_clock};
use args::{Cli, Command};
pub use context::Context;
use context::{print_json, say};
pub use options::{lookup, named, option};

type Result<T, E = Error> = std::result::Result<T, E>;

/// The variable that picks the diary when `--db` is not given.
const DB_ENV: &str = "MYOLOG_DB";

/// Runs myolog with these arguments (the first is the program name) and returns its exit
/// status: 0 done, 2 bad input (nothing written), 1 a failure of the machine.
pub fn main_with<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    // clap refuses an empty MYOLOG_DB as a missing --db value, blaming the option that was
    // never given: the variable is left out of parsing then, and named below if it is used.
    let empty_env = std::env::var_os(DB_ENV).is_some_and(|v| v.is_empty());
    let mut command = Cli::command();
    if empty_env {
        command = command.mut_arg("db", |arg| arg.env(None::<&'static str>));
    }
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let cli = match command
        .try_get_matches_from_mut(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
    {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e, &typed_command(&command, &args)),
    };
    let checked = match (&cli.db, empty_env) {
        (None, true) => Err(Error::from(InputError::new(
            DB_ENV,
            "is set but empty; accepted: the path of a diary file, or unset it for the default",
        ))),
        _ => Ok(cli),
    };
    match checked.and_then(run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // Errors quote the input back; the terminal gets it without control characters.
            eprintln!("myolog: {}", table::printable(&e.to_string()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// The command `args` name, as far as they name one: `myolog med add` for
/// `myolog med add --name x --dose`, so that an error can point at that command's own help.
/// An option's value is not a command (`--db list`), nor is anything after `help`.
fn typed_command(command: &clap::Command, args: &[OsString]) -> String {
    let takes_value = |current: &clap::Command, arg: &str| {
        let matches = |a: &clap::Arg| match arg.strip_prefix("--") {
            Some(long) => a.get_long() == Some(long),
            None => arg.len() == 2 && a.get_short().is_some_and(|c| arg.ends_with(c)),
        };
        (current.get_arguments().chain(command.get_arguments()))
            .any(|a| matches(a) && a.get_action().takes_values())
    };
    let mut names = vec![command.get_name()];
    let mut current = command;
    let mut words = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = words.next() {
        if arg == "help" {
            break;
        }
        if arg.starts_with('-') {
            if takes_value(current, arg) {
                words.next();
            }
        } else if let Some(sub) = current.find_subcommand(arg) {
            names.push(sub.get_name());
            current = sub;
        }
    }
    names.join(" ")
}

/// Help and version go out whole; a usage error becomes one line naming the option, and the
/// help that lists what it accepts (`typed`'s).
fn clap_error(e: &clap::Error, typed: &str) -> ExitCode {
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
    eprintln!("myolog: {} (see `{typed} --help`)", table::printable(line));
    ExitCode::from(2)
}

/// The diary path: `--db`, `MYOLOG_DB`, or `myolog/diary.sqlite3` in the data folder.
pub fn diary_path(db: Option<PathBuf>) -> Result<PathBuf, InputError> {
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
        })
}

fn run(cli: Cli) -> Result<()> {
    let path = diary_path(cli.db)?;
    match cli.command {
        None => crate::tui::main(&path),
        Some(command) => system_clock()
            .map_err(Error::from)
            .and_then(|clock| run_command(command, &Context::new(clock, path.clone()))),
    }
    .map_err(|e| e.in_diary(&path))
}

fn run_command(command: Command, ctx: &Context) -> Result<()> {
    match command {
        Command::Log(args) => episodes::log(args, ctx),
        Command::Edit(args) => records::edit(*args, ctx),
        Command::Delete { id } => records::delete(&id, ctx),
        Command::Status { json } => status::run(json, ctx),
        Command::Completions { shell } => shell::completions(shell),
        Command::Man => shell::man(),
        Command::Undo => episodes::undo(ctx),
        Command::Redo => episodes::redo(ctx),
        Command::Check => backup::check(ctx),
        Command::List(args) => episodes::list(args, ctx),
        Command::Checkin(args) => checkin::run(args, ctx),
        Command::Med(command) => med::run(command, ctx),
        Command::Selfcheck(args) => selfcheck::run(args, ctx),
        Command::Patterns(args) => patterns::run(args, ctx),
        Command::Export(args) => export::run(args, ctx),
        Command::Import(args) => import::run(args, ctx),
        Command::Config => config::run(),
        Command::Backup { file } => backup::run(&file, ctx),
        Command::Demo(args) => demo::run(args, ctx),
        Command::Sites => catalog::sites(),
        Command::Triggers => catalog::triggers(),
        Command::Classes => catalog::classes(),
        Command::Experiment(command) => experiment::run(command, ctx),
    }
}

pub(crate) use crate::text::plural;
