//! Strings and variant lists of units already used, kept on the thread
//! that reads a memory so that it fills them again instead of allocating.
//!
//! An import's reading thread turns each unit into its row and is then
//! done with it: freeing every unit and allocating the next had taken a
//! quarter of that thread's time. [`recycle`] keeps the unit's buffers
//! here (each thread has its own pool, empty unless that thread
//! recycles), and [`string`] and [`variants`] hand them out again,
//! cleared, while they are still in the thread's cache. Only buffers of
//! ordinary size are kept, and only so many, so memory stays bounded.

use super::unit::{Meta, Unit, Variant};
use std::cell::RefCell;

/// Buffers kept at most.
const KEPT: usize = 1 << 16;

/// Strings larger than this are freed, not kept: a few long segments
/// early in a file must not hold their memory for the rest of it.
const LARGEST: usize = 4096;

#[derive(Default)]
struct Pool {
    strings: Vec<String>,
    lists: Vec<Vec<Variant>>,
}

thread_local! {
    static POOL: RefCell<Pool> = RefCell::default();
}

/// An empty string, with the capacity of one recycled when there is one.
pub fn string() -> String {
    POOL.with_borrow_mut(|pool| pool.strings.pop())
        .unwrap_or_default()
}

/// `s` in a string from the pool.
pub fn string_of(s: &str) -> String {
    let mut out = string();
    out.push_str(s);
    out
}

/// An empty list of variants, with the capacity of one recycled when there
/// is one.
pub fn variants() -> Vec<Variant> {
    POOL.with_borrow_mut(|pool| pool.lists.pop())
        .unwrap_or_default()
}

/// Keeps the buffers of `units` (those the pool has room for) for
/// [`string`] and [`variants`] on this thread.
pub fn recycle(units: impl IntoIterator<Item = Unit>) {
    POOL.with_borrow_mut(|pool| {
        for unit in units {
            pool.take(unit);
        }
    });
}

impl Pool {
    fn take(&mut self, unit: Unit) {
        let Unit { meta, mut variants } = unit;
        self.meta(meta);
        for v in variants.drain(..) {
            let Variant {
                lang,
                seg,
                text,
                meta,
            } = v;
            self.strings([lang, seg, text]);
            self.meta(meta);
        }
        if self.lists.len() < KEPT && (1..=64).contains(&variants.capacity()) {
            self.lists.push(variants);
        }
    }

    fn meta(&mut self, meta: Meta) {
        let Meta {
            attrs,
            props,
            notes,
        } = meta;
        for (k, v) in attrs.into_iter().chain(props) {
            self.strings([k, v]);
        }
        self.strings(notes);
    }

    fn strings(&mut self, strings: impl IntoIterator<Item = String>) {
        for mut s in strings {
            if self.strings.len() >= KEPT {
                return;
            }
            if s.capacity() > 0 && s.capacity() <= LARGEST {
                s.clear();
                self.strings.push(s);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_strings_are_not_kept() {
        let unit = Unit {
            variants: vec![Variant::plain("en", &"long ".repeat(LARGEST))],
            ..Unit::default()
        };
        std::thread::spawn(move || {
            recycle([unit]);
            // Only the language code comes back.
            assert!(string().capacity() >= 2);
            assert_eq!(string().capacity(), 0);
        })
        .join()
        .unwrap();
    }

    #[test]
    fn recycled_buffers_come_back_empty_with_their_capacity() {
        let unit = Unit {
            meta: Meta {
                attrs: vec![("tuid".into(), "7".into())],
                ..Meta::default()
            },
            variants: vec![Variant::plain("en", "A long enough sentence.")],
        };
        std::thread::spawn(move || {
            recycle([unit]);
            let list = variants();
            assert!(list.is_empty() && list.capacity() >= 1);
            let mut capacities = Vec::new();
            loop {
                let s = string();
                if s.capacity() == 0 {
                    break;
                }
                assert!(s.is_empty());
                capacities.push(s.capacity());
            }
            // tuid, 7, en, the segment and the text.
            assert_eq!(capacities.len(), 5);
            assert!(capacities.iter().any(|&c| c >= 23));
        })
        .join()
        .unwrap();
    }
}
