//! The normal form names are matched in: ASCII-folded (diacritics and curly quotes away),
//! lower case, every run of characters other than letters and digits turned into one space.
//! `"Al-Aqsa’s"` and `"al Aqsa s"` have the same key, `"Türkiye"` matches `"Turkiye"`.
//! Punctuation that separates phrases (commas, colons, semicolons, brackets, double quotes,
//! dashes) becomes the word `|` instead, so that no name matches across it: "the emir,
//! Tamim bin Hamad" never matches the alias "Emir Tamim".

use entente_core::ascii::{lower8, Runs};

/// A normalised string with, for each byte of it, the byte offset in the original text.
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    pub text: String,
    /// `offsets[i]` is the original byte offset of normalised byte `i`; one extra entry at
    /// the end holds the original length.
    pub offsets: Vec<u32>,
    /// The byte offset of each space of `text` (the ends of its words but the last).
    pub spaces: Vec<u32>,
}

impl Normalized {
    /// The original byte range of normalised range `a..b`.
    pub fn original(&self, a: usize, b: usize, orig: &str) -> std::ops::Range<usize> {
        let start = self.offsets[a] as usize;
        // end: the original offset after the last char of the match
        let last = self.offsets[b - 1] as usize;
        let len = orig[last..].chars().next().map_or(0, char::len_utf8);
        start..last + len
    }
}

/// The normal form of `s` with an offset map.
pub fn normalize(s: &str) -> Normalized {
    let src = s.as_bytes();
    // (room for the eight bytes a copy may write past a word's end)
    let mut text: Vec<u8> = Vec::with_capacity(s.len() + 10);
    let mut offsets: Vec<u32> = Vec::with_capacity(s.len() + 10);
    // about one word end every six bytes of news text
    let mut spaces: Vec<u32> = Vec::with_capacity(s.len() / 6 + 2);
    let mut pending_space = false;
    let mut buf = [0u8; 4];
    let mut runs = Runs::new(src);
    let mut i = 0usize;
    while i < src.len() {
        let b = src[i];
        let class = if b < 128 {
            BYTE_CLASS[b as usize]
        } else if b == 0xE2 && is_break(s, i) {
            BREAK
        } else {
            OTHER
        };
        if class == ALNUM {
            if pending_space && !text.is_empty() {
                spaces.push(text.len() as u32);
                text.push(b' ');
                offsets.push(i as u32);
            }
            pending_space = false;
            // the whole run of ASCII letters and digits at once
            let j = runs.run(i).end;
            // copied eight bytes at a time, folded to lower case as copied, with their
            // offsets; the last eight may run past the word and are cut back
            let mut k = i;
            while k < j {
                let x = src.get(k..k + 8).map_or_else(
                    || {
                        let mut w = [0u8; 8];
                        w[..src.len() - k].copy_from_slice(&src[k..]);
                        u64::from_le_bytes(w)
                    },
                    |w| u64::from_le_bytes(w.try_into().unwrap_or_default()),
                );
                text.extend_from_slice(&lower8(x).to_le_bytes());
                let o = k as u32;
                offsets.extend_from_slice(&[o, o + 1, o + 2, o + 3, o + 4, o + 5, o + 6, o + 7]);
                k += 8;
            }
            text.truncate(text.len() - (k - j));
            offsets.truncate(offsets.len() - (k - j));
            i = j;
            continue;
        }
        if class == BREAK {
            if !text.is_empty() {
                spaces.push(text.len() as u32);
                text.push(b' ');
                offsets.push(i as u32);
            }
            text.push(b'|');
            offsets.push(i as u32);
            pending_space = true;
            i += if b < 128 { 1 } else { 3 };
            continue;
        }
        if b < 128 {
            pending_space = true;
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or(' ');
        let folded: &str = if c.is_alphanumeric() { deunicode::deunicode_char(c).unwrap_or("") } else { "" };
        let mut own = [0u8; 4];
        let folded = if folded.is_empty() && c.is_alphanumeric() { &*c.encode_utf8(&mut own) } else { folded };
        let mut any = false;
        for fc in folded.chars() {
            if fc.is_alphanumeric() {
                if pending_space && !text.is_empty() {
                    spaces.push(text.len() as u32);
                    text.push(b' ');
                    offsets.push(i as u32);
                }
                pending_space = false;
                for lc in fc.to_lowercase() {
                    let enc = lc.encode_utf8(&mut buf);
                    text.extend_from_slice(enc.as_bytes());
                    for _ in 0..enc.len() {
                        offsets.push(i as u32);
                    }
                }
                any = true;
            } else {
                pending_space = true;
            }
        }
        if !any {
            pending_space = true;
        }
        i += c.len_utf8();
    }
    offsets.push(s.len() as u32);
    // only whole characters were written
    let text = String::from_utf8(text).unwrap_or_default();
    Normalized { text, offsets, spaces }
}

const OTHER: u8 = 0;
const ALNUM: u8 = 1;
const BREAK: u8 = 2;
/// Classes of bytes for [`normalize`]: every non-ASCII byte is `OTHER` here.
static BYTE_CLASS: [u8; 256] = {
    let mut t = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'"' | b'|') {
            BREAK
        } else {
            OTHER
        };
        b += 1;
    }
    t
};

/// Whether the character at byte `i` separates phrases (see the module doc).
#[inline]
fn is_break(s: &str, i: usize) -> bool {
    let b = s.as_bytes()[i];
    match b {
        b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'"' | b'|' => true,
        // “ ” – — (E2 80 9C/9D/93/94)
        0xE2 => {
            let t = &s.as_bytes()[i..];
            t.len() >= 3 && t[1] == 0x80 && matches!(t[2], 0x9C | 0x9D | 0x93 | 0x94)
        }
        _ => false,
    }
}

/// The normal form of `s` (no offsets).
pub fn key(s: &str) -> String {
    normalize(s).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_diacritics_and_punctuation() {
        assert_eq!(key("Al-Aqsa’s"), "al aqsa s");
        assert_eq!(key("Türkiye"), "turkiye");
        assert_eq!(key("  U.S. "), "u s");
        assert_eq!(key("Kata’ib Hezbollah"), "kata ib hezbollah");
        // phrase separators stay as a word of their own
        assert_eq!(key("the emir, Tamim"), "the emir | tamim");
        assert_eq!(key("Qatar—an ally (of Iran)"), "qatar | an ally | of iran |");
    }

    #[test]
    fn ascii_text_normalizes_as_byte_by_byte() {
        // words longer than eight bytes, across the 64-byte windows, and at the very end
        let long = format!("{} Hezbollah-{}, x", "Abcdefghij ".repeat(7), "Z9".repeat(40));
        for s in ["", "a", "Supreme-Leader", "  U.S. (and) Iran's envoys", long.as_str(), "end word Ninetynine"] {
            // the reference: one byte at a time
            let (mut text, mut offsets, mut pending) = (String::new(), Vec::new(), false);
            for (i, c) in s.bytes().enumerate() {
                let brk = matches!(c, b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'"' | b'|');
                if c.is_ascii_alphanumeric() || brk {
                    if (pending || brk) && !text.is_empty() {
                        text.push(' ');
                        offsets.push(i as u32);
                    }
                    text.push(if brk { '|' } else { c.to_ascii_lowercase() as char });
                    offsets.push(i as u32);
                    pending = brk;
                } else {
                    pending = true;
                }
            }
            offsets.push(s.len() as u32);
            let n = normalize(s);
            assert_eq!((n.text.as_str(), &n.offsets), (text.as_str(), &offsets), "{s}");
        }
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let s = "The Qatari emir, Tamim";
        let n = normalize(s);
        let at = n.text.find("qatari emir").unwrap();
        let r = n.original(at, at + "qatari emir".len(), s);
        assert_eq!(&s[r], "Qatari emir");
        let s2 = "Erdoğan’s visit";
        let n2 = normalize(s2);
        assert_eq!(n2.text, "erdogan s visit");
        assert_eq!(&s2[n2.original(0, 7, s2)], "Erdoğan");
    }
}
