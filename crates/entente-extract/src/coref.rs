//! Coreference: pronouns and definite descriptions that stand for an actor named shortly
//! before, so that they can be event arguments ("He tried to approach Saudi Arabia", "the
//! movement's leaders met Iranian officials", "its support for Hamas").
//!
//! Rules (word lists in `data/coref.toml`):
//! - subject pronouns ("he", "it", "they") at the start of a clause, and possessive pronouns
//!   ("his", "its", "their") before a noun, name the most recent compatible actor: a person
//!   for "he"; a state, organisation or group named in the singular for "it"; an actor named
//!   in the plural ("the Saudis", a collective) for "they". They look back through the
//!   current sentence and at most `window` sentences;
//! - a definite description ("the movement", "the Lebanese party", "the kingdom") names the
//!   most recent actor of its class: kind and subkind from the knowledge base, a monarchy
//!   noun only a state with a holder of that role, a demonym modifier only an actor of that
//!   state;
//! - "his movement", "his government": the organisation the person the pronoun names acts
//!   for, when it fits the noun's class;
//! - "they" at the start of a clause also names a group of actors named together ("Saudi
//!   Arabia, the UAE, Bahrain and Egypt cut ties with Qatar. They demanded ..."): the one
//!   group of the most recent sentence offering one, when it opens a clause there (a
//!   subject) and that sentence offers nothing else "they" could be (another group, an
//!   actor named in the plural). Every actor of the group gets a mention spanning the
//!   pronoun, in order, for the event coder to read as a list (one event per actor);
//! - "both sides", "the two countries", "all four nations" name a group of exactly that
//!   many actors of the noun's kinds (`[[group]]`), else the actors of that kind of a
//!   sentence naming exactly that many (an actor named in a nearer sentence must be one of
//!   them). Not "on both sides" or "both sides of";
//! - a pronoun inside a sentence-initial subordinate clause whose main clause opens with a
//!   name points forward ("When it joined the talks, Qatar ...") and is not resolved.
//!
//! Never a guess: the antecedent is looked for in the most recent sentence (or the part of
//! the current sentence before the word) holding any compatible actor, and two different
//! compatible actors there resolve to nobody. Inside a quotation "they" keeps to the actors
//! named in the plural (no groups). "it" before "is unclear" and the like is no
//! actor, and a possessive inside a fronted phrase ("In his meeting with X, Y said") points
//! forward, so it is left to the event coder.

use entente_core::PDate;
use entente_kb::{ActorIdx, Kb, Mention, Via};
use entente_text::token::{TokKind, Token};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;

use crate::candidates::{Candidate, Guess};

pub const COREF: &str = include_str!("../data/coref.toml");

#[derive(Debug, thiserror::Error)]
pub enum CorefError {
    #[error("coref.toml: {0}")]
    Parse(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPronouns {
    person: Vec<String>,
    thing: Vec<String>,
    plural: Vec<String>,
    person_possessive: Vec<String>,
    thing_possessive: Vec<String>,
    plural_possessive: Vec<String>,
    window: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClause {
    openers: Vec<String>,
    expletive: Vec<String>,
    auxiliaries: Vec<String>,
    fronting: Vec<String>,
    not_names: Vec<String>,
    subordinators: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroups {
    numbers: Vec<String>,
    modifiers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    nouns: Vec<String>,
    kinds: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDescriptions {
    window: usize,
    modifiers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDescription {
    nouns: Vec<String>,
    kinds: Vec<String>,
    #[serde(default)]
    subkinds: Vec<String>,
    #[serde(default)]
    guesses: Vec<String>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    possessed_only: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCoref {
    pronouns: RawPronouns,
    clause: RawClause,
    descriptions: RawDescriptions,
    description: Vec<RawDescription>,
    groups: RawGroups,
    group: Vec<RawGroup>,
}

/// The class of actor a pronoun or description may name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Want {
    Person,
    /// A state, organisation or group named in the singular.
    Thing,
    /// An actor named in the plural.
    Plural,
    /// The `i`-th description class.
    Desc(usize),
}

#[derive(Debug)]
struct Description {
    kinds: Vec<String>,
    subkinds: Vec<String>,
    guesses: Vec<String>,
    role: Option<String>,
    possessed_only: bool,
}

/// The word lists of `data/coref.toml`.
#[derive(Debug)]
pub struct CorefLexicon {
    /// subject pronoun -> its class
    subject: FxHashMap<String, Want>,
    /// possessive pronoun -> its class
    possessive: FxHashMap<String, Want>,
    /// description noun -> its class index
    nouns: FxHashMap<String, usize>,
    descriptions: Vec<Description>,
    modifiers: FxHashSet<String>,
    openers: FxHashSet<String>,
    expletive: FxHashSet<String>,
    auxiliaries: FxHashSet<String>,
    fronting: FxHashSet<String>,
    not_names: FxHashSet<String>,
    subordinators: FxHashSet<String>,
    /// number word ("two") -> the count it names
    numbers: FxHashMap<String, usize>,
    /// Bit `c & 31` set for the first letter `c` of each number word (a cheap test before
    /// the lookup, after every "the").
    number_initials: u32,
    group_modifiers: FxHashSet<String>,
    /// plural noun ("sides", "countries") -> the kinds its actors must have
    group_nouns: FxHashMap<String, usize>,
    group_kinds: Vec<Vec<String>>,
    pronoun_window: usize,
    description_window: usize,
    /// Every pronoun and description noun, lower case, with its [`Words`] class: the
    /// cheap test of [`CorefLexicon::may_hold`].
    triggers: FxHashMap<Vec<u8>, u8>,
    /// Prefilter before that lookup: bit `n` of `pairs[pair(a, z)]` is set when some
    /// trigger of `n` letters starts with letter `a` and ends with letter `z`.
    pairs: Box<[u32; 1024]>,
    /// Prefilter before the lookups in `subject` and `possessive`, which every word token
    /// of a sentence with a pronoun goes through.
    pronouns: crate::lexicon::WordFilter,
}

/// Classes of the words of [`CorefLexicon::may_hold`] a sentence holds (a bit set): what
/// the pronouns and descriptions of a later sentence may ask of the memory.
#[derive(Clone, Copy)]
struct Words;

impl Words {
    /// "he", "his": a person (and so whether a sentence may name an unknown person).
    const PERSON: u8 = 1;
    /// "it", "they", "its", "their": whether a mention is plural.
    const THING: u8 = 2;
    /// A description noun.
    const DESC: u8 = 4;
    /// Subject "they" and the plural descriptions ("both sides"): the groups of actors.
    const GROUP: u8 = 8;
    const ALL: u8 = Words::PERSON | Words::THING | Words::DESC | Words::GROUP;
    /// Marks of the trigger lexicon, never a class of a sentence: "both" or a number word,
    /// and a plural noun ("sides"); a sentence holding both asks for [`Words::GROUP`].
    const COUNT: u8 = 16;
    const PLURAL_NOUN: u8 = 32;

    /// The classes of a sentence holding the trigger words of classes and marks `w`.
    fn classes(w: u8) -> u8 {
        let marks = Words::COUNT | Words::PLURAL_NOUN;
        let group = if w & marks == marks { Words::GROUP } else { 0 };
        (w & !marks) | group
    }
    /// Not read yet (in [`CorefMemory::words`]).
    const UNKNOWN: u8 = 0x80;

    fn of(want: Want) -> u8 {
        match want {
            Want::Person => Words::PERSON,
            Want::Thing | Want::Plural => Words::THING,
            Want::Desc(_) => Words::DESC,
        }
    }
}

/// What the knowledge of one document offers about actors.
pub struct Env<'a> {
    pub kb: &'a Kb,
    /// The document's candidate actors (index `kb.actors.len() + i`).
    pub cands: &'a [Candidate],
    pub date: Option<PDate>,
    /// Function-word classes (prepositions and determiners end a noun phrase).
    pub grammar: &'a crate::lexicon::Grammar,
}

impl Env<'_> {
    /// Kind, subkind (a candidate: its guess's name) and state of an actor.
    fn info(&self, a: ActorIdx) -> (&str, Option<&str>, Option<ActorIdx>) {
        let n = self.kb.actors.len();
        match a.checked_sub(n) {
            Some(c) => match self.cands.get(c) {
                Some(c) => (c.guess.kind().0, Some(guess_name(c.guess)), c.country),
                None => ("", None, None),
            },
            None => {
                let x = &self.kb.actors[a];
                (x.kind.as_str(), x.subkind.as_deref(), self.kb.country_of(a))
            }
        }
    }

    /// The organisation a person acts for at the document's date.
    fn affiliation(&self, a: ActorIdx) -> Option<ActorIdx> {
        let n = self.kb.actors.len();
        match a.checked_sub(n) {
            Some(c) => self.cands.get(c)?.affiliation.as_ref().map(|x| x.0),
            None => self.kb.affiliation_at(a, self.date),
        }
    }
}

/// The index of two ASCII letters, the first and last of a word, in
/// [`CorefLexicon::pairs`] (either case: the letters' low five bits).
fn pair(a: u8, z: u8) -> usize {
    usize::from(a & 31) << 5 | usize::from(z & 31)
}

fn guess_name(g: Guess) -> &'static str {
    match g {
        Guess::Person => "person",
        Guess::Group => "group",
        Guess::Organization => "organization",
        Guess::StateBody => "state_body",
        Guess::Collective => "collective",
    }
}

/// An actor mention the document has seen, for later pronouns and descriptions.
#[derive(Clone, Debug)]
struct Seen {
    sentence: usize,
    actor: ActorIdx,
    /// Named in the plural ("the Saudis", a collective).
    plural: bool,
    /// May be an argument of its own (not inside another name, not a place).
    arg: bool,
    /// The coordinated group of two or more actors ("Iran, Qatar and Turkey", the actors
    /// of one "they") it belongs to: a number unique within its sentence, 0 for none.
    chain: u32,
    /// Whether that group opens a clause (a subject).
    lead: bool,
}

/// The actors of the last few sentences of one document.
#[derive(Clone, Debug, Default)]
pub struct CorefMemory {
    seen: Vec<Seen>,
    /// Sentences with a capitalised word no mention covers (a person the knowledge base
    /// may lack).
    unnamed: Vec<usize>,
    /// The [`Words`] of each sentence read so far by [`CorefMemory::holds`] and
    /// [`CorefMemory::note_ahead`] ([`Words::UNKNOWN`]: not read).
    words: Vec<u8>,
}

impl CorefMemory {
    /// Records the mentions of sentence `si` (call once per sentence, in order, after
    /// [`CorefLexicon::resolve`]); forgets sentences no rule looks back to.
    pub fn note(&mut self, lex: &CorefLexicon, env: &Env, si: usize, text: &str, mentions: &[Mention]) {
        self.record(lex, env, si, text, mentions, Words::ALL);
    }

    /// [`CorefMemory::note`] for a document whose sentence `i` is `text_of(i)`: records
    /// only what the pronouns and descriptions of the sentences within reach after `si`
    /// may ask for (the same answers, at less cost).
    pub fn note_ahead<'t>(
        &mut self,
        lex: &CorefLexicon,
        env: &Env,
        si: usize,
        mentions: &[Mention],
        text_of: impl Fn(usize) -> Option<&'t str>,
    ) {
        let Some(text) = text_of(si) else { return };
        let mut need = 0;
        for back in 1..=lex.pronoun_window.max(lex.description_window) {
            let w = self.words(lex, si + back, &text_of);
            if back <= lex.pronoun_window {
                need |= w & (Words::PERSON | Words::THING | Words::GROUP);
            }
            if back <= lex.description_window {
                need |= w & Words::DESC;
            }
        }
        self.record(lex, env, si, text, mentions, need);
    }

    /// Whether sentence `i` (`text_of(i)`) holds a pronoun or description noun
    /// ([`CorefLexicon::may_hold`]).
    pub fn holds<'t>(&mut self, lex: &CorefLexicon, i: usize, text_of: impl Fn(usize) -> Option<&'t str>) -> bool {
        self.words(lex, i, &text_of) != 0
    }

    /// The [`Words`] of sentence `i`, read once.
    fn words<'t>(&mut self, lex: &CorefLexicon, i: usize, text_of: &impl Fn(usize) -> Option<&'t str>) -> u8 {
        if self.words.len() <= i {
            self.words.resize(i + 1, Words::UNKNOWN);
        }
        if self.words[i] == Words::UNKNOWN {
            self.words[i] = text_of(i).map_or(0, |t| lex.words(t));
        }
        self.words[i]
    }

    /// Records what later sentences holding the [`Words`] `need` may ask about sentence `si`.
    fn record(&mut self, lex: &CorefLexicon, env: &Env, si: usize, text: &str, mentions: &[Mention], need: u8) {
        let keep = lex.pronoun_window.max(lex.description_window);
        self.seen.retain(|s| s.sentence + keep >= si);
        self.unnamed.retain(|&s| s + keep >= si);
        if need & Words::PERSON != 0 && lex.unknown_name(env, text, mentions) {
            self.unnamed.push(si);
        }
        if need != 0 {
            let plural = need & (Words::THING | Words::GROUP) != 0;
            seen_of(&mut self.seen, lex, env, si, text, mentions, plural, need & Words::GROUP != 0);
        }
    }
}

/// Appends what sentence `si` (`text`, its mentions in text order) offers to later
/// pronouns: with `plural_too`, whether each actor is named in the plural; with `groups`,
/// the groups of actors named together.
#[allow(clippy::too_many_arguments)]
fn seen_of(
    out: &mut Vec<Seen>,
    lex: &CorefLexicon,
    env: &Env,
    si: usize,
    text: &str,
    mentions: &[Mention],
    plural_too: bool,
    groups: bool,
) {
    let base = out.len();
    for m in mentions {
        let plural = plural_too && plural(lex, env, text, m);
        let arg = !m.nested && !m.is_place;
        out.push(Seen { sentence: si, actor: m.actor, plural, arg, chain: 0, lead: false });
    }
    if groups && mentions.len() >= 2 {
        lex.mark_chains(text, mentions, &mut out[base..]);
    }
}

/// Indexes the nouns of entry `i` of a `[[what]]` list (`description` or `group`) in
/// `index`: an entry needs kinds, and a noun stands in one entry of `index` and none of
/// `taken`.
fn index_nouns(
    what: &str,
    i: usize,
    no_kinds: bool,
    words: Vec<String>,
    taken: &FxHashMap<String, usize>,
    index: &mut FxHashMap<String, usize>,
) -> Result<(), CorefError> {
    if no_kinds {
        return Err(CorefError::Parse(format!("{what} {} has no kinds", i + 1)));
    }
    for w in words {
        if taken.contains_key(&w) || index.insert(w.clone(), i).is_some() {
            return Err(CorefError::Parse(format!("{what} noun {w:?} listed twice")));
        }
    }
    Ok(())
}

/// How two mentions next to each other are joined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Link {
    No,
    /// A comma alone: a list only when an "and" closes it.
    Comma,
    And,
}

/// The head noun of one of `nouns` at or after token `i`, behind at most two words that are
/// demonyms or `modifiers`: (its token, its class). A noun followed by one of `stop` ("the
/// group of seven") heads no phrase.
fn head_noun(
    toks: &[Token],
    i: usize,
    mentions: &[Mention],
    nouns: &FxHashMap<String, usize>,
    modifiers: &FxHashSet<String>,
    stop: &[&str],
) -> Option<(usize, usize)> {
    for j in i..toks.len().min(i + 3) {
        let t = &toks[j];
        if t.kind != TokKind::Word {
            return None;
        }
        if let Some(&class) = nouns.get(t.lower.as_str()) {
            if toks.get(j + 1).is_some_and(|n| stop.contains(&n.lower.as_str())) {
                return None;
            }
            return Some((j, class));
        }
        let demonym = mentions.iter().any(|m| m.via == Via::Demonym && m.span.start == t.span.start);
        if !demonym && !modifiers.contains(t.lower.as_str()) {
            return None;
        }
    }
    None
}

/// Whether a mention names its actor in the plural: a plural demonym ("the Saudis") or a
/// collective.
fn plural(lex: &CorefLexicon, env: &Env, text: &str, m: &Mention) -> bool {
    if m.via == Via::Coref {
        let w = text[m.span.clone()].to_lowercase();
        return lex.subject.get(&w).or(lex.possessive.get(&w)) == Some(&Want::Plural);
    }
    let (_, sub, _) = env.info(m.actor);
    sub == Some("collective") || (m.via == Via::Demonym && text[m.span.clone()].ends_with('s'))
}

impl CorefLexicon {
    pub fn embedded() -> Result<CorefLexicon, CorefError> {
        Self::from_source(COREF)
    }

    pub fn from_source(text: &str) -> Result<CorefLexicon, CorefError> {
        let r: RawCoref = toml::from_str(text).map_err(|e| CorefError::Parse(e.to_string()))?;
        let low = |v: Vec<String>| v.into_iter().map(|w| w.to_lowercase()).collect::<Vec<_>>();
        let mut subject = FxHashMap::default();
        let mut possessive = FxHashMap::default();
        for (list, want) in
            [(r.pronouns.person, Want::Person), (r.pronouns.thing, Want::Thing), (r.pronouns.plural, Want::Plural)]
        {
            for w in low(list) {
                subject.insert(w, want);
            }
        }
        for (list, want) in [
            (r.pronouns.person_possessive, Want::Person),
            (r.pronouns.thing_possessive, Want::Thing),
            (r.pronouns.plural_possessive, Want::Plural),
        ] {
            for w in low(list) {
                possessive.insert(w, want);
            }
        }
        let mut nouns = FxHashMap::default();
        let mut descriptions = Vec::new();
        let empty = FxHashMap::default();
        for (i, d) in r.description.into_iter().enumerate() {
            index_nouns("description", i, d.kinds.is_empty(), low(d.nouns), &empty, &mut nouns)?;
            descriptions.push(Description {
                kinds: d.kinds,
                subkinds: d.subkinds,
                guesses: d.guesses,
                role: d.role,
                possessed_only: d.possessed_only,
            });
        }
        let mut group_nouns = FxHashMap::default();
        let mut group_kinds = Vec::new();
        for (i, g) in r.group.into_iter().enumerate() {
            index_nouns("group", i, g.kinds.is_empty(), low(g.nouns), &nouns, &mut group_nouns)?;
            group_kinds.push(g.kinds);
        }
        let numbers: FxHashMap<String, usize> =
            low(r.groups.numbers).into_iter().enumerate().map(|(i, w)| (w, i + 2)).collect();
        let set = |v: Vec<String>| low(v).into_iter().collect::<FxHashSet<String>>();
        let mut triggers: FxHashMap<Vec<u8>, u8> = FxHashMap::default();
        for (w, &want) in subject.iter().chain(&possessive) {
            *triggers.entry(w.as_bytes().to_vec()).or_insert(0) |= Words::of(want);
        }
        // subject "they" and a plural description ask for the groups of the sentences before
        for (w, _) in subject.iter().filter(|(_, &want)| want == Want::Plural) {
            *triggers.entry(w.as_bytes().to_vec()).or_insert(0) |= Words::GROUP;
        }
        for w in group_nouns.keys() {
            *triggers.entry(w.as_bytes().to_vec()).or_insert(0) |= Words::PLURAL_NOUN;
        }
        for w in numbers.keys().map(String::as_str).chain(["both"]) {
            *triggers.entry(w.as_bytes().to_vec()).or_insert(0) |= Words::COUNT;
        }
        for (w, &d) in &nouns {
            *triggers.entry(w.as_bytes().to_vec()).or_insert(0) |= Words::of(Want::Desc(d));
        }
        let mut pairs = Box::new([0u32; 1024]);
        for w in triggers.keys() {
            // only words of 2 to 16 ASCII letters can match (see `words`)
            if (2..=16).contains(&w.len()) && w.iter().all(|c| c.is_ascii_lowercase()) {
                pairs[pair(w[0], w[w.len() - 1])] |= 1 << w.len();
            }
        }
        let pronouns = crate::lexicon::WordFilter::new(subject.keys().chain(possessive.keys()).map(String::as_str));
        Ok(CorefLexicon {
            pronouns,
            subject,
            possessive,
            nouns,
            descriptions,
            modifiers: set(r.descriptions.modifiers),
            openers: set(r.clause.openers),
            expletive: set(r.clause.expletive),
            auxiliaries: set(r.clause.auxiliaries),
            fronting: set(r.clause.fronting),
            not_names: set(r.clause.not_names),
            subordinators: set(r.clause.subordinators),
            number_initials: numbers.keys().filter_map(|w| w.bytes().next()).fold(0, |m, c| m | 1 << (c & 31)),
            numbers,
            group_modifiers: set(r.groups.modifiers),
            group_nouns,
            group_kinds,
            pronoun_window: r.pronouns.window,
            description_window: r.descriptions.window,
            triggers,
            pairs,
        })
    }

    /// Whether the sentence holds a pronoun or description noun at all (a cheap test on
    /// the raw text, before tokenizing).
    pub fn may_hold(&self, text: &str) -> bool {
        self.words(text) != 0
    }

    /// The [`Words`] classes of the pronouns and description nouns of a sentence: 0 when
    /// [`CorefLexicon::may_hold`] is false, else every class a token of the sentence may
    /// ask for (a word of 2 to 16 ASCII letters; the stem of "...n't", which the tokenizer
    /// splits off; all classes with a Kelvin sign, which lowercases to "k").
    fn words(&self, text: &str) -> u8 {
        let b = text.as_bytes();
        let mut found = false;
        let mut out = 0;
        // the words are the runs of ASCII letters
        entente_core::ascii::letter_runs(b, |run| self.word(b, run.start, run.end, &mut found, &mut out));
        if !found {
            0
        } else if text.contains('\u{212a}') {
            Words::ALL
        } else {
            Words::classes(out)
        }
    }

    /// Adds the class of the word `b[s..e]` (and of "...n't", whose stem the tokenizer
    /// ends before the "n").
    #[inline(always)]
    fn word(&self, b: &[u8], s: usize, e: usize, found: &mut bool, out: &mut u8) {
        let n = e - s;
        if n <= 16 && self.pairs[pair(b[s], b[e - 1])] & (1 << n) != 0 {
            if let Some(c) = self.lookup(&b[s..e]) {
                *found = true;
                *out |= c;
            }
        }
        if b[e - 1] | 0x20 == b'n' && n > 2 && matches!(b.get(e), Some(b'\'' | 0xE2)) {
            *out |= self.trigger(&b[s..e - 1]).unwrap_or(0);
        }
    }

    /// The [`Words`] class of a word of ASCII letters, if it is a trigger.
    fn trigger(&self, w: &[u8]) -> Option<u8> {
        let n = w.len();
        if !(2..=16).contains(&n) || self.pairs[pair(w[0], w[n - 1])] & (1 << n) == 0 {
            return None;
        }
        self.lookup(w)
    }

    /// [`CorefLexicon::trigger`] without the prefilter (a word of 2 to 16 letters).
    #[cold]
    fn lookup(&self, w: &[u8]) -> Option<u8> {
        let mut buf = [0u8; 16];
        for (x, c) in buf.iter_mut().zip(w) {
            *x = c.to_ascii_lowercase();
        }
        self.triggers.get(&buf[..w.len()]).copied()
    }

    /// The mentions the sentence's pronouns and descriptions stand for (with [`Via::Coref`]),
    /// in text order. `mentions` are the sentence's own; `mem` holds the earlier sentences'.
    pub fn resolve(
        &self,
        env: &Env,
        si: usize,
        text: &str,
        toks: &[Token],
        mentions: &[Mention],
        mem: &CorefMemory,
    ) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let covered = |i: usize, out: &[Mention]| {
            let s = &toks[i].span;
            mentions.iter().chain(out).any(|m| m.span.start < s.end && m.span.end > s.start && m.via != Via::Demonym)
        };
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            if t.kind != TokKind::Word {
                i += 1;
                continue;
            }
            let w = t.lower.as_str();
            // only pronouns, possessives and "the" start anything here
            let pronoun = self.pronouns.may_be(w);
            let possessive = if pronoun { self.possessive.get(w).copied() } else { None };
            let subject = if pronoun && possessive.is_none() { self.subject.get(w).copied() } else { None };
            if (possessive.is_none() && subject.is_none() && !matches!(w, "the" | "both" | "all")) || covered(i, &out) {
                i += 1;
                continue;
            }
            // "his government", "his movement": the person's organisation
            if let Some(want) = possessive {
                if self.fronted(toks, i)
                    || self.cataphoric(toks, i, mentions)
                    || !toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Word)
                    || names_follow(env, toks, i, mentions)
                {
                    i += 1;
                    continue;
                }
                let Some(actor) = self.antecedent(env, si, text, mentions, &out, t.span.start, want, mem, None) else {
                    i += 1;
                    continue;
                };
                if want == Want::Person {
                    if let Some((end, d)) = self.description_at(toks, i + 1, mentions) {
                        let org = env.affiliation(actor).filter(|&o| self.fits(env, o, d, None));
                        if let Some(o) = org {
                            out.push(coref(env, t.span.start..toks[end].span.end, o));
                            i = end + 1;
                            continue;
                        }
                    }
                }
                out.push(coref(env, t.span.clone(), actor));
                i += 1;
                continue;
            }
            if let Some(want) = subject {
                if self.clause_start(toks, i)
                    && !(want == Want::Thing && self.expletive_it(toks, i))
                    && !self.cataphoric(toks, i, mentions)
                {
                    if want == Want::Plural && !in_quotation(text, t.span.start) {
                        // "they": a group named together, one mention per actor
                        let found = self.group_antecedent(env, si, text, mentions, &out, t.span.start, mem, |seen| {
                            self.plural_in(env, seen)
                        });
                        for a in found.unwrap_or_default() {
                            out.push(coref(env, t.span.clone(), a));
                        }
                    } else if let Some(a) =
                        self.antecedent(env, si, text, mentions, &out, t.span.start, want, mem, None)
                    {
                        out.push(coref(env, t.span.clone(), a));
                    }
                }
                i += 1;
                continue;
            }
            // "the two sides", "both countries": the actors of a group of that size
            if let Some((end, n, g)) = self.group_at(toks, i, mentions) {
                let start = t.span.start;
                let kinds = &self.group_kinds[g];
                let mut named = Vec::new();
                let found = self.group_antecedent(env, si, text, mentions, &out, start, mem, |seen| {
                    self.group_in(env, seen, n, kinds, &mut named)
                });
                for a in found.unwrap_or_default() {
                    out.push(coref(env, start..toks[end].span.end, a));
                }
                i = end + 1;
                continue;
            }
            if w == "the" {
                if let Some((end, d)) = self.description_at(toks, i + 1, mentions) {
                    if !self.descriptions[d].possessed_only && !self.apposition(toks, end, mentions) {
                        // a demonym modifier: the antecedent's state
                        let state = mentions
                            .iter()
                            .find(|m| {
                                m.via == Via::Demonym
                                    && m.span.start >= toks[i].span.end
                                    && m.span.end <= toks[end].span.start
                            })
                            .map(|m| m.actor);
                        let start = t.span.start;
                        if let Some(a) =
                            self.antecedent(env, si, text, mentions, &out, start, Want::Desc(d), mem, Some(state))
                        {
                            out.push(coref(env, start..toks[end].span.end, a));
                        }
                        i = end + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// "both sides", "the two countries", "all four nations" at token `i`: (the noun's
    /// token, the number of actors, the noun's class). Not "on both sides", "both sides of".
    fn group_at(&self, toks: &[Token], i: usize, mentions: &[Mention]) -> Option<(usize, usize, usize)> {
        let (n, j) = match toks[i].lower.as_str() {
            "both" => (2, i + 1),
            "the" | "all" => {
                let next = toks.get(i + 1)?.lower.as_str();
                if self.number_initials & 1 << (next.bytes().next()? & 31) == 0 {
                    return None;
                }
                (*self.numbers.get(next)?, i + 2)
            }
            _ => return None,
        };
        if i > 0 && toks[i - 1].lower == "on" {
            return None;
        }
        let (j, g) = head_noun(toks, j, mentions, &self.group_nouns, &self.group_modifiers, &["of"])?;
        Some((j, n, g))
    }

    /// Whether a pronoun at token `i` sits in a sentence-initial subordinate clause whose
    /// main clause opens with a name it may point forward to ("When it joined the talks,
    /// Qatar ...").
    fn cataphoric(&self, toks: &[Token], i: usize, mentions: &[Mention]) -> bool {
        let Some(f) = toks.iter().position(|t| t.kind == TokKind::Word) else { return false };
        if f >= i || !self.subordinators.contains(toks[f].lower.as_str()) {
            return false;
        }
        if toks[f..i].iter().any(|t| matches!(t.lower.as_str(), "," | ";" | ":")) {
            return false;
        }
        let Some(c) = toks[i..].iter().position(|t| t.lower == ",") else { return false };
        let mut k = i + c + 1;
        while toks.get(k).is_some_and(|t| t.lower == "the") {
            k += 1;
        }
        toks.get(k).is_some_and(|t| mentions.iter().any(|m| !m.nested && !m.is_place && m.span.start == t.span.start))
    }

    /// How mentions `a` and `b` (in this order) are joined: by a comma, by "and" (", and",
    /// "as well as"), or not at all. A place joins nothing; the actors of one pronoun are
    /// joined.
    fn link(text: &str, a: &Mention, b: &Mention) -> Link {
        if a.is_place || b.is_place {
            return Link::No;
        }
        if a.span == b.span {
            return if a.via == Via::Coref && b.via == Via::Coref { Link::And } else { Link::No };
        }
        if b.span.start < a.span.end {
            return Link::No;
        }
        let gap = &text[a.span.end..b.span.start];
        let mut and = false;
        for w in gap.split(|c: char| c.is_whitespace() || c == ',') {
            if w.eq_ignore_ascii_case("and") || w == "&" || w.eq_ignore_ascii_case("well") {
                and = true;
            } else if !(w.is_empty() || w.eq_ignore_ascii_case("the") || w.eq_ignore_ascii_case("as")) {
                return Link::No;
            }
        }
        if and {
            Link::And
        } else if gap.contains(',') {
            Link::Comma
        } else {
            Link::No
        }
    }

    /// Sets `chain` and `lead` of `seen` (one entry per mention of `ms`, a sentence's
    /// mentions in text order): runs of two or more actors joined by "and", or by commas
    /// in a list an "and" closes ("Saudi Arabia, the UAE, Bahrain and Egypt").
    fn mark_chains(&self, text: &str, ms: &[Mention], seen: &mut [Seen]) {
        // the link of each argument to the one before (0 none, 1 comma, 2 "and")
        let mut prev: Option<usize> = None;
        for (k, m) in ms.iter().enumerate() {
            if m.nested {
                continue;
            }
            let l = prev.map_or(Link::No, |p| Self::link(text, &ms[p], m));
            seen[k].chain = match l {
                Link::No => 0,
                Link::Comma => 1,
                Link::And => 2,
            };
            prev = Some(k);
        }
        // a comma joins only in a list that "and" closes: 1 when joined to the one before
        let mut closing = false;
        for (k, m) in ms.iter().enumerate().rev() {
            if m.nested {
                continue;
            }
            let l = seen[k].chain;
            closing = l == 2 || (l == 1 && closing);
            seen[k].chain = u32::from(closing);
        }
        // one number per run; a run of fewer than two actors is none
        let mut id = 0u32;
        let mut first = 0;
        for k in 0..=ms.len() {
            if k < ms.len() && ms[k].nested {
                continue;
            }
            if k < ms.len() && seen[k].chain == 1 && id > 0 {
                seen[k].chain = id;
                continue;
            }
            if id > 0 {
                let run = first..k;
                let a0 = seen[run.start].actor;
                let two = seen[run.clone()].iter().any(|s| s.chain == id && s.actor != a0);
                let lead = two && self.opens_clause(text, ms[run.start].span.start);
                for s in &mut seen[run] {
                    if s.chain == id {
                        if two {
                            s.lead = lead;
                        } else {
                            s.chain = 0;
                        }
                    }
                }
            }
            if k < ms.len() {
                id += 1;
                first = k;
                seen[k].chain = id;
            }
        }
    }

    /// Whether a name at byte `start` opens a clause (after "the", "both", "all"): at the
    /// sentence start, after a comma, semicolon, colon, bracket or quote, or after an opener.
    fn opens_clause(&self, text: &str, start: usize) -> bool {
        let mut head = text[..start].trim_end();
        loop {
            let cut =
                head.char_indices().rev().find(|&(_, c)| !c.is_alphanumeric()).map_or(0, |(p, c)| p + c.len_utf8());
            let w = &head[cut..];
            if w.is_empty() {
                return head
                    .chars()
                    .next_back()
                    .is_none_or(|c| matches!(c, ',' | ';' | ':' | '(' | '"' | '\u{201c}' | '\u{201d}' | '\u{2014}'));
            }
            if ["the", "both", "all"].iter().any(|d| w.eq_ignore_ascii_case(d)) {
                head = head[..cut].trim_end();
                continue;
            }
            return self.openers.contains(w.to_lowercase().as_str());
        }
    }

    /// What "they" stands for in one sentence (`seen`): its one group of actors named
    /// together at the start of a clause, or its one actor named in the plural; nothing
    /// when the sentence offers neither; no one when it offers two, a group in another
    /// place, or two singular actors besides a plural one.
    fn plural_in(&self, env: &Env, seen: &[Seen]) -> Found {
        // (group number, actor named in the plural)
        let mut option: Option<(u32, ActorIdx)> = None;
        for s in seen.iter().filter(|s| s.arg) {
            let key = match (s.chain, s.plural) {
                (0, false) => continue,
                (0, true) => (0, s.actor),
                (c, _) => (c, usize::MAX),
            };
            match option {
                None => option = Some(key),
                Some(o) if o == key => {}
                Some(_) => return Found::Stop,
            }
        }
        let singular = || {
            let mut first = None;
            seen.iter().filter(|s| self.compatible(env, s.actor, s.plural, Want::Thing, None)).any(|s| {
                let other = first.is_some_and(|f| f != s.actor);
                first = first.or(Some(s.actor));
                other
            })
        };
        match option {
            None if singular() => Found::Stop,
            None => Found::Nothing,
            Some((0, _)) if singular() => Found::Stop,
            Some((0, a)) => Found::Actors(vec![a]),
            // a group elsewhere than at a clause start (an object) may be what "they" means
            Some((c, _)) if !seen.iter().any(|s| s.chain == c && s.lead) => Found::Stop,
            Some((c, _)) => Found::Actors(distinct(seen.iter().filter(|s| s.chain == c).map(|s| s.actor))),
        }
    }

    /// What "the two sides" (`n` actors of `kinds`) stands for in one sentence (`seen`):
    /// its one group of exactly `n` such actors, else its `n` such actors when it names
    /// exactly `n`; no one when it names more or two such groups. Fewer are kept in
    /// `named`: the group found further back must hold them.
    fn group_in(&self, env: &Env, seen: &[Seen], n: usize, kinds: &[String], named: &mut Vec<ActorIdx>) -> Found {
        let fits = |a: ActorIdx| kinds.iter().any(|k| k == env.info(a).0);
        let holds_named = |v: Vec<ActorIdx>| {
            if named.iter().all(|a| v.contains(a)) {
                Found::Actors(v)
            } else {
                Found::Stop
            }
        };
        let mut pick: Option<Vec<ActorIdx>> = None;
        let mut k = 0;
        while k < seen.len() {
            let c = seen[k].chain;
            if c == 0 || !seen[k].arg {
                k += 1;
                continue;
            }
            let end = seen[k..].iter().position(|s| s.chain != c && s.arg).map_or(seen.len(), |p| k + p);
            let v = distinct(seen[k..end].iter().filter(|s| s.chain == c).map(|s| s.actor));
            if v.len() == n && v.iter().all(|&a| fits(a)) {
                if pick.is_some() {
                    return Found::Stop;
                }
                pick = Some(v);
            }
            k = end;
        }
        if let Some(v) = pick {
            return holds_named(v);
        }
        let v = distinct(seen.iter().filter(|s| s.arg && fits(s.actor)).map(|s| s.actor));
        match v.len().cmp(&n) {
            std::cmp::Ordering::Equal => holds_named(v),
            std::cmp::Ordering::Greater => Found::Stop,
            std::cmp::Ordering::Less => {
                for a in v {
                    if !named.contains(&a) {
                        named.push(a);
                    }
                }
                if named.len() > n {
                    Found::Stop
                } else {
                    Found::Nothing
                }
            }
        }
    }

    /// The actors a plural pronoun or description stands for: `look` asked of the part
    /// of the current sentence before byte `before`, then of each sentence before within
    /// the pronoun window, until one answers.
    #[allow(clippy::too_many_arguments)]
    fn group_antecedent(
        &self,
        env: &Env,
        si: usize,
        text: &str,
        mentions: &[Mention],
        found: &[Mention],
        before: usize,
        mem: &CorefMemory,
        mut look: impl FnMut(&[Seen]) -> Found,
    ) -> Option<Vec<ActorIdx>> {
        let mut here: Vec<Mention> = mentions.iter().chain(found).filter(|m| m.span.end <= before).cloned().collect();
        here.sort_by_key(|m| m.span.start);
        let mut seen = Vec::with_capacity(here.len());
        seen_of(&mut seen, self, env, si, text, &here, true, true);
        match look(&seen) {
            Found::Actors(v) => return Some(v),
            Found::Stop => return None,
            Found::Nothing => {}
        }
        for back in 1..=self.pronoun_window.min(si) {
            let s = si - back;
            let Some(a) = mem.seen.iter().position(|x| x.sentence == s) else { continue };
            let b = mem.seen[a..].iter().position(|x| x.sentence != s).map_or(mem.seen.len(), |p| a + p);
            match look(&mem.seen[a..b]) {
                Found::Actors(v) => return Some(v),
                Found::Stop => return None,
                Found::Nothing => {}
            }
        }
        None
    }

    /// A description noun at or after token `i`, behind at most two modifiers or demonyms:
    /// (the noun's token, its class).
    fn description_at(&self, toks: &[Token], i: usize, mentions: &[Mention]) -> Option<(usize, usize)> {
        // "the group of seven", "the group-stage": not a description
        head_noun(toks, i, mentions, &self.nouns, &self.modifiers, &["of", "-"])
    }

    /// "the group Hamas", "the movement, Hamas,": the name follows, no back reference.
    fn apposition(&self, toks: &[Token], end: usize, mentions: &[Mention]) -> bool {
        let name_at = |k: usize| {
            toks.get(k).is_some_and(|n| n.cap && mentions.iter().any(|m| !m.nested && m.span.start == n.span.start))
        };
        name_at(end + 1) || (toks.get(end + 1).is_some_and(|n| n.lower == ",") && name_at(end + 2))
    }

    /// Whether token `i` starts a clause.
    fn clause_start(&self, toks: &[Token], i: usize) -> bool {
        if !toks.get(i + 1).is_some_and(|n| n.kind == TokKind::Word || n.kind == TokKind::Possessive) {
            return false;
        }
        match i.checked_sub(1).map(|p| &toks[p]) {
            None => true,
            Some(p) if p.kind == TokKind::Punct => {
                matches!(p.lower.as_str(), "," | ";" | ":" | "(" | "\"" | "\u{201c}" | "\u{201d}" | "'" | "\u{2014}")
            }
            Some(p) => self.openers.contains(p.lower.as_str()),
        }
    }

    /// "it is unclear", "it was reported": an "it" that stands for nothing.
    fn expletive_it(&self, toks: &[Token], i: usize) -> bool {
        let mut j = i + 1;
        while j < toks.len() && self.auxiliaries.contains(toks[j].lower.as_str()) {
            j += 1;
        }
        toks.get(j).is_none_or(|t| self.expletive.contains(t.lower.as_str()))
    }

    /// Whether a possessive at token `i` sits in a sentence-initial phrase before the main
    /// clause ("In his meeting with X, Y said").
    fn fronted(&self, toks: &[Token], i: usize) -> bool {
        let first = toks.iter().position(|t| t.kind == TokKind::Word);
        match first {
            Some(f) if f < i && self.fronting.contains(toks[f].lower.as_str()) => {
                !toks[f..i].iter().any(|t| matches!(t.lower.as_str(), "," | ";" | ":"))
            }
            _ => false,
        }
    }

    /// Whether `text` (a sentence or its start) holds a capitalised word no mention covers
    /// that may name a person the knowledge base lacks ("Patel met US officials"): a
    /// pronoun for a person could be that one. The first word counts unless it is a
    /// function word, a listed common word or a word of the trigger lexicon's grammar.
    fn unknown_name(&self, env: &Env, text: &str, mentions: &[Mention]) -> bool {
        let b = text.as_bytes();
        let first = b.iter().position(|c| c.is_ascii_alphabetic()).unwrap_or(b.len());
        let mut buf = [0u8; 24];
        let mut i = first;
        while i < b.len() {
            // capitalised word starts only
            if !b[i].is_ascii_uppercase() || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] >= 128)) {
                i += 1;
                continue;
            }
            let s = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'-' || b[i] == b'\'' || b[i] >= 128) {
                i += 1;
            }
            if mentions.iter().any(|m| m.span.start <= s && s < m.span.end) {
                continue;
            }
            let word = &b[s..i];
            if word.len() > buf.len() {
                return true;
            }
            if word.len() > 1 && word.iter().all(|c| c.is_ascii_uppercase()) {
                continue;
            }
            for (x, c) in buf.iter_mut().zip(word) {
                *x = c.to_ascii_lowercase();
            }
            let Ok(low) = std::str::from_utf8(&buf[..word.len()]) else { return true };
            if self.not_names.contains(low)
                || (s == first
                    && env.grammar.classes.get(low).is_some_and(|&c| c & crate::lexicon::class::FUNCTION != 0))
            {
                continue;
            }
            return true;
        }
        false
    }

    /// Whether actor `a` fits description class `d` (and the demonym's state, if any).
    fn fits(&self, env: &Env, a: ActorIdx, d: usize, state: Option<Option<ActorIdx>>) -> bool {
        let desc = &self.descriptions[d];
        let (kind, sub, country) = env.info(a);
        if !desc.kinds.iter().any(|k| k == kind) {
            return false;
        }
        let candidate = a >= env.kb.actors.len();
        if candidate {
            if desc.role.is_some() || !desc.guesses.iter().any(|g| Some(g.as_str()) == sub) {
                return false;
            }
        } else if !desc.subkinds.is_empty() && !desc.subkinds.iter().any(|s| Some(s.as_str()) == sub) {
            return false;
        }
        if let Some(role) = &desc.role {
            let id = &env.kb.actors[a].id;
            if !env.kb.actors.iter().any(|p| p.roles.iter().any(|r| &r.title == role && &r.org == id)) {
                return false;
            }
        }
        match state {
            Some(Some(s)) => country == Some(s) || a == s,
            _ => true,
        }
    }

    fn compatible(&self, env: &Env, a: ActorIdx, plural: bool, want: Want, state: Option<Option<ActorIdx>>) -> bool {
        let (kind, _, _) = env.info(a);
        match want {
            Want::Person => kind == "person",
            Want::Thing => !plural && matches!(kind, "country" | "organization" | "bloc" | "place"),
            Want::Plural => plural,
            Want::Desc(d) => self.fits(env, a, d, state),
        }
    }

    /// The one actor of the most recent sentence holding a compatible one; `None` when
    /// there are two there, or none within the window.
    #[allow(clippy::too_many_arguments)]
    fn antecedent(
        &self,
        env: &Env,
        si: usize,
        text: &str,
        mentions: &[Mention],
        found: &[Mention],
        before: usize,
        want: Want,
        mem: &CorefMemory,
        state: Option<Option<ActorIdx>>,
    ) -> Option<ActorIdx> {
        fn one(mut it: impl Iterator<Item = ActorIdx>) -> Option<Option<ActorIdx>> {
            let first = it.next()?;
            Some(it.all(|a| a == first).then_some(first))
        }
        // "they" may also stand for two singular actors named together ("Qatar and Turkey
        // ... their support"): a sentence with two of them is ambiguous for it
        let coordination = |it: &mut dyn Iterator<Item = (ActorIdx, bool)>| {
            let mut first = None;
            it.filter(|&(a, pl)| self.compatible(env, a, pl, Want::Thing, None)).any(|(a, _)| {
                let other = first.is_some_and(|f| f != a);
                first = first.or(Some(a));
                other
            })
        };
        // the current sentence, before the word
        let here = mentions
            .iter()
            .chain(found)
            .filter(|m| m.span.end <= before)
            .filter(|m| self.compatible(env, m.actor, plural(self, env, text, m), want, state))
            .map(|m| m.actor);
        let mut all = mentions
            .iter()
            .chain(found)
            .filter(|m| m.span.end <= before)
            .map(|m| (m.actor, plural(self, env, text, m)));
        if (want == Want::Plural && coordination(&mut all))
            || (want == Want::Person && self.unknown_name(env, &text[..before], mentions))
        {
            return None;
        }
        if let Some(r) = one(here) {
            return r;
        }
        let window = if matches!(want, Want::Desc(_)) { self.description_window } else { self.pronoun_window };
        for back in 1..=window.min(si) {
            let s = si - back;
            let mut all = mem.seen.iter().filter(|x| x.sentence == s).map(|x| (x.actor, x.plural));
            if (want == Want::Plural && coordination(&mut all)) || (want == Want::Person && mem.unnamed.contains(&s)) {
                return None;
            }
            let there = mem
                .seen
                .iter()
                .filter(|x| x.sentence == s && self.compatible(env, x.actor, x.plural, want, state))
                .map(|x| x.actor);
            if let Some(r) = one(there) {
                return r;
            }
        }
        None
    }
}

/// What one sentence answers to a plural pronoun or description.
enum Found {
    Actors(Vec<ActorIdx>),
    /// An answer that is no one: look no further back.
    Stop,
    /// Nothing here: look further back.
    Nothing,
}

/// The actors in order of first appearance.
fn distinct(it: impl Iterator<Item = ActorIdx>) -> Vec<ActorIdx> {
    let mut v = Vec::new();
    for a in it {
        if !v.contains(&a) {
            v.push(a);
        }
    }
    v
}

/// Whether byte `at` of a sentence lies inside a quotation: one opened before it and not
/// closed, or one that closes after it without opening (begun in an earlier sentence).
fn in_quotation(text: &str, at: usize) -> bool {
    let (before, after) = text.split_at(at);
    let count = |s: &str, c: char| s.matches(c).count();
    if count(before, '\u{201c}') > count(before, '\u{201d}') || count(before, '"') % 2 == 1 {
        return true;
    }
    let closes_first = match (after.find('\u{201c}'), after.find('\u{201d}')) {
        (o, Some(c)) => o.is_none_or(|o| c < o),
        _ => false,
    };
    closes_first || (count(before, '"') == 0 && count(after, '"') % 2 == 1)
}

/// "his ally Khaled Meshaal", "his Iranian allies": a name inside the possessive's own noun
/// phrase is the argument; the pronoun only qualifies it.
fn names_follow(env: &Env, toks: &[Token], i: usize, mentions: &[Mention]) -> bool {
    use crate::lexicon::class;
    for t in toks.iter().skip(i + 1).take(4) {
        if mentions.iter().any(|m| !m.nested && m.span.start == t.span.start) {
            return true;
        }
        let c = env.grammar.classes.get(t.lower.as_str()).copied().unwrap_or(0);
        if t.kind != TokKind::Word || c & (class::PREP | class::DET | class::CLAUSE_PUNCT | class::RELATIVE) != 0 {
            return false;
        }
    }
    false
}

/// "it's now on good terms": after a subject pronoun `'s` is "is" (or "has"), never a
/// possessive; the token is rewritten so that the pronoun stays a subject.
pub fn contractions(toks: &mut [Token], extra: &[Mention]) {
    for m in extra.iter().filter(|m| m.via == Via::Coref) {
        if let Some(k) = toks.iter().position(|t| t.span.start == m.span.start) {
            if toks[k].kind == TokKind::Word && matches!(toks[k].lower.as_str(), "it" | "he" | "she") {
                if let Some(t) = toks.get_mut(k + 1).filter(|t| t.kind == TokKind::Possessive) {
                    t.kind = TokKind::Word;
                    t.lower = "is".into();
                }
            }
        }
    }
}

fn coref(env: &Env, span: std::ops::Range<usize>, actor: ActorIdx) -> Mention {
    let is_place = env.kb.actors.get(actor).is_some_and(|a| a.kind == "place");
    Mention { span, actor, via: Via::Coref, nested: false, is_place }
}

/// Adds the coreference mentions to a sentence's own, in text order; a demonym inside a
/// description ("the Lebanese party") becomes nested in it.
pub fn merge(mentions: &mut Vec<Mention>, extra: Vec<Mention>) {
    for e in extra {
        for m in mentions.iter_mut() {
            // (the other actors of one "they" or "both sides" are no part of it)
            let same = m.via == Via::Coref && m.span == e.span;
            if !same && m.span.start >= e.span.start && m.span.end <= e.span.end {
                m.nested = true;
            }
        }
        let pos = mentions.iter().position(|m| m.span.start > e.span.start).unwrap_or(mentions.len());
        mentions.insert(pos, e);
    }
}

/// Appends `coref_source` / `coref_target` to the rule of an event whose argument is a
/// pronoun or description, so the output says how the actor was found.
pub fn mark_rules(events: &mut [crate::events::CodedEvent], mentions: &[Mention]) {
    let by_coref = |span: &std::ops::Range<usize>| mentions.iter().any(|m| m.via == Via::Coref && &m.span == span);
    for ev in events {
        if by_coref(&ev.source_span) {
            ev.rule.push_str(",coref_source");
        }
        if by_coref(&ev.target_span) {
            ev.rule.push_str(",coref_target");
        }
    }
}

#[cfg(test)]
mod tests;
