//! The store's path for the pattern engine (the per-day summary of the whole diary and only the
//! episodes the evidence names, as `patterns`, the Patterns screen and the report read it) gives
//! the very findings that evaluating every episode in memory gives, for the whole diary and
//! for periods, on a diary large enough for the whole-table path of the full load.

use crate::support::tui as tui_common;

use chrono::Days;
use myolog::patterns::{self, Settings};
use tui_common::*;

#[test]
fn the_summary_path_gives_the_findings_of_every_episode() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let written = myolog::demo::generate(400, 5, &clock())
        .write(&mut d, now())
        .unwrap();
    assert!(written.episodes > 5_000, "{}", written.episodes);
    let settings = Settings::default();
    let mut flags_seen = 0;
    for back in [0, 120, 400] {
        let as_of = clock().today() - Days::new(back);
        let every = d.load(None, Some(as_of)).unwrap();
        let whole = d.summary_slice(None, Some(as_of)).unwrap();
        for since in [None, Some(60), Some(365)].map(|days| days.map(|n| as_of - Days::new(n))) {
            let in_memory = patterns::evaluate_period(&every, &settings, since, as_of);
            let stored =
                patterns::evaluate_summary_period(&whole, &settings, since, as_of, |wanted| {
                    d.lean_episodes(wanted)
                })
                .unwrap();
            assert_eq!(in_memory, stored, "from {since:?} to {as_of}");
            flags_seen += stored.flags.len();
        }
    }
    // The demo meets several rules: the comparison is of flags, not of empty lists.
    assert!(flags_seen > 10, "{flags_seen}");
}
