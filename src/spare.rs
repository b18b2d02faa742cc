//! Buffers kept per thread from one call to the next, so that deciding does not allocate
//! them again: the words of the messages (`eval::signals`), a decision's vectors
//! (`eval::Room`) and VADER's (`text::vader`).

use std::cell::Cell;
use std::thread::LocalKey;

/// Bytes past which buffers are not kept, so that one huge request does not pin its
/// memory for the life of the thread.
pub const KEEP_LIMIT: usize = 64 * 1024;

/// The buffers kept in `slot`, or new ones (when none are kept, or while the thread is
/// being torn down).
pub fn take<T: Default>(slot: &'static LocalKey<Cell<T>>) -> T {
    slot.try_with(Cell::take).unwrap_or_default()
}

/// Keeps `buffers` (already cleared) in `slot` for the next call, unless they hold more
/// than [`KEEP_LIMIT`] bytes.
pub fn keep<T>(slot: &'static LocalKey<Cell<T>>, buffers: T, bytes: usize) {
    if bytes <= KEEP_LIMIT {
        let _ = slot.try_with(|spare| spare.set(buffers));
    }
}

/// `v` emptied, as a vector of `U`, for a vector kept past the borrow its items held
/// (`Vec<&'a str>` kept as `Vec<&'static str>`). Collecting a vector's own items into a
/// vector of a type of the same size and alignment reuses its allocation, so nothing is
/// allocated; with no items, `filler` is never called.
pub fn emptied_as<T, U>(mut v: Vec<T>, mut filler: impl FnMut() -> U) -> Vec<U> {
    v.clear();
    v.into_iter().map(|_| filler()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static SLOT: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
    }

    #[test]
    fn small_buffers_are_kept_and_large_ones_let_go() {
        assert_eq!(take(&SLOT).capacity(), 0);
        keep(&SLOT, Vec::with_capacity(100), 100);
        assert!(take(&SLOT).capacity() >= 100);
        // Taken: the slot is empty again.
        assert_eq!(take(&SLOT).capacity(), 0);
        keep(&SLOT, Vec::with_capacity(KEEP_LIMIT + 1), KEEP_LIMIT + 1);
        assert_eq!(take(&SLOT).capacity(), 0);
    }

    #[test]
    fn an_emptied_vector_keeps_its_room_under_another_type() {
        let text = String::from("a b");
        let words: Vec<&str> = text.split(' ').chain(["c"; 30]).collect();
        let room = words.capacity();
        let kept: Vec<&'static str> = emptied_as(words, || "");
        assert!(kept.is_empty());
        assert_eq!(kept.capacity(), room);
    }
}
