//! `--note -` reads the note from standard input (`log`, `edit`, `checkin`), for notes longer
//! than a command line holds: Linux takes at most 128 KiB in one argument.

use std::io::Write;
use std::process::{Output, Stdio};

use myolog::store::{Access, Diary};

use crate::support::cli::{Env, assert_ok, assert_refused, find, id_in, stdout};

/// Runs `myolog ARGS` with `input` on standard input.
fn run_with_stdin(env: &Env, args: &[&str], input: &[u8]) -> Output {
    let mut child = env
        .command()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    // Written from a thread: the child may answer before it has read everything.
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// A note of several paragraphs, longer than one argument may be.
fn long_note() -> String {
    let paragraph = "Woke at 3 with the left calf locked; stretched it against the wall, \
                     which helped after a minute. Soreness lasted into the afternoon.\n\n";
    let mut note = paragraph.repeat(1200);
    note.truncate(note.trim_end().len());
    assert!(note.len() > 128 * 1024);
    note
}

#[test]
fn log_and_edit_take_a_long_note_from_standard_input() {
    let env = Env::new();
    let note = long_note();
    let args = ["log", "cramp", "--site", "calf:left", "--note", "-"];
    let out = run_with_stdin(&env, &args, format!("{note}\n").as_bytes());
    assert_ok(&out, &args);
    let id = id_in(&stdout(&out)).unwrap();
    assert_eq!(
        find(&env.list(&[]), &id)["note"].as_str().unwrap(),
        note,
        "the note exactly, without the line break that ended the input"
    );
    let edited = "two lines\nof note";
    let args = ["edit", &id, "--note", "-"];
    assert_ok(&run_with_stdin(&env, &args, edited.as_bytes()), &args);
    assert_eq!(find(&env.list(&[]), &id)["note"], edited);
}

#[test]
fn checkin_takes_its_note_from_standard_input() {
    let env = Env::new();
    let args = ["checkin", "--sleep", "7", "--note", "-"];
    let out = run_with_stdin(&env, &args, b"late dinner, then\r\nrestless night\r\n");
    assert_ok(&out, &args);
    let diary = Diary::open(&env.db, Access::Read, crate::support::now_utc()).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let c = diary.checkin(today).unwrap().unwrap();
    assert_eq!(
        c.note.as_deref(),
        Some("late dinner, then\r\nrestless night")
    );
}

#[test]
fn a_note_on_standard_input_that_is_not_text_is_refused_and_nothing_is_written() {
    let env = Env::new();
    let args = ["log", "twitch", "--site", "eyelid", "--note", "-"];
    let line = assert_refused(&run_with_stdin(&env, &args, b"caf\xe9 \xff"), "--note");
    assert!(line.contains("not UTF-8"), "{line}");
    assert!(env.diary_bytes().is_none());
}

/// An empty pipe (a script whose first command failed, say) used to remove the note without a
/// word: nothing, or only white space, on standard input is refused, and the note stays.
/// `--note ''` still removes it, as asked.
#[test]
fn an_empty_note_on_standard_input_is_refused_and_the_note_kept() {
    let env = Env::new();
    let id = env.log(&["twitch", "--site", "calf", "--note", "important note"]);
    for input in [&b""[..], b"\n", b"  \r\n\n"] {
        let args = ["edit", &id, "--note", "-"];
        let line = assert_refused(&run_with_stdin(&env, &args, input), "--note");
        assert!(line.contains("standard input held no note"), "{line}");
        assert!(line.contains("--note ''"), "{line}");
        assert_eq!(find(&env.list(&[]), &id)["note"], "important note");
    }
    let args = ["checkin", "--sleep", "7", "--note", "-"];
    assert_refused(&run_with_stdin(&env, &args, b""), "--note");
    assert_ok(&env.run(&["edit", &id, "--note", ""]), &["edit"]);
    assert!(find(&env.list(&[]), &id)["note"].is_null());
}
