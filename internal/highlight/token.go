package highlight

// TokenType is a kind of token. The set is the part of chroma's token
// vocabulary these lexers use; each type's Class is chroma's CSS class for
// the chroma type of the same Name (a test checks both against chroma), so
// stylesheets generated from any chroma style colour the output.
type TokenType uint8

// The token types, named as chroma names them.
const (
	Text TokenType = iota
	Error
	Comment
	CommentPreproc
	CommentSingle
	CommentMultiline
	NameTag
	NameAttribute
	NameEntity
	NameFunction
	NameNamespace
	Operator
	Punctuation
	LiteralString
	LiteralStringDouble
	LiteralNumber
	LiteralNumberInteger
	LiteralNumberFloat
	KeywordConstant
	KeywordReserved
	GenericDeleted
	GenericInserted
	TextWhitespace
	Literal
	LiteralStringSingle
	LiteralStringDoc
	LiteralDate
	Keyword
	NameBuiltin
	NameOther
	LiteralStringInterpol
	numTypes
)

var typeInfo = [numTypes]struct{ name, class string }{
	Text:                  {"Text", ""},
	Error:                 {"Error", "err"},
	Comment:               {"Comment", "c"},
	CommentPreproc:        {"CommentPreproc", "cp"},
	CommentSingle:         {"CommentSingle", "c1"},
	CommentMultiline:      {"CommentMultiline", "cm"},
	NameTag:               {"NameTag", "nt"},
	NameAttribute:         {"NameAttribute", "na"},
	NameEntity:            {"NameEntity", "ni"},
	NameFunction:          {"NameFunction", "nf"},
	NameNamespace:         {"NameNamespace", "nn"},
	Operator:              {"Operator", "o"},
	Punctuation:           {"Punctuation", "p"},
	LiteralString:         {"LiteralString", "s"},
	LiteralStringDouble:   {"LiteralStringDouble", "s2"},
	LiteralNumber:         {"LiteralNumber", "m"},
	LiteralNumberInteger:  {"LiteralNumberInteger", "mi"},
	LiteralNumberFloat:    {"LiteralNumberFloat", "mf"},
	KeywordConstant:       {"KeywordConstant", "kc"},
	KeywordReserved:       {"KeywordReserved", "kr"},
	GenericDeleted:        {"GenericDeleted", "gd"},
	GenericInserted:       {"GenericInserted", "gi"},
	TextWhitespace:        {"TextWhitespace", "w"},
	Literal:               {"Literal", "l"},
	LiteralStringSingle:   {"LiteralStringSingle", "s1"},
	LiteralStringDoc:      {"LiteralStringDoc", "sd"},
	LiteralDate:           {"LiteralDate", "ld"},
	Keyword:               {"Keyword", "k"},
	NameBuiltin:           {"NameBuiltin", "nb"},
	NameOther:             {"NameOther", "nx"},
	LiteralStringInterpol: {"LiteralStringInterpol", "si"},
}

// String returns chroma's name for t, e.g. "NameTag".
func (t TokenType) String() string {
	if t < numTypes {
		return typeInfo[t].name
	}
	return "TokenType(?)"
}

// Class returns chroma's CSS class for t ("" for plain text).
func (t TokenType) Class() string {
	if t < numTypes {
		return typeInfo[t].class
	}
	return ""
}

// Token is a run of source text of one type.
type Token struct {
	Type  TokenType
	Value string
}
