//! Specifications of coreference on short texts, one sentence after another.

use super::*;
use entente_kb::{resolve, DocContext};
use std::sync::OnceLock;

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::embedded().unwrap())
}

/// The coreference mentions of each sentence, as "surface=ACTOR_ID".
fn run(sentences: &[&str], date: &str) -> Vec<Vec<String>> {
    let kb = kb();
    let lex = CorefLexicon::embedded().unwrap();
    let grammar = crate::lexicon::Lexicon::embedded().unwrap().grammar;
    let date: Option<PDate> = date.parse().ok();
    let mut ctx = DocContext::new(date);
    let mut mem = CorefMemory::default();
    let env = Env { kb, cands: &[], date, grammar: &grammar };
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let mut mentions = resolve::mentions(kb, s, &mut ctx);
        let toks = entente_text::token::tokenize(s);
        let extra = if lex.may_hold(s) { lex.resolve(&env, si, s, &toks, &mentions, &mem) } else { Vec::new() };
        out.push(extra.iter().map(|m| format!("{}={}", &s[m.span.clone()], kb.actors[m.actor].id)).collect());
        merge(&mut mentions, extra);
        mem.note(&lex, &env, si, s, &mentions);
    }
    out
}

#[test]
fn a_subject_pronoun_names_the_person_of_the_sentence_before() {
    let got = run(&["Khaled Meshaal moved his office to Doha.", "He then traveled to Riyadh."], "2015");
    assert_eq!(got[1], ["He=MESHAAL_KHALED"]);
    // the possessive of the first sentence is the same person
    assert_eq!(got[0], ["his=MESHAAL_KHALED"]);
}

#[test]
fn two_persons_equally_recent_resolve_to_nobody() {
    let got = run(&["Khaled Meshaal met Ismail Haniyeh in Doha.", "He then traveled to Riyadh."], "2015");
    assert!(got[1].is_empty(), "{got:?}");
}

#[test]
fn a_pronoun_looks_back_two_sentences_at_most() {
    let got =
        run(&["Khaled Meshaal arrived in Doha.", "The talks lasted hours.", "Nothing was agreed.", "He left."], "2015");
    assert!(got[3].is_empty(), "{got:?}");
    let got = run(&["Khaled Meshaal arrived in Doha.", "The talks lasted hours.", "He left for Tehran."], "2015");
    assert_eq!(got[2], ["He=MESHAAL_KHALED"]);
}

#[test]
fn it_names_a_singular_state_and_never_an_expletive() {
    // "the Saudis" is plural: Qatar is the one singular state before "it"
    let got = run(&["The Saudis pressed Qatar until it turned to Tehran."], "2014");
    assert_eq!(got[0], ["it=QAT"]);
    // two singular states before it: nobody
    let got = run(&["Saudi Arabia pressed Qatar until it turned to Tehran."], "2014");
    assert!(got[0].is_empty(), "{got:?}");
    let got = run(&["Qatar hosted the talks.", "It is unclear whether Iran will attend."], "2014");
    assert!(got[1].is_empty(), "{got:?}");
    // not the object of a verb: only a clause's subject
    let got = run(&["Qatar hosted the talks.", "Iran welcomed it."], "2014");
    assert!(got[1].is_empty(), "{got:?}");
}

#[test]
fn they_names_only_an_actor_named_in_the_plural() {
    let got = run(&["The Saudis did what Iran could not.", "They pressured Qatar."], "2014");
    assert_eq!(got[1], ["They=SAU"]);
    // two singular actors named apart: nobody
    let got = run(&["Saudi Arabia criticised Iran.", "They pressured Qatar."], "2014");
    assert!(got[1].is_empty(), "{got:?}");
}

#[test]
fn a_possessive_in_a_fronted_phrase_points_forward_and_stays_unresolved() {
    let got = run(&["Khaled Meshaal arrived in Doha.", "In his meeting with Iran, Ismail Haniyeh spoke."], "2015");
    assert!(got[1].is_empty(), "{got:?}");
}

#[test]
fn a_description_names_the_last_actor_of_its_class() {
    let got = run(&["Iran received Hamas officials.", "The movement thanked Tehran."], "2014");
    assert_eq!(got[1], ["The movement=HAMAS"]);
    // two movements in the sentence before: nobody
    let got = run(&["Hamas and Hezbollah met.", "The movement thanked Tehran."], "2014");
    assert!(got[1].is_empty(), "{got:?}");
    // a demonym chooses between them
    let got = run(&["Hamas and Hezbollah met.", "The Lebanese movement thanked Tehran."], "2014");
    assert_eq!(got[1], ["The Lebanese movement=HEZBOLLAH"]);
    // a state is no movement
    let got = run(&["Iran met Qatar.", "The group thanked Tehran."], "2014");
    assert!(got[1].is_empty(), "{got:?}");
    // "the group of seven", "the group Hamas": no back reference
    let got = run(&["Hezbollah met Iran.", "The group of seven met.", "The group Hamas spoke."], "2014");
    assert!(got[1].is_empty() && got[2].is_empty(), "{got:?}");
}

#[test]
fn a_monarchy_noun_names_only_a_state_with_that_ruler() {
    let got = run(&["Iran criticised Saudi Arabia.", "The kingdom responded."], "2016");
    assert_eq!(got[1], ["The kingdom=SAU"]);
    let got = run(&["Iran criticised Qatar.", "The emirate responded.", "The kingdom responded."], "2016");
    assert_eq!(got[1], ["The emirate=QAT"]);
    assert!(got[2].is_empty(), "{got:?}");
}

#[test]
fn his_organisation_is_the_one_the_person_acts_for() {
    let got = run(&["Khaled Meshaal said his movement's ties with Damascus would improve."], "2012");
    assert_eq!(got[0], ["his movement=HAMAS"]);
    // "government" only after a possessive pronoun
    let got = run(&["Iran met Qatar.", "The government responded."], "2016");
    assert!(got[1].is_empty(), "{got:?}");
}

#[test]
fn their_after_two_singular_actors_may_be_both_and_resolves_to_nobody() {
    let got = run(&["The Iranians watched as Qatar and Turkey extended their support to Hamas."], "2024");
    assert!(got[0].is_empty(), "{got:?}");
    let got = run(&["The Iranians said their support for Hamas would continue."], "2024");
    assert_eq!(got[0], ["their=IRN"]);
}

#[test]
fn a_possessive_before_a_name_only_qualifies_it() {
    let got = run(&["Ramadan Shalah visited Doha to meet his ally Khaled Meshaal."], "2014");
    assert!(got[0].is_empty(), "{got:?}");
    let got = run(&["Ramadan Shalah praised his support for Hamas."], "2014");
    assert_eq!(got[0], ["his=SHALAH_RAMADAN"]);
}

#[test]
fn a_capitalised_name_the_knowledge_base_lacks_stops_a_person_pronoun() {
    let got = run(
        &["Naftali Bennett spoke in Jerusalem.", "Zorbalov then flew to Washington, where she met US officials."],
        "2021",
    );
    assert!(got[1].is_empty(), "{got:?}");
    let got = run(&["Naftali Bennett spoke in Jerusalem.", "In June, he met US officials."], "2021");
    assert_eq!(got[1], ["he=BENNETT_NAFTALI"]);
}

#[test]
fn they_after_a_list_of_states_is_the_list_and_not_an_earlier_plural() {
    let got = run(
        &[
            "The crisis pitted Qatar against the Arab states.",
            "Saudi Arabia, Bahrain and Egypt accused Qatar.",
            "They demanded concessions.",
        ],
        "2017",
    );
    assert_eq!(got[2], ["They=SAU", "They=BHR", "They=EGY"]);
}

/// Each case: the sentences of a document, and the coreference mentions of its last one.
type Case<'a> = (&'a [&'a str], &'a [&'a str]);

fn check(cases: &[Case], date: &str) {
    for (doc, want) in cases {
        let got = run(doc, date);
        assert_eq!(got.last().unwrap(), want, "{doc:?}");
        assert_eq!(run_ahead(doc, date), got, "{doc:?}");
    }
}

#[test]
fn they_at_a_clause_start_names_every_actor_of_the_group_before() {
    check(
        &[
            // a list closed by "and", with or without the serial comma
            (
                &["Jordan, Kuwait, and Oman recalled envoys from Damascus.", "They demanded a ceasefire."],
                &["They=JOR", "They=KWT", "They=OMN"],
            ),
            (
                &["On Monday, Egypt and Jordan condemned the raid.", "They also agreed to talk."],
                &["They=EGY", "They=JOR"],
            ),
            // the group of the pronoun before, a sentence later
            (
                &["Kuwait and Oman sent envoys.", "They met Iranian officials.", "They then flew to Baghdad."],
                &["They=KWT", "They=OMN"],
            ),
            // within the sentence, after a subordinator
            (&["Tunisia and Algeria met, and they agreed to reopen the border."], &["they=TUN", "they=DZA"]),
            (&["Morocco and Libya waited until they reached a deal."], &["they=MAR", "they=LBY"]),
        ],
        "2019",
    );
}

#[test]
fn they_resolves_to_nobody_without_one_clear_group() {
    check(
        &[
            // two groups: ambiguous
            (&["Egypt and Jordan accused Qatar and Turkey.", "They demanded talks."], &[]),
            // the only group is no subject
            (&["Iran accused Saudi Arabia and Bahrain of meddling.", "They denied it."], &[]),
            // a group and an actor named in the plural
            (&["Egypt and Jordan met the Saudis.", "They agreed."], &[]),
            // "or" joins no group
            (&["Egypt or Jordan will host the talks.", "They agreed."], &[]),
            // a place in the list
            (&["Officials met in Doha and Cairo.", "They agreed."], &[]),
            // a clause joined by ", and" after an object is no list
            (&["Saudi Arabia accused Qatar, and Egypt cut ties.", "They demanded talks."], &[]),
            // inside a quotation the earlier rules hold
            (&["Saudi Arabia and Egypt cut ties.", "\u{201c}They demanded too much,\u{201d} an official said."], &[]),
        ],
        "2019",
    );
}

#[test]
fn a_numbered_plural_description_names_a_group_of_that_size() {
    check(
        &[
            (
                &["Turkey and Qatar signed a defence pact.", "The two countries will hold drills."],
                &["The two countries=TUR", "The two countries=QAT"],
            ),
            (
                &["Egypt and Jordan opened talks.", "Both sides agreed to meet again."],
                &["Both sides=EGY", "Both sides=JOR"],
            ),
            (
                &["Morocco, Tunisia, Algeria and Libya met in Rome.", "The four countries issued a statement."],
                &[
                    "The four countries=MAR",
                    "The four countries=TUN",
                    "The four countries=DZA",
                    "The four countries=LBY",
                ],
            ),
            // a pair named apart
            (
                &["Iran criticised Saudi Arabia.", "The two countries traded blame."],
                &["The two countries=IRN", "The two countries=SAU"],
            ),
            // one of the pair named again in between
            (
                &["Iran and Qatar signed a deal.", "Qatar praised it.", "Both countries expect more trade."],
                &["Both countries=IRN", "Both countries=QAT"],
            ),
            // in the same sentence
            (
                &["Iraq and Syria reopened a crossing that both neighbours had shut."],
                &["both neighbours=IRQ", "both neighbours=SYR"],
            ),
        ],
        "2019",
    );
}

#[test]
fn a_numbered_plural_description_without_a_group_of_that_size_names_nobody() {
    check(
        &[
            (&["Turkey and Qatar signed a pact.", "The three countries will hold drills."], &[]),
            (&["Egypt and Jordan met Iraq and Syria.", "The two sides agreed."], &[]),
            (&["Egypt, Jordan and Iraq met.", "Both countries agreed."], &[]),
            // the actor named in between is no member of the pair
            (&["Iran and Qatar signed a deal.", "Saudi Arabia objected.", "The two countries signed another."], &[]),
            // a place, not the parties
            (&["Israel and Hezbollah traded fire.", "Troops massed on both sides."], &[]),
            (&["Israel and Hezbollah traded fire.", "Both sides of the border were shelled."], &[]),
            // "sides" takes states or groups, "countries" only states
            (&["Israel and Hezbollah traded fire.", "Both countries called for calm."], &[]),
        ],
        "2019",
    );
}

#[test]
fn it_after_a_subordinator_is_a_clause_start_but_not_before_its_name() {
    check(
        &[
            (&["Egypt closed the crossing.", "Hamas protested until it reopened."], &["it=HAMAS"]),
            (&["Qatar hosted the talks.", "Tehran sent envoys because it sought support."], &["it=IRN"]),
            (&["Qatar hosted the talks.", "Tehran sent envoys when its allies asked."], &["its=IRN"]),
            (&["Turkey hosted the talks.", "Qatar attended, although it had doubts."], &["it=QAT"]),
            // a sentence-initial clause whose main clause names the actor points forward
            (&["Egypt hosted the talks.", "When it joined the talks, Qatar demanded a truce."], &[]),
            (&["Egypt hosted the talks.", "Because its envoy was late, Qatar left."], &[]),
            // with no name opening the main clause it looks back
            (&["Egypt hosted the talks.", "When it ended, officials left."], &["it=EGY"]),
        ],
        "2019",
    );
}

#[test]
fn a_plural_pronoun_is_no_singular_antecedent_for_it() {
    let got =
        run(&["The Saudis did what Iran could not.", "They pressured Qatar until it’s now close to Tehran."], "2014");
    assert_eq!(got[1], ["They=SAU", "it=QAT"]);
}

/// The plain reading of [`CorefLexicon::may_hold`]: some run of 2 to 16 ASCII letters is
/// a pronoun or description noun.
fn may_hold_plainly(lex: &CorefLexicon, text: &str) -> bool {
    let mut marks = 0;
    for w in text.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| (2..=16).contains(&w.len())) {
        marks |= lex.triggers.get(w.to_ascii_lowercase().as_bytes()).copied().unwrap_or(0);
    }
    Words::classes(marks) != 0
}

#[test]
fn the_fast_word_scan_finds_what_the_plain_reading_finds() {
    let lex = CorefLexicon::embedded().unwrap();
    let filler = "Officials in Doha confirmed the talks went ahead on Tuesday as planned.";
    let mut texts: Vec<String> = [
        "He said so.",
        "They met.",
        "the Movement",
        "THEIR",
        "it",
        "i",
        "Smith",
        "x-he-y",
        "theater",
        "Kingdoms and Kingdom",
        "“It’s late,” he added.",
        "an organizationalist",
        "café, Hé, its",
        "",
        "Others hen't",
        "Both sides",
        "sides",
        "the three nations",
        "three",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    // a word on each side of the 64-byte blocks the scan reads
    for pad in 56..72 {
        for w in ["he", "group", "governments", "It"] {
            texts.push(format!("{}{w}", "x ".repeat(pad / 2)));
            texts.push(format!("{}{w} {filler}", ".".repeat(pad)));
            texts.push(format!("{}{w}", "a".repeat(pad)));
        }
    }
    texts.push(filler.repeat(3));
    for t in &texts {
        assert_eq!(lex.may_hold(t), may_hold_plainly(&lex, t), "{t:?}");
    }
    assert!(lex.may_hold("x he"));
    assert!(!lex.may_hold(filler));
    // the classes a later sentence may ask for
    assert_eq!(lex.words("He met them."), Words::PERSON);
    assert_eq!(lex.words("It met their envoys."), Words::THING);
    assert_eq!(lex.words("They met."), Words::THING | Words::GROUP);
    assert_eq!(lex.words("Both sides met."), Words::GROUP);
    assert_eq!(lex.words("The two Gulf countries met."), Words::GROUP);
    // a plural noun without "both" or a number asks for nothing
    assert_eq!(lex.words("Gulf countries met."), 0);
    assert_eq!(lex.words("Two envoys met."), 0);
    assert_eq!(lex.words("the movement"), Words::DESC);
    assert_eq!(lex.words("no pronoun"), 0);
    // "hen't" is "he" + "n't" to the tokenizer
    assert_eq!(lex.words("It hen't"), Words::THING | Words::PERSON);
}

/// [`run`] with the cheaper bookkeeping of the pipeline: a sentence's mentions are only
/// read for what the sentences within reach after it may ask.
fn run_ahead(sentences: &[&str], date: &str) -> Vec<Vec<String>> {
    let kb = kb();
    let lex = CorefLexicon::embedded().unwrap();
    let grammar = crate::lexicon::Lexicon::embedded().unwrap().grammar;
    let date: Option<PDate> = date.parse().ok();
    let mut ctx = DocContext::new(date);
    let mut mem = CorefMemory::default();
    let env = Env { kb, cands: &[], date, grammar: &grammar };
    let text_of = |i: usize| sentences.get(i).copied();
    let mut out = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let mut mentions = resolve::mentions(kb, s, &mut ctx);
        let toks = entente_text::token::tokenize(s);
        let extra =
            if mem.holds(&lex, si, text_of) { lex.resolve(&env, si, s, &toks, &mentions, &mem) } else { Vec::new() };
        out.push(extra.iter().map(|m| format!("{}={}", &s[m.span.clone()], kb.actors[m.actor].id)).collect());
        merge(&mut mentions, extra);
        mem.note_ahead(&lex, &env, si, &mentions, text_of);
    }
    out
}

#[test]
fn noting_only_what_later_sentences_ask_changes_no_answer() {
    let docs: &[(&[&str], &str)] = &[
        (&["Khaled Meshaal moved his office to Doha.", "He then traveled to Riyadh."], "2015"),
        (
            &["Naftali Bennett spoke in Jerusalem.", "Zorbalov then flew to Washington, where she met US officials."],
            "2021",
        ),
        (
            &[
                "The crisis pitted Qatar against the Arab states.",
                "Saudi Arabia, Bahrain and Egypt accused Qatar.",
                "They demanded concessions.",
            ],
            "2017",
        ),
        (&["The Saudis did what Iran could not.", "They pressured Qatar until it’s now close to Tehran."], "2014"),
        (
            &[
                "Hezbollah fired rockets at Israel.",
                "Israel answered with air strikes.",
                "Officials met in Cairo.",
                "The Lebanese group denied it, and its leader Hassan Nasrallah spoke.",
                "He warned Israel.",
            ],
            "2019",
        ),
    ];
    for (doc, date) in docs {
        let full = run(doc, date);
        assert_eq!(run_ahead(doc, date), full, "{doc:?}");
    }
    // the last document resolves across the sentences between
    let got = run_ahead(docs[4].0, docs[4].1);
    assert!(got.iter().flatten().count() >= 2, "{got:?}");
}

#[test]
fn a_noun_stands_in_one_description_or_group_and_each_has_kinds() {
    let data = super::COREF;
    // a group noun that is a description noun too
    let twice = data.replacen("nouns = [\"sides\",", "nouns = [\"movement\", \"sides\",", 1);
    let Err(err) = CorefLexicon::from_source(&twice) else { panic!("a noun listed twice is refused") };
    assert!(err.to_string().contains("group noun \"movement\" listed twice"), "{err}");
    // a group without kinds
    let bare = data.replacen("kinds = [\"country\"]\n", "kinds = []\n", 1);
    let Err(err) = CorefLexicon::from_source(&bare) else { panic!("an entry without kinds is refused") };
    assert!(err.to_string().contains("has no kinds"), "{err}");
}
