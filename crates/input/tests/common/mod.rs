//! Helpers shared by the integration tests: files they write and remove.

use std::io::Write;
use std::path::PathBuf;

use newsgraph_input::{Input, InputError, Page};

/// A file in the temporary directory, removed when dropped.
pub struct TempFile(PathBuf);

impl TempFile {
    /// Writes `bytes` to a file ending in `name`, unique to this process.
    pub fn new(name: &str, bytes: &[u8]) -> TempFile {
        let path = std::env::temp_dir().join(format!("newsgraph-input-{}-{name}", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }

    pub fn input(&self) -> Input {
        Input::File(self.0.clone())
    }

    /// The name pages from this file carry in their `source`.
    pub fn name(&self) -> String {
        self.0.display().to_string()
    }

    pub fn pages(&self) -> Vec<Result<Page, InputError>> {
        self.input().pages().collect()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(data).unwrap();
    encoder.finish().unwrap()
}
