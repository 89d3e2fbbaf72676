//! `entente classify`: the PLOVER type of marked actor pairs, one JSON line per input line.
//!
//! Input lines are JSON objects `{"sentence": ..., "source": ..., "target": ...}` where
//! source and target are the actors' texts in the sentence, or the sentence is in the marked
//! form `<s>X</s> ... <t>Y</t>` (source and target may then be absent). Other fields (an
//! `id`) are copied to the output. With `--tsv`, input lines are tab-separated: the marked
//! sentence alone, or sentence, source, target.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result};
use entente_extract::classify::{locate, parse_marked, Classifier, PairInput};
use serde_json::{json, Map, Value};

#[derive(clap::Args)]
pub struct ClassifyArgs {
    /// A file of JSON lines (default or `-`: standard input).
    pub file: Option<PathBuf>,
    /// Read tab-separated lines (marked sentence, or sentence TAB source TAB target).
    #[arg(long)]
    pub tsv: bool,
}

/// Reads one input line into a pair and the fields to copy over.
fn read_line(line: &str, tsv: bool) -> Result<(PairInput, Map<String, Value>), String> {
    let (sentence, source, target, extra) = if tsv {
        let cols: Vec<&str> = line.split('\t').collect();
        match cols.as_slice() {
            [s] => (s.to_string(), None, None, Map::new()),
            [s, a, b, ..] => (s.to_string(), Some(a.to_string()), Some(b.to_string()), Map::new()),
            _ => return Err("expected 1 or 3 tab-separated columns".into()),
        }
    } else {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("bad JSON: {e}"))?;
        let Value::Object(mut m) = v else { return Err("expected a JSON object".into()) };
        let text = |m: &mut Map<String, Value>, k: &str| match m.remove(k) {
            Some(Value::String(s)) => Some(s),
            _ => None,
        };
        let sentence = text(&mut m, "sentence").ok_or("no \"sentence\" string")?;
        let (source, target) = (text(&mut m, "source"), text(&mut m, "target"));
        (sentence, source, target, m)
    };
    if sentence.contains("<s>") || sentence.contains("<t>") {
        return parse_marked(&sentence).map(|p| (p, extra)).ok_or_else(|| "malformed <s>/<t> marks".into());
    }
    match (source, target) {
        (Some(s), Some(t)) => locate(&sentence, &s, &t)
            .map(|p| (p, extra))
            .ok_or_else(|| "source or target not found in the sentence".into()),
        _ => Err("no source and target, and no <s>/<t> marks".into()),
    }
}

/// Classifies every line of the input; returns 1 when a line could not be read.
pub fn run(args: &ClassifyArgs, w: &mut impl Write) -> Result<i32> {
    let classifier = Classifier::embedded().context("loading the classifier data")?;
    let reader: Box<dyn BufRead> = match &args.file {
        Some(p) if p.as_os_str() != "-" => Box::new(std::io::BufReader::new(
            std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?,
        )),
        _ => Box::new(std::io::stdin().lock()),
    };
    let mut failed = false;
    for (n, line) in reader.lines().enumerate() {
        let line = line.context("reading input")?;
        if line.trim().is_empty() {
            continue;
        }
        match read_line(&line, args.tsv) {
            Ok((p, mut extra)) => {
                let c = classifier.classify(&p.sentence, p.source.clone(), p.target.clone());
                extra.insert("source".into(), json!(&p.sentence[p.source]));
                extra.insert("target".into(), json!(&p.sentence[p.target]));
                if let Value::Object(m) = serde_json::to_value(&c)? {
                    extra.extend(m);
                }
                serde_json::to_writer(&mut *w, &Value::Object(extra))?;
                writeln!(w)?;
            }
            Err(e) => {
                eprintln!("entente: line {}: {e}", n + 1);
                serde_json::to_writer(&mut *w, &json!({"line": n + 1, "error": e}))?;
                writeln!(w)?;
                failed = true;
            }
        }
    }
    w.flush()?;
    Ok(if failed { 1 } else { 0 })
}
