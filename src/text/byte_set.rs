//! A set of bytes in 256 bits: one bit test says whether a byte is in it.

/// A set of bytes, one bit each; empty by default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// Every byte.
    pub const ALL: ByteSet = ByteSet([u64::MAX; 4]);

    /// Adds `b`.
    pub fn insert(&mut self, b: u8) {
        if let Some(bits) = self.0.get_mut(usize::from(b / 64)) {
            *bits |= 1 << (b % 64);
        }
    }

    /// Whether `b` was added.
    pub fn contains(&self, b: u8) -> bool {
        self.0
            .get(usize::from(b / 64))
            .is_some_and(|bits| bits & (1 << (b % 64)) != 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_was_inserted_and_nothing_else() {
        let mut set = ByteSet::default();
        for b in [0, 63, 64, 127, 200, 255] {
            set.insert(b);
        }
        for b in 0..=255u8 {
            assert_eq!(
                set.contains(b),
                [0, 63, 64, 127, 200, 255].contains(&b),
                "{b}"
            );
            assert!(ByteSet::ALL.contains(b));
        }
    }
}
