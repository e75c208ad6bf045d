//! Hashed feature indices: a template and its values become one bucket.

use std::ops::Range;

/// The feature buckets of one token, built template by template.
///
/// Hashing keeps no vocabulary: a feature never seen in training lands in a
/// bucket whose weights are zero or shared, which costs a little accuracy
/// and saves a dictionary the size of the corpus. Strings are hashed once
/// ([`hash`]; a tagger hashes each token's word once, not once a template)
/// and a feature combines those hashes with its template's.
#[derive(Debug, Clone)]
pub struct Features {
    mask: u64,
    indices: Vec<u32>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a of `s`; `const` so that template names hash at compile time.
pub const fn hash(s: &str) -> u64 {
    let bytes = s.as_bytes();
    let mut h = FNV_OFFSET;
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// FNV-1a of `s` with ASCII letters lowercased, without building the lowercase string.
#[inline]
pub fn hash_ascii_lowercase(s: &str) -> u64 {
    s.bytes().fold(FNV_OFFSET, |h, b| (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME))
}

impl Features {
    /// An empty list for a model with `2^bits` buckets.
    pub fn new(bits: u32) -> Features {
        Features { mask: (1u64 << bits) - 1, indices: Vec::with_capacity(64) }
    }

    /// Adds the feature `template=values`: the template keeps equal values
    /// of different templates (`w-1=said`, `w+1=said`) apart, and the order
    /// of the values counts.
    #[inline]
    pub fn add(&mut self, template: u64, values: &[u64]) {
        let mut h = template;
        for &v in values {
            h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15);
            h ^= h >> 31;
        }
        // A final mix so that the low bits depend on every input bit.
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 32;
        self.indices.push((h & self.mask) as u32);
    }

    /// Adds a feature that is simply present (`first-in-sentence`).
    #[inline]
    pub fn flag(&mut self, template: u64) {
        self.add(template, &[]);
    }

    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    /// Empties the list for the next token, keeping its room.
    pub fn clear(&mut self) {
        self.indices.clear();
    }
}

/// The feature buckets of a sequence of tokens, one token's after another:
/// one allocation a sequence, not one a token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeatureRows {
    buckets: Vec<u32>,
    /// Token `t`'s buckets are `buckets[bounds[t]..bounds[t + 1]]`.
    bounds: Vec<usize>,
}

impl Default for FeatureRows {
    fn default() -> Self {
        FeatureRows::new()
    }
}

impl FeatureRows {
    pub fn new() -> FeatureRows {
        FeatureRows { buckets: Vec::new(), bounds: vec![0] }
    }

    /// Rows given literally, for tests.
    #[cfg(test)]
    pub(crate) fn of(rows: &[&[u32]]) -> FeatureRows {
        let mut out = FeatureRows::new();
        rows.iter().for_each(|r| out.push(r));
        out
    }

    /// Room for `tokens` tokens of about `per_token` features each.
    pub fn with_capacity(tokens: usize, per_token: usize) -> FeatureRows {
        let mut bounds = Vec::with_capacity(tokens + 1);
        bounds.push(0);
        FeatureRows { buckets: Vec::with_capacity(tokens * per_token), bounds }
    }

    /// Appends the next token's buckets.
    pub fn push(&mut self, token: &[u32]) {
        self.buckets.extend_from_slice(token);
        self.bounds.push(self.buckets.len());
    }

    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn token(&self, t: usize) -> &[u32] {
        self.as_slice().token(t)
    }

    pub fn as_slice(&self) -> FeatureSlice<'_> {
        self.slice(0..self.len())
    }

    /// Tokens `tokens` (all of them: `0..len()`), without copying.
    pub fn slice(&self, tokens: Range<usize>) -> FeatureSlice<'_> {
        FeatureSlice { buckets: &self.buckets, bounds: &self.bounds[tokens.start..=tokens.end] }
    }

    /// Tokens `tokens` as a sequence of their own.
    pub fn copy(&self, tokens: Range<usize>) -> FeatureRows {
        let slice = self.slice(tokens);
        let mut rows = FeatureRows::with_capacity(slice.len(), 0);
        for t in 0..slice.len() {
            rows.push(slice.token(t));
        }
        rows
    }
}

/// Some consecutive tokens of a [`FeatureRows`].
#[derive(Debug, Clone, Copy)]
pub struct FeatureSlice<'a> {
    buckets: &'a [u32],
    /// As in [`FeatureRows`], from the first token's start to the last's end.
    bounds: &'a [usize],
}

impl<'a> FeatureSlice<'a> {
    pub fn len(&self) -> usize {
        self.bounds.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn token(&self, t: usize) -> &'a [u32] {
        &self.buckets[self.bounds[t]..self.bounds[t + 1]]
    }

    /// Every token's buckets, one token's after another.
    pub fn buckets(&self) -> &'a [u32] {
        &self.buckets[self.bounds[0]..self.bounds[self.len()]]
    }

    /// Where token `t`'s buckets are in [`FeatureSlice::buckets`].
    pub fn range(&self, t: usize) -> Range<usize> {
        self.bounds[t] - self.bounds[0]..self.bounds[t + 1] - self.bounds[0]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_and_order_keep_features_apart() {
        let said = hash("said");
        let mut f = Features::new(20);
        f.add(hash("w-1"), &[said]);
        f.add(hash("w+1"), &[said]);
        f.add(hash("w-1"), &[said]);
        f.add(hash("pair"), &[said, hash("he")]);
        f.add(hash("pair"), &[hash("he"), said]);
        let i = f.indices();
        assert_ne!(i[0], i[1]);
        assert_eq!(i[0], i[2]);
        assert_ne!(i[3], i[4]);
        assert!(i.iter().all(|&b| b < 1 << 20));
        assert_eq!(hash_ascii_lowercase("Said"), said);
    }
}
