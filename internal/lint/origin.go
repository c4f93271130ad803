package lint

import (
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/fix"
)

// originShape is what a browser would make of an AllowedOrigin pattern.
// Any problem found means the pattern can never match: everything but the
// '*' is literal, and a browser's Origin has no white space, no upper case,
// no default port and nothing after the host.
type originShape struct {
	code   string   // the first problem, "" when the value can match
	issues []string // every problem, for the message
	want   string   // the value a browser could send, "" when unknown
}

// shape judges one AllowedOrigin. Browsers serialize an origin as
// scheme "://" host [":" port]: lower-case scheme and host, no default
// port, no path, no trailing slash (Fetch, "serialization of an origin").
func shape(p string) originShape {
	var s originShape
	if p == "*" || p == "null" {
		return s
	}
	if p == "" {
		s.code = "origin-empty"
		s.issues = append(s.issues, "it is empty")
		return s
	}
	v := p
	if t := strings.TrimSpace(v); t != v {
		s.issues = append(s.issues, "it has white space around it")
		s.code = "origin-whitespace"
		v = t
	}
	i := strings.Index(v, "://")
	if i < 0 {
		if strings.HasPrefix(v, "*") {
			return s // "*.example.com": the '*' stands for the scheme too
		}
		s.issues = append(s.issues, "it has no scheme (browsers send https://… or http://…)")
		if s.code == "" {
			s.code = "origin-no-scheme"
		}
		scheme := "https://"
		if strings.HasPrefix(v, "localhost") || strings.HasPrefix(v, "127.0.0.1") {
			scheme = "http://"
		}
		v = scheme + v
		i = strings.Index(v, "://")
	}
	scheme, rest := v[:i], v[i+3:]
	host := rest
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		host = rest[:j]
		tail := rest[j:]
		if tail == "/" {
			s.issues = append(s.issues, "it ends in a slash")
			if s.code == "" {
				s.code = "origin-trailing-slash"
			}
		} else {
			s.issues = append(s.issues, "it has a path ("+tail+")")
			if s.code == "" {
				s.code = "origin-path"
			}
		}
	}
	if strings.ToLower(scheme) != scheme || strings.ToLower(host) != host {
		s.issues = append(s.issues, "it has upper-case letters (browsers send the scheme and host in lower case, and S3 compares case-sensitively)")
		if s.code == "" {
			s.code = "origin-upper-case"
		}
		scheme, host = strings.ToLower(scheme), strings.ToLower(host)
	}
	if (scheme == "https" && strings.HasSuffix(host, ":443")) || (scheme == "http" && strings.HasSuffix(host, ":80")) {
		s.issues = append(s.issues, "it names the default port, which browsers leave out")
		if s.code == "" {
			s.code = "origin-default-port"
		}
		host = host[:strings.LastIndexByte(host, ':')]
	}
	if s.code != "" {
		if strings.ContainsAny(host, "@ ") || host == "" {
			return s
		}
		s.want = scheme + "://" + host
	}
	return s
}

func (c *checker) origins(ri int) {
	r := &c.cfg.Rules[ri]
	info := c.rules[ri]
	vals := r.Get(config.FieldAllowedOrigin)
	never := 0
	for _, v := range vals {
		if strings.Count(v.Text, "*") > 1 {
			continue // validation rejects it
		}
		s := shape(v.Text)
		if s.code != "" {
			never++
			msg := "AllowedOrigin \"" + v.Text + "\" can never match: " + quoteList(s.issues) + "."
			var fx func() (*fix.Fix, error)
			if s.want != "" {
				msg += " Browsers send \"" + s.want + "\"."
				fx = c.replace(ri, v, s.want)
			}
			c.add(c.valueWarn(Warn, s.code, ri, v, msg), fx)
			continue
		}
		c.wildcard(ri, v)
	}
	if info.valid && never == len(vals) {
		c.add(Warning{Severity: Warn, Code: "rule-unreachable", Rule: ri, Span: r.Span,
			Message: name(ri) + " can never match: none of its AllowedOrigin values is an origin a browser sends."}, nil)
	}
	// "*" with exact origins: S3 answers "*" whichever matched.
	if info.star {
		var exact []string
		for _, o := range info.origins {
			if o != "*" {
				exact = append(exact, o)
			}
		}
		var starV config.Value
		for _, v := range vals {
			if v.Text == "*" {
				starV = v
				break
			}
		}
		if len(exact) > 0 {
			spec := fix.RuleSpec{AllowedOrigins: exact, AllowedMethods: info.methods,
				AllowedHeaders: r.Texts(config.FieldAllowedHeader), ExposeHeaders: r.Texts(config.FieldExposeHeader)}
			if vs := r.Get(config.FieldMaxAgeSeconds); len(vs) > 0 {
				spec.MaxAgeSeconds = strings.TrimSpace(vs[0].Text)
			}
			c.add(c.valueWarn(Warn, "origin-wildcard-mixed", ri, starV, name(ri)+" lists \"*\" and also "+quoteList(exact)+
				": S3 answers Access-Control-Allow-Origin: * for all of them, so a credentialed request (cookies, credentials: 'include', withCredentials) from "+
				quoteList(exact)+" is refused by the browser. Put the exact origins in their own rule before this one."),
				func() (*fix.Fix, error) { return fix.AddRule(c.src, c.cfg, ri, spec) })
		} else {
			c.add(c.valueWarn(Info, "origin-wildcard-credentials", ri, starV, name(ri)+
				" allows any origin, so S3 answers Access-Control-Allow-Origin: * — fine for public reads and presigned uploads, but every browser refuses it for a request with credentials (credentials: 'include', withCredentials, crossorigin=\"use-credentials\", CloudFront signed cookies). If your page sends credentials, add a rule with its exact origin before this one."), nil)
		}
	}
}

// wildcard checks one AllowedOrigin with a single '*' that a browser could
// match.
func (c *checker) wildcard(ri int, v config.Value) {
	p := v.Text
	st := strings.IndexByte(p, '*')
	if st < 0 || p == "*" {
		return
	}
	i := strings.Index(p, "://")
	if i < 0 || st < i+3 {
		return // in the scheme, or no scheme at all ("*.example.com")
	}
	host := p[i+3:]
	if j := strings.LastIndexByte(host, ':'); j >= 0 && j < st-(i+3) {
		return // in the port: "http://localhost:*"
	}
	hs := st - (i + 3) // the star's index in host
	after := host[hs+1:]
	if k := strings.IndexByte(after, ':'); k >= 0 {
		after = after[:k]
	}
	scheme := p[:i+3]
	// The '*' sits in one label; what follows that label must still be a
	// domain someone could not register on their own. A single label
	// ("com") or nothing at all ("example.*") means anyone can.
	rest := ""
	if d := strings.IndexByte(after, '.'); d >= 0 {
		rest = after[d+1:]
	}
	if !strings.Contains(rest, ".") {
		var msg string
		var fx func() (*fix.Fix, error)
		switch {
		case hs == 0 && after != "" && after[0] != '.' && rest != "":
			// https://*example.com
			evil := scheme + "evil" + after
			better := scheme + "*." + after
			msg = "AllowedOrigin \"" + p + "\" also admits \"" + evil + "\": the '*' stands for any characters, not only subdomains. Use \"" + better + "\" (and add \"" + scheme + after + "\" for the apex)."
			fx = c.replace(ri, v, better)
		case rest == "" && !strings.Contains(after, "."):
			msg = "AllowedOrigin \"" + p + "\" admits any site whose name starts with \"" + host[:hs] + "\", such as \"" + scheme + host[:hs] + "attacker.example\": the '*' stands for any characters, including the domain's end. Name the domain in full."
		default:
			msg = "AllowedOrigin \"" + p + "\" admits any site under \"" + rest + "\", which anyone can register: the '*' stands for any characters. Name the domain in full (\"" + scheme + "*.yourdomain." + rest + "\")."
		}
		c.add(c.valueWarn(Warn, "origin-wildcard-broad", ri, v, msg), fx)
		return
	}
	// https://*.example.com without https://example.com anywhere.
	if hs == 0 && strings.HasPrefix(after, ".") {
		apex := scheme + host[1+1:]
		for k := range c.rules {
			for _, o := range c.rules[k].origins {
				if fix.Glob(o, apex, false) {
					return
				}
			}
		}
		c.add(c.valueWarn(Info, "origin-wildcard-apex", ri, v, "AllowedOrigin \""+p+"\" does not admit \""+apex+
			"\" itself: the '*' comes before a dot, and no rule lists the apex. Add \""+apex+"\" if the site is also served there."),
			c.addValues(ri, config.FieldAllowedOrigin, apex))
	}
}
