// Package tfset computes the order in which Terraform's AWS provider sends
// S3 CORS rules, and the values inside each, to PutBucketCors: the order of
// terraform-plugin-sdk/v2's schema.Set, which is neither the order written
// nor sorted text.
//
// The provider declares aws_s3_bucket_cors_configuration's cors_rule,
// and each value list inside a rule, as schema.TypeSet
// (internal/service/s3/bucket_cors_configuration.go,
// ResourceBucketCorsConfiguration), and builds PutBucketCors from
// d.Get("cors_rule").(*schema.Set).List()
// (expandBucketCorsConfigurationCorsRules), so S3 receives the rules and
// values in the SDK's set order. The SDK keys each set element by a hash
// code written in decimal and lists elements by those keys sorted as
// strings (Set.listCode). The code is the CRC-32 (IEEE) of a serialization
// of the element (hashcode.String): for a string element of a set without
// its own Set function, the string and ';' (HashSchema,
// SerializeValueForHash); for a rule, each schema key in sorted order as
// "key:" and the value's serialization (HashResource,
// SerializeResourceForHash), a nested set written as '{' its elements in
// set order '}' ';'. Two elements with the same code are one element: the
// first added stays. tfset_test.go checks all of this against the SDK,
// which is a test-only dependency.
package tfset

import (
	"hash/crc32"
	"strconv"
	"strings"
)

// hashCode is hashcode.String: CRC-32 as a non-negative int. On the 64-bit
// platforms the provider ships for, int holds every CRC-32 value as is.
func hashCode(s string) int { return int(crc32.ChecksumIEEE([]byte(s))) }

// setKey is the key a set element is stored and sorted under.
func setKey(serialized string) string { return strconv.Itoa(hashCode(serialized)) }

// Strings returns the indexes of vals in the order a set of strings
// lists them, one per hash code (the first of equal codes).
func Strings(vals []string) []int {
	keys := make([]string, len(vals))
	for i, v := range vals {
		keys[i] = setKey(v + ";")
	}
	return byKey(keys)
}

// byKey lists the indexes of keys sorted as strings, the first of equal
// keys only. An insertion sort: sets here hold at most a few hundred
// elements, and the default page's module links no generic sort for it.
func byKey(keys []string) []int {
	var out []int
	for i, k := range keys {
		j := len(out)
		dup := false
		for j > 0 && keys[out[j-1]] >= k {
			if keys[out[j-1]] == k {
				dup = true
				break
			}
			j--
		}
		if dup {
			continue
		}
		out = append(out, 0)
		copy(out[j+1:], out[j:])
		out[j] = i
	}
	return out
}

// Rule is a cors_rule as the SDK's reader hands it to the provider: every
// schema key present, unset sets empty, an unset id "" and an unset
// max_age_seconds 0 (the zero values; tfset_test.go checks it).
type Rule struct {
	Headers, Methods, Origins, Expose []string // each already in set order
	ID                                string
	MaxAge                            int64
}

// serialize is SerializeResourceForHash for the cors_rule schema, whose
// keys sorted are allowed_headers, allowed_methods, allowed_origins,
// expose_headers, id, max_age_seconds.
func (r *Rule) serialize() string {
	var b strings.Builder
	list := func(name string, vals []string) {
		b.WriteString(name + ":{")
		for _, v := range vals {
			b.WriteString(v + ";")
		}
		b.WriteString("};")
	}
	list("allowed_headers", r.Headers)
	list("allowed_methods", r.Methods)
	list("allowed_origins", r.Origins)
	list("expose_headers", r.Expose)
	b.WriteString("id:" + r.ID + ";")
	b.WriteString("max_age_seconds:" + strconv.FormatInt(r.MaxAge, 10) + ";")
	return b.String()
}

// Rules returns the indexes of rules in set order, one per hash code.
func Rules(rules []Rule) []int {
	keys := make([]string, len(rules))
	for i := range rules {
		keys[i] = setKey(rules[i].serialize())
	}
	return byKey(keys)
}
