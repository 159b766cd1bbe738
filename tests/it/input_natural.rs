//! Input read the way people write it (DOMAIN.md section 6), the same on the command line and
//! in every form: one table, each row read by the domain's parser, by the command line's
//! argument parser, and typed into the form, with the same value (or the same refusal) from
//! all three.

use crate::support::cli::{Env, assert_refused, stdout};
use crate::support::tui as tui_common;

use clap::Parser;
use myolog::cli::args::{Cli, Command};
use myolog::domain::{SiteRef, parse_caffeine, parse_exercise, parse_sleep, parse_water};
use myolog::store::{Access, Diary, EpisodeFilter};
use myolog::tui::App;
use tui_common::*;

/// What a row must read as; `None` where it must be refused.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    Sleep(Option<f64>),
    Exercise(Option<u32>),
    Water(Option<f64>),
    Caffeine(Option<u32>),
    /// The site as `myolog list` prints it.
    Site(Option<&'static str>),
}

use Want::*;

/// Section 6's examples, those of issue 12, and a few that must be refused.
const TABLE: &[(&str, Want)] = &[
    ("7.5", Sleep(Some(7.5))),
    ("7h30", Sleep(Some(7.5))),
    ("7:30", Sleep(Some(7.5))),
    ("6h30", Sleep(Some(6.5))),
    ("7h30m", Sleep(Some(7.5))),
    ("7 h 20", Sleep(Some(7.33))),
    ("8h", Sleep(Some(8.0))),
    ("7h75", Sleep(None)),
    ("25", Sleep(None)),
    ("45", Exercise(Some(45))),
    ("1h", Exercise(Some(60))),
    ("1h15m", Exercise(Some(75))),
    ("1:15", Exercise(Some(75))),
    ("45 min", Exercise(Some(45))),
    ("1h30", Exercise(Some(90))),
    ("45.5", Exercise(None)),
    ("1.2", Water(Some(1.2))),
    ("1.2l", Water(Some(1.2))),
    ("1500ml", Water(Some(1.5))),
    ("1.5 L", Water(Some(1.5))),
    ("33cl", Water(Some(0.33))),
    ("1500", Water(None)),
    ("2 pints", Water(None)),
    ("250", Caffeine(Some(250))),
    ("250mg", Caffeine(Some(250))),
    ("250 mg", Caffeine(Some(250))),
    ("2coffee+tea", Caffeine(Some(237))),
    ("2 coffees", Caffeine(Some(190))),
    ("espresso, 2 teas", Caffeine(Some(157))),
    ("2 beers", Caffeine(None)),
    ("calf:left", Site(Some("calf:left"))),
    ("left calf", Site(Some("calf:left"))),
    ("calf left", Site(Some("calf:left"))),
    ("l calf", Site(Some("calf:left"))),
    ("right upper arm", Site(Some("upper-arm:right"))),
    ("both calves", Site(Some("calf:both"))),
    ("eye", Site(Some("eyelid"))),
    ("tongue", Site(Some("tongue"))),
    ("left tongue", Site(None)),
    ("lft calf", Site(None)),
];

/// A value read, or its refusal, in words that compare: "sleep 7.5", "site calf:left",
/// "water refused".
fn read_as(want: Want, value: Option<String>) -> String {
    let what = match want {
        Sleep(_) => "sleep",
        Exercise(_) => "exercise",
        Water(_) => "water",
        Caffeine(_) => "caffeine",
        Site(_) => "site",
    };
    format!("{what} {}", value.unwrap_or_else(|| "refused".into()))
}

/// What the table says the row reads as.
fn wanted(want: Want) -> String {
    let value = match want {
        Sleep(v) | Water(v) => v.map(|v| v.to_string()),
        Exercise(v) | Caffeine(v) => v.map(|v| v.to_string()),
        Site(v) => v.map(str::to_string),
    };
    read_as(want, value)
}

/// The row as the domain's parser reads it.
fn by_domain(input: &str, want: Want) -> String {
    let ok = |v: Result<String, String>| v.ok();
    let value = match want {
        Sleep(_) => ok(parse_sleep(input).map(|v| v.to_string())),
        Exercise(_) => ok(parse_exercise(input).map(|v| v.to_string())),
        Water(_) => ok(parse_water(input).map(|v| v.to_string())),
        Caffeine(_) => ok(parse_caffeine(input).map(|v| v.to_string())),
        Site(_) => ok(SiteRef::parse(input).map(|s| s.to_string())),
    };
    read_as(want, value)
}

/// The row as the command line's argument parser reads it (`checkin --sleep 7h30`,
/// `log twitch --site "left calf"`).
fn by_command_line(input: &str, want: Want) -> String {
    let args: Vec<&str> = match want {
        Sleep(_) => vec!["myolog", "checkin", "--sleep", input],
        Exercise(_) => vec!["myolog", "checkin", "--exercise", input],
        Water(_) => vec!["myolog", "checkin", "--water", input],
        Caffeine(_) => vec!["myolog", "checkin", "--caffeine", input],
        Site(_) => vec!["myolog", "log", "twitch", "--site", input],
    };
    let parsed = Cli::try_parse_from(args).ok().and_then(|cli| cli.command);
    let value = match (want, &parsed) {
        (Sleep(_), Some(Command::Checkin(a))) => a.fields.sleep.map(|v| v.to_string()),
        (Exercise(_), Some(Command::Checkin(a))) => a.fields.exercise.map(|v| v.to_string()),
        (Water(_), Some(Command::Checkin(a))) => a.fields.water.map(|v| v.to_string()),
        (Caffeine(_), Some(Command::Checkin(a))) => a.fields.caffeine.map(|v| v.to_string()),
        (Site(_), Some(Command::Log(a))) => a.fields.sites.first().map(|s| s.to_string()),
        _ => None,
    };
    read_as(want, value)
}

/// The row typed into the form that takes it (the check-in's field, or a twitch's Where) and
/// saved: what the diary then holds, or "refused" when the form said why and saved nothing.
fn by_form(input: &str, want: Want) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut a: App = app(empty_diary(dir.path()));
    if let Site(_) = want {
        press(&mut a, "t");
        type_text(&mut a, input);
        press(&mut a, "ctrl-s");
        let saved = a.diary().episodes(&EpisodeFilter::default()).unwrap();
        let value = saved.first().map(|e| e.sites[0].to_string());
        if value.is_none() {
            assert!(!a.form_errors().is_empty(), "{input}: refused in words");
        }
        return read_as(want, value);
    }
    // From Sleep, where the check-in opens: Caffeine is 1 down, Water 3, Exercise 5.
    let down = match want {
        Sleep(_) => 0,
        Caffeine(_) => 1,
        Water(_) => 3,
        _ => 5,
    };
    press(&mut a, "d");
    for _ in 0..down {
        press(&mut a, "tab");
    }
    type_text(&mut a, input);
    press(&mut a, "ctrl-s");
    let saved = a.diary().checkin(clock().today()).unwrap();
    if saved.is_some() {
        assert_eq!(a.form_open(), None, "{input}: {:?}", a.form_errors());
    } else {
        assert!(!a.form_errors().is_empty(), "{input}: refused in words");
    }
    let value = saved.and_then(|c| match want {
        Sleep(_) => c.sleep_h.map(|v| v.to_string()),
        Caffeine(_) => c.caffeine_mg.map(|v| v.to_string()),
        Water(_) => c.water_l.map(|v| v.to_string()),
        _ => c.exercise_min.map(|v| v.to_string()),
    });
    read_as(want, value)
}

#[test]
fn every_row_reads_the_same_in_the_domain_on_the_command_line_and_in_the_forms() {
    for &(input, want) in TABLE {
        let want_text = wanted(want);
        assert_eq!(by_domain(input, want), want_text, "domain: {input:?}");
        assert_eq!(
            by_command_line(input, want),
            want_text,
            "command line: {input:?}"
        );
        assert_eq!(by_form(input, want), want_text, "form: {input:?}");
    }
}

#[test]
fn the_real_binary_takes_a_checkin_written_as_people_write_it() {
    let env = Env::new();
    let out = env.ok(&[
        "checkin",
        "--sleep",
        "6h30",
        "--exercise",
        "1h",
        "--water",
        "1500ml",
        "--caffeine",
        "2 coffees",
    ]);
    assert!(
        out.contains("sleep 6.5 h, caffeine 190 mg, water 1.5 l, exercise 60 min"),
        "{out}"
    );
    let diary = Diary::open(&env.db, Access::Read, crate::support::now_utc()).unwrap();
    let c = diary.checkin(clock().today()).unwrap().unwrap();
    assert_eq!(
        (c.sleep_h, c.exercise_min, c.water_l, c.caffeine_mg),
        (Some(6.5), Some(60), Some(1.5), Some(190))
    );
    let id = env.log(&["cramp", "--site", "right calf", "--site", "l hamstring"]);
    let listed = stdout(&env.run(&["list", "--json"]));
    assert!(listed.contains(&id));
    let sites: Vec<String> = crate::support::cli::find(&env.list(&[]), &id)["sites"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}:{}",
                s["site"].as_str().unwrap(),
                s["side"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(sites, ["calf:right", "hamstring:left"]);
}

#[test]
fn the_real_binary_refuses_what_is_not_an_amount_naming_the_option() {
    let env = Env::new();
    for (option, value) in [
        ("--sleep", "7h75"),
        ("--exercise", "45.5"),
        ("--water", "1500"),
        ("--caffeine", "2 beers"),
    ] {
        let line = assert_refused(&env.run(&["checkin", option, value]), option);
        assert!(line.contains("accepted"), "{line}");
    }
    let line = assert_refused(&env.run(&["log", "twitch", "--site", "qqq calf"]), "--site");
    assert!(line.contains("'qqq' is not a side"), "{line}");
    assert!(
        env.diary_bytes().is_none(),
        "nothing written, not even a diary"
    );
}
