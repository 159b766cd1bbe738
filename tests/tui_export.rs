//! The Export screen (tab 5): choosing a period and a format, and Enter writing the dated
//! report, owner-only, into the output folder (a temp folder here, never the repository).

mod tui_common;

use myolog::tui::{App, Tab};
use tui_common::*;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn export_app(dir: &std::path::Path, out: &std::path::Path) -> App {
    app(small_diary(dir)).with_export_dir(out)
}

#[test]
fn export_screen_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    // A fixed folder name for the picture; nothing is written in this test.
    let mut a = export_app(dir.path(), std::path::Path::new("/home/me/reports"));
    keys(&mut a, "5 right down down");
    assert_eq!(a.tab(), Tab::Export);
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("export_choose_{w}x{h}"), screen(&a, w, h));
    }
}

#[test]
fn enter_writes_the_dated_report_into_the_output_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let mut a = export_app(dir.path(), out.path());
    // 90 days, HTML.
    keys(&mut a, "5 right down enter");
    let path = out.path().join("myolog-report-2026-11-25.html");
    let html = std::fs::read_to_string(&path).expect("the report was written");
    assert!(html.contains("2026-08-28 to 2026-11-25 (90 days)"));
    assert!(html.contains("after the third coffee"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let shown = screen(&a, 120, 40);
    assert!(
        shown.contains(&format!("Wrote {}", path.display())),
        "the full path is shown:\n{shown}"
    );

    // Again: the file is there, so nothing is overwritten and the screen says why.
    std::fs::write(&path, "mine").unwrap();
    press(&mut a, "enter");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert!(screen(&a, 120, 40).contains("already exists and was left as it is"));

    // Markdown and PDF for all entries.
    keys(&mut a, "right right up enter");
    let md = std::fs::read_to_string(out.path().join("myolog-report-2026-11-25.md")).unwrap();
    assert!(
        md.contains("2026-11-15 (the first entry) to 2026-11-25"),
        "{md}"
    );
    keys(&mut a, "down down enter");
    let pdf = std::fs::read(out.path().join("myolog-report-2026-11-25.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));

    // The data formats point to the command line and write nothing.
    keys(&mut a, "down enter");
    assert!(screen(&a, 120, 40).contains("CSV is made on the command line"));
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 3);
}
