//! Whole-pipeline specifications with the embedded knowledge: a short page in, the events
//! it must (and must not) yield out.

use entente_extract::output::Extraction;
use entente_extract::{Pipeline, RawDoc};

fn extract(text: &str) -> Extraction {
    let p = Pipeline::embedded().unwrap();
    let doc = p.process(&RawDoc {
        id: "d1".into(),
        file: "spec.txt".into(),
        text: text.into(),
        format: entente_text::Format::Text,
    });
    p.merge(vec![doc], Vec::new())
}

/// Events as "SOURCE TYPE+ TARGET modality", with actor ids.
fn events(text: &str) -> Vec<String> {
    let x = extract(text);
    x.events
        .iter()
        .map(|e| {
            format!("{} {}{} {} {}", e.source, e.ptype.as_str(), e.polarity.as_str(), e.target, e.modality.as_str())
        })
        .collect()
}

#[test]
fn an_office_on_an_undated_page_acts_for_its_state() {
    let got = events("Envoy in Damascus\n\nIran's foreign minister visited Damascus on Monday for talks.\n");
    assert_eq!(got, ["IRN CONSULT+ SYR asserted"]);
}

#[test]
fn an_interview_with_a_news_outlet_is_no_consultation() {
    let x = extract(
        "Talks in Doha\n\nMarch 3, 2016\n\nA senior Hamas official who met with Al Jazeera in Doha said little.\n",
    );
    let outlet = x.actors.iter().find(|a| a.name == "Al Jazeera").expect("the outlet is resolved as an actor");
    assert!(x.events.iter().all(|e| e.source != outlet.id && e.target != outlet.id), "{:?}", x.events);
}
