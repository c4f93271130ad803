package lint

import (
	"sort"
	"strconv"
	"strings"

	"corsplay/internal/config"
	"corsplay/internal/fix"
)

// covers reports whether every string pattern b matches is matched by
// pattern a, answering true only when certain. Patterns have at most one
// '*' (validation rejects more; such patterns are covered only by "*" or
// an equal text).
func covers(a, b string, fold bool) bool {
	eq := func(x, y string) bool {
		if fold {
			return strings.EqualFold(x, y)
		}
		return x == y
	}
	if a == "*" || eq(a, b) {
		return true
	}
	na, nb := strings.Count(a, "*"), strings.Count(b, "*")
	if na != 1 || nb > 1 {
		return false
	}
	if nb == 0 {
		return fix.Glob(a, b, fold)
	}
	i, j := strings.IndexByte(a, '*'), strings.IndexByte(b, '*')
	pa, sa, pb, sb := a[:i], a[i+1:], b[:j], b[j+1:]
	hasPrefix := len(pb) >= len(pa) && eq(pb[:len(pa)], pa)
	hasSuffix := len(sb) >= len(sa) && eq(sb[len(sb)-len(sa):], sa)
	return hasPrefix && hasSuffix
}

func coversAll(as, bs []string, fold bool) bool {
	for _, b := range bs {
		ok := false
		for _, a := range as {
			if covers(a, b, fold) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

func set(l []string, fold bool) string {
	c := make([]string, len(l))
	for i, s := range l {
		if fold {
			s = strings.ToLower(s)
		}
		c[i] = s
	}
	sort.Strings(c)
	out := c[:0]
	for i, s := range c {
		if i == 0 || s != c[i-1] {
			out = append(out, s)
		}
	}
	return strings.Join(out, "\x00")
}

func maxAgeText(r *config.Rule) string {
	if n, ok := r.MaxAge(); ok {
		return strconv.Itoa(n)
	}
	return ""
}

// duplicates: the same value twice in one field, or a value another
// pattern of the field already covers.
func (c *checker) duplicates(ri int) {
	r := &c.cfg.Rules[ri]
	for _, f := range []config.Field{config.FieldAllowedOrigin, config.FieldAllowedMethod, config.FieldAllowedHeader, config.FieldExposeHeader} {
		fold := f == config.FieldAllowedHeader || f == config.FieldExposeHeader
		vals := r.Get(f)
		for k, v := range vals {
			dup, by := false, ""
			for _, e := range vals[:k] {
				if e.Text == v.Text || (fold && strings.EqualFold(e.Text, v.Text)) {
					dup = true
					break
				}
			}
			if dup {
				c.add(c.valueWarn(Warn, "duplicate-value", ri, v, name(ri)+" lists "+string(f)+" \""+v.Text+"\" twice; the second one does nothing."), c.remove(ri, v))
				continue
			}
			if f == config.FieldAllowedMethod || f == config.FieldExposeHeader || (f == config.FieldAllowedOrigin && v.Text != "*" && c.rules[ri].star) {
				continue // exact lists, or the "*" mix, reported on its own
			}
			for j, e := range vals {
				if j != k && e.Text != v.Text && !(fold && strings.EqualFold(e.Text, v.Text)) && covers(e.Text, v.Text, fold) && strings.Count(e.Text, "*") == 1 {
					by = e.Text
					break
				}
			}
			if by != "" {
				c.add(c.valueWarn(Info, "redundant-value", ri, v, string(f)+" \""+v.Text+"\" in "+strings.ToLower(name(ri))+" is already covered by \""+by+"\"."), c.remove(ri, v))
			}
		}
	}
}

// shadow: a rule that can never be the first match.
func (c *checker) shadow(j int) {
	b := c.rules[j]
	if !b.valid {
		return
	}
	r := &c.cfg.Rules[j]
	for i := 0; i < j; i++ {
		a := c.rules[i]
		if !a.valid {
			continue
		}
		o := &c.cfg.Rules[i]
		if set(a.origins, false) == set(b.origins, false) && set(a.methods, false) == set(b.methods, false) &&
			set(a.headers, true) == set(b.headers, true) && set(a.expose, true) == set(b.expose, true) && maxAgeText(o) == maxAgeText(r) {
			c.add(Warning{Severity: Warn, Code: "rule-duplicate", Rule: j, Span: r.Span,
				Message: name(j) + " is the same as " + strings.ToLower(name(i)) + "; it can never be the first match. Remove it."},
				func() (*fix.Fix, error) { return fix.RemoveRule(c.src, c.cfg, j) })
			return
		}
		if coversAll(a.origins, b.origins, false) && coversAll(a.methods, b.methods, false) && coversAll(a.headers, b.headers, true) {
			msg := name(j) + " can never be the first match: " + strings.ToLower(name(i)) +
				" comes first and allows all of its origins, methods and headers, so S3 answers with " + strings.ToLower(name(i)) + "'s headers"
			var extra []string
			if set(a.expose, true) != set(b.expose, true) {
				extra = append(extra, "ExposeHeader")
			}
			if maxAgeText(o) != maxAgeText(r) {
				extra = append(extra, "MaxAgeSeconds")
			}
			if len(extra) > 0 {
				msg += " (so its " + quoteList(extra) + " are never sent)"
			}
			if a.star && !b.star {
				msg += ", including Access-Control-Allow-Origin: *, which browsers refuse for credentialed requests"
			}
			msg += ". Move it before " + strings.ToLower(name(i)) + " if its values should win, or remove it."
			c.add(Warning{Severity: Warn, Code: "rule-shadowed", Rule: j, Span: r.Span, Message: msg},
				func() (*fix.Fix, error) { return fix.Move(c.src, c.cfg, j, i) })
			return
		}
	}
}

// Headers browsers and the AWS SDKs send on uploads (the gallery's
// presigned-put, in internal/examples).
var (
	// A presigned PUT from fetch/XHR: Content-Type whenever the File or
	// Blob has a type; the v3 SDK (≥ 3.729.0) adds checksum headers.
	uploadHeaders = []string{"content-type", "x-amz-checksum-crc32", "x-amz-sdk-checksum-algorithm"}
	// An SDK-signed request (credentials in the browser, e.g. Cognito), and
	// headers upload libraries commonly set.
	sdkHeaders = []string{"authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "x-amz-user-agent",
		"amz-sdk-invocation-id", "amz-sdk-request", "x-amz-acl", "x-amz-server-side-encryption", "x-amz-meta-*"}
)

// reach lists the rules a request from any of rule ri's origins with
// method m could be answered by: ri itself and every rule that allows m for
// all of ri's origins.
func (c *checker) reach(ri int, m string) []int {
	me := c.rules[ri]
	out := []int{ri}
	for k := range c.rules {
		o := c.rules[k]
		if k != ri && o.valid && has(o.methods, m) && coversAll(o.origins, me.origins, false) {
			out = append(out, k)
		}
	}
	return out
}

// allowsHeader: one of the rules in reach allows header pattern h.
func (c *checker) allowsHeader(reach []int, h string) bool {
	for _, k := range reach {
		for _, p := range c.rules[k].headers {
			if covers(p, h, true) {
				return true
			}
		}
	}
	return false
}

func (c *checker) uploads(ri int) {
	info := c.rules[ri]
	if !info.valid {
		return
	}
	r := &c.cfg.Rules[ri]
	var upload *config.Value
	for _, v := range r.Get(config.FieldAllowedMethod) {
		if v.Text == "PUT" || v.Text == "POST" {
			v := v
			if upload == nil || v.Text == "PUT" {
				upload = &v
			}
		}
	}
	if upload == nil {
		return
	}
	if !has(info.expose, "etag") {
		c.add(c.valueWarn(Warn, "etag-not-exposed", ri, *upload, name(ri)+" allows "+upload.Text+
			" but does not expose ETag: JavaScript cannot read an upload's ETag, so multipart uploads fail (AWS SDK: \"ETagMissing: No access to ETag property on response\"). Add ExposeHeader ETag."),
			c.addValues(ri, config.FieldExposeHeader, "ETag"))
	}
	if !has(info.methods, "PUT") {
		return
	}
	put := *upload
	reach := c.reach(ri, "PUT")
	var missing []string
	for _, h := range uploadHeaders {
		if !c.allowsHeader(reach, h) {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		c.add(c.valueWarn(Warn, "upload-headers-not-allowed", ri, put, name(ri)+" allows PUT, but no rule lets the preflight through with "+quoteList(missing)+
			": a browser upload sends Content-Type whenever the file has a type, and the AWS SDK for JavaScript v3 (3.729.0 and later) adds checksum headers, so the preflight gets 403. Add them to AllowedHeader."),
			c.addValues(ri, config.FieldAllowedHeader, missing...))
	}
	var sdk []string
	for _, h := range sdkHeaders {
		if !c.allowsHeader(reach, h) {
			sdk = append(sdk, h)
		}
	}
	if len(sdk) > 0 && len(sdk) < len(sdkHeaders) || len(sdk) > 0 && len(info.headers) > 0 {
		c.add(c.valueWarn(Info, "sdk-headers-not-allowed", ri, put, name(ri)+" does not allow "+quoteList(sdk)+
			": uploads signed by the AWS SDK in the browser send authorization, x-amz-date, x-amz-content-sha256 (and x-amz-security-token with temporary credentials), and upload code often sets x-amz-acl, x-amz-server-side-encryption or x-amz-meta-*. Add the ones your uploads send, or AllowedHeader *."),
			c.addValues(ri, config.FieldAllowedHeader, sdk...))
	}
}

// Response headers that only make sense in ExposeHeader, and request
// headers that only make sense in AllowedHeader.
var (
	responseOnly = []string{"etag", "x-amz-version-id", "x-amz-request-id", "x-amz-id-2", "x-amz-delete-marker", "x-amz-expiration",
		"accept-ranges", "content-range", "date", "server", "x-amz-restore", "x-amz-mp-parts-count"}
	requestOnly = []string{"authorization", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "x-amz-user-agent",
		"amz-sdk-invocation-id", "amz-sdk-request", "x-amz-acl", "content-md5", "x-amz-sdk-checksum-algorithm", "origin", "range", "if-match", "if-none-match"}
)

func (c *checker) headers(ri int) {
	r := &c.cfg.Rules[ri]
	info := c.rules[ri]
	for _, v := range r.Get(config.FieldAllowedHeader) {
		h := strings.ToLower(strings.TrimSpace(v.Text))
		if has(responseOnly, h) && !has(info.expose, h) {
			c.add(c.valueWarn(Warn, "response-header-in-allowed", ri, v, v.Text+" is a response header: AllowedHeader lists request headers the browser may send, so this does not let JavaScript read it. Add it to ExposeHeader."),
				c.addValues(ri, config.FieldExposeHeader, v.Text))
		}
	}
	for _, v := range r.Get(config.FieldExposeHeader) {
		h := strings.ToLower(strings.TrimSpace(v.Text))
		switch {
		case fix.SafelistedResponse(h):
			c.add(c.valueWarn(Info, "expose-safelisted", ri, v, "JavaScript can always read "+v.Text+"; listing it in ExposeHeader changes nothing."), c.remove(ri, v))
		case has(requestOnly, h):
			c.add(c.valueWarn(Info, "request-header-in-expose", ri, v, v.Text+" is a request header: ExposeHeader lists response headers JavaScript may read. If requests send it, it belongs in AllowedHeader."), nil)
		}
	}
}

func (c *checker) maxAge(ri int) {
	r := &c.cfg.Rules[ri]
	vs := r.Get(config.FieldMaxAgeSeconds)
	if len(vs) != 1 {
		return
	}
	n, ok := r.MaxAge()
	if !ok {
		return
	}
	v := vs[0]
	switch {
	case n > CapFirefox:
		c.add(c.valueWarn(Warn, "max-age-above-cap", ri, v, "MaxAgeSeconds "+strconv.Itoa(n)+" is above every browser's cap: Firefox keeps a preflight at most 86400 s, Chromium 7200 s, Safari 600 s."),
			c.replace(ri, v, strconv.Itoa(CapFirefox)))
	case n > CapChromium:
		c.add(c.valueWarn(Info, "max-age-capped", ri, v, "MaxAgeSeconds "+strconv.Itoa(n)+" is capped by Chromium at 7200 s and by Safari at 600 s; only Firefox (up to 86400 s) uses it."), nil)
	}
	if n > 5 && (has(c.rules[ri].methods, "PUT") || has(c.rules[ri].methods, "POST") || has(c.rules[ri].methods, "DELETE")) {
		c.add(c.valueWarn(Info, "preflight-per-url", ri, v, "Browsers cache a preflight per full URL: every presigned URL (a new query string) and every new object key gets its own preflight, whatever MaxAgeSeconds says."), nil)
	}
}
