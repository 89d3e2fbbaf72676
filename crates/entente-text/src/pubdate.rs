//! Publication date stated on a page. PLACEHOLDER: being written.

use entente_core::PDate;

/// A date the page states as its publication date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedDate {
    pub date: PDate,
    /// The exact text the date was read from.
    pub evidence: String,
}

/// The stated publication date of a cleaned page, if any.
pub fn stated_date(_raw: &str, _doc: &crate::CleanDoc) -> Option<StatedDate> {
    None
}
