//! The trigger lexicon, modality cues and function-word classes, loaded from the data files
//! `data/triggers.toml`, `data/cues.toml` and `data/grammar.toml` (see `data/FORMAT.md`).
//!
//! Trigger heads are matched in any inflection: a token's candidate lemmas come from the
//! irregular-verb table and from regular suffix stripping (`-s`, `-es`, `-ies`, `-ed`, `-d`,
//! `-ing`, doubled consonants), and a candidate that is a known lemma is taken.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use entente_core::{PloverType, Polarity};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: trigger {pattern:?}: {message}")]
    Invalid { file: String, pattern: String, message: String },
}

/// A trigger as the coder first tests it at a head word: its index, part of speech and
/// pattern ([`Trigger::ids`]) in 32 bytes, so that the entries of a head are read side by
/// side without a visit to each trigger (most are rejected there).
#[derive(Clone, Copy, Debug)]
pub struct HeadEntry {
    /// The trigger's index in [`Lexicon::triggers`].
    pub ti: u32,
    pub pos: Pos,
    /// The number of pattern words.
    pub len: u8,
    ids: [u32; HeadEntry::INLINE],
}

impl HeadEntry {
    /// Patterns of up to this many words are kept in the entry.
    const INLINE: usize = 6;

    fn new(ti: usize, t: &Trigger) -> HeadEntry {
        let mut ids = [0; HeadEntry::INLINE];
        for (x, &id) in ids.iter_mut().zip(&t.ids) {
            *x = id;
        }
        HeadEntry { ti: ti as u32, pos: t.pos, len: t.ids.len().min(255) as u8, ids }
    }

    /// The pattern's lemma numbers ([`Trigger::ids`]).
    pub fn ids<'a>(&'a self, lex: &'a Lexicon) -> &'a [u32] {
        if usize::from(self.len) <= HeadEntry::INLINE {
            &self.ids[..usize::from(self.len)]
        } else {
            &lex.triggers[self.ti as usize].ids
        }
    }
}

/// Part of speech of a trigger's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pos {
    Verb,
    Noun,
    Adj,
}

/// Where an argument of a trigger is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Slot {
    /// The subject of a verb; for nouns the possessor, a modifier, or a `by`/`from` phrase.
    Subj,
    /// The noun phrase right after the trigger.
    Obj,
    /// The noun phrase after this preposition.
    Prep(String),
}

impl Slot {
    fn parse(s: &str) -> Slot {
        match s {
            "subj" | "subject" => Slot::Subj,
            "obj" | "object" | "dobj" => Slot::Obj,
            p => Slot::Prep(p.to_string()),
        }
    }
}

#[derive(Debug, Deserialize)]
struct RawTrigger {
    pattern: String,
    #[serde(default = "default_pos")]
    pos: Pos,
    #[serde(rename = "type")]
    type_: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    polarity: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    target: Option<Vec<String>>,
    #[serde(default)]
    symmetric: Option<bool>,
}

fn default_pos() -> Pos {
    Pos::Verb
}

/// One trigger entry.
#[derive(Clone, Debug)]
pub struct Trigger {
    /// The pattern as written (for `explain`).
    pub pattern: String,
    /// Lemmas; `None` is a gap of 0 to 3 words.
    pub words: Vec<Option<String>>,
    /// `words` as lemma numbers ([`WordInfo::is_lemma`]); 0 for a gap.
    pub ids: Vec<u32>,
    pub pos: Pos,
    pub ptype: PloverType,
    pub mode: Option<String>,
    pub polarity: Polarity,
    pub source: Slot,
    pub target: Vec<Slot>,
    pub symmetric: bool,
}

#[derive(Debug, Default, Deserialize)]
struct RawTriggers {
    #[serde(default)]
    trigger: Vec<RawTrigger>,
}

#[derive(Debug, Default, Deserialize)]
struct RawCues {
    #[serde(default)]
    modality: HashMap<String, Vec<String>>,
    #[serde(default)]
    attribution: HashMap<String, Vec<String>>,
    #[serde(default)]
    irregular: HashMap<String, String>,
    #[serde(default)]
    inflection: HashMap<String, String>,
    #[serde(default)]
    noun_forms: HashMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
struct RawGrammar {
    be: Vec<String>,
    aux: Vec<String>,
    det: Vec<String>,
    prepositions: Vec<String>,
    clause_openers: Vec<String>,
    relatives: Vec<String>,
    clause_punct: Vec<String>,
    agent_nouns: Vec<String>,
    anonymous_sources: Vec<String>,
    #[serde(default)]
    np_modifiers: Vec<String>,
    #[serde(default)]
    np_heads: Vec<String>,
    #[serde(default)]
    demonym_heads: Vec<String>,
    #[serde(default)]
    demand_verbs: Vec<String>,
    #[serde(default)]
    name_prefixes: Vec<String>,
    #[serde(default)]
    member_intros: Vec<String>,
    #[serde(default)]
    class_quantifiers: Vec<String>,
    #[serde(default)]
    noun_adjectives: Vec<String>,
    #[serde(default)]
    compound_modifiers: Vec<String>,
}

/// Bits of [`Grammar::classes`].
pub mod class {
    pub const PREP: u16 = 1;
    pub const CLAUSE_PUNCT: u16 = 2;
    pub const DET: u16 = 4;
    pub const RELATIVE: u16 = 8;
    pub const CLAUSE_OPENER: u16 = 16;
    pub const BE: u16 = 32;
    pub const AUX: u16 = 64;
    pub const DEMAND: u16 = 128;
    /// A word introducing the named members of a class ("powers, particularly X").
    pub const MEMBER_INTRO: u16 = 256;
    /// A quantifier opening a class noun phrase whose members are named ("other states").
    pub const QUANTIFIER: u16 = 512;
    /// An adjective that stands between a determiner and a noun ("the first visit", "a rare
    /// meeting"): the word after it is a noun, not a verb.
    pub const NOUN_ADJ: u16 = 1024;
    /// The first word of a phrase of [`super::Cues::expected`], [`super::Cues::denied`],
    /// [`super::Cues::hypothetical`], [`super::Grammar::anonymous_sources`]: a phrase index
    /// is looked up only at the tokens with its bit ([`super::Lexicon::word`] sets them; the
    /// function-word table [`super::Grammar::classes`] does not).
    pub const EXPECTED_CUE: u16 = 2048;
    pub const DENIED_CUE: u16 = 4096;
    pub const HYPOTHETICAL_CUE: u16 = 8192;
    pub const ANONYMOUS_CUE: u16 = 16384;
    pub const CUES: u16 = EXPECTED_CUE | DENIED_CUE | HYPOTHETICAL_CUE | ANONYMOUS_CUE;
    /// The function-word classes proper: a token with one of these is no content word.
    pub const FUNCTION: u16 = PREP | CLAUSE_PUNCT | DET | RELATIVE | CLAUSE_OPENER | BE | AUX | DEMAND;
}

/// Function-word classes.
#[derive(Debug, Default)]
pub struct Grammar {
    /// Every function word -> its classes ([`class`] bits), for one lookup per token.
    pub classes: HashMap<String, u16>,
    pub be: HashSet<String>,
    pub aux: HashSet<String>,
    pub det: HashSet<String>,
    pub prepositions: HashSet<String>,
    pub clause_openers: HashSet<String>,
    pub relatives: HashSet<String>,
    pub clause_punct: HashSet<String>,
    pub agent_nouns: HashSet<String>,
    pub anonymous_sources: PhraseIndex,
    pub np_modifiers: HashSet<String>,
    pub np_heads: HashSet<String>,
    pub demonym_heads: HashSet<String>,
    pub demand_verbs: HashSet<String>,
    pub name_prefixes: HashSet<String>,
    /// Second parts of a hyphenated compound that make the name before them a modifier of
    /// another party ("Iran-backed", "Saudi-aligned"): see [`Grammar::compound_modifier`].
    pub compound_modifiers: HashSet<String>,
}

impl Grammar {
    /// Whether the mention ending at byte `end` of `text` only modifies a hyphenated
    /// compound ("Iran-backed Hezbollah", "the Iran-aligned group"): the party is what the
    /// compound describes, not the name in it.
    pub fn compound_modifier(&self, text: &str, end: usize) -> bool {
        let rest = &text[end..];
        let Some(rest) = rest.strip_prefix('-').or_else(|| rest.strip_prefix('\u{2011}')) else {
            return false;
        };
        let word = &rest[..rest.find(|c: char| !c.is_ascii_alphabetic()).unwrap_or(rest.len())];
        !word.is_empty() && self.compound_modifiers.contains(word.to_ascii_lowercase().as_str())
    }
}

/// A prefilter before the hash lookups of a set of words: bit `n` of `pairs[i]` is set when
/// a word of `n` bytes starts and ends with the ASCII lower-case letters of index `i` (the
/// letters' low five bits). With a word of another shape in the set (`any`), every word of
/// another shape passes.
#[derive(Clone, Debug)]
pub struct WordFilter {
    pairs: Box<[u32; 1024]>,
    any: bool,
}

impl Default for WordFilter {
    /// The filter of no words.
    fn default() -> Self {
        WordFilter { pairs: Box::new([0; 1024]), any: false }
    }
}

impl WordFilter {
    pub fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> WordFilter {
        let mut f = WordFilter::default();
        for w in words {
            match WordFilter::index(w) {
                Some(i) => f.pairs[i] |= 1 << w.len(),
                None => f.any = true,
            }
        }
        f
    }

    /// The index of a word of fewer than 32 bytes that starts and ends with an ASCII
    /// lower-case letter.
    fn index(w: &str) -> Option<usize> {
        let b = w.as_bytes();
        match (b.first(), b.last()) {
            (Some(&a), Some(&z)) if b.len() < 32 && a.is_ascii_lowercase() && z.is_ascii_lowercase() => {
                Some(usize::from(a & 31) << 5 | usize::from(z & 31))
            }
            _ => None,
        }
    }

    /// Whether the word may be in the set (false: it is not).
    pub fn may_be(&self, w: &str) -> bool {
        match WordFilter::index(w) {
            Some(i) => self.pairs[i] & (1 << w.len()) != 0,
            None => self.any,
        }
    }
}

/// Phrases (token sequences) indexed by their first token, for one lookup per token.
#[derive(Debug, Default)]
pub struct PhraseIndex {
    by_first: HashMap<String, Vec<Vec<String>>>,
    /// The first tokens, to skip most lookups.
    firsts: WordFilter,
}

impl PhraseIndex {
    pub fn new(phrases: Vec<Vec<String>>) -> PhraseIndex {
        let mut by_first: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in phrases.into_iter().filter(|p| !p.is_empty()) {
            by_first.entry(p[0].clone()).or_default().push(p);
        }
        let firsts = WordFilter::new(by_first.keys().map(String::as_str));
        PhraseIndex { by_first, firsts }
    }

    /// Whether one of the phrases starts at token `i` of `toks`.
    pub fn starts_at(&self, toks: &[entente_text::token::Token], i: usize) -> bool {
        let w = toks[i].lower.as_str();
        if !self.firsts.may_be(w) {
            return false;
        }
        self.by_first.get(w).is_some_and(|ps| {
            ps.iter().any(|p| p.iter().enumerate().all(|(k, w)| toks.get(i + k).is_some_and(|t| t.lower == w.as_str())))
        })
    }

    /// Whether one of the phrases starts at a token in `range`, where `cls` holds each
    /// token's [`class`] bits and `bit` marks the first words of these phrases: only the
    /// marked tokens are looked up.
    pub fn any_marked_in(
        &self,
        toks: &[entente_text::token::Token],
        cls: &[u16],
        bit: u16,
        range: std::ops::Range<usize>,
    ) -> bool {
        range.into_iter().any(|i| cls[i] & bit != 0 && self.starts_at(toks, i))
    }
}

/// Modality cue phrases, each a sequence of lower-case tokens.
#[derive(Debug, Default)]
pub struct Cues {
    pub expected: PhraseIndex,
    pub hypothetical: PhraseIndex,
    pub denied: PhraseIndex,
    pub reported: PhraseIndex,
    pub speech_verbs: HashSet<String>,
    /// Every surface form of a one-word speech verb ("said", "adds", "explained").
    pub speech_forms: HashSet<String>,
    /// Head nouns of unnamed speakers ("source", "official").
    pub anonymous_speakers: HashSet<String>,
    /// Words whose "to"-infinitive complement is a future act ("invitation", "intention").
    pub intention_heads: HashSet<String>,
}

/// What the lexicon knows of one lower-case token: its lemma ([`Lexicon::lemma_of`]) and
/// its function-word classes ([`Grammar::classes`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// Index of the lemma plus one; 0 for none.
    lemma: u32,
    /// Index plus one of the lemma spelt like the word itself; 0 for none.
    own: u32,
    past: bool,
    /// [`class`] bits.
    pub cls: u16,
    /// For an "-ing" word that is a lemma itself, index plus one of the verb it is also the
    /// gerund of ("funding": "fund"); 0 for none.
    gerund: u32,
}

impl WordInfo {
    /// Whether the word is a form of a lexicon lemma.
    pub fn has_lemma(&self) -> bool {
        self.lemma != 0
    }

    /// Whether the word is spelt like lemma number `id` ([`Trigger::ids`]) or, when `forms`
    /// (the word is a word token), a form of it.
    pub fn is_lemma(&self, id: u32, forms: bool) -> bool {
        self.own == id || (forms && self.lemma == id)
    }
}

/// The loaded lexicon.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub triggers: Vec<Trigger>,
    /// Head lemma -> trigger indices (longest patterns first).
    by_head: HashMap<String, Vec<usize>>,
    /// Every lemma used in a pattern, for lemma lookup.
    lemmas: HashSet<String>,
    irregular: HashMap<String, String>,
    /// Every known inflected form -> (lemma index, past form).
    forms: HashMap<String, (u32, bool)>,
    /// "-ing" forms that are lemmas themselves ("funding", "meeting") -> the index of the
    /// verb they are also the gerund of ("fund", "meet").
    gerund_of: HashMap<String, u32>,
    lemma_names: Vec<String>,
    /// Every word with a lexicon lemma or a function-word class -> both, for one lookup
    /// per token ([`Lexicon::word`]).
    words: HashMap<compact_str::CompactString, WordInfo>,
    /// Lemma index -> [`Lexicon::by_head`] of that lemma as [`HeadEntry`]s, side by side:
    /// what the coder tests at a head word.
    head_entries: Vec<Vec<HeadEntry>>,
    pub cues: Cues,
    pub grammar: Grammar,
    /// The prefilter of speech frames, made from `cues` at its first use (so `cues` must
    /// not change after the lexicon has coded a sentence).
    pub(crate) frame_words: std::sync::OnceLock<WordFilter>,
}

pub const TRIGGERS: &str = include_str!("../data/triggers.toml");
pub const CUES: &str = include_str!("../data/cues.toml");
pub const GRAMMAR: &str = include_str!("../data/grammar.toml");

fn phrase_tokens(s: &str) -> Vec<String> {
    entente_text::token::tokenize(s).into_iter().map(|t| t.lower.to_string()).collect()
}

impl Lexicon {
    /// The embedded default lexicon.
    pub fn embedded() -> Result<Lexicon, LexiconError> {
        Lexicon::from_sources(TRIGGERS, CUES, GRAMMAR)
    }

    pub fn from_sources(triggers: &str, cues: &str, grammar: &str) -> Result<Lexicon, LexiconError> {
        let raw: RawTriggers = toml::from_str(triggers)
            .map_err(|e| LexiconError::Parse { file: "triggers.toml".into(), message: e.to_string() })?;
        let rc: RawCues = toml::from_str(cues)
            .map_err(|e| LexiconError::Parse { file: "cues.toml".into(), message: e.to_string() })?;
        let rg: RawGrammar = toml::from_str(grammar)
            .map_err(|e| LexiconError::Parse { file: "grammar.toml".into(), message: e.to_string() })?;
        let mut lex = Lexicon::default();
        for t in raw.trigger {
            let bad = |m: &str| LexiconError::Invalid {
                file: "triggers.toml".into(),
                pattern: t.pattern.clone(),
                message: m.to_string(),
            };
            let ptype: PloverType = t.type_.parse().map_err(|_| bad("unknown type"))?;
            let polarity = match &t.polarity {
                Some(p) => p.parse().map_err(|_| bad("polarity must be + or -"))?,
                None => ptype.default_polarity(),
            };
            let words: Vec<Option<String>> =
                t.pattern.split_whitespace().map(|w| if w == "*" { None } else { Some(w.to_lowercase()) }).collect();
            if words.first().is_none_or(|w| w.is_none()) {
                return Err(bad("a pattern starts with a word"));
            }
            for w in words.iter().flatten() {
                lex.lemmas.insert(w.clone());
            }
            let source = Slot::parse(t.source.as_deref().unwrap_or("subj"));
            let target = match &t.target {
                Some(v) => v.iter().map(|s| Slot::parse(s)).collect(),
                None if t.pos == Pos::Verb => vec![Slot::Obj],
                None => vec![
                    Slot::Prep("to".into()),
                    Slot::Prep("for".into()),
                    Slot::Prep("with".into()),
                    Slot::Prep("on".into()),
                    Slot::Prep("against".into()),
                ],
            };
            let symmetric = t.symmetric.unwrap_or(false);
            let idx = lex.triggers.len();
            lex.by_head.entry(words[0].clone().unwrap_or_default()).or_default().push(idx);
            lex.triggers.push(Trigger {
                pattern: t.pattern,
                words,
                ids: Vec::new(),
                pos: t.pos,
                ptype,
                mode: t.mode,
                polarity,
                source,
                target,
                symmetric,
            });
        }
        let trig = &lex.triggers;
        for v in lex.by_head.values_mut() {
            v.sort_by_key(|&i| std::cmp::Reverse(trig[i].words.len()));
        }
        lex.irregular = rc.irregular;
        let mut extra = rc.inflection;
        extra.extend(rc.noun_forms);
        lex.build_forms(&extra);
        let phr = |v: Option<&Vec<String>>| -> PhraseIndex {
            PhraseIndex::new(v.map(|v| v.iter().map(|s| phrase_tokens(s)).collect()).unwrap_or_default())
        };
        lex.cues = Cues {
            expected: phr(rc.modality.get("expected")),
            hypothetical: phr(rc.modality.get("hypothetical")),
            denied: phr(rc.modality.get("denied")),
            reported: phr(rc.modality.get("reported")),
            speech_verbs: rc.attribution.get("speech_verbs").cloned().unwrap_or_default().into_iter().collect(),
            speech_forms: HashSet::default(),
            anonymous_speakers: rc
                .attribution
                .get("anonymous_speakers")
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .collect(),
            intention_heads: rc.attribution.get("intention_heads").cloned().unwrap_or_default().into_iter().collect(),
        };
        lex.cues.speech_forms = speech_forms(&lex.cues.speech_verbs, &lex.irregular, &extra);
        let set = |v: Vec<String>| -> HashSet<String> { v.into_iter().collect() };
        let mut classes: HashMap<String, u16> = HashMap::default();
        for (list, bit) in [
            (&rg.prepositions, class::PREP),
            (&rg.clause_punct, class::CLAUSE_PUNCT),
            (&rg.det, class::DET),
            (&rg.relatives, class::RELATIVE),
            (&rg.clause_openers, class::CLAUSE_OPENER),
            (&rg.be, class::BE),
            (&rg.aux, class::AUX),
            (&rg.demand_verbs, class::DEMAND),
            (&rg.member_intros, class::MEMBER_INTRO),
            (&rg.class_quantifiers, class::QUANTIFIER),
            (&rg.noun_adjectives, class::NOUN_ADJ),
        ] {
            for w in list {
                *classes.entry(w.clone()).or_insert(0) |= bit;
            }
        }
        lex.grammar = Grammar {
            classes,
            be: set(rg.be),
            aux: set(rg.aux),
            det: set(rg.det),
            prepositions: set(rg.prepositions),
            clause_openers: set(rg.clause_openers),
            relatives: set(rg.relatives),
            clause_punct: set(rg.clause_punct),
            agent_nouns: set(rg.agent_nouns),
            anonymous_sources: PhraseIndex::new(rg.anonymous_sources.iter().map(|s| phrase_tokens(s)).collect()),
            np_modifiers: set(rg.np_modifiers),
            np_heads: set(rg.np_heads),
            demonym_heads: set(rg.demonym_heads),
            demand_verbs: set(rg.demand_verbs),
            name_prefixes: set(rg.name_prefixes),
            compound_modifiers: set(rg.compound_modifiers),
        };
        let mut words: HashMap<compact_str::CompactString, WordInfo> = HashMap::default();
        for (form, &(i, past)) in &lex.forms {
            words.insert(form.as_str().into(), WordInfo { lemma: i + 1, past, own: 0, cls: 0, gerund: 0 });
        }
        for (form, &i) in &lex.gerund_of {
            words.entry(form.as_str().into()).or_default().gerund = i + 1;
        }
        for (i, l) in lex.lemma_names.iter().enumerate() {
            words.entry(l.as_str().into()).or_default().own = i as u32 + 1;
        }
        for (w, &c) in &lex.grammar.classes {
            words.entry(w.as_str().into()).or_default().cls = c;
        }
        for (phrases, bit) in [
            (&lex.cues.expected, class::EXPECTED_CUE),
            (&lex.cues.denied, class::DENIED_CUE),
            (&lex.cues.hypothetical, class::HYPOTHETICAL_CUE),
            (&lex.grammar.anonymous_sources, class::ANONYMOUS_CUE),
        ] {
            for w in phrases.by_first.keys() {
                words.entry(w.as_str().into()).or_default().cls |= bit;
            }
        }
        lex.words = words;
        let names = &lex.lemma_names;
        for t in &mut lex.triggers {
            t.ids = t
                .words
                .iter()
                .map(|w| w.as_ref().map_or(0, |w| names.binary_search(w).map_or(0, |i| i as u32 + 1)))
                .collect();
        }
        lex.head_entries = lex
            .lemma_names
            .iter()
            .map(|l| lex.by_head(l).iter().map(|&ti| HeadEntry::new(ti, &lex.triggers[ti])).collect())
            .collect();
        Ok(lex)
    }

    /// [`Lexicon::by_head`] of the lemma of a word [`Lexicon::word`] found, as entries read
    /// without visiting the triggers.
    pub fn entries_of(&self, w: WordInfo) -> &[HeadEntry] {
        if w.lemma == 0 {
            return &[];
        }
        &self.head_entries[w.lemma as usize - 1]
    }

    /// The verb triggers of the verb an "-ing" lemma is also the gerund of ("accused X of
    /// funding Y": `fund`), for when the word's own reading yields nothing.
    pub fn gerund_entries_of(&self, w: WordInfo) -> impl Iterator<Item = &HeadEntry> + '_ {
        let entries: &[HeadEntry] = if w.gerund == 0 { &[] } else { &self.head_entries[w.gerund as usize - 1] };
        entries.iter().filter(|e| e.pos == Pos::Verb)
    }

    /// The lexicon lemma a lower-case token is a form of, with whether the form is a past
    /// tense or participle. One hash lookup: every inflection is generated at load time.
    pub fn lemma_of(&self, lower: &str) -> Option<(&str, bool)> {
        self.forms.get(lower).map(|&(i, past)| (self.lemma_names[i as usize].as_str(), past))
    }

    /// The lemma and classes of a lower-case token in one lookup.
    pub fn word(&self, lower: &str) -> WordInfo {
        self.words.get(lower).copied().unwrap_or_default()
    }

    /// The lemma of a word [`Lexicon::word`] found, with whether the form is past (as
    /// [`Lexicon::lemma_of`]).
    pub fn lemma_in(&self, w: WordInfo) -> Option<(&str, bool)> {
        (w.lemma != 0).then(|| (self.lemma_names[w.lemma as usize - 1].as_str(), w.past))
    }

    fn build_forms(&mut self, extra: &HashMap<String, String>) {
        let mut names: Vec<String> = self.lemmas.iter().cloned().collect();
        names.sort();
        let index: HashMap<String, u32> = names.iter().enumerate().map(|(i, n)| (n.clone(), i as u32)).collect();
        let mut forms: HashMap<String, (u32, bool)> = HashMap::default();
        for (i, l) in names.iter().enumerate() {
            forms.insert(l.clone(), (i as u32, false));
        }
        // "-ing" forms a lemma of its own shadows ("funding" is a noun lemma and the gerund
        // of "fund")
        let mut gerund_of: HashMap<String, u32> = HashMap::default();
        let add = |forms: &mut HashMap<String, (u32, bool)>,
                   gerund_of: &mut HashMap<String, u32>,
                   f: String,
                   i: u32,
                   past: bool| match forms.get(&f) {
            Some(&(j, _)) => {
                if j != i && f.ends_with("ing") && names[j as usize] == f {
                    gerund_of.entry(f).or_insert(i);
                }
            }
            None => {
                forms.insert(f, (i, past));
            }
        };
        for (i, l) in names.iter().enumerate() {
            let i = i as u32;
            if l.contains(' ') || l.len() < 2 {
                continue;
            }
            let b = l.as_bytes();
            let last = b[b.len() - 1] as char;
            let prev_vowel = b.len() >= 2 && b"aeiou".contains(&b[b.len() - 2]);
            let stem_y = &l[..l.len() - 1];
            if last == 'y' && !prev_vowel {
                add(&mut forms, &mut gerund_of, format!("{stem_y}ies"), i, false);
                add(&mut forms, &mut gerund_of, format!("{stem_y}ied"), i, true);
            }
            if l.ends_with('s') || l.ends_with('x') || l.ends_with('z') || l.ends_with("ch") || l.ends_with("sh") {
                add(&mut forms, &mut gerund_of, format!("{l}es"), i, false);
            }
            add(&mut forms, &mut gerund_of, format!("{l}s"), i, false);
            if last == 'e' {
                add(&mut forms, &mut gerund_of, format!("{l}d"), i, true);
                if !l.ends_with("ee") {
                    add(&mut forms, &mut gerund_of, format!("{}ing", &l[..l.len() - 1]), i, false);
                }
            } else {
                add(&mut forms, &mut gerund_of, format!("{l}ed"), i, true);
            }
            add(&mut forms, &mut gerund_of, format!("{l}ing"), i, false);
            if last.is_ascii_alphabetic() && !"aeiouwxy".contains(last) && prev_vowel {
                add(&mut forms, &mut gerund_of, format!("{l}{last}ed"), i, true);
                add(&mut forms, &mut gerund_of, format!("{l}{last}ing"), i, false);
            }
        }
        for (form, lemma) in self.irregular.iter().chain(extra) {
            if let Some(&i) = index.get(lemma) {
                let past = !form.ends_with("ing") && !form.ends_with('s');
                forms.insert(form.clone(), (i, past));
            }
        }
        self.gerund_of = gerund_of;
        self.forms = forms;
        self.lemma_names = names;
    }

    /// Triggers whose head lemma is `lemma`, longest patterns first.
    pub fn by_head(&self, lemma: &str) -> &[usize] {
        self.by_head.get(lemma).map_or(&[], Vec::as_slice)
    }
}

/// The surface forms of one-word speech verbs: the lemma, `-s`/`-es`, `-ed`/`-d`, `-ing`
/// (regular rules), and the irregular and tricky forms of the cue tables.
fn speech_forms(
    lemmas: &HashSet<String>,
    irregular: &HashMap<String, String>,
    extra: &HashMap<String, String>,
) -> HashSet<String> {
    let mut out = HashSet::default();
    for l in lemmas.iter().filter(|l| !l.contains(' ') && l.len() >= 2) {
        out.insert(l.clone());
        let stem = l.strip_suffix('e').unwrap_or(l);
        if let Some(y) = l.strip_suffix('y').filter(|y| !y.ends_with(['a', 'e', 'o', 'u'])) {
            out.insert(format!("{y}ies"));
            out.insert(format!("{y}ied"));
        } else if l.ends_with(['s', 'x', 'z']) || l.ends_with("ch") || l.ends_with("sh") {
            out.insert(format!("{l}es"));
        } else {
            out.insert(format!("{l}s"));
        }
        out.insert(format!("{stem}ed"));
        out.insert(format!("{stem}ing"));
    }
    for (form, lemma) in irregular.iter().chain(extra) {
        if lemmas.contains(lemma) {
            out.insert(form.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn word_filter_passes_every_word_of_its_set() {
        let f = super::WordFilter::new(["said", "told", "according", "u.s."]);
        for w in ["said", "told", "according"] {
            assert!(f.may_be(w));
        }
        assert!(!f.may_be("sad"));
        assert!(!f.may_be("soldier"));
        // a word of another shape: every such word passes
        assert!(f.may_be("u.s."));
        assert!(f.may_be("5"));
        assert!(!super::WordFilter::new(["said"]).may_be("5"));
        assert!(!super::WordFilter::default().may_be("said"));
    }

    use super::*;

    #[test]
    fn word_info_agrees_with_lemma_and_class_lookups() {
        let lex = Lexicon::embedded().expect("embedded lexicon");
        // an inflected trigger form, a function word, punctuation, an unknown word
        for w in ["accused", "meets", "the", "by", ",", "was", "zzyzx", "attack"] {
            let info = lex.word(w);
            assert_eq!(lex.lemma_in(info), lex.lemma_of(w), "{w}");
            assert_eq!(info.cls & !class::CUES, lex.grammar.classes.get(w).copied().unwrap_or(0), "{w}");
            let heads = lex.lemma_of(w).map_or(&[][..], |(l, _)| lex.by_head(l));
            let entries = lex.entries_of(info);
            assert_eq!(entries.iter().map(|e| e.ti as usize).collect::<Vec<_>>(), heads, "{w}");
            for e in entries {
                let t = &lex.triggers[e.ti as usize];
                assert_eq!((e.ids(&lex), e.pos, usize::from(e.len)), (&t.ids[..], t.pos, t.ids.len()), "{w}");
            }
        }
        // every head entry reads as its trigger (long patterns from the trigger itself)
        for e in lex.head_entries.iter().flatten() {
            assert_eq!(e.ids(&lex), &lex.triggers[e.ti as usize].ids[..], "{}", lex.triggers[e.ti as usize].pattern);
        }
        assert_eq!(lex.lemma_in(lex.word("accused")), Some(("accuse", true)));
        assert!(lex.word("by").cls & class::PREP != 0);
        assert!(!lex.word("zzyzx").has_lemma());
        // every key of both tables
        for (w, &(i, past)) in &lex.forms {
            let info = lex.word(w);
            assert_eq!(lex.lemma_in(info), Some((lex.lemma_names[i as usize].as_str(), past)));
        }
        for (w, &c) in &lex.grammar.classes {
            assert_eq!(lex.word(w).cls & !class::CUES, c);
        }
        // a cue bit on exactly the first words of its phrases
        for (phrases, bit) in [
            (&lex.cues.expected, class::EXPECTED_CUE),
            (&lex.cues.denied, class::DENIED_CUE),
            (&lex.cues.hypothetical, class::HYPOTHETICAL_CUE),
            (&lex.grammar.anonymous_sources, class::ANONYMOUS_CUE),
        ] {
            assert!(!phrases.by_first.is_empty());
            for w in phrases.by_first.keys() {
                assert!(lex.word(w).cls & bit != 0, "{w}");
            }
            for (w, info) in &lex.words {
                assert_eq!(info.cls & bit != 0, phrases.by_first.contains_key(w.as_str()), "{w}");
            }
        }
        // a pattern's words by number: a word is its own lemma, and its forms are too
        for t in &lex.triggers {
            assert_eq!(t.ids.len(), t.words.len(), "{}", t.pattern);
            for (w, &id) in t.words.iter().zip(&t.ids) {
                match w {
                    None => assert_eq!(id, 0),
                    Some(w) => {
                        assert_eq!(lex.lemma_names[id as usize - 1], *w, "{}", t.pattern);
                        assert!(lex.word(w).is_lemma(id, false), "{w}");
                    }
                }
            }
        }
        let accuse = lex.triggers.iter().find(|t| t.words == [Some("accuse".to_string())]).expect("accuse");
        assert!(lex.word("accused").is_lemma(accuse.ids[0], true));
        assert!(!lex.word("accused").is_lemma(accuse.ids[0], false));
        assert!(!lex.word("the").is_lemma(accuse.ids[0], true));
    }
}
