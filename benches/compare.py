"""The Python peers of `benches/compare`, measured on the files that
`cargo bench --bench compare -- write DIR` wrote, and the table that puts
them beside dragoman's figures (DIR/dragoman.json).

    python compare.py DIR --sizes 1000,10000,100000 --tm-units 100000,1000000 --dragoman PATH

Peers:
  * flashtext `KeywordProcessor.replace_keywords` over every listed
    spelling (each replaced by its entry's house form in that language),
    paragraph by paragraph;
  * rapidfuzz `process.extractOne` (WRatio, default processing) over every
    listed spelling, on the same misspelt queries as dragoman's lookup;
  * process start-up to first answer: `dragoman lookup` on a database
    seeded with the house glossary (a translator's keystroke budget);
  * translation memory, on memory-U.tmx and tm-queries-U.jsonl:
    - import: translate-toolkit `tmxfile.parsefile` reading the TMX file,
      and every unit's source and target taken out of it, against
      `dragoman tm import` of the same file into a new database, each the
      median of DRAGOMAN_COMPARE_RUNS runs;
    - search: rapidfuzz `process.extract` (limit 5) over every stored
      source segment, scorer `fuzz.ratio` (a normalised character edit
      distance, the nearest of its scorers to a CAT match percentage) on
      the segments lower-cased and stripped of punctuation
      (`utils.default_process`, applied once to the memory beforehand),
      and translate-toolkit's `translate.search.match.matcher` (its own
      Levenshtein comparer, max_length raised above the longest segment,
      min_similarity 50), on the first --tt-queries queries only, since it
      is slow;
    - top-1 agreement with the reference: among the queries whose best
      match scores at least 0.7 by exhaustive rescoring with dragoman's CAT
      score over every unit (tm-queries-U.jsonl), the share whose top hit
      is one of the units reaching that best score (ties all count).
      Dragoman's figures beside each peer are over the same queries
      (tm-dragoman-U.jsonl).
"""

import argparse
import csv
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

csv.field_size_limit(sys.maxsize)


def read_glossary(path):
    """{id: {lang: (house, [variants])}} from the interchange TSV."""
    entries = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            langs = {}
            for col, value in row.items():
                if col in ("id", "type", "note") or col.endswith("_variants"):
                    continue
                variants = row.get(col + "_variants") or ""
                langs[col] = (value, [v for v in variants.split("|") if v])
            entries[row["id"]] = langs
    return entries


def read_forms(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").split("\t", 1) for line in f if "\t" in line]


def read_queries(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            edits, entry, query = line.rstrip("\n").split("\t", 2)
            out.append((int(edits), entry, query))
    return out


def flashtext_replace(glossary, corpus):
    from flashtext import KeywordProcessor

    kp = KeywordProcessor(case_sensitive=False)
    for langs in glossary.values():
        for house, variants in langs.values():
            if not house:
                continue
            kp.add_keyword(house, house)
            for v in variants:
                kp.add_keyword(v, house)
    # Paragraph by paragraph, as a batch of articles would be: flashtext
    # slows down more than linearly on one long text. The median of as
    # many passes as dragoman's scans take (DRAGOMAN_COMPARE_RUNS).
    paragraphs = corpus.split("\n")
    seconds = []
    for _ in range(max(1, int(os.environ.get("DRAGOMAN_COMPARE_RUNS") or 3))):
        start = time.perf_counter()
        for p in paragraphs:
            kp.replace_keywords(p)
        seconds.append(time.perf_counter() - start)
    return len(corpus.encode("utf-8")) / 1e6 / statistics.median_low(seconds)


def rapidfuzz_lookup(forms, queries, edits, limit):
    from rapidfuzz import fuzz, process, utils

    choices = [f[1] for f in forms]
    ids = [f[0] for f in forms]
    chosen = [q for q in queries if q[0] == edits][:limit]
    latencies, right = [], 0
    for _, entry, query in chosen:
        start = time.perf_counter()
        best = process.extractOne(query, choices, scorer=fuzz.WRatio, processor=utils.default_process)
        latencies.append(time.perf_counter() - start)
        if best is not None and ids[best[2]] == entry:
            right += 1
    return statistics.median(latencies) * 1e3, right / len(chosen), len(chosen)


def startup(binary, runs=30):
    """Median wall time of `dragoman lookup` from exec to exit, in ms."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DRAGOMAN_DB=os.path.join(tmp, "d.db"))
        subprocess.run([binary, "lookup", "Tarkhuna"], env=env, check=True, capture_output=True)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run([binary, "lookup", "Tarkhuna"], env=env, check=True, capture_output=True)
            times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3


AGREEMENT_FLOOR = 0.7


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def search_figures(latencies_ms, tops, queries):
    """Median and p99 latency (ms), and top-1 agreement with the reference
    over the queries whose exhaustive best is >= AGREEMENT_FLOOR."""
    ms = sorted(latencies_ms)
    eligible = [(top, q) for top, q in zip(tops, queries) if q["best"] >= AGREEMENT_FLOOR]
    agree = sum(1 for top, q in eligible if top is not None and top in q["top"])
    return {
        "median": statistics.median(ms),
        "p99": ms[(len(ms) - 1) * 99 // 100],
        "top1": agree / len(eligible) if eligible else None,
        "eligible": len(eligible),
    }


def translate_toolkit_read(path):
    """Units/s of translate-toolkit reading a TMX file (the units' source
    and target taken out, as an import would), the median of as many
    reads as dragoman's import is timed (DRAGOMAN_COMPARE_RUNS), and the
    store of the last."""
    from translate.storage.tmx import tmxfile

    seconds = []
    store = pairs = None
    for _ in range(max(1, int(os.environ.get("DRAGOMAN_COMPARE_RUNS") or 3))):
        # The store and its units refer to each other: freed by the cycle
        # collector, before the clock starts, not during the next read.
        store = pairs = None
        gc.collect()
        start = time.perf_counter()
        store = tmxfile.parsefile(path)
        pairs = [(u.source, u.target) for u in store.units]
        seconds.append(time.perf_counter() - start)
    return len(pairs) / statistics.median_low(seconds), store, [s for s, _ in pairs]


def translate_toolkit_search(store, queries):
    """Latencies (ms) and top sources of translate-toolkit's TM matcher."""
    from translate.search.match import matcher
    from translate.storage import base

    class TieBroken(base.TranslationUnit):
        """The matcher keeps (similarity, unit) pairs in a heap, which fails
        with a TypeError when two similarities are equal (its units have no
        order): its candidates get one, by source text, for the ties."""

        def __lt__(self, other):
            return self.source < other.source

    start = time.perf_counter()
    tm = matcher(store, max_candidates=5, min_similarity=50, max_length=1000)
    for unit in tm.candidates.units:
        unit.__class__ = TieBroken
    print(f"  translate-toolkit matcher built in {time.perf_counter() - start:.1f} s",
          file=sys.stderr)
    latencies, tops = [], []
    for q in queries:
        start = time.perf_counter()
        found = tm.matches(q["query"])
        latencies.append((time.perf_counter() - start) * 1e3)
        tops.append(str(found[0].source) if found else None)
    return latencies, tops


def rapidfuzz_search(sources, queries):
    """Latencies (ms) and top sources of rapidfuzz process.extract,
    fuzz.ratio over the processed segments, a full scan each."""
    from rapidfuzz import fuzz, process, utils

    choices = [utils.default_process(s) for s in sources]
    latencies, tops = [], []
    for q in queries:
        start = time.perf_counter()
        found = process.extract(utils.default_process(q["query"]), choices,
                                scorer=fuzz.ratio, processor=None, limit=5)
        latencies.append((time.perf_counter() - start) * 1e3)
        tops.append(sources[found[0][2]] if found else None)
    return latencies, tops


def tm_rows(directory, units, ours, tt_queries):
    """The translation-memory rows for a memory of `units` units."""
    path = lambda name, ext: os.path.join(directory, f"{name}-{units}.{ext}")
    queries = read_jsonl(path("tm-queries", "jsonl"))
    mine = read_jsonl(path("tm-dragoman", "jsonl"))
    print(f"measuring the peers on a memory of {units} units ...", file=sys.stderr)

    rate, store, sources = translate_toolkit_read(path("memory", "tmx"))
    print(f"  translate-toolkit read {len(sources)} units at {rate:,.0f} units/s", file=sys.stderr)
    rows = [("tm import", units, ours.get(("tm import", units)),
             "translate-toolkit tmxfile read", rate, "units/s", True)]

    def search_rows(peer, subset, latencies, tops):
        theirs = search_figures(latencies, tops, subset)
        dragoman = search_figures([m["ms"] for m in mine[:len(subset)]],
                               [m["top"] for m in mine[:len(subset)]], subset)
        label = f"{peer} ({len(subset)} q)"
        out = [("tm search, median", units, dragoman["median"], label, theirs["median"], "ms", False)]
        if len(subset) >= 100:
            out.append(("tm search, p99", units, dragoman["p99"], label, theirs["p99"], "ms", False))
        out.append((f"tm search, top-1 ({theirs['eligible']} q ≥ {AGREEMENT_FLOOR})", units,
                    dragoman["top1"], label, theirs["top1"], "share", True))
        return out

    subset = queries[:tt_queries]
    rows += search_rows("translate-toolkit matcher", subset,
                        *translate_toolkit_search(store, subset))
    del store
    rows += search_rows("rapidfuzz extract, fuzz.ratio", queries,
                        *rapidfuzz_search(sources, queries))
    return rows


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--dragoman", required=True, help="the release binary")
    ap.add_argument("--rapidfuzz-queries", type=int, default=200,
                    help="misspellings per edit count for rapidfuzz (a full scan each)")
    ap.add_argument("--tm-units", default="100000,1000000", help="memory sizes, in units")
    ap.add_argument("--tt-queries", type=int, default=50,
                    help="TM queries for translate-toolkit's matcher (the first ones)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    tm_units = [int(s) for s in args.tm_units.split(",") if s]

    ours = {}
    with open(os.path.join(args.dir, "dragoman.json"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            ours[(r["task"], r["size"])] = r["value"]

    rows = []  # (task, size, ours, peer name, peer value, unit, higher is better)
    # The size column: glossary entries, or memory units for the TM rows.
    for size in sizes:
        path = lambda name, ext: os.path.join(args.dir, f"{name}-{size}.{ext}")
        glossary = read_glossary(path("glossary", "tsv"))
        forms = read_forms(path("forms", "tsv"))
        with open(path("corpus", "txt"), encoding="utf-8") as f:
            corpus = f.read()
        queries = read_queries(path("queries", "tsv"))
        print(f"measuring the peers on {size} entries ...", file=sys.stderr)

        ft = flashtext_replace(glossary, corpus)
        floor = ours.get(("bare aho-corasick pass", size))
        for task in ("scan, listed spellings", "scan, with similarity", "normalize"):
            rows.append((task, size, ours.get((task, size)), "flashtext replace", ft, "MB/s", True))
            rows.append((task, size, ours.get((task, size)), "bare aho-corasick", floor, "MB/s", True))

        for edits in (1, 2):
            ms, top1, n = rapidfuzz_lookup(forms, queries, edits, args.rapidfuzz_queries)
            slips = "1 slip" if edits == 1 else "2 slips"
            rows.append((f"lookup, {slips}, median", size, ours.get((f"lookup, {slips}, median", size)),
                         f"rapidfuzz extractOne ({n} q)", ms, "ms", False))
            rows.append((f"lookup, {slips}, top-1", size, ours.get((f"lookup, {slips}, top-1", size)),
                         f"rapidfuzz extractOne ({n} q)", top1, "share", True))

    rows.append(("lookup start-up to first answer", 137, startup(args.dragoman), "target", 20.0, "ms", False))

    for units in tm_units:
        rows += tm_rows(args.dir, units, ours, args.tt_queries)

    print("| task | size | dragoman | peer | peer figure | dragoman/peer | ahead |")
    print("|---|---|---|---|---|---|---|")
    for task, size, mine, peer, theirs, unit, higher in rows:
        if mine is None or theirs is None or theirs == 0:
            ratio, ahead = "–", "–"
        else:
            ratio = f"{mine / theirs:.3g}"
            ahead = ("even" if mine == theirs
                     else "yes" if (mine > theirs if higher else mine < theirs) else "**no**")
        fmt = (lambda v: "–" if v is None else (f"{v:.3f}" if unit in ("ms", "share")
                                                 else f"{v:,.0f}" if unit == "units/s" else f"{v:.1f}"))
        what = "units" if task.startswith("tm ") else "entries"
        print(f"| {task} | {size:,} {what} | {fmt(mine)} {unit} | {peer} | {fmt(theirs)} {unit} | {ratio} | {ahead} |")


if __name__ == "__main__":
    main()
