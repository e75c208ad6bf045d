//! `newsgraph`: the command-line front of the pipeline.
//!
//! A thin binary: argument parsing and output formatting live here; every
//! stage lives in its own crate and is composed by `newsgraph-pipeline`.

mod analyze;
mod bench;
mod bench_ingest;
mod ingest;
mod query;
mod report;
mod train;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

// The stages allocate many small strings and vectors a page; mimalloc
// serves them faster than the system allocator, and does not contend
// between the ingest's analysing threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mi_option_e` (the same place in
/// its v2 and v3), which the Rust bindings leave unnamed.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Keeps freed memory mapped instead of handing it back to the kernel 10 ms
/// later. Each page frees its DOM and documents and the next one asks for as
/// much again, so returned memory came straight back through page faults,
/// each zeroing a 2 MB huge page: a twelfth of an ingest's CPU time on WCXB
/// pages. The process then holds its high-water mark, a few hundred MB.
fn keep_freed_memory() {
    // SAFETY: called once, first thing in `main`, before any other thread
    // exists; the option is an integer mimalloc reads when it purges.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1) };
}

#[derive(Parser)]
#[command(
    name = "newsgraph",
    version,
    about = "Turns news pages into who said what, to whom, through which outlet and when.",
    after_help = "Example:\n  newsgraph analyze examples/voa-emboldened-north-korea.txt\n\nRun 'newsgraph <command> --help' for each command's options."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse pages: extract the article, then find quotes and their speakers, entities and dated time expressions.
    #[command(
        after_help = "Examples:\n  newsgraph analyze examples/voa-emboldened-north-korea.txt\n  newsgraph analyze --format jsonl saved-pages/ > out.jsonl\n  curl -s https://example.org/story | newsgraph analyze - --format json\n  newsgraph analyze --files-from list.txt --format jsonl\n\nInputs are HTML (also .gz) or plain text; directories are read recursively.\nA page that cannot be read is reported on stderr and skipped; the exit status\nis 1 if any page failed."
    )]
    Analyze {
        /// Files, directories (read recursively) or `-` for standard input.
        inputs: Vec<String>,
        /// Also read the paths listed in FILE, one a line (`-` for stdin).
        #[arg(long, value_name = "FILE")]
        files_from: Option<String>,
        /// Output format. Default: `text` on a terminal, `jsonl` otherwise.
        #[arg(long, value_enum)]
        format: Option<OutputFormat>,
        /// Attribution model: `fast` (learned, default), `accurate` (with the MiniLM encoder) or `rules`.
        #[arg(long, value_enum, default_value_t = ModelTier::Fast)]
        model: ModelTier,
    },
    /// Analyse many pages into the store (SQLite, one file): page files, directories, WARC and feed files.
    #[command(
        after_help = "Examples:\n  newsgraph ingest examples/\n  newsgraph ingest --db news.db CC-NEWS-20241119.warc.gz --jobs 2\n  newsgraph ingest --files-from list.txt --model accurate\n\nA page already stored (same content, same model) is skipped without being\nanalysed, so a rerun after a crash carries on where it stopped; a page\nwhose URL is stored with other content replaces it. Pages that cannot be\nread or analysed are reported, recorded in the store and skipped; the exit\nstatus is 1 if any failed."
    )]
    Ingest {
        /// Files, directories (read recursively), WARC or RSS/Atom files, or `-` for standard input.
        inputs: Vec<String>,
        /// Also read the paths listed in FILE, one a line (`-` for stdin).
        #[arg(long, value_name = "FILE")]
        files_from: Option<String>,
        /// The database file; created if missing.
        #[arg(long, value_name = "PATH", default_value = "newsgraph.db")]
        db: PathBuf,
        /// Threads analysing pages (default: every core).
        #[arg(long, value_name = "N")]
        jobs: Option<usize>,
        /// Attribution model: `fast` (learned, default), `accurate` (with the MiniLM encoder) or `rules`.
        #[arg(long, value_enum, default_value_t = ModelTier::Fast)]
        model: ModelTier,
        /// Also print the summary as one JSON object on stdout, for scripts.
        #[arg(long)]
        json: bool,
    },
    /// Ask the store: quotes, events, articles, a speaker's or actor's profile.
    #[command(
        after_help = "Examples:\n  newsgraph query quotes --speaker Revere\n  newsgraph query quotes --speaker \"State Department spokesperson\" --from 2024-11 --to 2024-11\n  newsgraph query quotes --about \"Kim Jong Un\" --text denuclearization --format csv\n  newsgraph query speaker Revere\n  newsgraph query events --actor \"North Korea\" --type MOBILIZE\n  newsgraph query events --actor Trump --with Kim\n  newsgraph query articles --text \"missile test\" --from 2024\n\nNames match canonical names and aliases, any case; a surname matches a full\nname. Dates are days or periods (2024-11-19, 2024-11, 2024), both ends included."
    )]
    Query {
        #[command(subcommand)]
        question: Question,
        /// The database file.
        #[arg(long, value_name = "PATH", default_value = "newsgraph.db", global = true)]
        db: PathBuf,
        /// Output format. Default: `table` on a terminal, `jsonl` otherwise.
        #[arg(long, value_enum, global = true)]
        format: Option<query::QueryFormat>,
        /// Rows to return (at most 10000).
        #[arg(long, default_value_t = 50, global = true)]
        limit: usize,
        /// Rows to skip, for paging.
        #[arg(long, default_value_t = 0, global = true)]
        offset: usize,
    },
    /// Serve the store: the web UI, the JSON API and its OpenAPI description.
    #[command(
        after_help = "Examples:\n  newsgraph serve\n  newsgraph serve --db news.db --addr 127.0.0.1:9000\n\nOpen the printed address in a browser. JSON endpoints live under /api\n(described at /openapi.json); POST /api/analyze analyses a page sent as the\nbody without storing it. Listen on loopback unless you mean to expose it."
    )]
    Serve {
        /// The database file (from `newsgraph ingest`).
        #[arg(long, value_name = "PATH", default_value = "newsgraph.db")]
        db: PathBuf,
        /// Address and port to listen on (port 0 picks a free one).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Attribution model for POST /api/analyze.
        #[arg(long, value_enum, default_value_t = ModelTier::Fast)]
        model: ModelTier,
        /// The largest page POST /api/analyze accepts, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = newsgraph_server::DEFAULT_MAX_BODY)]
        max_body: usize,
    },
    /// Write the store's tables as files for pandas, DuckDB or Spark.
    #[command(
        after_help = "Examples:\n  newsgraph export --format parquet --out exports/\n  newsgraph export --format jsonl --table quotes --table events --out exports/\n\nEach table becomes OUT/<table>.<format>. Tables: articles, quotes,\nquote_actors, actors, actor_names, article_actors, entities, times, events,\ningest_errors; offsets are characters into articles.body, as in the JSON."
    )]
    Export {
        /// The database file.
        #[arg(long, value_name = "PATH", default_value = "newsgraph.db")]
        db: PathBuf,
        /// `jsonl` (one JSON object a row) or `parquet` (typed columns).
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// The directory to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Tables to write (repeatable). Default: all.
        #[arg(long = "table", value_name = "NAME")]
        tables: Vec<String>,
    },
    /// Measure a stage against gold data and print the field's metrics.
    #[command(
        after_help = "Examples:\n  newsgraph eval seed --data examples/voa-emboldened-north-korea.txt\n  newsgraph eval extract-wcxb --data ../shared/data/extract/wcxb-dev --min f1=0.935\n  newsgraph eval quotes-polnear --data ../shared/data/quotes/polnear/dev --json\n  newsgraph eval time-tempeval --data ../shared/data/time/tbaq --errors 20\n\nTasks:\n  extract-wcxb         article extraction, WCXB layout (html/*.html.gz + ground-truth/*.json)\n  extract-trafilatura  article extraction, trafilatura's evaluation set (html/ + evaldata.json)\n  quotes-polnear       attribution spans on PolNeAR (text/ + attributions/)\n  quotes-ggt           quotes and speakers on GenderGapTracker (<id>.txt + <id>.gold.json)\n  ner-conll            named entities on CoNLL-2003 (a file, or a directory holding valid.txt)\n  time-tempeval        time expressions on TimeML files (AQUAINT/*.tml, TimeBank/*.tml), anchored on each <DCT>\n  seed                 the reference article against its gold (.txt + .gold.json)\n\nThe exit status is 1 when a --min floor or a --max ceiling is not met."
    )]
    Eval {
        /// The task to run (see below).
        task: String,
        /// The gold data: a directory (or, for `seed`, a .txt file).
        #[arg(long, value_name = "DIR")]
        data: PathBuf,
        /// Print the metrics as one JSON object instead of tables.
        #[arg(long)]
        json: bool,
        /// Fail unless metric NAME is at least VALUE (repeatable).
        #[arg(long = "min", value_name = "NAME=VALUE", value_parser = parse_floor)]
        floors: Vec<(String, f64)>,
        /// Fail unless metric NAME is at most VALUE (repeatable), for error counts.
        #[arg(long = "max", value_name = "NAME=VALUE", value_parser = parse_floor)]
        ceilings: Vec<(String, f64)>,
        /// Also list the N worst misses, gold against predicted.
        #[arg(long, value_name = "N", default_value_t = 0)]
        errors: usize,
        /// Attribution model to measure: `fast` (learned, default), `accurate` or `rules`.
        #[arg(long, value_enum, default_value_t = ModelTier::Fast)]
        model: ModelTier,
        /// Measure this model file (from `newsgraph train quotes` or `train ner`) instead of the built-in one.
        #[arg(long, value_name = "FILE")]
        model_file: Option<PathBuf>,
        /// quotes-polnear: also write the predicted relations as BRAT files
        /// under DIR (`text/`, `attributions/`), readable again by `--data DIR`.
        #[arg(long, value_name = "DIR")]
        predictions: Option<PathBuf>,
    },
    /// Measure speed: articles per second per tier (`analyze`, one thread) or whole ingests (`ingest`).
    #[command(
        after_help = "Examples:\n  newsgraph bench analyze ../shared/data/quotes/polnear/dev/text --rounds 3\n  newsgraph bench ingest ../shared/data/extract/wcxb-dev/html --model fast --jobs 1,2\n\n`analyze` prints wall time and the thread's CPU time; on a shared machine,\narticles per CPU-second is what one free core does. `ingest` runs\n`newsgraph ingest` into a fresh database per tier and job count and prints\npages/s, MB/s of input and the process's peak memory."
    )]
    Bench {
        /// What to time: `analyze` or `ingest`.
        target: BenchTarget,
        /// Files or directories of pages.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Tiers to time, in order.
        #[arg(long, value_enum, value_delimiter = ',', default_values_t = [ModelTier::Rules, ModelTier::Fast, ModelTier::Accurate])]
        model: Vec<ModelTier>,
        /// Rounds per tier; the fastest counts (`analyze`).
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Analysing threads to time, in order (`ingest`).
        #[arg(long, value_delimiter = ',', default_values_t = [1, 2])]
        jobs: Vec<usize>,
    },
    /// Train a model from gold data and write its weights.
    #[command(
        after_help = "Examples:\n  newsgraph train quotes --data ../shared/data/quotes/polnear/train\n  newsgraph train quote-bounds --data ../shared/data/quotes/polnear/train\n  newsgraph train quote-encoder --data ../shared/data/quotes/polnear/train\n  newsgraph train ner --data ../shared/data/ner/conll2003/train.txt\n  newsgraph train countries --data ../shared/data/gazetteers/CountryInfo.120116.txt\n\nThe default output is the file the binary embeds; rebuild to use it, or\nmeasure it first ('newsgraph eval quotes-polnear --model-file FILE',\n'newsgraph eval ner-conll --model-file FILE'). Training is deterministic:\nthe same data, epochs and seed give the same bytes."
    )]
    Train {
        /// What to train (see below).
        target: TrainTarget,
        /// The training data: PolNeAR's split directory, CoNLL-2003's train.txt, or CountryInfo.txt.
        #[arg(long, value_name = "PATH")]
        data: PathBuf,
        /// Where to write the model. Default: the file the binary embeds for that tier.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Threads preparing the articles, or tuning the encoder; each averaged tagger trains on a thread of its own.
        #[arg(long, default_value_t = 2)]
        threads: usize,
        /// Passes over the training data (default: 30 for quotes, 10 for quote-bounds' ranker, 3 for quote-encoder, 20 for ner).
        #[arg(long)]
        epochs: Option<usize>,
        /// Seeds the order examples are visited in.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// For quotes: taggers averaged into the model, each trained from its own seed (`seed`, `seed + 1`, ...).
        #[arg(long, default_value_t = 4)]
        seeds: usize,
    },
}

#[derive(Subcommand, Clone)]
enum Question {
    /// Quotes, newest first.
    Quotes {
        /// Who said it: a name, alias or surname, or how the article names an unnamed speaker.
        #[arg(long)]
        speaker: Option<String>,
        /// An actor named inside the quote.
        #[arg(long)]
        about: Option<String>,
        /// Words in the quote (all of them; "..." for a phrase).
        #[arg(long)]
        text: Option<String>,
        /// From this day or period on.
        #[arg(long)]
        from: Option<String>,
        /// Up to this day or period.
        #[arg(long)]
        to: Option<String>,
        /// The publishing outlet, or the outlet the statement was made to.
        #[arg(long)]
        outlet: Option<String>,
        /// Statements of speech only, without attributed beliefs.
        #[arg(long)]
        speech_only: bool,
    },
    /// A speaker's profile: names, descriptions, quote counts a month, outlets.
    Speaker {
        /// A name, alias or surname.
        name: String,
    },
    /// An actor's profile, with the actors it is seen with.
    Actor {
        /// A name, alias or surname (`DPRK`, `Pyongyang`, `Kim`).
        name: String,
    },
    /// Events in the order they happened.
    Events {
        /// An actor on either side.
        #[arg(long)]
        actor: Option<String>,
        /// With --actor: the actor on the other side, either way.
        #[arg(long)]
        with: Option<String>,
        /// PLOVER event type (AGREE, CONSULT, ..., ASSAULT).
        #[arg(long = "type")]
        code: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
    },
    /// Articles: best match first when searching words, else newest first.
    Articles {
        /// Words in the title or text.
        #[arg(long)]
        text: Option<String>,
        /// An actor the article names.
        #[arg(long)]
        actor: Option<String>,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        outlet: Option<String>,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ExportFormat {
    Jsonl,
    Parquet,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum BenchTarget {
    /// The whole analysis of each page (extraction, sentences, attribution).
    Analyze,
    /// `newsgraph ingest` into a fresh database: pages/s, MB/s and peak memory.
    Ingest,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TrainTarget {
    /// Quote attribution spans (source, cue, content) from PolNeAR.
    Quotes,
    /// The fast tier's content boundary ranker from PolNeAR (trains its own fast taggers on parts of the data).
    QuoteBounds,
    /// The accurate tier's fine-tuned encoder and label head from PolNeAR (needs the encoder).
    QuoteEncoder,
    /// The named-entity tagger from CoNLL-2003.
    Ner,
    /// The gazetteer of countries, places and leaders from CountryInfo.txt.
    Countries,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ModelTier {
    /// Rules only: quotation marks, a cue lexicon, speaker phrases.
    Rules,
    /// A perceptron span tagger over the rules (hundreds of articles a second).
    Fast,
    /// The span tagger reading a MiniLM encoder's token vectors too (a few articles a second).
    Accurate,
}

impl ModelTier {
    /// The name stored with each article the tier analysed.
    fn name(self) -> &'static str {
        match self {
            ModelTier::Rules => "rules",
            ModelTier::Fast => "fast",
            ModelTier::Accurate => "accurate",
        }
    }
}

impl From<ModelTier> for newsgraph_attribution::Tier {
    fn from(m: ModelTier) -> Self {
        match m {
            ModelTier::Rules => newsgraph_attribution::Tier::Rules,
            ModelTier::Fast => newsgraph_attribution::Tier::Fast,
            ModelTier::Accurate => newsgraph_attribution::Tier::Accurate,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// A readable report per page.
    Text,
    /// One JSON document (an array when there are several pages).
    Json,
    /// One JSON document per line.
    Jsonl,
}

fn parse_floor(s: &str) -> Result<(String, f64), String> {
    let (name, value) = s.split_once('=').ok_or_else(|| format!("expected NAME=VALUE, got '{s}'"))?;
    let value: f64 = value.trim().parse().map_err(|_| format!("'{value}' is not a number"))?;
    Ok((name.trim().to_string(), value))
}

fn main() -> ExitCode {
    keep_freed_memory();
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { inputs, files_from, format, model } => {
            analyze::run(&inputs, files_from.as_deref(), format.unwrap_or_else(default_format), model.into())
        }
        Command::Ingest { inputs, files_from, db, jobs, model, json } => ingest::run(&ingest::IngestArgs {
            inputs: &inputs,
            files_from: files_from.as_deref(),
            db: &db,
            jobs,
            tier: model.into(),
            tier_name: model.name(),
            json,
        }),
        Command::Query { question, db, format, limit, offset } => {
            let format = format.unwrap_or_else(|| {
                if default_format() == OutputFormat::Text {
                    query::QueryFormat::Table
                } else {
                    query::QueryFormat::Jsonl
                }
            });
            ask(&question, &db, format, Some(limit), Some(offset))
        }
        Command::Serve { db, addr, model, max_body } => serve(db, addr, model.into(), max_body),
        Command::Export { db, format, out, tables } => {
            let format = match format {
                ExportFormat::Jsonl => newsgraph_export::Format::Jsonl,
                ExportFormat::Parquet => newsgraph_export::Format::Parquet,
            };
            export(&db, format, &out, &tables)
        }
        Command::Eval { task, data, json, floors, ceilings, errors, model, model_file, predictions } => {
            let (quote_model, ner_model) =
                if task.starts_with("ner") { (None, model_file) } else { (model_file, None) };
            let options = newsgraph_eval::Options { errors, tier: model.into(), quote_model, ner_model, predictions };
            eval(&task, &data, json, &Bounds { floors, ceilings }, &options)
        }
        Command::Bench { target: BenchTarget::Analyze, inputs, model, rounds, .. } => {
            let tiers: Vec<_> = model.into_iter().map(Into::into).collect();
            bench::analyze(&inputs, &tiers, rounds)
        }
        Command::Bench { target: BenchTarget::Ingest, inputs, model, jobs, .. } => {
            let tiers: Vec<&str> = model.into_iter().map(ModelTier::name).collect();
            bench_ingest::ingest(&inputs, &tiers, &jobs)
        }
        Command::Train { target: TrainTarget::Quotes, data, out, threads, epochs, seed, seeds } => {
            let out = out.unwrap_or_else(|| "crates/attribution/models/quotes-fast.bin".into());
            let config = newsgraph_attribution::TrainConfig { epochs: epochs.unwrap_or(30), seed };
            train::quotes(&data, &out, threads, (&config, seeds))
        }
        Command::Train { target: TrainTarget::QuoteBounds, data, out, threads, epochs, seed, .. } => {
            let out = out.unwrap_or_else(|| "crates/attribution/models/quotes-bounds.bin".into());
            let tagger = newsgraph_attribution::TrainConfig { epochs: 30, seed };
            let ranker = newsgraph_attribution::TrainConfig { epochs: epochs.unwrap_or(10), seed };
            train::quote_bounds(&data, &out, threads, (&tagger, &ranker))
        }
        Command::Train { target: TrainTarget::QuoteEncoder, data, out, threads, epochs, seed, .. } => {
            let out = out.unwrap_or_else(|| "crates/attribution/models/quotes-encoder.bin".into());
            let config = newsgraph_attribution::encoder_tune_config(epochs.unwrap_or(3), seed, threads);
            train::quote_encoder(&data, &out, &config)
        }
        Command::Train { target: TrainTarget::Ner, data, out, epochs, seed, .. } => {
            let out = out.unwrap_or_else(|| "crates/ner/models/ner-fast.bin".into());
            train::ner(&data, &out, &newsgraph_ner::TrainConfig { epochs: epochs.unwrap_or(20), seed })
        }
        Command::Train { target: TrainTarget::Countries, data, out, .. } => {
            train::countries(&data, &out.unwrap_or_else(|| "crates/ner/data/countries.tsv".into()))
        }
    }
}

fn default_format() -> OutputFormat {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        OutputFormat::Text
    } else {
        OutputFormat::Jsonl
    }
}

fn ask(
    question: &Question,
    db: &std::path::Path,
    format: query::QueryFormat,
    limit: Option<usize>,
    offset: Option<usize>,
) -> ExitCode {
    use newsgraph_store::query::{ArticleFilter, EventFilter, QuoteFilter};
    use query::column;
    let store = match query::open(db) {
        Ok(store) => store,
        Err(code) => return code,
    };
    let result = match question.clone() {
        Question::Quotes { speaker, about, text, from, to, outlet, speech_only } => {
            let filter = QuoteFilter {
                speaker,
                about,
                text,
                from,
                to,
                outlet,
                speech_only,
                limit,
                offset,
                ..QuoteFilter::default()
            };
            store.quotes(&filter).map(|rows| {
                let columns = [
                    column("date", "date", 10),
                    column("speaker", "speaker", 28),
                    column("with", "joint_speakers", 20),
                    column("quote", "text", 90),
                    column("outlet", "outlet", 24),
                    column("article", "article_id", 8),
                ];
                query::print_rows(&rows, format, &columns)
            })
        }
        Question::Events { actor, with, code, from, to } => {
            let filter = EventFilter { actor, other: with, code, from, to, limit, offset, ..EventFilter::default() };
            store.events(&filter).map(|rows| {
                let columns = [
                    column("date", "date", 10),
                    column("type", "code", 9),
                    column("source", "source", 26),
                    column("target", "target", 26),
                    column("trigger", "trigger", 30),
                    column("article", "article_id", 8),
                ];
                query::print_rows(&rows, format, &columns)
            })
        }
        Question::Articles { text, actor, from, to, outlet } => {
            let filter = ArticleFilter { text, actor, from, to, outlet, limit, offset };
            store.articles(&filter).map(|rows| {
                let columns = [
                    column("id", "id", 8),
                    column("date", "date", 10),
                    column("outlet", "outlet", 24),
                    column("title", "title", 60),
                    column("quotes", "quotes", 6),
                    column("snippet", "snippet", 60),
                ];
                query::print_rows(&rows, format, &columns)
            })
        }
        Question::Speaker { name } | Question::Actor { name } => store.actor_named(&name).and_then(|found| {
            let Some(profile) = found else {
                eprintln!("newsgraph query: no speaker or actor named {name:?} in {}", db.display());
                return Ok(ExitCode::FAILURE);
            };
            let neighbours = if matches!(question, Question::Actor { .. }) {
                store.neighbours(profile.actor.id, limit.unwrap_or(10).min(20), 0)?
            } else {
                Vec::new()
            };
            Ok(query::print_profile(&profile, &neighbours, format))
        }),
    };
    result.unwrap_or_else(query::failed)
}

fn serve(db: PathBuf, addr: std::net::SocketAddr, tier: newsgraph_attribution::Tier, max_body: usize) -> ExitCode {
    let pipeline = match newsgraph_attribution::QuoteAttributor::with_tier(tier) {
        Ok(attributor) => newsgraph_pipeline::Pipeline::with_attributor(attributor),
        Err(e) => {
            eprintln!("newsgraph serve: {e}");
            return ExitCode::from(2);
        }
    };
    let config = newsgraph_server::ServerConfig {
        max_body,
        ..newsgraph_server::ServerConfig::new(db, addr, std::sync::Arc::new(pipeline))
    };
    match newsgraph_server::run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgraph serve: {e}");
            ExitCode::from(2)
        }
    }
}

fn export(
    db: &std::path::Path,
    format: newsgraph_export::Format,
    out: &std::path::Path,
    tables: &[String],
) -> ExitCode {
    let store = match query::open(db) {
        Ok(store) => store,
        Err(code) => return code,
    };
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("newsgraph export: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let all: Vec<String> = newsgraph_export::TABLES.iter().map(|t| t.to_string()).collect();
    for table in if tables.is_empty() { &all } else { tables } {
        let path = out.join(format!("{table}.{}", format.extension()));
        match newsgraph_export::export(&store, table, format, &path) {
            Ok(rows) => eprintln!("newsgraph export: {} ({rows} rows)", path.display()),
            Err(e) => {
                eprintln!("newsgraph export: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// The `--min` and `--max` limits an evaluation must stay within.
struct Bounds {
    floors: Vec<(String, f64)>,
    ceilings: Vec<(String, f64)>,
}

fn eval(
    task: &str,
    data: &std::path::Path,
    json: bool,
    bounds: &Bounds,
    options: &newsgraph_eval::Options,
) -> ExitCode {
    let report = match newsgraph_eval::run(task, data, options) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("newsgraph eval: {e}");
            return ExitCode::from(2);
        }
    };
    if json {
        println!("{}", report.to_json());
    } else {
        print!("{}", report.render());
    }
    let failures = report.check_bounds(&bounds.floors, &bounds.ceilings);
    for f in &failures {
        eprintln!("newsgraph eval {task}: {f}");
    }
    if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
