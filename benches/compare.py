"""The Python peers of `benches/compare`, measured on the files that
`cargo bench --bench compare -- write DIR` wrote, and the table that puts
them beside dragoman's figures (DIR/dragoman.json).

    python compare.py DIR --sizes 1000,10000,100000 --dragoman PATH

Peers:
  * flashtext `KeywordProcessor.replace_keywords` over every listed
    spelling (each replaced by its entry's house form in that language),
    paragraph by paragraph;
  * rapidfuzz `process.extractOne` (WRatio, default processing) over every
    listed spelling, on the same misspelt queries as dragoman's lookup;
  * process start-up to first answer: `dragoman lookup` on a database
    seeded with the house glossary (a translator's keystroke budget).
"""

import argparse
import csv
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
    # slows down more than linearly on one long text.
    paragraphs = corpus.split("\n")
    start = time.perf_counter()
    for p in paragraphs:
        kp.replace_keywords(p)
    return len(corpus.encode("utf-8")) / 1e6 / (time.perf_counter() - start)


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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--dragoman", required=True, help="the release binary")
    ap.add_argument("--rapidfuzz-queries", type=int, default=200,
                    help="misspellings per edit count for rapidfuzz (a full scan each)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    ours = {}
    with open(os.path.join(args.dir, "dragoman.json"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            ours[(r["task"], r["size"])] = r["value"]

    rows = []  # (task, size, ours, peer name, peer value, unit, higher is better)
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

    print("| task | glossary | dragoman | peer | peer figure | dragoman/peer | ahead |")
    print("|---|---|---|---|---|---|---|")
    for task, size, mine, peer, theirs, unit, higher in rows:
        if mine is None or theirs is None or theirs == 0:
            ratio, ahead = "–", "–"
        else:
            ratio = f"{mine / theirs:.3g}"
            ahead = "yes" if (mine > theirs if higher else mine < theirs) else "**no**"
        fmt = (lambda v: "–" if v is None else (f"{v:.3f}" if unit in ("ms", "share") else f"{v:.1f}"))
        print(f"| {task} | {size:,} | {fmt(mine)} {unit} | {peer} | {fmt(theirs)} {unit} | {ratio} | {ahead} |")


if __name__ == "__main__":
    main()
