package browser

import (
	"corsplay/internal/header"
	"corsplay/internal/urlparse"
	"errors"
	"net/netip"
	"strconv"
	"strings"
)

// Limits on what a Fetch may hold: far above anything a real page sends, so
// that a hostile paste costs bounded work.
const (
	MaxURL     = 16 << 10
	MaxHeaders = 200
	MaxValue   = 8 << 10
)

// Fetch is what the page's script does: fetch(url, {method, headers,
// credentials, mode}) from a page whose origin is Origin.
type Fetch struct {
	Origin      string  `json:"origin"`
	URL         string  `json:"url"`
	Method      string  `json:"method,omitempty"`      // default GET
	Headers     Headers `json:"headers,omitempty"`     // what the script sets
	Credentials string  `json:"credentials,omitempty"` // omit | same-origin (default) | include
	Mode        string  `json:"mode,omitempty"`        // cors (default) | no-cors | same-origin
}

// Headers are the headers a script sets, given as a JSON object or, to keep
// order and repeats, as a list of [name, value] pairs.
type Headers = header.List

// Request is the fetch after the browser has normalised it: what the
// verdict talks about.
type Request struct {
	Origin      string      `json:"origin"`      // serialized origin, or "null"
	URL         string      `json:"url"`         // serialized, fragment dropped
	Method      string      `json:"method"`      // normalised (DELETE GET HEAD OPTIONS POST PUT upper-cased)
	Headers     [][2]string `json:"headers"`     // the script's headers the browser keeps, combined per name
	Ignored     []string    `json:"ignored"`     // forbidden names the script tried to set
	Credentials string      `json:"credentials"` // omit | same-origin | include
	Mode        string      `json:"mode"`        // cors | no-cors | same-origin
	Target      Target      `json:"target"`
}

// Target is the S3 resource a URL names.
type Target struct {
	Style    string `json:"style"`    // virtual-hosted | path-style | custom
	Endpoint string `json:"endpoint"` // e.g. s3.us-west-2.amazonaws.com; the host for custom
	Region   string `json:"region"`   // "" when the host does not say
	Bucket   string `json:"bucket"`   // "" for the service endpoint, or a custom host
	Key      string `json:"key"`      // "" for the bucket root
	Kind     string `json:"kind"`     // object | bucket | service (as scenario's request.target)
	Query    string `json:"query"`    // raw query string, without "?"
	Note     string `json:"note,omitempty"`
}

type parsedURL struct {
	scheme, host, port string // host lower-case, port "" when default
	path, query        string // escaped path ("/" at least), raw query
	serialized         string
}

func (u parsedURL) origin() string {
	s := u.scheme + "://" + u.host
	if u.port != "" {
		s += ":" + u.port
	}
	return s
}

var urlWhitespace = strings.NewReplacer("\t", "", "\n", "", "\r", "")

// parseURL reads an absolute http(s) URL the way a browser serialises it:
// scheme and host lower-cased, default port dropped, empty path "/",
// fragment dropped. It refuses what fetch() itself refuses.
func parseURL(field, raw string) (parsedURL, error) {
	var p parsedURL
	s := strings.Trim(raw, " \t\r\n\f\v\x00")
	// WHATWG URL parsing removes tabs and newlines anywhere.
	if strings.ContainsAny(s, "\t\n\r") {
		s = urlWhitespace.Replace(s)
	}
	if s == "" {
		return p, errors.New(field + " is empty; give an absolute URL such as https://amzn-s3-demo-bucket.s3.amazonaws.com/photo.jpg")
	}
	if len(s) > MaxURL {
		return p, errors.New(field + " is " + strconv.Itoa(len(s)) + " bytes; corsplay takes at most " + strconv.Itoa(MaxURL))
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return p, errors.New(field + " contains a control character (byte 0x" + string([]byte{hexDigits[s[i]>>4], hexDigits[s[i]&15]}) + " at " + strconv.Itoa(i) + ")")
		}
	}
	u, err := urlparse.Parse(s)
	if err != nil {
		var ue *urlparse.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " is not a valid URL: " + err.Error())
	}
	if u.Scheme == "" {
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " has no scheme; it must be absolute, like https://host/path (a relative URL would resolve against the page, which is same-origin)")
	}
	p.scheme = strings.ToLower(u.Scheme)
	if p.scheme != "http" && p.scheme != "https" {
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " uses the " + strconv.Quote(p.scheme) + " scheme; CORS applies to http and https only")
	}
	if u.Opaque != "" || u.Host == "" {
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " has no host (write " + p.scheme + "://host/path)")
	}
	if u.HasUser {
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " includes a user name or password; fetch() refuses such URLs (\"Request cannot be constructed from a URL that includes credentials\")")
	}
	host := strings.ToLower(u.Hostname())
	if host == "" {
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " has an empty host")
	}
	if strings.ContainsAny(host, " <>\"{}|\\^`%") {
		return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " has characters a host name cannot hold")
	}
	if strings.Contains(u.Host, ":") && !strings.HasSuffix(u.Host, "]") {
		port := u.Port()
		n, err := strconv.Atoi(port)
		if port == "" && strings.HasSuffix(u.Host, ":") {
			n, err = 0, nil // "host:" means the default port
		}
		if err != nil || n < 0 || n > 65535 {
			return p, errors.New(field + " " + strconv.Quote(clip(raw)) + " has an invalid port " + strconv.Quote(port))
		}
		if port != "" && !(p.scheme == "http" && n == 80) && !(p.scheme == "https" && n == 443) {
			p.port = strconv.Itoa(n)
		}
	}
	if ip, err := netip.ParseAddr(strings.Trim(host, "[]")); err == nil && strings.Contains(host, ":") {
		host = "[" + ip.Unmap().String() + "]"
	}
	p.host = host
	p.path = u.EscapedPath()
	if p.path == "" {
		p.path = "/"
	}
	p.query = u.RawQuery
	p.serialized = p.origin() + p.path
	if u.ForceQuery || p.query != "" {
		p.serialized += "?" + p.query
	}
	return p, nil
}

// parseOrigin reads a serialized origin: scheme://host[:port], or "null".
// A single trailing "/" is forgiven (it is the empty path) with a note;
// anything else after the host is an error, since a browser's Origin never
// holds a path, query or user-info.
func parseOrigin(raw string) (origin string, u parsedURL, note string, err error) {
	s := strings.TrimSpace(raw)
	if s == "null" {
		return "null", u, "The page has an opaque origin (a sandboxed iframe, a file: or data: URL): the browser sends Origin: null.", nil
	}
	if s == "" {
		return "", u, "", errors.New(`fetch.origin is required: the page's origin, such as "https://app.example.com"`)
	}
	if !strings.Contains(s, "://") {
		return "", u, "", errors.New("fetch.origin " + strconv.Quote(clip(raw)) + " has no scheme; an origin is scheme://host[:port], such as https://" + clip(s))
	}
	u, err = parseURL("fetch.origin", s)
	if err != nil {
		return "", u, "", err
	}
	rest := s[strings.Index(s, "://")+3:]
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		tail := rest[i:]
		if tail != "/" {
			return "", u, "", errors.New("fetch.origin " + strconv.Quote(clip(raw)) + " has a path, query or fragment (" + strconv.Quote(clip(tail)) + "); an origin is only scheme://host[:port]")
		}
		note = "The origin was given with a trailing \"/\"; a browser's Origin never has one, so corsplay uses " + u.origin() + "."
	}
	origin = u.origin()
	if note == "" && origin != s {
		note = "The origin is written as a browser serialises it: " + origin + " (lower-case, no default port)."
	}
	return origin, u, note, nil
}

const hexDigits = "0123456789abcdef"

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}
