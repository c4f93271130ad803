#!/usr/bin/env bash
# build.sh — builds the playground into web/ from the Go toolchain:
#   web/corsplay.wasm   the engine (GOOS=js GOARCH=wasm, -trimpath -ldflags='-s -w')
#   web/corsplay-iac.wasm  the Terraform and CloudFormation readers (./wasm/iac),
#                       fetched by the page on first need
#   web/wasm_exec.js    Go's JS glue, copied from $(go env GOROOT)/lib/wasm
#   web/chroma.css      highlighting styles (light + prefers-color-scheme: dark),
#                       generated natively with chroma's styles package
#   web/prerender.js    the examples and the default example's result, computed
#                       by the same engine (internal/examples/prerender)
#   web/exercises.json  the exercises, fetched when one is opened
#                       (internal/exercises/pagedata)
#   web/*.br, web/*.gz  precompressed copies (brotli -q 11, gzip -9) of every
#                       .wasm/.js/.css/.html, served by serve.go
# All of these are git-ignored. Files are only rewritten (and recompressed)
# when their content changes, so a second run is quick.
set -euo pipefail
cd "$(dirname "$0")"

say() { printf '%s\n' "$*" >&2; }

if ! command -v brotli >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "build.sh: installing brotli (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null
  else
    say "build.sh: brotli is missing; install it (e.g. sudo apt-get install brotli) and run again"
    exit 1
  fi
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# replace SRC DEST: move SRC to DEST unless DEST already has the same bytes
# (keeps DEST's mtime, so its compressed copies stay valid).
replace() {
  if [ -f "$2" ] && cmp -s "$1" "$2"; then
    rm -f "$1"
  else
    mv -f "$1" "$2"
  fi
}

say "build.sh: web/corsplay.wasm"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmp/corsplay.wasm" ./wasm
replace "$tmp/corsplay.wasm" web/corsplay.wasm

# The infrastructure-as-code readers (HCL and its evaluator are about a
# megabyte): a second module the page fetches on first need.
say "build.sh: web/corsplay-iac.wasm"
GOOS=js GOARCH=wasm go build -trimpath -ldflags='-s -w' -o "$tmp/corsplay-iac.wasm" ./wasm/iac
replace "$tmp/corsplay-iac.wasm" web/corsplay-iac.wasm

cp "$(go env GOROOT)/lib/wasm/wasm_exec.js" "$tmp/wasm_exec.js"
replace "$tmp/wasm_exec.js" web/wasm_exec.js

say "build.sh: web/chroma.css"
go run ./internal/highlight/gencss -o "$tmp/chroma.css"
replace "$tmp/chroma.css" web/chroma.css

# ---- generators of the page ------------------------------------------------
# Each runs when its directory exists and writes into $tmp, then web/.
if [ -d internal/examples/prerender ]; then
  say "build.sh: web/prerender.js"
  go run ./internal/examples/prerender -o "$tmp/prerender.js"
  replace "$tmp/prerender.js" web/prerender.js
fi
if [ -d internal/exercises/pagedata ]; then
  say "build.sh: web/exercises.json"
  go run ./internal/exercises/pagedata -o "$tmp/exercises.json"
  replace "$tmp/exercises.json" web/exercises.json
fi
# ---- end of generators -----------------------------------------------------

# Precompress. A stale .br/.gz (older than its source, or without one) is
# rewritten or removed.
for f in web/*.br web/*.gz; do
  [ -e "$f" ] || continue
  [ -e "${f%.*}" ] || rm -f "$f"
done
for f in web/*.wasm web/*.js web/*.css web/*.html web/*.json; do
  [ -e "$f" ] || continue
  if [ ! "$f.br" -nt "$f" ]; then
    brotli -q 11 -f -o "$f.br" "$f"
  fi
  if [ ! "$f.gz" -nt "$f" ]; then
    gzip -9 -n -c "$f" >"$f.gz.tmp" && mv -f "$f.gz.tmp" "$f.gz"
  fi
done

size() { stat -c %s "$1"; }
{
  printf '%-22s %10s %10s %10s\n' file raw gzip brotli
  total_raw=0 total_gz=0 total_br=0
  for f in web/*.wasm web/*.js web/*.css web/*.html; do
    [ -e "$f" ] || continue
    r=$(size "$f") g=$(size "$f.gz") b=$(size "$f.br")
    total_raw=$((total_raw + r)) total_gz=$((total_gz + g)) total_br=$((total_br + b))
    printf '%-22s %10d %10d %10d\n' "${f#web/}" "$r" "$g" "$b"
  done
  printf '%-22s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
} >&2
say "build.sh: done. Serve with: go run serve.go"
