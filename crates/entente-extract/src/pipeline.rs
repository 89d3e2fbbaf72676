//! The per-document pipeline: raw page -> clean blocks -> publication date and outlet ->
//! sentences -> actor mentions -> events; and the merge of many documents into one
//! [`Extraction`]. Pure functions of their input: no I/O here.

use std::collections::{BTreeMap, HashMap};

use entente_core::{PDate, PloverType};
use entente_kb::{resolve, ActorIdx, DocContext, Kb, KbError, Mention};
use entente_text::{clean, outlet, pubdate, segment, temporal, BlockKind, Format};

use crate::events::{self, code_sentence, CodedEvent, SentenceInput};
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
    /// The surface forms actors were named by: (actor, surface text), each once.
    pub mentions: Vec<(ActorIdx, String)>,
    /// How many times each actor was mentioned.
    pub counts: Vec<(ActorIdx, usize)>,
}

/// The loaded knowledge: actors, lexicon, ontology, calendar.
pub struct Pipeline {
    pub kb: Kb,
    pub lexicon: Lexicon,
    pub ontology: Ontology,
    pub calendar: pubinfer::Calendar,
}

impl Pipeline {
    /// The pipeline with the embedded default data.
    pub fn embedded() -> Result<Pipeline, PipelineError> {
        Ok(Pipeline {
            kb: Kb::embedded()?,
            lexicon: Lexicon::embedded()?,
            ontology: Ontology::embedded()?,
            calendar: pubinfer::Calendar::embedded().map_err(PipelineError::Calendar)?,
        })
    }

    pub fn with_kb(mut self, kb: Kb) -> Pipeline {
        self.kb = kb;
        self
    }

    /// Runs every stage on one document.
    pub fn process(&self, raw: &RawDoc) -> DocResult {
        let cleaned = clean(&raw.text, raw.format);
        let stated = pubdate::stated_date(&raw.text, &cleaned);
        let outlet = outlet::outlet(&raw.text, &cleaned);
        let mut sentences: Vec<Sentence> = Vec::new();
        for b in &cleaned.blocks {
            if b.kind == BlockKind::Metadata {
                continue;
            }
            for r in segment::sentences(&b.text) {
                sentences.push(Sentence { text: b.text[r].to_string(), section: b.kind });
            }
        }
        let scans: Vec<resolve::Scan> = sentences.iter().map(|s| resolve::scan(&self.kb, &s.text)).collect();
        // undated pages: infer the date; the mentions resolved meanwhile without a date are
        // reused wherever the date cannot change them
        let mut undated: Vec<Vec<Mention>> = Vec::new();
        let (published, basis, evidence) = match &stated {
            Some(s) => (Some(s.date), "stated", Some(s.evidence.clone())),
            None => match pubinfer::infer(&self.kb, &self.calendar, &sentences, &scans, &mut undated) {
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
        for (si, s) in sentences.iter().enumerate() {
            let mentions: Vec<Mention> = match undated.get_mut(si) {
                Some(m) if !scans[si].date_sensitive(&self.kb) => {
                    ctx.remember(&self.kb, &s.text, m);
                    std::mem::take(m)
                }
                _ => resolve::resolve_scan(&self.kb, &s.text, &scans[si], &mut ctx),
            };
            if mentions.is_empty() {
                continue;
            }
            for m in &mentions {
                *counts.entry(m.actor).or_insert(0) += 1;
            }
            let coded = mentions.iter().filter(|m| !m.nested).count() >= 2;
            let wanted: Vec<bool> = mentions
                .iter()
                .map(|m| {
                    !seen.contains(&(m.actor, &s.text[m.span.clone()]))
                        || !plain_context(&self.lexicon, &s.text, m.span.clone())
                })
                .collect();
            let new_surface = wanted.iter().any(|&w| w);
            if !coded && !new_surface {
                continue;
            }
            let toks = entente_text::token::tokenize(&s.text);
            if new_surface {
                for (m, _) in mentions.iter().zip(&wanted).filter(|(m, &w)| w && m.via != entente_kb::Via::Office) {
                    {
                        seen.insert((m.actor, &s.text[m.span.clone()]));
                        for v in surface_variants(&self.lexicon, &s.text, &toks, m.span.clone()) {
                            mentions_out.push((m.actor, v));
                        }
                    }
                }
            }
            let mentions: Vec<Mention> = mentions.into_iter().filter(|m| !m.nested).collect();
            if mentions.len() < 2 {
                continue;
            }
            let input = SentenceInput { text: &s.text, tokens: &toks, mentions: &mentions, anchor: published };
            let mut coded = code_sentence(&self.lexicon, &input);
            if coded.is_empty() {
                continue;
            }
            events::assign_times(&mut coded, &temporal::tag(&s.text, published));
            for ev in coded {
                if self.same_side(ev.source, ev.target, published) || self.press_interview(&ev) {
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
        DocResult { document, events, sentences, mentions: mentions_out, counts }
    }

    /// A talk with a news outlet ("told Al Jazeera", "met with Reuters") is an interview,
    /// not a consultation between political actors.
    fn press_interview(&self, ev: &CodedEvent) -> bool {
        let media = |x: ActorIdx| self.kb.actors[x].subkind.as_deref() == Some("media");
        ev.ptype == PloverType::Consult && (media(ev.source) || media(ev.target))
    }

    /// Whether one actor acts for the other (a person and their own organisation, a wing
    /// and its movement): such pairs are not interactions.
    fn same_side(&self, a: ActorIdx, b: ActorIdx, date: Option<PDate>) -> bool {
        let up = |x: ActorIdx| -> Vec<ActorIdx> {
            let mut chain = vec![x];
            let mut cur = x;
            for _ in 0..4 {
                match self.kb.affiliation_at(cur, date) {
                    Some(p) if !chain.contains(&p) => {
                        chain.push(p);
                        cur = p;
                    }
                    _ => break,
                }
            }
            chain
        };
        up(a).contains(&b) || up(b).contains(&a)
    }

    /// Merges document results into one output, with actors and their aliases.
    pub fn merge(&self, results: Vec<DocResult>, failures: Vec<Failure>) -> Extraction {
        let mut out = Extraction { version: 1, failures, ..Default::default() };
        let mut aliases: BTreeMap<ActorIdx, BTreeMap<String, usize>> = BTreeMap::new();
        let mut used: HashMap<ActorIdx, usize> = HashMap::new();
        let mut n_ev = 0usize;
        for r in results {
            for (a, surface) in &r.mentions {
                *aliases.entry(*a).or_default().entry(surface.clone()).or_default() += 1;
            }
            for (a, n) in &r.counts {
                *used.entry(*a).or_default() += n;
            }
            let date = r.document.published;
            for (ev, si) in &r.events {
                n_ev += 1;
                let s = &r.sentences[*si];
                let rollup = |a: ActorIdx| {
                    let d = ev.when.and_then(|w| w.end()).or(date);
                    (self.kb.actors[a].kind == "person")
                        .then(|| self.kb.affiliation_at(a, d).map(|o| self.kb.actors[o].id.clone()))
                        .flatten()
                };
                out.events.push(EventOut {
                    id: format!("e{n_ev}"),
                    document: r.document.id.clone(),
                    source: self.kb.actors[ev.source].id.clone(),
                    target: self.kb.actors[ev.target].id.clone(),
                    source_text: s.text[ev.source_span.clone()].to_string(),
                    target_text: s.text[ev.target_span.clone()].to_string(),
                    source_rollup: rollup(ev.source),
                    target_rollup: rollup(ev.target),
                    ptype: ev.ptype,
                    mode: ev.mode.clone(),
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
                });
            }
            out.documents.push(r.document);
        }
        // actors: every actor mentioned, plus the organisations persons act for
        let mut ids: Vec<ActorIdx> = aliases.keys().copied().collect();
        let mut extra = Vec::new();
        for &a in &ids {
            for aff in self.affiliations(a) {
                if let Some(i) = self.kb.id(&aff.actor) {
                    extra.push(i);
                }
            }
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
        if let Some(p) = actor.parent.as_ref().filter(|p| self.kb.id(p).is_some()) {
            v.push(AffiliationOut { actor: p.clone(), role: "part_of".into(), from: None, to: None });
        }
        v
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
                || lex.grammar.np_modifiers.contains(&word.to_lowercase())
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
        let word: String = rest.chars().take_while(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
        if word == "of" || lex.grammar.np_heads.contains(&word) {
            return false;
        }
    }
    true
}

/// The surface forms a mention was written in: the name itself, and the name with the
/// capitalised words, brackets and noun-phrase modifiers around it ("Palestinian group
/// Hamas", "Syrian President Bashar al-Assad", "Hamas leadership", "Islamic Resistance
/// Movement (Hamas)"), so that the output's aliases list what the articles really say.
pub fn surface_variants(
    lex: &Lexicon,
    text: &str,
    toks: &[entente_text::token::Token],
    span: std::ops::Range<usize>,
) -> Vec<String> {
    use entente_text::token::TokKind;
    let mut out = vec![text[span.clone()].to_string()];
    let first = toks.iter().position(|t| t.span.end > span.start).unwrap_or(toks.len());
    let last = toks.iter().rposition(|t| t.span.start < span.end).unwrap_or(first);
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
        out.push(text[start..span.end].to_string());
    }
    // "X (Y)": Y is named by the whole phrase too
    if first >= 2 && toks[first - 1].lower == "(" && toks.get(last + 1).is_some_and(|t| t.lower == ")") {
        let mut k = first - 1;
        while k > 0 && (toks[k - 1].cap || toks[k - 1].kind == TokKind::Possessive) {
            k -= 1;
        }
        if k < first - 1 {
            out.push(text[toks[k].span.start..toks[last + 1].span.end].to_string());
        }
    }
    // rightwards: "(X)", "of X", a collective head noun
    let mut j = last + 1;
    if j < toks.len() {
        let t = &toks[j];
        if t.lower == "(" {
            if let Some(k) = toks[j..].iter().position(|x| x.lower == ")") {
                out.push(text[span.start..toks[j + k].span.end].to_string());
            }
        } else if t.kind == TokKind::Word && g.np_heads.contains(t.lower.as_str()) {
            out.push(text[span.start..t.span.end].to_string());
            if start < span.start {
                out.push(text[start..t.span.end].to_string());
            }
        } else if t.lower == "of" && j + 1 < toks.len() && toks[j + 1].cap {
            j += 1;
            while j + 1 < toks.len() && toks[j + 1].cap {
                j += 1;
            }
            out.push(text[span.start..toks[j].span.end].to_string());
        }
    }
    out.sort();
    out.dedup();
    out
}
