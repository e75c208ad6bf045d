//! Article extraction against WCXB and trafilatura's evaluation set.
use crate::{Options, Report};
use std::path::Path;

pub fn wcxb(_data: &Path, _options: &Options) -> Result<Report, String> {
    Err("extract-wcxb: not built yet".into())
}

pub fn trafilatura(_data: &Path, _options: &Options) -> Result<Report, String> {
    Err("extract-trafilatura: not built yet".into())
}
