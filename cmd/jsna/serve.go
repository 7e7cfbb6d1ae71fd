package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/wardwise/wardwise/static"
)

func init() {
	register(&command{
		name:    "serve",
		usage:   "jsna serve [-addr 127.0.0.1:8080]",
		summary: "serve the browser app (embedded) on a local address until interrupted",
		run:     runServe,
	})
}

func runServe(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "host:port to listen on")
	if err := fs.Parse(args); err != nil || fs.NArg() != 0 {
		return usagef("usage: jsna serve [-addr 127.0.0.1:8080]")
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("jsna: serve: %w", err)
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(e.stdout, "Wardwise is running at %s\n", url)
	fmt.Fprintf(e.stdout, "open the example at %s?example\n", url)
	fmt.Fprintln(e.stdout, "press Ctrl+C to stop")
	return serve(ctx, ln, static.Handler(static.Files))
}

// serve serves h on ln until ctx is done, then shuts down gracefully.
func serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("jsna: serve: %w", err)
	case <-ctx.Done():
		shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("jsna: serve: %w", err)
		}
		return nil
	}
}
