//! The lean load for the pattern engine (`Diary::load_for_patterns`) gives the very findings
//! the full load does, on a diary large enough for the whole-table path.

mod tui_common;

use chrono::Days;
use myolog::patterns::{self, Settings};
use tui_common::*;

#[test]
fn the_lean_load_gives_the_same_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let written = myolog::demo::generate(800, 5, &clock())
        .write(&mut d, now())
        .unwrap();
    // Over 20,000 episodes: both loads take the table-scan path.
    assert!(written.episodes > 20_000, "{}", written.episodes);
    let settings = Settings::default();
    for back in [0, 120, 400] {
        let as_of = clock().today() - Days::new(back);
        let full = d.load(None, Some(as_of)).unwrap();
        let lean = d.load_for_patterns(None, Some(as_of)).unwrap();
        assert_eq!(full.episodes.len(), lean.episodes.len());
        assert_eq!(
            patterns::evaluate(&full, &settings, as_of),
            patterns::evaluate(&lean, &settings, as_of),
            "as of {as_of}"
        );
    }
}
