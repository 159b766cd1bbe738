//! The diary as a FHIR R4 Bundle of type `collection`, for clinical systems.
//!
//! - One Patient, the subject and performer of everything: its id is the diary's own (a UUID made
//!   when the diary was created), so two people's bundles never collide, with that id as an
//!   identifier (`urn:myolog:diary`), and the name and birth date of the config's `[report]`
//!   section when given. The Bundle carries the `timestamp` it was made at.
//! - Each episode, per body site, an Observation after the HL7 Symptoms IG: code LOINC 75325-1
//!   (Symptom), value the SNOMED CT finding (twitch: fasciculation 82470000, whatever the site;
//!   cramp: cramp in lower leg 449918009 at calf or shin, spasm of back muscles 203095000 at the
//!   back, else cramp 55300003), bodySite the catalogue's SNOMED code (and, for a site with a
//!   side, the same code refined by laterality as a SNOMED CT expression, `53840002:272741003=7771000`
//!   for the left calf: 7771000 left, 24028007 right, 51440002 both), effectiveDateTime or,
//!   with a duration, effectivePeriod, and a severity component (LOINC 64750-3); a cramp's pain
//!   also as a component LOINC 72514-3 (0-10). An eyelid twitch is a fasciculation at the
//!   eyelid, never blepharospasm (a different, chronic condition).
//! - Check-in sleep as an Observation LOINC 93832-4 (sleep duration, hours); the check-in's
//!   other fields have no standard code and stay in the JSON export.
//! - Each medication as a MedicationStatement with its start (and stop) date.
//! - Each self-check as Observations of findings present or absent: the symptoms (muscle
//!   atrophy, dysphagia, dysarthria, foot drop, numbness, paresthesia, tongue fasciculation,
//!   breathlessness lying flat) and the strength tests as muscle weakness present (fail) or
//!   absent (ok), with the test named in `method`.
//!
//! Everything is built from typed structs and written by serde; the same diary gives the same
//! bytes (ids are the diary's UUIDs, or derived from them).

use std::cell::RefCell;
use std::io::{self, Write};

use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Episodes, Seq, episodes_of, rfc3339, write_pretty};
use crate::catalog::catalog;
use crate::domain::{
    CheckIn, DiarySlice, Episode, Kind, Medication, SelfCheck, Side, SiteRef, TestResult,
};

pub const LOINC: &str = "http://loinc.org";
pub const SNOMED: &str = "http://snomed.info/sct";
pub const UCUM: &str = "http://unitsofmeasure.org";
const CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";

pub const SYMPTOM: &str = "75325-1";
pub const SEVERITY: &str = "64750-3";
pub const PAIN: &str = "72514-3";
pub const SLEEP_DURATION: &str = "93832-4";

pub const FASCICULATION: &str = "82470000";
pub const CRAMP: &str = "55300003";
pub const CRAMP_LOWER_LEG: &str = "449918009";
pub const BACK_SPASM: &str = "203095000";
pub const MUSCLE_WEAKNESS: &str = "26544005";
pub const PRESENT: &str = "52101004";
pub const ABSENT: &str = "2667000";
/// SNOMED CT `272741003 |Laterality (attribute)|` and its values.
pub const LATERALITY: &str = "272741003";
pub const LEFT: &str = "7771000";
pub const RIGHT: &str = "24028007";
pub const BOTH_SIDES: &str = "51440002";
/// The identifier system of the diary's own id, on the Patient.
pub const DIARY_ID_SYSTEM: &str = "urn:myolog:diary";

/// What the bundle says beyond the diary's records: whom it is about and when it was made.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// The diary's own id ([`crate::store::Diary::diary_id`]): the Patient's id.
    pub diary_id: Uuid,
    /// From the config's `[report]` section, when given.
    pub name: Option<String>,
    pub birth_date: Option<NaiveDate>,
    /// The day the bundle is made: a medication stopped by then is `completed`.
    pub today: NaiveDate,
    /// The moment it is made, the Bundle's `timestamp` (none: left out).
    pub made_at: Option<DateTime<FixedOffset>>,
}

impl Header {
    /// A bundle of the diary `diary_id`, about nobody named, made `today` at no stated time.
    pub fn new(diary_id: Uuid, today: NaiveDate) -> Header {
        Header {
            diary_id,
            name: None,
            birth_date: None,
            today,
            made_at: None,
        }
    }
}

/// Derived ids (for second and later sites, check-ins and self-check answers) live under this
/// namespace.
const NAMESPACE: Uuid = Uuid::from_u128(0x5d1c_4b7e_93a2_4f0e_8c61_2b9f_0e7a_3c44);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bundle {
    pub resource_type: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<String>,
    pub entry: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Entry {
    pub full_url: String,
    pub resource: Resource,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "resourceType")]
pub enum Resource {
    Patient(Patient),
    Observation(Box<Observation>),
    MedicationStatement(Box<MedicationStatement>),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Patient {
    pub id: String,
    pub identifier: Vec<Identifier>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub name: Vec<HumanName>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HumanName {
    /// The name as the user wrote it: myolog does not split it into given and family names.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Observation {
    pub id: String,
    pub identifier: Vec<Identifier>,
    pub status: String,
    pub category: Vec<CodeableConcept>,
    pub code: CodeableConcept,
    pub subject: Reference,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_date_time: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_period: Option<Period>,
    pub performer: Vec<Reference>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_quantity: Option<Quantity>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_site: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub method: Option<CodeableConcept>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub component: Vec<Component>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MedicationStatement {
    pub id: String,
    pub identifier: Vec<Identifier>,
    pub status: String,
    pub medication_codeable_concept: CodeableConcept,
    pub subject: Reference,
    pub effective_period: Period,
    pub information_source: Reference,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub note: Vec<Annotation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dosage: Vec<Dosage>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Identifier {
    pub system: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CodeableConcept {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coding: Vec<Coding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Coding {
    pub system: String,
    pub code: String,
    pub display: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reference {
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Period {
    pub start: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Quantity {
    pub value: f64,
    pub unit: String,
    pub system: String,
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Annotation {
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Component {
    pub code: CodeableConcept,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_codeable_concept: Option<CodeableConcept>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_integer: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dosage {
    pub text: String,
}

fn coding(system: &str, code: &str, display: &str) -> Coding {
    Coding {
        system: system.into(),
        code: code.into(),
        display: display.into(),
    }
}

fn concept(system: &str, code: &str, display: &str) -> CodeableConcept {
    CodeableConcept {
        coding: vec![coding(system, code, display)],
        text: Some(display.into()),
    }
}

fn text(text: impl Into<String>) -> CodeableConcept {
    CodeableConcept {
        coding: Vec::new(),
        text: Some(text.into()),
    }
}

fn category(code: &str, display: &str) -> Vec<CodeableConcept> {
    vec![CodeableConcept {
        coding: vec![coding(CATEGORY, code, display)],
        text: None,
    }]
}

fn urn(id: Uuid) -> String {
    format!("urn:uuid:{id}")
}

fn identifier(kind: &str, value: impl ToString) -> Vec<Identifier> {
    vec![Identifier {
        system: format!("urn:myolog:{kind}"),
        value: value.to_string(),
    }]
}

/// The SNOMED CT finding for an episode at a site: never blepharospasm for an eyelid twitch.
pub fn finding(kind: Kind, site: &str) -> (&'static str, &'static str) {
    match (kind, site) {
        (Kind::Twitch, _) => (FASCICULATION, "Fasciculation"),
        (Kind::Cramp, "calf" | "shin") => (CRAMP_LOWER_LEG, "Cramp in lower leg"),
        (Kind::Cramp, "upper-back" | "lower-back") => (BACK_SPASM, "Spasm of back muscles"),
        (Kind::Cramp, _) => (CRAMP, "Cramp"),
    }
}

/// The Symptoms IG's severity scale from a twitch's intensity (1-5) or a cramp's pain (0-10).
fn severity(e: &Episode) -> Option<(&'static str, &'static str, String)> {
    let (band, said) = match e.kind {
        Kind::Twitch => {
            let i = e.intensity?;
            (
                match i {
                    0..=2 => 1,
                    3 => 2,
                    _ => 3,
                },
                format!("intensity {i}/5"),
            )
        }
        Kind::Cramp => {
            // Pain 0 is no severity to grade; the pain component still says 0.
            let p = e.pain.filter(|&p| p > 0)?;
            (
                match p {
                    1..=3 => 1,
                    4..=6 => 2,
                    _ => 3,
                },
                format!("pain {p}/10"),
            )
        }
    };
    Some(match band {
        1 => ("255604002", "Mild", said),
        2 => ("6736007", "Moderate", said),
        _ => ("24484000", "Severe", said),
    })
}

/// A bundle of the whole slice, with `header`'s Patient and timestamp.
pub fn bundle(slice: &DiarySlice, header: &Header) -> Bundle {
    let patient = Reference {
        reference: urn(header.diary_id),
    };
    let mut entry = vec![patient_entry(header)];
    for e in &slice.episodes {
        entry.extend(episode(e, &patient));
    }
    for c in &slice.checkins {
        entry.extend(checkin(c, &patient, header.diary_id));
    }
    for m in &slice.medications {
        entry.push(medication(m, &patient, header.today));
    }
    for s in &slice.self_checks {
        entry.extend(self_check(s, &patient));
    }
    Bundle {
        resource_type: "Bundle".into(),
        kind: "collection".into(),
        timestamp: timestamp(header),
        entry,
    }
}

/// The bundle as pretty JSON ending in a newline.
pub fn export(slice: &DiarySlice, header: &Header) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Typed data into memory: writing it cannot fail.
    let _ = write(&mut bytes, slice, &episodes_of(&slice.episodes), header);
    bytes
}

fn timestamp(header: &Header) -> Option<String> {
    header
        .made_at
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// The one Patient: the diary's id, and the name and birth date when the user gave them.
fn patient_entry(header: &Header) -> Entry {
    Entry {
        full_url: urn(header.diary_id),
        resource: Resource::Patient(Patient {
            id: header.diary_id.to_string(),
            identifier: vec![Identifier {
                system: DIARY_ID_SYSTEM.into(),
                value: header.diary_id.to_string(),
            }],
            name: (header.name.iter())
                .map(|n| HumanName { text: n.clone() })
                .collect(),
            birth_date: header.birth_date.map(|d| d.to_string()),
        }),
    }
}

/// The [`Bundle`] written as it is made, one entry at a time.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StreamedBundle<'a> {
    resource_type: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    timestamp: Option<String>,
    entry: Seq<'a, Entry>,
}

/// Writes the bundle of [`export`] to `out` as it goes, never holding more than one episode's
/// entries: the episodes as `episodes` gives them (`rest.episodes` is not read), the other
/// tables from `rest`. The bytes are those of [`export`] for a slice of the same episodes.
pub fn write(
    out: &mut dyn Write,
    rest: &DiarySlice,
    episodes: Episodes,
    header: &Header,
) -> io::Result<()> {
    let patient = Reference {
        reference: urn(header.diary_id),
    };
    let today = header.today;
    // The order of `bundle`.
    let each = |sink: &mut dyn FnMut(&Entry) -> io::Result<()>| -> io::Result<()> {
        sink(&patient_entry(header))?;
        episodes(&mut |e| episode(e, &patient).iter().try_for_each(&mut *sink))?;
        for c in &rest.checkins {
            checkin(c, &patient, header.diary_id)
                .iter()
                .try_for_each(&mut *sink)?;
        }
        for m in &rest.medications {
            sink(&medication(m, &patient, today))?;
        }
        for s in &rest.self_checks {
            self_check(s, &patient).iter().try_for_each(&mut *sink)?;
        }
        Ok(())
    };
    let failed = RefCell::new(None);
    let bundle = StreamedBundle {
        resource_type: "Bundle",
        kind: "collection",
        timestamp: timestamp(header),
        entry: Seq {
            each: &each,
            failed: &failed,
        },
    };
    write_pretty(out, &bundle, &failed)
}

fn observation(id: Uuid, identifier: Vec<Identifier>, subject: &Reference) -> Observation {
    Observation {
        id: id.to_string(),
        identifier,
        status: "final".into(),
        category: category("survey", "Survey"),
        code: concept(LOINC, SYMPTOM, "Symptom"),
        subject: subject.clone(),
        effective_date_time: None,
        effective_period: None,
        performer: vec![subject.clone()],
        value_codeable_concept: None,
        value_quantity: None,
        note: Vec::new(),
        body_site: None,
        method: None,
        component: Vec::new(),
    }
}

fn entry(resource: Resource, id: Uuid) -> Entry {
    Entry {
        full_url: urn(id),
        resource,
    }
}

fn episode(e: &Episode, patient: &Reference) -> Vec<Entry> {
    let (effective_date_time, effective_period) = match e.duration_s {
        Some(d) => (
            None,
            Some(Period {
                start: rfc3339(&e.start),
                end: Some(rfc3339(&(e.start + TimeDelta::seconds(i64::from(d))))),
            }),
        ),
        None => (Some(rfc3339(&e.start)), None),
    };
    let mut component = Vec::new();
    if let Some((code, display, said)) = severity(e) {
        component.push(Component {
            code: concept(LOINC, SEVERITY, "Severity of symptom"),
            value_codeable_concept: Some(CodeableConcept {
                coding: vec![coding(SNOMED, code, display)],
                text: Some(said),
            }),
            value_integer: None,
        });
    }
    if let (Kind::Cramp, Some(p)) = (e.kind, e.pain) {
        component.push(Component {
            code: concept(
                LOINC,
                PAIN,
                "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
            ),
            value_codeable_concept: None,
            value_integer: Some(i64::from(p)),
        });
    }
    e.sites
        .iter()
        .enumerate()
        .map(|(i, site)| {
            // The first site keeps the episode's own id; the others get ids derived from it.
            let id = if i == 0 {
                e.id
            } else {
                Uuid::new_v5(&NAMESPACE, format!("{}/site/{i}", e.id).as_bytes())
            };
            let (code, display) = finding(e.kind, &site.site);
            let mut obs = observation(id, identifier("episode", e.id), patient);
            obs.effective_date_time = effective_date_time.clone();
            obs.effective_period = effective_period.clone();
            obs.value_codeable_concept = Some(CodeableConcept {
                coding: vec![coding(SNOMED, code, display)],
                text: Some(e.kind.to_string()),
            });
            obs.body_site = Some(body_site(site));
            obs.component = component.clone();
            obs.note = e
                .note
                .iter()
                .map(|n| Annotation { text: n.clone() })
                .collect();
            entry(Resource::Observation(Box::new(obs)), id)
        })
        .collect()
}

/// The SNOMED CT value of a side, for `272741003 |Laterality|`.
pub fn laterality(side: Side) -> (&'static str, &'static str) {
    match side {
        Side::Left => (LEFT, "Left"),
        Side::Right => (RIGHT, "Right"),
        Side::Both => (BOTH_SIDES, "Right and left"),
    }
}

/// A site as a body site: the catalogue's SNOMED CT code (when it has one), and for a site given
/// with a side the same code refined by its laterality (`53840002:272741003=7771000`), which a
/// system that reads SNOMED CT expressions takes whole and any other may pass over for the
/// plain code before it; the text names the side in words whatever the codes.
pub fn body_site(site: &SiteRef) -> CodeableConcept {
    let info = catalog().site(&site.site);
    let label = match (info, site.side) {
        (Some(info), Some(side)) => format!("{}, {}", info.label, side.as_str()),
        (Some(info), None) => info.label.clone(),
        (None, _) => site.to_string(),
    };
    let mut codes = Vec::new();
    if let Some(code) = info.and_then(|s| s.snomed_code()) {
        let name = info.map_or(site.site.as_str(), |i| i.label.as_str());
        codes.push(coding(SNOMED, code, name));
        if let Some(side) = site.side {
            let (value, said) = laterality(side);
            codes.push(coding(
                SNOMED,
                &format!("{code}:{LATERALITY}={value}"),
                &format!("{name}: laterality = {said}"),
            ));
        }
    }
    CodeableConcept {
        coding: codes,
        text: Some(label),
    }
}

fn checkin(c: &CheckIn, patient: &Reference, diary_id: Uuid) -> Option<Entry> {
    let hours = c.sleep_h?;
    // A check-in is known by its date, which another diary has too: the diary's id keeps the
    // two bundles' observations apart.
    let id = Uuid::new_v5(
        &NAMESPACE,
        format!("checkin/{diary_id}/{}/sleep", c.date).as_bytes(),
    );
    let mut obs = observation(id, identifier("checkin", c.date), patient);
    obs.category = category("social-history", "Social History");
    obs.code = concept(LOINC, SLEEP_DURATION, "Sleep duration");
    obs.effective_date_time = Some(c.date.to_string());
    obs.value_quantity = Some(Quantity {
        value: hours,
        unit: "h".into(),
        system: UCUM.into(),
        code: "h".into(),
    });
    Some(entry(Resource::Observation(Box::new(obs)), id))
}

fn medication(m: &Medication, patient: &Reference, today: NaiveDate) -> Entry {
    let status = match m.stop {
        Some(stop) if stop <= today => "completed",
        _ => "active",
    };
    let class = catalog()
        .medication_class(&m.class)
        .map_or(m.class.clone(), |c| c.label.clone());
    let statement = MedicationStatement {
        id: m.id.to_string(),
        identifier: identifier("medication", m.id),
        status: status.into(),
        medication_codeable_concept: text(m.name.clone()),
        subject: patient.clone(),
        effective_period: Period {
            start: m.start.to_string(),
            end: m.stop.map(|d| d.to_string()),
        },
        information_source: patient.clone(),
        note: vec![Annotation {
            text: format!("class: {class} ({})", m.class),
        }],
        dosage: m.dose.iter().map(|d| Dosage { text: d.clone() }).collect(),
    };
    entry(Resource::MedicationStatement(Box::new(statement)), m.id)
}

/// A SNOMED CT code and its display name.
type Code = (&'static str, &'static str);

/// The SNOMED CT finding (when one is known) and the body site of a self-check symptom.
fn symptom_finding(id: &str) -> (Option<Code>, Option<Code>) {
    match id {
        "atrophy" => (Some(("88092000", "Muscle atrophy")), None),
        "numbness" => (Some(("44077006", "Numbness")), None),
        "tingling" => (Some(("91019004", "Paresthesia")), None),
        "swallowing" => (Some(("40739000", "Dysphagia")), None),
        "speech" => (Some(("8011004", "Dysarthria")), None),
        "tongue" => (
            Some((FASCICULATION, "Fasciculation")),
            Some(("21974007", "Tongue")),
        ),
        "foot-drop" => (Some(("6077001", "Foot drop")), None),
        _ => (None, None),
    }
}

fn presence(present: bool) -> CodeableConcept {
    if present {
        concept(SNOMED, PRESENT, "Present")
    } else {
        concept(SNOMED, ABSENT, "Absent")
    }
}

fn self_check(s: &SelfCheck, patient: &Reference) -> Vec<Entry> {
    let mut out = Vec::new();
    let mut add = |key: &str, code: CodeableConcept, present: bool, body_site, method| {
        let id = Uuid::new_v5(&NAMESPACE, format!("self-check/{}/{key}", s.id).as_bytes());
        let mut obs = observation(id, identifier("self-check", s.id), patient);
        obs.code = code;
        obs.effective_date_time = Some(s.date.to_string());
        obs.value_codeable_concept = Some(presence(present));
        obs.body_site = body_site;
        obs.method = method;
        out.push(entry(Resource::Observation(Box::new(obs)), id));
    };
    for (key, result, test) in [
        ("heel-walk", s.heel_walk, "heel walk"),
        ("jar", s.jar, "opening a jar"),
        ("stairs", s.stairs, "climbing stairs"),
    ] {
        if let Some(result) = result {
            add(
                key,
                concept(SNOMED, MUSCLE_WEAKNESS, "Muscle weakness"),
                result == TestResult::Fail,
                None,
                Some(text(format!("self-test: {test}"))),
            );
        }
    }
    for symptom in &catalog().symptoms {
        let (found, site) = symptom_finding(&symptom.id);
        let code = match found {
            Some((code, display)) => CodeableConcept {
                coding: vec![coding(SNOMED, code, display)],
                text: Some(symptom.label.clone()),
            },
            None => text(symptom.label.clone()),
        };
        add(
            &symptom.id,
            code,
            s.symptoms.contains(&symptom.id),
            site.map(|(code, display)| concept(SNOMED, code, display)),
            None,
        );
    }
    out
}
