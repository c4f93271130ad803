package tfset

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-sdk/v2/helper/schema"
)

// corsSchema is cors_rule's schema as ResourceBucketCorsConfiguration
// declares it (terraform-provider-aws,
// internal/service/s3/bucket_cors_configuration.go). The SDK is this test's
// oracle only; nothing outside tests imports it.
func corsSchema() map[string]*schema.Schema {
	set := func(required bool) *schema.Schema {
		return &schema.Schema{Type: schema.TypeSet, Required: required, Optional: !required, Elem: &schema.Schema{Type: schema.TypeString}}
	}
	return map[string]*schema.Schema{
		"bucket": {Type: schema.TypeString, Required: true},
		"cors_rule": {Type: schema.TypeSet, Required: true, MaxItems: 100, Elem: &schema.Resource{Schema: map[string]*schema.Schema{
			"allowed_headers": set(false),
			"allowed_methods": set(true),
			"allowed_origins": set(true),
			"expose_headers":  set(false),
			"id":              {Type: schema.TypeString, Optional: true},
			"max_age_seconds": {Type: schema.TypeInt, Optional: true},
		}}},
	}
}

// sdkRules reads raw cors_rule blocks through the SDK and returns them as
// expandBucketCorsConfigurationCorsRules would see them.
func sdkRules(t *testing.T, raw []any) []map[string]any {
	t.Helper()
	d := schema.TestResourceDataRaw(t, corsSchema(), map[string]any{"bucket": "b", "cors_rule": raw})
	var out []map[string]any
	for _, e := range d.Get("cors_rule").(*schema.Set).List() {
		out = append(out, e.(map[string]any))
	}
	return out
}

func setStrings(v any) []string {
	var out []string
	for _, e := range v.(*schema.Set).List() {
		out = append(out, e.(string))
	}
	return out
}

// TestUnsetFieldsAsTheProviderSeesThem: an unset max_age_seconds reaches
// the expand function as the int 0, which it sends (its check is only
// .(int)), so S3 gets MaxAgeSeconds 0; an unset id is "", which it leaves
// out; an unset set is empty, which it leaves out.
func TestUnsetFieldsAsTheProviderSeesThem(t *testing.T) {
	got := sdkRules(t, []any{map[string]any{"allowed_methods": []any{"GET"}, "allowed_origins": []any{"*"}}})
	if len(got) != 1 {
		t.Fatalf("%d rules", len(got))
	}
	m := got[0]
	if v, ok := m["max_age_seconds"].(int); !ok || v != 0 {
		t.Errorf("max_age_seconds = %#v, want int 0", m["max_age_seconds"])
	}
	if v, ok := m["id"].(string); !ok || v != "" {
		t.Errorf("id = %#v, want \"\"", m["id"])
	}
	if s, ok := m["allowed_headers"].(*schema.Set); !ok || s.Len() != 0 {
		t.Errorf("allowed_headers = %#v, want an empty set", m["allowed_headers"])
	}
	r := Rule{Methods: []string{"GET"}, Origins: []string{"*"}}
	if want := schema.HashResource(corsSchema()["cors_rule"].Elem.(*schema.Resource))(m); hashCode(r.serialize()) != want {
		t.Errorf("hash %d, SDK %d (serialization %q)", hashCode(r.serialize()), want, r.serialize())
	}
}

// TestSetOrderMatchesSDK compares orderRules and orderStrings with the
// SDK's schema.Set on random configurations, duplicates included.
func TestSetOrderMatchesSDK(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	origins := []string{"*", "https://app.example.com", "https://www.example.com", "http://localhost:3000", "https://*.example.org", "https://a.test"}
	methods := []string{"GET", "PUT", "POST", "DELETE", "HEAD"}
	headers := []string{"*", "Authorization", "Content-Type", "x-amz-date", "ETag", "x-amz-meta-custom"}
	pick := func(pool []string, max int) []string {
		n := rng.Intn(max + 1)
		out := make([]string, n)
		for i := range out {
			out[i] = pool[rng.Intn(len(pool))]
		}
		return out
	}
	anys := func(l []string) []any {
		out := make([]any, len(l))
		for i, s := range l {
			out[i] = s
		}
		return out
	}
	for iter := 0; iter < 300; iter++ {
		n := 1 + rng.Intn(6)
		var raw []any
		var mine []Rule
		for i := 0; i < n; i++ {
			m := map[string]any{"allowed_methods": anys(append(pick(methods, 3), "GET")), "allowed_origins": anys(append(pick(origins, 3), "*"))}
			var r Rule
			if rng.Intn(2) == 0 {
				m["allowed_headers"] = anys(pick(headers, 3))
			}
			if rng.Intn(2) == 0 {
				m["expose_headers"] = anys(pick(headers, 2))
			}
			if rng.Intn(3) == 0 {
				r.ID = []string{"a", "rule-2", "uploads"}[rng.Intn(3)]
				m["id"] = r.ID
			}
			if rng.Intn(2) == 0 {
				r.MaxAge = int64([]int{0, 300, 3000, 86400}[rng.Intn(4)])
				m["max_age_seconds"] = int(r.MaxAge)
			}
			sorted := func(key string) []string {
				v, _ := m[key].([]any)
				var l []string
				for _, e := range v {
					l = append(l, e.(string))
				}
				var out []string
				for _, k := range Strings(l) {
					out = append(out, l[k])
				}
				return out
			}
			r.Headers, r.Methods, r.Origins, r.Expose = sorted("allowed_headers"), sorted("allowed_methods"), sorted("allowed_origins"), sorted("expose_headers")
			raw = append(raw, m)
			mine = append(mine, r)
		}
		sdk := sdkRules(t, raw)
		order := Rules(mine)
		if len(order) != len(sdk) {
			t.Fatalf("iteration %d: %d rules, SDK %d", iter, len(order), len(sdk))
		}
		for k, i := range order {
			r, m := mine[i], sdk[k]
			got := []any{r.Headers, r.Methods, r.Origins, r.Expose, r.ID, int(r.MaxAge)}
			want := []any{setStrings(m["allowed_headers"]), setStrings(m["allowed_methods"]), setStrings(m["allowed_origins"]), setStrings(m["expose_headers"]), m["id"], m["max_age_seconds"]}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("iteration %d, rule %d:\n got %#v\nwant %#v", iter, k, got, want)
			}
		}
	}
}
