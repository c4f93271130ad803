package validation_test

import (
	"math/rand/v2"
	"testing"

	"corsplay/internal/jsonw/jsonwtest"
	"corsplay/internal/validation"
)

// TestJSONMatchesStd compares the writers with encoding/json on random
// values (nil included).
func TestJSONMatchesStd(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 2026))
	for range 1000 {
		var s *validation.S3Error
		var c *validation.ClientError
		var p validation.Problem
		jsonwtest.Fill(r, &s)
		jsonwtest.Fill(r, &c)
		jsonwtest.Fill(r, &p)
		jsonwtest.Check(t, "s3Error", s.AppendJSON(nil), jsonwtest.Std(t, s))
		jsonwtest.Check(t, "clientError", c.AppendJSON(nil), jsonwtest.Std(t, c))
		jsonwtest.Check(t, "problem", append(p.AppendJSONMembers([]byte{'{'}), '}'), jsonwtest.Std(t, p))
	}
}
