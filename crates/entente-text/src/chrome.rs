//! The page-chrome phrase lists (`data/chrome.toml`), parsed once, and the line-shape
//! predicates `clean` builds on.

use std::collections::HashSet;
use std::sync::OnceLock;

use memchr::memmem;

use serde::Deserialize;

/// Phrase lists of `data/chrome.toml` (all lower case).
#[derive(Deserialize)]
pub(crate) struct Chrome {
    pub exact: PhraseList,
    pub prefixes: PhraseList,
    pub contains: PhraseList,
    pub related_headings: PhraseList,
    pub comment_headings: PhraseList,
    pub link_prefixes: PhraseList,
    pub byline_prefixes: PhraseList,
    pub source_prefixes: PhraseList,
    pub tagline_markers: Vec<String>,
    pub photo_credits: Vec<String>,
    pub caption_prefixes: PhraseList,
    pub credit_markers: PhraseList,
    pub position_markers: PhraseList,
}

/// A phrase list indexed for the three kinds of test: whole line (hash set), prefix (by
/// first byte) and substring (one Aho-Corasick automaton over all phrases; reverse
/// `memchr::memmem` finders for the last occurrence of each phrase).
#[derive(Deserialize)]
#[serde(from = "Vec<String>")]
pub(crate) struct PhraseList {
    items: Vec<String>,
    set: HashSet<String>,
    by_first: Vec<Vec<usize>>,
    any: OnceLock<aho_corasick::AhoCorasick>,
    rfinders: Vec<memmem::FinderRev<'static>>,
    max_len: usize,
}

impl From<Vec<String>> for PhraseList {
    fn from(items: Vec<String>) -> Self {
        let mut by_first = vec![Vec::new(); 256];
        for (i, p) in items.iter().enumerate() {
            if let Some(&b) = p.as_bytes().first() {
                by_first[b as usize].push(i);
            }
        }
        let set = items.iter().cloned().collect();
        let max_len = items.iter().map(String::len).max().unwrap_or(0);
        let any = OnceLock::new();
        let rfinders = items.iter().map(|p| memmem::FinderRev::new(p.as_bytes()).into_owned()).collect();
        PhraseList { items, set, by_first, any, rfinders, max_len }
    }
}

impl PhraseList {
    /// The substring automaton, built on first use (only some lists are searched).
    fn automaton(&self) -> &aho_corasick::AhoCorasick {
        self.any.get_or_init(|| {
            // only ever asked whether any phrase occurs: leftmost-first answers the same and,
            // unlike the standard semantics, can use the vectorised (Teddy) prefilter
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&self.items)
                .expect("chrome phrase lists are small")
        })
    }

    /// Each phrase with the byte offset of its last occurrence in `n`.
    pub fn rfind_each<'a>(&'a self, n: &'a str) -> impl Iterator<Item = (usize, &'a str)> + 'a {
        // (One automaton pass first: most lines contain none of the phrases.)
        let some = self.automaton().is_match(n);
        self.rfinders[..if some { self.rfinders.len() } else { 0 }]
            .iter()
            .zip(&self.items)
            .filter_map(move |(f, p)| f.rfind(n.as_bytes()).map(|i| (i, p.as_str())))
    }
}

/// The parsed chrome lists.
pub(crate) fn chrome() -> &'static Chrome {
    static CHROME: OnceLock<Chrome> = OnceLock::new();
    CHROME.get_or_init(|| toml::from_str(include_str!("../data/chrome.toml")).expect("data/chrome.toml is valid"))
}

/// A line lower-cased for phrase matching: typographic quotes and dashes to ASCII, no-break
/// and other spaces to one plain space, surrounding whitespace trimmed.
pub(crate) fn norm(s: &str) -> String {
    let t = s.trim();
    // Plain ASCII without control bytes, backquotes or double spaces: only lower-casing.
    // (A fold without early exit: one vectorisable pass.)
    let special = t.bytes().fold(false, |acc, b| acc | !(0x20..0x80).contains(&b) | (b == b'`'));
    if !special && memmem::find(t.as_bytes(), b"  ").is_none() {
        return t.to_ascii_lowercase();
    }
    let bytes = t.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(t.len());
    let mut space = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // A run of printable ASCII other than the backquote and a second space: copied
        // lower-cased at once.
        let start = i;
        // Eight bytes at a time while they are printable ASCII without a backquote or two
        // spaces in a row (and do not start with a space after a space).
        while let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
            const HI: u64 = 0x8080_8080_8080_8080;
            const LO7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
            // 0x80 in each byte of `v` that is zero (exact).
            let zero = |v: u64| !(((v & LO7) + LO7) | v | LO7);
            if x & HI != 0 {
                break;
            }
            let below_space = !(x + 0x6060_6060_6060_6060) & HI;
            let spaces = zero(x ^ 0x2020_2020_2020_2020);
            if below_space != 0 || zero(x ^ 0x6060_6060_6060_6060) != 0 || spaces & (spaces << 8) != 0 {
                break;
            }
            if space && chunk[0] == b' ' {
                break;
            }
            space = chunk[7] == b' ';
            i += 8;
        }
        while i < bytes.len() {
            let b = bytes[i];
            if !(0x20..0x80).contains(&b) || b == b'`' || b == b' ' && space {
                break;
            }
            space = b == b' ';
            i += 1;
        }
        if i > start {
            let from = out.len();
            out.extend_from_slice(&bytes[start..i]);
            out[from..].make_ascii_lowercase();
            continue;
        }
        if b < 0x80 {
            // Other ASCII: the same mapping as below, byte by byte.
            i += 1;
            match b {
                b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => {
                    if !space {
                        out.push(b' ');
                    }
                    space = true;
                }
                b'`' => {
                    out.push(b'\'');
                    space = false;
                }
                _ => {
                    out.push(b.to_ascii_lowercase());
                    space = false;
                }
            }
            continue;
        }
        let c = t[i..].chars().next().expect("char boundary");
        i += c.len_utf8();
        let c = fold(c);
        if c == ' ' {
            if !space {
                out.push(b' ');
            }
            space = true;
            continue;
        }
        space = false;
        let mut buf = [0u8; 4];
        for l in c.to_lowercase() {
            out.extend_from_slice(l.encode_utf8(&mut buf).as_bytes());
        }
    }
    String::from_utf8(out).expect("valid UTF-8 in, valid UTF-8 out")
}

/// `n` (normalised) without trailing punctuation and spaces.
pub(crate) fn strip_trailing_punct(n: &str) -> &str {
    n.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')' && c != ']' || c == ' ' || c == '\u{2026}')
}

pub(crate) fn in_list(list: &PhraseList, n: &str) -> bool {
    n.len() <= list.max_len && list.set.contains(n)
}

pub(crate) fn starts_with_any<'a>(list: &'a PhraseList, n: &str) -> Option<&'a str> {
    let first = *n.as_bytes().first()?;
    list.by_first[first as usize].iter().map(|&i| list.items[i].as_str()).find(|p| n.starts_with(p))
}

pub(crate) fn contains_any(list: &PhraseList, n: &str) -> bool {
    list.automaton().is_match(n)
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

/// "12 comments", "One comment", "3 responses to ...", "5 thoughts on ...", "Comments (12)",
/// "Comments: 12".
pub(crate) fn is_comment_count(n: &str) -> bool {
    for head in ["comments", "comment", "responses", "replies", "reader comments"] {
        if let Some(rest) = n.strip_prefix(head) {
            let rest = rest.trim_start_matches([' ', ':', '(', '[']).trim_end_matches([')', ']', ' ']);
            if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
                return true;
            }
        }
    }
    if n.len() >= 120 {
        return false;
    }
    let mut it = n.split(' ');
    let (Some(a), Some(b)) = (it.next(), it.next()) else {
        return false;
    };
    let numeric = a.bytes().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&a);
    let b = b.trim_end_matches(|c: char| c.is_ascii_punctuation());
    numeric
        && matches!(b, "comment" | "comments" | "response" | "responses" | "reply" | "replies" | "thoughts" | "thought")
}

/// Typographic quotes and dashes to ASCII, any whitespace to a plain space.
fn fold(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{00ab}' | '\u{00bb}' => '"',
        '\u{2013}' | '\u{2014}' | '\u{2012}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// [`norm`] written the plain way, character by character: the specification the fast
/// paths are tested against (here and in `clean`'s tests).
#[cfg(test)]
pub(crate) fn norm_reference(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.trim().chars() {
        let c = if c == '`' { '\'' } else { fold(c) };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
            continue;
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_and_norm() {
        let c = chrome();
        assert!(c.exact.items.len() > 50 && in_list(&c.related_headings, "check also"));
        assert_eq!(starts_with_any(&c.prefixes, "\u{a9} 2020 x"), Some("\u{a9}"));
        assert!(contains_any(&c.contains, "it uses recaptcha here"));
        for n in ["it uses recaptcha here", "plain words only", "", "share this", "\u{a9} 2020 x"] {
            for list in [&c.contains, &c.position_markers, &c.exact] {
                assert_eq!(contains_any(list, n), list.items.iter().any(|p| n.contains(p.as_str())));
            }
        }
        assert_eq!(norm("  Plain ASCII Line, With Caps "), "plain ascii line, with caps");
        assert_eq!(norm("  Editor\u{2019}s\u{a0} Picks "), "editor's picks");
        assert_eq!(norm(" A\t\x0b B\r\n`C`  D "), "a b 'c' d");
        for s in ["Mixed  CASE\tline `x`", "  ", "", "\u{2014}A  b", "A\u{a0}\u{a0}b C"] {
            let slow = norm_reference(s);
            assert_eq!(norm(s), slow, "{s:?}");
        }
        assert_eq!(strip_trailing_punct("let your voice be heard!"), "let your voice be heard");
        assert!(contains_word("join the algemeiner", "algemeiner"));
        assert!(!contains_word("rtl news", "rt"));
        assert!(is_comment_count("one comment") && is_comment_count("12 comments") && !is_comment_count("no way"));
        assert!(is_comment_count("comments (2)") && is_comment_count("comments: 14"));
        assert!(!is_comment_count("comments 2020 review") && !is_comment_count("comments (none)"));
    }
}
