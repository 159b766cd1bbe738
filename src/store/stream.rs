//! Every episode of a long period in one pass, oldest first, for the exports: the episodes
//! table walked in start order, their sites, triggers and reliefs read ahead, each table once
//! in its own (id) order and kept as small codes, then handed out with each episode. Looking
//! each episode's rows up instead costs a random page read per row on a 100,000-episode diary.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row};
use uuid::Uuid;

use super::episodes::{COLUMNS, Words, episode_from_row, parse_uuid, row_text, side_at};
use super::{Result, StoreError, secs};
use crate::domain::{Episode, ReliefUse, SiteRef};

/// One child table's rows, in episode-id order (then position): the episode's id, split into
/// its high and low halves, and a payload. The high halves lie apart in one dense array, so
/// the binary search for each episode (in start order, so at random among the ids) touches
/// a third of the memory it would over whole rows.
struct Children<T> {
    high: Vec<u64>,
    rows: Vec<(u64, T)>,
}

fn halves(id: Uuid) -> (u64, u64) {
    let n = id.as_u128();
    ((n >> 64) as u64, n as u64)
}

impl<T: Copy> Children<T> {
    fn read(
        conn: &Connection,
        sql: &str,
        mut payload: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Self> {
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([])?;
        let mut out = Children {
            high: Vec::new(),
            rows: Vec::new(),
        };
        while let Some(r) = rows.next()? {
            let (high, low) = halves(parse_uuid(0, row_text(r, 0)?)?);
            out.high.push(high);
            out.rows.push((low, payload(r)?));
        }
        out.high.shrink_to_fit();
        out.rows.shrink_to_fit();
        Ok(out)
    }

    /// The payloads of `id`, in position order.
    fn of(&self, id: Uuid) -> impl Iterator<Item = T> + '_ {
        let (high, low) = halves(id);
        let from = self.high.partition_point(|h| *h < high);
        self.high[from..]
            .iter()
            .zip(&self.rows[from..])
            .take_while(move |(h, _)| **h == high)
            .filter(move |(_, (l, _))| *l == low)
            .map(|(_, (_, t))| *t)
    }
}

/// Calls `f` with every live episode started in `[since, until)`, by start then id.
pub(super) fn each_episode<E: From<StoreError>>(
    conn: &Connection,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
    mut f: impl FnMut(&Episode) -> std::result::Result<(), E>,
) -> std::result::Result<(), E> {
    let mut words = Words::default();
    let sites = Children::read(
        conn,
        "SELECT episode_id, site, side FROM episode_sites ORDER BY episode_id, position",
        |r| Ok((words.code(row_text(r, 1)?), side_at(r, 2)?)),
    )?;
    let triggers = Children::read(
        conn,
        "SELECT episode_id, trigger FROM episode_triggers ORDER BY episode_id, position",
        |r| Ok(words.code(row_text(r, 1)?)),
    )?;
    let reliefs = Children::read(
        conn,
        "SELECT episode_id, relief, helped FROM episode_reliefs ORDER BY episode_id, position",
        |r| Ok((words.code(row_text(r, 1)?), r.get::<_, Option<bool>>(2)?)),
    )?;
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM episodes WHERE deleted_utc IS NULL
               AND start_utc >= coalesce(?1, -9223372036854775808)
               AND start_utc < coalesce(?2, 9223372036854775807)
             ORDER BY start_utc, id"
        ))
        .map_err(StoreError::from)?;
    let mut rows = stmt
        .query((since.map(secs), until.map(secs)))
        .map_err(StoreError::from)?;
    while let Some(r) = rows.next().map_err(StoreError::from)? {
        let mut e = episode_from_row(r).map_err(StoreError::from)?;
        e.sites = sites
            .of(e.id)
            .map(|(code, side)| SiteRef {
                site: words.word(code).to_string(),
                side,
            })
            .collect();
        e.triggers = triggers
            .of(e.id)
            .map(|code| words.word(code).to_string())
            .collect();
        e.reliefs = reliefs
            .of(e.id)
            .map(|(code, helped)| ReliefUse {
                relief: words.word(code).to_string(),
                helped,
            })
            .collect();
        f(&e)?;
    }
    Ok(())
}
