//! Sentence boundaries.
//!
//! A sentence ends at `.`, `!` or `?` (and any closing quotes or brackets after it) when
//! whitespace follows and the next word starts a sentence (an upper-case letter, a digit, or
//! an opening quote). A period after a known abbreviation ("Mr.", "U.S.", "Gen.", "Jan.") or
//! after a single capital letter (an initial) does not end a sentence unless what follows
//! is itself clearly a new sentence. Line breaks always end a sentence.

use std::ops::Range;

/// Abbreviations whose period does not end a sentence (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "cmdr", "gov", "sen", "rep",
    "st", "mt", "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "ltd", "co", "corp", "jr", "sr", "u.s", "u.n", "u.k", "e.u", "a.m", "p.m", "approx", "dept", "est", "fig",
    "hon", "rev", "sheikh", "brig", "pres", "amb",
];

fn is_abbreviation(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if w.chars().count() == 1 && w.chars().all(|c| c.is_uppercase()) {
        return true; // an initial: "Donald J. Trump"
    }
    let lower = w.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '\u{201d}' | '\u{2019}' | ')' | ']' | '\u{00bb}')
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '[' | '\u{00ab}')
}

/// Byte ranges of the sentences of `text`, trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0usize;
    let push = |a: usize, b: usize, out: &mut Vec<Range<usize>>| {
        let s = &text[a..b];
        let lead = s.len() - s.trim_start().len();
        let trail = s.len() - s.trim_end().len();
        if b - trail > a + lead {
            out.push(a + lead..b - trail);
        }
    };
    let mut i = 0usize;
    // the next line break and the next terminator at or after `i`, found with memchr
    let mut next_nl = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let mut next_term = memchr::memchr3(b'.', b'!', b'?', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        if next_nl < i {
            next_nl = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        if next_term < i {
            next_term = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        i = next_nl.min(next_term);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if b == b'\n' {
            push(start, i, &mut out);
            start = i + 1;
            i += 1;
            continue;
        }
        if matches!(b, b'.' | b'!' | b'?') {
            // extend over repeated terminators and closers
            let mut end = i + 1;
            while end < bytes.len() {
                let c = text[end..].chars().next().unwrap_or(' ');
                if matches!(c, '.' | '!' | '?') || is_closer(c) {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            let rest = &text[end..];
            let after_ws = rest.trim_start_matches([' ', '\t', '\u{a0}']);
            let had_ws = after_ws.len() < rest.len();
            let next = after_ws.chars().next();
            let boundary = match next {
                None => true,
                Some('\n') | Some('\r') => true,
                Some(c) if had_ws && starts_sentence(c) => {
                    if b == b'.' {
                        // word before the period
                        let before = &text[start..i];
                        let word = before.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
                        !is_abbreviation(word) || next_is_strong_start(after_ws)
                    } else {
                        true
                    }
                }
                _ => false,
            };
            if boundary {
                push(start, end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    push(start, text.len(), &mut out);
    out
}

/// After an abbreviation, a following function word that typically starts a sentence
/// ("The", "He", "It") still marks a new sentence.
fn next_is_strong_start(s: &str) -> bool {
    let w: String = s.chars().take_while(|c| c.is_alphabetic()).collect();
    matches!(
        w.as_str(),
        "The" | "He" | "She" | "It" | "They" | "We" | "In" | "On" | "But" | "However" | "This" | "That"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_on_terminators_and_keeps_abbreviations() {
        assert_eq!(
            split("Mr. Zarif met U.S. envoys. They talked. Did it work? Yes!"),
            vec!["Mr. Zarif met U.S. envoys.", "They talked.", "Did it work?", "Yes!"]
        );
    }

    #[test]
    fn closing_quotes_stay_with_their_sentence() {
        assert_eq!(
            split("He said, \u{201c}We are back.\u{201d} Then he left."),
            vec!["He said, \u{201c}We are back.\u{201d}", "Then he left."]
        );
    }

    #[test]
    fn initials_and_lower_case_continuations_do_not_split() {
        assert_eq!(split("Donald J. Trump visited. the end"), vec!["Donald J. Trump visited. the end"]);
        assert_eq!(split("Line one\nLine two"), vec!["Line one", "Line two"]);
    }
}
