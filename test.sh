#!/usr/bin/env bash
# Every test corsplay has: formatting and vet (native and js/wasm), the
# wasm's size budget, the native tests (engine, command line, server, page
# in real headless Chromium), and the engine's tests again compiled to
# WebAssembly under node.
# Installs what it needs when it is missing (Debian's chromium and brotli,
# node), as root with apt-get.
set -euo pipefail
cd "$(dirname "$0")"

need() { command -v "$1" >/dev/null 2>&1; }
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: $* missing; install it (as root: apt-get install -y $*)" >&2
    exit 1
  fi
  echo "test.sh: installing $* (apt-get)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
missing=()
need chromium || [ -x /usr/bin/chromium ] || missing+=(chromium)
need brotli || missing+=(brotli)
need node || missing+=(nodejs)
[ ${#missing[@]} -eq 0 ] || apt_install "${missing[@]}"

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi

# Packages that drive a browser (chromedp) cannot be built for js/wasm;
# every other package is vetted and tested there too.
wasm_pkgs=$(go list -f '{{.ImportPath}} {{join .Deps " "}}' ./internal/... ./wasm/... |
  awk '!/chromedp/ {print $1}')

echo "== go vet (native, and GOOS=js GOARCH=wasm)"
go vet ./...
GOOS=js GOARCH=wasm go vet $wasm_pkgs

echo "== build the page (./build.sh)"
./build.sh >/dev/null

# The page's engine as the browser transfers it: build.sh's brotli -q 11
# copy. (What it may link is checked by wasm/deps_test.go.)
echo "== the wasm's size budget"
budget=1100000
size=$(stat -c %s web/corsplay.wasm.br)
if [ "$size" -gt "$budget" ]; then
  echo "web/corsplay.wasm is $size bytes with brotli -q 11, over the budget of $budget"; exit 1
fi
echo "web/corsplay.wasm: $size bytes with brotli -q 11 (budget $budget)"

echo "== native tests, browser tests included"
CORSPLAY_E2E=require go test -count=1 -timeout 30m ./...

echo "== the engine compiled to WebAssembly, under node"
GOOS=js GOARCH=wasm go test -count=1 -timeout 30m -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" $wasm_pkgs

echo "test.sh: all tests passed"
