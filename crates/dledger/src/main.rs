//! `dledger`: the command line of contract §8. Flags are parsed here; the work is done by the
//! library crates. Exit codes: 0 success / intact, 1 integrity broken (verify), 2 usage or I/O
//! error, 3 intact but `--strict` found a violation.

mod cli;

/// mimalloc: the verifier's and the server's work is many small allocations on every core
/// (parsed JSON, typed events), where glibc's allocator spent about a sixth of `verify`'s time.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // The server's log: to standard error, `info` and up unless RUST_LOG says otherwise.
    // `bench` serves in-process: one request log line per append would drown its figures.
    let quiet = std::env::args().nth(1).as_deref() == Some("bench");
    let default = if quiet {
        "info,sled=warn,hyper=warn,tower_http=warn"
    } else {
        "info,sled=warn,hyper=warn"
    };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(default));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
    std::process::exit(cli::run());
}
