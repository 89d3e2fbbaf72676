//! Candidate actors: the capitalised names (and demonym collectives) the knowledge base
//! lacks, kept instead of dropped.
//!
//! A name becomes a candidate only with a cue from `data/candidates.toml` that also guesses
//! its kind:
//! - a title or role noun before it ("President X", "Sheikh X", "Hamas official X"): a
//!   person, affiliated with the known organisation or state before the title;
//! - a given name first, two to four words ("Osama Hamdan"): a person;
//! - an organisation's last word ("X Brigades", "X Front", "X Party": a group; "X Council":
//!   an organisation; "X Ministry": a state body);
//! - a group noun after it ("the X movement"): a group; a possessive with a member noun
//!   ("X's leader", "X's fighters"): an organisation;
//! - a later single word that is the last word of a candidate person named in full earlier
//!   in the document.
//!
//! Collectives: a known demonym or a sectarian label, optional qualifiers and a group noun
//! ("Iranian women", "Iraqi Shiite militias", "jihadist and Salafist groups"), unless the
//! noun right after a demonym makes it the state ("Iranian officials"). A collective without
//! a demonym names no party precisely enough for an event: it is listed, never coded.
//!
//! Never candidates: sentence-initial words without a strong cue, words of `not_names`
//! (months, weekdays, pronouns, platforms), titles alone, news outlets, names made only of
//! generic words ("Security Forces"), and anything in a sentence set in headline case.
//!
//! Candidates get actor indices after the knowledge base's: `kb.actors.len() + i` for the
//! document's `i`-th candidate, so mentions and events carry them like known actors; the
//! knowledge base stays as it is. [`crate::Pipeline::merge`] unites candidates across
//! documents by normal form ([`entente_kb::norm::key`]).

use entente_kb::{ActorIdx, Kb, Mention, Via};
use entente_text::token::{TokKind, Token};
use rustc_hash::FxHashMap;
use serde::Deserialize;

use crate::lexicon::Lexicon;
use crate::output::{ActorOut, Extraction};

pub const CANDIDATES: &str = include_str!("../data/candidates.toml");

#[derive(Debug, thiserror::Error)]
pub enum CandidateError {
    #[error("candidates.toml: {0}")]
    Parse(String),
}

/// The kind guessed for a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Guess {
    Person,
    Group,
    Organization,
    StateBody,
    Collective,
}

impl Guess {
    /// The output `kind` and `subkind`.
    pub fn kind(self) -> (&'static str, Option<&'static str>) {
        match self {
            Guess::Person => ("person", None),
            Guess::Group => ("organization", Some("group")),
            Guess::Organization => ("organization", None),
            Guess::StateBody => ("organization", Some("state_body")),
            Guess::Collective => ("organization", Some("collective")),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuffixes {
    group: Vec<String>,
    organization: Vec<String>,
    state_body: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCandidates {
    person_titles: Vec<String>,
    given_names: Vec<String>,
    name_particles: Vec<String>,
    suffixes: RawSuffixes,
    heads_after: Vec<String>,
    possessed_nouns: Vec<String>,
    generic_words: Vec<String>,
    not_names: Vec<String>,
    collective_nouns: Vec<String>,
    collective_labels: Vec<String>,
    collective_qualifiers: Vec<String>,
}

/// Bits of a word's cue classes, one lookup per token.
mod bit {
    pub const TITLE: u16 = 1;
    pub const GIVEN: u16 = 2;
    pub const PARTICLE: u16 = 4;
    pub const SUF_GROUP: u16 = 8;
    pub const SUF_ORG: u16 = 16;
    pub const SUF_BODY: u16 = 32;
    pub const SUFFIX: u16 = SUF_GROUP | SUF_ORG | SUF_BODY;
    pub const HEAD: u16 = 64;
    pub const POSSESSED: u16 = 128;
    pub const GENERIC: u16 = 256;
    pub const NOT_NAME: u16 = 512;
    pub const COLL_NOUN: u16 = 1024;
    pub const LABEL: u16 = 2048;
    pub const QUALIFIER: u16 = 4096;
}

/// The cue lists of `data/candidates.toml`.
#[derive(Debug)]
pub struct CandidateLexicon {
    /// word -> its [`bit`] classes
    words: FxHashMap<String, u16>,
}

fn suffix_guess(c: u16) -> Option<Guess> {
    if c & bit::SUF_GROUP != 0 {
        Some(Guess::Group)
    } else if c & bit::SUF_ORG != 0 {
        Some(Guess::Organization)
    } else if c & bit::SUF_BODY != 0 {
        Some(Guess::StateBody)
    } else {
        None
    }
}

/// A candidate actor of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// The name as first written (without a leading article or title).
    pub name: String,
    /// Normal form, the key candidates merge by.
    pub key: String,
    pub guess: Guess,
    /// The cue the kind was guessed from (`title:president`, `suffix:brigades`, ...).
    pub cue: String,
    /// The known organisation or state a person was named with, and the title.
    pub affiliation: Option<(ActorIdx, String)>,
    /// The state a collective's demonym names.
    pub country: Option<ActorIdx>,
}

/// The candidates of one document; the `i`-th has actor index `base + i`.
#[derive(Clone, Debug, Default)]
pub struct DocCandidates {
    pub list: Vec<Candidate>,
    by_key: FxHashMap<String, usize>,
    /// Last word of a person candidate named in full -> the candidate.
    by_last: FxHashMap<String, usize>,
}

impl DocCandidates {
    fn add(&mut self, c: Candidate) -> usize {
        if let Some(&i) = self.by_key.get(&c.key) {
            return i;
        }
        let i = self.list.len();
        if c.guess == Guess::Person {
            if let Some(last) = c.key.rsplit(' ').next().filter(|_| c.key.contains(' ')) {
                // a surname two persons share names neither
                match self.by_last.get(last) {
                    Some(&j) if j != i => {
                        self.by_last.insert(last.to_string(), usize::MAX);
                    }
                    _ => {
                        self.by_last.insert(last.to_string(), i);
                    }
                }
            }
        }
        self.by_key.insert(c.key.clone(), i);
        self.list.push(c);
        i
    }
}

fn word_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl CandidateLexicon {
    pub fn embedded() -> Result<CandidateLexicon, CandidateError> {
        Self::from_source(CANDIDATES)
    }

    pub fn from_source(text: &str) -> Result<CandidateLexicon, CandidateError> {
        let r: RawCandidates = toml::from_str(text).map_err(|e| CandidateError::Parse(e.to_string()))?;
        let mut words: FxHashMap<String, u16> = FxHashMap::default();
        for (list, b) in [
            (r.person_titles, bit::TITLE),
            (r.given_names, bit::GIVEN),
            (r.name_particles, bit::PARTICLE),
            (r.suffixes.group, bit::SUF_GROUP),
            (r.suffixes.organization, bit::SUF_ORG),
            (r.suffixes.state_body, bit::SUF_BODY),
            (r.heads_after, bit::HEAD),
            (r.possessed_nouns, bit::POSSESSED),
            (r.generic_words, bit::GENERIC),
            (r.not_names, bit::NOT_NAME),
            (r.collective_nouns, bit::COLL_NOUN),
            (r.collective_labels, bit::LABEL),
            (r.collective_qualifiers, bit::QUALIFIER),
        ] {
            for w in list {
                let w = w.to_lowercase();
                *words.entry(w).or_default() |= b;
            }
        }
        Ok(CandidateLexicon { words })
    }

    fn class(&self, w: &str) -> u16 {
        self.words.get(w).copied().unwrap_or(0)
    }

    /// The classes of a word in any case.
    fn class_ci(&self, w: &str) -> u16 {
        let mut buf = [0u8; 32];
        if w.len() <= buf.len() && w.is_ascii() {
            buf[..w.len()].copy_from_slice(w.as_bytes());
            buf[..w.len()].make_ascii_lowercase();
            // ASCII stays valid UTF-8 after lower-casing
            std::str::from_utf8(&buf[..w.len()]).map_or(0, |x| self.class(x))
        } else {
            self.class(&w.to_lowercase())
        }
    }

    /// Whether `text` may hold a candidate: a capitalised word outside the known
    /// `mentions` next to a cue word, or a demonym before a group word. A fast test on the
    /// raw text, so that most sentences are never tokenized for candidates.
    pub fn may_hold(&self, text: &str, mentions: &[Mention]) -> bool {
        let b = text.as_bytes();
        let inner = |i: usize| {
            i < b.len() && (word_char(b[i]) || (matches!(b[i], b'-' | b'\'') && i + 1 < b.len() && word_char(b[i + 1])))
        };
        // the word from byte s on, without a possessive
        let word_from = |s: usize| {
            let mut e = s;
            while inner(e) {
                e += 1;
            }
            let w = &b[s..e];
            let stem = if w.len() > 2 && w.ends_with(b"'s") {
                e - 2
            } else if w.len() > 4 && w.ends_with("\u{2019}s".as_bytes()) {
                e - 4
            } else {
                e
            };
            (s, stem, e)
        };
        // the next word after byte i
        let next_word = |mut i: usize| {
            while i < b.len() && !word_char(b[i]) {
                i += 1;
            }
            (i < b.len()).then(|| word_from(i))
        };
        let class = |w: Option<(usize, usize, usize)>| w.map_or(0, |(s, e, _)| self.class_ci(&text[s..e]));
        // a demonym before a group word: a collective
        for m in mentions.iter().filter(|m| m.via == Via::Demonym && !m.nested) {
            if class(next_word(m.span.end)) & (bit::COLL_NOUN | bit::LABEL | bit::QUALIFIER) != 0 {
                return true;
            }
        }
        // a capitalised word outside the mentions, after the first word
        let mut mi = 0;
        // (upper-case letters before `i` are inside a word read already)
        let mut i = 0;
        for s in entente_core::ascii::upper_positions(b) {
            if s < i {
                continue;
            }
            i = s + 1;
            if s == 0 || word_char(b[s - 1]) || b[s - 1] == b'-' {
                continue;
            }
            while mi < mentions.len() && mentions[mi].span.end <= s {
                mi += 1;
            }
            if mentions.get(mi).is_some_and(|m| m.span.start <= s) {
                continue;
            }
            let w = word_from(s);
            i = w.2.max(i);
            // the word before
            let mut p = s;
            while p > 0 && !word_char(b[p - 1]) {
                p -= 1;
            }
            if p == 0 {
                continue;
            }
            let pe = p;
            while p > 0 && (word_char(b[p - 1]) || (matches!(b[p - 1], b'-' | b'\'') && p >= 2 && word_char(b[p - 2])))
            {
                p -= 1;
            }
            let own = class(Some(w));
            if own & (bit::GIVEN | bit::SUFFIX | bit::LABEL) != 0
                || class(Some((p, pe, pe))) & (bit::TITLE | bit::GIVEN) != 0
                || (own & bit::NOT_NAME == 0 && class(next_word(w.2)) & (bit::SUFFIX | bit::HEAD | bit::POSSESSED) != 0)
            {
                return true;
            }
        }
        false
    }

    /// Finds the candidates of one sentence, adds them to `doc` and their mentions to
    /// `mentions` (kept in text order). Demonyms inside a collective become nested.
    #[allow(clippy::too_many_arguments)]
    pub fn detect(
        &self,
        lex: &Lexicon,
        kb: &Kb,
        text: &str,
        toks: &[Token],
        mentions: &mut Vec<Mention>,
        base: ActorIdx,
        doc: &mut DocCandidates,
    ) {
        let n = toks.len();
        let c: Vec<u16> = toks.iter().map(|t| if t.kind == TokKind::Word { self.class(&t.lower) } else { 0 }).collect();
        // token -> the mention covering it
        let mut cov: Vec<Option<usize>> = vec![None; n];
        for (mi, m) in mentions.iter().enumerate() {
            for (t, c) in toks.iter().zip(cov.iter_mut()) {
                if t.span.start < m.span.end && t.span.end > m.span.start {
                    *c = Some(mi);
                }
            }
        }
        let words = toks.iter().filter(|t| t.kind == TokKind::Word).count();
        let caps = toks.iter().filter(|t| t.kind == TokKind::Word && t.cap).count();
        // headline case ("Iran Hails New Era"): no capital tells a name
        if words >= 3 && caps * 10 >= words * 7 {
            return;
        }
        let demonym_at = |i: usize| {
            cov[i].is_some_and(|mi| {
                let m = &mentions[mi];
                m.via == Via::Demonym && !m.nested && m.span.start == toks[i].span.start
            })
        };
        // a token after which a capital says nothing: sentence start, quote, colon
        let initial = |i: usize| {
            let mut k = i;
            while k > 0 {
                let t = &toks[k - 1];
                if t.kind == TokKind::Word || t.kind == TokKind::Number || t.kind == TokKind::Possessive {
                    return false;
                }
                if matches!(t.lower.as_str(), "\"" | "\u{201c}" | ":" | "(" | "[" | "-" | "\u{2014}" | "\u{2018}" | "'")
                {
                    return true;
                }
                k -= 1;
            }
            true
        };
        let name_tok = |i: usize| {
            let t = &toks[i];
            t.kind == TokKind::Word && t.cap && (cov[i].is_none() || demonym_at(i))
        };
        let mut found: Vec<(std::ops::Range<usize>, Candidate)> = Vec::new();
        // collectives
        let mut i = 0;
        while i < n {
            let start_dem = demonym_at(i);
            if !(start_dem || (cov[i].is_none() && c[i] & bit::LABEL != 0)) {
                i += 1;
                continue;
            }
            let mut country = start_dem.then(|| mentions[cov[i].unwrap()].actor);
            let mut labels = usize::from(!start_dem);
            let mut mods = 0;
            let mut j = i + 1;
            while j < n {
                let w = toks[j].lower.as_str();
                if demonym_at(j) {
                    country = country.or(Some(mentions[cov[j].unwrap()].actor));
                } else if cov[j].is_some() {
                    break;
                } else if c[j] & bit::LABEL != 0 {
                    labels += 1;
                } else if c[j] & bit::QUALIFIER != 0 {
                    mods += 1;
                } else if (w == "and" || w == "or" || w == ",")
                    && j + 1 < n
                    && (c[j + 1] & bit::LABEL != 0 || demonym_at(j + 1))
                {
                } else {
                    break;
                }
                j += 1;
            }
            let noun = toks.get(j).filter(|t| t.kind == TokKind::Word && cov[j].is_none());
            let ok = noun.is_some_and(|t| {
                c[j] & bit::COLL_NOUN != 0
                    // "Iranian officials", "Iranian militias": the state
                    && !(j == i + 1 && lex.grammar.demonym_heads.contains(t.lower.as_str()))
            }) && (labels > 0 || country.is_some())
                && (labels + mods > 0 || j == i + 1);
            if ok {
                let span = toks[i].span.start..toks[j].span.end;
                let name = text[span.clone()].to_string();
                let cue = format!("collective:{}", toks[j].lower);
                let key = entente_kb::norm::key(&name);
                found.push((
                    i..j + 1,
                    Candidate { name, key, guess: Guess::Collective, cue, affiliation: None, country },
                ));
                i = j + 1;
            } else {
                i += 1;
            }
        }
        // capitalised names
        let mut i = 0;
        while i < n {
            if !name_tok(i) || found.iter().any(|(r, _)| r.contains(&i)) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            while b < n {
                if name_tok(b) {
                    b += 1;
                } else if c[b] & bit::PARTICLE != 0 && b + 1 < n && name_tok(b + 1) {
                    b += 2;
                } else if toks[b].kind == TokKind::Word && {
                    // one token "al-Qaradawi": a particle, a hyphen and a capitalised name
                    let t = &text[toks[b].span.clone()];
                    t.split_once('-').is_some_and(|(p, rest)| {
                        self.class(&p.to_ascii_lowercase()) & bit::PARTICLE != 0
                            && rest.starts_with(|ch: char| ch.is_uppercase())
                    })
                } {
                    b += 1;
                } else if b + 2 < n
                    && c[b] & bit::PARTICLE != 0
                    && toks[b + 1].lower == "-"
                    && toks[b + 1].span.start == toks[b].span.end
                    && toks[b + 2].span.start == toks[b + 1].span.end
                    && name_tok(b + 2)
                {
                    // "Yusuf al-Qaradawi", "Abd al-Malik"
                    b += 3;
                } else if b + 1 < n
                    && toks[b].lower == "-"
                    && toks[b].span.start == toks[b - 1].span.end
                    && toks[b + 1].span.start == toks[b].span.end
                    && name_tok(b + 1)
                {
                    // "Abdel-Fattah"
                    b += 2;
                } else {
                    break;
                }
            }
            // "Ministry of X", "Justice and Development Party": connectors inside an
            // organisation's name
            let mut e = b;
            // a complete organisation name ends here ("the Security Forces and ...")
            // nor after a lone sentence-initial word ("Fighters of the X Brigades")
            let complete = c[b - 1] & bit::SUFFIX != 0
                || (b - a == 1 && initial(a) && suffix_guess(c[a]) != Some(Guess::StateBody));
            while !complete && e + 1 < n && matches!(toks[e].lower.as_str(), "of" | "for" | "and" | "the" | "&") && {
                let mut k = e + 1;
                while k < n && toks[k].lower == "the" {
                    k += 1;
                }
                k < n && name_tok(k)
            } {
                let mut k = e + 1;
                while k < n && toks[k].lower == "the" {
                    k += 1;
                }
                while k < n && name_tok(k) {
                    k += 1;
                }
                e = k;
            }
            let ext_org = e > b && (c[e - 1] & bit::SUFFIX != 0 || suffix_guess(c[a]) == Some(Guess::StateBody));
            let end = if ext_org { e } else { b };
            if let Some((r, c)) = self.name(kb, text, toks, &c, mentions, &cov, a..end, &initial, doc) {
                found.push((r, c));
            }
            i = end;
        }
        if found.is_empty() {
            return;
        }
        for (r, c) in found {
            let span = toks[r.start].span.start..toks[r.end - 1].span.end;
            if mentions
                .iter()
                .any(|m| !m.nested && m.via != Via::Demonym && m.span.start < span.end && m.span.end > span.start)
            {
                continue;
            }
            for m in mentions.iter_mut() {
                if m.span.start >= span.start && m.span.end <= span.end {
                    m.nested = true;
                }
            }
            // a collective no state anchors ("Salafist groups") is too vague to be a party
            // to an event: it is recorded, not coded
            let vague = c.guess == Guess::Collective && c.country.is_none();
            let idx = doc.add(c);
            let pos = mentions.partition_point(|m| m.span.start < span.start);
            mentions.insert(pos, Mention { span, actor: base + idx, via: Via::Name, nested: vague, is_place: false });
        }
    }

    /// The candidate named by the capitalised tokens `r`, with its cue, if any.
    #[allow(clippy::too_many_arguments)]
    fn name(
        &self,
        kb: &Kb,
        text: &str,
        toks: &[Token],
        c: &[u16],
        mentions: &[Mention],
        cov: &[Option<usize>],
        r: std::ops::Range<usize>,
        initial: &dyn Fn(usize) -> bool,
        doc: &DocCandidates,
    ) -> Option<(std::ops::Range<usize>, Candidate)> {
        let w = |i: usize| toks[i].lower.as_str();
        let mut a = r.start;
        let b = r.end;
        // a title inside the run ("Foreign Minister X", "Sheikh X") or right before it
        let mut title: Option<usize> = (a..(a + 3).min(b.saturating_sub(1))).rev().find(|&k| c[k] & bit::TITLE != 0);
        if let Some(k) = title {
            a = k + 1;
        }
        let mut before = r.start;
        if before > 0 && toks[before - 1].lower == "." {
            before -= 1;
        }
        if title.is_none() && before > 0 && c[before - 1] & bit::TITLE != 0 {
            title = Some(before - 1);
        }
        // leading articles and sentence adverbs are not part of a name
        while a < b && c[a] & bit::NOT_NAME != 0 && c[a] & bit::SUFFIX == 0 {
            a += 1;
        }
        if a >= b {
            return None;
        }
        let len = b - a;
        let name_words = (a..b).filter(|&k| c[k] & bit::PARTICLE == 0).count();
        let all_generic = |from: usize, to: usize| {
            (from..to).all(|k| {
                c[k] & (bit::GENERIC | bit::NOT_NAME | bit::SUFFIX | bit::LABEL | bit::PARTICLE) != 0
                    || matches!(w(k), "of" | "for" | "and" | "the" | "&")
                    || cov[k].is_some()
            })
        };
        let has_demonym = (a..b).any(|k| cov[k].is_some());
        let at_start = initial(a);
        let clean_name = (a..b).all(|k| c[k] & (bit::NOT_NAME | bit::SUFFIX) == 0 && cov[k].is_none());
        let mk = |guess: Guess, cue: String, affiliation: Option<(ActorIdx, String)>| {
            let name = text[toks[a].span.start..toks[b - 1].span.end].to_string();
            if entente_text::outlet::lookup(&name).is_some() {
                return None;
            }
            let key = entente_kb::norm::key(&name);
            let country =
                if guess == Guess::Person { None } else { (a..b).find_map(|k| cov[k].map(|mi| mentions[mi].actor)) };
            Some((a..b, Candidate { name, key, guess, cue, affiliation, country }))
        };
        // 1. a title
        if let Some(t) = title {
            if clean_name && len <= 4 {
                // the known organisation or state named with the title ("Hamas official X",
                // "Hamas' spokesman X"), unless the title phrase already named a known holder
                let mut k = t;
                if cov[k].is_none() && k > 0 && toks[k - 1].kind == TokKind::Possessive {
                    k -= 1;
                }
                let by = if cov[t].is_some() { cov[t] } else { k.checked_sub(1).and_then(|j| cov[j]) };
                let mut aff = None;
                if let Some(mi) = by {
                    let m = &mentions[mi];
                    if m.via == Via::Role {
                        return None;
                    }
                    if !m.is_place && !kb.is_person(m.actor) {
                        aff = Some((m.actor, w(t).to_string()));
                    }
                }
                return mk(Guess::Person, format!("title:{}", w(t)), aff);
            }
            if title.is_some_and(|t| t >= r.start) {
                return None;
            }
        }
        // 2. a given name
        if clean_name && (2..=4).contains(&len) && name_words >= 2 && c[a] & bit::GIVEN != 0 {
            return mk(Guess::Person, format!("given_name:{}", w(a)), None);
        }
        // 3. an organisation's last word
        if let Some(g) =
            suffix_guess(c[b - 1]).or_else(|| suffix_guess(c[a]).filter(|g| *g == Guess::StateBody && len > 2))
        {
            let (from, to) = if c[b - 1] & bit::SUFFIX != 0 { (a, b - 1) } else { (a + 1, b) };
            if len >= 2 && !all_generic(from, to) && !(g == Guess::StateBody && has_demonym) {
                return mk(g, format!("suffix:{}", if to == b - 1 { w(b - 1) } else { w(a) }), None);
            }
            return None;
        }
        // a later mention of a person candidate by surname
        if len == 1 && cov[a].is_none() && c[a] & bit::NOT_NAME == 0 {
            let key = entente_kb::norm::key(&text[toks[a].span.clone()]);
            if let Some(&ci) = doc.by_last.get(&key) {
                if ci != usize::MAX && (!at_start || toks.get(b).is_some_and(|t| t.kind == TokKind::Word && !t.cap)) {
                    let c = doc.list[ci].clone();
                    return Some((a..b, c));
                }
            }
        }
        if at_start || !clean_name || has_demonym {
            return None;
        }
        // 4. a group noun after it, or a member noun after its possessive
        if let Some(t) = toks.get(b) {
            if t.kind == TokKind::Word && !t.cap && c[b] & bit::HEAD != 0 {
                return mk(Guess::Group, format!("head:{}", t.lower), None);
            }
            if t.kind == TokKind::Possessive
                && toks.get(b + 1).is_some_and(|x| !x.cap && c[b + 1] & bit::POSSESSED != 0)
            {
                return mk(Guess::Organization, format!("possessive:{}", toks[b + 1].lower), None);
            }
        }
        None
    }
}

/// A candidate actor across documents, for `entente actors --unknown`.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct UnknownActor {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
    pub mentions: usize,
    pub documents: usize,
    pub aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
}

impl UnknownActor {
    /// An `[[actor]]` entry for a knowledge-base overlay (`--kb FILE`), to be checked and
    /// completed by the analyst.
    pub fn overlay_toml(&self) -> String {
        let id: String = self
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
            .collect::<String>()
            .split('_')
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("_");
        let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
        let mut out = format!("[[actor]]\nid = {}\nname = {}\nkind = {}\n", q(&id), q(&self.name), q(&self.kind));
        if let Some(s) = &self.subkind {
            out.push_str(&format!("subkind = {}\n", q(s)));
        }
        let others: Vec<String> = self.aliases.iter().filter(|a| **a != self.name).map(|a| q(a)).collect();
        if !others.is_empty() {
            out.push_str(&format!("aliases = [{}]\n", others.join(", ")));
        }
        out
    }
}

/// The candidate actors of an extraction, most mentioned first (then by name).
pub fn unknown_actors(x: &Extraction) -> Vec<UnknownActor> {
    let mut v: Vec<UnknownActor> = x
        .actors
        .iter()
        .filter(|a| a.candidate)
        .map(|a: &ActorOut| UnknownActor {
            id: a.id.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
            subkind: a.subkind.clone(),
            mentions: a.mentions,
            documents: a.documents.unwrap_or(0),
            aliases: a.aliases.clone(),
            cue: a.cue.clone(),
        })
        .collect();
    v.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.name.cmp(&b.name)));
    v
}

#[cfg(test)]
mod tests;
