//! Pair classification: the PLOVER type of the relation between a marked source and target
//! in one sentence (`entente classify`).
//!
//! [`Classifier::classify`] is a pure function of the sentence and the two byte spans:
//! 1. every trigger of `triggers.toml` that matches in the sentence is a candidate;
//! 2. each candidate is scored by where it stands relative to the pair: between the two
//!    (the predicate that links them: "X condemned Y", passive "Y was attacked by X") is
//!    best and the nearer to the first party the better (the main verb governs what follows
//!    it: "X threatened to strike Y", "X urged Y to withdraw"); before or after both
//!    ("following talks between X and Y", "X and Y signed a deal") comes next; a
//!    punctuation mark between trigger and pair, a weak trigger and a trigger inside an
//!    actor span cost points, literal pattern words add;
//! 3. the best candidate gives type and mode; a threat phrase right before it ("threatened
//!    to", "did not rule out") makes it THREATEN, a negation ("did not attend") turns a
//!    cooperative type into REJECT (`data/classify.toml`);
//! 4. with no trigger, a scored bag of cue words per type decides (`data/classify.toml`).
//!
//! The result carries the root type (CONCEDE and RETREAT merged as YIELD), the quad class,
//! polarity and the rule that decided.

use std::ops::Range;

use entente_core::{PloverType, Polarity};
use entente_text::token::{tokenize, TokKind, Token};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::{Deserialize, Serialize};

use crate::lexicon::{class, Lexicon, LexiconError, PhraseIndex, Pos};

pub const CLASSIFY: &str = include_str!("../data/classify.toml");

#[derive(Debug, thiserror::Error)]
pub enum ClassifyError {
    #[error(transparent)]
    Lexicon(#[from] LexiconError),
    #[error("classify.toml: {0}")]
    Data(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClassify {
    negation: Vec<String>,
    negation_window: usize,
    negated_to_reject: Vec<String>,
    intent: Vec<String>,
    intent_window: usize,
    intent_to_agree: Vec<String>,
    intent_to_threaten: Vec<String>,
    #[serde(default)]
    possibility: Vec<String>,
    reversal: Vec<String>,
    reversal_of: Vec<String>,
    #[serde(default)]
    halt: Vec<String>,
    #[serde(default)]
    halt_of: Vec<String>,
    purpose_from: Vec<String>,
    obligation: Vec<String>,
    relative: Vec<String>,
    relative_penalty: f32,
    #[serde(default)]
    convention: HashMap<String, String>,
    #[serde(default)]
    context: Vec<RawContext>,
    concluded: RawConcluded,
    demand_of_measure: RawDemandOfMeasure,
    #[serde(default)]
    demanded_measure: Option<RawDemandedMeasure>,
    material: RawMaterial,
    joint: RawJoint,
    #[serde(default)]
    not_trigger: Vec<String>,
    #[serde(default)]
    figurative: Vec<RawFigurative>,
    #[serde(default)]
    requires: Vec<RawFigurative>,
    #[serde(default)]
    subordinate: Vec<String>,
    #[serde(default)]
    subordinate_penalty: f32,
    #[serde(default)]
    exit: Option<RawExit>,
    #[serde(default)]
    discontinue: Option<RawDiscontinue>,
    #[serde(default)]
    threat: Vec<String>,
    #[serde(default)]
    nominal_bonus: f32,
    #[serde(default)]
    nominal_preps: Vec<String>,
    #[serde(default)]
    gap_stops: Vec<String>,
    #[serde(default)]
    decision_nouns: Vec<String>,
    #[serde(default)]
    coordinated_bonus: f32,
    #[serde(default)]
    coordinators: Vec<String>,
    #[serde(default)]
    coordinated_adverbs: Vec<String>,
    #[serde(default)]
    on_request: Vec<String>,
    #[serde(default)]
    speech: Vec<String>,
    #[serde(default)]
    speech_bonus: f32,
    #[serde(default)]
    speech_window: usize,
    default: String,
    cues: HashMap<String, Vec<String>>,
    /// Classifier-only triggers, in the format of `triggers.toml` (read by
    /// [`with_extra_triggers`]).
    #[serde(default, rename = "trigger")]
    _trigger: Vec<toml::Table>,
}

/// `[[figurative]]`: a trigger whose object is no party ("fight the epidemic") is dropped.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigurative {
    patterns: Vec<String>,
    objects: Vec<String>,
    window: usize,
}

/// `[exit]`: leaving a meeting or a deal ("walked out of the talks") rejects it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExit {
    words: Vec<String>,
    of: Vec<String>,
    window: usize,
    to: String,
}

/// `[discontinue]`: stopping a cooperative relation ("froze the talks", "suspended its
/// partnership") withdraws it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDiscontinue {
    words: Vec<String>,
    of: Vec<String>,
    window: usize,
    to: String,
    #[serde(default)]
    mode: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContext {
    from: Vec<String>,
    words: Vec<String>,
    to: String,
    #[serde(default)]
    mode: Option<String>,
    #[serde(default)]
    patterns: Vec<String>,
    #[serde(default)]
    modes: Vec<String>,
    #[serde(default)]
    before: usize,
    #[serde(default)]
    after: usize,
}

/// `[concluded]`: an agreement verb with a noun phrase for object is a concluded agreement.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcluded {
    patterns: Vec<String>,
    links: Vec<String>,
    to: String,
}

/// `[demand_of_measure]`: a demand whose object is a measure taken against the target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDemandOfMeasure {
    from: Vec<String>,
    measures: Vec<String>,
    window: usize,
    to: String,
}

/// `[demanded_measure]`: a measure right after a demand word ("seeking jail terms for Y").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDemandedMeasure {
    words: Vec<String>,
    window: usize,
}

/// `[material]`: a handover whose object is goods is aid.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMaterial {
    from: Vec<String>,
    words: Vec<String>,
    window: usize,
    to: String,
    #[serde(default)]
    except_modes: Vec<String>,
}

/// `[joint]`: an act done together by a coordinated pair is cooperation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawJoint {
    links: Vec<String>,
    always: Vec<String>,
    with_word: Vec<String>,
    words: Vec<String>,
    to: String,
}

/// A context rule: a type becomes another when the sentence holds one of the words
/// (for the listed trigger patterns or modes only, when given).
#[derive(Debug)]
struct ContextRule {
    from: HashSet<PloverType>,
    words: HashSet<String>,
    to: PloverType,
    mode: Option<String>,
    patterns: HashSet<String>,
    modes: HashSet<String>,
    /// When not 0, the words must stand within this many tokens before the trigger.
    before: usize,
    /// When not 0, the words must stand after the trigger head, at most this many tokens after
    /// the trigger.
    after: usize,
}

/// A `[[figurative]]` rule: trigger patterns dropped when one of `objects` (surface words
/// or lemmas) follows within `window` tokens in the same clause.
#[derive(Debug)]
struct Figurative {
    patterns: HashSet<String>,
    objects: HashSet<String>,
    window: usize,
}

/// The classifier-only triggers of `[[trigger]]` in classify.toml, as a triggers.toml text.
#[derive(Debug, Deserialize, Serialize)]
struct ExtraTriggers {
    #[serde(default)]
    trigger: Vec<toml::Table>,
}

/// The fields of a trigger entry the lexicon does not keep.
#[derive(Debug, Deserialize)]
struct RawTriggerExtra {
    pattern: String,
    #[serde(default)]
    weak: bool,
}

#[derive(Debug, Deserialize)]
struct RawTriggersExtra {
    #[serde(default)]
    trigger: Vec<RawTriggerExtra>,
}

/// The label of one source-target pair.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Classification {
    /// PLV root class: the PLOVER type, with CONCEDE and RETREAT merged as `YIELD`.
    pub root: &'static str,
    /// The PLOVER 2.0 type.
    #[serde(rename = "type")]
    pub ptype: PloverType,
    pub mode: Option<String>,
    /// 1 verbal cooperation, 2 material cooperation (with YIELD), 3 verbal conflict,
    /// 4 material conflict.
    pub quad: u8,
    pub polarity: Polarity,
    /// The trigger words in the sentence, when a trigger decided.
    pub trigger: Option<String>,
    /// Byte span of the trigger words.
    pub trigger_span: Option<Range<usize>>,
    /// What decided: `trigger:PATTERN` with the position rule, negation and voice, or
    /// `cues:...` / `default`.
    pub rule: String,
}

/// Root class name: the PLOVER type with CONCEDE and RETREAT merged as YIELD.
pub fn root_of(t: PloverType) -> &'static str {
    match t {
        PloverType::Concede | PloverType::Retreat => "YIELD",
        t => t.as_str(),
    }
}

/// Quad class of a root type (PLV convention: YIELD is material cooperation).
pub fn quad_of(t: PloverType) -> u8 {
    use PloverType::*;
    match t {
        Agree | Consult | Support => 1,
        Concede | Retreat | Cooperate | Aid => 2,
        Request | Accuse | Reject | Threaten => 3,
        Protest | Sanction | Mobilize | Coerce | Assault => 4,
    }
}

fn parse_root(s: &str) -> Option<PloverType> {
    if s.eq_ignore_ascii_case("YIELD") {
        return Some(PloverType::Retreat);
    }
    s.parse().ok()
}

/// The classifier: the trigger lexicon plus the data of `classify.toml`.
#[derive(Debug)]
pub struct Classifier {
    lex: Lexicon,
    weak: Vec<bool>,
    /// Negation words and phrases ("not", "refused", "failed to").
    negation: PhraseIndex,
    negation_window: usize,
    negated_to_reject: HashSet<PloverType>,
    intent: PhraseIndex,
    intent_window: usize,
    intent_to_agree: HashSet<PloverType>,
    intent_to_threaten: HashSet<PloverType>,
    /// Modals of possibility ("could", "might"): before a conflict act, a threat.
    possibility: HashSet<String>,
    /// (type, mode) of a trigger -> the type the PLV convention gives it.
    convention: HashMap<(PloverType, Option<String>), PloverType>,
    /// Trigger pattern -> the type the PLV convention gives it.
    by_pattern: HashMap<String, PloverType>,
    /// Verbs that undo a measure ("lift", "ease", "revoke"): before a conflict noun they
    /// make a concession.
    reversal: HashSet<String>,
    reversal_of: HashSet<PloverType>,
    /// Verbs that stop an operation ("ceased", "halted"): before a noun trigger of a
    /// `halt_of` type they make the event a concession.
    halt: HashSet<String>,
    halt_of: HashSet<PloverType>,
    /// Types of contact whose stated purpose ("to congratulate") decides instead.
    purpose_from: HashSet<PloverType>,
    /// Modal phrases that lay a duty on the word before them ("Y must", "Y should").
    obligation: PhraseIndex,
    context: Vec<ContextRule>,
    /// Relative pronouns: a trigger after one, after the pair, scores `relative_penalty` less.
    relative: HashSet<String>,
    relative_penalty: f32,
    /// Agreement patterns that take a noun phrase (maybe after a link word) as a concluded
    /// agreement, and the type that gives.
    concluded: HashSet<String>,
    concluded_links: HashSet<String>,
    concluded_to: PloverType,
    /// A demand (`dm_from`) whose object, within `dm_window` tokens, is a measure (`dm_measures`)
    /// against the target is coded `dm_to`.
    dm_from: HashSet<PloverType>,
    dm_measures: HashSet<PloverType>,
    dm_window: usize,
    dm_to: PloverType,
    /// Demand words ("seeking", "called for") that make a measure within `dmw_window` tokens
    /// after them a demand for it (`dm_to`).
    dm_words: Vec<Vec<String>>,
    dmw_window: usize,
    /// A handover (`mat_from`) of goods (`mat_words` within `mat_window` tokens after the
    /// trigger) is `mat_to`.
    mat_from: HashSet<PloverType>,
    mat_words: HashSet<String>,
    mat_window: usize,
    mat_to: PloverType,
    /// Handover modes the goods rule leaves alone ("access": allowing others to bring aid in).
    mat_except: HashSet<String>,
    /// A coordinated pair ("X and Y", `joint_links` between them) acting together after both.
    joint_links: HashSet<String>,
    joint_always: HashSet<PloverType>,
    joint_with_word: HashSet<PloverType>,
    joint_words: HashSet<String>,
    joint_to: PloverType,
    /// Phrases starting at a trigger's head that are no event ("press conference").
    not_trigger: PhraseIndex,
    figurative: Vec<Figurative>,
    /// Trigger patterns kept only when one of `objects` follows within `window` tokens
    /// ("opposition to"; "the opposition says" names a party).
    requires: Vec<Figurative>,
    /// Subordinating conjunctions: a trigger after the pair and after one of these stands in
    /// an adverbial clause ("after Z seized the city") and loses `subordinate_penalty`.
    subordinate: HashSet<String>,
    subordinate_penalty: f32,
    /// Leaving (`exit_words`) a meeting or deal (a noun trigger of an `exit_of` type)
    /// within `exit_window` tokens is `exit_to`.
    exit_words: Vec<Vec<String>>,
    exit_of: HashSet<PloverType>,
    exit_window: usize,
    exit_to: PloverType,
    /// Stopping (`disc_words`, surface or lemma of the first word) within `disc_window` tokens
    /// before a noun trigger of a `disc_of` type in the same clause makes it `disc_to`.
    disc_words: Vec<Vec<String>>,
    disc_of: HashSet<PloverType>,
    disc_window: usize,
    disc_to: PloverType,
    disc_mode: Option<String>,
    /// Phrases of a threat ("threatened to"): any act announced after one is a threat.
    threat: PhraseIndex,
    /// Bonus of a noun right before the pair, linked to the first party by a preposition.
    nominal_bonus: f32,
    /// The prepositions that link a nominal trigger to its argument ("the detention of Y").
    nominal_preps: HashSet<String>,
    /// Prepositions that, after a party inside a pattern's gap, open a phrase of their own.
    gap_stops: HashSet<String>,
    /// Nouns whose "to"-infinitive is the act undone ("reversed its decision to expel Y").
    decision_nouns: HashSet<String>,
    /// Speech verbs: "X said Y ..." reports a claim about Y; a trigger at most
    /// `speech_window` tokens after Y gets `speech_bonus`, and a material conflict act of Y claimed by X is an accusation.
    speech: HashSet<String>,
    speech_bonus: f32,
    /// Bonus of a verb after "and" right before the second party (its own object).
    coordinated_bonus: f32,
    /// Conjunctions that coordinate a second predicate ("and", "but").
    coordinators: HashSet<String>,
    /// Adverbs allowed between the conjunction and the second predicate ("and then freed Y").
    coordinated_adverbs: HashSet<String>,
    /// Phrases right before the target that make the source's act one done with or for it
    /// ("at the request of Y", "at the invitation of Y"): cooperation.
    on_request: Vec<Vec<String>>,
    speech_window: usize,
    default: PloverType,
    /// Cue phrase (lower-case tokens) -> (type, weight), indexed by first token.
    cues: HashMap<String, Vec<(Vec<String>, PloverType, f32)>>,
}

/// The token ranges of the pair: in sentence order, and the target.
struct Pair<'a> {
    first: &'a Range<usize>,
    second: &'a Range<usize>,
    target: &'a Range<usize>,
}

/// One matched trigger.
struct Cand {
    ti: usize,
    h: usize,
    e: usize,
    score: f32,
    place: &'static str,
}

impl Classifier {
    /// The classifier over the embedded lexicon and classifier data.
    pub fn embedded() -> Result<Classifier, ClassifyError> {
        let triggers = with_extra_triggers(crate::lexicon::TRIGGERS, CLASSIFY)?;
        let lex = Lexicon::from_sources(&triggers, crate::lexicon::CUES, crate::lexicon::GRAMMAR)?;
        Classifier::from_sources(lex, &triggers, CLASSIFY)
    }

    /// A classifier over `lex`, whose triggers were read from `triggers` (for the fields
    /// the lexicon does not keep), with the classifier data `data`.
    pub fn from_sources(lex: Lexicon, triggers: &str, data: &str) -> Result<Classifier, ClassifyError> {
        let extra: RawTriggersExtra = toml::from_str(triggers).map_err(|e| ClassifyError::Data(e.to_string()))?;
        let weak_patterns: HashSet<&str> =
            extra.trigger.iter().filter(|t| t.weak).map(|t| t.pattern.as_str()).collect();
        let weak = lex.triggers.iter().map(|t| weak_patterns.contains(t.pattern.as_str())).collect();
        let raw: RawClassify = toml::from_str(data).map_err(|e| ClassifyError::Data(e.to_string()))?;
        let types = |v: &[String]| -> Result<HashSet<PloverType>, ClassifyError> {
            v.iter().map(|s| parse_root(s).ok_or_else(|| ClassifyError::Data(format!("unknown type {s:?}")))).collect()
        };
        let mut cues: HashMap<String, Vec<(Vec<String>, PloverType, f32)>> = HashMap::default();
        for (tname, words) in &raw.cues {
            let t = parse_root(tname).ok_or_else(|| ClassifyError::Data(format!("unknown type {tname:?}")))?;
            for w in words {
                let (phrase, weight) = match w.rsplit_once(':') {
                    Some((p, x)) => {
                        (p, x.parse::<f32>().map_err(|_| ClassifyError::Data(format!("bad weight in {w:?}")))?)
                    }
                    None => (w.as_str(), 1.0),
                };
                let toks: Vec<String> = tokenize(phrase).into_iter().map(|t| t.lower.to_string()).collect();
                if let Some(first) = toks.first() {
                    cues.entry(first.clone()).or_default().push((toks, t, weight));
                }
            }
        }
        let phrases = |v: &[String]| {
            PhraseIndex::new(v.iter().map(|p| tokenize(p).into_iter().map(|t| t.lower.to_string()).collect()).collect())
        };
        let one = |s: &str| parse_root(s).ok_or_else(|| ClassifyError::Data(format!("unknown type {s:?}")));
        let mut convention = HashMap::default();
        let mut by_pattern = HashMap::default();
        for (k, v) in &raw.convention {
            if let Some(p) = k.strip_prefix("pattern:") {
                by_pattern.insert(p.to_string(), one(v)?);
                continue;
            }
            let (t, m) = match k.split_once('/') {
                Some((t, m)) => (one(t)?, Some(m.to_string())),
                None => (one(k)?, None),
            };
            convention.insert((t, m), one(v)?);
        }
        let context = raw
            .context
            .iter()
            .map(|c| {
                Ok(ContextRule {
                    from: types(&c.from)?,
                    words: c.words.iter().cloned().collect(),
                    to: one(&c.to)?,
                    mode: c.mode.clone(),
                    patterns: c.patterns.iter().cloned().collect(),
                    modes: c.modes.iter().cloned().collect(),
                    before: c.before,
                    after: c.after,
                })
            })
            .collect::<Result<Vec<_>, ClassifyError>>()?;
        let exit = raw.exit.as_ref();
        let rules = |v: &[RawFigurative]| -> Vec<Figurative> {
            v.iter()
                .map(|f| Figurative {
                    patterns: f.patterns.iter().cloned().collect(),
                    objects: f.objects.iter().cloned().collect(),
                    window: f.window,
                })
                .collect()
        };
        let figurative = rules(&raw.figurative);
        let requires = rules(&raw.requires);
        Ok(Classifier {
            not_trigger: phrases(&raw.not_trigger),
            figurative,
            requires,
            subordinate: raw.subordinate.iter().cloned().collect(),
            subordinate_penalty: raw.subordinate_penalty,
            exit_words: exit
                .map(|x| {
                    x.words.iter().map(|p| tokenize(p).into_iter().map(|t| t.lower.to_string()).collect()).collect()
                })
                .unwrap_or_default(),
            exit_of: types(exit.map(|x| x.of.as_slice()).unwrap_or_default())?,
            exit_window: exit.map_or(0, |x| x.window),
            exit_to: exit.map(|x| one(&x.to)).transpose()?.unwrap_or(PloverType::Reject),
            disc_words: raw
                .discontinue
                .as_ref()
                .map(|d| {
                    d.words.iter().map(|p| tokenize(p).into_iter().map(|t| t.lower.to_string()).collect()).collect()
                })
                .unwrap_or_default(),
            disc_of: types(raw.discontinue.as_ref().map(|d| d.of.as_slice()).unwrap_or_default())?,
            disc_window: raw.discontinue.as_ref().map_or(0, |d| d.window),
            disc_to: raw.discontinue.as_ref().map(|d| one(&d.to)).transpose()?.unwrap_or(PloverType::Sanction),
            disc_mode: raw.discontinue.as_ref().and_then(|d| d.mode.clone()),
            threat: phrases(&raw.threat),
            nominal_bonus: raw.nominal_bonus,
            nominal_preps: raw.nominal_preps.into_iter().collect(),
            gap_stops: raw.gap_stops.into_iter().collect(),
            decision_nouns: raw.decision_nouns.into_iter().collect(),
            speech: raw.speech.iter().cloned().collect(),
            coordinated_bonus: raw.coordinated_bonus,
            coordinators: raw.coordinators.iter().cloned().collect(),
            coordinated_adverbs: raw.coordinated_adverbs.iter().cloned().collect(),
            on_request: raw
                .on_request
                .iter()
                .map(|p| tokenize(p).into_iter().map(|t| t.lower.to_string()).collect())
                .collect(),
            speech_bonus: raw.speech_bonus,
            speech_window: raw.speech_window,
            weak,
            negation: phrases(&raw.negation),
            negation_window: raw.negation_window,
            negated_to_reject: types(&raw.negated_to_reject)?,
            intent: phrases(&raw.intent),
            intent_window: raw.intent_window,
            intent_to_agree: types(&raw.intent_to_agree)?,
            intent_to_threaten: types(&raw.intent_to_threaten)?,
            possibility: raw.possibility.iter().cloned().collect(),
            convention,
            by_pattern,
            reversal: raw.reversal.into_iter().collect(),
            reversal_of: types(&raw.reversal_of)?,
            halt: raw.halt.into_iter().collect(),
            halt_of: types(&raw.halt_of)?,
            purpose_from: types(&raw.purpose_from)?,
            obligation: phrases(&raw.obligation),
            context,
            relative: raw.relative.into_iter().collect(),
            relative_penalty: raw.relative_penalty,
            concluded: raw.concluded.patterns.iter().cloned().collect(),
            concluded_links: raw.concluded.links.iter().cloned().collect(),
            concluded_to: one(&raw.concluded.to)?,
            dm_from: types(&raw.demand_of_measure.from)?,
            dm_measures: types(&raw.demand_of_measure.measures)?,
            dm_window: raw.demand_of_measure.window,
            dm_to: one(&raw.demand_of_measure.to)?,
            dm_words: raw
                .demanded_measure
                .as_ref()
                .map(|d| {
                    d.words.iter().map(|p| tokenize(p).into_iter().map(|t| t.lower.to_string()).collect()).collect()
                })
                .unwrap_or_default(),
            dmw_window: raw.demanded_measure.as_ref().map_or(0, |d| d.window),
            mat_from: types(&raw.material.from)?,
            mat_words: raw.material.words.iter().cloned().collect(),
            mat_window: raw.material.window,
            mat_to: one(&raw.material.to)?,
            mat_except: raw.material.except_modes.iter().cloned().collect(),
            joint_links: raw.joint.links.iter().cloned().collect(),
            joint_always: types(&raw.joint.always)?,
            joint_with_word: types(&raw.joint.with_word)?,
            joint_words: raw.joint.words.iter().cloned().collect(),
            joint_to: one(&raw.joint.to)?,
            default: parse_root(&raw.default).ok_or_else(|| ClassifyError::Data("unknown default type".into()))?,
            cues,
            lex,
        })
    }

    /// Classifies the relation of the source at byte span `source` to the target at byte
    /// span `target` in `sentence`.
    pub fn classify(&self, sentence: &str, source: Range<usize>, target: Range<usize>) -> Classification {
        let toks = tokenize(sentence);
        // a capitalised month name inside the sentence ("since March") is a date, no word
        let lemmas: Vec<Option<&str>> =
            toks.iter().enumerate().map(|(i, t)| if month_at(&toks, i) { None } else { self.lemma(t) }).collect();
        let past: Vec<bool> = toks
            .iter()
            .map(|t| t.kind == TokKind::Word && self.lex.lemma_of(&t.lower).is_some_and(|(_, p)| p))
            .collect();
        let s = tok_range(&toks, &source);
        let t = tok_range(&toks, &target);
        let (first, second) = if s.start <= t.start { (s.clone(), t.clone()) } else { (t.clone(), s.clone()) };
        // "X says Y must end ...": a duty the source lays on the target is a demand
        if s.end <= t.start
            && self.obligation.starts_at(&toks, t.end.min(toks.len().saturating_sub(1)))
            && t.end < toks.len()
        {
            let ptype = PloverType::Request;
            return Classification {
                root: root_of(ptype),
                ptype,
                mode: None,
                quad: quad_of(ptype),
                polarity: ptype.default_polarity(),
                trigger: Some(sentence[toks[t.end].span.clone()].to_string()),
                trigger_span: Some(toks[t.end].span.clone()),
                rule: format!("obligation:{} after the target", toks[t.end].lower),
            };
        }
        let claim = self.claim_about_target(&toks, &s, &t);
        let mut cands: Vec<Cand> = Vec::new();
        for h in 0..toks.len() {
            let Some(lemma) = lemmas[h] else { continue };
            for &ti in self.lex.by_head(lemma) {
                let trig = &self.lex.triggers[ti];
                // a past form is no noun; a capitalised noun inside a name ("the Court of Appeal",
                // "the Rapid Support Forces") names an institution, not an act
                if trig.pos == Pos::Noun && (past[h] || in_name(&toks, h)) {
                    continue;
                }
                let Some(e) = match_at(&toks, &lemmas, &trig.words, h, [&first, &second], &self.gap_stops) else {
                    continue;
                };
                if self.dropped(&toks, &lemmas, ti, h, e, [&first, &second]) {
                    continue;
                }
                let (mut score, place) = self.position(&toks, h, e, &first, &second);
                // a descriptive adjective inside a party or in a relative clause on it ("forces
                // loyal to X", "a paper aligned with Y") says what the party is, not what it did
                if trig.pos == Pos::Adj && (place == "inside" || place == "after, in a relative clause") {
                    continue;
                }
                // a noun right before the pair whose argument the first party is ("the detention
                // of <t>Y</t> by <s>X</s> drew protests"): the pair is the noun's own frame
                if place == "before"
                    && trig.pos == Pos::Noun
                    && e + 1 == first.start
                    && self.nominal_preps.contains(toks[e].lower.as_str())
                {
                    score += self.nominal_bonus;
                }
                let literal = trig.words.iter().flatten().count() as f32;
                score += 0.8 * (literal - 1.0);
                if self.weak[ti] {
                    score -= 1.0;
                }
                if trig.pos == Pos::Verb {
                    score += 0.3;
                }
                if claim && h >= second.end && h - second.end <= self.speech_window {
                    score += self.speech_bonus;
                }
                cands.push(Cand { ti, h, e, score, place });
            }
        }
        self.rescore(&toks, &mut cands, &second);
        // a noun inside the target names what the target is ("denied <t>the allegations</t>",
        // "blocked <t>the aid package</t>"), not the act: cue words decide when they can
        let in_target = |c: &Cand| t.contains(&c.h) && c.e <= t.end;
        // likewise a noun inside the parties only ("<s>The opposition</s>", "<s>The bloc</s>")
        let in_party = |c: &Cand| in_target(c) || (s.contains(&c.h) && c.e <= s.end);
        if !cands.is_empty() && cands.iter().all(in_party) {
            let cued = self.label_cues(&toks, &lemmas, &first, &second);
            if cued.rule != "default" {
                return cued;
            }
        }
        if cands.iter().any(|c| !in_target(c)) {
            cands.retain(|c| !in_target(c));
        }
        let mut best = cands.iter().max_by(|a, b| a.score.total_cmp(&b.score).then(b.h.cmp(&a.h)));
        // a contact made for a purpose ("called X to congratulate him", "arrived in Y seeking
        // asylum") is coded as the purpose
        if let Some(b) = best.filter(|b| self.purpose_from.contains(&self.lex.triggers[b.ti].ptype)) {
            let after = b.e.max(second.end);
            let purpose = cands
                .iter()
                .filter(|c| {
                    (c.h > after && c.h <= after + 6 && toks[c.h - 1].lower == "to")
                        || (c.h == after && toks[c.h].lower.len() > 4 && toks[c.h].lower.ends_with("ing"))
                })
                .find(|c| {
                    (after..c.h).all(|k| toks[k].kind != TokKind::Punct)
                        && !self.purpose_from.contains(&self.lex.triggers[c.ti].ptype)
                });
            if purpose.is_some() {
                best = purpose;
            }
        }
        match best {
            Some(c) => {
                let mut r =
                    self.label_trigger(sentence, &toks, c, &cands, Pair { first: &first, second: &second, target: &t });
                // "X arrested the suspect at the request of Y": the act is done with Y
                if let Some(k) = self.requested_by(&toks, &t).filter(|&k| s.end <= k && (c.h >= k || r.quad != 1)) {
                    r.rule.push_str(&format!(
                        ", done at the request of the target ({:?}): {} -> COOPERATE",
                        toks[k].lower.as_str(),
                        r.root
                    ));
                    r.ptype = PloverType::Cooperate;
                    r.root = root_of(r.ptype);
                    r.quad = quad_of(r.ptype);
                    r.mode = None;
                    r.polarity = r.ptype.default_polarity();
                }
                // "X said Y was behind the bombing": X accuses Y of the act
                if claim && c.h >= second.end && r.quad == 4 {
                    r.rule.push_str(&format!(", claimed of the target: {} -> ACCUSE", r.root));
                    r.ptype = PloverType::Accuse;
                    r.root = root_of(r.ptype);
                    r.quad = quad_of(r.ptype);
                    r.mode = None;
                    r.polarity = r.ptype.default_polarity();
                }
                r
            }
            None => self.label_cues(&toks, &lemmas, &first, &second),
        }
    }

    /// A word's lexicon lemma; a hyphenated word is also tried closed up ("cease-fire",
    /// "re-establish").
    fn lemma<'s>(&'s self, t: &Token) -> Option<&'s str> {
        if t.kind != TokKind::Word {
            return None;
        }
        self.lex.lemma_of(&t.lower).map(|(l, _)| l).or_else(|| {
            t.lower.contains('-').then(|| self.lex.lemma_of(&t.lower.replace('-', "")).map(|(l, _)| l)).flatten()
        })
    }

    /// Score and place name of a trigger at tokens `h..e` relative to the pair.
    fn position(
        &self,
        toks: &[Token],
        h: usize,
        e: usize,
        first: &Range<usize>,
        second: &Range<usize>,
    ) -> (f32, &'static str) {
        let gap = |a: usize, b: usize| -> f32 {
            // tokens between, a punctuation mark counting as three
            (a..b).map(|k| if toks[k].kind == TokKind::Punct { 3.0 } else { 1.0 }).sum()
        };
        // a pattern whose last word is the head noun of the second party or follows it takes
        // that party as object ("violated <t>the holiday ceasefire</t>", "gave <t>Y</t> a
        // deadline"): the head decides the place ("received <t>the weapons inspectors</t>" is
        // no "receive * weapon")
        let e =
            if h >= first.end && h < second.start && e > second.start && e >= second.end { second.start } else { e };
        let overlaps = |r: &Range<usize>| h < r.end && e > r.start;
        if overlaps(first) || overlaps(second) {
            return (2.0, "inside");
        }
        if h >= first.end && e <= second.start {
            let mut score = 10.0 - 0.3 * gap(first.end, h) - 0.05 * gap(e, second.start);
            // the predicate right before the second party governs it; a second verb
            // coordinated by "and" takes it as its own object ("X agreed to a swap and freed Y")
            let det = |k: usize| self.lex.grammar.det.contains(toks[k].lower.as_str());
            let governs = e == second.start || (e < second.start && det(e));
            // "and promptly sent grain to Y": the second party after the object and one
            // preposition is still that predicate's
            let via_prep = e < second.start
                && self.lex.grammar.classes.get(toks[e].lower.as_str()).is_some_and(|c| c & class::PREP != 0)
                && (e + 1..second.start).all(det);
            if governs || via_prep {
                if governs {
                    score += 0.5;
                }
                let coord = |k: usize| self.coordinators.contains(toks[k].lower.as_str());
                if (h > first.end + 1 && coord(h - 1))
                    || (h > first.end + 2
                        && self.coordinated_adverbs.contains(toks[h - 1].lower.as_str())
                        && coord(h - 2))
                {
                    score += self.coordinated_bonus;
                }
            }
            // a relative, participle or adverbial clause set off by commas right after the
            // first party describes it or the setting ("X, which attacked Z last year, met Y",
            // "X, speaking at a news conference, condemned Y", "X, backed by tanks, took Y")
            if toks.get(first.end).is_some_and(|t| t.lower == ",")
                && toks.get(first.end + 1).is_some_and(|t| {
                    self.relative.contains(t.lower.as_str())
                        || (t.kind == TokKind::Word && t.lower.len() > 4 && t.lower.ends_with("ing"))
                        || (self.past_form(toks, first.end + 1)
                            && toks.get(first.end + 2).is_some_and(|b| b.lower == "by"))
                        || self.subordinator_at(toks, first.end + 1)
                })
                && (first.end + 1..h).all(|k| toks[k].kind != TokKind::Punct)
                && (e..second.start).any(|k| toks[k].lower == ",")
            {
                return (score - self.relative_penalty, "between, in a relative clause");
            }
            return (score, "between");
        }
        if e <= first.start {
            return (6.0 - 0.4 * gap(e, first.start), "before");
        }
        // a trigger in a relative clause on the second party describes that party, not the pair
        // (up to the punctuation mark that closes it)
        if (second.end..h)
            .any(|k| self.relative.contains(toks[k].lower.as_str()) && (k..h).all(|i| toks[i].kind != TokKind::Punct))
        {
            return (6.0 - 0.4 * gap(second.end, h) - self.relative_penalty, "after, in a relative clause");
        }
        // likewise a trigger in an adverbial clause after the pair ("X reinforced Y after Z
        // seized the city") is another event
        if (second.end..h).any(|k| self.subordinator_at(toks, k) && (k..h).all(|i| toks[i].kind != TokKind::Punct)) {
            return (6.0 - 0.4 * gap(second.end, h) - self.subordinate_penalty, "after, in a subordinate clause");
        }
        (6.0 - 0.4 * gap(second.end, h), "after")
    }

    /// Score corrections that compare candidates:
    /// - a trigger before the pair that is the object of a verb trigger right before it (a
    ///   determiner between: "\"We condemn this attack,\" X said of Y") is what the verb's act
    ///   is about: the verb scores at least as high;
    /// - a trigger between the pair followed, before the second party, by a subordinating
    ///   conjunction and an active verb trigger ("X met Z before he criticised Y") has its own
    ///   object:
    ///   the predicate of the later clause governs the second party, and the first trigger
    ///   loses `subordinate_penalty`.
    fn rescore(&self, toks: &[Token], cands: &mut [Cand], second: &Range<usize>) {
        let is_prep =
            |k: usize| self.lex.grammar.classes.get(toks[k].lower.as_str()).is_some_and(|c| c & class::PREP != 0);
        let is_verb = |c: &Cand| self.lex.triggers[c.ti].pos == Pos::Verb && !self.weak[c.ti];
        let mut raise: Vec<(usize, f32)> = Vec::new();
        let mut lower: Vec<usize> = Vec::new();
        for (i, c) in cands.iter().enumerate() {
            if c.place == "before" {
                let governor = cands.iter().enumerate().find(|(_, v)| {
                    v.place == "before"
                        && is_verb(v)
                        && v.e <= c.h
                        && c.h - v.e <= 3
                        && (v.e..c.h).all(|k| toks[k].kind == TokKind::Word && !is_prep(k))
                        && (v.e..c.h).any(|k| self.lex.grammar.det.contains(toks[k].lower.as_str()))
                });
                if let Some((j, v)) = governor {
                    if v.score <= c.score {
                        raise.push((j, c.score + 0.1));
                    }
                }
            }
            if c.place == "between" {
                let sub = (c.e..second.start).find(|&k| self.subordinator_at(toks, k));
                if let Some(k) = sub {
                    // the first party's own act in that clause, in the same sentence part: a
                    // gerund right after the conjunction ("before criticising Y"; not "after
                    // protests ...") or a verb after a pronoun and auxiliaries
                    // ("before he criticised Y", "after she had denounced Y"); not another
                    // subject's ("after the army shelled Y"), no passive ("until their demands
                    // are met by Y")
                    let pronoun = toks
                        .get(k + 1)
                        .is_some_and(|t| matches!(t.lower.as_str(), "he" | "she" | "it" | "they" | "we" | "i"));
                    let clause_verb = |v: &Cand| {
                        v.place == "between"
                            && v.e <= second.start
                            && is_verb(v)
                            && ((v.h == k + 1 && toks[v.h].lower.ends_with("ing"))
                                || (pronoun
                                    && v.h > k + 1
                                    && (k + 2..v.h).all(|i| self.lex.grammar.aux.contains(toks[i].lower.as_str()))))
                            && !self.passive(toks, v.h)
                            && (c.e..v.h).all(|i| toks[i].kind != TokKind::Punct)
                    };
                    if cands.iter().any(clause_verb) {
                        lower.push(i);
                    }
                }
            }
        }
        for (j, score) in raise {
            cands[j].score = cands[j].score.max(score);
        }
        for i in lower {
            cands[i].score -= self.subordinate_penalty;
        }
    }

    /// Whether the source reports a claim about the target: "X said (that) Y ...", the source
    /// first, a speech verb between the two and nothing but words, commas and "that" after it.
    fn claim_about_target(&self, toks: &[Token], s: &Range<usize>, t: &Range<usize>) -> bool {
        if s.end > t.start || s.is_empty() || t.is_empty() {
            return false;
        }
        let Some(v) = (s.end..t.start).rev().find(|&k| self.speech.contains(toks[k].lower.as_str())) else {
            return false;
        };
        (v + 1..t.start).all(|k| toks[k].lower == "that")
    }

    /// The start of an `on_request` phrase ending right before the target (a determiner
    /// between allowed), if the source stands before it.
    fn requested_by(&self, toks: &[Token], t: &Range<usize>) -> Option<usize> {
        let mut end = t.start;
        while end > 0 && self.lex.grammar.det.contains(toks[end - 1].lower.as_str()) {
            end -= 1;
        }
        self.on_request.iter().find_map(|p| {
            let start = end.checked_sub(p.len())?;
            p.iter().enumerate().all(|(k, w)| toks[start + k].lower == w.as_str()).then_some(start)
        })
    }

    /// Whether token `k` opens an adverbial clause ("as" not in "as well as", "such as").
    fn subordinator_at(&self, toks: &[Token], k: usize) -> bool {
        let w = toks[k].lower.as_str();
        if !self.subordinate.contains(w) {
            return false;
        }
        if w == "as" {
            let next = toks.get(k + 1).map(|t| t.lower.as_str());
            let prev = k.checked_sub(1).map(|i| toks[i].lower.as_str());
            return !matches!(next, Some("well" | "part" | "a" | "an" | "the" | "of"))
                && !matches!(prev, Some("such" | "as" | "same"));
        }
        true
    }

    /// Whether the trigger `ti` matched at `h..e` is no event here: a compound noun starting
    /// at its head ("press conference"), or a figurative object ("fight the epidemic"; a
    /// word inside a party names the party: "met <t>the opposition leader</t>").
    fn dropped(
        &self,
        toks: &[Token],
        lemmas: &[Option<&str>],
        ti: usize,
        h: usize,
        e: usize,
        parties: [&Range<usize>; 2],
    ) -> bool {
        if self.not_trigger.starts_at(toks, h) {
            return true;
        }
        let pattern = self.lex.triggers[ti].pattern.as_str();
        let follows = |f: &Figurative, skip_parties: bool| {
            let end = (e + f.window).min(toks.len());
            let stop = (e..end).find(|&k| toks[k].kind == TokKind::Punct).unwrap_or(end);
            (e..stop)
                .filter(|k| !(skip_parties && parties.iter().any(|p| p.contains(k))))
                .any(|k| f.objects.contains(toks[k].lower.as_str()) || lemmas[k].is_some_and(|l| f.objects.contains(l)))
        };
        self.figurative.iter().any(|f| f.patterns.contains(pattern) && follows(f, true))
            || self.requires.iter().any(|f| f.patterns.contains(pattern) && !follows(f, false))
    }

    /// The exit phrase ("walked out of", "left") a few tokens before the noun at `h` in the
    /// same clause, if any.
    fn exited(&self, toks: &[Token], h: usize) -> Option<String> {
        let lo = h.saturating_sub(self.exit_window);
        let mut start = h;
        while start > lo && toks[start - 1].kind != TokKind::Punct {
            start -= 1;
        }
        // "left a meeting", not "left for talks": no preposition between phrase and noun
        let is_prep =
            |k: usize| self.lex.grammar.classes.get(toks[k].lower.as_str()).is_some_and(|c| c & class::PREP != 0);
        (start..h).find_map(|i| {
            self.exit_words
                .iter()
                .filter(|p| i + p.len() <= h && p.iter().enumerate().all(|(k, w)| toks[i + k].lower == w.as_str()))
                .any(|p| (i + p.len()..h).all(|k| !is_prep(k)))
                .then(|| toks[i].lower.to_string())
        })
    }

    /// The type the PLV convention gives trigger `ti` (its own type when none applies).
    fn conv_type(&self, ti: usize) -> Option<PloverType> {
        let trig = &self.lex.triggers[ti];
        self.by_pattern
            .get(trig.pattern.as_str())
            .or_else(|| self.convention.get(&(trig.ptype, trig.mode.clone())))
            .or_else(|| self.convention.get(&(trig.ptype, None)))
            .copied()
    }

    /// The structural rules on the relation the trigger expresses: a concluded agreement, a
    /// demand for a measure against the target, a handover of goods, an act of a coordinated
    /// pair. The new type and the rule's description, if one applies.
    fn structural(
        &self,
        toks: &[Token],
        c: &Cand,
        ptype: PloverType,
        cands: &[Cand],
        pair: &Pair,
    ) -> Option<(PloverType, String)> {
        let trig = &self.lex.triggers[c.ti];
        // "X and Y agreed a/to the/on a deal": a noun phrase for object is a concluded
        // agreement; "agreed to withdraw" stays an intent
        if self.concluded.contains(trig.pattern.as_str()) && c.e < toks.len() {
            let k = if self.concluded_links.contains(toks[c.e].lower.as_str()) { c.e + 1 } else { c.e };
            if toks.get(k).is_some_and(|t| self.lex.grammar.det.contains(t.lower.as_str())) {
                return Some((self.concluded_to, format!("concluded {:?}", toks[k].lower.as_str())));
            }
        }
        // "X called for sanctions against Y": the target is not addressed, the measure is
        // demanded against it
        if self.dm_from.contains(&ptype) && pair.target.start > c.e {
            let lim = (c.e + self.dm_window).min(pair.target.start);
            if let Some(m) = cands.iter().find(|m| {
                m.h >= c.e
                    && m.h < lim
                    && (c.e..m.h).all(|k| toks[k].kind != TokKind::Punct)
                    && self.dm_measures.contains(&self.conv_type(m.ti).unwrap_or(self.lex.triggers[m.ti].ptype))
            }) {
                return Some((self.dm_to, format!("demand of measure {:?}", toks[m.h].lower.as_str())));
            }
        }
        // "X is seeking prison terms for Y": the measure itself is demanded
        if self.dm_measures.contains(&ptype) {
            let lo = c.h.saturating_sub(self.dmw_window);
            let hit = (lo..c.h).find(|&i| {
                self.dm_words.iter().any(|p| {
                    i + p.len() <= c.h
                        && p.iter().enumerate().all(|(k, w)| toks[i + k].lower == w.as_str())
                        && (i + p.len()..c.h).all(|k| toks[k].kind == TokKind::Word)
                })
            });
            if let Some(i) = hit {
                return Some((self.dm_to, format!("measure demanded by {:?}", toks[i].lower.as_str())));
            }
        }
        // "X handed over medical equipment to Y": goods handed over are aid
        if self.mat_from.contains(&ptype) && !trig.mode.as_ref().is_some_and(|m| self.mat_except.contains(m)) {
            let inside = |k: usize| pair.first.contains(&k) || pair.second.contains(&k);
            let end = (c.e + self.mat_window).min(toks.len());
            if let Some(k) = (c.e..end).find(|&k| !inside(k) && self.mat_words.contains(toks[k].lower.as_str())) {
                return Some((self.mat_to, format!("goods {:?}", toks[k].lower.as_str())));
            }
        }
        // "X and Y held war games": an act of a coordinated pair after both is done together
        if c.h >= pair.second.end
            && pair.first.end < pair.second.start
            && (pair.first.end..pair.second.start).all(|k| self.joint_links.contains(toks[k].lower.as_str()))
            && (pair.first.end..pair.second.start).any(|k| toks[k].lower == "and" || toks[k].lower == "with")
            && (self.joint_always.contains(&ptype)
                || (self.joint_with_word.contains(&ptype)
                    && toks.iter().any(|t| self.joint_words.contains(t.lower.as_str()))))
        {
            return Some((self.joint_to, "joint act of the pair".to_string()));
        }
        // "X launched a joint offensive with Y": a joint act with the second party
        let mut w = pair.second.start;
        while w > 0 && self.lex.grammar.det.contains(toks[w - 1].lower.as_str()) {
            w -= 1;
        }
        if c.e <= w
            && w > 0
            && matches!(toks[w - 1].lower.as_str(), "with" | "alongside")
            && (c.e..w - 1).all(|k| toks[k].kind == TokKind::Word)
            && (self.joint_always.contains(&ptype) || self.joint_with_word.contains(&ptype))
            && (c.h.saturating_sub(3)..c.e).any(|k| self.joint_words.contains(toks[k].lower.as_str()))
        {
            return Some((self.joint_to, "joint act with the second party".to_string()));
        }
        None
    }

    fn label_trigger(&self, sentence: &str, toks: &[Token], c: &Cand, cands: &[Cand], pair: Pair) -> Classification {
        let trig = &self.lex.triggers[c.ti];
        let mut ptype = trig.ptype;
        let mut mode = trig.mode.clone();
        let mut polarity = trig.polarity;
        let mut rule = format!("trigger:{} ({}, {})", trig.pattern, trig.pos_name(), c.place);
        if self.passive(toks, c.h) && trig.pos == Pos::Verb {
            rule.push_str(", passive");
        }
        if let Some(conv) = self.conv_type(c.ti) {
            rule.push_str(&format!(
                ", convention {}{} -> {}",
                ptype.as_str(),
                mode.as_deref().map(|m| format!("/{m}")).unwrap_or_default(),
                root_of(conv)
            ));
            ptype = conv;
            polarity = ptype.default_polarity();
        }
        if let Some((to, why)) = self.structural(toks, c, ptype, cands, &pair) {
            rule.push_str(&format!(", {why}: {} -> {}", root_of(ptype), root_of(to)));
            ptype = to;
            polarity = ptype.default_polarity();
        }
        for ctx in &self.context {
            if ctx.from.contains(&ptype)
                && (ctx.patterns.is_empty() || ctx.patterns.contains(trig.pattern.as_str()))
                && (ctx.modes.is_empty() || trig.mode.as_ref().is_some_and(|m| ctx.modes.contains(m)))
                && {
                    // the words inside a gap pattern count too ("pulled its observers out"); a
                    // party reaching past the window counts as one word, so the words right after
                    // it count too ("its commitment to <t>the refugees and their hosts</t> with a
                    // donation"), not its own words past the window
                    let (range, plain_end) = match (ctx.before, ctx.after) {
                        (0, 0) => (0..toks.len(), toks.len()),
                        (b, 0) => (c.h.saturating_sub(b)..c.h, c.h),
                        (_, a) => {
                            let mut end = c.e + a;
                            for p in [pair.first, pair.second] {
                                if p.start >= c.e && p.start < end {
                                    end += p.len().saturating_sub(1);
                                }
                            }
                            ((c.h + 1).min(c.e)..end.min(toks.len()), (c.e + a).min(toks.len()))
                        }
                    };
                    range
                        .filter(|&k| k < plain_end || !(pair.first.contains(&k) || pair.second.contains(&k)))
                        .any(|k| ctx.words.contains(toks[k].lower.as_str()))
                }
            {
                rule.push_str(&format!(", context -> {}", root_of(ctx.to)));
                ptype = ctx.to;
                mode = ctx.mode.clone();
                polarity = ptype.default_polarity();
                break;
            }
        }
        // (a verb form after a determiner is read as the noun: "dropped the charges")
        // (or after a determiner and a modifier: "removed Y from its terrorism blacklist")
        // (or the object of a decision or plan: "reversed its decision to expel Y")
        let as_noun = trig.pos == Pos::Noun
            || (c.h.saturating_sub(2)..c.h).any(|k| self.lex.grammar.det.contains(toks[k].lower.as_str()))
            || (c.h >= 2 && toks[c.h - 1].lower == "to" && self.decision_nouns.contains(toks[c.h - 2].lower.as_str()));
        let undo = if self.reversal_of.contains(&ptype) {
            Some(&self.reversal)
        } else if self.halt_of.contains(&ptype) {
            Some(&self.halt)
        } else {
            None
        };
        let lemmas: Vec<Option<&str>> = toks.iter().map(|t| self.lemma(t)).collect();
        // a cooperative relation already turned into a measure by stopping it ("ended its pact
        // with Y", "scrapped the deal") is not undone a second time by the same verb
        let undo = undo.filter(|_| !self.disc_of.contains(&trig.ptype));
        if let Some(words) = undo.filter(|_| as_noun) {
            let lo = c.h.saturating_sub(6);
            let rev = (lo..c.h)
                .rev()
                .find(|&k| words.contains(toks[k].lower.as_str()) || lemmas[k].is_some_and(|l| words.contains(l)));
            if let Some(k) = rev {
                rule.push_str(&format!(", undone by {:?}: {} -> YIELD", toks[k].lower.as_str(), ptype.as_str()));
                ptype = PloverType::Retreat;
                mode = Some("ease".into());
                polarity = Polarity::Positive;
                // "will not reverse its decision upholding the conviction": a refused concession
                if let Some(neg) = self.negated(toks, k) {
                    rule.push_str(&format!(", negated by {neg:?}: YIELD -> REJECT"));
                    ptype = PloverType::Reject;
                    mode = None;
                    polarity = Polarity::Negative;
                }
            } else if self.halt_of.contains(&ptype) {
                // "X's offensive would end if ...", "the air strikes have stopped": an operation
                // said to end (auxiliaries between; a modal of intent makes it a promise: AGREE;
                // the noun's own party may stand between: "the strikes on <t>Y</t> have stopped")
                let mut k = c.e;
                if pair.second.start > c.e
                    && pair.second.start <= c.e + 1
                    && (c.e..pair.second.start).all(|i| toks[i].kind == TokKind::Word)
                {
                    k = pair.second.end;
                }
                let start = k;
                let mut modal = None;
                while k < toks.len()
                    && k < start + 3
                    && (self.lex.grammar.aux.contains(toks[k].lower.as_str())
                        || self.lex.grammar.be.contains(toks[k].lower.as_str()))
                    && !matches!(toks[k].lower.as_str(), "not" | "never" | "to")
                {
                    if self.intent.starts_at(toks, k) {
                        modal = Some(toks[k].lower.to_string());
                    }
                    k += 1;
                }
                if k < toks.len()
                    && (words.contains(toks[k].lower.as_str()) || lemmas[k].is_some_and(|l| words.contains(l)))
                {
                    let to = if modal.is_some() { PloverType::Agree } else { PloverType::Retreat };
                    rule.push_str(&format!(
                        ", ended by {:?}{}: {} -> {}",
                        toks[k].lower.as_str(),
                        modal.map(|m| format!(" after {m:?}")).unwrap_or_default(),
                        ptype.as_str(),
                        root_of(to)
                    ));
                    ptype = to;
                    mode = (to == PloverType::Retreat).then(|| "ceasefire".to_string());
                    polarity = Polarity::Positive;
                }
            }
        }
        // "X froze the talks with Y", "suspended its partnership with Y", "halted lending to
        // Y" (a gerund is a noun here): cooperation withdrawn
        let gerund = toks[c.h].lower.len() > 4 && toks[c.h].lower.ends_with("ing");
        if (as_noun || gerund) && self.disc_of.contains(&ptype) {
            if let Some(k) = self.discontinued(toks, &lemmas, c.h) {
                rule.push_str(&format!(", stopped by {k:?}: {} -> {}", root_of(ptype), root_of(self.disc_to)));
                ptype = self.disc_to;
                mode = self.disc_mode.clone();
                polarity = ptype.default_polarity();
            }
        }
        if as_noun && self.exit_of.contains(&ptype) {
            if let Some(x) = self.exited(toks, c.h) {
                rule.push_str(&format!(", left by {x:?}: {} -> {}", root_of(ptype), root_of(self.exit_to)));
                ptype = self.exit_to;
                mode = None;
                polarity = ptype.default_polarity();
            }
        }
        if let Some(cue) = self.threatened(toks, c.h) {
            // "X threatened to pull out of the coalition with Y", "did not rule out sanctions
            // against Y", "would not hesitate to strike Y": whatever the act, a threat (before
            // the negation, which a threat phrase may contain)
            if ptype != PloverType::Threaten {
                rule.push_str(&format!(", threat {cue:?}: {} -> THREATEN", root_of(ptype)));
                ptype = PloverType::Threaten;
                mode = None;
                polarity = ptype.default_polarity();
            }
        } else if let Some(neg) = self.negated(toks, c.h) {
            if self.negated_to_reject.contains(&ptype) {
                rule.push_str(&format!(", negated by {neg:?}: {} -> REJECT", ptype.as_str()));
                ptype = PloverType::Reject;
                mode = None;
                polarity = Polarity::Negative;
            } else {
                rule.push_str(&format!(", negated by {neg:?} (kept)"));
            }
        } else if let Some(cue) = self
            .intent(toks, c.h)
            .filter(|_| !(trig.pos == Pos::Verb && self.past_form(toks, c.h) && !self.passive(toks, c.h)))
        {
            let to = if self.intent_to_agree.contains(&ptype) {
                Some(PloverType::Agree)
            } else if self.intent_to_threaten.contains(&ptype) {
                Some(PloverType::Threaten)
            } else {
                None
            };
            match to {
                Some(to) => {
                    rule.push_str(&format!(", intent {cue:?}: {} -> {}", root_of(ptype), to.as_str()));
                    ptype = to;
                    polarity = to.default_polarity();
                }
                None => rule.push_str(&format!(", intent {cue:?} (kept)")),
            }
        } else if self.intent_to_threaten.contains(&ptype) {
            if let Some(m) = self.possible(toks, c.h) {
                rule.push_str(&format!(", possibility {m:?}: {} -> THREATEN", root_of(ptype)));
                ptype = PloverType::Threaten;
                polarity = ptype.default_polarity();
            }
        }
        let span = toks[c.h].span.start..toks[c.e - 1].span.end;
        Classification {
            root: root_of(ptype),
            ptype,
            mode,
            quad: quad_of(ptype),
            polarity,
            trigger: Some(sentence[span.clone()].to_string()),
            trigger_span: Some(span),
            rule,
        }
    }

    /// The intent cue ("will", "agreed to", "is willing to") in the few tokens before `h` in
    /// the same clause, if any.
    fn intent(&self, toks: &[Token], h: usize) -> Option<String> {
        let lo = h.saturating_sub(self.intent_window);
        let mut start = h;
        while start > lo {
            let t = &toks[start - 1];
            if t.kind == TokKind::Punct {
                break;
            }
            start -= 1;
        }
        (start..h).find(|&i| self.intent.starts_at(toks, i)).map(|i| toks[i].lower.to_string())
    }

    /// The threat phrase ("threatened to") in the few tokens before `h` in the same clause,
    /// if any.
    fn threatened(&self, toks: &[Token], h: usize) -> Option<String> {
        let lo = h.saturating_sub(self.intent_window);
        let mut start = h;
        while start > lo && toks[start - 1].kind != TokKind::Punct {
            start -= 1;
        }
        (start..h).find(|&i| self.threat.starts_at(toks, i)).map(|i| toks[i].lower.to_string())
    }

    /// The stop word or phrase ("froze", "broke off") ending at most `disc_window` tokens
    /// before the noun at `h`, in the same clause and with no preposition between, or a
    /// passive stop word after it ("the talks ... had been suspended"), if any.
    fn discontinued(&self, toks: &[Token], lemmas: &[Option<&str>], h: usize) -> Option<String> {
        let lo = h.saturating_sub(self.disc_window);
        let mut start = h;
        while start > lo && toks[start - 1].kind != TokKind::Punct {
            start -= 1;
        }
        let is_prep =
            |k: usize| self.lex.grammar.classes.get(toks[k].lower.as_str()).is_some_and(|c| c & class::PREP != 0);
        // "the talks with Y had been suspended": a passive stop word after the noun (a party
        // and an auxiliary may stand between, so the window is doubled)
        let end = (h + 1 + 2 * self.disc_window).min(toks.len());
        let stop = (h + 1..end).find(|&k| toks[k].kind == TokKind::Punct).unwrap_or(end);
        let after = (h + 1..stop).find(|&k| {
            self.passive(toks, k)
                && self
                    .disc_words
                    .iter()
                    .any(|p| p.len() == 1 && (lemmas[k] == Some(p[0].as_str()) || toks[k].lower == p[0]))
        });
        if let Some(k) = after {
            return Some(toks[k].lower.to_string());
        }
        (start..h).rev().find_map(|i| {
            self.disc_words
                .iter()
                .filter(|p| {
                    i + p.len() <= h
                        && p.iter()
                            .enumerate()
                            .all(|(k, w)| toks[i + k].lower == w.as_str() || (k == 0 && lemmas[i] == Some(w.as_str())))
                })
                .any(|p| (i + p.len()..h).all(|k| !is_prep(k)))
                .then(|| toks[i].lower.to_string())
        })
    }

    /// The modal of possibility ("could", "might") right before the verb at `h` (adverbs and
    /// "be able to" aside), not one of a past possibility ("could have"), if any.
    fn possible(&self, toks: &[Token], h: usize) -> Option<String> {
        let lo = h.saturating_sub(3);
        (lo..h).rev().find(|&i| self.possibility.contains(toks[i].lower.as_str())).and_then(|i| {
            let next = toks.get(i + 1).map(|t| t.lower.as_str());
            let clean = (i + 1..h).all(|k| toks[k].kind == TokKind::Word);
            (clean && !matches!(next, Some("have" | "not" | "never" | "be"))).then(|| toks[i].lower.to_string())
        })
    }

    /// Whether the word at `h` is a past form ("freed", "released"): an intent cue ("agreed
    /// to", "will") takes a base form, so a past verb after one is a separate predicate.
    fn past_form(&self, toks: &[Token], h: usize) -> bool {
        self.lex.lemma_of(&toks[h].lower).is_some_and(|(l, p)| p && l != toks[h].lower.as_str())
    }

    /// Whether the verb at `h` is a passive participle ("was attacked", "has been urged").
    fn passive(&self, toks: &[Token], h: usize) -> bool {
        let past = self.lex.lemma_of(&toks[h].lower).is_some_and(|(_, p)| p);
        past && (1..=2).any(|k| h >= k && self.lex.grammar.be.contains(toks[h - k].lower.as_str()))
    }

    /// The negation word in the few tokens before `h` in the same clause, if any.
    fn negated(&self, toks: &[Token], h: usize) -> Option<String> {
        let mut j = h;
        let mut n = 0;
        while j > 0 && n < self.negation_window {
            j -= 1;
            let t = &toks[j];
            if t.kind == TokKind::Punct
                || self.lex.grammar.classes.get(t.lower.as_str()).is_some_and(|c| c & class::CLAUSE_OPENER != 0)
            {
                return None;
            }
            if self.negation.starts_at(toks, j) {
                return Some(t.lower.to_string());
            }
            n += 1;
        }
        None
    }

    fn label_cues(
        &self,
        toks: &[Token],
        lemmas: &[Option<&str>],
        first: &Range<usize>,
        second: &Range<usize>,
    ) -> Classification {
        let mut scores: HashMap<PloverType, f32> = HashMap::default();
        let mut hits: Vec<String> = Vec::new();
        for i in 0..toks.len() {
            if (i >= first.start && i < first.end) || (i >= second.start && i < second.end) || month_at(toks, i) {
                continue;
            }
            let keys = [Some(toks[i].lower.as_str()), lemmas[i]];
            for key in keys.into_iter().flatten() {
                let Some(list) = self.cues.get(key) else { continue };
                for (phrase, t, w) in list {
                    let ok = phrase
                        .iter()
                        .enumerate()
                        .all(|(k, p)| k == 0 || toks.get(i + k).is_some_and(|x| x.lower == p.as_str()));
                    if !ok {
                        continue;
                    }
                    let near = (i >= first.end && i < second.start)
                        || (i < first.start && first.start - i <= 3)
                        || (i >= second.end && i - second.end <= 3);
                    *scores.entry(*t).or_insert(0.0) += if near { 2.0 * w } else { *w };
                    hits.push(format!("{}={}", phrase.join(" "), root_of(*t)));
                }
                break;
            }
        }
        let best = PloverType::ALL
            .into_iter()
            .filter_map(|t| scores.get(&t).map(|s| (t, *s)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let (ptype, rule) = match best {
            Some((t, _)) => (t, format!("cues:{}", hits.join(","))),
            None => (self.default, "default".to_string()),
        };
        Classification {
            root: root_of(ptype),
            ptype,
            mode: None,
            quad: quad_of(ptype),
            polarity: ptype.default_polarity(),
            trigger: None,
            trigger_span: None,
            rule,
        }
    }
}

trait PosName {
    fn pos_name(&self) -> &'static str;
}

impl PosName for crate::lexicon::Trigger {
    fn pos_name(&self) -> &'static str {
        match self.pos {
            Pos::Verb => "verb",
            Pos::Noun => "noun",
            Pos::Adj => "adj",
        }
    }
}

/// The tokens that overlap byte span `r` (an empty range at the nearest token when none).
fn tok_range(toks: &[Token], r: &Range<usize>) -> Range<usize> {
    let a = toks.iter().position(|t| t.span.end > r.start).unwrap_or(toks.len());
    let mut b = a;
    while b < toks.len() && toks[b].span.start < r.end {
        b += 1;
    }
    a..b
}

fn lemma_is(toks: &[Token], lemmas: &[Option<&str>], i: usize, w: &str) -> bool {
    toks[i].lower == w || lemmas[i] == Some(w)
}

/// End token (exclusive) of a pattern matched with its head at `h`.
/// A gap may hold a whole party, counted as one word ("gave <t>the regional
/// government</t> a deadline").
fn match_at(
    toks: &[Token],
    lemmas: &[Option<&str>],
    words: &[Option<String>],
    h: usize,
    parties: [&Range<usize>; 2],
    stops: &HashSet<String>,
) -> Option<usize> {
    let mut j = h + 1;
    let mut wi = 1;
    while wi < words.len() {
        match &words[wi] {
            None => {
                let next = words.get(wi + 1).and_then(|w| w.as_deref())?;
                // the words themselves first, then with a party counted as one word
                let found = gap_find(toks, lemmas, next, j, &[], stops)
                    .or_else(|| gap_find(toks, lemmas, next, j, &parties, stops))?;
                j = found + 1;
                wi += 2;
            }
            Some(w) => {
                while j < toks.len()
                    && !lemma_is(toks, lemmas, j, w)
                    && matches!(toks[j].lower.as_str(), "its" | "their" | "his" | "her" | "the" | "a" | "an")
                {
                    j += 1;
                }
                if j >= toks.len() || !lemma_is(toks, lemmas, j, w) {
                    return None;
                }
                j += 1;
                wi += 1;
            }
        }
    }
    Some(j)
}

/// Whether the capitalised word at `h` (not the first) stands in a multi-word name: next to
/// another capitalised word, or after "of" after one ("Court of Appeal").
fn in_name(toks: &[Token], h: usize) -> bool {
    let cap = |k: usize| k > 0 && toks.get(k).is_some_and(|t| t.cap && t.kind == TokKind::Word);
    h > 0 && cap(h) && (cap(h - 1) || cap(h + 1) || (h >= 2 && toks[h - 1].lower == "of" && cap(h - 2)))
}

/// Whether token `i` is a capitalised month name inside the sentence ("March", "May"): a
/// date, neither a trigger nor a cue.
fn month_at(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i].cap && toks[i].kind == TokKind::Word && entente_core::calendar::month_of(&toks[i].lower).is_some()
}

/// The trigger text `triggers` followed by the classifier-only `[[trigger]]` entries of the
/// classifier data `data`.
pub fn with_extra_triggers(triggers: &str, data: &str) -> Result<String, ClassifyError> {
    let extra: ExtraTriggers = toml::from_str(data).map_err(|e| ClassifyError::Data(e.to_string()))?;
    if extra.trigger.is_empty() {
        return Ok(triggers.to_string());
    }
    let text =
        toml::to_string(&ExtraTriggers { trigger: extra.trigger }).map_err(|e| ClassifyError::Data(e.to_string()))?;
    Ok(format!("{triggers}\n{text}"))
}

/// The token at or after `j` (at most three words on, a party in `skip` counting as one
/// word, no punctuation crossed) that is `next`. After a party, a preposition of `stops`
/// opens a phrase of its own: "withdrew from <t>the palace</t> under a deal" is no
/// "withdraw from * deal".
fn gap_find(
    toks: &[Token],
    lemmas: &[Option<&str>],
    next: &str,
    j: usize,
    skip: &[&Range<usize>],
    stops: &HashSet<String>,
) -> Option<usize> {
    let (mut k, mut steps, mut crossed) = (j, 0, false);
    while k < toks.len() && steps < 4 {
        if let Some(r) = skip.iter().find(|r| r.start == k && r.end > k) {
            k = r.end;
            steps += 1;
            crossed = true;
            continue;
        }
        if lemma_is(toks, lemmas, k, next) {
            return Some(k);
        }
        if toks[k].kind == TokKind::Punct || (crossed && stops.contains(toks[k].lower.as_str())) {
            return None;
        }
        k += 1;
        steps += 1;
    }
    None
}

/// A pair read from input: the plain sentence and the byte spans of source and target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairInput {
    pub sentence: String,
    pub source: Range<usize>,
    pub target: Range<usize>,
}

/// Reads the marked form (`<s>X</s> ... <t>Y</t>`): the sentence without marks and the two
/// spans. `None` unless at least one mark is present and the marks are well formed; a
/// missing party gets an empty span right after the other.
pub fn parse_marked(marked: &str) -> Option<PairInput> {
    let mut out = String::with_capacity(marked.len());
    let (mut s, mut t) = (None::<Range<usize>>, None::<Range<usize>>);
    let (mut s_open, mut t_open) = (None, None);
    let mut rest = marked;
    while !rest.is_empty() {
        let tag = ["<s>", "</s>", "<t>", "</t>"].into_iter().find(|m| rest.starts_with(m));
        match tag {
            Some("<s>") => s_open = Some(out.len()),
            Some("</s>") => s = Some(s_open.take()?..out.len()),
            Some("<t>") => t_open = Some(out.len()),
            Some("</t>") => t = Some(t_open.take()?..out.len()),
            _ => {
                let c = rest.chars().next()?;
                out.push(c);
                rest = &rest[c.len_utf8()..];
                continue;
            }
        }
        rest = &rest[tag?.len()..];
    }
    // a pair with one party unnamed ("launched an investigation"): the missing span is
    // empty, right after the named one
    match (s, t) {
        (Some(s), Some(t)) => Some(PairInput { sentence: out, source: s, target: t }),
        (Some(s), None) => Some(PairInput { sentence: out, target: s.end..s.end, source: s }),
        (None, Some(t)) => Some(PairInput { sentence: out, source: t.end..t.end, target: t }),
        (None, None) => None,
    }
}

/// Finds `source` and `target` (texts) in `sentence`: the first occurrences that do not
/// overlap, the target searched first next to the source.
pub fn locate(sentence: &str, source: &str, target: &str) -> Option<PairInput> {
    let find_all = |needle: &str| -> Vec<Range<usize>> {
        if needle.is_empty() {
            return Vec::new();
        }
        let all: Vec<Range<usize>> = sentence.match_indices(needle).map(|(i, m)| i..i + m.len()).collect();
        // whole-word occurrences first ("Iran" is not the start of "Iranian")
        let word = |r: &Range<usize>| {
            let before = sentence[..r.start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = sentence[r.end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        };
        let whole: Vec<Range<usize>> = all.iter().filter(|r| word(r)).cloned().collect();
        if whole.is_empty() {
            all
        } else {
            whole
        }
    };
    let ss = find_all(source);
    let ts = find_all(target);
    let mut best: Option<(usize, Range<usize>, Range<usize>)> = None;
    for s in &ss {
        for t in &ts {
            if s.start < t.end && t.start < s.end {
                continue;
            }
            let d = if s.start < t.start { t.start - s.end } else { s.start - t.end };
            if best.as_ref().is_none_or(|b| d < b.0) {
                best = Some((d, s.clone(), t.clone()));
            }
        }
    }
    best.map(|(_, s, t)| PairInput { sentence: sentence.to_string(), source: s, target: t })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classifier() -> Classifier {
        Classifier::embedded().expect("embedded data loads")
    }

    /// `(marked sentence, root, quad)`.
    const CASES: &[(&str, &str, u8)] = &[
        ("<s>The minister</s> condemned <t>the rebels</t> on Sunday.", "ACCUSE", 3),
        ("<s>Jordan</s> accused <t>Syria</t> of harbouring militants.", "ACCUSE", 3),
        ("<s>The two ministers</s> signed a trade agreement with <t>Oman</t>.", "SUPPORT", 1),
        ("<s>The envoy</s> met <t>the king</t> in the capital.", "CONSULT", 1),
        ("<s>Tunisia</s> said it would send a delegation to <t>Libya</t> next week.", "AGREE", 1),
        ("<s>Kuwait</s> sent food and medicine to <t>Yemen</t>.", "AID", 2),
        ("<s>The army</s> released <t>the detained fishermen</t> on Friday.", "YIELD", 2),
        ("<s>The rebels</s> refused to release <t>the hostages</t>.", "REJECT", 3),
        ("<s>Egypt</s> did not attend <t>the summit</t>.", "REJECT", 3),
        ("<s>The council</s> urged <t>the militia</t> to withdraw from the city.", "REQUEST", 3),
        ("<s>The general</s> threatened to attack <t>the town</t>.", "THREATEN", 3),
        ("<s>Workers</s> rallied against <t>the government</t> in the capital.", "PROTEST", 4),
        ("<s>Washington</s> imposed sanctions on <t>the bank</t>.", "COERCE", 4),
        ("<s>Canada</s> expelled <t>two diplomats</t> on Monday.", "SANCTION", 4),
        ("<s>Ankara</s> deployed troops along <t>the border</t>.", "MOBILIZE", 4),
        ("<s>Police</s> arrested <t>the opposition leader</t>.", "COERCE", 4),
        ("<s>Militants</s> shelled <t>the village</t> overnight.", "ASSAULT", 4),
        ("<t>The convoy</t> was attacked by <s>gunmen</s> near the border.", "ASSAULT", 4),
        ("<s>The two navies</s> held joint exercises with <t>France</t>.", "COOPERATE", 2),
        ("<s>The president</s> lifted the state of emergency in <t>the province</t>.", "YIELD", 2),
        ("<s>The prime minister</s> phoned <t>the new leader</t> to congratulate him.", "SUPPORT", 1),
        ("<s>Russia</s> says <t>Israel</t> must stop the raids.", "REQUEST", 3),
        // a concluded agreement (noun phrase object) is SUPPORT, an agreement to act AGREE
        ("<s>Oman</s> and <t>Jordan</t> agreed a new trade deal on Monday.", "SUPPORT", 1),
        ("<s>Oman</s> and <t>Jordan</t> have agreed on the text of the accord.", "SUPPORT", 1),
        ("<s>The rebels</s> agreed to leave <t>the city</t> within a week.", "AGREE", 1),
        // refusing or failing to act negates the act; "a failed attack" is still an attack
        ("<s>The opposition</s> refused direct talks with <t>the government</t>.", "REJECT", 3),
        ("<s>Iraq</s> and <t>Kuwait</t> failed to reach a deal on the border.", "REJECT", 3),
        ("<s>Rebels</s> staged a failed attack on <t>the base</t>.", "ASSAULT", 4),
        // a demand for a measure against the target accuses it; a demand made of it requests
        ("<s>The senator</s> called for sanctions against <t>Iran</t>.", "ACCUSE", 3),
        ("<s>The group</s> demanded an investigation into <t>the police</t>.", "ACCUSE", 3),
        ("<s>The envoy</s> called on <t>the factions</t> to end the fighting.", "REQUEST", 3),
        // goods handed over are aid; prisoners handed over a concession
        ("<s>Qatar</s> handed over medical equipment to <t>the health ministry</t>.", "AID", 2),
        ("<s>The militia</s> handed over <t>the prisoners</t> to the Red Cross.", "YIELD", 2),
        // an act of a coordinated pair is done together
        ("<s>Egypt</s> and <t>Greece</t> launched naval war games in the Mediterranean.", "COOPERATE", 2),
        ("<s>Egypt</s> and <t>Greece</t> carried out joint air strikes on the camps.", "COOPERATE", 2),
        ("<s>Egypt</s> launched air strikes on <t>the camps</t>.", "ASSAULT", 4),
        // context: a strike by workers, borders opened to refugees, an award of a medal, a
        // conviction with a prison term
        ("<s>Dock workers</s> staged a strike against <t>the port authority</t> over wages.", "PROTEST", 4),
        ("<s>Jordan</s> opened its borders to <t>Syrian refugees</t>.", "AID", 2),
        ("<s>France</s> awarded a medal to <t>the rescue team</t>.", "SUPPORT", 1),
        ("<s>A court</s> convicted <t>the journalist</t> of espionage and sentenced him to ten years.", "COERCE", 4),
        ("<s>A court</s> convicted <t>the mayor</t> of fraud.", "ACCUSE", 3),
        // undoing an accusation is a concession
        ("<s>Prosecutors</s> dropped the charges against <t>the activist</t>.", "YIELD", 2),
        ("<s>The minister</s> cancelled a planned visit to <t>Turkey</t>.", "REJECT", 3),
        ("<s>The government</s> gave <t>the protesters</t> a deadline to leave the square.", "THREATEN", 3),
        ("<s>Police</s> apprehended <t>two smugglers</t> near the port.", "COERCE", 4),
        ("<s>Turkey</s> shared evidence with <t>the investigators</t>.", "COOPERATE", 2),
        // a trigger in a relative clause on the second party does not type the pair
        (
            "At the summit <s>Egypt</s> and <t>Sudan</t>, which accuse Ethiopia of delays, discussed the dam.",
            "CONSULT",
            1,
        ),
        // without a trigger, an order given to the target is coercion
        ("<s>The ministry</s> ordered <t>the migrants</t> to wait at the border.", "COERCE", 4),
    ];

    /// The rules added for issue 4 item 6: `(rule, marked sentence, root, quad)`.
    const RULE_CASES: &[(&str, &str, &str, u8)] = &[
        // classifier-only triggers (`[[trigger]]` in classify.toml)
        ("trigger", "<s>The agency</s> distributed blankets and tents to <t>flood victims</t>.", "AID", 2),
        ("trigger", "<s>The fund</s> allocated ten million dollars for <t>the province</t>.", "AID", 2),
        ("trigger", "<s>The charity</s> sent medical supplies to <t>the clinic</t>.", "AID", 2),
        ("trigger", "<s>The navy</s> fired on <t>a fishing boat</t> near the reef.", "ASSAULT", 4),
        ("trigger", "<s>The island state</s> violated <t>the fishing ban</t>.", "REJECT", 3),
        ("trigger", "<s>The minister</s> disputed <t>the audit's findings</t>.", "ACCUSE", 3),
        ("trigger", "<s>Thousands of villagers</s> sought refuge in <t>the neighbouring state</t>.", "REQUEST", 3),
        ("trigger", "<s>The council</s> rolled back levies on <t>imported grain</t>.", "YIELD", 2),
        ("trigger", "<s>Rioters</s> torched <t>the town hall</t>.", "ASSAULT", 4),
        ("trigger", "<s>The republic</s> applied for a loan from <t>the regional bank</t>.", "REQUEST", 3),
        ("trigger", "<s>The junta</s> will allow <t>the relief agency</t> to visit the camps.", "AGREE", 1),
        ("trigger", "<s>The army</s> will begin a military operation against <t>the bandits</t>.", "THREATEN", 3),
        // a trigger of a gap pattern may span a whole party
        (
            "gap over a party",
            "<s>The council</s> gave <t>the striking dock workers</t> a deadline to return.",
            "THREATEN",
            3,
        ),
        // a pattern ending inside the target takes the head's place
        ("object in target", "<s>The guerrillas</s> violated <t>the holiday ceasefire</t> in the hills.", "ASSAULT", 4),
        // compounds and figurative objects are no events
        (
            "not a trigger",
            "<s>The mayor</s> and <t>the governor</t> held a press conference on the floods.",
            "CONSULT",
            1,
        ),
        ("figurative", "<s>The foundation</s> gave money to <t>the ministry</t> to fight the epidemic.", "AID", 2),
        ("figurative", "<s>The envoy</s> reinforced the commitment of <t>his country</t> to the talks.", "AGREE", 1),
        // a descriptive adjective in a relative clause on the target does not type the pair
        (
            "adjective",
            "<s>The regime</s> ordered <t>the radio station</t>, which is loyal to the exiled king, to close.",
            "COERCE",
            4,
        ),
        // a trigger in an adverbial clause after the pair is another event
        (
            "subordinate",
            "<s>The alliance</s> met <t>the defence ministers</t> after rebels seized the airport.",
            "CONSULT",
            1,
        ),
        // leaving a meeting rejects it; leaving for talks does not
        ("exit", "<s>The delegates</s> abruptly left the meeting with <t>the mediators</t>.", "REJECT", 3),
        ("exit", "<s>The envoy</s> left for talks with <t>the rebels</t> on Monday.", "CONSULT", 1),
        // context: peacekeepers arriving, people evacuated, money support, refugees hosted,
        // newspapers suspended, a reaffirmed commitment
        ("context", "<s>A peacekeeping battalion</s> arrived in <t>the border town</t>.", "AID", 2),
        ("context", "<s>The navy</s> evacuated <t>stranded tourists</t> from the island.", "AID", 2),
        ("context", "<s>The bank</s> supported <t>the farmers</t> with loans worth two million dollars.", "AID", 2),
        ("context", "<s>The kingdom</s> hosts <t>thousands of refugees</t> in camps.", "AID", 2),
        ("context", "<s>The regulator</s> suspended publication of <t>the weekly magazine</t>.", "COERCE", 4),
        ("context", "<s>The premier</s> reaffirmed his commitment to <t>the federation</t>.", "SUPPORT", 1),
        // convention: demolitions are coercion, restored relations support
        ("convention", "<s>The municipality</s> demolished <t>the shops of street traders</t>.", "COERCE", 4),
        ("convention", "<s>The two republics</s> restored diplomatic relations with <t>the kingdom</t>.", "SUPPORT", 1),
        // stopping an operation is a concession; a possible conflict act a threat
        ("halt", "<s>The army</s> halted its offensive against <t>the rebel towns</t>.", "YIELD", 2),
        ("possibility", "<s>The bloc</s> said it could impose sanctions on <t>the junta</t>.", "THREATEN", 3),
        ("possibility", "<s>The bloc</s> said it could expel <t>the junta's diplomats</t>.", "THREATEN", 3),
        ("possibility", "<s>The strike</s> could have killed <t>the guards</t>.", "ASSAULT", 4),
        // a trigger inside the target names the target; the cue words decide
        ("in target", "<s>The parliament</s> blocked <t>the new aid package</t>.", "REJECT", 3),
        // a ceasefire as such is a de-escalation, a call for one a demand
        ("convention", "<s>The truce</s> between the clans took effect in <t>the valley</t> at dawn.", "YIELD", 2),
        ("convention", "<s>The bishops</s> called for an immediate ceasefire in <t>the province</t>.", "REQUEST", 3),
        // a second coordinated verb right before the target takes it as object
        ("coordinated", "<s>The council</s> agreed to a swap and freed <t>the captured pilots</t>.", "YIELD", 2),
        ("intent", "<s>The council</s> said <t>the captured pilots</t> will be freed soon.", "AGREE", 1),
        ("trigger", "<s>The junta</s> ignored <t>the envoy's appeal</t> for calm.", "REJECT", 3),
        ("trigger", "<s>The operator</s> restored internet access in <t>the province</t>.", "YIELD", 2),
        // an act done at the target's request or invitation is cooperation with it
        (
            "on request",
            "<s>The coast guard</s> detained the smugglers at the request of <t>Greece</t>.",
            "COOPERATE",
            2,
        ),
        ("on request", "<s>The minister</s> visited the camps at the invitation of <t>the governor</t>.", "CONSULT", 1),
        ("trigger", "<s>The republic</s> sought the extradition of <t>the banker</t>.", "REQUEST", 3),
        ("trigger", "<s>The governor</s> commuted the death sentence of <t>the prisoner</t>.", "YIELD", 2),
        ("trigger", "<s>The ministry</s> denied that <t>its soldiers</t> had looted the village.", "REJECT", 3),
        ("reversal", "<s>The ministry</s> removed <t>the charity</t> from its terrorism blacklist.", "YIELD", 2),
        ("trigger", "<s>The army</s> pulled its units back from <t>the frontier villages</t>.", "YIELD", 2),
        ("trigger", "<s>The assembly</s> voted against <t>the mayor's budget</t>.", "REJECT", 3),
        ("trigger", "<s>The regulator</s> revoked the licence of <t>the radio station</t>.", "COERCE", 4),
        ("trigger", "<s>The senate</s> approved the nomination of <t>the new ambassador</t>.", "SUPPORT", 1),
        ("trigger", "<s>Norway</s> resettled <t>refugees from the camps</t>.", "AID", 2),
        ("joint", "<s>The navy</s> carried out joint patrols with <t>the coast guard</t>.", "COOPERATE", 2),
        (
            "joint",
            "<s>The army</s> launched a joint offensive with <t>tribal fighters</t> on the rebels.",
            "COOPERATE",
            2,
        ),
        ("context", "<t>The rebel fighters</t>, backed by <s>allied air strikes</s>, took the hill.", "AID", 2),
        ("possibility", "<s>The council</s> is considering sanctions against <t>the junta</t>.", "THREATEN", 3),
        ("halt", "<s>The militia</s> lifted the siege of <t>the market town</t>.", "YIELD", 2),
        ("trigger", "<s>The army</s> retook <t>the airport</t> on Sunday.", "ASSAULT", 4),
        // codebook conventions: apologies are support, receiving inspectors a concession,
        // dispersing crowds coercion
        ("convention", "<s>The minister</s> apologised to <t>the families</t> for the delay.", "SUPPORT", 1),
        ("context", "<s>The government</s> received <t>the weapons inspectors</t> on Monday.", "YIELD", 2),
        ("trigger", "<s>Riot police</s> used tear gas to disperse <t>the marchers</t>.", "COERCE", 4),
        ("trigger", "<s>The militia</s> finally complied with <t>the ultimatum</t>.", "YIELD", 2),
        // a material conflict act the source says the target committed is an accusation
        ("claim", "<s>The ministry</s> said <t>the militia</t> was behind the bombing.", "ACCUSE", 3),
        ("claim", "<s>The governor</s> said <t>the gang</t> was responsible for the raid.", "ACCUSE", 3),
        ("claim", "<s>The ministry</s> told <t>reporters</t> that the militia shelled the town.", "ASSAULT", 4),
        // rules from the codebook test set (tests/codebook.rs)
        ("negation", "<s>The premier</s> ruled out sending soldiers to <t>the mining town</t>.", "REJECT", 3),
        (
            "threat",
            "<s>The junior party</s> threatened to pull out of the cabinet led by <t>the premier</t>.",
            "THREATEN",
            3,
        ),
        ("threat", "<s>The lender</s> warned it would cut off aid to <t>the province</t>.", "THREATEN", 3),
        ("discontinue", "<s>The ministry</s> froze its partnership with <t>the foreign university</t>.", "SANCTION", 4),
        ("discontinue", "<s>The lender</s> halted lending to <t>the utility</t>.", "SANCTION", 4),
        ("in party", "<s>The alliance</s> gave <t>the villagers</t> blankets.", "AID", 2),
        ("aside", "<s>The minister</s>, speaking after a cabinet meeting, condemned <t>the rebels</t>.", "ACCUSE", 3),
        ("aside", "<s>The militia</s>, backed by drones, overran <t>the garrison</t>.", "ASSAULT", 4),
        ("not a trigger", "<s>The envoy</s> told a news conference he had met <t>the rebels</t>.", "CONSULT", 1),
        (
            "context",
            "<s>The development bank</s> approved a 40 million dollar grant for <t>the province</t>.",
            "AID",
            2,
        ),
        ("context", "<s>The island state</s> sought emergency loans from <t>the regional bank</t>.", "REQUEST", 3),
        ("context", "<t>The army</t> received a batch of drones from <s>the neighbouring state</s>.", "AID", 2),
        ("context", "<s>Hackers</s> attacked <t>the ministry's</t> email servers.", "COERCE", 4),
        ("context", "<s>The mission</s> pulled its monitors out of <t>the disputed region</t>.", "SANCTION", 4),
        ("gap after party", "<s>The rebels</s> withdrew from <t>the airport</t> under a deal.", "YIELD", 2),
        ("nominal", "The expulsion of <t>the aid workers</t> by <s>the junta</s> drew condemnation.", "SANCTION", 4),
        ("trigger", "<s>The defence ministry</s> sent tanks to <t>the allied republic</t>.", "AID", 2),
        ("trigger", "<s>The alliance</s> sent peacekeepers to <t>the island</t>.", "AID", 2),
        ("trigger", "<s>The navy</s> sent two ships to <t>the atoll</t>.", "MOBILIZE", 4),
        ("trigger", "<s>Residents</s> petitioned <t>the city council</t> to close the dump.", "REQUEST", 3),
        ("trigger", "<s>The agency</s> worked closely with <t>the police</t> on the case.", "COOPERATE", 2),
        ("trigger", "<s>The general</s> handed power to <t>a transitional council</t>.", "YIELD", 2),
        ("trigger", "<s>The federation</s> kicked <t>the club</t> out of the league.", "SANCTION", 4),
        ("trigger", "<s>The union</s> threw its weight behind <t>the candidate</t>.", "SUPPORT", 1),
        ("trigger", "<s>The mayor</s> lashed out at <t>the police chief</t>.", "ACCUSE", 3),
        ("trigger", "<s>The government</s> nationalised <t>the foreign oil company</t>.", "COERCE", 4),
        ("trigger", "<s>The ministry</s> eased curbs on <t>foreign visitors</t>.", "YIELD", 2),
        ("trigger", "<s>The supplier</s> could cut fuel supplies to <t>the region</t>.", "THREATEN", 3),
        ("trigger", "<s>The army</s> moved troops toward <t>the border town</t>.", "MOBILIZE", 4),
        ("trigger", "<s>The navy</s> staged live-fire drills near <t>the strait</t>.", "MOBILIZE", 4),
        (
            "trigger",
            "<s>The kingdom</s> raised the combat readiness of its troops near <t>the border</t>.",
            "MOBILIZE",
            4,
        ),
        ("trigger", "<s>The country</s> sent wheat to <t>the famine-hit region</t>.", "AID", 2),
        ("trigger", "<s>The creditor nations</s> wrote off the debt of <t>the island state</t>.", "AID", 2),
        ("trigger", "<s>The students</s> called off their march on <t>the parliament</t>.", "YIELD", 2),
        ("trigger", "<s>Bus drivers</s> staged a walkout against <t>the transport authority</t>.", "PROTEST", 4),
        ("trigger", "<s>Relatives</s> held a vigil outside <t>the detention centre</t>.", "PROTEST", 4),
        ("trigger", "<s>The governor</s> stood firm against <t>the teachers' union</t>.", "REJECT", 3),
        ("trigger", "<s>The assembly</s> stripped <t>the senator</t> of his immunity.", "COERCE", 4),
        ("trigger", "<s>The agency</s> expressed concern over <t>the army's</t> conduct.", "ACCUSE", 3),
        ("trigger", "<s>The bank</s> will lend <t>the province</t> 20 million dollars.", "AGREE", 1),
        ("trigger", "<s>The militia</s> violated the truce with <t>the army</t>.", "ASSAULT", 4),
        ("trigger", "<s>The council</s> gave <t>the squatters</t> until Monday to leave.", "THREATEN", 3),
        ("trigger", "<s>Farmers</s> blocked roads leading to <t>the port</t>.", "PROTEST", 4),
        ("cues", "<s>The navy</s> searched the area together with <t>the coast guard</t>.", "COOPERATE", 2),
        ("month", "<s>The militia</s> has been holding <t>two engineers</t> since March.", "COERCE", 4),
        ("name", "<s>The senate</s> appointed <t>a new judge</t> to the Court of Appeal.", "SUPPORT", 1),
        ("purpose", "<s>Dozens of families</s> arrived in <t>the port city</t> seeking asylum.", "REQUEST", 3),
        ("trigger", "<s>The tribunal</s> granted <t>the journalist</t> bail on Monday.", "YIELD", 2),
        ("trigger", "<s>The court</s> granted a request by <t>the prosecutors</t> to extend the inquiry.", "YIELD", 2),
        ("context", "<s>The fund</s> granted <t>the republic</t> a loan of 300 million dollars.", "AID", 2),
        (
            "context",
            "<s>Norway</s> renewed its commitment to <t>the agency</t> with a donation of ten million.",
            "AID",
            2,
        ),
        ("context", "<s>The ministry</s> repatriated <t>stranded nationals</t> from the island.", "AID", 2),
        ("context", "<s>The ally</s> provided <t>the army</t> with intelligence on rebel positions.", "COOPERATE", 2),
        ("context", "<s>The bloc</s> hit <t>the regime</t> with new sanctions.", "COERCE", 4),
        ("trigger", "<s>The rebels</s> ceased fire along <t>the ridge</t> at dawn.", "YIELD", 2),
        ("trigger", "<s>The assembly</s> voted down <t>the governor's</t> reform bill.", "REJECT", 3),
        ("trigger", "<s>The ministry</s> hit back at <t>the auditors</t> over the report.", "ACCUSE", 3),
        ("trigger", "<s>The senator</s> took aim at <t>the regulator</t> over fuel prices.", "ACCUSE", 3),
        ("trigger", "<s>The police</s> clamped down on <t>street vendors</t>.", "COERCE", 4),
        ("trigger", "<s>The regime</s> muzzled <t>the opposition press</t>.", "COERCE", 4),
        ("trigger", "<s>Militiamen</s> harassed <t>the returning refugees</t>.", "COERCE", 4),
        ("trigger", "<s>Gunmen</s> gunned down <t>the village chief</t>.", "ASSAULT", 4),
        ("trigger", "<s>The army</s> razed <t>the rebel camp</t>.", "ASSAULT", 4),
        ("trigger", "<s>The lenders</s> threw a lifeline to <t>the indebted state</t>.", "AID", 2),
        ("trigger", "<s>The emirate</s> pumped millions into <t>the island's</t> economy.", "AID", 2),
        ("trigger", "<s>The donors</s> put <t>the government</t> on notice over the delays.", "THREATEN", 3),
        ("intent", "<s>The rebels</s> said they were open to talks with <t>the mediators</t>.", "AGREE", 1),
        ("reversal", "<s>The republic</s> dropped its objection to <t>the treaty</t>.", "YIELD", 2),
        ("reversal", "<s>The council</s> reversed its decision to ban <t>the union</t>.", "YIELD", 2),
        ("reversal", "<s>The judges</s> will not overturn the conviction of <t>the former mayor</t>.", "REJECT", 3),
        ("context", "<s>The premier</s> clashed with <t>the speaker</t> over the budget.", "ACCUSE", 3),
        ("trigger", "<s>The ministries</s> signed a memorandum on energy with <t>the utility</t>.", "SUPPORT", 1),
        ("trigger", "<s>The pope</s> sent a message of solidarity to <t>the miners</t>.", "SUPPORT", 1),
        (
            "requires",
            "<s>The governor</s> appointed <t>the lawyer</t>, an opposition activist, as mayor.",
            "SUPPORT",
            1,
        ),
        ("requires", "<s>The republic</s> voiced its opposition to <t>the pipeline</t>.", "REJECT", 3),
        ("material", "<s>The army</s> gave permission for <t>the charity</t> to bring in food.", "YIELD", 2),
        ("context", "<s>Students</s> clashed with <t>the police</t> outside the university.", "PROTEST", 4),
        ("trigger", "<s>The auditors</s> began an audit of <t>the state oil company</t>.", "ACCUSE", 3),
        ("figurative", "<t>The new tax</t> met fierce resistance from <s>the traders</s>.", "REJECT", 3),
        ("discontinue", "<s>The agency</s> said the cooperation with <t>the police</t> was suspended.", "SANCTION", 4),
        ("trigger", "<s>The party</s> ended its alliance with <t>the nationalists</t>.", "SANCTION", 4),
        ("trigger", "<s>The air force</s> scrambled jets toward <t>the intruding drones</t>.", "MOBILIZE", 4),
        ("trigger", "<s>Pensioners</s> marched through the city to <t>the finance ministry</t>.", "PROTEST", 4),
        ("context", "<s>Students</s> occupied <t>the rector's office</t> for a week.", "PROTEST", 4),
        ("context", "<s>Angry crowds</s> stormed <t>the electoral commission</t>.", "PROTEST", 4),
        ("context", "<s>The deputies</s> walked out of <t>the assembly</t> in protest.", "PROTEST", 4),
        ("trigger", "<s>Cyprus</s> protested to <t>the neighbouring state</t> over the drilling.", "ACCUSE", 3),
        ("trigger", "<s>The ministry</s> handed a protest note to <t>the envoy</t>.", "ACCUSE", 3),
        ("trigger", "<s>The central bank</s> cautioned <t>lenders</t> against risky loans.", "THREATEN", 3),
        ("negation", "<s>The council</s> stopped short of endorsing <t>the candidate</t>.", "REJECT", 3),
        ("negation", "<s>The militia</s> denied shelling <t>the hospital</t>.", "REJECT", 3),
        ("demanded measure", "<s>Prosecutors</s> are seeking a long prison term for <t>the banker</t>.", "ACCUSE", 3),
        ("trigger", "<s>The senate</s> confirmed <t>the new envoy's</t> nomination.", "SUPPORT", 1),
        ("trigger", "<s>The navy</s> stepped up maritime cooperation with <t>the coast guard</t>.", "COOPERATE", 2),
        ("trigger", "<s>The strikers</s> heeded <t>the union's</t> call to return to work.", "YIELD", 2),
        ("threat", "<s>The bloc</s> did not rule out new sanctions on <t>the regime</t>.", "THREATEN", 3),
        ("threat", "<s>The admiral</s> would not hesitate to attack <t>the pirate bases</t>.", "THREATEN", 3),
        ("not a trigger", "<s>The premier</s> refused to rule out air strikes on <t>the camps</t>.", "THREATEN", 3),
        ("trigger", "<s>The rebels</s> halted their advance on <t>the port</t>.", "YIELD", 2),
        ("reversal", "<s>The ministry</s> slashed import tariffs on <t>foreign cars</t>.", "YIELD", 2),
        ("trigger", "<s>The bloc</s> imposed punitive duties on <t>imported steel</t>.", "COERCE", 4),
        // round 2: quad boundaries
        ("context", "<s>The republic</s> withdrew from the customs union with <t>its neighbour</t>.", "SANCTION", 4),
        ("context", "<s>The junta</s> terminated the military accord with <t>the old power</t>.", "SANCTION", 4),
        ("context", "<s>The council</s> ended the fisheries agreement with <t>the island state</t>.", "SANCTION", 4),
        ("context", "<s>The utility</s> clinched a gas deal with <t>the mining firm</t>.", "SUPPORT", 1),
        ("context", "<s>The prosecutor</s> dropped all charges against <t>the activists</t>.", "YIELD", 2),
        ("context", "<s>The agency</s> handed over intelligence files to <t>the allied service</t>.", "COOPERATE", 2),
        ("context", "<s>The authorities</s> opened the crossing to <t>sick and wounded travellers</t>.", "AID", 2),
        ("context", "<s>The senator</s> attacked <t>the governor</t> for his stance on taxes.", "ACCUSE", 3),
        ("context", "<s>The junta</s> expelled <t>two foreign correspondents</t>.", "COERCE", 4),
        ("negation", "<s>The minister's</s> refusal to meet <t>the strikers</t> angered the unions.", "REJECT", 3),
        ("coordinated", "<s>The council</s> praised the reforms but criticised <t>the governor</t>.", "ACCUSE", 3),
        ("coordinated", "<s>The militia</s> signed the truce and then released <t>the aid workers</t>.", "YIELD", 2),
        ("discontinue", "<s>The cabinet</s> scrapped the partnership with <t>the foreign operator</t>.", "SANCTION", 4),
        ("cues", "<s>The city</s> sent <t>the villages</t> two generators.", "AID", 2),
        ("cues", "<s>The regulator</s> imposed strict quotas on <t>the importers</t>.", "COERCE", 4),
        ("trigger", "<s>The charity</s> sent a field hospital to <t>the border town</t>.", "AID", 2),
        ("trigger", "<s>The alliance</s> is sending instructors to <t>the island's army</t>.", "AID", 2),
        ("trigger", "<s>The army</s> moved heavy artillery toward <t>the frontier town</t>.", "MOBILIZE", 4),
        ("trigger", "<s>The ministry</s> imposed capital controls on <t>foreign investors</t>.", "COERCE", 4),
        ("trigger", "<s>The donor</s> paid the salaries of <t>the province's teachers</t>.", "AID", 2),
        ("context", "<s>The strikers</s> blocked access to <t>the depot</t>.", "PROTEST", 4),
        ("trigger", "<s>The regime</s> barred <t>the observers</t> from the polling stations.", "COERCE", 4),
        ("trigger", "<s>The regulator</s> froze the accounts of <t>the exchange</t>.", "COERCE", 4),
        ("exit", "<s>The member state</s> vetoed the membership talks with <t>the candidate</t>.", "REJECT", 3),
        ("convention", "<s>The republic</s> reopened its consulate in <t>the port city</t>.", "SUPPORT", 1),
    ];

    #[test]
    fn each_rule_gets_its_cases_right() {
        let c = classifier();
        let mut bad = Vec::new();
        for (rule, marked, root, quad) in RULE_CASES {
            let p = parse_marked(marked).expect("well-formed marks");
            let r = c.classify(&p.sentence, p.source, p.target);
            if r.root != *root || r.quad != *quad {
                bad.push(format!("[{rule}] {marked}\n  want {root}/{quad}, got {}/{} by {}", r.root, r.quad, r.rule));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn classifier_triggers_are_appended_to_the_lexicon() {
        let text = with_extra_triggers("", "[[trigger]]\npattern = \"torch\"\ntype = \"ASSAULT\"\n").unwrap();
        assert!(text.contains("[[trigger]]") && text.contains("torch"), "{text}");
        assert_eq!(with_extra_triggers("x = 1", "negation = []").unwrap(), "x = 1");
    }

    #[test]
    fn marked_pairs_get_their_root_and_quad() {
        let c = classifier();
        let mut bad = Vec::new();
        for (marked, root, quad) in CASES {
            let p = parse_marked(marked).expect("well-formed marks");
            let r = c.classify(&p.sentence, p.source, p.target);
            if r.root != *root || r.quad != *quad {
                bad.push(format!("{marked}\n  want {root}/{quad}, got {}/{} by {}", r.root, r.quad, r.rule));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn the_decision_is_explained() {
        let c = classifier();
        let p = parse_marked("<s>Egypt</s> did not attend <t>the summit</t>.").unwrap();
        let r = c.classify(&p.sentence, p.source, p.target);
        assert_eq!(r.trigger.as_deref(), Some("attend"));
        assert!(r.rule.contains("negated by \"not\""), "{}", r.rule);
        let p = parse_marked("<t>The convoy</t> was attacked by <s>gunmen</s>.").unwrap();
        assert!(c.classify(&p.sentence, p.source, p.target).rule.contains("passive"));
    }

    #[test]
    fn without_a_trigger_the_cue_words_decide() {
        let c = classifier();
        let p = parse_marked("<s>The charity</s> gave two million dollars to <t>the clinic</t>.").unwrap();
        let r = c.classify(&p.sentence, p.source, p.target);
        assert_eq!((r.root, r.trigger.is_none()), ("AID", true), "{}", r.rule);
    }

    #[test]
    fn marks_are_read_into_spans() {
        let p = parse_marked("<s>Iran</s> praised <t>Qatar</t>.").unwrap();
        assert_eq!(p.sentence, "Iran praised Qatar.");
        assert_eq!(&p.sentence[p.source.clone()], "Iran");
        assert_eq!(&p.sentence[p.target.clone()], "Qatar");
        assert!(parse_marked("<s>Iran praised Qatar.").is_none());
        let p = parse_marked("<s>Iran</s> opened an inquiry.").unwrap();
        assert_eq!(p.target, 4..4);
    }

    #[test]
    fn texts_are_located_without_overlap() {
        let p = locate("Iran and Iranian allies met Iraq.", "Iran", "Iraq").unwrap();
        assert_eq!(p.source, 0..4);
        assert_eq!(p.target, 28..32);
    }
}
