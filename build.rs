//! The page's wasm is linked with its relocations kept: wasm-split needs them to split it into
//! the main module and the chunk fetched on first use (src/chunk.rs, xtask/src/split.rs).
//! Natively nothing changes.
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
