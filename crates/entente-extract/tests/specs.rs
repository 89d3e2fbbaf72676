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

#[test]
fn a_pronoun_subject_is_the_person_named_just_before_and_never_an_alias() {
    let text = "Hamas Chief in Riyadh\n\nJuly 20, 2015\n\nKhaled Meshaal left Doha on Monday. He visited Saudi Arabia on Friday.\n";
    let got = events(text);
    assert!(got.contains(&"MESHAAL_KHALED CONSULT+ SAU asserted".to_string()), "{got:?}");
    let x = extract(text);
    let e = x.events.iter().find(|e| e.source == "MESHAAL_KHALED" && e.target == "SAU").unwrap();
    assert_eq!(e.source_text, "He");
    assert!(e.rule.contains("coref_source"), "{}", e.rule);
    let m = x.actors.iter().find(|a| a.id == "MESHAAL_KHALED").unwrap();
    assert!(!m.aliases.iter().any(|a| a == "He"), "{:?}", m.aliases);
}

#[test]
fn a_pronoun_with_two_equally_recent_persons_yields_no_event() {
    let got = events(
        "Hamas Chiefs Meet\n\nJuly 20, 2015\n\nKhaled Meshaal met Ismail Haniyeh in Doha on Monday. He visited Saudi Arabia on Friday.\n",
    );
    assert!(!got.iter().any(|e| e.contains(" SAU ")), "{got:?}");
}

#[test]
fn a_description_names_the_last_actor_of_its_class() {
    let got = events(
        "Tehran Talks\n\nJanuary 4, 2016\n\nIran hosted Hamas officials on Monday. Israel condemned the movement. Iran criticised Saudi Arabia. The kingdom expelled Iranian diplomats.\n",
    );
    assert!(got.iter().any(|e| e.starts_with("ISR ") && e.contains(" HAMAS ")), "{got:?}");
    assert!(got.iter().any(|e| e.starts_with("SAU ") && e.contains(" IRN ")), "{got:?}");
}

#[test]
fn a_description_two_actors_could_fill_yields_no_event() {
    let got = events(
        "Tehran Talks\n\nJanuary 4, 2016\n\nIran hosted Hamas and Hezbollah officials on Monday. Israel condemned the movement.\n",
    );
    assert!(!got.iter().any(|e| e.starts_with("ISR ")), "{got:?}");
}

/// Events as "SOURCE TYPE TARGET when".
fn dated(text: &str) -> Vec<String> {
    let x = extract(text);
    x.events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {}",
                e.source,
                e.ptype.as_str(),
                e.target,
                e.when.map(|w| w.to_string()).unwrap_or_default()
            )
        })
        .collect()
}

#[test]
fn event_times_follow_the_clause_the_context_and_the_tense() {
    // (page, the event looked for, its time)
    let table: &[(&str, &str, &str)] = &[
        // the news peg: a past-tense event its sentence does not date refers back to the day
        // the lead reported, not to the page's date
        (
            "Calls\n\nDecember 25, 2021\n\nIran's foreign minister phoned Ismail Haniyeh on 14th December.\n\n\
             Analysts were surprised.\n\nThe Iranian minister condemned Israel.\n",
            "IRN ACCUSE ISR",
            "2021-12-14",
        ),
        // ... while a present-tense one is at the page's date
        (
            "Calls\n\nDecember 25, 2021\n\nIran's foreign minister phoned Ismail Haniyeh on 14th December.\n\n\
             Iran supports Hamas.\n",
            "IRN SUPPORT HAMAS",
            "2021-12-25",
        ),
        // a date long before the page is no peg
        (
            "Calls\n\nDecember 25, 2021\n\nThe group was founded on 14 December 1987.\n\n\
             The Iranian minister condemned Israel.\n",
            "IRN ACCUSE ISR",
            "2021-12-25",
        ),
        // a time inside a relative clause does not date the main clause
        (
            "Strikes\n\nDecember 25, 2021\n\nIran condemned Israel, which struck Gaza on 3 January 2020.\n",
            "IRN ACCUSE ISR",
            "2021-12-25",
        ),
        (
            "Strikes\n\nDecember 25, 2021\n\nIran condemned Israel, which struck Gaza on 3 January 2020.\n",
            "ISR ASSAULT GAZA_STRIP",
            "2020-01-03",
        ),
        // the date of a statement dates the present tense of its quotation
        (
            "Ties\n\nMarch 25, 2014\n\nOn March 10, Ali Larijani said, \u{201c}Iran is supporting Hamas.\u{201d}\n",
            "IRN SUPPORT HAMAS",
            "2014-03-10",
        ),
        // a relation noun is a state at the page's date, not at a date of another clause
        (
            "Ties\n\nMarch 25, 2014\n\nQatar, Hamas's other backer, helped broker peace with Iran, with its \
             foreign minister visiting Tehran last month.\n",
            "QAT SUPPORT HAMAS",
            "2014-03-25",
        ),
        // "a day after X": X's clause is the reference, the main clause a day later; with no
        // date in the sentence, the reference is the last date of the sentences before
        (
            "Congratulations\n\nAugust 10, 2017\n\nHamas chose Ismail Haniyeh as its leader on May 21.\n\n\
             A day after Donald Trump visited Israel, Qassem Soleimani congratulated Haniyeh on his election.\n",
            "SOLEIMANI_QASSEM SUPPORT HANIYEH_ISMAIL",
            "2017-05-22",
        ),
        (
            "Congratulations\n\nAugust 10, 2017\n\nHamas chose Ismail Haniyeh as its leader on May 21.\n\n\
             A day after Donald Trump visited Israel, Qassem Soleimani congratulated Haniyeh on his election.\n",
            "TRUMP_DONALD CONSULT ISR",
            "2017-05-21",
        ),
        // a dated regional episode after "after" opens a range up to the page's date
        (
            "Rifts\n\nMarch 25, 2014\n\nThe source said that after the coup in Egypt Qatar accused Saudi Arabia \
             of meddling.\n",
            "QAT ACCUSE SAU",
            "2013-07-03/2014-03-25",
        ),
        // a present perfect event continues the paragraph's "since" range
        (
            "Visits\n\nMarch 25, 2014\n\nIran and Hamas have sorted out the details since summer 2013. \
             Hamas delegations have visited Iran.\n",
            "HAMAS CONSULT IRN",
            "2013-06/2014-03-25",
        ),
    ];
    for (page, event, when) in table {
        let got = dated(page);
        let found: Vec<&String> = got.iter().filter(|g| g.starts_with(&format!("{event} "))).collect();
        assert!(!found.is_empty(), "no {event} in {got:?}\n{page}");
        assert!(found.iter().all(|g| g.ends_with(&format!(" {when}"))), "{event} should be at {when}: {got:?}\n{page}");
    }
}

/// Events as "SOURCE TYPE TARGET modality speaker speaker_text".
fn said(text: &str) -> Vec<String> {
    extract(text)
        .events
        .iter()
        .map(|e| {
            format!(
                "{} {} {} {} {} {}",
                e.source,
                e.ptype.as_str(),
                e.target,
                e.modality.as_str(),
                e.speaker.as_deref().unwrap_or("null"),
                e.speaker_text.as_deref().unwrap_or("null")
            )
        })
        .collect()
}

#[test]
fn reported_speech_keeps_who_said_it() {
    // a named speaker: what is said keeps its own modality ("would": expected)
    let got = said("Talks\n\nMarch 3, 2016\n\nErdogan said Iran would send weapons to Hamas.\n");
    assert_eq!(got, ["IRN AID HAMAS expected ERDOGAN_RECEP_TAYYIP Erdogan"]);
    // an unnamed source: reported, with no actor but the phrase that names it
    let got = said("Talks\n\nMarch 3, 2016\n\nIran sent weapons to Hamas, a source said.\n");
    assert_eq!(got, ["IRN AID HAMAS reported null a source"]);
    // "he" after an unnamed source is that source, in the next paragraph too
    let got = said(
        "Talks\n\nMarch 3, 2016\n\nAn Iranian source explained the plan.\n\nHe added, \u{201c}Iran sent weapons to Hamas.\u{201d}\n",
    );
    assert_eq!(got, ["IRN AID HAMAS reported IRN An Iranian source"]);
    // no speech at all: no speaker
    let got = said("Talks\n\nMarch 3, 2016\n\nIran sent weapons to Hamas.\n");
    assert_eq!(got, ["IRN AID HAMAS asserted null null"]);
}
