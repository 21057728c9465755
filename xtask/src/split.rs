//! `cargo xtask split-wasm`: Trunk's post_build hook (Trunk.toml) that splits the page's wasm
//! into the main module and the chunk fetched on first use (src/chunk.rs explains what is in
//! it). Trunk cannot split a wasm (trunk-rs/trunk#1022), so this step redoes, on the split
//! wasm, what Trunk did on the whole one:
//!
//! 1. `wasm-split-cli` (crates.io `wasm_split_cli_support`, pinned in setup.rs) splits the wasm
//!    cargo linked (with `--emit-relocs`: build.rs) into the main module, the chunk and
//!    `__wasm_split.js`, which fetches the chunk;
//! 2. `wasm-bindgen --keep-lld-exports` makes the main module's JS glue, as Trunk calls it;
//! 3. for a release build, `wasm-opt -Oz` on the main module and the chunk (index.html turns
//!    Trunk's own pass off: it would optimise the whole wasm only to have it replaced);
//! 4. the chunk and `__wasm_split.js` get their content's hash in their names, so that a
//!    browser never pairs a cached old chunk with a new main module; the main module and its JS
//!    keep the names Trunk gave them (Trunk's hash is of the wasm cargo linked, from which all
//!    of this follows), written over Trunk's files;
//! 5. the subresource-integrity hashes Trunk wrote into index.html are computed anew for the
//!    files that changed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::util::{Failure, Result, Workspace, elapsed, run};

const STEP: &str = "split-wasm";
/// The package's binary (index.html's `data-bin`), Trunk's name for its files.
const BIN: &str = "vaultsim-web";
/// The loader wasm-split writes, imported by the main module's JS.
const LOADER: &str = "__wasm_split.js";

pub fn split_wasm(ws: &Workspace) -> Result {
    let started = Instant::now();
    let var = |name: &str| {
        std::env::var_os(name).map(PathBuf::from).ok_or_else(|| {
            Failure::new(
                STEP,
                format!("{name} is not set: this step is Trunk's post_build hook (Trunk.toml)"),
            )
        })
    };
    let staging = var("TRUNK_STAGING_DIR")?;
    let release = std::env::var("TRUNK_PROFILE").as_deref() == Ok("release");
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| ws.root.join("target"));
    let linked = target
        .join("wasm32-unknown-unknown")
        .join(if release { "release" } else { "debug" })
        .join(format!("{BIN}.wasm"));
    let name = trunk_name(&staging)?;

    let work = target
        .join("wasm-split")
        .join(if release { "release" } else { "debug" });
    let _ = std::fs::remove_dir_all(&work);
    let (split, bindgen) = (work.join("split"), work.join("bindgen"));
    run(ws.command("wasm-split-cli").arg(&linked).arg(&split).args([
        "--target",
        "web",
        "--out-name",
        &name,
    ]))
    .map_err(|_| {
        Failure::new(
            STEP,
            "wasm-split-cli failed on the wasm cargo linked: `cargo xtask serve` installs the \
             pinned one; build.rs must link with --emit-relocs",
        )
    })?;
    run(ws
        .command("wasm-bindgen")
        .args(["--target=web", "--no-typescript", "--keep-lld-exports"])
        .arg(format!("--out-dir={}", bindgen.display()))
        .arg(format!("--out-name={name}"))
        .arg(split.join(format!("{name}.wasm"))))
    .map_err(|_| Failure::new(STEP, "wasm-bindgen failed on the split main module"))?;

    let chunks = files_in(&split, |file| {
        file.starts_with("split_") && file.ends_with(".wasm")
    })?;
    let main_wasm = staging.join(format!("{name}_bg.wasm"));
    let bindgen_wasm = bindgen.join(format!("{name}_bg.wasm"));
    if release {
        // The main module and the chunks are optimised side by side (2 cores).
        std::thread::scope(|scope| {
            let main = scope.spawn(|| wasm_opt(ws, &bindgen_wasm, &main_wasm));
            let chunks: Result = chunks
                .iter()
                .try_for_each(|chunk| wasm_opt(ws, chunk, chunk));
            main.join()
                .unwrap_or_else(|_| Err(Failure::new(STEP, "wasm-opt's thread panicked")))
                .and(chunks)
        })?;
    } else {
        copy(&bindgen_wasm, &main_wasm)?;
    }

    // The chunks, then the loader that names them, then the main JS that imports the loader.
    let mut loader = read_text(&split.join(LOADER))?;
    for chunk in &chunks {
        let file = file_name(chunk);
        let bytes = read(chunk)?;
        let hashed = hashed_name(&file, &bytes);
        write(&staging.join(&hashed), &bytes)?;
        loader = replace_once(
            &loader,
            &format!("\"./{file}\""),
            &format!("\"./{hashed}\""),
        )?;
    }
    let loader_name = hashed_name(LOADER, loader.as_bytes());
    write(&staging.join(&loader_name), loader.as_bytes())?;
    let js = read_text(&bindgen.join(format!("{name}.js")))?;
    // Only the import's path changes: the main module imports its loader functions under the
    // module name `./__wasm_split.js`, a key of the imports object that must stay as it is.
    let js = replace_once(
        &js,
        &format!("from \"./{LOADER}\""),
        &format!("from \"./{loader_name}\""),
    )?;
    let main_js = staging.join(format!("{name}.js"));
    write(&main_js, js.as_bytes())?;

    // Trunk hashed the files it wrote; two of them are now different.
    let html_path = staging.join("index.html");
    let mut html = read_text(&html_path)?;
    // Trunk links files under its public URL ("/" unless `--public-url` says otherwise).
    let public = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_string());
    for file in [&main_js, &main_wasm] {
        let href = format!("{}/{}", public.trim_end_matches('/'), file_name(file));
        html = with_integrity(&html, &href, &read(file)?)?;
    }
    write(&html_path, html.as_bytes())?;
    println!(
        "    {STEP}: {} and {} chunk(s) in {}",
        file_name(&main_wasm),
        chunks.len(),
        elapsed(started)
    );
    Ok(())
}

/// `vaultsim-web-<Trunk's hash>`: the name Trunk gave the main module's files.
fn trunk_name(staging: &Path) -> Result<String> {
    let found = files_in(staging, |file| {
        file.starts_with(&format!("{BIN}-")) && file.ends_with("_bg.wasm")
    })?;
    match found.as_slice() {
        [one] => Ok(file_name(one).trim_end_matches("_bg.wasm").to_string()),
        _ => Err(Failure::new(
            STEP,
            format!(
                "expected one {BIN}-*_bg.wasm in Trunk's staging folder, found {}",
                found.len()
            ),
        )),
    }
}

fn wasm_opt(ws: &Workspace, from: &Path, to: &Path) -> Result {
    run(ws.command("wasm-opt").arg("-Oz").arg(from).arg("-o").arg(to)).map_err(|_| {
        Failure::new(
            STEP,
            "wasm-opt failed: `cargo xtask serve` puts binaryen's (tests/node_modules/.bin) on PATH",
        )
    })
}

/// `file` with the first 16 hex digits of its content's SHA-384 before its extension:
/// `split_learn_console.wasm` → `split_learn_console-0123456789abcdef.wasm`.
fn hashed_name(file: &str, bytes: &[u8]) -> String {
    let digest = Sha384::digest(bytes);
    let hash: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    match file.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}-{hash}.{ext}"),
        None => format!("{file}-{hash}"),
    }
}

/// `html` with the integrity attribute of the link to `href` set to `bytes`' SHA-384, as
/// Trunk writes it: `href="/file" … integrity="sha384-…"`.
fn with_integrity(html: &str, href: &str, bytes: &[u8]) -> Result<String> {
    let integrity = format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    );
    let missing = || {
        Failure::new(
            STEP,
            format!("index.html has no link to {href} with an integrity hash"),
        )
    };
    let href = format!("href=\"{href}\"");
    let at = html.find(&href).ok_or_else(missing)?;
    let tag_end = at + html[at..].find('>').ok_or_else(missing)?;
    let attr = "integrity=\"";
    let start = at + html[at..tag_end].find(attr).ok_or_else(missing)? + attr.len();
    let end = start + html[start..].find('"').ok_or_else(missing)?;
    Ok(format!("{}{integrity}{}", &html[..start], &html[end..]))
}

/// `text` with `from` (which must occur exactly once) replaced: a loader or glue file that says
/// it otherwise is not what this step was written for.
fn replace_once(text: &str, from: &str, to: &str) -> Result<String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(Failure::new(
            STEP,
            format!(
                "expected `{from}` once in wasm-split's or wasm-bindgen's output, found it {n} \
                 times: check the pinned tool versions (xtask/src/setup.rs)"
            ),
        )),
    }
}

fn files_in(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Failure::new(STEP, format!("cannot list {}: {e}", dir.display())))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| wanted(&file_name(path)))
        .collect();
    found.sort();
    Ok(found)
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| Failure::new(STEP, format!("cannot read {}: {e}", path.display())))
}

fn read_text(path: &Path) -> Result<String> {
    String::from_utf8(read(path)?)
        .map_err(|_| Failure::new(STEP, format!("{} is not UTF-8", path.display())))
}

fn write(path: &Path, bytes: &[u8]) -> Result {
    std::fs::write(path, bytes)
        .map_err(|e| Failure::new(STEP, format!("cannot write {}: {e}", path.display())))
}

fn copy(from: &Path, to: &Path) -> Result {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| Failure::new(STEP, format!("cannot copy {}: {e}", from.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_name_keeps_the_extension_and_changes_with_the_content() {
        let a = hashed_name("split_learn_console.wasm", b"one");
        let b = hashed_name("split_learn_console.wasm", b"two");
        assert!(
            a.starts_with("split_learn_console-") && a.ends_with(".wasm"),
            "{a}"
        );
        assert_eq!(a.len(), "split_learn_console-.wasm".len() + 16);
        assert_ne!(a, b);
    }

    #[test]
    fn integrity_is_written_anew_only_on_the_named_files_link() {
        let html = r#"<link rel="modulepreload" href="/a.js" crossorigin="anonymous" integrity="sha384-old"><link rel="preload" href="/b.wasm" integrity="sha384-keep" as="fetch">"#;
        let out = with_integrity(html, "/a.js", b"").unwrap();
        // SHA-384 of nothing, base64.
        assert!(out.contains(r#"href="/a.js" crossorigin="anonymous" integrity="sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb""#), "{out}");
        assert!(out.contains(r#"integrity="sha384-keep""#));
        assert!(with_integrity(html, "/c.js", b"").is_err());
    }

    #[test]
    fn a_replacement_that_does_not_occur_exactly_once_is_refused() {
        assert_eq!(replace_once("a b", "a", "c").unwrap(), "c b");
        assert!(replace_once("a a", "a", "c").is_err());
        assert!(replace_once("b", "a", "c").is_err());
    }
}
