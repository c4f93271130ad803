//go:build !(js && wasm)

package main

import "os"

func main() {
	os.Stderr.WriteString("corsplay/wasm/iac runs in a browser: build it with GOOS=js GOARCH=wasm (./build.sh does)\n")
	os.Exit(2)
}
