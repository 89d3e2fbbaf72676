//! Actor mentions of a sentence, resolved against the knowledge base at a document's date.
//!
//! Rules, in order:
//! 1. Gazetteer: the longest knowledge-base name starting at each word (normal form, see
//!    [`crate::norm`]); the text must be capitalised, and short all-capital abbreviations
//!    ("US", "UN") must match case exactly, so "us" is never the United States.
//! 2. Ambiguity: where a name belongs to several actors, persons holding a role at the
//!    document's date win; else names beat capitals beat demonyms; a remaining tie is not
//!    guessed (the mention is dropped).
//! 3. Role phrases: `ORG ['s] ROLE` ("Iran's supreme leader", "the Qatari emir"),
//!    `ROLE of ORG` ("emir of Qatar") name whoever held the role for that organisation at the
//!    document's date; when a person's name follows ("Iranian President Hassan Rouhani") the
//!    whole phrase is that person. With no known holder the organisation stays the actor.
//! 4. Partial names: a single capitalised word that is the last word of a person named in
//!    full earlier in the document ("Meshaal" after "Khaled Meshaal").
//! 5. Transliteration variants ([`crate::translit`]): a run of capitalised words (with "al-",
//!    "bin" and the like inside) that no name matches exactly resolves, longest sub-run
//!    first, to the one person or organisation whose multi-word name has the same skeleton
//!    ("Muhammad bin Salman", "Kassem Suleimani"); a skeleton two actors share resolves to
//!    nobody. A single word resolves through its skeleton only as a partial name (rule 4:
//!    "Meshal" after "Khaled Meshaal"), never a family name ("Al Thani") and never a word
//!    inside a longer capitalised run.

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use entente_core::PDate;
use serde::Serialize;

use crate::norm::{normalize, Normalized};
use crate::translit::WordClass;
use crate::{ActorIdx, Kb, KeyTarget};

/// How a mention was resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    Name,
    Alias,
    Demonym,
    Capital,
    Metonym,
    Role,
    /// A role phrase whose holder at the date is not known ("Iran's foreign minister" on
    /// an undated page): the office acts for its organisation.
    Office,
    PartialName,
    /// A transliteration variant of a known name (rule 5): a multi-word name with the
    /// skeleton of one actor's name, or a last name with the skeleton of a person's named
    /// in full earlier in the document.
    Variant,
    /// A pronoun or definite description standing for an actor named shortly before ("he",
    /// "its", "the movement"), resolved by the event stage (`entente_extract::coref`).
    Coref,
}

/// An actor mention in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span in the sentence.
    pub span: Range<usize>,
    pub actor: ActorIdx,
    pub via: Via,
    /// A name inside another mention's phrase ("Hamas" in "Hamas leader Khaled Meshaal",
    /// "Iranian" in "Iranian President Hassan Rouhani"): kept for the record of surface
    /// forms, never an event argument of its own.
    pub nested: bool,
    /// Whether the actor is a place (a target of acts, never their agent).
    pub is_place: bool,
}

fn mention(kb: &Kb, span: Range<usize>, actor: ActorIdx, via: Via, nested: bool) -> Mention {
    Mention { span, actor, via, nested, is_place: kb.actors[actor].kind == "place" }
}

/// What the resolver remembers within one document.
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    /// The document's date (publication date), for dated roles.
    pub date: Option<PDate>,
    /// Last words of persons named in full so far -> the person, `None` when two persons
    /// named so far share it.
    partial: HashMap<compact_str::CompactString, Option<ActorIdx>>,
    /// Partial keys ([`crate::translit::Translit::partial_key`]) of those last words -> the
    /// person, `None` when two persons named so far share one.
    partial_skel: HashMap<compact_str::CompactString, Option<ActorIdx>>,
    /// Persons whose knowledge-base last names are recorded.
    noted: rustc_hash::FxHashSet<ActorIdx>,
    /// A buffer for skeletons.
    scratch: String,
    /// The first bytes of the keys of `partial_skel`.
    skel_first: u128,
    /// The first bytes of the keys of `partial`.
    partial_first: u128,
    /// [`resolve_scan`]'s tables, kept between sentences.
    items: Vec<(usize, usize, Option<Item>)>,
    consumed: Vec<bool>,
}

impl DocContext {
    pub fn new(date: Option<PDate>) -> Self {
        DocContext {
            date,
            partial: HashMap::default(),
            partial_skel: HashMap::default(),
            noted: Default::default(),
            scratch: String::new(),
            skel_first: 0,
            partial_first: 0,
            items: Vec::new(),
            consumed: Vec::new(),
        }
    }
}

#[derive(Clone, Debug)]
struct Raw {
    /// normalised byte range
    a: usize,
    b: usize,
    hit: Hit,
}

/// What a span of a sentence matched.
#[derive(Clone, Copy, Debug)]
enum Hit {
    /// A gazetteer key (index into [`Kb::keys`]).
    Key(usize),
    /// The skeleton of one actor's name (rule 5).
    Variant(ActorIdx),
}

fn has_upper(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase())
}

/// The date-independent part of resolution: the sentence in normal form and the
/// knowledge-base names found in it. [`resolve_scan`] turns it into mentions at a date, so a
/// document whose date must first be inferred is scanned once.
#[derive(Clone, Debug)]
pub struct Scan {
    n: crate::norm::Normalized,
    text: String,
    raws: Vec<Raw>,
}

impl Scan {
    /// Whether resolving this sentence depends on the document's date: it holds a role
    /// phrase, or a name several persons share.
    pub fn date_sensitive(&self, kb: &Kb) -> bool {
        self.raws.iter().any(|r| matches!(r.hit, Hit::Key(key) if kb.key_dated[key]))
    }

    /// The sentence in normal form ([`crate::norm`]), with a trailing space.
    pub fn normalized(&self) -> &str {
        &self.text
    }

    /// The byte offsets in [`Scan::normalized`] where its words start.
    pub fn word_starts(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(0).chain(self.n.spaces.iter().map(|&s| s as usize + 1))
    }

    /// The normal form of the sentence's bytes `from..to` (char boundaries), as
    /// [`crate::norm::key`] of that part gives it, read off the whole sentence's normal form.
    pub fn normalized_between(&self, from: usize, to: usize) -> &str {
        let offs = &self.n.offsets[..self.n.offsets.len() - 1];
        let a = offs.partition_point(|&o| (o as usize) < from);
        let b = offs.partition_point(|&o| (o as usize) < to);
        self.text[a..b.max(a)].trim_matches(' ')
    }

    /// Whether no knowledge-base name or role phrase was found.
    pub fn is_empty(&self) -> bool {
        self.raws.is_empty()
    }
}

/// The actor mentions of `sentence`, in order.
pub fn mentions(kb: &Kb, sentence: &str, ctx: &mut DocContext) -> Vec<Mention> {
    let sc = scan(kb, sentence);
    resolve_scan(kb, sentence, &sc, ctx)
}

/// Working buffers of [`scan_with`], kept between sentences so that scanning a document
/// allocates them once.
#[derive(Default)]
pub struct ScanBuffers {
    caps: Vec<usize>,
    run: Vec<RunWord>,
    found: Vec<Raw>,
    drop: Vec<usize>,
    words: Vec<usize>,
    free: Vec<bool>,
    sk: String,
    pieces: Vec<(usize, usize)>,
    used: Vec<bool>,
    inside: Vec<usize>,
}

/// Finds the knowledge-base names of `sentence` (rule 1).
pub fn scan(kb: &Kb, sentence: &str) -> Scan {
    scan_with(kb, sentence, &mut ScanBuffers::default())
}

/// [`scan`] with buffers kept from the sentences scanned before (the same result, fewer
/// allocations).
pub fn scan_with(kb: &Kb, sentence: &str, bufs: &mut ScanBuffers) -> Scan {
    let mut n = normalize(sentence);
    n.spaces.push(n.text.len() as u32);
    n.text.push(' ');
    let text = std::mem::take(&mut n.text);
    // 1. gazetteer matches anchored at word starts
    let mut raws: Vec<Raw> = Vec::new();
    // capitalised word starts, for rule 5
    let with_variants = !kb.variants.is_empty();
    let mut caps = std::mem::take(&mut bufs.caps);
    caps.clear();
    let spaces = &n.spaces;
    let mut wi = 0usize;
    while wi < spaces.len() {
        let pos = if wi == 0 { 0 } else { spaces[wi - 1] as usize + 1 };
        let word_end = spaces[wi] as usize;
        if with_variants && is_cap(sentence, n.offsets[pos] as usize) {
            caps.push(pos);
        }
        let candidate = kb.may_start_name(&text[pos..word_end]);
        if let Some((key, b, words)) = if candidate { kb.trie.longest_from(&text, pos, &spaces[wi..]) } else { None } {
            let a = pos;
            let orig = n.original(a, b, sentence);
            let surface = &sentence[orig.clone()];
            // role phrases and collectives ("the international community") may be lower case
            let is_role = kb.key_any_case[key];
            let ok = match &kb.exact_case[key] {
                Some(abbr) => surface.chars().filter(|c| c.is_alphanumeric()).collect::<String>() == *abbr,
                None => is_role || has_upper(surface),
            };
            if ok {
                raws.push(Raw { a, b, hit: Hit::Key(key) });
                wi += words;
                continue;
            }
        }
        // next word
        wi += 1;
    }

    if caps.len() >= 2 {
        variants(kb, sentence, &n, &text, &caps, &mut raws, bufs);
    }
    bufs.caps = caps;
    Scan { n, text, raws }
}

/// Resolves a [`Scan`] of `sentence` at the document's date (rules 2 to 4).
pub fn resolve_scan(kb: &Kb, sentence: &str, sc: &Scan, ctx: &mut DocContext) -> Vec<Mention> {
    let (n, text, raws) = (&sc.n, &sc.text, &sc.raws);
    if raws.is_empty() && ctx.partial.is_empty() {
        return Vec::new();
    }
    // 2. choose actors, 3. compose role phrases (in tables kept between sentences)
    let mut items = std::mem::take(&mut ctx.items);
    let mut consumed = std::mem::take(&mut ctx.consumed);
    items.clear();
    items.extend(raws.iter().map(|r| {
        let key = match r.hit {
            Hit::Key(k) => k,
            Hit::Variant(actor) => return (r.a, r.b, Some(Item::Actor(actor, Via::Variant))),
        };
        let targets = &kb.keys[key].1;
        let item = match choose(kb, targets, ctx.date) {
            Some((a, v)) => Some(Item::Actor(a, v)),
            None => {
                let roles: Vec<usize> =
                    targets.iter().filter_map(|t| if let KeyTarget::Role(i) = t { Some(*i) } else { None }).collect();
                (!roles.is_empty()).then_some(Item::Role(roles))
            }
        };
        (r.a, r.b, item)
    }));

    // the words between two matches (none when they touch), read lazily
    let gap_words = |from: usize, to: usize| {
        let between = if from < to { &text[from..to] } else { "" };
        between.split(' ').filter(|w| !w.is_empty())
    };
    let is_person = |a: ActorIdx| kb.is_person(a);

    let mut out: Vec<Mention> = Vec::new();
    consumed.clear();
    consumed.resize(items.len(), false);
    for i in 0..items.len() {
        if consumed[i] {
            continue;
        }
        let (a, b, item) = &items[i];
        match item {
            Some(Item::Actor(actor, via)) => {
                out.push(mention(kb, n.original(*a, *b, sentence), *actor, *via, false));
            }
            Some(Item::Role(role_idxs)) => {
                // org before: ORG ['s] ROLE, or ORG's ... within "the"
                let mut org: Option<(usize, ActorIdx)> = None;
                if i > 0 && !consumed[i - 1] {
                    if let (pa, pb, Some(Item::Actor(o, _))) = &items[i - 1] {
                        let mut gap = gap_words(*pb, *a);
                        if !is_person(*o)
                            && gap.all(|w| matches!(w, "s" | "elite" | "then" | "former" | "top" | "new" | "late"))
                        {
                            org = Some((*pa, *o));
                        }
                    }
                }
                // ROLE of [the] ORG
                let mut org_after: Option<(usize, ActorIdx)> = None;
                if org.is_none() && i + 1 < items.len() {
                    if let (na, nb, Some(Item::Actor(o, _))) = &items[i + 1] {
                        let gap = gap_words(*b, *na);
                        let (w1, w2, w3) = {
                            let mut g = gap;
                            (g.next(), g.next(), g.next())
                        };
                        if !is_person(*o)
                            && matches!((w1, w2, w3), (Some("of"), None, _) | (Some("of"), Some("the"), None))
                        {
                            org_after = Some((*nb, *o));
                        }
                    }
                }
                // a person named right after the role phrase
                let next_person = (i + 1 < items.len())
                    .then(|| {
                        let (na, nb, it) = &items[i + 1];
                        if let Some(Item::Actor(p, v)) = it {
                            let gap = gap_words(*b, *na);
                            if is_person(*p)
                                && gap.clone().count() <= 2
                                && gap.clone().all(|w| kb.honorifics.contains(w))
                            {
                                return Some((*na, *nb, *p, *v));
                            }
                        }
                        None
                    })
                    .flatten();
                if let Some((_, nb, p, v)) = next_person {
                    // "Iranian President Hassan Rouhani": the person; the org modifier goes
                    let start = org.map_or(*a, |(s, _)| s);
                    if org.is_some() {
                        if let Some(last) = out.last_mut() {
                            last.nested = true;
                        }
                    }
                    consumed[i + 1] = true;
                    out.push(mention(kb, n.original(start, nb, sentence), p, v, false));
                    continue;
                }
                let (org_start, org_end, org_idx) = match (org, org_after) {
                    (Some((s, o)), _) => (s, *b, o),
                    (None, Some((e, o))) => (*a, e, o),
                    _ => continue,
                };
                // a past holder ("Iran's former president", "the late Kuwaiti ruler", "the then
                // foreign minister") is not the holder at the document's date, nor does the
                // office speak for its organisation now: the phrase names nobody
                let past = |w: &str| matches!(w, "former" | "late" | "ex" | "then");
                let word_before = text[..org_start].trim_end().rsplit(' ').next().unwrap_or("");
                if past(word_before) || gap_words(org_start, org_end).any(past) {
                    if org.is_some() {
                        if let Some(last) = out.last_mut() {
                            last.nested = true;
                        }
                    } else {
                        consumed[i + 1] = true;
                    }
                    continue;
                }
                let mut ranked: Vec<usize> = role_idxs.clone();
                ranked.sort_by_key(|&r| -kb.roles[r].rank);
                let holder = ranked.iter().find_map(|&r| kb.holder(org_idx, &kb.roles[r].key, ctx.date));
                // without a known holder the office stands for its organisation
                let (who, via) = holder.map_or((org_idx, Via::Office), |h| (h, Via::Role));
                if org.is_some() {
                    if let Some(last) = out.last_mut() {
                        last.nested = true;
                    }
                } else {
                    consumed[i + 1] = true;
                    let (na, nb, _) = &items[i + 1];
                    out.push(mention(kb, n.original(*na, *nb, sentence), org_idx, Via::Name, true));
                }
                out.push(mention(kb, n.original(org_start, org_end, sentence), who, via, false));
            }
            None => {}
        }
    }

    // 4. partial names of persons named earlier
    if !ctx.partial.is_empty() {
        // the mentions found so far cover their spans (not those this step adds)
        let n_found = out.len();
        // the words (without the trailing space), from the word ends `normalize` recorded
        for (wi, &end) in n.spaces.iter().enumerate() {
            let a = if wi == 0 { 0 } else { n.spaces[wi - 1] as usize + 1 };
            let b = end as usize;
            // only capitalised words can be names: look at the original's first byte
            if a == b || !sentence.as_bytes().get(n.offsets[a] as usize).is_some_and(|c| c.is_ascii_uppercase()) {
                continue;
            }
            let w = &text[a..b];
            let first = ctx.partial_first & (1u128 << (w.as_bytes()[0] & 127)) != 0;
            if let Some(&p) = if first { ctx.partial.get(w) } else { None } {
                // a last name two persons named so far share names neither
                let Some(p) = p else { continue };
                let orig = n.original(a, b, sentence);
                if has_upper(&sentence[orig.clone()])
                    && !out[..n_found].iter().any(|m| m.span.start <= orig.start && orig.end <= m.span.end)
                {
                    out.push(mention(kb, orig, p, Via::PartialName, false));
                }
            } else if !ctx.partial_skel.is_empty() {
                // 5. a variant of a last name named earlier ("Meshal" after "Khaled Meshaal")
                if let Some(p) = partial_variant(kb, sentence, sc, a, b, ctx) {
                    let orig = n.original(a, b, sentence);
                    if !out[..n_found].iter().any(|m| m.span.start < orig.end && orig.start < m.span.end) {
                        out.push(mention(kb, orig, p, Via::Variant, false));
                    }
                }
            }
        }
        out.sort_by_key(|m| m.span.start);
    }
    ctx.items = items;
    ctx.consumed = consumed;
    ctx.remember(kb, sc, &out);
    out
}

/// A knowledge-base match of a sentence as [`resolve_scan`] reads it: an actor, or role
/// phrases to compose with the names around them.
#[derive(Clone, Debug)]
enum Item {
    Actor(ActorIdx, Via),
    Role(Vec<usize>),
}

impl DocContext {
    /// Records the persons named in full in `mentions` (of the sentence `sc` scanned), so
    /// that their last names resolve later in the document (rule 4).
    pub fn remember(&mut self, kb: &Kb, sc: &Scan, mentions: &[Mention]) {
        for m in mentions {
            if m.nested || !kb.is_person(m.actor) || !matches!(m.via, Via::Name | Via::Alias | Via::Role | Via::Variant)
            {
                continue;
            }
            let k = sc.normalized_between(m.span.start, m.span.end);
            let lasts = &kb.partial_keys[m.actor];
            let surface = k
                .rsplit_once(' ')
                .map(|(_, last)| last)
                .filter(|last| last.len() > 2 && !lasts.iter().any(|l| l == last));
            if let Some(last) = surface {
                note(&mut self.partial, last, m.actor);
                self.partial_first |= 1u128 << (last.as_bytes()[0] & 127);
                // rule 5: its skeleton; a role phrase's last word is no name
                if m.via != Via::Role && kb.variants.translit.partial_key_into(last, &mut self.scratch) {
                    note(&mut self.partial_skel, &self.scratch, m.actor);
                    self.skel_first |= 1u128 << (self.scratch.as_bytes()[0] & 127);
                }
            }
            if self.noted.insert(m.actor) {
                for last in lasts {
                    note(&mut self.partial, last, m.actor);
                    if let Some(&f) = last.as_bytes().first() {
                        self.partial_first |= 1u128 << (f & 127);
                    }
                }
                for pk in kb.variants.partial.get(m.actor).into_iter().flatten() {
                    note(&mut self.partial_skel, pk, m.actor);
                    self.skel_first |= 1u128 << (pk.as_bytes()[0] & 127);
                }
            }
        }
    }
}

/// Records that `key` stands for `actor`; a key two actors share stands for nobody.
fn note(map: &mut HashMap<compact_str::CompactString, Option<ActorIdx>>, key: &str, actor: ActorIdx) {
    match map.get_mut(key) {
        Some(e) => {
            if *e != Some(actor) {
                *e = None;
            }
        }
        None => {
            map.insert(key.into(), Some(actor));
        }
    }
}

/// Whether the original text at byte `o` starts with an upper-case letter.
fn is_cap(sentence: &str, o: usize) -> bool {
    match sentence.as_bytes().get(o) {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        Some(_) => sentence[o..].chars().next().is_some_and(char::is_uppercase),
        None => false,
    }
}

/// What stands between two words in the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    Space,
    /// A hyphen ("al-Assad"), with or without spaces.
    Hyphen,
    /// An apostrophe alone ("Hay'at", "Rohani's").
    Apostrophe,
    /// Anything else: punctuation ends a name.
    Break,
}

/// The gap between normalised word `pa..pb` and the word starting at normalised `na`.
fn gap(sentence: &str, n: &Normalized, pa: usize, pb: usize, na: usize) -> Gap {
    let to = n.offsets[na] as usize;
    // the common case: one ASCII space after an ASCII letter
    let last = n.offsets[pb - 1] as usize;
    if last + 2 == to && sentence.as_bytes()[last] < 128 && sentence.as_bytes()[last + 1] == b' ' {
        return Gap::Space;
    }
    let from = n.original(pa, pb, sentence).end;
    let (mut space, mut hyphen, mut apostrophes) = (false, false, 0);
    for c in sentence.get(from..to).unwrap_or("").chars() {
        if c.is_whitespace() {
            space = true;
        } else if crate::translit::is_hyphen(c) {
            hyphen = true;
        } else if crate::translit::is_apostrophe(c) {
            apostrophes += 1;
        } else {
            return Gap::Break;
        }
    }
    match (apostrophes, space || hyphen) {
        (0, _) if hyphen => Gap::Hyphen,
        (0, _) => Gap::Space,
        (1, false) => Gap::Apostrophe,
        _ => Gap::Break,
    }
}

/// A word of a capitalised run (rule 5): normalised range and class.
#[derive(Clone, Copy, Debug)]
struct RunWord {
    a: usize,
    b: usize,
    class: WordClass,
}

/// Rule 5 at scan time: variants of multi-word names in the runs of capitalised words.
fn variants(
    kb: &Kb,
    sentence: &str,
    n: &Normalized,
    text: &str,
    caps: &[usize],
    raws: &mut Vec<Raw>,
    bufs: &mut ScanBuffers,
) {
    let t = &kb.variants.translit;
    let bytes = text.as_bytes();
    let len = text.len() - 1;
    let mut run = std::mem::take(&mut bufs.run);
    let mut found = std::mem::take(&mut bufs.found);
    let mut drop = std::mem::take(&mut bufs.drop);
    run.clear();
    found.clear();
    drop.clear();
    let mut cursor = 0usize;
    // each run starts at a capitalised word and goes on while words join it
    for &start in caps {
        if start < cursor {
            continue;
        }
        let mut pos = start;
        while pos < len {
            let end = memchr_space(bytes, pos).unwrap_or(len);
            let cap = is_cap(sentence, n.offsets[pos] as usize);
            let w = &text[pos..end];
            if let Some(prev) = run.last_mut() {
                match gap(sentence, n, prev.a, prev.b, pos) {
                    Gap::Break => break,
                    // a possessive ends the name
                    Gap::Apostrophe if w == "s" => break,
                    Gap::Apostrophe if prev.class == WordClass::Word => {
                        // one word written with an apostrophe ("Hay'at")
                        prev.b = end;
                        pos = end + 1;
                        continue;
                    }
                    _ => {}
                }
            }
            let mut class = if w.len() <= 4 { t.class(w) } else { WordClass::Word };
            if class == WordClass::HyphenArticle {
                let hyphen = end < len && gap(sentence, n, pos, end, end + 1) == Gap::Hyphen;
                class = if hyphen { WordClass::Article } else { WordClass::Word };
            }
            if !cap && class == WordClass::Word {
                break;
            }
            run.push(RunWord { a: pos, b: end, class });
            pos = end + 1;
        }
        cursor = pos.max(start + 1);
        variant_run(kb, text, &run, raws, &mut found, &mut drop, bufs);
        run.clear();
    }
    if !found.is_empty() {
        drop.sort_unstable();
        drop.dedup();
        for &i in drop.iter().rev() {
            raws.remove(i);
        }
        raws.append(&mut found);
        raws.sort_by_key(|r| r.a);
    }
    bufs.run = run;
    bufs.found = found;
    bufs.drop = drop;
}

/// Resolves one capitalised run: longest sub-run first, each word at most once. A sub-run
/// must start and end with a word (not an article or connector), leave at least one word to
/// no exact name, and not cut through an exact name; exact names inside a match give way.
#[allow(clippy::too_many_arguments)]
fn variant_run(
    kb: &Kb,
    text: &str,
    run: &[RunWord],
    raws: &[Raw],
    found: &mut Vec<Raw>,
    drop: &mut Vec<usize>,
    bufs: &mut ScanBuffers,
) {
    let covered = |w: &RunWord| raws.iter().any(|r| r.a <= w.a && w.b <= r.b);
    let is_word = |w: &RunWord| w.class == WordClass::Word;
    if run.iter().filter(|w| is_word(w)).count() < 2 || !run.iter().any(|w| is_word(w) && !covered(w)) {
        return;
    }
    let ScanBuffers { words, free, sk, pieces, used, inside, .. } = bufs;
    words.clear();
    words.extend((0..run.len()).filter(|&i| is_word(&run[i])));
    free.clear();
    free.extend(run.iter().map(|w| is_word(w) && !covered(w)));
    let t = &kb.variants.translit;
    // each word's skeleton, in one buffer: a sub-run's skeleton is a slice of it
    sk.clear();
    pieces.clear();
    pieces.extend(run.iter().map(|w| {
        let start = sk.len();
        if w.class != WordClass::Article {
            t.push_word(&text[w.a..w.b], sk);
        }
        (start, sk.len())
    }));
    used.clear();
    used.resize(run.len(), false);
    let longest = words.len().min(kb.variants.max_words);
    for l in (2..=longest).rev() {
        for ci in 0..=words.len() - l {
            let (wi, wj) = (words[ci], words[ci + l - 1]);
            if used[wi..=wj].iter().any(|&u| u) || !free[wi..=wj].iter().any(|&f| f) {
                continue;
            }
            let key = &sk[pieces[wi].0..pieces[wj].1];
            let Some(hit) = kb.variants.get(key) else { continue };
            let (a, b) = (run[wi].a, run[wj].b);
            inside.clear();
            inside.extend((0..raws.len()).filter(|&i| raws[i].a < b && a < raws[i].b));
            if inside.iter().any(|&i| raws[i].a < a || b < raws[i].b) {
                continue;
            }
            used[wi..=wj].iter_mut().for_each(|u| *u = true);
            // a skeleton several actors share names nobody
            if let Some(actor) = hit {
                drop.extend(inside.iter().copied());
                found.push(Raw { a, b, hit: Hit::Variant(actor) });
            }
        }
    }
}

/// Rule 5 for one capitalised word `a..b` of a sentence: the person named earlier in the
/// document whose last name has its skeleton. Only a word standing alone (after nothing but
/// an honorific or a lower-case article, before no other capitalised word) qualifies.
fn partial_variant(kb: &Kb, sentence: &str, sc: &Scan, a: usize, b: usize, ctx: &mut DocContext) -> Option<ActorIdx> {
    let (n, text) = (&sc.n, &sc.text);
    let t = &kb.variants.translit;
    let w = &text[a..b];
    if w.len() < 3 || !t.first_byte(w).is_some_and(|f| f < 128 && ctx.skel_first & (1u128 << f) != 0) {
        return None;
    }
    // a word inside a knowledge-base name is none (tested before the skeleton is made)
    if sc.raws.iter().any(|r| r.a < b && a < r.b) || !t.partial_key_into(w, &mut ctx.scratch) {
        return None;
    }
    let p = (*ctx.partial_skel.get(ctx.scratch.as_str())?)?;
    if t.class(w) != WordClass::Word {
        return None;
    }
    // the word before: none, punctuation, an honorific, or a lower-case article
    if a > 0 {
        let pa = text[..a - 1].rfind(' ').map_or(0, |i| i + 1);
        let prev = &text[pa..a - 1];
        if gap(sentence, n, pa, a - 1, a) != Gap::Break {
            let prev_cap = is_cap(sentence, n.offsets[pa] as usize);
            match t.class(prev) {
                WordClass::Article if prev_cap => return None, // "Al Thani": a family
                // "al-Meshal" after another capitalised word: inside a longer name
                WordClass::Article if pa > 0 => {
                    let ppa = text[..pa - 1].rfind(' ').map_or(0, |i| i + 1);
                    if is_cap(sentence, n.offsets[ppa] as usize) && gap(sentence, n, ppa, pa - 1, pa) != Gap::Break {
                        return None;
                    }
                }
                WordClass::Connector => return None,
                _ if prev_cap && !kb.honorifics.contains(prev) => return None,
                _ => {}
            }
        }
    }
    // the word after: none, punctuation, a possessive or a lower-case word
    let len = text.len() - 1;
    if b < len {
        let nb = memchr_space(text.as_bytes(), b + 1).unwrap_or(len);
        let next = &text[b + 1..nb];
        match gap(sentence, n, a, b, b + 1) {
            Gap::Break => {}
            Gap::Apostrophe if next == "s" => {}
            Gap::Apostrophe => return None,
            _ => {
                if is_cap(sentence, n.offsets[b + 1] as usize) || t.class(next) != WordClass::Word {
                    return None;
                }
            }
        }
    }
    Some(p)
}

fn memchr_space(bytes: &[u8], from: usize) -> Option<usize> {
    bytes[from..].iter().position(|&b| b == b' ').map(|p| p + from)
}

fn via_rank(v: Via) -> u8 {
    match v {
        Via::Name => 5,
        Via::Alias => 4,
        Via::Metonym => 3,
        Via::Capital => 2,
        Via::Demonym => 1,
        _ => 0,
    }
}

fn kind_rank(k: &str) -> u8 {
    match k {
        "country" => 4,
        "organization" => 3,
        "bloc" => 2,
        "person" => 1,
        _ => 0,
    }
}

/// The actor a key names, at `date`; `None` for an unresolved tie.
fn choose(kb: &Kb, targets: &[KeyTarget], date: Option<PDate>) -> Option<(ActorIdx, Via)> {
    // the common case, one actor under the key
    if let [KeyTarget::Actor(a, v)] = targets {
        return Some((*a, *v));
    }
    let mut cands: Vec<(ActorIdx, Via)> =
        targets.iter().filter_map(|t| if let KeyTarget::Actor(a, v) = t { Some((*a, *v)) } else { None }).collect();
    // one actor listed under several forms of the same key: keep its best form
    cands.sort_by_key(|(a, v)| (*a, std::cmp::Reverse(via_rank(*v))));
    cands.dedup_by_key(|(a, _)| *a);
    if cands.len() <= 1 {
        return cands.pop();
    }
    // persons: prefer those in office at the date
    if cands.iter().all(|(a, _)| kb.is_person(*a)) {
        let active: Vec<(ActorIdx, Via)> =
            cands.iter().copied().filter(|(a, _)| kb.roles_at(*a, date).next().is_some()).collect();
        if active.len() == 1 {
            return active.first().copied();
        }
        return None;
    }
    cands.sort_by_key(|(a, v)| (std::cmp::Reverse(via_rank(*v)), std::cmp::Reverse(kind_rank(&kb.actors[*a].kind))));
    let best = cands[0];
    let second = cands[1];
    if via_rank(best.1) == via_rank(second.1)
        && kind_rank(&kb.actors[best.0].kind) == kind_rank(&kb.actors[second.0].kind)
    {
        return None;
    }
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KB: &str = include_str!("testdata/kb.toml");

    #[test]
    fn the_first_word_filter_agrees_with_the_first_words() {
        let kb = kb();
        // the filter never turns away a word that starts a name
        for (k, _) in &kb.keys {
            let first = k.split(' ').next().unwrap_or_default();
            assert!(kb.may_start_name(first) && kb.trie.starts_with_word(first), "{k}");
        }
        for w in ["emir", "supreme", "president", "foreign", "qatar", "the", "said", "x", "zzz", "qatari"] {
            let first = kb.keys.iter().any(|(k, _)| k.split(' ').next() == Some(w));
            assert_eq!(kb.trie.starts_with_word(w), first, "{w}");
            assert!(kb.may_start_name(w) || !first, "{w}");
        }
        assert!(kb.may_start_name("supreme") && !kb.may_start_name("zzz"));
        let president = kb.role_index("president").expect("a defined role is indexed");
        assert_eq!(kb.roles[president].key, "president");
        assert_eq!(kb.role_index("no_such_role"), None);
    }

    #[test]
    fn a_scan_knows_where_its_words_start() {
        let kb = kb();
        for s in ["", "Iran's supreme leader, Ali Khamenei (in Tehran)", "  Qatar  "] {
            let sc = scan(&kb, s);
            let text = sc.normalized();
            let want: Vec<usize> = (0..text.len()).filter(|&i| i == 0 || text.as_bytes()[i - 1] == b' ').collect();
            let got: Vec<usize> = sc.word_starts().filter(|&i| i < text.len()).collect();
            assert_eq!(got, want, "{s}");
        }
    }

    fn kb() -> Kb {
        Kb::from_sources([("test.toml".to_string(), KB.to_string())]).unwrap()
    }

    fn ids(kb: &Kb, s: &str, date: &str) -> Vec<(String, String)> {
        let mut ctx = DocContext::new(Some(date.parse().unwrap()));
        mentions(kb, s, &mut ctx)
            .into_iter()
            .filter(|m| !m.nested)
            .map(|m| (kb.actors[m.actor].id.clone(), s[m.span].to_string()))
            .collect()
    }

    #[test]
    fn role_phrases_resolve_at_the_documents_date() {
        let kb = kb();
        assert_eq!(ids(&kb, "Iran’s supreme leader spoke.", "2014-03")[0].0, "KHAMENEI_ALI");
        assert_eq!(ids(&kb, "The Qatari emir arrived.", "2014-03")[0].0, "TAMIM");
        assert_eq!(ids(&kb, "The Qatari emir arrived.", "2012-10")[0].0, "HAMAD");
        assert_eq!(ids(&kb, "He met the emir of Qatar.", "2012-10")[0].0, "HAMAD");
        assert_eq!(
            ids(&kb, "Iranian President Hassan Rouhani met them.", "2017-08"),
            vec![("ROUHANI".to_string(), "Iranian President Hassan Rouhani".to_string())]
        );
    }

    #[test]
    fn a_past_holder_is_nobody_at_the_documents_date() {
        let kb = kb();
        assert_eq!(ids(&kb, "Iran’s former president spoke.", "2017-08"), vec![]);
        assert_eq!(ids(&kb, "The late Qatari emir arrived.", "2014-03"), vec![]);
        assert_eq!(ids(&kb, "The former Qatari emir arrived.", "2014-03"), vec![]);
        // the person named after the office is still that person
        assert_eq!(ids(&kb, "Former Iranian President Hassan Rouhani spoke.", "2022-08")[0].0, "ROUHANI");
        // the holder at the date, without "former"
        assert_eq!(ids(&kb, "The Qatari emir arrived.", "2014-03")[0].0, "TAMIM");
    }

    #[test]
    fn an_office_without_a_known_holder_acts_for_its_organisation() {
        let kb = kb();
        assert_eq!(
            ids(&kb, "Iran’s foreign minister spoke.", "2014-03"),
            vec![("IRN".to_string(), "Iran’s foreign minister".to_string())]
        );
        assert_eq!(
            ids(&kb, "The foreign minister of Qatar spoke.", "2014-03"),
            vec![("QAT".to_string(), "foreign minister of Qatar".to_string())]
        );
    }

    #[test]
    fn capitals_demonyms_and_case() {
        let kb = kb();
        let got = ids(&kb, "Tehran told us the Iranians and the US agree.", "2014-03");
        let got: Vec<&str> = got.iter().map(|(i, _)| i.as_str()).collect();
        assert_eq!(got, ["IRN", "IRN", "USA"]);
    }

    #[test]
    fn partial_names_follow_full_names_in_the_document() {
        let kb = kb();
        let mut ctx = DocContext::new(Some("2014-03".parse().unwrap()));
        let s1 = "Hamas leader Khalid Mashaal arrived.";
        let s2 = "Mashaal then left; Meshaal is a variant.";
        let m1 = mentions(&kb, s1, &mut ctx);
        assert!(m1.iter().any(|m| kb.actors[m.actor].id == "MESHAAL"));
        let m2 = mentions(&kb, s2, &mut ctx);
        let got: Vec<&str> = m2.iter().filter(|m| !m.nested).map(|m| kb.actors[m.actor].id.as_str()).collect();
        assert_eq!(got, ["MESHAAL", "MESHAAL"]);
    }
}
