//! What a found spelling comes to, remembered for the rest of a scan.
//!
//! An article names the same people and places again and again. Working
//! out a mention's language and its house form as it belongs at the spot
//! (clitics kept, Russian endings carried over, capitals kept) costs some
//! thousands of instructions; a probe here costs a hash of the found text.

use super::words::{word_hash, FixedState};
use std::collections::HashMap;

/// A mention's language and suggestion, before the capital a sentence
/// start may give it.
pub(super) struct Resolved {
    pub lang: String,
    pub suggestion: String,
}

/// Resolved mentions by the listed spelling they matched, the bytes of
/// their first word that are clitics, and the text found. Bounded: cleared
/// when it grows past [`MEMO_LIMIT`].
#[derive(Default)]
pub(super) struct ResolvedMemo {
    slots: HashMap<u64, Slot, FixedState>,
}

struct Slot {
    form: u32,
    prefix: usize,
    found: Box<str>,
    resolved: Option<Resolved>,
}

/// Found spellings the memo holds at most.
const MEMO_LIMIT: usize = 4096;

impl ResolvedMemo {
    /// What `found`, matched to listed spelling `form` with `prefix`
    /// bytes of clitics, resolves to: from the memo, or from `resolve`,
    /// which the memo then keeps.
    pub fn get_or_resolve(
        &mut self,
        form: u32,
        prefix: usize,
        found: &str,
        resolve: impl FnOnce() -> Option<Resolved>,
    ) -> Option<&Resolved> {
        let key = word_hash(found.as_bytes()) ^ (u64::from(form) << 20) ^ prefix as u64;
        let same =
            |slot: &Slot| slot.form == form && slot.prefix == prefix && *slot.found == *found;
        if !self.slots.get(&key).is_some_and(same) {
            if self.slots.len() >= MEMO_LIMIT {
                self.slots.clear();
            }
            let slot = Slot {
                form,
                prefix,
                found: found.into(),
                resolved: resolve(),
            };
            self.slots.insert(key, slot);
        }
        self.slots.get(&key).and_then(|slot| slot.resolved.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(suggestion: &str) -> Option<Resolved> {
        Some(Resolved {
            lang: "en".into(),
            suggestion: suggestion.into(),
        })
    }

    #[test]
    fn resolves_each_found_text_once_and_tells_keys_apart() {
        let mut memo = ResolvedMemo::default();
        let calls = std::cell::Cell::new(0);
        let get = |memo: &mut ResolvedMemo, form, prefix, found: &str| {
            memo.get_or_resolve(form, prefix, found, || {
                calls.set(calls.get() + 1);
                resolved(&format!("{form}/{prefix}/{found}"))
            })
            .map(|r| r.suggestion.clone())
        };
        assert_eq!(
            get(&mut memo, 1, 0, "Tarkhuna").as_deref(),
            Some("1/0/Tarkhuna")
        );
        assert_eq!(
            get(&mut memo, 1, 0, "Tarkhuna").as_deref(),
            Some("1/0/Tarkhuna")
        );
        assert_eq!(
            get(&mut memo, 2, 0, "Tarkhuna").as_deref(),
            Some("2/0/Tarkhuna")
        );
        assert_eq!(
            get(&mut memo, 1, 2, "Tarkhuna").as_deref(),
            Some("1/2/Tarkhuna")
        );
        assert_eq!(
            get(&mut memo, 1, 0, "TARKHUNA").as_deref(),
            Some("1/0/TARKHUNA")
        );
        assert_eq!(calls.get(), 4);
    }

    #[test]
    fn remembers_that_nothing_resolved_and_stays_bounded() {
        let mut memo = ResolvedMemo::default();
        assert!(memo.get_or_resolve(7, 0, "x", || None).is_none());
        assert!(memo
            .get_or_resolve(7, 0, "x", || panic!("resolved twice"))
            .is_none());
        for n in 0..3 * MEMO_LIMIT {
            memo.get_or_resolve(0, 0, &n.to_string(), || resolved("y"));
        }
        assert!(memo.slots.len() <= MEMO_LIMIT);
    }
}
