// Package webserve serves the playground's static files (web/) the way
// corsplay must be served: used by serve.go and by the browser benchmark
// and tests, so what is measured and tested is what people run.
//
// Rules:
//   - GET and HEAD only (405 otherwise). "/" is index.html. Any other path
//     ending in "/", any directory, any name starting with "." and any
//     precompressed file (*.br, *.gz) asked for by name is 404: no
//     listings, one URL per resource.
//   - Files are opened through os.Root: a path with "..", or a symlink,
//     cannot leave the directory.
//   - Content negotiation: when the request accepts br (or gzip) with q > 0
//     and NAME.br (NAME.gz) exists, that file is sent with
//     Content-Encoding; brotli is preferred. Every file response has
//     Vary: Accept-Encoding. Content-Type comes from the uncompressed
//     name (application/wasm for .wasm, so instantiateStreaming works).
//   - Every response, errors included, carries the security headers of
//     Headers: a strict CSP, nosniff, COOP/COEP (cross-origin isolation:
//     performance.now() at 5 µs instead of 100 µs), CORP cross-origin,
//     Referrer-Policy no-referrer, and Access-Control-Allow-Origin: *.
//   - The engine is compiled in a dedicated worker (loader-worker.js, same
//     origin). The page's CSP has no worker-src or child-src, so starting
//     it falls back to script-src 'self'; the worker runs under the CSP of
//     its own response (the same header), whose 'wasm-unsafe-eval' lets it
//     compile. The compiled module then needs no permission in the page to
//     be instantiated, but the page has 'wasm-unsafe-eval' too, for the
//     loader's fallback (compiling on the main thread).
//
// Embedding, and why these headers allow it: documentation sites put the
// page in an iframe (#embed) or load loader.js with a script tag.
//   - CSP frame-ancestors * (and no X-Frame-Options) lets any site frame
//     the page; the page holds no user data or session, so clickjacking has
//     nothing to steal.
//   - COOP only applies to top-level windows: ignored in an iframe.
//   - COEP require-corp constrains what our page loads (only same-origin
//     files, so nothing breaks), not who embeds it. A parent that is itself
//     cross-origin isolated (COEP require-corp) may only embed documents
//     that send COEP and CORP cross-origin; we send both, so the embed works
//     there too. Inside an iframe the page is isolated only if its parent
//     is, so embedded timings are coarser; results are the same.
//   - CORP cross-origin and Access-Control-Allow-Origin: * let another site
//     load loader.js, wasm_exec.js and fetch corsplay.wasm (a CORS-mode
//     fetch). The files are public and no cookies are used, so there is
//     nothing to leak.
package webserve

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Headers are set on every response.
var Headers = map[string]string{
	"Content-Security-Policy": "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
		"img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors *; form-action 'none'",
	"X-Content-Type-Options":       "nosniff",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Embedder-Policy": "require-corp",
	"Cross-Origin-Resource-Policy": "cross-origin",
	"Referrer-Policy":              "no-referrer",
	"Access-Control-Allow-Origin":  "*",
}

// types maps the extensions the page uses to their Content-Type; anything
// else is application/octet-stream (with nosniff, never rendered).
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".wasm": "application/wasm",
	".json": "application/json",
	".svg":  "image/svg+xml",
	".png":  "image/png",
	".ico":  "image/x-icon",
	".txt":  "text/plain; charset=utf-8",
}

// encodings are the precompressed forms, best first.
var encodings = []struct{ name, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// Handler serves the files under dir.
func Handler(dir string) (http.Handler, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	return &handler{root: root}, nil
}

type handler struct{ root *os.Root }

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	for k, v := range Headers {
		w.Header().Set(k, v)
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := fileName(r.URL.Path)
	if !ok {
		http.NotFound(w, r)
		return
	}
	ctype, ok := types[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	w.Header().Set("Vary", "Accept-Encoding")
	accepted := acceptEncodings(r.Header.Get("Accept-Encoding"))
	for _, enc := range encodings {
		if !accepted[enc.name] {
			continue
		}
		if h.serve(w, r, name+enc.ext, ctype, enc.name) {
			return
		}
	}
	if !h.serve(w, r, name, ctype, "") {
		http.NotFound(w, r)
	}
}

// serve sends the regular file name if it exists and reports whether it did.
func (h *handler) serve(w http.ResponseWriter, r *http.Request, name, ctype, encoding string) bool {
	f, err := h.root.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return false
	}
	w.Header().Set("Content-Type", ctype)
	if encoding != "" {
		w.Header().Set("Content-Encoding", encoding)
	}
	// Development server: always revalidate (Last-Modified), so a rebuild
	// shows on reload.
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeContent(w, r, "", st.ModTime(), f)
	return true
}

// fileName maps a URL path to a file name inside the root, or reports that
// there is none to serve.
func fileName(p string) (string, bool) {
	if p == "/" || p == "" {
		return "index.html", true
	}
	if !strings.HasPrefix(p, "/") || strings.HasSuffix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	name := p[1:]
	for _, el := range strings.Split(name, "/") {
		if el == "" || el == "." || el == ".." || strings.HasPrefix(el, ".") {
			return "", false
		}
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	for _, enc := range encodings {
		if strings.HasSuffix(name, enc.ext) {
			return "", false
		}
	}
	return name, true
}

// acceptEncodings parses Accept-Encoding into the set of codings with
// q > 0. "*" stands for br and gzip unless they are listed themselves.
func acceptEncodings(h string) map[string]bool {
	listed := map[string]bool{}
	ok := map[string]bool{}
	star := false
	for _, part := range strings.Split(h, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, found := strings.Cut(strings.TrimSpace(p), "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				if err != nil {
					f = 0
				}
				q = f
			}
		}
		if coding == "*" {
			star = q > 0
			continue
		}
		if coding == "x-gzip" {
			coding = "gzip"
		}
		listed[coding] = true
		ok[coding] = q > 0
	}
	if star {
		for _, enc := range encodings {
			if !listed[enc.name] {
				ok[enc.name] = true
			}
		}
	}
	return ok
}

// ErrNoWasm is returned by Check when the directory has no built engine.
var ErrNoWasm = errors.New("corsplay.wasm is missing")

// Check reports whether dir holds a built page (corsplay.wasm).
func Check(dir string) error {
	st, err := os.Stat(filepath.Join(dir, "corsplay.wasm"))
	if err != nil || !st.Mode().IsRegular() {
		return ErrNoWasm
	}
	return nil
}
