//! The `baton` command: a thin shell over `baton::cli`.

fn main() -> std::process::ExitCode {
    baton::cli::run()
}
