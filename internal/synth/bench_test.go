package synth

import (
	"strconv"
	"testing"
)

// fifty is a realistic set of 50 tests: ten sites, each reading, some
// uploading with a content type and reading the ETag, some with cookies,
// and blocked requests from look-alikes and for methods they may not use.
func fifty(t testing.TB) []string {
	var tests []string
	for i := 0; len(tests) < 50; i++ {
		o := "https://site" + strconv.Itoa(i%10) + ".example.com"
		n := strconv.Itoa(i)
		switch i % 5 {
		case 0:
			tests = append(tests, fetchTest("read "+n, o, "GET", "", "", `{"allowed": true}`))
		case 1:
			tests = append(tests, fetchTest("upload "+n, o, "PUT", `{"Content-Type": "image/png"}`, "", `{"allowed": true, "readable": ["ETag"]}`))
		case 2:
			tests = append(tests, fetchTest("cookies "+n, o, "GET", "", "include", `{"allowed": true}`))
		case 3:
			tests = append(tests, fetchTest("no delete "+n, o, "DELETE", "", "", `{"allowed": false}`))
		case 4:
			tests = append(tests, fetchTest("look-alike "+n, "https://evil"+strconv.Itoa(i)+".example", "GET", "", "", `{"allowed": false}`))
		}
	}
	return tests
}

func TestFifty(t *testing.T) {
	res := Synthesize(file(t, fifty(t)...))
	if len(res.Conflicts) > 0 || res.Report.Failed != 0 {
		t.Fatalf("%+v", res.Conflicts)
	}
	if res.Rules != 1 {
		t.Errorf("%d rules:\n%s", res.Rules, res.Text)
	}
}

// BenchmarkSynthesize50 is the budget's case: 50 tests, including the
// test runner's check of the answer.
func BenchmarkSynthesize50(b *testing.B) {
	f := file(b, fifty(b)...)
	b.ReportAllocs()
	for b.Loop() {
		if res := Synthesize(f); res.Config == nil {
			b.Fatal(res.Conflicts)
		}
	}
}

// BenchmarkMakePass50 edits a configuration missing PUT, content-type and
// ETag into one that passes the same 50 tests.
func BenchmarkMakePass50(b *testing.B) {
	f := file(b, fifty(b)...)
	src := []byte("<CORSConfiguration>\n  <CORSRule>\n    <AllowedOrigin>https://*.example.com</AllowedOrigin>\n    <AllowedMethod>GET</AllowedMethod>\n  </CORSRule>\n</CORSConfiguration>\n")
	b.ReportAllocs()
	for b.Loop() {
		if e := MakePass(src, f); e.Config == "" {
			b.Fatal(e.Conflicts)
		}
	}
}
