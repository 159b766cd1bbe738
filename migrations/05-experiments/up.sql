-- Experiments (DOMAIN.md section 7): one change tried from a start to a planned end (stopped
-- earlier when `stopped_date` is set: the first day without it), compared with as many days
-- just before the start. And in the check-in, whether the change of a `custom` experiment was
-- kept that day. Ranges match src/domain/experiment.rs.

CREATE TABLE experiments (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 80),
    change TEXT NOT NULL CHECK (change IN ('no-caffeine', 'less-caffeine', 'stretch-before-bed',
        'magnesium', 'sleep-7h', 'water-2l', 'no-alcohol', 'custom')),
    outcome TEXT NOT NULL CHECK (outcome IN ('twitch_day', 'cramp_day', 'nocturnal_cramp_night')),
    start_date TEXT NOT NULL CHECK (start_date IS date(start_date)),
    -- The planned last day: 7 to 365 days from the start, both counted.
    end_date TEXT NOT NULL CHECK (end_date IS date(end_date)
        AND julianday(end_date) - julianday(start_date) BETWEEN 6 AND 364),
    stopped_date TEXT CHECK (stopped_date IS NULL OR (stopped_date IS date(stopped_date)
        AND stopped_date BETWEEN start_date AND end_date)),
    created_utc INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL
) STRICT;

CREATE INDEX experiments_by_start ON experiments (start_date);

ALTER TABLE checkins ADD COLUMN experiment_kept INTEGER CHECK (experiment_kept IN (0, 1));

-- The undo journal learns the new entity. Its entity list is a CHECK constraint of the
-- released migration 02, which is never edited, and SQLite cannot change a constraint in
-- place: the table is made again with the longer list and every entry copied across.
CREATE TABLE undo_journal_03 (
    seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL CHECK (entity IN ('episode', 'checkin', 'medication', 'self_check',
        'experiment')),
    key TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    label TEXT NOT NULL,
    at_utc INTEGER NOT NULL
) STRICT;

INSERT INTO undo_journal_03 (seq, entity, key, before, label, at_utc)
    SELECT seq, entity, key, before, label, at_utc FROM undo_journal;
DROP TABLE undo_journal;
ALTER TABLE undo_journal_03 RENAME TO undo_journal;
