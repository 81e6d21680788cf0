//! Translation-memory storage: units (their variants as JSON) and the
//! search index (postings of word keys), written in one transaction per
//! import.
//!
//! An import is a pipeline: a [`Preparer`] turns units into rows (the
//! duplicate hash, the variants as JSON, the ids of their index keys) and
//! the [`TmImport`] writes them in order and appends each unit to the
//! postings of its keys, kept in memory as delta-coded lists. Those are
//! written as a new chunk per key whenever they reach [`FLUSH_BYTES`] and at
//! the end, so memory stays bounded whatever the size of the import.
//! [`TmImport::add_from`] runs the reading and preparing on a thread of
//! its own, beside the writing.

use super::{db_error, Store};
use crate::error::{Error, Result};
use crate::text::scan_tokens::{scan_words, ScanWord};
use crate::tm::hash::unit_hash;
use crate::tm::keys::key_into;
use crate::tm::unit::{primary, Meta, Unit, Variant};
use rusqlite::{params, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::mpsc;

/// Pending postings (their delta-coded bytes) are written out as chunks
/// when they reach this size.
const FLUSH_BYTES: usize = 96 << 20;
/// Units handed from the reading thread to the writing one at a time.
const BATCH: usize = 1024;
/// Batches in flight between the two threads.
const IN_FLIGHT: usize = 8;
/// Words remembered with their key; beyond this the memory of words
/// starts again (keys keep their ids).
const WORDS_KEPT: usize = 1 << 21;
/// Keys given ids; beyond this the pending postings are written out and
/// the ids start again, so that a memory of endless distinct words (codes,
/// numbers) still imports in bounded memory.
const KEYS_KEPT: u32 = if cfg!(test) { 64 } else { 1 << 22 };
/// SQLite page cache for an import (KiB), so the duplicate index stays in
/// memory.
const IMPORT_CACHE_KIB: i64 = 131_072;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TmImportStats {
    /// Units read.
    pub read: usize,
    /// Units stored.
    pub added: usize,
    /// Units already stored (or read twice): merged into the stored one,
    /// whose metadata gains what the duplicate's adds (see [`Meta::merge`]).
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

/// A variant as stored in `tm_unit.variants`.
#[derive(Serialize, Deserialize)]
struct Stored<'a> {
    l: std::borrow::Cow<'a, str>,
    t: std::borrow::Cow<'a, str>,
    /// The segment markup, when it is more than the text escaped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    s: Option<std::borrow::Cow<'a, str>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    m: Option<std::borrow::Cow<'a, Meta>>,
}

/// A unit made ready for writing.
struct Prepared {
    hash: [u8; 16],
    variants: String,
    meta: Option<String>,
    /// The unit's index keys (ids given by the [`Preparer`]), each with
    /// the number of distinct keys of its variant.
    keys: Vec<(u32, u8)>,
    /// The variants' language codes, by id (see [`Batch::new_codes`]).
    codes: Vec<u16>,
}

/// Prepared units, with the keys first seen in them.
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
}

/// The index keys of one language: each word as written with the id of
/// its key (so that a word is folded and stemmed once per import, not once
/// per occurrence), and each key with its id.
#[derive(Default)]
struct LangKeys {
    /// By [`word_hash`] of the word: two words whose hashes collide (odds
    /// of about one in 10¹⁰ in a vocabulary of a million words) would
    /// share a key, which only adds candidates that rescoring sorts out.
    words: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
    keys: HashMap<Box<str>, u32>,
}

/// A 64-bit FNV-1a hash of a word, mixed so that every bit depends on
/// every byte (the hash table takes its buckets from the low bits).
fn word_hash(word: &str) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in word.as_bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100000001b3);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0x9E3779B97F4A7C15);
    h ^ (h >> 29)
}

/// The identity hasher, for keys that are already hashes.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
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
    key: String,
}

impl Preparer {
    fn batch(&mut self, units: impl Iterator<Item = Unit>) -> Batch {
        let restart = self.next_id > KEYS_KEPT;
        if restart {
            for (_, table) in &mut self.langs {
                *table = LangKeys::default();
            }
            self.next_id = 0;
        }
        let units = units.map(|u| self.prepare(&u)).collect();
        Batch {
            restart,
            new_keys: std::mem::take(&mut self.new_keys),
            new_codes: std::mem::take(&mut self.new_codes),
            units,
        }
    }

    fn prepare(&mut self, unit: &Unit) -> Prepared {
        let mut keys = Vec::with_capacity(32);
        let mut codes = Vec::with_capacity(unit.variants.len());
        for v in &unit.variants {
            let (code, lang) = self.code(&v.lang);
            codes.push(code);
            let first = keys.len();
            self.keys_of(lang, v, &mut keys);
            let len = (keys.len() - first).min(255) as u8;
            for k in &mut keys[first..] {
                k.1 = len;
            }
        }
        let (variants, meta) = rows(unit);
        Prepared {
            hash: unit_hash(unit),
            variants,
            meta,
            keys,
            codes,
        }
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

    /// Appends the ids of the distinct keys of `v`'s text to `out`; `lang`
    /// is the index of its language in `langs`.
    fn keys_of(&mut self, lang: usize, v: &Variant, out: &mut Vec<(u32, u8)>) {
        let first = out.len();
        let Preparer {
            langs,
            next_id,
            new_keys,
            spans,
            key,
            ..
        } = self;
        let (lang, table) = &mut langs[lang];
        if table.words.len() > WORDS_KEPT {
            table.words.clear();
        }
        spans.clear();
        scan_words(&v.text, spans);
        for w in spans.iter() {
            let word = &v.text[w.start..w.end];
            let hash = word_hash(word);
            let id = match table.words.get(&hash) {
                Some(&id) => id,
                None => {
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

/// A unit's `variants` and `meta` columns.
fn rows(unit: &Unit) -> (String, Option<String>) {
    let stored: Vec<Stored> = unit
        .variants
        .iter()
        .map(|v| {
            let plain = quick_xml::escape::partial_escape(&v.text);
            Stored {
                l: v.lang.as_str().into(),
                t: v.text.as_str().into(),
                s: (v.seg != plain).then(|| v.seg.as_str().into()),
                m: (!v.meta.is_empty()).then_some(std::borrow::Cow::Borrowed(&v.meta)),
            }
        })
        .collect();
    let variants = serde_json::to_string(&stored).unwrap_or_default();
    let meta =
        (!unit.meta.is_empty()).then(|| serde_json::to_string(&unit.meta).unwrap_or_default());
    (variants, meta)
}

fn variants_of(json: &str) -> Vec<Variant> {
    let stored: Vec<Stored> = serde_json::from_str(json).unwrap_or_default();
    stored
        .into_iter()
        .map(|s| {
            let seg = match s.s {
                Some(seg) => seg.into_owned(),
                None => quick_xml::escape::partial_escape(&*s.t).into_owned(),
            };
            Variant {
                lang: s.l.into_owned(),
                seg,
                text: s.t.into_owned(),
                meta: s.m.map(|m| m.into_owned()).unwrap_or_default(),
            }
        })
        .collect()
}

/// The postings of one key gathered since the last flush.
#[derive(Default)]
struct PendingKey {
    /// (unit id delta, key count) pairs, the delta as a varint.
    bytes: Vec<u8>,
    last: u32,
    count: u32,
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Calls `f` with each (unit id, key count) of a chunk of postings.
fn decode_each(bytes: &[u8], f: &mut dyn FnMut(u32, u8)) {
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

fn meta_of(json: Option<String>) -> Meta {
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

/// An import in progress: one transaction, rolled back unless
/// [`TmImport::finish`] is reached.
pub struct TmImport<'s> {
    tx: Transaction<'s>,
    path: String,
    preparer: Preparer,
    /// Units added one by one, not yet prepared.
    pending: Vec<Unit>,
    /// Language (primary subtag) and key, by key id.
    names: Vec<(String, String)>,
    /// Pending postings, by key id.
    keys: Vec<PendingKey>,
    pending_bytes: usize,
    /// The first unit id whose postings are pending: the chunk number.
    chunk: Option<u32>,
    /// Language codes as written, by id, with the variants stored.
    codes: Vec<(String, usize)>,
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
    /// does, while `produce` runs (reading a file, say) and the units are
    /// prepared on a thread of their own. An error from either side stops
    /// both and is returned (the writing side's first).
    pub fn add_from<F>(&mut self, produce: F) -> Result<()>
    where
        F: FnOnce(&mut dyn FnMut(Unit) -> Result<()>) -> Result<()> + Send,
    {
        self.write_pending()?;
        let mut preparer = std::mem::take(&mut self.preparer);
        let (sender, receiver) = mpsc::sync_channel::<Batch>(IN_FLIGHT);
        let (produced, written) = std::thread::scope(|scope| {
            let reading = scope.spawn(move || {
                let mut units = Vec::with_capacity(BATCH);
                let hand_over = |units: &mut Vec<Unit>, preparer: &mut Preparer| {
                    let batch = preparer.batch(units.drain(..));
                    // The writer stopped: it has the error to report.
                    sender
                        .send(batch)
                        .map_err(|_| Error::usage("import stopped"))
                };
                let produced = produce(&mut |unit| {
                    units.push(unit);
                    if units.len() >= BATCH {
                        hand_over(&mut units, &mut preparer)?;
                    }
                    Ok(())
                })
                .and_then(|()| hand_over(&mut units, &mut preparer));
                (produced, preparer)
            });
            let mut written = Ok(());
            for batch in receiver {
                written = self.write(batch);
                if written.is_err() {
                    break;
                }
            }
            let produced = reading
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (produced, written)
        });
        let (produced, preparer) = produced;
        self.preparer = preparer;
        written.and(produced)
    }

    fn write_pending(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = self.preparer.batch(self.pending.drain(..));
        self.write(batch)
    }

    fn write(&mut self, batch: Batch) -> Result<()> {
        if batch.restart {
            self.flush().map_err(|e| db_error(&self.path, e))?;
            self.names.clear();
            self.keys.clear();
        }
        self.keys
            .resize_with(self.keys.len() + batch.new_keys.len(), PendingKey::default);
        self.names.extend(batch.new_keys);
        self.codes
            .extend(batch.new_codes.into_iter().map(|code| (code, 0)));
        for p in batch.units {
            self.stats.read += 1;
            self.insert(p).map_err(|e| db_error(&self.path, e))?;
        }
        if self.pending_bytes >= FLUSH_BYTES {
            self.flush().map_err(|e| db_error(&self.path, e))?;
        }
        Ok(())
    }

    fn insert(&mut self, p: Prepared) -> rusqlite::Result<()> {
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO tm_unit (hash, variants, meta) VALUES (?1, ?2, ?3) ON CONFLICT (hash) DO NOTHING",
            )?
            .execute(params![&p.hash[..], p.variants, p.meta])?;
        if inserted == 0 {
            self.stats.duplicates += 1;
            return self.merge(&p);
        }
        self.stats.added += 1;
        let id = self.tx.last_insert_rowid();
        let id = u32::try_from(id).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, id))?;
        self.chunk.get_or_insert(id);
        for &(k, len) in &p.keys {
            let key = &mut self.keys[k as usize];
            if key.count > 0 && key.last == id {
                // Two variants in one language: the unit is listed once.
                continue;
            }
            let before = key.bytes.len();
            put_varint(&mut key.bytes, id - key.last);
            key.bytes.push(len);
            key.last = id;
            key.count += 1;
            self.pending_bytes += key.bytes.len() - before;
        }
        for code in p.codes {
            self.codes[code as usize].1 += 1;
        }
        Ok(())
    }

    /// Merges the metadata of a duplicate into the stored unit.
    fn merge(&mut self, p: &Prepared) -> rusqlite::Result<()> {
        let has_meta = p.meta.is_some() || p.variants.contains("\"m\":");
        if !has_meta {
            return Ok(());
        }
        let stored = self
            .tx
            .prepare_cached("SELECT id, variants, meta FROM tm_unit WHERE hash = ?1")?
            .query_row(params![&p.hash[..]], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .optional()?;
        let Some((id, variants, meta)) = stored else {
            return Ok(());
        };
        let mut unit = Unit {
            meta: meta_of(meta),
            variants: variants_of(&variants),
        };
        let duplicate = Unit {
            meta: meta_of(p.meta.clone()),
            variants: variants_of(&p.variants),
        };
        if !unit.merge(&duplicate) {
            return Ok(());
        }
        let (variants, meta) = rows(&unit);
        self.tx
            .prepare_cached("UPDATE tm_unit SET variants = ?2, meta = ?3 WHERE id = ?1")?
            .execute(params![id, variants, meta])?;
        Ok(())
    }

    /// Writes the pending postings as a new chunk of each key.
    fn flush(&mut self) -> rusqlite::Result<()> {
        let Some(chunk) = self.chunk.take() else {
            return Ok(());
        };
        let mut put = self.tx.prepare_cached(
            "INSERT INTO tm_posting (lang, key, chunk, count, ids) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        // In the table's order, so that the rows go in as an append does.
        let mut order: Vec<usize> = (0..self.keys.len())
            .filter(|&k| self.keys[k].count > 0)
            .collect();
        order.sort_unstable_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        for k in order {
            let key = &mut self.keys[k];
            let (lang, name) = &self.names[k];
            put.execute(params![lang, name, chunk, key.count, key.bytes])?;
            key.bytes = Vec::new();
            key.last = 0;
            key.count = 0;
        }
        self.pending_bytes = 0;
        Ok(())
    }

    /// Commits the import.
    pub fn finish(mut self) -> Result<TmImportStats> {
        self.write_pending()?;
        let path = self.path.clone();
        self.flush().map_err(|e| db_error(&path, e))?;
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
        self.tx.commit().map_err(|e| db_error(&path, e))?;
        Ok(stats)
    }
}

impl Store {
    /// Folds the write-ahead log back into the database file after a large
    /// write, so that the file's size is the memory's size. Best effort:
    /// a reader holding the log open only delays it.
    pub fn tm_checkpoint(&self) {
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
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
        Ok(TmImport {
            tx,
            path,
            preparer: Preparer::default(),
            pending: Vec::with_capacity(BATCH),
            names: Vec::new(),
            keys: Vec::new(),
            pending_bytes: 0,
            chunk: None,
            codes: Vec::new(),
            stats: TmImportStats::default(),
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

    /// Number of stored units.
    pub fn tm_count(&self) -> Result<usize> {
        self.conn
            .query_row("SELECT count(*) FROM tm_unit", [], |r| r.get::<_, i64>(0))
            .map(|n| n as usize)
            .map_err(|e| db_error(&self.path, e))
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
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT variants FROM tm_unit WHERE id = ?1")
            .and_then(|mut s| {
                let mut rows = s.query(params![id])?;
                match rows.next()? {
                    Some(row) => row.get(0).map(Some),
                    None => Ok(None),
                }
            })
            .map_err(|e| db_error(&self.path, e))?;
        Ok(json.map(|j| variants_of(&j)).unwrap_or_default())
    }

    /// Calls `f` with every unit, in the order they were added.
    pub fn tm_for_each(&self, f: &mut dyn FnMut(Unit) -> Result<()>) -> Result<()> {
        let path = &self.path;
        let mut stmt = self
            .conn
            .prepare("SELECT variants, meta FROM tm_unit ORDER BY id")
            .map_err(|e| db_error(path, e))?;
        let mut rows = stmt.query([]).map_err(|e| db_error(path, e))?;
        while let Some(row) = rows.next().map_err(|e| db_error(path, e))? {
            let variants: String = row.get(0).map_err(|e| db_error(path, e))?;
            let meta: Option<String> = row.get(1).map_err(|e| db_error(path, e))?;
            f(Unit {
                meta: meta_of(meta),
                variants: variants_of(&variants),
            })?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Seed;

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
}
