package fix

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"corsplay/internal/cloudformation"
	"corsplay/internal/config"
)

const blockTemplate = `Parameters:
  Origin: {Type: String, Default: https://p.example.com}
Resources:
  B:
    Type: AWS::S3::Bucket
    Properties:
      CorsConfiguration:
        CorsRules:
          # reads
          - Id: reads
            AllowedOrigins:
              - https://a.example.com   # the app
              - !Ref Origin
            AllowedMethods: [GET, HEAD]
            MaxAge: 300
          - AllowedOrigins:
              - "https://b.example.com"
            AllowedMethods:
              - PUT
`

const flowTemplate = `Resources:
  B: {Type: "AWS::S3::Bucket", Properties: {CorsConfiguration: {CorsRules: [{AllowedOrigins: ['https://a.example.com'], AllowedMethods: [GET, PUT], MaxAge: 60}, {AllowedOrigins: ['*', 'https://b.example.com'], AllowedMethods: [HEAD]}]}}}
`

const jsonTemplate = `{
  "Resources": {
    "B": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "CorsConfiguration": {
          "CorsRules": [
            {
              "AllowedOrigins": ["https://a.example.com", {"Fn::Sub": "https://x.example.com"}],
              "AllowedMethods": ["GET"]
            },
            {
              "AllowedOrigins": ["https://b.example.com"],
              "AllowedMethods": ["PUT"]
            }
          ]
        }
      }
    }
  }
}
`

// TestTemplateEdits applies each edit primitive to CloudFormation
// templates and checks the exact new text, that comments and layout
// around it are kept, and that the template still reads with the change.
func TestTemplateEdits(t *testing.T) {
	tests := []struct {
		name string
		src  string
		do   func(src []byte, cfg *config.Config) (*Fix, error)
		// old and new: the edited text replaces old with new, once.
		old, new string
		// del: for a move, the text that then goes from where it was
		// (its last occurrence).
		del string
		// refused: the edit is refused with this error text.
		refused string
	}{
		{name: "replace, block item keeps its comment", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Replace(s, c, 0, 1, "https://c.example.com") },
			old: "- https://a.example.com   # the app", new: "- https://c.example.com   # the app"},
		{name: "replace keeps double quotes", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Replace(s, c, 1, 0, "https://d.example.com") },
			old: `- "https://b.example.com"`, new: `- "https://d.example.com"`},
		{name: "replace a computed value", src: blockTemplate,
			do:      func(s []byte, c *config.Config) (*Fix, error) { return Replace(s, c, 0, 2, "x") },
			refused: "cannot edit: the value comes from !Ref Origin at 13:17"},
		{name: "add to a flow list", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Add(s, c, 0, config.FieldAllowedMethod, "POST") },
			old: "[GET, HEAD]", new: "[GET, HEAD, POST]"},
		{name: "add to a block list after a computed value", src: blockTemplate,
			do: func(s []byte, c *config.Config) (*Fix, error) {
				return Add(s, c, 0, config.FieldAllowedOrigin, "https://e.example.com")
			},
			refused: "cannot edit: the value comes from !Ref Origin"},
		{name: "add to a block list", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Add(s, c, 1, config.FieldAllowedMethod, "POST") },
			old: "              - PUT\n", new: "              - PUT\n              - POST\n"},
		{name: "add a new key", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Add(s, c, 1, config.FieldExposeHeader, "ETag") },
			old: "              - PUT\n", new: "              - PUT\n            ExposedHeaders:\n              - ETag\n"},
		{name: "remove from a flow list", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Remove(s, c, 0, 4) },
			old: "[GET, HEAD]", new: "[GET]"},
		{name: "remove the only block item", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Remove(s, c, 1, 0) },
			old: "          - AllowedOrigins:\n              - \"https://b.example.com\"\n", new: "          - AllowedOrigins: []\n"},
		{name: "remove a one-value key", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Remove(s, c, 0, 5) },
			old: "            MaxAge: 300\n", new: ""},
		{name: "remove the key after the dash", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Remove(s, c, 0, 0) },
			old: "          - Id: reads\n            AllowedOrigins:", new: "          - AllowedOrigins:"},
		{name: "remove a rule", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return RemoveRule(s, c, 1) },
			old: "          - AllowedOrigins:\n              - \"https://b.example.com\"\n            AllowedMethods:\n              - PUT\n", new: ""},
		{name: "move a rule keeps the comment above the first", src: blockTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Move(s, c, 1, 0) },
			old: "          # reads\n          - Id: reads", new: "          # reads\n          - AllowedOrigins:\n              - \"https://b.example.com\"\n            AllowedMethods:\n              - PUT\n          - Id: reads",
			del: "          - AllowedOrigins:\n              - \"https://b.example.com\"\n            AllowedMethods:\n              - PUT\n"},
		{name: "insert a rule first", src: blockTemplate,
			do: func(s []byte, c *config.Config) (*Fix, error) {
				return AddRule(s, c, 0, RuleSpec{AllowedOrigins: []string{"*"}, AllowedMethods: []string{"GET"}, MaxAgeSeconds: "60"})
			},
			old: "          - Id: reads", new: "          - AllowedOrigins:\n              - \"*\"\n            AllowedMethods:\n              - GET\n            MaxAge: 60\n          - Id: reads"},
		{name: "add a key to a flow rule", src: flowTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Add(s, c, 0, config.FieldExposeHeader, "ETag") },
			old: "MaxAge: 60}", new: "MaxAge: 60, ExposedHeaders: [ETag]}"},
		{name: "remove from a flow rule's list", src: flowTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Remove(s, c, 1, 0) },
			old: "AllowedOrigins: ['*', 'https://b.example.com']", new: "AllowedOrigins: ['https://b.example.com']"},
		{name: "JSON: add with CloudFormation's key name", src: jsonTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Add(s, c, 1, config.FieldExposeHeader, "ETag") },
			old: "\"AllowedMethods\": [\"PUT\"]\n", new: "\"AllowedMethods\": [\"PUT\"],\n              \"ExposedHeaders\": [\"ETag\"]\n"},
		{name: "JSON: remove a literal", src: jsonTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Remove(s, c, 0, 0) },
			old: `["https://a.example.com", {"Fn::Sub"`, new: `[{"Fn::Sub"`},
		{name: "JSON: replace a computed value", src: jsonTemplate,
			do:      func(s []byte, c *config.Config) (*Fix, error) { return Replace(s, c, 0, 1, "x") },
			refused: `cannot edit: the value comes from {"Fn::Sub": "https://x.example.com"} at 9:59`},
		{name: "JSON: move a rule", src: jsonTemplate,
			do:  func(s []byte, c *config.Config) (*Fix, error) { return Move(s, c, 1, 0) },
			old: "[\n            {\n              \"AllowedOrigins\": [\"https://a", new: "[\n            {\n              \"AllowedOrigins\": [\"https://b.example.com\"],\n              \"AllowedMethods\": [\"PUT\"]\n            },\n            {\n              \"AllowedOrigins\": [\"https://a",
			del: ",\n            {\n              \"AllowedOrigins\": [\"https://b.example.com\"],\n              \"AllowedMethods\": [\"PUT\"]\n            }"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := cloudformation.Read([]byte(tt.src), nil)
			if len(f.Problems) > 0 || len(f.Sources) != 1 {
				t.Fatalf("template: %v", f.Problems)
			}
			cfg := f.Sources[0].Config
			fx, err := tt.do([]byte(tt.src), cfg)
			if tt.refused != "" {
				var ce *CannotEditError
				if err == nil || !strings.Contains(err.Error(), tt.refused) || !errors.As(err, &ce) {
					t.Fatalf("error %v; want %q", err, tt.refused)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want := strings.Replace(tt.src, tt.old, tt.new, 1)
			if i := strings.LastIndex(want, tt.del); tt.del != "" && i >= 0 {
				want = want[:i] + want[i+len(tt.del):]
			}
			if !strings.Contains(tt.src, tt.old) || fx.Config != want {
				t.Fatalf("edited text:\n%s\nwant:\n%s", fx.Config, want)
			}
			after := cloudformation.Read([]byte(fx.Config), nil)
			if len(after.Problems) > 0 || len(after.Sources) != 1 || len(after.Sources[0].Problems) > 0 {
				t.Fatalf("edited template: %v %v", after.Problems, after.Sources)
			}
		})
	}
}

// FuzzTemplateEdits replaces and removes values of templates the reader
// accepts: an edit either is refused or gives a template that reads back
// with exactly that change.
func FuzzTemplateEdits(f *testing.F) {
	f.Add([]byte(blockTemplate), uint8(0), uint8(1), "https://z.example.com")
	f.Add([]byte(jsonTemplate), uint8(1), uint8(0), "it's")
	f.Add([]byte("Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      CorsConfiguration:\n        CorsRules:\n        - AllowedOrigins: ['a', \"b\", c]  # x\n          AllowedMethods:\n          - GET\n"), uint8(0), uint8(2), "#")
	f.Fuzz(func(t *testing.T, src []byte, ri, vi uint8, s string) {
		file := cloudformation.Read(src, nil)
		if len(file.Problems) > 0 || len(file.Sources) == 0 {
			return
		}
		cfg := file.Sources[0].Config
		if int(ri) >= len(cfg.Rules) || int(vi) >= len(cfg.Rules[ri].Values) {
			return
		}
		v := cfg.Rules[ri].Values[vi]
		if !utf8.ValidString(s) {
			return // the page and the linter hand the edits text, which is UTF-8
		}
		if v.Field == config.FieldMaxAgeSeconds {
			s = "42"
		}
		check := func(what string, fx *Fix, err error, want func(r *config.Rule) bool) {
			if err != nil {
				return
			}
			after := cloudformation.Read([]byte(fx.Config), nil)
			if len(after.Problems) > 0 || len(after.Sources) != len(file.Sources) {
				t.Fatalf("%s: edited template unreadable: %v\n%s", what, after.Problems, fx.Config)
			}
			ac := after.Sources[0].Config
			if len(ac.Rules) != len(cfg.Rules) || !want(&ac.Rules[ri]) {
				t.Fatalf("%s: rule %d after the edit: %+v\n%s", what, ri, ac.Rules, fx.Config)
			}
		}
		fx, err := Replace(src, cfg, int(ri), int(vi), s)
		check("replace", fx, err, func(r *config.Rule) bool {
			return int(vi) < len(r.Values) && r.Values[vi].Text == s
		})
		fx, err = Remove(src, cfg, int(ri), int(vi))
		check("remove", fx, err, func(r *config.Rule) bool {
			return r.Count(v.Field) == cfg.Rules[ri].Count(v.Field)-1
		})
		for _, f := range []config.Field{config.FieldExposeHeader, config.FieldAllowedHeader} {
			fx, err = Add(src, cfg, int(ri), f, "ETag", s)
			check("add", fx, err, func(r *config.Rule) bool {
				got := r.Texts(f)
				n := len(got)
				return n == cfg.Rules[ri].Count(f)+2 && got[n-2] == "ETag" && got[n-1] == s
			})
		}
	})
}
