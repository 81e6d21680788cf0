"""The calibration sweep (see benches/calibration): frequent words in
sentences of their language, through `dragoman check --jsonl`; prints the
words found as a glossary name by similarity."""

import argparse
import json
import subprocess
import sys

from wordfreq import top_n_list

# Each word is tried capitalised, as a name is written, in the middle of a
# sentence and at its start (English and Russian), and as it stands in an
# Arabic sentence.
FRAMES = {
    "en": ["Yesterday {} was mentioned.", "{} was mentioned yesterday."],
    "ru": ["Вчера {} упоминался в докладе.", "{} упоминался в докладе."],
    "ar": ["وقال المتحدث إن {} كان هناك."],
}


def lines(lang, words):
    for word in top_n_list(lang, words):
        if not any(c.isalpha() for c in word):
            continue
        written = word if lang == "ar" else word[:1].upper() + word[1:]
        for n, frame in enumerate(FRAMES[lang]):
            yield json.dumps({"id": f"{word}\t{n}", "text": frame.format(written)},
                             ensure_ascii=False)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--words", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--dragoman", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("check_args", nargs="*")
    args = parser.parse_args()
    total = 0
    for lang in FRAMES:
        text = "\n".join(lines(lang, args.words)) + "\n"
        run = subprocess.run(
            [args.dragoman, "--db", args.db, "check", "--jsonl", "--lang", lang,
             *args.check_args],
            input=text, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.exit(f"dragoman check failed ({run.returncode}): {run.stderr}")
        found = {}
        for line in run.stdout.splitlines():
            answer = json.loads(line)
            word = answer["id"].split("\t")[0]
            for f in answer["findings"]:
                if f["kind"] == "fuzzy" and word not in found:
                    found[word] = (f["confidence"], f["found"], f["suggestion"])
        rows = sorted(found.items(), key=lambda row: (-row[1][0], row[0]))
        with open(f"{args.out}/{lang}.tsv", "w", encoding="utf-8") as out:
            for word, (confidence, text_found, suggestion) in rows:
                out.write(f"{confidence}\t{word}\t{text_found}\t{suggestion}\n")
        total += len(rows)
        print(f"{lang}: {len(rows)} of the {args.words:,} most frequent words found "
              f"as a name by similarity")
        for word, (confidence, text_found, suggestion) in rows:
            print(f"  {confidence:.3f}  {text_found} → {suggestion}")
    print(f"all: {total}")


if __name__ == "__main__":
    main()
