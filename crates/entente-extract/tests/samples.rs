//! The built-in sample corpus as a specification: every article in `samples/` must yield
//! the events `samples/expected.toml` lists for it, with the stated or inferred publication
//! date, and none of its `forbidden` events (from page chrome, or a denial read as a fact).

use std::collections::HashMap;
use std::path::PathBuf;

use entente_extract::output::Extraction;
use entente_extract::{Pipeline, RawDoc};
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    article: Vec<Article>,
}

#[derive(Deserialize)]
struct Article {
    file: String,
    published: String,
    published_basis: String,
    #[serde(default)]
    event: Vec<Ev>,
    #[serde(default)]
    forbidden: Vec<Forbidden>,
}

#[derive(Deserialize)]
struct Ev {
    source: String,
    target: String,
    #[serde(rename = "type")]
    ptype: String,
    polarity: String,
    #[serde(default)]
    tier: Option<String>,
    #[serde(default)]
    evidence: String,
}

#[derive(Deserialize)]
struct Forbidden {
    source: String,
    target: String,
    #[serde(default, rename = "type")]
    ptype: Option<String>,
    #[serde(default)]
    modality: Option<String>,
    #[serde(default)]
    note: String,
}

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn run() -> (Expected, Extraction, HashMap<String, String>) {
    let dir = samples_dir();
    let expected: Expected = toml::from_str(&std::fs::read_to_string(dir.join("expected.toml")).unwrap()).unwrap();
    let p = Pipeline::embedded().unwrap();
    let mut results = Vec::new();
    let mut ids = HashMap::new();
    for (i, a) in expected.article.iter().enumerate() {
        let text = std::fs::read_to_string(dir.join(&a.file)).unwrap();
        let id = format!("d{}", i + 1);
        ids.insert(a.file.clone(), id.clone());
        results.push(p.process(&RawDoc { id, file: a.file.clone(), text, format: entente_text::Format::Text }));
    }
    (expected, p.merge(results, Vec::new()), ids)
}

/// Whether the output actor `id` is the expected actor `name` (by name or alias), directly or
/// through an affiliation.
fn is(x: &Extraction, id: &str, name: &str) -> bool {
    let key = |s: &str| s.to_lowercase();
    let Some(a) = x.actors.iter().find(|a| a.id == id) else { return false };
    if key(&a.name) == key(name) || a.aliases.iter().any(|s| key(s) == key(name)) {
        return true;
    }
    a.affiliations.iter().any(|f| x.actors.iter().any(|o| o.id == f.actor && key(&o.name) == key(name)))
}

#[test]
fn sample_articles_yield_their_events() {
    let (expected, x, ids) = run();
    let mut found = 0;
    let mut total = 0;
    let mut misses = Vec::new();
    let mut wrong = Vec::new();
    let mut pub_misses = 0;
    for a in &expected.article {
        let id = &ids[&a.file];
        let doc = x.documents.iter().find(|d| &d.id == id).unwrap();
        let got_pub = doc.published.map(|p| p.to_string()).unwrap_or_default();
        if a.published_basis == "stated" {
            // a stated date must be read exactly
            if got_pub != a.published {
                wrong.push(format!("{}: published {got_pub:?}, the page states {}", a.file, a.published));
            }
        } else if got_pub.get(..7) != a.published.get(..7) {
            pub_misses += 1;
            misses.push(format!("{}: inferred {got_pub:?}, expected {}", a.file, a.published));
        }
        for e in a.event.iter().filter(|e| e.tier.as_deref().unwrap_or("core") == "core") {
            total += 1;
            let hit = x.events.iter().any(|g| {
                &g.document == id
                    && g.ptype.as_str() == e.ptype
                    && g.polarity.as_str() == e.polarity
                    && ((is(&x, &g.source, &e.source) && is(&x, &g.target, &e.target))
                        || (g.ptype.symmetric() && is(&x, &g.source, &e.target) && is(&x, &g.target, &e.source)))
            });
            if hit {
                found += 1;
            } else {
                misses.push(format!(
                    "{}: {} -{}{}-> {} | {}",
                    a.file, e.source, e.ptype, e.polarity, e.target, e.evidence
                ));
            }
        }
        for f in &a.forbidden {
            for g in x.events.iter().filter(|g| &g.document == id) {
                let type_ok = f.ptype.as_deref().is_none_or(|t| g.ptype.as_str() == t);
                let modality_ok = f.modality.as_deref().is_none_or(|m| g.modality.as_str() == m);
                if type_ok && modality_ok && is(&x, &g.source, &f.source) && is(&x, &g.target, &f.target) {
                    wrong.push(format!(
                        "{}: forbidden {} -> {} ({}) from: {}",
                        a.file, f.source, f.target, f.note, g.sentence
                    ));
                }
            }
        }
    }
    let recall = found as f64 / total.max(1) as f64;
    eprintln!("sample core-event recall: {found}/{total} = {recall:.3}");
    for m in &misses {
        eprintln!("miss: {m}");
    }
    assert!(wrong.is_empty(), "wrong dates or forbidden events:\n{}", wrong.join("\n"));
    assert!(recall >= MIN_RECALL, "recall {recall:.3} below {MIN_RECALL}");
    assert!(pub_misses <= MAX_INFERRED_DATE_MISSES, "{pub_misses} inferred publication months wrong");
}

/// The floor the sample recall may not fall under (measured 0.320 when set; raise it as the
/// coder improves).
const MIN_RECALL: f64 = 0.30;
/// Undated sample pages whose inferred month may still be wrong (1 of 3 when set).
const MAX_INFERRED_DATE_MISSES: usize = 1;
