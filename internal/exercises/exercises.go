// Package exercises holds corsplay's CORS exercises for teaching teams:
// each is a starting configuration that does not do what a team needs,
// the tests that say what it needs (format corsplay-tests/1, see package
// expect), a hint, an explanation shown once solved, and a reference
// solution.
//
// An exercise is one file in data/, NAME.json: a corsplay-tests/1 file
// (its "config" is the starting configuration, which may be absent: a
// bucket without one) with these members besides:
//
//	"title"        one line for the list
//	"level"        1 (first steps) to 4 (the whole thing)
//	"hint"         what to look at first, without giving the answer away
//	"explanation"  why the solution works, shown once every test passes
//	"solution"     a reference configuration that passes every test
//	"gallery"      (optional) the gallery item (examples.Gallery) it comes from
//
// Read strips these members and decodes the rest with expect.Decode, so an
// exercise's tests are exactly what `corsplay test` runs. The package's
// tests check, for every exercise, that the solution passes every test and
// S3 accepts it, that the starting configuration fails at least one test,
// and that synthesis (package synth) solves it.
package exercises

import (
	"embed"
	"encoding/json"
	"errors"
	"path"
	"sort"
	"strconv"
	"strings"

	"corsplay/internal/expect"
)

//go:embed data/*.json
var data embed.FS

// Exercise is one exercise.
type Exercise struct {
	Name        string `json:"name"` // the file's name without .json: a slug for #exercise=NAME links
	Title       string `json:"title"`
	Level       int    `json:"level"`
	Hint        string `json:"hint"`
	Explanation string `json:"explanation"`
	Solution    string `json:"solution"`
	Gallery     string `json:"gallery,omitempty"`
	// Start is the starting configuration ("" for a bucket without one).
	Start string `json:"start"`
	// Tests is the exercise as a plain corsplay-tests/1 file (the members
	// above removed), for expect.Decode, `corsplay test` and the page.
	Tests string `json:"tests"`
	// File is Tests decoded.
	File *expect.File `json:"-"`
}

// extra are the members an exercise file has besides corsplay-tests/1's.
var extra = []string{"title", "level", "hint", "explanation", "solution", "gallery"}

// MaxFile bounds what Read takes.
const MaxFile = 256 << 10

// Read reads one exercise file.
func Read(name string, b []byte) (*Exercise, error) {
	if len(b) > MaxFile {
		return nil, errors.New(name + ": " + strconv.Itoa(len(b)) + " bytes; an exercise is at most " + strconv.Itoa(MaxFile))
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, errors.New(name + ": " + err.Error())
	}
	e := &Exercise{Name: name}
	fields := map[string]any{"title": &e.Title, "level": &e.Level, "hint": &e.Hint, "explanation": &e.Explanation, "solution": &e.Solution, "gallery": &e.Gallery}
	for _, k := range extra {
		raw, ok := m[k]
		if !ok {
			if k == "gallery" {
				continue
			}
			return nil, errors.New(name + `: "` + k + `" is missing`)
		}
		if err := json.Unmarshal(raw, fields[k]); err != nil {
			return nil, errors.New(name + `: "` + k + `": ` + err.Error())
		}
		delete(m, k)
	}
	switch {
	case strings.TrimSpace(e.Title) == "", strings.TrimSpace(e.Hint) == "", strings.TrimSpace(e.Explanation) == "", strings.TrimSpace(e.Solution) == "":
		return nil, errors.New(name + ": title, hint, explanation and solution must not be empty")
	case e.Level < 1 || e.Level > 4:
		return nil, errors.New(name + ": level " + strconv.Itoa(e.Level) + " is not 1 to 4")
	}
	tests, err := plain(m)
	if err != nil {
		return nil, errors.New(name + ": " + err.Error())
	}
	f, err := expect.Decode(tests)
	if err != nil {
		return nil, errors.New(name + " (without the exercise's members): " + err.Error())
	}
	e.Tests, e.File = string(tests), f
	if f.Config != nil {
		e.Start = *f.Config
	}
	return e, nil
}

// plain writes the remaining members as a test file, "format" first and
// the rest in the order corsplay-tests/1's documentation lists them.
func plain(m map[string]json.RawMessage) ([]byte, error) {
	order := []string{"format", "$schema", "config", "bucket", "tests"}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		return rank(order, keys[i]) < rank(order, keys[j]) || (rank(order, keys[i]) == rank(order, keys[j]) && keys[i] < keys[j])
	})
	b := []byte("{")
	for i, k := range keys {
		if i > 0 {
			b = append(b, ",\n "...)
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, kb...), ": "...), m[k]...)
	}
	return append(b, "}\n"...), nil
}

func rank(order []string, k string) int {
	for i, o := range order {
		if o == k {
			return i
		}
	}
	return len(order)
}

// All returns every exercise: by level, within a level the gallery's
// last, then by name. It fails only if an
// embedded file is broken, which the package's tests rule out.
func All() ([]*Exercise, error) {
	ents, err := data.ReadDir("data")
	if err != nil {
		return nil, err
	}
	var out []*Exercise
	for _, ent := range ents {
		b, err := data.ReadFile(path.Join("data", ent.Name()))
		if err != nil {
			return nil, err
		}
		e, err := Read(strings.TrimSuffix(ent.Name(), ".json"), b)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if (a.Gallery == "") != (b.Gallery == "") {
			return a.Gallery == "" // a level's own exercises before the gallery's
		}
		return a.Name < b.Name
	})
	return out, nil
}

// ByName returns the exercise called name.
func ByName(name string) (*Exercise, bool) {
	all, err := All()
	if err != nil {
		return nil, false
	}
	for _, e := range all {
		if e.Name == name {
			return e, true
		}
	}
	return nil, false
}
