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

#[test]
fn a_person_keeps_the_event_and_the_output_carries_the_organisation_they_act_for() {
    let x = extract(
        "Haniyeh in Tehran\n\nMarch 3, 2016\n\nIsmail Haniyeh met Iranian President Hassan Rouhani in Tehran.\n",
    );
    let ev = x.events.iter().find(|e| e.ptype.as_str() == "CONSULT").expect("a consultation");
    // the persons stay the parties; the roll-ups name what they acted for then
    assert_eq!((ev.source.as_str(), ev.target.as_str()), ("HANIYEH_ISMAIL", "ROUHANI_HASSAN"), "{ev:?}");
    assert_eq!(ev.source_rollup.as_deref(), Some("HAMAS"));
    assert_eq!(ev.target_rollup.as_deref(), Some("IRN"));
    let haniyeh = x.actors.iter().find(|a| a.id == "HANIYEH_ISMAIL").unwrap();
    assert!(haniyeh.affiliations.iter().any(|f| f.actor == "HAMAS"), "{:?}", haniyeh.affiliations);
    // the organisations persons act for are listed as actors too
    assert!(x.actors.iter().any(|a| a.id == "HAMAS"));
}

#[test]
fn an_unknown_person_named_with_a_title_takes_part_in_events() {
    let x = extract("Talks in Doha\n\nMarch 3, 2016\n\nHamas spokesman Zorbal Qenti condemned Israel on Monday.\n");
    let c = x.actors.iter().find(|a| a.candidate).expect("a candidate actor");
    assert_eq!((c.name.as_str(), c.kind.as_str(), c.known), ("Zorbal Qenti", "person", false));
    assert_eq!(c.cue.as_deref(), Some("title:spokesman"));
    assert!(c.affiliations.iter().any(|f| f.actor == "HAMAS" && f.role == "spokesman"), "{:?}", c.affiliations);
    let ev = x.events.iter().find(|e| e.source == c.id).expect("the candidate acts");
    assert_eq!((ev.ptype.as_str(), ev.target.as_str()), ("ACCUSE", "ISR"));
    assert_eq!(ev.source_rollup.as_deref(), Some("HAMAS"));
}

#[test]
fn an_unknown_group_is_merged_across_documents_by_its_normal_form() {
    let p = Pipeline::embedded().unwrap();
    let doc = |id: &str, text: &str| {
        p.process(&RawDoc {
            id: id.into(),
            file: format!("{id}.txt"),
            text: text.into(),
            format: entente_text::Format::Text,
        })
    };
    let a = doc("d1", "Strikes\n\nMay 2, 2019\n\nIsrael struck the Zorbal Brigades near Gaza.\n");
    let b = doc("d2", "Claims\n\nMay 9, 2019\n\nFighters of the ZORBAL BRIGADES attacked an Israeli post, said Egypt. Iran praised the Zorbal Brigades.\n");
    let x = p.merge(vec![a, b], Vec::new());
    let cands: Vec<_> = x.actors.iter().filter(|a| a.candidate).collect();
    assert_eq!(cands.len(), 1, "{cands:?}");
    let c = cands[0];
    assert_eq!((c.kind.as_str(), c.subkind.as_deref(), c.documents), ("organization", Some("group"), Some(2)));
    assert!(c.mentions >= 2);
    assert!(x.events.iter().any(|e| e.source == "ISR" && e.target == c.id), "{:?}", x.events);
    // the list the CLI prints for `entente actors --unknown`
    let u = entente_extract::unknown_actors(&x);
    assert_eq!(u.len(), 1);
    assert_eq!(u[0].name, "Zorbal Brigades");
}

#[test]
fn a_demonym_collective_is_a_candidate_party_and_a_state_noun_stays_the_state() {
    let x = extract("Protest\n\nMay 19, 2021\n\nIranian women condemned Israel. Iranian officials condemned Israel.\n");
    let c = x.actors.iter().find(|a| a.candidate).expect("the collective");
    assert_eq!(
        (c.name.as_str(), c.subkind.as_deref(), c.country.as_deref()),
        ("Iranian women", Some("collective"), Some("IRN"))
    );
    let got: Vec<(&str, &str)> = x.events.iter().map(|e| (e.source.as_str(), e.target.as_str())).collect();
    assert!(got.contains(&(c.id.as_str(), "ISR")), "{got:?}");
    assert!(got.contains(&("IRN", "ISR")), "{got:?}");
}

#[test]
fn no_candidates_from_headlines_months_outlets_or_titles_alone() {
    let x = extract(
        "Iran Hails New Era With Zorbal Talks\n\nMarch 3, 2016\n\nOn Monday, the President told Press TV that Iran and Qatar met in March.\n",
    );
    assert!(x.actors.iter().all(|a| !a.candidate), "{:?}", x.actors.iter().filter(|a| a.candidate).collect::<Vec<_>>());
}

#[test]
fn dated_affiliations_from_an_overlay_reach_the_output() {
    let overlay = r#"
[[actor]]
id = "ZORBAL_BRIGADES"
name = "Zorbal Brigades"
kind = "organization"
subkind = "militia"
affiliations = [{ org = "AXIS_OF_RESISTANCE", from = "2014", to = "2019-06" }]
"#;
    let kb = entente_kb::Kb::embedded().unwrap().with_overlay("overlay.toml", overlay).unwrap();
    let p = Pipeline::embedded().unwrap().with_kb(kb);
    let doc = p.process(&RawDoc {
        id: "d1".into(),
        file: "spec.txt".into(),
        text: "Militia Talks\n\nMarch 3, 2016\n\nThe Zorbal Brigades met Hezbollah in Beirut.\n".into(),
        format: entente_text::Format::Text,
    });
    let x = p.merge(vec![doc], Vec::new());
    let a = x.actors.iter().find(|a| a.id == "ZORBAL_BRIGADES").expect("the overlay actor is resolved");
    let f = a.affiliations.iter().find(|f| f.actor == "AXIS_OF_RESISTANCE").expect("its affiliation is output");
    assert_eq!(f.role, "member_of");
    assert_eq!(f.from.map(|d| d.to_string()).as_deref(), Some("2014"));
    assert_eq!(f.to.map(|d| d.to_string()).as_deref(), Some("2019-06"));
}
