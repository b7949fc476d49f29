//! The architecture invariants of ARCHITECTURE.md, checked rather than only stated:
//! - the pure crates (everything `dledger verify`, `verify-receipt` and the rules need) depend,
//!   through their normal dependencies, on no storage, runtime or HTTP crate, and their sources
//!   do no file, network, process or environment IO and read no clock;
//! - every crate's root file opens with a `//!` paragraph saying what the crate is for.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crates `dledger verify`, `verify-receipt` and the rules are made of.
const PURE: &[&str] = &[
    "ledger-proof",
    "ledger-events",
    "ledger-log",
    "ledger-rules",
    "ledger-views",
    "ledger-wasm",
];

/// Crates a pure crate must never reach, directly or transitively.
const FORBIDDEN_DEPS: &[&str] = &[
    "sled",
    "tokio",
    "axum",
    "hyper",
    "hyper-util",
    "tower",
    "reqwest",
    "mio",
    "socket2",
];

/// Source text that means IO, a clock or ambient randomness.
const FORBIDDEN_SOURCE: &[&str] = &[
    "std::fs",
    "std::net",
    "std::env",
    "std::process",
    "std::io::stdin",
    "std::io::stdout",
    "File::",
    "SystemTime",
    "Instant::now",
    "OsRng",
    "thread_rng",
    "println!",
    "eprintln!",
];

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the workspace root exists")
}

/// The host's target triple (`rustc -vV`), so that `cargo metadata` resolves for this platform
/// only and needs nothing that is not already in the local registry cache.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc)
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    let text = String::from_utf8(out.stdout).expect("rustc -vV prints UTF-8");
    text.lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_string()
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let host = host_triple();
    let out = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--filter-platform",
            &host,
        ])
        .current_dir(workspace_root())
        .output()
        .expect("cargo metadata runs");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

/// Package id → (name, ids of its normal (non-dev, non-build) dependencies), from the resolve.
fn normal_graph(meta: &Value) -> BTreeMap<String, (String, Vec<String>)> {
    let names: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let mut graph = BTreeMap::new();
    for node in meta["resolve"]["nodes"].as_array().expect("resolve.nodes") {
        let id = node["id"].as_str().unwrap();
        let deps = node["deps"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                d["dep_kinds"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|k| k["kind"].is_null())
            })
            .map(|d| d["pkg"].as_str().unwrap().to_string())
            .collect();
        graph.insert(id.to_string(), (names[id].to_string(), deps));
    }
    graph
}

#[test]
fn pure_crates_reach_no_storage_runtime_or_http_crate() {
    let meta = metadata();
    let graph = normal_graph(&meta);
    let mut seen_pure = BTreeSet::new();
    for (id, (name, _)) in &graph {
        if !PURE.contains(&name.as_str()) {
            continue;
        }
        seen_pure.insert(name.clone());
        // Walk the normal dependencies, keeping one path to each crate for the message.
        let mut path_to: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut stack = vec![(id.clone(), vec![name.clone()])];
        while let Some((at, path)) = stack.pop() {
            for dep in &graph[&at].1 {
                if path_to.contains_key(dep) {
                    continue;
                }
                let mut p = path.clone();
                p.push(graph[dep].0.clone());
                path_to.insert(dep.clone(), p.clone());
                stack.push((dep.clone(), p));
            }
        }
        for p in path_to.values() {
            let last = p.last().unwrap();
            assert!(
                !FORBIDDEN_DEPS.contains(&last.as_str()),
                "pure crate {name} depends on {last}: {}",
                p.join(" -> ")
            );
        }
    }
    let expected: BTreeSet<String> = PURE.iter().map(|s| s.to_string()).collect();
    assert_eq!(seen_pure, expected, "every pure crate is in the workspace");
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable dir") {
        let p = e.expect("dir entry").path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn pure_crates_do_no_io_and_read_no_clock() {
    let root = workspace_root();
    let mut offences = Vec::new();
    let mut files = 0;
    for name in PURE {
        let mut sources = Vec::new();
        rust_files(&root.join("crates").join(name).join("src"), &mut sources);
        for file in sources {
            files += 1;
            let text = std::fs::read_to_string(&file).expect("utf-8 source");
            // Unit tests may read fixtures; the library code may not.
            let library = text.split("#[cfg(test)]").next().unwrap_or("");
            for (n, line) in library.lines().enumerate() {
                let code = line.split("//").next().unwrap_or("");
                for bad in FORBIDDEN_SOURCE {
                    if code.contains(bad) {
                        offences.push(format!("{}:{}: {bad}", file.display(), n + 1));
                    }
                }
            }
        }
    }
    assert!(files >= PURE.len(), "found the pure crates' sources");
    assert!(
        offences.is_empty(),
        "IO, clock or randomness in a pure crate:\n{}",
        offences.join("\n")
    );
}

#[test]
fn every_crate_root_opens_with_its_paragraph() {
    let meta = metadata();
    let root = workspace_root();
    let mut missing = Vec::new();
    let mut checked = 0;
    for p in meta["packages"].as_array().unwrap() {
        let manifest = PathBuf::from(p["manifest_path"].as_str().unwrap());
        if !manifest.starts_with(&root) {
            continue; // a registry crate
        }
        for t in p["targets"].as_array().unwrap() {
            let kinds: Vec<&str> = t["kind"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|k| k.as_str())
                .collect();
            if !(kinds.contains(&"lib") || kinds.contains(&"bin")) {
                continue;
            }
            let src = PathBuf::from(t["src_path"].as_str().unwrap());
            let text = std::fs::read_to_string(&src).expect("crate root readable");
            checked += 1;
            // The paragraph: at least one `//!` line before any code, and more than a title.
            let doc: Vec<&str> = text.lines().take_while(|l| l.starts_with("//!")).collect();
            let words: usize = doc.iter().map(|l| l.split_whitespace().count() - 1).sum();
            if words < 12 {
                missing.push(src.display().to_string());
            }
        }
    }
    assert!(checked >= 9, "checked every crate's root ({checked})");
    assert!(
        missing.is_empty(),
        "crate roots without a //! paragraph: {missing:?}"
    );
}
