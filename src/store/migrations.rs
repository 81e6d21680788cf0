//! Versioned schema migrations, tracked in SQLite's `user_version`.
//!
//! Migration `n` (1-based) takes a database from version `n - 1` to `n`.
//! Append new migrations; never edit a released one.

use super::{hashes, row};
use crate::tm::hash::unit_hash;
use crate::tm::unit::{Meta, Unit, Variant};
use rusqlite::{params, Connection};
use serde::Deserialize;
use std::borrow::Cow;

/// One step of the schema: SQL, or code for what SQL cannot do.
pub enum Migration {
    Sql(&'static str),
    Code(fn(&Connection) -> rusqlite::Result<()>),
}

impl Migration {
    pub fn run(&self, conn: &Connection) -> rusqlite::Result<()> {
        match self {
            Migration::Sql(sql) => conn.execute_batch(sql),
            Migration::Code(f) => f(conn),
        }
    }
}

pub const MIGRATIONS: &[Migration] = &[
    // 1: the glossary.
    Migration::Sql(
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
    ),
    // 2: the translation memory. A unit's identity for merging duplicates
    // is a hash of its variants; `variants` holds them as JSON (language,
    // text, and segment markup when it is more than the text escaped).
    // Postings are the search index: per language and word key, chunks of
    // (unit id delta, the variant's key count) varint pairs.
    Migration::Sql(
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
    ),
    // 3: term statuses (admitted and forbidden forms besides house forms
    // and variants) and per-entry case and match rules. SQLite cannot
    // change a CHECK constraint in place, so `form` is copied into a new
    // table with the wider one.
    Migration::Sql(
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
    ),
    // 4: a version of the glossary, so that a matcher compiled from it can
    // be kept and known to be current: a random identity of the database
    // and a generation that every change to an entry bumps. Forms change
    // only with their entry (an import or edit writes the entry's row,
    // a removal cascades), so `form` needs no triggers of its own.
    Migration::Sql(
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
    ),
    // 5: translation-memory units in a compact binary form (see `row.rs`)
    // instead of JSON, and their duplicate hashes in a table of their own
    // (see `hashes.rs`), written in its order after an import rather than
    // kept as a unique index of `tm_unit` row by row.
    Migration::Code(binary_units),
    // 6: postings in a rowid table, found through an index of their key
    // columns. In a WITHOUT ROWID table the lists themselves were the
    // B-tree's keys: a list longer than a page spilled to overflow pages,
    // and SQLite read the whole of it again for every comparison made on
    // the way to a row (inserting a row, or looking one up).
    Migration::Sql(
        "CREATE TABLE tm_posting_v6 (
         lang  TEXT NOT NULL,
         key   TEXT NOT NULL,
         chunk INTEGER NOT NULL,
         count INTEGER NOT NULL,
         ids   BLOB NOT NULL
     );
     INSERT INTO tm_posting_v6 (lang, key, chunk, count, ids)
         SELECT lang, key, chunk, count, ids FROM tm_posting ORDER BY lang, key, chunk;
     DROP TABLE tm_posting;
     ALTER TABLE tm_posting_v6 RENAME TO tm_posting;
     CREATE UNIQUE INDEX tm_posting_key ON tm_posting (lang, key, chunk);",
    ),
];

/// Migration 5: copies `tm_unit` into its binary form and the units'
/// duplicate hashes (computed again, as an import computes them) into
/// `tm_hash`.
fn binary_units(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "CREATE TABLE tm_unit_v5 (
             id       INTEGER PRIMARY KEY,
             variants BLOB NOT NULL,
             meta     BLOB
         );
         CREATE TABLE tm_hash (
             bucket  INTEGER PRIMARY KEY,
             records BLOB NOT NULL
         );",
    )?;
    let mut hashes = Vec::new();
    {
        let mut read = conn.prepare("SELECT id, variants, meta FROM tm_unit ORDER BY id")?;
        let mut write =
            conn.prepare("INSERT INTO tm_unit_v5 (id, variants, meta) VALUES (?1, ?2, ?3)")?;
        let mut rows = read.query([])?;
        let mut bytes = Vec::new();
        while let Some(r) = rows.next()? {
            let id: u32 = r.get(0)?;
            let unit = Unit {
                variants: json_variants(r.get_ref(1)?.as_str()?),
                meta: r
                    .get_ref(2)?
                    .as_str_or_null()?
                    .and_then(|json| serde_json::from_str(json).ok())
                    .unwrap_or_default(),
            };
            hashes.push((u128::from_be_bytes(unit_hash(&unit)), id));
            bytes.clear();
            row::encode_variants(&unit.variants, &mut bytes);
            write.execute(params![id, bytes, row::encode_unit_meta(&unit.meta)])?;
        }
    }
    hashes.sort_unstable();
    hashes::write_all(conn, &hashes, false)?;
    conn.execute_batch("DROP TABLE tm_unit; ALTER TABLE tm_unit_v5 RENAME TO tm_unit;")
}

/// A variant as version 3 stored it in JSON.
#[derive(Deserialize)]
struct JsonVariant<'a> {
    #[serde(borrow)]
    l: Cow<'a, str>,
    #[serde(borrow)]
    t: Cow<'a, str>,
    /// The segment markup, when it is more than the text escaped.
    #[serde(default, borrow)]
    s: Option<Cow<'a, str>>,
    #[serde(default)]
    m: Option<Meta>,
}

fn json_variants(json: &str) -> Vec<Variant> {
    let stored: Vec<JsonVariant> = serde_json::from_str(json).unwrap_or_default();
    stored
        .into_iter()
        .map(|v| Variant {
            lang: v.l.into_owned(),
            seg: match v.s {
                Some(seg) => seg.into_owned(),
                None => quick_xml::escape::partial_escape(&*v.t).into_owned(),
            },
            text: v.t.into_owned(),
            meta: v.m.unwrap_or_default(),
        })
        .collect()
}

/// The schema version this build writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}
