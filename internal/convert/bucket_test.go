package convert

import (
	"strings"
	"testing"
)

// TestBucketOf: exports name the bucket the request URL names, in
// either style, and the demo bucket for anything else (a name that is not a
// valid bucket name never reaches the shell command).
func TestBucketOf(t *testing.T) {
	tests := []struct {
		name, url      string
		bucket, region string
	}{
		{name: "virtual-hosted, regional", url: "https://photos-prod.s3.eu-west-1.amazonaws.com/cat.jpg", bucket: "photos-prod", region: "eu-west-1"},
		{name: "virtual-hosted, global", url: "https://photos-prod.s3.amazonaws.com/cat.jpg", bucket: "photos-prod"},
		{name: "path style", url: "https://s3.us-west-2.amazonaws.com/my.bucket.name/k", bucket: "my.bucket.name", region: "us-west-2"},
		{name: "legacy dash region", url: "https://assets-1.s3-us-west-2.amazonaws.com/k", bucket: "assets-1", region: "us-west-2"},
		{name: "China", url: "https://b-cn.s3.cn-north-1.amazonaws.com.cn/k", bucket: "b-cn", region: "cn-north-1"},
		{name: "empty", url: "", bucket: exampleBucket},
		{name: "not a URL", url: "not a url", bucket: exampleBucket},
		{name: "a CNAME names no bucket", url: "https://cdn.example.com/k", bucket: exampleBucket},
		{name: "path style without a bucket", url: "https://s3.amazonaws.com/", bucket: exampleBucket},
		{name: "upper case is not a bucket name", url: "https://s3.amazonaws.com/My_Bucket/k", bucket: exampleBucket},
		{name: "shell characters are not a bucket name", url: "https://s3.amazonaws.com/a%3Brm%20-rf/k", bucket: exampleBucket},
		{name: "an IP address is not a bucket name", url: "https://s3.amazonaws.com/192.168.1.10/k", bucket: exampleBucket},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := BucketOf(tc.url)
			if got.Name != tc.bucket || got.Region != tc.region {
				t.Errorf("BucketOf(%q) = %+v, want %s %s", tc.url, got, tc.bucket, tc.region)
			}
		})
	}
}

func TestToBucket(t *testing.T) {
	src := []byte(`<CORSConfiguration><CORSRule><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>`)
	tests := []struct {
		name, to string
		at       Bucket
		want     string // the output contains it
	}{
		{name: "request, regional", to: "put-request", at: Bucket{Name: "photos-prod", Region: "eu-west-1"}, want: "\r\nHost: photos-prod.s3.eu-west-1.amazonaws.com\r\n"},
		{name: "request, no region", to: "put-request", at: Bucket{Name: "photos-prod"}, want: "\r\nHost: photos-prod.s3.amazonaws.com\r\n"},
		{name: "command", to: "aws-cli", at: Bucket{Name: "photos-prod", Region: "eu-west-1"}, want: "aws s3api put-bucket-cors --bucket photos-prod --region eu-west-1 --cors-configuration '"},
		{name: "zero target is the demo bucket", to: "aws-cli", want: "--bucket " + exampleBucket + " --cors-configuration"},
		{name: "an invalid name is never used", to: "aws-cli", at: Bucket{Name: "x; rm -rf ~", Region: "$(id)"}, want: "--bucket " + exampleBucket + " --cors-configuration"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, err := ToBucket(src, tc.to, tc.at)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tc.want) {
				t.Errorf("output lacks %q:\n%s", tc.want, out)
			}
		})
	}
	// To is ToBucket with the demo bucket.
	a, _ := To(src, "put-request")
	b, _ := ToBucket(src, "put-request", Bucket{Name: exampleBucket})
	if string(a) != string(b) {
		t.Error("To differs from ToBucket with the demo bucket")
	}
}
