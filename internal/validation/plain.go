package validation

import (
	"strconv"
	"strings"

	"corsplay/internal/config"
)

// plain says what S3's answer to p means, for someone who has never read
// S3's errors: what is wrong and what S3 takes instead. S3's own text stays
// in Message; this goes before it. (The aws-cli's problems get theirs where
// they are found: see paramValidation.)
func plain(p *Problem) string {
	where := "The configuration"
	if p.Rule >= 0 {
		where = "Rule " + strconv.Itoa(p.Rule+1)
	}
	switch p.Code {
	case CodeTooBig:
		return "The configuration is larger than the 64 KB S3 takes (" + p.Value + ")."
	case CodeEmptyBody:
		return "The configuration is empty; S3 needs at least one rule."
	case CodeInvalidArgument:
		return where + "'s ID is longer than the " + strconv.Itoa(MaxIDLen) + " characters S3 takes."
	case CodeMalformedXML:
		return "S3 cannot read this as a CORS configuration (" + strings.TrimSpace(p.Value) + ")."
	case CodeInvalidRequest:
		switch config.Field(p.Field) {
		case config.FieldAllowedMethod:
			s := where + " lists " + strconv.Quote(p.Value) + " as a method; S3 accepts only GET, PUT, HEAD, POST and DELETE, written in capitals"
			switch up := strings.ToUpper(p.Value); {
			case up == "OPTIONS":
				s += " (the browser's preflight is an OPTIONS request, but S3 answers it by the method it asks for: list that one)"
			case up != p.Value && isMethod(up):
				s += " (write " + up + ")"
			case up == "PATCH":
				s += " (S3 has no PATCH operation, so no configuration can allow it)"
			}
			return s + "."
		case config.FieldAllowedOrigin:
			return where + "'s AllowedOrigin " + strconv.Quote(p.Value) + " has more than one *; S3 takes at most one."
		case config.FieldAllowedHeader:
			if strings.Count(p.Value, "*") > 1 {
				return where + "'s AllowedHeader " + strconv.Quote(p.Value) + " has more than one *; S3 takes at most one."
			}
			return where + "'s AllowedHeader " + strconv.Quote(p.Value) + " is not a header name: a name has no spaces, colons or quotes."
		case config.FieldExposeHeader:
			if strings.Contains(p.Value, "*") {
				return where + "'s ExposeHeader cannot be *: list each response header the script reads, such as ETag."
			}
			return where + "'s ExposeHeader " + strconv.Quote(p.Value) + " is not a header name: a name has no spaces, colons or quotes."
		case "CORSRule":
			return "S3 takes at most " + strconv.Itoa(MaxRules) + " rules; this configuration has " + p.Value + "."
		}
	}
	return p.Message
}

func isMethod(m string) bool {
	for _, x := range Methods {
		if m == x {
			return true
		}
	}
	return false
}
