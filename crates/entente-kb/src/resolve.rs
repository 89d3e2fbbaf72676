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

use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;

use aho_corasick::{Anchored, Input};
use entente_core::PDate;
use serde::Serialize;

use crate::norm::normalize;
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
    /// Last words of persons named in full so far -> the person.
    partial: HashMap<String, ActorIdx>,
}

impl DocContext {
    pub fn new(date: Option<PDate>) -> Self {
        DocContext { date, partial: HashMap::default() }
    }
}

#[derive(Clone, Debug)]
struct Raw {
    /// normalised byte range
    a: usize,
    b: usize,
    key: usize,
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
        self.raws.iter().any(|r| {
            let t = &kb.keys[r.key].1;
            t.iter().any(|x| matches!(x, KeyTarget::Role(_)))
                || t.iter().filter(|x| matches!(x, KeyTarget::Actor(a, _) if kb.actors[*a].kind == "person")).count()
                    > 1
        })
    }

    /// The sentence in normal form ([`crate::norm`]), with a trailing space.
    pub fn normalized(&self) -> &str {
        &self.text
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

/// Finds the knowledge-base names of `sentence` (rule 1).
pub fn scan(kb: &Kb, sentence: &str) -> Scan {
    let Some(ac) = kb.automaton.as_ref() else {
        return Scan { n: Default::default(), text: String::new(), raws: Vec::new() };
    };
    let mut n = normalize(sentence);
    n.text.push(' ');
    let text = std::mem::take(&mut n.text);
    let bytes = text.as_bytes();
    // 1. gazetteer matches anchored at word starts
    let mut raws: Vec<Raw> = Vec::new();
    let mut pos = 0usize;
    let len = text.len() - 1;
    while pos < len {
        let word_end = memchr_space(bytes, pos).unwrap_or(len);
        let mut advanced = false;
        let candidate = kb.first_words.contains(&text[pos..word_end]);
        let input = Input::new(&text).span(pos..text.len()).anchored(Anchored::Yes);
        if let Some(m) = if candidate { ac.find(input) } else { None } {
            let a = m.start();
            let b = m.end() - 1; // drop the trailing space
            let orig = n.original(a, b, sentence);
            let surface = &sentence[orig.clone()];
            let key = m.pattern().as_usize();
            // role phrases and collectives ("the international community") may be lower case
            let is_role = kb.keys[key].1.iter().all(|t| match t {
                KeyTarget::Role(_) => true,
                KeyTarget::Actor(a, _) => {
                    kb.actors[*a].kind == "bloc" || kb.actors[*a].subkind.as_deref() == Some("collective")
                }
            });
            let ok = match &kb.exact_case[key] {
                Some(abbr) => surface.chars().filter(|c| c.is_alphanumeric()).collect::<String>() == *abbr,
                None => is_role || has_upper(surface),
            };
            if ok {
                raws.push(Raw { a, b, key });
                pos = m.end();
                advanced = true;
            }
        }
        if !advanced {
            // next word
            match memchr_space(bytes, pos) {
                Some(sp) => pos = sp + 1,
                None => break,
            }
        }
    }

    Scan { n, text, raws }
}

/// Resolves a [`Scan`] of `sentence` at the document's date (rules 2 to 4).
pub fn resolve_scan(kb: &Kb, sentence: &str, sc: &Scan, ctx: &mut DocContext) -> Vec<Mention> {
    let (n, text, raws) = (&sc.n, &sc.text, &sc.raws);
    if raws.is_empty() && ctx.partial.is_empty() {
        return Vec::new();
    }
    let len = text.len().saturating_sub(1);
    // 2. choose actors, 3. compose role phrases
    #[derive(Clone, Debug)]
    enum Item {
        Actor(ActorIdx, Via),
        Role(Vec<usize>),
    }
    let items: Vec<(usize, usize, Option<Item>)> = raws
        .iter()
        .map(|r| {
            let targets = &kb.keys[r.key].1;
            let roles: Vec<usize> =
                targets.iter().filter_map(|t| if let KeyTarget::Role(i) = t { Some(*i) } else { None }).collect();
            let actor = choose(kb, targets, ctx.date);
            let item = match actor {
                Some((a, v)) => Some(Item::Actor(a, v)),
                None if !roles.is_empty() => Some(Item::Role(roles)),
                None => None,
            };
            (r.a, r.b, item)
        })
        .collect();

    let gap_words = |from: usize, to: usize| -> Vec<&str> {
        if from >= to {
            return Vec::new();
        }
        text[from..to].split(' ').filter(|w| !w.is_empty()).collect()
    };
    let is_person = |a: ActorIdx| kb.actors[a].kind == "person";

    let mut out: Vec<Mention> = Vec::new();
    let mut consumed = vec![false; items.len()];
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
                        let gap = gap_words(*pb, *a);
                        if !is_person(*o)
                            && gap
                                .iter()
                                .all(|w| matches!(*w, "s" | "elite" | "then" | "former" | "top" | "new" | "late"))
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
                        if !is_person(*o) && matches!(gap.as_slice(), ["of"] | ["of", "the"]) {
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
                            if is_person(*p) && gap.len() <= 2 && gap.iter().all(|w| kb.honorifics.contains(*w)) {
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
                let mut ranked: Vec<usize> = role_idxs.clone();
                ranked.sort_by_key(|&r| -kb.roles[r].rank);
                let holder = ranked.iter().find_map(|&r| kb.holder(org_idx, &kb.roles[r].key, ctx.date));
                if let Some(h) = holder {
                    if org.is_some() {
                        if let Some(last) = out.last_mut() {
                            last.nested = true;
                        }
                    } else {
                        consumed[i + 1] = true;
                        let (na, nb, _) = &items[i + 1];
                        out.push(mention(kb, n.original(*na, *nb, sentence), org_idx, Via::Name, true));
                    }
                    out.push(mention(kb, n.original(org_start, org_end, sentence), h, Via::Role, false));
                } else {
                    // no known holder: the office stands for its organisation
                    if org.is_some() {
                        if let Some(last) = out.last_mut() {
                            last.nested = true;
                        }
                    } else {
                        consumed[i + 1] = true;
                        let (na, nb, _) = &items[i + 1];
                        out.push(mention(kb, n.original(*na, *nb, sentence), org_idx, Via::Name, true));
                    }
                    out.push(mention(kb, n.original(org_start, org_end, sentence), org_idx, Via::Office, false));
                }
            }
            None => {}
        }
    }

    // 4. partial names of persons named earlier
    if !ctx.partial.is_empty() {
        let covered: Vec<Range<usize>> = out.iter().map(|m| m.span.clone()).collect();
        let mut start = 0usize;
        for w in text[..len].split(' ') {
            let (a, b) = (start, start + w.len());
            start = b + 1;
            // only capitalised words can be names: look at the original's first byte
            if w.is_empty() || !sentence.as_bytes().get(n.offsets[a] as usize).is_some_and(|c| c.is_ascii_uppercase()) {
                continue;
            }
            if let Some(&p) = ctx.partial.get(w) {
                let orig = n.original(a, b, sentence);
                if has_upper(&sentence[orig.clone()])
                    && !covered.iter().any(|c| c.start <= orig.start && orig.end <= c.end)
                {
                    out.push(mention(kb, orig, p, Via::PartialName, false));
                }
            }
        }
        out.sort_by_key(|m| m.span.start);
    }
    ctx.remember(kb, sentence, &out);
    out
}

impl DocContext {
    /// Records the persons named in full in `mentions`, so that their last names resolve
    /// later in the document (rule 4).
    pub fn remember(&mut self, kb: &Kb, sentence: &str, mentions: &[Mention]) {
        for m in mentions {
            if m.nested || kb.actors[m.actor].kind != "person" || !matches!(m.via, Via::Name | Via::Alias | Via::Role) {
                continue;
            }
            let k = crate::norm::key(&sentence[m.span.clone()]);
            if let Some((_, last)) = k.rsplit_once(' ') {
                if last.len() > 2 {
                    self.partial.insert(last.to_string(), m.actor);
                }
            }
            for last in &kb.partial_keys[m.actor] {
                self.partial.entry(last.clone()).or_insert(m.actor);
            }
        }
    }
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
    let mut cands: Vec<(ActorIdx, Via)> =
        targets.iter().filter_map(|t| if let KeyTarget::Actor(a, v) = t { Some((*a, *v)) } else { None }).collect();
    // one actor listed under several forms of the same key: keep its best form
    cands.sort_by_key(|(a, v)| (*a, std::cmp::Reverse(via_rank(*v))));
    cands.dedup_by_key(|(a, _)| *a);
    if cands.len() <= 1 {
        return cands.pop();
    }
    // persons: prefer those in office at the date
    if cands.iter().all(|(a, _)| kb.actors[*a].kind == "person") {
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

    const KB: &str = r#"
[[role]]
key = "emir"
phrases = ["emir"]
rank = 90
[[role]]
key = "supreme_leader"
phrases = ["supreme leader"]
rank = 100
[[role]]
key = "president"
phrases = ["president"]
rank = 85
[[role]]
key = "foreign_minister"
phrases = ["foreign minister"]
rank = 60

[[actor]]
id = "IRN"
name = "Iran"
kind = "country"
demonyms = ["Iranian", "Iranians"]
capital = "Tehran"
[[actor]]
id = "QAT"
name = "Qatar"
kind = "country"
demonyms = ["Qatari"]
capital = "Doha"
[[actor]]
id = "USA"
name = "United States"
kind = "country"
aliases = ["US", "U.S."]
[[actor]]
id = "HAMAS"
name = "Hamas"
kind = "organization"
[[actor]]
id = "KHAMENEI_ALI"
name = "Ali Khamenei"
kind = "person"
roles = [{ org = "IRN", title = "supreme_leader", from = "1989-06-04" }]
[[actor]]
id = "TAMIM"
name = "Tamim bin Hamad Al Thani"
kind = "person"
roles = [{ org = "QAT", title = "emir", from = "2013-06-25" }]
[[actor]]
id = "HAMAD"
name = "Hamad bin Khalifa Al Thani"
kind = "person"
roles = [{ org = "QAT", title = "emir", from = "1995-06-27", to = "2013-06-25" }]
[[actor]]
id = "ROUHANI"
name = "Hassan Rouhani"
kind = "person"
roles = [{ org = "IRN", title = "president", from = "2013-08-03", to = "2021-08-03" }]
[[actor]]
id = "MESHAAL"
name = "Khaled Meshaal"
kind = "person"
aliases = ["Khalid Mashaal"]
roles = [{ org = "HAMAS", title = "president", from = "1996", to = "2017-05-06" }]
"#;

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
