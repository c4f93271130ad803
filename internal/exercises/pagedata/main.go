// Command pagedata writes web/exercises.json: the exercises of package
// exercises as the page reads them, fetched only when a person opens an
// exercise (#exercise=NAME) or the list of exercises, so the page's start
// never waits for it.
//
// Usage (from build.sh):
//
//	go run ./internal/exercises/pagedata -o web/exercises.json
//
// The file is a JSON list, by level and then name, of
// {name, title, level, hint, explanation, start, tests, gallery}: tests is
// the exercise as a plain corsplay-tests/1 file, the text the page hands
// to corsplay.runTests. The reference solution stays out: the page offers
// the hint and "Make them pass", never the answer to copy.
//
// The data is a file rather than a wasm call because package exercises
// reads its files with encoding/json, which the page's wasm must not link,
// and because a file costs the page nothing until it is asked for.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"corsplay/internal/exercises"
)

// Item is one exercise as the page reads it.
type Item struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Level       int    `json:"level"`
	Hint        string `json:"hint"`
	Explanation string `json:"explanation"`
	Start       string `json:"start"`
	Tests       string `json:"tests"`
	Gallery     string `json:"gallery,omitempty"`
}

func main() {
	out := flag.String("o", "web/exercises.json", "file to write")
	flag.Parse()
	b, err := Build()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pagedata:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "pagedata:", err)
		os.Exit(1)
	}
}

// Build returns the contents of exercises.json.
func Build() ([]byte, error) {
	all, err := exercises.All()
	if err != nil {
		return nil, err
	}
	items := make([]Item, len(all))
	for i, e := range all {
		items[i] = Item{Name: e.Name, Title: e.Title, Level: e.Level, Hint: e.Hint, Explanation: e.Explanation,
			Start: e.Start, Tests: e.Tests, Gallery: e.Gallery}
	}
	b, err := json.MarshalIndent(items, "", " ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
