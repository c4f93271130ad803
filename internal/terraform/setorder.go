package terraform

import (
	"hash/crc32"
	"sort"
	"strconv"
	"strings"
)

// The AWS provider declares aws_s3_bucket_cors_configuration's cors_rule,
// and each value list inside a rule, as schema.TypeSet
// (internal/service/s3/bucket_cors_configuration.go,
// ResourceBucketCorsConfiguration), and builds PutBucketCors from
// d.Get("cors_rule").(*schema.Set).List() (expandBucketCorsConfigurationCorsRules),
// so S3 receives the rules and values in the SDK's set order.
//
// terraform-plugin-sdk/v2's helper/schema keys each set element by a hash
// code written in decimal and lists elements by those keys sorted as
// strings (Set.listCode). The code is the CRC-32 (IEEE) of a serialization
// of the element (hashcode.String): for a string element of a set without
// its own Set function the serialization is the string and ';'
// (HashSchema, SerializeValueForHash); for a rule it is each schema key in
// sorted order as "key:" and the value's serialization (HashResource,
// SerializeResourceForHash), a nested set written as '{' its elements in
// set order '}' ';'. Two elements with the same code are one element: the
// first added stays. setorder_test.go checks all of this against the SDK.

// hashCode is hashcode.String: CRC-32 as a non-negative int. On the 64-bit
// platforms the provider ships for, int holds every CRC-32 value as is.
func hashCode(s string) int { return int(crc32.ChecksumIEEE([]byte(s))) }

// setKey is the key a set element is stored and sorted under.
func setKey(serialized string) string { return strconv.Itoa(hashCode(serialized)) }

// orderStrings returns the indexes of vals in the order a set of strings
// lists them, one per hash code (the first of equal codes).
func orderStrings(vals []string) []int {
	type ent struct {
		key string
		i   int
	}
	seen := map[string]bool{}
	var es []ent
	for i, v := range vals {
		k := setKey(v + ";")
		if seen[k] {
			continue
		}
		seen[k] = true
		es = append(es, ent{k, i})
	}
	sort.Slice(es, func(a, b int) bool { return es[a].key < es[b].key })
	out := make([]int, len(es))
	for i, e := range es {
		out[i] = e.i
	}
	return out
}

// setRule is a cors_rule as the SDK's reader hands it to the provider: every
// schema key present, unset sets empty, an unset id "" and an unset
// max_age_seconds 0 (the zero values; setorder_test.go checks it).
type setRule struct {
	headers, methods, origins, expose []string // each already in set order
	id                                string
	maxAge                            int64
}

// serialize is SerializeResourceForHash for the cors_rule schema, whose
// keys sorted are allowed_headers, allowed_methods, allowed_origins,
// expose_headers, id, max_age_seconds.
func (r *setRule) serialize() string {
	var b strings.Builder
	list := func(name string, vals []string) {
		b.WriteString(name + ":{")
		for _, v := range vals {
			b.WriteString(v + ";")
		}
		b.WriteString("};")
	}
	list("allowed_headers", r.headers)
	list("allowed_methods", r.methods)
	list("allowed_origins", r.origins)
	list("expose_headers", r.expose)
	b.WriteString("id:" + r.id + ";")
	b.WriteString("max_age_seconds:" + strconv.FormatInt(r.maxAge, 10) + ";")
	return b.String()
}

// orderRules returns the indexes of rules in set order, one per hash code.
func orderRules(rules []setRule) []int {
	type ent struct {
		key string
		i   int
	}
	seen := map[string]bool{}
	var es []ent
	for i := range rules {
		k := setKey(rules[i].serialize())
		if seen[k] {
			continue
		}
		seen[k] = true
		es = append(es, ent{k, i})
	}
	sort.Slice(es, func(a, b int) bool { return es[a].key < es[b].key })
	out := make([]int, len(es))
	for i, e := range es {
		out[i] = e.i
	}
	return out
}
