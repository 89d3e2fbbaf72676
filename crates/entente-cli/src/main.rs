//! `entente`: a thin command-line front over the Entente libraries.

mod actors;
mod classify;
mod ingest;
mod report;

mod alloc;

#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use entente_extract::output::Failure;
use entente_extract::{DocResult, Extraction, Pipeline, RawDoc};
use entente_kb::Kb;
use indicatif::{ProgressBar, ProgressStyle};

mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}

#[derive(Parser)]
#[command(name = "entente", version, about = "Evidence-backed, time-aware alliance maps from news articles")]
struct Cli {
    /// A knowledge-base overlay (TOML, same format as the embedded data) merged over the default.
    #[arg(long, global = true, value_name = "FILE")]
    kb: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, short = 'j', global = true)]
    jobs: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract documents, actors and events from articles (.txt, .html, .htm; directories recursively; - for stdin).
    Extract {
        #[arg(required = true)]
        paths: Vec<String>,
        /// Write JSON (the format in docs/OUTPUT.md) instead of a table.
        #[arg(long)]
        json: bool,
        /// Write to FILE instead of standard output.
        #[arg(long, short = 'o', value_name = "FILE")]
        out: Option<PathBuf>,
        /// Refuse inputs larger than this many bytes.
        #[arg(long, default_value_t = ingest::DEFAULT_MAX_BYTES)]
        max_bytes: u64,
    },
    /// Run extraction on the built-in sample corpus and print what it found.
    Demo {
        #[arg(long)]
        json: bool,
    },
    /// Show the actors, time expressions and events of one sentence, and the rules behind them.
    Explain {
        sentence: String,
        /// The publication date to resolve against (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// Show what cleaning keeps (headline, body, captions, metadata) and drops from a page.
    Clean { file: PathBuf },
    /// Questions about actors: how a name resolves (--lookup NAME [--at DATE]).
    Actors(actors::ActorsArgs),
    /// The PLOVER type, quad class and polarity of marked actor pairs (JSON lines in and out).
    Classify(classify::ClassifyArgs),
    /// Knowledge-base commands.
    Kb {
        #[command(subcommand)]
        command: KbCommand,
    },
}

#[derive(Subcommand)]
enum KbCommand {
    /// Coverage (states, organisations, groups, persons with dated roles) and counts of actors, kinds and roles.
    Stats {
        #[arg(long)]
        json: bool,
    },
}

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_env("ENTENTE_LOG").unwrap_or_else(|_| "warn".into()))
        .with_writer(std::io::stderr)
        .init();
    match run() {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            // a closed pipe (`entente demo | head`) is the reader's choice, not a failure
            let broken_pipe = e.chain().any(|c| {
                let pipe = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
                c.downcast_ref::<std::io::Error>().is_some_and(pipe)
                    || c.downcast_ref::<serde_json::Error>().and_then(|j| j.io_error_kind())
                        == Some(std::io::ErrorKind::BrokenPipe)
            });
            if broken_pipe {
                std::process::exit(0);
            }
            eprintln!("entente: error: {e:#}");
            std::process::exit(2);
        }
    }
}

fn pipeline(kb: &Option<PathBuf>) -> Result<Pipeline> {
    let p = Pipeline::embedded().context("loading the embedded knowledge")?;
    Ok(match kb {
        None => p,
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading knowledge-base overlay {}", path.display()))?;
            let base = Kb::embedded()?;
            let kb = base.with_overlay(&path.display().to_string(), &text)?;
            p.with_kb(kb)
        }
    })
}

/// Runs the pipeline over documents on `jobs` threads, in input order.
fn process_all(p: &Pipeline, docs: Vec<RawDoc>, jobs: usize, progress: bool) -> Vec<DocResult> {
    let bar = if progress { ProgressBar::new(docs.len() as u64) } else { ProgressBar::hidden() };
    bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} articles {elapsed}").expect("valid template"));
    let jobs = jobs.max(1).min(docs.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut slots: Vec<Option<DocResult>> = (0..docs.len()).map(|_| None).collect();
    let results = std::sync::Mutex::new(&mut slots);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= docs.len() {
                    break;
                }
                let r = p.process(&docs[i]);
                results.lock().expect("no panics while holding the lock")[i] = Some(r);
                bar.inc(1);
            });
        }
    });
    bar.finish_and_clear();
    slots.into_iter().flatten().collect()
}

/// Writes an extraction as JSON (docs/OUTPUT.md) or as tables.
fn write_extraction(w: &mut impl Write, x: &entente_extract::Extraction, json: bool) -> Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *w, x)?;
        writeln!(w)?;
    } else {
        report::table(w, x)?;
    }
    w.flush()?;
    Ok(())
}

/// Reads `paths` (files, directories, `-`), extracts every readable document and merges the
/// results; unreadable inputs are reported on stderr and recorded as failures. Returns the
/// extraction and whether any input failed.
fn extract_paths(p: &Pipeline, paths: &[String], max_bytes: u64, jobs: usize, progress: bool) -> (Extraction, bool) {
    let (inputs, mut failures) = ingest::collect(paths);
    let mut docs = Vec::new();
    for (i, (name, path)) in inputs.iter().enumerate() {
        match ingest::read(format!("d{}", i + 1), name, path.as_deref(), max_bytes) {
            Ok(d) => docs.push(d),
            Err(f) => failures.push(f),
        }
    }
    for f in &failures {
        eprintln!("entente: {}: {}", f.file, f.reason);
    }
    tracing::info!(documents = docs.len(), failed = failures.len(), "read inputs");
    let results = process_all(p, docs, jobs, progress);
    let failed = !failures.is_empty();
    (p.merge(results, failures), failed)
}

fn run() -> Result<i32> {
    let cli = Cli::parse();
    let jobs = cli.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    match cli.command {
        Command::Extract { paths, json, out, max_bytes } => {
            let p = pipeline(&cli.kb)?;
            let (extraction, failed) = extract_paths(&p, &paths, max_bytes, jobs, !json || out.is_some());
            let mut w: Box<dyn Write> = match &out {
                Some(path) => Box::new(std::io::BufWriter::new(
                    std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
                )),
                None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
            };
            write_extraction(&mut w, &extraction, json)?;
            Ok(if failed { 1 } else { 0 })
        }
        Command::Demo { json } => {
            let p = pipeline(&cli.kb)?;
            let docs: Vec<RawDoc> = samples::SAMPLES
                .iter()
                .enumerate()
                .map(|(i, (name, text))| RawDoc {
                    id: format!("d{}", i + 1),
                    file: name.to_string(),
                    text: text.to_string(),
                    format: if name.ends_with(".txt") {
                        entente_text::Format::Text
                    } else {
                        entente_text::Format::Html
                    },
                })
                .collect();
            let results = process_all(&p, docs, jobs, false);
            let extraction = p.merge(results, Vec::<Failure>::new());
            write_extraction(&mut std::io::BufWriter::new(std::io::stdout().lock()), &extraction, json)?;
            Ok(0)
        }
        Command::Explain { sentence, date } => {
            let p = pipeline(&cli.kb)?;
            let date = date.map(|d| d.parse::<entente_core::PDate>()).transpose().context("--date")?;
            let mut w = std::io::stdout().lock();
            report::explain(&mut w, &p, &sentence, date)?;
            Ok(0)
        }
        Command::Clean { file } => {
            let name = file.display().to_string();
            let doc = ingest::read("d1".into(), &name, Some(&file), ingest::DEFAULT_MAX_BYTES)
                .map_err(|f| anyhow::anyhow!("{}: {}", f.file, f.reason))?;
            let c = entente_text::clean(&doc.text, doc.format);
            let mut w = std::io::stdout().lock();
            for b in &c.blocks {
                writeln!(w, "[{:?}] {}", b.kind, b.text)?;
            }
            for d in &c.dropped {
                writeln!(w, "[dropped] {d}")?;
            }
            Ok(0)
        }
        Command::Kb { command: KbCommand::Stats { json } } => {
            let p = pipeline(&cli.kb)?;
            let stats = p.kb.stats();
            let mut w = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut w, &stats)?;
                writeln!(w)?;
            } else {
                actors::write_coverage(&mut w, &stats.coverage)?;
                report::kb_stats(&mut w, &stats)?;
            }
            Ok(0)
        }
        Command::Classify(args) => classify::run(&args, &mut std::io::BufWriter::new(std::io::stdout().lock())),
        Command::Actors(args) => {
            let p = pipeline(&cli.kb)?;
            let mut w = std::io::BufWriter::new(std::io::stdout().lock());
            if !args.unknown.is_empty() {
                let (x, failed) = extract_paths(&p, &args.unknown, ingest::DEFAULT_MAX_BYTES, jobs, !args.json);
                actors::write_unknown(&mut w, &entente_extract::unknown_actors(&x), args.json, args.overlay)?;
                return Ok(if failed { 1 } else { 0 });
            }
            actors::run(&p, &args, &mut w)
        }
    }
}
