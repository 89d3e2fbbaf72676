//! Word tokens with byte spans.
//!
//! Words keep inner hyphens ("re-establish", "al-Assad") and inner apostrophes that are part
//! of a name ("Kata'ib"); a possessive ("Iran's", "Hamas'", "Hamas’") becomes the word and a
//! separate `'s` token, "n't" is split off as `not`. Every other non-space character is a
//! punctuation token of its own. Curly apostrophes are read as straight ones.

use std::ops::Range;

use compact_str::CompactString;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    Punct,
    /// The possessive marker `'s` or a bare `'` after a word ending in s.
    Possessive,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the sentence.
    pub span: Range<usize>,
    pub kind: TokKind,
    /// Lower-case form (ASCII-folded apostrophes; `'s` for possessives, `not` for n't).
    pub lower: CompactString,
    /// Whether the word starts with an upper-case letter.
    pub cap: bool,
}

impl Token {
    pub fn is(&self, w: &str) -> bool {
        self.lower == w
    }
}

fn is_apos(c: char) -> bool {
    c == '\'' || c == '\u{2019}' || c == '\u{2018}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Classes of ASCII bytes, for the scanning loop of [`tokenize`]:
/// `LETTER`, `DIGIT` (`ALNUM` is either), `JOINER` for the bytes that may continue a word
/// when what follows fits (`-`, `.`, `,`, `'`), `SPACE`, and `UPPER` on the upper-case
/// letters as well as `LETTER`. Non-ASCII bytes are 0.
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const ALNUM: u8 = LETTER | DIGIT;
const JOINER: u8 = 4;
const SPACE: u8 = 8;
const UPPER: u8 = 16;
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0usize;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_uppercase() {
            LETTER | UPPER
        } else if c.is_ascii_lowercase() {
            LETTER
        } else if matches!(c, b'-' | b'.' | b',' | b'\'') {
            JOINER
        } else if matches!(c, 9..=13 | b' ') {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The lower-case form of a word: most words are lower case already and are copied as they
/// are. `ascii_upper`: for a word of ASCII bytes only, whether one is upper case (`None` for
/// any other word).
fn lower_of(word: &str, ascii_upper: Option<bool>) -> CompactString {
    match ascii_upper {
        Some(false) => CompactString::new(word),
        Some(true) => {
            let mut lower = CompactString::new(word);
            lower.make_ascii_lowercase();
            lower
        }
        None => CompactString::from(word.to_lowercase()),
    }
}

/// Splits `s` into tokens.
pub fn tokenize(s: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(s.len() / 5 + 4);
    let bytes = s.as_bytes();
    let mut runs = entente_core::ascii::Runs::new(bytes);
    let mut pos = 0usize;
    while pos < bytes.len() {
        let i = pos;
        let b0 = bytes[i];
        let (c, cls) = if b0 < 128 {
            let cls = CLASS[b0 as usize];
            if cls & SPACE != 0 {
                pos += 1;
                continue;
            }
            (b0 as char, cls)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() {
                pos += c.len_utf8();
                continue;
            }
            (c, if c.is_alphanumeric() { LETTER } else { 0 })
        };
        if cls & ALNUM == 0 {
            pos += c.len_utf8();
            let lower = if is_apos(c) {
                CompactString::const_new("'")
            } else {
                CompactString::from(c.encode_utf8(&mut [0u8; 4]) as &str)
            };
            out.push(Token { span: i..i + c.len_utf8(), kind: TokKind::Punct, lower, cap: false });
            continue;
        }
        // scan a word: alnum, inner hyphens, inner dots in numbers/abbreviations, inner apostrophes
        let mut end = i + c.len_utf8();
        let mut all_digits = cls & DIGIT != 0;
        // the classes of the word's ASCII bytes, and whether it has others
        let mut seen = cls;
        let mut ascii = b0 < 128;
        while let Some(&b) = bytes.get(end) {
            let k = CLASS[b as usize];
            if k & ALNUM != 0 {
                // the whole run of ASCII letters and digits at once
                let r = runs.run(end);
                all_digits &= r.leading_digits == r.end - end;
                if r.upper {
                    seen |= UPPER;
                }
                end = r.end;
                continue;
            }
            ascii &= b < 128;
            // an ASCII byte that can neither continue a word nor join two: the word ends
            if b < 128 && k & JOINER == 0 {
                break;
            }
            let rest = &s[end..];
            let mut chars = rest.chars();
            let Some(n) = chars.next() else { break };
            if is_word_char(n) {
                all_digits &= n.is_ascii_digit();
                end += n.len_utf8();
                continue;
            }
            let after = chars.next();
            if (n == '-' || n == '\u{2011}') && after.is_some_and(is_word_char) {
                all_digits = false;
                end += n.len_utf8();
                continue;
            }
            if (n == '.' || n == ',') && all_digits && after.is_some_and(|a| a.is_ascii_digit()) {
                end += 1;
                continue;
            }
            if is_apos(n) && after.is_some_and(is_word_char) {
                // possessive 's or n't: stop here; name-internal apostrophe: continue
                let after2 = chars.next();
                let a = after.unwrap_or(' ');
                let word_end = after2.is_none_or(|x| !is_word_char(x));
                if (a == 's' || a == 'S') && word_end {
                    break;
                }
                if (a == 't' || a == 'T') && word_end && s[i..end].to_ascii_lowercase().ends_with('n') {
                    break;
                }
                end += n.len_utf8();
                continue;
            }
            break;
        }
        let word = &s[i..end];
        let lower = lower_of(word, ascii.then_some(seen & UPPER != 0));
        // an apostrophe starts with `'` or (curly) with 0xE2
        let apos_next = bytes.get(end).is_some_and(|&b| b == b'\'' || b == 0xE2);
        if !apos_next {
            out.push(Token {
                span: i..end,
                kind: if all_digits { TokKind::Number } else { TokKind::Word },
                lower,
                cap: c.is_uppercase(),
            });
            pos = end;
            continue;
        }
        // n't
        let next_is_nt = s[end..].chars().next().is_some_and(is_apos)
            && s[end..].chars().nth(1).is_some_and(|t| t == 't' || t == 'T')
            && lower.ends_with('n');
        if next_is_nt && lower.len() > 1 {
            let cut = end - 1;
            out.push(Token {
                span: i..cut,
                kind: TokKind::Word,
                lower: CompactString::from(&lower[..lower.len() - 1]),
                cap: c.is_uppercase(),
            });
            let apos_len = s[end..].chars().next().map_or(1, char::len_utf8);
            out.push(Token {
                span: cut..end + apos_len + 1,
                kind: TokKind::Word,
                lower: CompactString::const_new("not"),
                cap: false,
            });
            pos = end + apos_len + 1;
            continue;
        }
        out.push(Token {
            span: i..end,
            kind: if all_digits { TokKind::Number } else { TokKind::Word },
            lower,
            cap: c.is_uppercase(),
        });
        pos = end;
        // possessive
        let rest = &s[end..];
        let mut rc = rest.chars();
        if let Some(a) = rc.next() {
            if is_apos(a) {
                let b = rc.next();
                let c2 = rc.next();
                let alen = a.len_utf8();
                if b.is_some_and(|b| b == 's' || b == 'S') && c2.is_none_or(|x| !is_word_char(x)) {
                    out.push(Token {
                        span: end..end + alen + 1,
                        kind: TokKind::Possessive,
                        lower: CompactString::const_new("'s"),
                        cap: false,
                    });
                    pos = end + alen + 1;
                } else if word.ends_with(['s', 'S']) && b.is_none_or(|x| !is_word_char(x)) {
                    out.push(Token {
                        span: end..end + alen,
                        kind: TokKind::Possessive,
                        lower: CompactString::const_new("'s"),
                        cap: false,
                    });
                    pos = end + alen;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The straightforward tokenizer the fast one must equal.
    fn reference(s: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(s.len() / 4 + 4);
        let bytes = s.as_bytes();
        let mut pos = 0usize;
        while pos < s.len() {
            let i = pos;
            let b0 = bytes[i];
            if b0 == b' ' {
                pos += 1;
                continue;
            }
            let c = if b0.is_ascii() { b0 as char } else { s[i..].chars().next().unwrap_or(' ') };
            pos += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            if is_word_char(c) {
                // scan a word: alnum, inner hyphens, inner dots in numbers/abbreviations, inner apostrophes
                let mut end = i + c.len_utf8();
                let mut all_digits = c.is_ascii_digit();
                loop {
                    if end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                        all_digits &= bytes[end].is_ascii_digit();
                        end += 1;
                        continue;
                    }
                    // an ASCII byte that can neither continue a word nor join two: the word ends
                    if end >= bytes.len() || bytes[end] < 128 && !matches!(bytes[end], b'-' | b'.' | b',' | b'\'') {
                        break;
                    }
                    let rest = &s[end..];
                    let mut chars = rest.chars();
                    let Some(n) = chars.next() else { break };
                    if is_word_char(n) {
                        all_digits &= n.is_ascii_digit();
                        end += n.len_utf8();
                        continue;
                    }
                    let after = chars.next();
                    if (n == '-' || n == '\u{2011}') && after.is_some_and(is_word_char) {
                        all_digits = false;
                        end += n.len_utf8();
                        continue;
                    }
                    if (n == '.' || n == ',') && all_digits && after.is_some_and(|a| a.is_ascii_digit()) {
                        end += 1;
                        continue;
                    }
                    if is_apos(n) && after.is_some_and(is_word_char) {
                        // possessive 's or n't: stop here; name-internal apostrophe: continue
                        let after2 = chars.next();
                        let a = after.unwrap();
                        let word_end = after2.is_none_or(|x| !is_word_char(x));
                        if (a == 's' || a == 'S') && word_end {
                            break;
                        }
                        if (a == 't' || a == 'T') && word_end && s[i..end].to_ascii_lowercase().ends_with('n') {
                            break;
                        }
                        end += n.len_utf8();
                        continue;
                    }
                    break;
                }
                // n't
                let word = &s[i..end];
                let mut lower = CompactString::from(word);
                if word.is_ascii() {
                    lower.make_ascii_lowercase();
                } else {
                    lower = CompactString::from(word.to_lowercase());
                }
                // an apostrophe starts with `'` or (curly) with 0xE2
                let apos_next = bytes.get(end).is_some_and(|&b| b == b'\'' || b == 0xE2);
                let next_is_nt = apos_next
                    && s[end..].chars().next().is_some_and(is_apos)
                    && s[end..].chars().nth(1).is_some_and(|t| t == 't' || t == 'T')
                    && lower.ends_with('n');
                if next_is_nt && lower.len() > 1 {
                    let cut = end - 1;
                    out.push(Token {
                        span: i..cut,
                        kind: TokKind::Word,
                        lower: CompactString::from(&lower[..lower.len() - 1]),
                        cap: c.is_uppercase(),
                    });
                    let apos_len = s[end..].chars().next().unwrap().len_utf8();
                    out.push(Token {
                        span: cut..end + apos_len + 1,
                        kind: TokKind::Word,
                        lower: CompactString::const_new("not"),
                        cap: false,
                    });
                    pos = end + apos_len + 1;
                    continue;
                }
                out.push(Token {
                    span: i..end,
                    kind: if all_digits { TokKind::Number } else { TokKind::Word },
                    lower,
                    cap: c.is_uppercase(),
                });
                pos = end;
                if !apos_next {
                    continue;
                }
                // possessive
                let rest = &s[end..];
                let mut rc = rest.chars();
                if let Some(a) = rc.next() {
                    if is_apos(a) {
                        let b = rc.next();
                        let c2 = rc.next();
                        let alen = a.len_utf8();
                        if b.is_some_and(|b| b == 's' || b == 'S') && c2.is_none_or(|x| !is_word_char(x)) {
                            out.push(Token {
                                span: end..end + alen + 1,
                                kind: TokKind::Possessive,
                                lower: CompactString::const_new("'s"),
                                cap: false,
                            });
                            pos = end + alen + 1;
                        } else if word.ends_with(['s', 'S']) && b.is_none_or(|x| !is_word_char(x)) {
                            out.push(Token {
                                span: end..end + alen,
                                kind: TokKind::Possessive,
                                lower: CompactString::const_new("'s"),
                                cap: false,
                            });
                            pos = end + alen;
                        }
                    }
                }
                continue;
            }
            let lower = if is_apos(c) {
                CompactString::const_new("'")
            } else {
                CompactString::from(c.encode_utf8(&mut [0u8; 4]) as &str)
            };
            out.push(Token { span: i..i + c.len_utf8(), kind: TokKind::Punct, lower, cap: false });
        }
        out
    }

    #[test]
    fn fast_paths_equal_the_reference() {
        let cases = [
            "Iran's support for Hamas' leaders, and Hamas’ and Hamas's; they don't, can't, won't.",
            "al-Assad, 1,200 re-establish. 3.5% 12'34 1980's U.S. a\u{2011}b x-",
            "Kata'ib Hezbollah (KH) — “quoted” ‘single’ «guillemets» tabs\tand\x0bvt\u{a0}nbsp",
            "Ñandú ÉCOLE Straße İstanbul ΑΘΗΝΑ 北京 n’t N'T isn’T JAMES' O'Neil rock'n'roll",
            "a-'b 1,2,3 1.2.3 4,a 5.x '' ' s' 's 'S x' 20's",
            "abcdefghijklmnopqrstuvwxyzABCDEFGH-long-compound-word-beyond-twenty-four",
        ];
        for c in cases {
            assert_eq!(tokenize(c), reference(c), "{c}");
        }
    }

    fn lowers(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.lower.to_string()).collect()
    }

    #[test]
    fn possessives_split_and_names_keep_apostrophes() {
        assert_eq!(lowers("Iran's support"), ["iran", "'s", "support"]);
        assert_eq!(lowers("Hamas’ leader"), ["hamas", "'s", "leader"]);
        assert_eq!(lowers("Hamas's backer"), ["hamas", "'s", "backer"]);
        assert_eq!(lowers("Kata'ib Hezbollah"), ["kata'ib", "hezbollah"]);
        assert_eq!(lowers("they don't agree"), ["they", "do", "not", "agree"]);
    }

    #[test]
    fn hyphens_numbers_and_punctuation() {
        assert_eq!(lowers("al-Assad, 1,200 re-establish."), ["al-assad", ",", "1,200", "re-establish", "."]);
        let t = tokenize("In 2015 Qatar");
        assert_eq!(t[1].kind, TokKind::Number);
        assert!(t[2].cap);
        assert_eq!(&"In 2015 Qatar"[t[2].span.clone()], "Qatar");
    }
}
