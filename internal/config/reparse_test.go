package config_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/examples"
)

// reparseCorpus is configurations in the three forms, with what a person
// might have in them.
func reparseCorpus() []string {
	out := []string{
		examples.Large(12),
		"\uFEFF<CORSConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><CORSRule><ID>a</ID><AllowedOrigin>https://é.example</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule><CORSRule><AllowedOrigin>*</AllowedOrigin><!-- c --><AllowedMethod>PUT</AllowedMethod><Foo>x</Foo></CORSRule>stray<Bar/><CORSRule/></CORSConfiguration>",
		"<s3:CORSConfiguration xmlns:s3=\"http://s3.amazonaws.com/doc/2006-03-01/\">\r\n  <s3:CORSRule>\r\n    <s3:AllowedOrigin><![CDATA[https://a]]></s3:AllowedOrigin>\r\n    <s3:AllowedMethod>GET&amp;</s3:AllowedMethod>\r\n  </s3:CORSRule>\r\n  <s3:CORSRule><s3:AllowedMethod>PUT</s3:AllowedMethod></s3:CORSRule>\r\n</s3:CORSConfiguration>\r\n",
		`{"CORSRules": [{"ID": "x", "AllowedOrigins": ["https://a", 5], "AllowedMethods": [], "MaxAgeSeconds": 10}, "stray", {"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "Foo": {}}], "Other": 1}`,
		"[\n  {\n    \"AllowedHeaders\": [\"*\"],\n    \"AllowedMethods\": [\"GET\", \"PUT\"],\n    \"AllowedOrigins\": [\"https://app.example.com\"]\n  },\n  {\"AllowedOrigins\": [\"🎉\"], \"AllowedMethods\": \"GET\"}\n]\n",
	}
	for _, e := range examples.All() {
		if c := e.Scenario.Bucket.CORS; c != nil {
			out = append(out, *c)
		}
	}
	return out
}

// edit changes src at a random place: deletes up to 3 bytes and inserts
// up to 3 pieces of what configurations are made of.
func edit(rng *rand.Rand, src string) string {
	pieces := []string{"a", "Z", "*", " ", "\n", "\r\n", "é", "🎉", "<", ">", "/", "</AllowedOrigin>", "<AllowedMethod>", "&amp;", "&", `"`, ",", "{", "}", "[", "]", ":", "\\", "\u2028", "\xff"}
	at := rng.IntN(len(src) + 1)
	del := min(rng.IntN(4), len(src)-at)
	var b strings.Builder
	for range rng.IntN(4) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return src[:at] + b.String() + src[at+del:]
}

// checkReparse asserts that Reparse, when it answers, answers as Parse.
func checkReparse(t *testing.T, old, src string) (reused bool) {
	t.Helper()
	prev, err := config.Parse([]byte(old))
	if err != nil {
		return false
	}
	got, mv := config.Reparse(prev, []byte(old), []byte(src))
	k := mv.Rule
	want, err := config.Parse([]byte(src))
	if got == nil {
		if k != -1 {
			t.Fatalf("Reparse returned nil and rule %d", k)
		}
		return false
	}
	if err != nil {
		t.Fatalf("Reparse read rule %d of a text Parse refuses (%v):\nold %q\nnew %q", k, err, old, src)
	}
	if !reflect.DeepEqual(got, want) {
		for i := range want.Rules {
			if i < len(got.Rules) && !reflect.DeepEqual(got.Rules[i], want.Rules[i]) {
				t.Errorf("rule %d:\n got %+v\nwant %+v", i, got.Rules[i], want.Rules[i])
			}
		}
		t.Fatalf("Reparse (rule %d) differs from Parse:\nold %q\nnew %q\n got %+v\nwant %+v", k, old, src, *got, *want)
	}
	return true
}

func TestReparseMatchesParse(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	reused, tried := 0, 0
	for _, src := range reparseCorpus() {
		cur := src
		for range 400 {
			next := edit(rng, cur)
			tried++
			if checkReparse(t, cur, next) {
				reused++
			}
			if _, err := config.Parse([]byte(next)); err == nil {
				cur = next // keep typing from a text that parses
			}
		}
	}
	// Many random edits break a rule or land between rules; enough must
	// be answered for the comparison to mean something.
	t.Logf("Reparse answered %d of %d edits", reused, tried)
	if reused < tried/10 {
		t.Errorf("Reparse answered only %d of %d edits", reused, tried)
	}
}

func TestReparseRefuses(t *testing.T) {
	two := `<CORSConfiguration><CORSRule><AllowedOrigin>a</AllowedOrigin></CORSRule><CORSRule><AllowedOrigin>b</AllowedOrigin></CORSRule></CORSConfiguration>`
	for _, tc := range []struct {
		name, old, src string
	}{
		{name: "same text", old: two, src: two},
		{name: "edit spans two rules", old: two, src: strings.Replace(two, "a</AllowedOrigin></CORSRule><CORSRule><AllowedOrigin>b", "ab", 1)},
		{name: "edit between rules", old: two, src: strings.Replace(two, "</CORSRule><CORSRule>", "</CORSRule> <CORSRule>", 1)},
		{name: "rule closed early", old: two, src: strings.Replace(two, "<AllowedOrigin>a</AllowedOrigin>", "<AllowedOrigin>a</AllowedOrigin></CORSRule><CORSRule>", 1)},
		{name: "rule renamed", old: two, src: strings.Replace(two, "<CORSRule>", "<CORSRulx>", 1)},
		{name: "rule left open", old: two, src: strings.Replace(two, "</AllowedOrigin></CORSRule><CORSRule>", "</AllowedOrigin><CORSRule>", 1)},
		{name: "over 64 KB", old: two, src: strings.Replace(two, ">a<", ">"+strings.Repeat("a", 70000)+"<", 1)},
		{name: "form changed", old: `[{"AllowedOrigins": ["a"]}]`, src: `{"AllowedOrigins": ["a"]}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			prev, err := config.Parse([]byte(tc.old))
			if err != nil {
				t.Fatal(err)
			}
			if got, mv := config.Reparse(prev, []byte(tc.old), []byte(tc.src)); got != nil || mv.Rule != -1 {
				k := mv.Rule
				t.Errorf("Reparse answered (rule %d); want it to refuse", k)
			}
		})
	}
}

func FuzzReparse(f *testing.F) {
	for i, src := range reparseCorpus() {
		f.Add(src, uint16(i*37), uint8(1), "x")
	}
	f.Fuzz(func(t *testing.T, old string, at uint16, del uint8, ins string) {
		if len(old) > 1<<14 || len(ins) > 64 {
			return
		}
		a := int(at) % (len(old) + 1)
		d := min(int(del)%8, len(old)-a)
		checkReparse(t, old, old[:a]+ins+old[a+d:])
	})
}

func BenchmarkReparse(b *testing.B) {
	old := examples.Large(100)
	at := strings.Index(old, "https://app50.example.com") + len("https://app50.example.com")
	src := old[:at] + "x" + old[at:]
	ob, sb := []byte(old), []byte(src)
	b.ReportAllocs()
	for range b.N {
		b.StopTimer()
		prev, err := config.Parse(ob) // Reparse takes prev over
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if cfg, _ := config.Reparse(prev, ob, sb); cfg == nil {
			b.Fatal("not reparsed")
		}
	}
}
