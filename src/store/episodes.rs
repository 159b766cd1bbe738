//! Episodes with their sites, triggers and reliefs.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Utc};
use rusqlite::{Connection, OptionalExtension, Row, ToSql, Transaction};
use uuid::Uuid;

use super::edits::Editable;
use super::undo::{Entity, Kept};
use super::{Diary, Lookup, Result, StoreError, conversion, from_secs, secs};
use crate::domain::{Episode, Invalid, Kind, ReliefUse, Side, SiteRef};

impl Kept for Episode {
    const ENTITY: Entity = Entity::Episode;
    type Key = Uuid;
    const TABLE: &'static str = "episodes";
    const VALIDATE: fn(&Self) -> std::result::Result<(), Invalid> = Episode::validate;

    fn key(&self) -> Uuid {
        self.id
    }

    fn load(conn: &Connection, id: Uuid) -> Result<Option<Self>> {
        load_one(conn, id)
    }

    fn missing(id: Uuid) -> StoreError {
        not_found(&id.to_string())
    }

    /// An episode is marked deleted, not removed, so that merging an older copy of the diary
    /// does not bring it back.
    fn remove(tx: &Transaction<'_>, id: Uuid, now: DateTime<Utc>) -> Result<()> {
        soft_delete(tx, &id.to_string(), now)
    }

    fn put(tx: &Transaction<'_>, episode: &Self, _: DateTime<Utc>) -> Result<()> {
        put_episode(tx, episode)
    }

    fn restamp(&mut self, now: DateTime<Utc>) {
        self.created = self.created.min(now);
        self.updated = now;
    }
}

impl Editable for Episode {
    const EDITING: &'static str = "editing an episode";
    const DELETING: &'static str = "deleting an episode";

    fn named(&self) -> String {
        format!(
            "the {} at {}",
            self.kind,
            self.start.format("%Y-%m-%d %H:%M")
        )
    }

    /// What it is and when it was made are not the edit's to change.
    fn settle(&mut self, before: &Self, now: DateTime<Utc>) {
        self.id = before.id;
        self.kind = before.kind;
        self.created = before.created.min(now);
        self.updated = now;
    }

    fn edited(before: &Self, _: &Self) -> String {
        format!("editing {}", before.named())
    }

    fn carry_changes(&mut self, base: &Self, edited: &Self) -> Vec<&'static str> {
        crate::domain::carry_changes!(self, base, edited;
            start, duration_s, sites, intensity, visible, pain, hardening, lost_motion, reliefs,
            sore_days, triggers, note
        )
    }
}

/// Which episodes to read: live ones only, newest first (ties by id, descending).
#[derive(Debug, Clone, Default)]
pub struct EpisodeFilter {
    /// Started at or after.
    pub since: Option<DateTime<Utc>>,
    /// Started before.
    pub until: Option<DateTime<Utc>>,
    pub kind: Option<Kind>,
    pub site: Option<String>,
    /// With `site`: only that side of it (`left` and `right` take in `both`).
    pub side: Option<Side>,
    pub trigger: Option<String>,
    /// A word searched for: in the note (any case, as far as SQLite folds it: ASCII letters),
    /// or as a trigger.
    pub text: Option<String>,
    /// The first characters of the id.
    pub id_prefix: Option<String>,
    pub limit: Option<u32>,
    pub offset: u32,
}

/// An [`EpisodeFilter`]'s values for the conditions of [`Matching::sql`]; the start bounds are
/// Unix seconds, which a page narrows further.
pub(super) struct Matching<'a> {
    pub since: Option<i64>,
    pub until: Option<i64>,
    kind: Option<&'static str>,
    site: Option<&'a str>,
    side: Option<&'static str>,
    trigger: Option<&'a str>,
    text: Option<String>,
    id: Option<String>,
}

impl EpisodeFilter {
    pub(super) fn matching(&self) -> Matching<'_> {
        Matching {
            since: self.since.map(secs),
            until: self.until.map(secs),
            kind: self.kind.map(Kind::as_str),
            site: self.site.as_deref(),
            side: self.side.map(Side::as_str),
            trigger: self.trigger.as_deref(),
            // In lower case, as `folded_contains` compares it with the note.
            text: self.text.as_deref().map(str::to_lowercase),
            id: self.id_prefix.as_deref().map(str::to_lowercase),
        }
    }
}

impl Matching<'_> {
    /// The live episodes the filter selects (its limit and offset aside), as conditions on
    /// the episodes table: only those the filter sets, so SQLite can use the index that fits
    /// (a kind by `episodes_by_kind`), and a site or trigger looked up for each episode
    /// considered rather than gathered for the whole diary first.
    pub(super) fn sql(&self) -> String {
        let mut sql = String::from("deleted_utc IS NULL");
        if self.since.is_some() {
            sql.push_str(" AND start_utc >= :since");
        }
        if self.until.is_some() {
            sql.push_str(" AND start_utc < :until");
        }
        if self.kind.is_some() {
            sql.push_str(" AND kind = :kind");
        }
        match (self.site, self.side) {
            (Some(_), None) => sql.push_str(
                " AND EXISTS (SELECT 1 FROM episode_sites s WHERE s.episode_id = episodes.id AND s.site = :site)",
            ),
            // A side matches itself, and 'both' matches either side.
            (Some(_), Some(_)) => sql.push_str(
                " AND EXISTS (SELECT 1 FROM episode_sites s WHERE s.episode_id = episodes.id AND s.site = :site
                   AND (s.side = :side OR (s.side = 'both' AND :side <> 'both')))",
            ),
            (None, _) => {}
        }
        if self.trigger.is_some() {
            sql.push_str(
                " AND EXISTS (SELECT 1 FROM episode_triggers t WHERE t.episode_id = episodes.id AND t.trigger = :trigger)",
            );
        }
        // Words of the note, or a trigger named in full. The episodes with that trigger are
        // found once, through the trigger index, rather than looked up for each episode: a
        // word no episode has is searched for over ten years in a third of the time.
        if self.text.is_some() {
            sql.push_str(
                " AND (folded_contains(note, :text)
                   OR id IN (SELECT episode_id FROM episode_triggers WHERE trigger = :text))",
            );
        }
        if self.id.is_some() {
            sql.push_str(" AND id >= :id_prefix AND id < :id_prefix || '~'");
        }
        sql
    }

    /// The named parameters of [`Matching::sql`], then `more`.
    pub(super) fn params<'p>(
        &'p self,
        more: &[(&'p str, &'p dyn ToSql)],
    ) -> Vec<(&'p str, &'p dyn ToSql)> {
        let mut params: Vec<(&str, &dyn ToSql)> = Vec::new();
        for (name, set, value) in [
            (":since", self.since.is_some(), &self.since as &dyn ToSql),
            (":until", self.until.is_some(), &self.until),
            (":kind", self.kind.is_some(), &self.kind),
            (":site", self.site.is_some(), &self.site),
            (
                ":side",
                self.site.is_some() && self.side.is_some(),
                &self.side,
            ),
            (":trigger", self.trigger.is_some(), &self.trigger),
            (":text", self.text.is_some(), &self.text),
            (":id_prefix", self.id.is_some(), &self.id),
        ] {
            if set {
                params.push((name, value));
            }
        }
        params.extend_from_slice(more);
        params
    }

    /// Whether only the kind, site and trigger are set (no start bounds, side, words or id):
    /// what the per-day summary can count.
    pub(super) fn by_kind_site_trigger(
        &self,
    ) -> Option<(Option<&str>, Option<&str>, Option<&str>)> {
        (self.since.is_none()
            && self.until.is_none()
            && self.side.is_none()
            && self.text.is_none()
            && self.id.is_none())
        .then_some((self.kind, self.site, self.trigger))
    }
}

pub(super) const COLUMNS: &str = "id, kind, start_utc, utc_offset_s, duration_s, intensity, visible, pain, \
     hardening, lost_motion, sore_days, note, created_utc, updated_utc";

impl Diary {
    /// Saves a new episode; `myolog undo` takes it back.
    pub fn add_episode(&mut self, episode: &Episode) -> Result<()> {
        episode.validate()?;
        let label = format!("logging {}", episode.named());
        self.add_kept(
            "logging an episode",
            episode.updated,
            episode,
            label,
            |tx| {
                if episode_exists(tx, episode.id)? {
                    return Err(Lookup::EpisodeExists(episode.id.to_string()).into());
                }
                Ok(())
            },
        )
    }

    /// Replaces a live episode with `episode` (same id); `myolog undo` restores the old one.
    pub fn update_episode(&mut self, episode: &Episode) -> Result<()> {
        self.edit::<Episode, StoreError>(episode.id, episode.updated, |e| {
            *e = episode.clone();
            Ok(())
        })
        .map(drop)
    }

    /// A live episode by id.
    pub fn episode(&self, id: Uuid) -> Result<Option<Episode>> {
        load_one(&self.conn, id)
    }

    /// The live episode whose id starts with `prefix` (at least 4 characters): ids are long, so
    /// the first few characters shown by `myolog list` are enough.
    pub fn find_episode(&self, prefix: &str) -> Result<Episode> {
        let prefix = prefix.trim().to_lowercase();
        if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
            return Err(Lookup::NotAnId(prefix).into());
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM episodes WHERE id >= ?1 AND id < ?1 || '~' AND deleted_utc IS NULL LIMIT 3",
        )?;
        let ids: Vec<String> = stmt
            .query_map([&prefix], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [] => Err(not_found(&prefix)),
            [one] => {
                let id = parse_uuid(0, one)?;
                load_one(&self.conn, id)?.ok_or_else(|| not_found(&prefix))
            }
            _ => Err(Lookup::ManyEpisodes(prefix, ids).into()),
        }
    }

    /// Live episodes that match `filter`, newest first, with their sites, triggers and reliefs.
    pub fn episodes(&self, filter: &EpisodeFilter) -> Result<Vec<Episode>> {
        let matching = filter.matching();
        let params = matching.params(&[(":limit", &filter.limit), (":offset", &filter.offset)]);
        let selected = format!(
            "SELECT id FROM episodes WHERE {}
             ORDER BY start_utc DESC, id DESC LIMIT coalesce(:limit, -1) OFFSET :offset",
            matching.sql()
        );
        episodes_where(&self.conn, &selected, &params, "start_utc DESC, id DESC")
    }

    /// How many live episodes match `filter` (its limit and offset aside).
    pub fn count_episodes(&self, filter: &EpisodeFilter) -> Result<u64> {
        let matching = filter.matching();
        if let Some(n) = super::summary::count(&self.conn, &matching)? {
            return Ok(n);
        }
        let n: i64 = self
            .conn
            .prepare_cached(&format!(
                "SELECT count(*) FROM episodes WHERE {}",
                matching.sql()
            ))?
            .query_row(&*matching.params(&[]), |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Writes many new episodes in one transaction, without undo entries (for `demo` and
    /// `import`).
    pub fn add_episodes_bulk<'a>(
        &mut self,
        episodes: impl IntoIterator<Item = &'a Episode>,
    ) -> Result<usize> {
        let tx = self.bulk_write_tx("adding episodes")?;
        let mut n = 0;
        for episode in episodes {
            episode.validate()?;
            put_episode(&tx, episode)?;
            n += 1;
        }
        tx.commit()?;
        Ok(n)
    }
}

/// The columns `lean_from_row` reads: what the pattern engine's evidence and charts need.
const LEAN_COLUMNS: &str = "id, kind, start_utc, utc_offset_s, duration_s, sore_days";

/// Live episodes started in `[since, until)`, oldest first, read table by table and joined in
/// memory: for large periods this is several times faster than a join in SQL.
pub(super) fn scan_range(
    conn: &Connection,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Result<Vec<Episode>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM episodes WHERE deleted_utc IS NULL
           AND start_utc >= coalesce(?1, -9223372036854775808) AND start_utc < coalesce(?2, 9223372036854775807)"
    ))?;
    let mut episodes: Vec<Episode> = stmt
        .query_map((since.map(secs), until.map(secs)), episode_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    // Grown by doubling, the list may have room for nearly twice the episodes read.
    episodes.shrink_to_fit();
    // Uuid order is the order of the ids as text, which is the child tables' key order; sort
    // positions rather than the (large) episodes themselves.
    let mut by_id: Vec<(Uuid, usize)> = episodes
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect();
    by_id.sort_unstable();
    // Sites and triggers are a few words on many episodes. They are read as codes in the
    // tables' id order, then each episode gets its strings in episode order, so that they lie
    // in memory in the order the pattern engine walks them (a whole-diary evaluation is
    // otherwise bound by cache misses on strings scattered in id order).
    let mut words = Words::default();
    let mut sites: Vec<(usize, u32, Option<Side>)> = Vec::new();
    walk_rows(
        conn,
        "SELECT episode_id, site, side FROM episode_sites ORDER BY episode_id, position",
        &by_id,
        |at, r| {
            let side = side_at(r, 2)?;
            sites.push((at, words.code(row_text(r, 1)?), side));
            Ok(())
        },
    )?;
    let mut triggers: Vec<(usize, u32)> = Vec::new();
    walk_rows(
        conn,
        "SELECT episode_id, trigger FROM episode_triggers ORDER BY episode_id, position",
        &by_id,
        |at, r| {
            triggers.push((at, words.code(row_text(r, 1)?)));
            Ok(())
        },
    )?;
    // Stable sorts: each episode's rows stay in position order.
    sites.sort_by_key(|s| s.0);
    triggers.sort_by_key(|t| t.0);
    // Each episode's lists are made at their exact length: grown by push, a one-site list
    // takes room for four, 100 bytes an episode over a whole diary.
    let (mut s, mut t) = (&sites[..], &triggers[..]);
    for (at, e) in episodes.iter_mut().enumerate() {
        let n = s.iter().take_while(|x| x.0 == at).count();
        e.sites = s[..n]
            .iter()
            .map(|&(_, code, side)| SiteRef {
                site: words.word(code).to_string(),
                side,
            })
            .collect();
        s = &s[n..];
        let n = t.iter().take_while(|x| x.0 == at).count();
        e.triggers = t[..n]
            .iter()
            .map(|&(_, code)| words.word(code).to_string())
            .collect();
        t = &t[n..];
    }
    drop((sites, triggers));
    attach(
        conn,
        "SELECT episode_id, relief, helped FROM episode_reliefs ORDER BY episode_id, position",
        &mut episodes,
        &by_id,
        |e, r| {
            e.reliefs.push(relief_at(r, 1)?);
            Ok(())
        },
    )?;
    // Rows come back in insertion order, usually close to time order. The ids are unique, so
    // an unstable sort gives the same order without a stable sort's buffer of half the
    // episodes (9 MB for a 10-year diary).
    episodes.sort_unstable_by_key(|e| (e.start, e.id));
    Ok(episodes)
}

/// Live episodes started in `[since, until)`, oldest first, with only what the per-day summary
/// counts (`LEAN_COLUMNS`, sites and triggers: severities, reliefs and notes are left empty),
/// found through the start index: for the few dates a summary sums again.
pub(super) fn probe_range_lean(
    conn: &Connection,
    since: Option<DateTime<Utc>>,
    until: Option<DateTime<Utc>>,
) -> Result<Vec<Episode>> {
    const RANGE: &str = "e.deleted_utc IS NULL
        AND e.start_utc >= coalesce(?1, -9223372036854775808)
        AND e.start_utc < coalesce(?2, 9223372036854775807)";
    let bounds = (since.map(secs), until.map(secs));
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {LEAN_COLUMNS} FROM episodes e WHERE {RANGE} ORDER BY e.start_utc, e.id"
    ))?;
    let mut episodes: Vec<Episode> = stmt
        .query_map(bounds, lean_from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let at: HashMap<Uuid, usize, foldhash::fast::FixedState> = episodes
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id, i))
        .collect();
    // CROSS JOIN keeps the episodes (by the start index) as the outer loop; the child rows
    // are put in position order explicitly (a unique index may serve them in another).
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT s.episode_id, s.site, s.side FROM episodes e CROSS JOIN episode_sites s
           ON s.episode_id = e.id WHERE {RANGE} ORDER BY e.start_utc, e.id, s.position"
    ))?;
    let mut rows = stmt.query(bounds)?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = at.get(&parse_uuid(0, row_text(r, 0)?)?) {
            let side = side_at(r, 2)?;
            episodes[i].sites.push(SiteRef {
                site: row_text(r, 1)?.to_string(),
                side,
            });
        }
    }
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.episode_id, t.trigger FROM episodes e CROSS JOIN episode_triggers t
           ON t.episode_id = e.id WHERE {RANGE} ORDER BY e.start_utc, e.id, t.position"
    ))?;
    let mut rows = stmt.query(bounds)?;
    while let Some(r) = rows.next()? {
        if let Some(&i) = at.get(&parse_uuid(0, row_text(r, 0)?)?) {
            episodes[i].triggers.push(row_text(r, 1)?.to_string());
        }
    }
    Ok(episodes)
}

/// Distinct words (site ids, triggers, reliefs) and their codes: the few words that stand on
/// many episodes, kept once.
#[derive(Default)]
pub(super) struct Words {
    codes: HashMap<String, u32, foldhash::fast::FixedState>,
    list: Vec<String>,
}

impl Words {
    pub(super) fn code(&mut self, word: &str) -> u32 {
        if let Some(&c) = self.codes.get(word) {
            return c;
        }
        let c = self.list.len() as u32;
        self.list.push(word.to_string());
        self.codes.insert(word.to_string(), c);
        c
    }

    /// The word of `code` (empty for a code this table never gave).
    pub(super) fn word(&self, code: u32) -> &str {
        self.list.get(code as usize).map_or("", String::as_str)
    }
}

pub(super) fn row_text<'r>(r: &'r Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    r.get_ref(i)?
        .as_str()
        .map_err(|e| conversion(i, e.to_string()))
}

/// Walks a child table in episode-id order beside `episodes` (visited in id order through
/// `by_id`), adding each row to its episode; rows of episodes not in the list are skipped.
fn attach(
    conn: &Connection,
    sql: &str,
    episodes: &mut [Episode],
    by_id: &[(Uuid, usize)],
    mut add: impl FnMut(&mut Episode, &Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    walk_rows(conn, sql, by_id, |at, r| add(&mut episodes[at], r))
}

/// Walks a child table in episode-id order beside `by_id` (episode ids, sorted, with their
/// positions), handing each row to `f` with its episode's position; rows of other episodes
/// are skipped.
fn walk_rows(
    conn: &Connection,
    sql: &str,
    by_id: &[(Uuid, usize)],
    mut f: impl FnMut(usize, &Row<'_>) -> rusqlite::Result<()>,
) -> Result<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([])?;
    let mut i = 0;
    while let Some(row) = rows.next()? {
        let id = parse_uuid(0, row_text(row, 0)?)?;
        while i < by_id.len() && by_id[i].0 < id {
            i += 1;
        }
        match by_id.get(i) {
            Some(&(at_id, at)) if at_id == id => f(at, row)?,
            Some(_) => {}
            None => break,
        }
    }
    Ok(())
}

/// Copies onto `current` every field in which `edited` differs from `base`.
fn not_found(id: &str) -> StoreError {
    Lookup::NoEpisode(id.to_string()).into()
}

fn episode_exists(conn: &Connection, id: Uuid) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM episodes WHERE id = ?1")?
        .exists([id.to_string()])?)
}

/// Inserts or replaces an episode and its child rows, and makes it live.
pub(super) fn put_episode(tx: &Transaction<'_>, e: &Episode) -> Result<()> {
    let id = e.id.to_string();
    tx.prepare_cached(
        "INSERT INTO episodes (id, kind, start_utc, utc_offset_s, duration_s, intensity, visible, pain,
             hardening, lost_motion, sore_days, note, created_utc, updated_utc, deleted_utc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, NULL)
         ON CONFLICT (id) DO UPDATE SET kind = ?2, start_utc = ?3, utc_offset_s = ?4, duration_s = ?5,
             intensity = ?6, visible = ?7, pain = ?8, hardening = ?9, lost_motion = ?10, sore_days = ?11,
             note = ?12, created_utc = ?13, updated_utc = ?14, deleted_utc = NULL",
    )?
    .execute(rusqlite::params![
        id,
        e.kind.as_str(),
        e.start.timestamp(),
        e.start.offset().local_minus_utc(),
        e.duration_s,
        e.intensity,
        e.visible,
        e.pain,
        e.hardening,
        e.lost_motion,
        e.sore_days,
        e.note,
        secs(e.created),
        secs(e.updated),
    ])?;
    for table in ["episode_sites", "episode_triggers", "episode_reliefs"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE episode_id = ?1"))?
            .execute([&id])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO episode_sites (episode_id, position, site, side) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, s) in (0i64..).zip(&e.sites) {
        insert.execute((&id, i, &s.site, s.side.map(Side::as_str)))?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO episode_triggers (episode_id, position, trigger) VALUES (?1, ?2, ?3)",
    )?;
    for (i, t) in (0i64..).zip(&e.triggers) {
        insert.execute((&id, i, t))?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO episode_reliefs (episode_id, position, relief, helped) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (i, r) in (0i64..).zip(&e.reliefs) {
        insert.execute((&id, i, &r.relief, r.helped))?;
    }
    Ok(())
}

/// Marks an episode deleted (undoing its creation).
pub(super) fn soft_delete(tx: &Transaction<'_>, id: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "UPDATE episodes SET deleted_utc = ?2 WHERE id = ?1 AND deleted_utc IS NULL",
        (id, secs(now)),
    )?;
    Ok(())
}

fn load_one(conn: &Connection, id: Uuid) -> Result<Option<Episode>> {
    let key = id.to_string();
    let found = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM episodes WHERE id = ?1 AND deleted_utc IS NULL"
        ))?
        .query_row([&key], episode_from_row)
        .optional()?;
    let Some(mut episode) = found else {
        return Ok(None);
    };
    children_of(conn, &mut episode)?;
    Ok(Some(episode))
}

/// Reads an episode's sites, triggers and reliefs, in their order.
pub(super) fn children_of(conn: &Connection, episode: &mut Episode) -> Result<()> {
    let key = episode.id.to_string();
    let rows = |table: &str, columns: &str| {
        format!("SELECT {columns} FROM {table} WHERE episode_id = ?1 ORDER BY position")
    };
    let mut sites = conn.prepare_cached(&rows("episode_sites", "site, side"))?;
    episode.sites = sites
        .query_map([&key], |r| site_at(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut triggers = conn.prepare_cached(&rows("episode_triggers", "trigger"))?;
    episode.triggers = triggers
        .query_map([&key], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut reliefs = conn.prepare_cached(&rows("episode_reliefs", "relief, helped"))?;
    episode.reliefs = reliefs
        .query_map([&key], |r| relief_at(r, 0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(())
}

/// A site from the `site, side` columns starting at column `i`.
fn site_at(r: &Row<'_>, i: usize) -> rusqlite::Result<SiteRef> {
    Ok(SiteRef {
        site: r.get(i)?,
        side: side_at(r, i + 1)?,
    })
}

/// The side in column `i`, read without copying the text.
pub(super) fn side_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<Side>> {
    r.get_ref(i)?
        .as_str_or_null()
        .map_err(|e| conversion(i, e.to_string()))?
        .map(|s| Side::parse(s).map_err(|m| conversion(i, m)))
        .transpose()
}

/// A relief from the `relief, helped` columns starting at column `i`.
fn relief_at(r: &Row<'_>, i: usize) -> rusqlite::Result<ReliefUse> {
    Ok(ReliefUse {
        relief: r.get(i)?,
        helped: r.get(i + 1)?,
    })
}

/// The live episodes whose ids the subquery `chosen` selects (with `params`), with their sites,
/// triggers and reliefs, in the order `order_by` gives over the episodes table.
pub(super) fn episodes_where(
    conn: &Connection,
    chosen: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
    order_by: &str,
) -> Result<Vec<Episode>> {
    let rows = |table: &str, columns: &str| {
        format!(
            "SELECT episode_id, {columns} FROM {table} WHERE episode_id IN ({chosen}) ORDER BY episode_id, position"
        )
    };
    let mut sites = children(conn, &rows("episode_sites", "site, side"), params, |r| {
        site_at(r, 1)
    })?;
    let mut triggers = children(conn, &rows("episode_triggers", "trigger"), params, |r| {
        r.get(1)
    })?;
    let mut reliefs = children(
        conn,
        &rows("episode_reliefs", "relief, helped"),
        params,
        |r| relief_at(r, 1),
    )?;
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM episodes WHERE deleted_utc IS NULL AND id IN ({chosen}) ORDER BY {order_by}"
    ))?;
    let rows = stmt.query_map(params, |r| {
        let id: String = r.get(0)?;
        let mut episode = episode_from_row(r)?;
        episode.sites = sites.remove(&id).unwrap_or_default();
        episode.triggers = triggers.remove(&id).unwrap_or_default();
        episode.reliefs = reliefs.remove(&id).unwrap_or_default();
        Ok(episode)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs a child-table query whose first column is the episode id, grouping rows by it.
fn children<T>(
    conn: &Connection,
    sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
    mut map: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
) -> Result<HashMap<String, Vec<T>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out: HashMap<String, Vec<T>> = HashMap::new();
    while let Some(row) = rows.next()? {
        let id: String = row.get(0)?;
        let value = map(row)?;
        out.entry(id).or_default().push(value);
    }
    Ok(out)
}

pub(super) fn episode_from_row(r: &Row<'_>) -> rusqlite::Result<Episode> {
    let (id, kind, start) = head_from_row(r)?;
    let (created, updated) = (from_secs(r.get(12)?)?, from_secs(r.get(13)?)?);
    Ok(Episode {
        duration_s: r.get(4)?,
        intensity: r.get(5)?,
        visible: r.get(6)?,
        pain: r.get(7)?,
        hardening: r.get(8)?,
        lost_motion: r.get(9)?,
        sore_days: r.get(10)?,
        note: r.get(11)?,
        ..Episode::known_as(id, kind, start, created, updated)
    })
}

/// An episode from the `LEAN_COLUMNS` of a row (see [`probe_range_lean`]).
fn lean_from_row(r: &Row<'_>) -> rusqlite::Result<Episode> {
    let (id, kind, start) = head_from_row(r)?;
    let epoch = DateTime::UNIX_EPOCH;
    Ok(Episode {
        duration_s: r.get(4)?,
        sore_days: r.get(5)?,
        ..Episode::known_as(id, kind, start, epoch, epoch)
    })
}

/// The id, kind and start of the first four columns that [`COLUMNS`] and `LEAN_COLUMNS` share,
/// read borrowed, not copied: whole-diary loads read 100,000 of these.
fn head_from_row(r: &Row<'_>) -> rusqlite::Result<(Uuid, Kind, DateTime<FixedOffset>)> {
    let id = parse_uuid(0, row_text(r, 0)?)?;
    let kind = Kind::parse(row_text(r, 1)?).map_err(|m| conversion(1, m))?;
    let offset: i32 = r.get(3)?;
    let offset = FixedOffset::east_opt(offset).ok_or_else(|| conversion(3, "bad offset".into()))?;
    Ok((id, kind, from_secs(r.get(2)?)?.with_timezone(&offset)))
}

pub(super) fn parse_uuid(column: usize, s: &str) -> rusqlite::Result<Uuid> {
    Uuid::parse_str(s).map_err(|e| conversion(column, e.to_string()))
}
