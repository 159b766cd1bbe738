//! Tallies of the suspected triggers tagged on episodes. A tally is not evidence (most tagged
//! triggers turn out to be noise); it is shown apart from the factor comparison.

use std::collections::HashMap;

use foldhash::fast::FixedState;

use serde::Serialize;

use super::calendar::Calendar;
use crate::catalog::catalog;

/// How often one trigger was tagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// The trigger id (a catalogue id or a custom name).
    pub trigger: String,
    /// Not in the catalogue: a name the user made up.
    pub custom: bool,
    /// Episodes tagged with it.
    pub episodes: u32,
    pub twitches: u32,
    pub cramps: u32,
}

/// Every tagged trigger, most often tagged first, then by id.
pub fn tallies(cal: &Calendar) -> Vec<Tally> {
    let mut counts: HashMap<&str, (u32, u32), FixedState> = HashMap::default();
    for t in &cal.triggers {
        let c = counts.entry(t.trigger.as_str()).or_default();
        c.0 += t.twitches;
        c.1 += t.cramps;
    }
    let mut tallies: Vec<Tally> = counts
        .into_iter()
        .map(|(trigger, (twitches, cramps))| Tally {
            trigger: trigger.to_string(),
            custom: catalog().trigger(trigger).is_none(),
            episodes: twitches + cramps,
            twitches,
            cramps,
        })
        .collect();
    tallies.sort_by(|a, b| {
        b.episodes
            .cmp(&a.episodes)
            .then_with(|| a.trigger.cmp(&b.trigger))
    });
    tallies
}
