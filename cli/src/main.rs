//! `aksnet`: the planner's engine on the command line.
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let code = aksnet_cli::run(
        &args,
        &mut std::io::stdin().lock(),
        &mut out,
        &mut std::io::stderr(),
    );
    let _ = out.flush();
    std::process::exit(code);
}
