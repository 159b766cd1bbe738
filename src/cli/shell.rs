//! `myolog completions SHELL` and `myolog man`: made from the same clap types as the command
//! line itself, so they never drift from `--help`.

use std::io::Write;

use clap::CommandFactory;

use super::Result;
use super::args::Cli;
use super::context::quiet_if_closed;
use crate::Error;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "myolog", &mut out);
    write_out(&out)
}

pub fn man() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(Error::Output)?;
    write_out(&out)
}

fn write_out(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    quiet_if_closed(
        stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(Error::Output),
    )
}
