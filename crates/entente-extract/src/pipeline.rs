//! The per-document pipeline: raw page -> clean blocks -> publication date and outlet ->
//! sentences -> actor mentions -> events; and the merge of many documents into one
//! [`Extraction`]. Pure functions of their input: no I/O here.

use std::collections::{BTreeMap, HashMap};

use entente_core::{PDate, PloverType};
use entente_kb::{resolve, ActorIdx, DocContext, Kb, KbError, Mention};
use entente_text::{clean, outlet, pubdate, segment, temporal, BlockKind, Format};

use crate::candidates::{Candidate, CandidateError, CandidateLexicon, DocCandidates, Guess};
use crate::coref::{self, CorefError, CorefLexicon, CorefMemory};
use crate::events::{self, CodedEvent, SentenceInput};
use crate::lexicon::{Lexicon, LexiconError};
use crate::ontology::{Ontology, OntologyError};
use crate::output::{ActorOut, AffiliationOut, DocumentOut, EventOut, Extraction, Failure};
use crate::pubinfer;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("knowledge base: {0}")]
    Kb(#[from] KbError),
    #[error("lexicon: {0}")]
    Lexicon(#[from] LexiconError),
    #[error("ontology: {0}")]
    Ontology(#[from] OntologyError),
    #[error("calendar: {0}")]
    Calendar(String),
    #[error("candidates: {0}")]
    Candidates(#[from] CandidateError),
    #[error("coreference: {0}")]
    Coref(#[from] CorefError),
}

/// A raw input document.
#[derive(Clone, Debug)]
pub struct RawDoc {
    pub id: String,
    pub file: String,
    pub text: String,
    pub format: Format,
}

/// A sentence of a document with its section.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub text: String,
    pub section: BlockKind,
}

/// The result for one document, before merging.
#[derive(Clone, Debug)]
pub struct DocResult {
    pub document: DocumentOut,
    pub events: Vec<(CodedEvent, usize)>,
    pub sentences: Vec<Sentence>,
    /// The surface forms actors were named by: (actor, sentence, byte range in its text),
    /// each form once per sentence (strings are made at the merge, once per new alias).
    pub mentions: Vec<(ActorIdx, usize, std::ops::Range<usize>)>,
    /// How many times each actor was mentioned.
    pub counts: Vec<(ActorIdx, usize)>,
    /// The document's candidate actors: index `kb.actors.len() + i` is `candidates[i]`.
    pub candidates: Vec<Candidate>,
}

/// The loaded knowledge: actors, lexicon, ontology, calendar.
pub struct Pipeline {
    pub kb: Kb,
    pub lexicon: Lexicon,
    pub ontology: Ontology,
    pub calendar: pubinfer::Calendar,
    /// Cues for candidate actors (names the knowledge base lacks).
    pub candidates: CandidateLexicon,
    /// Pronouns and descriptions that stand for actors named before.
    pub coref: CorefLexicon,
    /// The calendar's episodes with their actors' indices in `kb` (none for an actor the
    /// knowledge base lacks: such an episode is never named); made by [`Pipeline::embedded`]
    /// and [`Pipeline::with_kb`].
    episode_actors: Vec<Option<Vec<ActorIdx>>>,
}

impl Pipeline {
    /// The pipeline with the embedded default data.
    pub fn embedded() -> Result<Pipeline, PipelineError> {
        let mut p = Pipeline {
            kb: Kb::embedded()?,
            lexicon: Lexicon::embedded()?,
            ontology: Ontology::embedded()?,
            calendar: pubinfer::Calendar::embedded().map_err(PipelineError::Calendar)?,
            candidates: CandidateLexicon::embedded()?,
            coref: CorefLexicon::embedded()?,
            episode_actors: Vec::new(),
        };
        p.episode_actors = p.calendar.episode_actors(&p.kb);
        Ok(p)
    }

    pub fn with_kb(mut self, kb: Kb) -> Pipeline {
        self.kb = kb;
        self.episode_actors = self.calendar.episode_actors(&self.kb);
        self
    }

    /// Runs every stage on one document.
    pub fn process(&self, raw: &RawDoc) -> DocResult {
        let cleaned = clean(&raw.text, raw.format);
        let stated = pubdate::stated_date(&raw.text, &cleaned);
        let outlet = outlet::outlet(&raw.text, &cleaned);
        let mut sentences: Vec<Sentence> = Vec::new();
        // sentence -> its block (paragraph), for the time context
        let mut paras: Vec<usize> = Vec::new();
        for (bi, b) in cleaned.blocks.iter().enumerate() {
            if b.kind == BlockKind::Metadata {
                continue;
            }
            for r in segment::sentences(&b.text) {
                sentences.push(Sentence { text: b.text[r].to_string(), section: b.kind });
                paras.push(bi);
            }
        }
        let mut scan_bufs = resolve::ScanBuffers::default();
        let scans: Vec<resolve::Scan> =
            sentences.iter().map(|s| resolve::scan_with(&self.kb, &s.text, &mut scan_bufs)).collect();
        // each sentence as the time tagger reads it, once for every anchor it is read against
        let lexed: Vec<std::cell::OnceCell<temporal::Lexed>> = sentences.iter().map(|_| Default::default()).collect();
        // undated pages: infer the date; the mentions resolved meanwhile without a date are
        // reused wherever the date cannot change them
        let mut undated: Vec<Vec<Mention>> = Vec::new();
        let (published, basis, evidence) = match &stated {
            Some(s) => (Some(s.date), "stated", Some(s.evidence.clone())),
            None => match pubinfer::infer(
                &self.kb,
                &self.calendar,
                &self.episode_actors,
                &sentences,
                &scans,
                &lexed,
                &mut undated,
            ) {
                Some(inf) => (Some(inf.date), "inferred", Some(inf.reasoning)),
                None => (None, "unknown", None),
            },
        };
        let mut ctx = DocContext::new(published);
        let mut events = Vec::new();
        let mut mentions_out = Vec::new();
        // (actor, surface) pairs whose variants are already recorded
        let mut seen: rustc_hash::FxHashSet<(ActorIdx, &str)> = Default::default();
        let mut counts: rustc_hash::FxHashMap<ActorIdx, usize> = Default::default();
        let mut cands = DocCandidates::default();
        let base = self.kb.actors.len();
        let mut memory = CorefMemory::default();
        let mut time_ctx = events::TimeContext::new(published);
        // the sentences before this index have been through `time_ctx`
        let mut time_upto = 0usize;
        // The work runs in three passes over the sentences, each a tight loop over one kind
        // of work: 1. actors (resolution, candidates, coreference, mention variants), in
        // order; 2. event coding, a pure function of each sentence; 3. speakers and time,
        // in order. Only the speaker state spans passes 1 and 3: the persons seen in pass 1
        // are replayed to it in pass 3, in the same order as a single pass would.
        let n = sentences.len();
        // per sentence: the persons named (for the speaker state), and, for a sentence that
        // goes on to coding or speaker attribution, its mentions and tokens
        let mut persons: Vec<Vec<(ActorIdx, std::ops::Range<usize>)>> = vec![Vec::new(); n];
        let mut reached: Vec<Option<(Vec<Mention>, Vec<entente_text::token::Token>)>> = Vec::with_capacity(n);
        // per sentence, reused: whether each mention's surface is to be recorded, and the
        // surface forms of one mention
        let mut wanted: Vec<bool> = Vec::new();
        let mut variants: Vec<std::ops::Range<usize>> = Vec::new();
        for (si, s) in sentences.iter().enumerate() {
            reached.push(None);
            let mut mentions: Vec<Mention> = match undated.get_mut(si) {
                Some(m) if !scans[si].date_sensitive(&self.kb) => {
                    ctx.remember(&self.kb, &scans[si], m);
                    std::mem::take(m)
                }
                _ => resolve::resolve_scan(&self.kb, &s.text, &scans[si], &mut ctx),
            };
            // names the knowledge base lacks
            let mut toks = None;
            if self.candidates.may_hold(&s.text, &mentions) {
                let t = entente_text::token::tokenize(&s.text);
                self.candidates.detect(&self.lexicon, &self.kb, &s.text, &t, &mut mentions, base, &mut cands);
                toks = Some(t);
            }
            if mentions.is_empty() {
                continue;
            }
            // "Iran-backed Hezbollah": the name in the compound is no party
            for m in mentions.iter_mut() {
                m.nested |= self.lexicon.grammar.compound_modifier(&s.text, m.span.end);
            }
            for m in mentions.iter().filter(|m| m.via != entente_kb::Via::Coref && m.actor < base) {
                if self.kb.is_person(m.actor) {
                    persons[si].push((m.actor, m.span.clone()));
                }
            }
            // pronouns and descriptions standing for actors named before
            let env = coref::Env { kb: &self.kb, cands: &cands.list, date: published, grammar: &self.lexicon.grammar };
            let text_of = |i: usize| sentences.get(i).map(|s| s.text.as_str());
            if memory.holds(&self.coref, si, text_of) {
                let mut t = toks.take().unwrap_or_else(|| entente_text::token::tokenize(&s.text));
                let extra = self.coref.resolve(&env, si, &s.text, &t, &mentions, &memory);
                coref::contractions(&mut t, &extra);
                coref::merge(&mut mentions, extra);
                toks = Some(t);
            }
            memory.note_ahead(&self.coref, &env, si, &mentions, text_of);
            for m in mentions.iter().filter(|m| m.via != entente_kb::Via::Coref) {
                *counts.entry(m.actor).or_insert(0) += 1;
            }
            let coded = mentions.iter().filter(|m| !m.nested).count() >= 2;
            wanted.clear();
            wanted.extend(mentions.iter().map(|m| {
                m.via != entente_kb::Via::Coref
                    && (!seen.contains(&(m.actor, &s.text[m.span.clone()]))
                        || !plain_context(&self.lexicon, &s.text, m.span.clone()))
            }));
            let new_surface = wanted.iter().any(|&w| w);
            if !coded && !new_surface {
                continue;
            }
            let toks = toks.unwrap_or_else(|| entente_text::token::tokenize(&s.text));
            if new_surface {
                for (m, _) in mentions.iter().zip(&wanted).filter(|(m, &w)| w && m.via != entente_kb::Via::Office) {
                    seen.insert((m.actor, &s.text[m.span.clone()]));
                    surface_variants(&self.lexicon, &s.text, &toks, m.span.clone(), &mut variants);
                    mentions_out.extend(variants.drain(..).map(|v| (m.actor, si, v)));
                }
            }
            let mentions: Vec<Mention> = mentions.into_iter().filter(|m| !m.nested).collect();
            reached[si] = Some((mentions, toks));
        }
        // 2. event coding (one set of tables for all the sentences)
        let mut buffers = events::CodeBuffers::default();
        let mut coded_all: Vec<Option<Vec<events::CodedEvent>>> = reached
            .iter()
            .zip(&sentences)
            .map(|(r, s)| {
                let (mentions, toks) = r.as_ref().filter(|(m, _)| m.len() >= 2)?;
                Some(events::code_sentence_in_buffers(
                    &self.lexicon,
                    &SentenceInput { text: &s.text, tokens: toks, mentions, anchor: published },
                    &mut buffers,
                ))
            })
            .collect();
        // 3. who speaks (frames "X said", pronoun speakers, quotations across sentences),
        // and when
        let mut speech = events::SpeechState::default();
        for (si, s) in sentences.iter().enumerate() {
            speech.begin(&s.text, paras[si], events.len());
            for (a, span) in &persons[si] {
                speech.saw_person(*a, &s.text[span.clone()]);
            }
            let Some((mentions, toks)) = &reached[si] else { continue };
            let input = SentenceInput { text: &s.text, tokens: toks, mentions, anchor: published };
            let Some(mut coded) = coded_all[si].take() else {
                // a speaker named here may speak in the sentences that follow
                events::attribute(&self.lexicon, &input, &mut [], &mut speech);
                continue;
            };
            events::attribute(&self.lexicon, &input, &mut coded, &mut speech);
            if let Some((sp, from)) = speech.backfill() {
                // a quotation's speaker named at its end: its earlier sentences
                for (ev, _) in events.iter_mut().skip(from) {
                    events::hear(ev, &sp);
                }
            }
            if coded.is_empty() {
                continue;
            }
            // time expressions: what the sentences before this one said (read only now,
            // in order, so that sentences after the last event are never tagged), then its own
            while time_upto < si {
                observe_time(&mut time_ctx, &sentences[time_upto], &lexed[time_upto], paras[time_upto], published);
                time_upto += 1;
            }
            let (tc, mut times) = observe_time(&mut time_ctx, s, &lexed[si], paras[si], published);
            time_upto = si + 1;
            for (ep, actors) in self.calendar.episode.iter().zip(&self.episode_actors) {
                if actors.as_ref().is_some_and(|xs| xs.iter().all(|&a| mentions.iter().any(|m| m.actor == a))) {
                    times.extend(events::episode_time(toks, &s.text, ep.date, &ep.cues, published));
                }
            }
            events::assign_times_in(&self.lexicon, &input, &mut coded, &times, &tc);
            coref::mark_rules(&mut coded, mentions);
            for ev in coded {
                if self.same_side(ev.source, ev.target, published, &cands.list) || self.press_interview(&ev) {
                    continue;
                }
                events.push((ev, si));
            }
        }
        let document = DocumentOut {
            id: raw.id.clone(),
            file: raw.file.clone(),
            title: cleaned.title.clone(),
            outlet,
            published,
            published_basis: basis.to_string(),
            published_evidence: evidence,
            sentences: sentences.len(),
            events: events.len(),
        };
        let mut counts: Vec<(ActorIdx, usize)> = counts.into_iter().collect();
        counts.sort_unstable();
        DocResult { document, events, sentences, mentions: mentions_out, counts, candidates: cands.list }
    }

    /// A talk with a news outlet ("told Al Jazeera", "met with Reuters") is an interview,
    /// not a consultation between political actors.
    fn press_interview(&self, ev: &CodedEvent) -> bool {
        let media = |x: ActorIdx| self.kb.actors.get(x).is_some_and(|a| a.subkind.as_deref() == Some("media"));
        ev.ptype == PloverType::Consult && (media(ev.source) || media(ev.target))
    }

    /// Whether one actor acts for the other (a person and their own organisation, a wing
    /// and its movement): such pairs are not interactions. A candidate person acts for the
    /// organisation named with their title.
    fn same_side(&self, a: ActorIdx, b: ActorIdx, date: Option<PDate>, cands: &[Candidate]) -> bool {
        let n = self.kb.actors.len();
        // the chain of affiliations up from an actor: itself, a candidate's organisation,
        // then at most four levels (on the stack: this runs for every coded event)
        let up = |x: ActorIdx| -> ([ActorIdx; 6], usize) {
            let mut chain = [x; 6];
            let mut len = 1;
            let mut cur = x;
            if x >= n {
                match cands.get(x - n).and_then(|c| c.affiliation.as_ref()) {
                    Some(&(org, _)) => {
                        chain[len] = org;
                        len += 1;
                        cur = org;
                    }
                    None => return (chain, len),
                }
            }
            for _ in 0..4 {
                match self.kb.affiliation_at(cur, date) {
                    Some(p) if !chain[..len].contains(&p) => {
                        chain[len] = p;
                        len += 1;
                        cur = p;
                    }
                    _ => break,
                }
            }
            (chain, len)
        };
        let holds = |(chain, len): ([ActorIdx; 6], usize), y: ActorIdx| chain[..len].contains(&y);
        holds(up(a), b) || holds(up(b), a)
    }

    /// Merges document results into one output, with actors and their aliases.
    pub fn merge(&self, results: Vec<DocResult>, failures: Vec<Failure>) -> Extraction {
        let mut out = Extraction { version: 1, failures, ..Default::default() };
        // (sized once: the event list of a large corpus runs to tens of megabytes)
        out.events.reserve_exact(results.iter().map(|r| r.events.len()).sum());
        out.documents.reserve_exact(results.len());
        let mut aliases: BTreeMap<ActorIdx, BTreeMap<String, usize>> = BTreeMap::new();
        let mut used: HashMap<ActorIdx, usize> = HashMap::new();
        let mut n_ev = 0usize;
        // candidates across documents, by normal form: actor index `n + i` is `merged[i]`
        let n = self.kb.actors.len();
        let mut merged: Vec<MergedCandidate> = Vec::new();
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for r in results {
            let local: Vec<usize> = r
                .candidates
                .iter()
                .map(|c| {
                    let i = *by_key.entry(c.key.clone()).or_insert_with(|| {
                        merged.push(MergedCandidate::new(c));
                        merged.len() - 1
                    });
                    merged[i].add(c);
                    n + i
                })
                .collect();
            let map = |a: ActorIdx| if a < n { a } else { local[a - n] };
            for (a, si, range) in &r.mentions {
                let forms = aliases.entry(map(*a)).or_default();
                let surface = &r.sentences[*si].text[range.clone()];
                match forms.get_mut(surface) {
                    Some(k) => *k += 1,
                    None => {
                        forms.insert(surface.to_string(), 1);
                    }
                }
            }
            for (a, k) in &r.counts {
                *used.entry(map(*a)).or_default() += k;
            }
            let date = r.document.published;
            for (ev, si) in &r.events {
                n_ev += 1;
                let s = &r.sentences[*si];
                let (src, tgt) = (map(ev.source), map(ev.target));
                let rollup = |a: ActorIdx| {
                    if a >= n {
                        return merged[a - n].affiliations.first().map(|(o, _)| self.kb.actors[*o].id.clone());
                    }
                    let d = ev.when.and_then(|w| w.end()).or(date);
                    self.kb
                        .is_person(a)
                        .then(|| self.kb.affiliation_at(a, d).map(|o| self.kb.actors[o].id.clone()))
                        .flatten()
                };
                let id = |a: ActorIdx| if a < n { self.kb.actors[a].id.clone() } else { merged[a - n].id() };
                out.events.push(EventOut {
                    id: format!("e{n_ev}"),
                    document: r.document.id.clone(),
                    source: id(src),
                    target: id(tgt),
                    source_text: s.text[ev.source_span.clone()].to_string(),
                    target_text: s.text[ev.target_span.clone()].to_string(),
                    source_rollup: rollup(src),
                    target_rollup: rollup(tgt),
                    ptype: ev.ptype,
                    mode: ev.mode.as_deref().map(str::to_string),
                    quad_class: self.ontology.quad_class(ev.ptype),
                    cameo: self.ontology.cameo(ev.ptype, ev.mode.as_deref()),
                    polarity: ev.polarity,
                    when: ev.when,
                    modality: ev.modality,
                    section: match s.section {
                        BlockKind::Headline => "headline",
                        BlockKind::Caption => "caption",
                        _ => "body",
                    }
                    .to_string(),
                    sentence: s.text.clone(),
                    trigger: s.text[ev.trigger.clone()].to_string(),
                    rule: ev.rule.clone(),
                    speaker: ev.speaker.as_ref().and_then(|sp| sp.actor).map(|a| id(map(a))),
                    speaker_text: ev.speaker.as_ref().map(|sp| sp.text.clone()),
                });
            }
            out.documents.push(r.document);
        }
        // actors: every actor mentioned, plus the organisations persons act for
        let mut ids: Vec<ActorIdx> = aliases.keys().copied().filter(|&a| a < n).collect();
        let mut extra = Vec::new();
        for &a in &ids {
            for aff in self.affiliations(a) {
                if let Some(i) = self.kb.id(&aff.actor) {
                    extra.push(i);
                }
            }
        }
        for c in &merged {
            extra.extend(c.affiliations.iter().map(|(o, _)| *o));
        }
        for e in extra {
            if !aliases.contains_key(&e) && !ids.contains(&e) {
                ids.push(e);
            }
        }
        for a in ids {
            let actor = &self.kb.actors[a];
            let mut al: Vec<String> = aliases.get(&a).map(|m| m.keys().cloned().collect()).unwrap_or_default();
            for s in actor.aliases.iter().chain(&actor.demonyms).chain(actor.capital.iter()) {
                if !al.contains(s) {
                    al.push(s.clone());
                }
            }
            out.actors.push(ActorOut {
                id: actor.id.clone(),
                name: actor.name.clone(),
                kind: actor.kind.clone(),
                subkind: actor.subkind.clone(),
                known: true,
                aliases: al,
                affiliations: self.affiliations(a),
                mentions: used.get(&a).copied().unwrap_or(0),
                candidate: false,
                cue: None,
                country: None,
                documents: None,
            });
        }
        for (i, c) in merged.iter().enumerate() {
            let mut al: Vec<String> = c.names.keys().cloned().collect();
            for s in aliases.get(&(n + i)).into_iter().flat_map(|m| m.keys()) {
                if !al.contains(s) {
                    al.push(s.clone());
                }
            }
            let (kind, subkind) = c.guess().kind();
            out.actors.push(ActorOut {
                id: c.id(),
                name: c.name(),
                kind: kind.to_string(),
                subkind: subkind.map(str::to_string),
                known: false,
                aliases: al,
                affiliations: c
                    .affiliations
                    .iter()
                    .map(|(o, role)| AffiliationOut {
                        actor: self.kb.actors[*o].id.clone(),
                        role: role.clone(),
                        from: None,
                        to: None,
                    })
                    .collect(),
                mentions: used.get(&(n + i)).copied().unwrap_or(0),
                candidate: true,
                cue: Some(c.cue.clone()),
                country: c.country.map(|x| self.kb.actors[x].id.clone()),
                documents: Some(c.documents),
            });
        }
        out
    }

    fn affiliations(&self, a: ActorIdx) -> Vec<AffiliationOut> {
        let actor = &self.kb.actors[a];
        let mut v: Vec<AffiliationOut> = actor
            .roles
            .iter()
            .filter(|r| self.kb.id(&r.org).is_some())
            .map(|r| AffiliationOut { actor: r.org.clone(), role: r.title.clone(), from: r.from, to: r.to })
            .collect();
        v.extend(actor.affiliations.iter().filter(|f| self.kb.id(&f.org).is_some()).map(|f| AffiliationOut {
            actor: f.org.clone(),
            role: "member_of".into(),
            from: f.from,
            to: f.to,
        }));
        if let Some(p) = actor.parent.as_ref().filter(|p| self.kb.id(p).is_some()) {
            v.push(AffiliationOut { actor: p.clone(), role: "part_of".into(), from: None, to: None });
        }
        v
    }
}

/// A candidate actor gathered from every document that names it.
struct MergedCandidate {
    key: String,
    /// Names as written -> documents.
    names: BTreeMap<String, usize>,
    guesses: BTreeMap<Guess, usize>,
    cue: String,
    affiliations: Vec<(ActorIdx, String)>,
    country: Option<ActorIdx>,
    documents: usize,
}

impl MergedCandidate {
    fn new(c: &Candidate) -> Self {
        MergedCandidate {
            key: c.key.clone(),
            names: BTreeMap::new(),
            guesses: BTreeMap::new(),
            cue: c.cue.clone(),
            affiliations: Vec::new(),
            country: None,
            documents: 0,
        }
    }

    fn add(&mut self, c: &Candidate) {
        *self.names.entry(c.name.clone()).or_default() += 1;
        *self.guesses.entry(c.guess).or_default() += 1;
        if let Some(a) = c.affiliation.as_ref().filter(|a| !self.affiliations.iter().any(|x| x.0 == a.0)) {
            self.affiliations.push(a.clone());
        }
        self.country = self.country.or(c.country);
        self.documents += 1;
    }

    /// `cand:` and the normal form.
    fn id(&self) -> String {
        format!("cand:{}", self.key.replace(' ', "_"))
    }

    /// The spelling most documents use; on a tie, one not in capitals throughout.
    fn name(&self) -> String {
        let mixed = |s: &str| s.chars().any(char::is_lowercase);
        let best = self.names.iter().max_by_key(|(s, &k)| (k, mixed(s), std::cmp::Reverse(*s)));
        best.map(|(s, _)| s.clone()).unwrap_or_default()
    }

    /// The kind most documents suggest (a person before an organisation on a tie).
    fn guess(&self) -> Guess {
        let best = self.guesses.values().copied().max().unwrap_or(0);
        self.guesses.iter().find(|(_, &k)| k == best).map_or(Guess::Organization, |(g, _)| *g)
    }
}

/// Moves `ctx` on to sentence `s` of paragraph `para`: its time expressions, tagged against
/// what the sentences before it said, and the context as it stood before it.
fn observe_time(
    ctx: &mut events::TimeContext,
    s: &Sentence,
    lexed: &std::cell::OnceCell<temporal::Lexed>,
    para: usize,
    published: Option<entente_core::PDate>,
) -> (events::TimeContext, Vec<temporal::TimeExpr>) {
    ctx.enter(para);
    let before = *ctx;
    let lexed = lexed.get_or_init(|| temporal::Lexed::new(&s.text));
    let times = temporal::tag_lexed(&s.text, lexed, published, before.reference());
    ctx.observe(&s.text, s.section, &times);
    (before, times)
}

/// `f` of the lower-case form of `word` (as `to_lowercase`), on the stack for a short
/// ASCII word.
fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 32];
    match buf.get_mut(..word.len()) {
        Some(b) if word.is_ascii() => {
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            f(std::str::from_utf8(b).unwrap_or_default())
        }
        _ => f(&word.to_lowercase()),
    }
}

/// Whether nothing around a mention could extend its surface form (see
/// [`surface_variants`]), judged on the raw text without tokenizing.
fn plain_context(lex: &Lexicon, text: &str, span: std::ops::Range<usize>) -> bool {
    let before = text[..span.start].trim_end();
    if let Some(c) = before.chars().next_back() {
        if c.is_alphabetic() {
            let word = before.rsplit(|x: char| !x.is_alphanumeric() && x != '-').next().unwrap_or("");
            if word.chars().next().is_some_and(char::is_uppercase)
                || with_lower(word, |w| lex.grammar.np_modifiers.contains(w))
            {
                return false;
            }
        } else if matches!(c, '(' | '[' | ']' | '\'' | '\u{2019}' | '\u{2018}' | '-' | '.') {
            return false;
        }
    }
    let after = &text[span.end..];
    if after.starts_with(['(', ' ']) {
        let rest = after.trim_start();
        if rest.starts_with('(') {
            return false;
        }
        let word = &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())];
        if with_lower(word, |w| w == "of" || lex.grammar.np_heads.contains(w)) {
            return false;
        }
    }
    true
}

/// The surface forms a mention was written in: the name itself, and the name with the
/// capitalised words, brackets and noun-phrase modifiers around it ("Palestinian group
/// Hamas", "Syrian President Bashar al-Assad", "Hamas leadership", "Islamic Resistance
/// Movement (Hamas)"), so that the output's aliases list what the articles really say.
/// `out` receives their byte ranges, each text once.
pub fn surface_variants(
    lex: &Lexicon,
    text: &str,
    toks: &[entente_text::token::Token],
    span: std::ops::Range<usize>,
    out: &mut Vec<std::ops::Range<usize>>,
) {
    use entente_text::token::TokKind;
    out.clear();
    out.push(span.clone());
    // (token spans are in order: binary searches for the first and last token of the span)
    let first = toks.partition_point(|t| t.span.end <= span.start);
    let last = toks.partition_point(|t| t.span.start < span.end).checked_sub(1).unwrap_or(first);
    let g = &lex.grammar;
    // leftwards
    let mut start = span.start;
    let mut i = first;
    let mut steps = 0;
    while i > 0 && steps < 8 {
        let t = &toks[i - 1];
        let ok = (t.kind == TokKind::Word && (t.cap || g.np_modifiers.contains(t.lower.as_str())))
            || t.kind == TokKind::Possessive
            || matches!(t.lower.as_str(), "[" | "]" | "-" | "." | "\u{2018}" | "\u{2019}" | "'");
        if !ok {
            break;
        }
        i -= 1;
        steps += 1;
        start = t.span.start;
        out.push(start..span.end);
    }
    // "X (Y)": Y is named by the whole phrase too
    if first >= 2 && toks[first - 1].lower == "(" && toks.get(last + 1).is_some_and(|t| t.lower == ")") {
        let mut k = first - 1;
        while k > 0 && (toks[k - 1].cap || toks[k - 1].kind == TokKind::Possessive) {
            k -= 1;
        }
        if k < first - 1 {
            out.push(toks[k].span.start..toks[last + 1].span.end);
        }
    }
    // rightwards: "(X)", "of X", a collective head noun
    let mut j = last + 1;
    if j < toks.len() {
        let t = &toks[j];
        if t.lower == "(" {
            if let Some(k) = toks[j..].iter().position(|x| x.lower == ")") {
                out.push(span.start..toks[j + k].span.end);
                // with its modifiers too: "the holy city of Al Quds (Jerusalem)"
                if start < span.start {
                    out.push(start..toks[j + k].span.end);
                }
            }
        } else if t.kind == TokKind::Word && g.np_heads.contains(t.lower.as_str()) {
            out.push(span.start..t.span.end);
            if start < span.start {
                out.push(start..t.span.end);
            }
        } else if t.lower == "of" && j + 1 < toks.len() && toks[j + 1].cap {
            j += 1;
            while j + 1 < toks.len() && toks[j + 1].cap {
                j += 1;
            }
            out.push(span.start..toks[j].span.end);
        }
    }
    // each text once, in text order
    out.sort_by(|a, b| text[a.clone()].cmp(&text[b.clone()]));
    out.dedup_by(|a, b| text[a.clone()] == text[b.clone()]);
    // a phrase starts with a word, never with a connective, a preposition, a possessive
    // ending or a bracket ("and Palestine", "of Jerusalem", "’s Palestine", "[Iranian")
    out.retain(|v| {
        let first = first_word(&text[v.clone()]);
        !first.is_empty()
            && !with_lower(first, |w| {
                matches!(w, "and" | "or" | "s")
                    || g.classes.get(w).is_some_and(|&c| c & crate::lexicon::class::PREP != 0)
            })
    });
}

/// The word a phrase starts with (letters, digits and hyphens), empty when it starts with
/// anything else.
fn first_word(v: &str) -> &str {
    let b = v.as_bytes();
    // ASCII all the way to the end of the word: read byte-wise
    let end = b.iter().position(|&c| !(c.is_ascii_alphanumeric() || c == b'-')).unwrap_or(b.len());
    if b.get(end).is_none_or(|&c| c < 128) {
        return if b.first().is_some_and(u8::is_ascii_alphanumeric) { &v[..end] } else { "" };
    }
    if !v.starts_with(|c: char| c.is_alphanumeric()) {
        return "";
    }
    v.split(|c: char| !c.is_alphanumeric() && c != '-').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::with_lower;

    #[test]
    fn a_phrase_starts_with_its_first_word() {
        for (v, w) in [
            ("Hamas leader", "Hamas"),
            ("al-Assad's", "al-Assad"),
            ("-Assad", ""),
            ("[Iranian", ""),
            ("’s Palestine", ""),
            ("Ḥamās official", "Ḥamās"),
            ("Erdoğan", "Erdoğan"),
            ("Qatar—Iran", "Qatar"),
            ("", ""),
            ("and Iran", "and"),
        ] {
            assert_eq!(super::first_word(v), w, "{v}");
        }
    }

    #[test]
    fn lower_forms_are_those_of_to_lowercase() {
        for w in ["Of", "AND", "from", "", "Ḥamās", "ΟΔΟΣ", "a-very-long-hyphenated-word-of-more-than-32-bytes"]
        {
            assert_eq!(with_lower(w, str::to_string), w.to_lowercase());
        }
    }
}
