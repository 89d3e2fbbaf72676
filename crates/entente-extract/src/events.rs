//! Event coding for one sentence: triggers from the lexicon, their source and target
//! actors from the sentence's resolved mentions, then modality, polarity and time.
//!
//! Argument attachment is rule-based over tokens (see `data/grammar.toml` for the word
//! classes):
//! - a verb's source is its subject: the nearest mention group to the left in the same
//!   clause that is not inside a prepositional phrase and not a possessor; after a relative
//!   pronoun ("X, which ...") its antecedent; for a second verb coordinated with "and", the
//!   first verb's subject. In the passive ("was accused by X") the `by` phrase is the source
//!   and the subject the target.
//! - a noun's source is its possessor ("Iran's support"), an actor modifying it ("Iranian
//!   support"), or a `by`/`from` phrase, else the clause subject; a relation noun ("ally",
//!   "backer") takes its subject as source and its possessor or `of` phrase as target.
//! - targets come from the trigger's slots in order: the object, or the phrase after one of
//!   its prepositions.
//! - coordinated mentions ("Saudi Arabia, the UAE, Bahrain and Egypt") expand to one event
//!   per actor; a symmetric trigger with a plural subject and no target ("X and Y met")
//!   yields the pairs.

use std::ops::Range;

use entente_core::{Modality, PDate, PloverType, Polarity, When};
use entente_kb::{ActorIdx, Mention};
use entente_text::temporal::{verb_form, TimeExpr, TimeKind, VerbForm};
use entente_text::token::{TokKind, Token};

use crate::lexicon::{class, Lexicon, Pos, Slot, Trigger, WordInfo};

/// What the coder needs of one sentence.
pub struct SentenceInput<'a> {
    pub text: &'a str,
    /// The sentence's tokens ([`entente_text::token::tokenize`]).
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    /// The document's date: the time of an event whose sentence states none.
    pub anchor: Option<PDate>,
}

/// An event read from a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedEvent {
    pub source: ActorIdx,
    pub target: ActorIdx,
    pub ptype: PloverType,
    pub mode: Option<String>,
    pub polarity: Polarity,
    pub modality: Modality,
    pub when: Option<When>,
    /// Byte span of the trigger words in the sentence.
    pub trigger: Range<usize>,
    pub source_span: Range<usize>,
    pub target_span: Range<usize>,
    /// The lexicon pattern and the attachment rules used.
    pub rule: String,
    /// Who said it, when the event is read from reported speech.
    pub speaker: Option<Speaker>,
}

/// The speaker of reported speech ("Zarif said ...", "a source said", "according to X").
#[derive(Clone, Debug, PartialEq)]
pub struct Speaker {
    /// The actor a mention names as the speaker (a person, an outlet, a state); for an
    /// unnamed speaker of an organisation ("a senior Hamas official"), that organisation.
    pub actor: Option<ActorIdx>,
    /// The phrase naming the speaker; for a pronoun ("he added"), the phrase it stands for.
    pub text: String,
    /// An unnamed source ("a source close to X", "an Iranian official"): what it says is
    /// `reported`.
    pub anonymous: bool,
}

struct Ctx<'a> {
    toks: &'a [Token],
    /// token -> mention index
    m_of_tok: Vec<Option<usize>>,
    /// mention -> token range
    m_toks: Vec<Range<usize>>,
    /// token -> its function-word classes ([`class`] bits)
    cls: Vec<u16>,
    /// token -> its lexicon lemma and whether the form is past
    lemmas: Vec<Option<(&'a str, bool)>>,
    /// token -> [`Lexicon::word`]
    words: Vec<WordInfo>,
    /// mention -> whether it can be an argument on its own (not a plain adjective
    /// like "Palestinian journalists", not a prefixed name like "non-NATO", not a place as
    /// an agent)
    arg_ok: Vec<bool>,
    /// mention -> whether it names a place
    place: Vec<bool>,
    /// mention -> whether a speech verb follows it ("..., Turkey said")
    speaks: Vec<bool>,
    /// mention -> group id
    group_of: Vec<usize>,
    groups: Vec<Vec<usize>>,
}

impl<'a> Ctx<'a> {
    /// `words`: [`Lexicon::word`] of each token.
    fn new(lex: &'a Lexicon, input: &SentenceInput<'a>, words: Vec<WordInfo>) -> Ctx<'a> {
        let toks = input.tokens;
        let mut m_of_tok = vec![None; toks.len()];
        let mut m_toks = Vec::with_capacity(input.mentions.len());
        for (mi, m) in input.mentions.iter().enumerate() {
            let a = toks.iter().position(|t| t.span.end > m.span.start).unwrap_or(toks.len());
            let mut b = a;
            while b < toks.len() && toks[b].span.start < m.span.end {
                // a possessive right after a name is not part of it
                if toks[b].kind == TokKind::Possessive && b > a && toks[b].span.end >= m.span.end {
                    break;
                }
                m_of_tok[b] = Some(mi);
                b += 1;
            }
            m_toks.push(a..b);
        }
        let lemmas = toks
            .iter()
            .zip(&words)
            .map(|(t, &w)| if t.kind == TokKind::Word { lex.lemma_in(w) } else { None })
            .collect();
        let arg_ok = input
            .mentions
            .iter()
            .zip(&m_toks)
            .map(|(m, r)| {
                if r.start >= 2
                    && toks[r.start - 1].lower == "-"
                    && lex.grammar.name_prefixes.contains(toks[r.start - 2].lower.as_str())
                {
                    return false;
                }
                // inside a hyphenated word: "non-NATO", "anti-Iran"
                if let Some(t) = toks.get(r.start) {
                    if t.span.start < m.span.start {
                        let prefix =
                            input.text[t.span.start..m.span.start].trim_end_matches(['-', '\u{2011}']).to_lowercase();
                        if lex.grammar.name_prefixes.contains(prefix.as_str()) {
                            return false;
                        }
                    }
                }
                if m.via != entente_kb::Via::Demonym {
                    return true;
                }
                // a demonym stands for its state when plural ("the Iranians") or before a head noun
                let text = &input.text[m.span.clone()];
                if text.ends_with('s') {
                    return true;
                }
                match toks.get(r.end) {
                    Some(t) if t.kind == TokKind::Word && !t.cap => {
                        lex.grammar.demonym_heads.contains(t.lower.as_str())
                    }
                    _ => true,
                }
            })
            .collect();
        let place = input.mentions.iter().map(|m| m.is_place).collect();
        let cls = words.iter().map(|w| w.cls).collect();
        let speaks = m_toks
            .iter()
            .map(|r| {
                toks.get(r.end).is_some_and(|t| {
                    frame_words(lex).may_be(t.lower.as_str()) && lex.cues.speech_forms.contains(t.lower.as_str())
                })
            })
            .collect();
        let mut ctx = Ctx {
            toks,
            m_of_tok,
            m_toks,
            cls,
            lemmas,
            words,
            arg_ok,
            place,
            speaks,
            group_of: Vec::new(),
            groups: Vec::new(),
        };
        ctx.build_groups();
        ctx
    }

    fn w(&self, i: usize) -> &str {
        &self.toks[i].lower
    }

    fn is_prep(&self, i: usize) -> bool {
        self.cls[i] & class::PREP != 0
    }

    fn is_clause_break(&self, i: usize) -> bool {
        self.cls[i] & class::CLAUSE_PUNCT != 0
    }

    /// Whether the mention is introduced by a preposition ("in Doha", "with the Saudis").
    fn in_pp(&self, mi: usize) -> Option<String> {
        let mut j = self.m_toks[mi].start;
        let mut skipped = 0;
        while j > 0 && skipped < 3 {
            j -= 1;
            let w = self.w(j);
            if self.cls[j] & class::PREP != 0 {
                return Some(w.to_string());
            }
            if self.cls[j] & class::DET != 0
                || (self.toks[j].kind == TokKind::Word && !self.toks[j].cap && skipped < 1 && w.ends_with("ern"))
            {
                skipped += 1;
                continue;
            }
            break;
        }
        None
    }

    fn possessor(&self, mi: usize) -> bool {
        let e = self.m_toks[mi].end;
        e < self.toks.len() && self.toks[e].kind == TokKind::Possessive
    }

    /// Whether the gap between two mentions is a list separator, and whether it holds
    /// "and"/"or".
    fn separator(&self, prev: usize, next: usize) -> Option<bool> {
        let (mut connective, mut and) = (false, false);
        for j in self.m_toks[prev].end..self.m_toks[next].start {
            match self.w(j) {
                "," => connective = true,
                "and" | "or" | "&" => {
                    connective = true;
                    and = true;
                }
                "the" | "as" | "well" | "also" | "its" | "their" | "both" => {}
                _ => return None,
            }
        }
        connective.then_some(and)
    }

    fn build_groups(&mut self) {
        let n = self.m_toks.len();
        self.group_of = vec![0; n];
        for mi in 0..n {
            let joins = mi > 0 && {
                let prev = mi - 1;
                match self.separator(prev, mi) {
                    None => false,
                    Some(_) if self.possessor(prev) => false,
                    Some(true) => true,
                    // a comma alone joins only inside a list that ends with "and"/"or":
                    // "In Doha, Shalah and Meshaal" is no list of three
                    Some(false) => {
                        let mut k = mi;
                        let mut closed = false;
                        while k + 1 < n {
                            match self.separator(k, k + 1) {
                                Some(true) => {
                                    closed = true;
                                    break;
                                }
                                Some(false) => k += 1,
                                None => break,
                            }
                        }
                        // a fronted phrase ("In Doha, X and Y met") is no list head
                        let fronted = self.in_pp(prev).is_some() && {
                            let mut j = self.m_toks[prev].start;
                            while j > 0 && !self.is_prep(j - 1) {
                                j -= 1;
                            }
                            j <= 1 || self.toks[j - 2].kind == TokKind::Punct
                        };
                        // ", Turkey said": a speaker after what is said is no list item
                        !self.possessor(mi) && !fronted && !self.speaks[mi] && (closed || self.in_pp(prev).is_none())
                    }
                }
            };
            // "X attacked A and B praised them": after an object, a name followed by its
            // own past-tense verb opens a new clause instead of extending the list
            let joins = joins && {
                let g = &self.groups[self.group_of[mi - 1]];
                let head = self.m_toks[g[0]].start;
                let after = self.m_toks[mi].end;
                let past = |k: usize| self.lemmas.get(k).copied().flatten().is_some_and(|(_, past)| past);
                !(head > 0 && past(head - 1) && past(after))
            };
            if joins {
                let g = self.group_of[mi - 1];
                self.group_of[mi] = g;
                self.groups[g].push(mi);
            } else {
                self.group_of[mi] = self.groups.len();
                self.groups.push(vec![mi]);
            }
        }
    }

    fn group(&self, mi: usize) -> Vec<usize> {
        self.groups[self.group_of[mi]].clone()
    }

    /// Subject of a predicate whose first token is `h`.
    fn subject(&self, h: usize) -> Option<(Vec<usize>, &'static str)> {
        let mut j = h;
        while j > 0 {
            j -= 1;
            if self.is_clause_break(j) {
                return None;
            }
            if let Some(mi) = self.m_of_tok[j] {
                let start = self.m_toks[mi].start;
                let group = self.group(mi);
                let first = group[0];
                // right before its verb a name is a subject even after "after"/"before"/"since"
                // ("a day after Trump visited Israel")
                let adjacent = (self.m_toks[*group.last().unwrap()].end..h).all(|k| self.cls[k] & class::AUX != 0);
                if self.possessor(*group.last().unwrap()) || (self.in_pp(first).is_some() && !adjacent) {
                    j = self.m_toks[first].start;
                    continue;
                }
                let _ = start;
                let group: Vec<usize> = group.into_iter().filter(|&g| self.arg_ok[g] && !self.place[g]).collect();
                if group.is_empty() {
                    j = self.m_toks[first].start;
                    continue;
                }
                return Some((group, "subject"));
            }
            let w = self.w(j);
            if self.cls[j] & class::RELATIVE != 0 {
                // antecedent: a mention right before the relative pronoun (", which")
                let mut k = j;
                while k > 0 {
                    k -= 1;
                    if self.w(k) == "," {
                        continue;
                    }
                    if let Some(mi) = self.m_of_tok[k] {
                        return Some((self.group(mi), "relative_antecedent"));
                    }
                    break;
                }
                if w != "that" {
                    return None;
                }
                return None;
            }
            if self.cls[j] & class::CLAUSE_OPENER != 0 {
                return None;
            }
        }
        None
    }

    /// The mention group right after token `e` (skipping up to three modifiers).
    fn object(&self, e: usize) -> Option<Vec<usize>> {
        let mut j = e;
        let mut skipped = 0;
        while j < self.toks.len() && skipped <= 3 {
            if let Some(mi) = self.m_of_tok[j] {
                let group: Vec<usize> = self.group(mi).into_iter().filter(|&g| self.arg_ok[g]).collect();
                return (!group.is_empty()).then_some(group);
            }
            let t = &self.toks[j];
            // "actors such as X", "groups including X", "the position of X"
            if skipped >= 1 && (t.lower == "including" || t.lower == "of") {
                j += 1;
                continue;
            }
            if skipped >= 1 && t.lower == "such" && self.toks.get(j + 1).is_some_and(|n| n.lower == "as") {
                j += 2;
                continue;
            }
            if t.kind == TokKind::Punct || self.is_prep(j) || self.cls[j] & class::CLAUSE_OPENER != 0 {
                return None;
            }
            skipped += 1;
            j += 1;
        }
        None
    }

    /// In a fronted phrase ("In his meeting with X, Y said"), the subject after the comma
    /// that closes it.
    fn fronted_subject(&self, e: usize) -> Option<Vec<usize>> {
        let first_prep = (0..e).find(|&k| self.toks[k].kind == TokKind::Word)?;
        if self.cls[first_prep] & class::PREP == 0 {
            return None;
        }
        let comma = (e..self.toks.len()).find(|&k| self.toks[k].lower == ",")?;
        let group = self.object(comma + 1)?;
        let end = self.m_toks[*group.last()?].end;
        // the subject must be followed by its verb, not by more of the phrase
        self.toks.get(end).is_some_and(|t| t.kind == TokKind::Word && !t.cap).then_some(group)
    }

    /// The mention group after preposition `prep`, searched from token `e` on.
    fn prep_object(&self, e: usize, prep: &str) -> Option<(Vec<usize>, usize)> {
        let end = (e + 8).min(self.toks.len());
        let mut j = e;
        while j < end {
            if self.is_clause_break(j) {
                return None;
            }
            if self.w(j) == prep {
                return self.object(j + 1).map(|g| (g, j));
            }
            j += 1;
        }
        None
    }

    /// A noun's own agent: possessor or modifying actor right before the head.
    fn noun_agent(&self, h: usize) -> Option<Vec<usize>> {
        let mut j = h;
        let mut skipped = 0;
        while j > 0 && skipped <= 3 {
            j -= 1;
            let t = &self.toks[j];
            if t.kind == TokKind::Possessive {
                if j > 0 {
                    if let Some(mi) = self.m_of_tok[j - 1] {
                        return Some(vec![mi]);
                    }
                }
                return None;
            }
            if let Some(mi) = self.m_of_tok[j] {
                return Some(vec![mi]);
            }
            if t.kind == TokKind::Word && !t.cap && !self.is_prep(j) && !matches!(t.lower.as_str(), "the" | "a" | "an")
            {
                skipped += 1;
                continue;
            }
            if t.lower == "-" {
                continue;
            }
            return None;
        }
        None
    }
}

fn matches_pattern(ctx: &Ctx, trig: &Trigger, h: usize) -> Option<usize> {
    // returns the end token (exclusive) of the match
    let mut j = h + 1;
    let mut wi = 1;
    while wi < trig.ids.len() {
        match trig.ids[wi] {
            0 => {
                // gap: find the next word within 0..=3 tokens
                let next = trig.ids.get(wi + 1).copied().unwrap_or(0);
                if next == 0 {
                    return Some(j);
                }
                let mut found = None;
                for k in j..(j + 4).min(ctx.toks.len()) {
                    if lemma_is(ctx, k, next) {
                        found = Some(k);
                        break;
                    }
                    if ctx.toks[k].kind == TokKind::Punct {
                        break;
                    }
                }
                let k = found?;
                j = k + 1;
                wi += 2;
            }
            w => {
                // a possessive or determiner may sit inside a pattern ("mend its fences")
                while j < ctx.toks.len()
                    && !lemma_is(ctx, j, w)
                    && matches!(ctx.toks[j].lower.as_str(), "its" | "their" | "his" | "her" | "the" | "a" | "an")
                {
                    j += 1;
                }
                if j >= ctx.toks.len() || !lemma_is(ctx, j, w) {
                    return None;
                }
                j += 1;
                wi += 1;
            }
        }
    }
    Some(j)
}

/// Whether token `i` is lemma number `id` ([`Trigger::ids`]) or a form of it.
fn lemma_is(ctx: &Ctx, i: usize, id: u32) -> bool {
    ctx.words[i].is_lemma(id, ctx.lemmas[i].is_some())
}

/// A verb in a "to"-infinitive governed by a word of intention in its clause ("an invitation
/// for the emir to visit Tehran", "its intention to deepen ties"): the act lies ahead.
fn intended(ctx: &Ctx, lex: &Lexicon, h: usize) -> bool {
    if h < 2 || ctx.w(h - 1) != "to" || ctx.lemmas[h].is_none_or(|(_, past)| past) {
        return false;
    }
    let mut k = h - 1;
    while k > 0 && h - k <= 8 {
        k -= 1;
        if ctx.is_clause_break(k) || ctx.w(k) == "," || ctx.cls[k] & class::CLAUSE_OPENER != 0 {
            return false;
        }
        if lex.cues.intention_heads.contains(ctx.w(k)) {
            return true;
        }
    }
    false
}

/// A relation noun in an apposition to its source ("X, a close ally of Y, visited ...",
/// "Qatar, Hamas's other backer, helped ..."): the writer's description, which the
/// attribution of the main clause to a source does not cover.
fn appositive(ctx: &Ctx, trig: &Trigger, agent_noun: bool, source: &Option<Vec<usize>>, h: usize) -> bool {
    if !agent_noun || trig.pos != Pos::Noun {
        return false;
    }
    let Some(&last) = source.as_ref().and_then(|g| g.last()) else { return false };
    let end = ctx.m_toks[last].end;
    // the comma right after the source opens the apposition, which holds no clause
    end < h
        && ctx.w(end) == ","
        && h - end <= 6
        && !(end..h).any(|k| {
            ctx.toks[k].kind != TokKind::Possessive
                && ctx.cls[k] & (class::RELATIVE | class::BE | class::CLAUSE_OPENER) != 0
        })
}

/// Where a speech frame puts what is said: its speaker and the byte range of the sentence
/// it covers.
#[derive(Clone, Debug)]
struct Frame {
    speaker: Option<Speaker>,
    said: Range<usize>,
}

/// The speakers of a document so far, carried from sentence to sentence: a pronoun
/// ("he added") stands for the latest speaker or the latest person named in the paragraph,
/// and a quotation that runs over several sentences keeps its speaker.
#[derive(Clone, Debug, Default)]
pub struct SpeechState {
    sentence: usize,
    block: usize,
    /// The latest speaker of a frame, with its sentence number.
    last_speaker: Option<(Speaker, usize)>,
    /// The latest person named in the current paragraph, with its sentence number.
    last_person: Option<(Speaker, usize)>,
    next_person: Option<(Speaker, usize)>,
    /// Whether a quotation is open at the start / end of the current sentence.
    open_at_start: bool,
    open_at_end: bool,
    /// Byte offset of the mark closing a quotation open at the start of the sentence.
    first_close: Option<usize>,
    /// The speaker of the open quotation, when its frame came first ("He said, “...").
    quote_speaker: Option<Speaker>,
    /// The number of events before the open quotation began (see [`SpeechState::backfill`]).
    quote_from: usize,
    /// A speaker found after a quotation whose earlier sentences had none ("“...,” he added").
    backfill: Option<(Speaker, usize)>,
}

/// A prefilter before the hash lookups of [`frames`]: bit `n` of `pairs[i]` is set when
/// a speech verb form (or "according") of `n` bytes starts and ends with the ASCII
/// lower-case letters of index `i` (the letters' low five bits). With a form of another
/// shape (`any`), every word passes.
#[derive(Clone, Debug)]
pub(crate) struct FrameWords {
    pairs: [u32; 1024],
    any: bool,
}

/// The words a frame may turn on, read from the lexicon at its first use.
fn frame_words(lex: &Lexicon) -> &FrameWords {
    lex.frame_words.get_or_init(|| FrameWords::new(lex))
}

impl FrameWords {
    fn new(lex: &Lexicon) -> FrameWords {
        let mut f = FrameWords { pairs: [0; 1024], any: false };
        for w in lex.cues.speech_forms.iter().map(String::as_str).chain(["according"]) {
            match FrameWords::index(w) {
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

    /// Whether a lower-case word may be a speech verb form or "according".
    fn may_be(&self, w: &str) -> bool {
        match FrameWords::index(w) {
            Some(i) => self.pairs[i] & (1 << w.len()) != 0,
            None => self.any,
        }
    }
}

impl SpeechState {
    /// Starts a sentence of paragraph `block`; `events` is how many events the document
    /// holds so far.
    pub fn begin(&mut self, text: &str, block: usize, events: usize) {
        self.sentence += 1;
        if let Some(p) = self.next_person.take() {
            self.last_person = Some(p);
        }
        if block != self.block {
            self.block = block;
            self.last_person = None;
        }
        self.open_at_start = self.open_at_end;
        if !self.open_at_start {
            self.quote_speaker = None;
            self.quote_from = events;
        }
        self.first_close = None;
        let mut open = self.open_at_start;
        let mut opened_here = false;
        // the marks “ (E2 80 9C), ” (E2 80 9D) and ", found byte-wise
        let b = text.as_bytes();
        let mut from = 0;
        while let Some(p) = b[from..].iter().position(|&c| c == b'"' || c == 0xE2) {
            let i = from + p;
            from = i + 1;
            let curly = if b[i] == 0xE2 && b.get(i + 1) == Some(&0x80) { b.get(i + 2).copied() } else { None };
            let (plain, right) = match curly {
                _ if b[i] == b'"' => (true, false),
                Some(0x9C) => (false, false),
                Some(0x9D) => (false, true),
                _ => continue,
            };
            let closes = right || (plain && open);
            if closes {
                if open && !opened_here && self.first_close.is_none() {
                    self.first_close = Some(i);
                }
                open = false;
            } else {
                open = true;
                opened_here = true;
            }
        }
        self.open_at_end = open;
    }

    /// A person named in the current sentence (a candidate for a later "he"/"she").
    /// It counts from the next sentence on: a pronoun speaker never stands for a name
    /// after it ("He said Zarif would ...").
    pub fn saw_person(&mut self, actor: ActorIdx, text: &str) {
        let sp = Speaker { actor: Some(actor), text: text.to_string(), anonymous: false };
        self.next_person = Some((sp, self.sentence));
    }

    /// A speaker found for a quotation after its earlier sentences: the speaker and the
    /// index of the document's first event that may belong to the quotation.
    pub fn backfill(&mut self) -> Option<(Speaker, usize)> {
        self.backfill.take()
    }

    /// What a personal pronoun as a speaker stands for.
    fn antecedent(&self) -> Option<Speaker> {
        match (&self.last_speaker, &self.last_person) {
            (Some((s, i)), Some((_, j))) if i >= j => Some(s.clone()),
            (_, Some((p, _))) => Some(p.clone()),
            (Some((s, _)), None) => Some(s.clone()),
            (None, None) => None,
        }
    }
}

/// Gives an event its speaker: an unnamed source makes an asserted event `reported`. An
/// apposition ("X, a close ally of Y,") is the writer's and keeps no speaker.
pub fn hear(ev: &mut CodedEvent, sp: &Speaker) {
    if ev.speaker.is_none() && !ev.rule.split(',').any(|r| r == "apposition") {
        ev.speaker = Some(sp.clone());
        if sp.anonymous && ev.modality == Modality::Asserted {
            ev.modality = Modality::Reported;
        }
    }
}

fn mention_at(input: &SentenceInput, i: usize) -> Option<usize> {
    let t = input.tokens[i].span.start;
    input.mentions.iter().position(|m| m.span.start <= t && t < m.span.end)
}

/// The speaker named by the phrase ending at token `last` (inclusive), its first token.
fn speaker_phrase(lex: &Lexicon, input: &SentenceInput, state: &SpeechState, last: usize) -> Option<(Speaker, usize)> {
    let toks = input.tokens;
    let w = toks[last].lower.as_str();
    // a pronoun stands for the latest speaker or person named (before any coreference)
    if matches!(w, "he" | "she") {
        if let Some(sp) = state.antecedent() {
            return Some((sp, last));
        }
    }
    if let Some(mi) = mention_at(input, last) {
        let m = &input.mentions[mi];
        let first = toks.iter().position(|t| t.span.end > m.span.start).unwrap_or(last);
        let sp = Speaker { actor: Some(m.actor), text: input.text[m.span.clone()].to_string(), anonymous: false };
        return Some((sp, first));
    }
    if !lex.cues.anonymous_speakers.contains(w) {
        return None;
    }
    // the unnamed speaker's noun phrase: "another Iranian source", "a senior Hamas official"
    let mut first = last;
    let mut org = None;
    while first > 0 && last - first < 6 {
        let t = &toks[first - 1];
        if t.kind != TokKind::Word {
            break;
        }
        if let Some(mi) = mention_at(input, first - 1) {
            org = Some(input.mentions[mi].actor);
        } else if lex.grammar.prepositions.contains(t.lower.as_str())
            || lex.cues.speech_forms.contains(t.lower.as_str())
        {
            break;
        }
        first -= 1;
        if lex.grammar.det.contains(t.lower.as_str()) || t.lower == "another" {
            break;
        }
    }
    // "sources close to X", "an official in X": the phrase goes on after the noun
    let mut end = last + 1;
    if let Some(t) = toks.get(end).filter(|t| matches!(t.lower.as_str(), "close" | "familiar" | "in" | "at" | "from")) {
        // an official "in"/"from" an organisation speaks for it; a source "close to" a person
        // does not
        let of_org = matches!(t.lower.as_str(), "in" | "at" | "from");
        while end < toks.len() && end - last < 6 && toks[end].kind == TokKind::Word {
            if let Some(mi) = mention_at(input, end).filter(|_| of_org) {
                org = org.or(Some(input.mentions[mi].actor));
            }
            end += 1;
        }
    }
    let text = input.text[toks[first].span.start..toks[end - 1].span.end].to_string();
    Some((Speaker { actor: org, text, anonymous: true }, first))
}

/// The speech frames of a sentence: "X said (that) ...", "..., X said", "..., said X",
/// "according to X, ...".
fn frames(lex: &Lexicon, input: &SentenceInput, state: &SpeechState) -> Vec<Frame> {
    let toks = input.tokens;
    let n = toks.len();
    let len = input.text.len();
    let mut out = Vec::new();
    let is_mark = |i: usize| matches!(toks[i].lower.as_str(), "," | "\u{201d}" | "\u{201c}" | "\"" | ":");
    let verbs = frame_words(lex);
    for v in 0..n {
        let t = &toks[v];
        if t.kind != TokKind::Word || !verbs.may_be(t.lower.as_str()) {
            continue;
        }
        if t.lower == "according" && toks.get(v + 1).is_some_and(|x| x.lower == "to") {
            // the phrase after "according to" ends at a comma or the sentence's end
            let mut e = v + 2;
            while e < n && toks[e].kind == TokKind::Word {
                e += 1;
            }
            if e == v + 2 {
                continue;
            }
            let head = (v + 2..e).find(|&k| lex.cues.anonymous_speakers.contains(toks[k].lower.as_str()));
            let sp = match head {
                Some(k) => speaker_phrase(lex, input, state, k).map(|(s, _)| s),
                None => speaker_phrase(lex, input, state, e - 1).map(|(s, _)| s),
            };
            let said = if v == 0 || (v == 1 && is_mark(0)) {
                toks.get(e).map_or(len, |x| x.span.end)..len
            } else {
                0..t.span.start
            };
            out.push(Frame { speaker: sp, said });
            continue;
        }
        if !lex.cues.speech_forms.contains(t.lower.as_str()) || v == 0 {
            continue;
        }
        // the subject: right before the verb (past light adverbs), or before an apposition
        // or relative clause ("X, Hamas's envoy, said", "an official, who asked ..., said")
        let mut j = v;
        while j > 0 && input.tokens[j - 1].kind == TokKind::Word && lex.grammar.aux.contains(toks[j - 1].lower.as_str())
        {
            j -= 1;
        }
        let mut comma_skipped = false;
        if j >= 2 && toks[j - 1].lower == "," {
            if let Some(c) = (j.saturating_sub(14)..j - 1).rev().find(|&k| toks[k].lower == ",") {
                if c > 0 && toks[c - 1].kind == TokKind::Word {
                    j = c;
                    comma_skipped = true;
                }
            }
        }
        if j == 0 {
            continue;
        }
        if let Some((sp, first)) = speaker_phrase(lex, input, state, j - 1) {
            let after = toks.get(v + 1).map(|a| a.lower.as_str());
            // "..., X said" / "“...,” he added": what is said comes before
            let postposed = first > 0 && is_mark(first - 1) && !comma_skipped;
            // "X said (that) Y ...", "X added, “...": what is said comes after
            let opens = matches!(after, Some("that" | ":" | "\u{201c}"))
                || (v + 1 < n
                    && mention_at(input, v + 1).is_some_and(|mi| {
                        // a name that starts a clause, not a possessor ("reiterated Iran's commitment")
                        let end = input.mentions[mi].span.end;
                        !toks.iter().any(|x| x.span.start == end && x.kind == TokKind::Possessive)
                    }))
                || (!postposed && matches!(after, Some("," | "\"" | "he" | "she" | "it" | "they" | "the")));
            let said = if opens {
                t.span.end..len
            } else if postposed {
                0..toks[first].span.start
            } else {
                continue;
            };
            out.push(Frame { speaker: Some(sp), said });
            continue;
        }
        // "..., said X": an inverted frame after what is said
        if is_mark(v - 1) {
            if let Some(mi) = (v + 1 < n).then(|| mention_at(input, v + 1)).flatten() {
                let m = &input.mentions[mi];
                // the name ends the sentence or its clause ("..., said Zarif." but not
                // "..., expressing Qatar's intention")
                let next = toks.iter().position(|x| x.span.start >= m.span.end);
                if next.is_some_and(|k| toks[k].kind != TokKind::Punct || toks[k].lower == "'s") {
                    continue;
                }
                let sp =
                    Speaker { actor: Some(m.actor), text: input.text[m.span.clone()].to_string(), anonymous: false };
                out.push(Frame { speaker: Some(sp), said: 0..toks[v - 1].span.start });
            }
        }
    }
    out
}

/// Reads the speech frames of a sentence, gives the events read from what is said their
/// speaker, and remembers the speakers for the sentences that follow.
pub fn attribute(lex: &Lexicon, input: &SentenceInput, events: &mut [CodedEvent], state: &mut SpeechState) {
    let frames = frames(lex, input, state);
    for ev in events.iter_mut() {
        // the innermost frame that covers the trigger
        let f = frames
            .iter()
            .filter(|f| f.said.start <= ev.trigger.start && ev.trigger.end <= f.said.end)
            .min_by_key(|f| f.said.len());
        if let Some(sp) = f.and_then(|f| f.speaker.as_ref()) {
            hear(ev, sp);
        } else if state.open_at_start && state.first_close.is_none_or(|c| ev.trigger.end <= c) {
            if let Some(sp) = &state.quote_speaker {
                hear(ev, sp);
            }
        }
    }
    // a quotation closed by its frame ("“...,” he added"): its earlier sentences
    let closing = state.first_close.and_then(|c| frames.iter().find(|f| f.said.end >= c && f.said.start <= c));
    if let Some(sp) = closing.and_then(|f| f.speaker.clone()) {
        if state.quote_speaker.is_none() {
            state.backfill = Some((sp, state.quote_from));
        }
    }
    for f in &frames {
        if let Some(sp) = &f.speaker {
            state.last_speaker = Some((sp.clone(), state.sentence));
            // a frame before an opening quotation mark speaks for the quotation
            if state.open_at_end && f.said.end == input.text.len() {
                state.quote_speaker = Some(sp.clone());
            }
        }
    }
}

/// Codes the events of one sentence with the speakers of the document so far
/// ([`SpeechState::begin`] first).
pub fn code_sentence_in<'a>(lex: &'a Lexicon, input: &SentenceInput<'a>, state: &mut SpeechState) -> Vec<CodedEvent> {
    let mut out = code_sentence(lex, input);
    attribute(lex, input, &mut out, state);
    out
}

/// Codes the events of one sentence.
pub fn code_sentence<'a>(lex: &'a Lexicon, input: &SentenceInput<'a>) -> Vec<CodedEvent> {
    if input.mentions.is_empty() {
        return Vec::new();
    }
    // most sentences hold no trigger at all: say so before any other work
    let words: Vec<WordInfo> = input.tokens.iter().map(|t| lex.word(&t.lower)).collect();
    if !input.tokens.iter().zip(&words).any(|(t, w)| t.kind == TokKind::Word && w.has_lemma()) {
        return Vec::new();
    }
    let ctx = Ctx::new(lex, input, words);
    let n = ctx.toks.len();
    let anonymous = std::cell::OnceCell::new();
    let mut out: Vec<CodedEvent> = Vec::new();
    let mut last_verb_subject: Option<Vec<usize>> = None;
    let mut h = 0;
    while h < n {
        let tok = &ctx.toks[h];
        if tok.kind != TokKind::Word || ctx.m_of_tok[h].is_some() {
            h += 1;
            continue;
        }
        let Some((_, past)) = ctx.lemmas[h] else {
            h += 1;
            continue;
        };
        // every entry whose pattern matches here, longest first; verbs right after a
        // determiner and nouns in an "-ed" form are another part of speech
        let prev = if h > 0 { ctx.w(h - 1) } else { "" };
        let looks_noun = (h > 0 && ctx.cls[h - 1] & class::DET != 0) || prev == "'s";
        // (matched lazily: a match depends on the sentence alone, not on the events so far)
        let candidates = lex.heads_of(ctx.words[h]).iter().filter_map(|&ti| {
            let trig = &lex.triggers[ti];
            if (trig.pos == Pos::Verb && looks_noun && trig.words.len() == 1) || (trig.pos == Pos::Noun && past) {
                return None;
            }
            matches_pattern(&ctx, trig, h).map(|e| (ti, e))
        });
        let mut advanced = false;
        for (ti, e) in candidates {
            let before = out.len();
            let subj = attach(&ctx, lex, input, ti, h, e, past, &anonymous, &last_verb_subject, &mut out);
            // a verb's subject carries over to the verbs coordinated with it, even when the
            // verb itself yielded no event
            if lex.triggers[ti].pos == Pos::Verb && subj.is_some() {
                last_verb_subject = subj;
            }
            if out.len() > before {
                h = e.max(h + 1);
                advanced = true;
                break;
            }
        }
        if !advanced {
            h += 1;
        }
    }
    out
}

/// Attaches arguments, modality and time to trigger entry `ti` matched at tokens `h..e`,
/// pushing its events; returns the subject used (for a following coordinated verb).
#[allow(clippy::too_many_arguments)]
fn attach(
    ctx: &Ctx,
    lex: &Lexicon,
    input: &SentenceInput,
    ti: usize,
    h: usize,
    e: usize,
    past: bool,
    anonymous: &std::cell::OnceCell<bool>,
    last_verb_subject: &Option<Vec<usize>>,
    out: &mut Vec<CodedEvent>,
) -> Option<Vec<usize>> {
    let trig = &lex.triggers[ti];
    // the attachment rules used, after "trigger:<pattern>" (spelled out only for an event)
    let mut rule: Vec<std::borrow::Cow<'static, str>> = Vec::new();
    // voice
    let passive = trig.pos == Pos::Verb && past && {
        let mut k = h;
        let mut found = false;
        while k > 0 && h - k < 3 {
            k -= 1;
            let w = ctx.w(k);
            if ctx.cls[k] & class::BE != 0 || w == "got" || w == "get" {
                found = true;
                break;
            }
            if ctx.cls[k] & class::AUX == 0 {
                break;
            }
        }
        found
    };
    let agent_noun = trig.pos == Pos::Noun && lex.grammar.agent_nouns.contains(ctx.toks[h].lower.as_str());

    // source
    let mut source: Option<Vec<usize>>;
    let mut target: Option<Vec<usize>> = None;
    let mut subject_used: Option<Vec<usize>> = None;
    let _ = past;
    if passive {
        source = ctx.prep_object(e, "by").map(|(g, _)| g);
        target = ctx.subject(h).map(|(g, _)| g);
        rule.push("passive".into());
    } else {
        match &trig.source {
            Slot::Prep(p) => source = ctx.prep_object(e, p).map(|(g, _)| g),
            Slot::Obj => source = ctx.object(e),
            Slot::Subj => {
                if trig.pos == Pos::Verb || agent_noun {
                    // coordinated verb: "X accused Y and imposed ..."
                    let mut k = h;
                    while k > 0 && ctx.cls[k - 1] & class::AUX != 0 {
                        k -= 1;
                    }
                    let participle = ctx.toks[h].lower.ends_with("ing") && k > 0 && ctx.w(k - 1) == ",";
                    if k > 0 && matches!(ctx.w(k - 1), "and" | "but" | "then") && last_verb_subject.is_some() {
                        source = last_verb_subject.clone();
                        rule.push("coordinated_verb".into());
                    } else if participle && last_verb_subject.is_some() {
                        // ", targeting X": the participle's subject is the main clause's
                        source = last_verb_subject.clone();
                        rule.push("participle".into());
                    } else {
                        source = ctx.subject(h).map(|(g, r)| {
                            rule.push(r.into());
                            g
                        });
                    }
                    subject_used = source.clone();
                } else {
                    source = ctx.noun_agent(h);
                    let pronoun_possessor =
                        (h.saturating_sub(3)..h).any(|k| matches!(ctx.w(k), "his" | "her" | "its" | "their"));
                    if source.is_some() {
                        rule.push("noun_agent".into());
                    } else if let Some(g) = pronoun_possessor.then(|| ctx.fronted_subject(e)).flatten() {
                        // "In his meeting with X, Y said ...": the main clause's subject
                        source = Some(g);
                        rule.push("fronted_phrase".into());
                    } else if let Some((g, _)) = ctx.prep_object(e, "by").or_else(|| ctx.prep_object(e, "from")) {
                        source = Some(g);
                        rule.push("by_phrase".into());
                    } else if let Some((g, r)) = ctx.subject(h) {
                        // a nominal event far from the clause subject is rarely its act
                        let end = ctx.m_toks[*g.last().unwrap()].end;
                        if h.saturating_sub(end) <= 6 {
                            source = Some(g);
                            rule.push(format!("clause_{r}").into());
                        }
                    }
                }
            }
        }
        // target
        let gap_after_head = trig.words.get(1).is_some_and(|w| w.is_none());
        for slot in &trig.target {
            let got = match slot {
                // "considers Hamas a terrorist group": the object sits in the pattern's gap
                Slot::Obj if gap_after_head => ctx.object(h + 1).or_else(|| ctx.object(e)),
                Slot::Obj => ctx.object(e),
                Slot::Prep(p) => ctx.prep_object(e, p).map(|(g, _)| g),
                Slot::Subj => ctx.subject(h).map(|(g, _)| g),
            };
            if got.is_some() {
                target = got;
                break;
            }
        }
        if source.is_none() {
            // "the tension between Qatar and Saudi Arabia": the pair are the parties
            if let Some((g, _)) = ctx.prep_object(e, "between") {
                if g.len() >= 2 {
                    source = Some(vec![g[0]]);
                    target = Some(g[1..].to_vec());
                    rule.push("between".into());
                }
            }
        }
        if agent_noun && target.is_none() {
            // "Hamas's other backer": the possessor is the target
            target = ctx.noun_agent(h);
        }
    }

    // "they demanded that Qatar cut ties with Iran": the content of a demand is no event
    if trig.ptype != PloverType::Request {
        let src_start = source.as_ref().and_then(|g| g.first()).map_or(h, |&m| ctx.m_toks[m].start);
        if (0..src_start).any(|k| ctx.cls[k] & class::DEMAND != 0) {
            return subject_used;
        }
    }
    // nothing to code without both sides (or a plural subject of a symmetric trigger)
    let codable = match (&source, &target) {
        (Some(_), Some(_)) => true,
        (Some(src), None) => (trig.symmetric || (trig.pos == Pos::Noun && trig.ptype.symmetric())) && src.len() >= 2,
        _ => false,
    };
    if !codable {
        return subject_used;
    }
    // modality
    let window_start = h.saturating_sub(5);
    let win = window_start..h;
    let mut modality = Modality::Asserted;
    let mut ptype = trig.ptype;
    let mut polarity = trig.polarity;
    let negated = lex.cues.denied.any_in(ctx.toks, win.clone());
    let expected = lex.cues.expected.any_in(ctx.toks, h.saturating_sub(4)..h) || intended(ctx, lex, h);
    let hypothetical = lex.cues.hypothetical.any_in(ctx.toks, h.saturating_sub(3)..h);
    if negated {
        if matches!(ptype, PloverType::Agree | PloverType::Support) && trig.pos == Pos::Verb {
            ptype = PloverType::Reject;
            polarity = Polarity::Negative;
            rule.push("negated_acceptance".into());
        } else {
            modality = Modality::Denied;
        }
    } else if expected {
        modality = Modality::Expected;
    } else if hypothetical {
        modality = Modality::Hypothetical;
    } else if appositive(ctx, trig, agent_noun, &source, h) {
        // the writer's description, not what a source or speaker said
        rule.push("apposition".into());
    } else if *anonymous.get_or_init(|| lex.grammar.anonymous_sources.any_in(ctx.toks, 0..ctx.toks.len())) {
        modality = Modality::Reported;
    }

    // time: the document's date until [`assign_times`] finds the sentence's own
    let tspan = ctx.toks[h].span.start..ctx.toks[e - 1].span.end;
    let when = input.anchor.map(When::Point);

    // expand
    let mut rule_text = format!("trigger:{}", trig.pattern);
    for r in &rule {
        rule_text.push(',');
        rule_text.push_str(r);
    }
    let push = |out: &mut Vec<CodedEvent>, s: usize, t: usize, extra: &str| {
        let (ms, mt) = (&input.mentions[s], &input.mentions[t]);
        // a place is acted upon, never the actor
        if ms.actor == mt.actor || ms.is_place {
            return;
        }
        let mut r = rule_text.clone();
        if !extra.is_empty() {
            r.push(',');
            r.push_str(extra);
        }
        let ev = CodedEvent {
            source: ms.actor,
            target: mt.actor,
            ptype,
            mode: trig.mode.clone(),
            polarity,
            modality,
            when,
            trigger: tspan.clone(),
            source_span: ms.span.clone(),
            target_span: mt.span.clone(),
            rule: r,
            speaker: None,
        };
        if !out
            .iter()
            .any(|o| o.source == ev.source && o.target == ev.target && o.ptype == ev.ptype && o.trigger == ev.trigger)
        {
            out.push(ev);
        }
    };
    match (&source, &target) {
        (Some(src), Some(tgt)) => {
            for &s in src {
                for &t in tgt {
                    push(out, s, t, "");
                }
            }
        }
        (Some(src), None) if (trig.symmetric || (trig.pos == Pos::Noun && ptype.symmetric())) && src.len() >= 2 => {
            for (i, &s) in src.iter().enumerate() {
                for &t in &src[i + 1..] {
                    push(out, s, t, "symmetric_plural_subject");
                }
            }
        }
        _ => {}
    }
    subject_used
}

/// Gives each event the time expression of its sentence nearest to its trigger (the
/// document's date stays where the sentence has none); a forward-looking expression dates
/// only expected and hypothetical events. The sentence alone, without its tokens or its
/// document: [`assign_times_in`] is the full rule.
pub fn assign_times(events: &mut [CodedEvent], times: &[TimeExpr]) {
    for ev in events {
        let t = ev.trigger.clone();
        if let Some(x) = candidates(ev, times).min_by_key(|x| distance(&x.span, &t)) {
            ev.when = Some(x.value);
        }
    }
}

/// The expressions that may date an event: a forward-looking one ("in the coming year")
/// only what is expected or hypothetical, and nothing that happened after the page's date.
fn candidates<'t>(ev: &CodedEvent, times: &'t [TimeExpr]) -> impl Iterator<Item = &'t TimeExpr> {
    let forward_ok = matches!(ev.modality, Modality::Expected | Modality::Hypothetical);
    // the anchor is the document's date
    let anchor_end = ev.when.and_then(|w| w.end()).map(|d| d.last_day());
    times.iter().filter(move |x| {
        forward_ok || (!x.future && anchor_end.is_none_or(|a| x.value.start().is_none_or(|s| s.first_day() <= a)))
    })
}

fn distance(x: &Range<usize>, t: &Range<usize>) -> usize {
    if x.end <= t.start {
        t.start - x.end
    } else {
        x.start.saturating_sub(t.end)
    }
}

/// How far back from the page's date a date the body names may be the time the article
/// reports on (its news peg).
const PEG_DAYS: i64 = 60;

/// What the sentences before one sentence said about time, for events whose own sentence
/// does not date them. Fed sentence by sentence with [`TimeContext::enter`] and
/// [`TimeContext::observe`]; copy it before observing a sentence to date that sentence.
#[derive(Clone, Copy, Debug, Default)]
pub struct TimeContext {
    /// The page's date.
    page: Option<PDate>,
    /// The news peg: the first day or month in the past the body names within
    /// [`PEG_DAYS`] of the page's date ("a phone call ... on 14th December").
    peg: Option<PDate>,
    /// The paragraph the state below belongs to.
    para: usize,
    /// The latest such date of the current paragraph.
    para_point: Option<PDate>,
    /// The latest `since` range of the current paragraph ("since summer 2013").
    para_since: Option<When>,
    /// The latest point in time any sentence named, and how many sentences ago.
    last_point: Option<(PDate, u8)>,
}

impl TimeContext {
    pub fn new(page: Option<PDate>) -> TimeContext {
        TimeContext { page, ..TimeContext::default() }
    }

    /// Moves on to a sentence of paragraph `para`.
    pub fn enter(&mut self, para: usize) {
        if para != self.para {
            self.para = para;
            self.para_point = None;
            self.para_since = None;
        }
        if let Some((_, age)) = &mut self.last_point {
            *age = age.saturating_add(1);
        }
    }

    /// The point in time "a day later" or "a day after" counts from when its sentence names
    /// none: the last one of the two sentences before.
    pub fn reference(&self) -> Option<PDate> {
        self.last_point.filter(|&(_, age)| age <= 2).map(|(d, _)| d)
    }

    /// Records the time expressions of the current sentence `text` (of `section`), but for
    /// those inside quotations: a quote's "today" is the speaker's.
    pub fn observe(&mut self, text: &str, section: entente_text::BlockKind, times: &[TimeExpr]) {
        // '"', U+201C and U+201D (E2 80 9C/9D in UTF-8) before byte `at`
        let quoted = |at: usize| {
            let b = &text.as_bytes()[..at];
            let mut n = 0usize;
            for (i, &c) in b.iter().enumerate() {
                n += usize::from(
                    c == b'"'
                        || (c == 0xe2 && b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9c | 0x9d))),
                );
            }
            n % 2 == 1
        };
        for x in times.iter().filter(|x| !x.future && !quoted(x.span.start)) {
            let When::Point(d) = x.value else {
                if x.kind == entente_text::temporal::TimeKind::Since && section == entente_text::BlockKind::Body {
                    self.para_since = Some(x.value);
                }
                continue;
            };
            self.last_point = Some((d, 0));
            if section != entente_text::BlockKind::Body || !self.near_page(d) {
                continue;
            }
            self.para_point = Some(d);
            self.peg.get_or_insert(d);
        }
    }

    /// Whether `d` is a day or month at most [`PEG_DAYS`] before the page's date.
    fn near_page(&self, d: PDate) -> bool {
        use jiff::ToSpan;
        let Some(p) = self.page else { return false };
        d.month.is_some()
            && d.first_day() <= p.last_day()
            && d.last_day() >= p.first_day().saturating_sub(PEG_DAYS.days())
    }

    /// The time a past-tense event its sentence does not date refers back to: the latest
    /// date of its paragraph, else the news peg.
    fn past(&self) -> Option<PDate> {
        self.para_point.or(self.peg)
    }
}

/// Gives each event of one sentence its time:
/// - the nearest time expression that governs the trigger's clause: none across clause
///   punctuation, a relative clause (", which", ", who") or a clause opener ("when",
///   "after", "because"); an event inside the clause of "a day after X visited" is dated
///   at the visit, the event it introduces a day later;
/// - a relation noun ("ally", "backer") is a state at the page's date unless a range
///   ("since 2012") governs it;
/// - else, by the tense of the trigger's clause: a past-tense event takes the latest date
///   of its paragraph or the news peg (see [`TimeContext`]); a present perfect one the
///   paragraph's `since` range ("since summer 2013 ... have visited"); a present one, or
///   one without either, the page's date.
pub fn assign_times_in(
    lex: &Lexicon,
    input: &SentenceInput,
    events: &mut [CodedEvent],
    times: &[TimeExpr],
    tc: &TimeContext,
) {
    let toks = input.tokens;
    let n = toks.len();
    let tok_at = |byte: usize| toks.iter().position(|t| t.span.start >= byte).unwrap_or(n);
    let cls = |i: usize| lex.grammar.classes.get(toks[i].lower.as_str()).copied().unwrap_or(0);
    // quotation marks and brackets do not part a time from its clause ("said on March 10,
    // 'Iran is ...'", "X meeting with Y (L) ... on February 12")
    let barrier = |i: usize| {
        let c = cls(i);
        (c & class::CLAUSE_PUNCT != 0 && !is_quote_or_bracket(&toks[i].lower))
            || c & class::CLAUSE_OPENER != 0
            || (c & class::RELATIVE != 0 && i > 0 && toks[i - 1].lower == ",")
    };
    for ev in events {
        let (h, e) = (tok_at(ev.trigger.start), tok_at(ev.trigger.end).max(tok_at(ev.trigger.start) + 1));
        let h_last = e.saturating_sub(1).min(n.saturating_sub(1));
        let agent_noun = n > 0 && lex.grammar.agent_nouns.contains(toks[h_last].lower.as_str());
        let mut best: Option<(usize, When)> = None;
        for x in candidates(ev, times) {
            let (xs, xe) = (tok_at(x.span.start), tok_at(x.span.end));
            let between = if xe <= h { xe..h } else { e..xs };
            // "a day after X visited Israel, Y congratulated Z": X's visit is the reference
            let opens_clause = xe > 0 && xe <= n && matches!(toks[xe - 1].lower.as_str(), "after" | "before");
            let shifted = x.rule.ends_with("_after") || x.rule.ends_with("_before");
            if opens_clause && shifted && h >= xe && !(xe..h).any(|i| toks[i].lower == "," || barrier(i)) {
                let base = times
                    .iter()
                    .filter(|y| y.span.end <= x.span.start)
                    .filter_map(|y| match y.value {
                        When::Point(d) => Some(d),
                        _ => None,
                    })
                    .next_back()
                    .or(tc.reference())
                    .or(tc.page);
                if let Some(b) = base {
                    best = Some((0, When::Point(b)));
                }
                break;
            }
            if between.clone().any(barrier) {
                continue;
            }
            if agent_noun && !matches!(x.kind, TimeKind::Since | TimeKind::Until | TimeKind::Range) {
                continue;
            }
            let d = distance(&x.span, &ev.trigger);
            if best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, x.value));
            }
        }
        if let Some((_, w)) = best {
            ev.when = Some(w);
            continue;
        }
        if agent_noun || !matches!(ev.modality, Modality::Asserted | Modality::Reported) {
            continue;
        }
        match clause_tense(&cls, toks, h, e) {
            Some(VerbForm::Past | VerbForm::Participle) => {
                if let Some(d) = tc.past() {
                    ev.when = Some(When::Point(d));
                }
            }
            Some(VerbForm::Perfect) => {
                if let Some(w) = tc.para_since {
                    ev.when = Some(w);
                }
            }
            _ => {}
        }
    }
}

/// A dated episode (`data/calendar.toml`) the sentence names after "after", "since" or
/// "following" ("after the coup in Egypt", with the episode's actors among the sentence's
/// mentions): a time expression for the open range from the episode's date to the page's.
pub fn episode_time(toks: &[Token], text: &str, date: PDate, cues: &[String], page: Option<PDate>) -> Option<TimeExpr> {
    for (i, t) in toks.iter().enumerate() {
        if !matches!(t.lower.as_str(), "after" | "since" | "following") {
            continue;
        }
        for u in toks.iter().skip(i + 1).take(6) {
            if u.kind != TokKind::Word {
                break;
            }
            let rest = text.as_bytes().get(u.span.start..).unwrap_or_default();
            if cues.iter().any(|c| rest.len() >= c.len() && rest[..c.len()].eq_ignore_ascii_case(c.as_bytes())) {
                return Some(TimeExpr {
                    span: t.span.start..u.span.end,
                    value: When::Range(Some(date), page.filter(|p| p.last_day() >= date.first_day())),
                    rule: "episode",
                    kind: TimeKind::Since,
                    future: false,
                });
            }
        }
    }
    None
}

fn is_quote_or_bracket(w: &str) -> bool {
    matches!(w, "\"" | "\u{201c}" | "\u{201d}" | "(" | ")" | "[" | "]")
}

/// The tense of the clause of the trigger at tokens `h..e`: the nearest word to its left
/// in its clause that marks one (a participle after an auxiliary takes the auxiliary's),
/// or a participle right after a noun trigger ("the message sent to ...").
fn clause_tense(cls: &dyn Fn(usize) -> u16, toks: &[Token], h: usize, e: usize) -> Option<VerbForm> {
    let form = |i: usize| verb_form(toks[i].lower.as_str());
    if e < toks.len() && form(e) == Some(VerbForm::Participle) && form(e - 1).is_none() {
        return Some(VerbForm::Past);
    }
    let mut i = e.min(toks.len());
    while i > 0 {
        i -= 1;
        if i < h && cls(i) & (class::CLAUSE_PUNCT | class::CLAUSE_OPENER | class::RELATIVE) != 0 {
            break;
        }
        match form(i) {
            Some(VerbForm::Participle) if i > 0 && (cls(i - 1) & class::BE != 0 || form(i - 1).is_some()) => {}
            Some(f) => return Some(f),
            None => {}
        }
    }
    None
}

#[cfg(test)]
mod tests;
