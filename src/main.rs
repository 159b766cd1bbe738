//! The `myolog` binary: everything lives in the library.

fn main() -> std::process::ExitCode {
    myolog::cli::main_with(std::env::args_os())
}
