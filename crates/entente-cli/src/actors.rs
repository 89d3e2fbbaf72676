//! `entente actors`: questions about actors (`--lookup NAME [--at DATE]`), and the coverage
//! part of `entente kb stats`.

use std::io::{self, Write};

use anyhow::{Context, Result};
use entente_extract::Pipeline;
use entente_kb::lookup::{lookup, Candidate, Lookup, RoleOut};

/// Arguments of `entente actors`.
#[derive(clap::Args)]
pub struct ActorsArgs {
    /// Explain how NAME resolves: a name, alias, demonym, capital or role phrase ("Iran's
    /// supreme leader", "the Qatari emir"). Exit status 1 when it does not resolve.
    #[arg(long, value_name = "NAME")]
    pub lookup: Option<String>,
    /// The date to resolve at (YYYY, YYYY-MM or YYYY-MM-DD); without it every dated role is shown.
    #[arg(long, value_name = "DATE", requires = "lookup")]
    pub at: Option<String>,
    /// Write JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// List the candidate actors (names the knowledge base lacks) found in these files and
    /// directories, most mentioned first, so that an analyst can add them to an overlay.
    #[arg(long, value_name = "PATH", num_args = 1.., conflicts_with = "lookup")]
    pub unknown: Vec<String>,
    /// With --unknown: print the candidates as `[[actor]]` entries for a `--kb` overlay.
    #[arg(long, requires = "unknown")]
    pub overlay: bool,
}

/// Writes the candidate actors of `entente actors --unknown`: a table (mentions, documents,
/// guessed kind, the cue that made the guess, name and other surface forms), JSON, or overlay
/// entries.
pub fn write_unknown(
    w: &mut impl Write,
    list: &[entente_extract::UnknownActor],
    json: bool,
    overlay: bool,
) -> Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *w, list)?;
        writeln!(w)?;
    } else if overlay {
        writeln!(w, "# Candidate actors found by `entente actors --unknown`: check each entry before use.")?;
        for u in list {
            writeln!(
                w,
                "\n# {} mentions in {} documents (cue: {})",
                u.mentions,
                u.documents,
                u.cue.as_deref().unwrap_or("-")
            )?;
            write!(w, "{}", u.overlay_toml())?;
        }
    } else {
        writeln!(w, "{:>8} {:>5}  {:<14} {:<22} NAME (OTHER FORMS)", "MENTIONS", "DOCS", "KIND", "CUE")?;
        for u in list {
            let kind = u.subkind.as_deref().map_or(u.kind.clone(), |s| format!("{}/{s}", u.kind));
            let others: Vec<&str> = u.aliases.iter().map(String::as_str).filter(|a| *a != u.name).collect();
            let others = if others.is_empty() { String::new() } else { format!(" ({})", others.join("; ")) };
            writeln!(
                w,
                "{:>8} {:>5}  {:<14} {:<22} {}{others}",
                u.mentions,
                u.documents,
                kind,
                u.cue.as_deref().unwrap_or("-"),
                u.name
            )?;
        }
        writeln!(w, "\n{} candidate actors", list.len())?;
    }
    w.flush()?;
    Ok(())
}

/// Runs `entente actors`.
pub fn run(p: &Pipeline, args: &ActorsArgs, w: &mut impl Write) -> Result<i32> {
    match &args.lookup {
        Some(name) => {
            let at = args.at.as_deref().map(str::parse::<entente_core::PDate>).transpose().context("--at")?;
            let l = lookup(&p.kb, name, at);
            if args.json {
                serde_json::to_writer_pretty(&mut *w, &l)?;
                writeln!(w)?;
            } else {
                write_lookup(w, &l)?;
            }
            w.flush()?;
            Ok(if l.resolved.is_some() { 0 } else { 1 })
        }
        None => {
            anyhow::bail!(
                "entente actors: nothing to do; give --lookup NAME [--at DATE] or --unknown PATH... (see `entente actors --help`)"
            )
        }
    }
}

fn span(from: Option<entente_core::PDate>, to: Option<entente_core::PDate>) -> String {
    match (from, to) {
        (None, None) => "undated".into(),
        (Some(f), None) => format!("{f}.."),
        (None, Some(t)) => format!("..{t}"),
        (Some(f), Some(t)) => format!("{f}..{t}"),
    }
}

fn role_line(r: &RoleOut) -> String {
    let org = r.org_name.as_deref().map_or(r.org.clone(), |n| format!("{} ({n})", r.org));
    let label = r.label.as_deref().map(|l| format!(" \"{l}\"")).unwrap_or_default();
    format!("{}{label} of {org}, {}", r.title, span(r.from, r.to))
}

fn candidate_line(c: &Candidate) -> String {
    let roles: Vec<String> = c.roles.iter().map(role_line).collect();
    let roles = if roles.is_empty() { String::new() } else { format!("; {}", roles.join("; ")) };
    format!("{} {} ({}) via {}: {}{roles}", c.actor.id, c.actor.name, c.actor.kind, via_name(c.via), c.why)
}

/// The rule's name as in the JSON output (`partial_name`).
fn via_name(v: entente_kb::Via) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The text form of a lookup.
pub fn write_lookup(w: &mut impl Write, l: &Lookup) -> io::Result<()> {
    let at = l.at.map_or("any date".to_string(), |d| d.to_string());
    writeln!(w, "{:?} at {at}", l.query)?;
    match &l.resolved {
        Some(r) => {
            let sub = r.actor.subkind.as_deref().map(|s| format!("/{s}")).unwrap_or_default();
            writeln!(w, "  actor:       {} {} ({}{sub})", r.actor.id, r.actor.name, r.actor.kind)?;
            let via = via_name(r.via);
            let form = r.form.as_deref().filter(|f| *f != r.matched).map(|f| format!(" = {f:?}")).unwrap_or_default();
            writeln!(w, "  via:         {via} ({:?}{form})", r.matched)?;
            if let Some(o) = &r.office {
                writeln!(w, "  office:      {} of {} {}", o.title, o.org.id, o.org.name)?;
            }
            let label = if l.at.is_some() { "roles then:" } else { "roles:" };
            if r.roles.is_empty() {
                if r.actor.kind == "person" {
                    writeln!(w, "  {label:<12} none")?;
                }
            } else {
                for (i, x) in r.roles.iter().enumerate() {
                    writeln!(w, "  {:<12} {}", if i == 0 { label } else { "" }, role_line(x))?;
                }
            }
            match &r.affiliation {
                Some(a) => writeln!(w, "  acts for:    {} {} ({})", a.id, a.name, a.kind)?,
                None => writeln!(w, "  acts for:    -")?,
            }
        }
        None => writeln!(w, "  unresolved")?,
    }
    if !l.candidates.is_empty() {
        writeln!(w, "  other candidates:")?;
        for c in &l.candidates {
            writeln!(w, "    {}", candidate_line(c))?;
        }
    }
    for n in &l.notes {
        writeln!(w, "  note: {n}")?;
    }
    Ok(())
}

/// The coverage part of `entente kb stats`, in the terms of the knowledge base's promise.
pub fn write_coverage(w: &mut impl Write, c: &entente_kb::Coverage) -> io::Result<()> {
    let n = |m: &std::collections::BTreeMap<String, usize>, k: &str| m.get(k).copied().unwrap_or(0);
    let st = &c.states;
    writeln!(w, "coverage")?;
    writeln!(
        w,
        "  states                 {} ({} UN members, {} UN observers, {} partially recognised)",
        st.total,
        n(&st.by_status, "un_member"),
        n(&st.by_status, "un_observer"),
        n(&st.by_status, "partially_recognised")
    )?;
    let missing = |v: &[String]| if v.is_empty() { String::new() } else { format!(" (not: {})", v.join(", ")) };
    writeln!(w, "    with ISO 3166 code   {}{}", st.with_iso3, missing(&st.without_iso3))?;
    writeln!(w, "    with capital         {}{}", st.with_capital, missing(&st.without_capital))?;
    writeln!(w, "    with demonyms        {}{}", st.with_demonyms, missing(&st.without_demonyms))?;
    let o = &c.organisations;
    writeln!(w, "  international and regional organisations {}", o.international)?;
    writeln!(w, "    (also {} NGOs, {} media, {} blocs and collectives)", o.ngo, o.media, o.collective)?;
    let by = |m: &std::collections::BTreeMap<String, usize>| {
        m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ")
    };
    writeln!(w, "  non-state groups       {} ({})", c.groups.total, by(&c.groups.by_subkind))?;
    writeln!(w, "  state bodies           {} ({})", c.state_bodies.values().sum::<usize>(), by(&c.state_bodies))?;
    let p = &c.persons;
    writeln!(
        w,
        "  persons                {} ({} with dated roles; {} roles, {} of them dated)",
        p.total, p.with_dated_roles, p.roles, p.dated_roles
    )?;
    writeln!(w, "  places                 {}", c.places)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_text_names_actor_rule_role_and_candidates() {
        let p = Pipeline::embedded().unwrap();
        let l = lookup(&p.kb, "Iran's supreme leader", Some("2014-03".parse().unwrap()));
        let mut out = Vec::new();
        write_lookup(&mut out, &l).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("actor:       KHAMENEI_ALI"), "{text}");
        assert!(text.contains("via:         role (\"Iran's supreme leader\")"), "{text}");
        assert!(text.contains("office:      supreme_leader of IRN Iran"), "{text}");
        assert!(text.contains("roles then:  supreme_leader of IRN (Iran)"), "{text}");
        assert!(text.contains("acts for:    IRN Iran (country)"), "{text}");
    }

    #[test]
    fn actors_without_an_action_is_a_usage_error() {
        let p = Pipeline::embedded().unwrap();
        let args = ActorsArgs { lookup: None, at: None, json: false, unknown: Vec::new(), overlay: false };
        let err = run(&p, &args, &mut Vec::new()).unwrap_err();
        assert!(err.to_string().contains("--lookup NAME"), "{err}");
    }

    #[test]
    fn coverage_of_the_embedded_knowledge_base_meets_the_promise() {
        let p = Pipeline::embedded().unwrap();
        let c = p.kb.coverage();
        assert!(c.states.by_status.get("un_member") == Some(&193), "{:?}", c.states.by_status);
        assert!(c.states.by_status.get("un_observer") == Some(&2), "{:?}", c.states.by_status);
        assert!(c.organisations.international >= 60, "{:?}", c.organisations);
        assert!(c.groups.total >= 80, "{:?}", c.groups);
        assert!(c.persons.with_dated_roles >= 300, "{:?}", c.persons);
        assert!(c.state_bodies.values().sum::<usize>() > 0);
    }
}
