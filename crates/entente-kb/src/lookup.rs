//! `entente actors --lookup`: how one name resolves, and why.
//!
//! [`lookup`] runs the resolver ([`crate::resolve::mentions`]) on the name alone, at a date
//! or none, and explains the result: the actor, the rule that found it ([`Via`]), the
//! knowledge-base form or role phrase it matched, the actor's roles and affiliation at that
//! date, and the other actors the name could denote (losers by precedence, persons sharing
//! a name, other holders of an office, persons a bare last name could stand for).

use entente_core::PDate;
use serde::Serialize;

use crate::resolve::{mentions, DocContext, Mention};
use crate::{norm, ActorIdx, Kb, KeyTarget, Via};

/// An actor, as shown by a lookup.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActorRef {
    pub id: String,
    pub name: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subkind: Option<String>,
}

impl ActorRef {
    pub fn new(kb: &Kb, a: ActorIdx) -> ActorRef {
        let x = &kb.actors[a];
        ActorRef { id: x.id.clone(), name: x.name.clone(), kind: x.kind.clone(), subkind: x.subkind.clone() }
    }
}

/// A dated role of a person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RoleOut {
    pub title: String,
    pub org: String,
    /// The org's name, when the org is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub org_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<PDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<PDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The office a role phrase named ("Iran's supreme leader": `supreme_leader` of `IRN`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Office {
    pub title: String,
    pub org: ActorRef,
}

/// What the name resolved to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Resolution {
    pub actor: ActorRef,
    /// The rule: `name`, `alias`, `demonym`, `capital`, `metonym`, `role`, `office`,
    /// `partial_name`.
    pub via: Via,
    /// The part of the query the mention covers.
    pub matched: String,
    /// The knowledge-base form it matched (a name, alias, demonym, capital or metonym), when
    /// one has the same normal form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// For `role` and `office`: the office the role phrase named.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<Office>,
    /// The actor's roles at the date (every role when no date).
    pub roles: Vec<RoleOut>,
    /// Whom the actor acts for at the date ([`Kb::affiliation_at`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<ActorRef>,
}

/// Another actor the name could denote.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub actor: ActorRef,
    pub via: Via,
    /// Why it is not (or not alone) the answer.
    pub why: String,
    /// Its roles that matter here: the office's terms, or its roles at the date.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<RoleOut>,
}

/// The explanation of one name's resolution.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Lookup {
    pub query: String,
    pub at: Option<PDate>,
    /// `None` when the resolver finds nothing, or drops an unbreakable tie.
    pub resolved: Option<Resolution>,
    pub candidates: Vec<Candidate>,
    /// Conditions and caveats, in words.
    pub notes: Vec<String>,
}

/// Explains how `name` resolves at `date` (every dated role counts when no date).
pub fn lookup(kb: &Kb, name: &str, date: Option<PDate>) -> Lookup {
    let mut out =
        Lookup { query: name.to_string(), at: date, resolved: None, candidates: Vec::new(), notes: Vec::new() };
    let mut text = name.trim().to_string();
    let mut found = principal(kb, &text, date);
    if found.is_none() {
        // names match only capitalised in text; a lower-case query means the name
        let cap = capitalise(&text);
        if cap != text {
            found = principal(kb, &cap, date);
            if found.is_some() {
                out.notes.push(format!("matched as {cap:?}: names match only when capitalised in text"));
                text = cap;
            }
        }
    }
    match found {
        Some((m, all)) => explain_mention(kb, &text, &m, &all, date, &mut out),
        None => explain_miss(kb, &text, date, &mut out),
    }
    out
}

/// The non-nested mention of `text` covering most of it, with every mention found.
fn principal(kb: &Kb, text: &str, date: Option<PDate>) -> Option<(Mention, Vec<Mention>)> {
    let mut ctx = DocContext::new(date);
    let all = mentions(kb, text, &mut ctx);
    let best = all.iter().filter(|m| !m.nested).max_by_key(|m| (m.span.len(), std::cmp::Reverse(m.span.start)))?;
    Some((best.clone(), all))
}

fn capitalise(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn role_out(kb: &Kb, r: &crate::Role) -> RoleOut {
    RoleOut {
        title: r.title.clone(),
        org: r.org.clone(),
        org_name: kb.get(&r.org).map(|o| o.name.clone()),
        from: r.from,
        to: r.to,
        label: r.label.clone(),
    }
}

fn roles_at(kb: &Kb, a: ActorIdx, date: Option<PDate>) -> Vec<RoleOut> {
    kb.roles_at(a, date).map(|r| role_out(kb, r)).collect()
}

/// The targets of the gazetteer key equal to `key`.
fn key_targets<'a>(kb: &'a Kb, key: &str) -> &'a [KeyTarget] {
    kb.keys.iter().find(|(k, _)| k == key).map_or(&[], |(_, t)| t.as_slice())
}

/// The actors a key names, each once with its best form.
fn key_actors(kb: &Kb, key: &str) -> Vec<(ActorIdx, Via)> {
    let mut v: Vec<(ActorIdx, Via)> = Vec::new();
    for t in key_targets(kb, key) {
        if let KeyTarget::Actor(a, via) = t {
            if !v.iter().any(|(x, _)| x == a) {
                v.push((*a, *via));
            }
        }
    }
    v
}

/// The form of actor `a` whose normal form is `key`.
fn form_of(kb: &Kb, a: ActorIdx, key: &str) -> Option<String> {
    let x = &kb.actors[a];
    std::iter::once(&x.name)
        .chain(&x.aliases)
        .chain(&x.demonyms)
        .chain(x.capital.iter())
        .chain(&x.capital_aliases)
        .chain(&x.metonyms)
        .find(|s| {
            // the whole key, or its last words ("Iranian President Hassan Rouhani")
            let k = norm::key(s);
            key == k || key.strip_suffix(k.as_str()).is_some_and(|head| head.ends_with(' '))
        })
        .cloned()
}

/// The role keys whose phrases occur (as whole words) in normalised `key`, longest first.
fn roles_named(kb: &Kb, key: &str) -> Vec<usize> {
    let padded = format!(" {key} ");
    let mut hits: Vec<(usize, usize)> = Vec::new();
    for (ri, phrases) in kb.role_phrase_keys.iter().enumerate() {
        if let Some(len) = phrases.iter().filter(|p| padded.contains(&format!(" {p} "))).map(String::len).max() {
            hits.push((ri, len));
        }
    }
    hits.sort_by_key(|&(ri, len)| (std::cmp::Reverse(len), std::cmp::Reverse(kb.roles[ri].rank)));
    hits.into_iter().map(|(ri, _)| ri).collect()
}

/// Every person who ever held role `title` for `org`, with those terms.
fn holders(kb: &Kb, org: &str, title: &str) -> Vec<(ActorIdx, Vec<RoleOut>)> {
    kb.actors
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let terms: Vec<RoleOut> =
                a.roles.iter().filter(|r| r.org == org && r.title == title).map(|r| role_out(kb, r)).collect();
            (!terms.is_empty()).then_some((i, terms))
        })
        .collect()
}

fn explain_mention(kb: &Kb, text: &str, m: &Mention, all: &[Mention], date: Option<PDate>, out: &mut Lookup) {
    let a = m.actor;
    let matched = text[m.span.clone()].to_string();
    let key = norm::key(&matched);
    let is_person = kb.actors[a].kind == "person";
    let mut res = Resolution {
        actor: ActorRef::new(kb, a),
        via: m.via,
        matched: matched.clone(),
        form: None,
        office: None,
        roles: roles_at(kb, a, date),
        affiliation: kb.affiliation_at(a, date).map(|o| ActorRef::new(kb, o)),
    };
    match m.via {
        Via::Role | Via::Office => {
            // the organisation: the office's own actor, else the org named in the phrase
            let org = if m.via == Via::Office {
                Some(a)
            } else {
                all.iter()
                    .filter(|x| x.nested && x.span.start >= m.span.start && x.span.end <= m.span.end)
                    .map(|x| x.actor)
                    .find(|&o| kb.actors[o].kind != "person")
            };
            let role = roles_named(kb, &key).into_iter().find(|&ri| {
                let title = &kb.roles[ri].key;
                match org {
                    Some(o) if m.via == Via::Role => {
                        kb.actors[a].roles.iter().any(|r| &r.title == title && kb.id(&r.org) == Some(o))
                    }
                    Some(o) => {
                        kb.actors.iter().any(|p| p.roles.iter().any(|r| &r.title == title && kb.id(&r.org) == Some(o)))
                    }
                    None => kb.actors[a].roles.iter().any(|r| &r.title == title),
                }
            });
            if let (Some(o), Some(ri)) = (org, role) {
                let title = kb.roles[ri].key.clone();
                let org_id = kb.actors[o].id.clone();
                for (p, terms) in holders(kb, &org_id, &title) {
                    if p == a {
                        continue;
                    }
                    let why = match date {
                        Some(d)
                            if kb.actors[p]
                                .roles
                                .iter()
                                .any(|r| r.title == title && r.org == org_id && r.covers(&d)) =>
                        {
                            "also held the office at the date".to_string()
                        }
                        Some(_) => "held the office at another time".to_string(),
                        None => "held the office (no date to choose by)".to_string(),
                    };
                    out.candidates.push(Candidate { actor: ActorRef::new(kb, p), via: Via::Role, why, roles: terms });
                }
                res.office = Some(Office { title, org: ActorRef::new(kb, o) });
            }
            if m.via == Via::Office {
                out.notes.push(match date {
                    Some(_) => "no single known holder of the office at the date: the office acts for its organisation".into(),
                    None => "no date: a role phrase names a person only at a date (give --at); the office acts for its organisation".into(),
                });
            }
        }
        Via::PartialName => {}
        _ => {
            res.form = form_of(kb, a, &key);
            let key = res.form.as_deref().map_or(key, norm::key);
            for (c, via) in key_actors(kb, &key) {
                if c == a {
                    continue;
                }
                let why = if is_person && kb.actors[c].kind == "person" {
                    match date {
                        Some(_) => "shares the name; not in office at the date".to_string(),
                        None => "shares the name".to_string(),
                    }
                } else {
                    format!("loses by precedence ({via:?} of a {})", kb.actors[c].kind).to_lowercase()
                };
                out.candidates.push(Candidate { actor: ActorRef::new(kb, c), via, why, roles: roles_at(kb, c, date) });
            }
        }
    }
    let others: Vec<String> = all
        .iter()
        .filter(|x| !x.nested && x.span != m.span)
        .map(|x| format!("{:?} -> {}", &text[x.span.clone()], kb.actors[x.actor].id))
        .collect();
    if !others.is_empty() {
        out.notes.push(format!("the query also mentions {}", others.join(", ")));
    }
    out.resolved = Some(res);
}

fn explain_miss(kb: &Kb, text: &str, date: Option<PDate>, out: &mut Lookup) {
    let key = norm::key(text);
    let named = key_actors(kb, &key);
    if named.len() > 1 {
        // a tie the resolver does not guess
        let persons = named.iter().all(|(a, _)| kb.actors[*a].kind == "person");
        out.notes.push(if persons {
            match date {
                Some(_) => {
                    "several persons share this name and not exactly one holds a role at the date: dropped".into()
                }
                None => {
                    "several persons share this name: it resolves only at a date when exactly one of them holds a role"
                        .into()
                }
            }
        } else {
            "several actors share this name at the same precedence: the resolver drops the mention".into()
        });
        for (a, via) in named {
            out.candidates.push(Candidate {
                actor: ActorRef::new(kb, a),
                via,
                why: "shares the name".into(),
                roles: roles_at(kb, a, date),
            });
        }
        return;
    }
    if key_targets(kb, &key).iter().any(|t| matches!(t, KeyTarget::Role(_))) || !roles_named(kb, &key).is_empty() {
        out.notes.push(
            "a role phrase names a person only with its organisation (\"Iran's supreme leader\", \"the emir of Qatar\")"
                .into(),
        );
        return;
    }
    // a last name: stands for a person named in full earlier in the same document
    let Some(last) = key.rsplit(' ').next().filter(|w| w.len() > 2) else {
        out.notes.push("not in the knowledge base".into());
        return;
    };
    let persons: Vec<ActorIdx> =
        (0..kb.actors.len()).filter(|&p| kb.partial_keys[p].iter().any(|k| k == last)).collect();
    match persons.as_slice() {
        [] => out.notes.push("not in the knowledge base".into()),
        [p] => {
            out.notes.push(format!(
                "{last:?} is the last name of one known person: it resolves to them only after their full name earlier in the same document"
            ));
            out.resolved = Some(Resolution {
                actor: ActorRef::new(kb, *p),
                via: Via::PartialName,
                matched: text.to_string(),
                form: None,
                office: None,
                roles: roles_at(kb, *p, date),
                affiliation: kb.affiliation_at(*p, date).map(|o| ActorRef::new(kb, o)),
            });
        }
        many => {
            out.notes.push(format!(
                "{last:?} is the last name of {} known persons: it resolves only to the one named in full earlier in the same document",
                many.len()
            ));
            for &p in many {
                out.candidates.push(Candidate {
                    actor: ActorRef::new(kb, p),
                    via: Via::PartialName,
                    why: "shares the last name".into(),
                    roles: roles_at(kb, p, date),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KB: &str = include_str!("testdata/kb.toml");

    fn kb() -> Kb {
        Kb::from_sources([("test.toml".to_string(), KB.to_string())]).unwrap()
    }

    fn date(d: &str) -> Option<PDate> {
        (!d.is_empty()).then(|| d.parse().unwrap())
    }

    #[test]
    fn lookups_name_the_actor_the_rule_and_the_role() {
        let kb = kb();
        // (query, date, actor id, via, a role title the actor holds then, or "" for none)
        let table: &[(&str, &str, &str, Via, &str)] = &[
            ("Iran", "", "IRN", Via::Name, ""),
            ("iran", "", "IRN", Via::Name, ""),
            ("Tehran", "2014", "IRN", Via::Capital, ""),
            ("the Iranians", "", "IRN", Via::Demonym, ""),
            ("the White House", "", "USA", Via::Metonym, ""),
            ("Khalid Mashaal", "2014-03", "MESHAAL", Via::Alias, "political_bureau_chief"),
            ("Iran's supreme leader", "2014-03", "KHAMENEI_ALI", Via::Role, "supreme_leader"),
            ("iran’s supreme leader", "2014-03", "KHAMENEI_ALI", Via::Role, "supreme_leader"),
            ("the Qatari emir", "2012-10", "HAMAD", Via::Role, "emir"),
            ("the Qatari emir", "2014-03", "TAMIM", Via::Role, "emir"),
            ("the emir of Qatar", "2014-03", "TAMIM", Via::Role, "emir"),
            ("Hamas' political chief", "2019", "HANIYEH", Via::Role, "political_bureau_chief"),
            ("Hamas' political chief", "2010", "MESHAAL", Via::Role, "political_bureau_chief"),
            ("the Qatari emir", "", "QAT", Via::Office, ""),
            ("Iranian President Hassan Rouhani", "2015", "ROUHANI", Via::Name, "president"),
            ("King Abdullah", "2016", "ABDULLAH_JOR", Via::Alias, "king"),
            ("Haniyeh", "2019", "HANIYEH", Via::PartialName, "political_bureau_chief"),
        ];
        for &(q, d, id, via, role) in table {
            let l = lookup(&kb, q, date(d));
            let r = l.resolved.as_ref().unwrap_or_else(|| panic!("{q:?} at {d:?} did not resolve: {l:?}"));
            assert_eq!((r.actor.id.as_str(), r.via), (id, via), "{q:?} at {d:?}");
            let titles: Vec<&str> = r.roles.iter().map(|x| x.title.as_str()).collect();
            if role.is_empty() {
                assert!(titles.is_empty(), "{q:?} at {d:?}: {titles:?}");
            } else {
                assert!(titles.contains(&role), "{q:?} at {d:?}: {titles:?}");
            }
        }
    }

    #[test]
    fn a_role_phrase_shows_the_office_and_its_other_holders() {
        let kb = kb();
        let l = lookup(&kb, "the Qatari emir", date("2014-03"));
        let r = l.resolved.unwrap();
        assert_eq!(r.office.as_ref().map(|o| (o.title.as_str(), o.org.id.as_str())), Some(("emir", "QAT")));
        assert_eq!(r.affiliation.map(|a| a.id), Some("QAT".to_string()));
        let others: Vec<(&str, &str)> = l.candidates.iter().map(|c| (c.actor.id.as_str(), c.why.as_str())).collect();
        assert_eq!(others, [("HAMAD", "held the office at another time")]);
        // without a date nobody is chosen: the office acts for Qatar, both emirs are listed
        let l = lookup(&kb, "the Qatari emir", None);
        let mut ids: Vec<&str> = l.candidates.iter().map(|c| c.actor.id.as_str()).collect();
        ids.sort();
        assert_eq!(ids, ["HAMAD", "TAMIM"]);
        assert!(l.notes.iter().any(|n| n.contains("--at")), "{:?}", l.notes);
    }

    #[test]
    fn ambiguity_is_shown_not_guessed() {
        let kb = kb();
        // both kings reigned in 2010: no answer, two candidates
        let l = lookup(&kb, "King Abdullah", date("2010"));
        assert_eq!(l.resolved, None);
        let ids: Vec<&str> = l.candidates.iter().map(|c| c.actor.id.as_str()).collect();
        assert_eq!(ids, ["ABDULLAH_SAU", "ABDULLAH_JOR"]);
        // in 2016 only one reigns; the other is still shown as sharing the name
        let l = lookup(&kb, "King Abdullah", date("2016"));
        assert_eq!(l.candidates.len(), 1);
        assert_eq!(l.candidates[0].actor.id, "ABDULLAH_SAU");
        // "Al Thani" alone: the last name of two emirs, resolved only by context
        let l = lookup(&kb, "Al Thani", date("2014"));
        assert_eq!(l.resolved, None);
        let ids: Vec<&str> = l.candidates.iter().map(|c| c.actor.id.as_str()).collect();
        assert_eq!(ids, ["TAMIM", "HAMAD"]);
        assert_eq!(l.candidates[0].via, Via::PartialName);
    }

    #[test]
    fn all_roles_without_a_date_and_affiliations_of_groups() {
        let kb = kb();
        let l = lookup(&kb, "Khaled Meshaal", None);
        let r = l.resolved.unwrap();
        assert_eq!(r.form.as_deref(), Some("Khaled Meshaal"));
        assert_eq!(r.roles.len(), 1);
        assert_eq!(r.roles[0].org_name.as_deref(), Some("Hamas"));
        let l = lookup(&kb, "Qassam Brigades", date("2014"));
        assert_eq!(l.resolved.unwrap().affiliation.map(|a| a.id), Some("HAMAS".to_string()));
        let l = lookup(&kb, "Atlantis", None);
        assert_eq!((l.resolved, l.candidates.len()), (None, 0));
        assert_eq!(l.notes, ["not in the knowledge base"]);
    }
}
