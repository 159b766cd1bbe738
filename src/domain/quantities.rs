//! The check-in's quantities read the way people write them (DOMAIN.md section 6): sleep
//! `7.5`, `7h30`, `7:30`; exercise `45`, `1h`, `1h15m`; water `1.2`, `1.2l`, `1500ml`; caffeine
//! `250`, `250mg`, `2coffee+tea`, `2 coffees`. One parser per quantity: the command line's
//! value parsers and the check-in form both call these, so the two always agree.

use super::records::{CAFFEINE_MAX_MG, EXERCISE_MAX_MIN, SLEEP_MAX_H, WATER_MAX_L};
use crate::catalog::catalog;

/// What `--sleep` and the Sleep field accept.
pub const SLEEP_FORMS: &str = "hours as 7.5, 7h30 or 7:30, from 0 to 24";
/// What `--exercise` and the Exercise field accept.
pub const EXERCISE_FORMS: &str = "minutes as 45, or 1h, 1h15m, 1:15; from 0 to 1440 minutes";
/// What `--water` and the Water field accept.
pub const WATER_FORMS: &str = "litres as 1.2 or 1.2l, or millilitres as 1500ml; up to 20 litres";

/// A whole number read as a `T`, refused with `accepted` ("intensity from 1 to 5") when it is
/// none: a whole number that is not a `T` (`-1` for a count) is said to be out of range, not
/// "not a whole number". The command line, the forms and the CSV import read them all here.
pub fn whole_number<T: std::str::FromStr>(input: &str, accepted: &str) -> Result<T, String> {
    let s = input.trim();
    s.parse().map_err(|_| {
        if s.parse::<i128>().is_ok() {
            format!("{s} is out of range; accepted: {accepted}")
        } else {
            format!("'{s}' is not a whole number; accepted: {accepted}")
        }
    })
}

/// The refusal of `input` that does not read as `what` ("a length of sleep").
fn not_a(input: &str, what: &str, forms: &str) -> String {
    format!("'{}' is not {what}; accepted: {forms}", input.trim())
}

/// Hours slept: a number of hours (`7.5`, `7.5h`), hours and minutes (`7h30`, `7h30m`,
/// `7 h 30`, `7:30`) or minutes alone (`450m`). Minutes make a fraction of an hour rounded to
/// the hundredth (`7h20` is 7.33).
pub fn parse_sleep(input: &str) -> Result<f64, String> {
    let bad = || not_a(input, "a length of sleep", SLEEP_FORMS);
    let time = read_time(input, Unit::Hours).ok_or_else(bad)?;
    let hours = if time.minutes == 0.0 {
        time.hours
    } else {
        time.hours + (time.minutes / 60.0 * 100.0).round() / 100.0
    };
    if !(0.0..=SLEEP_MAX_H).contains(&hours) {
        return Err(format!(
            "{} is out of range; accepted: {SLEEP_FORMS}",
            shown_hours(hours)
        ));
    }
    Ok(hours)
}

/// Minutes of exercise: minutes (`45`, `45m`, `45 min`), hours (`1h`, `1.5h`), hours and
/// minutes (`1h15m`, `1h15`, `1:15`). A fraction of a minute is refused.
pub fn parse_exercise(input: &str) -> Result<u32, String> {
    let bad = || not_a(input, "a time of exercise", EXERCISE_FORMS);
    let time = read_time(input, Unit::Minutes).ok_or_else(bad)?;
    let minutes = time.hours * 60.0 + time.minutes;
    // 0.1h is 6 minutes, though 0.1 * 60 is not quite 6 in binary.
    let rounded = minutes.round();
    if (minutes - rounded).abs() > 1e-9 {
        return Err(bad());
    }
    let minutes = rounded;
    if minutes > f64::from(EXERCISE_MAX_MIN) {
        return Err(format!(
            "{minutes} minutes is out of range; accepted: {EXERCISE_FORMS}"
        ));
    }
    Ok(minutes as u32)
}

/// Water drunk, in litres: litres (`1.2`, `1.2l`, `1.2 litres`), millilitres (`1500ml`) or
/// centilitres (`33cl`).
pub fn parse_water(input: &str) -> Result<f64, String> {
    let text = squeeze(input);
    let bad = || not_a(input, "an amount of water", WATER_FORMS);
    let (number, unit) = split_number(&text).ok_or_else(bad)?;
    let per_litre = match unit {
        "" | "l" | "litre" | "litres" | "liter" | "liters" => 1.0,
        "cl" => 100.0,
        "ml" => 1000.0,
        _ => return Err(bad()),
    };
    let litres = number / per_litre;
    if !(0.0..=WATER_MAX_L).contains(&litres) {
        return Err(format!(
            "{litres} litres is out of range; accepted: {WATER_FORMS}"
        ));
    }
    Ok(litres)
}

/// Caffeine as mg (`250`, `250mg`, `250 mg`) or as servings of the catalogue, counted and
/// added up: `coffee`, `2coffee`, `2 coffees`, `2x coffee + tea`, `espresso, cola`.
pub fn parse_caffeine(input: &str) -> Result<u32, String> {
    let servings: Vec<&str> = catalog().caffeine.iter().map(|c| c.id.as_str()).collect();
    let bad = |part: &str| {
        format!(
            "'{part}' is not an amount of caffeine; accepted: mg (250) or servings like 2coffee+tea or 2 coffees, from: {}",
            servings.join(", ")
        )
    };
    let mut total: u32 = 0;
    for part in input.split(['+', ',']) {
        let part = part.trim().to_lowercase();
        if part.is_empty() {
            return Err(bad(input.trim()));
        }
        let digits = part.chars().take_while(|c| c.is_ascii_digit()).count();
        let (count, rest) = part.split_at(digits);
        let rest = rest.trim_start_matches(['x', '*', ' ']).trim();
        let mg = if rest.is_empty() || rest == "mg" {
            count.parse::<u32>().map_err(|_| bad(&part))?
        } else {
            let mg = serving_mg(rest).ok_or_else(|| bad(&part))?;
            let n = if count.is_empty() {
                1
            } else {
                count.parse::<u32>().map_err(|_| bad(&part))?
            };
            n.saturating_mul(mg)
        };
        total = total.saturating_add(mg);
    }
    if total > CAFFEINE_MAX_MG {
        return Err(format!(
            "{total} mg is out of range; accepted: 0 to {CAFFEINE_MAX_MG} mg"
        ));
    }
    Ok(total)
}

/// The caffeine of one serving named as people write it: `coffee`, `coffees`, `energy drink`,
/// `energy-drinks`.
fn serving_mg(name: &str) -> Option<u32> {
    let id = name.split_whitespace().collect::<Vec<_>>().join("-");
    let singular = [
        id.as_str(),
        id.strip_suffix('s').unwrap_or(""),
        id.strip_suffix("es").unwrap_or(""),
    ];
    singular
        .iter()
        .filter(|s| !s.is_empty())
        .find_map(|s| catalog().caffeine_serving(s))
        .map(|s| s.mg)
}

/// The unit a bare number is in.
#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Hours,
    Minutes,
}

/// A time as written: hours and minutes, each as given (`7.5` hours, `7` hours and `30`
/// minutes, `450` minutes).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Time {
    hours: f64,
    minutes: f64,
}

const HOUR_UNITS: [&str; 5] = ["hours", "hour", "hrs", "hr", "h"];
const MINUTE_UNITS: [&str; 5] = ["minutes", "minute", "mins", "min", "m"];

/// A time written as hours and minutes: `7.5` (in `bare` units), `7h`, `7h30`, `7h30m`,
/// `1h 15 min`, `45m`, `7:30`. `None` when it is not one, or is negative.
fn read_time(input: &str, bare: Unit) -> Option<Time> {
    let text = squeeze(input);
    let time = |hours: f64, minutes: f64| Some(Time { hours, minutes });
    if let Some((h, m)) = text.split_once(':') {
        let hours: u32 = digits(h)?.parse().ok()?;
        if m.len() != 2 {
            return None;
        }
        let minutes: u32 = digits(m)?.parse().ok()?;
        return if minutes < 60 {
            time(f64::from(hours), f64::from(minutes))
        } else {
            None
        };
    }
    let (number, unit) = split_number(&text)?;
    if unit.is_empty() {
        return match bare {
            Unit::Hours => time(number, 0.0),
            Unit::Minutes => time(0.0, number),
        };
    }
    if MINUTE_UNITS.contains(&unit) {
        return time(0.0, number);
    }
    // Hours, then perhaps minutes: 7h, 7h30, 7h30m, 1hr15min.
    let after = HOUR_UNITS.iter().find_map(|h| unit.strip_prefix(h))?;
    if after.is_empty() {
        return time(number, 0.0);
    }
    let (minutes, unit) = split_number(after)?;
    let whole = number.fract() == 0.0 && minutes.fract() == 0.0;
    if whole && minutes < 60.0 && (unit.is_empty() || MINUTE_UNITS.contains(&unit)) {
        time(number, minutes)
    } else {
        None
    }
}

/// Lowercase, without spaces: `1h 15 min` reads as `1h15min`.
fn squeeze(input: &str) -> String {
    input
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// `s` when it is all ASCII digits (at least one).
fn digits(s: &str) -> Option<&str> {
    (!s.is_empty() && s.len() <= 6 && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
}

/// A leading decimal number (`1.5`, `.5`, `7`) and what follows it. `None` without a number,
/// for a negative one, or for one too long to mean anything.
fn split_number(s: &str) -> Option<(f64, &str)> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, rest) = s.split_at(end);
    if number.is_empty() || number.len() > 12 || number.matches('.').count() > 1 {
        return None;
    }
    let value: f64 = number.parse().ok()?;
    value.is_finite().then_some((value, rest))
}

/// Hours as a person reads them: `25`, `7.5`.
fn shown_hours(hours: f64) -> String {
    format!("{hours}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleep_refuses_what_is_not_a_time() {
        for bad in [
            "", "h", "7h75", "7:5", "7:75", "-1", "7x", "7h30h", "1.5h30", "abc",
        ] {
            assert!(parse_sleep(bad).is_err(), "{bad}");
        }
        assert!(parse_sleep("25").unwrap_err().contains("out of range"));
    }

    #[test]
    fn exercise_refuses_fractions_of_a_minute_and_more_than_a_day() {
        assert!(parse_exercise("45.5").is_err());
        assert!(parse_exercise("25h").unwrap_err().contains("out of range"));
        assert_eq!(parse_exercise("1.5h"), Ok(90));
    }

    #[test]
    fn water_in_litres_is_at_most_twenty() {
        let e = parse_water("1500").unwrap_err();
        assert!(e.contains("out of range") && e.contains("ml"), "{e}");
        assert!(parse_water("1.2 gallons").is_err());
    }

    #[test]
    fn caffeine_servings_take_plurals_and_spaces() {
        assert_eq!(parse_caffeine("2 energy drinks"), Ok(160));
        assert_eq!(parse_caffeine("3 teas"), Ok(141));
        assert_eq!(parse_caffeine("2 espressos"), Ok(126));
        assert!(parse_caffeine("2 beers").is_err());
    }
}
