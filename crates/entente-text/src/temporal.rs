//! Time expressions. PLACEHOLDER: being written.

use std::ops::Range;

use entente_core::{PDate, When};

/// A time expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte span in the sentence.
    pub span: Range<usize>,
    /// Its value, normalised against the anchor.
    pub value: When,
    /// The rule that produced it (for `explain`).
    pub rule: &'static str,
}

/// Finds the time expressions of `sentence` and normalises them against `anchor` (the
/// publication date, at whatever precision it is known).
pub fn tag(_sentence: &str, _anchor: Option<PDate>) -> Vec<TimeExpr> {
    Vec::new()
}
