//! Byte-parallel tests of ASCII text: which of up to 64 bytes are letters, digits or
//! upper-case letters, as one bit mask, eight bytes at a time ("SWAR"). The scanning loops of
//! the text stages use them to find runs of letters and digits without a branch per byte.

/// The high bit of each of eight bytes (one little-endian word) that is an ASCII letter:
/// with bit 5 set (lower case), it lies in `a..=z`.
#[inline(always)]
fn letters(x: u64) -> u64 {
    let y = x | 0x2020_2020_2020_2020;
    let z = y & !HIGH;
    // at least 'a', not past 'z', ASCII
    (z + 0x1f1f_1f1f_1f1f_1f1f) & !(z + 0x0505_0505_0505_0505) & !y & HIGH
}

/// The high bit of each of eight bytes that is an ASCII digit.
#[inline(always)]
fn digits(x: u64) -> u64 {
    let z = x & !HIGH;
    // at least '0', not past '9', ASCII
    (z + 0x5050_5050_5050_5050) & !(z + 0x4646_4646_4646_4646) & !x & HIGH
}

/// The high bit of each of eight bytes that is an ASCII upper-case letter.
#[inline(always)]
fn upper(x: u64) -> u64 {
    let z = x & !HIGH;
    // at least 'A', not past 'Z', ASCII
    (z + 0x3f3f_3f3f_3f3f_3f3f) & !(z + 0x2525_2525_2525_2525) & !x & HIGH
}

/// Bit `k` set when `b[k]` is an ASCII letter (`b`: at most 64 bytes).
pub fn letters64(b: &[u8]) -> u64 {
    masks64(b, letters)
}

/// Bit `k` set when `b[k]` is an ASCII digit (`b`: at most 64 bytes).
pub fn digits64(b: &[u8]) -> u64 {
    masks64(b, digits)
}

/// Bit `k` set when `b[k]` is an ASCII upper-case letter (`b`: at most 64 bytes).
pub fn upper64(b: &[u8]) -> u64 {
    masks64(b, upper)
}

/// The positions of the ASCII upper-case letters of `b`, in order (found 64 bytes at a
/// time).
pub fn upper_positions(b: &[u8]) -> impl Iterator<Item = usize> + '_ {
    b.chunks(64).enumerate().flat_map(|(j, chunk)| {
        let mut m = upper64(chunk);
        std::iter::from_fn(move || {
            (m != 0).then(|| {
                let k = m.trailing_zeros() as usize;
                m &= m - 1;
                64 * j + k
            })
        })
    })
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bit mask of up to 64 bytes whose bytes `byte_test` (of eight bytes read as one
/// little-endian word) marks with their high bit.
#[inline(always)]
fn masks64(b: &[u8], byte_test: impl Fn(u64) -> u64) -> u64 {
    let mut m = 0;
    for (j, chunk) in b.chunks(8).enumerate() {
        let x = <[u8; 8]>::try_from(chunk).unwrap_or_else(|_| {
            let mut x = [0u8; 8];
            x[..chunk.len()].copy_from_slice(chunk);
            x
        });
        let hits = byte_test(u64::from_le_bytes(x));
        // gather the eight high bits, byte `k` to bit `k`
        m |= ((hits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * j);
    }
    m
}

/// Calls `f` on each maximal run of ASCII letters (`true`) and of ASCII digits (`false`)
/// of `b`, in order within each kind, until it returns `true`; returns whether it did.
pub fn ascii_runs(b: &[u8], mut f: impl FnMut(std::ops::Range<usize>, bool) -> bool) -> bool {
    let len = b.len();
    // per kind: where its current run started, and whether the last chunk ended in one
    let (mut start, mut open) = ([0usize; 2], [0u64; 2]);
    let mut base = 0;
    while base < len {
        let chunk = &b[base..len.min(base + 64)];
        for (kind, m) in [letters64(chunk), digits64(chunk)].into_iter().enumerate() {
            // a bit at each byte where a run starts or where the byte after one is
            let mut edges = m ^ ((m << 1) | open[kind]);
            open[kind] = m >> 63;
            while edges != 0 {
                let k = edges.trailing_zeros() as usize;
                edges &= edges - 1;
                if m >> k & 1 == 1 {
                    start[kind] = base + k;
                } else if f(start[kind]..base + k, kind == 0) {
                    return true;
                }
            }
        }
        base += 64;
    }
    (0..2).any(|kind| open[kind] == 1 && f(start[kind]..len, kind == 0))
}

/// Bit `k` set when `b[k]` is an ASCII letter or digit (`b`: at most 64 bytes).
pub fn alnum64(b: &[u8]) -> u64 {
    masks64(b, |x| letters(x) | digits(x))
}

/// Eight bytes (one little-endian word) with the ASCII upper-case letters in lower case.
#[inline(always)]
pub fn lower8(x: u64) -> u64 {
    x | upper(x) >> 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_are_the_maximal_runs_of_letters_and_of_digits() {
        // across the 64-byte chunk edges too, and with non-ASCII bytes between
        let long = format!("{}Mai 2012{}x", "a".repeat(60), "9".repeat(70));
        for s in ["", "a", "7", "In June 2012, Iran's 3rd envoy (al-Qāsem) left.", "élan99z", long.as_str()] {
            let b = s.as_bytes();
            let mut got = Vec::new();
            ascii_runs(b, |r, letters| {
                got.push((r, letters));
                false
            });
            got.sort_by_key(|(r, _)| r.start);
            let mut want = Vec::new();
            let mut i = 0;
            while i < b.len() {
                let kind =
                    |c: u8| if c.is_ascii_alphabetic() { Some(true) } else { c.is_ascii_digit().then_some(false) };
                match kind(b[i]) {
                    Some(k) => {
                        let st = i;
                        while i < b.len() && kind(b[i]) == Some(k) {
                            i += 1;
                        }
                        want.push((st..i, k));
                    }
                    None => i += 1,
                }
            }
            assert_eq!(got, want, "{s}");
        }
        let s = format!("{}Iran’s É Z@[ {}Q", "x".repeat(62), "a".repeat(64));
        let want: Vec<usize> = s.bytes().enumerate().filter(|(_, c)| c.is_ascii_uppercase()).map(|(i, _)| i).collect();
        assert_eq!(upper_positions(s.as_bytes()).collect::<Vec<_>>(), want);
        // it stops at the first run `f` accepts
        let mut seen = 0;
        assert!(ascii_runs(b"ab 12 cd", |_, _| {
            seen += 1;
            true
        }));
        assert_eq!(seen, 1);
    }

    #[test]
    fn masks_and_lower_case_agree_with_the_byte_tests() {
        let all: Vec<u8> = (0..=255u8).collect();
        for chunk in all.chunks(64) {
            for (k, &c) in chunk.iter().enumerate() {
                assert_eq!(letters64(chunk) >> k & 1 == 1, c.is_ascii_alphabetic(), "{c}");
                assert_eq!(digits64(chunk) >> k & 1 == 1, c.is_ascii_digit(), "{c}");
                assert_eq!(upper64(chunk) >> k & 1 == 1, c.is_ascii_uppercase(), "{c}");
                assert_eq!(alnum64(chunk) >> k & 1 == 1, c.is_ascii_alphanumeric(), "{c}");
            }
        }
        for w in all.chunks(8) {
            let x = u64::from_le_bytes(w.try_into().unwrap());
            let want: Vec<u8> = w.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lower8(x).to_le_bytes().to_vec(), want);
        }
    }
}
