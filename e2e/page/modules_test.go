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
// start.js, which imports app.js after the first frame and names app.js
// and every module it imports, directly or not, in its MODULES (each
// becomes a <link rel="modulepreload">), so that the browser fetches them
// all at once instead of one level of imports at a time. Each module is at
// most 500 lines and imports only the page's own modules.
func TestModules(t *testing.T) {
	web := filepath.Join(repoRoot(), "web")
	html, err := os.ReadFile(filepath.Join(web, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), `<script src="start.js" defer=""></script>`) {
		t.Errorf("index.html does not load start.js")
	}
	start, err := os.ReadFile(filepath.Join(web, "start.js"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(start), `import('./app.js')`) {
		t.Errorf("start.js does not import app.js")
	}
	list := regexp.MustCompile(`const MODULES = \[([^\]]*)\]`).FindSubmatch(start)
	if list == nil {
		t.Fatal("start.js has no MODULES list")
	}
	var preloaded []string
	for _, m := range regexp.MustCompile(`"([^"]+)"`).FindAllSubmatch(list[1], -1) {
		preloaded = append(preloaded, string(m[1]))
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
	for name := range seen {
		if !slices.Contains(preloaded, name) {
			t.Errorf("app.js imports %s, but start.js's MODULES does not name it", name)
		}
	}
	for _, name := range preloaded {
		if !seen[name] {
			t.Errorf("start.js preloads %s, which app.js does not import", name)
		}
	}
}
