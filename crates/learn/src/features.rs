//! Hashed feature indices: a template name and a value become one bucket.

/// The feature buckets of one token, built template by template.
///
/// Hashing (FNV-1a, 64 bits) keeps no vocabulary: a feature never seen in
/// training lands in a bucket whose weights are zero or shared, which costs
/// a little accuracy and saves a dictionary the size of the corpus.
#[derive(Debug, Clone)]
pub struct Features {
    mask: u64,
    indices: Vec<u32>,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

impl Features {
    /// An empty list for a model with `2^bits` buckets.
    pub fn new(bits: u32) -> Features {
        Features { mask: (1u64 << bits) - 1, indices: Vec::with_capacity(64) }
    }

    /// Adds the feature `template=value`; the template keeps equal values of
    /// different templates (`w-1=said`, `w+1=said`) apart.
    pub fn add(&mut self, template: &str, value: &str) {
        self.add_parts(template, &[value]);
    }

    /// Adds a feature whose value joins several parts (`w-1w=he|said`),
    /// without building the joined string.
    pub fn add_parts(&mut self, template: &str, parts: &[&str]) {
        let mut h = FNV_OFFSET;
        let mut eat = |bytes: &[u8]| {
            for &b in bytes {
                h ^= u64::from(b);
                h = h.wrapping_mul(FNV_PRIME);
            }
        };
        eat(template.as_bytes());
        for part in parts {
            eat(b"\x1f");
            eat(part.as_bytes());
        }
        // A final mix so that the low bits depend on every byte.
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 32;
        self.indices.push((h & self.mask) as u32);
    }

    /// Adds a feature that is simply present (`first-in-sentence`).
    pub fn flag(&mut self, template: &str) {
        self.add(template, "");
    }

    pub fn indices(&self) -> &[u32] {
        &self.indices
    }

    pub fn into_indices(self) -> Vec<u32> {
        self.indices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_keep_equal_values_apart() {
        let mut f = Features::new(20);
        f.add("w-1", "said");
        f.add("w+1", "said");
        f.add("w-1", "said");
        let i = f.indices();
        assert_ne!(i[0], i[1]);
        assert_eq!(i[0], i[2]);
        assert!(i.iter().all(|&b| b < 1 << 20));
    }
}
