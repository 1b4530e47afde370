// aksnet.js: starts the planner and exports the JS API.
//
// The build (scripts/pack_wasm.py) replaces PACKED below with the engine's WebAssembly,
// deflate-compressed and base64-encoded. The page therefore loads only its own scripts
// and never fetches, so its Content-Security-Policy can forbid every connection
// (connect-src 'none'). Usage from another page:
//
//   import { ready, evaluate } from "./aksnet.js";
//   await ready;
//   evaluate({ version: 1, vnet: ["10.0.0.0/16"], node_subnet: "10.0.0.0/22",
//              pools: [{ name: "system", nodes: 3 }] });
import init from "./aksnet-web.js";
export { evaluate, cidrFree, cidrFit } from "./aksnet-web.js";

const PACKED = "@PACKED@";

function wasmBytes() {
  const compressed = typeof Uint8Array.fromBase64 === "function"
    ? Uint8Array.fromBase64(PACKED)
    : Uint8Array.from(atob(PACKED), (c) => c.charCodeAt(0));
  const stream = new Blob([compressed]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Response(stream).arrayBuffer();
}

/** Settles once the engine has started; a page with an `#aksnet` element then shows the planner. */
export const ready = init({ module_or_path: wasmBytes() });

ready.catch((error) => {
  const root = document.getElementById("aksnet");
  if (root) {
    root.textContent = `aksnet could not start in this browser: ${error}`;
    root.setAttribute("role", "alert");
  }
});
