//! A twitch or a cramp, with its sites, triggers and reliefs.

use std::collections::HashSet;
use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::time::MAX_DURATION_S;
use super::{EpisodeField, Invalid, check_note, check_range};
use crate::catalog::catalog;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Twitch,
    Cramp,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Twitch => "twitch",
            Kind::Cramp => "cramp",
        }
    }

    pub fn parse(s: &str) -> Result<Kind, String> {
        // The stored form first, without copying: whole-diary loads parse 100,000 of these.
        match s {
            "twitch" => return Ok(Kind::Twitch),
            "cramp" => return Ok(Kind::Cramp),
            _ => {}
        }
        match s.trim().to_lowercase().as_str() {
            "twitch" => Ok(Kind::Twitch),
            "cramp" => Ok(Kind::Cramp),
            other => Err(format!("'{other}' is not a kind; accepted: twitch, cramp")),
        }
    }

    /// The one-line help that tells the two apart.
    pub fn hint(self) -> &'static str {
        match self {
            Kind::Twitch => {
                "twitch: a flicker or ripple under the skin, little or no pain, the limb still moves"
            }
            Kind::Cramp => {
                "cramp: a forceful, painful tightening, the muscle goes hard and movement is restricted"
            }
        }
    }
}

super::display_as!(Kind, as_str);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
    Both,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Left => "left",
            Side::Right => "right",
            Side::Both => "both",
        }
    }

    pub fn parse(s: &str) -> Result<Side, String> {
        // The stored form first, without copying (see `Kind::parse`).
        match s {
            "left" => return Ok(Side::Left),
            "right" => return Ok(Side::Right),
            "both" => return Ok(Side::Both),
            _ => {}
        }
        match s.trim().to_lowercase().as_str() {
            "left" | "l" => Ok(Side::Left),
            "right" | "r" => Ok(Side::Right),
            "both" | "b" => Ok(Side::Both),
            other => Err(format!(
                "'{other}' is not a side; accepted: left, right, both"
            )),
        }
    }
}

/// One body site of an episode: a catalogue id and, for sites that have one, a side.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SiteRef {
    pub site: String,
    pub side: Option<Side>,
}

/// Where the command line sends someone who named a site that is not one.
pub const SITES_HINT: &str = "run `myolog sites` for the list";

/// Why a text is not a body site; [`SiteError::message`] says so with a hint that fits
/// where it was typed (the command line's names a command, a form's a key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteError {
    /// No site has this id or alias; the closest ones, if any look alike.
    Unknown {
        name: String,
        close: Vec<&'static str>,
    },
    /// The site has no side (`tongue`), but one was given.
    NoSide(String),
    /// The side is not one.
    BadSide(String),
}

impl SiteError {
    /// The error in a line, ending with `list_hint` when no site looks alike.
    pub fn message(&self, list_hint: &str) -> String {
        match self {
            SiteError::Unknown { name, close } if close.is_empty() => {
                format!("unknown site '{name}'; {list_hint}")
            }
            SiteError::Unknown { name, close } => {
                format!("unknown site '{name}'; closest: {}", close.join(", "))
            }
            SiteError::NoSide(id) => format!("{id} has no side; write just '{id}'"),
            SiteError::BadSide(message) => message.clone(),
        }
    }
}

/// A site as people write it, split into the name and the side: `calf:left`, `left calf`,
/// `calf left`, `l calf`, `upper arm right`. The name's words are joined with `-`
/// (`upper-arm`); a side word at either end of two or more words is the side.
pub fn split_side(spec: &str) -> (String, Option<&str>) {
    if let Some((name, side)) = spec.split_once(':') {
        return (name_of(name.split_whitespace()), Some(side));
    }
    let words: Vec<&str> = spec.split_whitespace().collect();
    let is_side = |w: &&str| Side::parse(w).is_ok();
    match words.as_slice() {
        [first, rest @ ..] if !rest.is_empty() && is_side(first) => {
            (name_of(rest.iter().copied()), Some(*first))
        }
        [rest @ .., last] if !rest.is_empty() && is_side(last) => {
            (name_of(rest.iter().copied()), Some(*last))
        }
        _ => (name_of(words.iter().copied()), None),
    }
}

fn name_of<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words.collect::<Vec<_>>().join("-")
}

impl SiteRef {
    /// Parses `ID` or `ID:SIDE`, or the side written as a word before or after the site
    /// (`left calf`, `calf left`, `l calf`); an id may also be an alias (`bicep`). An unknown
    /// id names the closest ones, or says to run `myolog sites`.
    pub fn parse(spec: &str) -> Result<SiteRef, String> {
        SiteRef::read(spec).map_err(|e| e.message(SITES_HINT))
    }

    /// [`SiteRef::parse`], with the reason it is not a site for the caller to word.
    pub fn read(spec: &str) -> Result<SiteRef, SiteError> {
        let cat = catalog();
        // The stored form (`calf:left`, `tongue`) without a copy: diaries hold thousands.
        let (info, side) = match spec.split_once(':') {
            Some((name, side)) if !name.contains(char::is_whitespace) => {
                (cat.lookup_site(name), Some(side))
            }
            None if !spec.trim().contains(char::is_whitespace) => (cat.lookup_site(spec), None),
            _ => {
                let (name, side) = split_side(spec);
                (cat.lookup_site(&name), side)
            }
        };
        let side = side
            .map(|s| Side::parse(s).map_err(SiteError::BadSide))
            .transpose()?;
        let Some(info) = info else {
            let (name, _) = split_side(spec);
            // `lft calf`: a site and a word that was meant as its side.
            if let [first, last] = spec.split_whitespace().collect::<Vec<_>>()[..] {
                for (site, side) in [(last, first), (first, last)] {
                    if cat.lookup_site(site).is_some() {
                        return Err(SiteError::BadSide(
                            Side::parse(side).err().unwrap_or_default(),
                        ));
                    }
                }
            }
            return Err(SiteError::Unknown {
                close: cat.close_sites(&name),
                name,
            });
        };
        if side.is_some() && !info.sided {
            return Err(SiteError::NoSide(info.id.clone()));
        }
        Ok(SiteRef {
            site: info.id.clone(),
            side,
        })
    }

    /// The body group (`face`, `arms`, `trunk`, `legs`) of a catalogue site.
    pub fn group(&self) -> Option<&'static str> {
        catalog().site(&self.site).map(|s| s.group.as_str())
    }
}

impl fmt::Display for SiteRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.side {
            Some(side) => write!(f, "{}:{}", self.site, side.as_str()),
            None => f.write_str(&self.site),
        }
    }
}

/// A relief tried for an episode, and whether it helped (unknown when not said).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ReliefUse {
    pub relief: String,
    pub helped: Option<bool>,
}

impl ReliefUse {
    /// Parses `NAME`, `NAME:helped` or `NAME:no-help`.
    pub fn parse(spec: &str) -> Result<ReliefUse, String> {
        let (name, helped) = match spec.split_once(':') {
            Some((name, outcome)) => {
                let helped = match outcome.trim().to_lowercase().as_str() {
                    "helped" | "yes" => true,
                    "no-help" | "no" => false,
                    other => {
                        return Err(format!(
                            "'{other}' is not an outcome; accepted: helped, no-help"
                        ));
                    }
                };
                (name, Some(helped))
            }
            None => (spec, None),
        };
        let name = name.trim().to_lowercase();
        if catalog().relief(&name).is_none() {
            let known: Vec<&str> = catalog().reliefs.iter().map(|r| r.id.as_str()).collect();
            return Err(format!(
                "unknown relief '{name}'; accepted: {}",
                known.join(", ")
            ));
        }
        Ok(ReliefUse {
            relief: name,
            helped,
        })
    }
}

impl fmt::Display for ReliefUse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.helped {
            Some(true) => write!(f, "{}:helped", self.relief),
            Some(false) => write!(f, "{}:no-help", self.relief),
            None => f.write_str(&self.relief),
        }
    }
}

/// Normalises a trigger name: a catalogue id, or a custom lowercase name.
pub fn parse_trigger(name: &str) -> Result<String, String> {
    let id = name.trim().to_lowercase().replace([' ', '_'], "-");
    let valid = !id.is_empty()
        && id.len() <= 40
        && id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(id)
    } else {
        Err(format!(
            "'{}' is not a trigger name; accepted: {} or a custom name of letters, digits and '-' (up to 40)",
            name.trim(),
            catalog()
                .triggers
                .iter()
                .map(|t| t.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

pub const INTENSITY_RANGE: (u8, u8) = (1, 5);
pub const PAIN_RANGE: (u8, u8) = (0, 10);
pub const MAX_SORE_DAYS: u16 = 60;
/// The most suspected triggers one episode names: more than any person lists, few enough that
/// a hostile file cannot make an episode hold megabytes.
pub const MAX_TRIGGERS: usize = 32;

/// A twitch or a cramp as the user logged it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Episode {
    pub id: Uuid,
    pub kind: Kind,
    /// The start, as the UTC instant plus the local offset in force when it happened.
    pub start: DateTime<FixedOffset>,
    pub duration_s: Option<u32>,
    pub sites: Vec<SiteRef>,
    /// Twitch only: 1 barely noticeable to 5 constant or clearly visible.
    pub intensity: Option<u8>,
    /// Twitch only: could be seen under the skin.
    pub visible: Option<bool>,
    /// Cramp only: 0-10.
    pub pain: Option<u8>,
    /// Cramp only: the muscle went hard.
    pub hardening: Option<bool>,
    /// Cramp only: movement was restricted.
    pub lost_motion: Option<bool>,
    pub reliefs: Vec<ReliefUse>,
    /// Cramp only: days the muscle stayed sore afterwards.
    pub sore_days: Option<u16>,
    pub triggers: Vec<String>,
    pub note: Option<String>,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
}

impl Episode {
    /// A new episode of `kind` at `start` on `sites`, with a fresh id; the rest unknown.
    pub fn new(
        kind: Kind,
        start: DateTime<FixedOffset>,
        sites: Vec<SiteRef>,
        now: DateTime<Utc>,
    ) -> Self {
        Episode {
            sites,
            ..Episode::known_as(Uuid::new_v4(), kind, start, now, now)
        }
    }

    /// The episode `id` of `kind` at `start`, made `created` and changed `updated`, with
    /// nothing else known yet.
    pub fn known_as(
        id: Uuid,
        kind: Kind,
        start: DateTime<FixedOffset>,
        created: DateTime<Utc>,
        updated: DateTime<Utc>,
    ) -> Self {
        Episode {
            id,
            kind,
            start,
            duration_s: None,
            sites: Vec::new(),
            intensity: None,
            visible: None,
            pain: None,
            hardening: None,
            lost_motion: None,
            reliefs: Vec::new(),
            sore_days: None,
            triggers: Vec::new(),
            note: None,
            created,
            updated,
        }
    }

    /// The local calendar date the episode started on.
    pub fn local_date(&self) -> NaiveDate {
        self.start.date_naive()
    }

    /// Checks every rule of DOMAIN.md section 1 that a single episode must meet.
    pub fn validate(&self) -> Result<(), Invalid> {
        use EpisodeField as F;
        if self.sites.is_empty() {
            return Err(Invalid::new(F::Sites, "at least one body site is needed"));
        }
        let mut seen = HashSet::new();
        for s in &self.sites {
            let info = catalog()
                .site(&s.site)
                .ok_or_else(|| Invalid::new(F::Sites, format!("unknown site '{}'", s.site)))?;
            if s.side.is_some() && !info.sided {
                return Err(Invalid::new(F::Sites, format!("{} has no side", s.site)));
            }
            if !seen.insert(s) {
                return Err(Invalid::new(F::Sites, format!("{s} is given twice")));
            }
        }
        let only = |field: F, set: bool, kind: Kind| -> Result<(), Invalid> {
            if set && self.kind != kind {
                let other = match self.kind {
                    Kind::Twitch => "a twitch takes an intensity (1-5) and whether it was visible",
                    Kind::Cramp => {
                        "a cramp takes pain (0-10), hardening, lost motion and sore days"
                    }
                };
                return Err(Invalid::new(
                    field,
                    format!("is for a {kind} only; {other}"),
                ));
            }
            Ok(())
        };
        only(F::Intensity, self.intensity.is_some(), Kind::Twitch)?;
        only(F::Visible, self.visible.is_some(), Kind::Twitch)?;
        only(F::Pain, self.pain.is_some(), Kind::Cramp)?;
        only(F::Hardening, self.hardening.is_some(), Kind::Cramp)?;
        only(F::LostMotion, self.lost_motion.is_some(), Kind::Cramp)?;
        only(F::SoreDays, self.sore_days.is_some(), Kind::Cramp)?;
        check_range(
            F::Intensity,
            self.intensity,
            INTENSITY_RANGE.0,
            INTENSITY_RANGE.1,
            "a whole number",
        )?;
        check_range(
            F::Pain,
            self.pain,
            PAIN_RANGE.0,
            PAIN_RANGE.1,
            "a whole number",
        )?;
        check_range(F::SoreDays, self.sore_days, 0, MAX_SORE_DAYS, "days")?;
        check_range(F::Duration, self.duration_s, 0, MAX_DURATION_S, "seconds")?;
        if self.triggers.len() > MAX_TRIGGERS {
            return Err(Invalid::new(
                F::Triggers,
                format!(
                    "{} triggers; accepted: at most {MAX_TRIGGERS} for one episode",
                    self.triggers.len()
                ),
            ));
        }
        let mut triggers = HashSet::new();
        for t in &self.triggers {
            let id = parse_trigger(t).map_err(|m| Invalid::new(F::Triggers, m))?;
            if id != *t {
                return Err(Invalid::new(
                    F::Triggers,
                    format!("'{t}' should be written '{id}'"),
                ));
            }
            if !triggers.insert(t) {
                return Err(Invalid::new(F::Triggers, format!("{t} is given twice")));
            }
        }
        let mut reliefs = HashSet::new();
        for r in &self.reliefs {
            if catalog().relief(&r.relief).is_none() {
                return Err(Invalid::new(
                    F::Reliefs,
                    format!("unknown relief '{}'", r.relief),
                ));
            }
            if !reliefs.insert(&r.relief) {
                return Err(Invalid::new(
                    F::Reliefs,
                    format!("{} is given twice", r.relief),
                ));
            }
        }
        check_note(F::Note, &self.note)
    }

    /// "pain 7/10" or "intensity 3/5", whichever applies and is known.
    pub fn severity(&self) -> Option<String> {
        match self.kind {
            Kind::Twitch => self.intensity.map(|i| format!("intensity {i}/5")),
            Kind::Cramp => self.pain.map(|p| format!("pain {p}/10")),
        }
    }

    /// A nocturnal cramp starts from 21:00 to 06:59 local time; it belongs to the night of
    /// the evening's date. `None` for twitches and daytime cramps.
    pub fn night_of(&self) -> Option<NaiveDate> {
        use chrono::Timelike;
        if self.kind != Kind::Cramp {
            return None;
        }
        let hour = self.start.hour();
        if hour >= 21 {
            Some(self.local_date())
        } else if hour < 7 {
            self.local_date().pred_opt()
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn site_specs() {
        assert_eq!(
            SiteRef::parse("eyelid:left").unwrap().to_string(),
            "eyelid:left"
        );
        assert_eq!(
            SiteRef::parse("Calf:Both").unwrap().to_string(),
            "calf:both"
        );
        assert_eq!(
            SiteRef::parse("bicep:r").unwrap().to_string(),
            "upper-arm:right"
        );
        assert_eq!(SiteRef::parse("tongue").unwrap().to_string(), "tongue");
        assert!(
            SiteRef::parse("tongue:left")
                .unwrap_err()
                .contains("has no side")
        );
        assert!(
            SiteRef::parse("calf:up")
                .unwrap_err()
                .contains("left, right, both")
        );
        let err = SiteRef::parse("calff").unwrap_err();
        assert!(err.contains("closest: calf"), "{err}");
    }

    #[test]
    fn relief_specs() {
        assert_eq!(
            ReliefUse::parse("stretch:helped").unwrap().helped,
            Some(true)
        );
        assert_eq!(
            ReliefUse::parse("heat:no-help").unwrap().helped,
            Some(false)
        );
        assert_eq!(ReliefUse::parse("walking").unwrap().helped, None);
        assert!(ReliefUse::parse("yoga").unwrap_err().contains("stretch"));
        assert!(
            ReliefUse::parse("heat:maybe")
                .unwrap_err()
                .contains("helped, no-help")
        );
    }

    #[test]
    fn trigger_names() {
        assert_eq!(parse_trigger("Caffeine").unwrap(), "caffeine");
        assert_eq!(
            parse_trigger("late night gaming").unwrap(),
            "late-night-gaming"
        );
        assert!(parse_trigger("").is_err());
        assert!(parse_trigger("coffee!").is_err());
    }

    #[test]
    fn kind_specific_fields_are_refused_on_the_other_kind() {
        let site = vec![SiteRef::parse("calf:left").unwrap()];
        let mut twitch = Episode::new(
            Kind::Twitch,
            at("2026-01-01T10:00:00Z"),
            site.clone(),
            Utc::now(),
        );
        twitch.pain = Some(3);
        assert_eq!(
            twitch.validate().unwrap_err().field,
            EpisodeField::Pain.into()
        );
        let mut cramp = Episode::new(Kind::Cramp, at("2026-01-01T10:00:00Z"), site, Utc::now());
        cramp.pain = Some(11);
        let err = cramp.validate().unwrap_err();
        assert_eq!(err.field, EpisodeField::Pain.into());
        assert!(err.message.contains("0 to 10"), "{}", err.message);
        cramp.pain = Some(10);
        cramp.intensity = Some(2);
        assert_eq!(
            cramp.validate().unwrap_err().field,
            EpisodeField::Intensity.into()
        );
    }

    #[test]
    fn nocturnal_cramps_belong_to_the_evening_before() {
        let site = vec![SiteRef::parse("calf:left").unwrap()];
        let cramp = |t: &str| Episode::new(Kind::Cramp, at(t), site.clone(), Utc::now());
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            cramp("2026-03-05T03:10:00+00:00").night_of(),
            Some(day("2026-03-04"))
        );
        assert_eq!(
            cramp("2026-03-05T06:59:00+00:00").night_of(),
            Some(day("2026-03-04"))
        );
        assert_eq!(cramp("2026-03-05T07:00:00+00:00").night_of(), None);
        assert_eq!(cramp("2026-03-05T20:59:00+00:00").night_of(), None);
        assert_eq!(
            cramp("2026-03-05T21:00:00+00:00").night_of(),
            Some(day("2026-03-05"))
        );
    }
}
