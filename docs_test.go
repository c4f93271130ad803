package main

import (
	"io/fs"
	"os"
	"path"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"
)

// The documentation's rules, checked so that they stay true: README.md is
// short enough to read (at most 250 lines), each reference page in docs/
// at most 300, and every relative link and #anchor in them resolves to a
// file and a heading, so a reader gets to any reference in one click.

const (
	maxReadmeLines = 250
	maxDocLines    = 300
)

func TestDocsLength(t *testing.T) {
	files := docFiles(t)
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		limit := maxDocLines
		if name == "README.md" {
			limit = maxReadmeLines
		}
		if n := strings.Count(string(b), "\n"); n > limit {
			t.Errorf("%s has %d lines; keep it at most %d (move reference into docs/)", name, n, limit)
		}
	}
}

func TestDocsLinks(t *testing.T) {
	files := docFiles(t)
	for _, p := range brokenLinks(os.DirFS("."), files) {
		t.Errorf("%s: link %q: %s", p.file, p.link, p.why)
	}
}

// docFiles lists README.md and docs/*.md.
func docFiles(t *testing.T) []string {
	t.Helper()
	docs, err := fs.Glob(os.DirFS("."), "docs/*.md")
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no docs/*.md found")
	}
	return append([]string{"README.md"}, docs...)
}

// problem is one link that does not resolve.
type problem struct {
	file, link string
	target     string // the file the link names, from the root of fsys
	why        string
}

// brokenLinks checks every relative link of the Markdown files (paths in
// fsys): the file it names must exist, and its #fragment must be a heading
// of that file (or of the linking file, for a bare #fragment).
func brokenLinks(fsys fs.FS, files []string) []problem {
	anchors := map[string]map[string]bool{} // file → its headings' anchors
	anchorsOf := func(name string) (map[string]bool, error) {
		if a, ok := anchors[name]; ok {
			return a, nil
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		a := headingAnchors(string(b))
		anchors[name] = a
		return a, nil
	}
	var out []problem
	for _, file := range files {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			out = append(out, problem{file: file, target: file, why: err.Error()})
			continue
		}
		for _, link := range links(string(b)) {
			if strings.Contains(link, "://") || strings.HasPrefix(link, "mailto:") {
				continue
			}
			target, frag, _ := strings.Cut(link, "#")
			name := file
			if target != "" {
				name = path.Clean(path.Join(path.Dir(file), target))
			}
			p := problem{file: file, link: link, target: name}
			if strings.HasPrefix(name, "../") || path.IsAbs(target) {
				p.why = "leaves the repository"
				out = append(out, p)
				continue
			}
			if _, err := fs.Stat(fsys, name); err != nil {
				p.why = "no such file"
				out = append(out, p)
				continue
			}
			if frag == "" {
				continue
			}
			if !strings.HasSuffix(name, ".md") {
				p.why = "an anchor into a file that is not Markdown"
				out = append(out, p)
				continue
			}
			a, err := anchorsOf(name)
			if err != nil {
				p.why = err.Error()
				out = append(out, p)
				continue
			}
			if !a[frag] {
				p.why = "no heading with anchor #" + frag + " in " + name
				out = append(out, p)
			}
		}
	}
	return out
}

// links returns the targets of the inline links and images of a Markdown
// text, [text](target) and ![alt](target), outside code blocks and code
// spans.
func links(md string) []string {
	var out []string
	for _, line := range proseLines(md) {
		line = withoutCodeSpans(line)
		for {
			i := strings.Index(line, "](")
			if i < 0 {
				break
			}
			rest := line[i+2:]
			j := strings.IndexByte(rest, ')')
			if j < 0 {
				break
			}
			target := rest[:j]
			if k := strings.IndexByte(target, ' '); k >= 0 { // [t](target "title")
				target = target[:k]
			}
			out = append(out, strings.Trim(target, "<>"))
			line = rest[j+1:]
		}
	}
	return out
}

// headingAnchors returns the anchors GitHub gives the headings of a
// Markdown text: the heading's text in lower case, without Markdown's
// code marks, each space a hyphen, and every character that is not a
// letter, a digit, a hyphen or an underscore left out; a repeated anchor
// gets -1, -2, ….
func headingAnchors(md string) map[string]bool {
	out := map[string]bool{}
	for _, line := range proseLines(md) {
		text, ok := strings.CutPrefix(strings.TrimLeft(line, "#"), " ")
		if !ok || !strings.HasPrefix(line, "#") {
			continue
		}
		a := slug(text)
		if out[a] {
			for n := 1; ; n++ {
				if s := a + "-" + itoa(n); !out[s] {
					a = s
					break
				}
			}
		}
		out[a] = true
	}
	return out
}

func slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// proseLines returns the lines of md outside fenced code blocks.
func proseLines(md string) []string {
	var out []string
	fence := ""
	for _, line := range strings.Split(md, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
			continue
		}
		out = append(out, line)
	}
	return out
}

// withoutCodeSpans blanks `code` in a line, so that a link written as code
// is not taken for a link.
func withoutCodeSpans(line string) string {
	var b strings.Builder
	in := false
	for _, r := range line {
		if r == '`' {
			in = !in
			continue
		}
		if !in {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

func TestSlug(t *testing.T) {
	for _, tt := range []struct {
		name, heading, want string
	}{
		{name: "words", heading: "The browser verdict", want: "the-browser-verdict"},
		{name: "code marks and a dot", heading: "`serve.go`", want: "servego"},
		{name: "apostrophe and punctuation", heading: "S3's order of checks: on PutBucketCors", want: "s3s-order-of-checks-on-putbucketcors"},
		{name: "plus keeps both spaces", heading: "S3 + CloudFront", want: "s3--cloudfront"},
		{name: "hyphen and underscore kept", heading: "A five-step tour_x", want: "a-five-step-tour_x"},
		{name: "non-ASCII letters kept", heading: "Ünïcode ✓ headings", want: "ünïcode--headings"},
	} {
		if got := slug(tt.heading); got != tt.want {
			t.Errorf("%s: slug(%q) = %q, want %q", tt.name, tt.heading, got, tt.want)
		}
	}
}

func TestBrokenLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"README.md":    {Data: []byte("# Top\n## Two commands\n## Two commands\n")},
		"LICENSE":      {Data: []byte("MIT")},
		"docs/a.md":    {Data: []byte("# A\n## `serve.go`\n")},
		"docs/code.md": {Data: []byte("```\n[x](missing.md)\n```\n`[y](missing.md)`\n")},
	}
	for _, tt := range []struct {
		name string
		text string
		want []string // the links reported, in order
	}{
		{name: "file and anchor resolve", text: "[a](a.md#servego) [r](../README.md#two-commands) [l](../LICENSE)"},
		{name: "repeated heading gets -1", text: "[r](../README.md#two-commands-1)"},
		{name: "own anchor", text: "# Here\n[h](#here)"},
		{name: "external links are not checked", text: "[e](https://example.org/x.md) [m](mailto:a@example.org)"},
		{name: "missing file", text: "[m](missing.md)", want: []string{"missing.md"}},
		{name: "missing anchor", text: "[a](a.md#nope) [r](../README.md#two-commands-2)", want: []string{"a.md#nope", "../README.md#two-commands-2"}},
		{name: "missing own anchor", text: "[h](#elsewhere)", want: []string{"#elsewhere"}},
		{name: "outside the repository", text: "[o](../../etc/passwd)", want: []string{"../../etc/passwd"}},
		{name: "anchor into a file that is not Markdown", text: "[l](../LICENSE#top)", want: []string{"../LICENSE#top"}},
		{name: "image", text: "![s](screenshot.png)", want: []string{"screenshot.png"}},
	} {
		fsys["docs/t.md"] = &fstest.MapFile{Data: []byte(tt.text)}
		var got []string
		for _, p := range brokenLinks(fsys, []string{"docs/t.md", "docs/code.md"}) {
			got = append(got, p.link)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: reported %q, want %q", tt.name, got, tt.want)
		}
	}
}

// FuzzMarkdown: the link and heading readers take any text. A link target
// never holds the ')' that ends it or a space, an anchor is lower case
// with no spaces, and checking links in the text never fails on it.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"# A `b` c\n[x](y.md#a-b-c) ![i](s.png \"t\")\n```\n[no](z)\n```\n",
		"## S3 + CloudFront\n[l](#s3--cloudfront) `[c](d)` [e](<f g.md>)",
		"[a](b", "](", "``` \n# x\n~~~\n[q](r)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		for _, l := range links(md) {
			if strings.ContainsAny(l, ") ") {
				t.Errorf("link target %q holds ')' or a space", l)
			}
		}
		for a := range headingAnchors(md) {
			if strings.ContainsRune(a, ' ') || a != strings.ToLower(a) {
				t.Errorf("anchor %q is not lower case without spaces", a)
			}
		}
		brokenLinks(fstest.MapFS{"docs/f.md": {Data: []byte(md)}}, []string{"docs/f.md"})
	})
}
