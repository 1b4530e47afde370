"""Trunk post-build hook: packs the WebAssembly into the loader script aksnet.js.

The wasm file is compressed with raw deflate (the browser's DecompressionStream
inflates it), base64-encoded and put in place of the "@PACKED@" string of
web/loader.js. The .wasm file is then removed from the output, so the page loads only
scripts of its own origin and makes no fetch: its Content-Security-Policy can say
connect-src 'none'. Trunk runs this with TRUNK_STAGING_DIR set; it can also be run by
hand on a folder: python3 scripts/pack_wasm.py dist
"""

import base64
import os
import pathlib
import re
import sys
import zlib

WASM = "aksnet-web_bg.wasm"
LOADER = pathlib.Path(__file__).resolve().parent.parent / "web" / "loader.js"
PLACEHOLDER = '"@PACKED@"'


def main() -> int:
    staging = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
    wasm = staging / WASM
    if not wasm.is_file():
        print(f"pack_wasm: {wasm} is missing", file=sys.stderr)
        return 1
    template = LOADER.read_text(encoding="utf-8")
    if template.count(PLACEHOLDER) != 1:
        print(f"pack_wasm: {LOADER} must hold {PLACEHOLDER} exactly once", file=sys.stderr)
        return 1
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    packed = deflate.compress(wasm.read_bytes()) + deflate.flush()
    encoded = base64.b64encode(packed).decode("ascii")
    (staging / "aksnet.js").write_text(template.replace(PLACEHOLDER, f'"{encoded}"'), encoding="utf-8")
    wasm.unlink()
    # Trunk leaves its own <link data-trunk rel="rust"> tag when it injects no script
    # (minified or not, so its attributes may come in any order).
    page = staging / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\s*<link\b[^>]*\bdata-trunk\b[^>]*>", "", html), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
