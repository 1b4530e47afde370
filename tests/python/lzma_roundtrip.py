"""Differential test of web/unlzma.js, the page's LZMA decoder, against Python's lzma.

Packs many inputs with scripts/pack_wasm.py's pack() (the settings of the build, then
other lc/lp/pb and dictionary sizes): empty, one byte, random bytes, long runs, records
that repeat at several distances (rep0-rep3), text, sizes up to several MB, and the real
wasm. One node process decodes them all with web/unlzma.js as aksnet.js carries it
(pack_wasm.decoder_source()), and every output must equal
the input byte for byte. Then damaged streams (truncated, bits flipped, wrong header
fields, bytes added) must make unlzma throw an Error. When the release build exists,
the payload of dist/aksnet-wasm.js must decode to a wasm module, equal Python's own
decoding of it and pack() of that wasm, and dist/aksnet.js must carry the decoder.

Needs python3 and node, nothing else; exits 1 on any difference. With --time it only
prints the decode time of dist/aksnet-wasm.js's wasm in node: the first decode in a fresh
process (what a page pays) and the best of 20.

Usage: python3 tests/python/lzma_roundtrip.py [--time]
"""

import base64
import json
import lzma
import os
import pathlib
import random
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.dont_write_bytecode = True  # no scripts/__pycache__ left in the tree
sys.path.insert(0, str(ROOT / "scripts"))
import pack_wasm  # noqa: E402  (the packing code under test, shared with the build)

DECODER = ROOT / "web" / "unlzma.js"
# The release build, as the Rust end-to-end tests find it.
DIST = pathlib.Path(os.environ.get("AKSNET_DIST", ROOT / "dist"))
DIST_SCRIPT = DIST / "aksnet.js"
DIST_PACKED = DIST / pack_wasm.PACKED

# node -e HARNESS DECODER DIR: decodes every DIR/N.in listed in DIR/cases.json into
# DIR/N.out, or records the error; prints {N: null | {"error": message, "isError": bool}}.
# node -e HARNESS DECODER --time FILE: times the decoding of FILE as the usage above says.
HARNESS = r"""
const fs = require("fs"), path = require("path"), vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"), { filename: process.argv[1] });
if (process.argv[2] === "--time") {
  const packed = new Uint8Array(fs.readFileSync(process.argv[3]));
  let t = performance.now();
  const n = unlzma(packed).length;
  const first = performance.now() - t;
  let best = Infinity;
  for (let i = 0; i < 20; i++) {
    t = performance.now();
    unlzma(packed);
    best = Math.min(best, performance.now() - t);
  }
  console.log(`unlzma: ${packed.length} bytes to ${n}: first ${first.toFixed(1)} ms, best of 20 ${best.toFixed(1)} ms`);
} else {
  const dir = process.argv[2], results = {};
  for (const name of JSON.parse(fs.readFileSync(path.join(dir, "cases.json"), "utf8"))) {
    const input = new Uint8Array(fs.readFileSync(path.join(dir, name + ".in")));
    try {
      const out = unlzma(input);
      if (!(out instanceof Uint8Array)) throw new Error("unlzma returned no Uint8Array");
      fs.writeFileSync(path.join(dir, name + ".out"), out);
      results[name] = null;
    } catch (e) {
      results[name] = { error: String(e && e.message), isError: e instanceof Error };
    }
  }
  console.log(JSON.stringify(results));
}
"""


def inputs(wasm):
    """(name, bytes) of every input, from a fixed seed, and `wasm` unless it is None."""
    rng = random.Random(7)
    words = [bytes(rng.choice(b"etaoinshrdlucmfwyp") for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    text = b" ".join(rng.choice(words) for _ in range(60_000))
    # Records of a few fields, each field drawn from a small set: matches at several
    # recent distances, so the rep0-rep3 and short-rep packets all occur.
    fields = [[rng.randbytes(rng.randint(1, 12)) for _ in range(5)] for _ in range(6)]
    records = b"".join(b"".join(rng.choice(f) for f in fields) for _ in range(40_000))
    mixed = bytearray()
    while len(mixed) < 3 << 20:  # several MB: runs, text, noise, copies from far back
        kind = rng.randrange(4)
        if kind == 0:
            mixed += bytes([rng.randrange(256)]) * rng.randint(1, 5000)
        elif kind == 1:
            start = rng.randrange(len(text) - 9000)
            mixed += text[start : start + rng.randint(1, 9000)]
        elif kind == 2:
            mixed += rng.randbytes(rng.randint(1, 3000))
        elif len(mixed) > 0:
            start = rng.randrange(len(mixed))
            mixed += mixed[start : start + rng.randint(2, 600)]
    yield "empty", b""
    yield "one-byte", b"\x5a"
    yield "two-bytes", b"\x00\xff"
    yield "random-100", rng.randbytes(100)
    yield "random-1MiB", rng.randbytes(1 << 20)
    yield "zeros-4MiB", bytes(4 << 20)
    yield "abab", b"ab" * 50_000
    yield "long-matches", (rng.randbytes(5000) + bytes(300)) * 200
    yield "text", text
    yield "records", records
    yield "mixed-3MiB", bytes(mixed)
    if wasm is not None:
        yield "wasm", wasm


def settings():
    """(name suffix, pack() keyword arguments): the build's, then others."""
    yield "", {}
    yield "-lc0lp0pb0", {"lc": 0, "lp": 0, "pb": 0}
    yield "-lc3lp0pb2", {"lc": 3, "lp": 0, "pb": 2}
    yield "-lc1lp3pb4", {"lc": 1, "lp": 3, "pb": 4}
    yield "-lc0lp4pb1", {"lc": 0, "lp": 4, "pb": 1}
    yield "-dict4KiB", {"dict_size": 4096}
    yield "-dict64KiB", {"dict_size": 64 << 10}


def dist_payload():
    """The packed wasm of dist/aksnet-wasm.js, or None without a release build."""
    if not DIST_PACKED.is_file():
        return None
    found = re.fullmatch(r'export default"([A-Za-z0-9+/]*={0,2})";\n', DIST_PACKED.read_text(encoding="ascii"))
    if found is None:
        sys.exit(f"lzma_roundtrip: {DIST_PACKED} is not one base64 string")
    return base64.b64decode(found.group(1))


def python_unpack(payload):
    """What Python's lzma decodes from a pack() output (header fields unchecked)."""
    props, length = payload[0], int.from_bytes(payload[1:5], "little")
    lzma1 = {"id": lzma.FILTER_LZMA1, "lc": props % 9, "lp": props // 9 % 5, "pb": props // 45}
    lzma1["dict_size"] = max(length, 4096)
    decoder = lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=[lzma1])
    data = decoder.decompress(payload[5:])
    if not decoder.eof or decoder.unused_data:
        raise lzma.LZMAError("no end marker, or bytes after it")
    return data


def damaged(packed, flips):
    """(name, bytes) of streams that must not decode: `packed` cut short, with a wrong
    header, extended, or with one bit flipped (`flips` times, anywhere)."""
    rng = random.Random(11)
    n = len(packed)
    yield "nothing", b""
    yield "header-only", packed[:5]
    for cut in sorted({1, 6, 9, 10, n // 2, n - 5, n - 1}):
        if 0 < cut < n:
            yield f"cut-{cut}", packed[:cut]
    yield "byte-added", packed + b"\x00"
    yield "properties-225", bytes([225]) + packed[1:]
    length = int.from_bytes(packed[1:5], "little")
    for delta in (1, -1):
        if 0 <= length + delta < 1 << 32:
            yield f"length{delta:+d}", packed[:1] + (length + delta).to_bytes(4, "little") + packed[5:]
    yield "first-byte", packed[:5] + b"\x01" + packed[6:]
    for _ in range(flips):
        at = rng.randrange(6, n)
        yield f"flip-{at}", packed[:at] + bytes([packed[at] ^ (1 << rng.randrange(8))]) + packed[at + 1 :]
    yield "noise", packed[:5] + b"\x00" + rng.randbytes(max(n - 6, 100))


def run_node(dir_):
    # The decoder exactly as aksnet.js carries it (minified on its own by terser).
    shipped = pathlib.Path(dir_, "unlzma.js")
    shipped.write_text(pack_wasm.decoder_source(), encoding="utf-8")
    done = subprocess.run(
        ["node", "-e", HARNESS, str(shipped), dir_], capture_output=True, text=True, timeout=600, check=False
    )
    if done.returncode != 0:
        sys.exit(f"lzma_roundtrip: node failed:\n{done.stderr}")
    return json.loads(done.stdout)


def main():
    if sys.argv[1:] == ["--time"]:
        payload = dist_payload()
        if payload is None:
            sys.exit(f"lzma_roundtrip: {DIST_PACKED} is missing; build the site first (make build)")
        with tempfile.NamedTemporaryFile(suffix=".in") as f:
            f.write(payload)
            f.flush()
            subprocess.run(["node", "-e", HARNESS, str(DECODER), "--time", f.name], check=True)
        return 0

    failures = []
    payload, wasm = dist_payload(), None
    if payload is not None:
        try:
            wasm = python_unpack(payload)
        except lzma.LZMAError as e:
            failures.append(f"{DIST_PACKED}: Python's lzma cannot decode its payload ({e}); rebuild the site")
    with tempfile.TemporaryDirectory(prefix="lzma_roundtrip.") as dir_:
        good, bad = {}, {}
        for name, data in inputs(wasm):
            for suffix, options in settings():
                if name in ("random-1MiB", "zeros-4MiB", "mixed-3MiB", "wasm") and suffix not in ("", "-lc3lp0pb2"):
                    continue  # the large inputs only with two settings, for time
                good[name + suffix] = data
                pathlib.Path(dir_, name + suffix + ".in").write_bytes(pack_wasm.pack(data, **options))
        samples = [("damaged-mixed-", pack_wasm.pack(good["mixed-3MiB"][:500_000]), 100)]
        if wasm is not None:
            samples.append(("damaged-wasm-", payload, 200))
        for prefix, sample, flips in samples:
            for name, data in damaged(sample, flips):
                bad[prefix + name] = data
                pathlib.Path(dir_, prefix + name + ".in").write_bytes(data)
        pathlib.Path(dir_, "cases.json").write_text(json.dumps([*good, *bad]))
        results = run_node(dir_)

        for name, data in good.items():
            if results[name] is not None:
                failures.append(f"{name}: threw {results[name]['error']}")
                continue
            out = pathlib.Path(dir_, name + ".out").read_bytes()
            if out != data:
                at = next((i for i, (a, b) in enumerate(zip(out, data)) if a != b), min(len(out), len(data)))
                failures.append(f"{name}: {len(out):,} bytes decoded for {len(data):,}, first difference at {at:,}")
        for name in bad:
            if results[name] is None:
                failures.append(f"{name}: decoded without an error")
            elif not results[name]["isError"] or not results[name]["error"].startswith("unlzma: "):
                failures.append(f"{name}: threw {results[name]} instead of an unlzma Error")

    if wasm is not None:
        script = DIST_SCRIPT.read_text(encoding="utf-8")
        if not wasm.startswith(b"\0asm"):
            failures.append(f"{DIST_PACKED}: its payload is no wasm module")
        if pack_wasm.pack(wasm) != payload:
            failures.append(f"{DIST_PACKED}: pack() of its wasm gives other bytes (a stale build, or not deterministic)")
        if pack_wasm.decoder_source() not in script:
            failures.append(f"{DIST_SCRIPT}: its decoder is not web/unlzma.js's (a stale build)")

    for failure in failures:
        print("lzma_roundtrip:", failure)
    cases = len(good) + len(bad)
    real = "with" if wasm is not None else f"without (no {DIST_PACKED})"
    print(f"lzma_roundtrip: {cases} cases ({len(good)} round trips, {len(bad)} damaged), {real} the real wasm: "
          f"{'FAILED' if failures else 'all as expected'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
