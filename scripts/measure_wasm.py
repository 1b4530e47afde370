"""The size of the release WebAssembly, for comparing one change against another.

Builds the web crate's wasm the way Trunk does (release, wasm-bindgen --target web,
wasm-opt -Oz with the page's feature flags) and prints its size raw, gzip -9, raw LZMA
(pack_wasm.pack(), as the site packs it) and as shipped (pack() after
pack_wasm.shorten_names(), the payload of dist/aksnet-wasm.js, which is what the size
gate counts, in base64):

    python3 scripts/measure_wasm.py LABEL [--target-dir DIR]

With --cost N it also builds with symbol names and prints, for the N largest functions,
how many bytes of the LZMA stream each one costs: the stream with the function's body
replaced by `unreachable`, subtracted from the whole. LZMA compresses repetitive code
(html! expansions, say) far better than unique code and text, so this, not the raw size,
says where a cut pays. Needs cargo, wasm-bindgen and wasm-opt on PATH (make tools).
"""

import argparse
import gzip
import lzma
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.dont_write_bytecode = True
sys.path.insert(0, str(ROOT / "scripts"))
import pack_wasm  # noqa: E402

# wasm-opt's feature flags, as the page hands them to Trunk: one list for both.
FEATURES = re.search(
    r'data-wasm-opt-params="([^"]*)"', (ROOT / "index.html").read_text(encoding="utf-8")
).group(1).split()


def build(target_dir: str, names: bool) -> tuple[bytes, str]:
    """The optimised wasm and its glue; with `names`, the wasm keeps a name section."""
    env = dict(os.environ, CARGO_TARGET_DIR=target_dir)
    if names:
        env["RUSTFLAGS"] = "-C symbol-mangling-version=v0"
    subprocess.run(
        ["cargo", "build", "-p", "aksnet-web", "--bin", "aksnet-web", "--release",
         "--target", "wasm32-unknown-unknown", "-j", "2", "--quiet"],
        cwd=ROOT, env=env, check=True,
    )
    built = pathlib.Path(target_dir, "wasm32-unknown-unknown", "release", "aksnet-web.wasm")
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            ["wasm-bindgen", "--target", "web", "--out-dir", out, str(built)]
            + (["--keep-debug"] if names else []),
            check=True,
        )
        opt = pathlib.Path(out, "opt.wasm")
        subprocess.run(
            ["wasm-opt", *FEATURES, "-Oz", str(pathlib.Path(out, pack_wasm.WASM)), "-o", str(opt)]
            + (["-g"] if names else []),
            check=True,
        )
        return opt.read_bytes(), pathlib.Path(out, pack_wasm.GLUE).read_text(encoding="utf-8")


def _sections(wasm: bytes):
    """(id, body) of every section of `wasm`."""
    at = 8
    while at < len(wasm):
        size, body_at = pack_wasm._leb(wasm, at + 1)
        yield wasm[at], wasm[body_at : body_at + size]
        at = body_at + size


def _module(sections) -> bytes:
    return b"\0asm\1\0\0\0" + b"".join(bytes([s]) + pack_wasm._uleb(len(b)) + b for s, b in sections)


def _imported_functions(body: bytes) -> int:
    count, i = pack_wasm._leb(body, 0)
    functions = 0
    for _ in range(count):
        _, i = pack_wasm._name(body, i)
        _, i = pack_wasm._name(body, i)
        kind = body[i]
        i += 1
        if kind == 0:
            functions += 1
            _, i = pack_wasm._leb(body, i)
        elif kind == 1:
            i = pack_wasm._limits(body, i + 1)
        elif kind == 2:
            i = pack_wasm._limits(body, i)
        else:
            i += 2
    return functions


def _function_names(body: bytes) -> dict:
    """Function index to name, from a `name` custom section's body (its name read)."""
    names, at = {}, 0
    while at < len(body):
        sub = body[at]
        size, start = pack_wasm._leb(body, at + 1)
        if sub == 1:
            count, i = pack_wasm._leb(body, start)
            for _ in range(count):
                index, i = pack_wasm._leb(body, i)
                names[index], i = pack_wasm._name(body, i)
        at = start + size
    return names


def cost(wasm: bytes, top: int) -> list:
    """(LZMA bytes, raw bytes, name) of the `top` largest function bodies of `wasm`."""
    kept, names, imported = [], {}, 0
    for section, body in _sections(wasm):
        if section == 0:
            name, at = pack_wasm._name(body, 0)
            if name == "name":
                names = _function_names(body[at:])
            continue
        if section == 2:
            imported = _imported_functions(body)
        kept.append([section, body])
    code = next(entry for entry in kept if entry[0] == 10)
    count, at = pack_wasm._leb(code[1], 0)
    bodies = []
    for _ in range(count):
        size, start = pack_wasm._leb(code[1], at)
        bodies.append(code[1][start : start + size])
        at = start + size

    def packed(replaced: dict) -> int:
        code[1] = pack_wasm._uleb(count) + b"".join(
            pack_wasm._uleb(len(b)) + b for b in (replaced.get(i, b) for i, b in enumerate(bodies))
        )
        return len(pack_wasm.pack(_module(kept)))

    whole = packed({})
    largest = sorted(range(count), key=lambda i: -len(bodies[i]))[:top]
    stub = b"\0\0\x0b"  # no locals; unreachable; end
    rows = [(whole - packed({i: stub}), len(bodies[i]), names.get(imported + i, "?")) for i in largest]
    return sorted(rows, reverse=True)


def main() -> int:
    args = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    args.add_argument("label")
    args.add_argument("--target-dir", default=str(ROOT / "target" / "measure"))
    args.add_argument("--cost", type=int, metavar="N", default=0)
    opts = args.parse_args()
    wasm, glue = build(opts.target_dir, names=False)
    shipped, _ = pack_wasm.shorten_names(wasm, glue)
    print(
        f"{opts.label}: wasm {len(wasm):,} raw, {len(gzip.compress(wasm, 9)):,} gzip -9, "
        f"{len(pack_wasm.pack(wasm)):,} lzma; shipped (short names) {len(pack_wasm.pack(shipped)):,} lzma"
    )
    if opts.cost:
        named, _ = build(opts.target_dir + "-names", names=True)
        print("lzma bytes  raw bytes  function")
        for saved, raw, name in cost(named, opts.cost):
            name = re.sub(r"\[[0-9a-f]{16}\]", "", name)  # crate hashes
            print(f"{saved:10,}  {raw:9,}  {name[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
