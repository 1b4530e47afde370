//! Browser test of the JS API functions as JavaScript sees them: JS values in, JS values
//! or thrown errors out.
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("json")
}

fn error_message(e: wasm_bindgen::JsError) -> String {
    let v: JsValue = e.into();
    js_sys::Reflect::get(&v, &"message".into())
        .expect("message")
        .as_string()
        .expect("string")
}

#[wasm_bindgen_test]
fn evaluate_takes_an_object_or_text_and_returns_the_report() {
    let plan = r#"{"version":1,"vnet":["10.0.0.0/16"],"node_subnet":"10.0.0.0/22",
        "service_cidr":"10.1.0.0/16","dns_service_ip":"10.1.0.10",
        "pools":[{"name":"a","nodes":50,"max_pods":30,"max_surge":"1"}]}"#;
    for input in [js(plan), JsValue::from_str(plan)] {
        let report = aksnet_web::api::evaluate(input).expect("report");
        let text = js_sys::JSON::stringify(&report)
            .expect("stringify")
            .as_string()
            .expect("string");
        let v: serde_json::Value = serde_json::from_str(&text).expect("json");
        assert_eq!(v["models"][1]["model"], "azure-cni");
        assert_eq!(v["models"][1]["node_subnet_ips_required"], 1581);
        assert_eq!(
            v["models"][1]["findings"][0]["code"],
            "InsufficientSubnetSize"
        );
        assert!(v["ranking"].is_array());
    }
}

#[wasm_bindgen_test]
fn errors_are_thrown_with_the_cli_messages() {
    let e = aksnet_web::api::evaluate(js(r#"{"version":1,"vnet":["10.0.0.1/16"]}"#))
        .expect_err("bad plan");
    assert_eq!(
        error_message(e),
        "vnet[0]: 10.0.0.1/16 has host bits set; did you mean 10.0.0.0/16?"
    );
    let e =
        aksnet_web::api::evaluate(JsValue::from_str("{\"version\": 1,")).expect_err("truncated");
    assert_eq!(
        error_message(e),
        "line 1, column 14: EOF while parsing a value"
    );
    let e = aksnet_web::api::evaluate(JsValue::from_f64(3.0)).expect_err("not a plan");
    assert!(error_message(e).starts_with("a plan must be a JSON object"));
    let e = aksnet_web::api::cidr_fit("10.0.0.0/24", vec![], 1581.0).expect_err("too large");
    assert_eq!(
        error_message(e),
        "1,581 addresses do not fit in 10.0.0.0/24 (251 usable)"
    );
    let e = aksnet_web::api::cidr_free("10.0.0.0/16", vec!["10.0.0.0/33".into()])
        .expect_err("bad prefix");
    assert_eq!(
        error_message(e),
        "used[0]: /33 in 10.0.0.0/33 is out of range for IPv4 (0 to 32)"
    );
    let e = aksnet_web::api::cidr_fit("10.0.0.0/16", vec![], 0.5).expect_err("bad count");
    assert_eq!(
        error_message(e),
        "addresses: 0.5 is not a whole number of 1 or more"
    );
}

#[wasm_bindgen_test]
fn cidr_free_and_fit() {
    let free = aksnet_web::api::cidr_free(
        "10.0.0.0/16",
        vec!["10.0.0.0/22".into(), "10.0.8.0/24".into()],
    )
    .expect("free");
    assert_eq!(free[..3], ["10.0.4.0/22", "10.0.9.0/24", "10.0.10.0/23"]);
    assert_eq!(
        aksnet_web::api::cidr_fit("10.0.0.0/16", vec!["10.0.0.0/22".into()], 1581.0).expect("fit"),
        "10.0.8.0/21"
    );
}
