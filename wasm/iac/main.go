//go:build js && wasm

package main

import (
	"os"
	"sort"
	"syscall/js"
)

// main installs Funcs on the namespace object whose global name the loader
// passes as the first argument, calls its onReady, and blocks. Each
// function returns its JSON string, or {error: string} for a bad call.
func main() {
	global := "__corsplayIaC"
	if len(os.Args) > 1 {
		global = os.Args[1]
	}
	ns := js.Global().Get(global)
	if ns.Type() != js.TypeObject {
		println("corsplay-iac: no namespace object window." + global)
		return
	}
	names := make([]string, 0, len(Funcs))
	for n := range Funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		ns.Set(name, js.FuncOf(func(_ js.Value, args []js.Value) (ret any) {
			defer func() {
				if r := recover(); r != nil {
					ret = map[string]any{"error": "corsplayIaC." + name + ": internal error in the bridge"}
				}
			}()
			strs := make([]string, len(args))
			for i, a := range args {
				if a.Type() != js.TypeString {
					return map[string]any{"error": "corsplayIaC." + name + ": every argument must be a string"}
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
	if ready := ns.Get("onReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}
