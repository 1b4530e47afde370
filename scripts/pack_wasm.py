"""Trunk post-build hook: packs the WebAssembly into the loader script aksnet.js.

The wasm file is compressed with LZMA (`pack()` below: Python's lzma module, raw LZMA1
behind a 5-byte header of our own), base64-encoded and put in place of the "@PACKED@"
string of web/loader.js; the decoder, web/unlzma.js, is pasted in place of its
"@UNLZMA@" line. That script and wasm-bindgen's glue, aksnet-web.js, lose their
comments and indentation on the way (trim_script(); Trunk minifies neither). The .wasm file is then removed from
the output, so the page loads only scripts of its own origin and makes no fetch: its
Content-Security-Policy can say connect-src 'none'. LZMA rather than the browser's own
deflate because the wasm travels inside our script anyway: it is 19% smaller (see
docs/performance.md, "Bundle size"). Trunk runs this with TRUNK_STAGING_DIR set; it can
also be run by hand on a folder: python3 scripts/pack_wasm.py dist
"""

import base64
import lzma
import os
import pathlib
import re
import struct
import sys

WASM = "aksnet-web_bg.wasm"
GLUE = "aksnet-web.js"
WEB = pathlib.Path(__file__).resolve().parent.parent / "web"
LOADER = WEB / "loader.js"
DECODER = WEB / "unlzma.js"
PLACEHOLDER = '"@PACKED@"'
DECODER_LINE = "// @UNLZMA@\n"

# Measured on the release wasm (docs/performance.md): lc=4 gains about 70 bytes over the
# default 3, and lp or pb above 0 lose 150 to 900 bytes (wasm code is not aligned).
LC, LP, PB = 4, 0, 0


def pack(data: bytes, lc: int = LC, lp: int = LP, pb: int = PB, dict_size: int = 0) -> bytes:
    """`data` as web/unlzma.js reads it: the properties byte lc + 9 * (lp + 5 * pb), the
    length of `data` (4 bytes, little-endian), then `data` compressed as raw LZMA1
    (preset 9 extreme) with the end marker liblzma writes. The dictionary covers all of
    `data` (at least liblzma's minimum, 4 KiB) unless `dict_size` is given; the decoder
    keeps the whole output anyway, so the header leaves the size out. The same input
    and liblzma give the same bytes."""
    if len(data) >= 1 << 32:
        raise ValueError("pack: 4 GiB or more")
    lzma1 = {
        "id": lzma.FILTER_LZMA1,
        "preset": 9 | lzma.PRESET_EXTREME,
        "lc": lc,
        "lp": lp,
        "pb": pb,
        "dict_size": dict_size or max(len(data), 4096),
    }
    stream = lzma.compress(data, format=lzma.FORMAT_RAW, filters=[lzma1])
    return struct.pack("<BI", lc + 9 * (lp + 5 * pb), len(data)) + stream


def trim_script(text: str) -> str:
    """JavaScript `text` without what only readers need: comment-only lines, `/* */`
    blocks that fill whole lines, blank lines and indentation. Line-based, so it is only
    safe when no string spans lines: if a line holds an odd number of backticks (a
    template literal that goes on), `text` comes back unchanged."""
    kept, in_block = [], False
    for line in text.splitlines(keepends=True):
        bare = line.strip()
        if in_block:
            close = bare.find("*/")
            if close == -1:
                continue
            if close != len(bare) - 2:
                return text  # code after a block comment's end: leave it all as it is
            in_block = False
            continue
        if bare.startswith("/*"):
            close = bare.find("*/", 2)
            if close == -1:
                in_block = True
                continue
            if close == len(bare) - 2:
                continue
            # Code after the comment on the same line: keep the line.
        if not bare or bare.startswith("//"):
            continue
        kept.append(line.lstrip(" \t"))
    if in_block or any(line.count("`") % 2 for line in kept):
        return text
    return "".join(kept)


def decoder_source() -> str:
    """web/unlzma.js as aksnet.js carries it: trimmed by trim_script()."""
    return trim_script(DECODER.read_text(encoding="utf-8"))


def main() -> int:
    staging = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
    wasm = staging / WASM
    if not wasm.is_file():
        print(f"pack_wasm: {wasm} is missing", file=sys.stderr)
        return 1
    template = LOADER.read_text(encoding="utf-8")
    for marker in (PLACEHOLDER, DECODER_LINE):
        if template.count(marker) != 1:
            print(f"pack_wasm: {LOADER} must hold {marker.strip()} exactly once", file=sys.stderr)
            return 1
    encoded = base64.b64encode(pack(wasm.read_bytes())).decode("ascii")
    script = trim_script(template.replace(DECODER_LINE, DECODER.read_text(encoding="utf-8")))
    (staging / "aksnet.js").write_text(script.replace(PLACEHOLDER, f'"{encoded}"'), encoding="utf-8")
    # wasm-bindgen's glue, which Trunk does not minify.
    glue = staging / GLUE
    glue.write_text(trim_script(glue.read_text(encoding="utf-8")), encoding="utf-8")
    wasm.unlink()
    # Trunk leaves its own <link data-trunk rel="rust"> tag when it injects no script
    # (minified or not, so its attributes may come in any order).
    page = staging / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\s*<link\b[^>]*\bdata-trunk\b[^>]*>", "", html), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
