//! Compiled matchers kept on disk, so that a large glossary is compiled
//! once and read back at later starts instead of compiled again.
//!
//! Compiling a glossary of 100,000 entries takes seconds; reading the
//! compiled form back takes a fraction of that. A [`MatcherCache`] is a
//! folder of files, one per glossary in force, each named and checked by a
//! [`CacheKey`] that changes whenever anything the matcher was compiled
//! from changes: the database's glossary (its generation, bumped by every
//! write), the layers over it, and dragoman itself. A file that is stale,
//! truncated, corrupt or from another build is never used: the glossary is
//! compiled again and the file replaced.
//!
//! File layout: a magic line, the key (length and UTF-8 text), the payload
//! length and its CRC-32, then the [`Matcher`] in postcard's encoding.

use super::Matcher;
use crate::glossary::Entry;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const MAGIC: &[u8; 24] = b"dragoman compiled index\n";
/// Bytes of the header after the key: payload length and CRC-32.
const TAIL: usize = 12;

/// What a compiled matcher was compiled from, as text: equal keys mean the
/// same glossary compiled by the same code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheKey(String);

impl CacheKey {
    /// The key of the glossary made of the database's glossary at
    /// `database` (an identity and generation, see
    /// [`Store::glossary_version`](crate::store::Store::glossary_version))
    /// with `layers` over it.
    pub fn new(database: &str, layers: &[Entry]) -> CacheKey {
        let digest = if layers.is_empty() {
            "none".to_string()
        } else {
            let bytes = postcard::to_allocvec(layers).unwrap_or_default();
            let mut sip = std::collections::hash_map::DefaultHasher::new();
            bytes.hash(&mut sip);
            format!(
                "{}-{:016x}-{:08x}",
                bytes.len(),
                sip.finish(),
                crc32fast::hash(&bytes)
            )
        };
        CacheKey(format!(
            "{} layout={LAYOUT} {} db={database} layers={digest}",
            env!("CARGO_PKG_VERSION"),
            build_fingerprint()
        ))
    }

    /// The part of the key that names the database's glossary: files
    /// whose key has another are stale.
    fn database(&self) -> Option<&str> {
        self.0.split(' ').find(|part| part.starts_with("db="))
    }

    /// The file name for this key.
    fn file_name(&self) -> String {
        format!("matcher-{:08x}.bin", crc32fast::hash(self.0.as_bytes()))
    }
}

/// The meaning of the compiled data: raised whenever a change reads the
/// same bytes otherwise (a hash or filter computed differently), which
/// the fingerprint below may not tell.
const LAYOUT: u32 = 9;

/// A fingerprint of how this build compiles and encodes a matcher: a few
/// house entries compiled, the length of their encoding (maps encode in no
/// fixed order, so not the bytes themselves) and what the matcher finds in
/// a sentence. A build whose data layout or matching differs almost always
/// gives another, so that its files are not read as this build's.
fn build_fingerprint() -> &'static str {
    static FINGERPRINT: OnceLock<String> = OnceLock::new();
    FINGERPRINT.get_or_init(|| {
        let probe: Vec<Entry> = crate::glossary::house::house_entries()
            .unwrap_or_default()
            .into_iter()
            .take(16)
            .collect();
        let matcher = Matcher::new(probe);
        let encoded = postcard::to_allocvec(&matcher).map_or(0, |b| b.len());
        let options = super::ScanOptions {
            fuzzy: true,
            lang: None,
        };
        let sentence = "Khalifa Hifter, Хафтаром и وبطرابلس: the GNA at Tarkhouna.";
        let found = format!("{encoded} {:?}", matcher.scan(sentence, &options));
        format!("{:08x}", crc32fast::hash(found.as_bytes()))
    })
}

/// A folder of compiled matchers (beside a database).
#[derive(Debug, Clone)]
pub struct MatcherCache {
    dir: PathBuf,
}

impl MatcherCache {
    /// The cache of the database at `database`: the folder
    /// `<database>-cache` beside it.
    pub fn beside(database: &Path) -> MatcherCache {
        let mut dir = database.as_os_str().to_owned();
        dir.push("-cache");
        MatcherCache { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The matcher compiled for `key`, if a sound file holds it.
    pub fn load(&self, key: &CacheKey) -> Option<Matcher> {
        let bytes = std::fs::read(self.dir.join(key.file_name())).ok()?;
        let (file_key, payload) = split(&bytes)?;
        if file_key != key.0 {
            return None;
        }
        postcard::from_bytes(payload).ok()
    }

    /// Keeps `matcher` as the one compiled for `key`, replacing the file
    /// atomically, and removes the files compiled from other versions of
    /// the database's glossary. A failure leaves the cache as it was
    /// (apart from stale files) and is only reported.
    pub fn store(&self, key: &CacheKey, matcher: &Matcher) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(key.file_name());
        let temp = self
            .dir
            .join(format!(".{}.{}.tmp", key.file_name(), std::process::id()));
        let written = write_file(&temp, key, matcher).and_then(|()| std::fs::rename(&temp, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        self.remove_stale(key, &path);
        written
    }

    /// Removes the files whose key names another version of the database's
    /// glossary, and temporary files left by processes that died.
    fn remove_stale(&self, key: &CacheKey, kept: &Path) {
        let Ok(listing) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for file in listing.flatten() {
            let path = file.path();
            let name = file.file_name();
            let name = name.to_string_lossy();
            if path == kept {
                continue;
            }
            let stale = if name.starts_with(".matcher-") && name.ends_with(".tmp") {
                // Another process may be writing it: only old ones go.
                file.metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age.as_secs() > 3600)
            } else if name.starts_with("matcher-") && name.ends_with(".bin") {
                read_key(&path).is_none_or(|k| CacheKey(k).database() != key.database())
            } else {
                false
            };
            if stale {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// Writes the header and the encoded matcher to `path`.
fn write_file(path: &Path, key: &CacheKey, matcher: &Matcher) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    let mut head = Vec::with_capacity(MAGIC.len() + 4 + key.0.len() + TAIL);
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&(key.0.len() as u32).to_le_bytes());
    head.extend_from_slice(key.0.as_bytes());
    let tail_at = head.len() as u64;
    head.extend_from_slice(&[0; TAIL]);
    file.write_all(&head)?;
    let mut out = Checksummed {
        inner: BufWriter::with_capacity(1 << 20, file),
        crc: crc32fast::Hasher::new(),
        len: 0,
    };
    postcard::to_io(matcher, &mut out).map_err(std::io::Error::other)?;
    out.flush()?;
    let Checksummed { inner, len, crc } = out;
    let mut file = inner.into_inner().map_err(|e| e.into_error())?;
    let crc = crc.finalize();
    file.seek(SeekFrom::Start(tail_at))?;
    file.write_all(&len.to_le_bytes())?;
    file.write_all(&crc.to_le_bytes())?;
    Ok(())
}

/// The key and the payload of a cache file, when its header is sound and
/// the payload's length and checksum are those it records.
fn split(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let key_len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let key = std::str::from_utf8(rest.get(4..4 + key_len)?).ok()?;
    let tail = rest.get(4 + key_len..4 + key_len + TAIL)?;
    let len = u64::from_le_bytes(tail[..8].try_into().ok()?);
    let crc = u32::from_le_bytes(tail[8..].try_into().ok()?);
    let payload = &rest[4 + key_len + TAIL..];
    (payload.len() as u64 == len && crc32fast::hash(payload) == crc).then_some((key, payload))
}

/// The key in the header of the file at `path`, reading the header only.
fn read_key(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut head = [0u8; MAGIC.len() + 4];
    file.read_exact(&mut head).ok()?;
    if &head[..MAGIC.len()] != MAGIC {
        return None;
    }
    let len = u32::from_le_bytes(head[MAGIC.len()..].try_into().ok()?) as usize;
    let mut key = vec![0; len.min(1 << 16)];
    file.read_exact(&mut key).ok()?;
    String::from_utf8(key).ok()
}

/// A writer that counts and checksums what goes through it.
struct Checksummed<W: Write> {
    inner: W,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<W: Write> Write for Checksummed<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::house::house_entries;
    use crate::matcher::ScanOptions;

    fn scan(matcher: &Matcher, text: &str) -> Vec<(usize, usize, String)> {
        let options = ScanOptions {
            fuzzy: true,
            lang: None,
        };
        matcher
            .scan(text, &options)
            .into_iter()
            .map(|m| (m.start, m.end, m.suggestion))
            .collect()
    }

    #[test]
    fn a_stored_matcher_reads_back_and_finds_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let cache = MatcherCache::beside(&dir.path().join("g.db"));
        let key = CacheKey::new("abc:1", &[]);
        let matcher = Matcher::new(house_entries().unwrap());
        cache.store(&key, &matcher).unwrap();
        let read = cache.load(&key).expect("read back");
        let text = "Хифтером в Тархуне; وبطرابلس; Khalifa Hifter met the GNA in Tarkhouna.";
        assert!(!scan(&matcher, text).is_empty());
        assert_eq!(scan(&read, text), scan(&matcher, text));
        assert_eq!(read.entries(), matcher.entries());
    }

    #[test]
    fn another_key_or_a_damaged_file_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = MatcherCache::beside(&dir.path().join("g.db"));
        let key = CacheKey::new("abc:1", &[]);
        cache
            .store(&key, &Matcher::new(house_entries().unwrap()))
            .unwrap();
        assert!(cache.load(&CacheKey::new("abc:2", &[])).is_none());
        let path = cache.dir().join(key.file_name());
        let mut bytes = std::fs::read(&path).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(cache.load(&key).is_none(), "a flipped bit");
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert!(cache.load(&key).is_none(), "truncated");
        std::fs::write(&path, b"").unwrap();
        assert!(cache.load(&key).is_none(), "empty");
    }

    #[test]
    fn layers_are_part_of_the_key() {
        let mut entry = house_entries().unwrap().remove(0);
        let plain = CacheKey::new("abc:1", &[]);
        let layered = CacheKey::new("abc:1", std::slice::from_ref(&entry));
        entry.note.push('!');
        let edited = CacheKey::new("abc:1", std::slice::from_ref(&entry));
        assert_ne!(plain, layered);
        assert_ne!(layered, edited);
        assert_eq!(layered.database(), edited.database());
    }

    #[test]
    fn a_new_database_version_removes_the_old_files() {
        let dir = tempfile::tempdir().unwrap();
        let cache = MatcherCache::beside(&dir.path().join("g.db"));
        let matcher = Matcher::new(house_entries().unwrap().into_iter().take(3).collect());
        let old = CacheKey::new("abc:1", &[]);
        let layered = CacheKey::new("abc:2", &house_entries().unwrap()[..1]);
        let new = CacheKey::new("abc:2", &[]);
        cache.store(&old, &matcher).unwrap();
        cache.store(&layered, &matcher).unwrap();
        cache.store(&new, &matcher).unwrap();
        assert!(cache.load(&old).is_none());
        assert!(!cache.dir().join(old.file_name()).exists());
        assert!(cache.load(&layered).is_some(), "same database version");
        assert!(cache.load(&new).is_some());
    }
}
