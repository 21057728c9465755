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

    /// 128 random bits with a version-4 UUID's version and variant set, kept as a number (no
    /// allocation) and written out with [`uuid_text`] when shown.
    pub fn uuid_bits(&mut self) -> u128 {
        let (a, b) = (self.0.next_u64(), self.0.next_u64());
        let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
        let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        (u128::from(a) << 64) | u128::from(b)
    }

    /// An identifier in the form of a version-4 UUID (lower case), as AWS writes job IDs.
    pub fn uuid(&mut self) -> String {
        uuid_text(self.uuid_bits())
    }

    /// `n` lower-case hex digits, for snapshot and image IDs (`snap-0726fe70935586180`).
    pub fn hex(&mut self, n: usize) -> String {
        let mut out = String::with_capacity(n);
        while out.len() < n {
            out.push_str(&format!("{:016x}", self.0.next_u64()));
        }
        out.truncate(n);
        out
    }
}

/// A UUID's 128 bits as AWS writes them: `8-4-4-4-12` lower-case hex digits.
pub fn uuid_text(bits: u128) -> String {
    let (a, b) = ((bits >> 64) as u64, bits as u64);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
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
    fn unit_stays_in_range() {
        let mut r = SeededRandom::new(3);
        for _ in 0..10_000 {
            let x = r.unit();
            assert!((0.0..1.0).contains(&x));
        }
    }
}
