//! Cross-crate and end-to-end tests of aksnet; the tests live in `tests/tests/`.
