//! Held-out style articles as a specification: six pages written for this suite (not seed
//! text) about events the seeds do not cover, each with the events that must come out of it,
//! the ones that must not (page chrome, a "Related" box, an expected visit coded as done, a
//! denial or an accusation coded as a fact), and the dated publication.
//!
//! An expectation is `"SOURCE TYPE TARGET [modality] [| sentence words]"`: ids as the
//! knowledge base spells them; a side matches the actor or the actor it acts for (its
//! roll-up); `*` matches any actor or type; CONSULT, COOPERATE and AGREE match in either direction;
//! the optional sentence words restrict the match to events coded from a sentence that
//! contains them.
//!
//! `gaps` are genuine expectations the coder does not meet yet: they are printed, not
//! asserted, so that the list stays honest and visible.

use std::path::PathBuf;

use entente_extract::output::{EventOut, Extraction};
use entente_extract::{Pipeline, RawDoc};

struct Case {
    file: &'static str,
    published: &'static str,
    must: &'static [&'static str],
    must_not: &'static [&'static str],
    /// Words of page chrome and of "Related" boxes: no event may come from a sentence
    /// containing them.
    chrome: &'static [&'static str],
    gaps: &'static [&'static str],
}

struct Spec<'a> {
    source: &'a str,
    ptype: &'a str,
    target: &'a str,
    modality: Option<&'a str>,
    sentence: Option<&'a str>,
}

fn parse(s: &str) -> Spec<'_> {
    let (head, sentence) = match s.split_once('|') {
        Some((h, w)) => (h, Some(w.trim())),
        None => (s, None),
    };
    let w: Vec<&str> = head.split_whitespace().collect();
    assert!(w.len() == 3 || w.len() == 4, "bad expectation {s:?}");
    Spec { source: w[0], ptype: w[1], target: w[2], modality: w.get(3).copied(), sentence }
}

fn side(id: &str, rollup: &Option<String>, want: &str) -> bool {
    want == "*" || id == want || rollup.as_deref() == Some(want)
}

fn matches(e: &EventOut, s: &Spec) -> bool {
    let t = e.ptype.as_str();
    if s.ptype != "*" && t != s.ptype {
        return false;
    }
    if s.modality.is_some_and(|m| m != e.modality.as_str()) {
        return false;
    }
    if s.sentence.is_some_and(|w| !e.sentence.contains(w)) {
        return false;
    }
    let fwd = side(&e.source, &e.source_rollup, s.source) && side(&e.target, &e.target_rollup, s.target);
    let symmetric = matches!(t, "CONSULT" | "COOPERATE" | "AGREE");
    let back = symmetric && side(&e.source, &e.source_rollup, s.target) && side(&e.target, &e.target_rollup, s.source);
    fwd || back
}

fn show(e: &EventOut) -> String {
    format!(
        "{} {}{} {} {} [{}] «{}»",
        e.source,
        e.ptype.as_str(),
        e.polarity.as_str(),
        e.target,
        e.modality.as_str(),
        e.trigger,
        e.sentence
    )
}

fn extract(file: &str) -> Extraction {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/heldout").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let p = Pipeline::embedded().unwrap();
    let doc = p.process(&RawDoc { id: file.into(), file: file.into(), text, format: entente_text::Format::Text });
    p.merge(vec![doc], Vec::new())
}

fn check(c: &Case) {
    let x = extract(c.file);
    let listing: Vec<String> = x.events.iter().map(show).collect();
    let listing = listing.join("\n  ");
    let mut errors = Vec::new();
    let published = x.documents[0].published.map(|d| d.to_string()).unwrap_or_default();
    if published != c.published {
        errors.push(format!("published {published:?}, want {:?}", c.published));
    }
    for m in c.must {
        let s = parse(m);
        if !x.events.iter().any(|e| matches(e, &s)) {
            errors.push(format!("missing: {m}"));
        }
    }
    for m in c.must_not {
        let s = parse(m);
        for e in x.events.iter().filter(|e| matches(e, &s)) {
            errors.push(format!("forbidden {m}: {}", show(e)));
        }
    }
    for w in c.chrome {
        for e in x.events.iter().filter(|e| e.sentence.contains(w)) {
            errors.push(format!("from chrome {w:?}: {}", show(e)));
        }
    }
    for g in c.gaps {
        let s = parse(g);
        let met = x.events.iter().any(|e| matches(e, &s));
        eprintln!("{}: known gap {g}: {}", c.file, if met { "now met, assert it" } else { "not met" });
    }
    assert!(errors.is_empty(), "{}:\n{}\nevents:\n  {listing}", c.file, errors.join("\n"));
}

#[test]
fn saudi_and_iranian_ministers_meet_in_beijing() {
    check(&Case {
        file: "01_saudi_iran_beijing_ministers_2023.txt",
        published: "2023-04-06",
        must: &[
            // "X, the Saudi foreign minister, met his Iranian counterpart Y"
            "SAU CONSULT IRN asserted | met his Iranian counterpart",
            // "is expected to visit Riyadh"
            "IRN CONSULT SAU expected | expected to visit",
            // promises to reopen embassies: the reopening lies ahead
            "SAU AGREE IRN expected | pledged to reopen",
            "SAU AGREE IRN expected | agree to reopen",
        ],
        must_not: &[
            "IRN CONSULT SAU asserted | expected to visit",
            "SAU AGREE IRN asserted | pledged to reopen",
            // the denial is no fact and names no second party
            "SAU * IRN asserted | denied",
            // "did not comment" is no event
            // "had hoped to normalise relations": a hope, not an act
            "ISR * SAU asserted",
            "ISR * IRN",
        ],
        chrome: &["Jeddah", "backing protesters", "Share this article"],
        gaps: &[
            // "warned that Tehran had often failed to honour its commitments"
            "USA ACCUSE IRN | warned that Tehran",
        ],
    });
}

#[test]
fn gulf_leaders_end_the_qatar_boycott_at_alula() {
    check(&Case {
        file: "02_alula_qatar_rift_ends_2021.txt",
        published: "2021-01-05",
        must: &[
            // passive with a by-agent: "was embraced ... by the Saudi crown prince"
            "SAU * QAT asserted | embraced",
            // "Saudi Arabia, the United Arab Emirates, Bahrain and Egypt had cut ... ties with Doha"
            "SAU SANCTION QAT | cut diplomatic",
            "ARE SANCTION QAT | cut diplomatic",
            "BHR SANCTION QAT | cut diplomatic",
            "EGY SANCTION QAT | cut diplomatic",
            "KWT SUPPORT USA | thanked",
            "ARE * QAT expected | expected to move",
            // "accusing it of supporting terrorism": a participle clause with a pronoun object
            "SAU ACCUSE QAT | accusing it",
            // "Riyadh had agreed to reopen its airspace and land border to Qatar"
            "SAU * QAT | reopen its airspace",
        ],
        must_not: &[
            "ARE * QAT asserted | expected to move",
            // the late ruler is not the emir at the page's date
            "SAU SUPPORT AL_SABAH_NAWAF_AL_AHMAD | praised",
            // the boycotters are not at odds with one another
            "SAU SANCTION ARE",
            "SAU SANCTION EGY",
        ],
        chrome: &["defence pact", "Ottawa", "Follow us"],
        gaps: &[
            // "praised the late Kuwaiti ruler, Sheikh Sabah": a past holder is nobody at the
            // page's date (not the emir of 2021), and "Sheikh Sabah" alone is a candidate
            // (two Kuwaiti persons of the knowledge base answer to it)
            "SAU SUPPORT KWT | praised",
        ],
    });
}

#[test]
fn us_and_british_jets_strike_the_houthis() {
    check(&Case {
        file: "03_red_sea_strikes_2024.txt",
        published: "2024-01-12",
        must: &[
            "USA ASSAULT HOUTHIS asserted | warplanes struck",
            "GBR ASSAULT HOUTHIS asserted | warplanes struck",
            "USA ACCUSE IRN | accused Tehran",
            "RUS REQUEST UNSC | urgent meeting",
            // "Saree said the Houthis had targeted an American warship"
            "HOUTHIS ASSAULT USA | targeted an American warship",
        ],
        must_not: &[
            // what Washington accuses Tehran of is no fact
            "IRN AID HOUTHIS asserted",
            // "condemned the strikes as a violation of Yemen's sovereignty": not against Yemen
            "IRN * YEM",
            // a call for restraint and concern address nobody named
            "SAU * YEM",
        ],
        chrome: &["trade fire", "naval mission", "Newsletter", "Skip to content"],
        gaps: &[
            // "a claim Iranian officials rejected": the relative clause object
            "IRN REJECT USA | a claim Iranian officials rejected",
        ],
    });
}

#[test]
fn turkey_and_egypt_restore_ambassadors() {
    check(&Case {
        file: "04_turkey_egypt_ambassadors_2023.txt",
        published: "2023-07-04",
        must: &[
            // upgrading relations is SUPPORT/ties, like "upgrade * relation"
            "TUR SUPPORT EGY asserted | raised their diplomatic relations",
            // "ending decade of tension" ends the tension: no accusation
            "TUR AGREE EGY | ending decade of tension",
            // "Erdogan, who had called Sisi a tyrant, shook hands with the Egyptian leader"
            "TUR ACCUSE EGY | called Sisi a tyrant",
            "TUR CONSULT EGY asserted | shook hands",
            "EGY CONSULT TUR asserted | visited Ankara",
            "TUR CONSULT EGY expected | expected to visit Cairo",
            // mended ties are AGREE/settle (restored-ties convention)
            "TUR AGREE ARE | mends fences",
            "TUR AGREE SAU | mends fences",
            // "his Turkish counterpart travelled to Cairo"
            "TUR CONSULT EGY asserted | travelled to Cairo",
        ],
        must_not: &[
            "TUR CONSULT EGY asserted | expected to visit Cairo",
            // backing rival camps is no support of each other
            "EGY SUPPORT TUR | rival camps",
            "TUR SUPPORT EGY | rival camps",
            "TUR ACCUSE EGY | ending decade of tension",
        ],
        chrome: &["runoff", "Athens", "All rights reserved"],
        gaps: &[
            // "the Egyptian army ... removed President Mohamed Morsi"
            "EGY COERCE MORSI_MOHAMED | removed President",
        ],
    });
}

#[test]
fn haniyeh_is_killed_in_tehran() {
    check(&Case {
        file: "05_haniyeh_killed_tehran_2024.txt",
        published: "2024-07-31",
        must: &[
            "HAMAS CONSULT IRN asserted | met Supreme Leader",
            "HAMAS ACCUSE ISR | blamed Israel",
            "QAT * HAMAS | hosted the Hamas political office",
            "HEZBOLLAH SUPPORT HAMAS | condolences",
            // "hosted ... at the request of Washington": the asker and the clause's subject
            "USA REQUEST QAT asserted | at the request of Washington",
        ],
        must_not: &[
            // the place of a killing is not its agent
            "IRN ASSAULT HAMAS",
            "IRN ASSAULT HANIYEH_ISMAIL",
            // "Israel did not claim responsibility"; the United States "had not been involved"
            "ISR ASSAULT HAMAS asserted",
            "USA ASSAULT *",
            "USA ASSAULT HAMAS",
        ],
        chrome: &["Beirut suburb", "Tel Aviv"],
        gaps: &[
            // "Khamenei said Israel had prepared a harsh punishment for itself"
            "IRN THREATEN ISR | harsh punishment",
            "EGY ACCUSE ISR | lacked the political will",
        ],
    });
}

#[test]
fn uae_and_bahrain_sign_the_abraham_accords() {
    check(&Case {
        file: "06_abraham_accords_signing_2020.txt",
        published: "2020-09-15",
        must: &[
            // signing is SUPPORT/sign (PLOVER manual), AGREE is its alternative
            "ARE SUPPORT ISR asserted | signed agreements",
            "BHR SUPPORT ISR asserted | signed agreements",
            "ISR SUPPORT ARE asserted | signed the accords",
            "ISR SUPPORT BHR asserted | signed the accords",
            "IRN ACCUSE ARE | denounced",
            "IRN ACCUSE BHR | denounced",
            "TUR THREATEN ARE | threatened to suspend",
        ],
        must_not: &[
            "TUR SANCTION ARE asserted",
            // "a ceremony hosted by President Donald Trump": the signatories do not host each other
            "ARE CONSULT BHR | hosted by",
            // "expected to join the accords"; "will not establish ties"
            "SAU AGREE ISR asserted",
            "SAU COOPERATE ISR asserted | will not establish",
        ],
        chrome: &["Qatar rejects", "Sudan weighs", "Newsletters"],
        gaps: &[
            // "it agreed to let Israeli flights cross its airspace"
            "SAU AGREE ISR | let Israeli flights",
            // "the third and fourth Arab countries to recognise Israel": the two Gulf states
            "ARE SUPPORT ISR | to recognise Israel",
        ],
    });
}
