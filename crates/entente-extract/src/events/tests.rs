//! Sentence-level specifications: each case is a sentence and the events it must yield.

use super::*;
use entente_kb::{resolve, DocContext, Kb};

const KB: &str = r#"
[[actor]]
id = "IRN"
name = "Iran"
kind = "country"
demonyms = ["Iranian", "Iranians"]
capital = "Tehran"
[[actor]]
id = "QAT"
name = "Qatar"
kind = "country"
demonyms = ["Qatari"]
capital = "Doha"
[[actor]]
id = "SAU"
name = "Saudi Arabia"
kind = "country"
demonyms = ["Saudi", "Saudis"]
[[actor]]
id = "ARE"
name = "United Arab Emirates"
kind = "country"
aliases = ["UAE"]
[[actor]]
id = "BHR"
name = "Bahrain"
kind = "country"
[[actor]]
id = "EGY"
name = "Egypt"
kind = "country"
capital = "Cairo"
[[actor]]
id = "TUR"
name = "Turkey"
kind = "country"
[[actor]]
id = "SYR"
name = "Syria"
kind = "country"
[[actor]]
id = "HAMAS"
name = "Hamas"
kind = "organization"
[[actor]]
id = "HEZBOLLAH"
name = "Hezbollah"
kind = "organization"
"#;

const TRIGGERS: &str = r#"
[[trigger]]
pattern = "accuse"
type = "ACCUSE"
target = ["obj"]
[[trigger]]
pattern = "impose sanction"
type = "SANCTION"
target = ["on", "against"]
[[trigger]]
pattern = "visit"
type = "CONSULT"
mode = "visit"
target = ["obj"]
[[trigger]]
pattern = "visit"
pos = "noun"
type = "CONSULT"
mode = "visit"
target = ["to"]
[[trigger]]
pattern = "support"
pos = "noun"
type = "SUPPORT"
target = ["for", "of"]
[[trigger]]
pattern = "cut off * aid"
type = "SANCTION"
polarity = "-"
target = ["to"]
[[trigger]]
pattern = "ally"
pos = "noun"
type = "SUPPORT"
target = ["of"]
[[trigger]]
pattern = "backer"
pos = "noun"
type = "SUPPORT"
target = ["of"]
[[trigger]]
pattern = "agree"
type = "AGREE"
target = ["with"]
[[trigger]]
pattern = "meet"
type = "CONSULT"
symmetric = true
target = ["obj", "with"]
[[trigger]]
pattern = "send"
type = "AID"
target = ["to"]
[[trigger]]
pattern = "strike"
type = "ASSAULT"
target = ["obj"]
[[trigger]]
pattern = "suspend * tie"
type = "SANCTION"
polarity = "-"
target = ["with"]
[[trigger]]
pattern = "supply"
type = "AID"
target = ["obj"]
[[trigger]]
pattern = "restore * tie"
type = "AGREE"
symmetric = true
target = ["with"]
[[trigger]]
pattern = "shake hand"
type = "CONSULT"
symmetric = true
target = ["with"]
[[trigger]]
pattern = "call * tyrant"
type = "ACCUSE"
target = ["obj"]
[[trigger]]
pattern = "threaten"
type = "THREATEN"
target = ["obj"]
[[trigger]]
pattern = "host"
type = "CONSULT"
symmetric = true
target = ["obj"]
"#;

const CUES: &str = r#"
[modality]
expected = ["expected to", "will", "plans to"]
hypothetical = ["could", "may", "might"]
denied = ["not", "never", "did not"]
reported = []
[attribution]
speech_verbs = ["say"]
[irregular]
met = "meet"
sent = "send"
struck = "strike"
shook = "shake"
cut = "cut"
"#;

fn code(s: &str) -> Vec<String> {
    let kb = Kb::from_sources([("t.toml".to_string(), KB.to_string())]).unwrap();
    let lex = Lexicon::from_sources(TRIGGERS, CUES, crate::lexicon::GRAMMAR).unwrap();
    let mut dc = DocContext::new(Some("2017-08".parse().unwrap()));
    let mentions: Vec<_> = resolve::mentions(&kb, s, &mut dc).into_iter().filter(|m| !m.nested).collect();
    let tokens = entente_text::token::tokenize(s);
    let input =
        SentenceInput { text: s, tokens: &tokens, mentions: &mentions, anchor: Some("2017-08".parse().unwrap()) };
    code_sentence(&lex, &input)
        .into_iter()
        .map(|e| {
            format!(
                "{} {}{} {} {}",
                kb.actors[e.source].id,
                e.ptype,
                e.polarity.as_str(),
                kb.actors[e.target].id,
                e.modality.as_str()
            )
        })
        .collect()
}

#[test]
fn coordinated_subjects_expand_and_coordinated_verbs_share_the_subject() {
    let got = code("In June, Saudi Arabia, the UAE, Bahrain and Egypt accused Qatar of funding militants and imposed sanctions on Doha.");
    for c in ["SAU", "ARE", "BHR", "EGY"] {
        assert!(got.contains(&format!("{c} ACCUSE- QAT asserted")), "{got:?}");
        assert!(got.contains(&format!("{c} SANCTION- QAT asserted")), "{got:?}");
    }
    assert_eq!(got.len(), 8, "{got:?}");
}

#[test]
fn passive_voice_takes_the_by_phrase_as_source() {
    assert_eq!(code("Qatar was accused by Saudi Arabia of backing militants."), ["SAU ACCUSE- QAT asserted"]);
}

#[test]
fn nominal_events_take_possessors_and_modifiers() {
    assert_eq!(code("Qatar welcomed Iranian support for Hamas."), ["IRN SUPPORT+ HAMAS asserted"]);
    assert_eq!(code("The Qatari envoy's visit to Tehran was expected."), ["QAT CONSULT+ IRN asserted"]);
}

#[test]
fn relation_nouns_point_from_subject_to_the_of_phrase_or_possessor() {
    assert_eq!(code("Turkey, which is a strong ally of Iran, stayed silent."), ["TUR SUPPORT+ IRN asserted"]);
    assert_eq!(code("Qatar, Hamas's other backer, hosted talks."), ["QAT SUPPORT+ HAMAS asserted"]);
}

#[test]
fn modality_and_negation() {
    assert_eq!(code("Hamas is expected to visit Tehran."), ["HAMAS CONSULT+ IRN expected"]);
    assert_eq!(
        code("Syria and Hezbollah do not agree with Hamas."),
        ["SYR REJECT- HAMAS asserted", "HEZBOLLAH REJECT- HAMAS asserted"]
    );
    assert_eq!(code("Iran never sent weapons to Hamas."), ["IRN AID+ HAMAS denied"]);
}

#[test]
fn multiword_triggers_with_gaps() {
    assert_eq!(code("As a result, Iran cut off military aid to Hamas."), ["IRN SANCTION- HAMAS asserted"]);
}

#[test]
fn symmetric_triggers_pair_a_plural_subject() {
    assert_eq!(code("Iran and Qatar met in Doha."), ["IRN CONSULT+ QAT asserted"]);
}

#[test]
fn prepositional_phrases_are_not_subjects() {
    assert_eq!(code("In Doha, Hamas visited Turkey."), ["HAMAS CONSULT+ TUR asserted"]);
}

#[test]
fn a_name_right_before_its_verb_is_a_subject_even_after_a_subordinator() {
    assert_eq!(code("A day after Hamas visited Turkey, talks resumed."), ["HAMAS CONSULT+ TUR asserted"]);
}

#[test]
fn objects_reach_through_such_as_and_of() {
    assert_eq!(code("Turkey accused groups such as Hamas."), ["TUR ACCUSE- HAMAS asserted"]);
    assert_eq!(code("Iran accused the government of Qatar."), ["IRN ACCUSE- QAT asserted"]);
}

#[test]
fn a_fronted_phrase_takes_the_main_subject_as_agent() {
    assert_eq!(code("In its visit to Qatar, Hamas said little."), ["HAMAS CONSULT+ QAT asserted"]);
}

#[test]
fn demonyms_stand_for_their_state_only_before_a_state_noun() {
    assert!(code("Iran accused Saudi journalists.").is_empty());
    assert_eq!(code("Iran accused Saudi officials."), ["IRN ACCUSE- SAU asserted"]);
}

#[test]
fn demanded_acts_are_not_events() {
    assert!(code("They demanded that Qatar impose sanctions on Iran.").is_empty());
}

#[test]
fn an_asserted_event_never_takes_a_date_after_the_page() {
    use entente_core::{Modality, PloverType, Polarity, When};
    use entente_text::temporal::{TimeExpr, TimeKind};
    let ev = |modality| CodedEvent {
        source: 0,
        target: 1,
        ptype: PloverType::Sanction,
        mode: None,
        polarity: Polarity::Negative,
        modality,
        when: Some(When::Point("2017-06-12".parse().unwrap())),
        trigger: 10..14,
        source_span: 0..1,
        target_span: 2..3,
        rule: String::new(),
        speaker: None,
    };
    let later = TimeExpr {
        span: 20..30,
        value: When::Point("2017-06-18".parse().unwrap()),
        rule: "test",
        kind: TimeKind::Relative,
        future: false,
    };
    let mut events = vec![ev(Modality::Asserted), ev(Modality::Expected)];
    assign_times(&mut events, &[later]);
    assert_eq!(events[0].when.unwrap().to_string(), "2017-06-12");
    assert_eq!(events[1].when.unwrap().to_string(), "2017-06-18");
}

#[test]
fn a_name_with_its_own_verb_after_an_object_opens_a_new_clause() {
    assert_eq!(
        code("Iran accused Qatar and Hamas met Turkey."),
        ["IRN ACCUSE- QAT asserted", "HAMAS CONSULT+ TUR asserted"]
    );
    // a subject list still joins before its verb
    assert_eq!(code("Iran and Qatar accused Turkey."), ["IRN ACCUSE- TUR asserted", "QAT ACCUSE- TUR asserted"]);
}

/// Codes the sentences of one paragraph in order with a shared speech state: each event as
/// "SOURCE TYPE TARGET modality speaker-text".
fn code_said(sentences: &[&str]) -> Vec<String> {
    let kb = Kb::from_sources([("t.toml".to_string(), KB.to_string())]).unwrap();
    let cues = CUES
        .replace(
            "speech_verbs = [\"say\"]",
            "speech_verbs = [\"say\", \"add\", \"explain\"]\nanonymous_speakers = [\"source\", \"official\"]\n\
         intention_heads = [\"invitation\", \"intention\"]",
        )
        .replace("\"will\",", "\"will\", \"would\",")
        .replace("[irregular]", "[irregular]\nsaid = \"say\"");
    let triggers = format!(
        "{TRIGGERS}\n[[trigger]]\npattern = \"ally\"\npos = \"noun\"\ntype = \"SUPPORT\"\ntarget = [\"of\"]\n\
         [[trigger]]\npattern = \"refuse to meet\"\ntype = \"REJECT\"\ntarget = [\"obj\"]\n"
    );
    let lex = Lexicon::from_sources(&triggers, &cues, crate::lexicon::GRAMMAR).unwrap();
    let mut dc = DocContext::new(Some("2017-08".parse().unwrap()));
    let mut state = SpeechState::default();
    let mut out: Vec<CodedEvent> = Vec::new();
    for s in sentences {
        state.begin(s, 0, out.len());
        let mentions: Vec<_> = resolve::mentions(&kb, s, &mut dc).into_iter().filter(|m| !m.nested).collect();
        let tokens = entente_text::token::tokenize(s);
        let input = SentenceInput { text: s, tokens: &tokens, mentions: &mentions, anchor: None };
        let coded = code_sentence_in(&lex, &input, &mut state);
        // a quotation's speaker named at its end reaches back, as in the pipeline
        if let Some((sp, from)) = state.backfill() {
            for ev in out.iter_mut().skip(from) {
                hear(ev, &sp);
            }
        }
        out.extend(coded);
    }
    out.into_iter()
        .map(|e| {
            let who = e.speaker.as_ref().map_or("-".to_string(), |sp| {
                let actor = sp.actor.map_or("null".to_string(), |a| kb.actors[a].id.clone());
                format!("{actor}:{}", sp.text)
            });
            format!("{} {} {} {} {who}", kb.actors[e.source].id, e.ptype, kb.actors[e.target].id, e.modality.as_str())
        })
        .collect()
}

#[test]
fn each_modality_from_its_own_cue() {
    let cases: &[(&str, &str)] = &[
        ("Iran met Qatar.", "asserted"),
        ("Iran is expected to meet Qatar.", "expected"),
        ("Iran plans to meet Qatar.", "expected"),
        ("Iran will meet Qatar.", "expected"),
        ("Iran could meet Qatar.", "hypothetical"),
        ("Iran may meet Qatar.", "hypothetical"),
        ("Iran did not meet Qatar.", "denied"),
        ("Iran never met Qatar.", "denied"),
        ("According to a source, Iran met Qatar.", "reported"),
        ("Iran met Qatar, a source said.", "reported"),
    ];
    for (s, m) in cases {
        assert_eq!(
            code_said(&[s]),
            [format!("IRN CONSULT QAT {m} {}", if *m == "reported" { "null:a source" } else { "-" })],
            "{s}"
        );
    }
}

#[test]
fn an_infinitive_after_a_word_of_intention_is_expected() {
    assert_eq!(code_said(&["Iran extended an invitation for Qatar to meet Turkey."]), ["QAT CONSULT TUR expected -"]);
    // a purpose infinitive of a past act is no plan
    assert_eq!(code_said(&["Iran came to meet Qatar."]), ["IRN CONSULT QAT asserted -"]);
}

#[test]
fn a_named_speaker_keeps_the_modality_of_what_is_said() {
    assert_eq!(code_said(&["Turkey said Iran would send weapons to Hamas."]), ["IRN AID HAMAS expected TUR:Turkey"]);
    assert_eq!(code_said(&["Iran met Qatar, Turkey said."]), ["IRN CONSULT QAT asserted TUR:Turkey"]);
    // an anonymous speaker makes it reported, and speaks for the organisation named with it
    assert_eq!(
        code_said(&["A senior Hamas official said Iran met Qatar."]),
        ["IRN CONSULT QAT reported HAMAS:A senior Hamas official"]
    );
}

#[test]
fn a_pronoun_speaker_and_a_quotation_keep_their_speaker() {
    // "he" after an anonymous source is that source
    assert_eq!(
        code_said(&["An Iranian source explained the plan.", "He added, “Iran met Qatar.”"]),
        ["IRN CONSULT QAT reported IRN:An Iranian source"]
    );
    // a quotation over two sentences whose frame comes last
    assert_eq!(
        code_said(&["Turkey spoke.", "“Iran met Qatar.", "Hamas met Egypt,” Turkey added."]),
        ["IRN CONSULT QAT asserted TUR:Turkey", "HAMAS CONSULT EGY asserted TUR:Turkey"]
    );
}

#[test]
fn an_apposition_is_the_writers_and_not_the_sources() {
    assert_eq!(code_said(&["Iran met Qatar, according to a source."]), ["IRN CONSULT QAT reported null:a source"]);
    assert_eq!(
        code_said(&["Qatar, a close ally of Iran, met Turkey, according to a source."]),
        ["QAT SUPPORT IRN asserted -", "QAT CONSULT TUR reported null:a source"]
    );
}

#[test]
fn a_negated_act_is_denied_but_a_refusal_is_itself_an_event() {
    assert_eq!(code_said(&["Iran did not meet Qatar."]), ["IRN CONSULT QAT denied -"]);
    assert_eq!(code_said(&["Iran refused to meet Qatar."]), ["IRN REJECT QAT asserted -"]);
}

#[test]
fn the_frame_word_prefilter_lets_every_speech_verb_form_through() {
    let lex = Lexicon::embedded().unwrap();
    let f = frame_words(&lex);
    assert!(!lex.cues.speech_forms.is_empty());
    for w in lex.cues.speech_forms.iter().map(String::as_str).chain(["according", "said", "told"]) {
        assert!(f.may_be(w), "{w}");
    }
    // most other words stop there, before any hash lookup
    assert!(!f.may_be("the"));
    assert!(!f.may_be("x"));
    assert!(!f.may_be(""));
}

#[test]
fn coordinated_demonyms_share_the_head_that_makes_them_parties() {
    assert_eq!(
        code("Saudi and Iranian warplanes struck Qatari targets."),
        ["SAU ASSAULT- QAT asserted", "IRN ASSAULT- QAT asserted"]
    );
}

#[test]
fn a_threatened_act_is_a_threat() {
    assert_eq!(code("Turkey threatened to suspend its ties with Egypt."), ["TUR THREATEN- EGY asserted"]);
    // a name with its own past verb after an object's list opens a new clause
    assert_eq!(
        code("Iran accused the UAE, and Turkey threatened to suspend its ties with Egypt."),
        ["IRN ACCUSE- ARE asserted", "TUR THREATEN- EGY asserted"]
    );
    // "called" in an earlier clause frames no demand over the next one
    let got = code("Iran denounced what it called a plot, and Turkey threatened to suspend its ties with Egypt.");
    assert!(got.contains(&"TUR THREATEN- EGY asserted".to_string()), "{got:?}");
}

#[test]
fn what_an_accusation_alleges_is_reported() {
    let got = code("Iran accused Qatar of supplying Hamas.");
    assert!(got.contains(&"IRN ACCUSE- QAT asserted".to_string()), "{got:?}");
    assert!(!got.iter().any(|e| e.contains("AID") && e.ends_with("asserted")), "{got:?}");
}

#[test]
fn a_forward_looking_cue_governs_its_whole_clause() {
    assert_eq!(code("The UAE is expected to move slowly in restoring ties with Qatar."), ["ARE AGREE+ QAT expected"]);
    assert_eq!(code("Bahrain restored ties with Qatar."), ["BHR AGREE+ QAT asserted"]);
}

#[test]
fn a_relative_clause_between_subject_and_verb_is_skipped() {
    assert_eq!(
        code("Turkey, which had called Syria a tyrant, shook hands with Iran."),
        ["TUR ACCUSE- SYR asserted", "TUR CONSULT+ IRN asserted"]
    );
    assert_eq!(code("Hamas, then backed by Syria, met Iran."), ["HAMAS CONSULT+ IRN asserted"]);
}

#[test]
fn a_participle_with_its_agent_acts_on_the_noun_it_modifies() {
    // the hosts of a summit do not host the parties that met at it
    assert_eq!(code("Egypt and Bahrain met at a summit hosted by Qatar."), ["EGY CONSULT+ BHR asserted"]);
}
