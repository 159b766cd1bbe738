// The migrations and catalogues are embedded with include_dir! and include_str!; tell cargo to
// rebuild when they change.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=assets");
}
