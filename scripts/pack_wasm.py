"""Trunk post-build hook: makes the page's two scripts, aksnet.js and aksnet-wasm.js.

First the wasm and wasm-bindgen's glue, aksnet-web.js, get short names for the imports
and exports they share (shorten_names()). The wasm is then compressed with LZMA (`pack()`
below: Python's lzma module, raw LZMA1 behind a 5-byte header of our own),
base64-encoded and written as the default export of aksnet-wasm.js. The loader,
web/loader.js, and the glue become one module, aksnet.js (bundle()), minified by terser
(Trunk leaves the glue as wasm-bindgen wrote it), with the decoder, web/unlzma.js,
minified on its own, in front. The .wasm file and the glue's own file are then removed
from the output, so the page loads only scripts of its own origin and makes no fetch:
its Content-Security-Policy can say connect-src 'none'. LZMA rather than the browser's
own deflate because the wasm travels as a script anyway: it is about a fifth smaller
(see docs/performance.md, "Bundle size"). Trunk runs this with TRUNK_STAGING_DIR set;
it can also be run by hand on a folder that holds Trunk's output:
python3 scripts/pack_wasm.py dist
"""

import base64
import lzma
import os
import pathlib
import re
import shutil
import struct
import subprocess
import sys

WASM = "aksnet-web_bg.wasm"
GLUE = "aksnet-web.js"
WEB = pathlib.Path(__file__).resolve().parent.parent / "web"
LOADER = WEB / "loader.js"
DECODER = WEB / "unlzma.js"
# The module whose default export is the packed wasm, as the loader imports it.
PACKED = "aksnet-wasm.js"

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


def _leb(data: bytes, at: int) -> tuple[int, int]:
    """The unsigned LEB128 number at `data[at:]`, and the offset after it."""
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _name(data: bytes, at: int) -> tuple[str, int]:
    size, at = _leb(data, at)
    return data[at : at + size].decode("utf-8"), at + size


def _vec_name(name: str) -> bytes:
    raw = name.encode("utf-8")
    return _uleb(len(raw)) + raw


def _limits(data: bytes, at: int) -> int:
    """The offset after the limits (flags, min, optional max) at `data[at:]`."""
    flags, at = _leb(data, at)
    _, at = _leb(data, at)
    if flags & 1:
        _, at = _leb(data, at)
    return at


def short_name(n: int) -> str:
    """The `n`th of a, b, ..., Z, ba, bb, ...: a JavaScript identifier of one or two
    letters for the first 2,704 names."""
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    name = letters[n % 52]
    while n >= 52:
        n = n // 52
        name = letters[n % 52] + name
    return name


class GlueMismatch(Exception):
    """wasm-bindgen's glue does not have the shape shorten_names() expects."""


def shorten_names(wasm: bytes, glue: str) -> tuple[bytes, str]:
    """`wasm` and its wasm-bindgen `glue` with short names for what they share, and
    without the wasm's custom sections (names, producers, target features: nothing
    reads them at run time).

    wasm-bindgen names each import after the function it wraps plus a 16-digit hash
    (`__wbg_setattribute_2ab1...`) and writes every name twice, in the wasm and in the
    glue, where neither compressor can share them. Here the glue's import module becomes
    "a", each import and export a one- or two-letter name, in the order of the wasm's
    sections. The glue is checked, not trusted: every import must be one `name:` key of
    the import object, every export be read only as `wasm.name` (never quoted), and the
    module name occur once; anything else raises GlueMismatch rather than write a broken site."""
    if wasm[:8] != b"\0asm\1\0\0\0":
        raise ValueError("shorten_names: not a WebAssembly 1.0 module")
    module_key = re.findall(r'"(\./[^"]+_bg\.js)": import0\b', glue)
    if len(module_key) != 1 or glue.count(f'"{module_key[0]}"') != 1:
        raise GlueMismatch("the glue's import object is not one `\"./..._bg.js\": import0`")
    module = module_key[0]
    out, at, imports, exports = bytearray(wasm[:8]), 8, {}, {}
    while at < len(wasm):
        section = wasm[at]
        size, body_at = _leb(wasm, at + 1)
        body, at = wasm[body_at : body_at + size], body_at + size
        if section == 0:
            continue
        if section == 2:  # imports: module, name, then a description by kind
            count, i = _leb(body, 0)
            new = bytearray(_uleb(count))
            for _ in range(count):
                mod, i = _name(body, i)
                field, i = _name(body, i)
                kind, desc = body[i], i
                i += 1
                if kind == 0:  # a function: its type index
                    _, i = _leb(body, i)
                elif kind == 1:  # a table: element type, limits
                    i = _limits(body, i + 1)
                elif kind == 2:  # a memory
                    i = _limits(body, i)
                elif kind == 3:  # a global: value type, mutability
                    i += 2
                else:
                    raise ValueError(f"shorten_names: import kind {kind}")
                if mod == module:
                    mod, field = "a", imports.setdefault(field, short_name(len(imports)))
                new += _vec_name(mod) + _vec_name(field) + body[desc:i]
            body = bytes(new)
        elif section == 7:  # exports: name, kind, index
            count, i = _leb(body, 0)
            new = bytearray(_uleb(count))
            for _ in range(count):
                field, i = _name(body, i)
                kind = i
                _, i = _leb(body, i + 1)
                new += _vec_name(exports.setdefault(field, short_name(len(exports)))) + body[kind:i]
            body = bytes(new)
        out += bytes([section]) + _uleb(len(body)) + body
    glue = glue.replace(f'"{module}": import0', '"a": import0')
    for old, new in imports.items():
        word = re.compile(rf"(?<![\w$]){re.escape(old)}(?![\w$])")
        key = re.compile(rf"(?m)^\s*{re.escape(old)}(?=: function\b)")
        if len(word.findall(glue)) != 1 or len(key.findall(glue)) != 1:
            raise GlueMismatch(f"import {old} is not one `{old}: function` key of the glue")
        glue = key.sub(new, glue)
    for old, new in exports.items():
        # Read only as wasm.name; a JavaScript function of the same name (the JS API's
        # evaluate, say) is the glue's own and keeps it.
        member = re.compile(rf"\.\s*{re.escape(old)}(?![\w$])")
        use = re.compile(rf"(?<![\w$])wasm\.{re.escape(old)}(?![\w$])")
        quoted = re.compile(rf"[\"'`]{re.escape(old)}[\"'`]")
        if len(member.findall(glue)) != len(use.findall(glue)) or quoted.search(glue):
            raise GlueMismatch(f"export {old} is read in the glue other than as wasm.{old}")
        glue = use.sub(f"wasm.{new}", glue)
    return bytes(out), glue


GLUE_EXPORTS = "export { initSync, __wbg_init as default };\n"


def bundle(glue: str, loader: str) -> str:
    """One ES module of wasm-bindgen's `glue` and the `loader` that imports it: the page
    then fetches one script fewer, and terser drops what the loader leaves unused
    (initSync, say). The loader's `import init from "./aksnet-web.js"` becomes the
    glue's `__wbg_init`, its re-export of the glue's functions a plain export. The shapes
    are checked: anything else raises GlueMismatch."""
    import_line = f'import init from "./{GLUE}";\n'
    reexport = re.search(rf'^export \{{ ([\w, ]+) \}} from "\./{re.escape(GLUE)}";\n', loader, re.M)
    if loader.count(import_line) != 1 or reexport is None or loader.count(f'"./{GLUE}"') != 2:
        raise GlueMismatch(f"the loader must import init and re-export functions from ./{GLUE}, once each")
    if glue.count(GLUE_EXPORTS) != 1:
        raise GlueMismatch(f"the glue does not end its exports with {GLUE_EXPORTS.strip()}")
    glue = glue.replace(GLUE_EXPORTS, "")
    functions = set(re.findall(r"^export function (\w+)\(", glue, re.M))
    glue = re.sub(r"^export function ", "function ", glue, flags=re.M)
    if re.search(r"^\s*(import|export)\b", glue, re.M):
        raise GlueMismatch("the glue imports, or exports more than functions")
    names = reexport.group(1).split(", ")
    if not set(names) <= functions:
        raise GlueMismatch(f"the loader re-exports {names}, the glue exports only {sorted(functions)}")
    declared = re.findall(
        r"^(?:import|(?:export )?(?:async )?(?:function\*?|const|let|var|class))\s+(\w+)", loader, re.M
    )
    if any(re.search(rf"^(?:async )?(?:function\*?|const|let|var|class)\s+{name}\b", glue, re.M) for name in declared):
        raise GlueMismatch(f"the glue declares one of the loader's names {declared}")
    loader = loader.replace(import_line, "const init = __wbg_init;\n")
    loader = loader.replace(reexport.group(0), f"export {{ {reexport.group(1)} }};\n")
    return glue + loader


def minify(script: str, module: bool) -> str:
    """JavaScript `script` minified by terser (`make tools` installs the pinned
    version): comments, white space and local names go, exports and globals stay. With
    `module`, `script` is an ES module and its top-level names are local too."""
    terser = shutil.which("terser")
    if terser is None:
        raise SystemExit("pack_wasm: terser is missing; `make tools` installs it")
    args = [terser, "--compress", "passes=2", "--mangle", "--ecma", "2020"]
    if module:
        args.append("--module")
    done = subprocess.run(args, input=script, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"pack_wasm: terser failed:\n{done.stderr}")
    return done.stdout


def decoder_source() -> str:
    """web/unlzma.js as aksnet.js carries it: minified on its own, as a script, so it
    keeps the one global name `unlzma` that the loader calls."""
    return minify(DECODER.read_text(encoding="utf-8"), module=False)


def main() -> int:
    staging = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
    wasm = staging / WASM
    if not wasm.is_file():
        print(f"pack_wasm: {wasm} is missing", file=sys.stderr)
        return 1
    template = LOADER.read_text(encoding="utf-8")
    glue = staging / GLUE
    try:
        module, script = shorten_names(wasm.read_bytes(), glue.read_text(encoding="utf-8"))
    except GlueMismatch as e:
        print(f"pack_wasm: {e}: has wasm-bindgen changed? See shorten_names().", file=sys.stderr)
        return 1
    encoded = base64.b64encode(pack(module)).decode("ascii")
    try:
        loader = minify(bundle(script, template), module=True)
    except GlueMismatch as e:
        print(f"pack_wasm: {e}: has wasm-bindgen changed? See bundle().", file=sys.stderr)
        return 1
    if loader.count(f'"./{PACKED}"') != 1:
        print(f"pack_wasm: the minified loader does not import ./{PACKED} once", file=sys.stderr)
        return 1
    # The decoder is minified apart and put first; the loader calls it as a global. The
    # base64 goes in a file of its own: after code, gzip packs it about 760 bytes worse.
    (staging / "aksnet.js").write_text(decoder_source() + loader, encoding="utf-8")
    (staging / PACKED).write_text(f'export default"{encoded}";\n', encoding="ascii")
    glue.unlink()
    wasm.unlink()
    # Trunk leaves its own <link data-trunk rel="rust"> tag when it injects no script
    # (minified or not, so its attributes may come in any order).
    page = staging / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\s*<link\b[^>]*\bdata-trunk\b[^>]*>", "", html), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
