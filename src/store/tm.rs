//! Translation-memory storage: units, their variants and the search index
//! (postings of word keys), written in one transaction per import.

use super::{db_error, Store};
use crate::error::Result;
use crate::tm::hash::unit_hash;
use crate::tm::keys::keys;
use crate::tm::unit::{primary, Meta, Unit, Variant};
use rusqlite::{params, Transaction, TransactionBehavior};
use std::collections::HashMap;

/// Pending postings are written out as a chunk when they reach this many
/// bytes, so an import of any size stays in bounded memory.
const FLUSH_BYTES: usize = 32 << 20;

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TmImportStats {
    /// Units read.
    pub read: usize,
    /// Units stored.
    pub added: usize,
    /// Units already stored (or read twice) and merged into the stored one.
    pub duplicates: usize,
}

/// The size of the memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TmStats {
    pub units: usize,
    /// Variants per language code, most first.
    pub langs: Vec<(String, usize)>,
    /// Bytes on disk: the database file with its write-ahead log.
    pub bytes: u64,
}

/// The postings of one key: unit ids ascending, each with the number of
/// distinct keys of that unit's variant in the language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Postings {
    pub ids: Vec<u32>,
    pub lens: Vec<u8>,
}

#[derive(Default)]
struct Pending {
    bytes: Vec<u8>,
    last: u32,
    count: u32,
}

/// An import in progress: one transaction, rolled back unless
/// [`TmImport::finish`] is reached.
pub struct TmImport<'s> {
    tx: Transaction<'s>,
    path: String,
    /// Per language (primary subtag): key → postings not yet written.
    pending: HashMap<String, HashMap<String, Pending>>,
    pending_bytes: usize,
    stats: TmImportStats,
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

fn meta_json(meta: &Meta) -> Option<String> {
    (!meta.is_empty()).then(|| serde_json::to_string(meta).unwrap_or_default())
}

fn meta_of(json: Option<String>) -> Meta {
    json.and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default()
}

impl TmImport<'_> {
    /// Stores one unit; `false` when it duplicates a stored one (merged:
    /// the stored unit stays as it is).
    pub fn add(&mut self, unit: &Unit) -> Result<bool> {
        self.stats.read += 1;
        let added = self.insert(unit).map_err(|e| db_error(&self.path, e))?;
        if added {
            self.stats.added += 1;
        } else {
            self.stats.duplicates += 1;
        }
        if self.pending_bytes >= FLUSH_BYTES {
            self.flush().map_err(|e| db_error(&self.path, e))?;
        }
        Ok(added)
    }

    fn insert(&mut self, unit: &Unit) -> rusqlite::Result<bool> {
        let hash = unit_hash(unit);
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO tm_unit (hash, meta) VALUES (?1, ?2) ON CONFLICT (hash) DO NOTHING",
            )?
            .execute(params![&hash[..], meta_json(&unit.meta)])?;
        if inserted == 0 {
            return Ok(false);
        }
        let id = self.tx.last_insert_rowid();
        let id32 =
            u32::try_from(id).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, id))?;
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO tm_variant (unit_id, position, lang, text, seg, meta) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (position, v) in unit.variants.iter().enumerate() {
            let plain = quick_xml::escape::partial_escape(&v.text);
            let seg = (v.seg != plain).then_some(v.seg.as_str());
            stmt.execute(params![
                id,
                position as i64,
                v.lang,
                v.text,
                seg,
                meta_json(&v.meta)
            ])?;
            let keys = keys(&v.text);
            let len = keys.len().min(255) as u8;
            let lang = primary(&v.lang);
            let postings = match self.pending.get_mut(&lang) {
                Some(p) => p,
                None => self.pending.entry(lang).or_default(),
            };
            for key in keys {
                let p = match postings.get_mut(&key) {
                    Some(p) => p,
                    None => postings.entry(key).or_default(),
                };
                if p.count > 0 && p.last == id32 {
                    continue;
                }
                let before = p.bytes.len();
                put_varint(&mut p.bytes, id32 - p.last);
                p.bytes.push(len);
                p.last = id32;
                p.count += 1;
                self.pending_bytes += p.bytes.len() - before;
            }
        }
        Ok(true)
    }

    /// Writes the pending postings as a new chunk of each key.
    fn flush(&mut self) -> rusqlite::Result<()> {
        let mut next = self.tx.prepare_cached(
            "SELECT coalesce(max(chunk), -1) + 1 FROM tm_posting WHERE lang = ?1 AND key = ?2",
        )?;
        let mut put = self.tx.prepare_cached(
            "INSERT INTO tm_posting (lang, key, chunk, count, ids) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (lang, postings) in self.pending.drain() {
            for (key, p) in postings {
                let chunk: i64 = next.query_row(params![lang, key], |r| r.get(0))?;
                put.execute(params![lang, key, chunk, p.count, p.bytes])?;
            }
        }
        self.pending_bytes = 0;
        Ok(())
    }

    /// Commits the import.
    pub fn finish(mut self) -> Result<TmImportStats> {
        self.flush().map_err(|e| db_error(&self.path, e))?;
        let stats = self.stats;
        self.tx.commit().map_err(|e| db_error(&self.path, e))?;
        Ok(stats)
    }
}

impl Store {
    /// Starts an import: every unit added lands, or none does.
    pub fn tm_import(&mut self) -> Result<TmImport<'_>> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        Ok(TmImport {
            tx,
            path,
            pending: HashMap::new(),
            pending_bytes: 0,
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
            .query_row("SELECT coalesce(max(id), 0) FROM tm_unit", [], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n as u32)
            .map_err(|e| db_error(&self.path, e))
    }

    pub fn tm_stats(&self) -> Result<TmStats> {
        let units = self.tm_count()?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT lang, count(*) FROM tm_variant GROUP BY lang ORDER BY count(*) DESC, lang",
            )
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

    /// How many units of language `lang` (primary subtag) contain `key`.
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

    /// The variants of unit `id` (without their metadata); none when
    /// there is no such unit.
    pub fn tm_variants(&self, id: u32) -> Result<Vec<Variant>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT lang, text, seg FROM tm_variant WHERE unit_id = ?1 ORDER BY position",
            )
            .map_err(|e| db_error(&self.path, e))?;
        let rows = stmt
            .query_map(params![id], |r| {
                let text: String = r.get(1)?;
                let seg: Option<String> = r.get(2)?;
                Ok(Variant {
                    lang: r.get(0)?,
                    seg: seg
                        .unwrap_or_else(|| quick_xml::escape::partial_escape(&text).into_owned()),
                    text,
                    meta: Meta::default(),
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|e| db_error(&self.path, e))?;
        Ok(rows)
    }

    /// Calls `f` with every unit, in the order they were added.
    pub fn tm_for_each(&self, f: &mut dyn FnMut(Unit) -> Result<()>) -> Result<()> {
        let path = &self.path;
        let mut units = self
            .conn
            .prepare("SELECT id, meta FROM tm_unit ORDER BY id")
            .map_err(|e| db_error(path, e))?;
        let mut variants = self
            .conn
            .prepare(
                "SELECT unit_id, lang, text, seg, meta FROM tm_variant ORDER BY unit_id, position",
            )
            .map_err(|e| db_error(path, e))?;
        let mut units = units.query([]).map_err(|e| db_error(path, e))?;
        let mut variants = variants.query([]).map_err(|e| db_error(path, e))?;
        let mut next_variant = variants
            .next()
            .map_err(|e| db_error(path, e))?
            .map(read_variant);
        while let Some(row) = units.next().map_err(|e| db_error(path, e))? {
            let id: i64 = row.get(0).map_err(|e| db_error(path, e))?;
            let mut unit = Unit {
                meta: meta_of(row.get(1).map_err(|e| db_error(path, e))?),
                variants: Vec::new(),
            };
            loop {
                match next_variant.take() {
                    Some(Ok((unit_id, v))) if unit_id == id => {
                        unit.variants.push(v);
                        next_variant = variants
                            .next()
                            .map_err(|e| db_error(path, e))?
                            .map(read_variant);
                    }
                    Some(Err(e)) => return Err(db_error(path, e)),
                    other => {
                        next_variant = other;
                        break;
                    }
                }
            }
            f(unit)?;
        }
        Ok(())
    }
}

fn read_variant(r: &rusqlite::Row) -> rusqlite::Result<(i64, Variant)> {
    let text: String = r.get(2)?;
    let seg: Option<String> = r.get(3)?;
    Ok((
        r.get(0)?,
        Variant {
            lang: r.get(1)?,
            seg: seg.unwrap_or_else(|| quick_xml::escape::partial_escape(&text).into_owned()),
            text,
            meta: meta_of(r.get(4)?),
        },
    ))
}
