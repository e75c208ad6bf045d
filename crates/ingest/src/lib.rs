//! Batch ingest: many pages into the store, as fast as the cores allow and
//! safe against crashes.
//!
//! One thread reads the inputs page by page (a WARC file streams), skipping
//! pages the store already holds from the same tier by their content hash,
//! so a rerun after a crash picks up where the last committed page left off.
//! `jobs` threads run the pipeline; this thread alone writes, committing a
//! batch at a time, so a crash loses at most the uncommitted batch and never
//! leaves half an article. Channels between the stages are bounded: memory
//! stays flat whatever the input's length. A page that cannot be read or
//! analysed (even one that makes a stage panic) is recorded with its source
//! and skipped; the batch goes on.

use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use newsgraph_input::{Input, InputError, Page};
use newsgraph_pipeline::Pipeline;
use newsgraph_store::{content_hash, Analysed, Outcome, Store, StoreError};

/// How an ingest runs.
#[derive(Debug, Clone)]
pub struct Options {
    /// Threads analysing pages.
    pub jobs: usize,
    /// The attribution tier's name, stored with each article: a page
    /// counts as done only for the tier that analysed it.
    pub tier: String,
    /// Articles committed in one transaction.
    pub batch: usize,
    /// How often the observer hears about progress.
    pub report_every: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: std::thread::available_parallelism().map_or(1, usize::from),
            tier: "fast".to_string(),
            batch: 64,
            report_every: Duration::from_millis(500),
        }
    }
}

/// Where an ingest stands.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// New articles written.
    pub inserted: u64,
    /// Articles whose page changed, rewritten.
    pub replaced: u64,
    /// Pages analysed again to no change (the same page under two names).
    pub unchanged: u64,
    /// Pages the store already held, not analysed again.
    pub skipped: u64,
    /// Pages that could not be read or analysed.
    pub failed: u64,
    /// Characters of page text analysed.
    pub chars: u64,
    /// Bytes of the input files, and of those read to the end.
    pub input_bytes: u64,
    pub input_bytes_done: u64,
    pub elapsed: Duration,
    /// CPU time each kind of thread ran, once the ingest is over (zero
    /// where the system does not tell).
    pub cpu: ThreadCpu,
}

/// CPU seconds spent by the reader, the analysers together and the writer.
#[derive(Debug, Clone, Copy, Default)]
pub struct ThreadCpu {
    pub read: f64,
    pub analyse: f64,
    pub write: f64,
}

/// CPU time the calling thread has run, in seconds, if the system says:
/// the thread's own CPU clock, exact to the moment (the scheduler's
/// statistics move only at its ticks and switches, so a short thread
/// could read as no time at all).
pub fn thread_cpu_seconds() -> Option<f64> {
    #[cfg(unix)]
    {
        let mut now = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `now` is a valid timespec for the call to fill.
        let read = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut now) } == 0;
        read.then(|| now.tv_sec as f64 + now.tv_nsec as f64 / 1e9)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// Runs `work`, returning its result and the CPU seconds the calling
/// thread spent on it (zero where the system does not tell).
fn timed<T>(work: impl FnOnce() -> T) -> (T, f64) {
    let start = thread_cpu_seconds();
    let out = work();
    let spent = thread_cpu_seconds().zip(start).map_or(0.0, |(end, start)| end - start);
    (out, spent)
}

impl Progress {
    /// Pages analysed (stored or found unchanged).
    pub fn analysed(&self) -> u64 {
        self.inserted + self.replaced + self.unchanged
    }

    /// Every page dealt with, however.
    pub fn pages(&self) -> u64 {
        self.analysed() + self.skipped + self.failed
    }

    /// Pages analysed a second so far.
    pub fn rate(&self) -> f64 {
        self.analysed() as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// Time left, judged by the share of input bytes read; `None` until a
    /// whole input has been read.
    pub fn eta(&self) -> Option<Duration> {
        let done = self.input_bytes_done as f64 / self.input_bytes.max(1) as f64;
        (done > 0.0 && done < 1.0).then(|| self.elapsed.mul_f64((1.0 - done) / done))
    }
}

/// Hears about an ingest as it runs.
pub trait Observer {
    fn progress(&mut self, progress: &Progress);
    /// A page that could not be read or analysed, and why.
    fn failed(&mut self, source: &str, reason: &str);
}

/// What the reader and the analysers tell the writer.
enum Message {
    Analysed(Box<Analysed>),
    /// The store already holds this page.
    Skipped,
    Failed {
        source: String,
        reason: String,
    },
    /// An input file was read to its end.
    InputDone {
        bytes: u64,
    },
}

/// Reads, analyses and stores every page of `inputs`; returns the final
/// progress. Fails only when the store cannot be written: what was
/// committed before stays.
pub fn ingest(
    inputs: Vec<Result<Input, InputError>>,
    pipeline: &Pipeline,
    store: &mut Store,
    options: &Options,
    observer: &mut dyn Observer,
) -> Result<Progress, StoreError> {
    let started = Instant::now();
    let mut progress = Progress { input_bytes: inputs.iter().flatten().map(input_size).sum(), ..Progress::default() };
    let jobs = options.jobs.max(1);
    // Small bounds: enough to keep every analyser busy, never a backlog.
    let (page_tx, page_rx) = sync_channel::<(Page, String)>(jobs * 2);
    let (message_tx, message_rx) = sync_channel::<Message>(jobs * 2 + options.batch);
    // Only the analysers hold the page queue and only the writer the
    // message queue: if the writer stops on an error, the analysers' sends
    // fail, they end, and with them the queue the reader feeds, so no
    // thread waits forever on a full channel.
    let page_rx = Arc::new(Mutex::new(page_rx));
    let seen_by = Store::open_read_only(store.path())?;
    let (written, cpu) = std::thread::scope(|scope| {
        let reader_tx = message_tx.clone();
        let reader = scope.spawn(move || timed(|| read_all(inputs, &seen_by, &options.tier, &page_tx, &reader_tx)).1);
        let analysers: Vec<_> = (0..jobs)
            .map(|_| {
                let (rx, tx) = (Arc::clone(&page_rx), message_tx.clone());
                scope.spawn(move || timed(|| analyse_all(pipeline, &rx, &options.tier, &tx)).1)
            })
            .collect();
        drop(page_rx);
        drop(message_tx);
        let (written, write) = timed(|| write_all(message_rx, store, options, started, &mut progress, observer));
        // A panic outside a page's analysis is a bug: it goes on up, as the
        // scope would have sent it.
        let spent = |thread: std::thread::ScopedJoinHandle<'_, f64>| {
            thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        };
        let cpu = ThreadCpu { read: spent(reader), analyse: analysers.into_iter().map(spent).sum(), write };
        (written, cpu)
    });
    written?;
    progress.cpu = cpu;
    progress.elapsed = started.elapsed();
    observer.progress(&progress);
    Ok(progress)
}

/// The size of an input file, for the ETA (0 for stdin).
fn input_size(input: &Input) -> u64 {
    match input {
        Input::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
        Input::Stdin => 0,
    }
}

/// The reader: every page of every input, minus those already stored.
fn read_all(
    inputs: Vec<Result<Input, InputError>>,
    seen_by: &Store,
    tier: &str,
    pages: &SyncSender<(Page, String)>,
    messages: &SyncSender<Message>,
) {
    for input in inputs {
        let input = match input {
            Ok(input) => input,
            Err(e) => {
                let _ = messages.send(Message::Failed { source: e.source, reason: e.reason });
                continue;
            }
        };
        let size = input_size(&input);
        for page in input.pages() {
            let delivered = match page {
                Err(e) => messages.send(Message::Failed { source: e.source, reason: e.reason }).is_ok(),
                Ok(page) => {
                    let hash = content_hash(&page.text);
                    match seen_by.seen(&hash, tier) {
                        Ok(true) => messages.send(Message::Skipped).is_ok(),
                        // Unknown (the lookup failed): analyse it; the writer decides.
                        Ok(false) | Err(_) => pages.send((page, hash)).is_ok(),
                    }
                }
            };
            // The writer has stopped (it failed): nothing more to do.
            if !delivered {
                return;
            }
        }
        let _ = messages.send(Message::InputDone { bytes: size });
    }
}

/// An analyser: pages in, documents out. A panic in a stage fails that page only.
fn analyse_all(pipeline: &Pipeline, pages: &Mutex<Receiver<(Page, String)>>, tier: &str, out: &SyncSender<Message>) {
    loop {
        let next = pages.lock().expect("no analyser panics holding the lock").recv();
        let Ok((page, hash)) = next else { return };
        let message = match pipeline.try_analyze(&page) {
            Ok(doc) => Message::Analysed(Box::new(Analysed { doc, content_hash: hash, tier: tier.to_string() })),
            Err(reason) => Message::Failed { source: page.source, reason },
        };
        if out.send(message).is_err() {
            return;
        }
    }
}

/// The writer: commits analysed documents a batch at a time.
fn write_all(
    messages: Receiver<Message>,
    store: &mut Store,
    options: &Options,
    started: Instant,
    progress: &mut Progress,
    observer: &mut dyn Observer,
) -> Result<(), StoreError> {
    let mut pending: Vec<Analysed> = Vec::with_capacity(options.batch);
    let mut last_commit = Instant::now();
    let mut last_report = Instant::now();
    loop {
        let message = messages.recv_timeout(options.report_every);
        match message {
            Ok(Message::Analysed(doc)) => {
                progress.chars += doc.doc.article.body.chars().count() as u64;
                pending.push(*doc);
            }
            Ok(Message::Skipped) => progress.skipped += 1,
            Ok(Message::Failed { source, reason }) => {
                progress.failed += 1;
                store.record_error(&source, &reason)?;
                observer.failed(&source, &reason);
            }
            Ok(Message::InputDone { bytes }) => progress.input_bytes_done += bytes,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        // A batch waits at most a second, so a slow trickle is committed too.
        if pending.len() >= options.batch || (!pending.is_empty() && last_commit.elapsed() >= Duration::from_secs(1)) {
            commit(store, &mut pending, progress)?;
            last_commit = Instant::now();
        }
        if last_report.elapsed() >= options.report_every {
            progress.elapsed = started.elapsed();
            observer.progress(progress);
            last_report = Instant::now();
        }
    }
    commit(store, &mut pending, progress)
}

fn commit(store: &mut Store, pending: &mut Vec<Analysed>, progress: &mut Progress) -> Result<(), StoreError> {
    if pending.is_empty() {
        return Ok(());
    }
    for outcome in store.put_all(std::mem::take(pending))? {
        match outcome {
            Outcome::Inserted => progress.inserted += 1,
            Outcome::Replaced => progress.replaced += 1,
            Outcome::Unchanged => progress.unchanged += 1,
        }
    }
    Ok(())
}
