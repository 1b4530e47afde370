//! What several test files share: golden-file comparison.
#![allow(dead_code)] // each test file uses part of it
//!
//! `UPDATE_GOLDEN=1 cargo test -p aksnet-core` rewrites the files; read the diff before
//! committing.
use std::fs;
use std::path::{Path, PathBuf};

/// The folder of one set of golden files: `core/tests/golden/<set>`.
pub(crate) fn golden_dir(set: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(set)
}

/// Compare each `(file name, output)` with its golden file in `set`, or rewrite them all
/// when `UPDATE_GOLDEN` is set. Every difference is reported at once.
pub(crate) fn check(set: &str, test: &str, outputs: &[(String, String)]) {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir(set);
    let mut failures = Vec::new();
    for (name, actual) in outputs {
        let path = dir.join(name);
        if update {
            fs::create_dir_all(&dir).expect("create the golden directory");
            fs::write(&path, actual).expect("write a golden file");
            continue;
        }
        match fs::read_to_string(&path) {
            Ok(expected) if &expected == actual => {}
            Ok(expected) => failures.push(format!(
                "{} differs from the output:\n{}",
                path.display(),
                first_difference(&expected, actual)
            )),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => failures.push(format!(
                "{} is missing: create it with UPDATE_GOLDEN=1 (below) and read it before committing",
                path.display()
            )),
            Err(e) => failures.push(format!("{} cannot be read: {e}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nIf the change is intended, regenerate the files and review the diff:\n  \
         UPDATE_GOLDEN=1 cargo test -p aksnet-core --test {test}\n  git diff core/tests/golden/{set}",
        failures.join("\n\n")
    );
}

/// The first line where two texts differ, for a readable failure.
pub(crate) fn first_difference(expected: &str, actual: &str) -> String {
    let mut e = expected.lines();
    let mut a = actual.lines();
    for n in 1.. {
        match (e.next(), a.next()) {
            (None, None) => break,
            (x, y) if x == y => {}
            (x, y) => {
                return format!(
                    "  line {n}\n  golden: {}\n  output: {}",
                    x.unwrap_or("<end of file>"),
                    y.unwrap_or("<end of file>")
                );
            }
        }
    }
    "  the line endings differ".into()
}
