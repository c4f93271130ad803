package webserve

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// site makes a web/ directory with plain and precompressed files, a
// subdirectory, a dotfile and a secret outside it.
func site(t *testing.T) string {
	t.Helper()
	top := t.TempDir()
	dir := filepath.Join(top, "web")
	files := map[string]string{
		"index.html":       "<!doctype html><title>corsplay</title>",
		"app.js":           "console.log('plain')",
		"app.js.br":        "BROTLI-BYTES",
		"app.js.gz":        "GZIP-BYTES",
		"corsplay.wasm":    "\x00asm-plain",
		"corsplay.wasm.br": "\x00asm-brotli",
		"only-gz.css":      "body{}",
		"only-gz.css.gz":   "GZ-CSS",
		"data.bin":         "binary",
		"sub/page.html":    "nested",
		".hidden":          "dotfile",
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(top, "secret.txt"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(top, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	return dir
}

type want struct {
	status   int
	body     string // exact body, when not ""
	ctype    string
	encoding string
	vary     bool // Vary: Accept-Encoding required (404s may have it too)
}

func TestHandler(t *testing.T) {
	h, err := Handler(site(t))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path, accept string
		want                       want
	}{
		{name: "index", path: "/", want: want{status: 200, body: "<!doctype html><title>corsplay</title>", ctype: "text/html; charset=utf-8", vary: true}},
		{name: "index by name", path: "/index.html", want: want{status: 200, ctype: "text/html; charset=utf-8", vary: true}},
		{name: "brotli preferred", path: "/app.js", accept: "gzip, deflate, br, zstd", want: want{status: 200, body: "BROTLI-BYTES", ctype: "text/javascript; charset=utf-8", encoding: "br", vary: true}},
		{name: "gzip when br not accepted", path: "/app.js", accept: "gzip", want: want{status: 200, body: "GZIP-BYTES", ctype: "text/javascript; charset=utf-8", encoding: "gzip", vary: true}},
		{name: "br refused with q=0", path: "/app.js", accept: "br;q=0, gzip;q=0.5", want: want{status: 200, body: "GZIP-BYTES", encoding: "gzip", vary: true}},
		{name: "identity without accept-encoding", path: "/app.js", want: want{status: 200, body: "console.log('plain')", ctype: "text/javascript; charset=utf-8", vary: true}},
		{name: "star means br", path: "/app.js", accept: "*", want: want{status: 200, body: "BROTLI-BYTES", encoding: "br", vary: true}},
		{name: "star but br refused", path: "/app.js", accept: "br;q=0, *", want: want{status: 200, body: "GZIP-BYTES", encoding: "gzip", vary: true}},
		{name: "wasm brotli as application/wasm", path: "/corsplay.wasm", accept: "br", want: want{status: 200, body: "\x00asm-brotli", ctype: "application/wasm", encoding: "br", vary: true}},
		{name: "wasm plain", path: "/corsplay.wasm", accept: "gzip", want: want{status: 200, body: "\x00asm-plain", ctype: "application/wasm", vary: true}},
		{name: "only gz exists, br asked", path: "/only-gz.css", accept: "br, gzip", want: want{status: 200, body: "GZ-CSS", ctype: "text/css; charset=utf-8", encoding: "gzip", vary: true}},
		{name: "unknown type", path: "/data.bin", want: want{status: 200, ctype: "application/octet-stream", vary: true}},
		{name: "HEAD", method: "HEAD", path: "/app.js", accept: "br", want: want{status: 200, encoding: "br", vary: true}},
		{name: "POST refused", method: "POST", path: "/app.js", want: want{status: 405}},
		{name: "precompressed by name", path: "/app.js.br", want: want{status: 404}},
		{name: "gz by name", path: "/app.js.gz", accept: "gzip", want: want{status: 404}},
		{name: "directory", path: "/sub", want: want{status: 404}},
		{name: "directory slash", path: "/sub/", want: want{status: 404}},
		{name: "nested file", path: "/sub/page.html", want: want{status: 200, body: "nested", vary: true}},
		{name: "dotfile", path: "/.hidden", want: want{status: 404}},
		{name: "missing", path: "/nope.js", want: want{status: 404}},
		{name: "traversal", path: "/../secret.txt", want: want{status: 404}},
		{name: "traversal inside", path: "/sub/../../secret.txt", want: want{status: 404}},
		{name: "encoded traversal", path: "/..%2fsecret.txt", want: want{status: 404}},
		{name: "backslash traversal", path: "/..\\secret.txt", want: want{status: 404}},
		{name: "symlink out of the root", path: "/link.txt", want: want{status: 404}},
		{name: "double slash", path: "//secret.txt", want: want{status: 404}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := tt.method
			if method == "" {
				method = "GET"
			}
			req := httptest.NewRequest(method, "http://127.0.0.1"+strings.ReplaceAll(tt.path, "\\", "%5C"), nil)
			if strings.Contains(tt.path, "%2f") {
				req.URL.Path = "/../secret.txt" // what a decoded %2f becomes
			}
			if tt.accept != "" {
				req.Header.Set("Accept-Encoding", tt.accept)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			res := rec.Result()
			body, _ := io.ReadAll(res.Body)
			if res.StatusCode != tt.want.status {
				t.Fatalf("status %d, want %d (body %q)", res.StatusCode, tt.want.status, body)
			}
			if strings.Contains(string(body), "SECRET") {
				t.Fatalf("served a file outside the root: %q", body)
			}
			if tt.want.body != "" && string(body) != tt.want.body {
				t.Errorf("body %q, want %q", body, tt.want.body)
			}
			if method == "HEAD" && len(body) != 0 {
				t.Errorf("HEAD has a body %q", body)
			}
			if tt.want.ctype != "" && res.Header.Get("Content-Type") != tt.want.ctype {
				t.Errorf("Content-Type %q, want %q", res.Header.Get("Content-Type"), tt.want.ctype)
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.want.encoding {
				t.Errorf("Content-Encoding %q, want %q", got, tt.want.encoding)
			}
			if tt.want.vary && res.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("Vary %q, want Accept-Encoding", res.Header.Get("Vary"))
			}
			// Security headers on every response, errors included.
			for k, v := range Headers {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if res.Header.Get("X-Frame-Options") != "" {
				t.Error("X-Frame-Options would break documentation iframes")
			}
		})
	}
}

// TestCSP checks the policy's directives one by one, so a loosened policy
// fails with a clear message.
func TestCSP(t *testing.T) {
	csp := directives(Headers["Content-Security-Policy"])
	want := map[string]string{
		"default-src":     "'self'",
		"script-src":      "'self' 'wasm-unsafe-eval'",
		"style-src":       "'self'",
		"img-src":         "'self' data:",
		"object-src":      "'none'",
		"base-uri":        "'none'",
		"frame-ancestors": "*",
		"form-action":     "'none'",
	}
	for k, v := range want {
		if csp[k] != v {
			t.Errorf("CSP %s = %q, want %q", k, csp[k], v)
		}
	}
	for k := range csp {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected CSP directive %s", k)
		}
	}
	if strings.Contains(Headers["Content-Security-Policy"], "unsafe-inline") || strings.Contains(Headers["Content-Security-Policy"], "'unsafe-eval'") {
		t.Error("CSP allows inline script/style or eval")
	}
}

// TestWorkerScript: the page starts loader-worker.js as a dedicated worker
// and the worker compiles the engine, so the worker's own response must be
// a same-origin script whose CSP allows compiling wasm, and the page's CSP
// must let it start (worker-src, else child-src, else script-src).
func TestWorkerScript(t *testing.T) {
	dir := site(t)
	if err := os.WriteFile(filepath.Join(dir, "loader-worker.js"), []byte("self.postMessage(1)"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := Handler(dir)
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "http://127.0.0.1/loader-worker.js", nil))
	res := rec.Result()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Fatalf("loader-worker.js: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	csp := directives(res.Header.Get("Content-Security-Policy"))
	if !strings.Contains(csp["script-src"], "'wasm-unsafe-eval'") {
		t.Errorf("the worker's CSP does not let it compile wasm: script-src %q", csp["script-src"])
	}
	starts := csp["worker-src"]
	if starts == "" {
		starts = csp["child-src"]
	}
	if starts == "" {
		starts = csp["script-src"]
	}
	if !strings.Contains(starts, "'self'") {
		t.Errorf("the page's CSP does not let it start a same-origin worker (%q)", starts)
	}
}

func TestAcceptEncodings(t *testing.T) {
	tests := []struct {
		header string
		want   string // sorted accepted codings among br,gzip
	}{
		{header: "", want: ""},
		{header: "gzip, deflate, br, zstd", want: "br,gzip"},
		{header: "BR;Q=1.0", want: "br"},
		{header: "br;q=0", want: ""},
		{header: "br;q=0.001", want: "br"},
		{header: "br;q=abc", want: ""},
		{header: "x-gzip", want: "gzip"},
		{header: "*;q=0", want: ""},
		{header: "identity", want: ""},
		{header: " gzip ; q=0.8 , br ; q=0.9 ", want: "br,gzip"},
	}
	for _, tt := range tests {
		got := acceptEncodings(tt.header)
		var s []string
		for _, e := range []string{"br", "gzip"} {
			if got[e] {
				s = append(s, e)
			}
		}
		if strings.Join(s, ",") != tt.want {
			t.Errorf("acceptEncodings(%q) = %v, want %s", tt.header, s, tt.want)
		}
	}
}

func TestCheck(t *testing.T) {
	dir := site(t)
	if err := Check(dir); err != nil {
		t.Errorf("Check(built) = %v", err)
	}
	if err := Check(t.TempDir()); err != ErrNoWasm {
		t.Errorf("Check(empty) = %v, want ErrNoWasm", err)
	}
	if _, err := Handler(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Error("Handler(missing dir) succeeded")
	}
}

// TestRealServer runs the handler behind a real listener, as a browser
// reaches it, and checks a conditional request.
func TestRealServer(t *testing.T) {
	h, err := Handler(site(t))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/corsplay.wasm", nil)
	req.Header.Set("Accept-Encoding", "br")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != "\x00asm-brotli" || res.Header.Get("Content-Encoding") != "br" {
		t.Fatalf("got %q %v", body, res.Header)
	}
	req.Header.Set("If-Modified-Since", res.Header.Get("Last-Modified"))
	res, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("conditional GET: %d, want 304", res.StatusCode)
	}
}
