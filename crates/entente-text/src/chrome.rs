//! The page-chrome phrase lists (`data/chrome.toml`), parsed once, and the line-shape
//! predicates `clean` builds on.

use std::sync::OnceLock;

use serde::Deserialize;

/// Phrase lists of `data/chrome.toml` (all lower case).
#[derive(Debug, Deserialize)]
pub(crate) struct Chrome {
    pub exact: Vec<String>,
    pub prefixes: Vec<String>,
    pub contains: Vec<String>,
    pub related_headings: Vec<String>,
    pub comment_headings: Vec<String>,
    pub link_prefixes: Vec<String>,
    pub byline_prefixes: Vec<String>,
    pub source_prefixes: Vec<String>,
    pub tagline_markers: Vec<String>,
    pub photo_credits: Vec<String>,
    pub caption_prefixes: Vec<String>,
    pub credit_markers: Vec<String>,
    pub position_markers: Vec<String>,
}

/// The parsed chrome lists.
pub(crate) fn chrome() -> &'static Chrome {
    static CHROME: OnceLock<Chrome> = OnceLock::new();
    CHROME.get_or_init(|| toml::from_str(include_str!("../data/chrome.toml")).expect("data/chrome.toml is valid"))
}

/// A line lower-cased for phrase matching: typographic quotes and dashes to ASCII, no-break
/// and other spaces to one plain space, surrounding whitespace trimmed.
pub(crate) fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{00ab}' | '\u{00bb}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2012}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// `n` (normalised) without trailing punctuation and spaces.
pub(crate) fn strip_trailing_punct(n: &str) -> &str {
    n.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')' && c != ']' || c == ' ' || c == '\u{2026}')
}

pub(crate) fn in_list(list: &[String], n: &str) -> bool {
    list.iter().any(|p| p == n)
}

pub(crate) fn starts_with_any<'a>(list: &'a [String], n: &str) -> Option<&'a str> {
    list.iter().find(|p| n.starts_with(p.as_str())).map(String::as_str)
}

pub(crate) fn contains_any(list: &[String], n: &str) -> bool {
    list.iter().any(|p| n.contains(p.as_str()))
}

/// Whether `n` (normalised) contains `word` as a whole word.
pub(crate) fn contains_word(n: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(pos) = n[from..].find(word) {
        let s = from + pos;
        let e = s + word.len();
        let before = !matches!(n[..s].chars().next_back(), Some(c) if c.is_alphanumeric());
        let after = !matches!(n[e..].chars().next(), Some(c) if c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = s + word.len().max(1);
        while !n.is_char_boundary(from) {
            from += 1;
        }
    }
    false
}

const NUMBER_WORDS: &[&str] =
    &["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a", "zero"];

/// "12 comments", "One comment", "3 responses to ...", "5 thoughts on ...".
pub(crate) fn is_comment_count(n: &str) -> bool {
    let mut it = n.split(' ');
    let (Some(a), Some(b)) = (it.next(), it.next()) else { return false };
    let numeric = a.bytes().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&a);
    let b = b.trim_end_matches(|c: char| c.is_ascii_punctuation());
    numeric
        && matches!(b, "comment" | "comments" | "response" | "responses" | "reply" | "replies" | "thoughts" | "thought")
        && n.len() < 120
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_norm() {
        let c = chrome();
        assert!(c.exact.len() > 50 && c.related_headings.contains(&"check also".to_string()));
        assert!(c.prefixes.iter().any(|p| p == "\u{a9}"));
        assert_eq!(norm("  Editor\u{2019}s\u{a0} Picks "), "editor's picks");
        assert_eq!(strip_trailing_punct("let your voice be heard!"), "let your voice be heard");
        assert!(contains_word("join the algemeiner", "algemeiner"));
        assert!(!contains_word("rtl news", "rt"));
        assert!(is_comment_count("one comment") && is_comment_count("12 comments") && !is_comment_count("no way"));
    }
}
