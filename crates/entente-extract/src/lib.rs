//! Entente's event stage: the PLOVER ontology ([`ontology`]) and trigger lexicon
//! ([`lexicon`]), sentence-level event coding ([`events`]), publication-date inference
//! ([`pubinfer`]), and the per-document pipeline that runs every stage from a raw page to
//! dated, sourced events ([`pipeline`]), with the output model ([`output`]); names the
//! knowledge base lacks become candidate actors ([`candidates`]); one marked actor pair is
//! typed by [`classify`].

pub mod candidates;
pub mod classify;
pub mod coref;
pub mod events;
pub mod lexicon;
pub mod ontology;
pub mod output;
pub mod pipeline;
pub mod pubinfer;

pub use candidates::{unknown_actors, UnknownActor};
pub use output::Extraction;
pub use pipeline::{DocResult, Pipeline, PipelineError, RawDoc};
