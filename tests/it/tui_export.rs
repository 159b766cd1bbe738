//! The Export screen (tab 5): choosing a period and any of the six formats, and Enter writing
//! the dated export, owner-only, into the output folder (a temp folder here, never the
//! repository), with the same names as `myolog export` without `-o`.

use crate::support::tui as tui_common;

use std::path::{Path, PathBuf};

use myolog::tui::{App, Tab};
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use tui_common::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn export_app(dir: &Path, out: &Path) -> App {
    app(small_diary(dir)).with_export_dir(out)
}

/// An empty output folder whose name, given relative to the package (the tests' current
/// folder), is the same on every machine, so the paths on screen can be snapshotted.
fn fixed_out(name: &str) -> PathBuf {
    let out = Path::new("target/tui-export").join(name);
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    out
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file under `dir`, relative to it, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                found.push(rel.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    found
}

#[test]
fn export_screen_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    // A fixed folder name for the picture; nothing is written in this test.
    let mut a = export_app(dir.path(), Path::new("/home/me/reports"));
    keys(&mut a, "5 right down down");
    assert_eq!(a.tab(), Tab::Export);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_choose_{w}x{h}"), screen(&a, w, h));
    }
    // CSV says it makes a folder of five files.
    keys(&mut a, "down");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_choose_csv_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn enter_writes_each_of_the_six_formats_into_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut a = export_app(dir.path(), out.path());
    // 90 days; Home goes to the first format, then Down walks through all six.
    keys(&mut a, "5 right g");
    let expected: [&[&str]; 6] = [
        &["myolog-report-2026-11-25.md"],
        &["myolog-report-2026-11-25.html"],
        &["myolog-report-2026-11-25.pdf"],
        &[
            "myolog-csv-2026-11-25/episodes.csv",
            "myolog-csv-2026-11-25/checkins.csv",
            "myolog-csv-2026-11-25/experiments.csv",
            "myolog-csv-2026-11-25/medications.csv",
            "myolog-csv-2026-11-25/self_checks.csv",
        ],
        &["myolog-2026-11-25.json"],
        &["myolog-fhir-2026-11-25.json"],
    ];
    let mut all: Vec<String> = Vec::new();
    for (i, names) in expected.iter().enumerate() {
        if i > 0 {
            press(&mut a, "down");
        }
        press(&mut a, "enter");
        let shown = screen(&a, 120, 40);
        for name in *names {
            let path = out.path().join(name);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{name}: {e}\n{shown}"));
            assert!(!bytes.is_empty(), "{name} is empty");
            #[cfg(unix)]
            assert_eq!(mode(&path), 0o600, "{name}");
            assert!(
                shown.contains(&path.display().to_string()),
                "every path written is shown in full: {name}\n{shown}"
            );
            all.push((*name).to_string());
        }
        all.sort();
        assert_eq!(
            files_under(out.path()),
            all,
            "only the files of this format"
        );
    }
    #[cfg(unix)]
    assert_eq!(
        mode(&out.path().join("myolog-csv-2026-11-25")),
        0o700,
        "the CSV folder is private too"
    );

    let read = |name: &str| std::fs::read_to_string(out.path().join(name)).unwrap();
    let html = read("myolog-report-2026-11-25.html");
    // The last 90 days of a diary begun on 2026-11-15: counted from its first entry.
    assert!(
        html.contains(r#"<span class="date">2026-11-15</span> (the first entry; the diary does not reach back to the <span class="date">2026-08-28</span> asked for) to <span class="date">2026-11-25</span> (11 days)"#),
        "{html}"
    );
    assert!(html.contains("after the third coffee"));
    assert!(
        std::fs::read(out.path().join("myolog-report-2026-11-25.pdf"))
            .unwrap()
            .starts_with(b"%PDF-")
    );
    let episodes = read("myolog-csv-2026-11-25/episodes.csv");
    assert_eq!(
        episodes.lines().count(),
        1 + 7,
        "a header and seven episodes"
    );
    let json: serde_json::Value = serde_json::from_str(&read("myolog-2026-11-25.json")).unwrap();
    assert_eq!(json["period"]["since"], "2026-08-28");
    assert_eq!(json["period"]["until"], "2026-11-25");
    let fhir: serde_json::Value =
        serde_json::from_str(&read("myolog-fhir-2026-11-25.json")).unwrap();
    assert_eq!(fhir["resourceType"], "Bundle");
}

#[test]
fn a_second_enter_on_an_existing_name_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = fixed_out("exists");
    let mut a = export_app(dir.path(), &out);
    keys(&mut a, "5 down enter");
    let path = out.join("myolog-report-2026-11-25.html");
    let first = std::fs::read(&path).unwrap();

    std::fs::write(&path, "mine").unwrap();
    press(&mut a, "enter");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    let shown = screen(&a, 120, 40);
    assert!(
        shown.contains("already exists and was left as it is"),
        "{shown}"
    );
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_exists_{w}x{h}"), screen(&a, w, h));
    }

    // r replaces only what was refused, and only right after the refusal.
    press(&mut a, "r");
    assert_eq!(std::fs::read(&path).unwrap(), first);
    #[cfg(unix)]
    assert_eq!(mode(&path), 0o600);
    assert!(screen(&a, 120, 40).contains(&format!("Wrote {}", path.display())));
    std::fs::write(&path, "mine again").unwrap();
    press(&mut a, "r");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine again");

    // CSV: one table in the way refuses all five, and writes none of them.
    let folder = out.join("myolog-csv-2026-11-25");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("medications.csv"), "mine").unwrap();
    keys(&mut a, "down down enter");
    assert_eq!(files_under(&folder), ["medications.csv"]);
    assert!(screen(&a, 120, 40).contains("medications.csv already exists"));
}

#[test]
fn the_screen_says_it_is_writing_before_the_work_starts() {
    let dir = tempfile::tempdir().unwrap();
    let out = fixed_out("writing");
    let mut a = export_app(dir.path(), &out);
    // All entries as PDF, the slowest export of a long diary.
    keys(&mut a, "5 left down down");
    a.handle(Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    let shown = screen(&a, 80, 24);
    assert!(
        shown.contains("Writing myolog-report-2026-11-25.pdf"),
        "{shown}"
    );
    assert!(files_under(&out).is_empty(), "not written yet");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_writing_{w}x{h}"), screen(&a, w, h));
    }
    assert!(a.run_pending());
    assert!(!a.run_pending(), "once");
    assert_eq!(files_under(&out), ["myolog-report-2026-11-25.pdf"]);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_written_{w}x{h}"), screen(&a, w, h));
    }
    // CSV lists its five files.
    keys(&mut a, "down enter");
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_written_csv_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn the_run_loop_draws_the_writing_frame_then_writes() {
    use std::sync::atomic::AtomicBool;
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut a = export_app(dir.path(), out.path());
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    let key = |code| Some(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    let mut script: std::collections::VecDeque<Option<Event>> = [
        key(KeyCode::Char('5')),
        key(KeyCode::Down),
        key(KeyCode::Down),
        key(KeyCode::Down),
        key(KeyCode::Enter),
        key(KeyCode::Char('q')),
    ]
    .into();
    let folder: PathBuf = out.path().join("myolog-csv-2026-11-25");
    myolog::tui::event_loop(
        &mut terminal,
        &mut a,
        &AtomicBool::new(false),
        || {
            if script.len() == 1 {
                // The loop asks for the next key only once the export is written.
                assert_eq!(files_under(&folder).len(), 5);
            }
            Ok(script.pop_front().expect("the loop stops at q"))
        },
        |_| {},
    )
    .unwrap();
    let last = terminal.backend().to_string();
    assert!(last.contains("Wrote 5 files"), "{last}");
}

#[test]
fn help_lists_the_export_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = export_app(dir.path(), Path::new("/home/me/reports"));
    keys(&mut a, "5 ?");
    for (w, h) in SIZES {
        let shown = screen(&a, w, h);
        for line in [
            "In Export",
            "previous format",
            "next format",
            "write the export",
            "Left / h",
            "Right / l",
            "replace a refused file",
        ] {
            assert!(shown.contains(line), "{line} at {w}x{h}:\n{shown}");
        }
        insta::assert_snapshot!(format!("export_help_{w}x{h}"), shown);
    }
}
