package webserve

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The protections travel with the files: web/_headers holds every header
// Headers sets (for static hosts that read it), and web/index.html's
// <meta http-equiv="Content-Security-Policy"> holds every directive of the
// policy that a <meta> element can carry (for hosts that send no headers).

// headersFile reads the header lines under the /* path of a _headers file.
func headersFile(t *testing.T, file string) map[string]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got := map[string]string{}
	path := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
		case !strings.HasPrefix(line, " ") && !strings.HasPrefix(line, "\t"):
			path = trimmed
		default:
			name, value, ok := strings.Cut(trimmed, ":")
			if !ok || path == "" {
				t.Fatalf("%s:%d: %q is neither a path nor a header under one", file, n, line)
			}
			if path != "/*" {
				t.Errorf("%s:%d: headers for %q: the page sends the same headers on every file", file, n, path)
			}
			if _, dup := got[name]; dup {
				t.Errorf("%s:%d: %s twice", file, n, name)
			}
			got[name] = strings.TrimSpace(value)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// directives maps a policy's directive names to their values.
func directives(csp string) map[string]string {
	out := map[string]string{}
	for _, d := range strings.Split(csp, ";") {
		name, value, _ := strings.Cut(strings.TrimSpace(d), " ")
		if name != "" {
			out[name] = strings.TrimSpace(value)
		}
	}
	return out
}

func TestHeadersFileMatchesHeaders(t *testing.T) {
	got := headersFile(t, filepath.Join("..", "..", "web", "_headers"))
	for name, want := range Headers {
		if got[name] != want {
			t.Errorf("web/_headers: %s is %q, want %q (as serve.go sends it)", name, got[name], want)
		}
	}
	for name := range got {
		if _, ok := Headers[name]; !ok {
			t.Errorf("web/_headers sends %s, which serve.go does not", name)
		}
	}
}

// Directives a <meta> policy ignores (CSP Level 3, 3.3: frame-ancestors,
// report-uri and sandbox are delivered by headers only).
var headerOnly = []string{"frame-ancestors", "report-uri", "sandbox"}

func TestIndexMetaPolicy(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "web", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	metas := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindAllStringSubmatchIndex(html, -1)
	if len(metas) != 1 {
		t.Fatalf("web/index.html has %d Content-Security-Policy <meta> elements, want 1", len(metas))
	}
	// A <meta> policy covers only what comes after it.
	if first := strings.Index(html, "<script"); first >= 0 && first < metas[0][0] {
		t.Errorf("a script comes before the policy's <meta>")
	}
	if first := strings.Index(html, "<link"); first >= 0 && first < metas[0][0] {
		t.Errorf("a link comes before the policy's <meta>")
	}
	meta := directives(html[metas[0][2]:metas[0][3]])
	header := directives(Headers["Content-Security-Policy"])
	for name, want := range header {
		if slices.Contains(headerOnly, name) {
			if _, ok := meta[name]; ok {
				t.Errorf("the <meta> policy holds %s, which a <meta> element cannot carry", name)
			}
			continue
		}
		if meta[name] != want {
			t.Errorf("the <meta> policy's %s is %q, want %q (as the header's)", name, meta[name], want)
		}
	}
	for name := range meta {
		if _, ok := header[name]; !ok {
			t.Errorf("the <meta> policy holds %s, which the header does not", name)
		}
	}
}
