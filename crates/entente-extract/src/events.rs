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
use entente_text::temporal::TimeExpr;
use entente_text::token::{TokKind, Token};

use crate::lexicon::{class, Lexicon, Pos, Slot, Trigger};

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
    /// mention -> whether it can be an argument on its own (not a plain adjective
    /// like "Palestinian journalists", not a prefixed name like "non-NATO", not a place as
    /// an agent)
    arg_ok: Vec<bool>,
    /// mention -> whether it names a place
    place: Vec<bool>,
    /// mention -> group id
    group_of: Vec<usize>,
    groups: Vec<Vec<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(lex: &'a Lexicon, input: &SentenceInput<'a>) -> Ctx<'a> {
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
        let lemmas = toks.iter().map(|t| if t.kind == TokKind::Word { lex.lemma_of(&t.lower) } else { None }).collect();
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
        let cls = toks.iter().map(|t| lex.grammar.classes.get(t.lower.as_str()).copied().unwrap_or(0)).collect();
        let mut ctx =
            Ctx { toks, m_of_tok, m_toks, cls, lemmas, arg_ok, place, group_of: Vec::new(), groups: Vec::new() };
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
                        !self.possessor(mi) && !fronted && (closed || self.in_pp(prev).is_none())
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
    while wi < trig.words.len() {
        match &trig.words[wi] {
            None => {
                // gap: find the next word within 0..=3 tokens
                let next = trig.words.get(wi + 1).and_then(|w| w.clone());
                let Some(next) = next else { return Some(j) };
                let mut found = None;
                for k in j..(j + 4).min(ctx.toks.len()) {
                    if lemma_is(ctx, k, &next) {
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
            Some(w) => {
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

fn lemma_is(ctx: &Ctx, i: usize, lemma: &str) -> bool {
    ctx.toks[i].lower == lemma || ctx.lemmas[i].is_some_and(|(l, _)| l == lemma)
}

/// Codes the events of one sentence.
pub fn code_sentence<'a>(lex: &'a Lexicon, input: &SentenceInput<'a>) -> Vec<CodedEvent> {
    if input.mentions.is_empty() {
        return Vec::new();
    }
    // most sentences hold no trigger at all: say so before any other work
    if !input.tokens.iter().any(|t| t.kind == TokKind::Word && lex.lemma_of(&t.lower).is_some()) {
        return Vec::new();
    }
    let ctx = Ctx::new(lex, input);
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
        let Some((lemma, past)) = ctx.lemmas[h] else {
            h += 1;
            continue;
        };
        // every entry whose pattern matches here, longest first; verbs right after a
        // determiner and nouns in an "-ed" form are another part of speech
        let prev = if h > 0 { ctx.w(h - 1) } else { "" };
        let looks_noun = (h > 0 && ctx.cls[h - 1] & class::DET != 0) || prev == "'s";
        let candidates: Vec<(usize, usize)> = lex
            .by_head(lemma)
            .iter()
            .filter_map(|&ti| {
                let trig = &lex.triggers[ti];
                if (trig.pos == Pos::Verb && looks_noun && trig.words.len() == 1) || (trig.pos == Pos::Noun && past) {
                    return None;
                }
                matches_pattern(&ctx, trig, h).map(|e| (ti, e))
            })
            .collect();
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
    let mut rule = vec![format!("trigger:{}", trig.pattern)];
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
                            rule.push(format!("clause_{r}"));
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
    let expected = lex.cues.expected.any_in(ctx.toks, h.saturating_sub(4)..h);
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
    } else if *anonymous.get_or_init(|| lex.grammar.anonymous_sources.any_in(ctx.toks, 0..ctx.toks.len())) {
        modality = Modality::Reported;
    }

    // time: the document's date until [`assign_times`] finds the sentence's own
    let tspan = ctx.toks[h].span.start..ctx.toks[e - 1].span.end;
    let when = input.anchor.map(When::Point);

    // expand
    let push = |out: &mut Vec<CodedEvent>, s: usize, t: usize, extra: &str| {
        let (ms, mt) = (&input.mentions[s], &input.mentions[t]);
        // a place is acted upon, never the actor
        if ms.actor == mt.actor || ms.is_place {
            return;
        }
        let mut r = rule.join(",");
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
/// only expected and hypothetical events. Tagging time is left until a
/// sentence is known to hold events.
pub fn assign_times(events: &mut [CodedEvent], times: &[TimeExpr]) {
    for ev in events {
        let t = &ev.trigger;
        // a forward-looking expression ("in the coming year") dates only what is expected
        let forward_ok = matches!(ev.modality, Modality::Expected | Modality::Hypothetical);
        // what happened cannot postdate the page: the anchor is the document's date
        let anchor_end = ev.when.and_then(|w| w.end()).map(|d| d.last_day());
        let possible =
            |x: &TimeExpr| forward_ok || anchor_end.is_none_or(|a| x.value.start().is_none_or(|s| s.first_day() <= a));
        if let Some(x) = times.iter().filter(|x| (forward_ok || !x.future) && possible(x)).min_by_key(|x| {
            if x.span.end <= t.start {
                t.start - x.span.end
            } else {
                x.span.start.saturating_sub(t.end)
            }
        }) {
            ev.when = Some(x.value);
        }
    }
}

#[cfg(test)]
mod tests;
