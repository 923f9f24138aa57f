//! Any bytes as a PDF book made elsewhere: read within the memory budget, the same way twice,
//! and judged by the format rules without a panic.

use appbook::inspect::pdf::inspect;

pub fn run(data: &[u8]) {
    crate::support::inspect_twice("reading a PDF", data, inspect);
}
