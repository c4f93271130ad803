package main

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
)

// patchWarm serves index.html with data-warm=mode on loader.js's script
// tag, to compare the warm-up choices without editing the page.
func patchWarm(h http.Handler, dir, mode string) http.Handler {
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
		page := strings.Replace(string(b), `<script src="loader.js"`, `<script src="loader.js" data-warm="`+mode+`"`, 1)
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
