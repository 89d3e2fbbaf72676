//! Page cleaning.
//!
//! Contract: `clean(raw, format)` returns the headline, the article body paragraphs and the
//! photo captions of a page, each as a [`Block`], in page order, with page chrome dropped.
//!
//! A page is cut into blocks (text: paragraphs separated by line breaks, hard-wrapped lines
//! joined; HTML: see [`crate::html`]). Each block gets a line-shape class (chrome phrase from
//! `data/chrome.toml`, breadcrumb, date line, byline, source line, caption, title-like line,
//! paragraph); then a block-level state machine walks the page:
//!
//! - before the first paragraph (the top region) the headline is the best title-like line
//!   (matching the HTML title when there is one, else the longest); other short lines there
//!   are navigation and dropped; date lines are metadata, except current-date banners;
//! - after a "Related"/"Check Also"/"Read more" heading (or a bare date line inside the body)
//!   the other story's date, headline and teaser are dropped;
//! - after a comments heading everything is dropped;
//! - title-like lines trailing the last paragraph are footer navigation.

use std::borrow::Cow;

use serde::Serialize;

use crate::chrome::{chrome, contains_any, in_list, is_comment_count, norm, starts_with_any, strip_trailing_punct};
use crate::datefmt::{find_date, find_dates, is_other_calendar_month, is_weekday, month_from_name, words};

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

impl Block {
    /// The dateline that opens a body paragraph ("TEHRAN, Iran —"), if any.
    pub fn dateline(&self) -> Option<&str> {
        if self.kind == BlockKind::Body {
            strip_dateline(&self.text).0
        } else {
            None
        }
    }
}

/// Page-level metadata read from HTML (`<title>`, `<meta>`, JSON-LD, `<time>`); empty for
/// plain-text pages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PageMeta {
    /// `og:title`, `<title>` (site suffix removed) or the first `<h1>`.
    pub title: Option<String>,
    /// Raw published timestamp (`article:published_time`, JSON-LD `datePublished`, `<time>`).
    pub published: Option<String>,
    /// Raw modified timestamp.
    pub modified: Option<String>,
    /// `og:site_name` or the JSON-LD publisher name.
    pub site_name: Option<String>,
    /// Canonical URL (`<link rel=canonical>` or `og:url`).
    pub url: Option<String>,
}

/// A cleaned page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CleanDoc {
    pub title: Option<String>,
    /// Kept blocks in page order.
    pub blocks: Vec<Block>,
    /// Dropped chrome, for debugging and `explain` (never a source of events).
    pub dropped: Vec<String>,
    /// HTML page metadata (empty for text pages).
    pub meta: PageMeta,
}

impl CleanDoc {
    /// The kept blocks of one kind.
    pub fn blocks_of(&self, kind: BlockKind) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(move |b| b.kind == kind)
    }
}

/// Cleans a page: headline, body paragraphs, captions and metadata lines in page order.
pub fn clean(raw: &str, format: Format) -> CleanDoc {
    match format {
        Format::Text => assemble(text_blocks(raw), PageMeta::default()),
        Format::Html => {
            let page = crate::html::extract(raw);
            assemble(page.blocks, page.meta)
        }
    }
}

/// Splits a dateline off the start of a paragraph: `"TEHRAN, Iran — Last week ..."` gives
/// `(Some("TEHRAN, Iran —"), "Last week ...")`; `"BEIRUT (Reuters) - ..."` gives
/// `(Some("BEIRUT (Reuters) -"), ...)`. Without a dateline: `(None, text)`.
pub fn strip_dateline(text: &str) -> (Option<&str>, &str) {
    let t = text.trim_start();
    let limit = t.len().min(100);
    let mut sep: Option<(usize, usize)> = None;
    for (i, c) in t.char_indices() {
        if i >= limit {
            break;
        }
        let prev_space = t[..i].ends_with(|p: char| p.is_whitespace());
        let next_space = |len: usize| t[i + len..].starts_with(|n: char| n.is_whitespace());
        match c {
            '\u{2014}' | '\u{2013}' if i > 0 => {
                sep = Some((i, i + c.len_utf8()));
                break;
            }
            '-' if prev_space => {
                let len = if t[i + 1..].starts_with('-') { 2 } else { 1 };
                if next_space(len) {
                    sep = Some((i, i + len));
                    break;
                }
            }
            ':' if next_space(1) => {
                // "ISLAMABAD: ..." only when the whole prefix is upper case.
                let pre = &t[..i];
                if pre.chars().any(char::is_lowercase) {
                    return (None, text);
                }
                sep = Some((i, i + 1));
                break;
            }
            '.' | '!' | '?' | '"' | '\u{201c}' => return (None, text),
            _ => {}
        }
    }
    let Some((s, e)) = sep else {
        return (None, text);
    };
    let prefix = t[..s].trim_end();
    let ws = words(prefix);
    let Some(first) = ws.first() else {
        return (None, text);
    };
    let first_caps = first.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
        && first.text.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    if !first_caps || ws.len() > 9 {
        return (None, text);
    }
    let ok_word = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || month_from_name(w).is_some()
            || matches!(w, "al" | "el" | "de" | "of" | "la" | "st" | "nd" | "rd" | "th")
    };
    if !ws.iter().all(|w| ok_word(w.text)) {
        return (None, text);
    }
    let rest = t[e..].trim_start();
    (Some(t[..e].trim_end()), rest)
}

// ---------------------------------------------------------------------------------------
// Blocks of a page

/// What the page markup says about a block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hint {
    None,
    /// `<h1>`..`<h6>`.
    Heading,
    /// `<figcaption>`.
    Caption,
}

/// A block of page text before classification.
#[derive(Clone, Debug)]
pub(crate) struct RawBlock<'a> {
    pub text: Cow<'a, str>,
    pub hint: Hint,
}

fn ends_sentence(s: &str) -> bool {
    let s = s.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}', ')', ']']);
    s.ends_with(['.', '!', '?', ':', ';', '\u{2026}'])
}

/// Text pages: blank lines separate blocks; inside a group, each line is a block unless it
/// is hard-wrapped (a long line not ending a sentence continues on the next line).
fn text_blocks(raw: &str) -> Vec<RawBlock<'_>> {
    let mut out = Vec::new();
    let mut pending: Option<RawBlock> = None;
    let mut pending_open = false; // the pending block may continue on the next line
    for line in raw.split('\n') {
        let t = line.trim();
        if t.is_empty() {
            out.extend(pending.take());
            pending_open = false;
            continue;
        }
        if pending_open {
            if let Some(p) = pending.as_mut() {
                if !t.starts_with(char::is_lowercase) && is_title_like(&p.text) {
                    // A headline-shaped line followed by a capitalised line: two blocks.
                    out.extend(pending.take());
                    pending = Some(RawBlock { text: Cow::Borrowed(t), hint: Hint::None });
                    pending_open = t.len() >= 50 && !ends_sentence(t);
                    continue;
                }
                let s = p.text.to_mut();
                s.push(' ');
                s.push_str(t);
                pending_open = t.len() >= 50 && !ends_sentence(t);
                continue;
            }
        }
        out.extend(pending.take());
        pending = Some(RawBlock { text: Cow::Borrowed(t), hint: Hint::None });
        pending_open = t.len() >= 50 && !ends_sentence(t);
    }
    out.extend(pending);
    out
}

// ---------------------------------------------------------------------------------------
// Line classes

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Chrome,
    Banner,
    RelatedHeading,
    CommentsHeading,
    DateLine {
        keyword: bool,
    },
    Byline,
    Source,
    Caption,
    /// A site name with its tagline; dropped in the top region, else a title-like line.
    Masthead,
    TitleLike,
    Para,
}

/// A line that is (almost) only a date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DateLine {
    /// The first full date of the line (with a year).
    pub date: Option<entente_core::PDate>,
    /// A current-date banner: weekday without a year, a date without a year, or a date in
    /// another calendar ("| 25 Kislev 5782").
    pub banner: bool,
    /// Says "Published"/"Posted".
    pub published: bool,
    /// Says "Updated"/"Modified".
    pub updated: bool,
}

const DATE_LINE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "date",
    "created",
    "first",
    "originally",
    "time",
    "dated",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "gmt",
    "utc",
    "est",
    "edt",
    "cet",
    "cest",
    "bst",
    "ist",
    "ast",
    "pst",
    "pdt",
    "et",
    "pt",
    "mst",
    "msk",
    "irst",
    "idt",
    "eet",
    "eest",
    "z",
    "t",
    "h",
    "hrs",
    "local",
    "of",
    "the",
    "al",
    "awwal",
    "akhir",
    "thani",
    "ula",
    "ukhra",
    "qadah",
    "qadah",
    "hijjah",
    "hijja",
    "ah",
    "hijri",
];

/// Reads a line that is only a date (with time, weekday, "Published:", another calendar).
pub(crate) fn date_line(t: &str) -> Option<DateLine> {
    if t.len() > 120 || !t.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let dates = find_dates(t);
    if dates.is_empty() {
        return None;
    }
    let mut info = DateLine { date: None, banner: false, published: false, updated: false };
    let mut has_year = false;
    for d in &dates {
        if d.has_year {
            has_year = true;
            info.date.get_or_insert(d.date);
        }
    }
    for w in words(t) {
        if dates.iter().any(|d| d.span.contains(&w.start)) {
            continue;
        }
        let lw = w.text.to_ascii_lowercase();
        let time_or_number = w.text.bytes().all(|b| b.is_ascii_digit()) && w.text.len() <= 4 || is_clock_word(w.text);
        if is_weekday(w.text) || time_or_number {
            continue;
        }
        if is_other_calendar_month(w.text) {
            info.banner = true;
        } else if DATE_LINE_WORDS.contains(&lw.as_str()) {
            info.published |= lw == "published" || lw == "posted";
            info.updated |= lw == "updated" || lw == "modified";
        } else {
            return None;
        }
    }
    // A weekday with no year, or a date with no year at all, is the site's current date.
    info.banner |= !has_year;
    Some(info)
}

/// A clock time glued to its suffix: "3pm", "12am", "14h", "0930hrs".
fn is_clock_word(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &w[digits..];
    (1..=4).contains(&digits) && ["am", "pm", "h", "hrs", "gmt", "utc"].iter().any(|s| suffix.eq_ignore_ascii_case(s))
}

/// A line without any letter or digit: a rule ("----", "* * *", "___").
fn is_rule(t: &str) -> bool {
    !t.chars().any(char::is_alphanumeric)
}

/// A short label of one word without sentence punctuation ("Palestine", "Analysis"): a
/// section label or a link, never a paragraph.
fn is_label_word(t: &str) -> bool {
    // (Cheapest tests first: a line of at most 30 chars has at most 120 bytes.)
    t.len() <= 120
        && !t.contains(' ')
        && !t.ends_with(['.', '!', '?', ':', ';', ','])
        && t.chars().count() <= 30
        && words(t).len() == 1
}

/// A site masthead: a short site name, a separator and a short tagline ("The Daily Example -
/// News from the region", "EXAMPLE | Fresh. Fair. Fast."). Only decisive in the top region.
fn is_masthead(t: &str) -> bool {
    if t.len() > 100 {
        return false;
    }
    let Some((p, sep)) =
        [" | ", " - ", " \u{2014} ", " \u{2013} "].iter().filter_map(|s| t.find(s).map(|p| (p, *s))).min()
    else {
        return false;
    };
    if find_date(t).is_some() {
        return false;
    }
    let (head, tail) = (&t[..p], &t[p + sep.len()..]);
    let hw = words(head);
    let tw = words(tail);
    let name_word = |w: &str| w.starts_with(|c: char| c.is_uppercase()) || matches!(w, "of" | "the" | "and");
    (1..=4).contains(&hw.len())
        && hw.iter().all(|w| name_word(w.text))
        && (1..=10).contains(&tw.len())
        && !tail.contains(sep)
        && !tail.trim_end().ends_with(['?', '!'])
        && (!tail.trim_end().ends_with('.') || tail.split('.').all(|seg| words(seg).len() <= 2))
}

fn is_byline(t: &str, n: &str) -> bool {
    let Some(p) = starts_with_any(&chrome().byline_prefixes, n) else {
        return false;
    };
    if t.len() > 120 || ends_sentence(t) && !t.ends_with(':') && !t.ends_with(';') && !is_initial_end(t) {
        return false;
    }
    let rest = t.get(p.len()..).unwrap_or("").trim_start();
    rest.starts_with(|c: char| c.is_uppercase()) && words(rest).len() <= 12
}

/// "... J." (a name ending in an initial).
fn is_initial_end(t: &str) -> bool {
    let b = t.as_bytes();
    b.len() >= 3 && b[b.len() - 1] == b'.' && b[b.len() - 2].is_ascii_uppercase() && b[b.len() - 3] == b' '
}

const SEPARATORS: [&str; 5] = [" / ", " > ", " \u{bb} ", " \u{203a} ", " \u{2192} "];

/// "Home / News / Headline": the last segment may be long, the others are short.
fn breadcrumb_last(t: &str) -> Option<&str> {
    // Cheap pre-test: '/', '>' or a byte of the non-ASCII separators.
    let b = t.as_bytes();
    if t.len() > 300 || memchr::memchr3(b'/', b'>', 0xBB, b).is_none() && memchr::memchr2(0xBA, 0x92, b).is_none() {
        return None;
    }
    // Without any separator there is no breadcrumb (both outcomes below need one).
    static FINDERS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
    let finders =
        FINDERS.get_or_init(|| SEPARATORS.iter().map(|s| memchr::memmem::Finder::new(s.as_bytes())).collect());
    if !finders.iter().any(|f| f.find(b).is_some()) {
        return None;
    }
    let mut count = 0;
    let mut last_start = 0;
    let mut segs_ok = true;
    let bytes = t.as_bytes();
    let mut i = 0;
    while i < t.len() {
        // Every separator starts with a space (never a continuation byte), so only a space
        // byte can start one and the scan may step byte by byte.
        let sep = if bytes[i] == b' ' { SEPARATORS.iter().find(|s| t[i..].starts_with(*s)) } else { None };
        if let Some(sep) = sep {
            let seg = &t[last_start..i];
            // (Once a segment fails, the others need not be read.)
            segs_ok = segs_ok && !seg.trim().is_empty() && words(seg).len() <= 5;
            count += 1;
            i += sep.len();
            last_start = i;
        } else {
            i += 1;
        }
    }
    let home = count >= 1 && norm(&t[..t.floor_char_boundary(8)]).starts_with("home");
    (segs_ok && (count >= 2 || home)).then(|| t[last_start..].trim())
}

/// A navigation menu: three or more short items separated by `|`, `•` or `·`.
fn is_menu(t: &str) -> bool {
    // Three items need two separators ('|', '\u{2022}' = E2 80 A2, '\u{b7}' = C2 B7).
    let b = t.as_bytes();
    if memchr::memchr3(b'|', 0xA2, 0xB7, b).is_none() {
        return false;
    }
    let seps = (0..b.len())
        .filter(|&i| match b[i] {
            b'|' => true,
            0xA2 => i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80,
            0xB7 => i >= 1 && b[i - 1] == 0xC2,
            _ => false,
        })
        .count();
    if seps < 2 {
        return false;
    }
    let items: Vec<&str> = t.split(['|', '\u{2022}', '\u{b7}']).map(str::trim).filter(|x| !x.is_empty()).collect();
    items.len() >= 3 && items.iter().all(|x| x.split_whitespace().count() <= 3 && !x.ends_with('.'))
}

fn is_tagline(np: &str) -> bool {
    if np.len() > 80 {
        return false;
    }
    let mut it = np.rsplit(' ');
    let (Some(year), Some(marker)) = (it.next(), it.next()) else {
        return false;
    };
    year.len() == 4
        && year.bytes().all(|b| b.is_ascii_digit())
        && chrome().tagline_markers.iter().any(|m| m == marker.trim_end_matches('.'))
}

/// A short line that is not a sentence: headlines, section labels, link texts.
fn is_title_like(t: &str) -> bool {
    let n_chars = t.chars().count();
    if !(4..=220).contains(&n_chars) {
        return false;
    }
    if !t.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || "\"'\u{201c}\u{2018}".contains(c)) {
        return false;
    }
    let last = t.trim_end_matches(['"', '\'', '\u{201d}', '\u{2019}']);
    if last.ends_with(['.', ',', ';', ':', '\u{2026}']) {
        return false;
    }
    // No sentence break inside.
    let b = t.as_bytes();
    for i in 1..b.len().saturating_sub(2) {
        if b[i] == b'.' && b[i + 1] == b' ' && b[i + 2].is_ascii_uppercase() && !b[i - 1].is_ascii_uppercase() {
            return false;
        }
    }
    word_iter(t).nth(1).is_some()
}

const FINITE_AUX: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "said", "says", "can", "could", "should", "did",
    "does", "do", "must", "shall",
];

/// "X meeting with Y in Tehran on ...": a one-sentence description of a picture, with a
/// participle right after a name and no finite verb.
fn progressive_caption(t: &str) -> bool {
    static ING: std::sync::OnceLock<memchr::memmem::Finder<'static>> = std::sync::OnceLock::new();
    let ing = ING.get_or_init(|| memchr::memmem::Finder::new(b"ing "));
    if t.len() > 300 || ing.find(t.as_bytes()).is_none() || !is_one_sentence(t) {
        return false;
    }
    // The participle is the first lower-case word after the name(s) ("X and Y meeting ..."),
    // not a noun later in a headline ("X renews Y backing ...").
    let name_word = |w: &str| {
        w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || matches!(w, "al" | "el" | "bin" | "bint" | "ibn" | "de" | "of" | "the" | "and")
    };
    // One of words 1..=11, all words before it name words: only the leading run of name
    // words (and the word after it) need be read.
    let mut participle = false;
    let mut prev: Option<&str> = None;
    for w in word_iter(t).take(12) {
        if let Some(p) = prev {
            if w.len() > 4
                && w.ends_with("ing")
                && w.starts_with(|c: char| c.is_lowercase())
                && p.starts_with(|c: char| c.is_uppercase())
            {
                participle = true;
                break;
            }
        }
        if !name_word(w) {
            break;
        }
        prev = Some(w);
    }
    participle && !word_iter(t).any(|w| FINITE_AUX.iter().any(|a| w.eq_ignore_ascii_case(a)))
}

/// The texts of `words(t)`, lazily, in the same order.
fn word_iter(t: &str) -> impl Iterator<Item = &str> + '_ {
    let mut rest = t;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        let s = &rest[start..];
        let len = s.find(|c: char| !(c.is_alphanumeric() || c == '\'')).unwrap_or(s.len());
        rest = &s[len..];
        Some(s[..len].trim_end_matches('\''))
    })
}

fn is_one_sentence(t: &str) -> bool {
    let b = t.as_bytes();
    let end = b.len().saturating_sub(3);
    !(1..end).any(|i| {
        matches!(b[i], b'.' | b'!' | b'?')
            && b[i + 1] == b' '
            && b[i + 2].is_ascii_uppercase()
            && !b[i - 1].is_ascii_uppercase()
    })
}

/// The words of a trailing `[...]` or `(...)` group.
fn trailing_group(t: &str) -> Option<(&str, char)> {
    let s = t.trim_end_matches(['.', ' ']);
    let (open, close) = if s.ends_with(']') {
        ('[', ']')
    } else if s.ends_with(')') {
        ('(', ')')
    } else {
        return None;
    };
    let start = s.rfind(open)?;
    let inner = &s[start + 1..s.len() - close.len_utf8()];
    (inner.len() <= 90).then_some((inner, open))
}

fn is_caption(t: &str, n: &str) -> bool {
    if t.len() > 450 {
        return false;
    }
    let c = chrome();
    let unbracketed = n.trim_start_matches(['[', '(']);
    if starts_with_any(&c.caption_prefixes, unbracketed).is_some()
        || (n.contains('(') && contains_any(&c.position_markers, n))
    {
        return true;
    }
    if let Some((inner, open)) = trailing_group(t) {
        let ni = norm(inner);
        let credit = c.photo_credits.iter().any(|w| crate::chrome::contains_word(&ni, w));
        if credit && (open == '[' || ni.contains('/') || c.photo_credits.contains(&ni)) {
            return true;
        }
        if ni.starts_with("photo")
            || ni.starts_with("ap photo")
            || ni.starts_with("file photo")
            || ni.contains("via getty")
        {
            return true;
        }
        if open == '[' && ni.contains('/') && words(inner).len() <= 8 {
            return true;
        }
    }
    // Credits sit in the last 80 bytes.
    let mut tail_start = n.len().saturating_sub(90);
    while !n.is_char_boundary(tail_start) {
        tail_start += 1;
    }
    let tail = &n[tail_start..];
    let may_credit = tail.bytes().any(|b| matches!(b, b':' | b'/' | b'(' | b'[')) || tail.contains(" by ");
    for (p, m) in c.credit_markers.rfind_each(if may_credit { tail } else { "" }) {
        let p = p + tail_start;
        {
            let before = &n[..p];
            let boundary = before.is_empty()
                || [". ", "; ", "| ", "- ", ", ", "("].iter().any(|b| before.ends_with(b))
                || m.starts_with(['(', '[', '/']);
            if boundary && n.len() - p <= 80 {
                return true;
            }
        }
    }
    progressive_caption(t)
}

fn classify(text: &str, hint: Hint) -> Class {
    let t = text.trim();
    if hint == Hint::Caption {
        return Class::Caption;
    }
    if t.len() > 450 {
        return Class::Para;
    }
    if is_rule(t) {
        return Class::Chrome;
    }
    let c = chrome();
    let n = norm(t);
    let np = strip_trailing_punct(&n);
    if in_list(&c.comment_headings, np) || is_comment_count(np) {
        return Class::CommentsHeading;
    }
    if in_list(&c.related_headings, np)
        || (np.len() <= 40
            && (np.starts_with("more from ") || np.starts_with("more on ") || np.starts_with("related ")))
    {
        return Class::RelatedHeading;
    }
    if is_label_word(t) {
        return Class::Chrome;
    }
    if starts_with_any(&c.link_prefixes, &n).is_some() && n.len() <= 250 {
        return Class::Chrome;
    }
    if let Some(d) = date_line(t) {
        return if d.banner { Class::Banner } else { Class::DateLine { keyword: d.published || d.updated } };
    }
    if t.len() <= 200 && starts_with_any(&c.source_prefixes, &n).is_some() {
        return Class::Source;
    }
    if is_byline(t, &n) {
        return Class::Byline;
    }
    if in_list(&c.exact, np) {
        return Class::Chrome;
    }
    if (n.len() <= 260 && starts_with_any(&c.prefixes, &n).is_some())
        || (n.len() <= 220 && contains_any(&c.contains, &n))
    {
        return Class::Chrome;
    }
    if breadcrumb_last(t).is_some() || is_tagline(np) || is_menu(t) {
        return Class::Chrome;
    }
    if is_masthead(t) {
        return Class::Masthead;
    }
    if is_caption(t, &n) {
        return Class::Caption;
    }
    if hint == Hint::Heading || is_title_like(t) {
        return Class::TitleLike;
    }
    Class::Para
}

// ---------------------------------------------------------------------------------------
// Assembly

fn ends_with_ellipsis(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\u{201d}' | ']' | ')'));
    t.ends_with("...") || t.ends_with('\u{2026}')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Top,
    Body,
    Related { seen_title: bool, dropped: usize },
    Comments,
}

fn same_text(a: &str, b: &str) -> bool {
    a == b || norm(a) == norm(b)
}

/// Strips a " | Site" or " - Site" suffix from an HTML `<title>`.
fn strip_site_suffix(title: &str) -> &str {
    for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: "] {
        if let Some(p) = title.rfind(sep) {
            let (head, tail) = (&title[..p], &title[p + sep.len()..]);
            if words(tail).len() <= 5 && words(head).len() >= 3 {
                return head.trim();
            }
        }
    }
    title.trim()
}

pub(crate) fn assemble(raws: Vec<RawBlock<'_>>, meta: PageMeta) -> CleanDoc {
    let mut classes: Vec<Class> = raws.iter().map(|r| classify(&r.text, r.hint)).collect();
    let first_para = classes.iter().position(|c| *c == Class::Para).unwrap_or(classes.len());

    // A date line opening the page and followed by another date line is a banner.
    if let Some(Class::DateLine { .. }) = classes.first() {
        if classes[1..first_para].iter().any(|c| matches!(c, Class::DateLine { .. })) {
            classes[0] = Class::Banner;
        }
    }

    // The headline: the title-like line of the top region that matches the HTML title, else
    // the last segment of a breadcrumb, else the longest.
    // Site mastheads are headlines only when nothing else is.
    let mut candidates: Vec<usize> = (0..first_para).filter(|&i| classes[i] == Class::TitleLike).collect();
    if candidates.is_empty() {
        candidates = (0..first_para).filter(|&i| classes[i] == Class::Masthead).collect();
    }
    let meta_title: Option<String> =
        meta.title.as_deref().map(strip_site_suffix).filter(|t| !t.is_empty()).map(str::to_string);
    let meta_title = meta_title.as_deref();
    let matches_title = |i: usize, title: &str| {
        let (a, b) = (norm(&raws[i].text), norm(title));
        a == b || (a.len() >= 12 && b.contains(&a)) || (b.len() >= 12 && a.contains(&b))
    };
    let crumb_last: Option<&str> = raws.iter().take(first_para).filter_map(|r| breadcrumb_last(r.text.trim())).next();
    let headline = meta_title
        .and_then(|t| candidates.iter().copied().find(|&i| matches_title(i, t)))
        .or_else(|| crumb_last.and_then(|t| candidates.iter().copied().find(|&i| matches_title(i, t))))
        .or_else(|| candidates.iter().copied().max_by_key(|&i| (raws[i].text.chars().count(), usize::MAX - i)));

    let mut doc = CleanDoc { meta, ..CleanDoc::default() };
    let mut kept_class: Vec<Class> = Vec::new();
    if let Some(h) = headline {
        doc.title = Some(raws[h].text.trim().to_string());
    } else if let Some(t) = meta_title {
        doc.title = Some(t.to_string());
        doc.blocks.push(Block { kind: BlockKind::Headline, text: t.to_string() });
        kept_class.push(Class::TitleLike);
    }

    let mut state = State::Top;
    for (i, raw) in raws.iter().enumerate() {
        let text = raw.text.trim();
        if text.is_empty() {
            continue;
        }
        let class = classes[i];
        let mut keep: Option<BlockKind> = None;
        if let State::Related { seen_title, dropped } = state {
            let mut resume = false;
            match class {
                // a headline-shaped "caption" right after the heading is the other story's headline
                Class::Caption if !seen_title && is_title_like(text) => {
                    state = State::Related { seen_title: true, dropped }
                }
                Class::DateLine { .. } | Class::Banner | Class::Chrome | Class::RelatedHeading | Class::Caption => {}
                Class::TitleLike | Class::Masthead => state = State::Related { seen_title: true, dropped },
                Class::CommentsHeading => state = State::Comments,
                // a short line without a full stop right after the heading is the other
                // story's headline, even in sentence case
                Class::Para if !seen_title && text.len() < 120 && !text.ends_with(['.', '"', '\u{201d}']) => {
                    state = State::Related { seen_title: true, dropped }
                }
                Class::Para if ends_with_ellipsis(text) || (seen_title && text.len() < 350) => state = State::Body,
                Class::Byline if !seen_title || dropped < 3 => {}
                Class::Para | Class::Byline | Class::Source => resume = true,
            }
            if let State::Related { seen_title, dropped } = state {
                state = if dropped >= 6 { State::Body } else { State::Related { seen_title, dropped: dropped + 1 } };
            }
            if !resume {
                doc.dropped.push(text.to_string());
                continue;
            }
            state = State::Body;
        }
        match (state, class) {
            (State::Comments, _) => {}
            (_, Class::Chrome | Class::Banner) => {}
            (_, Class::RelatedHeading) => state = State::Related { seen_title: false, dropped: 0 },
            (_, Class::CommentsHeading) => state = State::Comments,
            (State::Top, Class::DateLine { .. }) => keep = Some(BlockKind::Metadata),
            (_, Class::DateLine { keyword: true }) => keep = Some(BlockKind::Metadata),
            (_, Class::DateLine { keyword: false }) => state = State::Related { seen_title: false, dropped: 0 },
            (_, Class::Byline | Class::Source) => keep = Some(BlockKind::Metadata),
            (_, Class::Caption) => {
                let repeat =
                    doc.blocks.iter().rev().take(3).any(|b| b.kind == BlockKind::Caption && same_text(&b.text, text));
                if !repeat {
                    keep = Some(BlockKind::Caption);
                }
            }
            (_, Class::TitleLike | Class::Masthead) if Some(i) == headline => keep = Some(BlockKind::Headline),
            (State::Top, Class::TitleLike | Class::Masthead) => {}
            (_, Class::TitleLike | Class::Masthead) => {
                if !doc.title.as_deref().is_some_and(|h| same_text(h, text)) {
                    keep = Some(BlockKind::Body);
                }
            }
            (_, Class::Para) => {
                keep = Some(BlockKind::Body);
                state = State::Body;
            }
        }
        match keep {
            Some(kind) => {
                doc.blocks.push(Block { kind, text: text.to_string() });
                kept_class.push(class);
            }
            None => doc.dropped.push(text.to_string()),
        }
    }

    // Title-like lines after the last paragraph are footer navigation.
    if let Some(last_para) = kept_class.iter().rposition(|c| *c == Class::Para) {
        let mut k = doc.blocks.len();
        while k > last_para + 1 {
            k -= 1;
            let is_nav =
                matches!(kept_class[k], Class::TitleLike | Class::Masthead) && doc.blocks[k].kind == BlockKind::Body;
            if is_nav {
                let b = doc.blocks.remove(k);
                kept_class.remove(k);
                doc.dropped.push(b.text);
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        assert_eq!(
            strip_dateline("TEHRAN, Iran \u{2014}\u{a0}Last week, a visit."),
            (Some("TEHRAN, Iran \u{2014}"), "Last week, a visit.")
        );
        assert_eq!(
            strip_dateline("BEIRUT (Reuters) - Lebanon's army said."),
            (Some("BEIRUT (Reuters) -"), "Lebanon's army said.")
        );
        assert_eq!(
            strip_dateline("GAZA CITY, May 12 (AP) \u{2014} Talks."),
            (Some("GAZA CITY, May 12 (AP) \u{2014}"), "Talks.")
        );
        assert_eq!(strip_dateline("ISLAMABAD: Officials met."), (Some("ISLAMABAD:"), "Officials met."));
        assert_eq!(strip_dateline("Iran \u{2014} a big country."), (None, "Iran \u{2014} a big country."));
        assert_eq!(strip_dateline("He said: yes."), (None, "He said: yes."));
        assert_eq!(strip_dateline("NATO said so. Then - later."), (None, "NATO said so. Then - later."));
    }

    #[test]
    fn date_lines() {
        let d = date_line("March 25, 2014 1:12 pm").unwrap();
        assert!(!d.banner && d.date == Some(entente_core::PDate::day(2014, 3, 25)));
        assert!(date_line("Sunday, November 28th | 25 Kislev 5782").unwrap().banner);
        assert!(date_line("Published: 12 May 2019").unwrap().published);
        assert!(date_line("December 25, 2021 at 12:34 pm").is_some());
        assert!(date_line("Iran and Hamas met on 12 May 2019").is_none());
    }

    /// The straightforward forms of the predicates that have cheaper implementations.
    mod reference {
        use super::super::*;

        pub fn is_menu(t: &str) -> bool {
            let items: Vec<&str> =
                t.split(['|', '\u{2022}', '\u{b7}']).map(str::trim).filter(|x| !x.is_empty()).collect();
            items.len() >= 3 && items.iter().all(|x| x.split_whitespace().count() <= 3 && !x.ends_with('.'))
        }

        pub fn progressive_caption(t: &str) -> bool {
            if t.len() > 300 || !t.contains("ing ") || !is_one_sentence(t) {
                return false;
            }
            let ws = words(t);
            let name_word = |w: &str| {
                w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    || matches!(w, "al" | "el" | "bin" | "bint" | "ibn" | "de" | "of" | "the" | "and")
            };
            let participle = ws.iter().enumerate().take(12).skip(1).any(|(i, w)| {
                w.text.len() > 4
                    && w.text.ends_with("ing")
                    && w.text.starts_with(|c: char| c.is_lowercase())
                    && ws[i - 1].text.starts_with(|c: char| c.is_uppercase())
                    && ws[..i].iter().all(|p| name_word(p.text))
            });
            participle && !ws.iter().any(|w| FINITE_AUX.iter().any(|a| w.text.eq_ignore_ascii_case(a)))
        }

        pub fn is_label_word(t: &str) -> bool {
            t.chars().count() <= 30
                && words(t).len() == 1
                && !t.ends_with(['.', '!', '?', ':', ';', ','])
                && !t.contains(' ')
        }

        pub fn has_separator(t: &str) -> bool {
            SEPARATORS.iter().any(|s| t.contains(s))
        }
    }

    /// Every line and paragraph of the sample pages and, where present, the seed articles,
    /// with made-up variants (caption, menu, breadcrumb and masthead shapes).
    fn corpus_lines() -> Vec<String> {
        let mut lines = Vec::new();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for dir in [root.join("samples"), root.join("../shared/corpus/seeds")] {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for e in entries.flatten() {
                let Ok(raw) = std::fs::read_to_string(e.path()) else { continue };
                let blocks: Vec<String> = if raw.trim_start().starts_with('<') {
                    crate::html::extract(&raw).blocks.iter().map(|b| b.text.to_string()).collect()
                } else {
                    text_blocks(&raw).iter().map(|b| b.text.to_string()).collect()
                };
                lines.extend(raw.lines().map(str::to_string));
                lines.extend(blocks);
            }
        }
        for l in [
            "Home / News / Iran Mending Fences",
            "World \u{bb} Middle East \u{bb} Story",
            "News | Sport | Opinion | Video",
            "Home \u{2022} World \u{2022} Gulf",
            "Jane Roe meeting reporters in Doha",
            "Jane Roe and John Doe meeting reporters in Doha on May 3, 2019",
            "Al Jane Roe, speaking",
            "The Daily Example - News from the region",
            "Iranian\u{2019}s  \u{201c}QUOTE\u{201d}\u{a0}x`y`\tz",
            "Palestine",
            "12 comments",
        ] {
            lines.push(l.to_string());
        }
        lines
    }

    #[test]
    fn cheap_predicates_agree_with_reference() {
        let lines = corpus_lines();
        assert!(lines.len() > 100, "{}", lines.len());
        let mut menus = 0;
        let mut captions = 0;
        for l in &lines {
            let t = l.trim();
            assert_eq!(norm(l), crate::chrome::norm_reference(l), "{l:?}");
            assert_eq!(is_menu(t), reference::is_menu(t), "{t:?}");
            assert_eq!(progressive_caption(t), reference::progressive_caption(t), "{t:?}");
            assert_eq!(is_label_word(t), reference::is_label_word(t), "{t:?}");
            assert_eq!(word_iter(t).collect::<Vec<_>>(), words(t).iter().map(|w| w.text).collect::<Vec<_>>());
            if breadcrumb_last(t).is_some() {
                assert!(reference::has_separator(t), "{t:?}");
            }
            menus += usize::from(is_menu(t));
            captions += usize::from(progressive_caption(t));
        }
        assert!(menus >= 2 && captions >= 2, "{menus} {captions}");
    }

    #[test]
    fn line_shapes() {
        assert!(breadcrumb_last("Home / News / Some headline here").is_some());
        assert!(breadcrumb_last("Home \u{bb} World").is_some());
        assert!(breadcrumb_last("Rates rose 3 / 4 points").is_none());
        assert!(is_tagline("creating new perspectives since 2009"));
        assert!(is_title_like("Iran Mending Fences With Hamas"));
        assert!(!is_title_like("Iran mended fences with Hamas."));
        assert!(progressive_caption("Foreign Minister Jane Roe speaking to reporters in Doha on May 3, 2019"));
        assert!(!progressive_caption("Officials are meeting in Doha this week, and they said so"));
    }
}
