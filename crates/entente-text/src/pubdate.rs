//! Publication date stated on a page.
//!
//! In order: HTML metadata (`article:published_time`, JSON-LD `datePublished`, `<time>`);
//! a date line kept as metadata by `clean` ("March 25, 2014 1:12 pm", "Published: 12 May
//! 2019", then "Updated ..."); a dated dateline opening the first body paragraph
//! ("GAZA, 12 May 2019 (AFP) -"); the HTML modified time. Current-date banners
//! ("Sunday, November 28th | 25 Kislev 5782"), dates of dropped related-story boxes and
//! dates in body sentences are never used: `clean` drops the first two, and body text is
//! only read inside a dateline.

use entente_core::PDate;

use crate::clean::{date_line, strip_dateline, BlockKind, CleanDoc};
use crate::datefmt::{find_date, parse_iso_or_written};

/// Where a stated date was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateBasis {
    /// HTML `<meta>`, JSON-LD or `<time>` published timestamp.
    HtmlMeta,
    /// A date line of the page (metadata block).
    DateLine,
    /// A date line that says "Updated"/"Modified" (no published date stated).
    UpdatedLine,
    /// The dateline opening the first body paragraph.
    Dateline,
    /// HTML modified timestamp (no published date stated).
    HtmlModified,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::HtmlMeta => "html_meta",
            DateBasis::DateLine => "date_line",
            DateBasis::UpdatedLine => "updated_line",
            DateBasis::Dateline => "dateline",
            DateBasis::HtmlModified => "html_modified",
        }
    }
}

/// A date the page states as its publication date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatedDate {
    pub date: PDate,
    /// The exact text the date was read from.
    pub evidence: String,
    /// Where it was read.
    pub basis: DateBasis,
}

/// The stated publication date of a cleaned page, if any.
pub fn stated_date(raw: &str, doc: &CleanDoc) -> Option<StatedDate> {
    let found = |date: PDate, evidence: &str, basis| Some(StatedDate { date, evidence: evidence.to_string(), basis });

    if let Some(p) = doc.meta.published.as_deref() {
        if let Some(d) = parse_iso_or_written(p) {
            return found(d, p, DateBasis::HtmlMeta);
        }
    }
    // An HTML page cleaned as text: a JSON-LD timestamp in the raw page.
    if doc.meta == Default::default() && raw.trim_start().starts_with('<') {
        if let Some((p, _)) = crate::html::json_string_after(raw, "datePublished", 0) {
            if let Some(d) = parse_iso_or_written(&p) {
                return found(d, &p, DateBasis::HtmlMeta);
            }
        }
    }

    let mut updated: Option<(PDate, &str)> = None;
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Metadata) {
        let Some(line) = date_line(&b.text) else {
            continue;
        };
        let Some(d) = line.date.filter(|_| !line.banner) else {
            continue;
        };
        if line.updated && !line.published {
            updated.get_or_insert((d, &b.text));
            continue;
        }
        return found(d, &b.text, DateBasis::DateLine);
    }
    if let Some((d, text)) = updated {
        return found(d, text, DateBasis::UpdatedLine);
    }

    if let Some(first) = doc.blocks.iter().find(|b| b.kind == BlockKind::Body) {
        if let (Some(dl), _) = strip_dateline(&first.text) {
            if let Some(f) = find_date(dl).filter(|f| f.has_year) {
                return found(f.date, dl, DateBasis::Dateline);
            }
        }
    }

    if let Some(p) = doc.meta.modified.as_deref() {
        if let Some(d) = parse_iso_or_written(p) {
            return found(d, p, DateBasis::HtmlModified);
        }
    }
    None
}
