//! Fuzz target: any text as a URL fragment or stored plan, then the form it gives.
#![no_main]
use aksnet_core::{eval, share};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for input in [text.as_ref(), &format!("v1;{text}")] {
        let (draft, _notices) = share::decode(input);
        // The form it gives encodes and decodes to itself.
        let (again, notices) = share::decode(&share::encode(&draft));
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(again, draft);
        if let Ok(plan) = draft.parse() {
            let _ = eval::evaluate(&plan);
        }
    }
});
