//! `dragoman glossary …`: maintaining the termbase.

use super::output::{isolate, print, read_input, write_atomically, Style};
use super::{EntryFields, ExportArgs, GlossaryCommand, ImportArgs, ListArgs};
use crate::error::{Error, Result};
use crate::formats::{self, Format, ReadGlossary};
use crate::glossary::{
    everyday_spellings, place_generated, validate, CaseRule, Entry, EverydaySpelling, MatchRule,
    Status,
};
use crate::store::{no_such_entry, Seed, Store};
use crate::text::fold;
use std::path::Path;

/// Runs a glossary subcommand; the exit code is 1 when `validate` finds
/// conflicts, else 0.
pub fn run(store: &mut Store, command: GlossaryCommand) -> Result<u8> {
    match command {
        GlossaryCommand::Add { id, fields } => {
            let mut entry = Entry::new(id);
            fields.apply(&mut entry)?;
            store.add(&entry)?;
            print(&format!("added {}\n", entry.id))?;
        }
        GlossaryCommand::Edit { id, rename, fields } => {
            let mut entry = store.entry(&id)?.ok_or_else(|| no_such_entry(&id))?;
            fields.apply(&mut entry)?;
            if let Some(new_id) = rename {
                entry.id = new_id;
            }
            store.replace(&id, &entry)?;
            print(&format!("updated {}\n", entry.id))?;
        }
        GlossaryCommand::Remove { ids } => {
            store.remove(&ids)?;
            print(&format!("removed {}\n", ids.join(", ")))?;
        }
        GlossaryCommand::Show { id, json } => {
            let entry = store.entry(&id)?.ok_or_else(|| no_such_entry(&id))?;
            show(&[entry], json)?;
        }
        GlossaryCommand::List(args) => list(store, args)?,
        GlossaryCommand::Import(_) => unreachable!("import runs before the store is opened"),
        GlossaryCommand::Export(args) => export(store, args)?,
        GlossaryCommand::Validate { json, .. } => {
            let entries = store.entries()?;
            return report_conflicts(store.path(), &entries, json);
        }
    }
    Ok(0)
}

fn resolve_format(explicit: Option<Format>, file: &str) -> Result<Format> {
    if let Some(f) = explicit {
        return Ok(f);
    }
    if file == "-" {
        return Ok(Format::Tsv);
    }
    Format::from_path(Path::new(file)).ok_or_else(|| {
        Error::usage(format!(
            "cannot tell the format of {file} from its extension: pass --format {}",
            Format::NAMES
        ))
    })
}

/// Bytes of a glossary file looked at before it is read whole.
const HEAD: usize = 4096;

/// Reads a glossary file completely (all-or-nothing) before anything is
/// written.
pub fn read_glossary_file(file: &str, format: Option<Format>) -> Result<ReadGlossary> {
    let format = resolve_format(format, file)?;
    if file != "-" {
        // A file that is plainly not TBX or JSON (a disk image, /dev/zero)
        // is refused before it is read whole.
        let mut head = Vec::with_capacity(HEAD);
        std::fs::File::open(file)
            .and_then(|f| {
                std::io::Read::read_to_end(&mut std::io::Read::take(f, HEAD as u64), &mut head)
            })
            .map_err(|e| Error::io(file, e))?;
        formats::check_start(file, &head, format)?;
    }
    let bytes = read_input(file)?;
    formats::read_glossary(file, &bytes, format)
}

/// `glossary import`: the file is read and checked in full before the
/// database is opened, so a refused file never creates or changes one, and
/// `--dry-run` never creates one either.
pub fn import(db: &Path, args: &ImportArgs) -> Result<()> {
    let read = read_glossary_file(&args.file, args.format)?;
    if args.dry_run {
        let stored = if db.exists() {
            Store::open(db, Seed::Nothing)?.entries()?
        } else {
            Vec::new()
        };
        let entries = place_generated(&stored, read);
        let updated = entries
            .iter()
            .filter(|e| stored.iter().any(|x| x.id == e.id))
            .count();
        return print(&format!(
            "{}: {} entries read ({} new, {} would be updated); nothing written (--dry-run)\n",
            args.file,
            entries.len(),
            entries.len() - updated,
            updated
        ));
    }
    // A database created by import holds exactly what was imported.
    let mut store = Store::open(db, Seed::Nothing)?;
    let entries = place_generated(&store.entries()?, read);
    let stats = store.import(&entries)?;
    print(&format!(
        "imported {} entries from {} ({} new, {} updated) into {}\n",
        entries.len(),
        args.file,
        stats.added,
        stats.updated,
        store.path()
    ))?;
    let conflicts = validate(&store.entries()?);
    if !conflicts.is_empty() {
        eprintln!(
            "warning: the glossary now has {} conflict(s) to resolve: run `dragoman glossary validate`",
            conflicts.len()
        );
    }
    let everyday: Vec<EverydaySpelling> = everyday_spellings(&entries);
    if !everyday.is_empty() {
        // A few by name; `validate` lists them all.
        const NAMED: usize = 5;
        let mut named: Vec<String> = everyday
            .iter()
            .take(NAMED)
            .map(|s| format!("{} ({})", s.form, s.entry))
            .collect();
        if everyday.len() > NAMED {
            named.push("… (`dragoman glossary validate` lists them all)".to_string());
        }
        eprintln!(
            "note: {} imported Arabic spelling(s) are everyday words too, found alone only as written: {}",
            everyday.len(),
            named.join(", ")
        );
    }
    Ok(())
}

fn export(store: &Store, args: ExportArgs) -> Result<()> {
    let format = match (&args.format, &args.output) {
        (Some(f), _) => *f,
        (None, Some(path)) => Format::from_path(path).unwrap_or(Format::Tsv),
        (None, None) => Format::Tsv,
    };
    // Glossary order, not id order: it decides which person a shared
    // surname alone refers to, so it must survive a round trip.
    let entries = store.entries()?;
    let mut bytes = Vec::new();
    formats::write_glossary(&entries, format, &mut bytes).map_err(|e| Error::io("export", e))?;
    match &args.output {
        Some(path) => {
            write_atomically(path, &bytes)?;
            eprintln!("exported {} entries to {}", entries.len(), path.display());
            Ok(())
        }
        None => print(&String::from_utf8_lossy(&bytes)),
    }
}

fn show(entries: &[Entry], json: bool) -> Result<()> {
    if json {
        let mut bytes = Vec::new();
        formats::write_glossary(entries, Format::Json, &mut bytes)
            .map_err(|e| Error::io("stdout", e))?;
        return print(&String::from_utf8_lossy(&bytes));
    }
    let style = Style::for_stdout();
    let mut out = String::new();
    for entry in entries {
        let kind = if entry.entry_type.is_empty() {
            String::new()
        } else {
            format!(", {}", entry.entry_type)
        };
        out.push_str(&format!(
            "{}  {}\n",
            style.bold(&isolate(entry.display_name())),
            style.dim(&format!("[{}{kind}]", entry.id))
        ));
        super::lookup::render_forms(&mut out, entry, style);
        out.push('\n');
    }
    print(&out)
}

fn list(store: &Store, args: ListArgs) -> Result<()> {
    let needle = args.contains.as_deref().map(fold);
    let entries: Vec<Entry> = store
        .entries()?
        .into_iter()
        .filter(|e| {
            args.entry_type
                .as_ref()
                .is_none_or(|t| e.entry_type.eq_ignore_ascii_case(t))
        })
        .filter(|e| args.lang.as_ref().is_none_or(|l| e.terms.contains_key(l)))
        .filter(|e| {
            needle.as_ref().is_none_or(|n| {
                e.id.contains(n.as_str()) || e.forms().any(|(_, _, f)| fold(f).contains(n.as_str()))
            })
        })
        .collect();
    if args.json {
        return show(&entries, true);
    }
    let style = Style::for_stdout();
    let mut out = String::new();
    for e in &entries {
        let forms: Vec<String> = e
            .langs()
            .into_iter()
            .filter_map(|l| e.house(l))
            .map(isolate)
            .collect();
        out.push_str(&format!(
            "{:<32} {:<7} {}\n",
            e.id,
            e.entry_type,
            forms.join(" · ")
        ));
    }
    out.push_str(&style.dim(&format!("{} entries\n", entries.len())));
    print(&out)
}

/// `glossary validate FILE`: checks a file without opening the database.
pub fn validate_file(file: &str, format: Option<Format>, json: bool) -> Result<u8> {
    let read = read_glossary_file(file, format)?;
    report_conflicts(file, &read.entries, json)
}

fn report_conflicts(source: &str, entries: &[Entry], json: bool) -> Result<u8> {
    let conflicts = validate(entries);
    if json {
        let mut text = serde_json::to_string_pretty(&conflicts).expect("plain data serialises");
        text.push('\n');
        print(&text)?;
    } else if conflicts.is_empty() {
        print(&format!(
            "{source}: {} entries, no conflicts\n",
            entries.len()
        ))?;
    } else {
        let style = Style::for_stdout();
        let mut out = String::new();
        for c in &conflicts {
            let kind = serde_json::to_value(c.kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            out.push_str(&format!(
                "{}: {} {}\n",
                source,
                style.yellow(&kind),
                c.message
            ));
        }
        out.push_str(&format!(
            "{} conflict(s) in {} entries\n",
            conflicts.len(),
            entries.len()
        ));
        print(&out)?;
    }
    let notes: String = everyday_spellings(entries)
        .iter()
        .map(|s| {
            format!(
                "{source}: note: {}: {} is an everyday word too: standing alone it is found only as written\n",
                s.entry, s.form
            )
        })
        .collect();
    if json {
        // Standard output is the JSON alone; the notes go beside it.
        eprint!("{notes}");
    } else {
        print(&notes)?;
    }
    Ok(if conflicts.is_empty() { 0 } else { 1 })
}

impl EntryFields {
    /// Applies the flags of `add` / `edit` to an entry.
    pub fn apply(&self, entry: &mut Entry) -> Result<()> {
        if let Some(t) = &self.entry_type {
            entry.entry_type = t.trim().to_string();
        }
        if let Some(n) = &self.note {
            entry.note = n.trim().to_string();
        }
        let shorthand = [("en", &self.en), ("ar", &self.ar), ("ru", &self.ru)];
        for (lang, form) in shorthand {
            if let Some(form) = form {
                entry.set_house(lang, form);
            }
        }
        for pair in &self.house {
            let (lang, form) = split_pair(pair)?;
            entry.set_house(lang, form);
        }
        for pair in &self.variant {
            let (lang, form) = split_pair(pair)?;
            entry.add_variant(lang, form);
        }
        for (pairs, status) in [
            (&self.admitted, Status::Admitted),
            (&self.forbidden, Status::Forbidden),
        ] {
            for pair in pairs {
                let (lang, form) = split_pair(pair)?;
                entry.add_form(lang, status, form);
            }
        }
        for pair in &self.remove_variant {
            let (lang, form) = split_pair(pair)?;
            if !entry.remove_variant(lang, form) {
                return Err(Error::usage(format!(
                    "{} has no {lang} variant {form:?}",
                    entry.id
                )));
            }
        }
        for pair in &self.remove_form {
            let (lang, form) = split_pair(pair)?;
            let removed = [Status::Variant, Status::Admitted, Status::Forbidden]
                .into_iter()
                .any(|status| entry.remove_form(lang, status, form));
            if !removed {
                return Err(Error::usage(format!(
                    "{} has no {lang} variant, admitted or forbidden form {form:?}",
                    entry.id
                )));
            }
        }
        if let Some(case) = &self.case {
            entry.case = CaseRule::parse(case).ok_or_else(|| {
                Error::usage(format!("--case {case:?}: use insensitive or sensitive"))
            })?;
        }
        if let Some(matching) = &self.matching {
            entry.matching = MatchRule::parse(matching)
                .ok_or_else(|| Error::usage(format!("--match {matching:?}: use fuzzy or exact")))?;
        }
        entry.check().map_err(Error::usage)
    }
}

fn split_pair(pair: &str) -> Result<(&str, &str)> {
    pair.split_once('=')
        .filter(|(lang, _)| crate::glossary::is_valid_lang(lang))
        .ok_or_else(|| {
            Error::usage(format!(
                "expected LANG=FORM (e.g. en=Tarhuna), got {pair:?}"
            ))
        })
}
