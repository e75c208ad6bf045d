//! Extraction speed on a directory of decoded `.html` files, one thread:
//! bench DIR [ROUNDS]
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: bench DIR [ROUNDS]");
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(1);
    let mut pages: Vec<String> = std::fs::read_dir(&dir)
        .expect("readable directory")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| std::fs::read(e.path()).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .collect();
    pages.sort();
    let mut times = Vec::with_capacity(pages.len() * rounds);
    for _ in 0..rounds {
        for page in &pages {
            let start = Instant::now();
            std::hint::black_box(newsgraph_extract::extract_html(page));
            times.push(start.elapsed().as_secs_f64());
        }
    }
    let total: f64 = times.iter().sum();
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize] * 1e3;
    println!(
        "{} pages x {rounds}: {:.0} pages/s, median {:.2} ms, p90 {:.2} ms, max {:.2} ms",
        pages.len(),
        times.len() as f64 / total,
        at(0.5),
        at(0.9),
        at(1.0)
    );
}
