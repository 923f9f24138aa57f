#!/bin/sh
# Times the editor's preview: a one-field change of the first moe-learning-award sample (員工總數)
# to its redrawn pages, in one process as `appbook edit` runs it (examples/edit_latency.rs).
# The release build, as the other figures of `make bench`.
set -eu
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet --example edit_latency
app=$(ls -d samples/moe-learning-award/*/ | head -n 1)
echo "editor preview: $app"
"$target/release/examples/edit_latency" "$app" 20
