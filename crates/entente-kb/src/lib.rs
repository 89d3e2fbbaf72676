//! Entente's knowledge base: actors (states, organisations, groups, persons) with their
//! aliases, demonyms, capitals and dated roles, kept as TOML data files (`data/FORMAT.md`)
//! embedded in the binary, plus the resolver that finds actor mentions in a sentence.
//!
//! - [`Kb`]: the loaded knowledge base and its indexes (built once, shared read-only).
//! - [`resolve`]: actor mentions of a sentence, resolved at a document's date.
//! - [`norm`]: the normal form names are matched in.

mod keytrie;
pub mod lookup;
pub mod model;
pub mod norm;
pub mod resolve;
pub mod translit;

use rustc_hash::FxHashMap as HashMap;

use entente_core::PDate;

pub use model::{Actor, Affiliation, Role, RoleDef};
pub use resolve::{DocContext, Mention, Via};

/// The data files embedded as the default knowledge base, in load order.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("roles.toml", include_str!("../data/roles.toml")),
    ("states.toml", include_str!("../data/states.toml")),
    ("organizations.toml", include_str!("../data/organizations.toml")),
    ("groups.toml", include_str!("../data/groups.toml")),
    ("persons_groups.toml", include_str!("../data/persons_groups.toml")),
    ("persons_region.toml", include_str!("../data/persons_region.toml")),
    ("persons_world.toml", include_str!("../data/persons_world.toml")),
    ("places.toml", include_str!("../data/places.toml")),
];

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{file}: {message}")]
    Parse { file: String, message: String },
    #[error("{file}: actor {id:?}: {message}")]
    Invalid { file: String, id: String, message: String },
    #[error("cannot build the name index: {0}")]
    Index(String),
}

/// Index of an actor in [`Kb::actors`].
pub type ActorIdx = usize;

/// What a gazetteer key stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyTarget {
    Actor(ActorIdx, Via),
    Role(usize),
}

/// The knowledge base.
#[derive(Debug)]
pub struct Kb {
    pub actors: Vec<Actor>,
    pub roles: Vec<RoleDef>,
    by_id: HashMap<String, ActorIdx>,
    /// Normalised key -> what it names.
    pub(crate) keys: Vec<(String, Vec<KeyTarget>)>,
    /// Keys whose original form is a short all-capitals abbreviation that must match case.
    pub(crate) exact_case: Vec<Option<String>>,
    /// Per key: whether it may match in lower case (it names only role phrases, blocs or
    /// collectives: "the international community").
    pub(crate) key_any_case: Vec<bool>,
    /// Per key: whether what it names depends on the date (a role, or two persons).
    pub(crate) key_dated: Vec<bool>,
    /// The keys as a trie of words, for [`resolve::scan`].
    pub(crate) trie: keytrie::KeyTrie,
    /// A bit per hash of (length, first two bytes, last byte) of each first word: a clear
    /// bit means no name starts with the word (see [`Kb::may_start_name`]).
    first_word_bits: Vec<u64>,
    /// Per actor: whether it is a person (read far more often than the rest of an actor).
    persons: Vec<bool>,
    /// Per actor: its `country` as an index.
    countries: Vec<Option<ActorIdx>>,
    /// Per actor, per role: the role's org as an index and the role's rank (see
    /// [`Kb::affiliation_at`], which reads them for every coded event).
    role_meta: Vec<Vec<(Option<ActorIdx>, i32)>>,
    /// Titles (role keys) held by each org at any time: (org idx, role key) -> every term in
    /// the role: (person, index of the role in its `roles`).
    holders: HashMap<(ActorIdx, compact_str::CompactString), Vec<(ActorIdx, u32)>>,
    /// Honorifics that may stand between a role phrase and a name (`roles.toml`).
    pub honorifics: rustc_hash::FxHashSet<String>,
    /// Normal forms of each role's phrases (aligned with `roles`).
    pub role_phrase_keys: Vec<Vec<String>>,
    /// Role key -> its index in `roles` (the first with that key).
    role_index: HashMap<String, usize>,
    /// For persons: the last words of their multi-word names, which stand for them later
    /// in a document (aligned with `actors`).
    pub partial_keys: Vec<Vec<String>>,
    /// Skeletons of multi-word names, for transliteration variants ([`translit`]).
    pub variants: translit::Variants,
}

impl Kb {
    /// The embedded default knowledge base.
    pub fn embedded() -> Result<Kb, KbError> {
        Kb::from_sources(EMBEDDED.iter().map(|(f, s)| (f.to_string(), s.to_string())))
    }

    /// A knowledge base from (file name, TOML text) pairs; later files override earlier
    /// actors with the same id (an overlay).
    pub fn from_sources(sources: impl IntoIterator<Item = (String, String)>) -> Result<Kb, KbError> {
        let mut actors: Vec<Actor> = Vec::new();
        let mut by_id: HashMap<String, ActorIdx> = HashMap::default();
        let mut roles: Vec<RoleDef> = Vec::new();
        let mut honorifics: rustc_hash::FxHashSet<String> = Default::default();
        for (file, text) in sources {
            let parsed: model::ActorFile =
                toml::from_str(&text).map_err(|e| KbError::Parse { file: file.clone(), message: e.to_string() })?;
            honorifics.extend(parsed.honorifics.iter().map(|h| norm::key(h)));
            for r in parsed.role {
                if let Some(old) = roles.iter_mut().find(|x| x.key == r.key) {
                    *old = r;
                } else {
                    roles.push(r);
                }
            }
            for a in parsed.actor {
                if a.id.trim().is_empty() || a.name.trim().is_empty() {
                    return Err(KbError::Invalid { file, id: a.id, message: "id and name are required".into() });
                }
                match by_id.get(&a.id) {
                    Some(&i) => actors[i] = a,
                    None => {
                        by_id.insert(a.id.clone(), actors.len());
                        actors.push(a);
                    }
                }
            }
        }
        let mut kb = Kb {
            actors,
            roles,
            by_id,
            keys: Vec::new(),
            exact_case: Vec::new(),
            key_any_case: Vec::new(),
            key_dated: Vec::new(),
            trie: keytrie::KeyTrie::default(),
            first_word_bits: Vec::new(),
            persons: Vec::new(),
            countries: Vec::new(),
            role_meta: Vec::new(),
            holders: HashMap::default(),
            honorifics,
            role_phrase_keys: Vec::new(),
            role_index: HashMap::default(),
            partial_keys: Vec::new(),
            variants: translit::Variants::empty(translit::Translit::embedded()?),
        };
        kb.build_index()?;
        Ok(kb)
    }

    /// Adds an overlay (TOML text in the same format) on top of this knowledge base.
    pub fn with_overlay(self, file: &str, text: &str) -> Result<Kb, KbError> {
        let mut sources: Vec<(String, String)> = Vec::new();
        // Re-serialise the current state: simplest correct merge.
        let mut honorifics: Vec<String> = self.honorifics.iter().cloned().collect();
        honorifics.sort();
        let current = toml::to_string(&OwnedFile { honorifics, role: self.roles.clone(), actor: self.actors.clone() })
            .map_err(|e| KbError::Index(e.to_string()))?;
        sources.push(("<loaded>".into(), current));
        sources.push((file.to_string(), text.to_string()));
        Kb::from_sources(sources)
    }

    /// Whether some name may start with the normalised word `w`: false only when none
    /// does (a bit filter; [`resolve::scan`]'s walk of the key trie is the exact test).
    #[inline]
    pub(crate) fn may_start_name(&self, w: &str) -> bool {
        if self.first_word_bits.is_empty() {
            return self.trie.starts_with_word(w);
        }
        let h = first_word_hash(w);
        self.first_word_bits[h / 64] & (1 << (h % 64)) != 0
    }

    /// The index in `roles` of the role with key `key` (the first, should two share it).
    pub fn role_index(&self, key: &str) -> Option<usize> {
        match self.role_index.get(key) {
            Some(&i) if self.roles.get(i).is_some_and(|r| r.key == key) => Some(i),
            _ => self.roles.iter().position(|d| d.key == key),
        }
    }

    pub fn id(&self, id: &str) -> Option<ActorIdx> {
        self.by_id.get(id).copied()
    }

    pub fn get(&self, id: &str) -> Option<&Actor> {
        self.id(id).map(|i| &self.actors[i])
    }

    /// The roles of actor `a` that are held at `date` (all roles when no date).
    pub fn roles_at(&self, a: ActorIdx, date: Option<PDate>) -> impl Iterator<Item = &Role> {
        self.role_indices_at(a, date).map(move |i| &self.actors[a].roles[i])
    }

    /// [`Kb::roles_at`] as indices into the actor's `roles`.
    fn role_indices_at(&self, a: ActorIdx, date: Option<PDate>) -> impl Iterator<Item = usize> + '_ {
        self.actors[a].roles.iter().enumerate().filter(move |(_, r)| date.is_none_or(|d| r.covers(&d))).map(|(i, _)| i)
    }

    /// The organisation an actor acts for at `date`. A person: the org of their highest-ranked
    /// role then, else a dated `affiliations` entry covering the date, else their latest
    /// earlier role, else their `country`. Any other actor: a dated `affiliations` entry
    /// covering the date (the latest-starting one if several), else its `parent`; with no
    /// date, the `parent`, else the one org all its affiliations name.
    pub fn affiliation_at(&self, a: ActorIdx, date: Option<PDate>) -> Option<ActorIdx> {
        let actor = &self.actors[a];
        if self.is_person(a) {
            // the highest-ranked role held at the date (roles by index into `role_meta`)
            let meta = &self.role_meta[a];
            let mut best: Option<(usize, i32)> = None;
            let keep = |best: &mut Option<(usize, i32)>, i: usize| {
                if best.is_none_or(|(_, br)| meta[i].1 > br) {
                    *best = Some((i, meta[i].1));
                }
            };
            let mut held = false;
            for i in self.role_indices_at(a, date) {
                held = true;
                keep(&mut best, i);
            }
            if !held {
                if let Some(o) = self.dated_affiliation(a, date) {
                    return Some(o);
                }
                // out of office at that date: the latest role before it, else any
                let last_before = date.and_then(|d| {
                    actor
                        .roles
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| r.from.is_none_or(|f| f.first_day() <= d.last_day()))
                        .max_by_key(|(_, r)| r.to.map(|t| t.last_day()))
                });
                match last_before {
                    Some((i, _)) => keep(&mut best, i),
                    None => (0..actor.roles.len()).for_each(|i| keep(&mut best, i)),
                }
            }
            return best.and_then(|(i, _)| meta[i].0).or(self.countries[a]);
        }
        let parent = || actor.parent.as_deref().and_then(|p| self.id(p));
        match date {
            Some(_) => self.dated_affiliation(a, date).or_else(parent),
            None => parent().or_else(|| self.dated_affiliation(a, None)),
        }
    }

    /// The org of actor `a`'s `affiliations` entry that covers `date` (the latest-starting one
    /// if several); with no date, the org when all entries name the same one.
    fn dated_affiliation(&self, a: ActorIdx, date: Option<PDate>) -> Option<ActorIdx> {
        let affs = &self.actors[a].affiliations;
        let org = match date {
            Some(d) => affs.iter().filter(|x| x.covers(&d)).max_by_key(|x| x.from.map(|f| f.first_day()))?.org.as_str(),
            None => {
                let first = affs.first()?.org.as_str();
                affs.iter().all(|x| x.org == first).then_some(first)?
            }
        };
        self.id(org)
    }

    fn rank(&self, title: &str) -> i32 {
        self.roles.iter().find(|r| r.key == title).map_or(0, |r| r.rank)
    }

    /// Who held role `title` for `org` at `date`; `None` when nobody or several did.
    pub fn holder(&self, org: ActorIdx, title: &str, date: Option<PDate>) -> Option<ActorIdx> {
        let terms = self.holders.get(&(org, compact_str::CompactString::new(title)))?;
        // the persons whose terms in the role cover the date (any term, without a date)
        let mut hits = terms
            .iter()
            .filter(|&&(p, ri)| date.is_none_or(|d| self.actors[p].roles[ri as usize].covers(&d)))
            .map(|&(p, _)| p);
        let first = hits.next()?;
        hits.all(|p| p == first).then_some(first)
    }

    /// Actor `a`'s `country`, as an index.
    pub fn country_of(&self, a: ActorIdx) -> Option<ActorIdx> {
        self.countries[a]
    }

    /// Whether actor `a` is a person.
    #[inline]
    pub fn is_person(&self, a: ActorIdx) -> bool {
        self.persons[a]
    }

    fn build_index(&mut self) -> Result<(), KbError> {
        self.persons = self.actors.iter().map(|a| a.kind == "person").collect();
        let mut map: HashMap<String, usize> = HashMap::default();
        let mut keys: Vec<(String, Vec<KeyTarget>)> = Vec::new();
        let mut exact: Vec<Option<String>> = Vec::new();
        let mut add = |surface: &str,
                       target: KeyTarget,
                       keys: &mut Vec<(String, Vec<KeyTarget>)>,
                       exact: &mut Vec<Option<String>>| {
            let k = norm::key(surface);
            if k.is_empty() {
                return;
            }
            let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
            let is_abbrev = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
            let i = *map.entry(k.clone()).or_insert_with(|| {
                keys.push((k.clone(), Vec::new()));
                exact.push(None);
                keys.len() - 1
            });
            if is_abbrev && !matches!(target, KeyTarget::Role(_)) {
                exact[i] = Some(surface.chars().filter(|c| c.is_alphanumeric()).collect());
            }
            if !keys[i].1.contains(&target) {
                keys[i].1.push(target);
            }
        };
        for (i, a) in self.actors.iter().enumerate() {
            add(&a.name, KeyTarget::Actor(i, Via::Name), &mut keys, &mut exact);
            for s in &a.aliases {
                add(s, KeyTarget::Actor(i, Via::Alias), &mut keys, &mut exact);
            }
            for s in &a.demonyms {
                add(s, KeyTarget::Actor(i, Via::Demonym), &mut keys, &mut exact);
            }
            for s in a.capital.iter().chain(&a.capital_aliases) {
                add(s, KeyTarget::Actor(i, Via::Capital), &mut keys, &mut exact);
            }
            for s in &a.metonyms {
                add(s, KeyTarget::Actor(i, Via::Metonym), &mut keys, &mut exact);
            }
        }
        for (ri, r) in self.roles.iter().enumerate() {
            for p in &r.phrases {
                add(p, KeyTarget::Role(ri), &mut keys, &mut exact);
            }
        }
        let mut holders: HashMap<(ActorIdx, compact_str::CompactString), Vec<(ActorIdx, u32)>> = HashMap::default();
        for (i, a) in self.actors.iter().enumerate() {
            for (ri, r) in a.roles.iter().enumerate() {
                if let Some(org) = self.by_id.get(&r.org) {
                    holders.entry((*org, r.title.as_str().into())).or_default().push((i, ri as u32));
                }
            }
        }
        self.role_phrase_keys = self.roles.iter().map(|r| r.phrases.iter().map(|p| norm::key(p)).collect()).collect();
        self.role_index = HashMap::default();
        for (i, r) in self.roles.iter().enumerate() {
            self.role_index.entry(r.key.clone()).or_insert(i);
        }
        self.partial_keys = self
            .actors
            .iter()
            .map(|a| {
                if a.kind != "person" {
                    return Vec::new();
                }
                let mut v: Vec<String> = std::iter::once(&a.name)
                    .chain(&a.aliases)
                    .filter_map(|n| {
                        let k = norm::key(n);
                        let last = k.rsplit(' ').next()?.to_string();
                        (k.contains(' ') && last.len() > 2).then_some(last)
                    })
                    .collect();
                v.sort();
                v.dedup();
                v
            })
            .collect();
        self.first_word_bits = vec![0u64; FIRST_WORD_BITS / 64];
        for w in keys.iter().filter_map(|(k, _)| k.split(' ').next()) {
            let h = first_word_hash(w);
            self.first_word_bits[h / 64] |= 1 << (h % 64);
        }
        self.key_any_case = keys
            .iter()
            .map(|(_, t)| {
                t.iter().all(|t| match t {
                    KeyTarget::Role(_) => true,
                    KeyTarget::Actor(a, _) => {
                        self.actors[*a].kind == "bloc" || self.actors[*a].subkind.as_deref() == Some("collective")
                    }
                })
            })
            .collect();
        self.key_dated = keys
            .iter()
            .map(|(_, t)| {
                t.iter().any(|x| matches!(x, KeyTarget::Role(_)))
                    || t.iter().filter(|x| matches!(x, KeyTarget::Actor(a, _) if self.is_person(*a))).count() > 1
            })
            .collect();
        self.keys = keys;
        self.exact_case = exact;
        self.trie = keytrie::KeyTrie::new(self.keys.iter().map(|(k, _)| k.as_str()));
        self.holders = holders;
        self.countries = self.actors.iter().map(|a| a.country.as_deref().and_then(|c| self.id(c))).collect();
        self.role_meta = self
            .actors
            .iter()
            .map(|a| a.roles.iter().map(|r| (self.id(&r.org), self.rank(&r.title))).collect())
            .collect();
        let rules = self.variants.translit.clone();
        let mut titles: rustc_hash::FxHashSet<String> = self.honorifics.clone();
        titles.extend(self.role_phrase_keys.iter().flatten().cloned());
        self.variants = translit::Variants::build(rules, &self.actors, &self.partial_keys, &titles);
        Ok(())
    }

    /// Counts for `entente kb stats`.
    pub fn stats(&self) -> KbStats {
        let mut s = KbStats::default();
        for a in &self.actors {
            *s.by_kind.entry(a.kind.clone()).or_default() += 1;
            if let Some(sk) = &a.subkind {
                *s.by_subkind.entry(sk.clone()).or_default() += 1;
            }
            s.roles += a.roles.len();
            s.names += 1 + a.aliases.len() + a.demonyms.len();
        }
        s.actors = self.actors.len();
        s.role_titles = self.roles.len();
        s.coverage = self.coverage();
        s
    }

    /// Coverage in the terms of the knowledge base's promise: states by status with capitals
    /// and demonyms, international organisations, non-state groups, persons with dated roles.
    pub fn coverage(&self) -> Coverage {
        let mut c = Coverage::default();
        let sub = |a: &Actor| a.subkind.clone().unwrap_or_else(|| "-".into());
        for (i, a) in self.actors.iter().enumerate() {
            match a.kind.as_str() {
                "country" => {
                    let st = &mut c.states;
                    st.total += 1;
                    *st.by_status.entry(sub(a)).or_default() += 1;
                    if a.capital.is_some() {
                        st.with_capital += 1;
                    } else {
                        st.without_capital.push(a.id.clone());
                    }
                    if !a.demonyms.is_empty() {
                        st.with_demonyms += 1;
                    } else {
                        st.without_demonyms.push(a.id.clone());
                    }
                    if a.iso3.is_some() {
                        st.with_iso3 += 1;
                    } else {
                        st.without_iso3.push(a.id.clone());
                    }
                }
                "organization" | "bloc" | "other" => {
                    let sk = sub(a);
                    let bucket = match sk.as_str() {
                        "igo" => &mut c.organisations.international,
                        "ngo" => &mut c.organisations.ngo,
                        "media" => &mut c.organisations.media,
                        "collective" => &mut c.organisations.collective,
                        _ if a.kind == "bloc" => &mut c.organisations.collective,
                        "state_body" | "military" if self.under_state(i) => {
                            *c.state_bodies.entry(sk).or_default() += 1;
                            continue;
                        }
                        // a multinational force (under an IGO or none): international
                        "military" => &mut c.organisations.international,
                        _ => {
                            c.groups.total += 1;
                            *c.groups.by_subkind.entry(sk).or_default() += 1;
                            continue;
                        }
                    };
                    *bucket += 1;
                }
                "person" => {
                    let p = &mut c.persons;
                    p.total += 1;
                    let dated = a.roles.iter().filter(|r| r.from.is_some() || r.to.is_some()).count();
                    if dated > 0 {
                        p.with_dated_roles += 1;
                    }
                    p.dated_roles += dated;
                    p.roles += a.roles.len();
                }
                "place" => c.places += 1,
                _ => {}
            }
        }
        c
    }

    /// Whether an organisation belongs to a state: its `parent` chain (or, with none, its
    /// dated affiliations) reaches a country.
    fn under_state(&self, a: ActorIdx) -> bool {
        let mut cur = a;
        for _ in 0..6 {
            let actor = &self.actors[cur];
            let up = actor.parent.as_deref().or_else(|| actor.affiliations.first().map(|x| x.org.as_str()));
            match up.and_then(|p| self.id(p)) {
                Some(p) if self.actors[p].kind == "country" => return true,
                Some(p) => cur = p,
                None => return false,
            }
        }
        false
    }
}

#[derive(serde::Serialize)]
struct OwnedFile {
    honorifics: Vec<String>,
    role: Vec<RoleDef>,
    actor: Vec<Actor>,
}

/// Counts of the knowledge base's contents.
#[derive(Debug, Default, serde::Serialize)]
pub struct KbStats {
    pub actors: usize,
    pub by_kind: std::collections::BTreeMap<String, usize>,
    pub by_subkind: std::collections::BTreeMap<String, usize>,
    pub roles: usize,
    pub role_titles: usize,
    pub names: usize,
    pub coverage: Coverage,
}

/// [`Kb::coverage`]: what the knowledge base knows, in the terms of its promise.
#[derive(Debug, Default, serde::Serialize)]
pub struct Coverage {
    pub states: StateCoverage,
    pub organisations: OrgCoverage,
    /// Non-state groups: movements, parties, armed groups and wings, militias.
    pub groups: GroupCoverage,
    /// State bodies and armed forces under a state (IRGC, Quds Force, ministries), by subkind.
    pub state_bodies: std::collections::BTreeMap<String, usize>,
    pub persons: PersonCoverage,
    pub places: usize,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct StateCoverage {
    pub total: usize,
    /// By subkind: `un_member`, `un_observer`, `partially_recognised`.
    pub by_status: std::collections::BTreeMap<String, usize>,
    pub with_iso3: usize,
    pub with_capital: usize,
    pub with_demonyms: usize,
    pub without_iso3: Vec<String>,
    pub without_capital: Vec<String>,
    pub without_demonyms: Vec<String>,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct OrgCoverage {
    /// International and regional organisations (`igo`) and multinational forces.
    pub international: usize,
    pub ngo: usize,
    pub media: usize,
    /// Blocs and collective references ("the West", "the Gulf states").
    pub collective: usize,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct GroupCoverage {
    pub total: usize,
    pub by_subkind: std::collections::BTreeMap<String, usize>,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct PersonCoverage {
    pub total: usize,
    /// Persons with at least one role that has a `from` or `to` date.
    pub with_dated_roles: usize,
    pub roles: usize,
    pub dated_roles: usize,
}

/// The size of [`Kb::may_start_name`]'s bit filter.
const FIRST_WORD_BITS: usize = 1 << 16;

/// A hash of a word's length, first two bytes and last byte, below [`FIRST_WORD_BITS`].
fn first_word_hash(w: &str) -> usize {
    let b = w.as_bytes();
    let (b0, b1, bl) = (b.first().copied(), b.get(1).copied(), b.last().copied());
    let x = (b.len().min(255) as u32) << 24
        | (b0.unwrap_or(0) as u32) << 16
        | (b1.unwrap_or(0) as u32) << 8
        | bl.unwrap_or(0) as u32;
    (x.wrapping_mul(0x9E37_79B1) >> 16) as usize
}
