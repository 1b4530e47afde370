//! Fuzz target: prefixes and addresses as text, then overlap, free and fit on them.
#![no_main]
use aksnet_core::cidr;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut words = text.split_whitespace();
    let _ = cidr::parse_addr(text);
    let Some(first) = words.next() else { return };
    let Ok(within) = cidr::parse_net(first) else { return };
    let used: Vec<_> = words.take(64).filter_map(|w| cidr::parse_net(w).ok()).collect();
    let free = cidr::free(&within, &used);
    for b in &free {
        assert!(cidr::contains(&within, b));
        assert!(used.iter().all(|u| !cidr::overlaps(u, b)));
    }
    let k = (data.len() as u128) * 37;
    if let Ok(place) = cidr::fit(&within, &used, k) {
        assert!(cidr::contains(&within, &place));
        assert!(cidr::azure_usable(&place) >= k);
        assert!(used.iter().all(|u| !cidr::overlaps(u, &place)));
    }
});
