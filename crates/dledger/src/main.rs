//! `dledger`: the command line of contract §8. Flags are parsed here; the work is done by the
//! library crates. Exit codes: 0 success / intact, 1 integrity broken (verify), 2 usage or I/O
//! error, 3 intact but `--strict` found a violation.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
