//! A hint to the processor to bring memory into the cache ahead of use.
//!
//! An import's threads hand each other data that the other core wrote
//! last, and look into tables larger than the cache: asked for a little
//! ahead, those reads wait together instead of one after another.

/// Asks for the cache line holding `at` to be read into the cache. Only a
/// hint: it reads nothing and cannot fault, whatever `at` is.
pub(super) fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch instruction does not access memory in the sense
    // of the language; it is valid for any address.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>(at.cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}
