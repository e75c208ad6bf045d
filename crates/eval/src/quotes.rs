//! Quote attribution against PolNeAR, GenderGapTracker and the seed article.
use crate::{Options, Report};
use std::path::Path;

pub fn polnear(_data: &Path, _options: &Options) -> Result<Report, String> {
    Err("quotes-polnear: not built yet".into())
}

pub fn ggt(_data: &Path, _options: &Options) -> Result<Report, String> {
    Err("quotes-ggt: not built yet".into())
}

pub fn seed(_data: &Path, _options: &Options) -> Result<Report, String> {
    Err("seed: not built yet".into())
}
