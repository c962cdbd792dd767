//! The seed data compiled into the binary, so `aikatalog serve` can fill an empty database on a
//! machine that has only the binary.

use include_dir::{Dir, include_dir};

use crate::files::FileKind;
use crate::plan::Source;

static SEED_DATA: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/../../seed-data");

/// The bundled seed files, named `seed-data/…` in messages.
pub fn seed_sources() -> Vec<Source> {
    let mut out = Vec::new();
    collect(&SEED_DATA, &mut out);
    out.sort_by(|a, b| a.1.cmp(&b.1));
    out
}

fn collect(dir: &Dir<'static>, out: &mut Vec<Source>) {
    for file in dir.files() {
        let path = std::path::Path::new("seed-data").join(file.path());
        if let (Some(kind), Some(text)) = (FileKind::of(&path), file.contents_utf8()) {
            out.push((kind, path, text.to_owned()));
        }
    }
    for sub in dir.dirs() {
        collect(sub, out);
    }
}
