//! The integration tests, in one test binary: each module below is one
//! subject, and they share `common` (the real brochure is built once per run).
//!
//! One binary rather than one per file: each binary links the whole of Typst,
//! so nineteen of them took 14 GB of `target/` and most of CI's link time.

mod common;

mod accessibility;
mod agree;
mod brand;
mod brochure;
mod check;
mod cli;
mod codes;
mod colophon;
mod content;
mod diff;
mod docs;
mod edit_loop;
mod editions;
mod errors;
mod export;
mod families;
mod find;
mod fuzz;
mod index;
mod index_fit;
mod kept;
mod leaflets;
mod local_editions;
mod new;
mod pagination;
mod pictures;
mod schema;
mod second;
mod serve;
mod territories;
mod third;
mod watch;
