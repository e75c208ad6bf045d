//! `newsgraph bench analyze`: articles per second of the whole analysis,
//! per attribution tier, on one thread.
//!
//! Pages are read and decoded first; what is timed is `Pipeline::analyze`
//! (extraction, sentences, attribution, entities, actors, events), as a
//! user's batch runs it, and a second table splits the time by stage. The
//! machine may be shared, so besides wall time the table gives the thread's
//! own CPU time (from `/proc/thread-self/schedstat`, where available):
//! articles per CPU-second is what one free core would do. Pages differ in
//! length, so the table also gives the words a page (of the article bodies,
//! counted as the text report counts them) and the articles of 1,000 words
//! a CPU-second that makes.

use std::process::ExitCode;
use std::time::Instant;

use newsgraph_attribution::{QuoteAttributor, Tier};
use newsgraph_ingest::thread_cpu_seconds;
use newsgraph_input::{expand, Page};
use newsgraph_pipeline::{Pipeline, StageTimes};

/// Analyses every page of `inputs` `rounds` times per tier and prints the best round.
pub fn analyze(inputs: &[String], tiers: &[Tier], rounds: usize) -> ExitCode {
    let mut pages: Vec<Page> = Vec::new();
    for input in expand(inputs) {
        match input.and_then(|i| i.read()) {
            Ok(page) => pages.push(page),
            Err(e) => eprintln!("newsgraph bench: {e} (skipped)"),
        }
    }
    if pages.is_empty() {
        eprintln!("newsgraph bench: no readable pages in {}", inputs.join(" "));
        return ExitCode::from(2);
    }
    let bytes: usize = pages.iter().map(|p| p.text.len()).sum();
    println!("{}", machine());
    println!("{} pages, {:.1} MB; best of {rounds} round(s), one thread\n", pages.len(), bytes as f64 / 1e6);
    println!(
        "{:<8} {:>8} {:>10} {:>12} {:>10} {:>14} {:>10} {:>22} {:>8}",
        "tier",
        "quotes",
        "wall s",
        "articles/s",
        "cpu s",
        "articles/cpu-s",
        "words/page",
        "1k-word articles/cpu-s",
        "MB/s"
    );
    let mut splits = Vec::new();
    for &tier in tiers {
        let pipeline = match QuoteAttributor::with_tier(tier) {
            Ok(attributor) => Pipeline::with_attributor(attributor),
            Err(e) => {
                eprintln!("newsgraph bench: {tier:?} tier skipped: {e}");
                continue;
            }
        };
        let mut best: Option<(f64, Option<f64>, usize, usize, StageTimes)> = None;
        for _ in 0..rounds.max(1) {
            let mut times = StageTimes::default();
            let (mut quotes, mut words) = (0, 0);
            let (cpu_start, started) = (thread_cpu_seconds(), Instant::now());
            for page in &pages {
                let doc = pipeline.analyze_timed(page, &mut times);
                quotes += doc.quotes.len();
                words += doc.article.body.split_whitespace().count();
            }
            let wall = started.elapsed().as_secs_f64();
            let cpu = thread_cpu_seconds().zip(cpu_start).map(|(end, start)| end - start);
            if best.as_ref().is_none_or(|(w, ..)| wall < *w) {
                best = Some((wall, cpu, quotes, words, times));
            }
        }
        let (wall, cpu, quotes, words, times) = best.expect("at least one round");
        splits.push((tier, times));
        let n = pages.len() as f64;
        let thousands = words as f64 / 1000.0;
        let dash = || "-".to_string();
        let (cpu_s, per_cpu_s, thousands_per_cpu_s) = cpu.map_or((dash(), dash(), dash()), |c| {
            (format!("{c:.2}"), format!("{:.0}", n / c), format!("{:.0}", thousands / c))
        });
        println!(
            "{:<8} {quotes:>8} {wall:>10.2} {:>12.0} {cpu_s:>10} {per_cpu_s:>14} {:>10.0} {thousands_per_cpu_s:>22} {:>8.2}",
            format!("{tier:?}").to_lowercase(),
            n / wall,
            words as f64 / n,
            bytes as f64 / wall / 1e6
        );
    }
    // Where the time goes: each stage's share, and milliseconds an article.
    if let Some((_, first)) = splits.first() {
        let names: Vec<&str> = first.stages.iter().map(|(n, _)| *n).collect();
        print!("\n{:<8}", "ms/page");
        for n in &names {
            print!(" {n:>12}");
        }
        println!();
        for (tier, times) in &splits {
            print!("{:<8}", format!("{tier:?}").to_lowercase());
            for (_, d) in &times.stages {
                print!(" {:>12.3}", d.as_secs_f64() * 1e3 / pages.len() as f64);
            }
            println!();
        }
    }
    ExitCode::SUCCESS
}

/// The processor and core count, printed above every bench table: the same
/// build has run 2.5 times faster on one host than another, so figures
/// from different sessions compare only on the same processor.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let model = std::fs::read_to_string("/proc/cpuinfo").ok().and_then(|info| {
        info.lines()
            .find(|l| l.starts_with("model name"))
            .and_then(|l| l.split_once(':'))
            .map(|(_, name)| name.trim().to_string())
    });
    format!("machine: {}, {cores} cores", model.as_deref().unwrap_or("processor unknown"))
}
