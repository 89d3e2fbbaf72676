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

/// The events of one body sentence on a dated page, sorted.
fn sentence(s: &str) -> Vec<String> {
    let mut got = events(&format!("Report\n\nMarch 3, 2016\n\n{s}\n"));
    got.sort();
    got
}

#[test]
fn a_reaction_from_a_list_is_a_reaction_to_the_clause_subject() {
    // the from-phrase is the source, the subject (or the possessor opening the clause) the target
    let got = sentence(
        "Egypt's deal with Israel provoked a hostile reaction from several states, particularly Jordan and Iraq.",
    );
    assert!(got.contains(&"JOR ACCUSE- EGY asserted".to_string()), "{got:?}");
    assert!(got.contains(&"IRQ ACCUSE- EGY asserted".to_string()), "{got:?}");
    let got = sentence("Turkey expanded its presence in Libya amid criticism from France.");
    assert_eq!(got, ["FRA ACCUSE- TUR asserted"]);
}

#[test]
fn the_members_named_after_a_class_noun_are_parties() {
    let got = sentence("A few countries, such as Egypt, Jordan and Saudi Arabia, imposed strict limits on Syrians.");
    assert_eq!(got, ["EGY SANCTION- SYR asserted", "JOR SANCTION- SYR asserted", "SAU SANCTION- SYR asserted"]);
    let got = sentence("Hamas held talks with Iran, Jordan and other regional actors, including Hezbollah.");
    assert_eq!(
        got,
        ["HAMAS CONSULT+ HEZBOLLAH asserted", "HAMAS CONSULT+ IRN asserted", "HAMAS CONSULT+ JOR asserted"]
    );
}

#[test]
fn an_object_relative_clause_takes_its_antecedent_as_target() {
    let got = sentence("Moscow hosted envoys from Syria and Jordan, which Russia criticized for their policy.");
    assert!(got.contains(&"RUS ACCUSE- JOR asserted".to_string()), "{got:?}");
    assert!(got.contains(&"RUS ACCUSE- SYR asserted".to_string()), "{got:?}");
}

#[test]
fn a_nominal_attack_after_a_passive_befalls_the_passive_subject() {
    let got = sentence("Soleimani was killed in a US attack near Baghdad.");
    assert_eq!(got, ["USA ASSAULT- SOLEIMANI_QASSEM asserted"]);
}

#[test]
fn appositions_in_dashes_and_spliced_quotes_keep_the_subject() {
    let got = sentence("Qatar \u{2014} a major partner of Turkey \u{2014} and Oman \u{2014} a neutral state \u{2014} urged Iran to free the ship.");
    assert!(got.contains(&"OMN REQUEST- IRN asserted".to_string()), "{got:?}");
    assert!(got.contains(&"QAT REQUEST- IRN asserted".to_string()), "{got:?}");
    let got = sentence("The Hamas leadership \u{201c}has begun to send delegations to Egypt.");
    assert_eq!(got, ["HAMAS CONSULT+ EGY asserted"]);
}

#[test]
fn a_second_verb_after_an_object_shares_the_first_subject() {
    // the first verb is no trigger: the mention before "and" is its object, not a subject
    let got = sentence("Erdogan tried to court Egypt and travelled to Tehran.");
    assert_eq!(got, ["ERDOGAN_RECEP_TAYYIP CONSULT+ IRN asserted"]);
    // a definite description in the second verb's place is the first verb's object
    let got = sentence("Egypt accused Turkey of meddling and imposed sanctions on the country.");
    assert_eq!(got, ["EGY ACCUSE- TUR asserted", "EGY SANCTION- TUR asserted"]);
}

#[test]
fn a_fronted_trip_of_his_is_the_main_subject_s() {
    let got = sentence("In his recent and first trip to Cairo, Recep Tayyip Erdogan praised Egypt.");
    assert!(got.contains(&"ERDOGAN_RECEP_TAYYIP CONSULT+ EGY asserted".to_string()), "{got:?}");
}

#[test]
fn a_gerund_after_in_or_for_takes_the_mention_before_it_as_agent() {
    let got = sentence("Iran condemned the decision of Turkey in designating Hamas as a terrorist group.");
    assert!(got.contains(&"TUR SANCTION- HAMAS asserted".to_string()), "{got:?}");
    assert!(!got.iter().any(|e| e.starts_with("IRN SANCTION")), "{got:?}");
}

#[test]
fn a_class_with_named_members_keeps_the_party_named_before_it() {
    let got = sentence("Turkey and other states such as Qatar condemned Israel.");
    assert_eq!(got, ["QAT ACCUSE- ISR asserted", "TUR ACCUSE- ISR asserted"]);
}

#[test]
fn a_relation_stated_by_one_side_and_its_negation() {
    let got = sentence("Recep Tayyip Erdogan said that ties with Qatar are excellent.");
    assert_eq!(got, ["ERDOGAN_RECEP_TAYYIP SUPPORT+ QAT asserted"]);
    let got = sentence("Recep Tayyip Erdogan said that relations with Qatar are not good.");
    assert_eq!(got, ["ERDOGAN_RECEP_TAYYIP SUPPORT+ QAT denied"]);
}

#[test]
fn a_refusal_to_accept_a_party_is_its_rejection() {
    // a closing quotation mark glued to the next word opens no new clause
    let got = sentence("Turkey\u{2019}s partners, Qatar and Egypt,\u{201d}do not agree about accepting Hamas back.");
    assert_eq!(got, ["EGY REJECT- HAMAS asserted", "QAT REJECT- HAMAS asserted"]);
}

#[test]
fn a_relation_named_before_its_state_is_coded_from_the_state() {
    let got = sentence("Turkey's relations with Egypt have improved.");
    assert_eq!(got, ["TUR SUPPORT+ EGY asserted"]);
    let got = sentence("Jordan's ties with Syria have deteriorated sharply.");
    assert_eq!(got, ["JOR ACCUSE- SYR asserted"]);
}

#[test]
fn a_bracketed_apposition_is_skipped_but_a_dateline_is_no_subject() {
    let got = sentence("The Islamic Jihad (PIJ) movement launched an attack on Israel.");
    assert_eq!(got, ["PIJ ASSAULT- ISR asserted"]);
    let got = sentence("CAIRO (Reuters) - Gunmen loyal to a local clan attacked Israel.");
    assert!(got.iter().all(|e| !e.starts_with("EGY")), "{got:?}");
}

#[test]
fn his_ally_named_after_the_noun_is_the_ally_of_the_sentence_subject() {
    let got = sentence("Erdogan visited the Qatari capital to meet his ally and friend Ismail Haniyeh.");
    assert!(got.contains(&"HANIYEH_ISMAIL SUPPORT+ ERDOGAN_RECEP_TAYYIP asserted".to_string()), "{got:?}");
    assert!(!got.iter().any(|e| e.contains("SUPPORT+ QAT")), "{got:?}");
}

#[test]
fn hosting_groups_is_standing_support() {
    let got = sentence("Oman hosted several factions, including Hamas and Fatah.");
    assert_eq!(got, ["OMN SUPPORT+ FATAH asserted", "OMN SUPPORT+ HAMAS asserted"]);
}

#[test]
fn an_object_relative_needs_its_verb_right_after_the_subject() {
    let got = sentence("Israel struck Hezbollah, which Iran has long supported.");
    assert!(got.contains(&"IRN SUPPORT+ HEZBOLLAH asserted".to_string()), "{got:?}");
    let got = sentence("Israel struck Hamas, which Iran said would back Egypt.");
    assert!(!got.iter().any(|e| e.ends_with("HAMAS asserted") && e.starts_with("IRN")), "{got:?}");
}

#[test]
fn an_apposition_names_the_object_its_noun_phrase_does_not() {
    // a noun phrase naming nobody, then the name in apposition (after a title)
    let got = sentence("Turkey praised the former Egyptian leader, President Hosni Mubarak, for his restraint.");
    assert_eq!(got, ["TUR SUPPORT+ MUBARAK_HOSNI asserted"]);
    let got = sentence("Jordan condemned the new militant commander, Yahya Sinwar, for the attack.");
    assert_eq!(got, ["JOR ACCUSE- SINWAR_YAHYA asserted"]);
    // a clause after the comma is no apposition
    let got = sentence("Qatar welcomed the new initiative, Iran said.");
    assert!(!got.iter().any(|e| e.starts_with("QAT SUPPORT+ IRN")), "{got:?}");
}

#[test]
fn a_participle_with_a_pronoun_object_speaks_of_the_main_verbs_object() {
    let got = sentence("Jordan recalled its ambassador from Tehran, accusing it of meddling in its affairs.");
    assert_eq!(got, ["JOR ACCUSE- IRN asserted", "JOR SANCTION- IRN asserted"]);
    // the plural pronoun of a group
    let got = sentence("Egypt imposed sanctions on Syria and Iran, accusing them of arming the militias.");
    assert!(got.contains(&"EGY ACCUSE- SYR asserted".to_string()), "{got:?}");
    assert!(got.contains(&"EGY ACCUSE- IRN asserted".to_string()), "{got:?}");
    // a singular pronoun does not stand for two actors
    let got = sentence("Egypt imposed sanctions on Syria and Iran, accusing it of arming the militias.");
    assert!(!got.iter().any(|e| e.contains("ACCUSE")), "{got:?}");
}

#[test]
fn at_the_request_of_an_actor_the_clause_subject_was_asked() {
    let got = sentence("Jordan expelled the diplomats at the request of Riyadh.");
    assert_eq!(got, ["SAU REQUEST+ JOR asserted"]);
    let got = sentence("Oman hosted the talks at the behest of Washington.");
    assert!(got.contains(&"USA REQUEST+ OMN asserted".to_string()), "{got:?}");
    // without a verb of the clause there is no one asked (a place is no subject)
    let got = sentence("The talks were held in Muscat at the behest of Tehran.");
    assert!(!got.iter().any(|e| e.contains("REQUEST")), "{got:?}");
}

#[test]
fn may_the_month_is_no_modal() {
    let got = sentence("Turkey hosted Qatar's emir on May 3 and signed cooperation agreements with Qatar.");
    assert!(got.contains(&"TUR SUPPORT+ QAT asserted".to_string()), "{got:?}");
    let got = sentence("Turkey hosted Qatar's emir in May and signed cooperation agreements with Qatar.");
    assert!(got.contains(&"TUR SUPPORT+ QAT asserted".to_string()), "{got:?}");
    // the modal
    let got = sentence("Turkey may sign cooperation agreements with Qatar.");
    assert_eq!(got, ["TUR SUPPORT+ QAT hypothetical"]);
}

#[test]
fn a_time_in_an_apposition_dates_its_noun_phrase_not_the_next_verb() {
    // "the first visit ... since 2014" is a noun (after "the first"), and its time stays in
    // the apposition: the coordinated verb is dated like the first verb
    let x = extract(
        "Report\n\nMarch 3, 2016\n\nTurkey's president visited Doha on March 1, the first visit by a \
         Turkish leader since 2014, and signed trade agreements with Qatar.\n",
    );
    let got: Vec<String> = x
        .events
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
        .collect();
    assert!(got.iter().any(|e| e.ends_with("QAT 2016-03-01") && e.contains("SUPPORT")), "{got:?}");
    assert!(!got.iter().any(|e| e.contains("2014")), "{got:?}");
    // no verb "visit" with the place before it as its subject
    assert!(!got.iter().any(|e| e.starts_with("QAT")), "{got:?}");
}

#[test]
fn a_request_urged_on_someone_has_not_happened() {
    let got = sentence("Washington urged Arab states to demand concessions from Damascus.");
    assert!(!got.iter().any(|e| e.ends_with("SYR asserted")), "{got:?}");
    assert!(got.iter().any(|e| e.starts_with("USA REQUEST")), "{got:?}");
    // a demand of its own, in a clause of its own
    let got = sentence("Qatar asked Egypt to open the crossing, and Egypt demanded guarantees from Israel.");
    assert!(got.iter().any(|e| e.starts_with("EGY REQUEST") && e.contains(" ISR ")), "{got:?}");
}

#[test]
fn a_name_in_a_hyphenated_modifier_is_no_party() {
    // the party is what the compound describes
    let got = sentence("Israel struck Iran-backed Hezbollah in southern Lebanon.");
    assert_eq!(got, ["ISR ASSAULT- HEZBOLLAH asserted"]);
    let got = sentence("Iran-backed militias attacked US troops in Syria.");
    assert!(!got.iter().any(|e| e.starts_with("IRN")), "{got:?}");
    let got = sentence("Qatar mediated between Israel and the Iran-aligned group.");
    assert!(!got.iter().any(|e| e.contains(" IRN ")), "{got:?}");
    // a leader acts through what it leads
    let got = sentence("A Saudi-led force shelled Houthi positions.");
    assert_eq!(got, ["SAU ASSAULT- HOUTHIS asserted"]);
}

#[test]
fn a_from_phrase_after_a_noun_beats_a_subject_further_back() {
    let got = sentence("The United Nations has documented weapons shipments from Iran to the Houthis.");
    assert_eq!(got, ["IRN AID+ HOUTHIS asserted"]);
    // a name right before the noun is its agent
    let got = sentence("Iranian weapons shipments to the Houthis continued.");
    assert_eq!(got, ["IRN AID+ HOUTHIS asserted"]);
}

#[test]
fn a_states_people_held_by_another_party_stand_for_it() {
    let got = sentence("The Houthis released 13 Saudi prisoners on Friday.");
    assert_eq!(got, ["HOUTHIS RETREAT+ SAU asserted"]);
    // other people named by a demonym are no party
    let got = sentence("The Houthis met Saudi journalists on Friday.");
    assert!(!got.iter().any(|e| e.contains(" SAU ")), "{got:?}");
}

#[test]
fn an_ing_noun_is_also_its_verbs_gerund_after_a_preposition_or_a_verb() {
    // "funding" is a noun of the lexicon and the gerund of "fund"
    let got = sentence("Saudi Arabia has accused Qatar of funding Hamas.");
    assert!(got.contains(&"QAT AID+ HAMAS reported".to_string()), "{got:?}");
    let got = sentence("Qatar denied funding Hamas.");
    assert_eq!(got, ["QAT AID+ HAMAS denied"]);
    // after a noun it is that noun's participle, no act of the subject
    let got = sentence("Turkey sided with the militias funding Hamas.");
    assert!(!got.iter().any(|e| e.starts_with("TUR AID")), "{got:?}");
}

#[test]
fn an_ing_verb_after_a_noun_opens_that_nouns_clause() {
    // "the rebels fighting Assad": Assad is the rebels' object, not Hamas'
    let got = sentence("Hamas sided with the rebels fighting Assad.");
    assert!(!got.iter().any(|e| e.contains("AL_ASSAD_BASHAR")), "{got:?}");
    // after a determiner an "-ing" word is an adjective
    let got = sentence("Turkey criticised the ruling AKP of Erdogan.");
    assert_eq!(got, ["TUR ACCUSE- AKP asserted"]);
}
