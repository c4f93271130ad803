//go:build !(js && wasm)

package main

import "os"

// main explains itself when the package is built for the wrong target; the
// adapter in this package is still compiled and tested natively.
func main() {
	os.Stderr.WriteString("corsplay/wasm runs in a browser: build it with GOOS=js GOARCH=wasm (./build.sh does)\n")
	os.Exit(2)
}
