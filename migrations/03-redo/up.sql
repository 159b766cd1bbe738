-- Redo, and an undo journal that can say truly what it can still take back.

-- What `myolog undo` took back, newest last: the record as the undone change had left it (NULL
-- when that change removed it), so that `myolog redo` brings it back. A new change made by
-- hand, or an import, empties it. Its rows only ever come from undo_journal's, which checks
-- the entity.
CREATE TABLE redo_journal (
    seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL CHECK (length(entity) BETWEEN 1 AND 40),
    key TEXT NOT NULL,
    after TEXT CHECK (after IS NULL OR json_valid(after)),
    label TEXT NOT NULL,
    at_utc INTEGER NOT NULL
) STRICT;

-- One row: the number the next undo_journal entry gets (never handed out twice, so that an
-- entry is known by its number for as long as it lives: the UI tells its own changes from
-- older ones by it), and how many entries were dropped because only the newest are kept.
CREATE TABLE journal_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    next_seq INTEGER NOT NULL CHECK (next_seq >= 1),
    dropped INTEGER NOT NULL DEFAULT 0 CHECK (dropped >= 0)
) STRICT;

INSERT INTO journal_state (id, next_seq, dropped)
    SELECT 1, coalesce(max(seq), 0) + 1, 0 FROM undo_journal;
