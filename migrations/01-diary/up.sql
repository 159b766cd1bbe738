-- The diary: episodes with their sites, triggers and reliefs; daily check-ins; medications;
-- self-checks. Ranges match src/domain; the database refuses what the code would refuse.
-- Times are UTC unix seconds plus the local offset (seconds east of UTC) in force.

PRAGMA application_id = 1836674924; -- 'myol'

CREATE TABLE episodes (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    kind TEXT NOT NULL CHECK (kind IN ('twitch', 'cramp')),
    start_utc INTEGER NOT NULL,
    utc_offset_s INTEGER NOT NULL CHECK (utc_offset_s BETWEEN -86399 AND 86399),
    duration_s INTEGER CHECK (duration_s BETWEEN 0 AND 86400),
    intensity INTEGER CHECK (intensity IS NULL OR (kind = 'twitch' AND intensity BETWEEN 1 AND 5)),
    visible INTEGER CHECK (visible IS NULL OR (kind = 'twitch' AND visible IN (0, 1))),
    pain INTEGER CHECK (pain IS NULL OR (kind = 'cramp' AND pain BETWEEN 0 AND 10)),
    hardening INTEGER CHECK (hardening IS NULL OR (kind = 'cramp' AND hardening IN (0, 1))),
    lost_motion INTEGER CHECK (lost_motion IS NULL OR (kind = 'cramp' AND lost_motion IN (0, 1))),
    sore_days INTEGER CHECK (sore_days IS NULL OR (kind = 'cramp' AND sore_days BETWEEN 0 AND 60)),
    note TEXT,
    created_utc INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL,
    deleted_utc INTEGER
) STRICT;

-- Newest-first listing and paging walk this index backwards.
CREATE INDEX episodes_by_start ON episodes (start_utc, id) WHERE deleted_utc IS NULL;

CREATE TABLE episode_sites (
    episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    site TEXT NOT NULL CHECK (length(site) BETWEEN 1 AND 40 AND site = lower(site)),
    side TEXT CHECK (side IN ('left', 'right', 'both')),
    PRIMARY KEY (episode_id, position)
) STRICT, WITHOUT ROWID;

CREATE INDEX episode_sites_by_site ON episode_sites (site);

CREATE TABLE episode_triggers (
    episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    trigger TEXT NOT NULL CHECK (length(trigger) BETWEEN 1 AND 40 AND trigger = lower(trigger)),
    PRIMARY KEY (episode_id, position),
    UNIQUE (episode_id, trigger)
) STRICT, WITHOUT ROWID;

CREATE INDEX episode_triggers_by_trigger ON episode_triggers (trigger);

CREATE TABLE episode_reliefs (
    episode_id TEXT NOT NULL REFERENCES episodes (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position >= 0),
    relief TEXT NOT NULL CHECK (relief IN ('stretch', 'heat', 'cold', 'massage', 'walking', 'other')),
    helped INTEGER CHECK (helped IN (0, 1)),
    PRIMARY KEY (episode_id, position),
    UNIQUE (episode_id, relief)
) STRICT, WITHOUT ROWID;

CREATE TABLE checkins (
    date TEXT PRIMARY KEY NOT NULL CHECK (date IS date(date)),
    sleep_h REAL CHECK (sleep_h BETWEEN 0 AND 24),
    caffeine_mg INTEGER CHECK (caffeine_mg BETWEEN 0 AND 5000),
    stress INTEGER CHECK (stress BETWEEN 0 AND 10),
    water_l REAL CHECK (water_l BETWEEN 0 AND 20),
    alcohol INTEGER CHECK (alcohol BETWEEN 0 AND 100),
    exercise_min INTEGER CHECK (exercise_min BETWEEN 0 AND 1440),
    magnesium INTEGER CHECK (magnesium IN (0, 1)),
    stretched INTEGER CHECK (stretched IN (0, 1)),
    note TEXT,
    created_utc INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL
) STRICT;

CREATE TABLE medications (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    class TEXT NOT NULL CHECK (class IN ('thiazide-diuretic', 'loop-diuretic',
        'potassium-sparing-diuretic', 'beta-2-agonist', 'statin', 'calcium-channel-blocker',
        'arb', 'beta-blocker', 'stimulant', 'lithium', 'anticholinesterase', 'other')),
    dose TEXT,
    start_date TEXT NOT NULL CHECK (start_date IS date(start_date)),
    stop_date TEXT CHECK (stop_date IS NULL OR (stop_date IS date(stop_date) AND stop_date >= start_date)),
    created_utc INTEGER NOT NULL,
    updated_utc INTEGER NOT NULL
) STRICT;

CREATE TABLE self_checks (
    id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 36),
    date TEXT NOT NULL CHECK (date IS date(date)),
    heel_walk TEXT CHECK (heel_walk IN ('ok', 'fail')),
    jar TEXT CHECK (jar IN ('ok', 'fail')),
    stairs TEXT CHECK (stairs IN ('ok', 'fail')),
    created_utc INTEGER NOT NULL
) STRICT;

CREATE INDEX self_checks_by_date ON self_checks (date);

CREATE TABLE self_check_symptoms (
    self_check_id TEXT NOT NULL REFERENCES self_checks (id) ON DELETE CASCADE,
    symptom TEXT NOT NULL CHECK (symptom IN ('atrophy', 'numbness', 'tingling', 'swallowing',
        'speech', 'tongue', 'foot-drop', 'breathing')),
    PRIMARY KEY (self_check_id, symptom)
) STRICT, WITHOUT ROWID;
