//! `embed_migrations!` reads the migration folders at compile time; without this, cargo would not
//! notice a new migration and a build would embed the old set.
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
