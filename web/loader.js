// aksnet.js: starts the planner and exports the JS API.
//
// The build (scripts/pack_wasm.py) makes one module of this script and wasm-bindgen's
// glue, minifies it and puts the decoder (web/unlzma.js) in front. It writes the
// engine's WebAssembly, LZMA-compressed and base64-encoded, as the one string of
// aksnet-wasm.js (LZMA is about a fifth smaller than the browser's own deflate here;
// gzip packs the base64 best alone in its file).
// The page therefore loads only its own scripts and never fetches, so its
// Content-Security-Policy can forbid every connection (connect-src 'none'). Usage from
// another page:
//
//   import { ready, evaluate } from "./aksnet.js";
//   await ready;
//   evaluate({ version: 1, vnet: ["10.0.0.0/16"], node_subnet: "10.0.0.0/22",
//              pools: [{ name: "system", nodes: 3 }] });
import init from "./aksnet-web.js";
export { evaluate, cidrFree, cidrFit } from "./aksnet-web.js";
import PACKED from "./aksnet-wasm.js";

// The marks time the decoding for the browser benchmark (tests/benches/browser.rs).
function wasmBytes() {
  performance.mark("aksnet-unpack");
  let packed;
  if (typeof Uint8Array.fromBase64 === "function") {
    packed = Uint8Array.fromBase64(PACKED);
  } else {
    const text = atob(PACKED);
    packed = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) packed[i] = text.charCodeAt(i);
  }
  const wasm = unlzma(packed);
  performance.mark("aksnet-unpacked");
  return wasm;
}

/** Settles once the engine has started; a page with an `#aksnet` element then shows the planner. */
export const ready = init({ module_or_path: new Promise((resolve) => resolve(wasmBytes())) });

ready.catch((error) => {
  const root = document.getElementById("aksnet");
  if (root) {
    root.textContent = `aksnet could not start in this browser: ${error}`;
    root.setAttribute("role", "alert");
  }
});
