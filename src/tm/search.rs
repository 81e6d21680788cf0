//! Fuzzy search: the stored segments most like a query, with their
//! translations, by the CAT-style [`score`](super::score()).
//!
//! Candidates come from the index, never from a scan of every unit: the
//! query's word keys are looked up rarest first, each unit found counts the
//! keys it shares, and from those counts and the unit's own key count an
//! upper bound of its score is taken. Only the best few by that bound are
//! read and rescored. Keys too common to be worth reading (beyond a budget
//! of postings) are assumed present in every unit, which keeps the bound an
//! upper bound; the rarest keys are always read, enough of them that every
//! unit that could score at least [`COMPLETE_FROM`] shares one of them.
//! Beyond those, the postings of commoner keys only add to the counts of
//! units already found (while there are enough of them), and rescoring
//! stops once the next candidate's bound cannot reach the results. When
//! the candidates were cut among many of equal bound (every word of the
//! query common) and none scored [`COMPLETE_FROM`], a second look reads ten
//! times as many postings and keeps ten times as many candidates.

use super::keys::keys;
use super::score::{score, Segment};
use super::unit::{Meta, Variant};
use crate::error::Result;
use crate::lang::{closeness, primary};
use crate::store::Store;

/// Every unit that could score at least this is among the candidates.
pub const COMPLETE_FROM: f64 = 0.7;
/// Postings read per query beyond the ones needed for completeness (fewer
/// under test, so that small memories reach it).
const BUDGET: usize = if cfg!(test) { 400 } else { 40_000 };
/// How much further a second look reaches ([`Reach::wider`]).
const WIDER: usize = 10;
/// Slack on the bound: keys and words do not correspond one to one.
const SLACK: f64 = 0.15;

/// What to search for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    /// At most this many matches.
    pub limit: usize,
    /// Only matches scoring at least this.
    pub min_score: f64,
    /// Candidates rescored, at least.
    pub candidates: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 5,
            min_score: 0.5,
            candidates: 40,
        }
    }
}

/// A stored unit that matches a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub score: f64,
    pub unit: u32,
    /// The unit's variant in the query's language.
    pub source: Variant,
    /// The unit's variant in the wanted language.
    pub target: Variant,
    /// When the unit was last changed (TMX `changedate`, else
    /// `creationdate`, of the unit or of these variants), empty when it
    /// has no date: what ranks equal scores.
    pub changed: String,
}

/// The candidates the index offers for `query` in language `from`, best
/// bound first: unit ids only, not yet scored.
pub fn candidates(
    store: &Store,
    query: &str,
    from: &str,
    options: &SearchOptions,
) -> Result<Vec<u32>> {
    Ok(ranked(store, query, from, options, Reach::first(options))?
        .0
        .into_iter()
        .map(|(id, _)| id)
        .collect())
}

/// How far a look at the index goes: postings read beyond the rarest keys,
/// and candidates kept for rescoring.
#[derive(Debug, Clone, Copy)]
struct Reach {
    budget: usize,
    want: usize,
}

impl Reach {
    fn first(options: &SearchOptions) -> Reach {
        Reach {
            budget: BUDGET,
            want: options.candidates.max(options.limit * 4),
        }
    }

    /// A second look, for a query whose candidates were cut among many of
    /// equal bound (keys common to tens of thousands of units) and gave
    /// no match of [`COMPLETE_FROM`] or more.
    fn wider(self) -> Reach {
        Reach {
            budget: self.budget * WIDER,
            want: self.want * WIDER,
        }
    }
}

/// [`candidates`], each with the upper bound of its score, and whether
/// candidates were left out because `reach` keeps no more.
fn ranked(
    store: &Store,
    query: &str,
    from: &str,
    options: &SearchOptions,
    reach: Reach,
) -> Result<(Vec<(u32, f64)>, bool)> {
    let lang = primary(from);
    let qkeys = keys(query);
    let n = qkeys.len();
    if n == 0 {
        return Ok((Vec::new(), false));
    }
    let mut counted: Vec<(u32, &str)> = Vec::with_capacity(n);
    for k in &qkeys {
        let c = store.tm_key_count(&lang, k)?;
        if c > 0 {
            counted.push((c, k));
        }
    }
    counted.sort();
    // A unit scoring ≥ COMPLETE_FROM shares at least that share of the
    // query's keys, so it holds one of the rarest `must` of them.
    let floor = options.min_score.max(COMPLETE_FROM);
    let must = n - (floor * n as f64).ceil() as usize + 1;
    let size = store.tm_max_id()? as usize + 1;
    ACCUMULATOR.with(|cell| {
        let mut acc = cell.borrow_mut();
        acc.ensure(size);
        let result = rank(store, &lang, &counted, n, must, options, reach, &mut acc);
        acc.reset();
        result
    })
}

/// Per-unit counters reused from query to query (zeroing and faulting in
/// a million-entry array for every query would cost more than the query).
#[derive(Default)]
struct Accumulator {
    shared: Vec<u16>,
    lens: Vec<u8>,
    touched: Vec<u32>,
}

impl Accumulator {
    fn ensure(&mut self, size: usize) {
        if self.shared.len() < size {
            self.shared.resize(size, 0);
            self.lens.resize(size, 0);
        }
    }

    fn reset(&mut self) {
        for &id in &self.touched {
            self.shared[id as usize] = 0;
        }
        self.touched.clear();
    }
}

thread_local! {
    static ACCUMULATOR: std::cell::RefCell<Accumulator> = std::cell::RefCell::new(Accumulator::default());
}

/// Reads the postings (rarest first, within the budget) and ranks the
/// units found by the upper bound of their score; says whether some were
/// cut off.
#[allow(clippy::too_many_arguments)]
fn rank(
    store: &Store,
    lang: &str,
    counted: &[(u32, &str)],
    n: usize,
    must: usize,
    options: &SearchOptions,
    reach: Reach,
    acc: &mut Accumulator,
) -> Result<(Vec<(u32, f64)>, bool)> {
    let size = acc.shared.len();
    let Accumulator {
        shared,
        lens,
        touched,
    } = acc;
    let want = reach.want;
    let mut read_keys = 0;
    let mut read = 0usize;
    for (i, (count, key)) in counted.iter().enumerate() {
        if i >= must && read + *count as usize > reach.budget {
            break;
        }
        // A unit that holds none of the `must` rarest keys cannot score
        // COMPLETE_FROM: beyond them, units not met yet are only taken in
        // while there are few candidates.
        let admit = i < must || touched.len() < want;
        store.tm_postings_each(lang, key, &mut |id, len| {
            let id = id as usize;
            if id >= size {
                return;
            }
            if shared[id] == 0 {
                if !admit {
                    return;
                }
                touched.push(id as u32);
                lens[id] = len;
            }
            shared[id] += 1;
        })?;
        read += *count as usize;
        read_keys += 1;
    }
    // Keys not read may be in any unit; keys absent from the memory in none.
    let unread = (counted.len() - read_keys) as u16;
    let bound = |id: u32| -> f64 {
        let m = lens[id as usize].max(1) as usize;
        let overlap = ((shared[id as usize] + unread) as usize).min(m).min(n);
        overlap as f64 / n.max(m) as f64
    };
    let threshold = options.min_score - SLACK;
    // The bound is at most (shared + unread) / n: a unit below this count
    // cannot reach the threshold.
    let least = (threshold * n as f64 - 1e-9).ceil().max(1.0) as usize;
    let mut ranked: Vec<(f64, u16, u32)> = touched
        .iter()
        .filter(|&&id| (shared[id as usize] + unread) as usize >= least)
        .map(|&id| (bound(id), shared[id as usize], id))
        .filter(|(b, _, _)| *b >= threshold)
        .collect();
    let by_bound = |a: &(f64, u16, u32), b: &(f64, u16, u32)| {
        b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2))
    };
    let cut = ranked.len() > want;
    if cut {
        ranked.select_nth_unstable_by(want, by_bound);
        ranked.truncate(want);
    }
    ranked.sort_by(by_bound);
    Ok((ranked.into_iter().map(|(b, _, id)| (id, b)).collect(), cut))
}

/// The stored segments in language `from` most like `query`, with their
/// translation into `to`, best first (ties: the unit whose tags are the
/// ones asked for, then the one changed last, then the one added last). Tags are compared as
/// [`crate::lang`] compares them: `en-GB` finds units stored as `en`.
pub fn search(
    store: &Store,
    query: &str,
    from: &str,
    to: &str,
    options: &SearchOptions,
) -> Result<Vec<Match>> {
    store.tm_reading(|| rescore(store, query, from, to, options))
}

/// [`search`] within one read transaction.
fn rescore(
    store: &Store,
    query: &str,
    from: &str,
    to: &str,
    options: &SearchOptions,
) -> Result<Vec<Match>> {
    let first = Reach::first(options);
    let (candidates, cut) = ranked(store, query, from, options, first)?;
    let matches = rescore_candidates(store, query, from, to, options, candidates)?;
    if cut && !matches.iter().any(|m| m.score >= COMPLETE_FROM) {
        let (candidates, _) = ranked(store, query, from, options, first.wider())?;
        return rescore_candidates(store, query, from, to, options, candidates);
    }
    Ok(matches)
}

/// Scores `ranked` (best bound first) against the query, stopping once no
/// candidate left can enter the results.
fn rescore_candidates(
    store: &Store,
    query: &str,
    from: &str,
    to: &str,
    options: &SearchOptions,
    ranked: Vec<(u32, f64)>,
) -> Result<Vec<Match>> {
    let q = Segment::plain(query);
    let mut matches: Vec<Match> = Vec::new();
    // The `limit` best scores so far, best first.
    let mut best: Vec<f64> = Vec::with_capacity(options.limit + 1);
    for (id, bound) in ranked {
        // Candidates come best bound first: once even the bound (with its
        // slack) of the next one is below the `limit` best scores found,
        // none of the rest can enter the results.
        if best.len() >= options.limit && best.last().is_some_and(|&kth| bound + SLACK < kth) {
            break;
        }
        let variants = store.tm_variants(id)?;
        let unit = super::Unit {
            meta: Default::default(),
            variants,
        };
        let (Some(source), Some(target)) = (unit.variant(from), unit.variant(to)) else {
            continue;
        };
        let s = score(&q, &Segment::of_variant(source));
        if s >= options.min_score {
            let at = best.partition_point(|&b| b >= s);
            best.insert(at, s);
            best.truncate(options.limit);
            matches.push(Match {
                score: s,
                unit: id,
                changed: last_changed(&[&source.meta, &target.meta]),
                source: source.clone(),
                target: target.clone(),
            });
        }
    }
    // The unit's own dates, a read of their own, tell apart only equal
    // scores among the results.
    let kth = best.last().copied().unwrap_or(f64::INFINITY);
    for i in 0..matches.len() {
        let s = matches[i].score;
        let tied = s >= kth && matches.iter().filter(|m| m.score == s).nth(1).is_some();
        if tied {
            let meta = store.tm_unit_meta(matches[i].unit)?;
            let m = &mut matches[i];
            m.changed = last_changed(&[&meta, &m.source.meta, &m.target.meta]);
        }
    }
    // Among equal scores, the unit whose language tags are the ones asked
    // for (`en-GB` before `en`), then the one changed last, then the one
    // added last.
    let fit = |m: &Match| {
        closeness(&m.source.lang, from).unwrap_or(0) + closeness(&m.target.lang, to).unwrap_or(0)
    };
    matches.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(fit(b).cmp(&fit(a)))
            .then(b.changed.cmp(&a.changed))
            .then(b.unit.cmp(&a.unit))
    });
    matches.truncate(options.limit);
    Ok(matches)
}

/// The latest TMX `changedate` of `metas`, else their latest
/// `creationdate`, else empty (TMX dates, `YYYYMMDDThhmmssZ`, sort as
/// strings).
fn last_changed(metas: &[&Meta]) -> String {
    let latest = |name: &str| metas.iter().filter_map(|m| m.attr(name)).max();
    latest("changedate")
        .or_else(|| latest("creationdate"))
        .unwrap_or_default()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Seed;
    use crate::tm::{Unit, Variant};

    fn unit(en: &str, ru: &str) -> Unit {
        Unit {
            variants: vec![Variant::plain("en", en), Variant::plain("ru", ru)],
            ..Unit::default()
        }
    }

    /// The best unit is found even when it hides among hundreds of units of
    /// equal bound: every word of the query is common, so the first look
    /// reads only the rarest two and keeps the earliest units it met.
    #[test]
    fn a_match_among_many_equal_bounds_is_found_by_a_second_look() {
        let mut store = Store::open_in_memory(Seed::Nothing).unwrap();
        let mut import = store.tm_import().unwrap();
        for i in 0..300 {
            let en = format!("alpha bravo xray{} yankee zulu n{i}", i % 3);
            import.add(unit(&en, "один")).unwrap();
        }
        for i in 0..600 {
            let en = format!("charlie delta echo foxtrot other n{i}");
            import.add(unit(&en, "два")).unwrap();
        }
        import
            .add(unit("alpha bravo charlie delta echo hotel", "искомое"))
            .unwrap();
        import.finish().unwrap();
        let query = "alpha bravo charlie delta echo foxtrot";
        let options = SearchOptions::default();
        let (first, cut) = ranked(&store, query, "en", &options, Reach::first(&options)).unwrap();
        assert!(cut, "the first look keeps {} candidates", first.len());
        assert!(!first.iter().any(|&(id, _)| id == 901), "hidden at first");
        let found = search(&store, query, "en", "ru", &options).unwrap();
        assert_eq!(
            found.first().map(|m| m.target.text.as_str()),
            Some("искомое")
        );
        assert!(found[0].score >= COMPLETE_FROM, "{}", found[0].score);
    }
}
