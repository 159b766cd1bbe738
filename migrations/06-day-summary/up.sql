-- The per-day summary: what the live episodes of each local date add up to, so the pattern
-- engine, the charts and Today's banner read one row a day instead of every episode. A local
-- date is date(start_utc + utc_offset_s), exactly as the code's Episode::local_date; an hour is
-- the local hour the episode started in.
--
-- Triggers note every date a change touches (any change to an episode or its sites and
-- triggers, by any path); the store rebuilds the noted dates from the episodes before each
-- write transaction commits (src/store/summary.rs), so the summary always agrees with the
-- episodes it sums. Rebuilding per transaction rather than per row keeps bulk writes (demo,
-- import) as fast as before: a trigger that recounted a date on every row would recount it
-- once per site and trigger of every episode written.

CREATE TABLE day_summary (
    date TEXT PRIMARY KEY NOT NULL,
    twitches INTEGER NOT NULL,
    cramps INTEGER NOT NULL,
    -- The first twitch of the day (by start, then id).
    first_twitch TEXT,
    -- Nocturnal cramps: from 21:00 (the night of this date) and before 07:00 (the night of the
    -- date before), each with its first (by start, then id).
    evening_cramps INTEGER NOT NULL,
    first_evening_cramp TEXT,
    first_evening_cramp_start INTEGER,
    morning_cramps INTEGER NOT NULL,
    first_morning_cramp TEXT,
    first_morning_cramp_start INTEGER,
    longest_cramp_s INTEGER,
    most_sore_days INTEGER
) STRICT, WITHOUT ROWID;

-- Episodes per date and body site, an episode counted once at a site whatever sides it names,
-- with the first twitch at the site that day.
CREATE TABLE day_sites (
    date TEXT NOT NULL,
    site TEXT NOT NULL,
    twitches INTEGER NOT NULL,
    cramps INTEGER NOT NULL,
    first_twitch TEXT,
    first_twitch_start INTEGER,
    PRIMARY KEY (date, site)
) STRICT, WITHOUT ROWID;

-- Episodes per date, site and side ('' for a site without one): left and right apart.
CREATE TABLE day_sides (
    date TEXT NOT NULL,
    site TEXT NOT NULL,
    side TEXT NOT NULL,
    twitches INTEGER NOT NULL,
    cramps INTEGER NOT NULL,
    PRIMARY KEY (date, site, side)
) STRICT, WITHOUT ROWID;

-- Episodes per date tagged with each suspected trigger.
CREATE TABLE day_triggers (
    date TEXT NOT NULL,
    trigger TEXT NOT NULL,
    twitches INTEGER NOT NULL,
    cramps INTEGER NOT NULL,
    PRIMARY KEY (date, trigger)
) STRICT, WITHOUT ROWID;

-- Episodes per date by the local hour they started in.
CREATE TABLE day_hours (
    date TEXT NOT NULL,
    hour INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
    twitches INTEGER NOT NULL,
    cramps INTEGER NOT NULL,
    PRIMARY KEY (date, hour)
) STRICT, WITHOUT ROWID;

-- Live episodes of one kind, newest first: History's kind filter (a few hundred cramps among
-- 100,000 twitches) walks this instead of every episode.
CREATE INDEX episodes_by_kind ON episodes (kind, start_utc, id) WHERE deleted_utc IS NULL;

-- Dates whose summary a change made stale, until the store rebuilds them (in the same
-- transaction). Empty between transactions.
CREATE TABLE day_summary_stale (
    date TEXT PRIMARY KEY NOT NULL
) STRICT, WITHOUT ROWID;

-- Each trigger notes dates not noted yet. (Not INSERT OR IGNORE: inside a trigger, the conflict
-- policy of the statement that fired it wins, and an upsert's is to fail.)
CREATE TRIGGER day_summary_episode_added AFTER INSERT ON episodes
BEGIN
    INSERT INTO day_summary_stale
        SELECT d FROM (SELECT date(NEW.start_utc + NEW.utc_offset_s, 'unixepoch') AS d)
         WHERE d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_episode_changed AFTER UPDATE ON episodes
BEGIN
    INSERT INTO day_summary_stale
        SELECT d FROM (SELECT date(OLD.start_utc + OLD.utc_offset_s, 'unixepoch') AS d
                       UNION SELECT date(NEW.start_utc + NEW.utc_offset_s, 'unixepoch'))
         WHERE d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_episode_removed AFTER DELETE ON episodes
BEGIN
    INSERT INTO day_summary_stale
        SELECT d FROM (SELECT date(OLD.start_utc + OLD.utc_offset_s, 'unixepoch') AS d)
         WHERE d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_site_added AFTER INSERT ON episode_sites
BEGIN
    INSERT INTO day_summary_stale
        SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes
         WHERE id IN (NEW.episode_id) AND d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_site_changed AFTER UPDATE ON episode_sites
BEGIN
    INSERT INTO day_summary_stale
        SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes
         WHERE id IN (OLD.episode_id, NEW.episode_id) AND d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_site_removed AFTER DELETE ON episode_sites
BEGIN
    INSERT INTO day_summary_stale
        SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes
         WHERE id IN (OLD.episode_id) AND d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_trigger_added AFTER INSERT ON episode_triggers
BEGIN
    INSERT INTO day_summary_stale
        SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes
         WHERE id IN (NEW.episode_id) AND d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_trigger_changed AFTER UPDATE ON episode_triggers
BEGIN
    INSERT INTO day_summary_stale
        SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes
         WHERE id IN (OLD.episode_id, NEW.episode_id) AND d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

CREATE TRIGGER day_summary_trigger_removed AFTER DELETE ON episode_triggers
BEGIN
    INSERT INTO day_summary_stale
        SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes
         WHERE id IN (OLD.episode_id) AND d IS NOT NULL AND d NOT IN (SELECT date FROM day_summary_stale);
END;

-- An existing diary: every date with an episode is stale, so the first write rebuilds them all
-- (the upgrade itself runs in a write transaction that does).
INSERT INTO day_summary_stale
    SELECT DISTINCT date(start_utc + utc_offset_s, 'unixepoch') AS d FROM episodes WHERE d IS NOT NULL;
