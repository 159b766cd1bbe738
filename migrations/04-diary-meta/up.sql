-- The diary's own facts, one row: its id, a random UUID made once, when the diary is created or
-- upgraded to this version. Exports that name the person the diary is about (the FHIR Patient)
-- use it, so two people's diaries never share an id and one diary's exports always agree.

CREATE TABLE diary_meta (
    one INTEGER PRIMARY KEY NOT NULL CHECK (one = 1),
    diary_id TEXT NOT NULL CHECK (length(diary_id) = 36 AND diary_id = lower(diary_id))
) STRICT;

-- A version 4 UUID from 16 random bytes: the version nibble 4, the variant one of 8, 9, a, b.
INSERT INTO diary_meta (one, diary_id)
SELECT 1, substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-'
    || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(h, 18, 3) || '-' || substr(h, 21, 12)
FROM (SELECT lower(hex(randomblob(16))) AS h);
