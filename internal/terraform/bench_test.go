package terraform

import (
	"strconv"
	"strings"
	"testing"
)

// BenchmarkRead100Rules reads a resource with 100 cors_rule blocks, each
// with a template origin from a local and a variable: the provider's
// maximum, evaluated and put in set order.
func BenchmarkRead100Rules(b *testing.B) {
	var src strings.Builder
	src.WriteString("variable \"domain\" {\n  default = \"example.com\"\n}\n\nlocals {\n  scheme = \"https\"\n}\n\nresource \"aws_s3_bucket_cors_configuration\" \"tenants\" {\n  bucket = \"acme\"\n")
	for i := 0; i < 100; i++ {
		src.WriteString("\n  cors_rule {\n    allowed_methods = [\"GET\", \"PUT\"]\n    allowed_origins = [\"${local.scheme}://t" + strconv.Itoa(i) + ".${var.domain}\"]\n    allowed_headers = [\"*\"]\n    expose_headers  = [\"ETag\"]\n    max_age_seconds = 3000\n  }\n")
	}
	src.WriteString("}\n")
	text := []byte(src.String())
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f := Read("main.tf", text, nil)
		if len(f.Sources) != 1 || len(f.Sources[0].Config.Rules) != 100 {
			b.Fatal(dump(f))
		}
	}
}
