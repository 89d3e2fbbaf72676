//! Throughput benchmark: runs the whole per-document pipeline (clean, date, sentences,
//! actors, events) over every `.txt`/`.html` file of a folder on ONE thread, and reports
//! MB/s, articles/s and peak memory.
//!
//! Usage: `entente-bench DIR [--repeat N]` (build with `--release`). Make a corpus with
//! `python3 ../shared/bench/make_corpus.py -n 5000 -o /tmp/bench_corpus`.

#[path = "../alloc.rs"]
mod alloc;

#[global_allocator]
static GLOBAL: alloc::Mimalloc = alloc::Mimalloc;

use std::time::Instant;

use entente_extract::{Pipeline, RawDoc};
use entente_text::Format;

fn peak_rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds (user + system) this process has used, from /proc/self/stat.
fn cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    let rest = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: entente-bench DIR [--repeat N]");
        std::process::exit(2);
    };
    let mut repeat = 1usize;
    while let Some(a) = args.next() {
        if a == "--repeat" {
            repeat = args.next().and_then(|n| n.parse().ok()).unwrap_or(1);
        }
    }
    let mut docs = Vec::new();
    for e in walkdir::WalkDir::new(&dir).into_iter().filter_map(Result::ok) {
        let p = e.path();
        let fmt = match p.extension().and_then(|x| x.to_str()) {
            Some("txt") => Format::Text,
            Some("html" | "htm") => Format::Html,
            _ => continue,
        };
        if let Ok(text) = std::fs::read_to_string(p) {
            docs.push(RawDoc { id: format!("d{}", docs.len() + 1), file: p.display().to_string(), text, format: fmt });
        }
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let t0 = Instant::now();
    let p = Pipeline::embedded().expect("embedded data loads");
    let load = t0.elapsed();
    let c1 = cpu_seconds();
    let t1 = Instant::now();
    let mut events = 0usize;
    for _ in 0..repeat {
        for d in &docs {
            events += p.process(d).events.len();
        }
    }
    let secs = t1.elapsed().as_secs_f64();
    let cpu = c1.zip(cpu_seconds()).map(|(a, b)| b - a);
    let mb = (bytes * repeat) as f64 / 1e6;
    println!("articles      {}", docs.len() * repeat);
    println!("input         {mb:.1} MB");
    println!("start-up      {:.3} s (knowledge base and lexicon)", load.as_secs_f64());
    println!("time          {secs:.2} s on one thread");
    println!("throughput    {:.1} MB/s, {:.0} articles/s", mb / secs, (docs.len() * repeat) as f64 / secs);
    if let Some(c) = cpu.filter(|c| *c > 0.0) {
        println!(
            "cpu time      {c:.2} s: {:.1} MB per CPU-second, {:.0} articles per CPU-second",
            mb / c,
            (docs.len() * repeat) as f64 / c
        );
    }
    println!("events        {events}");
    if let Some(k) = peak_rss_kib() {
        println!("peak memory   {:.1} MB", k as f64 / 1024.0);
    }
}
