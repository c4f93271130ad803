package paste

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"

	"corsplay/internal/urlparse"
)

// maxArgs bounds the words a curl command may have.
const maxArgs = 10000

// words splits a shell command line. cmd selects cmd.exe quoting (^ escapes
// the next character, then "…" groups and \" is a quote, as the C runtime
// splits arguments); otherwise bash: '…', "…" (with \" \\ \$
// \` and \newline), $'…' (ANSI-C escapes), backslash escapes, and
// backslash-newline continuations.
func words(s string, cmd bool) ([]string, error) {
	if cmd {
		s = decmd(s)
	}
	var out []string
	var cur strings.Builder
	in := false // inside a word
	flush := func() {
		if in {
			out = append(out, cur.String())
			cur.Reset()
			in = false
		}
	}
	for i := 0; i < len(s); {
		if len(out) > maxArgs {
			return nil, errors.New("the curl command has too many words")
		}
		c := s[i]
		if cmd {
			// after decmd: "…" groups, \" is a quote (the C runtime's rules)
			switch {
			case c == '\\' && i+1 < len(s) && s[i+1] == '"':
				cur.WriteByte('"')
				in = true
				i += 2
				continue
			case c == '"':
				in = true
				i++
				for i < len(s) && s[i] != '"' {
					if s[i] == '\\' && i+1 < len(s) && s[i+1] == '"' {
						i++
					}
					cur.WriteByte(s[i])
					i++
				}
				if i >= len(s) {
					return nil, errors.New("the curl command has an unterminated \"…\"")
				}
				i++
				continue
			}
		} else {
			switch c {
			case '\\':
				if i+1 < len(s) {
					if s[i+1] == '\n' {
						i += 2
						continue
					}
					if s[i+1] == '\r' && i+2 < len(s) && s[i+2] == '\n' {
						i += 3
						continue
					}
					cur.WriteByte(s[i+1])
					in = true
					i += 2
					continue
				}
				i++
				continue
			case '\'':
				j := strings.IndexByte(s[i+1:], '\'')
				if j < 0 {
					return nil, errors.New("the curl command has an unterminated '…'")
				}
				cur.WriteString(s[i+1 : i+1+j])
				in = true
				i += j + 2
				continue
			case '$':
				if i+1 < len(s) && s[i+1] == '\'' {
					n, err := ansiC(s[i+2:], &cur)
					if err != nil {
						return nil, err
					}
					in = true
					i += 2 + n
					continue
				}
			case '"':
				in = true
				i++
				for i < len(s) && s[i] != '"' {
					if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("\"\\$`\n", s[i+1]) >= 0 {
						if s[i+1] != '\n' {
							cur.WriteByte(s[i+1])
						}
						i += 2
						continue
					}
					cur.WriteByte(s[i])
					i++
				}
				if i >= len(s) {
					return nil, errors.New("the curl command has an unterminated \"…\"")
				}
				i++
				continue
			}
		}
		switch c {
		case ' ', '\t', '\r', '\n':
			flush()
		default:
			cur.WriteByte(c)
			in = true
		}
		i++
	}
	flush()
	return out, nil
}

// ansiC reads a $'…' body (after the opening quote) into b and returns the
// bytes consumed, closing quote included.
func ansiC(s string, b *strings.Builder) (int, error) {
	for i := 0; i < len(s); {
		c := s[i]
		if c == '\'' {
			return i + 1, nil
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			i++
			continue
		}
		e := s[i+1]
		i += 2
		switch e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case '\\', '\'', '"', '?':
			b.WriteByte(e)
		case 'x', 'u', 'U':
			max := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			j := 0
			for j < max && i+j < len(s) && strings.IndexByte("0123456789abcdefABCDEF", s[i+j]) >= 0 {
				j++
			}
			if j == 0 {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			n, _ := strconv.ParseUint(s[i:i+j], 16, 32)
			if e == 'x' {
				b.WriteByte(byte(n))
			} else if r := rune(n); utf8.ValidRune(r) {
				b.WriteRune(r)
			}
			i += j
		default:
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return 0, errors.New("the curl command has an unterminated $'…'")
}

// argOptions are curl options that take an argument but play no part here.
var argOptions = map[string]bool{
	"-o": true, "--output": true, "-m": true, "--max-time": true, "--connect-timeout": true, "-x": true, "--proxy": true,
	"--cacert": true, "--cert": true, "--key": true, "-w": true, "--write-out": true, "--retry": true, "-r": true, "--range": true,
	"-T": true, "--upload-file": true, "-c": true, "--cookie-jar": true, "--resolve": true, "--interface": true, "-K": true, "--config": true,
	"--max-redirs": true, "-E": true, "--limit-rate": true, "-y": true, "-Y": true, "--proxy-user": true, "-U": true, "--trace": true,
	"--trace-ascii": true, "--stderr": true, "-D": true, "--dump-header": true, "--aws-sigv4": true, "--connect-to": true, "-z": true,
}

// browserSet are request headers the browser adds on its own; "Copy as
// cURL" includes them, but a script neither sets them nor can they cause a
// preflight.
func browserSet(name, value string) bool {
	n := strings.ToLower(name)
	switch n {
	case "accept-encoding", "accept-language", "user-agent", "referer", "priority", "dnt", "pragma", "cache-control",
		"connection", "host", "content-length", "upgrade-insecure-requests", "te", "keep-alive", "accept-charset",
		"access-control-request-method", "access-control-request-headers", "date", "expect", "trailer", "transfer-encoding", "upgrade", "via":
		return true
	case "accept":
		return value == "*/*"
	}
	return strings.HasPrefix(n, "sec-") || strings.HasPrefix(n, "proxy-")
}

// parseCurl reads a curl command (as "Copy as cURL" writes it, for a POSIX
// shell or cmd.exe) into the fetch a script would make, in four steps:
// split the command into words, read curl's options, undo a copied
// preflight, and sort the headers into what a script sets.
func parseCurl(t string, line int) (*Result, error) {
	ws, err := curlWords(t)
	if err != nil {
		return nil, err
	}
	r := &Result{Kind: "curl", Line: line, Notes: []string{}}
	msg, _, _ := strings.Cut(t, "\n")
	r.Message = strings.TrimSpace(msg[:min(len(msg), MaxLine)])
	c, err := readCurlOptions(ws[1:], r)
	if err != nil {
		return nil, err
	}
	if c.url == "" {
		return nil, errors.New("the curl command has no URL")
	}
	if r.Fetch.URL, err = curlURL(c.url); err != nil {
		return nil, err
	}
	c.undoPreflight(r)
	c.sortHeaders(r)
	return r, nil
}

// curlWords splits a curl command into its words, without a shell prompt
// before it; ErrNotFound when it is not a curl command.
func curlWords(t string) ([]string, error) {
	cmd := strings.Contains(t, "^\"") || strings.Contains(t, " ^\n") || strings.Contains(t, " ^\r\n")
	ws, err := words(t, cmd)
	if err != nil {
		return nil, err
	}
	if len(ws) > 0 && (ws[0] == "$" || ws[0] == ">") {
		ws = ws[1:]
	}
	if len(ws) == 0 || ws[0] != "curl" {
		return nil, ErrNotFound
	}
	return ws, nil
}

// curlCommand is what a curl command's options say about its request.
type curlCommand struct {
	method, url       string
	headers           [][2]string
	cookie, head, get bool
}

// readCurlOptions reads curl's options (the words after "curl"): those
// that shape the request, and the URL. r gets the body flag and notes on
// what cannot be carried over.
func readCurlOptions(ws []string, r *Result) (*curlCommand, error) {
	c := &curlCommand{}
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		opt, val, attached := w, "", false
		if strings.HasPrefix(w, "--") {
			if k := strings.IndexByte(w, '='); k > 0 {
				opt, val, attached = w[:k], w[k+1:], true
			}
		} else if strings.HasPrefix(w, "-") && len(w) > 2 && strings.IndexByte("XHdbuAeF", w[1]) >= 0 {
			opt, val, attached = w[:2], w[2:], true
		}
		takesValue := argOptions[opt] || curlValueOptions[opt]
		if takesValue && !attached {
			if i+1 >= len(ws) {
				if curlValueOptions[opt] {
					return nil, errors.New("the curl option " + opt + " needs a value")
				}
			} else {
				i++
				val = ws[i]
			}
		}
		switch opt {
		case "-X", "--request":
			c.method = val
		case "-H", "--header":
			name, value, ok := strings.Cut(val, ":")
			if !ok || name == "" {
				if strings.HasPrefix(val, "@") {
					r.Notes = append(r.Notes, "Headers read from a file ("+val+") are not included.")
				}
				continue
			}
			c.headers = append(c.headers, [2]string{strings.TrimSpace(name), strings.TrimSpace(value)})
		case "-d", "--data", "--data-raw", "--data-binary", "--data-ascii", "--data-urlencode", "-F", "--form", "--form-string", "--json":
			r.Body = true
			if opt == "--json" {
				c.headers = append(c.headers, [2]string{"Content-Type", "application/json"})
			}
		case "-b", "--cookie":
			c.cookie = true
		case "-u", "--user":
			c.headers = append(c.headers, [2]string{"Authorization", "Basic " + base64.StdEncoding.EncodeToString([]byte(val))})
		case "-A", "--user-agent":
			c.headers = append(c.headers, [2]string{"User-Agent", val})
		case "--url":
			c.url = val
		case "-I", "--head":
			c.head = true
		case "-G", "--get":
			c.get = true
		case "--compressed":
			r.Notes = append(r.Notes, "--compressed only adds Accept-Encoding, which the browser sets itself.")
		default:
			// Another option's value is skipped; a flag without a value
			// (-s, -v, -L, -k, -i, --http2...) says nothing for CORS;
			// the first other word is the URL.
			if !takesValue && !strings.HasPrefix(w, "-") && c.url == "" {
				c.url = w
			}
		}
	}
	return c, nil
}

// curlValueOptions are the options readCurlOptions reads a value for; a
// missing value is an error. (argOptions are the others that take one.)
var curlValueOptions = map[string]bool{
	"-X": true, "--request": true, "-H": true, "--header": true,
	"-d": true, "--data": true, "--data-raw": true, "--data-binary": true, "--data-ascii": true, "--data-urlencode": true,
	"-F": true, "--form": true, "--form-string": true, "--json": true,
	"-b": true, "--cookie": true, "-u": true, "--user": true, "-A": true, "--user-agent": true,
	"-e": true, "--referer": true, "--url": true,
}

// undoPreflight sets the fetch's method as curl would send it, except that
// a copied preflight (OPTIONS with Access-Control-Request-Method) becomes
// the request it was sent for, with the headers it asked about.
func (c *curlCommand) undoPreflight(r *Result) {
	method := c.method
	switch {
	case method != "":
	case c.head:
		method = "HEAD"
	case c.get:
		method = "GET"
	case r.Body:
		method = "POST"
	default:
		method = "GET"
	}
	var acrm, acrh string // the last of each counts
	for _, h := range c.headers {
		switch strings.ToLower(h[0]) {
		case "access-control-request-method":
			acrm = h[1]
		case "access-control-request-headers":
			acrh = h[1]
		}
	}
	if strings.EqualFold(method, "OPTIONS") && acrm != "" {
		r.Notes = append(r.Notes, "This is a preflight (OPTIONS with Access-Control-Request-Method): corsplay shows the "+acrm+" request it was sent for.")
		method = acrm
		r.Preflight = true
		for _, n := range strings.Split(acrh, ",") {
			if n = strings.TrimSpace(n); n != "" {
				c.headers = append(c.headers, [2]string{n, ""})
			}
		}
	}
	r.Fetch.Method = strings.ToUpper(method)
}

// sortHeaders puts each header where it belongs: Origin is the page's
// origin, a cookie makes the fetch credentialed, what the browser sets
// itself is left out, and the rest are the script's headers. Notes say
// what was left out and what is missing.
func (c *curlCommand) sortHeaders(r *Result) {
	var dropped []string
	cookie := c.cookie
	for _, h := range c.headers {
		switch strings.ToLower(h[0]) {
		case "origin":
			r.Fetch.Origin = h[1]
			continue
		case "cookie":
			cookie = true
			continue
		}
		if browserSet(h[0], h[1]) {
			if !containsFold(dropped, h[0]) {
				dropped = append(dropped, h[0])
			}
			continue
		}
		r.Fetch.Headers = append(r.Fetch.Headers, h)
	}
	if cookie {
		r.Fetch.Credentials = "include"
		r.Notes = append(r.Notes, "The command sends cookies, so the script's request is credentialed (credentials: \"include\"): Access-Control-Allow-Origin must be the exact origin, with Access-Control-Allow-Credentials: true.")
	}
	if len(dropped) > 0 {
		r.Notes = append(r.Notes, "Left out headers the browser sets itself ("+strings.Join(dropped, ", ")+"): a script cannot set them, and they never cause a preflight.")
	}
	if r.Fetch.Origin == "" {
		r.Ask = append(r.Ask, Ask{Field: "origin", Question: "The command has no Origin header, so as sent it is not a CORS request (S3 adds no CORS headers, and answers an OPTIONS without Origin with 400): fill in the page's origin."})
	}
	if r.Body {
		r.Notes = append(r.Notes, "The request has a body; its content does not matter for CORS, its Content-Type does.")
	}
}

func containsFold(l []string, s string) bool {
	for _, x := range l {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// decmd undoes cmd.exe's layer of Chrome's "Copy as cURL (cmd)": ^ escapes
// the next character, and ^ before a line break continues the line.
func decmd(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '^' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch {
		case s[i] == '\n':
		case s[i] == '\r' && i+1 < len(s) && s[i+1] == '\n':
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// curlURL is the URL of a curl command, as net/url writes it back, with
// curl's default scheme (http) when it has none.
func curlURL(rawURL string) (string, error) {
	u, err := urlparse.Parse(rawURL)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		if err == nil && u.Scheme == "" && !strings.Contains(rawURL, "://") {
			u, err = urlparse.Parse("http://" + rawURL) // curl's default scheme
		}
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return "", errors.New("the curl command's URL " + strconv.Quote(rawURL) + " is not an http(s) URL")
		}
	}
	return u.String(), nil
}
