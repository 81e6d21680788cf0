"""Checks that other tools read dragoman's TMX export as dragoman means it.

    check.py ttk WORK EXPORT.tmx INPUT.tmx...
        translate-toolkit: the export read as an en→ar and an en→ru memory
        and written as PO (its own tmx and po stores), and `pot2po --tm`
        filling a template from the export on the command line.
    check.py omegat WORK EXPORT.tmx INPUT.tmx...
        OmegaT in console mode: a project whose source is the plain
        sentences of the inputs and whose tm/auto holds the export; the
        translated document must carry the memory's translations.

The expected pairs come from the INPUT memories (what was imported into
dragoman before the export), read with Python's own XML parser, so neither
dragoman nor the tool under test decides what is right. Run by
tests/interop/run, which installs translate-toolkit and polib in its venv.
"""

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

SOURCE = "en"
TARGETS = ("ar", "ru")
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def expected(inputs):
    """The units of the input memories: for each, its language → (text, plain)
    and its unit-level notes. The text is what a reader without inline-code
    support sees (the codes' native text kept, as in PO); plain means no
    inline markup at all."""
    units = []
    for path in inputs:
        for tu in ET.parse(path).getroot().iter("tu"):
            segs = {}
            for tuv in tu.findall("tuv"):
                seg = tuv.find("seg")
                segs[tuv.get(XML_LANG)] = ("".join(seg.itertext()), len(seg) == 0)
            notes = [n.text for n in tu.findall("note")]
            units.append((segs, notes))
    return units


def pairs(units, target, plain_only=False):
    """Source text → target text for one language pair."""
    out = {}
    for segs, _ in units:
        if SOURCE not in segs or target not in segs:
            continue
        (source, plain), (translation, _) = segs[SOURCE], segs[target]
        if plain_only and not (plain and source == source.strip() and "\n" not in source):
            continue
        assert out.get(source, translation) == translation, f"inputs disagree on {source!r}"
        out[source] = translation
    return out


def compare(what, got, want):
    """Prints what differs; True when nothing does."""
    ok = True
    for source, translation in want.items():
        if got.get(source) != translation:
            print(f"  {what}: {source!r}\n    want {translation!r}\n    got  {got.get(source)!r}")
            ok = False
    for source in got.keys() - want.keys():
        print(f"  {what}: unexpected entry {source!r}")
        ok = False
    return ok


def ttk(work, export, units):
    import polib
    from translate.storage import po, tmx

    ok = True
    for target in TARGETS:
        # The TMX store with an explicit language pair, as a converter would
        # open it, then each unit with a translation as a PO unit.
        with open(export, "rb") as f:
            store = tmx.tmxfile(f, sourcelanguage=SOURCE, targetlanguage=target)
        catalog = po.pofile()
        for unit in store.units:
            if unit.target:
                catalog.addunit(po.pofile.UnitClass.buildfromunit(unit))
        path = os.path.join(work, f"{SOURCE}-{target}.po")
        with open(path, "wb") as f:
            f.write(bytes(catalog))
        entries = polib.pofile(path)
        got = {e.msgid: e.msgstr for e in entries}
        ok &= compare(f"tmx → {os.path.basename(path)}", got, pairs(units, target))
        comments = {e.msgid: e.tcomment for e in entries}
        for segs, notes in units:
            source = segs.get(SOURCE, ("",))[0]
            for note in notes if target in segs else []:
                if note not in comments.get(source, ""):
                    print(f"  {path}: note {note!r} missing from {source!r}")
                    ok = False
        print(f"  {path}: {len(got)} entries")

    # The command line: pot2po takes a TMX as its memory (no language option:
    # each unit's first non-source variant is the translation). It needs a
    # previous translation (-t) when given --tm, so it gets an empty one.
    template = polib.POFile()
    template.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    both = [pairs(units, t) for t in TARGETS]
    sources = sorted(set().union(*both))
    for source in sources:
        template.append(polib.POEntry(msgid=source, msgstr=""))
    pot, out = os.path.join(work, "template.pot"), os.path.join(work, "pot2po.po")
    previous = os.path.join(work, "previous.po")
    template.save(pot)
    empty = polib.POFile()
    empty.metadata = template.metadata
    empty.save(previous)
    bindir = os.path.dirname(sys.executable)
    subprocess.run(
        [os.path.join(bindir, "pot2po"), "--progress=none", f"--tm={export}", "-t", previous, "-i", pot, "-o", out],
        check=True,
    )
    filled = {e.msgid: e.msgstr for e in polib.pofile(out) if e.msgid}
    for source in sources:
        if filled.get(source) not in [p[source] for p in both if source in p]:
            print(f"  pot2po: {source!r} got {filled.get(source)!r}")
            ok = False
    print(f"  {out}: {sum(1 for t in filled.values() if t)} entries filled from the memory")
    return ok


PROJECT = """<?xml version="1.0" encoding="UTF-8"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</source_tok>
    <target_tok>{tokenizer}</target_tok>
    <sentence_seg>true</sentence_seg>
  </project>
</omegat>
"""
TOKENIZERS = {
    "ar": "org.omegat.tokenizer.LuceneArabicTokenizer",
    "ru": "org.omegat.tokenizer.LuceneRussianTokenizer",
}


def omegat(work, export, units):
    jar = os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar")
    ok = True
    for target in TARGETS:
        want = pairs(units, target, plain_only=True)
        project = os.path.join(work, f"omegat-{target}")
        for d in ("source", "target", "tm/auto", "glossary", "dictionary", "omegat"):
            os.makedirs(os.path.join(project, d))
        with open(os.path.join(project, "omegat.project"), "w", encoding="utf-8") as f:
            f.write(PROJECT.format(source=SOURCE, target=target, tokenizer=TOKENIZERS[target]))
        sources = list(want) + ["This sentence is in no memory."]
        with open(os.path.join(project, "source", "news.txt"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(sources) + "\n")
        # OmegaT fills 100% matches from tm/auto into the translated document.
        with open(export, "rb") as src, open(os.path.join(project, "tm", "auto", "dragoman.tmx"), "wb") as dst:
            dst.write(src.read())
        log = os.path.join(work, f"omegat-{target}.log")
        with open(log, "w") as f:
            run = subprocess.run(
                ["java", "-Djava.awt.headless=true", "-jar", jar, project, "--mode=console-translate",
                 f"--config-dir={os.path.join(work, 'omegat-config')}", "--no-team", "--quiet"],
                stdout=f, stderr=subprocess.STDOUT, timeout=300,
            )
        translated = os.path.join(project, "target", "news.txt")
        if run.returncode != 0 or not os.path.exists(translated):
            print(f"  OmegaT failed (exit {run.returncode}), see {log}")
            ok = False
            continue
        with open(translated, encoding="utf-8") as f:
            lines = [p.strip() for p in f.read().split("\n\n")]
        got = dict(zip(sources, lines))
        untouched = got.pop(sources[-1])
        ok &= compare(f"OmegaT en→{target}", got, want)
        if untouched != sources[-1]:
            print(f"  OmegaT en→{target}: a sentence in no memory became {untouched!r}")
            ok = False
        print(f"  {translated}: {len(want)} sentences filled from the memory")
    return ok


def main():
    check, work, export, *inputs = sys.argv[1:]
    units = expected(inputs)
    ok = {"ttk": ttk, "omegat": omegat}[check](work, export, units)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
