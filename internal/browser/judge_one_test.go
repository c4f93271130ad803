package browser

import (
	"reflect"
	"testing"
)

// TestJudgeOne: JudgeOne's verdict is Judge's for the same browser, with
// only that browser's message and verdict in Messages and AllowedIn.
func TestJudgeOne(t *testing.T) {
	fetches := []struct {
		name string
		f    Fetch
	}{
		{name: "preflighted PUT", f: Fetch{Origin: "https://app.example.com", URL: "https://b.s3.amazonaws.com/k", Method: "PUT", Headers: Headers{{"Content-Type", "image/png"}}}},
		{name: "credentialed GET", f: Fetch{Origin: "https://app.example.com", URL: "https://b.s3.amazonaws.com/k", Credentials: "include"}},
		{name: "blocked DELETE", f: Fetch{Origin: "https://evil.example", URL: "https://b.s3.amazonaws.com/k", Method: "DELETE"}},
		{name: "no-cors", f: Fetch{Origin: "https://app.example.com", URL: "https://b.s3.amazonaws.com/k", Mode: "no-cors"}},
	}
	for _, tt := range fetches {
		for _, name := range append([]string{""}, Names...) {
			t.Run(tt.name+"/"+name, func(t *testing.T) {
				all, err := Judge(fakeS3(okPreflight), tt.f, name)
				if err != nil {
					t.Fatal(err)
				}
				one, err := JudgeOne(fakeS3(okPreflight), tt.f, name)
				if err != nil {
					t.Fatal(err)
				}
				b := all.Name
				if one.Messages[b] != all.Messages[b] || one.AllowedIn[b] != all.AllowedIn[b] || len(one.Messages) != 1 || len(one.AllowedIn) != 1 {
					t.Errorf("messages %v allowedIn %v; Judge: %v %v", one.Messages, one.AllowedIn, all.Messages, all.AllowedIn)
				}
				one.Messages, one.AllowedIn = all.Messages, all.AllowedIn
				if !reflect.DeepEqual(one, all) {
					t.Errorf("JudgeOne differs from Judge:\n%+v\n%+v", one, all)
				}
			})
		}
	}
	if _, err := JudgeOne(fakeS3(okPreflight), fetches[0].f, "edge"); err == nil {
		t.Error("JudgeOne took browser edge")
	}
	if _, err := JudgeOne(nil, fetches[0].f, ""); err == nil {
		t.Error("JudgeOne took no evaluator")
	}
}
