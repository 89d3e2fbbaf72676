//! Time expressions: find them in an English news sentence and normalise them against the
//! article's publication date (the *anchor*, known to the day, the month, the year, or not
//! at all).
//!
//! [`tag`] is a small hand-written grammar over word tokens. It runs on every sentence of
//! every article, so it first makes one cheap pass over the bytes looking for a *head*
//! (a month or weekday name, a season, `yesterday`/`today`/`tomorrow`/`tonight`, `night`,
//! `morning`..., a unit such as `week`/`month`/`year`, or a four-digit number 1900-2099)
//! and returns at once, without allocating, when there is none.
//!
//! # Output
//!
//! Each [`TimeExpr`] has a byte span, a [`When`], the rule that matched, a [`TimeKind`] and a
//! `future` flag. Values follow the precision of the text: a full date is a day, "in June"
//! is a month, "in 2012" a year, "summer 2013" a range of months, "last week" a range of
//! days.
//!
//! # Conventions
//!
//! *Absolute vs relative.* [`TimeKind::Absolute`] means the text alone fixes the value
//! (it states the year). Everything that needs the anchor ("in June", "Nov. 27", "on
//! Wednesday", "last year") is [`TimeKind::Relative`]. Without an anchor, relative
//! expressions are not returned. When the anchor is too coarse for the expression
//! ("yesterday" against a month-precision anchor), the value is the anchor itself at its
//! own precision.
//!
//! *Years.* Four digits 1900-2099, not part of a larger number (`2,015`, `$2015`, `2015%`),
//! and in a date context: a preposition or determiner before it (`in`, `since`, `of`,
//! `the`, `by`, `early`...), a month or season before it, the word `year` before it, a
//! dash range, or sentence-initial followed by a comma or `was`/`saw`. A year followed by
//! a counting noun ("2000 people", "of 2000 troops") is a number, not a year. "Qassam 400"
//! and "the 34th anniversary" are never dates.
//!
//! *Decades.* "the 1990s" -> `1990/1999`; "the late 1990s" -> `1997/1999`, "the early
//! 2000s" -> `2000/2003`, "the mid-1990s" -> `1993/1996`.
//!
//! *Month and day without a year* ("Nov. 27", "14th December", "Sunday, November 28th"):
//! the year among anchor-1, anchor, anchor+1 that puts the date nearest the anchor, where
//! a date after the anchor counts double (news mostly reports the past) unless a future
//! cue precedes it (see below), in which case a past date counts four times.
//!
//! *Bare month* ("in June", "during March"): the most recent such month not after the
//! anchor month (same year if month <= anchor month, else the year before). With a future
//! cue: the first such month not before the anchor month. "last June": the most recent
//! June strictly before the anchor month; "next June": the first strictly after; "this
//! June": the anchor year's. A bare month needs a context word before it (`in`, `since`,
//! `last`, `of`, ...; not `the`: "the March for Return"), and "May" not after `and`, `to`
//! or `by` ("Theresa May", "signed by May"); month names must be capitalised.
//!
//! *Weekdays* ("on Wednesday"): the most recent such weekday on or before the anchor day;
//! with a future cue, the first on or after it. "last Wednesday": strictly before; "next
//! Wednesday": strictly after; "this Wednesday": the one in the anchor's Monday-Sunday
//! week. With a month (year) anchor: the anchor month (year). "Good Friday", "Bloody
//! Sunday" and "the Sunday Times" are not weekdays.
//!
//! *Seasons* are meteorological, northern hemisphere: spring `03-05`, summer `06-08`,
//! autumn/fall `09-11`; "winter 2013" is `2012-12/2013-02` (the winter whose January is
//! in 2013). A bare season ("in the spring") is the most recent one that has begun by the
//! anchor month (with a future cue: the current or next one); "last summer" the most
//! recent one that ended before the anchor month; "next summer" the first that starts
//! after it; "this summer" the anchor year's ("this winter": the one ending in the anchor
//! year, or the coming one from September on). "Arab Spring" and "the fall of Mosul" are
//! not seasons.
//!
//! *Parts.* Of a year: early `01-04`, mid `05-08`, late `09-12`, the beginning/start of
//! `01-03`, the end of `10-12`, the first half `01-06`, the second half `07-12`, the
//! n-th quarter its three months. Of a month: early/beginning `01-10`, mid `11-20`,
//! late/end `21-last`, halves `01-15`/`16-last`. Of a decade: early `+0..+3`, mid
//! `+3..+6`, late/end `+7..+9`, beginning `+0..+2`, halves `+0..+4`/`+5..+9`. Parts
//! compose with relative periods ("late last year", "early next year", "the end of the
//! year" = the anchor year's end). "earlier this year" is January to the anchor month;
//! "later this year" the anchor month to December (future); likewise for "this month"
//! (days) and "this week".
//!
//! *Relative periods.* Weeks are Monday-Sunday. "last week": the Monday-Sunday week before
//! the anchor's week (anchor Thursday 2014-03-20 -> `2014-03-10/2014-03-16`); "this week":
//! the anchor's week; "next week": the one after (future). "last weekend": the Saturday and
//! Sunday before the anchor day (strictly); "over the weekend": the most recent weekend on
//! or before the anchor day. "last/this/next month" and "last/this/next year" are months
//! and years; "the coming year"/"in the coming year" is the anchor year + 1 (future).
//! "yesterday"/"last night" = anchor-1 day, "today"/"tonight"/"this morning" = the anchor
//! day, "tomorrow" = anchor+1 (future). "N days ago" is a day; "N weeks ago" the
//! Monday-Sunday week containing anchor-7N days; "N months ago" a month; "N years ago" a
//! year. "the past N days/weeks/months/years" ("over the past year", "the last two
//! years") is a range from anchor-N units to the anchor (kind [`TimeKind::Range`], rule
//! `past_n`). "recently", "in recent years", "for years", "over the years" and durations
//! ("two-year hiatus") yield nothing.
//!
//! *Relative to another expression* ("a day after", "two days later", "the next day",
//! "the previous week"): kind Relative, rule `day_after`/`day_before` (day units) or
//! `period_after`/`period_before`. The value is the nearest preceding point expression of
//! the same sentence shifted by the amount, else the anchor itself (point), else nothing.
//!
//! *Open and closed ranges.* "since X": kind [`TimeKind::Since`], `start(X)/anchor` when
//! the anchor is known and not before X, else `start(X)/..` ("since summer 2013" with
//! anchor 2014-03 -> `2013-06/2014-03`). "after X" (also "post-X"): `next(X)/..` (kind
//! Since, not closed). "until/till/through/by X": `../end(X)` (kind Until). "before X"
//! ("prior to X", "pre-X"): `../previous(X)` at X's precision ("before 2011" -> `../2010`).
//! After since/before/after, "the 1979 revolution" stands for its year, which the range
//! then includes ("after the 2006 war" -> `2006/..`).
//! "between X and Y", "from X to/until/through Y", "2011-2013", "2011-13", "March 25-27,
//! 2014": `start(X)/end(Y)` (kind Range); a month or day without a year in X takes its
//! year from Y ("between March and June 2014" -> `2014-03/2014-06`).
//!
//! *Future.* `future` is true when the expression points forward ("next month", "in the
//! coming year", "tomorrow", "later this year") or when a future cue resolved an
//! underspecified expression to a date after the anchor. A future cue is `will`, `shall`,
//! `'ll`, `won't`, `scheduled`, `upcoming`, `expected`, `plans`/`planned`/`planning`,
//! `intends` or `slated` within the 12 tokens before the expression with no reporting verb
//! (`said`, `told`, `announced`...) or sentence punctuation in between; for an expression
//! at the start of the sentence, also within the 8 tokens after it.
//!
//! *Not handled:* clock times, centuries, holidays (Ramadan, Eid, Nowruz), fiscal years,
//! week numbers, numeric day/month dates (`25/03/2014`), vague counts ("a few days ago").

use std::ops::Range;

use entente_core::{PDate, When};

use serde::{Deserialize, Serialize};

/// What kind of time expression this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeKind {
    /// Fixed by the text alone: "March 25, 2014", "in 2012", "the 1990s".
    Absolute,
    /// Needs the anchor (or another expression): "in June", "last week", "on Wednesday".
    Relative,
    /// Start of an open range: "since 2011", "after 2015".
    Since,
    /// End of an open range: "until 2017", "before 2011", "by the end of 2012".
    Until,
    /// A closed range: "between 2011 and 2013", "the past two years".
    Range,
    /// A duration without a date ("for years"). Not emitted at present: [`TimeExpr`]
    /// always carries a date.
    Duration,
}

/// A time expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeExpr {
    /// Byte span in the sentence.
    pub span: Range<usize>,
    /// Its value, normalised against the anchor.
    pub value: When,
    /// The rule that produced it (for `explain`).
    pub rule: &'static str,
    /// What kind of expression it is.
    pub kind: TimeKind,
    /// Whether the expression points after the anchor ("next month", "tomorrow", "will
    /// meet on Friday").
    pub future: bool,
}

/// Finds the time expressions of `sentence` and normalises them against `anchor` (the
/// publication date, at whatever precision it is known). See the module docs for the
/// conventions.
pub fn tag(sentence: &str, anchor: Option<PDate>) -> Vec<TimeExpr> {
    tag_in_context(sentence, anchor, None)
}

/// [`tag`] for a sentence of a longer text: an expression relative to another one ("a day
/// after", "two days later") with no point expression before it in the sentence counts from
/// `reference`, the last point in time the preceding sentences named, before falling back
/// on the anchor.
pub fn tag_in_context(sentence: &str, anchor: Option<PDate>, reference: Option<PDate>) -> Vec<TimeExpr> {
    tag_lexed(sentence, &Lexed::new(sentence), anchor, reference)
}

/// A sentence as the tagger reads it, before any anchor: a sentence tagged against several
/// anchors (publication-date inference, then extraction) is read once.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    /// The tokens; none when the sentence holds no word that can head a time expression.
    toks: Option<Vec<Tok>>,
}

impl Lexed {
    pub fn new(sentence: &str) -> Lexed {
        Lexed { toks: precheck(sentence).then(|| lex(sentence)) }
    }

    /// [`Lexed::new`] for a sentence known to hold a four-digit year 1900-2099 (a run of
    /// exactly four ASCII digits), which always passes the cheap check.
    pub fn with_year(sentence: &str) -> Lexed {
        debug_assert!(precheck(sentence));
        Lexed { toks: Some(lex(sentence)) }
    }
}

/// [`tag_in_context`] of a sentence read with [`Lexed::new`].
pub fn tag_lexed(sentence: &str, lexed: &Lexed, anchor: Option<PDate>, reference: Option<PDate>) -> Vec<TimeExpr> {
    let Some(toks) = &lexed.toks else {
        return Vec::new();
    };
    let p = Parser { src: sentence.as_bytes(), t: toks, a: Anchor::new(anchor) };
    let mut out: Vec<TimeExpr> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !may_start(toks[i].t) {
            i += 1;
            continue;
        }
        let Some(x) = p.construct(i).or_else(|| p.atom(i, false)) else {
            i += 1;
            continue;
        };
        let value = match x.shift {
            None => Some(x.when),
            Some((n, u)) => {
                let in_sentence = out.iter().rev().find_map(|e| match e.value {
                    When::Point(d) => Some(d),
                    _ => None,
                });
                match in_sentence.or(reference) {
                    Some(r) => Some(shift(r, n, u)),
                    None => anchor.map(When::Point),
                }
            }
        };
        if let Some(value) = value {
            out.push(TimeExpr {
                span: toks[x.s].s as usize..toks[x.e - 1].e as usize,
                value,
                rule: x.rule,
                kind: x.kind,
                future: x.future,
            });
        }
        i = x.e;
    }
    out
}

/// Whether an expression may start at a token of this kind: the tokens
/// [`Parser::construct`] or [`Parser::atom`] look further at.
fn may_start(t: T) -> bool {
    use W::*;
    match t {
        T::Num | T::Ord | T::Decade => true,
        T::Word(w) => matches!(
            w,
            // Parser::construct
            Since | Until | Through | By | Before | Prior | Pre | After | Post | Between | From
            // Parser::atom
            | Month(_) | MonAbbr(_) | Weekday(_) | Season(_) | Fall | The | Last | Past | Previous | This
            | Next | Coming | Early | Late | Mid | Earlier | Later | End | Beginning | Middle | Yesterday
            | Today | Tomorrow | Tonight | Count(_) | A
        ),
        T::Punct(_) | T::Other => false,
    }
}

// ---------------------------------------------------------------------------------------
// Lexicon

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum U {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum W {
    /// Not a word token (number, punctuation, end of sentence).
    Nil,
    /// Any other word.
    X,
    Month(u8),
    MonAbbr(u8),
    /// 0 = Monday .. 6 = Sunday.
    Weekday(u8),
    /// 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    Fall,
    Yesterday,
    Today,
    Tomorrow,
    Tonight,
    Night,
    DayPart,
    Unit(U, bool),
    Count(u8),
    A,
    Last,
    Next,
    This,
    Past,
    Coming,
    Previous,
    Following,
    Early,
    Late,
    Mid,
    Earlier,
    Later,
    End,
    Beginning,
    Middle,
    Half,
    Quarter,
    Ordn(u8),
    In,
    On,
    At,
    Since,
    Until,
    Through,
    By,
    Before,
    After,
    From,
    To,
    Between,
    And,
    Of,
    During,
    Over,
    The,
    Throughout,
    Around,
    Pre,
    Post,
    Prior,
    Ago,
    Cue,
    Won,
    Blocker,
    Det,
    CountNoun,
    Was,
    HolidayAdj,
}

fn classify(w: &[u8]) -> W {
    use W::*;
    let Some(&first) = w.first() else { return X };
    // grouped by first letter so that a word is compared with a handful of entries
    match first {
        b'a' => match w {
            b"april" => Month(4),
            b"august" => Month(8),
            b"apr" => MonAbbr(4),
            b"aug" => MonAbbr(8),
            b"autumn" => Season(2),
            b"afternoon" => DayPart,
            b"a" | b"an" => A,
            b"at" => At,
            b"after" => After,
            b"and" => And,
            b"around" => Around,
            b"ago" => Ago,
            b"announced" | b"added" | b"according" => Blocker,
            b"attacks" => CountNoun,
            b"ash" => HolidayAdj,
            _ => X,
        },
        b'b' => match w {
            b"beginning" => Beginning,
            b"by" => By,
            b"before" => Before,
            b"between" => Between,
            b"buildings" | b"barrels" => CountNoun,
            b"bloody" | b"black" => HolidayAdj,
            _ => X,
        },
        b'c' => match w {
            b"coming" => Coming,
            b"circa" => Around,
            b"confirmed" | b"claimed" => Blocker,
            b"children" | b"civilians" | b"casualties" | b"cases" => CountNoun,
            b"cyber" => HolidayAdj,
            _ => X,
        },
        b'd' => match w {
            b"december" => Month(12),
            b"dec" => MonAbbr(12),
            b"day" => Unit(U::Day, false),
            b"days" => Unit(U::Day, true),
            b"decade" => Unit(U::Decade, false),
            b"decades" => Unit(U::Decade, true),
            b"during" => During,
            b"declared" => Blocker,
            b"dollars" | b"detainees" | b"deaths" | b"demonstrators" | b"drones" | b"dead" => CountNoun,
            _ => X,
        },
        b'e' => match w {
            b"evening" => DayPart,
            b"eight" => Count(8),
            b"eleven" => Count(11),
            b"early" => Early,
            b"earlier" => Earlier,
            b"end" => End,
            b"expected" => Cue,
            b"explained" => Blocker,
            b"euros" | b"employees" => CountNoun,
            b"easter" => HolidayAdj,
            _ => X,
        },
        b'f' => match w {
            b"february" => Month(2),
            b"feb" => MonAbbr(2),
            b"friday" => Weekday(4),
            b"fall" => Fall,
            b"four" => Count(4),
            b"five" => Count(5),
            b"fifteen" => Count(15),
            b"forty" => Count(40),
            b"fifty" => Count(50),
            b"following" => Following,
            b"first" => Ordn(1),
            b"fourth" => Ordn(4),
            b"from" => From,
            b"free" => Det,
            b"fighters" | b"families" => CountNoun,
            _ => X,
        },
        b'g' => match w {
            b"good" => Det,
            _ => X,
        },
        b'h' => match w {
            b"half" => Half,
            b"his" | b"her" => Det,
            b"homes" | b"houses" | b"hours" => CountNoun,
            b"holy" => HolidayAdj,
            _ => X,
        },
        b'i' => match w {
            b"in" => In,
            b"intends" => Cue,
            b"insisted" => Blocker,
            b"its" | b"ill" => Det,
            b"injured" => CountNoun,
            _ => X,
        },
        b'j' => match w {
            b"january" => Month(1),
            b"june" => Month(6),
            b"july" => Month(7),
            b"jan" => MonAbbr(1),
            b"jun" => MonAbbr(6),
            b"jul" => MonAbbr(7),
            b"jobs" => CountNoun,
            _ => X,
        },
        b'k' => match w {
            b"km" | b"kilometres" | b"kilometers" | b"killed" => CountNoun,
            _ => X,
        },
        b'l' => match w {
            b"last" => Last,
            b"late" => Late,
            b"later" => Later,
            b"ll" => Cue,
            _ => X,
        },
        b'm' => match w {
            b"march" => Month(3),
            b"may" => Month(5),
            b"mar" => MonAbbr(3),
            b"monday" => Weekday(0),
            b"morning" => DayPart,
            b"month" => Unit(U::Month, false),
            b"months" => Unit(U::Month, true),
            b"mid" => Mid,
            b"middle" => Middle,
            b"my" => Det,
            b"militants" | b"men" | b"missiles" | b"miles" | b"metres" | b"meters" | b"members" | b"minutes"
            | b"more" => CountNoun,
            b"marked" => Was,
            b"maundy" => HolidayAdj,
            _ => X,
        },
        b'n' => match w {
            b"november" => Month(11),
            b"nov" => MonAbbr(11),
            b"night" => Night,
            b"nine" => Count(9),
            b"next" => Next,
            b"noted" => Blocker,
            _ => X,
        },
        b'o' => match w {
            b"october" => Month(10),
            b"oct" => MonAbbr(10),
            b"one" => Count(1),
            b"on" => On,
            b"of" => Of,
            b"over" => Over,
            b"our" | b"own" => Det,
            b"officers" | b"others" => CountNoun,
            _ => X,
        },
        b'p' => match w {
            b"past" => Past,
            b"previous" | b"preceding" => Previous,
            b"pre" => Pre,
            b"post" => Post,
            b"prior" => Prior,
            b"plans" | b"planned" | b"planning" => Cue,
            b"popular" | b"political" => Det,
            b"people" | b"persons" | b"pounds" | b"prisoners" | b"police" | b"policemen" | b"protesters"
            | b"pilgrims" | b"percent" => CountNoun,
            b"palm" => HolidayAdj,
            _ => X,
        },
        b'q' => match w {
            b"quarter" => Quarter,
            _ => X,
        },
        b'r' => match w {
            b"reported" | b"recalled" => Blocker,
            b"rebels" | b"rockets" | b"refugees" | b"residents" => CountNoun,
            _ => X,
        },
        b's' => match w {
            b"september" => Month(9),
            b"sep" | b"sept" => MonAbbr(9),
            b"saturday" => Weekday(5),
            b"sunday" => Weekday(6),
            b"spring" => Season(0),
            b"summer" => Season(1),
            b"six" => Count(6),
            b"seven" => Count(7),
            b"start" => Beginning,
            b"second" => Ordn(2),
            b"since" => Since,
            b"shall" | b"scheduled" | b"slated" => Cue,
            b"said" | b"says" | b"say" | b"stated" | b"stressed" => Blocker,
            b"soldiers" | b"shells" | b"students" | b"strikes" | b"sites" => CountNoun,
            b"saw" => Was,
            b"super" => HolidayAdj,
            _ => X,
        },
        b't' => match w {
            b"tuesday" => Weekday(1),
            b"thursday" => Weekday(3),
            b"today" => Today,
            b"tomorrow" => Tomorrow,
            b"tonight" => Tonight,
            b"two" => Count(2),
            b"three" => Count(3),
            b"ten" => Count(10),
            b"twelve" => Count(12),
            b"twenty" => Count(20),
            b"thirty" => Count(30),
            b"this" => This,
            b"third" => Ordn(3),
            b"till" | b"til" => Until,
            b"through" | b"thru" => Through,
            b"to" => To,
            b"the" => The,
            b"throughout" => Throughout,
            b"told" | b"tells" => Blocker,
            b"their" => Det,
            b"troops" | b"tons" | b"tonnes" | b"times" | b"tourists" | b"tanks" => CountNoun,
            _ => X,
        },
        b'u' => match w {
            b"until" | b"untill" => Until,
            b"upcoming" => Cue,
            b"units" => CountNoun,
            b"usa" => HolidayAdj,
            _ => X,
        },
        b'v' => match w {
            b"votes" | b"villages" | b"visitors" | b"vehicles" => CountNoun,
            _ => X,
        },
        b'w' => match w {
            b"wednesday" => Weekday(2),
            b"winter" => Season(3),
            b"week" => Unit(U::Week, false),
            b"weeks" => Unit(U::Week, true),
            b"weekend" => Unit(U::Weekend, false),
            b"weekends" => Unit(U::Weekend, true),
            b"will" => Cue,
            b"won" => Won,
            b"warned" => Blocker,
            b"women" | b"workers" | b"wounded" => CountNoun,
            b"was" => Was,
            _ => X,
        },
        b'y' => match w {
            b"yesterday" => Yesterday,
            b"year" => Unit(U::Year, false),
            b"years" => Unit(U::Year, true),
            b"your" => Det,
            _ => X,
        },
        _ => X,
    }
}

/// Words that can head a time expression (the pre-check looks only for these).
fn is_head(w: W) -> bool {
    matches!(
        w,
        W::Month(_)
            | W::MonAbbr(_)
            | W::Weekday(_)
            | W::Season(_)
            | W::Fall
            | W::Yesterday
            | W::Today
            | W::Tomorrow
            | W::Tonight
            | W::Night
            | W::DayPart
            | W::Unit(..)
    )
}

/// Context words that license a bare year, month or season after them.
fn is_ctx(w: W) -> bool {
    use W::*;
    matches!(
        w,
        In | On
            | At
            | Since
            | Until
            | Through
            | By
            | Before
            | After
            | From
            | To
            | Between
            | And
            | Of
            | During
            | Over
            | Throughout
            | Around
            | Early
            | Late
            | Mid
            | Last
            | Next
            | This
            | Past
            | Coming
            | Unit(U::Year, false)
    )
}

/// The head words (see [`is_head`]) besides the month names, their three-letter
/// abbreviations and the weekday names of [`entente_core::calendar`], for the pre-check's
/// filter ([`HEAD_SHAPES`]).
const OTHER_HEADS: &[&str] = &[
    "sept",
    "spring",
    "summer",
    "autumn",
    "winter",
    "fall",
    "yesterday",
    "today",
    "tomorrow",
    "tonight",
    "night",
    "morning",
    "afternoon",
    "evening",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "weekends",
    "month",
    "months",
    "year",
    "years",
    "decade",
    "decades",
];

/// For each pair of first and last letter, a bit per word length that some head word
/// (see [`is_head`]) with those letters has: a word that fits none is no head word.
const HEAD_SHAPES: [u16; 26 * 26] = {
    use entente_core::calendar::{MONTHS, WEEKDAYS};
    let mut t = [0u16; 26 * 26];
    let mut i = 0;
    while i < MONTHS.len() {
        let w = MONTHS[i].as_bytes();
        // the name and its three-letter abbreviation
        t[head_shape(w[0], w[w.len() - 1])] |= 1 << w.len();
        t[head_shape(w[0], w[2])] |= 1 << 3;
        i += 1;
    }
    i = 0;
    while i < WEEKDAYS.len() {
        let w = WEEKDAYS[i].as_bytes();
        t[head_shape(w[0], w[w.len() - 1])] |= 1 << w.len();
        i += 1;
    }
    i = 0;
    while i < OTHER_HEADS.len() {
        let w = OTHER_HEADS[i].as_bytes();
        t[head_shape(w[0], w[w.len() - 1])] |= 1 << w.len();
        i += 1;
    }
    t
};

/// The [`HEAD_SHAPES`] slot of a word's first and last ASCII letters (either case).
const fn head_shape(first: u8, last: u8) -> usize {
    ((first | 0x20) - b'a') as usize * 26 + ((last | 0x20) - b'a') as usize
}

/// Cheap scan: is there any head word or a four-digit 1900-2099 number? The runs of ASCII
/// letters and of ASCII digits are found 64 bytes at a time ([`entente_core::ascii::ascii_runs`]).
fn precheck(s: &str) -> bool {
    let b = s.as_bytes();
    entente_core::ascii::ascii_runs(b, |run, letters| {
        let len = run.len();
        if letters {
            len < 16 && HEAD_SHAPES[head_shape(b[run.start], b[run.end - 1])] & (1 << len) != 0 && {
                let mut buf = [0u8; 16];
                for (k, &x) in b[run].iter().enumerate() {
                    buf[k] = x | 0x20;
                }
                is_head(classify(&buf[..len]))
            }
        } else {
            is_year(&b[run])
        }
    })
}

/// Whether a run of ASCII digits is one the tagger reads as a year: exactly four digits,
/// 1900-2099.
fn is_year(digits: &[u8]) -> bool {
    digits.len() == 4 && (1900..=2099).contains(&digits.iter().fold(0u32, |v, &d| v * 10 + (d - b'0') as u32))
}

/// Whether the bytes hold a year the tagger reads ([`is_year`]): a sentence without one
/// holds no absolute date.
pub fn holds_year(b: &[u8]) -> bool {
    entente_core::ascii::ascii_runs(b, |run, letters| !letters && is_year(&b[run]))
}

// ---------------------------------------------------------------------------------------
// Tokens

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum T {
    Word(W),
    Num,
    /// "25th", "3rd".
    Ord,
    /// "1990s".
    Decade,
    Punct(u8),
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    s: u32,
    e: u32,
    t: T,
    v: u32,
    nd: u8,
    cap: bool,
    /// Whitespace (or the sentence start) before this token.
    gap: bool,
}

fn lex(s: &str) -> Vec<Tok> {
    let b = s.as_bytes();
    let n = b.len();
    let mut out: Vec<Tok> = Vec::with_capacity(n / 4 + 4);
    let mut runs = entente_core::ascii::Runs::new(b);
    let mut i = 0;
    let mut gap = true;
    while i < n {
        let c = b[i];
        if c.is_ascii_whitespace() {
            gap = true;
            i += 1;
            continue;
        }
        if c.is_ascii_alphanumeric() {
            let st = i;
            let r = runs.run(i);
            i = r.end;
            let run = &b[st..i];
            let nd = r.leading_digits;
            let mut v = 0u32;
            for &d in &run[..nd] {
                v = v.saturating_mul(10).saturating_add((d - b'0') as u32);
            }
            let t = if nd == run.len() {
                T::Num
            } else if nd == 0 {
                if run.iter().all(|c| c.is_ascii_alphabetic()) {
                    if run.len() <= 14 {
                        let mut buf = [0u8; 14];
                        for (k, &x) in run.iter().enumerate() {
                            buf[k] = x | 0x20;
                        }
                        T::Word(classify(&buf[..run.len()]))
                    } else {
                        T::Word(W::X)
                    }
                } else {
                    T::Other
                }
            } else {
                let suf = &run[nd..];
                let lower = |k: usize| suf.get(k).map(|c| c | 0x20);
                match (suf.len(), lower(0), lower(1)) {
                    (2, Some(b's'), Some(b't'))
                    | (2, Some(b'n'), Some(b'd'))
                    | (2, Some(b'r'), Some(b'd'))
                    | (2, Some(b't'), Some(b'h')) => T::Ord,
                    (1, Some(b's'), _) if nd == 4 && v.is_multiple_of(10) => T::Decade,
                    _ => T::Other,
                }
            };
            // A word glued to a non-ASCII letter ("Qāsem") is no lexicon word.
            let glued = !gap && matches!(out.last(), Some(Tok { t: T::Other, .. }));
            if glued {
                let last = out.last_mut().expect("checked");
                last.e = i as u32;
            } else {
                out.push(Tok {
                    s: st as u32,
                    e: i as u32,
                    t,
                    v,
                    nd: nd.min(255) as u8,
                    cap: c.is_ascii_uppercase(),
                    gap,
                });
            }
            gap = false;
            continue;
        }
        if c < 0x80 {
            out.push(Tok { s: i as u32, e: i as u32 + 1, t: T::Punct(c), v: 0, nd: 0, cap: false, gap });
            gap = false;
            i += 1;
            continue;
        }
        let ch = s[i..].chars().next().expect("char boundary");
        let l = ch.len_utf8();
        let t = match ch {
            '\u{a0}' | '\u{2000}'..='\u{200b}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
                gap = true;
                i += l;
                continue;
            }
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' => T::Punct(b'-'),
            '\u{2014}' | '\u{2015}' => T::Punct(b'~'),
            '\u{2018}' | '\u{2019}' => T::Punct(b'\''),
            '\u{201c}' | '\u{201d}' => T::Punct(b'"'),
            _ => T::Other,
        };
        let letter = t == T::Other && ch.is_alphanumeric();
        match out.last_mut() {
            // glue letters to the word before them: "Qāsem" is one Other token
            Some(last) if letter && !gap && matches!(last.t, T::Word(_) | T::Num | T::Other | T::Ord) => {
                last.t = T::Other;
                last.e = (i + l) as u32;
            }
            _ => out.push(Tok { s: i as u32, e: (i + l) as u32, t, v: 0, nd: 0, cap: false, gap }),
        }
        gap = false;
        i += l;
    }
    out
}

// ---------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01) and month indices
// (year * 12 + month - 1).

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = ((m + 9) % 12) as i64;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Monday = 0 .. Sunday = 6.
fn weekday_of(z: i64) -> i64 {
    (z + 3).rem_euclid(7)
}

fn dp(z: i64) -> PDate {
    let (y, m, d) = civil_from_days(z);
    PDate::day(y as i16, m as u8, d as u8)
}

fn dnum(p: &PDate) -> Option<i64> {
    let (m, d) = (p.month?, p.day?);
    if !(1..=12).contains(&m) || d == 0 || d > entente_core::date::days_in_month(p.year, m) {
        return None;
    }
    Some(days_from_civil(p.year as i64, m as u32, d as u32))
}

fn mp(idx: i32) -> PDate {
    PDate::month(idx.div_euclid(12) as i16, (idx.rem_euclid(12) + 1) as u8)
}

fn midx(y: i32, m: u8) -> i32 {
    y * 12 + m as i32 - 1
}

fn drange(a: i64, b: i64) -> When {
    if a == b {
        When::Point(dp(a))
    } else {
        When::Range(Some(dp(a)), Some(dp(b)))
    }
}

fn mrange(a: i32, b: i32) -> When {
    if a == b {
        When::Point(mp(a))
    } else {
        When::Range(Some(mp(a)), Some(mp(b)))
    }
}

fn yrange(a: i32, b: i32) -> When {
    let y = |v: i32| PDate::year(v as i16);
    if a == b {
        When::Point(y(a))
    } else {
        When::Range(Some(y(a)), Some(y(b)))
    }
}

/// The period just before `p`, at `p`'s precision.
fn prev_unit(p: PDate) -> PDate {
    match (p.month, dnum(&p)) {
        (_, Some(z)) => dp(z - 1),
        (Some(m), None) => mp(midx(p.year as i32, m) - 1),
        (None, _) => PDate::year(p.year - 1),
    }
}

/// The period just after `p`, at `p`'s precision.
fn next_unit(p: PDate) -> PDate {
    match (p.month, dnum(&p)) {
        (_, Some(z)) => dp(z + 1),
        (Some(m), None) => mp(midx(p.year as i32, m) + 1),
        (None, _) => PDate::year(p.year + 1),
    }
}

/// `r` moved by `n` units, at a precision no finer than the unit's.
fn shift(r: PDate, n: i64, u: U) -> When {
    let p = match u {
        U::Day | U::Week | U::Weekend => {
            let k = if u == U::Day { n } else { 7 * n };
            match dnum(&r) {
                Some(z) => dp(z + k),
                None => r,
            }
        }
        U::Month => match r.month {
            Some(m) => mp(midx(r.year as i32, m) + n as i32),
            None => r,
        },
        U::Year => PDate::year(r.year + n as i16),
        U::Decade => PDate::year(r.year + 10 * n as i16),
    };
    When::Point(p)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Early,
    Mid,
    Late,
    Begin,
    End,
    Half(u8),
    Quarter(u8),
}

fn apply_part(p: Part, w: When) -> When {
    match w {
        When::Point(PDate { year, month: None, .. }) => {
            let (a, b) = match p {
                Part::Early => (1, 4),
                Part::Mid => (5, 8),
                Part::Late => (9, 12),
                Part::Begin => (1, 3),
                Part::End => (10, 12),
                Part::Half(1) => (1, 6),
                Part::Half(_) => (7, 12),
                Part::Quarter(q) => (3 * q - 2, 3 * q),
            };
            When::Range(Some(PDate::month(year, a)), Some(PDate::month(year, b)))
        }
        When::Point(PDate { year, month: Some(m), day: None }) => {
            let last = entente_core::date::days_in_month(year, m);
            let (a, b) = match p {
                Part::Early | Part::Begin => (1, 10),
                Part::Mid => (11, 20),
                Part::Late | Part::End => (21, last),
                Part::Half(1) => (1, 15),
                Part::Half(_) => (16, last),
                Part::Quarter(_) => return w,
            };
            When::Range(Some(PDate::day(year, m, a)), Some(PDate::day(year, m, b)))
        }
        When::Range(Some(a), Some(b)) if a.month.is_none() && b.month.is_none() && b.year - a.year == 9 => {
            let (x, y) = match p {
                Part::Early => (0, 3),
                Part::Mid => (3, 6),
                Part::Late | Part::End => (7, 9),
                Part::Begin => (0, 2),
                Part::Half(1) => (0, 4),
                Part::Half(_) => (5, 9),
                Part::Quarter(_) => return w,
            };
            yrange(a.year as i32 + x, a.year as i32 + y)
        }
        _ => w,
    }
}

fn season_start(s: u8, label: i32) -> i32 {
    match s {
        0 => midx(label, 3),
        1 => midx(label, 6),
        2 => midx(label, 9),
        _ => midx(label - 1, 12),
    }
}

fn season_when(s: u8, label: i32) -> When {
    let st = season_start(s, label);
    mrange(st, st + 2)
}

// ---------------------------------------------------------------------------------------
// Grammar

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Rel {
    Bare,
    Last,
    This,
    Next,
}

struct Anchor {
    p: Option<PDate>,
    day: Option<i64>,
    mi: Option<i32>,
    y: Option<i32>,
}

impl Anchor {
    fn new(p: Option<PDate>) -> Anchor {
        Anchor {
            p,
            day: p.as_ref().and_then(dnum),
            mi: p.and_then(|p| p.month.filter(|m| (1..=12).contains(m)).map(|m| midx(p.year as i32, m))),
            y: p.map(|p| p.year as i32),
        }
    }
    fn fallback(&self) -> Option<When> {
        self.p.map(When::Point)
    }
}

/// Placeholder value of an atom whose value comes later (from a range's other end or a
/// preceding expression).
const UNRESOLVED: When = When::Point(PDate::year(0));

/// A parsed expression, token indices `s..e`.
struct Atom {
    s: usize,
    e: usize,
    when: When,
    kind: TimeKind,
    future: bool,
    rule: &'static str,
    /// Month and day the text gave without a year (for year fill-in in ranges).
    noyear: Option<(u8, Option<u8>)>,
    /// Relative to a preceding expression: shift by `n` units.
    shift: Option<(i64, U)>,
}

impl Atom {
    fn new(s: usize, e: usize, when: When, kind: TimeKind, rule: &'static str) -> Atom {
        Atom { s, e, when, kind, future: false, rule, noyear: None, shift: None }
    }
    fn fut(mut self, f: bool) -> Atom {
        self.future = f;
        self
    }
}

struct Parser<'a> {
    src: &'a [u8],
    t: &'a [Tok],
    a: Anchor,
}

impl Parser<'_> {
    fn w(&self, i: usize) -> W {
        match self.t.get(i) {
            Some(Tok { t: T::Word(w), .. }) => *w,
            _ => W::Nil,
        }
    }

    fn punct(&self, i: usize, c: u8) -> bool {
        matches!(self.t.get(i), Some(Tok { t: T::Punct(p), .. }) if *p == c)
    }

    /// Token `i` exists and follows the previous one without whitespace.
    fn adj(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.gap)
    }

    fn cap(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| t.cap)
    }

    fn is_num(&self, i: usize) -> bool {
        matches!(self.t.get(i), Some(Tok { t: T::Num, .. }))
    }

    /// A four-digit year 1900-2099 that is not part of a larger number or an amount.
    fn year4(&self, i: usize) -> Option<i32> {
        let t = self.t.get(i)?;
        if t.t != T::Num || t.nd != 4 || !(1900..=2099).contains(&t.v) {
            return None;
        }
        if !t.gap && i > 0 {
            match self.t[i - 1].t {
                T::Punct(b',' | b'.') if i >= 2 && !self.t[i - 1].gap && self.is_num(i - 2) => return None,
                T::Punct(b'$' | b'#') | T::Other | T::Word(_) | T::Num => return None,
                _ => {}
            }
        }
        if self.adj(i + 1) {
            match self.t[i + 1].t {
                T::Punct(b',' | b'.') if self.adj(i + 2) && self.is_num(i + 2) => return None,
                T::Punct(b'%') | T::Word(_) | T::Other => return None,
                _ => {}
            }
        }
        Some(t.v as i32)
    }

    /// A day of the month: "5", "25th".
    fn day_num(&self, i: usize) -> Option<u8> {
        let t = self.t.get(i)?;
        let ok = match t.t {
            T::Num => t.nd <= 2,
            T::Ord => true,
            _ => false,
        };
        if !ok || !(1..=31).contains(&t.v) {
            return None;
        }
        if self.adj(i + 1)
            && (self.punct(i + 1, b':') || (self.punct(i + 1, b'.') && self.adj(i + 2) && self.is_num(i + 2)))
        {
            return None;
        }
        Some(t.v as u8)
    }

    /// Whether a year at `i` is followed by a counting noun (a number, not a year).
    fn counted(&self, i: usize, risky: bool) -> bool {
        match self.w(i + 1) {
            W::CountNoun => true,
            W::X if risky && !self.cap(i + 1) => {
                // a plural noun after "of/over/to/and/at 2000": "of 2000 Palestinians"
                let t = &self.t[i + 1];
                t.e - t.s >= 4 && self.src[t.e as usize - 1] == b's'
            }
            _ => false,
        }
    }

    /// Context before token `i`: (a licensing preposition/modifier, a bare "the").
    fn ctx(&self, i: usize) -> (bool, bool) {
        if i == 0 {
            return (false, false);
        }
        let mut j = i - 1;
        if self.punct(j, b'-') && j > 0 && !self.t[j].gap && self.adj(i) {
            j -= 1; // "mid-2020", "pre-2011"
        }
        let w = self.w(j);
        (is_ctx(w) || matches!(w, W::Pre | W::Post), w == W::The)
    }

    /// A future cue near token `i` (see module docs).
    fn cue(&self, i: usize) -> bool {
        let lo = i.saturating_sub(12);
        for j in (lo..i).rev() {
            match self.t[j].t {
                T::Punct(b'.' | b';' | b':' | b'?' | b'!') => return false,
                T::Word(W::Blocker) => return false,
                T::Word(W::Cue) if j == 0 || !matches!(self.w(j - 1), W::The | W::A | W::Det) => return true,
                T::Word(W::Won) if self.punct(j + 1, b'\'') && self.is_t(j + 2) => return true,
                _ => {}
            }
        }
        // sentence-initial adverbial: "In June, the minister will visit ..."
        let first = i == 0 || (i == 1 && self.w(0) != W::Nil && is_ctx(self.w(0)));
        if first {
            let hi = (i + 10).min(self.t.len());
            for j in i + 1..hi {
                match self.t[j].t {
                    T::Punct(b'.' | b';' | b':' | b'?' | b'!') => return false,
                    T::Word(W::Blocker | W::And) => return false,
                    T::Word(W::Cue) if !matches!(self.w(j - 1), W::The | W::A | W::Det) => return true,
                    T::Word(W::Won) if self.punct(j + 1, b'\'') && self.is_t(j + 2) => return true,
                    _ => {}
                }
            }
        }
        false
    }

    fn is_t(&self, i: usize) -> bool {
        self.w(i) == W::X && self.t.get(i).is_some_and(|t| t.e - t.s == 1)
    }

    // -----------------------------------------------------------------------------------
    // Constructs: since/until/before/after X, between X and Y, from X to Y.

    fn construct(&self, i: usize) -> Option<Atom> {
        let w = self.w(i);
        match w {
            W::Since => {
                let x = self.atom(i + 1, true).or_else(|| self.event_year(i + 1))?;
                let st = x.when.start()?;
                let end = self.a.p.filter(|a| a.last_day() >= st.first_day());
                Some(Atom::new(i, x.e, When::Range(Some(st), end), TimeKind::Since, "since").fut(x.future))
            }
            W::Until | W::Through | W::By => {
                let x = self.atom(i + 1, true)?;
                let end = x.when.end()?;
                Some(Atom::new(i, x.e, When::Range(None, Some(end)), TimeKind::Until, "until").fut(x.future))
            }
            W::Before | W::Prior | W::Pre => {
                let j = match w {
                    W::Prior if self.w(i + 1) == W::To => i + 2,
                    W::Prior => return None,
                    W::Pre if self.punct(i + 1, b'-') && self.adj(i + 1) && self.adj(i + 2) => i + 2,
                    W::Pre => return None,
                    _ => i + 1,
                };
                let x = self.atom(j, true).or_else(|| self.event_year(j))?;
                let st = x.when.start()?;
                let st = if x.rule == "event_year" { st } else { prev_unit(st) };
                Some(Atom::new(i, x.e, When::Range(None, Some(st)), TimeKind::Until, "before").fut(x.future))
            }
            W::After | W::Post => {
                let j = match w {
                    W::Post if self.punct(i + 1, b'-') && self.adj(i + 1) && self.adj(i + 2) => i + 2,
                    W::Post => return None,
                    _ => i + 1,
                };
                let x = self.atom(j, true).or_else(|| self.event_year(j))?;
                let end = x.when.end()?;
                let st = if x.rule == "event_year" { end } else { next_unit(end) };
                Some(Atom::new(i, x.e, When::Range(Some(st), None), TimeKind::Since, "after").fut(x.future))
            }
            W::Between => {
                let x = self.atom(i + 1, true).or_else(|| self.noyear_start(i + 1))?;
                if self.w(x.e) != W::And {
                    return None;
                }
                let y = self.atom(x.e + 1, true)?;
                self.range(i, x, y, "between")
            }
            W::From => {
                let x = self.atom(i + 1, true).or_else(|| self.noyear_start(i + 1))?;
                let sep = matches!(self.w(x.e), W::To | W::Until | W::Through) || self.punct(x.e, b'-');
                if !sep {
                    return None;
                }
                let y = self.atom(x.e + 1, true)?;
                self.range(i, x, y, "from_to")
            }
            _ => None,
        }
    }

    /// "the 1979 revolution" after since/before/after: the year of a named event, which
    /// the range then includes ("after the 2006 war" -> `2006/..`).
    fn event_year(&self, j: usize) -> Option<Atom> {
        if self.w(j) != W::The || self.w(j + 2) != W::X || self.cap(j + 2) {
            return None;
        }
        let y = self.year4(j + 1)?;
        let when = When::Point(PDate::year(y as i16));
        Some(Atom::new(j, j + 2, when, TimeKind::Absolute, "event_year"))
    }

    fn range(&self, i: usize, x: Atom, y: Atom, rule: &'static str) -> Option<Atom> {
        let end = y.when.end()?;
        // "between March and June 2014": a first end without a year takes the second's
        let filled = match (x.noyear, y.when.start()) {
            (Some((m, d)), Some(PDate { year, month: Some(ym), .. })) => {
                let year = if m > ym { year - 1 } else { year };
                Some(match d {
                    Some(d) if d <= entente_core::date::days_in_month(year, m) => PDate::day(year, m, d),
                    _ => PDate::month(year, m),
                })
            }
            _ => None,
        };
        let start = match filled {
            Some(p) => p,
            None if x.when == UNRESOLVED => return None,
            None => x.when.start()?,
        };
        if start.first_day() > end.last_day() {
            return None;
        }
        Some(Atom::new(i, y.e, When::Range(Some(start), Some(end)), TimeKind::Range, rule).fut(y.future))
    }

    /// The first end of a range when it lacks a year and the anchor cannot supply one:
    /// "March", "March 3", "3 March" (value [`UNRESOLVED`]).
    fn noyear_start(&self, i: usize) -> Option<Atom> {
        let (m, d, e) = match self.w(i) {
            W::Month(m) | W::MonAbbr(m) if self.cap(i) => {
                let mut j = i + 1;
                if self.punct(j, b'.') && self.adj(j) {
                    j += 1;
                }
                match self.day_num(j) {
                    Some(d) => (m, Some(d), j + 1),
                    None => (m, None, j),
                }
            }
            _ => {
                let d = self.day_num(i)?;
                match self.w(i + 1) {
                    W::Month(m) | W::MonAbbr(m) if self.cap(i + 1) => (m, Some(d), i + 2),
                    _ => return None,
                }
            }
        };
        let mut a = Atom::new(i, e, UNRESOLVED, TimeKind::Relative, "month");
        a.noyear = Some((m, d));
        Some(a)
    }

    // -----------------------------------------------------------------------------------
    // Atoms

    /// An expression starting at token `i`. `forced`: the caller vouches for a date
    /// context (after "since", "between", "early"...).
    fn atom(&self, i: usize, forced: bool) -> Option<Atom> {
        let t = self.t.get(i)?;
        match t.t {
            T::Num => self.num_atom(i, forced),
            T::Ord => self.day_month(i),
            T::Decade => {
                let y = t.v as i32;
                if !(1900..=2090).contains(&y) {
                    return None;
                }
                Some(Atom::new(i, i + 1, yrange(y, y + 9), TimeKind::Absolute, "decade"))
            }
            T::Word(w) => match w {
                W::Month(_) | W::MonAbbr(_) => self.month_atom(i, forced, Rel::Bare),
                W::Weekday(_) => self.weekday_atom(i, Rel::Bare, i),
                W::Season(_) | W::Fall => self.season_atom(i, forced, Rel::Bare, i),
                W::The => self.the_atom(i),
                W::Last | W::Past | W::Previous => self.rel_atom(i, Rel::Last),
                W::This => self.rel_atom(i, Rel::This),
                W::Next | W::Coming => self.rel_atom(i, Rel::Next),
                W::Early | W::Late | W::Mid => self.part_atom(i),
                W::Earlier | W::Later => self.earlier_later(i),
                W::End | W::Beginning | W::Middle => self.end_of(i, i),
                W::Yesterday | W::Today | W::Tomorrow | W::Tonight => self.day_word(i),
                W::Count(_) | W::A => self.count_atom(i),
                _ => None,
            },
            _ => None,
        }
    }

    fn num_atom(&self, i: usize, forced: bool) -> Option<Atom> {
        if let Some(y) = self.year4(i) {
            // ISO 2014-03-25
            if self.punct(i + 1, b'-')
                && self.adj(i + 1)
                && self.adj(i + 2)
                && self.is_num(i + 2)
                && self.t[i + 2].nd == 2
                && self.punct(i + 3, b'-')
                && self.adj(i + 3)
                && self.adj(i + 4)
                && self.is_num(i + 4)
                && self.t[i + 4].nd == 2
            {
                let (m, d) = (self.t[i + 2].v, self.t[i + 4].v);
                let p = PDate::day(y as i16, m as u8, d as u8);
                if (1..=12).contains(&m) && dnum(&p).is_some() {
                    return Some(Atom::new(i, i + 5, When::Point(p), TimeKind::Absolute, "iso"));
                }
                return None;
            }
            // 2011-2013, 2011-13, 2011/12
            if (self.punct(i + 1, b'-') || (self.punct(i + 1, b'/') && self.adj(i + 1))) && self.is_num(i + 2) {
                let t2 = &self.t[i + 2];
                let y2 = match t2.nd {
                    4 => t2.v as i32,
                    2 => y / 100 * 100 + t2.v as i32,
                    _ => 0,
                };
                let tight = self.adj(i + 1) == self.adj(i + 2);
                if y2 > y && y2 - y <= 60 && tight && (t2.nd == 2 || self.year4(i + 2).is_some()) {
                    return Some(Atom::new(i, i + 3, yrange(y, y2), TimeKind::Range, "year_range"));
                }
            }
            let (strong, det) = self.ctx(i);
            let paren = i > 0 && self.punct(i - 1, b'(') && self.punct(i + 1, b')');
            let initial = i == 0 && (self.punct(1, b',') || self.w(1) == W::Was);
            if !(forced || strong || det || paren || initial) {
                return None;
            }
            let risky = i > 0 && matches!(self.w(i - 1), W::Of | W::Over | W::To | W::And | W::At | W::Around);
            if self.counted(i, risky) {
                return None;
            }
            return Some(Atom::new(i, i + 1, When::Point(PDate::year(y as i16)), TimeKind::Absolute, "year"));
        }
        if self.day_num(i).is_some() {
            if let Some(a) = self.day_month(i) {
                return Some(a);
            }
        }
        self.count_atom(i)
    }

    /// Optional ", 2014" / " 2014" after token `j`: (year, next index).
    fn opt_year(&self, j: usize) -> Option<(i32, usize)> {
        if let Some(y) = self.year4(j) {
            if !self.counted(j, false) {
                return Some((y, j + 1));
            }
        }
        if self.punct(j, b',') {
            if let Some(y) = self.year4(j + 1) {
                if !self.counted(j + 1, false) {
                    return Some((y, j + 2));
                }
            }
        }
        None
    }

    /// "25 March 2014", "14th December", "the 14th of December", "3 January, 2020".
    fn day_month(&self, i: usize) -> Option<Atom> {
        let d = self.day_num(i)?;
        let mut j = i + 1;
        if self.w(j) == W::Of {
            j += 1;
        }
        let m = match self.w(j) {
            W::Month(m) | W::MonAbbr(m) if self.cap(j) => m,
            _ => return None,
        };
        j += 1;
        if matches!(self.w(j - 1), W::MonAbbr(_)) && self.punct(j, b'.') && self.adj(j) {
            j += 1;
        }
        self.date(i, j, m, d, None, "dmy", "dm")
    }

    /// A day date with an optional year after token `j - 1`.
    #[allow(clippy::too_many_arguments)]
    fn date(
        &self,
        s: usize,
        j: usize,
        m: u8,
        d: u8,
        d2: Option<u8>,
        rule_y: &'static str,
        rule_n: &'static str,
    ) -> Option<Atom> {
        if let Some((y, e)) = self.opt_year(j) {
            let dim = entente_core::date::days_in_month(y as i16, m);
            if d > dim || d2.is_some_and(|d2| d2 > dim) {
                return None;
            }
            let a = PDate::day(y as i16, m, d);
            let when = match d2 {
                Some(d2) => When::Range(Some(a), Some(PDate::day(y as i16, m, d2))),
                None => When::Point(a),
            };
            let kind = if d2.is_some() { TimeKind::Range } else { TimeKind::Absolute };
            return Some(Atom::new(s, e, when, kind, rule_y));
        }
        if d > entente_core::date::days_in_month(2000, m) {
            return None;
        }
        let cue = self.cue(s);
        let (when, fut) = self.res_md(m, d, d2, cue)?;
        let mut a = Atom::new(s, j, when, TimeKind::Relative, rule_n).fut(fut);
        a.noyear = Some((m, Some(d)));
        Some(a)
    }

    fn month_atom(&self, i: usize, forced: bool, rel: Rel) -> Option<Atom> {
        if !self.cap(i) {
            return None;
        }
        let (m, abbr) = match self.w(i) {
            W::Month(m) => (m, false),
            W::MonAbbr(m) => (m, true),
            _ => return None,
        };
        let mut j = i + 1;
        if abbr && self.punct(j, b'.') && self.adj(j) {
            j += 1;
        }
        if rel == Rel::Bare {
            if let Some(d) = self.day_num(j) {
                // "March 25-27, 2014"
                let mut k = j + 1;
                let mut d2 = None;
                if self.punct(k, b'-') && self.adj(k) && self.adj(k + 1) {
                    if let Some(x) = self.day_num(k + 1).filter(|&x| x > d) {
                        d2 = Some(x);
                        k += 2;
                    }
                }
                if let Some(a) = self.date(i, k, m, d, d2, "mdy", "md") {
                    return Some(a);
                }
            }
            // "June 2017", "May of 2021"
            let k = if self.w(j) == W::Of { j + 1 } else { j };
            if let Some((y, e)) = self.opt_year(k) {
                return Some(Atom::new(i, e, When::Point(PDate::month(y as i16, m)), TimeKind::Absolute, "month_year"));
            }
        }
        if abbr {
            return None;
        }
        if rel == Rel::Bare && !forced {
            let strong = self.ctx(i).0;
            let prev = if i > 0 { self.w(i - 1) } else { W::Nil };
            let ok = strong && (m != 5 || !matches!(prev, W::And | W::To | W::By));
            if !ok {
                return None;
            }
        }
        let cue = rel == Rel::Bare && self.cue(i);
        let (when, fut) = self.res_month(m, rel, cue)?;
        let mut a = Atom::new(i, j, when, TimeKind::Relative, "month").fut(fut);
        a.noyear = Some((m, None));
        Some(a)
    }

    /// A weekday at `i`; the expression starts at token `s` ("last Wednesday").
    fn weekday_atom(&self, i: usize, rel: Rel, s: usize) -> Option<Atom> {
        let W::Weekday(wd) = self.w(i) else {
            return None;
        };
        if !self.cap(i) {
            return None;
        }
        if rel == Rel::Bare && i > 0 {
            match self.w(i - 1) {
                W::HolidayAdj => return None,
                W::Det if self.cap(i - 1) => return None, // "Good Friday"
                // "the Sunday Times"
                W::The if self.cap(i + 1) && !matches!(self.w(i + 1), W::Nil | W::Night | W::DayPart) => return None,
                _ => {}
            }
        }
        let mut j = i + 1;
        if rel == Rel::Bare {
            // "Sunday, November 28th", "Wednesday 25 March"
            let k = if self.punct(j, b',') { j + 1 } else { j };
            let dated = match self.t.get(k).map(|t| t.t) {
                Some(T::Word(W::Month(_) | W::MonAbbr(_))) => {
                    self.month_atom(k, true, Rel::Bare).filter(|a| a.when.start().is_some_and(|p| p.day.is_some()))
                }
                Some(T::Num | T::Ord) => self.day_month(k),
                _ => None,
            };
            if let Some(mut a) = dated {
                a.s = s;
                // "Sunday, November 28th": prefer a year near the anchor where the weekday fits
                if let (Some((m, Some(d))), Some(y), When::Point(p)) = (a.noyear, self.a.y, a.when) {
                    let fits = |y: i32| {
                        (d <= entente_core::date::days_in_month(y as i16, m))
                            .then(|| days_from_civil(y as i64, m as u32, d as u32))
                            .filter(|&z| weekday_of(z) == wd as i64)
                    };
                    if fits(p.year as i32).is_none() {
                        if let Some(z) = [y, y - 1, y + 1].into_iter().find_map(fits) {
                            a.when = When::Point(dp(z));
                            a.future = self.a.day.map_or(midx(y, m) > self.a.mi.unwrap_or(i32::MAX), |ad| z > ad);
                        }
                    }
                }
                return Some(a);
            }
        }
        if matches!(self.w(j), W::Night | W::DayPart) {
            j += 1;
        }
        let cue = rel == Rel::Bare && self.cue(s);
        let (when, fut) = self.res_weekday(wd, rel, cue)?;
        Some(Atom::new(s, j, when, TimeKind::Relative, "weekday").fut(fut))
    }

    /// A season at `i`; the expression starts at `s`.
    fn season_atom(&self, i: usize, forced: bool, rel: Rel, s: usize) -> Option<Atom> {
        let sn = match self.w(i) {
            W::Season(x) => x,
            W::Fall => 2,
            _ => return None,
        };
        if i > 0 && self.cap(i) && self.cap(i - 1) && matches!(self.w(i - 1), W::X | W::HolidayAdj | W::Det) {
            return None; // "Arab Spring"
        }
        let j = i + 1;
        if rel == Rel::Bare {
            let k = if self.w(j) == W::Of { j + 1 } else { j };
            if let Some(y) = self.year4(k) {
                if !self.counted(k, false) {
                    return Some(Atom::new(s, k + 1, season_when(sn, y), TimeKind::Absolute, "season"));
                }
            }
            if !forced {
                let (strong, det) = self.ctx(i);
                let ok = strong || (det && i >= 2 && is_ctx(self.w(i - 2)));
                if !ok {
                    return None;
                }
            }
            if self.w(i) == W::Fall && self.w(j) == W::Of {
                return None; // "the fall of Mosul"
            }
        }
        let cue = rel == Rel::Bare && self.cue(s);
        let (when, fut) = self.res_season(sn, rel, cue)?;
        Some(Atom::new(s, j, when, TimeKind::Relative, "season").fut(fut))
    }

    /// last/past/previous, this, next/coming + month, weekday, season, unit.
    fn rel_atom(&self, i: usize, rel: Rel) -> Option<Atom> {
        let j = i + 1;
        let w0 = self.w(i);
        match self.w(j) {
            W::Month(_) => self.month_atom(j, true, rel).map(|mut a| {
                a.s = i;
                a
            }),
            W::Weekday(_) => self.weekday_atom(j, rel, i),
            W::Season(_) | W::Fall => self.season_atom(j, true, rel, i),
            W::Unit(u, false) => {
                let k = match rel {
                    Rel::Last => -1,
                    Rel::This | Rel::Bare => 0,
                    Rel::Next => 1,
                };
                let when = self.unit_rel(u, k)?;
                let rule = match u {
                    U::Day => return None,
                    U::Week => "week",
                    U::Weekend => "weekend",
                    U::Month => "month_rel",
                    U::Year => "year_rel",
                    U::Decade => return None,
                };
                Some(Atom::new(i, j + 1, when, TimeKind::Relative, rule).fut(k > 0))
            }
            W::Night if w0 == W::Last => {
                let when = self.day_off(-1)?;
                Some(Atom::new(i, j + 1, when, TimeKind::Relative, "day_word"))
            }
            W::DayPart | W::Night if w0 == W::This => {
                let when = self.day_off(0)?;
                Some(Atom::new(i, j + 1, when, TimeKind::Relative, "day_word"))
            }
            W::Count(_) | W::A | W::Nil if matches!(w0, W::Past | W::Last) => self.past_n(i, j),
            _ => None,
        }
    }

    /// "(the) past two years", "last three months": from anchor - N units to the anchor.
    /// `j` is the count (or the unit, for "the past year").
    fn past_n(&self, s: usize, j: usize) -> Option<Atom> {
        let (n, k) = match self.w(j) {
            W::Count(n) => (n as i64, j + 1),
            W::A => return None,
            W::Nil => {
                let t = self.t.get(j)?;
                if t.t != T::Num || t.nd > 3 || t.v == 0 {
                    return None;
                }
                (t.v as i64, j + 1)
            }
            W::Unit(_, false) => (1, j),
            _ => return None,
        };
        let W::Unit(u, pl) = self.w(k) else {
            return None;
        };
        if pl != (n != 1) {
            return None;
        }
        let when = match u {
            U::Day | U::Week | U::Weekend => {
                let z = self.a.day?;
                let d = if u == U::Day { n } else { 7 * n };
                drange(z - d, z)
            }
            U::Month => {
                let m = self.a.mi?;
                mrange(m - n as i32, m)
            }
            U::Year | U::Decade => {
                let n = if u == U::Decade { 10 * n } else { n } as i32;
                match self.a.mi {
                    Some(m) => mrange(m - 12 * n, m),
                    None => {
                        let y = self.a.y?;
                        yrange(y - n, y)
                    }
                }
            }
        };
        Some(Atom::new(s, k + 1, when, TimeKind::Range, "past_n"))
    }

    fn the_atom(&self, i: usize) -> Option<Atom> {
        let j = i + 1;
        match self.w(j) {
            W::Nil if matches!(self.t.get(j).map(|t| t.t), Some(T::Decade)) => {
                let mut a = self.atom(j, true)?;
                a.s = i;
                Some(a)
            }
            W::Season(_) | W::Fall => self.season_atom(j, false, Rel::Bare, i),
            W::Early | W::Late | W::Mid => {
                let mut a = self.part_atom(j)?;
                a.s = i;
                Some(a)
            }
            W::End | W::Beginning | W::Middle => self.end_of(i, j),
            W::Ordn(_) | W::Last if matches!(self.w(j + 1), W::Half | W::Quarter) => self.end_of(i, j),
            W::Past | W::Last => self.past_n(i, j + 1),
            W::Coming => match self.w(j + 1) {
                W::Unit(u @ (U::Week | U::Month | U::Year), false) => {
                    let when = self.unit_rel(u, 1)?;
                    Some(Atom::new(i, j + 2, when, TimeKind::Relative, "coming").fut(true))
                }
                _ => None,
            },
            W::Following | W::Next | W::Previous => match self.w(j + 1) {
                W::Unit(u, false) if u != U::Weekend => {
                    let after = self.w(j) != W::Previous;
                    let rule = match (u == U::Day, after) {
                        (true, true) => "day_after",
                        (true, false) => "day_before",
                        (false, true) => "period_after",
                        (false, false) => "period_before",
                    };
                    let mut a = Atom::new(i, j + 2, UNRESOLVED, TimeKind::Relative, rule);
                    a.shift = Some((if after { 1 } else { -1 }, u));
                    Some(a)
                }
                _ => None,
            },
            W::Unit(U::Day, false) if matches!(self.w(j + 1), W::After | W::Before) => {
                let after = self.w(j + 1) == W::After;
                let mut a =
                    Atom::new(i, j + 2, UNRESOLVED, TimeKind::Relative, if after { "day_after" } else { "day_before" });
                a.shift = Some((if after { 1 } else { -1 }, U::Day));
                Some(a)
            }
            W::Unit(U::Weekend, false) => {
                let z = self.a.day;
                let when = match z {
                    Some(z) => {
                        let wd = weekday_of(z);
                        if wd >= 5 {
                            let sat = z - (wd - 5);
                            drange(sat, sat + 1)
                        } else {
                            self.unit_rel(U::Weekend, -1)?
                        }
                    }
                    None => self.a.fallback()?,
                };
                Some(Atom::new(i, j + 1, when, TimeKind::Relative, "weekend"))
            }
            _ => None,
        }
    }

    /// "(the) end/beginning/start/middle of X", "(the) first half of X", "end-2012".
    /// `s` is where the expression starts, `j` the part word.
    fn end_of(&self, s: usize, j: usize) -> Option<Atom> {
        let (part, k) = match self.w(j) {
            W::End => (Part::End, j + 1),
            W::Beginning => (Part::Begin, j + 1),
            W::Middle => (Part::Mid, j + 1),
            W::Ordn(n) | W::Count(n) => match self.w(j + 1) {
                W::Half if n <= 2 => (Part::Half(n), j + 2),
                W::Quarter if n <= 4 => (Part::Quarter(n), j + 2),
                _ => return None,
            },
            W::Last => match self.w(j + 1) {
                W::Half => (Part::Half(2), j + 2),
                W::Quarter => (Part::Quarter(4), j + 2),
                _ => return None,
            },
            _ => return None,
        };
        let x = if self.w(k) == W::Of {
            self.of_target(k + 1)?
        } else if self.punct(k, b'-') && self.adj(k) && self.adj(k + 1) && self.w(j) == W::End {
            self.atom(k + 1, true)? // "end-2012"
        } else {
            return None;
        };
        Some(Atom::new(s, x.e, apply_part(part, x.when), x.kind, "part").fut(x.future))
    }

    /// X after "end of": an atom, or "the year/month/week" (the anchor's).
    fn of_target(&self, k: usize) -> Option<Atom> {
        if self.w(k) == W::The {
            if let W::Unit(u @ (U::Year | U::Month | U::Week), false) = self.w(k + 1) {
                let when = self.unit_rel(u, 0)?;
                return Some(Atom::new(k, k + 2, when, TimeKind::Relative, "this"));
            }
        }
        self.atom(k, true)
    }

    /// early/late/mid + X.
    fn part_atom(&self, i: usize) -> Option<Atom> {
        let part = match self.w(i) {
            W::Early => Part::Early,
            W::Late => Part::Late,
            W::Mid => Part::Mid,
            _ => return None,
        };
        let mut j = i + 1;
        if self.punct(j, b'-') && self.adj(j) && self.adj(j + 1) {
            j += 1;
        }
        let x = match self.w(j) {
            W::Month(_) | W::Season(_) | W::Fall | W::Last | W::This | W::Next | W::Nil | W::The => {
                self.atom(j, true)?
            }
            _ => return None,
        };
        Some(Atom::new(i, x.e, apply_part(part, x.when), x.kind, "part").fut(x.future))
    }

    /// "earlier this year/month/week", "later this year/month/week".
    fn earlier_later(&self, i: usize) -> Option<Atom> {
        if self.w(i + 1) != W::This {
            return None;
        }
        let W::Unit(u, false) = self.w(i + 2) else {
            return None;
        };
        let earlier = self.w(i) == W::Earlier;
        let when = match u {
            U::Year => match (self.a.mi, self.a.y) {
                (Some(m), Some(y)) => {
                    if earlier {
                        mrange(midx(y, 1), m)
                    } else {
                        mrange(m, midx(y, 12))
                    }
                }
                (None, Some(_)) => self.a.fallback()?,
                _ => return None,
            },
            U::Month => match (self.a.day, self.a.p) {
                (Some(z), Some(p)) => {
                    let first = z - p.day.unwrap_or(1) as i64 + 1;
                    let last = first + entente_core::date::days_in_month(p.year, p.month.unwrap_or(1)) as i64 - 1;
                    if earlier {
                        drange(first, z)
                    } else {
                        drange(z, last)
                    }
                }
                _ => self.a.fallback()?,
            },
            U::Week => match self.a.day {
                Some(z) => {
                    let mon = z - weekday_of(z);
                    if earlier {
                        drange(mon, z)
                    } else {
                        drange(z, mon + 6)
                    }
                }
                None => self.a.fallback()?,
            },
            _ => return None,
        };
        let rule = if earlier { "earlier_this" } else { "later_this" };
        Some(Atom::new(i, i + 3, when, TimeKind::Relative, rule).fut(!earlier))
    }

    fn day_word(&self, i: usize) -> Option<Atom> {
        let w = self.w(i);
        if w == W::Today && self.cap(i) && i > 0 && self.cap(i - 1) && matches!(self.w(i - 1), W::X | W::HolidayAdj) {
            return None; // "USA Today", "Russia Today"
        }
        let k = match w {
            W::Yesterday => -1,
            W::Tomorrow => 1,
            _ => 0,
        };
        let when = self.day_off(k)?;
        let mut e = i + 1;
        if matches!(self.w(e), W::DayPart | W::Night) && w != W::Tonight {
            e += 1;
        }
        Some(Atom::new(i, e, when, TimeKind::Relative, "day_word").fut(k > 0))
    }

    /// "two days ago", "a week later", "three years earlier", "a day after".
    fn count_atom(&self, i: usize) -> Option<Atom> {
        let n = match self.w(i) {
            W::Count(n) => n as i64,
            W::A => 1,
            W::Nil => {
                let t = self.t.get(i)?;
                if t.t != T::Num
                    || t.nd > 3
                    || t.v == 0
                    || (i > 0 && !t.gap && !matches!(self.t[i - 1].t, T::Punct(b'(' | b'"')))
                {
                    return None;
                }
                t.v as i64
            }
            _ => return None,
        };
        let W::Unit(u, pl) = self.w(i + 1) else {
            return None;
        };
        if pl != (n != 1) || u == U::Weekend {
            return None;
        }
        match self.w(i + 2) {
            W::Ago => {
                let when = match u {
                    U::Day => self.day_off(-n)?,
                    U::Week => match self.a.day {
                        Some(z) => {
                            let t = z - 7 * n;
                            let mon = t - weekday_of(t);
                            drange(mon, mon + 6)
                        }
                        None => self.a.fallback()?,
                    },
                    U::Month => match self.a.mi {
                        Some(m) => When::Point(mp(m - n as i32)),
                        None => self.a.fallback()?,
                    },
                    U::Year | U::Decade => {
                        let k = if u == U::Decade { 10 * n } else { n } as i32;
                        When::Point(PDate::year((self.a.y? - k) as i16))
                    }
                    U::Weekend => return None,
                };
                Some(Atom::new(i, i + 3, when, TimeKind::Relative, "ago"))
            }
            w @ (W::Later | W::After | W::Earlier | W::Before) => {
                let after = matches!(w, W::Later | W::After);
                let rule = match (u == U::Day, after) {
                    (true, true) => "day_after",
                    (true, false) => "day_before",
                    (false, true) => "period_after",
                    (false, false) => "period_before",
                };
                let mut a = Atom::new(i, i + 3, UNRESOLVED, TimeKind::Relative, rule);
                a.shift = Some((if after { n } else { -n }, u));
                Some(a)
            }
            _ => None,
        }
    }

    // -----------------------------------------------------------------------------------
    // Resolution against the anchor

    fn day_off(&self, k: i64) -> Option<When> {
        match self.a.day {
            Some(z) => Some(When::Point(dp(z + k))),
            None => self.a.fallback(),
        }
    }

    /// last (-1) / this (0) / next (+1) week, weekend, month, year.
    fn unit_rel(&self, u: U, k: i64) -> Option<When> {
        match u {
            U::Day => self.day_off(k),
            U::Week => match self.a.day {
                Some(z) => {
                    let mon = z - weekday_of(z) + 7 * k;
                    Some(drange(mon, mon + 6))
                }
                None => self.a.fallback(),
            },
            U::Weekend => match self.a.day {
                Some(z) => {
                    let wd = weekday_of(z);
                    let sun = match k {
                        -1 => z - if wd == 6 { 7 } else { wd + 1 },
                        _ => z - wd + 6 + 7 * k,
                    };
                    Some(drange(sun - 1, sun))
                }
                None => self.a.fallback(),
            },
            U::Month => match self.a.mi {
                Some(m) => Some(When::Point(mp(m + k as i32))),
                None => self.a.fallback(),
            },
            U::Year => Some(When::Point(PDate::year((self.a.y? + k as i32) as i16))),
            U::Decade => {
                let d = self.a.y?.div_euclid(10) * 10 + 10 * k as i32;
                Some(yrange(d, d + 9))
            }
        }
    }

    fn res_weekday(&self, wd: u8, rel: Rel, cue: bool) -> Option<(When, bool)> {
        let Some(z) = self.a.day else {
            return self.a.fallback().map(|w| (w, false));
        };
        let cur = weekday_of(z);
        let wd = wd as i64;
        let back = (cur - wd).rem_euclid(7);
        let fwd = (wd - cur).rem_euclid(7);
        let t = match rel {
            Rel::Bare if cue => z + fwd,
            Rel::Bare => z - back,
            Rel::Last => z - if back == 0 { 7 } else { back },
            Rel::Next => z + if fwd == 0 { 7 } else { fwd },
            Rel::This => z - cur + wd,
        };
        Some((When::Point(dp(t)), t > z))
    }

    fn res_month(&self, m: u8, rel: Rel, cue: bool) -> Option<(When, bool)> {
        let Some(ai) = self.a.mi else {
            let y = self.a.y?;
            return match rel {
                Rel::Bare | Rel::This => Some((When::Point(PDate::month(y as i16, m)), false)),
                _ => self.a.fallback().map(|w| (w, false)),
            };
        };
        let same = midx(ai.div_euclid(12), m);
        let t = match rel {
            Rel::Bare if cue => {
                if same >= ai {
                    same
                } else {
                    same + 12
                }
            }
            Rel::Bare => {
                if same <= ai {
                    same
                } else {
                    same - 12
                }
            }
            Rel::Last => {
                if same < ai {
                    same
                } else {
                    same - 12
                }
            }
            Rel::Next => {
                if same > ai {
                    same
                } else {
                    same + 12
                }
            }
            Rel::This => same,
        };
        Some((When::Point(mp(t)), t > ai))
    }

    /// Month and day without a year (`d2`: a day range "25-27").
    fn res_md(&self, m: u8, d: u8, d2: Option<u8>, cue: bool) -> Option<(When, bool)> {
        let mk = |y: i16| -> When {
            match d2 {
                Some(d2) => When::Range(Some(PDate::day(y, m, d)), Some(PDate::day(y, m, d2))),
                None => When::Point(PDate::day(y, m, d)),
            }
        };
        let valid = |y: i16| d2.unwrap_or(d).max(d) <= entente_core::date::days_in_month(y, m);
        if let Some(z) = self.a.day {
            let ay = self.a.y? as i16;
            let mut best: Option<(i64, i16, i64)> = None;
            for y in [ay - 1, ay, ay + 1] {
                if !valid(y) {
                    continue;
                }
                let c = days_from_civil(y as i64, m as u32, d as u32);
                let diff = c - z;
                let score = match (diff > 0, cue) {
                    (true, false) => 2 * diff,
                    (true, true) => diff,
                    (false, false) => -diff,
                    (false, true) => -4 * diff,
                };
                if best.is_none_or(|b| score < b.0) {
                    best = Some((score, y, diff));
                }
            }
            let (_, y, diff) = best?;
            return Some((mk(y), diff > 0));
        }
        if let Some(ai) = self.a.mi {
            let ay = ai.div_euclid(12) as i16;
            let mut best: Option<(i32, i16, i32)> = None;
            for y in [ay - 1, ay, ay + 1] {
                if !valid(y) {
                    continue;
                }
                let diff = midx(y as i32, m) - ai;
                let score = match (diff > 0, cue) {
                    (true, false) => 2 * diff,
                    (true, true) => diff,
                    (false, false) => -diff,
                    (false, true) => -4 * diff,
                };
                if best.is_none_or(|b| score < b.0) {
                    best = Some((score, y, diff));
                }
            }
            let (_, y, diff) = best?;
            return Some((mk(y), diff > 0));
        }
        let y = self.a.y? as i16;
        if !valid(y) {
            return None;
        }
        Some((mk(y), false))
    }

    fn res_season(&self, s: u8, rel: Rel, cue: bool) -> Option<(When, bool)> {
        let Some(ai) = self.a.mi else {
            let y = self.a.y?;
            return match rel {
                Rel::Bare | Rel::This => Some((season_when(s, y), false)),
                _ => self.a.fallback().map(|w| (w, false)),
            };
        };
        let ay = ai.div_euclid(12);
        let am = ai.rem_euclid(12) + 1;
        let labels = ay - 2..=ay + 2;
        let st = |l: i32| season_start(s, l);
        let l = match rel {
            Rel::Bare if cue => labels.clone().find(|&l| st(l) + 2 >= ai)?,
            Rel::Bare => labels.clone().rev().find(|&l| st(l) <= ai)?,
            Rel::Last => labels.clone().rev().find(|&l| st(l) + 2 < ai)?,
            Rel::Next => labels.clone().find(|&l| st(l) > ai)?,
            Rel::This => {
                if s == 3 && am >= 9 {
                    ay + 1
                } else {
                    ay
                }
            }
        };
        Some((season_when(s, l), st(l) > ai))
    }
}

// ---------------------------------------------------------------------------------------
// Tense

/// What one word says about the tense of its clause (see [`verb_form`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerbForm {
    /// A present or modal auxiliary: `is`, `are`, `does`, `can`, `will`, `would`...
    Present,
    /// `has`, `have`: the present perfect.
    Perfect,
    /// `had`: the past perfect.
    PastPerfect,
    /// A past auxiliary: `was`, `were`, `did`.
    Past,
    /// A past tense or past participle form: `condemned`, `sent`, `met`, `given`.
    Participle,
}

/// The tense a lower-case word marks, if any: auxiliaries, regular `-ed` forms and the
/// common irregular past forms of news verbs. Third-person present forms ("supports") are
/// not told apart from plural nouns and mark nothing.
pub fn verb_form(w: &str) -> Option<VerbForm> {
    use VerbForm::*;
    Some(match w {
        "is" | "are" | "am" | "do" | "does" | "can" | "may" | "must" | "will" | "shall" | "would" | "could"
        | "might" | "should" | "'ll" | "wo" | "ca" => Present,
        "has" | "have" | "'ve" => Perfect,
        "had" | "'d" => PastPerfect,
        "was" | "were" | "did" => Past,
        "said" | "told" | "sent" | "met" | "held" | "made" | "gave" | "given" | "took" | "taken" | "led" | "left"
        | "came" | "went" | "began" | "begun" | "became" | "brought" | "sought" | "fought" | "spoke" | "spoken"
        | "wrote" | "written" | "won" | "paid" | "saw" | "seen" | "struck" | "stood" | "threw" | "thrown" | "drew"
        | "drawn" | "broke" | "broken" | "chose" | "chosen" | "rose" | "fell" | "kept" | "found" | "knew" | "known"
        | "lost" | "built" | "sold" | "bought" | "swore" | "sworn" | "shown" | "withdrew" | "withdrawn"
        | "undertook" | "forgave" | "overthrew" | "overthrown" => Participle,
        _ if w.len() >= 5
            && w.ends_with("ed")
            && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')
            && !matches!(w, "hundred" | "sacred" | "naked" | "wicked" | "kindred" | "indeed" | "speed" | "breed") =>
        {
            Participle
        }
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        for z in -800_000..800_000i64 {
            let (y, m, d) = civil_from_days(z);
            assert_eq!(days_from_civil(y, m, d), z);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        // 2024-11-21 is a Thursday
        assert_eq!(weekday_of(days_from_civil(2024, 11, 21)), 3);
        let j = jiff::civil::date(2014, 3, 20);
        assert_eq!(weekday_of(days_from_civil(2014, 3, 20)), j.weekday().to_monday_zero_offset() as i64);
    }

    #[test]
    fn head_list_matches_lexicon() {
        use entente_core::calendar::{MONTHS, WEEKDAYS};
        let abbreviations: Vec<&str> = MONTHS.iter().map(|m| &m[..3]).collect();
        for w in MONTHS.iter().chain(&abbreviations).chain(&WEEKDAYS).chain(OTHER_HEADS) {
            assert!(is_head(classify(w.as_bytes())), "{w}");
            let b = w.as_bytes();
            assert!(HEAD_SHAPES[head_shape(b[0], b[b.len() - 1])] & 1 << w.len() != 0, "{w}");
        }
        // and the other way round: every word `classify` spells out that is a head is listed
        // (read off this file's text of `classify`)
        let src = include_str!("temporal.rs");
        let body = &src[src.find("fn classify(").unwrap()..];
        let body = &body[..body.find("\n}\n").unwrap()];
        let mut heads = 0;
        for lit in body.split("b\"").skip(1).filter_map(|x| x.split('"').next()) {
            if is_head(classify(lit.as_bytes())) {
                heads += 1;
                let listed = MONTHS.iter().chain(&abbreviations).chain(&WEEKDAYS).chain(OTHER_HEADS).any(|w| *w == lit);
                assert!(listed, "{lit}");
            }
        }
        assert!(heads >= 50, "{heads}");
    }

    #[test]
    fn expressions_start_only_where_may_start_says() {
        let sentences = [
            "Since 2012, and until last week, the talks ran from March to May of 2013.",
            "Two days later, on Monday 3 June, before the end of the year, he left.",
            "In the 1990s and early this month, prior to the war, between 2001 and 2003.",
            "He said yesterday (Tuesday) that post-war talks \u{2014} by next summer \u{2014} failed.",
            "The 25th of December, a year ago, earlier this week, tonight, after the 2006 war.",
        ];
        let anchor = Some(PDate::day(2014, 6, 5));
        let mut starts = 0;
        for s in sentences {
            let toks = lex(s);
            let p = Parser { src: s.as_bytes(), t: &toks, a: Anchor::new(anchor) };
            for (i, t) in toks.iter().enumerate() {
                let found = p.construct(i).is_some() || p.atom(i, false).is_some();
                assert!(may_start(t.t) || !found, "{s}: token {i}");
                starts += usize::from(found);
            }
        }
        assert!(starts >= 10, "{starts}");
    }

    #[test]
    fn years_are_runs_of_four_digits_from_1900_to_2099() {
        assert!(holds_year(b"in 2012."));
        assert!(holds_year(b"the 1990s"));
        assert!(holds_year(b"2011-13"));
        assert!(holds_year(b"x2012y"));
        assert!(!holds_year(b"25 people, 20145 troops, 1899, 2100 and 12,000"));
        assert!(!holds_year(b""));
    }

    #[test]
    fn precheck_bails_out_without_heads() {
        assert!(!precheck("The minister met his counterpart in Doha to discuss the crisis."));
        assert!(!precheck("Rockets such as the Qassam 400 were fired at 250 sites."));
        assert!(precheck("They met in June."));
        assert!(precheck("It happened in 2012."));
        assert!(precheck("Two weeks ago"));
    }
}
