// Command iac is corsplay's second WebAssembly module, the one the page
// fetches on first need: the readers of infrastructure-as-code files
// (Terraform, and CloudFormation templates in YAML or JSON; package
// iacfile picks the reader), which the default page's module does not
// link because HCL and its evaluator cost about a megabyte, and the YAML parser more;
// and synthesis from tests (internal/synth, about 40 KB compressed), which
// only "Make them pass" uses. The page fetches it the first time a person
// pastes or opens such a file, or asks to make the tests pass.
//
// Like ./wasm, it is a thin bridge: a table of functions taking strings and
// returning a JSON string, installed by main.go (js/wasm only) on the
// namespace object the loader names, each call guarded against panics.
//
// Functions:
//
//	read(name, text, inputsJSON) → JSON of everything found in the file:
//	    {"kind", "problems": [...], "sources": [{"address", span,
//	    "xml": the configuration as the tool sends it (feed it to the
//	    engine's evaluate as bucket.cors), "rules": [{"index", "written",
//	    span, "values": [{"field", "text", span}]}], "unknowns": [{"ref",
//	    "rule", "field", span}], "problems": [{"tool", "message", span}],
//	    "validation": [{"code", "message", "rule", "field", span}],
//	    "s3Error": "…" or "", "lint": [{"severity", "code", "message",
//	    "rule", span, "fix": {"summary", "text": the whole file edited} or
//	    null}]}]}
//	    name picks the language (main.tf, template.yaml; "" to detect from
//	    the text); inputsJSON is {"NAME": "VALUE", ...} (variables or
//	    parameters; "" for none). A span is "line", "column", "endLine",
//	    "endColumn" in the original text (columns in code points). A file
//	    no reader claims is {"error": "…"}. "inputs" names every variable
//	    or parameter the file declares or its rules take a value by.
//	highlight(text, lang) → highlighted HTML as the engine's highlight
//	    returns it, with "hcl" (Terraform) among the languages
//	fix(name, text, inputsJSON, address, scenarioJSON) → the browser fix
//	    written into the file (package iacfix) for configuration address
//	    ("" for the first) and the page's scenario (its fetch): {"summary",
//	    "text": the whole file edited, "edits": [{"line", "column",
//	    "endLine", "endColumn", "new"}] (places in the original text),
//	    "diff": [{op, text}], "changes": [...]}; or {"error": "…"} when
//	    there is none, with "refused": {"summary", "reason", "expr", "line",
//	    "column"} when the change is to a value an expression computes
//	    (the person makes it by hand at that line).
//	tfvars(text) → {"inputs": {"NAME": "VALUE"}} from a terraform.tfvars
//	    (each value the text of its expression, a string as its value), or
//	    {"error": "…"} — to prefill the variables panel.
//	synth(testsJSON) → JSON of synth.Result: {config (XML, or null), rules,
//	    values, empty, conflicts: [{tests, why, proven, text}], passed,
//	    failed}; a test file that does not decode is {"error": {message,
//	    line, column}}, as the default module's runTests answers it
//	makePass(config, testsJSON) → JSON of synth.Edit: {config ("" when
//	    nothing changes), diff: [{op, text}], changes, synthesized,
//	    conflicts, passed, failed}, or {"error": …} as for synth
package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"runtime"
	"strconv"

	"corsplay/internal/config"
	"corsplay/internal/expect"
	"corsplay/internal/highlight"
	"corsplay/internal/iac"
	"corsplay/internal/iacfile"
	"corsplay/internal/iacfix"
	"corsplay/internal/jsonw"
	"corsplay/internal/lint"
	"corsplay/internal/recovered"
	"corsplay/internal/scenario"
	"corsplay/internal/synth"
	"corsplay/internal/terraform"
)

func init() { highlight.EnableHCL() }

// MaxText bounds what read and tfvars take (the readers bound themselves
// too; this keeps a huge paste from being copied around first).
const MaxText = 4 << 20

// Func is one function of the JS API.
type Func struct {
	Params []string
	Call   func(args []string) (string, error)
}

// Funcs is the API.
var Funcs = map[string]Func{
	"read": {Params: []string{"name", "text", "inputsJSON"}, Call: func(a []string) (string, error) {
		if len(a[1]) > MaxText {
			return answerError(errors.New("the file is " + strconv.Itoa(len(a[1])) + " bytes; at most " + strconv.Itoa(MaxText))), nil
		}
		in := iac.Inputs{}
		if a[2] != "" {
			if err := json.Unmarshal([]byte(a[2]), &in); err != nil {
				return "", errors.New("inputsJSON: " + err.Error())
			}
		}
		out, err := Read(a[0], []byte(a[1]), in)
		if err != nil {
			return answerError(err), nil
		}
		return out, nil
	}},
	// (name, text, inputsJSON, address, scenarioJSON): web/iac.js's
	// mod.fix call passes them in this order.
	"fix": {Params: []string{"name", "text", "inputsJSON", "address", "scenarioJSON"}, Call: func(a []string) (string, error) {
		if len(a[1]) > MaxText {
			return answerError(errors.New("the file is too large")), nil
		}
		in := iac.Inputs{}
		if a[2] != "" {
			if err := json.Unmarshal([]byte(a[2]), &in); err != nil {
				return "", errors.New("inputsJSON: " + err.Error())
			}
		}
		sc, err := scenario.DecodeInput([]byte(a[4]))
		if err != nil {
			return "", errors.New("scenarioJSON: " + err.Error())
		}
		res, err := iacfix.Browser(iacfix.Input{Name: a[0], Text: []byte(a[1]), Inputs: in, Address: a[3], Scenario: sc})
		var r *iacfix.Refusal
		if errors.As(err, &r) {
			b, _ := json.Marshal(map[string]any{"error": err.Error(), "refused": refusal{r.Summary, r.Reason(), r.Expr, r.Line, r.Column}})
			return string(b), nil
		}
		if err != nil {
			return answerError(err), nil
		}
		b, err := json.Marshal(res)
		return string(b), err
	}},
	"highlight": {Params: []string{"text", "lang"}, Call: func(a []string) (string, error) {
		if len(a[0]) > MaxText {
			return "", errors.New("text is " + strconv.Itoa(len(a[0])) + " bytes; highlight takes at most " + strconv.Itoa(MaxText))
		}
		return highlight.HTML(a[0], a[1])
	}},
	"tfvars": {Params: []string{"text"}, Call: func(a []string) (string, error) {
		if len(a[0]) > MaxText {
			return answerError(errors.New("the file is too large")), nil
		}
		in := iac.Inputs{}
		if err := terraform.ReadVarFile("terraform.tfvars", []byte(a[0]), in); err != nil {
			return answerError(err), nil
		}
		b, _ := json.Marshal(map[string]any{"inputs": in})
		return string(b), nil
	}},
	"synth": {Params: []string{"testsJSON"}, Call: func(a []string) (string, error) {
		f, err := expect.Decode([]byte(a[0]))
		if err != nil {
			return decodeError(err), nil
		}
		return string(jsonw.EscapeHTML(synth.Synthesize(f).AppendJSON(nil))), nil
	}},
	// (config, testsJSON): the order web/loader.js's corsplay.makePass
	// passes them in.
	"makePass": {Params: []string{"config", "testsJSON"}, Call: func(a []string) (string, error) {
		f, err := expect.Decode([]byte(a[1]))
		if err != nil {
			return decodeError(err), nil
		}
		return string(jsonw.EscapeHTML(synth.MakePass([]byte(a[0]), f).AppendJSON(nil))), nil
	}},
}

// decodeError is a test file that does not decode, as the default module's
// runTests answers it: {"error": {"message", "line", "column"}}.
func decodeError(err error) string {
	var e *expect.Error
	if !errors.As(err, &e) {
		return answerError(err)
	}
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"message": e.Msg, "line": e.Line, "column": e.Column}})
	return string(b)
}

func answerError(err error) string {
	b, _ := json.Marshal(map[string]string{"error": err.Error()})
	return string(b)
}

type span struct {
	Line      int `json:"line"`
	Column    int `json:"column"`
	EndLine   int `json:"endLine"`
	EndColumn int `json:"endColumn"`
}

func spanOf(s config.Span) span {
	return span{s.Start.Line, s.Start.Column, s.End.Line, s.End.Column}
}

type value struct {
	Field string `json:"field"`
	Text  string `json:"text"`
	span
}

type rule struct {
	Index   int     `json:"index"`
	Written int     `json:"written"`
	Values  []value `json:"values"`
	span
}

type unknown struct {
	Ref   string `json:"ref"`
	Rule  int    `json:"rule"`
	Field string `json:"field"`
	span
}

type problem struct {
	Tool    string `json:"tool"`
	Message string `json:"message"`
	span
}

type check struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Rule    int    `json:"rule"`
	Field   string `json:"field"`
	span
}

type warning struct {
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
	Rule     int    `json:"rule"`
	// Fix is the quick fix: its summary and the whole edited file (the
	// original text changed minimally); null when there is none.
	Fix *quickFix `json:"fix"`
	span
}

// refusal is a browser fix to make by hand: what to change, the expression
// that computes the value and its place.
type refusal struct {
	Summary string `json:"summary"`
	Reason  string `json:"reason"`
	Expr    string `json:"expr"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
}

type quickFix struct {
	Summary string `json:"summary"`
	Text    string `json:"text"`
}

func warnings(ws []lint.Warning) []warning {
	out := make([]warning, 0, len(ws))
	for _, w := range ws {
		o := warning{Severity: w.Severity, Code: w.Code, Message: w.Message, Rule: w.Rule, span: spanOf(w.Span)}
		if w.Fix != nil {
			o.Fix = &quickFix{w.Fix.Summary, w.Fix.Config}
		}
		out = append(out, o)
	}
	return out
}

type source struct {
	Address    string    `json:"address"`
	XML        string    `json:"xml"`
	Rules      []rule    `json:"rules"`
	Unknowns   []unknown `json:"unknowns"`
	Problems   []problem `json:"problems"`
	Validation []check   `json:"validation"`
	S3Error    string    `json:"s3Error"`
	Lint       []warning `json:"lint"`
	Notes      []string  `json:"notes"`
	span
}

type file struct {
	Kind     string    `json:"kind"`
	Problems []problem `json:"problems"`
	Sources  []source  `json:"sources"`
	Inputs   []string  `json:"inputs"`
}

// Read reads the file with the reader iacfile.KindOf names, then runs
// validation and lint on every configuration it found, all placed in the
// original text.
func Read(name string, src []byte, in iac.Inputs) (string, error) {
	f := iacfile.Read(name, src, in)
	if f == nil {
		return "", errors.New("neither a Terraform file nor a CloudFormation template")
	}
	out := file{Kind: string(f.Kind), Problems: problems(f.Problems), Sources: []source{}, Inputs: append([]string{}, f.Inputs...)}
	for _, s := range f.Sources {
		out.Sources = append(out.Sources, sourceOf(f.Kind, src, s))
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func problems(ps []iac.Problem) []problem {
	out := make([]problem, 0, len(ps))
	for _, p := range ps {
		out = append(out, problem{p.Tool, p.Msg, spanOf(p.Span)})
	}
	return out
}

func sourceOf(kind iac.Kind, src []byte, s *iac.Source) source {
	o := source{Address: s.Address, span: spanOf(s.Span), Problems: problems(s.Problems), Unknowns: []unknown{}, Rules: []rule{}, Validation: []check{}, Lint: []warning{}, Notes: []string{}}
	for _, u := range s.Unknowns {
		o.Unknowns = append(o.Unknowns, unknown{u.Ref, u.Rule, string(u.Field), spanOf(u.Span)})
	}
	o.Notes = append(o.Notes, s.Notes...)
	c := iacfile.Check(kind, src, s)
	if c == nil {
		return o
	}
	o.XML = string(c.XML)
	for i, r := range s.Config.Rules {
		w := i
		if i < len(s.Written) {
			w = s.Written[i]
		}
		vr := rule{Index: r.Index, Written: w, span: spanOf(r.Span), Values: []value{}}
		for _, v := range r.Values {
			vr.Values = append(vr.Values, value{string(v.Field), v.Text, spanOf(v.Span)})
		}
		o.Rules = append(o.Rules, vr)
	}
	for _, p := range c.Validation.Problems {
		o.Validation = append(o.Validation, check{p.Code, p.Message, p.Rule, p.Field, spanOf(p.Span)})
	}
	if e := c.Validation.S3Error; e != nil {
		o.S3Error = e.Code + ": " + e.Message
	}
	o.Lint = warnings(c.Lint)
	return o
}

// PanicLog receives the stack of a recovered panic (the browser console).
var PanicLog io.Writer = os.Stderr

// Call runs function name; it never panics.
func Call(name string, args []string) (result string, err error) {
	f, ok := Funcs[name]
	if !ok {
		return "", errors.New("corsplayIaC: no function " + strconv.Quote(name))
	}
	if len(args) != len(f.Params) {
		return "", errors.New("corsplayIaC." + name + ": takes " + strconv.Itoa(len(f.Params)) + " arguments, got " + strconv.Itoa(len(args)))
	}
	defer func() {
		if r := recover(); r != nil {
			buf := make([]byte, 8192)
			n := runtime.Stack(buf, false)
			msg := recovered.Text(r)
			io.WriteString(PanicLog, "corsplayIaC: panic in "+name+": "+msg+"\n"+string(buf[:n]))
			result, err = "", errors.New("corsplayIaC."+name+": internal error: "+msg)
		}
	}()
	result, err = f.Call(args)
	if err != nil {
		err = errors.New("corsplayIaC." + name + ": " + err.Error())
	}
	return result, err
}
