//! The SQLite store: the glossary and the translation memory (see `tm.rs`) of one
//! database file.
//!
//! Every write is one transaction: an import either lands whole or not at
//! all. The schema moves forward through [`migrations`].

mod flat;
mod hashes;
mod migrations;
mod pending;
mod row;
mod tm;
mod writeback;

use crate::error::{Error, Result};
use crate::glossary::{house::house_entries, tidy, CaseRule, Entry, MatchRule, Status};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a database is filled with when it is created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// The house glossary shipped with dragoman.
    HouseGlossary,
    /// Nothing: the database starts empty.
    Nothing,
}

/// How an import changed the glossary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportStats {
    pub added: usize,
    pub updated: usize,
}

pub use tm::{Postings, TmImport, TmImportStats, TmStats};

/// How long a connection waits for another's lock before it reports the
/// database busy.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// How much of a database file is read through a memory map (SQLite's
/// `mmap_size`; it caps this at its own limit, 2 GiB by default).
const MMAP_BYTES: i64 = 2 << 30;

/// The page size of a new database file. SQLite's default, 4 KiB, has an
/// import write a million units as some 100,000 pages, each a system call
/// and a round of page-cache work in the kernel; 64 KiB pages cut the
/// import's system time by half and its wall time by a tenth (README,
/// "Translation memory speed"), and a search reads its pages through the
/// memory map all the same. A file keeps the page size it was made with.
const PAGE_SIZE: i64 = 65_536;

/// SQLite's page cache for an import (KiB). Pages beyond it are written
/// out while the import goes on, which leaves less for the commit to write
/// at the end: 128 MiB was no faster for a million units and held 100 MB
/// more.
pub(super) const IMPORT_CACHE_KIB: i64 = 32_768;

pub struct Store {
    conn: Connection,
    path: String,
    /// The database file; `None` in memory.
    file: Option<PathBuf>,
}

impl Store {
    /// Opens (creating if needed) the database at `path`, migrating it to the
    /// current schema. A database that is new is filled according to `seed`.
    pub fn open(path: &Path, seed: Seed) -> Result<Store> {
        let shown = path.display().to_string();
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent.display(), e))?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| db_error(&shown, e))?;
        let mut store = Store::init(conn, shown, seed)?;
        store.file = Some(path.to_path_buf());
        Ok(store)
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory(seed: Seed) -> Result<Store> {
        let conn = Connection::open_in_memory().map_err(|e| db_error(":memory:", e))?;
        Store::init(conn, ":memory:".to_string(), seed)
    }

    fn init(mut conn: Connection, path: String, seed: Seed) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| db_error(&path, e))?;
        conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
            .map_err(|e| db_error(&path, e))?;
        if path != ":memory:" {
            refuse_foreign(&conn, &path)?;
            // Only for a file with nothing in it yet, and before WAL mode
            // writes its header: asked of an older file, the size would
            // stay pending and a later VACUUM (`compact`) would apply it.
            let pages: i64 = conn
                .query_row("PRAGMA page_count", [], |r| r.get(0))
                .map_err(|e| db_error(&path, e))?;
            if pages == 0 {
                let _ = conn.pragma_update(None, "page_size", PAGE_SIZE);
            }
            // WAL lets readers and one writer share the file. Ignore failure
            // (e.g. on a file system without shared memory): rollback
            // journalling still works.
            let _ = conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()));
            // Pages read through a memory map, not a system call each: a
            // search reads postings all over a large memory.
            let _ = conn.pragma_update(None, "mmap_size", MMAP_BYTES);
        }
        // The common case, a database already at the current schema, needs
        // no write lock: readers never wait for each other.
        let current: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| db_error(&path, e))?;
        if current != migrations::latest() {
            migrate(&mut conn, &path, seed)?;
            compact(&conn);
        }
        Ok(Store {
            conn,
            path,
            file: None,
        })
    }

    /// The database file, unless the store is in memory.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The path the store was opened at, for messages.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Every entry, in the order they were first added.
    pub fn entries(&self) -> Result<Vec<Entry>> {
        self.load(None).map_err(|e| db_error(&self.path, e))
    }

    /// One entry by id.
    pub fn entry(&self, id: &str) -> Result<Option<Entry>> {
        Ok(self
            .load(Some(id))
            .map_err(|e| db_error(&self.path, e))?
            .pop())
    }

    /// The version of the glossary: the database's identity and a
    /// generation that every change to an entry or a form moves on. Equal
    /// versions mean equal glossaries.
    pub fn glossary_version(&self) -> Result<String> {
        self.conn
            .query_row(
                "SELECT identity, generation FROM glossary_version",
                [],
                |r| {
                    Ok(format!(
                        "{}:{}",
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?
                    ))
                },
            )
            .map_err(|e| db_error(&self.path, e))
    }

    pub fn count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM entry", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| db_error(&self.path, e))
    }

    fn load(&self, only: Option<&str>) -> rusqlite::Result<Vec<Entry>> {
        let mut entries = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let filter = if only.is_some() {
            "WHERE id = ?1"
        } else {
            "WHERE ?1 IS NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT id, type, note, case_rule, match_rule FROM entry {filter} ORDER BY seq"
        ))?;
        let mut rows = stmt.query(params![only])?;
        while let Some(row) = rows.next()? {
            let case: String = row.get(3)?;
            let matching: String = row.get(4)?;
            let entry = Entry {
                id: row.get(0)?,
                entry_type: row.get(1)?,
                note: row.get(2)?,
                case: CaseRule::parse(&case).unwrap_or_default(),
                matching: MatchRule::parse(&matching).unwrap_or_default(),
                ..Entry::default()
            };
            index.insert(entry.id.clone(), entries.len());
            entries.push(entry);
        }
        let filter = if only.is_some() {
            "WHERE entry_id = ?1"
        } else {
            "WHERE ?1 IS NULL"
        };
        let mut stmt = self.conn.prepare(&format!(
            "SELECT entry_id, lang, status, text FROM form {filter} ORDER BY entry_id, lang, status, position"
        ))?;
        let mut rows = stmt.query(params![only])?;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            let Some(&i) = index.get(&id) else { continue };
            let lang: String = row.get(1)?;
            let status: String = row.get(2)?;
            let text: String = row.get(3)?;
            let terms = entries[i].terms.entry(lang).or_default();
            match Status::parse(&status) {
                Some(Status::House) => terms.house = Some(text),
                Some(Status::Admitted) => terms.admitted.push(text),
                Some(Status::Forbidden) => terms.forbidden.push(text),
                Some(Status::Variant) | None => terms.variants.push(text),
            }
        }
        Ok(entries)
    }

    /// Adds or replaces entries by id, all in one transaction; an entry
    /// that [`Entry::check`] refuses refuses the whole import.
    pub fn import(&mut self, entries: &[Entry]) -> Result<ImportStats> {
        for entry in entries {
            entry.check().map_err(Error::usage)?;
        }
        let path = self.path.clone();
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)
            .map_err(|e| db_error(&path, e))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        let stats = upsert(&tx, entries).map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))?;
        Ok(stats)
    }

    /// Adds a new entry; an existing id is an error.
    pub fn add(&mut self, entry: &Entry) -> Result<()> {
        entry.check().map_err(Error::usage)?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        if exists(&tx, &entry.id).map_err(|e| db_error(&path, e))? {
            return Err(Error::usage(format!(
                "entry {:?} already exists: use `dragoman glossary edit {}` to change it",
                entry.id, entry.id
            )));
        }
        upsert(&tx, std::slice::from_ref(entry)).map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))
    }

    /// Replaces entry `old_id` with `entry`, which may carry a new id.
    pub fn replace(&mut self, old_id: &str, entry: &Entry) -> Result<()> {
        entry.check().map_err(Error::usage)?;
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        if !exists(&tx, old_id).map_err(|e| db_error(&path, e))? {
            return Err(no_such_entry(old_id));
        }
        if entry.id != old_id {
            if exists(&tx, &entry.id).map_err(|e| db_error(&path, e))? {
                return Err(Error::usage(format!(
                    "cannot rename to {:?}: that id is taken",
                    entry.id
                )));
            }
            tx.execute(
                "UPDATE entry SET id = ?1 WHERE id = ?2",
                params![entry.id, old_id],
            )
            .map_err(|e| db_error(&path, e))?;
        }
        upsert(&tx, std::slice::from_ref(entry)).map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))
    }

    /// Removes entries by id: all of them, or none when one is unknown.
    pub fn remove(&mut self, ids: &[String]) -> Result<()> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        for id in ids {
            let n = tx
                .execute("DELETE FROM entry WHERE id = ?1", params![id])
                .map_err(|e| db_error(&path, e))?;
            if n == 0 {
                return Err(no_such_entry(id));
            }
        }
        tx.commit().map_err(|e| db_error(&path, e))
    }
}

/// Refuses, before anything is written to it, a database no dragoman wrote
/// to that has tables of its own: another program's file, given by
/// mistake.
fn refuse_foreign(conn: &Connection, path: &str) -> Result<()> {
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| db_error(path, e))?;
    if version != 0 {
        return Ok(());
    }
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name LIMIT 4")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(|e| db_error(path, e))?;
    if tables.is_empty() {
        return Ok(());
    }
    Err(Error::usage(format!(
        "{path}: a SQLite database of another program (tables {}): dragoman keeps its own; give a new or a dragoman database with --db",
        tables.join(", ")
    )))
}

/// Brings the schema up to date and seeds a new database, in one
/// transaction: a failure leaves the file as it was, and two processes
/// creating the same database at once seed it once.
fn migrate(conn: &mut Connection, path: &str, seed: Seed) -> Result<()> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(|e| db_error(path, e))?;
    // Read again under the lock: another process may have migrated meanwhile.
    let version: i64 = tx
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| db_error(path, e))?;
    if version < 0 {
        return Err(Error::usage(format!(
            "{path}: schema version {version} is no version dragoman writes: give a dragoman database with --db"
        )));
    }
    if version > migrations::latest() {
        return Err(Error::Database {
            path: path.to_string(),
            message: format!(
                "schema version {version} is newer than this dragoman understands ({}): upgrade dragoman",
                migrations::latest()
            ),
        });
    }
    for (i, step) in migrations::MIGRATIONS
        .iter()
        .enumerate()
        .skip(version as usize)
    {
        step.run(&tx).map_err(|e| db_error(path, e))?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)
            .map_err(|e| db_error(path, e))?;
    }
    if version == 0 && seed == Seed::HouseGlossary {
        let entries = house_entries()?;
        upsert(&tx, &entries).map_err(|e| db_error(path, e))?;
    }
    tx.commit().map_err(|e| db_error(path, e))
}

/// Gives the file system back the pages a migration freed (one that copies
/// a table into a new form frees the old one's) when they are a good part
/// of the file. Best effort: a reader holding the file open leaves it as
/// it is.
fn compact(conn: &Connection) {
    let pages = |pragma: &str| {
        conn.query_row(&format!("PRAGMA {pragma}"), [], |r| r.get::<_, i64>(0))
            .unwrap_or(0)
    };
    if pages("freelist_count") * 4 > pages("page_count") {
        let _ = conn.execute_batch("VACUUM");
    }
}

pub fn no_such_entry(id: &str) -> Error {
    Error::usage(format!(
        "no entry with id {id:?} (`dragoman glossary list` shows the ids)"
    ))
}

fn exists(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    conn.query_row("SELECT 1 FROM entry WHERE id = ?1", params![id], |_| Ok(()))
        .optional()
        .map(|r| r.is_some())
}

fn upsert(conn: &Connection, entries: &[Entry]) -> rusqlite::Result<ImportStats> {
    let mut stats = ImportStats::default();
    let mut next_seq: i64 =
        conn.query_row("SELECT coalesce(max(seq), 0) + 1 FROM entry", [], |r| {
            r.get(0)
        })?;
    let mut update = conn.prepare_cached(
        "UPDATE entry SET type = ?2, note = ?3, case_rule = ?4, match_rule = ?5 WHERE id = ?1",
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO entry (id, type, note, case_rule, match_rule, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    let mut clear = conn.prepare_cached("DELETE FROM form WHERE entry_id = ?1")?;
    let mut add_form = conn.prepare_cached(
        "INSERT INTO form (entry_id, lang, status, position, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for entry in entries {
        // Stored tidy, so that every export format gives them back as stored.
        let (entry_type, note) = (tidy(&entry.entry_type), tidy(&entry.note));
        let (case, matching) = (entry.case.as_str(), entry.matching.as_str());
        if update.execute(params![entry.id, entry_type, note, case, matching])? == 1 {
            clear.execute(params![entry.id])?;
            stats.updated += 1;
        } else {
            insert.execute(params![
                entry.id, entry_type, note, case, matching, next_seq
            ])?;
            next_seq += 1;
            stats.added += 1;
        }
        for (lang, terms) in &entry.terms {
            for status in Status::ALL {
                for (i, form) in terms.listed(status).iter().enumerate() {
                    add_form.execute(params![
                        entry.id,
                        lang,
                        status.as_str(),
                        i as i64,
                        tidy(form)
                    ])?;
                }
            }
        }
    }
    Ok(stats)
}

fn db_error(path: &str, e: rusqlite::Error) -> Error {
    let message = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            // The user pointed --db at some other file: theirs to fix.
            return Error::usage(format!(
                "{path} is not a dragoman database (not an SQLite file): pass another --db"
            ));
        }
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            "the database stayed locked by another process for 30 s; try again".to_string()
        }
        Some(rusqlite::ErrorCode::CannotOpen) => {
            "cannot open (check the path and its permissions)".to_string()
        }
        _ => e.to_string(),
    };
    Error::Database {
        path: path.to_string(),
        message,
    }
}

/// Where the database lives when neither `--db` nor `DRAGOMAN_DB` says:
/// `$XDG_DATA_HOME/dragoman/dragoman.db` (usually
/// `~/.local/share/dragoman/dragoman.db`; on macOS
/// `~/Library/Application Support/dragoman/dragoman.db`).
pub fn default_path() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("dragoman")
        .join("dragoman.db")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_file_is_read_through_a_memory_map() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let store = Store::open(&dir.path().join("d.db"), Seed::Nothing).expect("opens");
        let mapped: i64 = store
            .conn
            .query_row("PRAGMA mmap_size", [], |r| r.get(0))
            .expect("pragma");
        assert!(mapped > 0, "mmap_size is {mapped}");
    }

    fn page_size(store: &Store) -> i64 {
        store
            .conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .expect("pragma")
    }

    #[test]
    fn a_new_file_gets_large_pages_and_an_old_one_keeps_its_own() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let new = dir.path().join("new.db");
        let store = Store::open(&new, Seed::Nothing).expect("opens");
        assert_eq!(page_size(&store), PAGE_SIZE);
        drop(store);
        assert_eq!(
            page_size(&Store::open(&new, Seed::Nothing).expect("opens again")),
            PAGE_SIZE
        );

        // An empty file, as `touch` leaves it, is a new database too.
        let empty = dir.path().join("empty.db");
        std::fs::write(&empty, b"").expect("an empty file");
        let store = Store::open(&empty, Seed::Nothing).expect("opens");
        assert_eq!(page_size(&store), PAGE_SIZE);

        // A file made by an earlier version (its first schema), with
        // SQLite's default pages.
        let old = dir.path().join("old.db");
        Connection::open(&old)
            .and_then(|c| {
                c.execute_batch("PRAGMA journal_mode = WAL;")?;
                migrations::MIGRATIONS[0].run(&c)?;
                c.pragma_update(None, "user_version", 1)
            })
            .expect("an old file");
        let store = Store::open(&old, Seed::Nothing).expect("opens and migrates");
        assert_eq!(page_size(&store), 4096);
        assert_eq!(store.tm_count().expect("counts"), 0);
    }
}
