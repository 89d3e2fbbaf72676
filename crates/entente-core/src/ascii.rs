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
    for_words64(b, |j, x| m |= gather(byte_test(x)) << (8 * j));
    m
}

/// Calls `f(j, x)` on the eight little-endian words `x` of up to 64 bytes (zero-padded):
/// a full 64 bytes are read in place, in a loop of fixed length.
#[inline(always)]
fn for_words64(b: &[u8], mut f: impl FnMut(usize, u64)) {
    let mut buf = [0u8; 64];
    let w: &[u8] = match b.get(..64) {
        Some(w) => w,
        None => {
            buf[..b.len()].copy_from_slice(b);
            &buf
        }
    };
    for j in 0..8 {
        f(j, u64::from_le_bytes(w[8 * j..8 * j + 8].try_into().unwrap_or_default()));
    }
}

/// The high bits of eight bytes gathered: byte `k`'s to bit `k`.
#[inline(always)]
fn gather(hits: u64) -> u64 {
    (hits >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Calls `f` on each maximal run of ASCII letters (`true`) and of ASCII digits (`false`)
/// of `b`, in order within each kind, until it returns `true`; returns whether it did.
pub fn ascii_runs(b: &[u8], mut f: impl FnMut(std::ops::Range<usize>, bool) -> bool) -> bool {
    each_run(b, |chunk| [letters64(chunk), digits64(chunk)], |run, kind| f(run, kind == 0))
}

/// Calls `f` on each maximal run of ASCII letters of `b`, in order.
pub fn letter_runs(b: &[u8], mut f: impl FnMut(std::ops::Range<usize>)) {
    each_run(
        b,
        |chunk| [letters64(chunk)],
        |run, _| {
            f(run);
            false
        },
    );
}

/// Calls `f(run, kind)` on each maximal run of the bytes each of the `K` masks of a chunk
/// marks (`masks` of up to 64 bytes), in order within each kind, until it returns `true`.
#[inline(always)]
fn each_run<const K: usize>(
    b: &[u8],
    masks: impl Fn(&[u8]) -> [u64; K],
    mut f: impl FnMut(std::ops::Range<usize>, usize) -> bool,
) -> bool {
    let len = b.len();
    // per kind: where its current run started, and whether the last chunk ended in one
    let (mut start, mut open) = ([0usize; K], [0u64; K]);
    let mut base = 0;
    while base < len {
        for (kind, m) in masks(&b[base..len.min(base + 64)]).into_iter().enumerate() {
            // a bit at each byte where a run starts or where the byte after one is
            let mut edges = m ^ ((m << 1) | open[kind]);
            open[kind] = m >> 63;
            while edges != 0 {
                let k = edges.trailing_zeros() as usize;
                edges &= edges - 1;
                if m >> k & 1 == 1 {
                    start[kind] = base + k;
                } else if f(start[kind]..base + k, kind) {
                    return true;
                }
            }
        }
        base += 64;
    }
    (0..K).any(|kind| open[kind] == 1 && f(start[kind]..len, kind))
}

/// Eight bytes (one little-endian word) with the ASCII upper-case letters in lower case.
#[inline(always)]
pub fn lower8(x: u64) -> u64 {
    x | upper(x) >> 2
}

/// A run of ASCII letters and digits ([`Runs::run`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    /// The byte after the run.
    pub end: usize,
    /// How many digits it starts with.
    pub leading_digits: usize,
    /// Whether it holds an upper-case letter.
    pub upper: bool,
}

/// The runs of ASCII letters and digits of a text, read off bit masks of 64-byte windows:
/// finding where a word ends takes no branch per byte.
pub struct Runs<'a> {
    b: &'a [u8],
    /// The window's first byte; bit `k` of a mask is byte `win + k`.
    win: usize,
    alnum: u64,
    digit: u64,
    upper: u64,
}

impl<'a> Runs<'a> {
    pub fn new(b: &'a [u8]) -> Runs<'a> {
        let mut r = Runs { b, win: 0, alnum: 0, digit: 0, upper: 0 };
        r.load(0);
        r
    }

    fn load(&mut self, at: usize) {
        let chunk = &self.b[at.min(self.b.len())..self.b.len().min(at + 64)];
        self.win = at;
        let (mut alnum, mut digit, mut upper_) = (0, 0, 0);
        for_words64(chunk, |j, x| {
            let d = digits(x);
            digit |= gather(d) << (8 * j);
            upper_ |= gather(upper(x)) << (8 * j);
            alnum |= gather(letters(x) | d) << (8 * j);
        });
        (self.alnum, self.digit, self.upper) = (alnum, digit, upper_);
    }

    /// The run of ASCII letters and digits from byte `i` on (empty when `b[i]` is neither).
    /// Cheapest when called at increasing positions.
    pub fn run(&mut self, i: usize) -> Run {
        let mut j = i;
        let mut lead = 0;
        let mut lead_open = true;
        let mut upper = false;
        loop {
            if j < self.win || j >= self.win + 64 {
                self.load(j);
            }
            let s = j - self.win;
            // the run's length in this window (at most 64 - s) and its bits, shifted to 0
            let n = (!(self.alnum >> s)).trailing_zeros() as usize;
            let bits = if n == 64 { u64::MAX } else { (1u64 << n) - 1 };
            upper |= (self.upper >> s) & bits != 0;
            if lead_open {
                let d = ((!(self.digit >> s)).trailing_zeros() as usize).min(n);
                lead += d;
                lead_open = d == n;
            }
            j += n;
            if j < self.win + 64 || j >= self.b.len() {
                return Run { end: j, leading_digits: lead, upper };
            }
        }
    }
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
            let mut letters = Vec::new();
            letter_runs(b, |r| letters.push((r, true)));
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
            want.retain(|(_, l)| *l);
            assert_eq!(letters, want, "{s}");
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
    fn runs_of_letters_and_digits_agree_with_a_byte_loop() {
        let long = format!("{}2012abc{}Xy-9 é7", "a".repeat(61), "9".repeat(70));
        for s in ["", "a", "Iran's 2012 5th U.S.-led Qāsem 1990s", long.as_str()] {
            let b = s.as_bytes();
            let mut runs = Runs::new(b);
            for i in 0..=b.len() {
                let end = i + b[i.min(b.len())..].iter().take_while(|c| c.is_ascii_alphanumeric()).count();
                let want = Run {
                    end,
                    leading_digits: b[i.min(end)..end].iter().take_while(|c| c.is_ascii_digit()).count(),
                    upper: b[i.min(end)..end].iter().any(u8::is_ascii_uppercase),
                };
                assert_eq!(runs.run(i), want, "{s} at {i}");
            }
            // and out of order
            if b.len() > 70 {
                assert_eq!(runs.run(3).end, 140);
            }
        }
    }

    #[test]
    fn masks_and_lower_case_agree_with_the_byte_tests() {
        let all: Vec<u8> = (0..=255u8).collect();
        for chunk in all.chunks(64) {
            for (k, &c) in chunk.iter().enumerate() {
                assert_eq!(letters64(chunk) >> k & 1 == 1, c.is_ascii_alphabetic(), "{c}");
                assert_eq!(digits64(chunk) >> k & 1 == 1, c.is_ascii_digit(), "{c}");
                assert_eq!(upper64(chunk) >> k & 1 == 1, c.is_ascii_uppercase(), "{c}");
            }
        }
        for w in all.chunks(8) {
            let x = u64::from_le_bytes(w.try_into().unwrap());
            let want: Vec<u8> = w.iter().map(u8::to_ascii_lowercase).collect();
            assert_eq!(lower8(x).to_le_bytes().to_vec(), want);
        }
    }
}
