package synth

import (
	"os"
	"path/filepath"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/validation"
)

// seeds are test files to start from: the brief's and every exercise's.
func seeds(f *testing.F) {
	b, err := os.ReadFile("testdata/brief.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, []byte("<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>"))
	r := randomSource()
	for i := 0; i < 8; i++ {
		f.Add([]byte(`{"format": "corsplay-tests/1", "tests": [`+randomTest(r, 0)+`,`+randomTest(r, 1)+`,`+randomTest(r, 2)+`]}`), []byte(`[{"AllowedOrigins": ["https://app.example.com"], "AllowedMethods": ["GET"]}]`))
	}
	ms, _ := filepath.Glob("../exercises/data/*.json")
	for _, m := range ms[:4] {
		b, _ := os.ReadFile(m)
		f.Add(b, []byte(""))
	}
}

// maxFuzzTests keeps each fuzz input's work small; the search's own
// bounds are what a hostile file meets.
const maxFuzzTests = 8

// FuzzSynthesize: whatever the test file, Synthesize answers exactly one
// of a configuration, conflicts, or "no rule needed"; a configuration
// passes every test when run by a runner of its own, and S3 accepts it.
// MakePass's edited text passes every test too.
func FuzzSynthesize(f *testing.F) {
	seeds(f)
	runner := expect.NewRunner(nil)
	f.Fuzz(func(t *testing.T, tests, cfg []byte) {
		file, err := expect.Decode(tests)
		if err != nil || len(file.Tests) > maxFuzzTests {
			return
		}
		res := Synthesize(file)
		n := 0
		if res.Config != nil {
			n++
		}
		if len(res.Conflicts) > 0 {
			n++
		}
		if res.Empty && len(res.Conflicts) == 0 {
			n++
		}
		if n != 1 {
			t.Fatalf("config %v, %d conflicts, empty %v", res.Config != nil, len(res.Conflicts), res.Empty)
		}
		if res.Config != nil {
			rep := runner.Run(file, &res.Text)
			if rep.Failed != 0 || rep.Error != "" {
				t.Fatalf("the answer fails %d tests:\n%s", rep.Failed, res.Text)
			}
			c, err := config.Parse([]byte(res.Text))
			if v := validation.Check(c, err, []byte(res.Text)); !v.Accepted {
				t.Fatalf("S3 rejects the answer:\n%s", res.Text)
			}
		}
		for _, c := range res.Conflicts {
			if len(c.Tests) == 0 || c.Why == "" {
				t.Fatalf("an empty conflict %+v", c)
			}
		}
		if len(cfg) > 4096 {
			return
		}
		e := MakePass(cfg, file)
		if e.Config != "" {
			rep := runner.Run(file, &e.Config)
			if rep.Failed != 0 || rep.Error != "" {
				t.Fatalf("MakePass's text fails %d tests:\n%s", rep.Failed, e.Config)
			}
		}
	})
}
