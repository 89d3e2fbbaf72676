//! HTML pages: page metadata with `dom_query` (title, `<meta>`, JSON-LD, `<time>`), main
//! content with `dom_smoothie` (a Readability port), then one block per paragraph, heading,
//! list item and `<figcaption>`. When Readability finds nothing, a walk over `<body>` that
//! skips navigation, headers, footers, asides, forms and scripts is used instead.

use std::borrow::Cow;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use crate::clean::{Hint, PageMeta, RawBlock};

/// Blocks and metadata of an HTML page.
pub(crate) struct HtmlPage {
    pub blocks: Vec<RawBlock<'static>>,
    pub meta: PageMeta,
}

const SKIP_ALWAYS: &[&str] =
    &["script", "style", "noscript", "template", "svg", "iframe", "button", "select", "input", "textarea", "head"];
const SKIP_CHROME: &[&str] = &["nav", "header", "footer", "aside", "form", "menu", "dialog"];
const LEAF: &[&str] =
    &["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "pre", "dt", "dd", "td", "th", "caption", "address"];
const INLINE: &[&str] = &[
    "a", "span", "em", "strong", "b", "i", "u", "small", "sup", "sub", "abbr", "cite", "q", "time", "mark", "font",
    "code", "s", "bdi", "bdo", "data", "dfn", "kbd", "var", "ins", "del", "label", "wbr",
];
/// Class/id fragments of chrome containers (used only by the fallback walk).
const CHROME_ATTRS: &[&str] = &[
    "share",
    "social",
    "related",
    "comment",
    "newsletter",
    "cookie",
    "advert",
    "promo",
    "breadcrumb",
    "menu",
    "navbar",
    "sidebar",
    "subscribe",
    "footer",
    "header",
    "popup",
    "modal",
    "banner",
];

pub(crate) fn extract(raw: &str) -> HtmlPage {
    let doc = Document::from(raw);
    let mut meta = read_meta(&doc);
    let figcaptions: Vec<String> =
        doc.select("figcaption").nodes().iter().map(|n| squash(&gather_text(n))).filter(|s| !s.is_empty()).collect();

    let mut blocks: Vec<RawBlock<'static>> = Vec::new();
    if let Ok(mut readability) = Readability::with_document(doc, None, Some(Config::default())) {
        if let Ok(article) = readability.parse() {
            let content = Document::from(article.content.to_string());
            let mut pending = String::new();
            walk(&content.root(), &mut blocks, &mut pending, false);
            flush(&mut pending, &mut blocks);
            if meta.published.is_none() {
                meta.published = article.published_time.filter(|s| !s.trim().is_empty());
            }
            if meta.site_name.is_none() {
                meta.site_name = article.site_name.filter(|s| !s.trim().is_empty());
            }
            if let Some(by) = article.byline.map(|b| squash(&b)).filter(|b| !b.is_empty() && b.len() < 100) {
                let present = blocks.iter().any(|b| b.text.contains(by.as_str()));
                if !present {
                    let line = if by.to_ascii_lowercase().starts_with("by ") { by } else { format!("By {by}") };
                    blocks.insert(0, RawBlock { text: Cow::Owned(line), hint: Hint::None });
                }
            }
        }
    }
    let content_len: usize = blocks.iter().filter(|b| b.hint == Hint::None).map(|b| b.text.len()).sum();
    if content_len < 200 {
        blocks.clear();
        let doc = Document::from(raw);
        let mut pending = String::new();
        if let Some(body) = doc.body() {
            walk(&body, &mut blocks, &mut pending, true);
        } else {
            walk(&doc.root(), &mut blocks, &mut pending, true);
        }
        flush(&mut pending, &mut blocks);
    }
    // Captions Readability dropped go before the first paragraph (lead-image position).
    let missing: Vec<RawBlock<'static>> = figcaptions
        .into_iter()
        .filter(|c| !blocks.iter().any(|b| b.text.as_ref() == c.as_str()))
        .map(|c| RawBlock { text: Cow::Owned(c), hint: Hint::Caption })
        .collect();
    if !missing.is_empty() {
        let at = blocks.iter().position(|b| b.hint == Hint::None && b.text.len() > 120).unwrap_or(0);
        blocks.splice(at..at, missing);
    }
    HtmlPage { blocks, meta }
}

fn name_of(n: &NodeRef) -> String {
    n.node_name().map(|s| s.to_ascii_lowercase()).unwrap_or_default()
}

fn is_hidden(n: &NodeRef) -> bool {
    n.has_attr("hidden")
        || n.attr("aria-hidden").is_some_and(|v| v.as_ref() == "true")
        || n.attr("style").is_some_and(|v| {
            let v = v.to_ascii_lowercase().replace(' ', "");
            v.contains("display:none") || v.contains("visibility:hidden")
        })
}

fn chrome_container(n: &NodeRef) -> bool {
    let mut attrs = String::new();
    for key in ["class", "id", "role"] {
        if let Some(v) = n.attr(key) {
            attrs.push_str(&v.to_ascii_lowercase());
            attrs.push(' ');
        }
    }
    !attrs.is_empty() && (CHROME_ATTRS.iter().any(|c| attrs.contains(c)) || attrs.contains("navigation"))
}

fn flush(pending: &mut String, out: &mut Vec<RawBlock<'static>>) {
    let s = squash(pending);
    pending.clear();
    if !s.is_empty() {
        out.push(RawBlock { text: Cow::Owned(s), hint: Hint::None });
    }
}

fn walk(node: &NodeRef, out: &mut Vec<RawBlock<'static>>, pending: &mut String, skip_chrome: bool) {
    for child in node.children_it(false) {
        if child.is_text() {
            pending.push_str(&child.text());
            continue;
        }
        if !child.is_element() {
            continue;
        }
        let name = name_of(&child);
        if SKIP_ALWAYS.contains(&name.as_str()) || is_hidden(&child) {
            continue;
        }
        if skip_chrome && (SKIP_CHROME.contains(&name.as_str()) || chrome_container(&child)) {
            continue;
        }
        if name == "br" || name == "hr" {
            flush(pending, out);
        } else if LEAF.contains(&name.as_str()) {
            flush(pending, out);
            let hint = match name.as_str() {
                "figcaption" => Hint::Caption,
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Hint::Heading,
                _ => Hint::None,
            };
            let text = squash(&gather_text(&child));
            if !text.is_empty() {
                out.push(RawBlock { text: Cow::Owned(text), hint });
            }
        } else if INLINE.contains(&name.as_str()) {
            pending.push_str(&gather_text(&child));
        } else {
            flush(pending, out);
            walk(&child, out, pending, skip_chrome);
            flush(pending, out);
        }
    }
}

/// The text of a node, with a space for each `<br>` and without scripts.
fn gather_text(node: &NodeRef) -> String {
    let mut s = String::new();
    gather_into(node, &mut s);
    s
}

fn gather_into(node: &NodeRef, s: &mut String) {
    for child in node.children_it(false) {
        if child.is_text() {
            s.push_str(&child.text());
        } else if child.is_element() {
            let name = name_of(&child);
            if name == "br" {
                s.push(' ');
            } else if !SKIP_ALWAYS.contains(&name.as_str()) {
                gather_into(&child, s);
            }
        }
    }
}

/// Collapses runs of ASCII whitespace to one space and trims (no-break spaces are kept).
fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.trim().chars() {
        if c.is_ascii_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    out
}

fn first_content(doc: &Document, selectors: &[&str], attr: &str) -> Option<String> {
    selectors
        .iter()
        .find_map(|sel| doc.select(sel).iter().find_map(|s| s.attr(attr).map(|v| squash(&v)).filter(|v| !v.is_empty())))
}

/// The string value of the first `"key": "..."` of a JSON text (JSON-LD), unescaped simply.
pub(crate) fn json_string_after(s: &str, key: &str, from: usize) -> Option<(String, usize)> {
    let pat = format!("\"{key}\"");
    let p = from + s.get(from..)?.find(&pat)?;
    let rest = s[p + pat.len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let body = rest.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((_, c)) = chars.next() {
        match c {
            '"' => return Some((out, p + pat.len())),
            '\\' => match chars.next() {
                Some((_, 'n' | 't' | 'r')) => out.push(' '),
                Some((_, 'u')) => {
                    let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
                    out.extend(u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32));
                }
                Some((_, c)) => out.push(c),
                None => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// `"publisher": {"@type": "Organization", "name": "X"}`.
fn json_publisher_name(s: &str) -> Option<String> {
    let p = s.find("\"publisher\"")?;
    let rest = s[p + 11..].trim_start().strip_prefix(':')?.trim_start();
    if rest.starts_with('"') {
        return json_string_after(s, "publisher", p).map(|(v, _)| v);
    }
    let obj_start = s.len() - rest.len();
    let obj_end = obj_start + rest.find('}').unwrap_or(rest.len());
    json_string_after(&s[..obj_end], "name", obj_start).map(|(v, _)| v)
}

fn in_chrome_region(n: &NodeRef) -> bool {
    n.ancestors_it(None).any(|a| matches!(name_of(&a).as_str(), "header" | "nav" | "footer" | "aside"))
}

fn read_meta(doc: &Document) -> PageMeta {
    let mut m = PageMeta {
        title: first_content(doc, &["meta[property='og:title']", "meta[name='twitter:title']"], "content"),
        ..PageMeta::default()
    };
    if m.title.is_none() {
        m.title = [doc.select("title"), doc.select("h1")]
            .iter()
            .find_map(|s| s.iter().next().map(|n| squash(&n.text())).filter(|t| !t.is_empty()));
    }
    m.published = first_content(
        doc,
        &[
            "meta[property='article:published_time']",
            "meta[name='article:published_time']",
            "meta[itemprop='datePublished']",
            "meta[property='og:published_time']",
            "meta[name='pubdate']",
            "meta[name='publishdate']",
            "meta[name='publish-date']",
            "meta[name='publish_date']",
            "meta[name='date']",
            "meta[name='DC.date.issued']",
            "meta[name='dc.date']",
            "meta[name='dcterms.created']",
            "meta[name='sailthru.date']",
        ],
        "content",
    );
    m.modified = first_content(
        doc,
        &[
            "meta[property='article:modified_time']",
            "meta[itemprop='dateModified']",
            "meta[property='og:updated_time']",
        ],
        "content",
    );
    m.site_name = first_content(doc, &["meta[property='og:site_name']", "meta[name='application-name']"], "content");
    m.url = first_content(doc, &["link[rel='canonical']"], "href")
        .or_else(|| first_content(doc, &["meta[property='og:url']"], "content"));

    for script in doc.select("script[type='application/ld+json']").iter() {
        let text = script.text();
        if m.published.is_none() {
            m.published = json_string_after(&text, "datePublished", 0).map(|(v, _)| v);
        }
        if m.modified.is_none() {
            m.modified = json_string_after(&text, "dateModified", 0).map(|(v, _)| v);
        }
        if m.site_name.is_none() {
            m.site_name = json_publisher_name(&text).filter(|v| !v.trim().is_empty());
        }
    }
    if m.published.is_none() {
        m.published = first_content(doc, &["time[itemprop='datePublished']", "time[pubdate]"], "datetime");
    }
    if m.published.is_none() {
        m.published = doc
            .select("time[datetime]")
            .nodes()
            .iter()
            .find(|n| !in_chrome_region(n))
            .and_then(|n| n.attr("datetime"))
            .map(|v| squash(&v))
            .filter(|v| !v.is_empty());
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_strings() {
        let j = r#"{"@type":"NewsArticle","datePublished": "2020-01-03T10:00:00Z","publisher":{"@type":"Organization","name":"Gulf \u0026 World"}}"#;
        assert_eq!(json_string_after(j, "datePublished", 0).unwrap().0, "2020-01-03T10:00:00Z");
        assert_eq!(json_publisher_name(j).unwrap(), "Gulf & World");
    }
}
