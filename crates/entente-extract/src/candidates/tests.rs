//! Candidate specifications: a sentence and the candidate actors it must (and must not)
//! yield, with the embedded knowledge base and cue lists.

use super::*;
use entente_core::PDate;
use entente_kb::{resolve, DocContext};
use std::sync::OnceLock;

struct Env {
    kb: Kb,
    lex: Lexicon,
    cl: CandidateLexicon,
}

fn env() -> &'static Env {
    static E: OnceLock<Env> = OnceLock::new();
    E.get_or_init(|| Env {
        kb: Kb::embedded().unwrap(),
        lex: Lexicon::embedded().unwrap(),
        cl: CandidateLexicon::embedded().unwrap(),
    })
}

/// The candidates of the sentences of one document, as "name kind/subkind cue".
fn doc(sentences: &[&str]) -> Vec<String> {
    let e = env();
    let mut ctx = DocContext::new(Some("2016-03-01".parse::<PDate>().unwrap()));
    let mut cands = DocCandidates::default();
    let base = e.kb.actors.len();
    let mut out = Vec::new();
    for s in sentences {
        let mut mentions = resolve::mentions(&e.kb, s, &mut ctx);
        let toks = entente_text::token::tokenize(s);
        e.cl.detect(&e.lex, &e.kb, s, &toks, &mut mentions, base, &mut cands);
        for m in mentions.iter().filter(|m| m.actor >= base) {
            let c = &cands.list[m.actor - base];
            let (k, sk) = c.guess.kind();
            out.push(format!("{} {}/{} {}", &s[m.span.clone()], k, sk.unwrap_or("-"), c.cue));
        }
    }
    out
}

fn one(s: &str) -> Vec<String> {
    doc(&[s])
}

#[test]
fn a_title_makes_a_person() {
    assert_eq!(one("Hamas later met President Zorbal Qenti in Doha."), ["Zorbal Qenti person/- title:president"]);
    assert_eq!(one("The talks were hosted by Sheikh Abdulqadir Yenwar."), ["Abdulqadir Yenwar person/- title:sheikh"]);
    assert_eq!(one("Iran thanked Mr. Tovarin for the offer."), ["Tovarin person/- title:mr"]);
}

#[test]
fn a_title_after_a_known_organisation_gives_the_affiliation() {
    let e = env();
    let s = "Hamas spokesman Zorbal Qenti condemned Israel.";
    let mut ctx = DocContext::new(Some("2016-03-01".parse::<PDate>().unwrap()));
    let mut mentions = resolve::mentions(&e.kb, s, &mut ctx);
    let toks = entente_text::token::tokenize(s);
    let mut cands = DocCandidates::default();
    e.cl.detect(&e.lex, &e.kb, s, &toks, &mut mentions, e.kb.actors.len(), &mut cands);
    assert_eq!(cands.list.len(), 1, "{cands:?}");
    let (org, role) = cands.list[0].affiliation.clone().expect("affiliated");
    assert_eq!((e.kb.actors[org].id.as_str(), role.as_str()), ("HAMAS", "spokesman"));
}

#[test]
fn a_given_name_makes_a_person() {
    assert_eq!(one("Iran received Mahmoud Zarqawen in Tehran."), ["Mahmoud Zarqawen person/- given_name:mahmoud"]);
}

#[test]
fn an_organisations_last_word_gives_its_kind() {
    assert_eq!(
        one("Israel struck the Zorbal Brigades near Gaza."),
        ["Zorbal Brigades organization/group suffix:brigades"]
    );
    assert_eq!(
        one("The statement from the Qenti Liberation Front angered Egypt."),
        ["Qenti Liberation Front organization/group suffix:front"]
    );
    assert_eq!(one("Turkey accused the Zorbal Council of fraud."), ["Zorbal Council organization/- suffix:council"]);
}

#[test]
fn a_group_noun_or_a_members_noun_around_the_name() {
    assert_eq!(one("Iran backs the Zorbalin movement in Iraq."), ["Zorbalin organization/group head:movement"]);
    assert_eq!(one("Israel killed Zorbalin's leader in Syria."), ["Zorbalin organization/- possessive:leader"]);
}

#[test]
fn a_surname_after_the_full_name_is_the_same_candidate() {
    let got = doc(&["Hamas said it had met President Zorbal Qenti.", "Israel accused Qenti of lying."]);
    assert_eq!(got, ["Zorbal Qenti person/- title:president", "Qenti person/- title:president"]);
}

#[test]
fn collectives_of_a_demonym_or_a_label() {
    assert_eq!(one("Iranian women condemned Israel."), ["Iranian women organization/collective collective:women"]);
    assert_eq!(
        one("Iran armed Iraqi Shiite militias for years."),
        ["Iraqi Shiite militias organization/collective collective:militias"]
    );
    assert_eq!(
        one("Hamas denied backing jihadist and Salafist groups in Lebanon."),
        ["jihadist and Salafist groups organization/collective collective:groups"]
    );
    assert_eq!(
        one("Police dispersed Jordanian students in Amman."),
        ["Jordanian students organization/collective collective:students"]
    );
}

#[test]
fn a_demonym_before_a_state_noun_stays_the_state() {
    assert!(one("Iranian officials met Qatari diplomats.").is_empty());
    assert!(one("Iranian militias attacked the base.").is_empty());
    // qualifiers alone name nothing
    assert!(one("Armed groups attacked the base.").is_empty());
}

#[test]
fn no_candidate_without_a_cue_or_from_noise() {
    for s in [
        // sentence-initial capitals, months, weekdays, places known or not
        "Zorbalin visited Iran on Monday.",
        "Iran and Qatar met in March in Zorbal Town.",
        // headline case
        "Iran Hails New Era With Zorbal Brigades",
        // a title alone
        "The President spoke to Qatar.",
        // generic names and a state's ministry
        "The Security Forces and the Foreign Ministry denied it.",
        "The Iranian Interior Ministry accused Qatar.",
        // news outlets
        "Iran told Press TV and Reuters it would respond.",
        // a known role holder named with an unknown spelling is left alone
        "Iranian President Hassanov Rouhanee visited Qatar.",
    ] {
        assert!(one(s).is_empty(), "{s}: {:?}", one(s));
    }
}

#[test]
fn the_cheap_test_finds_what_detection_needs() {
    let e = env();
    let may = |s: &str| {
        let mut ctx = DocContext::new(Some("2016-03-01".parse::<PDate>().unwrap()));
        e.cl.may_hold(s, &resolve::mentions(&e.kb, s, &mut ctx))
    };
    assert!(may("Israel struck the Zorbal Brigades near Gaza."));
    assert!(may("Hamas later met President Zorbal Qenti in Doha."));
    assert!(may("Iranian women condemned Israel."));
    assert!(may("Hamas denied backing Salafist groups."));
    assert!(!may("the talks ended without a deal on the issue."));
    // cue words next to known names only
    assert!(!may("Hamas leader Ismail Haniyeh met Iranian officials."));
}

#[test]
fn overlay_entries_for_the_analyst() {
    let u = UnknownActor {
        id: "cand:zorbal_brigades".into(),
        name: "Zorbal Brigades".into(),
        kind: "organization".into(),
        subkind: Some("group".into()),
        mentions: 3,
        documents: 2,
        aliases: vec!["Zorbal Brigades".into(), "the Zorbal Brigades".into()],
        cue: Some("suffix:brigades".into()),
    };
    assert_eq!(
        u.overlay_toml(),
        "[[actor]]\nid = \"ZORBAL_BRIGADES\"\nname = \"Zorbal Brigades\"\nkind = \"organization\"\nsubkind = \"group\"\naliases = [\"the Zorbal Brigades\"]\n"
    );
}

#[test]
fn the_cheap_test_sees_a_members_noun_after_a_possessive() {
    let e = env();
    let s = "Israel killed Zorbalin's leader in Syria.";
    let mut ctx = DocContext::new(None);
    assert!(e.cl.may_hold(s, &resolve::mentions(&e.kb, s, &mut ctx)));
}

#[test]
fn a_collective_without_a_state_is_recorded_but_never_a_party() {
    let e = env();
    let s = "Hamas armed Salafist groups in Lebanon.";
    let mut ctx = DocContext::new(None);
    let mut mentions = resolve::mentions(&e.kb, s, &mut ctx);
    let toks = entente_text::token::tokenize(s);
    let mut cands = DocCandidates::default();
    e.cl.detect(&e.lex, &e.kb, s, &toks, &mut mentions, e.kb.actors.len(), &mut cands);
    let m = mentions.iter().find(|m| m.actor >= e.kb.actors.len()).expect("a candidate");
    assert_eq!(&s[m.span.clone()], "Salafist groups");
    assert!(m.nested);
}
