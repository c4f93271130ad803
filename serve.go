// serve.go serves the built playground (web/) on http://127.0.0.1:8080/.
//
//	./build.sh && go run serve.go [-addr 127.0.0.1:8080] [-dir web]
//
// It negotiates the precompressed .br/.gz files build.sh writes and sends
// a strict Content-Security-Policy, nosniff, COOP/COEP and the other headers
// described in internal/webserve, which holds the handler (shared with the
// browser benchmark and tests). It listens on loopback only unless -addr
// says otherwise.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"corsplay/internal/webserve"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run serves until ctx ends and returns the exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	fl.SetOutput(stderr)
	addr := fl.String("addr", "127.0.0.1:8080", "address to listen on (host:port; port 0 picks a free one)")
	dir := fl.String("dir", "web", "directory to serve")
	if err := fl.Parse(args); err != nil {
		return 2
	}
	if fl.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected arguments %q\n", fl.Args())
		return 2
	}
	if err := webserve.Check(*dir); err != nil {
		fmt.Fprintf(stderr, "serve: %s/corsplay.wasm is missing: the page is not built yet.\nRun ./build.sh first (or: ./build.sh && go run serve.go).\n", *dir)
		return 1
	}
	h, err := webserve.Handler(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	fmt.Fprintf(stdout, "corsplay: serving %s at http://%s/ (Ctrl-C to stop)\n", *dir, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	return 0
}
