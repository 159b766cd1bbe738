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

/// One child table's rows, read in episode-id order (then position): each episode's id once,
/// split into its high and low halves, and where its payloads start; then the payloads alone.
/// The high halves lie apart in one dense array, so the binary search for each episode (in
/// start order, so at random among the ids) touches little memory; an episode with many rows
/// (32 triggers) costs its id once, not once a row.
struct Children<T> {
    high: Vec<u64>,
    low: Vec<u64>,
    /// Where each episode's payloads start in `payloads`, and one past the last.
    starts: Vec<u32>,
    payloads: Vec<T>,
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
            low: Vec::new(),
            starts: Vec::new(),
            payloads: Vec::new(),
        };
        while let Some(r) = rows.next()? {
            let (high, low) = halves(parse_uuid(0, row_text(r, 0)?)?);
            if out.high.last() != Some(&high) || out.low.last() != Some(&low) {
                out.high.push(high);
                out.low.push(low);
                out.starts.push(index(out.payloads.len())?);
            }
            out.payloads.push(payload(r)?);
        }
        out.starts.push(index(out.payloads.len())?);
        out.high.shrink_to_fit();
        out.low.shrink_to_fit();
        out.starts.shrink_to_fit();
        out.payloads.shrink_to_fit();
        Ok(out)
    }

    /// The payloads of `id`, in position order.
    fn of(&self, id: Uuid) -> impl Iterator<Item = T> + '_ {
        let (high, low) = halves(id);
        let from = self.high.partition_point(|h| *h < high);
        let found = (from..self.high.len())
            .take_while(|&i| self.high[i] == high)
            .find(|&i| self.low[i] == low);
        let rows = found.map_or(0..0, |i| {
            self.starts[i] as usize..self.starts[i + 1] as usize
        });
        self.payloads[rows].iter().copied()
    }
}

/// A payload's index: a diary holds far fewer than four billion child rows.
fn index(n: usize) -> Result<u32> {
    u32::try_from(n)
        .map_err(|_| StoreError::from(rusqlite::Error::IntegralValueOutOfRange(0, i64::MAX)))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Episodes with many rows, one row, none; ids that share their high half; each looked up
    /// in an order of its own: every row comes back with its episode, in position order.
    #[test]
    fn children_give_each_episode_its_rows_in_order() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE c (episode_id TEXT, position INTEGER, v INTEGER)")
            .unwrap();
        let id = |high: u64, low: u64| Uuid::from_u128((u128::from(high) << 64) | u128::from(low));
        let many = id(7, 1);
        let twin = id(7, 2);
        let one = id(3, 9);
        let none = id(5, 5);
        let mut wanted = vec![
            (many, (0..32).collect::<Vec<i64>>()),
            (twin, vec![40, 41]),
            (one, vec![50]),
        ];
        for (episode, values) in &wanted {
            // Written positions last first: the read orders them.
            for (position, v) in values.iter().enumerate().rev() {
                conn.execute(
                    "INSERT INTO c VALUES (?1, ?2, ?3)",
                    (episode.to_string(), position as i64, v),
                )
                .unwrap();
            }
        }
        let children = Children::read(
            &conn,
            "SELECT episode_id, v FROM c ORDER BY episode_id, position",
            |r| r.get::<_, i64>(1),
        )
        .unwrap();
        assert_eq!(children.high.len(), 3, "each id once");
        wanted.push((none, Vec::new()));
        wanted.reverse();
        for (episode, values) in wanted {
            assert_eq!(
                children.of(episode).collect::<Vec<_>>(),
                values,
                "{episode}"
            );
        }
    }
}
