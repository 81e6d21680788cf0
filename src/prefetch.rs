//! A hint to the processor to bring memory into the cache ahead of use.
//!
//! A large glossary's tables and an import's outgrow the cache, and an
//! import's threads hand each other data the other core wrote last: asked
//! for a little ahead, such reads wait for memory together instead of one
//! after another.

/// Asks for the cache line holding `at` to be read into the cache. Only a
/// hint: it reads nothing and cannot fault, whatever `at` is.
pub(crate) fn prefetch<T>(at: *const T) {
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
