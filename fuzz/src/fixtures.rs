//! The bundled fixtures, in a fixed order: the `mutate_fixture` target and
//! the corpus replay in `tests/regressions.rs` pick one by the first byte
//! of an input (modulo the count), so the order is part of the corpus
//! format: append new fixtures at the end.

/// The seeds, the written fixtures and the malformed ones.
pub const FIXTURES: &[&str] = &[
    include_str!("../../fixtures/post-2040.txt"),
    include_str!("../../fixtures/post-2124.txt"),
    include_str!("../../fixtures/post-2212.txt"),
    include_str!("../../fixtures/post-2373.txt"),
    include_str!("../../fixtures/post-2431.txt"),
    include_str!("../../fixtures/written/post-3001.txt"),
    include_str!("../../fixtures/written/post-3002.txt"),
    include_str!("../../fixtures/written/post-3003.txt"),
    include_str!("../../fixtures/written/post-3004.txt"),
    include_str!("../../fixtures/written/post-3005.txt"),
    include_str!("../../fixtures/written/post-3006.txt"),
    include_str!("../../fixtures/written/post-3007.txt"),
    include_str!("../../fixtures/written/post-3008.txt"),
    include_str!("../../fixtures/written/post-3009.txt"),
    include_str!("../../fixtures/written/post-3010.txt"),
    include_str!("../../fixtures/written/post-3011.txt"),
    include_str!("../../fixtures/written/post-3012.txt"),
    include_str!("../../fixtures/malformed/no-headings.txt"),
    include_str!("../../fixtures/malformed/out-of-order-merged-heading.txt"),
    include_str!("../../fixtures/malformed/truncated-in-duties.txt"),
];
