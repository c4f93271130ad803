package gallery

import (
	"corsplay/internal/browser"
	"corsplay/internal/scenario"
)

// fetch is a script's fetch(url, {method, headers, credentials}) from a
// page at origin.
func fetch(origin, url, method string, h scenario.Headers, credentials string) *browser.Fetch {
	return (&fetchMode{origin, url, method, h, credentials, ""}).f()
}

// fetchMode is a fetch with a mode ("no-cors" for an element load without
// crossorigin).
type fetchMode struct {
	origin, url, method string
	headers             scenario.Headers
	credentials, mode   string
}

func (m *fetchMode) f() *browser.Fetch {
	return &browser.Fetch{Origin: m.origin, URL: m.url, Method: m.method, Headers: browser.Headers(m.headers),
		Credentials: m.credentials, Mode: m.mode}
}
