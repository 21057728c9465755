//! The one source of randomness in a simulation: a generator seeded by the scenario, so the same
//! scenario and seed give the same run, byte for byte. Nothing else in the core draws at random.

use rand_chacha::ChaCha8Rng;
use rand_core::{Rng, SeedableRng};

/// A seeded generator: ChaCha8, the same sequence on every platform (wasm included).
#[derive(Clone, Debug)]
pub struct SeededRandom(ChaCha8Rng);

impl SeededRandom {
    pub fn new(seed: u64) -> Self {
        SeededRandom(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        // The top 53 bits make an evenly spaced double.
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A float in [low, high).
    pub fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// A random version-4 UUID, kept as two words (no allocation) until shown.
    pub fn uuid_bits(&mut self) -> Uuid {
        Uuid::version_4(self.0.next_u64(), self.0.next_u64())
    }

    /// An identifier in the form of a version-4 UUID (lower case), as AWS writes job IDs.
    pub fn uuid(&mut self) -> String {
        self.uuid_bits().to_string()
    }
}

/// A version-4 UUID: 128 bits held as two words, so that the many records that carry one stay
/// small (a `u128` would align them to 16 bytes). Shown as AWS writes IDs: `8-4-4-4-12` lower-case
/// hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Uuid(u64, u64);

impl Uuid {
    fn version_4(a: u64, b: u64) -> Uuid {
        Uuid(
            (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000,
            (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000,
        )
    }

    /// Another UUID that follows from this one and `salt` alone: the IDs of what a job makes
    /// (a recovery point's own ID, a snapshot ID) without drawing more random numbers.
    pub fn derive(self, salt: u64) -> Uuid {
        Uuid::version_4(mix(self.0 ^ salt), mix(self.1.wrapping_add(salt)))
    }

    /// `n` (at most 32) lower-case hex digits of the UUID's bits, for IDs such as
    /// `snap-0726fe70935586180`.
    pub fn hex(self, n: usize) -> String {
        let mut out = format!("{:016x}{:016x}", self.0, self.1);
        out.truncate(n.min(32));
        out
    }
}

/// FNV-1a over the parts, each ended by a zero byte: a hash that is the same on every machine
/// and in every run (std's hashers are seeded per process).
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0]) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// SplitMix64's finaliser: every output bit depends on every input bit.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

impl std::fmt::Display for Uuid {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Uuid(a, b) = *self;
        write!(
            f,
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xffff,
            b >> 48,
            b & 0xffff_ffff_ffff
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_sequence() {
        let (mut a, mut b) = (SeededRandom::new(7), SeededRandom::new(7));
        for _ in 0..100 {
            assert_eq!(a.uuid(), b.uuid());
            assert_eq!(a.unit().to_bits(), b.unit().to_bits());
        }
        assert_ne!(SeededRandom::new(7).uuid(), SeededRandom::new(8).uuid());
    }

    #[test]
    fn uuids_are_version_4_in_form() {
        let id = SeededRandom::new(1).uuid();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
        assert!("89ab".contains(&id[19..20]), "{id}");
    }

    #[test]
    fn derived_uuids_are_version_4_and_differ_by_salt() {
        let id = SeededRandom::new(1).uuid_bits();
        let (a, b) = (id.derive(1), id.derive(2));
        assert_ne!(a, b);
        assert_ne!(a, id);
        assert_eq!(a, id.derive(1));
        let text = a.to_string();
        assert_eq!(&text[14..15], "4");
        assert!("89ab".contains(&text[19..20]), "{text}");
        assert_eq!(a.hex(17).len(), 17);
    }

    #[test]
    fn unit_stays_in_range() {
        let mut r = SeededRandom::new(3);
        for _ in 0..10_000 {
            let x = r.unit();
            assert!((0.0..1.0).contains(&x));
        }
    }
}
