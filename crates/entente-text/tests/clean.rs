//! Page cleaning, stated publication date and outlet, on pages written for these tests.

use entente_core::PDate;
use entente_text::clean::strip_dateline;
use entente_text::outlet::outlet;
use entente_text::pubdate::{stated_date, DateBasis};
use entente_text::{clean, Block, BlockKind, CleanDoc, Format};

use BlockKind::{Body, Caption, Headline, Metadata};

fn kinds(doc: &CleanDoc) -> Vec<(BlockKind, &str)> {
    doc.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
}

fn kept_text(doc: &CleanDoc) -> String {
    doc.blocks.iter().map(|b| b.text.as_str()).collect::<Vec<_>>().join("\n")
}

fn date(raw: &str, doc: &CleanDoc) -> Option<PDate> {
    stated_date(raw, doc).map(|d| d.date)
}

const P1: &str = "The foreign ministers of two neighbouring Gulf states held talks on maritime borders, officials in both capitals said after the meeting ended late in the evening.";
const P2: &str = "A joint statement described the discussion as frank and said technical committees would meet again within a month to draft a framework text.";
const P3: &str = "Analysts in the region said the talks followed several years of mistrust and that a deal would need approval from both parliaments.";

#[test]
fn breadcrumb_related_box_share_and_comments() {
    let raw = format!(
        "Home / World / Gulf Neighbours Open Border Talks\n\n\
         Gulf Neighbours Open Border Talks\n\n\
         DOHA, Qatar \u{2014} {P1}\n\n\
         {P2}\n\n\
         Related coverage\n\n\
         June 3, 2023 10:05 am\n\n\
         Oil Prices Climb After Supply Warning\n\n\
         Crude futures rose for a third straight session on Tuesday after producers warned that...\n\n\
         {P3}\n\n\
         Share this Story: Share On Facebook Share On Twitter\n\n\
         Join the Daily Example\n\n\
         3 Comments\n\n\
         1. Great article, visit my site for cheap watches\n\n\
         2. I agree with the minister\n\n\
         Leave a Reply"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(doc.title.as_deref(), Some("Gulf Neighbours Open Border Talks"));
    assert_eq!(
        kinds(&doc),
        vec![
            (Headline, "Gulf Neighbours Open Border Talks"),
            (Body, format!("DOHA, Qatar \u{2014} {P1}").as_str()),
            (Body, P2),
            (Body, P3),
        ]
    );
    assert_eq!(doc.blocks[1].dateline(), Some("DOHA, Qatar \u{2014}"));
    assert!(doc.dropped.iter().any(|d| d == "Oil Prices Climb After Supply Warning"));
    assert!(doc.dropped.iter().any(|d| d == "I agree with the minister" || d.ends_with("I agree with the minister")));
    // The related story's date is not the publication date.
    assert_eq!(date(&raw, &doc), None);
}

#[test]
fn banner_with_other_calendar_is_not_the_date() {
    let raw = format!(
        "Tuesday, June 4th | 27 Sivan 5784\n\n\
         Published: 12 May 2019\n\n\
         Ministers Agree To Resume Flights\n\n\
         By Jane Roe\n\n\
         {P1}\n\n{P2}"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(
        kinds(&doc),
        vec![
            (Metadata, "Published: 12 May 2019"),
            (Headline, "Ministers Agree To Resume Flights"),
            (Metadata, "By Jane Roe"),
            (Body, P1),
            (Body, P2),
        ]
    );
    let d = stated_date(&raw, &doc).unwrap();
    assert_eq!(d.date, PDate::day(2019, 5, 12));
    assert_eq!(d.evidence, "Published: 12 May 2019");
    assert_eq!(d.basis, DateBasis::DateLine);
}

#[test]
fn first_line_date_followed_by_another_date_line_is_a_banner() {
    let raw = format!("April 2, 2020\n\nPosted on March 30, 2020 at 9:05 am\n\nTalks Resume In Muscat\n\n{P1}\n\n{P2}");
    let doc = clean(&raw, Format::Text);
    assert_eq!(doc.dropped, vec!["April 2, 2020".to_string()]);
    assert_eq!(date(&raw, &doc), Some(PDate::day(2020, 3, 30)));
}

#[test]
fn weekday_banner_and_body_dates_are_not_the_date() {
    let raw = format!(
        "Friday, 14 July\n\n\
         Envoys Meet In Geneva\n\n\
         Envoys from both countries met in Geneva on 19 May 2021 and again in the autumn, diplomats said on Friday.\n\n\
         {P2}"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(doc.dropped, vec!["Friday, 14 July".to_string()]);
    assert_eq!(date(&raw, &doc), None);
}

#[test]
fn dated_dateline_and_agency() {
    let raw = format!("Border Crossing Reopens\n\nGAZA CITY, 12 May 2019 (AFP) - {P1}\n\n{P2}");
    let doc = clean(&raw, Format::Text);
    let d = stated_date(&raw, &doc).unwrap();
    assert_eq!(
        (d.date, d.basis, d.evidence.as_str()),
        (PDate::day(2019, 5, 12), DateBasis::Dateline, "GAZA CITY, 12 May 2019 (AFP) -")
    );
    assert_eq!(outlet(&raw, &doc).as_deref(), Some("Agence France-Presse"));
    assert_eq!(strip_dateline(&doc.blocks[1].text).1, P1);
}

#[test]
fn captions_of_every_shape() {
    let raw = format!(
        "Leaders Hold Summit In Riyadh\n\n\
         Delegates arrive for the summit in Riyadh, Saudi Arabia, on 2 March 2022. [Jane Roe/AFP via Getty Images]\n\n\
         {P1}\n\n\
         Protesters gather outside the embassy in Amman. (Reuters)\n\n\
         File photo: the port of Aden seen from the sea.\n\n\
         The minister at a press conference. Photo: Example Studio.\n\n\
         Crown Prince John Doe greeting President Richard Roe (R) at the airport on 2 March 2022.\n\n\
         Crown Prince John Doe greeting President Richard Roe (R) at the airport on 2 March 2022.\n\n\
         {P2}"
    );
    let doc = clean(&raw, Format::Text);
    let captions: Vec<&str> = doc.blocks_of(Caption).map(|b| b.text.as_str()).collect();
    assert_eq!(captions.len(), 5, "{captions:#?}");
    assert!(captions[0].ends_with("Getty Images]"));
    assert!(captions[4].starts_with("Crown Prince"));
    assert_eq!(doc.blocks_of(Body).count(), 2);
    assert_eq!(doc.dropped.len(), 1, "the repeated caption is kept once");
}

#[test]
fn progressive_picture_description_is_a_caption() {
    let raw = format!(
        "Ministers Discuss Grain Corridor\n\n\
         Foreign Minister Jane Roe speaking with reporters in Ankara on 5 April 2022.\n\n{P1}\n\n{P2}"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(doc.blocks[1].kind, Caption);
    assert_eq!(doc.blocks_of(Body).count(), 2);
}

#[test]
fn read_links_disclaimer_and_outlet_from_editorial_policy() {
    let raw = format!(
        "Building new bridges since 1998\n\n\
         A view on the Gulf mediation track\n\n\
         {P1}\n\n\
         READ: Why did the envoy leave Doha?\n\n\
         {P2}\n\n\
         The views expressed in this article belong to the author and do not necessarily reflect the editorial policy of Asharq Al-Awsat."
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(kinds(&doc), vec![(Headline, "A view on the Gulf mediation track"), (Body, P1), (Body, P2)]);
    assert_eq!(doc.dropped.len(), 3);
    assert_eq!(outlet(&raw, &doc).as_deref(), Some("Asharq Al-Awsat"));
}

#[test]
fn stated_source_wins_over_other_chrome() {
    let raw = format!("Iraq And Syria Discuss Water Sharing\n\n{P1}\n\n{P2}\n\nSource: Al Jazeera\n\nJoin the Cradle\n\n\u{a9} 2024 www.presstv.ir");
    let doc = clean(&raw, Format::Text);
    assert_eq!(doc.blocks.last().map(|b| (b.kind, b.text.as_str())), Some((Metadata, "Source: Al Jazeera")));
    assert_eq!(outlet(&raw, &doc).as_deref(), Some("Al Jazeera"));

    let raw2 = format!("Talks Stall\n\n{P1}\n\nOriginal Source: https://www.timesofisrael.com/some-story/");
    assert_eq!(outlet(&raw2, &clean(&raw2, Format::Text)).as_deref(), Some("The Times of Israel"));

    let raw3 = format!("Talks Stall\n\n{P1}\n\n\u{a9} 2021 Kurdistan24. All rights reserved.");
    assert_eq!(outlet(&raw3, &clean(&raw3, Format::Text)).as_deref(), Some("Kurdistan24"));
}

#[test]
fn accessibility_chrome_byline_and_updated_line() {
    let raw = format!(
        "Accessibility links\n\nSkip to content\n\nBreaking News\n\n\
         Kuwait Hosts Yemen Talks\n\nBy John Doe\n\nUpdated 3 June 2022\n\n{P1}\n\n{P2}\n\nRecommended\n\nAnother Unrelated Story Title\n\nA short teaser about something else entirely.\n\n{P3}"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(
        kinds(&doc),
        vec![
            (Headline, "Kuwait Hosts Yemen Talks"),
            (Metadata, "By John Doe"),
            (Metadata, "Updated 3 June 2022"),
            (Body, P1),
            (Body, P2),
            (Body, P3),
        ]
    );
    let d = stated_date(&raw, &doc).unwrap();
    assert_eq!((d.date, d.basis), (PDate::day(2022, 6, 3), DateBasis::UpdatedLine));
}

#[test]
fn hard_wrapped_paragraphs_are_joined() {
    let raw = "Ceasefire Holds In The North\n\n\
               The ceasefire announced on Sunday held through the night, according to residents\n\
               of several towns near the border, who said the shelling had stopped entirely.\n\n\
               Officials said talks would continue.";
    let doc = clean(raw, Format::Text);
    assert_eq!(doc.blocks.len(), 3);
    assert!(doc.blocks[1].text.contains("residents of several towns"));
    assert_eq!(doc.blocks[2].text, "Officials said talks would continue.");
}

#[test]
fn long_quotes_and_subheads_are_kept() {
    let quote = "\u{201c}We will not accept any arrangement that ignores the rights of our people, and we have told every mediator the same thing for years,\u{201d} the spokesman said.";
    let raw = format!("Movement Rejects Proposal\n\n{P1}\n\n{quote}\n\nA Long Road Ahead\n\n{P2}\n\nMore from Example News\n\nLet your voice be heard!");
    let doc = clean(&raw, Format::Text);
    assert_eq!(
        kinds(&doc),
        vec![
            (Headline, "Movement Rejects Proposal"),
            (Body, P1),
            (Body, quote),
            (Body, "A Long Road Ahead"),
            (Body, P2)
        ]
    );
}

fn html_page(head: &str, article: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">{head}</head><body>\
         <header><div class=\"topbar\">Sunday, November 5th</div><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav></header>\
         <main><article>{article}</article>\
         <aside class=\"related\"><h3>Related</h3><ul><li><a href=\"/x\">Another story about markets</a></li></ul></aside></main>\
         <footer><p>\u{a9} 2023 Example Media. All rights reserved.</p></footer></body></html>"
    )
}

const HTML_ARTICLE: &str = "<h1>Envoys Agree On Prisoner Exchange</h1>\
    <p class=\"byline\">By Jane Roe</p>\
    <figure><img src=\"a.jpg\"><figcaption>Envoys shake hands after the signing ceremony in Muscat. [John Doe/Reuters]</figcaption></figure>\
    <p>MUSCAT, Oman \u{2014} Envoys from the two governments agreed on Tuesday to exchange dozens of detainees, according to a statement read out by the mediators after three days of closed talks in the Omani capital.</p>\
    <p>The statement said the exchange would take place in stages over the coming weeks, beginning with elderly and sick detainees, and that the mediators would supervise each stage with the help of the Red Cross.</p>\
    <p>Relatives of detainees gathered outside a hotel where the delegations were staying, some holding photographs of missing family members, and said they hoped the deal would finally bring their sons home.</p>\
    <p>Diplomats said the agreement could open the way for broader negotiations on a ceasefire, although several earlier understandings had collapsed within weeks of being announced.</p>";

#[test]
fn html_meta_date_site_name_and_figcaption() {
    let head = "<title>Envoys Agree On Prisoner Exchange | Gulf News</title>\
                <meta property=\"og:site_name\" content=\"Gulf News\">\
                <meta property=\"article:published_time\" content=\"2023-11-07T09:30:00+04:00\">";
    let raw = html_page(head, HTML_ARTICLE);
    let doc = clean(&raw, Format::Html);
    assert_eq!(doc.title.as_deref(), Some("Envoys Agree On Prisoner Exchange"));
    assert_eq!(doc.blocks[0].kind, Headline);
    let captions: Vec<&str> = doc.blocks_of(Caption).map(|b| b.text.as_str()).collect();
    assert_eq!(captions, vec!["Envoys shake hands after the signing ceremony in Muscat. [John Doe/Reuters]"]);
    let body: Vec<&Block> = doc.blocks_of(Body).collect();
    assert_eq!(body.len(), 4, "{:#?}", doc.blocks);
    assert_eq!(body[0].dateline(), Some("MUSCAT, Oman \u{2014}"));
    let text = kept_text(&doc);
    assert!(!text.contains("Another story") && !text.contains("All rights reserved") && !text.contains("November 5th"));
    let d = stated_date(&raw, &doc).unwrap();
    assert_eq!((d.date, d.basis), (PDate::day(2023, 11, 7), DateBasis::HtmlMeta));
    assert_eq!(outlet(&raw, &doc).as_deref(), Some("Gulf News"));
}

#[test]
fn html_json_ld_date_and_publisher() {
    let head = "<title>Envoys Agree On Prisoner Exchange</title>\
        <script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\
        \"headline\":\"Envoys Agree On Prisoner Exchange\",\"datePublished\":\"2022-02-14T08:00:00Z\",\
        \"publisher\":{\"@type\":\"Organization\",\"name\":\"The New Arab\"}}</script>";
    let article = format!("<time datetime=\"2022-02-14\">14 February 2022</time>{HTML_ARTICLE}");
    let raw = html_page(head, &article);
    let doc = clean(&raw, Format::Html);
    assert_eq!(date(&raw, &doc), Some(PDate::day(2022, 2, 14)));
    assert_eq!(outlet(&raw, &doc).as_deref(), Some("The New Arab"));
}

#[test]
fn html_time_element_outside_header_and_canonical_domain() {
    // A current-date <time> in the header must not be taken.
    let raw =
        "<html><head><title>Short note</title><link rel=\"canonical\" href=\"https://www.rudaw.net/english/x\"></head>\
        <body><header><time datetime=\"2030-01-01\">Today</time></header>\
        <div><p>Short note.</p><time datetime=\"2021-08-09T10:00:00Z\">9 August 2021</time></div></body></html>";
    let doc = clean(raw, Format::Html);
    assert_eq!(date(raw, &doc), Some(PDate::day(2021, 8, 9)));
    assert_eq!(outlet(raw, &doc).as_deref(), Some("Rudaw"));
    assert!(kept_text(&doc).contains("Short note."));
}

#[test]
fn html_fallback_walk_skips_chrome() {
    let raw = "<html><body><nav>Home | World | Opinion</nav>\
        <div class=\"share-buttons\">Share on Facebook</div>\
        <div><h2>Quiet Day At The Border</h2><p>Traffic moved normally at the crossing.</p></div>\
        <footer>Contact us</footer></body></html>";
    let doc = clean(raw, Format::Html);
    assert_eq!(
        kinds(&doc),
        vec![(Headline, "Quiet Day At The Border"), (Body, "Traffic moved normally at the crossing.")]
    );
}

/// The project's seed pages, when present: dates, and no chrome in the kept text.
#[test]
fn seed_pages_when_present() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut seen = 0;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        let Ok(raw) = std::fs::read_to_string(e.path()) else {
            continue;
        };
        let doc = clean(&raw, Format::Text);
        let want = match &name[..3] {
            "001" => Some(PDate::day(2014, 3, 25)),
            "004" => Some(PDate::day(2021, 12, 25)),
            _ => None,
        };
        assert_eq!(date(&raw, &doc), want, "{name}");
        seen += 1;

        // General properties of the kept text.
        for b in &doc.blocks {
            let t = b.text.trim_end();
            assert!(!(t.ends_with("...") || t.ends_with('\u{2026}')) || b.kind != Body, "{name}: teaser kept: {t}");
            let lower = t.to_lowercase();
            for chrome in
                ["check also", "leave a reply", "related coverage", "share this", "recaptcha", "read:", "join the "]
            {
                assert!(!lower.starts_with(chrome), "{name}: chrome kept: {t}");
            }
            assert!(!lower.contains("do not necessarily reflect"), "{name}: disclaimer kept");
            assert!(!t.contains(" / ") || b.kind != Headline, "{name}: breadcrumb as headline");
        }
        // Nothing after a comments heading or inside a related box survives.
        let lines: Vec<&str> = raw.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let mut after_heading = false;
        for l in &lines {
            let ll = l.to_lowercase();
            if ll == "check also" || ll == "related coverage" || ll.ends_with(" comment") || ll == "one comment" {
                after_heading = true;
                continue;
            }
            if after_heading && (l.ends_with("...") || l.ends_with('\u{2026}')) {
                assert!(!doc.blocks.iter().any(|b| b.text == *l), "{name}: related teaser kept");
                after_heading = false;
            }
        }
        // Captions are kept once; the headline, when the page has one, is not a chrome line.
        let mut caps: Vec<&str> = doc.blocks_of(Caption).map(|b| b.text.as_str()).collect();
        let n = caps.len();
        caps.dedup();
        assert_eq!(caps.len(), n, "{name}: repeated caption");
        // Metadata lines are never body.
        for b in doc.blocks_of(Body) {
            assert!(!b.text.starts_with("Source:") && !b.text.starts_with("Original Source:"), "{name}");
        }
    }
    assert!(seen == 0 || seen >= 5);
}

#[test]
fn section_label_masthead_and_numeric_date_line() {
    // A one-word section label above the headline must not end the top region; a site
    // masthead ("Name - tagline") is never the headline; "DD/MM/YYYY - HH:MM" is the date.
    let raw = format!(
        "The Example Herald - Independent reporting from the whole region\n\
         News | World | Region | Opinion | Contact\n\n\
         Diplomacy\n\n\
         Envoys agree on a timetable for border talks\n\n\
         14/03/2019 - 09:45\n\n\
         [Photo: Delegates arrive for the talks in Muscat on Tuesday. Photo credit: Example Herald]\n\n\
         MUSCAT - {P1}\n\n\
         {P2}\n\n\
         ----\n\n"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(
        kinds(&doc),
        vec![
            (Headline, "Envoys agree on a timetable for border talks"),
            (Metadata, "14/03/2019 - 09:45"),
            (Caption, "[Photo: Delegates arrive for the talks in Muscat on Tuesday. Photo credit: Example Herald]"),
            (Body, format!("MUSCAT - {P1}").as_str()),
            (Body, P2),
        ]
    );
    assert_eq!(date(&raw, &doc), Some(PDate::day(2019, 3, 14)));
}

#[test]
fn dotted_masthead_glued_clock_and_bracketed_image_caption() {
    let raw = format!(
        "Home > News > Region\n\
         THE EXAMPLE | Quick. Fair. Daily.\n\n\
         Ministers sign a water-sharing accord\n\n\
         Wed Apr 10, 2019 4:05pm EDT\n\
         By Example staff\n\n\
         [Image: Ministers shake hands after the signing. Source: ministry handout]\n\n\
         {P1}\n\n\
         {P3}\n"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(
        kinds(&doc),
        vec![
            (Headline, "Ministers sign a water-sharing accord"),
            (Metadata, "Wed Apr 10, 2019 4:05pm EDT"),
            (Metadata, "By Example staff"),
            (Caption, "[Image: Ministers shake hands after the signing. Source: ministry handout]"),
            (Body, P1),
            (Body, P3),
        ]
    );
    assert_eq!(date(&raw, &doc), Some(PDate::day(2019, 4, 10)));
}

#[test]
fn read_more_headline_with_participle_and_counted_comments() {
    // The other story's headline contains a noun in "-ing" (not a picture caption); its
    // teaser is chrome; "Comments (N)" opens the comment section.
    let raw = format!(
        "Envoys agree on a timetable for border talks\n\n\
         {P1}\n\n\
         {P2}\n\n\
         Read more\n\
         Parliament renews Navy funding for another year\n\
         Lawmakers approved the budget line after a short debate, with most opposition members abstaining.\n\n\
         Comments (2)\n\
         Reader One - March 14, 2019 10:15 am\n\
         I do not believe a word of it, frankly, and neither should anyone reading this page today.\n"
    );
    let doc = clean(&raw, Format::Text);
    assert_eq!(kinds(&doc), vec![(Headline, "Envoys agree on a timetable for border talks"), (Body, P1), (Body, P2)]);
}
