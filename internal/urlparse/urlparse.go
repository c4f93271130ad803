// Package urlparse reads URLs as Go's net/url reads them, for what the
// engine asks of a URL: its scheme, whether it has user information, its
// host (Hostname, Port), its escaped path, its query, and the URL written
// back (String); and PathUnescape for an object key. Every result and error
// message is net/url's (Go 1.26 defaults: an http or https host with two
// colons is an error); the rest of net/url (query values, resolving,
// marshalling) is not here.
//
// It stands in for net/url in the WebAssembly engine
// (docs/architecture.md, "Stand-ins for the standard library"); the tests compare every result with net/url.
package urlparse

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
)

// URL is a parsed URL. Host is unescaped (an IPv6 literal keeps its
// brackets); Opaque and RawQuery are as written.
type URL struct {
	Scheme     string // lower case; "" for a relative URL
	Opaque     string // what follows "scheme:" when it is not "/…"
	HasUser    bool   // the authority has user information ("user@", "user:pass@")
	Host       string // "host" or "host:port"
	RawQuery   string // without the '?'
	ForceQuery bool   // a '?' with nothing after it

	omitHost       bool   // "scheme:/path": no authority at all
	user, password string // unescaped
	hasPassword    bool
	path, rawPath  string // the path unescaped, and as written
	frag, rawFrag  string // the fragment unescaped, and as written (without '#')
}

// Error is a URL that could not be read: Op is "parse", URL the text read
// (without its fragment when the error is before it), Err the reason.
type Error struct {
	Op  string
	URL string
	Err error
}

func (e *Error) Unwrap() error { return e.Err }
func (e *Error) Error() string { return e.Op + " " + strconv.Quote(e.URL) + ": " + e.Err.Error() }

// EscapeError is a malformed %-escape.
type EscapeError string

func (e EscapeError) Error() string { return "invalid URL escape " + strconv.Quote(string(e)) }

// InvalidHostError is a byte a host name cannot hold.
type InvalidHostError string

func (e InvalidHostError) Error() string {
	return "invalid character " + strconv.Quote(string(e)) + " in host name"
}

// Parse reads a URL, absolute or relative.
func Parse(raw string) (*URL, error) {
	before, frag, hasFrag := strings.Cut(raw, "#")
	u, err := parseBefore(before)
	if err != nil {
		return nil, &Error{"parse", before, err}
	}
	if hasFrag && frag != "" {
		if u.frag, err = unescape(frag, inFragment); err != nil {
			return nil, &Error{"parse", raw, err}
		}
		u.rawFrag = frag
	}
	return u, nil
}

// PathUnescape decodes the %-escapes of one path segment.
func PathUnescape(s string) (string, error) { return unescape(s, inSegment) }

// parseBefore reads what comes before the fragment.
func parseBefore(s string) (*URL, error) {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] == 0x7f {
			return nil, errors.New("net/url: invalid control character in URL")
		}
	}
	u := &URL{}
	if s == "*" { // the request target of "OPTIONS *"
		u.path, u.rawPath = "*", "*"
		return u, nil
	}
	scheme, rest, err := splitScheme(s)
	if err != nil {
		return nil, err
	}
	u.Scheme = strings.ToLower(scheme)

	// A lone trailing '?' is kept as ForceQuery; otherwise the query runs
	// from the first '?'.
	if strings.IndexByte(rest, '?') == len(rest)-1 && rest != "" {
		u.ForceQuery, rest = true, rest[:len(rest)-1]
	} else {
		rest, u.RawQuery, _ = strings.Cut(rest, "?")
	}

	if !strings.HasPrefix(rest, "/") {
		if u.Scheme != "" {
			u.Opaque = rest
			return u, nil
		}
		// "a:b/c" without a scheme would read as a scheme "a".
		if first, _, _ := strings.Cut(rest, "/"); strings.Contains(first, ":") {
			return nil, errors.New("first path segment in URL cannot contain colon")
		}
	}

	switch {
	case strings.HasPrefix(rest, "//") && (u.Scheme != "" || !strings.HasPrefix(rest, "///")):
		authority := rest[2:]
		rest = ""
		if i := strings.IndexByte(authority, '/'); i >= 0 {
			authority, rest = authority[:i], authority[i:]
		}
		if err := u.readAuthority(authority); err != nil {
			return nil, err
		}
	case u.Scheme != "" && strings.HasPrefix(rest, "/"):
		u.omitHost = true
	}
	if u.path, err = unescape(rest, inPath); err != nil {
		return nil, err
	}
	u.rawPath = rest
	return u, nil
}

// splitScheme splits "scheme:rest". Text that does not start with a
// letter followed by letters, digits, '+', '-' or '.' up to a ':' has no
// scheme.
func splitScheme(s string) (scheme, rest string, err error) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9', c == '+', c == '-', c == '.':
			if i == 0 {
				return "", s, nil
			}
		case c == ':':
			if i == 0 {
				return "", "", errors.New("missing protocol scheme")
			}
			return s[:i], s[i+1:], nil
		default:
			return "", s, nil
		}
	}
	return "", s, nil
}

// readAuthority reads [userinfo@]host[:port]. The host is read first, so
// its errors come before the user information's.
func (u *URL) readAuthority(a string) error {
	at := strings.LastIndexByte(a, '@')
	host, err := readHost(u.Scheme, a[at+1:])
	if err != nil {
		return err
	}
	u.Host = host
	if at < 0 {
		return nil
	}
	info := a[:at]
	for i := 0; i < len(info); i++ {
		if !inSet(info[i], userinfoBytes) {
			return errors.New("net/url: invalid userinfo")
		}
	}
	u.HasUser = true
	name, pass, hasPass := strings.Cut(info, ":")
	if u.user, err = unescape(name, inUser); err != nil {
		return err
	}
	if hasPass {
		if u.password, err = unescape(pass, inUser); err != nil {
			return err
		}
		u.hasPassword = true
	}
	return nil
}

// readHost reads host[:port]: a name or IPv4 address, or an IPv6 literal
// in brackets with an optional zone ("[fe80::1%25en0]").
func readHost(scheme, h string) (string, error) {
	open := strings.LastIndexByte(h, '[')
	switch {
	case open > 0:
		return "", errors.New("invalid IP-literal")
	case open == 0:
		closing := strings.LastIndexByte(h, ']')
		if closing < 0 {
			return "", errors.New("missing ']' in host")
		}
		port := h[closing+1:]
		if !isPort(port) {
			return "", errors.New("invalid port " + strconv.Quote(port) + " after host")
		}
		inside := h[1:closing]
		zoneAt := strings.Index(inside, "%25")
		if zoneAt < 0 {
			zoneAt = len(inside)
		}
		addr, err := unescape(inside[:zoneAt], inHost)
		if err != nil {
			return "", err
		}
		zone, err := unescape(inside[zoneAt:], inZone)
		if err != nil {
			return "", err
		}
		ip, err := netip.ParseAddr(addr + zone)
		if err != nil {
			return "", errors.New("invalid host: " + err.Error())
		}
		if ip.Is4() { // brackets hold IPv6 only
			return "", errors.New("invalid IP-literal")
		}
		return "[" + addr + zone + "]" + port, nil
	}
	if colon := strings.IndexByte(h, ':'); colon >= 0 {
		// Other schemes may list hosts ("h1:1,h2:2"): their port follows
		// the last colon. For http and https the first one counts, and a
		// second colon makes the port invalid.
		if scheme != "http" && scheme != "https" {
			colon = strings.LastIndexByte(h, ':')
		}
		if !isPort(h[colon:]) {
			return "", errors.New("invalid port " + strconv.Quote(h[colon:]) + " after host")
		}
	}
	return unescape(h, inHost)
}

// isPort: s is "" or ':' followed by digits only.
func isPort(s string) bool {
	if s == "" {
		return true
	}
	if s[0] != ':' {
		return false
	}
	for i := 1; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Hostname is Host without its port, and without an IPv6 literal's
// brackets.
func (u *URL) Hostname() string {
	h, _ := u.splitHost()
	return h
}

// Port is Host's port without the colon, or "".
func (u *URL) Port() string {
	_, p := u.splitHost()
	return p
}

func (u *URL) splitHost() (host, port string) {
	host = u.Host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && isPort(host[i:]) {
		host, port = host[:i], host[i+1:]
	}
	if len(host) >= 2 && host[0] == '[' && host[len(host)-1] == ']' {
		host = host[1 : len(host)-1]
	}
	return host, port
}

// EscapedPath is the path as written when that is a valid escaping of it,
// else the path escaped; a path that reads "*" is written "*".
func (u *URL) EscapedPath() string {
	escaped := escape(u.path, inPath)
	if u.rawPath != escaped && validEscaping(u.rawPath, inPath) {
		return u.rawPath
	}
	if u.path == "*" {
		return "*"
	}
	return escaped
}

// escapedFragment is EscapedPath for the fragment.
func (u *URL) escapedFragment() string {
	if validEscaping(u.rawFrag, inFragment) {
		return u.rawFrag
	}
	return escape(u.frag, inFragment)
}

// String writes the URL back: the scheme in lower case, the user
// information, host and fragment unescaped and escaped again, the path as
// EscapedPath.
func (u *URL) String() string {
	var b strings.Builder
	if u.Scheme != "" {
		b.WriteString(u.Scheme + ":")
	}
	if u.Opaque != "" {
		b.WriteString(u.Opaque)
	} else {
		path := u.EscapedPath()
		if (u.Scheme != "" || u.Host != "" || u.HasUser) && !(u.omitHost && u.Host == "" && !u.HasUser) {
			if u.Host != "" || path != "" || u.HasUser {
				b.WriteString("//")
			}
			if u.HasUser {
				b.WriteString(escape(u.user, inUser))
				if u.hasPassword {
					b.WriteString(":" + escape(u.password, inUser))
				}
				b.WriteByte('@')
			}
			b.WriteString(escape(u.Host, inHost))
		}
		if path != "" && path[0] != '/' && u.Host != "" {
			b.WriteByte('/')
		}
		// A relative path whose first segment holds a colon would read
		// as a scheme: "./" keeps it a path (RFC 3986 §4.2).
		if first, _, _ := strings.Cut(path, "/"); b.Len() == 0 && strings.Contains(first, ":") {
			b.WriteString("./")
		}
		b.WriteString(path)
	}
	if u.ForceQuery || u.RawQuery != "" {
		b.WriteString("?" + u.RawQuery)
	}
	if u.frag != "" {
		b.WriteString("#" + u.escapedFragment())
	}
	return b.String()
}
