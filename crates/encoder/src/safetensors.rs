//! Tensors from a `.safetensors` file: an 8-byte little-endian header length,
//! a JSON header giving each tensor's dtype, shape and byte range, then the data.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::EncoderError;

#[derive(Deserialize)]
struct Entry {
    dtype: String,
    shape: Vec<usize>,
    data_offsets: [usize; 2],
}

pub struct Tensors {
    path: PathBuf,
    bytes: Vec<u8>,
    /// Where the data starts in `bytes`: tensor offsets count from here.
    data_start: usize,
    entries: HashMap<String, Entry>,
}

impl Tensors {
    pub fn read(path: &Path) -> Result<Tensors, EncoderError> {
        let error = |problem: String| EncoderError::new(path, problem);
        let bytes = std::fs::read(path).map_err(|e| error(e.to_string()))?;
        let header_len = bytes.get(..8).map(|b| u64::from_le_bytes(b.try_into().unwrap()) as usize);
        let header = header_len.and_then(|n| bytes.get(8..8usize.checked_add(n)?));
        let Some(header) = header else { return Err(error("truncated safetensors header".into())) };
        let mut json: HashMap<String, serde_json::Value> =
            serde_json::from_slice(header).map_err(|e| error(format!("bad safetensors header: {e}")))?;
        json.remove("__metadata__");
        let entries = json
            .into_iter()
            .map(|(name, v)| match Entry::deserialize(v) {
                Ok(entry) => Ok((name, entry)),
                Err(e) => Err(error(format!("bad header entry for {name}: {e}"))),
            })
            .collect::<Result<_, _>>()?;
        let data_start = 8 + header.len();
        Ok(Tensors { path: path.to_path_buf(), bytes, data_start, entries })
    }

    /// The F32 tensor `name`, which must have `shape`. Checkpoints saved from
    /// a `BertForX` model prefix every name with `bert.`; either spelling is accepted.
    pub fn f32(&self, name: &str, shape: &[usize]) -> Result<Vec<f32>, EncoderError> {
        let error = |problem: String| EncoderError::new(&self.path, format!("tensor {name}: {problem}"));
        let entry = self.entries.get(name).or_else(|| self.entries.get(&format!("bert.{name}")));
        let entry = entry.ok_or_else(|| error("missing".into()))?;
        if entry.dtype != "F32" || entry.shape != shape {
            return Err(error(format!("is {} {:?}, expected F32 {shape:?}", entry.dtype, entry.shape)));
        }
        let [start, end] = entry.data_offsets;
        let bytes =
            self.bytes[self.data_start..].get(start..end).filter(|b| b.len() == 4 * shape.iter().product::<usize>());
        let bytes = bytes.ok_or_else(|| error(format!("data offsets {start}..{end} do not fit the shape or file")))?;
        Ok(bytes.chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().unwrap())).collect())
    }
}
