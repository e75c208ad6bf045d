//! `newsgraph analyze`: reads every input, runs the pipeline, prints results.
//!
//! Failures are per page: each is one line on stderr naming the page and the
//! reason, and the batch goes on. The exit status says whether any failed.

use std::io::{self, Write};
use std::process::ExitCode;

use newsgraph_attribution::{QuoteAttributor, Tier};
use newsgraph_input::{expand_args, Input, InputError};
use newsgraph_pipeline::Pipeline;

use crate::{report, OutputFormat};

pub fn run(args: &[String], files_from: Option<&str>, format: OutputFormat, tier: Tier) -> ExitCode {
    let inputs: Vec<Result<Input, InputError>> = expand_args(args, files_from);
    if inputs.is_empty() {
        eprintln!("newsgraph analyze: no inputs; give files, directories or '-' for stdin (see --help)");
        return ExitCode::from(2);
    }

    let pipeline = match QuoteAttributor::with_tier(tier) {
        Ok(attributor) => Pipeline::with_attributor(attributor),
        Err(e) => {
            eprintln!("newsgraph analyze: {e}");
            return ExitCode::from(2);
        }
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let as_array = format == OutputFormat::Json && inputs.len() > 1;
    let mut written = 0usize;
    let mut failed = 0usize;
    if as_array {
        let _ = writeln!(out, "[");
    }
    for input in &inputs {
        let page = match input.as_ref().map_err(|e| e.to_string()).and_then(|i| i.read().map_err(|e| e.to_string())) {
            Ok(page) => page,
            Err(e) => {
                failed += 1;
                // Flush what is done so the error line lands after it.
                let _ = out.flush();
                eprintln!("newsgraph: error: {e}");
                continue;
            }
        };
        let doc = match pipeline.try_analyze(&page) {
            Ok(doc) => doc,
            Err(reason) => {
                failed += 1;
                let _ = out.flush();
                eprintln!("newsgraph: error: {}: {reason}", page.source);
                continue;
            }
        };
        let result = match format {
            OutputFormat::Text => write!(out, "{}", report::render(&doc)),
            OutputFormat::Jsonl => writeln!(out, "{}", serde_json::to_string(&doc).expect("documents serialise")),
            OutputFormat::Json => {
                let sep = if as_array && written > 0 { ",\n" } else { "" };
                write!(out, "{sep}{}", serde_json::to_string_pretty(&doc).expect("documents serialise"))
            }
        };
        if let Err(e) = result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsgraph: error: cannot write output: {e}");
            return ExitCode::from(2);
        }
        written += 1;
    }
    if as_array {
        let _ = writeln!(out, "\n]");
    } else if format == OutputFormat::Json && written > 0 {
        let _ = writeln!(out);
    }
    let _ = out.flush();
    if inputs.len() > 1 || failed > 0 {
        eprintln!("newsgraph: analysed {written} page(s), {failed} failed");
    }
    if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
