//! Publication date inferred from content, for pages that state none.
//!
//! The page cannot be older than what it reports: the latest absolute date it mentions, the
//! start of the office of anyone it names with a title ("President X"), a swearing-in it
//! reports, or a dated regional episode it names (`data/calendar.toml`). Nor can it be newer
//! than the end of those offices (unless a later dated mention shows that office was named
//! in a historical passage). News reports recent events, so the estimate is the
//! earliest month consistent with all that, moved forward to just before an annual feast
//! the page speaks of ("after Nowruz"). The result has month precision.

use entente_core::PDate;
use entente_kb::{norm, resolve, DocContext, Kb};
use entente_text::temporal;
use serde::Deserialize;

use crate::pipeline::Sentence;

pub const CALENDAR: &str = include_str!("../data/calendar.toml");

#[derive(Clone, Debug, Deserialize)]
pub struct Episode {
    pub date: PDate,
    pub actors: Vec<String>,
    pub cues: Vec<String>,
    #[serde(default)]
    pub note: String,
    /// `cues` in normal form, with a leading space (filled at load).
    #[serde(skip)]
    cue_keys: Vec<String>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Annual {
    pub names: Vec<String>,
    pub month: u8,
    pub day: u8,
    #[serde(skip)]
    name_keys: Vec<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Calendar {
    #[serde(default)]
    pub episode: Vec<Episode>,
    #[serde(default)]
    pub annual: Vec<Annual>,
    /// Words that report the start of a term of office ("sworn in", "inauguration").
    #[serde(default)]
    pub swearing_in: Vec<String>,
    #[serde(skip)]
    swearing_in_keys: Vec<String>,
    /// Every feast name (normal form, padded with spaces) -> its `annual` index.
    #[serde(skip)]
    feast_names: Option<(aho_corasick::AhoCorasick, Vec<usize>)>,
    /// The same names, leftmost-first: only to tell fast whether a text holds any (a
    /// leftmost automaton can use a vectorised prefilter, a standard one cannot).
    #[serde(skip)]
    feast_any: Option<aho_corasick::AhoCorasick>,
}

impl Calendar {
    pub fn embedded() -> Result<Calendar, String> {
        Calendar::parse(CALENDAR)
    }

    pub fn parse(s: &str) -> Result<Calendar, String> {
        let mut c: Calendar = toml::from_str(s).map_err(|e| e.to_string())?;
        for e in &mut c.episode {
            e.cue_keys = e.cues.iter().map(|x| format!(" {}", norm::key(x))).collect();
        }
        for a in &mut c.annual {
            a.name_keys = a.names.iter().map(|x| format!("{} ", norm::key(x))).collect();
        }
        c.swearing_in_keys = c.swearing_in.iter().map(|x| format!(" {}", norm::key(x))).collect();
        let (mut pats, mut idx) = (Vec::new(), Vec::new());
        for (i, a) in c.annual.iter().enumerate() {
            for k in &a.name_keys {
                pats.push(k.clone());
                idx.push(i);
            }
        }
        let ac = aho_corasick::AhoCorasick::new(&pats).map_err(|e| e.to_string())?;
        c.feast_names = Some((ac, idx));
        c.feast_any = Some(
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&pats)
                .map_err(|e| e.to_string())?,
        );
        Ok(c)
    }
}

impl Calendar {
    /// Each episode's actors as indices in `kb`; `None` for an episode with an actor the
    /// knowledge base lacks (it is never named).
    pub fn episode_actors(&self, kb: &Kb) -> Vec<Option<Vec<entente_kb::ActorIdx>>> {
        self.episode.iter().map(|ep| ep.actors.iter().map(|id| kb.id(id)).collect()).collect()
    }
}

/// An inferred date and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Inferred {
    pub date: PDate,
    pub reasoning: String,
}

/// Infers the publication month of a page from its sentences. `ep_actors`: the calendar's
/// [`Calendar::episode_actors`] in `kb`.
/// `resolved` receives each sentence's mentions as resolved without a date; `lexed` holds one
/// cell per sentence for the time tagger's reading of it, filled here where needed.
pub fn infer(
    kb: &Kb,
    cal: &Calendar,
    ep_actors: &[Option<Vec<entente_kb::ActorIdx>>],
    sentences: &[Sentence],
    scans: &[resolve::Scan],
    lexed: &[std::cell::OnceCell<temporal::Lexed>],
    resolved: &mut Vec<Vec<entente_kb::Mention>>,
) -> Option<Inferred> {
    let mut lower: Option<(PDate, String)> = None;
    let mut upper: Option<(PDate, String)> = None;
    let mut feast: Option<&Annual> = None;
    // the reason is only written when the bound moves
    let bump = |lower: &mut Option<(PDate, String)>, d: PDate, why: &dyn Fn() -> String| {
        if lower.as_ref().is_none_or(|(l, _)| d.first_day() > l.first_day()) {
            *lower = Some((d, why()));
        }
    };
    let mut ctx = DocContext::new(None);
    // actor -> the role definition of each of its roles, looked up once per page
    let mut role_defs: rustc_hash::FxHashMap<entente_kb::ActorIdx, Vec<Option<usize>>> = Default::default();
    // the sentences that hold a digit (the only ones whose dates can move a bound)
    let mut digits: Vec<bool> = Vec::with_capacity(sentences.len());
    // the words before a titled name (reused)
    let mut bk = String::new();
    // each sentence as the tagger reads it, read at most once
    let lexed_at = |i: usize, s: &Sentence, year: bool| {
        lexed[i].get_or_init(|| if year { temporal::Lexed::with_year(&s.text) } else { temporal::Lexed::new(&s.text) })
    };
    for (si, (s, sc)) in sentences.iter().zip(scans).enumerate() {
        // the first four bytes of its words (read at the first phrase looked for): most
        // phrases are passed over unsearched
        let starts_cell = std::cell::OnceCell::new();
        // whether the normal form holds a phrase (given with a leading space) at a word start
        let holds = |c: &str| {
            let text = sc.normalized();
            starts_cell.get_or_init(|| WordStarts::of_scan(sc)).may_start(&c.as_bytes()[1..])
                && (text.starts_with(&c[1..]) || text.contains(c))
        };
        // whether it reports a swearing-in, read at most once
        let sworn_cell = std::cell::OnceCell::new();
        let sworn = || *sworn_cell.get_or_init(|| cal.swearing_in_keys.iter().any(|c| holds(c)));
        // without an anchor only absolute dates come back, and those need a year's four
        // digits (1900-2099)
        let digit = has_digit(s.text.as_bytes());
        digits.push(digit);
        let times = if digit && temporal::holds_year(s.text.as_bytes()) {
            temporal::tag_lexed(&s.text, lexed_at(si, s, true), None, None)
        } else {
            Vec::new()
        };
        for t in times {
            if let Some(start) = t.value.start() {
                if start.year >= 1900 {
                    bump(&mut lower, start, &|| format!("mentions {}", &s.text[t.span.clone()]));
                }
            }
        }
        let mentions = resolve::resolve_scan(kb, &s.text, sc, &mut ctx);
        for m in &mentions {
            if !kb.is_person(m.actor) {
                continue;
            }
            let actor = &kb.actors[m.actor];
            if actor.roles.is_empty() {
                continue;
            }
            let defs = role_defs
                .entry(m.actor)
                .or_insert_with(|| actor.roles.iter().map(|r| kb.role_index(&r.title)).collect());
            if defs.iter().all(Option::is_none) {
                continue;
            }
            // the words before the name and the name, in normal form and padded
            let cut = s.text.floor_char_boundary(m.span.start.saturating_sub(48));
            bk.clear();
            bk.push(' ');
            bk.push_str(sc.normalized_between(cut, m.span.end));
            bk.push(' ');
            // one pass over its words (a substring search each costs more on short text)
            if bk.split(' ').any(|w| matches!(w, "former" | "late" | "ex")) {
                continue;
            }
            // (most title phrases start no word there: those are passed over unsearched)
            let starts = WordStarts::of(&bk);
            let titled: Vec<&entente_kb::Role> = actor
                .roles
                .iter()
                .zip(defs.iter())
                .filter(|(_, d)| {
                    d.is_some_and(|d| {
                        kb.role_phrase_keys[d]
                            .iter()
                            .any(|p| p.len() > 2 && starts.may_start(p.as_bytes()) && contains_words(&bk, p))
                    })
                })
                .map(|(r, _)| r)
                .collect();
            if titled.is_empty() {
                continue;
            }
            let from = titled.iter().filter_map(|r| r.from).min();
            let to =
                if titled.iter().any(|r| r.to.is_none()) { None } else { titled.iter().filter_map(|r| r.to).max() };
            if let Some(f) = from {
                bump(&mut lower, f, &|| format!("{} in office from {f}", actor.name));
            }
            if let Some(t) = to {
                if upper.as_ref().is_none_or(|(u, _)| t < *u) {
                    upper = Some((t, format!("{} in office until {t}", actor.name)));
                }
            }
            if sworn() {
                // the latest term start consistent with the bounds so far
                let cap = upper.as_ref().map(|(u, _)| *u);
                if let Some(f) = titled.iter().filter_map(|r| r.from).filter(|f| cap.is_none_or(|u| *f <= u)).max() {
                    bump(&mut lower, f, &|| format!("reports the swearing-in of {} ({f})", actor.name));
                }
            }
        }
        for (ep, actors) in cal.episode.iter().zip(ep_actors) {
            if actors.as_ref().is_some_and(|xs| xs.iter().all(|&a| mentions.iter().any(|m| m.actor == a)))
                && ep.cue_keys.iter().any(|c| holds(c))
            {
                bump(&mut lower, ep.date, &|| format!("mentions {} ({})", ep.note, ep.date));
            }
        }
        if let Some((ac, idx)) = &cal.feast_names {
            // feast names are padded with spaces; the normal form has a trailing one
            let text = sc.normalized();
            // no feast name anywhere (whatever the match semantics): no hit either
            let starts = starts_cell.get_or_init(|| WordStarts::of_scan(sc));
            let any = cal.annual.iter().any(|a| a.name_keys.iter().any(|k| starts.may_start(k.as_bytes())))
                && cal.feast_any.as_ref().is_none_or(|any| any.is_match(text));
            let hit = if any {
                ac.find_iter(text).find(|m| m.start() == 0 || text.as_bytes()[m.start() - 1] == b' ')
            } else {
                None
            };
            if let Some(m) = hit {
                feast = Some(&cal.annual[idx[m.pattern().as_usize()]]);
            }
        }
        resolved.push(mentions);
    }
    // dates without a year ("on May 19") fall in the year the page is from: read them
    // against the end of the lower bound's year, and let a later one raise the bound
    if let Some((l, _)) = lower.clone() {
        let year_end = PDate::day(l.year, 12, 31);
        for (si, (s, _)) in sentences.iter().zip(&digits).enumerate().filter(|(_, (_, &d))| d) {
            // what counts below names a month
            if !names_month(s.text.as_bytes()) {
                continue;
            }
            for t in temporal::tag_lexed(&s.text, lexed_at(si, s, false), Some(year_end), None) {
                let named_month = s.text[t.span.clone()]
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|w| entente_core::calendar::month_of(w).is_some());
                if t.future || t.kind != temporal::TimeKind::Relative || !named_month {
                    continue;
                }
                if let entente_core::When::Point(d) = t.value {
                    if d.year == l.year && d.month.is_some() && d.first_day() > l.first_day() {
                        bump(&mut lower, d, &|| format!("mentions {} ({d})", &s.text[t.span.clone()]));
                    }
                }
            }
        }
    }
    let (lower_date, _) = lower.clone()?;
    let (mut est, mut why) = lower?;
    if let Some(a) = feast {
        let d = est.first_day();
        let mut year = d.year();
        let mut f = jiff::civil::Date::new(year, a.month as i8, a.day as i8).ok()?;
        if f < d {
            year += 1;
            f = jiff::civil::Date::new(year, a.month as i8, a.day as i8).ok()?;
        }
        let before = f.checked_sub(jiff::Span::new().days(14)).ok()?;
        if before > d {
            est = PDate::from_civil(before);
            why = format!("{why}; refers to a feast on {f}");
        }
    }
    if let Some((u, uwhy)) = &upper {
        // an office that ended before the latest dated mention was named in a historical
        // passage: the lower bound is the stronger evidence, so the cap never goes below it
        if est.first_day() > u.last_day() && u.first_day() >= lower_date.first_day() {
            est = *u;
            why = format!("{why}; capped: {uwhy}");
        }
    }
    Some(Inferred { date: est.truncate(entente_core::Precision::Month), reasoning: why })
}

/// The first four bytes at each word start of a normal form, hashed into a set of 1024
/// bits: a phrase of four bytes or more that starts a word there has its first four
/// bytes' bit set (a set bit only says "look").
struct WordStarts([u64; 16]);

impl WordStarts {
    fn of(text: &str) -> WordStarts {
        WordStarts::at(text, std::iter::once(0).chain(memchr::memchr_iter(b' ', text.as_bytes()).map(|p| p + 1)))
    }

    /// The set of a scanned sentence's normal form, from the word starts its scan recorded.
    fn of_scan(sc: &resolve::Scan) -> WordStarts {
        WordStarts::at(sc.normalized(), sc.word_starts())
    }

    /// The set of `text` with its words starting at `starts`.
    fn at(text: &str, starts: impl Iterator<Item = usize>) -> WordStarts {
        let b = text.as_bytes();
        let mut set = [0u64; 16];
        for i in starts {
            if let Some(k) = b.get(i..i + 4).map(WordStarts::slot) {
                set[k >> 6] |= 1 << (k & 63);
            }
        }
        WordStarts(set)
    }

    fn slot(four: &[u8]) -> usize {
        let x = u32::from_le_bytes([four[0], four[1], four[2], four[3]]);
        (x.wrapping_mul(0x9E37_79B1) >> 22) as usize
    }

    /// Whether a word may start with `phrase` (always, for a phrase under four bytes).
    fn may_start(&self, phrase: &[u8]) -> bool {
        let Some(k) = phrase.get(..4).map(WordStarts::slot) else { return true };
        self.0[k >> 6] >> (k & 63) & 1 != 0
    }
}

/// Whether the bytes hold an ASCII digit (a branch-free scan of each chunk).
fn has_digit(b: &[u8]) -> bool {
    b.chunks(32).any(|c| c.iter().fold(false, |a, &x| a | (x.wrapping_sub(b'0') < 10)))
}

/// Whether a word of the bytes (a run of ASCII letters) is a month name or abbreviation.
fn names_month(b: &[u8]) -> bool {
    entente_core::ascii::ascii_runs(b, |run, letters| {
        let w = &b[run];
        // "may" .. "september": three to nine letters, a month's first letter
        letters
            && (3..=9).contains(&w.len())
            && matches!(w[0] | 0x20, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
            && std::str::from_utf8(w).is_ok_and(|w| entente_core::calendar::month_of(w).is_some())
    })
}

/// Whether `hay` (a normal form padded with spaces) contains the words of `needle`.
fn contains_words(hay: &str, needle: &str) -> bool {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return hay
            .match_indices(needle)
            .any(|(i, _)| h.get(i.wrapping_sub(1)) == Some(&b' ') && h.get(i + needle.len()) == Some(&b' '));
    };
    // the occurrences `match_indices` gives: leftmost first, none overlapping
    let mut from = 0;
    while let Some(p) = h[from..].iter().position(|&b| b == first) {
        let i = from + p;
        if h[i..].starts_with(n) {
            if h.get(i.wrapping_sub(1)) == Some(&b' ') && h.get(i + n.len()) == Some(&b' ') {
                return true;
            }
            from = i + n.len();
        } else {
            from = i + 1;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{contains_words, has_digit, names_month, WordStarts};

    #[test]
    fn word_starts_never_hide_a_phrase_at_a_word_start() {
        let text = "the president was sworn in after his inauguration in tehran ";
        let s = WordStarts::of(text);
        for phrase in ["sworn in", "inauguration", "the president", "tehran", "in", "after his"] {
            assert!(s.may_start(phrase.as_bytes()), "{phrase}");
        }
        // a phrase starting inside a word, or absent, is mostly passed over
        let passed = ["worn", "auguration", "swearing in", "took the oath", "toppl", "ousted"]
            .iter()
            .filter(|p| s.may_start(p.as_bytes()))
            .count();
        assert!(passed <= 1, "{passed}");
    }

    #[test]
    fn month_names_are_found_as_words() {
        assert!(names_month("on May 19".as_bytes()));
        assert!(names_month("Sept. 4".as_bytes()));
        assert!(names_month("3 Dec".as_bytes()));
        assert!(names_month("in early SEPTEMBER".as_bytes()));
        assert!(!names_month("Mayor Smith said 25 people died".as_bytes()));
        assert!(!names_month("Qāsem 2012".as_bytes()));
    }

    #[test]
    fn digit_scans() {
        assert!(has_digit(b"killed 25 people"));
        assert!(!has_digit("no digits at all in this rather long sentence of more than forty bytes".as_bytes()));
        assert!(has_digit("a long sentence of more than thirty-two bytes ending in 7".as_bytes()));
    }

    #[test]
    fn role_phrases_match_whole_words_only() {
        assert!(contains_words(" the iranian president said ", "president"));
        assert!(contains_words(" the vice presidents and the president ", "president"));
        assert!(!contains_words(" the vice presidents said ", "president"));
        assert!(contains_words(" prime minister ", "prime minister"));
        assert!(!contains_words(" primeminister ", "prime minister"));
        // the occurrences read are those `match_indices` gives, none overlapping
        assert!(!contains_words(" yx x x ", "x x"));
    }
}
