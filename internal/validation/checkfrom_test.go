package validation_test

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"corsplay/internal/config"
	"corsplay/internal/examples"
	"corsplay/internal/validation"
)

// CheckFrom must answer as Check does for every configuration config.Reparse
// reads again in part.
func TestCheckFromMatchesCheck(t *testing.T) {
	bad := strings.Replace(examples.Large(12), "<AllowedMethod>PUT</AllowedMethod>", "<AllowedMethod>PATCH</AllowedMethod><Foo/>", 3)
	bad = strings.Replace(bad, "<AllowedOrigin>", "<AllowedOrigin>https://*.*.x ", 2)
	starts := []string{examples.Large(12), bad, examples.Large(101),
		`<CORSConfiguration xmlns="http://wrong/"><CORSRule><ID>a</ID><ID>b</ID></CORSRule>text<CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`}
	pieces := []string{"a", "*", " ", "\n", "PATCH", "GET", "<ID>x</ID>", "<MaxAgeSeconds>-1</MaxAgeSeconds>", "<AllowedHeader>a b</AllowedHeader>", "é", "<", "/"}
	rng := rand.New(rand.NewPCG(5, 6))
	compared := 0
	for _, cur := range starts {
		for range 300 {
			at := rng.IntN(len(cur) + 1)
			next := cur[:at] + pieces[rng.IntN(len(pieces))] + cur[at:]
			prevCfg, err := config.Parse([]byte(cur))
			if err != nil {
				t.Fatal(err)
			}
			prevRes := validation.Check(prevCfg, nil, []byte(cur))
			cfg, mv := config.Reparse(prevCfg, []byte(cur), []byte(next))
			if cfg == nil {
				continue
			}
			got := validation.CheckFrom(prevRes, cfg, []byte(next), mv)
			wantCfg, err := config.Parse([]byte(next))
			want := validation.Check(wantCfg, err, []byte(next))
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("edit at %d (rule %d):\n got %+v\nwant %+v", at, mv.Rule, got, want)
			}
			compared++
			cur = next
		}
	}
	t.Logf("%d verdicts compared", compared)
	if compared < 200 {
		t.Errorf("only %d verdicts compared", compared)
	}
}
