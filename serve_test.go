package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"corsplay/internal/webserve"
)

// syncBuffer is a bytes.Buffer safe for the server goroutine and the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func builtDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{
		"index.html":       "<!doctype html>",
		"corsplay.wasm":    "\x00asm",
		"corsplay.wasm.br": "\x00asm-br",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestRunWithoutBuild(t *testing.T) {
	var stdout, stderr syncBuffer
	code := run(context.Background(), []string{"-dir", t.TempDir(), "-addr", "127.0.0.1:0"}, &stdout, &stderr)
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if !strings.Contains(stderr.String(), "corsplay.wasm is missing") || !strings.Contains(stderr.String(), "./build.sh") {
		t.Errorf("message does not say to run ./build.sh:\n%s", stderr.String())
	}
}

func TestRunBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"extra"}} {
		var stdout, stderr syncBuffer
		if code := run(context.Background(), args, &stdout, &stderr); code != 2 {
			t.Errorf("run(%q) = %d, want 2 (stderr %q)", args, code, stderr.String())
		}
	}
}

func TestRunBadAddr(t *testing.T) {
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"-dir", builtDir(t), "-addr", "256.0.0.1:99999"}, &stdout, &stderr); code != 1 {
		t.Errorf("exit %d, want 1; stderr %q", code, stderr.String())
	}
}

// TestRunServes starts the real server on a free loopback port, reads the
// URL it prints, fetches through it and stops it.
func TestRunServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	exit := make(chan int, 1)
	go func() { exit <- run(ctx, []string{"-dir", builtDir(t), "-addr", "127.0.0.1:0"}, &stdout, &stderr) }()

	urlRE := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == "" && time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		url = urlRE.FindString(stdout.String())
	}
	if url == "" {
		cancel()
		t.Fatalf("no URL printed; stdout %q stderr %q", stdout.String(), stderr.String())
	}

	req, _ := http.NewRequest("GET", url+"corsplay.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br, zstd")
	res, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if string(body) != "\x00asm-br" || res.Header.Get("Content-Encoding") != "br" || res.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("wasm: %q %v", body, res.Header)
	}
	for k, v := range webserve.Headers {
		if res.Header.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, res.Header.Get(k), v)
		}
	}

	for _, p := range []string{"../serve.go", "..%2fserve.go", "./"} {
		res, err = http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET /%s = %d, want 404", p, res.StatusCode)
		}
	}

	cancel()
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit code %d after shutdown, want 0; stderr %q", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not stop")
	}
}
