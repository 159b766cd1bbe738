//! A health diary is private: every file myolog creates is readable by its owner only, and so
//! is any folder it creates for one.
#![cfg(unix)]

use crate::support::cli as common;

use common::{Env, mode};

#[test]
fn a_new_diary_and_its_new_folders_are_private() {
    let env = Env::new();
    let nested = env.path("health").join("diaries").join("me.sqlite3");
    let db = nested.to_str().unwrap();
    env.ok(&["--db", db, "log", "twitch", "--site", "eyelid:left"]);
    assert_eq!(mode(&nested), 0o600);
    assert_eq!(mode(&env.path("health").join("diaries")), 0o700);
    assert_eq!(mode(&env.path("health")), 0o700);
    // Nothing else the diary left behind is readable by others either.
    for entry in std::fs::read_dir(env.path("health").join("diaries")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path), 0o600, "{}", path.display());
    }
}

#[test]
fn a_diary_started_by_any_command_is_private() {
    for args in [
        &["checkin", "--sleep", "7"][..],
        &["med", "add", "salbutamol", "--class", "beta-2-agonist"],
        &["selfcheck", "--jar", "ok"],
        &["demo", "--days", "3"],
    ] {
        let env = Env::new();
        env.ok(args);
        assert_eq!(mode(&env.db), 0o600, "{args:?}");
    }
}

#[test]
fn a_backup_is_private() {
    let env = Env::new();
    env.log(&["cramp", "--site", "calf:left", "--pain", "6"]);
    let copy = env.path("backup.sqlite3");
    env.ok(&["backup", copy.to_str().unwrap()]);
    assert_eq!(mode(&copy), 0o600);
    // Into a folder that does not exist yet: made private too.
    let deep = env.path("backups").join("2026").join("copy.sqlite3");
    env.ok(&["backup", deep.to_str().unwrap()]);
    assert_eq!(mode(&deep), 0o600);
    assert_eq!(mode(&env.path("backups")), 0o700);
    assert_eq!(mode(&env.path("backups").join("2026")), 0o700);
}

#[test]
fn the_backup_made_before_an_upgrade_is_private() {
    let env = Env::new();
    {
        let mut conn = rusqlite::Connection::open(&env.db).unwrap();
        myolog::store::migrations()
            .unwrap()
            .to_version(&mut conn, 1)
            .unwrap();
    }
    // Even when the old diary itself was left readable by others.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&env.db, std::fs::Permissions::from_mode(0o644)).unwrap();
    env.ok(&["list"]);
    let backups: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".v1-backup-"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(mode(&backups[0]), 0o600);
}

/// Every file and folder under `dir`, with its mode.
fn modes(dir: &std::path::Path) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        out.push((path.display().to_string(), mode(&path)));
        if path.is_dir() {
            out.extend(modes(&path));
        }
    }
    out.sort();
    out
}

#[test]
fn every_file_myolog_makes_is_owner_only_even_the_journal_files_while_open() {
    // With no umask at all, myolog's own modes are all that keep the files private.
    let env = Env::new();
    let run = |args: &[&str]| {
        use std::os::unix::process::CommandExt;
        let mut cmd = env.command();
        // SAFETY: umask is async-signal-safe and touches nothing else.
        #[allow(unsafe_code)]
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::umask(rustix::fs::Mode::empty());
                Ok(())
            });
        }
        let out = cmd.args(args).output().unwrap();
        common::assert_ok(&out, args);
    };
    let home = env.path("home");
    let db = home.join("myolog").join("diary.sqlite3");
    let d = db.to_str().unwrap();
    // An old diary, so opening it upgrades and leaves a backup beside it.
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    {
        let mut conn = rusqlite::Connection::open(&db).unwrap();
        myolog::store::migrations()
            .unwrap()
            .to_version(&mut conn, 1)
            .unwrap();
    }
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::set_permissions(db.parent().unwrap(), std::fs::Permissions::from_mode(0o700)).unwrap();
    std::fs::set_permissions(&home, std::fs::Permissions::from_mode(0o700)).unwrap();
    run(&["--db", d, "log", "twitch", "--site", "eyelid:left"]);
    run(&["--db", d, "checkin", "--sleep", "6"]);
    let copy = home.join("backups").join("copy.sqlite3");
    run(&["--db", d, "backup", copy.to_str().unwrap()]);
    run(&[
        "--db",
        home.join("demo.sqlite3").to_str().unwrap(),
        "demo",
        "--days",
        "5",
    ]);

    // Held open by a writer (as the UI holds it), the -wal and -shm files exist: list them.
    let mut open = myolog::store::Diary::open(
        &db,
        myolog::store::Access::Write,
        common::NOW.parse().unwrap(),
    )
    .unwrap();
    open.save_checkin(
        &myolog::domain::CheckIn {
            stress: Some(3),
            ..myolog::domain::CheckIn::empty(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
        },
        common::NOW.parse().unwrap(),
    )
    .unwrap();
    let listed = modes(&home);
    drop(open);
    let names: Vec<&str> = listed.iter().map(|(n, _)| n.as_str()).collect();
    for suffix in ["-wal", "-shm"] {
        assert!(
            names
                .iter()
                .any(|n| n.ends_with(&format!("diary.sqlite3{suffix}"))),
            "no {suffix} file while open: {names:?}"
        );
    }
    assert!(
        names.iter().any(|n| n.contains("diary.sqlite3.v1-backup-")),
        "no upgrade backup: {names:?}"
    );
    for (name, m) in &listed {
        let want = if std::path::Path::new(name).is_dir() {
            0o700
        } else {
            0o600
        };
        assert_eq!(*m, want, "{name} is {m:o}");
    }
}

/// Crates that speak to the network, or exist to.
const NETWORK_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "h2",
    "h3",
    "ureq",
    "tokio",
    "async-std",
    "curl",
    "curl-sys",
    "isahc",
    "surf",
    "attohttpc",
    "minreq",
    "native-tls",
    "rustls",
    "openssl",
    "openssl-sys",
    "socket2",
    "tungstenite",
    "quinn",
    "hickory-resolver",
    "trust-dns-resolver",
    "libp2p",
    "lettre",
    "ssh2",
    "git2",
    "sentry",
    "opentelemetry",
];

fn cargo(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    match out {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        Ok(out) => panic!(
            "cargo {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => panic!("cargo cannot be run here ({e}), so the dependency graph is unchecked"),
    }
}

#[test]
fn no_networking_crate_is_in_the_dependency_graph() {
    let tree = cargo(&[
        "tree",
        "-e",
        "normal",
        "--prefix",
        "none",
        "--locked",
        "--offline",
    ]);
    let crates: std::collections::BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(
        crates.contains("rusqlite"),
        "not the tree expected: {crates:?}"
    );
    let found: Vec<&&str> = NETWORK_CRATES
        .iter()
        .filter(|c| crates.contains(**c))
        .collect();
    assert!(
        found.is_empty(),
        "networking crates in the graph: {found:?}"
    );

    // mio is crossterm's event loop. Its "net" feature is switched on only by signal-hook-mio,
    // which uses a local Unix socket pair to hand signals over; anything else turning it on
    // would be a new road to the network.
    let features = cargo(&[
        "tree",
        "-e",
        "features",
        "-i",
        "mio",
        "--locked",
        "--offline",
    ]);
    let lines: Vec<&str> = features.lines().collect();
    if let Some(at) = lines.iter().position(|l| l.contains("mio feature \"net\"")) {
        let depth = |l: &str| l.chars().take_while(|c| !c.is_alphanumeric()).count();
        let own = depth(lines[at]);
        let enablers: Vec<&str> = lines[at + 1..]
            .iter()
            .take_while(|l| depth(l) > own)
            .filter(|l| depth(l) == own + 4)
            .map(|l| l.trim_start_matches(|c: char| !c.is_alphanumeric()))
            .collect();
        assert!(!enablers.is_empty(), "{features}");
        assert!(
            enablers.iter().all(|e| e.starts_with("signal-hook-mio ")),
            "mio's net feature is enabled by {enablers:?}"
        );
    }
}

#[test]
fn the_source_opens_no_sockets() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(!files.is_empty());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in [
            "std::net",
            "TcpStream",
            "UdpSocket",
            "TcpListener",
            "ToSocketAddrs",
        ] {
            assert!(!text.contains(word), "{} uses {word}", file.display());
        }
    }
}
