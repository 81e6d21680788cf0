//! Translation-memory storage: units (in the binary form of `row.rs`),
//! their duplicate hashes and the search index (postings of word keys),
//! written in one transaction per import.
//!
//! An import is a pipeline of three threads in [`TmImport::add_from`]:
//! the reading one parses units and makes their columns and duplicate
//! hashes ([`Rows`]) while each unit is still in its cache, then fills the
//! unit's strings again with the next one (see [`crate::tm::pool`]); a
//! [`Preparer`] gives the index keys of the texts in those columns ids;
//! the [`TmImport`] writes them in order and appends each unit to the
//! postings of its keys, kept in memory as delta-coded lists (see
//! `pending.rs`). Those are written as a new chunk per key whenever they
//! reach [`FLUSH_BYTES`] and at the end, so memory stays bounded whatever
//! the size of the import. Duplicates are found by their hashes (see
//! `hashes.rs`): those of the units this import added are kept in memory
//! and appended to `tm_hash` at the end. Only the columns go from one
//! thread to the next: a unit's strings, written last by the core that
//! read it, would make the next core wait for each of them.

use super::flat::FlatIds;
use super::hashes::{self, Hashes};
use super::pending::{Pending, PendingKey};
use super::writeback::WriteBack;
use super::{db_error, row, Store, IMPORT_CACHE_KIB};
use crate::error::{Error, Result};
use crate::lang::primary;
use crate::text::scan_tokens::{scan_words, ScanWord};
use crate::tm::hash::{hash64, unit_hash};
use crate::tm::keys::key_into;
use crate::tm::unit::{Meta, Unit, Variant};
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::collections::HashMap;
use std::ops::Range;
use std::sync::mpsc;
use std::time::Duration;

/// Pending postings (their delta-coded bytes) are written out as chunks
/// when they reach this size.
const FLUSH_BYTES: usize = 96 << 20;
/// Writes one row of a key's postings.
const INSERT_POSTINGS: &str =
    "INSERT INTO tm_posting (lang, key, chunk, count, ids) VALUES (?1, ?2, ?3, ?4, ?5)";
/// Units handed from one thread of an import to the next at a time.
const BATCH: usize = 1024;
/// Batches in flight between two threads.
const IN_FLIGHT: usize = 8;
/// Words remembered with their key; beyond this the memory of words
/// starts again (keys keep their ids).
const WORDS_KEPT: usize = 1 << 21;
/// Keys given ids; beyond this the pending postings are written out and
/// the ids start again, so that a memory of endless distinct words (codes,
/// numbers) still imports in bounded memory.
const KEYS_KEPT: u32 = if cfg!(test) { 64 } else { 1 << 22 };
/// Hashes of new units kept in memory; beyond this they are written to
/// `tm_hash` and looked up there.
const HASHES_KEPT: usize = if cfg!(test) { 100 } else { 1 << 21 };

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TmImportStats {
    /// Units read.
    pub read: usize,
    /// Units stored.
    pub added: usize,
    /// Units already stored (or read twice): merged into the stored one,
    /// whose metadata gains what the duplicate's adds (see
    /// [`Meta::merge`](crate::tm::unit::Meta::merge)).
    pub duplicates: usize,
}

/// The size of the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmStats {
    pub units: usize,
    /// Segments per language code, most first.
    pub langs: Vec<(String, usize)>,
    /// Bytes on disk: the database file with its write-ahead log.
    pub bytes: u64,
}

/// The postings of one key: unit ids ascending, each with the number of
/// distinct keys of that unit's segment in the language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub ids: Vec<u32>,
    pub lens: Vec<u8>,
}

/// A unit made ready for writing; its ranges are into its [`Batch`].
struct Prepared {
    hash: u128,
    /// The `variants` column, in [`Batch::bytes`].
    variants: Range<usize>,
    meta: Option<Vec<u8>>,
    /// The unit's index keys (ids given by the [`Preparer`]), each with
    /// the number of distinct keys of its variant, in [`Batch::keys`].
    keys: Range<usize>,
    /// The variants' language codes, by id (see [`Batch::new_codes`]), in
    /// [`Batch::codes`].
    codes: Range<usize>,
}

/// Prepared units, with the keys first seen in them. Batches go back from
/// the writing thread to the preparing one to be filled again, and so do
/// [`Rows`] from the preparing thread to the reading one.
#[derive(Default)]
struct Batch {
    /// Key ids start again from 0 with this batch: the postings of the
    /// ones before are to be written out first.
    restart: bool,
    /// Keys given ids since the last batch, in id order: language
    /// (primary subtag) and key.
    new_keys: Vec<(String, String)>,
    /// Language codes (as written) given ids since the last batch.
    new_codes: Vec<String>,
    units: Vec<Prepared>,
    bytes: Vec<u8>,
    keys: Vec<(u32, u8)>,
    codes: Vec<u16>,
}

impl Batch {
    fn clear(&mut self) {
        self.restart = false;
        self.new_keys.clear();
        self.new_codes.clear();
        self.units.clear();
        self.bytes.clear();
        self.keys.clear();
        self.codes.clear();
    }
}

/// The columns of units, made on the thread that read them while they are
/// still in its cache: the duplicate hash, `variants` and `meta`.
#[derive(Default)]
struct Rows {
    hashes: Vec<u128>,
    bytes: Vec<u8>,
    /// Where each unit's `variants` ends in `bytes`.
    ends: Vec<usize>,
    metas: Vec<Option<Vec<u8>>>,
}

impl Rows {
    fn of(units: &[Unit]) -> Rows {
        let mut rows = Rows::default();
        units.iter().for_each(|unit| rows.push(unit));
        rows
    }

    fn push(&mut self, unit: &Unit) {
        self.hashes.push(u128::from_be_bytes(unit_hash(unit)));
        row::encode_variants(&unit.variants, &mut self.bytes);
        self.ends.push(self.bytes.len());
        self.metas.push(row::encode_unit_meta(&unit.meta));
    }

    fn clear(&mut self) {
        self.hashes.clear();
        self.bytes.clear();
        self.ends.clear();
        self.metas.clear();
    }
}

/// The index keys of one language: each word as written with the id of
/// its key (so that a word is folded and stemmed once per import, not once
/// per occurrence), and each key with its id.
#[derive(Default)]
struct LangKeys {
    /// By [`hash64`] of the word: two words whose hashes collide (odds
    /// of about one in 10¹⁰ in a vocabulary of a million words) would
    /// share a key, which only adds candidates that rescoring sorts out.
    words: FlatIds<u64>,
    keys: HashMap<Box<str>, u32>,
}

/// Turns units into [`Prepared`] rows, giving every index key an id.
#[derive(Default)]
struct Preparer {
    /// Language codes as written, each with its index in `langs`.
    codes: Vec<(String, usize)>,
    /// Primary language subtags with their keys.
    langs: Vec<(String, LangKeys)>,
    next_id: u32,
    new_keys: Vec<(String, String)>,
    new_codes: Vec<String>,
    spans: Vec<ScanWord>,
    /// The words' hashes, in `spans`' order.
    hashes: Vec<u64>,
    key: String,
}

impl Preparer {
    /// Prepares the units whose columns are `rows` into `batch` (one
    /// written before, say: its buffers are used again). The columns move
    /// into the batch, and `rows` is left with buffers to use again.
    fn batch(&mut self, rows: &mut Rows, mut batch: Batch) -> Batch {
        batch.clear();
        batch.restart = self.next_id > KEYS_KEPT;
        if batch.restart {
            for (_, table) in &mut self.langs {
                *table = LangKeys::default();
            }
            self.next_id = 0;
        }
        std::mem::swap(&mut batch.bytes, &mut rows.bytes);
        let mut start = 0;
        for (i, &end) in rows.ends.iter().enumerate() {
            let (keys, codes) =
                self.prepare(&batch.bytes[start..end], &mut batch.keys, &mut batch.codes);
            batch.units.push(Prepared {
                hash: rows.hashes[i],
                variants: start..end,
                meta: rows.metas[i].take(),
                keys,
                codes,
            });
            start = end;
        }
        rows.clear();
        std::mem::swap(&mut batch.new_keys, &mut self.new_keys);
        std::mem::swap(&mut batch.new_codes, &mut self.new_codes);
        batch
    }

    /// Gives the keys and language codes of the unit whose `variants`
    /// column is `variants` ids, in `keys` and `codes`; their ranges there.
    fn prepare(
        &mut self,
        variants: &[u8],
        keys: &mut Vec<(u32, u8)>,
        codes: &mut Vec<u16>,
    ) -> (Range<usize>, Range<usize>) {
        let (first_key, first_code) = (keys.len(), codes.len());
        for (lang, text) in row::variant_texts(variants) {
            let (code, lang) = self.code(lang);
            codes.push(code);
            let first = keys.len();
            self.keys_of(lang, text, keys);
            let len = (keys.len() - first).min(255) as u8;
            for k in &mut keys[first..] {
                k.1 = len;
            }
        }
        (first_key..keys.len(), first_code..codes.len())
    }

    /// The id of a language code as written, and the index of its primary
    /// subtag in `langs`.
    fn code(&mut self, code: &str) -> (u16, usize) {
        if let Some(i) = self.codes.iter().position(|(c, _)| c == code) {
            return (i as u16, self.codes[i].1);
        }
        let lang = primary(code);
        let at = match self.langs.iter().position(|(l, _)| *l == lang) {
            Some(at) => at,
            None => {
                self.langs.push((lang, LangKeys::default()));
                self.langs.len() - 1
            }
        };
        self.codes.push((code.to_string(), at));
        self.new_codes.push(code.to_string());
        ((self.codes.len() - 1) as u16, at)
    }

    /// Appends the ids of the distinct keys of `text` to `out`; `lang` is
    /// the index of its language in `langs`.
    fn keys_of(&mut self, lang: usize, text: &str, out: &mut Vec<(u32, u8)>) {
        let first = out.len();
        let Preparer {
            langs,
            next_id,
            new_keys,
            spans,
            hashes,
            key,
            ..
        } = self;
        let (lang, table) = &mut langs[lang];
        if table.words.len() > WORDS_KEPT {
            table.words.clear();
        }
        spans.clear();
        scan_words(text, spans);
        // Every word's hash first, its slot asked for at once, then the
        // lookups: most of a lookup is waiting for its slot of a table
        // larger than the cache, and these waits overlap.
        hashes.clear();
        hashes.extend(spans.iter().map(|w| {
            let hash = hash64(&text.as_bytes()[w.start..w.end]);
            table.words.prefetch(hash);
            hash
        }));
        for (w, &hash) in spans.iter().zip(hashes.iter()) {
            let id = match table.words.get(hash) {
                Some(id) => id,
                None => {
                    let word = &text[w.start..w.end];
                    key.clear();
                    key_into(word, key);
                    let id = match table.keys.get(key.as_str()) {
                        Some(&id) => id,
                        None => {
                            let id = *next_id;
                            *next_id += 1;
                            table.keys.insert(key.as_str().into(), id);
                            new_keys.push((lang.clone(), key.clone()));
                            id
                        }
                    };
                    table.words.insert(hash, id);
                    id
                }
            };
            if !out[first..].iter().any(|&(k, _)| k == id) {
                out.push((id, 0));
            }
        }
    }
}

/// Units written by one statement: a statement's binding, step and reset
/// once for many rows rather than for each (README, "Translation memory
/// speed", sixth round).
const ROWS_AT_ONCE: usize = 32;

/// Writes the new units of a [`Batch`], [`ROWS_AT_ONCE`] to a statement.
struct UnitWriter<'t> {
    one: rusqlite::CachedStatement<'t>,
    many: rusqlite::CachedStatement<'t>,
    /// Units not written yet: their ids and indexes in the batch.
    waiting: Vec<(u32, usize)>,
}

impl<'t> UnitWriter<'t> {
    fn new(tx: &'t Transaction<'_>) -> rusqlite::Result<UnitWriter<'t>> {
        let values = vec!["(?, ?, ?)"; ROWS_AT_ONCE].join(", ");
        Ok(UnitWriter {
            one: tx
                .prepare_cached("INSERT INTO tm_unit (id, variants, meta) VALUES (?1, ?2, ?3)")?,
            // OR FAIL: no statement journal to undo part of a statement
            // (SQLite writes one for a statement of many rows otherwise);
            // a failed import is rolled back whole anyway.
            many: tx.prepare_cached(&format!(
                "INSERT OR FAIL INTO tm_unit (id, variants, meta) VALUES {values}"
            ))?,
            waiting: Vec::with_capacity(ROWS_AT_ONCE),
        })
    }

    /// Stores unit `i` of `batch` as `id`, sooner or later.
    fn add(&mut self, batch: &Batch, id: u32, i: usize) -> rusqlite::Result<()> {
        self.waiting.push((id, i));
        if self.waiting.len() == ROWS_AT_ONCE {
            self.write(batch)?;
        }
        Ok(())
    }

    /// Writes the units waiting.
    fn write(&mut self, batch: &Batch) -> rusqlite::Result<()> {
        let row = |i: usize| {
            let unit = &batch.units[i];
            (&batch.bytes[unit.variants.clone()], unit.meta.as_deref())
        };
        if self.waiting.len() == ROWS_AT_ONCE {
            for (n, &(id, i)) in self.waiting.iter().enumerate() {
                let (variants, meta) = row(i);
                self.many.raw_bind_parameter(3 * n + 1, id)?;
                self.many.raw_bind_parameter(3 * n + 2, variants)?;
                self.many.raw_bind_parameter(3 * n + 3, meta)?;
            }
            self.many.raw_execute()?;
        } else {
            for &(id, i) in &self.waiting {
                let (variants, meta) = row(i);
                self.one.execute(params![id, variants, meta])?;
            }
        }
        self.waiting.clear();
        Ok(())
    }
}

/// Writes the postings of one key (its language and the key) as a row
/// numbered by the first unit it lists.
fn put_postings(
    put: &mut rusqlite::CachedStatement<'_>,
    (lang, key): &(String, String),
    postings: &PendingKey,
) -> rusqlite::Result<()> {
    put.execute(params![
        lang,
        key,
        postings.first,
        postings.count,
        postings.bytes
    ])
    .map(|_| ())
}

/// Calls `f` with each (unit id, key count) of a chunk of postings.
pub(super) fn decode_each(bytes: &[u8], f: &mut dyn FnMut(u32, u8)) {
    let mut id = 0u32;
    let mut i = 0;
    while i < bytes.len() {
        let mut v = 0u32;
        let mut shift = 0;
        while i < bytes.len() {
            let b = bytes[i];
            i += 1;
            v |= ((b & 0x7F) as u32) << shift;
            shift += 7;
            if b < 0x80 {
                break;
            }
        }
        id += v;
        f(id, bytes.get(i).copied().unwrap_or(0));
        i += 1;
    }
}

/// Merges the metadata of a duplicate (its columns) into stored unit `id`.
fn merge(conn: &Connection, id: u32, variants: &[u8], meta: Option<&[u8]>) -> rusqlite::Result<()> {
    let stored = conn
        .prepare_cached("SELECT variants, meta FROM tm_unit WHERE id = ?1")?
        .query_row(params![id], |r| {
            Ok(row::decode_unit(
                r.get_ref(0)?.as_blob()?,
                r.get_ref(1)?.as_blob_or_null()?,
            ))
        })
        .optional()?;
    let Some(mut unit) = stored else {
        return Ok(());
    };
    if !unit.merge(&row::decode_unit(variants, meta)) {
        return Ok(());
    }
    let mut bytes = Vec::new();
    row::encode_variants(&unit.variants, &mut bytes);
    conn.prepare_cached("UPDATE tm_unit SET variants = ?2, meta = ?3 WHERE id = ?1")?
        .execute(params![id, bytes, row::encode_unit_meta(&unit.meta)])?;
    Ok(())
}

/// An import in progress: one transaction, rolled back unless
/// [`TmImport::finish`] is reached.
pub struct TmImport<'s> {
    /// Writes the file's pages while the import goes on; stopped before
    /// the transaction ends (fields drop in order).
    writeback: WriteBack,
    tx: Transaction<'s>,
    path: String,
    preparer: Preparer,
    /// Units added one by one, not yet prepared.
    pending: Vec<Unit>,
    /// Language (primary subtag) and key, by key id.
    names: Vec<(String, String)>,
    /// Pending postings, by key id.
    postings: Pending,
    /// Whether postings are pending.
    posted: bool,
    /// Language codes as written, by id, with the variants stored.
    codes: Vec<(String, usize)>,
    hashes: Hashes,
    /// The id the next unit stored gets.
    next_unit: u32,
    stats: TmImportStats,
}

impl TmImport<'_> {
    /// Adds one unit. A unit that duplicates a stored one (same languages,
    /// same segments) is merged into it: counted, not stored again.
    pub fn add(&mut self, unit: Unit) -> Result<()> {
        self.pending.push(unit);
        if self.pending.len() >= BATCH {
            self.write_pending()?;
        }
        Ok(())
    }

    /// Adds the units `produce` hands to its callback, as [`TmImport::add`]
    /// does, while `produce` runs (reading a file, say) on a thread of its
    /// own and the units are prepared on another. An error from any side
    /// stops them all and is returned (the writing side's first).
    pub fn add_from<F>(&mut self, produce: F) -> Result<()>
    where
        F: FnOnce(&mut dyn FnMut(Unit) -> Result<()>) -> Result<()> + Send,
    {
        self.write_pending()?;
        let mut preparer = std::mem::take(&mut self.preparer);
        let (hand_rows, rows_in) = mpsc::sync_channel::<Rows>(IN_FLIGHT);
        let (rows_back, spare_rows) = mpsc::channel::<Rows>();
        let (hand_batch, batches_in) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
        let (batches_back, spare_batches) = mpsc::channel::<Batch>();
        // A closed channel means the next stage stopped: it has the error
        // to report.
        let stopped = |_| Error::usage("import stopped");
        let (produced, written) = std::thread::scope(|scope| {
            let reading = scope.spawn(move || {
                let mut rows = Rows::default();
                produce(&mut |unit| {
                    rows.push(&unit);
                    // Its strings are filled again by the reader, while
                    // they are still in this core's cache.
                    crate::tm::pool::recycle([unit]);
                    if rows.ends.len() >= BATCH {
                        let next = spare_rows.try_recv().unwrap_or_default();
                        let full = std::mem::replace(&mut rows, next);
                        hand_rows.send(full).map_err(stopped)?;
                    }
                    Ok(())
                })
                .and_then(|()| hand_rows.send(rows).map_err(stopped))
            });
            let preparing = scope.spawn(move || {
                for mut rows in rows_in {
                    let spare = spare_batches.try_recv().unwrap_or_default();
                    let batch = preparer.batch(&mut rows, spare);
                    if hand_batch.send(batch).is_err() {
                        break;
                    }
                    // The reader may have finished: then the rows are
                    // freed here.
                    let _ = rows_back.send(rows);
                }
                preparer
            });
            let mut written = Ok(());
            for mut batch in batches_in {
                written = self.write(&mut batch);
                if written.is_err() {
                    break;
                }
                let _ = batches_back.send(batch);
            }
            let produced = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            self.preparer = preparing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (produced, written)
        });
        written.and(produced)
    }

    fn write_pending(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let mut rows = Rows::of(&self.pending);
        let mut batch = self.preparer.batch(&mut rows, Batch::default());
        self.pending.clear();
        self.write(&mut batch)
    }

    fn write(&mut self, batch: &mut Batch) -> Result<()> {
        if batch.restart {
            self.flush().map_err(|e| db_error(&self.path, e))?;
            self.names.clear();
            self.postings.clear_keys();
        }
        self.postings.add_keys(batch.new_keys.len());
        self.names.append(&mut batch.new_keys);
        self.codes
            .extend(batch.new_codes.drain(..).map(|code| (code, 0)));
        self.insert_all(batch)
            .map_err(|e| db_error(&self.path, e))?;
        if self.postings.has_long() {
            self.write_long().map_err(|e| db_error(&self.path, e))?;
        }
        if self.postings.bytes() >= FLUSH_BYTES {
            self.flush().map_err(|e| db_error(&self.path, e))?;
        }
        Ok(())
    }

    /// Stores the units of `batch`, merging duplicates.
    fn insert_all(&mut self, batch: &Batch) -> rusqlite::Result<()> {
        let mut units = UnitWriter::new(&self.tx)?;
        // The duplicate hashes of units a few ahead are asked for while
        // this one is written: their table is larger than the cache.
        const AHEAD: usize = 8;
        for p in batch.units.iter().take(AHEAD) {
            self.hashes.prefetch(p.hash);
        }
        for (i, p) in batch.units.iter().enumerate() {
            if let Some(ahead) = batch.units.get(i + AHEAD) {
                self.hashes.prefetch(ahead.hash);
            }
            self.stats.read += 1;
            let variants = &batch.bytes[p.variants.clone()];
            if let Some(id) = self.hashes.find(&self.tx, p.hash)? {
                self.stats.duplicates += 1;
                if p.meta.is_some() || row::variants_have_meta(variants) {
                    // The unit merged into may be waiting still.
                    units.write(batch)?;
                    merge(&self.tx, id, variants, p.meta.as_deref())?;
                }
                continue;
            }
            let id = self.next_unit;
            units.add(batch, id, i)?;
            self.next_unit += 1;
            self.stats.added += 1;
            self.hashes.add(p.hash, id);
            self.posted = true;
            self.postings.post(id, &batch.keys[p.keys.clone()]);
            for &code in &batch.codes[p.codes.clone()] {
                self.codes[code as usize].1 += 1;
            }
        }
        units.write(batch)?;
        if self.hashes.pending() >= HASHES_KEPT {
            self.hashes.write(&self.tx)?;
        }
        Ok(())
    }

    /// Writes the pending postings as a new chunk of each key: a row
    /// numbered by the first unit it lists.
    fn flush(&mut self) -> rusqlite::Result<()> {
        if !std::mem::take(&mut self.posted) {
            return Ok(());
        }
        let mut put = self.tx.prepare_cached(INSERT_POSTINGS)?;
        let names = &self.names;
        self.postings.drain(
            // In the table's order, so that the rows go in as an append does.
            |ids| ids.sort_unstable_by(|&a, &b| names[a].cmp(&names[b])),
            |k, key| put_postings(&mut put, &names[k], key),
        )
    }

    /// Writes the lists of the keys that have grown long as a new chunk
    /// each, while the import goes on (see `pending.rs`).
    fn write_long(&mut self) -> rusqlite::Result<()> {
        let mut put = self.tx.prepare_cached(INSERT_POSTINGS)?;
        let names = &self.names;
        self.postings
            .drain_long(|k, key| put_postings(&mut put, &names[k], key))
    }

    /// Commits the import.
    pub fn finish(mut self) -> Result<TmImportStats> {
        self.write_pending()?;
        let path = self.path.clone();
        // The new duplicate hashes are sorted on a thread of their own
        // while the last postings are written: after the last unit, this
        // thread is the only one left working.
        let new_hashes = self.hashes.take();
        let (flushed, hashes) = std::thread::scope(|scope| {
            // Freed there too.
            let sorting = scope.spawn(move || hashes::sorted(&new_hashes));
            let flushed = self.flush();
            let sorted = sorting
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (flushed, sorted)
        });
        flushed.map_err(|e| db_error(&path, e))?;
        self.hashes
            .write_sorted(&self.tx, &hashes)
            .map_err(|e| db_error(&path, e))?;
        {
            let mut count = self
                .tx
                .prepare_cached(
                    "INSERT INTO tm_lang (lang, variants) VALUES (?1, ?2)
                     ON CONFLICT (lang) DO UPDATE SET variants = variants + excluded.variants",
                )
                .map_err(|e| db_error(&path, e))?;
            for (lang, n) in self.codes.iter().filter(|(_, n)| *n > 0) {
                count
                    .execute(params![lang, *n as i64])
                    .map_err(|e| db_error(&path, e))?;
            }
        }
        let stats = self.stats;
        self.writeback.stop();
        self.tx.commit().map_err(|e| db_error(&path, e))?;
        Ok(stats)
    }
}

impl Store {
    /// Folds the write-ahead log back into the database file after a large
    /// write, so that the file's size is the memory's size. Best effort:
    /// a reader holding the log open only delays it.
    fn tm_checkpoint(&self) {
        // The checkpoint copies the import's pages from the log into the
        // file, then syncs it: the pages are written back meanwhile.
        let _writeback = WriteBack::start(self.file.as_deref());
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Runs `f`, an import, and folds the write-ahead log back into the
    /// file. The first import into an empty memory, when no other
    /// connection has the file open, runs with a rollback journal instead:
    /// each new page is then written once rather than to the log and again
    /// into the file (a sixth less time for a million units), at the price
    /// that other connections wait for it to finish. SQLite refuses to
    /// leave WAL mode while another connection uses the file; then `f`
    /// runs in WAL mode as usual. The mode is set back afterwards, whatever
    /// `f` returned.
    pub fn tm_bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let empty = || {
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM tm_unit)", [], |r| {
                    r.get::<_, bool>(0)
                })
                .unwrap_or(false)
        };
        let left_wal = self.file.is_some() && empty() && self.journal_mode_now("DELETE");
        let result = f(self);
        if left_wal {
            self.journal_mode_now("WAL");
        } else {
            self.tm_checkpoint();
        }
        result
    }

    /// Switches the journal mode to `mode` without waiting for other
    /// connections; whether the file is now in that mode.
    fn journal_mode_now(&self, mode: &str) -> bool {
        let _ = self.conn.busy_timeout(Duration::ZERO);
        let now: rusqlite::Result<String> =
            self.conn
                .query_row(&format!("PRAGMA journal_mode = {mode}"), [], |r| r.get(0));
        let _ = self.conn.busy_timeout(super::BUSY_TIMEOUT);
        now.is_ok_and(|now| now.eq_ignore_ascii_case(mode))
    }
}

impl Store {
    /// Starts an import: every unit added lands, or none does.
    pub fn tm_import(&mut self) -> Result<TmImport<'_>> {
        let path = self.path.clone();
        self.conn
            .pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)
            .map_err(|e| db_error(&path, e))?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        // Started inside the transaction and dropped before it (locals
        // drop in reverse order), so that SQLite's descriptors stay open
        // while it runs.
        let writeback = WriteBack::start(self.file.as_deref());
        let hashes = Hashes::open(&tx).map_err(|e| db_error(&path, e))?;
        let next_unit = tx
            .query_row("SELECT coalesce(max(id), 0) + 1 FROM tm_unit", [], |r| {
                r.get(0)
            })
            .map_err(|e| db_error(&path, e))?;
        Ok(TmImport {
            tx,
            hashes,
            next_unit,
            path,
            preparer: Preparer::default(),
            pending: Vec::with_capacity(BATCH),
            names: Vec::new(),
            postings: Pending::default(),
            posted: false,
            codes: Vec::new(),
            stats: TmImportStats::default(),
            writeback,
        })
    }

    /// Runs `f`, which reads the memory, in one read transaction (unless
    /// one is open already): one snapshot, and the file locked and checked
    /// once rather than at every statement.
    pub fn tm_reading<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|e| db_error(&self.path, e))?;
        let result = f();
        // Nothing was written: ending the transaction only lets go of the
        // snapshot.
        tx.commit().map_err(|e| db_error(&self.path, e))?;
        result
    }

    /// Number of stored units (counted by their duplicate hashes, which
    /// take far fewer pages to read than the units).
    pub fn tm_count(&self) -> Result<usize> {
        hashes::count(&self.conn).map_err(|e| db_error(&self.path, e))
    }

    /// The largest unit id (0 when the memory is empty).
    pub fn tm_max_id(&self) -> Result<u32> {
        self.conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM tm_unit")
            .and_then(|mut s| s.query_row([], |r| r.get::<_, i64>(0)))
            .map(|n| n as u32)
            .map_err(|e| db_error(&self.path, e))
    }

    pub fn tm_stats(&self) -> Result<TmStats> {
        let units = self.tm_count()?;
        let mut stmt = self
            .conn
            .prepare("SELECT lang, variants FROM tm_lang ORDER BY variants DESC, lang")
            .map_err(|e| db_error(&self.path, e))?;
        let langs = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as usize)))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| db_error(&self.path, e))?;
        let size = |p: String| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let bytes = if self.path == ":memory:" {
            0
        } else {
            size(self.path.clone()) + size(format!("{}-wal", self.path))
        };
        Ok(TmStats {
            units,
            langs,
            bytes,
        })
    }

    /// How many units have `key` in language `lang` (primary subtag).
    pub fn tm_key_count(&self, lang: &str, key: &str) -> Result<u32> {
        self.conn
            .prepare_cached(
                "SELECT coalesce(sum(count), 0) FROM tm_posting WHERE lang = ?1 AND key = ?2",
            )
            .and_then(|mut s| s.query_row(params![lang, key], |r| r.get::<_, i64>(0)))
            .map(|n| n as u32)
            .map_err(|e| db_error(&self.path, e))
    }

    /// The postings of `key` in language `lang` (primary subtag).
    pub fn tm_postings(&self, lang: &str, key: &str) -> Result<Postings> {
        let mut out = Postings::default();
        self.tm_postings_each(lang, key, &mut |id, len| {
            out.ids.push(id);
            out.lens.push(len);
        })?;
        Ok(out)
    }

    /// Calls `f` with each posting of `key` in language `lang` (primary
    /// subtag): unit ids ascending, each with its key count.
    pub fn tm_postings_each(
        &self,
        lang: &str,
        key: &str,
        f: &mut dyn FnMut(u32, u8),
    ) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT ids FROM tm_posting WHERE lang = ?1 AND key = ?2 ORDER BY chunk",
            )
            .map_err(|e| db_error(&self.path, e))?;
        let mut rows = stmt
            .query(params![lang, key])
            .map_err(|e| db_error(&self.path, e))?;
        while let Some(row) = rows.next().map_err(|e| db_error(&self.path, e))? {
            let bytes = row
                .get_ref(0)
                .and_then(|v| v.as_blob().map_err(Into::into))
                .map_err(|e| db_error(&self.path, e))?;
            decode_each(bytes, f);
        }
        Ok(())
    }

    /// The variants of unit `id`; none when there is no such unit.
    pub fn tm_variants(&self, id: u32) -> Result<Vec<Variant>> {
        self.conn
            .prepare_cached("SELECT variants FROM tm_unit WHERE id = ?1")
            .and_then(|mut s| {
                let mut rows = s.query(params![id])?;
                match rows.next()? {
                    Some(r) => Ok(row::decode_variants(r.get_ref(0)?.as_blob()?)),
                    None => Ok(Vec::new()),
                }
            })
            .map_err(|e| db_error(&self.path, e))
    }

    /// The metadata of unit `id` (its `<tu>` attributes, properties and
    /// notes); empty when there is no such unit.
    pub fn tm_unit_meta(&self, id: u32) -> Result<Meta> {
        self.conn
            .prepare_cached("SELECT meta FROM tm_unit WHERE id = ?1")
            .and_then(|mut s| {
                let mut rows = s.query(params![id])?;
                match rows.next()? {
                    Some(r) => Ok(row::decode_unit_meta(r.get_ref(0)?.as_blob_or_null()?)),
                    None => Ok(Meta::default()),
                }
            })
            .map_err(|e| db_error(&self.path, e))
    }

    /// Calls `f` with every unit, in the order they were added.
    /// The source languages the stored units name (their `srclang`,
    /// `*all*` left out), each once, in order. Reads the units' metadata
    /// only.
    pub fn tm_source_langs(&self) -> Result<Vec<String>> {
        let path = &self.path;
        let mut stmt = self
            .conn
            .prepare("SELECT meta FROM tm_unit WHERE meta IS NOT NULL")
            .map_err(|e| db_error(path, e))?;
        let mut rows = stmt.query([]).map_err(|e| db_error(path, e))?;
        let mut named = std::collections::BTreeSet::new();
        while let Some(r) = rows.next().map_err(|e| db_error(path, e))? {
            let meta = r
                .get_ref(0)
                .and_then(|v| v.as_blob_or_null().map_err(Into::into))
                .map(row::decode_unit_meta)
                .map_err(|e| db_error(path, e))?;
            if let Some(lang) = meta.attr("srclang").filter(|l| *l != "*all*") {
                if !named.contains(lang) {
                    named.insert(lang.to_string());
                }
            }
        }
        Ok(named.into_iter().collect())
    }

    pub fn tm_for_each(&self, f: &mut dyn FnMut(Unit) -> Result<()>) -> Result<()> {
        let path = &self.path;
        let mut stmt = self
            .conn
            .prepare("SELECT variants, meta FROM tm_unit ORDER BY id")
            .map_err(|e| db_error(path, e))?;
        let mut rows = stmt.query([]).map_err(|e| db_error(path, e))?;
        while let Some(r) = rows.next().map_err(|e| db_error(path, e))? {
            let unit = (|| {
                Ok(row::decode_unit(
                    r.get_ref(0)?.as_blob()?,
                    r.get_ref(1)?.as_blob_or_null()?,
                ))
            })()
            .map_err(|e: rusqlite::Error| db_error(path, e))?;
            f(unit)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Seed;
    use crate::tm::unit::Meta;

    #[test]
    fn postings_survive_key_ids_starting_again() {
        let mut store = Store::open_in_memory(Seed::Nothing).unwrap();
        let mut import = store.tm_import().unwrap();
        // Far more distinct words than KEYS_KEPT under test, each unit also
        // with a word they all share.
        import
            .add_from(|add| {
                for i in 0..3000 {
                    add(Unit {
                        variants: vec![
                            Variant::plain("en", &format!("common word{i} w{}", i % 7)),
                            Variant::plain("ru", &format!("слово{i}")),
                        ],
                        ..Unit::default()
                    })?;
                }
                Ok(())
            })
            .unwrap();
        let stats = import.finish().unwrap();
        assert_eq!(stats.added, 3000);
        let common = store.tm_postings("en", "common").unwrap();
        assert_eq!(common.ids, (1..=3000).collect::<Vec<u32>>());
        assert!(common.lens.iter().all(|&n| n == 3));
        let w3 = store.tm_postings("en", "w3").unwrap();
        assert_eq!(w3.ids, (4..=3000).step_by(7).collect::<Vec<u32>>());
        assert_eq!(store.tm_postings("en", "word1234").unwrap().ids, vec![1235]);
        assert_eq!(store.tm_key_count("en", "common").unwrap(), 3000);
    }

    /// Units are written many to a statement; a duplicate that adds
    /// metadata to a unit not yet written, or to one just written, still
    /// merges into it.
    #[test]
    fn duplicates_merge_into_units_waiting_to_be_written() {
        let mut store = Store::open_in_memory(Seed::Nothing).unwrap();
        let noted = |i: usize, note: &str| Unit {
            meta: Meta {
                notes: vec![note.to_string()],
                ..Meta::default()
            },
            ..english_unit(i)
        };
        let mut import = store.tm_import().unwrap();
        let total = 3 * ROWS_AT_ONCE + 5;
        for i in 0..total {
            import.add(english_unit(i)).unwrap();
            // The duplicate of the unit just added (waiting), and of one
            // a statement's worth back (written).
            if i % 7 == 3 {
                import.add(noted(i, "again")).unwrap();
            }
            if i >= ROWS_AT_ONCE && i % 11 == 0 {
                import.add(noted(i - ROWS_AT_ONCE, "later")).unwrap();
            }
        }
        let stats = import.finish().unwrap();
        assert_eq!(stats.added, total);
        let mut notes = Vec::new();
        store
            .tm_for_each(&mut |unit| {
                notes.push((unit.variants[0].text.clone(), unit.meta.notes));
                Ok(())
            })
            .unwrap();
        assert_eq!(notes.len(), total);
        for (i, (text, got)) in notes.iter().enumerate() {
            assert_eq!(text, &format!("unit {i}"));
            let mut want = Vec::new();
            if i % 7 == 3 {
                want.push("again".to_string());
            }
            if (i + ROWS_AT_ONCE) < total && (i + ROWS_AT_ONCE) % 11 == 0 {
                want.push("later".to_string());
            }
            assert_eq!(got, &want, "unit {i}");
        }
    }

    fn journal_mode(store: &Store) -> String {
        store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    }

    /// Unit `i` of a memory of made-up English segments.
    fn english_unit(i: usize) -> Unit {
        Unit {
            variants: vec![Variant::plain("en", &format!("unit {i}"))],
            ..Unit::default()
        }
    }

    fn one_unit(store: &mut Store, i: usize) -> Result<TmImportStats> {
        let mut import = store.tm_import()?;
        import.add(Unit {
            variants: vec![
                Variant::plain("en", &format!("unit {i}")),
                Variant::plain("ru", &format!("единица {i}")),
            ],
            ..Unit::default()
        })?;
        import.finish()
    }

    /// The journal mode in force while [`Store::tm_bulk`] imports unit `i`.
    fn mode_while_importing(store: &mut Store, i: usize) -> String {
        store
            .tm_bulk(|store| {
                one_unit(store, i)?;
                Ok(journal_mode(store))
            })
            .unwrap()
    }

    #[test]
    fn a_first_import_alone_skips_the_log_and_leaves_it_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("m.db"), Seed::Nothing).unwrap();
        assert_eq!(journal_mode(&store), "wal");
        let inside = mode_while_importing(&mut store, 1);
        assert_eq!(inside, "delete");
        assert_eq!(journal_mode(&store), "wal");
        // The memory is no longer empty: later imports keep the log, so
        // that readers never wait for them.
        let inside = mode_while_importing(&mut store, 2);
        assert_eq!(inside, "wal");
        assert_eq!(store.tm_count().unwrap(), 2);
    }

    #[test]
    fn a_first_import_keeps_the_log_while_another_connection_reads() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut store = Store::open(&path, Seed::Nothing).unwrap();
        let reader = Store::open(&path, Seed::Nothing).unwrap();
        let inside = mode_while_importing(&mut store, 1);
        assert_eq!(inside, "wal");
        assert_eq!(reader.tm_count().unwrap(), 1);
    }

    #[test]
    fn a_failed_first_import_changes_nothing_and_leaves_the_log_on() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut store = Store::open(&path, Seed::Nothing).unwrap();
        let failed = store.tm_bulk(|store| -> Result<()> {
            let mut import = store.tm_import()?;
            import.add_from(|add| {
                for i in 0..5000 {
                    add(english_unit(i))?;
                }
                Err(Error::usage("truncated file"))
            })?;
            import.finish().map(|_| ())
        });
        assert!(failed.is_err());
        assert_eq!(journal_mode(&store), "wal");
        assert_eq!(store.tm_count().unwrap(), 0);
        drop(store);
        let again = Store::open(&path, Seed::Nothing).unwrap();
        assert_eq!(again.tm_count().unwrap(), 0);
        assert!(!dir.path().join("m.db-journal").exists());
    }

    /// An import holds the database's write lock until it ends, against
    /// other processes too: nothing may close a descriptor of the file
    /// while it runs (that releases the process's POSIX locks on it, as a
    /// thread that flushed the file early through a descriptor of its own
    /// once did), not even another store of the same file being dropped.
    /// Another process tries for the lock: inside one process, locks are
    /// SQLite's own bookkeeping and would not show the loss.
    #[test]
    fn an_import_keeps_its_write_lock_against_other_processes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let mut store = Store::open(&path, Seed::Nothing).unwrap();
        let probe = || {
            let out = std::process::Command::new(std::env::current_exe().unwrap())
                .args(["--exact", "store::tm::tests::probe_write_lock"])
                .args(["--ignored", "--nocapture", "--test-threads=1"])
                .env("DRAGOMAN_PROBE_DB", &path)
                .output()
                .unwrap();
            String::from_utf8_lossy(&out.stdout).contains("probe: locked")
        };
        store
            .tm_bulk(|store| {
                let mut import = store.tm_import()?;
                import.add_from(|add| {
                    for i in 0..200 {
                        add(english_unit(i))?;
                        std::thread::sleep(Duration::from_micros(500));
                    }
                    Ok(())
                })?;
                drop(Store::open(&path, Seed::Nothing)?);
                assert!(
                    probe(),
                    "another process got the write lock during the import"
                );
                import.finish().map(|_| ())
            })
            .unwrap();
        assert!(!probe(), "the write lock outlived the import");
        assert_eq!(store.tm_count().unwrap(), 200);
    }

    /// Run by [`an_import_keeps_its_write_lock_against_other_processes`] in a process of
    /// its own: whether the database's write lock is free.
    #[test]
    #[ignore = "a probe that another test runs in a process of its own"]
    fn probe_write_lock() {
        let Some(path) = std::env::var_os("DRAGOMAN_PROBE_DB") else {
            return;
        };
        let conn = Connection::open(path).unwrap();
        conn.busy_timeout(Duration::ZERO).unwrap();
        let free = conn.execute_batch("BEGIN IMMEDIATE").is_ok();
        println!("probe: {}", if free { "free" } else { "locked" });
    }

    #[test]
    fn duplicates_are_found_after_their_hashes_are_written_out() {
        let mut store = Store::open_in_memory(Seed::Nothing).unwrap();
        let unit = |i: usize| Unit {
            variants: vec![
                Variant::plain("en", &format!("unit {i}")),
                Variant::plain("ru", &format!("единица {i}")),
            ],
            ..Unit::default()
        };
        let mut import = store.tm_import().unwrap();
        // More units than HASHES_KEPT under test, each read twice, the
        // second time after the hashes of the first went to `tm_hash`.
        for i in (0..1500).chain(0..1500) {
            import.add(unit(i)).unwrap();
        }
        let stats = import.finish().unwrap();
        assert_eq!((stats.added, stats.duplicates), (1500, 1500));
        let mut again = store.tm_import().unwrap();
        again.add(unit(7)).unwrap();
        again.add(unit(1500)).unwrap();
        let stats = again.finish().unwrap();
        assert_eq!((stats.added, stats.duplicates), (1, 1));
        assert_eq!(store.tm_count().unwrap(), 1501);
    }
}
