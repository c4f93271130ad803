// Package examples holds the playground's ready scenarios, each an Example:
// a stable Name (used in links: #example=NAME, #gallery=NAME), a Title for
// a menu, words that say what happens, and a Scenario in the engine's input
// shape (scenario.Input). There are two lists:
//
//   - All, the examples menu: realistic configurations, each paired with
//     the request that shows what it is about. They cover each
//     configuration format S3 tooling uses (PutBucketCors XML, aws-cli
//     JSON, S3 console JSON), the common set-ups (single site, wildcard
//     subdomain, presigned upload, multipart upload, public read) and the
//     classic mistakes (rule order, a configuration S3 rejects, a missing
//     AllowedHeader, a bucket without CORS, a trailing slash in an origin).
//     Description says what happens.
//   - Gallery, the ten classic S3 CORS failures as people meet them: what
//     they saw (Problem), a page's fetch that reproduces it, and why it
//     happens and how to fix it (Explanation). Situations that involve
//     more than one request or something in front of S3 (a cached response
//     without Vary, a CDN that drops Origin) are modelled as the requests
//     really involved: Scenario is the first, Steps the others, and the
//     explanation says what happens between them; nothing is faked.
//
// The package's tests run every scenario through the engine and check that
// it behaves as its words say, so the words cannot drift from what the
// engine computes.
package examples

import (
	"corsplay/internal/jsonw"
	"corsplay/internal/scenario"
)

// Example is one ready scenario.
type Example struct {
	Name        string `json:"name"`                  // slug for links
	Title       string `json:"title"`                 // for a menu
	Description string `json:"description,omitempty"` // what happens (the examples menu)
	Problem     string `json:"problem,omitempty"`     // one line: what the person saw (the gallery)
	Explanation string `json:"explanation,omitempty"` // why, and the fix (the gallery)
	// Scenario marshals to exactly the JSON that runner.RunJSON and the
	// page's corsplay.evaluate take.
	Scenario scenario.Input `json:"scenario"`
	// Steps are further requests of the same situation, in order.
	Steps []Step `json:"steps,omitempty"`
	// Source names the reported problem and its public threads.
	Source string `json:"source,omitempty"`
}

// Step is one more request of a multi-request situation.
type Step struct {
	Label    string         `json:"label"`
	Scenario scenario.Input `json:"scenario"`
}

// JSON returns the example's scenario as the engine's input JSON, as
// json.Marshal writes it.
func (e Example) JSON() []byte { return jsonw.EscapeHTML(e.Scenario.AppendJSON(nil)) }

// ByName returns the example of list called name.
func ByName(list []Example, name string) (Example, bool) {
	for _, e := range list {
		if e.Name == name {
			return e, true
		}
	}
	return Example{}, false
}

func cors(s string) *string { return &s }

// existing is a bucket that exists, with configuration cors (nil: none).
func existing(cors *string) scenario.Bucket {
	yes := true
	return scenario.Bucket{Exists: &yes, CORS: cors}
}
