//! Translation-memory storage: units (their variants as JSON) and the
//! search index (postings of word keys), written in one transaction per
//! import.
//!
//! An import works in batches: the costly per-unit work (duplicate hash,
//! index keys, JSON) is done for a batch in parallel, then the batch is
//! written in order. Postings gather in memory and are written as a new
//! chunk per key when they grow large and at the end, so memory stays
//! bounded whatever the size of the import.

use super::{db_error, Store};
use crate::error::Result;
use crate::tm::hash::unit_hash;
use crate::tm::keys::keys_into;
use crate::tm::unit::{primary, Meta, Unit, Variant};
use rayon::prelude::*;
use rusqlite::{params, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Pending postings are written out as chunks when there are this many.
const FLUSH_POSTINGS: usize = 4 << 20;
/// Units prepared in parallel at a time.
const BATCH: usize = 2048;
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
    /// which stays as it is.
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
    m: Option<Meta>,
}

/// An index key: its hash and its byte range in [`Prepared::key_text`].
type HashedKey = (u128, usize, usize);

/// A unit made ready for writing.
struct Prepared {
    hash: [u8; 16],
    variants: String,
    meta: Option<String>,
    /// Per variant: language (primary subtag) and the byte ranges of its
    /// index keys in `key_text`, each with its hash.
    keys: Vec<(String, Vec<HashedKey>)>,
    key_text: String,
    /// The variants' language codes.
    langs: Vec<String>,
}

fn prepare(unit: &Unit) -> Prepared {
    let mut key_text = String::new();
    let mut ranges = Vec::new();
    let keys = unit
        .variants
        .iter()
        .map(|v| {
            let lang = primary(&v.lang);
            ranges.clear();
            keys_into(&v.text, &mut key_text, &mut ranges);
            let hashed = ranges
                .iter()
                .map(|&(s, e)| (key_hash(&lang, &key_text[s..e]), s, e))
                .collect();
            (lang, hashed)
        })
        .collect();
    let stored: Vec<Stored> = unit
        .variants
        .iter()
        .map(|v| {
            let plain = quick_xml::escape::partial_escape(&v.text);
            Stored {
                l: v.lang.as_str().into(),
                t: v.text.as_str().into(),
                s: (v.seg != plain).then(|| v.seg.as_str().into()),
                m: (!v.meta.is_empty()).then(|| v.meta.clone()),
            }
        })
        .collect();
    Prepared {
        hash: unit_hash(unit),
        variants: serde_json::to_string(&stored).unwrap_or_default(),
        meta: (!unit.meta.is_empty())
            .then(|| serde_json::to_string(&unit.meta).unwrap_or_default()),
        keys,
        key_text,
        langs: unit.variants.iter().map(|v| v.lang.clone()).collect(),
    }
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
                meta: s.m.unwrap_or_default(),
            }
        })
        .collect()
}

/// The identity hasher for keys that are already hashes.
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
    fn write_u128(&mut self, v: u128) {
        self.0 = v as u64 ^ (v >> 64) as u64;
    }
}

/// A key with pending postings.
struct PendingKey {
    lang: String,
    key: String,
    count: u32,
}

/// One pending posting: the key's slot, the unit and its key count.
#[derive(Clone, Copy)]
struct Posting {
    slot: u32,
    id: u32,
    len: u8,
}

/// Two 64-bit FNV-1a hashes of a language and key side by side: the
/// identity of a key in the pending postings (a collision would only merge
/// two keys' candidates, which rescoring sorts out).
fn key_hash(lang: &str, key: &str) -> u128 {
    let (mut a, mut b): (u64, u64) = (0xcbf29ce484222325, 0x84222325cbf29ce4);
    for &byte in lang
        .as_bytes()
        .iter()
        .chain([0u8].iter())
        .chain(key.as_bytes())
    {
        a = (a ^ byte as u64).wrapping_mul(0x100000001b3);
        b = (b ^ byte as u64).wrapping_mul(0x100000001b3).rotate_left(5);
    }
    ((a as u128) << 64) | b as u128
}

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn decode_into(bytes: &[u8], out: &mut Postings) {
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
        out.ids.push(id);
        out.lens.push(bytes.get(i).copied().unwrap_or(0));
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
    batch: Vec<Unit>,
    /// (lang, key) hash → index into `keys`.
    slots: HashMap<u128, u32, BuildHasherDefault<Prehashed>>,
    keys: Vec<PendingKey>,
    postings: Vec<Posting>,
    /// The first unit id whose postings are pending: the chunk number.
    chunk: Option<u32>,
    langs: HashMap<String, usize>,
    stats: TmImportStats,
}

impl TmImport<'_> {
    /// Adds one unit. A unit that duplicates a stored one (same languages,
    /// same segments) is merged into it: counted, not stored again.
    pub fn add(&mut self, unit: Unit) -> Result<()> {
        self.stats.read += 1;
        self.batch.push(unit);
        if self.batch.len() >= BATCH {
            self.write_batch()?;
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        let prepared: Vec<Prepared> = batch.par_iter().map(prepare).collect();
        for p in prepared {
            self.insert(p).map_err(|e| db_error(&self.path, e))?;
        }
        if self.postings.len() >= FLUSH_POSTINGS {
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
            return Ok(());
        }
        self.stats.added += 1;
        let id = self.tx.last_insert_rowid();
        let id = u32::try_from(id).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, id))?;
        self.chunk.get_or_insert(id);
        for (lang, keys) in p.keys {
            let len = keys.len().min(255) as u8;
            for (h, start, end) in keys {
                let slot = match self.slots.get(&h) {
                    Some(&slot) => slot,
                    None => {
                        let slot = self.keys.len() as u32;
                        self.keys.push(PendingKey {
                            lang: lang.clone(),
                            key: p.key_text[start..end].to_string(),
                            count: 0,
                        });
                        self.slots.insert(h, slot);
                        slot
                    }
                };
                self.postings.push(Posting { slot, id, len });
            }
        }
        for lang in p.langs {
            *self.langs.entry(lang).or_default() += 1;
        }
        Ok(())
    }

    /// Writes the pending postings as a new chunk of each key: grouped by
    /// key with a counting sort that keeps each key's ids ascending.
    fn flush(&mut self) -> rusqlite::Result<()> {
        let Some(chunk) = self.chunk.take() else {
            return Ok(());
        };
        let mut starts = vec![0usize; self.keys.len() + 1];
        for p in &self.postings {
            starts[p.slot as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut sorted = vec![(0u32, 0u8); self.postings.len()];
        for p in &self.postings {
            sorted[next[p.slot as usize]] = (p.id, p.len);
            next[p.slot as usize] += 1;
        }
        let mut put = self.tx.prepare_cached(
            "INSERT INTO tm_posting (lang, key, chunk, count, ids) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut bytes = Vec::new();
        for (slot, key) in self.keys.iter_mut().enumerate() {
            bytes.clear();
            let mut last = 0u32;
            for &(id, len) in &sorted[starts[slot]..starts[slot + 1]] {
                if key.count > 0 && id == last {
                    continue;
                }
                put_varint(&mut bytes, id - last);
                bytes.push(len);
                last = id;
                key.count += 1;
            }
            put.execute(params![key.lang, key.key, chunk, key.count, bytes])?;
        }
        self.keys.clear();
        self.slots.clear();
        self.postings.clear();
        Ok(())
    }

    /// Commits the import.
    pub fn finish(mut self) -> Result<TmImportStats> {
        self.write_batch()?;
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
            for (lang, n) in self.langs.iter().filter(|(_, n)| **n > 0) {
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
            batch: Vec::with_capacity(BATCH),
            slots: HashMap::default(),
            keys: Vec::new(),
            postings: Vec::with_capacity(FLUSH_POSTINGS),
            chunk: None,
            langs: HashMap::new(),
            stats: TmImportStats::default(),
        })
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
            decode_into(bytes, &mut out);
        }
        Ok(out)
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
