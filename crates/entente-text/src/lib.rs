//! Entente's text stage: from a raw page to clean, sectioned text, and from clean text to
//! sentences, tokens and time expressions. Every function here is pure.
//!
//! - [`clean`]: page chrome out, headline/body/captions in (plain-text pages and HTML).
//! - [`pubdate`]: the publication date a page states (not the crawl-date banner).
//! - [`outlet`]: the outlet a page names.
//! - [`segment`]: sentence boundaries.
//! - [`token`]: word tokens with byte spans.
//! - [`temporal`]: time expressions, normalised against an anchor date.

mod chrome;
pub mod clean;
pub mod datefmt;
pub mod html;
pub mod outlet;
pub mod pubdate;
pub mod segment;
pub mod temporal;
pub mod token;

pub use clean::{clean, Block, BlockKind, CleanDoc, Format};
