//! Hostile input: every parser takes arbitrary strings without panicking and answers with a
//! value or one clear line; huge notes and every kind of Unicode (emoji, right-to-left text,
//! combining marks, control characters) go through the store and `list --json` unchanged, and
//! the terminal UI draws them without panicking or breaking its layout.

use crate::support::cli as common;
use crate::support::tui as tui_common;

use chrono::{DateTime, FixedOffset, NaiveDate};
use common::Env;
use myolog::config::Config;
use myolog::domain::{
    CheckIn, Clock, Episode, Kind, Medication, ReliefUse, Side, SiteRef, TestResult,
    parse_caffeine, parse_date, parse_duration,
};
use myolog::patterns::Settings;
use myolog::store::{Access, Diary, EpisodeFilter};
use myolog::tui::keymap::Keymap;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn clock() -> Clock<FixedOffset> {
    Clock::new(DateTime::parse_from_rfc3339("2026-11-25T10:15:00+01:00").unwrap())
}

/// A clear error: something to read, on one line, of a readable length.
fn clear(message: &str) -> Result<(), TestCaseError> {
    prop_assert!(!message.trim().is_empty(), "an empty error");
    prop_assert!(!message.contains('\n'), "more than one line: {message:?}");
    // The input is quoted back, so allow for it; but no dump of anything else.
    prop_assert!(message.chars().count() < 2_000, "{} chars", message.len());
    Ok(())
}

fn answers<T>(result: Result<T, String>) -> Result<(), TestCaseError> {
    match result {
        Ok(_) => Ok(()),
        Err(m) => clear(&m),
    }
}

/// Arbitrary text, and text close to what the parsers accept, so both paths are explored.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,24}",
        "[0-9:+TZhmsd -]{0,20}",
        "(now|today|yesterday|-?[0-9]{1,12}[hmsd]|[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}( [0-9]{1,3}:[0-9]{1,3})?)",
        "[a-z-]{0,12}(:(left|right|both|[a-z]{0,6}))?",
        "([0-9]{0,12}x?(coffee|tea|espresso|cola|energy-drink|mg|[a-z]{0,4})[+,]?){1,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(384))]

    #[test]
    fn when_and_day_parse_anything(s in text()) {
        let c = clock();
        answers(c.parse_when(&s))?;
        answers(c.parse_day(&s))?;
        answers(parse_date(&s))?;
    }

    #[test]
    fn durations_parse_anything(s in text()) {
        if let Ok(secs) = parse_duration(&s) {
            // What is accepted prints back as something that parses to the same.
            prop_assert_eq!(parse_duration(&myolog::domain::format_duration(secs)), Ok(secs));
        } else {
            answers(parse_duration(&s))?;
        }
    }

    #[test]
    fn sites_reliefs_triggers_and_small_words_parse_anything(s in text()) {
        if let Ok(site) = SiteRef::parse(&s) {
            // A parsed site prints back as a spec that parses to the same site.
            prop_assert_eq!(SiteRef::parse(&site.to_string()), Ok(site));
        } else {
            answers(SiteRef::parse(&s))?;
        }
        answers(ReliefUse::parse(&s))?;
        answers(myolog::domain::episode::parse_trigger(&s))?;
        answers(Kind::parse(&s))?;
        answers(Side::parse(&s))?;
        answers(TestResult::parse(&s))?;
    }

    #[test]
    fn caffeine_parses_anything(s in text()) {
        answers(parse_caffeine(&s))?;
    }

    #[test]
    fn the_config_file_takes_anything(s in any::<String>()) {
        config_answers(&s)?;
    }

    #[test]
    fn the_config_file_takes_any_value_for_any_setting(
        section in prop_oneof![Just("patterns".to_string()), Just("keys".to_string()), Just("report".to_string()), "[a-z]{1,8}"],
        key in prop_oneof![setting_name(), "[a-z_]{1,12}"],
        value in toml_value(),
    ) {
        config_answers(&format!("[{section}]\n{key} = {value}\n"))?;
    }
}

fn config_answers(text: &str) -> Result<(), TestCaseError> {
    match Config::parse(text, None) {
        Err(e) => clear(&e.to_string()),
        Ok(config) => {
            if let Err(e) = Settings::from_config(&config) {
                clear(&e.to_string())?;
            }
            if let Err(e) = Keymap::from_config(&config) {
                clear(&e.to_string())?;
            }
            Ok(())
        }
    }
}

/// The names of every pattern setting and key binding.
fn setting_name() -> impl Strategy<Value = String> {
    let mut names: Vec<String> = Settings::default()
        .describe()
        .iter()
        .map(|s| s.key.to_string())
        .collect();
    // The key bindings' names, as the error for an unknown one lists them.
    let bad = Config::parse("[keys]\nno_such_binding = \"x\"\n", None).unwrap();
    let message = Keymap::from_config(&bad).unwrap_err().to_string();
    let listed = message.split("accepted: ").nth(1).unwrap_or_default();
    names.extend(listed.split(", ").map(|n| n.trim().to_string()));
    proptest::sample::select(names)
}

fn toml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|f| format!("{f:?}")),
        Just("nan".to_string()),
        Just("-inf".to_string()),
        any::<bool>().prop_map(|b| b.to_string()),
        any::<String>().prop_map(|s| format!("{:?}", s)),
        "[ -~]{0,8}".prop_map(|s| format!("[{:?}, {:?}]", s, s)),
        "[ -~]{0,12}",
    ]
}

/// Text of every troublesome kind, each one a field value.
fn hostile_texts() -> Vec<(&'static str, String)> {
    vec![
        ("emoji", "calf 🦵💥 knot 👍🏽 family 👨‍👩‍👧 flag 🇳🇱".into()),
        ("hebrew", "עווית בעפעף השמאלי אחרי קפה".into()),
        ("arabic", "تشنج في عضلة الساق ليلاً".into()),
        (
            "mixed direction",
            "left \u{202e} tfel \u{202c} and \u{200f} marks \u{200e} here".into(),
        ),
        ("combining", "Z̴̡̧͚͉̓a̶̛͓l̸̙͆g̵̰͌o̷͎̔ cafe\u{301} n\u{303}".into()),
        ("zero width", "a\u{200b}b\u{200c}c\u{200d}d\u{feff}e".into()),
        (
            "controls",
            "tab\there\u{1b}[31mred\u{1b}[0m bell\u{7} cr\rline\nnext".into(),
        ),
        ("cjk wide", "ふくらはぎがつった 小腿抽筋 종아리 경련".into()),
        ("astral", "𝕮𝖗𝖆𝖒𝖕 𐍈 🀄".into()),
        ("long word", "a".repeat(500)),
    ]
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn unicode_in_every_text_field_round_trips_through_the_command_line() {
    let env = Env::new();
    for (name, text) in hostile_texts() {
        let id = env.log(&["twitch", "--site", "eyelid:left", "--note", &text]);
        let listed = env.list(&[]);
        let e = common::find(&listed, &id);
        assert_eq!(e["note"].as_str(), Some(text.as_str()), "{name}");
        // The plain table stays one row per episode, whatever the note holds.
        let table = env.ok(&["list"]);
        assert_eq!(table.lines().count(), listed.len() + 1, "{name}: {table}");
        assert!(
            !table.chars().any(|c| c.is_control() && c != '\n'),
            "{name}: control characters reach the terminal: {table:?}"
        );

        let dose = format!("2 puffs {text}");
        let med = format!("med {name}");
        env.ok(&["med", "add", &med, "--class", "other", "--dose", &dose]);
        let meds: Vec<serde_json::Value> =
            serde_json::from_str(&env.ok(&["med", "list", "--json"])).unwrap();
        let m = meds.iter().find(|m| m["name"] == med.as_str()).unwrap();
        assert_eq!(m["dose"].as_str(), Some(dose.as_str()), "{name}");
    }
    // A check-in note, read back through the store.
    let (_, text) = &hostile_texts()[6];
    env.ok(&["checkin", "--sleep", "7", "--note", text]);
    let diary = Diary::open(&env.db, Access::Read, common::NOW.parse().unwrap()).unwrap();
    let checkin = diary
        .checkin(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
        .unwrap()
        .unwrap();
    assert_eq!(checkin.note.as_deref(), Some(text.as_str()));
}

#[test]
fn a_one_megabyte_note_round_trips_through_the_store_and_list_json() {
    let env = Env::new();
    env.log(&["twitch", "--site", "calf"]);
    let mut diary = Diary::open(&env.db, Access::Write, common::NOW.parse().unwrap()).unwrap();
    // A megabyte of mixed scripts, not just one repeated byte.
    let unit = "ripple under the skin 🦵 עווית Z̴a̶ 小腿 ";
    let big: String = unit.repeat((1 << 20) / unit.len() + 1);
    let mut e = Episode::new(
        Kind::Cramp,
        at("2026-11-25T03:10:00+01:00"),
        vec![SiteRef::parse("calf:left").unwrap()],
        common::NOW.parse().unwrap(),
    );
    e.note = Some(big.clone());
    e.triggers = vec!["exercise".into()];
    diary.add_episode(&e).unwrap();
    drop(diary);
    let listed = env.list(&[]);
    assert_eq!(
        common::find(&listed, &e.id.to_string())["note"].as_str(),
        Some(big.as_str())
    );
    // A note as long as one argument may be, on the command line.
    let arg: String = unit.repeat(100_000 / unit.len());
    let id = env.log(&["twitch", "--site", "thumb", "--note", &arg]);
    assert_eq!(
        common::find(&env.list(&[]), &id)["note"].as_str(),
        Some(arg.as_str())
    );
}

#[test]
fn the_ui_draws_hostile_text_without_panicking_or_breaking_its_layout() {
    let dir = tempfile::tempdir().unwrap();
    let mut diary = tui_common::empty_diary(dir.path());
    let now = tui_common::now();
    let mut texts = hostile_texts();
    texts.push(("huge", "ripple 🦵 עווית Z̴a̶ ".repeat(40_000)));
    for (i, (_, text)) in texts.iter().enumerate() {
        let mut e = Episode::new(
            if i % 2 == 0 {
                Kind::Twitch
            } else {
                Kind::Cramp
            },
            at(&format!(
                "2026-11-25T{:02}:{:02}:00+01:00",
                1 + i / 2,
                (i * 7) % 60
            )),
            vec![SiteRef::parse("calf:left").unwrap()],
            now,
        );
        e.note = Some(text.clone());
        if i % 3 == 0 {
            e.triggers = vec![format!("custom-{i}")];
        }
        diary.add_episode(&e).unwrap();
    }
    diary
        .save_checkin(
            &CheckIn {
                sleep_h: Some(6.0),
                note: Some(texts[0].1.clone()),
                ..CheckIn::empty(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap())
            },
            now,
        )
        .unwrap();
    diary
        .add_medication(&Medication {
            id: uuid::Uuid::new_v4(),
            name: texts[1].1.clone(),
            class: "other".into(),
            dose: Some(texts[5].1.clone()),
            start: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            stop: None,
            created: now,
            updated: now,
        })
        .unwrap();
    let count = diary.episodes(&EpisodeFilter::default()).unwrap().len();
    assert_eq!(count, texts.len());
    let mut app = tui_common::app(diary);

    for tab in ["1", "2", "3", "4", "5", "6", "7", "?"] {
        tui_common::press(&mut app, tab);
        for (w, h) in [(80, 24), (120, 40), (40, 12), (20, 6)] {
            let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
            terminal.draw(|f| app.draw(f)).unwrap();
            let buffer = terminal.backend().buffer();
            for cell in buffer.content() {
                assert!(
                    !cell.symbol().chars().any(|c| c.is_control()),
                    "tab {tab} at {w}x{h}: a control character reaches the terminal: {:?}",
                    cell.symbol()
                );
            }
            // Every row fits the screen: walking it symbol by symbol (a wide one covers the
            // cells after it) ends at its right edge, not past it.
            for y in 0..h {
                let mut x = 0;
                while x < w {
                    x += unicode_width(buffer[(x, y)].symbol()).max(1) as u16;
                }
                let row: String = (0..w).map(|x| buffer[(x, y)].symbol()).collect();
                assert_eq!(x, w, "tab {tab} at {w}x{h}: row {y} runs over: {row:?}");
            }
        }
        tui_common::press(&mut app, "esc");
    }
    // Opening the newest entry's edit form with its hostile note draws too.
    tui_common::press(&mut app, "2");
    tui_common::press(&mut app, "e");
    let screen = tui_common::screen(&app, 100, 30);
    assert!(!screen.chars().any(|c| c == '\u{1b}'), "{screen}");
    tui_common::press(&mut app, "esc");
}

/// Display width of one cell's symbol, as terminals count it.
fn unicode_width(s: &str) -> usize {
    ratatui::text::Span::raw(s).width()
}

/// A 90-day demo diary as a slice, made once.
fn demo_slice() -> &'static myolog::domain::DiarySlice {
    static SLICE: std::sync::OnceLock<myolog::domain::DiarySlice> = std::sync::OnceLock::new();
    SLICE.get_or_init(|| {
        let demo = myolog::demo::generate(90, 11, &clock());
        let mut episodes = demo.episodes;
        episodes.sort_by_key(|e| e.start);
        myolog::domain::DiarySlice {
            episodes,
            checkins: demo.checkins,
            medications: demo.medications,
            self_checks: demo.self_checks,
            experiments: demo.experiments,
        }
    })
}

/// Every setting at each extreme (zero, the largest of its type, NaN, infinities, tiny and
/// negative numbers) is refused with a clear line or evaluated without a panic.
#[test]
fn pattern_settings_at_their_extremes_never_panic() {
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let mut evaluated = 0;
    for setting in Settings::default().describe() {
        for value in [
            "0",
            "1",
            "255",
            "65535",
            "4294967295",
            "0.0",
            "-1.5",
            "1e308",
            "nan",
            "inf",
            "-inf",
            "0.999999",
            "1.0",
            "1e-300",
        ] {
            let text = format!("[patterns]\n{} = {value}\n", setting.key);
            let config = Config::parse(&text, None).unwrap();
            match Settings::from_config(&config) {
                Err(e) => clear(&e.to_string()).unwrap(),
                Ok(settings) => {
                    let findings = std::panic::catch_unwind(|| {
                        myolog::patterns::evaluate(demo_slice(), &settings, as_of)
                    })
                    .unwrap_or_else(|_| panic!("{} = {value} panics", setting.key));
                    assert!(serde_json::to_string(&findings).is_ok());
                    evaluated += 1;
                }
            }
        }
    }
    assert!(evaluated > 100, "only {evaluated} settings were accepted");
}

/// A real option of some command.
fn option() -> impl Strategy<Value = String> {
    proptest::sample::select(vec![
        "--at",
        "--duration",
        "--intensity",
        "--pain",
        "--trigger",
        "--relief",
        "--sore-days",
        "--note",
        "--date",
        "--sleep",
        "--caffeine",
        "--stress",
        "--water",
        "--alcohol",
        "--exercise",
        "--class",
        "--start",
        "--dose",
        "--on",
        "--heel-walk",
        "--jar",
        "--stairs",
        "--symptom",
        "--since",
        "--until",
        "--kind",
        "--as-of",
        "--site",
    ])
    .prop_map(str::to_string)
}

/// A word of a hostile command line: a real subcommand or option, or any text at all.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(vec![
            "log",
            "twitch",
            "cramp",
            "--site",
            "--at",
            "--duration",
            "--intensity",
            "--pain",
            "--visible",
            "--hardening",
            "--lost-motion",
            "--trigger",
            "--relief",
            "--sore-days",
            "--note",
            "checkin",
            "--date",
            "--sleep",
            "--caffeine",
            "--stress",
            "--water",
            "--alcohol",
            "--exercise",
            "--magnesium",
            "--stretched",
            "med",
            "add",
            "stop",
            "list",
            "--class",
            "--start",
            "--dose",
            "--on",
            "selfcheck",
            "--heel-walk",
            "--jar",
            "--stairs",
            "--symptom",
            "--since",
            "--until",
            "--kind",
            "--json",
            "edit",
            "delete",
            "undo",
            "patterns",
            "--as-of",
            "calf:left",
            "eyelid",
            "now",
            "-2h",
            "yesterday 23:10",
            "2026-02-30",
            "45s",
            "1h30m",
            "2coffee+tea",
            "ok",
            "fail",
            "--",
            "-",
            "",
            "3",
            "7",
            "0",
            "11",
            "stress",
            "stretch:helped",
            "thumb:right",
            "2026-11-20",
            "today",
            "other",
            "statin",
            "atrophy",
            "twitch",
            "6.5",
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().filter(|c| *c != '\0').take(40).collect()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(160))]

    /// Any command line: exit 0, 1 or 2 with at most one line of error, never a panic, and the
    /// diary whole afterwards.
    #[test]
    fn any_command_line_gets_an_answer_not_a_panic(
        command in proptest::sample::select(vec![
            "log twitch --site calf", "log cramp --site foot:right", "checkin", "med add pill",
            "selfcheck", "list", "patterns", "undo", "med stop pill", "med list", "list --json",
        ]),
        options in proptest::collection::vec((option(), word()), 0..4),
        raw in proptest::collection::vec(word(), 0..2),
    ) {
        static ENV: std::sync::OnceLock<Env> = std::sync::OnceLock::new();
        let env = ENV.get_or_init(|| {
            let env = Env::new();
            env.log(&["twitch", "--site", "eyelid:left"]);
            env
        });
        let mut args: Vec<&str> = command.split(' ').collect();
        for (option, value) in &options {
            args.push(option);
            args.push(value);
        }
        args.extend(raw.iter().map(String::as_str));
        let out = env.command().args(&args).stdin(std::process::Stdio::null()).output().unwrap();
        let err = common::stderr(&out);
        prop_assert!(!err.contains("panicked"), "{args:?}: {err}");
        let code = out.status.code();
        prop_assert!(matches!(code, Some(0..=2)), "{args:?}: exit {code:?}: {err}");
        if code != Some(0) {
            prop_assert!(err.lines().count() <= 1 || err.contains("Usage"), "{args:?}: {err}");
        }
        let check: String = common::sql(&env.db)
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .unwrap();
        prop_assert_eq!(check, "ok");
    }
}

/// Every troublesome text, and a megabyte-long note, through all six export formats: the data
/// formats carry it back exactly (JSON and CSV import it unchanged), the reports show it as text.
#[test]
fn hostile_text_and_a_huge_note_go_through_every_export() {
    let env = Env::new();
    let mut notes: Vec<String> = hostile_texts().into_iter().map(|(_, t)| t).collect();
    let unit = "ripple 🦵 עווית Z̴a̶ 小腿 <b>&amp;</b> \"q\", ";
    notes.push(unit.repeat((1 << 20) / unit.len() + 1));
    let mut diary = Diary::open(&env.db, Access::Write, common::NOW.parse().unwrap()).unwrap();
    for (i, note) in notes.iter().enumerate() {
        let mut e = Episode::new(
            Kind::Twitch,
            at(&format!("2026-11-{:02}T08:00:00Z", 10 + i)),
            vec![SiteRef::parse("calf:left").unwrap()],
            common::NOW.parse().unwrap(),
        );
        e.note = Some(note.clone());
        diary.add_episode(&e).unwrap();
    }
    drop(diary);
    let out = |name: &str| env.path(name).to_str().unwrap().to_string();
    for (format, file) in [
        ("json", "d.json"),
        ("csv", "episodes.csv"),
        ("fhir", "f.json"),
        ("md", "r.md"),
        ("html", "r.html"),
        ("pdf", "r.pdf"),
    ] {
        env.ok(&["export", "--format", format, "-o", &out(file)]);
        // The PDF's table cuts a note to what fits its column; the others keep it whole.
        if format != "pdf" {
            let len = std::fs::metadata(env.path(file)).unwrap().len();
            assert!(len > 1 << 20, "{format}: {len} bytes");
        }
    }
    // The data formats bring every note back exactly.
    for file in ["d.json", "episodes.csv"] {
        let other = Env::new();
        other.ok(&["import", &out(file)]);
        let mut back: Vec<String> = other
            .list(&[])
            .iter()
            .map(|e| e["note"].as_str().unwrap().to_string())
            .collect();
        back.sort();
        let mut want = notes.clone();
        want.sort();
        assert_eq!(back, want, "{file}");
    }
    // The reports hold the user's text as text: no tag from a note reaches the HTML.
    let html = std::fs::read_to_string(env.path("r.html")).unwrap();
    assert!(
        !html.contains("<b>&amp;</b>"),
        "a note's markup reached the HTML"
    );
    assert!(html.contains("&lt;b&gt;"), "the note is shown, escaped");
    let md = std::fs::read_to_string(env.path("r.md")).unwrap();
    assert!(
        md.contains("עווית"),
        "right-to-left text is kept in Markdown"
    );
    assert!(
        std::fs::read(env.path("r.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
}
