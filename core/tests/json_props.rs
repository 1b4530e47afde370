//! The json module against serde_json, its differential oracle: the reader accepts and
//! refuses the same texts with the same messages and positions and reads the same
//! values; the writer writes the same bytes.
#![cfg(not(target_arch = "wasm32"))]

use aksnet_core::json::{self, Writer};
use aksnet_core::plan::Plan;
use aksnet_core::scenarios::Scenario;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// The tree as serde_json's `Value`: numbers read by serde_json from their text,
/// objects into its map (a key given twice keeps its last value).
fn to_serde(v: &json::Value) -> serde_json::Value {
    match v {
        json::Value::Null => serde_json::Value::Null,
        json::Value::Bool(b) => serde_json::Value::Bool(*b),
        json::Value::Number(text) => serde_json::from_str(text).expect("number text reads"),
        json::Value::String(s) => serde_json::Value::String(s.clone()),
        json::Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
        json::Value::Object(members) => serde_json::Value::Object(
            members
                .iter()
                .map(|(k, v)| (k.clone(), to_serde(v)))
                .collect(),
        ),
    }
}

/// serde_json's tree as ours, numbers as serde_json writes them, keys in its order.
fn from_serde(v: &serde_json::Value) -> json::Value {
    match v {
        serde_json::Value::Null => json::Value::Null,
        serde_json::Value::Bool(b) => json::Value::Bool(*b),
        serde_json::Value::Number(n) => {
            json::Value::Number(serde_json::to_string(n).expect("number"))
        }
        serde_json::Value::String(s) => json::Value::String(s.clone()),
        serde_json::Value::Array(items) => {
            json::Value::Array(items.iter().map(from_serde).collect())
        }
        serde_json::Value::Object(map) => json::Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), from_serde(v)))
                .collect(),
        ),
    }
}

/// The same decision as serde_json, the same value, or the same error text (message,
/// line and column).
fn same_as_serde(text: &str) -> Result<(), TestCaseError> {
    let theirs = serde_json::from_str::<serde_json::Value>(text);
    let ours = json::parse(text);
    match (theirs, ours) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, to_serde(&b), "value of {:?}", text),
        (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string(), "error of {:?}", text),
        (a, b) => prop_assert!(false, "{:?}: serde_json {:?}, json {:?}", text, a, b),
    }
    Ok(())
}

/// Number text, valid and not. Exponents stay clear of the edge of the f64 range
/// (about 1.8e308), where serde_json's rounding decides and the reader only compares
/// 20 digits.
fn number_text() -> impl Strategy<Value = String> {
    let digits = |n: usize| {
        proptest::collection::vec(0u8..10, 1..n)
            .prop_map(|d| d.iter().map(|x| char::from(b'0' + x)).collect::<String>())
    };
    let exponent = prop_oneof![
        -400i32..=280,
        311i32..=400,
        Just(i32::MAX),
        Just(-2_147_483_648)
    ];
    prop_oneof![
        any::<u64>().prop_map(|n| n.to_string()),
        any::<i64>().prop_map(|n| n.to_string()),
        (
            any::<bool>(),
            digits(26),
            proptest::option::of(digits(30)),
            proptest::option::of((
                prop_oneof![Just("e"), Just("E"), Just("e+"), Just("e-"), Just("E-")],
                exponent
            ))
        )
            .prop_map(|(neg, int, frac, exp)| {
                let mut s = String::new();
                if neg {
                    s.push('-');
                }
                s.push_str(&int);
                if let Some(f) = frac {
                    s.push('.');
                    s.push_str(&f);
                }
                if let Some((e, x)) = exp {
                    s.push_str(e);
                    s.push_str(&x.to_string().replace('-', ""));
                }
                s
            }),
        prop_oneof![
            Just("-0"),
            Just("1e3"),
            Just("1.0"),
            Just("-"),
            Just("1."),
            Just("1e"),
            Just("1e+"),
            Just(".5"),
            Just("01"),
            Just("-01"),
            Just("1.e3"),
            Just("0e999999999999"),
            Just("1e99999999999"),
            Just("1e-99999999999"),
            Just("-1e400"),
            Just("1E308"),
            Just("17976931348623157e292"),
            Just("18446744073709551616"),
            Just("184467440737095516161.5"),
            Just("-9223372036854775809"),
            Just("1_000"),
            Just("+1"),
            Just("0x10"),
            Just("Infinity"),
            Just("NaN"),
            Just("1e400"),
        ]
        .prop_map(String::from),
    ]
}

/// String text with escapes, valid and not, and raw characters of every kind.
fn string_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => any::<char>().prop_map(|c| c.to_string()),
        2 => "[a-z /é😀]{1,4}",
        1 => prop_oneof![
            Just("\\\""), Just("\\\\"), Just("\\/"), Just("\\b"), Just("\\f"), Just("\\n"), Just("\\r"),
            Just("\\t"), Just("\\u00e9"), Just("\\u00E9"), Just("\\u0000"), Just("\\ud83d\\ude00"),
            Just("\\ud800"), Just("\\udc00"), Just("\\ud800\\u0041"), Just("\\ud800x"), Just("\\ud800\\n"),
            Just("\\x"), Just("\\u12"), Just("\\u12g4"), Just("\u{1}"), Just("\t"), Just("\n"), Just("\u{7f}"),
            Just("\\uDBFF\\uDFFF"), Just("\\"),
        ].prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|p| format!("\"{}\"", p.concat()))
}

fn ws() -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => Just(""), 1 => Just(" "), 1 => Just("\n  "), 1 => Just("\t\r\n")]
}

/// JSON text, mostly valid, with numbers and strings of every kind.
fn json_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        Just("null".to_string()),
        Just("true".to_string()),
        Just("false".to_string()),
        Just("nul".to_string()),
        Just("tru".to_string()),
        Just("fals".to_string()),
        Just("nulx".to_string()),
        number_text(),
        number_text(),
        string_text(),
        string_text(),
    ];
    leaf.prop_recursive(5, 80, 6, |inner| {
        prop_oneof![
            (
                proptest::collection::vec((ws(), inner.clone(), ws()), 0..6),
                any::<bool>()
            )
                .prop_map(|(items, trailing)| {
                    let parts: Vec<String> =
                        items.iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                    format!(
                        "[{}{}]",
                        parts.join(","),
                        if trailing && !parts.is_empty() {
                            ","
                        } else {
                            ""
                        }
                    )
                }),
            (
                proptest::collection::vec(
                    (
                        ws(),
                        prop_oneof![4 => string_text(), 1 => Just("1".to_string())],
                        ws(),
                        inner,
                        ws()
                    ),
                    0..5
                ),
                any::<bool>()
            )
                .prop_map(|(members, trailing)| {
                    let parts: Vec<String> = members
                        .iter()
                        .map(|(a, k, b, v, c)| format!("{a}{k}{b}:{v}{c}"))
                        .collect();
                    format!(
                        "{{{}{}}}",
                        parts.join(","),
                        if trailing && !parts.is_empty() {
                            ","
                        } else {
                            ""
                        }
                    )
                }),
        ]
    })
}

/// A few edits: characters deleted, or JSON tokens put in or over others.
fn mutate(text: &str, edits: &[(usize, u8, usize)]) -> String {
    const TOKENS: &[&str] = &[
        "{", "}", "[", "]", ",", ":", "\"", "\\", "0", "1", "-", ".", "e", "E", "+", " ", "\n",
        "null", "true", "1e3", "1.0", "-0", "2.5", "1e400", "\\u00e9", "\\ud800", "\u{1}",
        "\u{feff}", "/", "x", "é", "\t",
    ];
    let mut chars: Vec<char> = text.chars().collect();
    for &(at, op, token) in edits {
        if chars.is_empty() {
            break;
        }
        let at = at % chars.len();
        let t: Vec<char> = TOKENS[token % TOKENS.len()].chars().collect();
        match op % 3 {
            0 => {
                chars.remove(at);
            }
            1 => {
                chars.splice(at..at, t);
            }
            _ => {
                chars.splice(at..at + 1, t);
            }
        }
    }
    chars.into_iter().collect()
}

fn plan_texts() -> Vec<String> {
    let mut texts = vec![Plan::default().to_json()];
    for s in Scenario::ALL {
        let text = s.plan().expect("scenario plan").to_json();
        let compact: serde_json::Value = serde_json::from_str(&text).expect("plan json");
        texts.push(serde_json::to_string(&compact).expect("compact"));
        texts.push(text);
    }
    texts
}

/// Any JSON tree serde_json can hold; object keys come out sorted (its map).
fn tree() -> impl Strategy<Value = serde_json::Value> {
    let text = proptest::collection::vec(
        prop_oneof![4 => any::<char>(), 1 => prop_oneof![Just('"'), Just('\\'), Just('\n'), Just('\u{1}'), Just('\u{1f}'), Just('\u{7f}'), Just('/'), Just('é')]],
        0..10,
    )
    .prop_map(|c| c.into_iter().collect::<String>());
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<u64>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |x| x.is_finite())
            .prop_map(serde_json::Value::from),
        text.clone().prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            proptest::collection::vec((text.clone(), inner), 0..6)
                .prop_map(|kv| serde_json::Value::Object(kv.into_iter().collect())),
        ]
    })
}

fn f64_text(x: f64) -> String {
    let mut w = Writer::new(false);
    w.f64(x);
    w.finish()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn reads_json_texts_as_serde_json_does(text in json_text()) {
        same_as_serde(&text)?;
    }

    #[test]
    fn reads_mutated_json_texts_as_serde_json_does(
        text in json_text(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..4),
    ) {
        same_as_serde(&mutate(&text, &edits))?;
    }

    #[test]
    fn reads_mutated_plans_as_serde_json_does(
        which in any::<usize>(),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>(), any::<usize>()), 1..5),
    ) {
        let texts = plan_texts();
        same_as_serde(&mutate(&texts[which % texts.len()], &edits))?;
    }

    #[test]
    fn writes_what_serde_json_writes(v in tree()) {
        let ours = from_serde(&v);
        let compact = json::to_string(&ours);
        let pretty = json::to_string_pretty(&ours);
        prop_assert_eq!(&compact, &serde_json::to_string(&v).expect("compact"));
        prop_assert_eq!(&pretty, &serde_json::to_string_pretty(&v).expect("pretty"));
        // (serde_json reads some floats back 1 ulp off without its float_roundtrip feature.)
        prop_assert!(serde_json::from_str::<serde_json::Value>(&pretty).is_ok());
        prop_assert_eq!(json::parse(&compact).map(|back| json::to_string(&back)), Ok(compact));
    }

    #[test]
    fn writes_floats_as_serde_json_does(bits in any::<u64>()) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        prop_assert_eq!(f64_text(x), serde_json::to_string(&x).expect("float"));
    }

    #[test]
    fn writes_ratios_as_serde_json_does(a in any::<u64>(), b in any::<u64>(), small in 0u64..100_000, k in 0u32..1001) {
        // The report's headroom, the layout's fractions and the scores are such ratios.
        for x in [
            (a as f64 - b as f64) / a.max(1) as f64,
            small as f64 / a.max(1) as f64,
            (small as f64 - b as f64 % 1e6) / (small.max(1)) as f64,
            f64::from(k) / 1000.0,
            1.0 / 2f64.powi((k % 130) as i32),
        ] {
            prop_assert_eq!(f64_text(x), serde_json::to_string(&x).expect("float"), "{:e}", x);
        }
    }
}

#[test]
fn float_edges_as_serde_json_writes_them() {
    let mut xs = vec![
        0.0,
        -0.0,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        5e-324,
        1e-7,
        1e-6,
        1e-5,
        0.0001,
        1e15,
        1e16,
        1e17,
        123_456_789_012_345_680.0,
        9_007_199_254_740_993.0,
        0.1 + 0.2,
    ];
    for e in -1074..=1023 {
        let p = 2f64.powi(e);
        xs.extend([
            p,
            p * 1.5,
            f64::from_bits(p.to_bits() + 1),
            f64::from_bits(p.to_bits().saturating_sub(1)),
        ]);
    }
    for e in -325..=308 {
        let t: f64 = format!("1e{e}").parse().expect("float");
        xs.extend([
            t,
            f64::from_bits(t.to_bits() + 1),
            f64::from_bits(t.to_bits().saturating_sub(1)),
        ]);
    }
    for x in xs {
        if x.is_finite() {
            assert_eq!(
                f64_text(x),
                serde_json::to_string(&x).expect("float"),
                "{x:e}"
            );
        }
    }
    assert_eq!(f64_text(f64::NAN), "null");
    assert_eq!(f64_text(f64::INFINITY), "null");
}

#[test]
fn messages_and_positions_of_the_corpus_are_serde_jsons() {
    for text in [
        "",
        "   ",
        "{\"a\": 1,\n}",
        "// comment\n{}",
        "\u{feff}{}",
        "{\"a\": NaN}",
        "{\"a\": \"b",
        "[1,]",
        "[1 2]",
        "{\"a\" 1}",
        "{1: 2}",
        "{\"a\": 1,,}",
        "[\"\\ud800\"]",
        "[\"\\udc00\"]",
        "[\"\\ud800\\u0041\"]",
        "[\"a\u{1}\"]",
        "[1e400]",
        "[-1e400]",
        "[1e-400]",
        "nul",
        "nulx",
        "1 2",
        "[01]",
        "[1.]",
        "[1.e3]",
        "[-]",
        "[\"\\u12\"]",
    ] {
        same_as_serde(text).map_err(|e| e.to_string()).expect(text);
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    for deep in [
        "[".repeat(10_000),
        "{\"a\":".repeat(10_000),
        "[{\"a\":".repeat(5_000),
        format!("{}{}", "[".repeat(200), "]".repeat(200)),
    ] {
        let e = json::parse(&deep).expect_err("too deep");
        assert_eq!(e.message, "recursion limit exceeded");
        same_as_serde(&deep)
            .map_err(|e| e.to_string())
            .expect("as serde_json");
        assert!(Plan::from_json(&deep).is_err());
    }
}

#[test]
fn a_key_given_twice_keeps_its_last_value_as_before() {
    let plan = Plan::from_json(
        r#"{"version":1,"vnet":["10.0.0.0/16"],"node_subnet":"10.0.0.0/22","node_subnet":"10.0.4.0/22","pools":[{"name":"a","nodes":3}]}"#,
    )
    .expect("plan");
    assert_eq!(plan.node_subnet.to_string(), "10.0.4.0/22");
    // Of several unknown fields, the first in sorted order is named (serde_json's map).
    let err = Plan::from_json(r#"{"version":1,"zz":1,"vnets":[],"aa":2}"#).expect_err("unknown");
    assert_eq!(
        err.to_string(),
        "aa: unknown field; expected one of version, vnet, node_subnet, pod_subnet, pod_cidr, service_cidr, dns_service_ip, pools, internal_lb_ips, private_endpoints, avoid, other_subnets, cilium_ipam, requirements, priorities"
    );
}

#[test]
fn numbers_keep_their_text_in_messages() {
    let text = |n: &str| {
        format!(
            r#"{{"version":1,"vnet":["10.0.0.0/16"],"node_subnet":"10.0.0.0/22","pools":[{{"name":"a","nodes":{n}}}]}}"#
        )
    };
    for (n, shown) in [
        ("2.5", "the number 2.5"),
        ("1e3", "the number 1e3"),
        ("1.0", "the number 1.0"),
        ("-0", "the number -0"),
        ("18446744073709551616", "the number 18446744073709551616"),
        ("1000000000000", "the number 1000000000000"),
        (&"9".repeat(41), "a long number"),
    ] {
        let err = Plan::from_json(&text(n)).expect_err(n);
        assert_eq!(err.code(), "OutOfRange", "{n}");
        assert_eq!(
            err.to_string(),
            format!("pools[0].nodes: expected a whole number from 0 to 100,000, got {shown}")
        );
    }
    assert_eq!(
        Plan::from_json(&text("100000")).map(|p| p.pools[0].nodes),
        Ok(100_000)
    );
}
