//! What a Russian word is, told by its ending alone: a verb, an adverb, a
//! noun. A guess, not a parser, so each answer errs on its own side: a
//! word is called a noun only by suffixes no verb, adverb or adjective
//! ends in, and whatever no list tells is none of them.

use super::context::{in_list, WordSet};
use crate::text::russian;

/// Endings of finite verb forms: the past (`заявил`, `сообщила`), the
/// present and future third person (`считает`, `помогают`), reflexives
/// (`добился`, `оказалась`).
const VERB_ENDINGS: &[&str] = &[
    "л", "ла", "ли", "ло", "ет", "ит", "ут", "ют", "ат", "ят", "сь", "ся",
];

/// Endings of adverbs (`Позже`, `Официально`), which take no noun after
/// them.
const ADVERB_ENDINGS: &[&str] = &["о", "е"];

/// Nominative endings of nouns of a role or origin (`Дипломат`, `Ливиец`,
/// `Посланник`, `Наблюдатель`, `Журналист`, `Секретарь`).
const ROLE_NOUN_ENDINGS: &[&str] = &["ник", "тель", "ист", "ец", "арь", "ант", "ент"];

/// The stems of [`ROLE_NOUN_ENDINGS`] that keep their letters in every
/// case (`сотрудника`, `представителям`, `журналистов`).
const ROLE_NOUN_STEMS: &[&str] = &["ник", "тел", "ист", "ант", "ент"];

/// Endings a noun's stem takes in its cases and numbers (and none, the
/// nominative of a masculine noun), none of them an adjective's.
const NOUN_ENDINGS: &[&str] = &[
    "", "а", "у", "ом", "е", "о", "и", "ы", "ов", "ам", "ами", "ах", "ь", "я", "ю", "ем", "ей",
];

/// Endings of nouns in `-ия` and `-ие` (`армия`, `признание`) in any case
/// but the genitive plural, which `-ий` shares with adjectives.
const IYA_ENDINGS: &[&str] = &["иями", "иях", "иям", "ией", "ием", "ия", "ии", "ию", "ие"];

/// Nouns that stand before a subject without governing it, as stems: of
/// time (`В понедельник ЛНА сообщила`, `в этот момент`) and of set
/// phrases (`в частности`, `в заключение`, `впоследствии`).
const NO_HEAD_NOUNS: &[&str] = &[
    "понедельник",
    "вторник",
    "праздник",
    "момент",
    "частност",
    "заключен",
    "действительност",
    "впоследств",
];

/// Whether `word` is one of the words that open sentences far more often
/// than they stand in a name or head a phrase: adverbs, conjunctions,
/// pronouns, prepositions (`Вчера`, `Наконец`, `Однако`, `Его`).
pub(super) fn opens_sentences(word: &str) -> bool {
    const OPENERS: &[&str] = &[
        "вчера",
        "сегодня",
        "завтра",
        "накануне",
        "затем",
        "потом",
        "тогда",
        "теперь",
        "однако",
        "кроме",
        "поэтому",
        "сейчас",
        "между",
        "именно",
        "лишь",
        "только",
        "даже",
        "уже",
        "ещё",
        "еще",
        "впрочем",
        "кстати",
        "наконец",
        "зато",
        "здесь",
        "там",
        "тут",
        "так",
        "вот",
        "как",
        "когда",
        "где",
        "почему",
        "если",
        "хотя",
        "пока",
        "сначала",
        "вскоре",
        "сразу",
        "впервые",
        "вместе",
        "сам",
        "сама",
        "лично",
        "этот",
        "эта",
        "это",
        "тот",
        "та",
        "бывший",
        "бывшая",
        "новый",
        "его",
        "ее",
        "её",
        "их",
        "но",
        "и",
        "а",
        "или",
        "для",
        "при",
        "без",
        "над",
        "под",
        "после",
        "перед",
        "против",
        "через",
        "около",
        "среди",
    ];
    static SET: WordSet = WordSet::new();
    in_list(word, &SET, OPENERS)
}

/// Whether a folded word ends as a finite verb does.
pub(super) fn ends_as_verb(folded: &str) -> bool {
    VERB_ENDINGS.iter().any(|e| folded.ends_with(e))
}

/// Whether a folded word ends as an adverb does.
pub(super) fn ends_as_adverb(folded: &str) -> bool {
    ADVERB_ENDINGS.iter().any(|e| folded.ends_with(e))
}

/// Whether a folded word in the nominative is a noun of a role or origin
/// by its ending.
pub(super) fn is_role_noun(folded: &str) -> bool {
    ROLE_NOUN_ENDINGS.iter().any(|e| folded.ends_with(e))
}

/// Whether a folded word, in any case, is a noun by a suffix only nouns
/// have: `-ия` and `-ние`, `-тие`, `-ствие` (`Армия`, `Признание`,
/// `развитию`), `-ость` (`деятельности`), `-ство` (`руководства`), `-ка`
/// after a consonant (`поддержке`, `оценкам`), and the suffixes of a role
/// (`сотрудника`, `журналистов`). Not a word that ends as a verb
/// (`хотела` is no `-тель`), nor a word that opens sentences (`Наконец`),
/// nor a noun of time or a set phrase, which heads no phrase after it
/// (`В понедельник ЛНА сообщила`, `в частности`).
pub(super) fn is_noun(folded: &str) -> bool {
    if folded.chars().count() < 4 || ends_as_verb(folded) || opens_sentences(folded) {
        return false;
    }
    let stem = russian::stem(folded);
    let ending = &folded[stem.len()..];
    let noun_ending = NOUN_ENDINGS.contains(&ending);
    let by_iya = IYA_ENDINGS.iter().any(|e| {
        folded.strip_suffix(e).is_some_and(|base| {
            base.chars().count() >= 2
                // `-ие` is a plural adjective's too (`последние`).
                && (*e != "ие" || ["ен", "ан", "т", "ств"].iter().any(|s| base.ends_with(s)))
        })
    });
    let by_ost = ["ость", "ости", "остью", "остей", "остям", "остями", "остях"]
        .iter()
        .any(|e| folded.ends_with(e));
    let by_stvo = noun_ending && stem.ends_with("ств");
    // `-ка` after a consonant or `й` (`ячейка`, `зачистка`): not `пока`,
    // `наверняка`, an adverb in `-ко` (`жёстко`), nor `-ской`, an
    // adjective's (the instrumental `-кой` is left out).
    let by_ka = noun_ending
        && !["", "о"].contains(&ending)
        && stem
            .strip_suffix('к')
            .and_then(|s| s.chars().last())
            .is_some_and(|c| "бвджзйлмнпрстфцчшщ".contains(c));
    let by_role = is_role_noun(folded)
        || noun_ending
            && ROLE_NOUN_STEMS.iter().any(|s| stem.ends_with(s))
            && (!stem.ends_with("ист") || stem.chars().count() >= 7);
    (by_iya || by_ost || by_stvo || by_ka || by_role)
        && !folded.contains('-')
        && !heads_no_phrase(folded)
}

/// Whether a (folded) noun is one of time or of a set phrase, which
/// stands before a subject without governing it (`В понедельник ЛНА
/// сообщила`, `в частности`).
pub(super) fn heads_no_phrase(folded: &str) -> bool {
    NO_HEAD_NOUNS.contains(&russian::stem(folded).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nouns_are_told_by_suffixes_only_nouns_have() {
        for word in [
            "армия",
            "армии",
            "признание",
            "признанием",
            "поддержке",
            "поддержку",
            "оценкам",
            "руководства",
            "правительство",
            "деятельности",
            "сотрудника",
            "журналистов",
            "представитель",
            "развитию",
        ] {
            assert!(is_noun(word), "{word}");
        }
        for word in [
            "последние",
            "ливийские",
            "ливийской",
            "пока",
            "наверняка",
            "хотела",
            "помогает",
            "заявило",
            "понедельник",
            "вторника",
            "наконец",
            "частности",
            "впоследствии",
            "моменту",
            "года",
            "тем",
            "чистой",
            "по-русски",
            "жестко",
            "называемая",
            "бывший",
        ] {
            assert!(!is_noun(word), "{word}");
        }
    }

    #[test]
    fn verbs_and_adverbs_are_told_by_their_ending() {
        for word in ["заявил", "сообщила", "помогает", "поддерживают", "добился"]
        {
            assert!(ends_as_verb(word), "{word}");
        }
        assert!(ends_as_adverb("официально"));
        assert!(!ends_as_verb("армия"));
    }
}
