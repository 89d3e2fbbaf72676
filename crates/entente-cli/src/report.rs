//! Human-readable output.

use std::collections::HashMap;
use std::io::{self, Write};

use entente_extract::Extraction;

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Documents, then one line per event.
pub fn table(w: &mut impl Write, x: &Extraction) -> io::Result<()> {
    let names: HashMap<&str, &str> = x.actors.iter().map(|a| (a.id.as_str(), a.name.as_str())).collect();
    let name = |id: &str| names.get(id).copied().unwrap_or(id).to_string();
    writeln!(w, "{:<4} {:<10} {:<9} {:<24} FILE", "DOC", "PUBLISHED", "BASIS", "OUTLET")?;
    for d in &x.documents {
        writeln!(
            w,
            "{:<4} {:<10} {:<9} {:<24} {}",
            d.id,
            d.published.map(|p| p.to_string()).unwrap_or_else(|| "?".into()),
            d.published_basis,
            cut(d.outlet.as_deref().unwrap_or("-"), 24),
            d.file
        )?;
    }
    writeln!(w)?;
    writeln!(
        w,
        "{:<4} {:<21} {:<24} {:<12} {:<24} {:<12} TRIGGER",
        "DOC", "WHEN", "SOURCE", "TYPE", "TARGET", "MODALITY"
    )?;
    for e in &x.events {
        writeln!(
            w,
            "{:<4} {:<21} {:<24} {:<12} {:<24} {:<12} {}",
            e.document,
            e.when.map(|t| t.to_string()).unwrap_or_else(|| "?".into()),
            cut(&name(&e.source), 24),
            format!("{}{}", e.ptype, e.polarity.as_str()),
            cut(&name(&e.target), 24),
            e.modality.as_str(),
            cut(&e.trigger, 30)
        )?;
    }
    writeln!(w)?;
    writeln!(w, "{} documents, {} actors, {} events", x.documents.len(), x.actors.len(), x.events.len())?;
    for f in &x.failures {
        writeln!(w, "failed: {}: {}", f.file, f.reason)?;
    }
    Ok(())
}

pub fn kb_stats(w: &mut impl Write, s: &entente_kb::KbStats) -> io::Result<()> {
    writeln!(w, "actors      {}", s.actors)?;
    for (k, n) in &s.by_kind {
        writeln!(w, "  {k:<10} {n}")?;
    }
    writeln!(w, "subkinds")?;
    for (k, n) in &s.by_subkind {
        writeln!(w, "  {k:<22} {n}")?;
    }
    writeln!(w, "dated roles {}", s.roles)?;
    writeln!(w, "role titles {}", s.role_titles)?;
    writeln!(w, "names       {}", s.names)?;
    Ok(())
}

/// `entente explain`: every stage's view of one sentence.
pub fn explain(
    w: &mut impl Write,
    p: &entente_extract::Pipeline,
    sentence: &str,
    date: Option<entente_core::PDate>,
) -> io::Result<()> {
    use entente_extract::events::{code_sentence, SentenceInput};
    let toks = entente_text::token::tokenize(sentence);
    writeln!(w, "tokens:")?;
    for t in &toks {
        let lemma = p
            .lexicon
            .lemma_of(&t.lower)
            .map(|(l, past)| format!(" lemma={l}{}", if past { " (past)" } else { "" }))
            .unwrap_or_default();
        writeln!(w, "  {:?} {:?}{lemma}", &sentence[t.span.clone()], t.kind)?;
    }
    let mut ctx = entente_kb::DocContext::new(date);
    let mut mentions = entente_kb::resolve::mentions(&p.kb, sentence, &mut ctx);
    // names the knowledge base lacks, as the pipeline finds them
    let base = p.kb.actors.len();
    let mut cands = entente_extract::candidates::DocCandidates::default();
    if p.candidates.may_hold(sentence, &mentions) {
        p.candidates.detect(&p.lexicon, &p.kb, sentence, &toks, &mut mentions, base, &mut cands);
    }
    // "Iran-backed Hezbollah": the name in the compound is no party (as in the pipeline)
    for m in mentions.iter_mut() {
        m.nested |= p.lexicon.grammar.compound_modifier(sentence, m.span.end);
    }
    let id = |a: usize| -> String {
        match a.checked_sub(base) {
            Some(c) => format!("cand:{}", cands.list[c].key.replace(' ', "_")),
            None => p.kb.actors[a].id.clone(),
        }
    };
    writeln!(w, "actors:")?;
    for m in &mentions {
        let nested = if m.nested { " (nested)" } else { "" };
        match m.actor.checked_sub(base) {
            Some(c) => {
                let c = &cands.list[c];
                let (kind, sub) = c.guess.kind();
                writeln!(
                    w,
                    "  {:?} -> {} (candidate {kind}{}) via cue {}{nested}",
                    &sentence[m.span.clone()],
                    id(m.actor),
                    sub.map(|s| format!("/{s}")).unwrap_or_default(),
                    c.cue
                )?;
            }
            None => {
                let a = &p.kb.actors[m.actor];
                writeln!(w, "  {:?} -> {} ({}) via {:?}{nested}", &sentence[m.span.clone()], a.id, a.name, m.via)?;
            }
        }
    }
    let mentions: Vec<_> = mentions.into_iter().filter(|m| !m.nested).collect();
    let times = entente_text::temporal::tag(sentence, date);
    writeln!(w, "time expressions:")?;
    for t in &times {
        writeln!(w, "  {:?} -> {} [{}]", &sentence[t.span.clone()], t.value, t.rule)?;
    }
    writeln!(w, "events:")?;
    let input = SentenceInput { text: sentence, tokens: &toks, mentions: &mentions, anchor: date };
    let mut coded = code_sentence(&p.lexicon, &input);
    // dated as the pipeline dates a page's first sentence
    let mut tc = entente_extract::events::TimeContext::new(date);
    tc.enter(0);
    entente_extract::events::assign_times_in(&p.lexicon, &input, &mut coded, &times, &tc);
    for e in coded {
        writeln!(
            w,
            "  {} -{}{}-> {} [{}] when={} trigger={:?} rule={}",
            id(e.source),
            e.ptype,
            e.polarity.as_str(),
            id(e.target),
            e.modality.as_str(),
            e.when.map(|x| x.to_string()).unwrap_or_default(),
            &sentence[e.trigger.clone()],
            e.rule
        )?;
    }
    Ok(())
}
