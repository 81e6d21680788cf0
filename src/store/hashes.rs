//! The duplicate hashes of stored units (see [`crate::tm::hash`]), in
//! `tm_hash`: [`BUCKETS`] rows at most, keyed by the top bits of the
//! hashes they hold, each a list of (hash, unit id) records of 20 bytes,
//! big-endian.
//!
//! An import keeps the hashes of the units it adds in memory and appends
//! them to their buckets at the end: one row written per bucket, not one
//! B-tree insert per unit.

use super::flat::FlatIds;
use rusqlite::{params, Connection, OptionalExtension};

/// Bits of a hash that choose its bucket.
const BUCKET_BITS: u32 = 16;
/// Bytes of one (hash, unit id) record.
const RECORD: usize = 20;

/// The duplicate hashes of an import: those of the units it added, in
/// memory until [`Hashes::write`], and those in `tm_hash`.
pub struct Hashes {
    new: FlatIds<[u64; 2]>,
    /// Whether `tm_hash` has rows to look in.
    stored: bool,
}

impl Hashes {
    pub fn open(conn: &Connection) -> rusqlite::Result<Hashes> {
        Ok(Hashes {
            new: FlatIds::default(),
            stored: conn.query_row("SELECT EXISTS (SELECT 1 FROM tm_hash)", [], |r| r.get(0))?,
        })
    }

    /// Hashes held in memory.
    pub fn pending(&self) -> usize {
        self.new.len()
    }

    /// The id of the stored unit whose duplicate hash is `hash`.
    pub fn find(&self, conn: &Connection, hash: u128) -> rusqlite::Result<Option<u32>> {
        if let Some(id) = self.new.get(halves(hash)) {
            return Ok(Some(id));
        }
        if !self.stored {
            return Ok(None);
        }
        conn.prepare_cached("SELECT records FROM tm_hash WHERE bucket = ?1")?
            .query_row(params![bucket(hash)], |r| {
                Ok(find_in(r.get_ref(0)?.as_blob()?, hash))
            })
            .optional()
            .map(Option::flatten)
    }

    /// Brings the slot of `hash` among the new hashes into the cache ahead
    /// of its [`Hashes::find`] (see [`FlatIds::prefetch`]).
    pub fn prefetch(&self, hash: u128) {
        self.new.prefetch(halves(hash));
    }

    pub fn add(&mut self, hash: u128, id: u32) {
        self.new.insert(halves(hash), id);
    }

    /// Writes the hashes held in memory to `tm_hash`.
    pub fn write(&mut self, conn: &Connection) -> rusqlite::Result<()> {
        let hashes = sorted(&self.new);
        self.new.clear();
        self.write_sorted(conn, &hashes)
    }

    /// Hands over the hashes held in memory, to be sorted ([`sorted`]) on
    /// another thread while this one goes on, and then written with
    /// [`Hashes::write_sorted`].
    pub fn take(&mut self) -> FlatIds<[u64; 2]> {
        std::mem::take(&mut self.new)
    }

    /// Writes `hashes`, sorted, to `tm_hash`.
    pub fn write_sorted(
        &mut self,
        conn: &Connection,
        hashes: &[(u128, u32)],
    ) -> rusqlite::Result<()> {
        write_all(conn, hashes, self.stored)?;
        self.stored |= !hashes.is_empty();
        Ok(())
    }
}

/// The hashes of `table` with their unit ids, sorted.
pub fn sorted(table: &FlatIds<[u64; 2]>) -> Vec<(u128, u32)> {
    let mut hashes: Vec<(u128, u32)> = table
        .iter()
        .map(|([high, low], id)| ((u128::from(high) << 64) | u128::from(low), id))
        .collect();
    hashes.sort_unstable();
    hashes
}

/// Appends `hashes` (each with its unit id, sorted) to their buckets in
/// `tm_hash`; `stored` says whether it has rows already.
pub fn write_all(conn: &Connection, hashes: &[(u128, u32)], stored: bool) -> rusqlite::Result<()> {
    debug_assert!(hashes.is_sorted(), "hashes are written in order");
    let mut get = conn.prepare_cached("SELECT records FROM tm_hash WHERE bucket = ?1")?;
    let mut put = conn.prepare_cached("REPLACE INTO tm_hash (bucket, records) VALUES (?1, ?2)")?;
    let mut records = Vec::new();
    for group in hashes.chunk_by(|a, b| bucket(a.0) == bucket(b.0)) {
        let key = bucket(group[0].0);
        records.clear();
        if stored {
            let old = get
                .query_row(params![key], |r| Ok(r.get_ref(0)?.as_blob()?.to_vec()))
                .optional()?;
            records.extend(old.unwrap_or_default());
        }
        for &(hash, id) in group {
            records.extend_from_slice(&hash.to_be_bytes());
            records.extend_from_slice(&id.to_be_bytes());
        }
        put.execute(params![key, records])?;
    }
    Ok(())
}

/// How many hashes `tm_hash` holds: one for each stored unit.
pub fn count(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row(
        "SELECT coalesce(sum(length(records)), 0) FROM tm_hash",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|bytes| bytes as usize / RECORD)
}

fn halves(hash: u128) -> [u64; 2] {
    [(hash >> 64) as u64, hash as u64]
}

fn bucket(hash: u128) -> i64 {
    (hash >> (128 - BUCKET_BITS)) as i64
}

/// The unit id of the record for `hash` in a bucket's records.
fn find_in(records: &[u8], hash: u128) -> Option<u32> {
    let wanted = hash.to_be_bytes();
    records.chunks_exact(RECORD).find_map(|r| {
        let (h, id) = r.split_at(16);
        (h == wanted).then(|| id.try_into().ok().map(u32::from_be_bytes))?
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_of_a_bucket_share_a_row() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE tm_hash (bucket INTEGER PRIMARY KEY, records BLOB NOT NULL)",
        )
        .unwrap();
        let mut hashes = Hashes::open(&conn).unwrap();
        let high = 0xFEDC_BA98_7654_3210u128 << 64;
        hashes.add(high | 1, 10);
        hashes.add(7, 11);
        assert_eq!(hashes.find(&conn, high | 1).unwrap(), Some(10));
        hashes.write(&conn).unwrap();
        assert_eq!(hashes.pending(), 0);
        hashes.add(high | 2, 12);
        hashes.write(&conn).unwrap();
        for (hash, id) in [(high | 1, Some(10)), (high | 2, Some(12)), (7, Some(11))] {
            assert_eq!(hashes.find(&conn, hash).unwrap(), id);
        }
        assert_eq!(hashes.find(&conn, high | 3).unwrap(), None);
        let rows: i64 = conn
            .query_row("SELECT count(*) FROM tm_hash", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 2);
        assert_eq!(count(&conn).unwrap(), 3);
    }
}
