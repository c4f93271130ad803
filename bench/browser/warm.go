package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// patchPage serves index.html with data-warm=mode on loader.js's script
// tag (when mode is not "") and, with preload, a <link rel=preload> for the
// wasm: to compare choices without editing the page.
func patchPage(h http.Handler, dir, mode string, preload bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" && r.URL.Path != "/index.html" {
			h.ServeHTTP(w, r)
			return
		}
		b, err := os.ReadFile(filepath.Join(dir, "index.html"))
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		page := string(b)
		if mode != "" {
			page = strings.Replace(page, `<script src="loader.js"`, `<script src="loader.js" data-warm="`+mode+`"`, 1)
		}
		if preload {
			page = strings.Replace(page, `<link rel="stylesheet"`, `<link rel="preload" href="corsplay.wasm" as="fetch" type="application/wasm" crossorigin>`+"\n"+`<link rel="stylesheet"`, 1)
		}
		// Same headers as the real handler: ask it for a 404 to copy them.
		rec := &headerOnly{h: w.Header()}
		h.ServeHTTP(rec, r.Clone(r.Context()))
		w.Header().Del("Content-Encoding")
		w.Header().Del("Content-Length")
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte(page))
	})
}

// headerOnly lets the wrapped handler set headers and drops its body.
type headerOnly struct{ h http.Header }

func (x *headerOnly) Header() http.Header         { return x.h }
func (x *headerOnly) Write(p []byte) (int, error) { return len(p), nil }
func (x *headerOnly) WriteHeader(int)             {}
