//go:build !(js && wasm)

package main

import (
	"fmt"
	"os"
)

// main explains itself when the package is built for the wrong target; the
// adapter in this package is still compiled and tested natively.
func main() {
	fmt.Fprintln(os.Stderr, "corsplay/wasm runs in a browser: build it with GOOS=js GOARCH=wasm (./build.sh does)")
	os.Exit(2)
}
