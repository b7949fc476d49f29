//! Builds the browser verifier (`crates/ledger-wasm`, the pure crates compiled to
//! `wasm32-unknown-unknown`) so that the server can serve it at `/verify` and inline it in
//! `/verify.html`. It is the very code `dledger verify`, `verify-receipt` and `verify-proof` run.
//!
//! - `DLEDGER_VERIFIER_WASM=FILE` takes an already built module instead (packagers, offline
//!   builds).
//! - Otherwise, when the `wasm32-unknown-unknown` target is installed (`rustup target add
//!   wasm32-unknown-unknown`; `.ci/run` adds it), a nested `cargo build` makes it under
//!   `target/verifier-wasm/` with the workspace's lock file, and cargo's mtime checks keep later
//!   builds to a second.
//! - Without the target it asks rustup to add it (as `.ci/run` does; `DLEDGER_NO_RUSTUP=1`
//!   forbids that). Where it still cannot be had, the server is built without the verifier;
//!   `/verify` then says so and how to build it in. A build never fails for this.
use std::path::{Path, PathBuf};
use std::process::Command;

const SOURCES: [&str; 6] = [
    "ledger-proof",
    "ledger-events",
    "ledger-log",
    "ledger-rules",
    "ledger-views",
    "ledger-wasm",
];

fn main() {
    let here = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let crates = here.parent().expect("crates/").to_path_buf();
    let root = crates.parent().expect("the workspace").to_path_buf();
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("verifier.wasm");
    println!("cargo:rerun-if-env-changed=DLEDGER_VERIFIER_WASM");
    println!("cargo:rerun-if-env-changed=DLEDGER_NO_RUSTUP");
    println!("cargo:rerun-if-changed=build.rs");
    println!(
        "cargo:rerun-if-changed={}",
        root.join("Cargo.lock").display()
    );
    for c in SOURCES {
        println!(
            "cargo:rerun-if-changed={}",
            crates.join(c).join("src").display()
        );
        println!(
            "cargo:rerun-if-changed={}",
            crates.join(c).join("Cargo.toml").display()
        );
    }
    // ledger-events reads the rules' text and the schemas at compile time
    println!("cargo:rerun-if-changed={}", root.join("schemas").display());

    if let Ok(given) = std::env::var("DLEDGER_VERIFIER_WASM") {
        std::fs::copy(&given, &out)
            .unwrap_or_else(|e| panic!("DLEDGER_VERIFIER_WASM={given}: {e}"));
        return;
    }
    match build(&root) {
        Ok(wasm) => {
            std::fs::copy(&wasm, &out).expect("copy the verifier into OUT_DIR");
        }
        Err(why) => {
            println!("cargo:warning=the browser verifier (/verify) is not built in: {why}");
            std::fs::write(&out, b"").expect("write OUT_DIR");
        }
    }
}

fn build(root: &Path) -> Result<PathBuf, String> {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let sysroot = Command::new(&rustc)
        .args(["--print", "sysroot"])
        .output()
        .map_err(|e| format!("running {rustc}: {e}"))?;
    let sysroot = String::from_utf8_lossy(&sysroot.stdout).trim().to_owned();
    let installed = || {
        Path::new(&sysroot)
            .join("lib/rustlib/wasm32-unknown-unknown")
            .exists()
    };
    if !installed() && std::env::var_os("DLEDGER_NO_RUSTUP").is_none() {
        // A fresh machine: the README's two commands should give the whole server, verifier
        // included, with no setup. rustup installs the target's standard library (once).
        println!("cargo:warning=installing the wasm32-unknown-unknown target for the browser verifier (rustup target add wasm32-unknown-unknown; DLEDGER_NO_RUSTUP=1 skips this)");
        let _ = Command::new("rustup")
            .args(["target", "add", "wasm32-unknown-unknown"])
            .stdout(std::process::Stdio::null())
            .status();
    }
    if !installed() {
        return Err(
            "the wasm32-unknown-unknown target is not installed (rustup target add wasm32-unknown-unknown)"
                .into(),
        );
    }
    let target_dir = root.join("target").join("verifier-wasm");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(root)
        .args([
            "build",
            "--locked",
            "--quiet",
            "--package",
            "ledger-wasm",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "verifier",
            "--target-dir",
        ])
        .arg(&target_dir);
    // The outer build's settings are not the verifier's: no clippy or sccache wrapper, none of
    // the host's flags, and no profile overrides from the environment.
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        let outer = k.starts_with("CARGO_PROFILE_")
            || k.starts_with("CARGO_BUILD_")
            || k.starts_with("CARGO_TARGET_")
            || k.starts_with("CARGO_ENCODED_RUSTFLAGS")
            || k.starts_with("CARGO_CFG_")
            || k.starts_with("CARGO_FEATURE_")
            || k.starts_with("CARGO_PKG_")
            || k.starts_with("CARGO_MANIFEST_")
            || k.starts_with("CARGO_PRIMARY_PACKAGE")
            || k.starts_with("DEP_")
            || matches!(
                k.as_str(),
                "RUSTFLAGS"
                    | "RUSTC_WRAPPER"
                    | "RUSTC_WORKSPACE_WRAPPER"
                    | "RUSTDOCFLAGS"
                    | "CARGO_TARGET_DIR"
                    | "TARGET"
                    | "HOST"
                    | "OUT_DIR"
                    | "OPT_LEVEL"
                    | "PROFILE"
                    | "DEBUG"
                    | "NUM_JOBS"
                    | "RUSTC_LINKER"
                    | "CLIPPY_ARGS"
                    | "CLIPPY_CONF_DIR"
            );
        if outer {
            cmd.env_remove(&k);
        }
    }
    // getrandom (under the schema validator's hash maps) would otherwise import wasm-bindgen's
    // JavaScript glue; the verifier brings its own randomness import instead (ledger-wasm's abi).
    cmd.env(
        "CARGO_ENCODED_RUSTFLAGS",
        "--cfg\x1fgetrandom_backend=\"custom\"",
    );
    let status = cmd
        .status()
        .map_err(|e| format!("running cargo for the verifier: {e}"))?;
    if !status.success() {
        return Err(format!(
            "cargo build of ledger-wasm for wasm32 failed ({status})"
        ));
    }
    let wasm = target_dir.join("wasm32-unknown-unknown/verifier/ledger_wasm.wasm");
    if !wasm.exists() {
        return Err(format!("{} was not made", wasm.display()));
    }
    Ok(wasm)
}
