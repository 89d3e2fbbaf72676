//! The output model of `entente extract --json` (documented in `docs/OUTPUT.md`).

use entente_core::{Modality, PDate, PloverType, Polarity, When};
use serde::{Deserialize, Serialize};

/// Everything extracted from a set of articles.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Extraction {
    /// Output format version.
    pub version: u32,
    pub documents: Vec<DocumentOut>,
    pub actors: Vec<ActorOut>,
    pub events: Vec<EventOut>,
    /// Inputs that could not be read (file and reason).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<Failure>,
}

/// One article.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct DocumentOut {
    pub id: String,
    pub file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    pub published: Option<PDate>,
    /// `stated`, `inferred` or `unknown`.
    pub published_basis: String,
    /// The text the date was read from, or the reasoning when inferred.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_evidence: Option<String>,
    pub sentences: usize,
    pub events: usize,
}

/// An affiliation of an actor: a role in an organisation or state, or membership.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct AffiliationOut {
    pub actor: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<PDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<PDate>,
}

/// An actor that takes part in the output.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ActorOut {
    pub id: String,
    pub name: String,
    /// `country`, `organization`, `person`, `place`, `bloc` or `other`.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
    /// Whether the actor comes from the knowledge base (false: a candidate actor).
    pub known: bool,
    /// Every surface form resolved to this actor in these articles.
    pub aliases: Vec<String>,
    pub affiliations: Vec<AffiliationOut>,
    pub mentions: usize,
    /// A candidate actor: a name the knowledge base lacks, kind guessed from context.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub candidate: bool,
    /// Candidates: the cue the kind was guessed from (`title:president`, `suffix:brigades`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    /// Candidate collectives: the state their demonym names ("Iranian women": `IRN`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Candidates: how many documents name them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documents: Option<usize>,
}

/// One event.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EventOut {
    pub id: String,
    pub document: String,
    pub source: String,
    pub target: String,
    /// The text that named the source and the target.
    pub source_text: String,
    pub target_text: String,
    /// The organisations the source and target act for at the event's time (persons).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_rollup: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_rollup: Option<String>,
    #[serde(rename = "type")]
    pub ptype: PloverType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    pub quad_class: String,
    pub cameo: String,
    pub polarity: Polarity,
    pub when: Option<When>,
    pub modality: Modality,
    /// `body`, `headline` or `caption`.
    pub section: String,
    pub sentence: String,
    pub trigger: String,
    /// The lexicon entry and attachment rules that produced the event.
    pub rule: String,
    /// Who said it (reported speech): the speaker's actor id, when a name gives one.
    #[serde(default)]
    pub speaker: Option<String>,
    /// The phrase naming the speaker ("Zarif", "a source close to Hamas"); for a pronoun
    /// ("he added"), the phrase it stands for.
    #[serde(default)]
    pub speaker_text: Option<String>,
}

/// An input that could not be processed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Failure {
    pub file: String,
    pub reason: String,
}
