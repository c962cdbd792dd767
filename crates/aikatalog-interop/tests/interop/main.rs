//! Importing and exporting other registers' files against real databases, on every backend:
//! the real files in `../shared/datasets/`, and small fixture files (`tests/fixtures/`), one per
//! trap real files set.

mod datasets;
mod messy;
mod more_registers;
mod runs;
mod util;
