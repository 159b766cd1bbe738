//! The lean load for the pattern engine (`Diary::load_for_patterns`) gives the very findings
//! the full load does, on a diary large enough for the whole-table path, and on short periods
//! (the index path).

use crate::support::tui as tui_common;

use chrono::Days;
use myolog::patterns::{self, Settings};
use tui_common::*;

#[test]
fn the_lean_load_gives_the_same_findings() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = empty_diary(dir.path());
    let written = myolog::demo::generate(400, 5, &clock())
        .write(&mut d, now())
        .unwrap();
    // Thousands of episodes: the whole diary is read by a table scan, a period through the
    // index, on both loads.
    assert!(written.episodes > 5_000, "{}", written.episodes);
    let settings = Settings::default();
    let periods = [0, 120, 400].into_iter().flat_map(|back| {
        let as_of = clock().today() - Days::new(back);
        [None, Some(60), Some(365)].map(|days| (days.map(|n| as_of - Days::new(n)), as_of))
    });
    for (since, as_of) in periods {
        let full = d.load(since, Some(as_of)).unwrap();
        let lean = d.load_for_patterns(since, Some(as_of)).unwrap();
        let what = |s: &myolog::domain::DiarySlice| {
            s.episodes
                .iter()
                .map(|e| {
                    (
                        e.id,
                        e.start,
                        e.sites.clone(),
                        e.triggers.clone(),
                        e.duration_s,
                    )
                })
                .collect::<Vec<_>>()
        };
        let (f, l) = (what(&full), what(&lean));
        assert_eq!(f.len(), l.len(), "from {since:?} to {as_of}");
        if let Some(i) = (0..f.len()).find(|&i| f[i] != l[i]) {
            panic!("from {since:?} to {as_of}, #{i}: {:?} != {:?}", f[i], l[i]);
        }
        assert_eq!(full.episodes.len(), lean.episodes.len());
        assert_eq!(
            patterns::evaluate(&full, &settings, as_of),
            patterns::evaluate(&lean, &settings, as_of),
            "from {since:?} to {as_of}"
        );
    }
}
