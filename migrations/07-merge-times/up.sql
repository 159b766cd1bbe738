-- What a merge needs to keep the copy changed last for every kind of record, as it did for
-- episodes and medications (DOMAIN.md section 9): a self-check's update time, and a note of
-- each check-in, medication, self-check and experiment removed from the diary, so that an
-- older export does not bring it back (an episode is marked deleted in its own row instead).

-- Self-checks can be edited, so they keep when they last were. SQLite adds a NOT NULL column
-- only with a constant default, which no row's time is: the column is filled at once below,
-- and the store always writes it (and reads none as damaged). A row made before this version
-- was last changed, as far as anyone knows, when it was made.
ALTER TABLE self_checks ADD COLUMN updated_utc INTEGER CHECK (updated_utc >= created_utc);
UPDATE self_checks SET updated_utc = created_utc;

-- One row per record removed (by `delete`, or by undo taking back its addition), written in the
-- same transaction as the removal, and gone again when the record comes back (undo, redo, an
-- import of a copy changed after the removal, a new check-in of that date). `key` is what
-- finds the record: a check-in's date, or the id of the others. A record removed before this
-- version left no trace and is not known here.
CREATE TABLE deletions (
    entity TEXT NOT NULL CHECK (entity IN ('checkin', 'medication', 'self_check', 'experiment')),
    key TEXT NOT NULL CHECK (CASE entity WHEN 'checkin' THEN key IS date(key)
        ELSE length(key) = 36 END),
    deleted_utc INTEGER NOT NULL,
    PRIMARY KEY (entity, key)
) STRICT, WITHOUT ROWID;
