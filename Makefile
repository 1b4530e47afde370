# aksnet's one task runner. `make serve` and `make test` are the two commands a new
# user needs; both first install whatever tool is missing, and only what is missing.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.ONESHELL:
.DEFAULT_GOAL := help

TRUNK_VERSION   := 0.21.14
BINARYEN_NPM    := 132
TERSER_NPM      := 5.51.2
# The exact wasm-bindgen pinned in Cargo.toml, as Cargo.lock resolved it.
WASM_BINDGEN    := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
TOOLS           ?= $(HOME)/.cache/aksnet-tools
export PATH     := $(HOME)/.cargo/bin:$(TOOLS)/node_modules/.bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true
WASM            := wasm32-unknown-unknown
# The size gate: the whole of dist/ at most this many KB (1,024 bytes) gzip -9, issue 7's
# budget. A ratchet: lower it as cuts land toward 100 KB, never raise it
# (docs/performance.md, "The budget").
SIZE_BUDGET_KB  := 146
BROWSER_ENV     := CHROMEDRIVER=/usr/bin/chromedriver \
                   CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
                   WASM_BINDGEN_TEST_TIMEOUT=120 WASM_BINDGEN_TEST_DRIVER_TIMEOUT=30

.PHONY: help tools serve test build bench
help:
	@echo "make serve   serve the planner at http://127.0.0.1:8080 (rebuilds on save; reload the page)"
	@echo "make test    run every check (the CI gate)"
	@echo "make build   release build of the site into dist/"
	@echo "make bench   site sizes, engine benchmarks, the Python comparison, browser timings"
	@echo "make screenshots  screenshots of the site at 360 and 1440 px"
	@echo "make fuzz    fuzz every target for FUZZ_SECONDS (600) each"

## Install what is missing: the wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt, terser, Chromium.
tools:
	@if ! rustup target list --installed | grep -qx $(WASM); then
	  echo "installing the $(WASM) target"; rustup target add $(WASM)
	fi
	if [ "$$(trunk --version 2>/dev/null)" != "trunk $(TRUNK_VERSION)" ]; then
	  echo "installing trunk $(TRUNK_VERSION) (about 7 minutes on 2 cores)"
	  cargo install trunk --version $(TRUNK_VERSION) --locked
	fi
	if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN)" ]; then
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN) (about 2 minutes)"
	  # --locked fails: one locked dependency is not on the registry.
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN) --force
	fi
	if [ "$$(wasm-opt --version 2>/dev/null | grep -o 'version [0-9]*')" != "version $(BINARYEN_NPM)" ]; then
	  echo "installing wasm-opt from npm binaryen@$(BINARYEN_NPM)"
	  mkdir -p "$(TOOLS)"; npm install --silent --no-audit --no-fund --prefix "$(TOOLS)" binaryen@$(BINARYEN_NPM)
	fi
	if [ "$$(terser --version 2>/dev/null)" != "terser $(TERSER_NPM)" ]; then
	  echo "installing terser $(TERSER_NPM) from npm (the build minifies the scripts with it)"
	  mkdir -p "$(TOOLS)"; npm install --silent --no-audit --no-fund --prefix "$(TOOLS)" terser@$(TERSER_NPM)
	fi
	if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
	  echo "installing chromium and chromedriver from Debian"
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo
	  $$sudo apt-get update -qq; $$sudo apt-get install -y -qq chromium chromium-driver >/dev/null
	fi
	grep -qx 'wasm_bindgen = "$(WASM_BINDGEN)"' Trunk.toml || {
	  echo "Trunk.toml [tools] wasm_bindgen must be \"$(WASM_BINDGEN)\" (the Cargo.lock version)"; exit 1; }
	cargo fetch --quiet

serve: tools
	trunk serve

build: tools
	trunk build --release

## The gate: every check, then one summary line. Used as-is by .ci/run.
test: tools
	@passed=0; failed=0; failures=""
	step() {
	  local name=$$1; shift
	  echo "==> $$name"
	  if "$$@"; then passed=$$((passed+1)); else failed=$$((failed+1)); failures="$$failures $$name"; fi
	}
	step fmt            cargo fmt --all -- --check
	step clippy-host    cargo clippy --workspace --exclude aksnet-web --all-targets --features aksnet-tests/e2e --quiet -- -D warnings
	step clippy-wasm32  cargo clippy -p aksnet-core -p aksnet-web --target $(WASM) --lib --bins --tests --quiet -- -D warnings
	step native-tests   cargo test --quiet
	step no-std-wasm32  cargo build -p aksnet-core --no-default-features --target $(WASM) --quiet
	step docs           env RUSTDOCFLAGS="-D warnings" cargo doc --workspace --exclude aksnet-web --no-deps --quiet
	step browser-tests  env $(BROWSER_ENV) cargo test -p aksnet-web --target $(WASM)
	step release-site   trunk build --release
	step unlzma         python3 tests/python/lzma_roundtrip.py
	step glue-rewrite   python3 tests/python/glue_rewrite.py
	step size-budget    python3 scripts/dist_sizes.py dist --budget-kb $(SIZE_BUDGET_KB)
	step e2e            env CHROMEDRIVER=/usr/bin/chromedriver cargo test -p aksnet-tests --features e2e --test e2e -- --test-threads=1
	echo
	[ -z "$$failures" ] || echo "failed steps:$$failures"
	echo "gate: $$passed passed, $$failed failed"
	[ "$$failed" = 0 ]

.PHONY: screenshots
## Screenshots of the release site at 360 and 1440 px, light and dark, into target/screenshots/.
screenshots: build
	mkdir -p target/screenshots
	(cd dist && exec python3 -m http.server 8099 --bind 127.0.0.1 >/dev/null 2>&1) & server=$$!
	trap 'kill $$server' EXIT
	for i in $$(seq 50); do python3 -c 'import socket; socket.create_connection(("127.0.0.1", 8099))' 2>/dev/null && break; sleep 0.1; done
	for w in 360 1440; do for scheme in light dark; do
	  chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
	    --disable-component-update --disable-sync --user-data-dir="$$(mktemp -d)" --hide-scrollbars \
	    --blink-settings=preferredColorScheme=$$([ $$scheme = dark ] && echo 0 || echo 1) --window-size=$$w,2400 --virtual-time-budget=5000 \
	    --screenshot=target/screenshots/planner-$$w-$$scheme.png http://127.0.0.1:8099/ 2>/dev/null
	done; done
	ls target/screenshots

.PHONY: fuzz
FUZZ_SECONDS ?= 600
FUZZ_TARGETS := plan_json json cidr fragment cli_args
## Fuzz every target for FUZZ_SECONDS each (cargo-fuzz on the nightly toolchain).
fuzz:
	if ! cargo fuzz --version >/dev/null 2>&1; then cargo install cargo-fuzz --locked; fi
	cd fuzz
	for t in $(FUZZ_TARGETS); do
	  mkdir -p corpus/$$t
	  cargo +nightly fuzz run $$t corpus/$$t -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=2048 -max_len=65536 2>&1 | tail -n 3
	done

.PHONY: bench
## Benchmarks: the site's file sizes, criterion results for the engine, `free` against
## Python's ipaddress, then browser timings on the release site.
bench: build
	python3 scripts/dist_sizes.py dist
	cargo bench -p aksnet-core --bench engine
	cargo bench -p aksnet-tests --bench free_vs_python
	env CHROMEDRIVER=/usr/bin/chromedriver cargo bench -p aksnet-tests --features e2e --bench browser
