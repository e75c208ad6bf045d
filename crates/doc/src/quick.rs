//! Hash maps for the lookups stages make for every token.
//!
//! Their keys are short words, or hashes of words, from lists newsgraph
//! ships: the default SipHash, built to resist keys an attacker chooses,
//! showed in profiles, and no attacker chooses these keys.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

pub type QuickMap<K, V> = HashMap<K, V, BuildHasherDefault<QuickHasher>>;
pub type QuickSet<T> = HashSet<T, BuildHasherDefault<QuickHasher>>;

/// A multiplicative hash, one step a byte or a word.
#[derive(Default)]
pub struct QuickHasher(u64);

impl Hasher for QuickHasher {
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}
