//! Transliteration variants of known names (resolver rule 5, `data/translit.toml`): they
//! resolve to the one actor whose name they spell differently, never by a guess.

use entente_kb::resolve::mentions;
use entente_kb::{DocContext, Kb, Via};

const KB: &str = r#"
honorifics = ["mr", "sheikh", "president", "general"]
[[role]]
key = "president"
phrases = ["president"]
rank = 85
[[role]]
key = "foreign_minister"
phrases = ["foreign minister"]
rank = 60

[[actor]]
id = "IRN"
name = "Iran"
kind = "country"
demonyms = ["Iranian"]
[[actor]]
id = "SAU"
name = "Saudi Arabia"
kind = "country"
[[actor]]
id = "QAT"
name = "Qatar"
kind = "country"
[[actor]]
id = "HAMAS"
name = "Hamas"
kind = "organization"
[[actor]]
id = "HTS"
name = "Hayat Tahrir al-Sham"
kind = "organization"
[[actor]]
id = "MESHAAL"
name = "Khaled Meshaal"
kind = "person"
roles = [{ org = "HAMAS", title = "president", from = "1996", to = "2017-05-06" }]
[[actor]]
id = "HANIYEH"
name = "Ismail Haniyeh"
kind = "person"
[[actor]]
id = "MBS"
name = "Mohammed bin Salman Al Saud"
kind = "person"
aliases = ["Mohammed bin Salman"]
[[actor]]
id = "MBAR"
name = "Mohammed bin Abdulrahman Al Thani"
kind = "person"
[[actor]]
id = "TAMIM"
name = "Tamim bin Hamad Al Thani"
kind = "person"
[[actor]]
id = "ROUHANI"
name = "Hassan Rouhani"
kind = "person"
roles = [{ org = "IRN", title = "president", from = "2013-08-03", to = "2021-08-03" }]
[[actor]]
id = "SOLEIMANI"
name = "Qassem Soleimani"
kind = "person"
[[actor]]
id = "ZARIF"
name = "Mohammad Javad Zarif"
kind = "person"
aliases = ["Zarif"]
roles = [{ org = "IRN", title = "foreign_minister", from = "2013-08-15", to = "2021-08-25" }]
[[actor]]
id = "SISI"
name = "Abdel Fattah el-Sisi"
kind = "person"
[[actor]]
id = "RANTISI"
name = "Abdulaziz al-Rantisi"
kind = "person"
[[actor]]
id = "ASSAD"
name = "Bashar al-Assad"
kind = "person"
[[actor]]
id = "SALAMI"
name = "Hossein Salami"
kind = "person"
[[actor]]
id = "SALAME"
name = "Hassan Salame"
kind = "person"
"#;

fn kb() -> Kb {
    Kb::from_sources([("test.toml".to_string(), KB.to_string())]).unwrap()
}

/// The (id, surface, via) of each non-nested mention of each sentence of one document.
fn doc(kb: &Kb, sentences: &[&str]) -> Vec<Vec<(String, String, Via)>> {
    let mut ctx = DocContext::new(Some("2016-06".parse().unwrap()));
    sentences
        .iter()
        .map(|s| {
            mentions(kb, s, &mut ctx)
                .into_iter()
                .filter(|m| !m.nested)
                .map(|m| (kb.actors[m.actor].id.clone(), s[m.span].to_string(), m.via))
                .collect()
        })
        .collect()
}

fn one(kb: &Kb, s: &str) -> Vec<(String, String, Via)> {
    doc(kb, &[s]).remove(0)
}

fn v(id: &str, surface: &str, via: Via) -> (String, String, Via) {
    (id.to_string(), surface.to_string(), via)
}

#[test]
fn spelling_variants_of_multi_word_names_resolve() {
    let kb = kb();
    // (sentence, actor, the surface the mention covers)
    let table: &[(&str, &str, &str)] = &[
        ("Muhammad bin Salman met them.", "MBS", "Muhammad bin Salman"),
        ("Mohamed Bin Salman met them.", "MBS", "Mohamed Bin Salman"),
        ("Prince Mohammad ibn Salman met them.", "MBS", "Mohammad ibn Salman"),
        ("Muhammad bin Abdul-Rahman Al Thani met them.", "MBAR", "Muhammad bin Abdul-Rahman Al Thani"),
        ("Mohamed bin Abd al-Rahman al-Thani met them.", "MBAR", "Mohamed bin Abd al-Rahman al-Thani"),
        ("They met Kassem Suleimani.", "SOLEIMANI", "Kassem Suleimani"),
        ("They met Qasem Soleimani.", "SOLEIMANI", "Qasem Soleimani"),
        ("They met Khalid Mishal in Doha.", "MESHAAL", "Khalid Mishal"),
        ("They met Khaled Meshal in Doha.", "MESHAAL", "Khaled Meshal"),
        ("They met Hassan Rohani.", "ROUHANI", "Hassan Rohani"),
        ("They met Hasan Rowhani.", "ROUHANI", "Hasan Rowhani"),
        ("They met Ismail Haniya.", "HANIYEH", "Ismail Haniya"),
        ("They met Esmail Haniyah.", "HANIYEH", "Esmail Haniyah"),
        ("Abd al-Fattah as-Sisi spoke.", "SISI", "Abd al-Fattah as-Sisi"),
        ("Abdul Fattah al-Sisi spoke.", "SISI", "Abdul Fattah al-Sisi"),
        ("Abdelfattah Sisi spoke.", "SISI", "Abdelfattah Sisi"),
        ("Abdul-Aziz Al Rantisi spoke.", "RANTISI", "Abdul-Aziz Al Rantisi"),
        ("Abd el-Aziz Rantisi spoke.", "RANTISI", "Abd el-Aziz Rantisi"),
        ("Bashar Assad spoke.", "ASSAD", "Bashar Assad"),
        ("Bashar el-Asad spoke.", "ASSAD", "Bashar el-Asad"),
        ("Hay'at Tahrir ash-Sham fighters advanced.", "HTS", "Hay'at Tahrir ash-Sham"),
        ("Hay’at Tahrir al-Sham’s fighters advanced.", "HTS", "Hay’at Tahrir al-Sham"),
        // an exact alias inside the variant gives way to the whole name
        ("Mohammed Jawad Zarif spoke.", "ZARIF", "Mohammed Jawad Zarif"),
    ];
    for &(s, id, surface) in table {
        assert_eq!(one(&kb, s), vec![v(id, surface, Via::Variant)], "{s:?}");
    }
}

#[test]
fn variants_compose_with_role_phrases_and_other_names() {
    let kb = kb();
    assert_eq!(
        one(&kb, "Iranian President Hassan Rohani met Kassem Suleimani."),
        vec![
            v("ROUHANI", "Iranian President Hassan Rohani", Via::Variant),
            v("SOLEIMANI", "Kassem Suleimani", Via::Variant)
        ]
    );
    assert_eq!(
        one(&kb, "Khalid Mishal, Ismail Haniya and Qatar met."),
        vec![
            v("MESHAAL", "Khalid Mishal", Via::Variant),
            v("HANIYEH", "Ismail Haniya", Via::Variant),
            v("QAT", "Qatar", Via::Name)
        ]
    );
    // exact names are untouched
    assert_eq!(one(&kb, "Khaled Meshaal spoke."), vec![v("MESHAAL", "Khaled Meshaal", Via::Name)]);
}

#[test]
fn a_last_name_variant_resolves_after_the_full_name() {
    let kb = kb();
    let got = doc(
        &kb,
        &[
            "Hamas leader Khaled Meshaal arrived in Doha.",
            "Meshal said the talks went well.",
            "Mr. Mishal's aides agreed, Hassan Rohani said.",
            "Rouhani and Meshal left.",
        ],
    );
    assert_eq!(got[1], vec![v("MESHAAL", "Meshal", Via::Variant)]);
    assert_eq!(got[2], vec![v("MESHAAL", "Mishal", Via::Variant), v("ROUHANI", "Hassan Rohani", Via::Variant)]);
    // a variant named in full stands for its person later too
    assert_eq!(got[3], vec![v("ROUHANI", "Rouhani", Via::PartialName), v("MESHAAL", "Meshal", Via::Variant)]);
}

#[test]
fn single_word_variants_need_a_full_name_earlier() {
    let kb = kb();
    let got = doc(&kb, &["Meshal said the talks went well.", "Rohani agreed."]);
    assert_eq!(got, vec![vec![], vec![]]);
    // a variant inside a longer capitalised name is not a last name
    let got = doc(&kb, &["Khaled Meshaal arrived.", "Meshal Abu Marzouk left.", "Ahmed Meshal left."]);
    assert_eq!(got[1], vec![]);
    assert_eq!(got[2], vec![]);
}

#[test]
fn ambiguity_is_not_guessed() {
    let kb = kb();
    // "Hussein Salami" spells both Hossein Salami and Hassan Salame
    assert_eq!(one(&kb, "Hussein Salami spoke."), vec![]);
    // the exact names still resolve
    assert_eq!(one(&kb, "Hossein Salami spoke.")[0].0, "SALAMI");
    // family names alone never resolve through variants, even after a member
    let got = doc(
        &kb,
        &["Tamim bin Hamad Al Thani met Bashar al-Assad.", "Al Sani spoke.", "Asad spoke.", "Al Saoud spoke."],
    );
    assert_eq!(got[1..], [vec![], vec![], vec![]]);
    // two Al Thanis: their shared last name names neither
    let got = doc(
        &kb,
        &["Tamim bin Hamad Al Thani met Mohammed bin Abdulrahman Al Thani.", "Later, Al Thani said so.", "Thani left."],
    );
    assert_eq!(got[1..], [vec![], vec![]]);
    // two persons sharing a first name and "bin" never merge
    let got = one(&kb, "Muhammad bin Salman met Muhammad bin Abdulrahman Al Thani.");
    let ids: Vec<&str> = got.iter().map(|x| x.0.as_str()).collect();
    assert_eq!(ids, ["MBS", "MBAR"]);
    // a name that is only part of a known one is not it
    assert_eq!(one(&kb, "Muhammad bin Abdulrahman spoke."), vec![]);
}

#[test]
fn ordinary_capitalised_words_yield_no_mention() {
    let kb = kb();
    for s in [
        "On Monday, Hassan said the New York Times had it wrong.",
        "In March Mohammed and Salman visited Saudi Arabia.",
        "Sunday Prayers at Al Aqsa Mosque drew thousands.",
        "The Prime Minister met Tahrir Square protesters on Sunday.",
        "Mohammed Salman, a shopkeeper, said Bin Salman Street was closed.",
        "Mashhad and Qom, the Shia Holy Cities, were calm.",
    ] {
        let got: Vec<(String, String, Via)> = one(&kb, s).into_iter().filter(|m| m.2 == Via::Variant).collect();
        assert_eq!(got, vec![], "{s:?}");
    }
    // no new mention even after the full names earlier in the document
    let got = doc(
        &kb,
        &[
            "Khaled Meshaal met Hassan Rouhani and Qassem Soleimani.",
            "In March, Mashhad's Mayor and Kasem Street.",
            "Rohan, Mishap and Solemn Monday.",
        ],
    );
    assert_eq!(got[1..], [vec![], vec![]]);
}

#[test]
fn the_embedded_knowledge_base_keeps_crown_princes_apart() {
    let kb = Kb::embedded().unwrap();
    let id = |s: &str| -> Vec<String> {
        let mut ctx = DocContext::new(Some("2020-01".parse().unwrap()));
        mentions(&kb, s, &mut ctx).into_iter().filter(|m| !m.nested).map(|m| kb.actors[m.actor].id.clone()).collect()
    };
    let mbs = id("Mohammed bin Salman spoke.");
    let mbar = id("Mohammed bin Abdulrahman Al Thani spoke.");
    assert_eq!(mbs.len(), 1);
    assert_eq!(mbar.len(), 1);
    assert_ne!(mbs, mbar);
    assert_eq!(id("Mohamed Bin Salman spoke."), mbs);
    assert_eq!(id("Muhammad bin Abd al-Rahman Al-Thani spoke."), mbar);
    assert_eq!(id("Kassem Suleimani spoke."), id("Qassem Soleimani spoke."));
}
