package page

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The page's code is native ES modules, one concern each: index.html loads
// app.js as a module and names every module app.js imports, directly or
// not, in a <link rel="modulepreload">, so that the browser fetches them
// all at once instead of one level of imports at a time. Each module is at
// most 500 lines and imports only the page's own modules.
func TestModules(t *testing.T) {
	web := filepath.Join(repoRoot(), "web")
	html, err := os.ReadFile(filepath.Join(web, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `<script type="module" src="app.js"></script>`) {
		t.Errorf("index.html does not load app.js as a module")
	}
	var preloaded []string
	for _, m := range regexp.MustCompile(`<link rel="modulepreload" href="([^"]+)">`).FindAllStringSubmatch(string(html), -1) {
		preloaded = append(preloaded, m[1])
	}

	importRE := regexp.MustCompile(`(?m)^import (?:[^'"]* from )?['"]([^'"]+)['"];`)
	seen := map[string]bool{}
	var walk func(name, from string)
	walk = func(name, from string) {
		if seen[name] {
			return
		}
		seen[name] = true
		b, err := os.ReadFile(filepath.Join(web, name))
		if err != nil {
			t.Errorf("%s imports %s: %v", from, name, err)
			return
		}
		if n := strings.Count(string(b), "\n"); n > 500 {
			t.Errorf("%s has %d lines, more than 500: split it by concern", name, n)
		}
		for _, m := range importRE.FindAllStringSubmatch(string(b), -1) {
			spec := m[1]
			if !strings.HasPrefix(spec, "./") || strings.Contains(spec[2:], "/") || !strings.HasSuffix(spec, ".js") {
				t.Errorf("%s imports %q: the page imports only its own modules, as ./name.js", name, spec)
				continue
			}
			walk(spec[2:], name)
		}
	}
	walk("app.js", "index.html")
	delete(seen, "app.js")
	for name := range seen {
		if !slices.Contains(preloaded, name) {
			t.Errorf("app.js imports %s, but index.html has no <link rel=\"modulepreload\" href=%q>", name, name)
		}
	}
	for _, name := range preloaded {
		if !seen[name] {
			t.Errorf("index.html preloads %s, which app.js does not import", name)
		}
	}
}
