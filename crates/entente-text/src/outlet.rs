//! The outlet a page names, matched against `data/outlets.toml` (names, aliases, domains).
//!
//! In order of trust:
//! 1. a source line kept as metadata ("Source: al-Monitor", "Original Source: www.jpost.com"):
//!    a republished article names its origin there, and that wins over the republisher's
//!    own chrome;
//! 2. HTML `og:site_name` / JSON-LD publisher, then the canonical URL's domain;
//! 3. dropped chrome that names the site: "Join the X", "editorial policy of X",
//!    "(c) 2021 X", "Copyright X", a domain or URL;
//! 4. a distinctive outlet name anywhere in a short chrome line;
//! 5. an agency in a byline ("By Jane Roe, Reuters") or dateline ("BEIRUT (Reuters) -").

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::chrome::{chrome, norm, starts_with_any};
use crate::clean::{strip_dateline, BlockKind, CleanDoc};

#[derive(Deserialize)]
struct OutletFile {
    not_in_free_text: Vec<String>,
    outlet: Vec<OutletEntry>,
}

#[derive(Deserialize)]
struct OutletEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
}

struct Table {
    names: Vec<String>,
    by_key: HashMap<String, usize>,
    by_domain: HashMap<String, usize>,
    /// Keys distinctive enough to be searched for in free chrome text (padded with one space
    /// on each side), longest first.
    free: Vec<(String, usize)>,
    /// Keys that are ordinary words: never matched as the opening words of a longer phrase.
    stop: Vec<String>,
    max_key_words: usize,
}

/// Outlet-name key: lower case, punctuation to spaces, no leading "the".
fn okey(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    let t = out.trim_end();
    t.strip_prefix("the ").unwrap_or(t).to_string()
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: OutletFile =
            toml::from_str(include_str!("../data/outlets.toml")).expect("data/outlets.toml is valid");
        let stop: Vec<String> = file.not_in_free_text.iter().map(|s| okey(s)).collect();
        let mut t = Table {
            names: Vec::new(),
            by_key: HashMap::new(),
            by_domain: HashMap::new(),
            free: Vec::new(),
            stop: stop.clone(),
            max_key_words: 1,
        };
        for (i, o) in file.outlet.into_iter().enumerate() {
            for form in std::iter::once(&o.name).chain(o.aliases.iter()) {
                let k = okey(form);
                if k.is_empty() {
                    continue;
                }
                t.max_key_words = t.max_key_words.max(k.split(' ').count());
                let letters = k.chars().filter(|c| c.is_alphanumeric()).count();
                if letters >= 5 && !stop.contains(&k) {
                    t.free.push((format!(" {k} "), i));
                }
                t.by_key.entry(k).or_insert(i);
            }
            for d in &o.domains {
                t.by_domain.entry(d.to_ascii_lowercase()).or_insert(i);
            }
            t.names.push(o.name);
        }
        t.free.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        t
    })
}

/// The host of a URL or domain-like token ("https://www.jpost.com/x" -> "www.jpost.com").
fn host_of(token: &str) -> Option<String> {
    let t = token.trim_matches(|c: char| !c.is_alphanumeric());
    let t = t.split_once("://").map_or(t, |(_, r)| r);
    let host = t.split(['/', '?', '#', ':']).next()?.to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    let tld_ok = labels.last().is_some_and(|l| l.len() >= 2 && l.chars().all(|c| c.is_ascii_alphabetic()));
    let ok = labels.len() >= 2
        && tld_ok
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    ok.then_some(host)
}

fn lookup_domain(host: &str) -> Option<usize> {
    let t = table();
    let mut h = host;
    loop {
        if let Some(&i) = t.by_domain.get(h) {
            return Some(i);
        }
        let (_, rest) = h.split_once('.')?;
        if !rest.contains('.') {
            return None;
        }
        h = rest;
    }
}

/// The canonical outlet named by a name, alias, domain or URL ("www.jpost.com",
/// "al-Monitor", "Jerusalem Post").
pub fn lookup(name_or_domain: &str) -> Option<&'static str> {
    lookup_idx(name_or_domain, true).map(|i| table().names[i].as_str())
}

fn lookup_idx(phrase: &str, allow_prefix: bool) -> Option<usize> {
    let t = table();
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return None;
    }
    // Domains and URLs.
    for tok in phrase.split_whitespace() {
        if tok.contains('.') {
            if let Some(i) = host_of(tok).and_then(|h| lookup_domain(&h)) {
                return Some(i);
            }
        }
    }
    let k = okey(phrase);
    if let Some(&i) = t.by_key.get(&k) {
        return Some(i);
    }
    // The first part of a list ("Reuters, AFP") or the longest known opening words
    // ("Al Jazeera and agencies").
    let first = okey(phrase.split([',', ';', '(', '|', '/']).next().unwrap_or(""));
    if let Some(&i) = t.by_key.get(&first) {
        return Some(i);
    }
    if allow_prefix {
        let ws: Vec<&str> = k.split(' ').collect();
        for n in (1..=ws.len().min(t.max_key_words)).rev() {
            let key = ws[..n].join(" ");
            if t.stop.contains(&key) {
                continue;
            }
            if let Some(&i) = t.by_key.get(&key) {
                return Some(i);
            }
        }
    }
    None
}

/// Phrases that introduce the site's own name in chrome.
const TRIGGERS: &[&str] = &[
    "editorial policy of ",
    "join the ",
    "join ",
    "\u{a9}",
    "(c) ",
    "copyright ",
    "subscribe to ",
    "sign up for ",
    "newsletter from ",
    "originally published by ",
    "originally published in ",
    "originally published on ",
    "first published by ",
    "first published in ",
    "first appeared in ",
    "first appeared on ",
    "appeared in ",
    "published by ",
    "courtesy of ",
];

fn from_chrome_line(line: &str) -> Option<usize> {
    // the whitespace-separated words with a dot, in order, found from the dots
    let mut from = 0;
    for p in memchr::memchr_iter(b'.', line.as_bytes()) {
        if p < from {
            continue;
        }
        let start =
            line[..p].rfind(char::is_whitespace).map_or(0, |w| w + line[w..].chars().next().map_or(1, char::len_utf8));
        let end = line[p..].find(char::is_whitespace).map_or(line.len(), |w| p + w);
        from = end;
        if let Some(i) = host_of(&line[start..end]).and_then(|h| lookup_domain(&h)) {
            return Some(i);
        }
    }
    static FINDERS: OnceLock<(aho_corasick::AhoCorasick, Vec<memchr::memmem::Finder<'static>>)> = OnceLock::new();
    let (any, finders) = FINDERS.get_or_init(|| {
        let any = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(TRIGGERS)
            .expect("the trigger phrases build an automaton");
        (any, TRIGGERS.iter().map(|t| memchr::memmem::Finder::new(t.as_bytes()).into_owned()).collect())
    });
    let n = norm(line);
    if !any.is_match(&n) {
        return None;
    }
    for (trig, finder) in TRIGGERS.iter().zip(finders) {
        let mut from = 0;
        while let Some(p) = finder.find(&n.as_bytes()[from..]) {
            let start = from + p + trig.len();
            let rest = n[start..].trim_start_matches(|c: char| c.is_ascii_digit() || c.is_whitespace() || c == '-');
            let rest = rest.strip_prefix("the ").unwrap_or(rest);
            let end = rest.find(['.', ',', '|', '!', ';', ':']).unwrap_or(rest.len());
            if let Some(i) = lookup_idx(&rest[..end], true) {
                return Some(i);
            }
            from = start;
        }
    }
    None
}

fn free_scan(line: &str) -> Option<usize> {
    // one automaton over every free-text key (built once) instead of a search per key
    static FREE: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let ac = FREE
        .get_or_init(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(table().free.iter().map(|(k, _)| k.as_str()))
                .ok()
        })
        .as_ref()?;
    let k = format!(" {} ", okey(line));
    ac.find(&k).map(|m| table().free[m.pattern().as_usize()].1)
}

/// The outlet a page names, if recognised (canonical name from `data/outlets.toml`; an
/// unknown HTML `og:site_name` is returned as written).
pub fn outlet(_raw: &str, doc: &CleanDoc) -> Option<String> {
    let t = table();
    let name = |i: usize| Some(t.names[i].clone());
    let c = chrome();

    // 1. Stated source lines.
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Metadata) {
        let n = norm(&b.text);
        if let Some(p) = starts_with_any(&c.source_prefixes, &n) {
            let rest = b.text.get(p.len()..).unwrap_or("");
            if let Some(i) = lookup_idx(rest, true).or_else(|| from_chrome_line(&b.text)) {
                return name(i);
            }
        }
    }
    // 2. HTML metadata.
    if let Some(site) = doc.meta.site_name.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        return match lookup_idx(site, false) {
            Some(i) => name(i),
            None => Some(site.to_string()),
        };
    }
    if let Some(i) = doc.meta.url.as_deref().and_then(host_of).and_then(|h| lookup_domain(&h)) {
        return name(i);
    }
    // 3. Chrome naming the site.
    if let Some(i) = doc.dropped.iter().find_map(|l| from_chrome_line(l)) {
        return name(i);
    }
    // 4. A distinctive name in a short chrome line (not a teaser or a photo credit).
    let short_chrome = doc.dropped.iter().filter(|l| {
        let l = l.trim_end();
        l.len() <= 160 && !l.ends_with("...") && !l.ends_with('\u{2026}') && !l.ends_with(']') && !l.ends_with(')')
    });
    if let Some(i) = short_chrome.filter(|l| !norm(l).contains("photo")).find_map(|l| free_scan(l)) {
        return name(i);
    }
    // 5. Agency in a byline or dateline.
    for b in doc.blocks.iter().filter(|b| b.kind == BlockKind::Metadata) {
        if let Some(i) = b.text.split([',', '|', ';', '(', ')']).skip(1).find_map(|seg| lookup_idx(seg, false)) {
            return name(i);
        }
    }
    let first = doc.blocks.iter().find(|b| b.kind == BlockKind::Body)?;
    let dl = strip_dateline(&first.text).0?;
    let inner = dl.split_once('(')?.1.split(')').next()?;
    lookup_idx(inner, false).and_then(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_loads_and_looks_up() {
        assert!(table().names.len() >= 80);
        assert_eq!(lookup("www.jpost.com"), Some("The Jerusalem Post"));
        assert_eq!(lookup("https://english.alarabiya.net/News/2020/01/03/x.html"), Some("Al Arabiya"));
        assert_eq!(lookup("al-Monitor"), Some("Al-Monitor"));
        assert_eq!(lookup("Al Jazeera and agencies"), Some("Al Jazeera"));
        assert_eq!(lookup("Reuters, AFP"), Some("Reuters"));
        assert_eq!(lookup("the algemeiner"), Some("The Algemeiner"));
        assert_eq!(lookup("nobody.example"), None);
        assert_eq!(from_chrome_line("Join the Algemeiner").map(|i| table().names[i].as_str()), Some("The Algemeiner"));
        assert_eq!(free_scan("Support independent journalism"), None);
        assert_eq!(from_chrome_line("Sign up for independent news"), None);
    }
}
