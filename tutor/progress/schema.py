"""The store's tables, as a list of migrations: version N is MIGRATIONS[N - 1] applied in order.

`PRAGMA user_version` holds the version a file is at. A file at an older version is copied
aside before it is migrated; a file at a newer version is never opened for writing.
"""

from __future__ import annotations

V1 = """
CREATE TABLE attempts (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    lesson_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    generator TEXT,
    seed INTEGER,
    difficulty INTEGER,
    answers TEXT NOT NULL,          -- JSON: {cell name: the text typed}
    outcome TEXT NOT NULL,          -- correct | partial | incorrect | revealed
    score REAL NOT NULL,
    hints_used INTEGER NOT NULL DEFAULT 0,
    solution_shown INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL,
    answered_at TEXT NOT NULL,      -- UTC, ISO 8601
    tutor_version TEXT NOT NULL
);
CREATE INDEX attempts_by_question ON attempts (question_id, answered_at);
CREATE INDEX attempts_by_lesson ON attempts (lesson_id, answered_at);
"""

V2 = """
ALTER TABLE attempts ADD COLUMN mistakes TEXT NOT NULL DEFAULT '[]';  -- JSON: catalog ids
ALTER TABLE attempts ADD COLUMN rating INTEGER;                       -- a self-rating, 1..4
ALTER TABLE attempts ADD COLUMN session TEXT NOT NULL DEFAULT 'practice';
CREATE TABLE state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL             -- JSON
);
CREATE TABLE levels (
    generator TEXT PRIMARY KEY,
    difficulty INTEGER NOT NULL,
    streak INTEGER NOT NULL         -- > 0: right in a row at this level, < 0: wrong in a row
);
"""

V3 = """
CREATE TABLE cards (
    question_id TEXT PRIMARY KEY,
    lesson_id TEXT NOT NULL,
    card TEXT NOT NULL,             -- fsrs Card.to_json()
    due TEXT NOT NULL,              -- UTC, ISO 8601 (the review queue reads it)
    introduced_at TEXT NOT NULL     -- UTC: the first review (the daily limit of new items)
);
CREATE INDEX cards_by_due ON cards (due);
CREATE TABLE review_logs (
    id INTEGER PRIMARY KEY,
    question_id TEXT NOT NULL,
    attempt_id INTEGER REFERENCES attempts (id),
    rating INTEGER NOT NULL,        -- 1 Again, 2 Hard, 3 Good, 4 Easy
    reviewed_at TEXT NOT NULL,
    log TEXT NOT NULL               -- fsrs ReviewLog.to_json()
);
CREATE TABLE mocks (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,               -- NULL: left before the end
    questions INTEGER NOT NULL,
    minutes REAL NOT NULL,          -- the time allowed per question
    score REAL NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0
);
ALTER TABLE attempts ADD COLUMN mock_id INTEGER REFERENCES mocks (id);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3)
SCHEMA_VERSION = len(MIGRATIONS)
