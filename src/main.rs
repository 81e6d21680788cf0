// mimalloc instead of the system allocator: a scan allocates and frees
// small strings at every mention, and glibc's allocator spent a fifth of
// the listed-spelling scan of a large glossary merging freed chunks
// (README, "Speed").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dragoman::cli::main()
}
