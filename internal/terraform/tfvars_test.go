package terraform

import (
	"maps"
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
