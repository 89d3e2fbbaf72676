//! Page cleaning. PLACEHOLDER: being written (see the contract below).
//!
//! Contract: `clean(raw, format)` returns the headline, the article body paragraphs and the
//! photo captions of a page, each as a [`Block`], in page order, with page chrome dropped.

use serde::Serialize;

/// What kind of input a page is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
}

/// The role of a kept block of text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// The article's headline (title).
    Headline,
    /// A paragraph of the article body.
    Body,
    /// A photo caption (kept; events from it are marked as caption events).
    Caption,
    /// Dateline, byline, source line: metadata, never a source of events.
    Metadata,
}

/// A kept block of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// A cleaned page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CleanDoc {
    pub title: Option<String>,
    /// Kept blocks in page order.
    pub blocks: Vec<Block>,
    /// Dropped chrome, for debugging and `explain` (never a source of events).
    pub dropped: Vec<String>,
}

pub fn clean(raw: &str, _format: Format) -> CleanDoc {
    let blocks = raw
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| Block { kind: BlockKind::Body, text: p.to_string() })
        .collect();
    CleanDoc { title: None, blocks, dropped: Vec::new() }
}
