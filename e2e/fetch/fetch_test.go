// Package fetch checks corsplay's browser verdict against real Chromium.
//
// Two loopback origins: origin A (http://localhost:PORT) serves an empty
// page; origin B (http://127.0.0.1:PORT) plays S3. B answers every request,
// preflight or actual, with the response the engine computes for that very
// request (browser.Respond over runner.Prepare's evaluator: the engine's
// status and CORS headers plus the modelled operation headers and body),
// and records what it received, byte for byte. Headless Chromium, on a page
// of origin A, runs each scenario's fetch(); the test compares with the
// engine's verdict for "chrome": allowed or blocked, the console lines (the
// CORS message exactly, with the real URL and origin), what fetch()
// rejected with, the header names the script could read, whether a
// preflight was sent, and the preflight's and actual request's headers as
// the engine predicted them. Every scenario uses its own URL (a ?sc= query
// string), so the preflight cache never carries over.
package fetch

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"corsplay/internal/browser"
	"corsplay/internal/chromiumtest"
	"corsplay/internal/runner"
	"corsplay/internal/scenario"
)

// tc is one scenario. In cors, {A} stands for origin A; nil cors means the
// bucket has no CORS configuration.
type tc struct {
	name    string
	cors    *string
	exists  *bool
	method  string
	path    string // on origin B; "?sc=N" is appended
	headers [][2]string
	creds   string
	mode    string
	// want pins the verdict for the scenario, so that a change in the
	// engine that happened to agree with a changed browser cannot pass
	// unnoticed: "allowed", "blocked-preflight", "blocked-actual",
	// "blocked-request", "opaque".
	want string
}

func ptr[T any](v T) *T { return &v }

func rules(xmlRules ...string) *string {
	s := "<CORSConfiguration>"
	for _, r := range xmlRules {
		s += "<CORSRule>" + r + "</CORSRule>"
	}
	return ptr(s + "</CORSConfiguration>")
}

const (
	oA   = "<AllowedOrigin>{A}</AllowedOrigin>"
	oAny = "<AllowedOrigin>*</AllowedOrigin>"
	mGET = "<AllowedMethod>GET</AllowedMethod>"
	mPUT = "<AllowedMethod>PUT</AllowedMethod>"
)

var scenarios = []tc{
	{name: "get-exact-origin", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", want: "allowed"},
	{name: "get-no-config", cors: nil, method: "GET", path: "/hello.txt", want: "blocked-actual"},
	{name: "get-origin-mismatch", cors: rules("<AllowedOrigin>https://app.example.com</AllowedOrigin>" + mGET), method: "GET", path: "/hello.txt", want: "blocked-actual"},
	{name: "get-star-uncredentialed", cors: rules(oAny + mGET), method: "GET", path: "/hello.txt", want: "allowed"},
	{name: "get-star-credentials-include", cors: rules(oAny + mGET), method: "GET", path: "/hello.txt", creds: "include", want: "blocked-actual"},
	{name: "get-star-credentials-same-origin", cors: rules(oAny + mGET), method: "GET", path: "/hello.txt", creds: "same-origin", want: "allowed"},
	{name: "get-exact-credentials-include", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", creds: "include", want: "allowed"},
	{name: "get-credentials-omit", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", creds: "omit", want: "allowed"},
	{name: "get-wildcard-port-pattern", cors: rules("<AllowedOrigin>http://localhost:*</AllowedOrigin>" + mGET), method: "GET", path: "/hello.txt", want: "allowed"},
	{name: "get-expose-etag", cors: rules(oA + mGET + "<ExposeHeader>ETag</ExposeHeader>"), method: "GET", path: "/hello.txt", want: "allowed"},
	{name: "get-expose-amz-headers", cors: rules(oA + mGET + "<ExposeHeader>x-amz-request-id</ExposeHeader><ExposeHeader>X-Amz-Server-Side-Encryption</ExposeHeader><ExposeHeader>Date</ExposeHeader>"), method: "GET", path: "/hello.txt", creds: "include", want: "allowed"},
	{name: "get-bucket-does-not-exist", cors: rules(oA + mGET), exists: ptr(false), method: "GET", path: "/hello.txt", want: "blocked-actual"},
	{name: "get-bucket-root-list", cors: rules(oA + mGET), method: "GET", path: "/", want: "allowed"},
	{name: "head-not-allowed", cors: rules(oA + mGET), method: "HEAD", path: "/hello.txt", want: "blocked-actual"},
	{name: "head-allowed", cors: rules(oA + mGET + "<AllowedMethod>HEAD</AllowedMethod>"), method: "HEAD", path: "/hello.txt", want: "allowed"},
	{name: "put-method-not-allowed", cors: rules(oA + mGET), method: "PUT", path: "/upload.bin", want: "blocked-preflight"},
	{name: "put-allowed", cors: rules(oA + mGET + mPUT), method: "PUT", path: "/upload.bin", want: "allowed"},
	{name: "put-no-config-preflight-403", cors: nil, method: "PUT", path: "/upload.bin", want: "blocked-preflight"},
	{name: "put-content-type-not-allowed", cors: rules(oA + mPUT), method: "PUT", path: "/photo.jpg", headers: [][2]string{{"Content-Type", "image/jpeg"}}, want: "blocked-preflight"},
	{name: "put-content-type-allowed-star", cors: rules(oA + mPUT + "<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>"), method: "PUT", path: "/photo.jpg", headers: [][2]string{{"Content-Type", "image/jpeg"}}, want: "allowed"},
	{name: "put-content-type-allowed-by-name-other-case", cors: rules(oA + mPUT + "<AllowedHeader>CONTENT-TYPE</AllowedHeader>"), method: "PUT", path: "/photo.jpg", headers: [][2]string{{"Content-Type", "application/json"}}, creds: "include", want: "allowed"},
	{name: "put-amz-meta-prefix-pattern", cors: rules(oA + mPUT + "<AllowedHeader>x-amz-*</AllowedHeader>"), method: "PUT", path: "/doc.txt", headers: [][2]string{{"x-amz-meta-owner", "ann"}, {"X-Amz-Acl", "private"}}, want: "allowed"},
	{name: "put-preflight-and-actual-match-different-rules", cors: rules(oAny+mPUT, oA+mPUT+"<AllowedHeader>*</AllowedHeader>"), method: "PUT", path: "/doc.txt", headers: [][2]string{{"Content-Type", "application/json"}}, creds: "include", want: "blocked-actual"},
	{name: "put-first-match-falls-through-to-star", cors: rules(oA+mPUT, oAny+mPUT+"<AllowedHeader>*</AllowedHeader>"), method: "PUT", path: "/doc.txt", headers: [][2]string{{"Content-Type", "application/json"}}, want: "allowed"},
	{name: "put-star-credentials-preflight", cors: rules(oAny + mPUT), method: "PUT", path: "/doc.txt", creds: "include", want: "blocked-preflight"},
	{name: "delete-allowed", cors: rules(oA + "<AllowedMethod>DELETE</AllowedMethod>"), method: "DELETE", path: "/old.txt", want: "allowed"},
	{name: "delete-not-allowed", cors: rules(oA + mGET + mPUT), method: "DELETE", path: "/old.txt", want: "blocked-preflight"},
	{name: "authorization-allowed-by-star", cors: rules(oA + mGET + "<AllowedHeader>*</AllowedHeader>"), method: "GET", path: "/hello.txt", headers: [][2]string{{"Authorization", "AWS4-HMAC-SHA256 Credential=EXAMPLE"}, {"x-amz-date", "20261123T120000Z"}}, want: "allowed"},
	{name: "authorization-not-allowed", cors: rules(oA + mGET + "<AllowedHeader>x-amz-*</AllowedHeader>"), method: "GET", path: "/hello.txt", headers: [][2]string{{"Authorization", "Bearer t"}, {"x-amz-date", "20261123T120000Z"}}, want: "blocked-preflight"},
	{name: "range-simple-no-preflight", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"Range", "bytes=0-9"}}, want: "allowed"},
	{name: "range-open-ended-no-preflight", cors: rules(oA + mGET + "<ExposeHeader>Content-Range</ExposeHeader>"), method: "GET", path: "/hello.txt", headers: [][2]string{{"Range", "bytes=5-"}}, want: "allowed"},
	{name: "range-suffix-needs-preflight", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"Range", "bytes=-5"}}, want: "blocked-preflight"},
	{name: "range-suffix-allowed", cors: rules(oA + mGET + "<AllowedHeader>Range</AllowedHeader>"), method: "GET", path: "/hello.txt", headers: [][2]string{{"Range", "bytes=-5"}}, want: "allowed"},
	{name: "range-multiple-needs-preflight", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"Range", "bytes=0-1,3-4"}}, want: "blocked-preflight"},
	{name: "post-form-text-plain-no-preflight", cors: rules(oA + "<AllowedMethod>POST</AllowedMethod>"), method: "POST", path: "/", headers: [][2]string{{"Content-Type", "text/plain;charset=UTF-8"}}, want: "allowed"},
	{name: "post-json-needs-header", cors: rules(oA + "<AllowedMethod>POST</AllowedMethod>"), method: "POST", path: "/", headers: [][2]string{{"Content-Type", "application/json"}}, want: "blocked-preflight"},
	{name: "content-language-unsafe-byte", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"Content-Language", "en@x"}}, want: "blocked-preflight"},
	{name: "accept-language-safelisted", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"Accept-Language", "de-CH, de;q=0.9"}}, want: "allowed"},
	{name: "accept-over-128-bytes", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"Accept", "text/plain, " + strings.Repeat("a", 120)}}, want: "blocked-preflight"},
	{name: "client-hint-dpr-safelisted-in-chrome", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"DPR", "2"}}, want: "allowed"},
	{name: "user-agent-ignored-by-chrome", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", headers: [][2]string{{"User-Agent", "my-uploader/1.0"}}, want: "allowed"},
	{name: "custom-header-case-insensitive-match", cors: rules(oA + mGET + "<AllowedHeader>X-REQUESTED-WITH</AllowedHeader>"), method: "GET", path: "/hello.txt", headers: [][2]string{{"X-Requested-With", "XMLHttpRequest"}}, creds: "include", want: "allowed"},
	{name: "max-age-above-chrome-cap", cors: rules(oA + mPUT + "<MaxAgeSeconds>86400</MaxAgeSeconds>"), method: "PUT", path: "/upload.bin", want: "allowed"},
	{name: "no-cors-get-opaque", cors: nil, method: "GET", path: "/hello.txt", mode: "no-cors", want: "opaque"},
	{name: "no-cors-put-throws", cors: rules(oA + mPUT), method: "PUT", path: "/hello.txt", mode: "no-cors", want: "blocked-request"},
	{name: "same-origin-mode-cross-origin", cors: rules(oA + mGET), method: "GET", path: "/hello.txt", mode: "same-origin", want: "blocked-request"},
}

// observed is what the page saw.
type observed struct {
	OK      bool     `json:"ok"`
	Status  int      `json:"status"`
	Type    string   `json:"type"`
	Headers []string `json:"headers"`
	Error   string   `json:"error"`
}

// recorded is one request origin B received, headers in wire order.
type recorded struct {
	Method  string
	Headers [][2]string
}

// rawConn keeps every byte the server reads, so the handler can see the
// request's header lines in the order the browser wrote them.
type rawConn struct {
	net.Conn
	mu  sync.Mutex
	buf []byte
	off int
}

func (c *rawConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.mu.Lock()
	c.buf = append(c.buf, p[:n]...)
	c.mu.Unlock()
	return n, err
}

// next returns the header block of the next request on the connection
// (browsers do not pipeline), after its body of bodyLen bytes was read.
func (c *rawConn) next(bodyLen int) ([][2]string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rest := c.buf[c.off:]
	end := strings.Index(string(rest), "\r\n\r\n")
	if end < 0 {
		return nil, fmt.Errorf("no header block in %q", rest)
	}
	c.off += end + 4 + bodyLen
	lines := strings.Split(string(rest[:end]), "\r\n")
	var hs [][2]string
	for _, l := range lines[1:] {
		k, v, _ := strings.Cut(l, ":")
		hs = append(hs, [2]string{k, strings.TrimSpace(v)})
	}
	return hs, nil
}

type rawListener struct{ net.Listener }

func (l rawListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &rawConn{Conn: c}, nil
}

type connKey struct{}

// s3Server is origin B.
type s3Server struct {
	*httptest.Server
	mu       sync.Mutex
	prepared map[string]*runner.Prepared
	requests map[string][]recorded
	errs     []string
}

func newS3Server(t *testing.T) *s3Server {
	s := &s3Server{prepared: map[string]*runner.Prepared{}, requests: map[string][]recorded{}}
	srv := httptest.NewUnstartedServer(http.HandlerFunc(s.serve))
	srv.Listener = rawListener{srv.Listener}
	srv.Config.ConnContext = func(ctx context.Context, c net.Conn) context.Context {
		return context.WithValue(ctx, connKey{}, c.(*rawConn))
	}
	srv.Start()
	t.Cleanup(srv.Close)
	s.Server = srv
	return s
}

func (s *s3Server) fail(format string, args ...any) {
	s.mu.Lock()
	s.errs = append(s.errs, fmt.Sprintf(format, args...))
	s.mu.Unlock()
}

func (s *s3Server) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	hs, err := r.Context().Value(connKey{}).(*rawConn).next(len(body))
	if err != nil {
		s.fail("%s %s: %v", r.Method, r.URL, err)
		http.Error(w, err.Error(), 500)
		return
	}
	sc := r.URL.Query().Get("sc")
	s.mu.Lock()
	p := s.prepared[sc]
	s.requests[sc] = append(s.requests[sc], recorded{Method: r.Method, Headers: hs})
	s.mu.Unlock()
	if p == nil {
		s.fail("request for unknown scenario %q: %s %s", sc, r.Method, r.URL)
		http.Error(w, "unknown scenario", 404)
		return
	}
	// S3's answer to exactly this request, as the engine computes it.
	resp, err := browser.Respond(p.Evaluator(), r.Method, "http://"+r.Host+r.URL.RequestURI(), hs)
	if err != nil {
		s.fail("engine refused %s %s: %v", r.Method, r.URL, err)
		http.Error(w, err.Error(), 500)
		return
	}
	h := w.Header()
	h["Date"] = nil // the model's Date below, not Go's
	for _, kv := range resp.Headers {
		h[kv[0]] = append(h[kv[0]], kv[1]) // as written: S3's casing
	}
	w.WriteHeader(resp.Status)
	if r.Method != "HEAD" {
		io.WriteString(w, resp.Body)
	}
}

// consoleLog collects the page's console lines as they arrive.
type consoleLog struct {
	mu    sync.Mutex
	lines []string
}

func (c *consoleLog) snapshot() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.lines)
}

const runFetch = `(async () => {
  const init = %s;
  try {
    const r = await fetch(%q, init);
    const names = [];
    for (const [k] of r.headers) names.push(k);
    try { await r.arrayBuffer(); } catch (e) {}
    return {ok: true, status: r.status, type: r.type, headers: names, error: ""};
  } catch (e) {
    return {ok: false, status: 0, type: "", headers: [], error: String(e)};
  }
})()`

func TestFetchAgainstChromium(t *testing.T) {
	if len(scenarios) < 30 {
		t.Fatalf("only %d scenarios; the issue asks for at least 30", len(scenarios))
	}
	ctx := chromiumtest.Browser(t)

	page := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/favicon.ico" {
			w.WriteHeader(http.StatusNoContent) // a 404 would log a console line
			return
		}
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, "<!doctype html><title>origin A</title><p>corsplay e2e/fetch")
	}))
	t.Cleanup(page.Close)
	// Origin A is "localhost", origin B "127.0.0.1": two origins, two sites.
	originA := strings.Replace(page.URL, "127.0.0.1", "localhost", 1)
	s3 := newS3Server(t)
	originB := s3.URL

	var log consoleLog
	lctx, stop := context.WithCancel(ctx)
	defer stop()
	messages := chromedp.Console(lctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			log.mu.Lock()
			log.lines = append(log.lines, m.Text)
			log.mu.Unlock()
		}
	}()
	if err := chromedp.Do(ctx, chromedp.Navigate(originA+"/")); err != nil {
		t.Fatal(err)
	}

	passed, fixesVerified := 0, 0
	for i, sc := range scenarios {
		id := strconv.Itoa(i)
		ok := t.Run(sc.name, func(t *testing.T) {
			var cors *string
			if sc.cors != nil {
				cors = ptr(strings.ReplaceAll(*sc.cors, "{A}", originA))
			}
			bucket := scenario.Bucket{Exists: sc.exists, CORS: cors}
			s3.mu.Lock()
			s3.prepared[id] = runner.Prepare(bucket)
			s3.mu.Unlock()

			url := originB + sc.path + "?sc=" + id
			f := browser.Fetch{Origin: originA, URL: url, Method: sc.method, Headers: sc.headers, Credentials: sc.creds, Mode: sc.mode}
			out := runner.Run(scenario.Input{Bucket: bucket, Fetch: &f, Browser: "chrome"})
			if out.Error != nil || out.Browser == nil {
				t.Fatalf("engine: %+v", out.Error)
			}
			v := out.Browser
			if got := verdictKind(v); got != sc.want {
				t.Errorf("engine verdict %s, scenario pins %s (%s)", got, sc.want, v.Summary)
			}

			init := map[string]any{"method": sc.method}
			if sc.headers != nil {
				init["headers"] = sc.headers
			}
			if sc.creds != "" {
				init["credentials"] = sc.creds
			}
			if sc.mode != "" {
				init["mode"] = sc.mode
			}
			initJS, _ := json.Marshal(init)
			before := len(log.snapshot())
			obs, err := chromedp.Run(ctx, chromedp.Evaluate[observed](fmt.Sprintf(runFetch, initJS, url), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("fetch in the page: %v", err)
			}
			// Log entries travel apart from the promise; mark the end
			// and wait for the mark.
			mark := "corsplay-mark-" + id
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf("console.log(%q)", mark))); err != nil {
				t.Fatal(err)
			}
			var lines []string
			for deadline := time.Now().Add(3 * time.Second); ; {
				all := log.snapshot()
				if j := slices.Index(all[before:], mark); j >= 0 {
					lines = all[before : before+j]
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("console mark never arrived; lines so far: %q", all[before:])
				}
				time.Sleep(10 * time.Millisecond)
			}
			time.Sleep(30 * time.Millisecond)
			if all := log.snapshot(); len(all) > before+len(lines)+1 {
				t.Errorf("console lines after the mark: %q", all[before+len(lines)+1:])
			}

			// Allowed or blocked.
			gotAllowed := obs.OK
			if gotAllowed != v.Allowed {
				t.Errorf("allowed: Chromium %v (%s), engine %v (%s)", gotAllowed, obs.Error, v.Allowed, v.Summary)
			}
			if v.Opaque != (obs.Type == "opaque") {
				t.Errorf("opaque: Chromium type %q, engine opaque=%v", obs.Type, v.Opaque)
			}
			// Console lines, exactly, in order.
			if !slices.Equal(lines, v.Console) {
				t.Errorf("console:\nChromium %q\nengine   %q", lines, v.Console)
			}
			if len(v.Console) > 0 && !slices.Contains(lines, v.Message) {
				t.Errorf("message %q not printed", v.Message)
			}
			if !v.Allowed && obs.Error != v.Rejection {
				t.Errorf("rejection: Chromium %q, engine %q", obs.Error, v.Rejection)
			}
			// Readable headers.
			if gotAllowed && v.Allowed {
				got := slices.Clone(obs.Headers)
				slices.Sort(got)
				if !slices.Equal(got, v.ReadableHeaders) {
					t.Errorf("readable headers:\nChromium %q\nengine   %q", got, v.ReadableHeaders)
				}
				if st := v.Actual.Response.Status; !v.Opaque && obs.Status != st {
					t.Errorf("status: Chromium saw %d, engine %d", obs.Status, st)
				}
			}
			// What reached origin B.
			s3.mu.Lock()
			reqs := slices.Clone(s3.requests[id])
			s3.mu.Unlock()
			var want []recorded
			if v.Preflight.Sent {
				want = append(want, recorded{"OPTIONS", v.Preflight.Request.Headers})
			}
			if v.Actual.Sent {
				want = append(want, recorded{v.Actual.Request.Method, v.Actual.Request.Headers})
			}
			if len(reqs) != len(want) {
				t.Fatalf("origin B received %d requests %v; engine predicted %d (preflight sent %v, actual sent %v)", len(reqs), methods(reqs), len(want), v.Preflight.Sent, v.Actual.Sent)
			}
			for k := range want {
				if reqs[k].Method != want[k].Method {
					t.Errorf("request %d: Chromium sent %s, engine predicted %s", k, reqs[k].Method, want[k].Method)
				}
				compareHeaders(t, want[k].Method, reqs[k].Headers, want[k].Headers, sc.headers)
			}

			// The suggested fix, applied, must let Chromium through.
			if out.Fix == nil {
				if !v.Allowed && v.CORS && v.Failure.Stage != "request" && sc.exists == nil {
					t.Errorf("blocked, but no fix suggested")
				}
				return
			}
			fixedID := id + "-fixed"
			fixed := scenario.Bucket{Exists: sc.exists, CORS: &out.Fix.Config}
			s3.mu.Lock()
			s3.prepared[fixedID] = runner.Prepare(fixed)
			s3.mu.Unlock()
			url2 := originB + sc.path + "?sc=" + fixedID
			f2 := f
			f2.URL = url2
			if out2 := runner.Run(scenario.Input{Bucket: fixed, Fetch: &f2}); out2.Browser == nil || !out2.Browser.Allowed {
				t.Errorf("engine: still blocked after the fix %q", out.Fix.Summary)
			}
			obs2, err := chromedp.Run(ctx, chromedp.Evaluate[observed](fmt.Sprintf(runFetch, initJS, url2), chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if !obs2.OK {
				t.Errorf("Chromium still blocks after the fix %q (%s):\n%s", out.Fix.Summary, obs2.Error, out.Fix.Config)
			} else {
				fixesVerified++
			}
		})
		if ok {
			passed++
		}
	}
	s3.mu.Lock()
	for _, e := range s3.errs {
		t.Error("origin B:", e)
	}
	s3.mu.Unlock()
	t.Logf("%d of %d scenarios agree with Chromium; %d suggested fixes, applied, let Chromium through", passed, len(scenarios), fixesVerified)
}

func verdictKind(v *browser.Verdict) string {
	switch {
	case v.Opaque:
		return "opaque"
	case v.Allowed:
		return "allowed"
	case v.Failure != nil:
		return "blocked-" + v.Failure.Stage
	}
	return "?"
}

func methods(rs []recorded) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.Method)
	}
	return out
}

// compareHeaders checks the engine's request against Chromium's: the same
// names in the same order, and the same values, except values that belong
// to the machine rather than to CORS (User-Agent, Accept-Language) and the
// sec-ch-ua client hints Chromium adds on its own. Among the script's own
// headers and User-Agent, Chromium's order varies (a hash map), so those
// are compared as a set.
func compareHeaders(t *testing.T, method string, got, want, script [][2]string) {
	t.Helper()
	machine := map[string]bool{"user-agent": true}
	if _, ok := get(script, "Accept-Language"); !ok {
		machine["accept-language"] = true
	}
	loose := map[string]bool{"user-agent": true}
	if method != "OPTIONS" {
		for _, kv := range script {
			if n := strings.ToLower(kv[0]); n != "accept" && n != "range" {
				loose[n] = true
			}
		}
	}
	names := func(hs [][2]string) (order, set []string) {
		for _, kv := range hs {
			n := strings.ToLower(kv[0])
			if strings.HasPrefix(n, "sec-ch-ua") {
				continue
			}
			if loose[n] {
				set = append(set, n)
				n = "(script header or user-agent)"
				if len(order) > 0 && order[len(order)-1] == n {
					continue
				}
			}
			order = append(order, n)
		}
		slices.Sort(set)
		return order, set
	}
	go_, gs := names(got)
	wo, ws := names(want)
	if !slices.Equal(go_, wo) || !slices.Equal(gs, ws) {
		t.Errorf("%s header names:\nChromium %q %q\nengine   %q %q\nChromium sent %q", method, go_, gs, wo, ws, got)
	}
	for _, kv := range want {
		n := strings.ToLower(kv[0])
		if machine[n] {
			continue
		}
		gv, ok := get(got, n)
		if !ok {
			continue // reported above
		}
		if gv != kv[1] {
			t.Errorf("%s %s: Chromium sent %q, engine predicted %q", method, kv[0], gv, kv[1])
		}
	}
}

func get(hs [][2]string, name string) (string, bool) {
	for _, kv := range hs {
		if strings.EqualFold(kv[0], name) {
			return kv[1], true
		}
	}
	return "", false
}
