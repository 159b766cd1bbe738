//! `myolog export --format csv|json|fhir`, run as the real binary on temp diaries: what the
//! files hold, that they are private and never overwritten by surprise, and that the same diary
//! gives the same bytes.

use crate::support::cli as common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Env, assert_ok, assert_refused};
use myolog::portable::csv::{CHECKIN_COLUMNS, EPISODE_COLUMNS};
use myolog::portable::fhir::{self, Bundle, Resource};
use serde_json::Value;

const TRICKY_NOTE: &str = "after coffee, then \"bad\" night\nsecond line <script>";

/// A small diary with something of every kind.
fn diary() -> Env {
    let env = Env::new();
    env.log(&[
        "twitch",
        "--site",
        "eyelid:left",
        "--at",
        "2026-11-20 08:00",
        "--intensity",
        "2",
        "--trigger",
        "caffeine",
        "--note",
        TRICKY_NOTE,
    ]);
    env.log(&[
        "cramp",
        "--site",
        "calf:right",
        "--site",
        "thigh:right",
        "--at",
        "2026-11-22 03:10",
        "--pain",
        "7",
        "--duration",
        "3m",
        "--hardening",
        "--relief",
        "stretch:helped",
        "--sore-days",
        "2",
    ]);
    env.log(&[
        "cramp",
        "--site",
        "lower-back",
        "--at",
        "2026-11-23 18:00",
        "--pain",
        "3",
    ]);
    env.ok(&[
        "checkin",
        "--date",
        "2026-11-22",
        "--sleep",
        "5.5",
        "--caffeine",
        "300",
        "--stress",
        "6",
    ]);
    env.ok(&[
        "med",
        "add",
        "salbutamol",
        "--class",
        "beta-2-agonist",
        "--start",
        "2026-10-01",
        "--dose",
        "2 puffs, as needed",
    ]);
    env.ok(&[
        "selfcheck",
        "--date",
        "2026-11-21",
        "--heel-walk",
        "ok",
        "--jar",
        "fail",
        "--symptom",
        "tingling",
    ]);
    env
}

fn export(env: &Env, format: &str, out: &str) -> Vec<u8> {
    let path = env.path(out);
    env.ok(&["export", "--format", format, "-o", path.to_str().unwrap()]);
    fs::read(path).expect("export written")
}

fn files_in(env: &Env) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn json_holds_every_field_with_the_format_and_schema_version() {
    let env = diary();
    let doc: Value = serde_json::from_slice(&export(&env, "json", "d.json")).unwrap();
    assert_eq!(doc["format"], "myolog-diary");
    assert_eq!(doc["format_version"], 1);
    assert_eq!(doc["schema_version"], myolog::store::latest_version());
    assert_eq!(doc["exported_on"], "2026-11-25");
    let episodes = doc["episodes"].as_array().unwrap();
    assert_eq!(episodes.len(), 3);
    let twitch = &episodes[0];
    assert_eq!(twitch["kind"], "twitch");
    assert_eq!(twitch["note"], TRICKY_NOTE);
    assert_eq!(twitch["sites"][0]["site"], "eyelid");
    assert_eq!(twitch["sites"][0]["side"], "left");
    assert_eq!(twitch["triggers"][0], "caffeine");
    let cramp = &episodes[1];
    for (field, value) in [
        ("pain", Value::from(7)),
        ("duration_s", Value::from(180)),
        ("hardening", Value::from(true)),
        ("sore_days", Value::from(2)),
        ("intensity", Value::Null),
    ] {
        assert_eq!(cramp[field], value, "{field}");
    }
    assert_eq!(cramp["reliefs"][0]["relief"], "stretch");
    assert_eq!(cramp["reliefs"][0]["helped"], true);
    for field in ["id", "start", "created", "updated"] {
        assert!(cramp[field].is_string(), "{field}");
    }
    assert_eq!(doc["checkins"][0]["sleep_h"], 5.5);
    assert_eq!(
        doc["checkins"][0]["water_l"],
        Value::Null,
        "unknown is null"
    );
    assert_eq!(doc["medications"][0]["dose"], "2 puffs, as needed");
    assert_eq!(doc["self_checks"][0]["jar"], "fail");
    assert_eq!(doc["self_checks"][0]["symptoms"][0], "tingling");
}

#[test]
fn the_same_diary_gives_the_same_bytes_in_every_format() {
    let env = diary();
    for format in ["json", "csv", "fhir"] {
        let a = export(&env, format, &format!("a.{format}"));
        let b = export(&env, format, &format!("b.{format}"));
        assert_eq!(a, b, "{format}");
    }
}

#[cfg(unix)]
#[test]
fn exports_are_owner_only_and_never_overwritten_without_force() {
    let env = diary();
    let path = env.path("d.json");
    fs::write(&path, "mine").unwrap();
    let out = env.run(&["export", "--format", "json", "-o", path.to_str().unwrap()]);
    let line = assert_refused(&out, "--force");
    assert!(line.contains("d.json"), "{line}");
    assert_eq!(fs::read_to_string(&path).unwrap(), "mine");

    env.ok(&[
        "export",
        "--format",
        "json",
        "-o",
        path.to_str().unwrap(),
        "--force",
    ]);
    assert!(fs::read_to_string(&path).unwrap().contains("myolog-diary"));
    assert_eq!(common::mode(&path), 0o600);
    for format in ["csv", "fhir"] {
        let p = env.path(&format!("new.{format}"));
        env.ok(&["export", "--format", format, "-o", p.to_str().unwrap()]);
        assert_eq!(common::mode(&p), 0o600, "{format}");
    }
}

#[test]
fn without_output_the_file_gets_a_dated_name_in_the_current_folder() {
    let env = diary();
    let here = env.path("here");
    fs::create_dir(&here).unwrap();
    for format in ["json", "csv", "fhir"] {
        let out = env
            .command()
            .current_dir(&here)
            .args(["export", "--format", format])
            .output()
            .unwrap();
        assert_ok(&out, &["export", format]);
    }
    let mut names: Vec<String> = fs::read_dir(&here)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "myolog-2026-11-25.json",
            "myolog-csv-2026-11-25",
            "myolog-fhir-2026-11-25.json"
        ]
    );
    // CSV's tables stay together in a dated folder, as the Export screen writes them.
    let folder = here.join("myolog-csv-2026-11-25");
    let mut tables: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    tables.sort();
    assert_eq!(
        tables,
        [
            "checkins.csv",
            "episodes.csv",
            "experiments.csv",
            "medications.csv",
            "self_checks.csv"
        ]
    );
    #[cfg(unix)]
    for table in &tables {
        assert_eq!(common::mode(&folder.join(table)), 0o600, "{table}");
    }

    // A second export without -o refuses before writing any file, naming the one in the way.
    let before = fs::read(folder.join("self_checks.csv")).unwrap();
    fs::remove_file(folder.join("episodes.csv")).unwrap();
    let out = env
        .command()
        .current_dir(&here)
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    let line = assert_refused(&out, "--force");
    assert!(line.contains("checkins.csv"), "{line}");
    assert!(!folder.join("episodes.csv").exists(), "nothing written");
    assert_eq!(fs::read(folder.join("self_checks.csv")).unwrap(), before);
}

#[test]
fn csv_quotes_a_note_with_a_comma_a_quote_and_a_newline() {
    let env = diary();
    let bytes = export(&env, "csv", "episodes.csv");
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, EPISODE_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3, "one row per episode");
    let note = EPISODE_COLUMNS.iter().position(|c| *c == "note").unwrap();
    let sites = EPISODE_COLUMNS.iter().position(|c| *c == "sites").unwrap();
    assert_eq!(&rows[0][note], TRICKY_NOTE);
    assert_eq!(&rows[1][sites], "calf:right; thigh:right");
}

#[test]
fn csv_into_a_folder_writes_every_table() {
    let env = diary();
    let folder = env.path("out");
    let arg = format!("{}/", folder.display());
    env.ok(&["export", "--format", "csv", "-o", &arg]);
    let mut names: Vec<String> = fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "checkins.csv",
            "episodes.csv",
            "experiments.csv",
            "medications.csv",
            "self_checks.csv"
        ]
    );
    let checkins = fs::read_to_string(folder.join("checkins.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(checkins.as_bytes());
    let header: Vec<&str> = reader.headers().unwrap().iter().collect::<Vec<_>>();
    assert_eq!(header, CHECKIN_COLUMNS);
    let meds = fs::read_to_string(folder.join("medications.csv")).unwrap();
    assert!(meds.contains("\"2 puffs, as needed\""), "{meds}");

    // A second export into the same folder refuses before writing any file.
    let before = fs::read(folder.join("self_checks.csv")).unwrap();
    let out = env.run(&["export", "--format", "csv", "-o", &arg]);
    assert_refused(&out, "--force");
    assert_eq!(fs::read(folder.join("self_checks.csv")).unwrap(), before);
}

#[test]
fn fhir_bundle_uses_the_symptom_codes_per_site() {
    let env = diary();
    let bytes = export(&env, "fhir", "fhir.json");
    let text = String::from_utf8(bytes.clone()).unwrap();
    assert!(!text.contains("89513003"), "never blepharospasm");
    // It reads back into the typed R4 resources (which refuse unknown fields).
    let bundle: Bundle = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(bundle.resource_type, "Bundle");
    assert_eq!(bundle.kind, "collection");
    let doc: Value = serde_json::from_slice(&bytes).unwrap();
    let entries = doc["entry"].as_array().unwrap();
    let patient = entries
        .iter()
        .find(|e| e["resource"]["resourceType"] == "Patient")
        .expect("a patient");
    let patient_ref = patient["fullUrl"].as_str().unwrap();
    for e in entries {
        assert!(e["fullUrl"].as_str().unwrap().starts_with("urn:uuid:"));
    }

    let symptoms: Vec<&Value> = entries
        .iter()
        .map(|e| &e["resource"])
        .filter(|r| {
            r["resourceType"] == "Observation" && r["code"]["coding"][0]["code"] == "75325-1"
        })
        .collect();
    // eyelid; calf and thigh (one per site); lower back.
    assert_eq!(symptoms.len(), 4);
    let by_site = |site: &str| -> &Value {
        symptoms
            .iter()
            .find(|o| o["bodySite"]["coding"][0]["code"] == site)
            .unwrap_or_else(|| panic!("no observation at body site {site}"))
    };
    for (site, finding) in [
        ("80243003", fhir::FASCICULATION),   // eyelid twitch
        ("53840002", fhir::CRAMP_LOWER_LEG), // calf cramp
        ("68367000", fhir::CRAMP),           // thigh cramp
        ("77568009", fhir::BACK_SPASM),      // lower back
    ] {
        let obs = by_site(site);
        assert_eq!(
            obs["valueCodeableConcept"]["coding"][0]["system"],
            fhir::SNOMED
        );
        assert_eq!(
            obs["valueCodeableConcept"]["coding"][0]["code"], finding,
            "{site}"
        );
        assert_eq!(obs["code"]["coding"][0]["system"], fhir::LOINC);
        assert_eq!(obs["performer"][0]["reference"], patient_ref);
        assert_eq!(obs["subject"]["reference"], patient_ref);
        assert_eq!(obs["status"], "final");
        assert_eq!(
            obs["component"][0]["code"]["coding"][0]["code"],
            fhir::SEVERITY
        );
    }
    let eyelid = by_site("80243003");
    assert_eq!(eyelid["effectiveDateTime"], "2026-11-20T08:00:00+00:00");
    assert_eq!(eyelid["bodySite"]["text"], "eyelid, left");
    assert_eq!(eyelid["note"][0]["text"], TRICKY_NOTE);
    let calf = by_site("53840002");
    assert_eq!(
        calf["effectivePeriod"]["start"],
        "2026-11-22T03:10:00+00:00"
    );
    assert_eq!(calf["effectivePeriod"]["end"], "2026-11-22T03:13:00+00:00");
    let pain = calf["component"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"]["coding"][0]["code"] == fhir::PAIN)
        .expect("a pain component");
    assert_eq!(pain["valueInteger"], 7);

    let resources: Vec<&Value> = entries.iter().map(|e| &e["resource"]).collect();
    let sleep = resources
        .iter()
        .find(|r| r["code"]["coding"][0]["code"] == fhir::SLEEP_DURATION)
        .expect("sleep observation");
    assert_eq!(sleep["valueQuantity"]["value"], 5.5);
    assert_eq!(sleep["valueQuantity"]["code"], "h");
    assert_eq!(sleep["effectiveDateTime"], "2026-11-22");

    let med = resources
        .iter()
        .find(|r| r["resourceType"] == "MedicationStatement")
        .expect("a medication statement");
    assert_eq!(med["effectivePeriod"]["start"], "2026-10-01");
    assert_eq!(med["status"], "active");
    assert_eq!(med["medicationCodeableConcept"]["text"], "salbutamol");
    assert_eq!(med["subject"]["reference"], patient_ref);

    // Self-check findings: present and absent, dated.
    let finding = |code: &str| -> Vec<&&Value> {
        resources
            .iter()
            .filter(|r| {
                r["code"]["coding"][0]["code"] == code && r["effectiveDateTime"] == "2026-11-21"
            })
            .collect()
    };
    let tingling = finding("91019004");
    assert_eq!(tingling.len(), 1);
    assert_eq!(
        tingling[0]["valueCodeableConcept"]["coding"][0]["code"],
        fhir::PRESENT
    );
    let atrophy = finding("88092000");
    assert_eq!(
        atrophy[0]["valueCodeableConcept"]["coding"][0]["code"],
        fhir::ABSENT
    );
    let weakness = finding(fhir::MUSCLE_WEAKNESS);
    assert_eq!(weakness.len(), 2, "heel walk and jar were tested");
    let values: Vec<&Value> = weakness
        .iter()
        .map(|w| &w["valueCodeableConcept"]["coding"][0]["code"])
        .collect();
    assert!(values.contains(&&Value::from(fhir::PRESENT)), "jar failed");
    assert!(values.contains(&&Value::from(fhir::ABSENT)), "heel walk ok");
    assert!(
        bundle
            .entry
            .iter()
            .any(|e| matches!(e.resource, Resource::MedicationStatement(_)))
    );
}

#[test]
fn an_eyelid_twitch_is_never_blepharospasm() {
    use myolog::domain::Kind;
    assert_eq!(fhir::finding(Kind::Twitch, "eyelid").0, fhir::FASCICULATION);
    assert_eq!(fhir::finding(Kind::Cramp, "eyelid").0, fhir::CRAMP);
}

#[test]
fn an_empty_period_gives_valid_files() {
    let env = diary();
    let period = ["--since", "2020-01-01", "--until", "2020-01-31"];
    let path = |n: &str| env.path(n).to_str().unwrap().to_owned();
    env.ok(&[
        &["export", "--format", "json", "-o", &path("e.json")][..],
        &period,
    ]
    .concat());
    let doc: Value = serde_json::from_slice(&fs::read(env.path("e.json")).unwrap()).unwrap();
    assert_eq!(doc["episodes"].as_array().unwrap().len(), 0);
    assert_eq!(doc["period"]["since"], "2020-01-01");
    assert_eq!(doc["period"]["until"], "2020-01-31");

    env.ok(&[
        &["export", "--format", "csv", "-o", &path("e.csv")][..],
        &period,
    ]
    .concat());
    let text = fs::read_to_string(env.path("e.csv")).unwrap();
    assert_eq!(text.lines().count(), 1, "the header only: {text:?}");

    env.ok(&[
        &["export", "--format", "fhir", "-o", &path("e.fhir")][..],
        &period,
    ]
    .concat());
    let bundle: Bundle = serde_json::from_slice(&fs::read(env.path("e.fhir")).unwrap()).unwrap();
    assert!(
        bundle
            .entry
            .iter()
            .all(|e| !matches!(&e.resource, Resource::Observation(_)))
    );
}

#[test]
fn since_and_until_are_days_and_bound_the_episodes() {
    let env = diary();
    let path = env.path("p.json");
    env.ok(&[
        "export",
        "--format",
        "json",
        "--since",
        "2026-11-21",
        "--until",
        "2026-11-22",
        "-o",
        path.to_str().unwrap(),
    ]);
    let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let kinds: Vec<&str> = doc["episodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["2026-11-22T03:10:00Z"]);
    // Relative days count back from the injected clock (2026-11-25): `-4d` is the last four
    // days, today included, so it starts on the 22nd and holds the cramp of 03:10 that day.
    let path = env.path("recent.json");
    env.ok(&[
        "export",
        "--format",
        "json",
        "--since",
        "-4d",
        "-o",
        path.to_str().unwrap(),
    ]);
    let doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    assert_eq!(doc["period"]["since"], "2026-11-22");
    assert_eq!(doc["episodes"].as_array().unwrap().len(), 2);
}

#[test]
fn bad_input_names_the_option_and_writes_nothing() {
    let env = diary();
    let before = files_in(&env);
    let target = env.path("x.json");
    let t = target.to_str().unwrap();
    for (args, names) in [
        (vec!["--since", "soon"], "--since"),
        (vec!["--until", "2026-02-30"], "--until"),
        (
            vec!["--since", "2026-11-22", "--until", "2026-11-01"],
            "--since",
        ),
    ] {
        let mut all = vec!["export", "--format", "json", "-o", t];
        all.extend(args);
        assert_refused(&env.run(&all), names);
    }
    assert_refused(
        &env.run(&["export", "--format", "xml", "-o", t]),
        "--format",
    );
    assert_eq!(files_in(&env), before);
}

#[test]
fn report_formats_write_the_doctors_report() {
    use std::os::unix::fs::PermissionsExt;
    let env = diary();
    for (format, starts) in [
        ("md", &b"# Symptom diary"[..]),
        ("html", &b"<!DOCTYPE html>"[..]),
        ("pdf", &b"%PDF-"[..]),
    ] {
        let t = env.path(&format!("r.{format}"));
        env.ok(&["export", "--format", format, "-o", t.to_str().unwrap()]);
        let bytes = fs::read(&t).unwrap();
        assert!(
            bytes.starts_with(starts),
            "{format} starts {:?}",
            &bytes[..20]
        );
        let mode = fs::metadata(&t).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{format}");
        // A second export to the same name is refused and leaves the first as it was.
        let out = env.run(&["export", "--format", format, "-o", t.to_str().unwrap()]);
        let line = assert_refused(&out, "FILE");
        assert!(line.contains("--force"), "{line}");
        assert_eq!(fs::read(&t).unwrap(), bytes);
    }
    let md = fs::read_to_string(env.path("r.md")).unwrap();
    assert!(md.contains("not a diagnosis"), "{md}");
    assert!(!md.contains("<script>"), "the note is escaped:\n{md}");
}

/// A Python with `fhir.resources` 6.4.0 (the typed models of FHIR R4, 4.0.1, on pydantic 1,
/// which refuse unknown fields and wrong types, pinned in tests/fhir-r4-requirements.txt), in a
/// virtual environment under target/ that is made once from PyPI (`.ci/run` makes it while the
/// tests build, the same way).
fn fhir_r4_validator() -> PathBuf {
    let venv = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fhir-r4-venv");
    let python = venv.join("bin").join("python");
    let ready = venv.join("ready");
    if !ready.exists() {
        let run = |program: &Path, args: &[&str]| {
            let status = Command::new(program).args(args).status();
            assert!(
                matches!(status, Ok(s) if s.success()),
                "setting up the FHIR R4 validator failed: {} {args:?} ({status:?}); \
                 it needs python3 with venv and PyPI",
                program.display()
            );
        };
        run(
            Path::new("python3"),
            &["-m", "venv", venv.to_str().unwrap()],
        );
        run(
            &python,
            &[
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--requirement",
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/fhir-r4-requirements.txt"
                ),
            ],
        );
        fs::write(&ready, "").unwrap();
    }
    python
}

#[test]
fn fhir_bundle_validates_against_the_typed_r4_models() {
    let env = diary();
    with_report_config(&env);
    let path = env.path("fhir.json");
    env.ok(&["export", "--format", "fhir", "-o", path.to_str().unwrap()]);
    let script = "import sys\n\
        from fhir.resources import __fhir_version__\n\
        from fhir.resources.bundle import Bundle\n\
        b = Bundle.parse_file(sys.argv[1])\n\
        print(__fhir_version__, b.type, ' '.join(sorted({e.resource.resource_type for e in b.entry})))\n\
        p = [e.resource for e in b.entry if e.resource.resource_type == 'Patient'][0]\n\
        print(b.timestamp.isoformat(), p.name[0].text, p.birthDate.isoformat())\n\
        sites = [e.resource.bodySite for e in b.entry if getattr(e.resource, 'bodySite', None)]\n\
        print(' '.join(c.code for s in sites for c in s.coding))\n";
    let out = Command::new(fhir_r4_validator())
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the FHIR R4 models refuse the bundle:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = said.lines().collect();
    assert_eq!(
        lines[0],
        "4.0.1 collection MedicationStatement Observation Patient"
    );
    // The typed models read the timestamp as an instant, the name and the birth date.
    assert_eq!(
        lines[1],
        "2026-11-25T10:15:00+00:00 Alex Example 1980-04-02"
    );
    // Each site's code, then for a site with a side the code refined by its laterality.
    assert_eq!(
        lines[2],
        "80243003 80243003:272741003=7771000 \
         53840002 53840002:272741003=24028007 \
         68367000 68367000:272741003=24028007 \
         77568009 \
         21974007"
    );

    // The validator is strict: the same bundle with one unknown field is refused.
    let mut doc: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    doc["entry"][1]["resource"]["severityScore"] = Value::from(3);
    fs::write(&path, serde_json::to_vec(&doc).unwrap()).unwrap();
    let out = Command::new(fhir_r4_validator())
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success(), "an unknown field must be refused");
}

/// The config's `[report]` section, which FHIR's Patient reads too.
fn with_report_config(env: &Env) {
    let dir = env.dir.path().join("config").join("myolog");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("config.toml"),
        "[report]\nname = \"Alex Example\"\nbirth_date = 1980-04-02\n",
    )
    .unwrap();
}

fn bundle_of(env: &Env, name: &str) -> Value {
    serde_json::from_slice(&export(env, "fhir", name)).unwrap()
}

fn patient_of(bundle: &Value) -> &Value {
    bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["resourceType"] == "Patient")
        .expect("a patient")
}

#[test]
fn each_diary_has_its_own_patient_id_kept_in_the_diary() {
    let (a, b) = (diary(), diary());
    let (first, again, other) = (
        bundle_of(&a, "1.json"),
        bundle_of(&a, "2.json"),
        bundle_of(&b, "3.json"),
    );
    let id = |bundle: &Value| patient_of(bundle)["id"].as_str().unwrap().to_owned();
    assert_eq!(id(&first), id(&again), "one diary, one patient");
    assert_ne!(id(&first), id(&other), "two diaries, two patients");
    assert!(uuid::Uuid::parse_str(&id(&first)).is_ok());
    // The id is the diary's, stored in it, and named as such on the Patient.
    let stored: String = common::sql(&a.db)
        .query_row("SELECT diary_id FROM diary_meta", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id(&first), stored);
    assert_eq!(
        patient_of(&first)["identifier"][0]["system"],
        fhir::DIARY_ID_SYSTEM
    );
    assert_eq!(
        patient_of(&first)["identifier"][0]["value"],
        stored.as_str()
    );
    // Without a [report] section the Patient has no name; its check-in observations differ
    // between the diaries though both were made on the same day.
    assert!(patient_of(&first).get("name").is_none());
    let sleep_ids = |bundle: &Value| -> Vec<String> {
        bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["resource"]["code"]["coding"][0]["code"] == fhir::SLEEP_DURATION)
            .map(|e| e["fullUrl"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(sleep_ids(&first).len(), 1);
    assert_ne!(sleep_ids(&first), sleep_ids(&other));
    // Every reference in the bundle points at this diary's patient.
    let url = first["entry"][0]["fullUrl"].as_str().unwrap();
    assert_eq!(url, format!("urn:uuid:{stored}"));
    assert_eq!(first["timestamp"], "2026-11-25T10:15:00+00:00");
}

#[test]
fn a_diary_upgraded_from_version_2_gets_an_id_once() {
    // A diary as version 2 wrote it (the schema of that release, one twitch by SQL).
    let env = Env::new();
    {
        let mut c = rusqlite::Connection::open(&env.db).unwrap();
        myolog::store::migrations()
            .unwrap()
            .to_version(&mut c, 2)
            .unwrap();
        c.execute_batch(
            "INSERT INTO episodes (id, kind, start_utc, utc_offset_s, intensity, created_utc, updated_utc)
                 VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 'twitch', 1763953800, 0, 2, 1763953800, 1763953800);
             INSERT INTO episode_sites VALUES ('66666666-7777-4888-8999-aaaaaaaaaaaa', 0, 'eyelid', 'right');",
        )
        .unwrap();
    }
    let first = bundle_of(&env, "1.json");
    let again = bundle_of(&env, "2.json");
    let id = patient_of(&first)["id"].as_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&id).is_ok(), "{id}");
    assert_eq!(patient_of(&again)["id"], id.as_str());
}

#[test]
fn laterality_is_coded_for_sites_with_a_side_and_only_for_them() {
    let env = diary();
    let bundle = bundle_of(&env, "f.json");
    let codings = |code: &str| -> Vec<(String, String)> {
        let obs = bundle["entry"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| &e["resource"])
            .find(|r| r["bodySite"]["coding"][0]["code"] == code)
            .unwrap_or_else(|| panic!("no observation at {code}"));
        obs["bodySite"]["coding"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["code"].as_str().unwrap().to_owned(),
                    c["display"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };
    assert_eq!(
        codings("53840002"),
        [
            ("53840002".to_owned(), "calf".to_owned()),
            (
                format!("53840002:{}={}", fhir::LATERALITY, fhir::RIGHT),
                "calf: laterality = Right".to_owned()
            ),
        ]
    );
    assert_eq!(codings("80243003")[1].0, "80243003:272741003=7771000");
    // The lower back has no side: its code alone.
    assert_eq!(codings("77568009").len(), 1);
    // Both sides: 51440002.
    env.log(&["twitch", "--site", "knee:both", "--at", "2026-11-24 09:00"]);
    let bundle = bundle_of(&env, "g.json");
    let knee = bundle["entry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["resource"])
        .find(|r| r["bodySite"]["coding"][0]["code"] == "72696002")
        .expect("the knee, coded finer than the lower limb");
    assert_eq!(
        knee["bodySite"]["coding"][1]["code"],
        "72696002:272741003=51440002"
    );
    assert_eq!(knee["bodySite"]["text"], "knee, both");
}

#[test]
fn csv_has_a_byte_order_mark_only_with_excel() {
    let env = diary();
    let plain = env.path("plain");
    let excel = env.path("excel");
    env.ok(&[
        "export",
        "--format",
        "csv",
        "-o",
        &format!("{}/", plain.display()),
    ]);
    env.ok(&[
        "export",
        "--format",
        "csv",
        "--excel",
        "-o",
        &format!("{}/", excel.display()),
    ]);
    for name in [
        "episodes.csv",
        "checkins.csv",
        "medications.csv",
        "self_checks.csv",
    ] {
        let plain = fs::read(plain.join(name)).unwrap();
        let excel = fs::read(excel.join(name)).unwrap();
        assert!(
            !plain.starts_with(b"\xEF\xBB\xBF"),
            "{name} without --excel"
        );
        assert_eq!(excel, [&b"\xEF\xBB\xBF"[..], &plain].concat(), "{name}");
    }
    // myolog reads its own Excel CSV back: the same episodes, nothing new.
    let out = env.ok(&["import", excel.join("episodes.csv").to_str().unwrap()]);
    assert!(
        out.contains("added nothing; 3 entries already here"),
        "{out}"
    );
    // Only CSV takes it.
    let out = env.run(&["export", "--format", "json", "--excel", "-o", "x.json"]);
    assert_refused(&out, "--excel");
    assert!(!env.path("x.json").exists());
}

#[test]
fn export_help_says_what_the_csv_columns_hold() {
    let env = Env::new();
    let help = env.ok(&["export", "--help"]);
    for needed in [
        "YYYY-MM-DD",
        "RFC 3339",
        "yes or no",
        "ok or fail",
        "An empty cell is unknown",
        "--excel",
    ] {
        assert!(
            help.contains(needed),
            "export --help lacks {needed:?}:\n{help}"
        );
    }
}

/// `--since 90d` is the last 90 days, today included, in the report's words and in the
/// patterns view: the number asked for is the number said (it used to say 91).
#[test]
fn since_90d_is_a_period_of_90_days() {
    let env = diary();
    // A check-in long before: the diary covers the whole 90 days.
    env.ok(&["checkin", "--date", "2026-06-01", "--sleep", "7"]);
    let path = env.path("r.md");
    env.ok(&[
        "export",
        "--format",
        "md",
        "--since",
        "90d",
        "-o",
        path.to_str().unwrap(),
    ]);
    let md = fs::read_to_string(path).unwrap();
    assert!(
        md.contains("**Period:** 2026-08-28 to 2026-11-25 (90 days)"),
        "{}",
        &md[..md.len().min(400)]
    );
    let text = env.ok(&["patterns", "--since", "30d"]);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("for the 30 days 2026-10-27 to 2026-11-25"),
        "{text}"
    );
}
