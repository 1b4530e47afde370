"""Tests of scripts/pack_wasm.py's rewriting of wasm-bindgen's glue: shorten_names(),
which renames what the wasm and the glue share, and bundle(), which makes one module of
the glue and the loader.

A small module is assembled here byte by byte, in the shape wasm-bindgen writes: a
function imported from the glue's module under a hashed name, a table, memory and global
imported from elsewhere, exports, and custom sections. After shorten_names(), node must
instantiate the module with the rewritten glue's import object, and the renamed export
must call the renamed import; imports from other modules keep their names; the custom
sections are gone. Each way the glue can differ from what shorten_names() expects must
raise GlueMismatch. Then short_name() must give distinct identifiers, and, when the
release build exists, dist/aksnet.js (the glue is inside it) must hold no hashed
wasm-bindgen name.

bundle(): a glue and a loader of the shapes wasm-bindgen and web/loader.js have become
one module that node imports; its re-exported function and its `ready` must work, and
every other shape must raise GlueMismatch.

Needs python3 and node; exits 1 on any failure. Usage: python3 tests/python/glue_rewrite.py
"""

import json
import os
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.dont_write_bytecode = True  # no scripts/__pycache__ left in the tree
sys.path.insert(0, str(ROOT / "scripts"))
import pack_wasm  # noqa: E402  (the code under test, shared with the build)

DIST_GLUE = pathlib.Path(os.environ.get("AKSNET_DIST", ROOT / "dist")) / "aksnet.js"

ADD = "__wbg_add_0123456789abcdef"
RUN = "run_demo"
MODULE = "./demo_bg.js"


def uleb(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def name(s):
    return uleb(len(s.encode())) + s.encode()


def section(sid, body):
    return bytes([sid]) + uleb(len(body)) + body


def vec(items):
    return uleb(len(items)) + b"".join(items)


def demo_module():
    """(i32, i32) -> i32 `run_demo` that calls the imported `add`; exports the memory."""
    i32 = 0x7F
    types = vec([bytes([0x60, 2, i32, i32, 1, i32])])
    imports = vec(
        [
            name("other") + name("keep_me") + bytes([0, 0]),  # a function of type 0
            name(MODULE) + name(ADD) + bytes([0, 0]),
            name("other") + name("table") + bytes([1, 0x70, 0, 1]),  # funcref, min 1
            name("other") + name("memory") + bytes([2, 1, 1, 2]),  # min 1, max 2
            name("other") + name("global") + bytes([3, i32, 0]),  # immutable i32
        ]
    )
    funcs = vec([uleb(0)])
    exports = vec([name(RUN) + bytes([0, 2]), name("memory") + bytes([2, 0])])
    body = bytes([0, 0x20, 0, 0x20, 1, 0x10, 1, 0x0B])  # local.get 0, 1; call add
    code = vec([uleb(len(body)) + body])
    return (
        b"\0asm\1\0\0\0"
        + section(0, name("producers") + b"\1\2xy")
        + section(1, types)
        + section(2, imports)
        + section(3, funcs)
        + section(7, exports)
        + section(10, code)
        + section(0, name("name") + b"\0\0")
    )


# The glue's shape, as wasm-bindgen writes it (a script here, not a module).
GLUE = f"""
function getImports() {{
const import0 = {{
__proto__: null,
{ADD}: function(arg0, arg1) {{
return arg0 + arg1;
}},
}};
return {{ __proto__: null, "{MODULE}": import0 }};
}}
function {RUN}(wasm, a, b) {{
return wasm.{RUN}(a, b);
}}
"""

# node -e HARNESS MODULE GLUE: instantiates MODULE with the glue's imports and prints
# {"sum": run_demo(2, 40), "imports": [...], "exports": [...]}.
HARNESS = r"""
const fs = require("fs");
const glue = new Function(fs.readFileSync(process.argv[2], "utf8") + "; return { getImports, run_demo };")();
const imports = glue.getImports();
imports.other = {
  keep_me: (a, b) => a - b,
  table: new WebAssembly.Table({ initial: 1, element: "anyfunc" }),
  memory: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
  global: new WebAssembly.Global({ value: "i32", mutable: false }, 7),
};
const module = new WebAssembly.Module(fs.readFileSync(process.argv[1]));
const instance = new WebAssembly.Instance(module, imports);
console.log(JSON.stringify({
  sum: glue.run_demo(instance.exports, 2, 40),
  imports: WebAssembly.Module.imports(module).map((i) => i.module + "." + i.name),
  exports: WebAssembly.Module.exports(module).map((e) => e.name),
  customSections: ["name", "producers"].map((n) => WebAssembly.Module.customSections(module, n).length),
}));
"""


# A glue and a loader in the shapes bundle() expects, much smaller.
BUNDLE_GLUE = """let wasm;
export function evaluate(x) {
return wasm.a(x);
}
function initSync() {
return wasm;
}
async function __wbg_init(module) {
wasm = { a: (x) => x * module };
return wasm;
}
export { initSync, __wbg_init as default };
"""
BUNDLE_LOADER = """import init from "./aksnet-web.js";
export { evaluate } from "./aksnet-web.js";
export const ready = init(2);
"""
BROKEN_BUNDLES = {
    "loader without the import": (BUNDLE_GLUE, BUNDLE_LOADER.replace('import init from "./aksnet-web.js";\n', "")),
    "loader re-exporting a missing function": (BUNDLE_GLUE, BUNDLE_LOADER.replace("{ evaluate }", "{ evaluate, cidrFit }")),
    "glue without its export line": (BUNDLE_GLUE.replace("export { initSync, __wbg_init as default };\n", ""), BUNDLE_LOADER),
    "glue exporting a constant": (BUNDLE_GLUE + "export const x = 1;\n", BUNDLE_LOADER),
    "glue importing": ('import "./x.js";\n' + BUNDLE_GLUE, BUNDLE_LOADER),
    "glue declaring the loader's name": (BUNDLE_GLUE + "const ready = 0;\n", BUNDLE_LOADER),
}


def check_bundle(tmp):
    """Failures of bundle(): the module must run in node, and bad shapes be refused."""
    failures = []
    module = tmp / f"glue_rewrite.{os.getpid()}.mjs"
    try:
        module.write_text(pack_wasm.bundle(BUNDLE_GLUE, BUNDLE_LOADER), encoding="utf-8")
        script = f"const m = await import({json.dumps(module.as_uri())}); await m.ready; console.log(m.evaluate(21));"
        done = subprocess.run(
            ["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=False
        )
    finally:
        module.unlink(missing_ok=True)
    if done.returncode != 0 or done.stdout.strip() != "42":
        failures.append(f"the bundled module does not run: {done.stdout.strip()!r} {done.stderr.strip()}")
    for why, (glue, loader) in BROKEN_BUNDLES.items():
        try:
            pack_wasm.bundle(glue, loader)
            failures.append(f"bundle, {why}: accepted")
        except pack_wasm.GlueMismatch:
            pass
    return failures


def main():
    failures = []
    wasm, glue = pack_wasm.shorten_names(demo_module(), GLUE)
    tmp = pathlib.Path(os.environ.get("TMPDIR", "/tmp"))
    wasm_file, glue_file = tmp / f"glue_rewrite.{os.getpid()}.wasm", tmp / f"glue_rewrite.{os.getpid()}.js"
    try:
        wasm_file.write_bytes(wasm)
        glue_file.write_text(glue, encoding="utf-8")
        done = subprocess.run(
            ["node", "-e", HARNESS, str(wasm_file), str(glue_file)], capture_output=True, text=True, check=False
        )
    finally:
        wasm_file.unlink(missing_ok=True)
        glue_file.unlink(missing_ok=True)
    if done.returncode != 0:
        failures.append(f"node could not run the renamed module with the renamed glue:\n{done.stderr}")
    else:
        got = json.loads(done.stdout)
        expected = {
            "sum": 42,
            "imports": ["other.keep_me", "a.a", "other.table", "other.memory", "other.global"],
            "exports": ["a", "b"],
            "customSections": [0, 0],
        }
        if got != expected:
            failures.append(f"renamed module: {got}, expected {expected}")
    if ADD in glue or f"wasm.{RUN}" in glue or MODULE in glue:
        failures.append(f"the glue keeps an old name:\n{glue}")
    if f"function {RUN}(" not in glue:
        failures.append("the glue's own function lost its name")

    # Every glue that differs from the expected shape is refused.
    broken = {
        "import key missing": GLUE.replace(f"{ADD}: function", "other: function"),
        "import named twice": GLUE + f"\nconsole.log('{ADD}');\n",
        "import not a function": GLUE.replace(f"{ADD}: function(arg0, arg1) {{", f"{ADD}: (arg0, arg1) => {{"),
        "export quoted": GLUE + f'\nwasm["{RUN}"];\n',
        "export read from elsewhere": GLUE + f"\ninstance.exports.{RUN};\n",
        "module named twice": GLUE + f'\nconst m = "{MODULE}";\n',
        "no import object": GLUE.replace(f'"{MODULE}": import0', f'"{MODULE}": other'),
    }
    for why, text in broken.items():
        try:
            pack_wasm.shorten_names(demo_module(), text)
            failures.append(f"{why}: accepted")
        except pack_wasm.GlueMismatch:
            pass
    try:
        pack_wasm.shorten_names(b"\0asm\2\0\0\0", GLUE)
        failures.append("a module of another version: accepted")
    except ValueError:
        pass

    names = [pack_wasm.short_name(n) for n in range(5000)]
    if len(set(names)) != len(names) or not all(re.fullmatch(r"[A-Za-z]+", n) for n in names):
        failures.append("short_name() repeats a name or gives a non-identifier")
    if names[:3] != ["a", "b", "c"] or pack_wasm.short_name(52) != "ba":
        failures.append(f"short_name(): {names[:3]}, {pack_wasm.short_name(52)}")

    failures += check_bundle(tmp)

    real = "without the release build"
    if DIST_GLUE.is_file():
        real = "with the release build"
        left = re.findall(r"__wbg_\w*_[0-9a-f]{16}\b", DIST_GLUE.read_text(encoding="utf-8"))
        if left:
            failures.append(f"{DIST_GLUE} still names {left[:3]}: a stale build?")

    for failure in failures:
        print("glue_rewrite:", failure)
    print(f"glue_rewrite: {len(broken) + 1} broken glues and {len(BROKEN_BUNDLES)} broken bundles refused, {real}: "
          f"{'FAILED' if failures else 'all as expected'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
