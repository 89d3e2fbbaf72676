//! Table-driven tests for `entente_text::temporal::tag`. All sentences are written for
//! these tests.

use entente_core::PDate;
use entente_text::temporal::{tag, TimeKind};

fn anchor(s: &str) -> Option<PDate> {
    if s.is_empty() {
        None
    } else {
        Some(s.parse().expect("anchor"))
    }
}

fn values(sentence: &str, a: &str) -> Vec<String> {
    tag(sentence, anchor(a)).iter().map(|e| e.value.to_string()).collect()
}

/// (sentence, anchor ("" = none), expected values in order).
const CASES: &[(&str, &str, &[&str])] = &[
    // --- full dates
    ("The ceasefire was signed on March 25, 2014.", "", &["2014-03-25"]),
    ("The ceasefire was signed on 25 March 2014 in Cairo.", "", &["2014-03-25"]),
    ("Elections were held on 3 January, 2020, amid protests.", "", &["2020-01-03"]),
    ("The truce expired on December 25, 2021.", "2022-01-10", &["2021-12-25"]),
    ("The report carries the date 2014-03-25 on its cover.", "", &["2014-03-25"]),
    ("The vote on 5 June 2016 was annulled by the court.", "", &["2016-06-05"]),
    ("The convoy left on December 25th, 2021, under escort.", "", &["2021-12-25"]),
    ("The vote took place on Sunday, November 28th.", "2021-12-01", &["2021-11-28"]),
    ("The vote took place on Sunday, November 28th.", "2022-09-01", &["2021-11-28"]),
    ("The envoy arrived on Nov. 27 and talks began at once.", "2023-12-05", &["2023-11-27"]),
    ("The ambassador returned on 14th December.", "2015-01-10", &["2014-12-14"]),
    ("He met the minister on Jan. 6 in Tehran.", "2021-01-20", &["2021-01-06"]),
    ("The ceremony on December 28 drew large crowds.", "2014-01-05", &["2013-12-28"]),
    ("The summit took place on Wednesday 25 March.", "2015-03-30", &["2015-03-25"]),
    ("Clashes erupted on March 25-27, 2014, near the border.", "", &["2014-03-25/2014-03-27"]),
    ("Talks on the 14th of December ended without a deal.", "2015-01-10", &["2014-12-14"]),
    ("The Oct. 7 attack changed the war.", "2023-11-15", &["2023-10-07"]),
    // --- month + year, bare months
    ("The embassy reopened in June 2017.", "", &["2017-06"]),
    ("The law passed in May of 2021.", "", &["2021-05"]),
    ("Hamas won the legislative elections in January 2006.", "", &["2006-01"]),
    ("They met in June.", "2017-08-08", &["2017-06"]),
    ("They met in June.", "2017-03-02", &["2016-06"]),
    ("They met in June.", "2017", &["2017-06"]),
    ("They met in June.", "", &[]),
    ("The troops withdrew last March.", "2014-03-20", &["2013-03"]),
    ("The troops withdrew in March.", "2014-03-20", &["2014-03"]),
    ("She will travel to Cairo in June.", "2014-08-20", &["2015-06"]),
    ("In June, the minister will visit Doha.", "2014-08-20", &["2015-06"]),
    ("The envoy visited between March and June 2014.", "", &["2014-03/2014-06"]),
    ("He returned in mid-March.", "2014-03-20", &["2014-03-11/2014-03-20"]),
    ("May God protect our country, the cleric told the crowd.", "2014-03-20", &[]),
    ("The Great March of Return drew thousands.", "2018-05-01", &[]),
    // --- years and decades
    ("Iran cut aid in 2012.", "", &["2012"]),
    ("The war of 1967 changed the region.", "", &["1967"]),
    ("In 2012 and 2013 the aid was frozen.", "", &["2012", "2013"]),
    ("The 2014 war left the strip in ruins.", "", &["2014"]),
    ("The treaty was signed in the year 2000.", "", &["2000"]),
    ("2012 was a difficult year for the movement.", "", &["2012"]),
    ("The border was closed during the 1990s.", "", &["1990/1999"]),
    ("Relations improved in the late 1990s.", "", &["1997/1999"]),
    ("The region saw unrest in the 2000s.", "", &["2000/2009"]),
    ("The group fired rockets such as the Qassam 400 at the town.", "2014-03-20", &[]),
    ("A crowd of 2000 people marched through the city.", "", &[]),
    ("The faction has 1500 fighters in the north.", "", &[]),
    ("Iran pledged 2,015 tonnes of wheat.", "", &[]),
    ("Protesters marked the 34th anniversary of the revolution.", "2013-02-11", &[]),
    ("The brigade seized 1900 rifles at the port.", "", &[]),
    ("TEHRAN, Iran — The foreign ministry summoned the envoy.", "2014-03-20", &[]),
    ("Resolution 2043 was adopted unanimously.", "", &[]),
    // --- seasons and parts of years
    ("The talks have continued since summer 2013.", "2014-03", &["2013-06/2014-03"]),
    ("Since the summer of 2013, the talks have stalled.", "", &["2013-06/.."]),
    ("In the winter of 2013, fuel ran short.", "", &["2012-12/2013-02"]),
    ("The militants were active last summer.", "2014-03-20", &["2013-06/2013-08"]),
    ("Fighting slowed in the spring.", "2014-07-01", &["2014-03/2014-05"]),
    ("He will step down in the spring.", "2014-07-01", &["2015-03/2015-05"]),
    ("The Arab Spring reached Syria in 2011.", "", &["2011"]),
    ("After the fall of Mosul, the army regrouped.", "2014-07-01", &[]),
    ("The rupture came at the end of 2012.", "", &["2012-10/2012-12"]),
    ("The rupture came at the end of 2012.", "2019-05-05", &["2012-10/2012-12"]),
    ("The economy grew in early 2014.", "", &["2014-01/2014-04"]),
    ("The offensive began in late 2019.", "", &["2019-09/2019-12"]),
    ("Talks resumed in mid-2020.", "", &["2020-05/2020-08"]),
    ("The movement was founded at the beginning of 2011.", "", &["2011-01/2011-03"]),
    ("Exports fell in the first half of 2016.", "", &["2016-01/2016-06"]),
    ("Officials said the strike occurred late last year.", "2014-03-20", &["2013-09/2013-12"]),
    ("The budget was approved earlier this year.", "2014-03-20", &["2014-01/2014-03"]),
    ("A new round is planned for later this year.", "2014-03-20", &["2014-03/2014-12"]),
    ("The deal must be struck by the end of the year.", "2014-03-20", &["../2014-12"]),
    // --- ranges and open ranges
    ("The militia expanded between 2011 and 2013.", "", &["2011/2013"]),
    ("He led the council from 2012 to 2014.", "", &["2012/2014"]),
    ("During the 2011-2013 period the rebels gained ground.", "", &["2011/2013"]),
    ("Sanctions stay in force until 2017.", "", &["../2017"]),
    ("The agreement was signed before 2011.", "", &["../2010"]),
    ("Trade has grown after 2015.", "", &["2016/.."]),
    ("The two states have clashed since 2011.", "2014-03-20", &["2011/2014-03-20"]),
    ("The deal was struck by the end of 2012.", "", &["../2012-12"]),
    // --- relative to the anchor
    ("Last week, the minister visited Doha.", "2014-03-20", &["2014-03-10/2014-03-16"]),
    ("Last week, the minister visited Doha.", "2014-03", &["2014-03"]),
    ("Last week, the minister visited Doha.", "", &[]),
    ("The envoy travelled to Riyadh this week.", "2014-03-20", &["2014-03-17/2014-03-23"]),
    ("Protesters gathered last weekend.", "2014-03-20", &["2014-03-15/2014-03-16"]),
    ("Over the weekend, militants attacked a checkpoint.", "2014-03-20", &["2014-03-15/2014-03-16"]),
    ("Last month the envoy met rebel leaders.", "2014-03-20", &["2014-02"]),
    ("Last month the envoy met rebel leaders.", "2014-01", &["2013-12"]),
    ("The summit will take place next month.", "2014-03-20", &["2014-04"]),
    ("Trade rose sharply last year.", "2014-03-20", &["2013"]),
    ("This year the budget was cut.", "2014-03-20", &["2014"]),
    ("Elections are due next year.", "2014-03-20", &["2015"]),
    ("He will visit in the coming year.", "2024-11-21", &["2025"]),
    ("Yesterday, the army shelled the village.", "2014-03-20", &["2014-03-19"]),
    ("Yesterday, the army shelled the village.", "2014-03", &["2014-03"]),
    ("The minister spoke today in Ankara.", "2014-03-20", &["2014-03-20"]),
    ("The delegation arrives tomorrow.", "2014-03-31", &["2014-04-01"]),
    ("The blast happened last night.", "2014-03-01", &["2014-02-28"]),
    ("The decision was made this morning.", "2014-03-20", &["2014-03-20"]),
    ("The attack happened two days ago.", "2014-03-20", &["2014-03-18"]),
    ("He resigned three weeks ago.", "2014-03-20", &["2014-02-24/2014-03-02"]),
    ("The accord was reached 10 years ago.", "2014-03-20", &["2004"]),
    ("Prices have doubled over the past two years.", "2014-03-20", &["2012-03/2014-03"]),
    ("Rockets hit the town in the morning.", "2014-03-20", &[]),
    // --- weekdays
    ("On Wednesday, the president met the prime minister.", "2024-11-21", &["2024-11-20"]),
    ("On Wednesday, the president met the prime minister.", "2024-11-20", &["2024-11-20"]),
    ("On Wednesday, the president met the prime minister.", "2024-11", &["2024-11"]),
    ("On Wednesday, the president met the prime minister.", "", &[]),
    ("The plan was announced last Wednesday.", "2024-11-20", &["2024-11-13"]),
    ("The resolution passed on Friday with 12 votes.", "2014-03-20", &["2014-03-14"]),
    ("The minister will meet his counterpart on Friday.", "2014-03-20", &["2014-03-21"]),
    ("He said on Monday that Iran will respond.", "2014-03-20", &["2014-03-17"]),
    ("The talks will resume next Tuesday.", "2014-03-20", &["2014-03-25"]),
    ("The Good Friday agreement was cited by both sides.", "2014-03-20", &[]),
    ("USA Today reported the story first.", "2014-03-20", &[]),
    // --- relative to another expression
    ("The siege began a day after the election.", "2014-03-20", &["2014-03-20"]),
    ("The siege began a day after the election.", "", &[]),
    ("Troops entered on March 3, 2014, and two days later they left.", "", &["2014-03-03", "2014-03-05"]),
    ("On 3 March 2014 the army entered the city; the next day it withdrew.", "", &["2014-03-03", "2014-03-04"]),
    // --- mixed
    ("Since the 1979 revolution, Iran has backed Shiite groups.", "2014-03-20", &["1979/2014-03-20"]),
    ("After the 2006 war, Hezbollah rearmed.", "", &["2006/.."]),
    ("Qatar was blockaded from June 2017 until January 2021.", "", &["2017-06/2021-01"]),
    ("In 2011, protests erupted; two years later, the alliance collapsed.", "", &["2011", "2013"]),
    ("Turnout was 2014 votes higher than in 2010.", "", &["2010"]),
    ("The summit is slated for the second half of the year.", "2014-03-20", &["2014-07/2014-12"]),
    ("The ban lasted until the end of March.", "2014-03-20", &["../2014-03-31"]),
    ("The talks, which began in October, are expected to end by June.", "2014-03-20", &["2013-10", "../2014-06"]),
    (
        "The militia seized the town on Sept. 12 and held it until mid-October.",
        "2014-03-20",
        &["2013-09-12", "../2013-10-20"],
    ),
    ("Over the past decade, the alliance has shifted.", "2014-03-20", &["2004-03/2014-03"]),
    ("The vote is set for March 3.", "2024-01-10", &["2024-03-03"]),
    ("The two sides agreed on Dec. 30 to extend the truce.", "2024-01-10", &["2023-12-30"]),
    ("The two sides met twice in 2013: in May and in November.", "2014-03-20", &["2013", "2013-05", "2013-11"]),
    ("The group claimed the attack on Thursday night.", "2014-03-20", &["2014-03-20"]),
    ("During the first quarter of 2015, exports rose.", "", &["2015-01/2015-03"]),
    ("The Sunday Times reported the story.", "2014-03-20", &[]),
    ("Protesters joined the March for Return in 2018.", "2018-06-01", &["2018"]),
    ("The spring offensive stalled near the river.", "2014-03-20", &[]),
    ("The army said that 2014 rockets were fired.", "2014-03-20", &[]),
    ("The jets flew over the area at 2100 hours.", "2014-03-20", &[]),
    // --- no time expression
    ("The blockade lasted for years.", "2014-03-20", &[]),
    ("After a two-year hiatus, talks restarted.", "2014-03-20", &[]),
    ("The army has not advanced in recent years.", "2014-03-20", &[]),
    ("The minister met his counterpart in Doha to discuss the crisis.", "2014-03-20", &[]),
    ("Protesters march on the embassy every week.", "2014-03-20", &[]),
];

#[test]
fn table() {
    let mut failures = Vec::new();
    for (sentence, a, want) in CASES {
        let got = values(sentence, a);
        if got != *want {
            failures.push(format!("{sentence:?} @ {a:?}: got {got:?}, want {want:?}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), CASES.len(), failures.join("\n"));
}

#[test]
fn spans_rules_and_kinds() {
    let s = "The talks have continued since summer 2013.";
    let e = &tag(s, anchor("2014-03"))[0];
    assert_eq!(&s[e.span.clone()], "since summer 2013");
    assert_eq!(e.kind, TimeKind::Since);
    assert_eq!(e.rule, "since");

    let s = "He will visit in the coming year.";
    let e = &tag(s, anchor("2024-11-21"))[0];
    assert_eq!(&s[e.span.clone()], "the coming year");
    assert!(e.future);
    assert_eq!(e.kind, TimeKind::Relative);

    let s = "The ceasefire was signed on March 25, 2014.";
    let e = &tag(s, None)[0];
    assert_eq!(&s[e.span.clone()], "March 25, 2014");
    assert_eq!(e.kind, TimeKind::Absolute);
    assert!(!e.future);

    let s = "The siege began a day after the election.";
    let e = &tag(s, anchor("2014-03-20"))[0];
    assert_eq!(e.rule, "day_after");
    assert_eq!(e.kind, TimeKind::Relative);

    let s = "Sanctions stay in force until 2017.";
    let e = &tag(s, None)[0];
    assert_eq!(e.kind, TimeKind::Until);
    assert_eq!(&s[e.span.clone()], "until 2017");

    let s = "He led the council from 2012 to 2014.";
    assert_eq!(tag(s, None)[0].kind, TimeKind::Range);

    let s = "The summit will take place next month.";
    assert!(tag(s, anchor("2014-03-20"))[0].future);

    let s = "They met in June.";
    let e = &tag(s, anchor("2017-08-08"))[0];
    assert_eq!(&s[e.span.clone()], "June");
    assert!(!e.future);

    // non-ASCII text around an expression keeps byte spans right
    let s = "Qāsem Soleimani’s forces arrived in Aleppo on 5 June 2016 — officials said.";
    let e = &tag(s, None)[0];
    assert_eq!(&s[e.span.clone()], "5 June 2016");
}

#[test]
fn an_expression_relative_to_another_counts_from_the_preceding_sentences_when_its_own_names_none() {
    use entente_text::temporal::tag_in_context;
    let s = "A day after the visit, the two leaders spoke by phone.";
    let at = |r: Option<&str>| tag_in_context(s, anchor("2017-08-10"), r.and_then(anchor))[0].value.to_string();
    assert_eq!(at(Some("2017-05-21")), "2017-05-22");
    // a month stays a month
    assert_eq!(at(Some("2017-05")), "2017-05");
    // without a reference: the anchor
    assert_eq!(at(None), "2017-08-10");
    // a point in the sentence itself comes first
    let s = "The talks opened on March 3, 2016 and a day after the talks the envoys left.";
    let t = tag_in_context(s, anchor("2016-03-20"), anchor("2016-01-01"));
    assert_eq!(t.last().unwrap().value.to_string(), "2016-03-04");
}

#[test]
fn words_that_mark_the_tense_of_a_clause() {
    use entente_text::temporal::{verb_form, VerbForm};
    let table = [
        ("is", Some(VerbForm::Present)),
        ("will", Some(VerbForm::Present)),
        ("has", Some(VerbForm::Perfect)),
        ("had", Some(VerbForm::PastPerfect)),
        ("were", Some(VerbForm::Past)),
        ("condemned", Some(VerbForm::Participle)),
        ("sent", Some(VerbForm::Participle)),
        ("supports", None),
        ("hundred", None),
        ("need", None),
    ];
    for (w, want) in table {
        assert_eq!(verb_form(w), want, "{w}");
    }
}
