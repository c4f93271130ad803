//go:build js && wasm

package main

import (
	"os"
	"syscall/js"
)

// main installs the API on the namespace object whose global name the
// loader passes as the first argument (go.argv), tells the loader it is
// ready by calling the object's onReady, and blocks: the functions live as
// long as the page.
//
// The loader deletes the global once ready fires, so nothing of corsplay's
// Go side stays on window; the page uses window.corsplay from loader.js.
func main() {
	global := "__corsplayGo"
	if len(os.Args) > 1 {
		global = os.Args[1]
	}
	ns := js.Global().Get(global)
	if ns.Type() != js.TypeObject {
		println("corsplay: no namespace object window." + global + "; load corsplay.wasm through loader.js")
		return
	}
	// GOGC is 300: web/loader.js sets it in Go's environment (the page
	// allocates at every keystroke; the heap grows to 4× what is live
	// between collections instead of 2×), not debug.SetGCPercent, so that
	// the engine does not link runtime/debug (and, through it, fmt).
	Install(ns)
	if ready := ns.Get("onReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

// Install sets every function of Funcs on obj. Each returns its result, a
// JS string, or an object {error: string}, and never lets a Go panic
// escape. (The string itself, not {result: string}: making an object and
// setting its property were three more crossings between JS and Go at every
// call, a large part of a call's fixed cost.)
func Install(obj js.Value) {
	for _, name := range Names() {
		obj.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (ret any) {
			defer func() {
				// Call recovers panics of the functions; this catches
				// any in the conversion below, so the runtime lives on.
				if r := recover(); r != nil {
					ret = map[string]any{"error": "corsplay." + name + ": internal error in the bridge"}
				}
			}()
			strs := make([]string, len(args))
			for i, a := range args {
				if a.Type() != js.TypeString {
					return map[string]any{"error": ArgTypeError(name, i, a.Type().String()).Error()}
				}
				strs[i] = a.String()
			}
			res, err := Call(name, strs)
			if err != nil {
				return map[string]any{"error": err.Error()}
			}
			return res
		}))
	}
}
