//! Fuzz target: the command line, with arguments split at NUL bytes. A `check` always
//! reads its plan from standard input (the bytes after the arguments), never a file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, stdin) = match data.iter().position(|b| *b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &[][..]),
    };
    let mut args: Vec<String> = head.split(|b| *b == 0).take(12).map(|a| String::from_utf8_lossy(a).into_owned()).collect();
    if args.first().map(String::as_str) == Some("check") {
        for a in args.iter_mut().skip(1).filter(|a| !a.starts_with("--")) {
            *a = "-".into();
        }
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = aksnet_cli::run(&args, &mut &stdin[..], &mut out, &mut err);
    assert!((0..=2).contains(&code), "exit status {code}");
    if code == 2 {
        let msg = String::from_utf8_lossy(&err);
        assert_eq!(msg.lines().count(), 1, "one line: {msg:?}");
    }
});
