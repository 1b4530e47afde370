//! Fuzz target: the json module against serde_json on any text. Both accept it and read
//! the same value, which writes back unchanged; or both refuse it with the same message,
//! line and column.
#![no_main]
use aksnet_core::json;
use libfuzzer_sys::fuzz_target;

fn to_serde(v: &json::Value) -> serde_json::Value {
    match v {
        json::Value::Null => serde_json::Value::Null,
        json::Value::Bool(b) => serde_json::Value::Bool(*b),
        json::Value::Number(t) => serde_json::from_str(t).expect("number text reads"),
        json::Value::String(s) => serde_json::Value::String(s.clone()),
        json::Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        json::Value::Object(m) => {
            serde_json::Value::Object(m.iter().map(|(k, v)| (k.clone(), to_serde(v))).collect())
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ours = json::parse(text);
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => {
            assert_eq!(&to_serde(a), b, "{text:?}");
            let compact = json::to_string(a);
            assert_eq!(json::parse(&compact).as_ref(), Ok(a), "{compact:?}");
            let pretty = json::to_string_pretty(a);
            assert_eq!(json::parse(&pretty).as_ref(), Ok(a), "{pretty:?}");
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{text:?}"),
        // Within about 3e-16 of the largest f64 (1.8e308), serde_json's rounding decides
        // "number out of range"; the reader compares 20 digits. Anything else is a bug.
        (Err(e), Ok(_)) if e.message == "number out of range" => {}
        (Ok(_), Err(e)) if e.to_string().starts_with("number out of range") => {}
        _ => panic!("{text:?}: json {ours:?}, serde_json {theirs:?}"),
    }
});
