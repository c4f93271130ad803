package convert

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// TestIaCExports compares each infrastructure-as-code export of a
// configuration with odd values (quotes, a value YAML would read as a
// boolean, "*", a non-ASCII origin, a zero-padded MaxAgeSeconds) with its
// golden file. Package cloudformation reads the CloudFormation exports
// back (TestExportRoundTrip there).
func TestIaCExports(t *testing.T) {
	src, err := os.ReadFile("testdata/mixed.xml")
	if err != nil {
		t.Fatal(err)
	}
	for _, to := range []string{"cloudformation-yaml", "cloudformation-json", "cdk-ts", "cdk-python", "terraform", "terraform-module"} {
		t.Run(to, func(t *testing.T) {
			out, err := To(src, to)
			if err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "mixed."+to+".golden")
			if *update {
				if err := os.WriteFile(path, out, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (go test -update)", err)
			}
			if string(out) != string(want) {
				t.Errorf("%s differs from %s:\n%s", to, path, out)
			}
		})
	}
}

// TestIaCExportRefusals: what the target's types cannot hold is refused
// with the reason.
func TestIaCExportRefusals(t *testing.T) {
	tests := []struct {
		name, src, to, want string
	}{
		{name: "MaxAge not an integer", src: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": "soon"}]`, to: "cloudformation-yaml", want: `MaxAgeSeconds "soon" in rule 1 is not an integer`},
		{name: "MaxAge too large for S3's int", src: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["GET"], "MaxAgeSeconds": 99999999999}]`, to: "cloudformation-json", want: "is not an integer"},
		{name: "method CDK has no member for", src: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]`, to: "cdk-ts", want: `AllowedMethod "PATCH" in rule 1 has no member in the CDK's s3.HttpMethods`},
		{name: "CloudFormation passes an invalid method on", src: `[{"AllowedOrigins": ["*"], "AllowedMethods": ["PATCH"]}]`, to: "cloudformation-yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := To([]byte(tt.src), tt.to)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v; want one containing %q", err, tt.want)
			}
		})
	}
}
