//! The words every view of the findings shares (the text report, the terminal screen), so a
//! flag or a factor row reads the same wherever it is shown.

use super::{FactorRow, Findings, Flag, Level, Occurrence, Outcome, RuleId};

/// What is said when no rule fired; never more reassurance than this.
pub const NO_FLAGS: &str = "Nothing here meets a see-a-doctor threshold.";

/// What is said when only notices fired.
pub const ONLY_NOTICES: &str = "Nothing here meets a see-a-doctor threshold; the notices below are worth watching and mentioning at your next visit.";

/// The plain line above the flags: `NO_FLAGS`, `ONLY_NOTICES`, or nothing when a flag above
/// notice level fired (the flags speak for themselves).
pub fn flags_summary(findings: &Findings) -> Option<&'static str> {
    match findings.worst_level() {
        None => Some(NO_FLAGS),
        Some(Level::Notice) => Some(ONLY_NOTICES),
        Some(_) => None,
    }
}

/// "!!! URGENT (seek prompt medical review)": the level as a symbol and in words.
pub fn level_heading(level: Level) -> String {
    format!(
        "{} {} ({})",
        level.symbol(),
        level.label().to_uppercase(),
        level.meaning()
    )
}

/// What is shown beside a flag: "active" or "last seen 2026-02-03" (DOMAIN.md section 4).
pub fn activity(flag: &Flag) -> String {
    if flag.active {
        "active".to_string()
    } else {
        format!("last seen {}", flag.last_seen)
    }
}

/// The public guidance a rule comes from, by name, as its guidance text cites it: "NHS, \"Leg
/// cramps\"", "NICE NG42; MND Association red-flag tool".
pub fn source(rule: RuleId) -> &'static str {
    match rule {
        RuleId::TwitchPersistent | RuleId::TwitchWidespread | RuleId::TwitchMultiplePlaces => {
            "NHS, \"Twitching eyes and muscles\""
        }
        RuleId::RedFlagWeakness => {
            "NICE NG42; MND Association red-flag tool; NHS, \"Twitching eyes and muscles\""
        }
        RuleId::RedFlagAtrophy
        | RuleId::RedFlagBulbar
        | RuleId::RedFlagFootDrop
        | RuleId::RedFlagBreathing => "NICE NG42; MND Association red-flag tool",
        RuleId::SensorySymptoms | RuleId::CrampOver10Min | RuleId::CrampSoreForDays => {
            "NHS, \"Leg cramps\""
        }
        RuleId::NocturnalCrampsFrequent => {
            "NICE CKS, leg cramps; NHS, \"Leg cramps\"; Hallegraeff 2012"
        }
        RuleId::MedicationOnset => "NHS, \"Twitching eyes and muscles\"; Garrison 2012",
    }
}

/// A flag in one line, as the report heads it: the level in capitals with what it asks while
/// the flag is active ("URGENT (seek prompt medical review): A muscle looks smaller or wasted —
/// active"), and marked as past with the level it reached when it is not ("Past (see a doctor
/// when met): A cramp lasting more than 10 minutes — last seen 2025-04-10"), so an old one-off
/// never reads as something to act on today. With `period_end` (a report whose period ends
/// before the day it is made), an active flag is "active on 2026-10-31, the end of the period".
pub fn flag_heading(flag: &Flag, period_end: Option<&str>) -> String {
    if flag.active {
        format!(
            "{} ({}): {} — {}",
            flag.level.label().to_uppercase(),
            flag.level.meaning(),
            flag.title,
            period_end.map_or_else(
                || activity(flag),
                |end| format!("active on {end}, the end of the period")
            )
        )
    } else {
        format!(
            "Past ({} when met): {} — {}",
            flag.level.label(),
            flag.title,
            activity(flag)
        )
    }
}

/// "first met 2026-01-02; met 3 times", "first met 2026-01-02" when met once, or for a
/// period's flag met before it too "first met 2026-01-02; met 2 times in this period, 5 before".
pub fn first_met(flag: &Flag) -> String {
    match times_met(flag) {
        Some(times) => format!("first met {}; {times}", flag.first_met),
        None => format!("first met {}", flag.first_met),
    }
}

/// "met 3 times", "met once in this period, 5 times before", or `None` for a flag met once.
fn times_met(flag: &Flag) -> Option<String> {
    let times = flag.evidence.occurrences.len() as u32;
    let before = flag.evidence.met_before_period;
    let count = |n: u32| match n {
        1 => "once".to_string(),
        n => format!("{n} times"),
    };
    match (times, before) {
        (_, 0) if times > 1 => Some(format!("met {times} times")),
        (_, 0) => None,
        (times, before) => Some(format!(
            "met {} in this period, {} before",
            count(times),
            count(before)
        )),
    }
}

/// "active; first met 2026-01-02; last seen 2026-02-03; met 3 times", or for a flag no longer
/// active "last seen 2026-02-03, not active now; first met 2026-01-02".
pub fn flag_status(flag: &Flag) -> String {
    let mut status = if flag.active {
        vec![
            "active".to_string(),
            format!("first met {}", flag.first_met),
            format!("last seen {}", flag.last_seen),
        ]
    } else {
        vec![
            format!("last seen {}, not active now", flag.last_seen),
            format!("first met {}", flag.first_met),
        ]
    };
    status.extend(times_met(flag));
    status.join("; ")
}

/// One line for an occurrence: "2026-01-05 to 2026-01-20, see a doctor, met 2026-01-19: ...".
pub fn occurrence_line(o: &Occurrence) -> String {
    let dates = if o.first == o.last {
        o.first.to_string()
    } else {
        format!("{} to {}", o.first, o.last)
    };
    format!(
        "{dates}, {}{}: {}",
        o.level.label(),
        if o.active { ", active" } else { "" },
        o.detail
    )
}

/// The first 8 characters of each entry id behind a flag.
pub fn short_ids(flag: &Flag) -> Vec<String> {
    flag.evidence
        .episode_ids
        .iter()
        .map(|id| id.to_string()[..8].to_string())
        .collect()
}

/// The first `max` items, then how many more.
pub fn listed<T: ToString>(items: &[T], max: usize) -> String {
    let mut shown: Vec<String> = items.iter().take(max).map(T::to_string).collect();
    if items.len() > max {
        shown.push(format!("and {} more", items.len() - max));
    }
    shown.join(", ")
}

/// "3/10 30%" (or "0/0" with no days), for a table's cell.
pub fn proportion(part: u32, whole: u32) -> String {
    part_of(part, whole, false)
}

/// "3/10 (30%)" (or "0/0" with no days), for a sentence.
pub fn proportion_in_words(part: u32, whole: u32) -> String {
    part_of(part, whole, true)
}

/// `part`/`whole` and its percentage, in brackets or not; no percentage of no days.
fn part_of(part: u32, whole: u32, in_brackets: bool) -> String {
    let fraction = format!("{part}/{whole}");
    if whole == 0 {
        return fraction;
    }
    let percent = f64::from(part) / f64::from(whole) * 100.0;
    if in_brackets {
        format!("{fraction} ({percent:.0}%)")
    } else {
        format!("{fraction} {percent:.0}%")
    }
}

/// Words for an outcome id (the id itself when unknown).
pub fn outcome_label(id: &str) -> &str {
    let known = [
        Outcome::TwitchDay,
        Outcome::CrampDay,
        Outcome::NocturnalCrampNight,
    ]
    .into_iter()
    .find(|o| o.as_str() == id);
    match known {
        Some(o) => o.label(),
        None => id,
    }
}

/// A factor row's ratio, interval and what they say, as text: ("1.52", "1.10-2.10",
/// "above 1: more likely when exposed"); without enough data, empty ratio and interval and
/// "not enough data yet".
pub fn factor_reading(r: &FactorRow) -> (String, String, &'static str) {
    match (r.enough_data, r.ratio, r.ci_low, r.ci_high) {
        (true, Some(ratio), Some(low), Some(high)) => (
            format!("{ratio:.2}"),
            format!("{low:.2}-{high:.2}"),
            if low > 1.0 {
                "above 1: more likely when exposed"
            } else if high < 1.0 {
                "below 1: less likely when exposed"
            } else {
                "spans 1: no clear difference"
            },
        ),
        (true, ..) => ("-".into(), "-".into(), "no ratio for these counts"),
        _ => (String::new(), String::new(), NOT_ENOUGH_DATA),
    }
}

/// What a factor row without enough days says.
pub const NOT_ENOUGH_DATA: &str = "not enough data yet";

/// The note under every factor comparison.
pub fn association_note(enough_data_days: u32) -> String {
    format!(
        "These are associations in your own diary, not proof of cause. A row needs at least \
         {enough_data_days} exposed and {enough_data_days} unexposed days; a check-in field \
         left unknown is left out, never taken as zero."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_rule_names_the_sources_its_guidance_cites() {
        for rule in RuleId::ALL {
            for part in source(rule).split("; ") {
                assert!(
                    rule.guidance().contains(part),
                    "{rule}: {part:?} is not in its guidance"
                );
            }
        }
    }

    #[test]
    fn a_proportion_is_bare_in_a_cell_and_bracketed_in_words() {
        assert_eq!(proportion(3, 10), "3/10 30%");
        assert_eq!(proportion_in_words(3, 12), "3/12 (25%)");
        assert_eq!(proportion(0, 0), "0/0");
        assert_eq!(proportion_in_words(0, 0), "0/0");
    }
}
