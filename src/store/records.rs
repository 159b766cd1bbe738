//! A record of any kind found by its id, or by the first few characters of it: what
//! `myolog edit ID` and `delete ID` act on. Episodes, medications, self-checks and experiments
//! keep their ids; a check-in's id is its date's ([`crate::domain::checkin_id`]), worked out here for each
//! date the diary holds.

use rusqlite::Connection;
use uuid::Uuid;

use super::episodes::parse_uuid;
use super::undo::Kept;
use super::{Diary, Lookup, Result, checkins};
use crate::domain::{Record, checkin_id};

/// The shortest id prefix accepted.
pub const MIN_PREFIX: usize = 4;

/// What kind of record an id belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Episode,
    CheckIn(chrono::NaiveDate),
    Medication,
    SelfCheck,
    Experiment,
}

impl Diary {
    /// The live record, of whatever kind, whose id starts with `prefix` (at least
    /// [`MIN_PREFIX`] characters, case aside). A prefix that more than one record's id starts
    /// with is refused, naming each.
    pub fn find_record(&self, prefix: &str) -> Result<Record> {
        let prefix = id_prefix(prefix)?;
        let mut found: Vec<(Kind, Uuid)> = Vec::new();
        for (kind, table, live) in [
            (Kind::Episode, "episodes", "AND deleted_utc IS NULL"),
            (Kind::Medication, "medications", ""),
            (Kind::SelfCheck, "self_checks", ""),
            (Kind::Experiment, "experiments", ""),
        ] {
            for id in ids_starting(&self.conn, table, live, &prefix)? {
                found.push((kind, id));
            }
        }
        let mut dates = self.conn.prepare_cached("SELECT date FROM checkins")?;
        let mut rows = dates.query([])?;
        while let Some(r) = rows.next()? {
            let date = checkins::parse_day(0, &r.get::<_, String>(0)?)?;
            let id = checkin_id(date);
            if id.to_string().starts_with(&prefix) {
                found.push((Kind::CheckIn(date), id));
            }
        }
        match found.as_slice() {
            [] => Err(Lookup::NoRecord(prefix).into()),
            [(kind, id)] => self.record(*kind, *id, &prefix),
            many => {
                let named = many
                    .iter()
                    .map(|(kind, id)| match kind {
                        Kind::Episode => format!("episode {id}"),
                        Kind::CheckIn(date) => format!("check-in of {date} {id}"),
                        Kind::Medication => format!("medication {id}"),
                        Kind::SelfCheck => format!("self-check {id}"),
                        Kind::Experiment => format!("experiment {id}"),
                    })
                    .collect();
                Err(Lookup::ManyRecords(prefix, named).into())
            }
        }
    }

    fn record(&self, kind: Kind, id: Uuid, prefix: &str) -> Result<Record> {
        Ok(match kind {
            Kind::Episode => Record::Episode(self.live(id, prefix)?),
            Kind::CheckIn(date) => Record::CheckIn(self.live(date, prefix)?),
            Kind::Medication => Record::Medication(self.live(id, prefix)?),
            Kind::SelfCheck => Record::SelfCheck(self.live(id, prefix)?),
            Kind::Experiment => Record::Experiment(self.live(id, prefix)?),
        })
    }

    /// The live record `key`, which `prefix` found; refused, naming `prefix`, when it went
    /// meanwhile.
    fn live<T: Kept>(&self, key: T::Key, prefix: &str) -> Result<T> {
        T::load(&self.conn, key)?.ok_or_else(|| Lookup::NoRecord(prefix.to_string()).into())
    }
}

/// `text` as an id prefix: trimmed, lower case, at least [`MIN_PREFIX`] characters of an id.
pub(super) fn id_prefix(text: &str) -> Result<String> {
    let prefix = text.trim().to_lowercase();
    if prefix.len() < MIN_PREFIX || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return Err(Lookup::NotAnId(text.trim().to_string()).into());
    }
    Ok(prefix)
}

/// The ids in `table` (with the extra condition `live`) that start with `prefix`, through the
/// table's key: a range of text, not a scan.
fn ids_starting(conn: &Connection, table: &str, live: &str, prefix: &str) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || '~' {live} LIMIT 5"
    ))?;
    let ids = stmt
        .query_map([prefix], |r| parse_uuid(0, &r.get::<_, String>(0)?))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
