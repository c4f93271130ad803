package terraform

import (
	"maps"
	"strings"
	"testing"

	"corsplay/internal/iac"
)

func TestReadVarFile(t *testing.T) {
	tests := []struct {
		name    string
		src     string
		before  iac.Inputs
		want    iac.Inputs
		wantErr bool
	}{
		{name: "a string is its value", src: "app_domain = \"app.example.com\"\n", want: iac.Inputs{"app_domain": "app.example.com"}},
		{name: "a list is its text", src: "# prod\norigins = [\"https://a.example.com\", \"https://b.example.com\"]\n", want: iac.Inputs{"origins": `["https://a.example.com", "https://b.example.com"]`}},
		{name: "a number and a template are their text", src: "max_age = 3000\nsite = \"https://${x}\"\n", want: iac.Inputs{"max_age": "3000", "site": `"https://${x}"`}},
		{name: "a later file wins", src: "a = \"new\"\n", before: iac.Inputs{"a": "old", "b": "kept"}, want: iac.Inputs{"a": "new", "b": "kept"}},
		{name: "a broken file", src: "x = ", wantErr: true},
		{name: "a block is not a value", src: "x {\n}\n", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := iac.Inputs{}
			maps.Copy(in, tt.before)
			err := ReadVarFile("terraform.tfvars", []byte(tt.src), in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("error %v, want error %v", err, tt.wantErr)
			}
			if !tt.wantErr && !maps.Equal(in, tt.want) {
				t.Errorf("got %v, want %v", in, tt.want)
			}
		})
	}
}

// FuzzReadVarFile: any text is read or refused without a panic, and every
// name it reads is written in the text.
func FuzzReadVarFile(f *testing.F) {
	for _, s := range []string{"a = \"b\"\n", "origins = [\"https://a.example.com\"]\n", "x = {a = 1}\n", "x = ", "x {\n}\n", "a = \"${b}\"\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		in := iac.Inputs{}
		if err := ReadVarFile("f.tfvars", src, in); err != nil {
			return
		}
		for k := range in {
			if !strings.Contains(string(src), k) {
				t.Errorf("read %q, which the text does not name", k)
			}
		}
	})
}
