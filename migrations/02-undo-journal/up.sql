-- The undo journal: before each change made by hand, what the changed record looked like
-- (NULL when the change created it). `myolog undo` restores the newest one and removes it.

CREATE TABLE undo_journal (
    seq INTEGER PRIMARY KEY,
    entity TEXT NOT NULL CHECK (entity IN ('episode', 'checkin', 'medication', 'self_check')),
    key TEXT NOT NULL,
    before TEXT CHECK (before IS NULL OR json_valid(before)),
    label TEXT NOT NULL,
    at_utc INTEGER NOT NULL
) STRICT;
