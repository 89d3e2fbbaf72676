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
//!   for, when it fits the noun's class.
//!
//! Never a guess: the antecedent is looked for in the most recent sentence (or the part of
//! the current sentence before the word) holding any compatible actor, and two different
//! compatible actors there resolve to nobody. "it" before "is unclear" and the like is no
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
    pronoun_window: usize,
    description_window: usize,
    /// Every pronoun and description noun, lower case, with its [`Words`] class: the
    /// cheap test of [`CorefLexicon::may_hold`].
    triggers: FxHashMap<Vec<u8>, u8>,
    /// Prefilter before that lookup: bit `n` of `pairs[pair(a, z)]` is set when some
    /// trigger of `n` letters starts with letter `a` and ends with letter `z`.
    pairs: Box<[u32; 1024]>,
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
    const ALL: u8 = Words::PERSON | Words::THING | Words::DESC;
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
                (x.kind.as_str(), x.subkind.as_deref(), x.country.as_deref().and_then(|c| self.kb.id(c)))
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

/// Bit `k` set when `b[k]` is an ASCII letter (`b`: at most 64 bytes). Eight bytes at a
/// time: a byte is a letter when, with bit 5 set (lower case), it lies in `a..=z`.
fn letters64(b: &[u8]) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut m = 0;
    for (j, chunk) in b.chunks(8).enumerate() {
        let x = <[u8; 8]>::try_from(chunk).unwrap_or_else(|_| {
            let mut x = [0u8; 8];
            x[..chunk.len()].copy_from_slice(chunk);
            x
        });
        let y = u64::from_le_bytes(x) | 0x2020_2020_2020_2020;
        let z = y & !HIGH;
        // high bit of each byte: at least 'a', past 'z', ASCII
        let letter = (z + 0x1f1f_1f1f_1f1f_1f1f) & !(z + 0x0505_0505_0505_0505) & !y & HIGH;
        // gather the eight high bits, byte `k` to bit `k`
        m |= ((letter >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * j);
    }
    m
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
                need |= w & (Words::PERSON | Words::THING);
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
            for m in mentions {
                let plural = need & Words::THING != 0 && plural(lex, env, text, m);
                self.seen.push(Seen { sentence: si, actor: m.actor, plural });
            }
        }
    }
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
        for (i, d) in r.description.into_iter().enumerate() {
            if d.kinds.is_empty() {
                return Err(CorefError::Parse(format!("description {} has no kinds", i + 1)));
            }
            for w in low(d.nouns) {
                if nouns.insert(w.clone(), i).is_some() {
                    return Err(CorefError::Parse(format!("description noun {w:?} listed twice")));
                }
            }
            descriptions.push(Description {
                kinds: d.kinds,
                subkinds: d.subkinds,
                guesses: d.guesses,
                role: d.role,
                possessed_only: d.possessed_only,
            });
        }
        let set = |v: Vec<String>| low(v).into_iter().collect::<FxHashSet<String>>();
        let mut triggers: FxHashMap<Vec<u8>, u8> = FxHashMap::default();
        for (w, &want) in subject.iter().chain(&possessive) {
            *triggers.entry(w.as_bytes().to_vec()).or_insert(0) |= Words::of(want);
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
        Ok(CorefLexicon {
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
        let len = b.len();
        let mut found = false;
        let mut out = 0;
        // the words are the runs of ASCII letters, found 64 bytes at a time: bit `k` of
        // `m` is set when byte `base + k` is a letter, of `edges` when a run starts or
        // ends (the byte after it) there
        let mut start = 0;
        let mut before = 0u64;
        let mut base = 0;
        while base < len {
            let m = letters64(&b[base..len.min(base + 64)]);
            let mut edges = m ^ ((m << 1) | before);
            before = m >> 63;
            while edges != 0 {
                let k = edges.trailing_zeros() as usize;
                edges &= edges - 1;
                if m >> k & 1 == 1 {
                    start = base + k;
                } else {
                    self.word(b, start, base + k, &mut found, &mut out);
                }
            }
            base += 64;
        }
        if before == 1 {
            self.word(b, start, len, &mut found, &mut out);
        }
        if !found {
            0
        } else if text.contains('\u{212a}') {
            Words::ALL
        } else {
            out
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
            let possessive = self.possessive.get(w).copied();
            let subject = if possessive.is_none() { self.subject.get(w).copied() } else { None };
            if (possessive.is_none() && subject.is_none() && w != "the") || covered(i, &out) {
                i += 1;
                continue;
            }
            // "his government", "his movement": the person's organisation
            if let Some(want) = possessive {
                if self.fronted(toks, i)
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
                if self.clause_start(toks, i) && !(want == Want::Thing && self.expletive_it(toks, i)) {
                    if let Some(a) = self.antecedent(env, si, text, mentions, &out, t.span.start, want, mem, None) {
                        out.push(coref(env, t.span.clone(), a));
                    }
                }
                i += 1;
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

    /// A description noun at or after token `i`, behind at most two modifiers or demonyms:
    /// (the noun's token, its class).
    fn description_at(&self, toks: &[Token], i: usize, mentions: &[Mention]) -> Option<(usize, usize)> {
        let mut j = i;
        while j < toks.len() && j < i + 3 {
            let t = &toks[j];
            if t.kind != TokKind::Word {
                return None;
            }
            if let Some(&d) = self.nouns.get(t.lower.as_str()) {
                // "the group of seven", "the group-stage": not a description
                let next = toks.get(j + 1).map(|n| n.lower.as_str());
                if matches!(next, Some("of" | "-")) {
                    return None;
                }
                return Some((j, d));
            }
            let demonym = mentions.iter().any(|m| m.via == Via::Demonym && m.span.start == t.span.start);
            if !demonym && !self.modifiers.contains(t.lower.as_str()) {
                return None;
            }
            j += 1;
        }
        None
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
            if self.not_names.contains(low) || (s == first && env.grammar.classes.contains_key(low)) {
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
            if m.span.start >= e.span.start && m.span.end <= e.span.end {
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
