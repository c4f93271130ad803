package expect

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"corsplay/internal/examples"
)

const oneRule = `<CORSConfiguration><CORSRule><AllowedOrigin>https://app.example.com</AllowedOrigin><AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod><AllowedHeader>Content-Type</AllowedHeader><ExposeHeader>ETag</ExposeHeader></CORSRule></CORSConfiguration>`

// benchFile is n tests in the shapes a project writes: uploads that need a
// preflight, plain downloads, blocked origins, and S3-level preflights,
// from origins app0…app(n-1).example.com (which the 100-rule example
// allows, one per rule) and a few others.
func benchFile(tb testing.TB, n int) *File {
	var b strings.Builder
	b.WriteString(`{"format": "corsplay-tests/1", "tests": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		origin := "https://app" + strconv.Itoa(i) + ".example.com"
		url := "https://amzn-s3-demo-bucket.s3.us-east-1.amazonaws.com/k" + strconv.Itoa(i) + ".png"
		name := `"name": "t` + strconv.Itoa(i) + `", `
		switch i % 4 {
		case 0:
			b.WriteString(`{` + name + `"fetch": {"origin": "` + origin + `", "url": "` + url + `", "method": "PUT", "headers": {"Content-Type": "image/png"}}, "expect": {"allowed": true, "readable": ["ETag"]}}`)
		case 1:
			b.WriteString(`{` + name + `"browser": "firefox", "fetch": {"origin": "` + origin + `", "url": "` + url + `"}, "expect": {"allowed": true, "preflight": false}}`)
		case 2:
			b.WriteString(`{` + name + `"fetch": {"origin": "https://evil` + strconv.Itoa(i) + `.example", "url": "` + url + `", "method": "DELETE"}, "expect": {"allowed": false}}`)
		case 3:
			b.WriteString(`{` + name + `"request": {"method": "OPTIONS", "headers": {"Origin": "` + origin + `", "Access-Control-Request-Method": "PUT"}}, "expect": {"status": 200, "headers": {"Access-Control-Allow-Origin": "` + origin + `"}}}`)
		}
	}
	b.WriteString("]}")
	f, err := Decode([]byte(b.String()))
	if err != nil {
		tb.Fatal(err)
	}
	return f
}

// BenchmarkRun1Rule is corsplay test's throughput: browser-level tests
// against a one-rule configuration (the tests from app0 pass, the others
// fail and look for the closest rule, as a real run's failures do).
func BenchmarkRun1Rule(b *testing.B) {
	f := benchFile(b, 100)
	// Browser-level tests only, as the budget counts them.
	f.Tests = slices.DeleteFunc(f.Tests, func(t Test) bool { return t.Fetch == nil })
	cfg := oneRule
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		// A Runner per run, as corsplay test has: every verdict is judged
		// (none is kept from a run before; see memo).
		NewRunner(nil).Run(f, &cfg)
	}
	cpu = cpuTime() - cpu
	n := float64(b.N * len(f.Tests))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/n, "ns/test")
	b.ReportMetric(n/b.Elapsed().Seconds(), "tests/s")
	// The process's CPU time (GC included) per test: what a quiet machine's
	// wall clock would show.
	b.ReportMetric(float64(cpu.Nanoseconds())/n, "cpu-ns/test")
}

// BenchmarkRun100TestsAfterEdit is the page's Tests panel at a keystroke
// in the editor of the 100-rule configuration: the text is one character
// longer each time (typed into rule 51's origin), and all 100 tests run
// again. The runner prepares the edited text from the previous one
// (runner.Runner's edit path), never from scratch per test. It reports
// the 95th percentile of the runs as p95-ms.
func BenchmarkRun100TestsAfterEdit(b *testing.B) {
	base := examples.Large(100)
	at := strings.Index(base, "https://app50.example.com") + len("https://app50.example.com")
	var texts []string
	for i := range 64 {
		texts = append(texts, base[:at]+strings.Repeat("x", i)+base[at:])
	}
	f := benchFile(b, 100)
	r := NewRunner(nil)
	r.Run(f, &texts[0])
	var times []time.Duration
	b.ReportAllocs()
	i := 1
	cpu := cpuTime()
	for b.Loop() {
		start := time.Now()
		rep := r.Run(f, &texts[i%len(texts)])
		times = append(times, time.Since(start))
		if rep.Passed+rep.Failed != 100 {
			b.Fatalf("%d results", rep.Passed+rep.Failed)
		}
		i++
	}
	cpu = cpuTime() - cpu
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
}

// BenchmarkDecode100 is reading a file of 100 tests (the page sends the
// file with each run; RunJSON decodes it again only when it changed).
func BenchmarkDecode100(b *testing.B) {
	f := benchFile(b, 100)
	_ = f
	var src strings.Builder
	src.WriteString(`{"format": "corsplay-tests/1", "tests": [`)
	for i := range 100 {
		if i > 0 {
			src.WriteString(",")
		}
		src.WriteString(`{"name": "t` + strconv.Itoa(i) + `", "fetch": {"origin": "https://app.example.com", "url": "https://b.s3.amazonaws.com/k", "method": "PUT", "headers": {"Content-Type": "image/png"}}, "expect": {"allowed": true, "readable": ["ETag"]}}`)
	}
	src.WriteString("]}")
	in := []byte(src.String())
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for b.Loop() {
		if _, err := Decode(in); err != nil {
			b.Fatal(err)
		}
	}
}
