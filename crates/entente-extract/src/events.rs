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
//!   yields the pairs. A class noun with named members ("other powers, particularly X and
//!   Y", "X and states such as Y") counts its members and the party named before it.
//! - appositions in dashes or brackets ("X — an ally of Y — said") and quotation marks
//!   spliced into a clause do not hide a subject; a second verb after "and" that follows
//!   the first verb's object ("X met Y and travelled to Z") takes the first verb's subject,
//!   and a definite description in its place ("... and imposed sanctions on the country")
//!   the first verb's object.
//! - object relative clauses ("the UN, which Iran criticises") take the antecedent as
//!   target; a gerund after "in"/"for" right after a mention ("the decision of X in
//!   designating Y") takes that mention as source; a nominal reaction from a party
//!   ("criticism from X", "a hostile reaction from X") is a reaction to the clause subject
//!   (or the possessor opening the clause); a nominal attack after a passive ("Y was killed
//!   in an X attack") befalls the passive's subject; a relation noun in the "that"-clause of
//!   a speech verb is the speaker's side's relation.

use std::ops::Range;

use entente_core::{Modality, PDate, PloverType, Polarity, When};
use entente_kb::{ActorIdx, Mention};
use entente_text::temporal::{verb_form, TimeExpr, TimeKind, VerbForm};
use entente_text::token::{TokKind, Token};

use crate::lexicon::{class, Lexicon, Pos, Slot, Trigger, WordFilter, WordInfo};

/// What the coder needs of one sentence.
pub struct SentenceInput<'a> {
    pub text: &'a str,
    /// The sentence's tokens ([`entente_text::token::tokenize`]).
    pub tokens: &'a [Token],
    pub mentions: &'a [Mention],
    /// The document's date: the time of an event whose sentence states none.
    pub anchor: Option<PDate>,
}

/// Mentions standing together as one argument (a list, a coordinated group): rarely more
/// than four, kept on the stack.
type Group = smallvec::SmallVec<[usize; 4]>;

/// An event read from a sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct CodedEvent {
    pub source: ActorIdx,
    pub target: ActorIdx,
    pub ptype: PloverType,
    pub mode: Option<compact_str::CompactString>,
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

/// The per-sentence tables of [`Ctx`], kept between sentences so that coding a document
/// allocates them once ([`code_sentence_in_buffers`]).
#[derive(Default)]
pub struct CodeBuffers<'a> {
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
    /// group id -> its mentions, a run of consecutive indices into `mention_ids`
    groups: Vec<Range<usize>>,
    /// `0..mentions`, what a group's range slices
    mention_ids: Vec<usize>,
}

/// A sentence as the coder reads it: its tokens and the tables made from them (read as
/// fields of the context: `ctx.cls[i]`).
struct Ctx<'a> {
    toks: &'a [Token],
    t: CodeBuffers<'a>,
}

impl<'a> std::ops::Deref for Ctx<'a> {
    type Target = CodeBuffers<'a>;
    fn deref(&self) -> &CodeBuffers<'a> {
        &self.t
    }
}

impl std::ops::DerefMut for Ctx<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.t
    }
}

impl<'a> Ctx<'a> {
    /// `b.words`: [`Lexicon::word`] of each token; the other tables of `b` are refilled.
    fn new(lex: &'a Lexicon, input: &SentenceInput<'a>, b: CodeBuffers<'a>) -> Ctx<'a> {
        let toks = input.tokens;
        let CodeBuffers {
            mut m_of_tok,
            mut m_toks,
            mut cls,
            mut lemmas,
            words,
            mut arg_ok,
            mut place,
            mut speaks,
            group_of,
            groups,
            mut mention_ids,
        } = b;
        m_of_tok.clear();
        m_of_tok.resize(toks.len(), None);
        m_toks.clear();
        for (mi, m) in input.mentions.iter().enumerate() {
            // (token spans are in order: the first token ending after the mention's start)
            let a = toks.partition_point(|t| t.span.end <= m.span.start);
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
        lemmas.clear();
        lemmas.extend(
            toks.iter().zip(&words).map(|(t, &w)| if t.kind == TokKind::Word { lex.lemma_in(w) } else { None }),
        );
        arg_ok.clear();
        arg_ok.extend(input.mentions.iter().zip(&m_toks).map(|(m, r)| {
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
            // coordinated demonyms share the head after the last one ("American and
            // British warplanes")
            let mut end = r.end;
            while let (Some(t), Some(&Some(next))) = (toks.get(end), m_of_tok.get(end + 1)) {
                let joins = matches!(t.lower.as_str(), "and" | "or" | ",");
                if !joins || input.mentions[next].via != entente_kb::Via::Demonym || m_toks[next].start != end + 1 {
                    break;
                }
                end = m_toks[next].end;
            }
            match toks.get(end) {
                Some(t) if t.kind == TokKind::Word && !t.cap => lex.grammar.demonym_heads.contains(t.lower.as_str()),
                _ => true,
            }
        }));
        place.clear();
        place.extend(input.mentions.iter().map(|m| m.is_place));
        cls.clear();
        cls.extend(words.iter().map(|w| w.cls));
        speaks.clear();
        speaks.extend(m_toks.iter().map(|r| {
            toks.get(r.end).is_some_and(|t| {
                frame_words(lex).may_be(t.lower.as_str()) && lex.cues.speech_forms.contains(t.lower.as_str())
            })
        }));
        mention_ids.clear();
        mention_ids.extend(0..input.mentions.len());
        let t =
            CodeBuffers { m_of_tok, m_toks, cls, lemmas, words, arg_ok, place, speaks, group_of, groups, mention_ids };
        let mut ctx = Ctx { toks, t };
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
    fn in_pp(&self, mi: usize) -> Option<&str> {
        let mut j = self.m_toks[mi].start;
        let mut skipped = 0;
        while j > 0 && skipped < 3 {
            j -= 1;
            let w = self.w(j);
            if self.cls[j] & class::PREP != 0 {
                return Some(w);
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
        // mentions of one span (a pronoun standing for a group: "They") are one list
        if self.m_toks[prev] == self.m_toks[next] {
            return Some(true);
        }
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
        self.group_of.clear();
        self.group_of.resize(n, 0);
        self.groups.clear();
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
                let mut head = self.m_toks[g.start].start;
                // "denounced the UAE, and Turkey threatened": past the object's determiner
                while head > 1 && self.cls[head - 1] & class::DET != 0 {
                    head -= 1;
                }
                let after = self.m_toks[mi].end;
                let past = |k: usize| self.lemmas.get(k).copied().flatten().is_some_and(|(_, past)| past);
                !(head > 0 && past(head - 1) && past(after))
            };
            if joins {
                let g = self.group_of[mi - 1];
                self.group_of[mi] = g;
                self.groups[g].end = mi + 1;
            } else {
                self.group_of[mi] = self.groups.len();
                self.groups.push(mi..mi + 1);
            }
        }
    }

    fn group(&self, mi: usize) -> &[usize] {
        &self.mention_ids[self.groups[self.group_of[mi]].clone()]
    }

    /// Subject of a predicate whose first token is `h`.
    fn subject(&self, h: usize) -> Option<(Group, &'static str)> {
        let mut j = h;
        while j > 0 {
            j -= 1;
            if self.is_clause_break(j) {
                // "X—a close ally of Y—said": the apposition's host is the subject
                if let Some(d) = self.parenthetical_start(j) {
                    j = d;
                    continue;
                }
                if self.quote_splice(j) {
                    continue;
                }
                return None;
            }
            if let Some(mi) = self.m_of_tok[j] {
                let start = self.m_toks[mi].start;
                let base = self.group(mi);
                // "both X—an ally of Y—and Z—a member of W—agreed": hosts of coordinated
                // appositions before the group (rare: allocated only then)
                let mut hosts = Group::new();
                let mut s = self.m_toks[base[0]].start;
                while s >= 2 && matches!(self.w(s - 1), "and" | ",") {
                    let Some(d) = self.parenthetical_start(s - 2) else { break };
                    let Some(prev) = self.m_of_tok[d - 1] else { break };
                    let g = self.group(prev);
                    if g.iter().any(|x| base.contains(x) || hosts.contains(x)) {
                        break;
                    }
                    s = self.m_toks[g[0]].start;
                    hosts.insert_many(0, g.iter().copied());
                }
                let first = hosts.first().copied().unwrap_or(base[0]);
                let last = *base.last().unwrap();
                // right before its verb a name is a subject even after "after"/"before"/"since"
                // ("a day after Trump visited Israel")
                let adjacent = (self.m_toks[last].end..h).all(|k| self.cls[k] & class::AUX != 0);
                if self.possessor(last) || (self.in_pp(first).is_some() && !adjacent) {
                    j = self.m_toks[first].start;
                    continue;
                }
                let _ = start;
                let mut group: Group =
                    hosts.iter().chain(base).copied().filter(|&g| self.arg_ok[g] && !self.place[g]).collect();
                if group.is_empty() {
                    j = self.m_toks[first].start;
                    continue;
                }
                // "Iran and other states such as Syria condemned ..."
                if let Some(head) = self.list_head(&group) {
                    group.extend(head);
                }
                return Some((group, "subject"));
            }
            // "X, who had called Y a tyrant, shook hands with Z": the subject stands
            // before the relative clause the comma closes
            if self.w(j) == "," && (j + 1..h).all(|k| self.cls[k] & class::AUX != 0) {
                if let Some(c) = self.relative_clause_start(j) {
                    j = c;
                    continue;
                }
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
                        return Some((Group::from_slice(self.group(mi)), "relative_antecedent"));
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

    /// A participle with its agent starts at `k` (", backed by Y,", ", then led by Y,").
    fn participle_by(&self, k: usize) -> bool {
        let mut k = k;
        while k < self.toks.len() && self.cls[k] & class::AUX != 0 {
            k += 1;
        }
        k + 1 < self.toks.len()
            && self.w(k + 1) == "by"
            && (self.w(k).ends_with("ed") || self.lemmas[k].is_some_and(|(_, past)| past))
    }

    /// The comma at `j` closes a non-restrictive relative clause (", who ..., ") or a
    /// participle phrase (", backed by Y,"): the comma that opens it, when it comes after
    /// a mention.
    fn relative_clause_start(&self, j: usize) -> Option<usize> {
        let mut d = j;
        while d > 1 && j - d < 20 {
            d -= 1;
            if self.is_clause_break(d) {
                return None;
            }
            if self.w(d) == "," && (matches!(self.w(d + 1), "who" | "which") || self.participle_by(d + 1)) {
                return self.m_of_tok[d - 1].is_some().then_some(d);
            }
        }
        None
    }

    /// Token `j` closes an apposition set off by dashes or brackets right after a mention
    /// ("Qatar — a close ally of Y —"): the token that opens it.
    fn parenthetical_start(&self, j: usize) -> Option<usize> {
        // the closing mark goes on into the clause ("X (Y) has ...", "X — Y — and"); a
        // dateline ("PARIS (Reuters) - ...") is no apposition
        if self.toks.get(j + 1).is_none_or(|t| t.kind != TokKind::Word) {
            return None;
        }
        let open: &[&str] = match self.w(j) {
            "\u{2014}" | "\u{2013}" => &["\u{2014}", "\u{2013}"],
            ")" => &["("],
            _ => return None,
        };
        let mut d = j;
        while d > 0 && j - d < 16 {
            d -= 1;
            if open.contains(&self.w(d)) {
                return (d > 0 && self.m_of_tok[d - 1].is_some()).then_some(d);
            }
            if self.is_clause_break(d) {
                return None;
            }
        }
        None
    }

    /// A quotation mark spliced into a running clause (`Hamas leadership “has begun to`,
    /// `X and Y,”do not`): after a word, or glued to the lower-case word after it, it opens
    /// no new clause.
    fn quote_splice(&self, j: usize) -> bool {
        let Some(next) = self.toks.get(j + 1).filter(|t| t.kind == TokKind::Word && !t.cap) else {
            return false;
        };
        j > 0
            && match self.w(j) {
                "\u{201c}" | "\"" => self.toks[j - 1].kind == TokKind::Word,
                "\u{201d}" => next.span.start == self.toks[j].span.end,
                _ => false,
            }
    }

    /// The subject of a verb coordinated with an earlier one after that verb's object ("X
    /// visited Y and signed ...", "He tried to approach Y and travelled to Z"); `a` is the
    /// "and". `None` when the mention before the "and" is no verb's object.
    fn subject_past_object(&self, a: usize) -> Option<Option<Group>> {
        let mut k = a;
        if k > 0 && self.w(k - 1) == "," {
            k -= 1;
        }
        let mi = self.m_of_tok[k.checked_sub(1)?]?;
        let mut v = self.m_toks[self.group(mi)[0]].start;
        let mut dets = 0;
        while v > 0 && dets < 2 && self.cls[v - 1] & class::DET != 0 {
            v -= 1;
            dets += 1;
        }
        let v = v.checked_sub(1)?;
        let t = &self.toks[v];
        if t.kind != TokKind::Word || t.cap || self.cls[v] & class::FUNCTION != 0 || self.m_of_tok[v].is_some() {
            return None;
        }
        Some(self.subject(v).map(|(g, _)| g))
    }

    /// The agent of a gerund after "in"/"for" right after a mention ("the position of X in
    /// designating Y", "praised X for backing Y"): that mention.
    fn gerund_agent(&self, h: usize) -> Option<Group> {
        if h < 2 || !self.w(h).ends_with("ing") || !matches!(self.w(h - 1), "in" | "for") {
            return None;
        }
        let mi = self.m_of_tok[h - 2]?;
        // "arrested in Niger for collaborating with X": a place phrase names no agent
        if self.in_pp(self.group(mi)[0]).is_some_and(|p| p != "of") {
            return None;
        }
        let g: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g] && !self.place[g]).collect();
        (!g.is_empty()).then_some(g)
    }

    /// A relation noun after a possessive pronoun and before the name it describes ("his
    /// ally and comrade Y"): Y as the source, and as the target the pronoun's referent (its
    /// coreference mention, else the name that opens the sentence).
    fn possessed_agent(&self, h: usize, e: usize) -> Option<(Group, Group)> {
        let p = (h.saturating_sub(2)..h).find(|&k| matches!(self.w(k), "his" | "her" | "its" | "their"))?;
        if (p + 1..h)
            .any(|k| self.toks[k].kind != TokKind::Word || self.toks[k].cap || self.cls[k] & class::FUNCTION != 0)
        {
            return None;
        }
        let mut j = e;
        let mut words = 0;
        while j < self.toks.len() && words <= 3 {
            if let Some(mi) = self.m_of_tok[j] {
                let g: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g] && !self.place[g]).collect();
                if g.is_empty() {
                    return None;
                }
                let t = match self.m_of_tok[p] {
                    Some(pm) => smallvec::smallvec![pm],
                    None => self.opening_subject()?,
                };
                return Some((g, t));
            }
            let t = &self.toks[j];
            if t.kind != TokKind::Word || t.cap || (self.cls[j] & class::FUNCTION != 0 && t.lower != "and") {
                return None;
            }
            words += 1;
            j += 1;
        }
        None
    }

    /// The mention group that opens the sentence (after a determiner or a quotation mark).
    fn opening_subject(&self) -> Option<Group> {
        let j = (0..self.toks.len()).find(|&k| self.toks[k].kind == TokKind::Word && self.cls[k] & class::DET == 0)?;
        let mi = self.m_of_tok[j]?;
        let g: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g] && !self.place[g]).collect();
        (!g.is_empty() && !self.possessor(*g.last()?)).then_some(g)
    }

    /// The antecedent of an object relative clause ("the UN, which Iran criticises"): the
    /// mention group before the "which"/"whom" that opens the clause of subject `src`.
    fn relative_object(&self, src: &[usize], h: usize) -> Option<Group> {
        // the verb follows its subject ("which Iran criticises"), not a verb of its own
        // ("which Iran said would attack")
        if !(self.m_toks[*src.last()?].end..h).all(|k| self.cls[k] & class::AUX != 0) {
            return None;
        }
        let s = self.m_toks[*src.first()?].start;
        let r = s.checked_sub(1)?;
        if !matches!(self.w(r), "which" | "whom") {
            return None;
        }
        let mut k = r;
        if k > 0 && self.w(k - 1) == "," {
            k -= 1;
        }
        let mi = self.m_of_tok[k.checked_sub(1)?]?;
        let mut g: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g]).collect();
        if let Some(head) = self.list_head(&g) {
            g.extend(head);
        }
        (!g.is_empty()).then_some(g)
    }

    /// The clause subject, else a possessor opening the clause ("X's policy drew a hostile
    /// reaction from Y"): what a nominal reaction reacts to.
    fn subject_or_possessor(&self, h: usize) -> Option<Group> {
        // (a relative clause's antecedent may sit inside the subject's own phrase)
        match self.subject(h) {
            Some((g, "subject")) => return Some(g),
            Some(_) => return None,
            None => {}
        }
        let mut j = h;
        let mut first = None;
        while j > 0 {
            if self.is_clause_break(j - 1) || self.cls[j - 1] & class::CLAUSE_OPENER != 0 || self.w(j - 1) == "," {
                break;
            }
            j -= 1;
            if let Some(mi) = self.m_of_tok[j] {
                first = Some(mi);
            }
        }
        let mi = first?;
        let s = self.m_toks[mi].start;
        let opens = (j..s).all(|k| self.cls[k] & class::DET != 0);
        (opens && self.possessor(mi) && self.arg_ok[mi] && !self.place[mi]).then(|| smallvec::smallvec![mi])
    }

    /// The subject of a speech verb whose "that"-clause opens with the noun phrase of head
    /// `h` ("X said that relations with Y are good"): the side that states the relation.
    fn speaker_of_complement(&self, lex: &Lexicon, h: usize) -> Option<Group> {
        let mut t = h;
        let mut n = 0;
        while t > 0 && n < 3 {
            t -= 1;
            n += 1;
            if self.w(t) == "that" {
                let v = t.checked_sub(1)?;
                if !lex.cues.speech_forms.contains(self.w(v)) {
                    return None;
                }
                return self.subject(v).map(|(g, _)| g);
            }
            let tok = &self.toks[t];
            if tok.kind != TokKind::Word || tok.cap || self.is_prep(t) || self.m_of_tok[t].is_some() {
                return None;
            }
        }
        None
    }

    /// A nominal event in a phrase after a passive verb ("Y was killed in an X attack"):
    /// the passive's subject is what the event befell.
    fn passive_host(&self, h: usize) -> Option<Group> {
        let mut j = h;
        let mut n = 0;
        while j > 0 && n < 5 {
            j -= 1;
            n += 1;
            let t = &self.toks[j];
            if matches!(t.lower.as_str(), "in" | "by" | "during") {
                let v = j.checked_sub(1)?;
                let past = self.lemmas[v].is_some_and(|(_, p)| p) || self.w(v).ends_with("ed");
                if !past || self.toks[v].cap {
                    return None;
                }
                let b = (v.saturating_sub(2)..v).rev().find(|&k| self.cls[k] & class::BE != 0)?;
                return self.subject(b).map(|(g, _)| g);
            }
            if self.m_of_tok[j].is_some() || self.cls[j] & class::DET != 0 {
                continue;
            }
            if t.kind != TokKind::Word || t.cap || self.cls[j] & class::FUNCTION != 0 {
                return None;
            }
        }
        None
    }

    /// The mention group right after token `e` (skipping up to three modifiers).
    fn object(&self, e: usize) -> Option<Group> {
        let mut j = e;
        let mut skipped = 0;
        while j < self.toks.len() {
            if skipped > 3 {
                // a noun phrase of four words, then its apposition: "praised the late Kuwaiti
                // ruler, Sheikh Sabah, for ..."
                return (skipped == 4 && self.toks[j].lower == ",").then(|| self.apposition(j + 1)).flatten();
            }
            if let Some(mi) = self.m_of_tok[j] {
                let mut group: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g]).collect();
                if !group.is_empty() {
                    if let Some(tail) = self.list_tail(&group) {
                        group.extend(tail.into_iter().filter(|g| !group.contains(g)).collect::<Vec<_>>());
                    }
                }
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
            // "other regional powers, particularly X, Y and Z": the list names the members
            if skipped >= 1 && t.lower == "," {
                if let Some(n) = self.list_intro(j + 1) {
                    j = n;
                    skipped = 0;
                    continue;
                }
                if let Some(g) = self.apposition(j + 1) {
                    return Some(g);
                }
            }
            if t.kind == TokKind::Punct || self.is_prep(j) || self.cls[j] & class::CLAUSE_OPENER != 0 {
                return None;
            }
            // "sided with the rebels fighting X": a verb's "-ing" form after a noun opens that
            // noun's own clause (not after a determiner: "the ruling X")
            if skipped >= 1
                && t.lower.ends_with("ing")
                && self.lemmas[j].is_some()
                && self.toks[j - 1].kind == TokKind::Word
                && !self.toks[j - 1].cap
                && self.cls[j - 1] & class::FUNCTION == 0
            {
                return None;
            }
            skipped += 1;
            j += 1;
        }
        None
    }

    /// The actors of an apposition that starts at token `k`, right after the comma that
    /// follows a noun phrase naming no actor: a name (after capitalised titles) closed by a
    /// comma or the sentence's end ("the late ruler, Sheikh Sabah, for ..."), not a clause
    /// ("the talks, Iran said").
    fn apposition(&self, k: usize) -> Option<Group> {
        // a title may stand before the name ("Sheikh", "President")
        let mut k = k;
        while self.toks.get(k).is_some_and(|t| t.cap && t.kind == TokKind::Word) && self.m_of_tok[k].is_none() {
            k += 1;
        }
        let mi = self.m_of_tok.get(k).copied().flatten()?;
        if self.m_toks[mi].start != k {
            return None;
        }
        let group: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g]).collect();
        let end = self.m_toks[*group.last()?].end;
        matches!(self.toks.get(end).map(|t| t.lower.as_str()), None | Some("," | "." | ";")).then_some(group)
    }

    /// A word introducing the members of a class named before it ("powers, particularly X",
    /// "groups such as X"): the token after it.
    fn list_intro(&self, j: usize) -> Option<usize> {
        let t = self.toks.get(j)?;
        if self.cls[j] & class::MEMBER_INTRO != 0 {
            return Some(j + 1);
        }
        (t.lower == "such" && self.toks.get(j + 1).is_some_and(|n| n.lower == "as")).then_some(j + 2)
    }

    /// The class a group is the named members of ("X and other states such as Y and Z",
    /// "X and institutions like Y"): the mentions named before the class noun.
    fn list_head(&self, group: &[usize]) -> Option<Group> {
        let mut s = self.m_toks[*group.first()?].start;
        while s > 0 && self.cls[s - 1] & class::DET != 0 {
            s -= 1;
        }
        let j = match s.checked_sub(1)? {
            k if k > 0 && self.w(k) == "as" && self.w(k - 1) == "such" => k - 1,
            k if self.cls[k] & class::MEMBER_INTRO != 0 => k,
            _ => return None,
        };
        // the class noun phrase: a few lower-case words after "and"
        let mut k = j;
        let mut words = 0;
        while k > 0 && words < 4 {
            k -= 1;
            let t = &self.toks[k];
            if t.lower == "," && words == 0 {
                continue;
            }
            if t.lower == "and" && words > 0 {
                let mi = self.m_of_tok[k.checked_sub(1)?]?;
                let g: Group = self.group(mi).iter().copied().filter(|&g| self.arg_ok[g] && !self.place[g]).collect();
                return (!g.is_empty()).then_some(g);
            }
            if t.kind != TokKind::Word
                || t.cap
                || self.cls[k] & class::FUNCTION & !class::DET != 0
                || self.m_of_tok[k].is_some()
            {
                return None;
            }
            words += 1;
        }
        None
    }

    /// A list that goes on past its named members ("X, Y and other regional parties,
    /// including Z", "Arab states, particularly X and Y"): the members named after the
    /// first group.
    fn list_tail(&self, group: &[usize]) -> Option<Group> {
        let mut j = self.m_toks[*group.last()?].end;
        let (mut words, mut more) = (0, Group::new());
        while j < self.toks.len() && words <= 4 {
            let t = &self.toks[j];
            if let Some(n) = self.list_intro(j) {
                if words == 0 && !(j > 0 && self.w(j - 1) == ",") {
                    return None;
                }
                more.extend(self.object(n).unwrap_or_default());
                break;
            }
            if let Some(mi) = self.m_of_tok[j] {
                if words > 0 || !self.arg_ok[mi] {
                    break;
                }
                more.push(mi);
                j = self.m_toks[mi].end;
                continue;
            }
            if t.lower == "," || t.lower == "and" || t.lower == "or" {
                j += 1;
                continue;
            }
            if t.kind != TokKind::Word || t.cap || self.is_prep(j) || self.cls[j] & class::CLAUSE_OPENER != 0 {
                break;
            }
            if words == 0 && self.cls[j] & class::QUANTIFIER == 0 {
                return None;
            }
            words += 1;
            j += 1;
        }
        (words > 0 || j > 0 && self.list_intro(j).is_some()).then_some(more).filter(|m| !m.is_empty())
    }

    /// In a fronted phrase ("In his meeting with X, Y said"), the subject after the comma
    /// that closes it.
    fn fronted_subject(&self, e: usize) -> Option<Group> {
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
    fn prep_object(&self, e: usize, prep: &str) -> Option<(Group, usize)> {
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
    fn noun_agent(&self, h: usize) -> Option<Group> {
        self.noun_agent_skipping(h).map(|(g, _)| g)
    }

    /// [`Ctx::noun_agent`] with the number of words between it and the noun.
    fn noun_agent_skipping(&self, h: usize) -> Option<(Group, usize)> {
        let mut j = h;
        let mut skipped = 0;
        while j > 0 && skipped <= 3 {
            j -= 1;
            let t = &self.toks[j];
            if t.kind == TokKind::Possessive {
                if j > 0 {
                    if let Some(mi) = self.m_of_tok[j - 1] {
                        return Some((smallvec::smallvec![mi], skipped));
                    }
                }
                return None;
            }
            if let Some(mi) = self.m_of_tok[j] {
                return Some((smallvec::smallvec![mi], skipped));
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

/// Whether the pattern `ids` ([`crate::lexicon::Trigger::ids`]) matches with its head at token
/// `h`: the token after the match.
fn matches_ids(ctx: &Ctx, ids: &[u32], h: usize) -> Option<usize> {
    // returns the end token (exclusive) of the match
    let mut j = h + 1;
    let mut wi = 1;
    while wi < ids.len() {
        match ids[wi] {
            0 => {
                // gap: find the next word within 0..=3 tokens
                let next = ids.get(wi + 1).copied().unwrap_or(0);
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

/// A verb trigger that is not a past form, in the clause of a forward-looking cue further back
/// than the near window ("X is expected to move slowly in restoring ties with Y"): the
/// clause runs back to a comma, a clause opener, a relative pronoun or a clause break.
fn governed_ahead(ctx: &Ctx, lex: &Lexicon, h: usize) -> bool {
    if h < 5 || ctx.lemmas[h].is_some_and(|(_, past)| past) {
        return false;
    }
    let mut k = h;
    while k > 0 && h - k < 12 {
        let j = k - 1;
        if ctx.is_clause_break(j) || ctx.w(j) == "," || ctx.cls[j] & (class::CLAUSE_OPENER | class::RELATIVE) != 0 {
            break;
        }
        k = j;
    }
    k + 4 < h && lex.cues.expected.any_marked_in(ctx.toks, &ctx.cls, class::EXPECTED_CUE, k..h - 4)
}

/// A relation noun in an apposition to its source ("X, a close ally of Y, visited ...",
/// "Qatar, Hamas's other backer, helped ..."): the writer's description, which the
/// attribution of the main clause to a source does not cover.
fn appositive(ctx: &Ctx, trig: &Trigger, agent_noun: bool, source: &Option<Group>, h: usize) -> bool {
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

/// The prefilter before the hash lookups of [`frames`]: the speech verb forms and
/// "according", made from the lexicon's cues at its first use.
fn frame_words(lex: &Lexicon) -> &WordFilter {
    lex.frame_words
        .get_or_init(|| WordFilter::new(lex.cues.speech_forms.iter().map(String::as_str).chain(["according"])))
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
        while let Some(p) = memchr::memchr2(b'"', 0xE2, &b[from..]) {
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
    code_sentence_in_buffers(lex, input, &mut CodeBuffers::default())
}

/// [`code_sentence`] with tables kept from the sentences coded before (the same result,
/// fewer allocations).
pub fn code_sentence_in_buffers<'a>(
    lex: &'a Lexicon,
    input: &SentenceInput<'a>,
    buffers: &mut CodeBuffers<'a>,
) -> Vec<CodedEvent> {
    if input.mentions.is_empty() {
        return Vec::new();
    }
    // most sentences hold no trigger at all: say so before any other work
    let mut b = std::mem::take(buffers);
    b.words.clear();
    b.words.extend(input.tokens.iter().map(|t| lex.word(&t.lower)));
    if !input.tokens.iter().zip(&b.words).any(|(t, w)| t.kind == TokKind::Word && w.has_lemma()) {
        *buffers = b;
        return Vec::new();
    }
    let ctx = Ctx::new(lex, input, b);
    let out = code_with(&ctx, lex, input);
    *buffers = ctx.t;
    out
}

/// The events of the sentence `ctx` holds.
fn code_with<'a>(ctx: &Ctx<'a>, lex: &'a Lexicon, input: &SentenceInput<'a>) -> Vec<CodedEvent> {
    let n = ctx.toks.len();
    let anonymous = std::cell::OnceCell::new();
    let mut out: Vec<CodedEvent> = Vec::new();
    let mut last_verb_subject: Option<Group> = None;
    let mut last_verb_target: Option<Group> = None;
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
        // ... or right after an adjective that follows one ("the first visit by X")
        let looks_noun = (h > 0 && ctx.cls[h - 1] & class::DET != 0)
            || prev == "'s"
            || (h > 1
                && ctx.cls[h - 1] & class::NOUN_ADJ != 0
                && (ctx.cls[h - 2] & class::DET != 0 || ctx.w(h - 2) == "'s"));
        // (matched lazily: a match depends on the sentence alone, not on the events so far)
        // an "-ing" noun lemma is also the gerund of its verb after a preposition, an
        // auxiliary or a past verb ("of funding Y", "denied funding Y"; not "the rebels
        // fighting Y", "a meeting with Y"): the verb's entries come after the word's own
        let gerund = h > 0
            && (ctx.is_prep(h - 1)
                || ctx.cls[h - 1] & (class::AUX | class::BE) != 0
                || ctx.lemmas[h - 1].is_some_and(|(_, past)| past));
        // (the entries are read side by side; a trigger itself only once it matches)
        let entries =
            lex.entries_of(ctx.words[h]).iter().chain(lex.gerund_entries_of(ctx.words[h]).filter(move |_| gerund));
        let candidates = entries.filter_map(|he| {
            if (he.pos == Pos::Verb && looks_noun && he.len == 1) || (he.pos == Pos::Noun && past) {
                return None;
            }
            matches_ids(ctx, he.ids(lex), h).map(|e| (he.ti as usize, e))
        });
        let mut advanced = false;
        for (ti, e) in candidates {
            let before = out.len();
            let last = (&last_verb_subject, &last_verb_target);
            let (subj, tgt) = attach(ctx, lex, input, ti, h, e, past, &anonymous, last, &mut out);
            // a verb's subject carries over to the verbs coordinated with it, even when the
            // verb itself yielded no event
            // a gerund after a preposition ("accused X of supporting ...") is no coordinated verb
            let gerund = h > 0 && ctx.is_prep(h - 1) && ctx.w(h).ends_with("ing");
            if lex.triggers[ti].pos == Pos::Verb && subj.is_some() && !gerund {
                last_verb_subject = subj;
                // "accused X of supporting terrorism and ...": a verb without an object
                // leaves the earlier object in place
                if tgt.is_some() {
                    last_verb_target = tgt;
                }
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

/// Whether token `k` is "May" the month ("on May 3", "visited X in May and ..."), not the
/// modal: a number follows, or it is capitalised inside a sentence that is not in title case
/// (the word before it is lower case).
fn month_may(toks: &[Token], k: usize) -> bool {
    toks[k].lower == "may"
        && (toks.get(k + 1).is_some_and(|t| t.kind == TokKind::Number)
            || (k > 0 && toks[k].cap && toks[k - 1].kind == TokKind::Word && !toks[k - 1].cap))
}

/// Attaches arguments, modality and time to trigger entry `ti` matched at tokens `h..e`,
/// pushing its events; returns the subject and the target used (for a following
/// coordinated verb).
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
    (last_verb_subject, last_verb_target): (&Option<Group>, &Option<Group>),
    out: &mut Vec<CodedEvent>,
) -> (Option<Group>, Option<Group>) {
    let trig = &lex.triggers[ti];
    let n_toks = ctx.toks.len();
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
    let mut source: Option<Group>;
    let mut target: Option<Group> = None;
    let mut subject_used: Option<Group> = None;
    let mut from_source = false;
    let _ = past;
    // a participle after a noun with its agent right after it: "a ceremony hosted by X",
    // "the militias backed by X" (not after a comma: "X, backed by Y, ...")
    let reduced_passive = !passive
        && trig.pos == Pos::Verb
        && past
        && h > 0
        && e < n_toks
        && ctx.w(e) == "by"
        && ctx.toks[h - 1].kind == TokKind::Word
        && ctx.cls[h - 1] & (class::AUX | class::BE | class::RELATIVE) == 0
        && ctx.prep_object(e, "by").is_some_and(|(_, j)| j == e);
    if passive {
        source = ctx.prep_object(e, "by").map(|(g, _)| g);
        target = ctx.subject(h).map(|(g, _)| g);
        rule.push("passive".into());
    } else if reduced_passive {
        // the noun the participle modifies is the target when it names an actor
        source = ctx.prep_object(e, "by").map(|(g, _)| g);
        target = ctx.m_of_tok[h - 1].map(|mi| Group::from_slice(ctx.group(mi)));
        rule.push("reduced_passive".into());
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
                    let past_object = (k > 0 && ctx.w(k - 1) == "and" && last_verb_subject.is_none())
                        .then(|| ctx.subject_past_object(k - 1))
                        .flatten();
                    if k > 0 && matches!(ctx.w(k - 1), "and" | "but" | "then") && last_verb_subject.is_some() {
                        source = last_verb_subject.clone();
                        rule.push("coordinated_verb".into());
                    } else if let Some(g) = past_object {
                        // the mention before "and" is the first verb's object
                        source = g;
                        rule.push("coordinated_verb".into());
                    } else if let Some(g) = ctx.gerund_agent(h) {
                        // "the position of X in designating Y", "condemned X for arming Y"
                        source = Some(g);
                        rule.push("gerund_agent".into());
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
                    // a name right before the noun (or its possessive) is its agent; one
                    // further back gives way to a by- or from-phrase right after the noun
                    // ("X has documented weapons shipments from Y to Z")
                    source = ctx.noun_agent_skipping(h).and_then(|(g, skipped)| {
                        let explicit =
                            || ["by", "from"].iter().any(|p| ctx.prep_object(e, p).is_some_and(|(_, j)| j == e));
                        (skipped == 0 || !explicit()).then_some(g)
                    });
                    let pronoun_possessor =
                        (h.saturating_sub(5)..h).any(|k| matches!(ctx.w(k), "his" | "her" | "its" | "their"));
                    if source.is_some() {
                        rule.push("noun_agent".into());
                    } else if let Some(g) = pronoun_possessor.then(|| ctx.fronted_subject(e)).flatten() {
                        // "In his meeting with X, Y said ...": the main clause's subject
                        source = Some(g);
                        rule.push("fronted_phrase".into());
                    } else if let Some((g, _)) = ctx.prep_object(e, "by") {
                        source = Some(g);
                        rule.push("by_phrase".into());
                    } else if let Some((g, _)) = ctx.prep_object(e, "from") {
                        source = Some(g);
                        from_source = true;
                        rule.push("by_phrase".into());
                    } else if let Some(g) = trig.symmetric.then(|| ctx.speaker_of_complement(lex, h)).flatten() {
                        // "X added that ties with Y are good": a relation stated by one side
                        source = Some(g);
                        rule.push("speaker_relation".into());
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
                // "ties with X are good": the preposition is a word of the pattern
                Slot::Prep(p) if e > h + 2 && trig.pattern.split(' ').any(|w| w == p) => {
                    ctx.prep_object(h + 1, p).map(|(g, _)| g)
                }
                Slot::Prep(p) => ctx.prep_object(e, p).map(|(g, _)| g),
                // a noun's recipient as `subj` is the subject of the verb of its clause ("X
                // hosted Z at the request of Y"): none without such a verb
                Slot::Subj if trig.pos == Pos::Noun => last_verb_subject.clone(),
                Slot::Subj => ctx.subject(h).map(|(g, _)| g),
            };
            if got.is_some() {
                target = got;
                break;
            }
        }
        // ", accusing it of ...": a participle continuing the main clause whose object is a
        // pronoun speaks of the main verb's object (a singular pronoun of a single actor)
        if target.is_none() && rule.iter().any(|r| r == "participle") && e < n_toks && trig.target.contains(&Slot::Obj)
        {
            let fits = |g: &Group| match ctx.w(e) {
                "it" | "him" | "her" => g.len() == 1,
                "them" => true,
                _ => false,
            };
            if last_verb_target.as_ref().is_some_and(fits) {
                target = last_verb_target.clone();
                rule.push("participle_pronoun".into());
            }
        }
        if target.is_none() && source.is_some() {
            if trig.pos == Pos::Verb {
                // "the UN, which Iran criticises": the antecedent is the object
                if trig.target.contains(&Slot::Obj) && rule.last().is_some_and(|r| r == "subject") {
                    target = source.as_deref().and_then(|g| ctx.relative_object(g, h));
                    if target.is_some() {
                        rule.push("relative_object".into());
                    }
                }
                // "X accused Y of ... and imposed sanctions on the country": a definite
                // description in the second verb's place is the first verb's object
                if target.is_none() && rule.iter().any(|r| r == "coordinated_verb") && last_verb_target.is_some() {
                    let described = trig.target.iter().any(|slot| match slot {
                        Slot::Prep(p) => {
                            ctx.prep_object(e, p).is_none() && {
                                let end = (e + 4).min(n_toks);
                                (e..end).any(|k| ctx.w(k) == p.as_str() && k + 1 < n_toks && ctx.w(k + 1) == "the")
                            }
                        }
                        _ => false,
                    });
                    if described {
                        target = last_verb_target.clone();
                        rule.push("coordinated_object".into());
                    }
                }
            } else if from_source {
                // "criticism from Y", "a hostile reaction from Y": a reaction to the clause subject
                target = ctx.subject_or_possessor(h);
                if target.is_some() {
                    rule.push("reaction_to_subject".into());
                }
            } else if matches!(trig.ptype, PloverType::Assault | PloverType::Coerce) {
                // "Y was killed in an X attack"
                target = ctx.passive_host(h);
                if target.is_some() {
                    rule.push("passive_host".into());
                }
            }
        }
        if source.is_none() {
            // "the tension between Qatar and Saudi Arabia": the pair are the parties
            if let Some((g, _)) = ctx.prep_object(e, "between") {
                if g.len() >= 2 {
                    source = Some(smallvec::smallvec![g[0]]);
                    target = Some(Group::from_slice(&g[1..]));
                    rule.push("between".into());
                }
            }
        }
        if agent_noun && target.is_none() {
            // "Hamas's other backer": the possessor is the target
            target = ctx.noun_agent(h);
        }
        // "X visited Doha to meet his ally Y": Y is the ally, of whom "his" stands for
        if let Some((s, t)) = agent_noun.then(|| ctx.possessed_agent(h, e)).flatten() {
            source = Some(s);
            target = Some(t);
            rule.push("possessed_agent".into());
        }
    }

    // "they demanded that Qatar cut ties with Iran": the content of a demand is no event; nor
    // is a request asked for ("urged Arab states to demand concessions from Y")
    if trig.ptype != PloverType::Request || (h > 0 && ctx.w(h - 1) == "to") {
        let src_start = source.as_ref().and_then(|g| g.first()).map_or(h, |&m| ctx.m_toks[m].start);
        // only in the clause: ", and Y threatened" opens a clause of its own
        let last_demand = (0..src_start).rev().find(|&k| ctx.cls[k] & class::DEMAND != 0);
        if last_demand.is_some_and(|d| {
            !(d + 1..src_start).any(|k| ctx.w(k - 1) == "," && matches!(ctx.w(k), "and" | "but" | "while"))
        }) {
            return (subject_used, target);
        }
    }
    // nothing to code without both sides (or a plural subject of a symmetric trigger)
    let codable = match (&source, &target) {
        (Some(_), Some(_)) => true,
        (Some(src), None) => (trig.symmetric || (trig.pos == Pos::Noun && trig.ptype.symmetric())) && src.len() >= 2,
        _ => false,
    };
    if !codable {
        return (subject_used, target);
    }
    // modality
    let window_start = h.saturating_sub(5);
    let win = window_start..h;
    let mut modality = Modality::Asserted;
    let mut ptype = trig.ptype;
    let mut polarity = trig.polarity;
    // a negation inside the pattern's gaps ("reached no agreement", "ties with X are not good")
    let negated = lex.cues.denied.any_marked_in(ctx.toks, &ctx.cls, class::DENIED_CUE, win.clone())
        || (h + 1..e).any(|k| matches!(ctx.w(k), "not" | "no" | "never" | "n't" | "neither" | "nor"));
    let expected = lex.cues.expected.any_marked_in(ctx.toks, &ctx.cls, class::EXPECTED_CUE, h.saturating_sub(4)..h)
        || intended(ctx, lex, h)
        || (trig.pos == Pos::Verb && governed_ahead(ctx, lex, h));
    let hypothetical = (h.saturating_sub(3)..h).any(|k| {
        ctx.cls[k] & class::HYPOTHETICAL_CUE != 0
            && lex.cues.hypothetical.starts_at(ctx.toks, k)
            && !month_may(ctx.toks, k)
    });
    // "threatened to cut ties with X": the threat is the event, the act lies ahead
    let threatened = h >= 2
        && ctx.w(h - 1) == "to"
        && matches!(ctx.w(h - 2), "threaten" | "threatens" | "threatened" | "threatening")
        && matches!(
            ptype,
            PloverType::Sanction
                | PloverType::Coerce
                | PloverType::Assault
                | PloverType::Mobilize
                | PloverType::Reject
                | PloverType::Protest
        );
    if threatened {
        ptype = PloverType::Threaten;
        polarity = Polarity::Negative;
        rule.push("threatened_act".into());
    }
    if negated {
        if matches!(ptype, PloverType::Agree | PloverType::Support) && trig.pos == Pos::Verb {
            ptype = PloverType::Reject;
            polarity = Polarity::Negative;
            rule.push("negated_acceptance".into());
        } else {
            modality = Modality::Denied;
        }
    } else if threatened {
        // the threat itself happened
    } else if expected {
        modality = Modality::Expected;
    } else if hypothetical {
        modality = Modality::Hypothetical;
    } else if appositive(ctx, trig, agent_noun, &source, h) {
        // the writer's description, not what a source or speaker said
        rule.push("apposition".into());
    } else if *anonymous.get_or_init(|| {
        lex.grammar.anonymous_sources.any_marked_in(ctx.toks, &ctx.cls, class::ANONYMOUS_CUE, 0..ctx.toks.len())
    }) {
        modality = Modality::Reported;
    }

    // "accused X of supplying Y": what an accusation alleges is no established fact
    if modality == Modality::Asserted && trig.pos == Pos::Verb && ctx.w(h).ends_with("ing") {
        let of = (h.saturating_sub(2)..h).rev().find(|&k| ctx.w(k) == "of");
        if of.is_some_and(|o| {
            (o.saturating_sub(8)..o).any(|k| {
                matches!(ctx.w(k), "accuse" | "accuses" | "accused" | "accusing" | "suspected" | "suspects" | "alleged")
            })
        }) {
            modality = Modality::Reported;
            rule.push("alleged".into());
        }
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
        // "trigger:<pattern>,<rule>,...", written only for an event
        let mut r = String::with_capacity(64);
        r.push_str("trigger:");
        r.push_str(&trig.pattern);
        for x in &rule {
            r.push(',');
            r.push_str(x);
        }
        if !extra.is_empty() {
            r.push(',');
            r.push_str(extra);
        }
        let ev = CodedEvent {
            source: ms.actor,
            target: mt.actor,
            ptype,
            mode: if threatened { None } else { trig.mode.as_deref().map(compact_str::CompactString::new) },
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
    (subject_used, target)
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
    // each token's classes, looked up at its first reading (u16::MAX: not yet)
    let memo: Vec<std::cell::Cell<u16>> = vec![std::cell::Cell::new(u16::MAX); n];
    let cls = |i: usize| {
        if memo[i].get() == u16::MAX {
            memo[i].set(lex.grammar.classes.get(toks[i].lower.as_str()).copied().unwrap_or(0));
        }
        memo[i].get()
    };
    // quotation marks and brackets do not part a time from its clause ("said on March 10,
    // 'Iran is ...'", "X meeting with Y (L) ... on February 12")
    // the words of a time expression are no clause openers ("since" in "since 2010")
    let in_time = |i: usize| times.iter().any(|x| x.span.start <= toks[i].span.start && toks[i].span.end <= x.span.end);
    let barrier = |i: usize| {
        // nor does a clause of the same time ("visited X when he toured Y in 2012")
        if in_time(i) || matches!(toks[i].lower.as_str(), "when" | "while") {
            return false;
        }
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
            // a time inside an apposition before the trigger dates the noun phrase, not the
            // clause: "X visited Y on May 3, the first visit since 2010, and signed ..."
            if xe <= h && in_apposition(toks, &cls, xs, xe, h) {
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

/// Whether tokens `xs..xe` stand in a noun phrase or a relative clause set off by commas
/// that closes before `h`: a comma, a determiner or a relative pronoun, the phrase, and a
/// comma before `h` ("X, which cut ties with Y in June, has accused ...").
fn in_apposition(toks: &[Token], cls: &impl Fn(usize) -> u16, xs: usize, xe: usize, h: usize) -> bool {
    let Some(open) = (0..xs).rev().find(|&i| toks[i].lower == ",") else {
        return false;
    };
    let closes = (xe..h).any(|i| toks[i].lower == ",");
    closes && open + 1 < xs && cls(open + 1) & (class::DET | class::RELATIVE) != 0
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
