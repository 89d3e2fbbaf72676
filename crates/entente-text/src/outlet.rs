//! The outlet a page names. PLACEHOLDER: being written.

/// The outlet a page names, if recognised.
pub fn outlet(_raw: &str, _doc: &crate::CleanDoc) -> Option<String> {
    None
}
