//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Migration `n` (1-based) takes a database from version `n - 1` to `n`.
//! Append new migrations; never edit a released one.

pub const MIGRATIONS: &[&str] = &[
    // 1: the glossary.
    "CREATE TABLE entry (
         id    TEXT PRIMARY KEY NOT NULL,
         type  TEXT NOT NULL DEFAULT '',
         note  TEXT NOT NULL DEFAULT '',
         seq   INTEGER NOT NULL
     );
     CREATE UNIQUE INDEX entry_seq ON entry(seq);
     CREATE TABLE form (
         entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE ON UPDATE CASCADE,
         lang     TEXT NOT NULL,
         status   TEXT NOT NULL CHECK (status IN ('house', 'variant')),
         position INTEGER NOT NULL,
         text     TEXT NOT NULL,
         PRIMARY KEY (entry_id, lang, status, position)
     ) WITHOUT ROWID;
     CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",
    // 2: the translation memory. A unit's identity for merging duplicates
    // is a hash of its variants; `variants` holds them as JSON (language,
    // text, and segment markup when it is more than the text escaped).
    // Postings are the search index: per language and word key, chunks of
    // (unit id delta, the variant's key count) varint pairs.
    "CREATE TABLE tm_unit (
         id       INTEGER PRIMARY KEY,
         hash     BLOB NOT NULL UNIQUE,
         variants TEXT NOT NULL,
         meta     TEXT
     );
     CREATE TABLE tm_lang (
         lang     TEXT PRIMARY KEY NOT NULL,
         variants INTEGER NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE tm_posting (
         lang  TEXT NOT NULL,
         key   TEXT NOT NULL,
         chunk INTEGER NOT NULL,
         count INTEGER NOT NULL,
         ids   BLOB NOT NULL,
         PRIMARY KEY (lang, key, chunk)
     ) WITHOUT ROWID;",
    // 3: term statuses (admitted and forbidden forms besides house forms
    // and variants) and per-entry case and match rules. SQLite cannot
    // change a CHECK constraint in place, so `form` is copied into a new
    // table with the wider one.
    "ALTER TABLE entry ADD COLUMN case_rule TEXT NOT NULL DEFAULT 'insensitive'
         CHECK (case_rule IN ('insensitive', 'sensitive'));
     ALTER TABLE entry ADD COLUMN match_rule TEXT NOT NULL DEFAULT 'fuzzy'
         CHECK (match_rule IN ('fuzzy', 'exact'));
     CREATE TABLE form_v3 (
         entry_id TEXT NOT NULL REFERENCES entry(id) ON DELETE CASCADE ON UPDATE CASCADE,
         lang     TEXT NOT NULL,
         status   TEXT NOT NULL
                  CHECK (status IN ('house', 'variant', 'admitted', 'forbidden')),
         position INTEGER NOT NULL,
         text     TEXT NOT NULL,
         PRIMARY KEY (entry_id, lang, status, position)
     ) WITHOUT ROWID;
     INSERT INTO form_v3 (entry_id, lang, status, position, text)
         SELECT entry_id, lang, status, position, text FROM form;
     DROP TABLE form;
     ALTER TABLE form_v3 RENAME TO form;",
    // 4: a version of the glossary, so that a matcher compiled from it can
    // be kept and known to be current: a random identity of the database
    // and a generation that every change to an entry bumps. Forms change
    // only with their entry (an import or edit writes the entry's row,
    // a removal cascades), so `form` needs no triggers of its own.
    "CREATE TABLE glossary_version (
         one        INTEGER PRIMARY KEY CHECK (one = 1),
         identity   TEXT NOT NULL,
         generation INTEGER NOT NULL
     );
     INSERT INTO glossary_version VALUES (1, lower(hex(randomblob(8))), 0);
     CREATE TRIGGER entry_added AFTER INSERT ON entry BEGIN
         UPDATE glossary_version SET generation = generation + 1;
     END;
     CREATE TRIGGER entry_changed AFTER UPDATE ON entry BEGIN
         UPDATE glossary_version SET generation = generation + 1;
     END;
     CREATE TRIGGER entry_removed AFTER DELETE ON entry BEGIN
         UPDATE glossary_version SET generation = generation + 1;
     END;",
];

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
