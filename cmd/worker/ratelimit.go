package main

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// Limiter counts requests by key over a fixed period, as the Workers
// rate-limiting binding does (main_js.go binds it): Allow counts one
// request for key and reports whether key is still within its limit.
// Counts may be approximate (the binding's are kept per Cloudflare
// location), so callers rely on the limit being reached, never on an
// exact count.
type Limiter interface {
	Allow(ctx context.Context, key string) (bool, error)
}

// RateLimit is a Limiter and the period its limit counts over, which a
// refused client is told to wait (Retry-After). A nil Limiter allows
// everything.
type RateLimit struct {
	Limiter Limiter
	Period  time.Duration
}

// Limits the hub is deployed with (wrangler.toml, [[ratelimits]]): the
// binding accepts a period of 10 or 60 seconds.
const (
	AuthFailureLimit = 10 // failed authentications per client address per minute
	WriteLimit       = 60 // writes per identity per minute
	RatePeriod       = 60 * time.Second
)

// allow counts one request for key. A limiter that fails lets the
// request through (and logs): the hub stays usable if the binding is
// down, and every other rule still holds.
func (h *Hub) allow(ctx context.Context, l RateLimit, key string) *apiError {
	if l.Limiter == nil {
		return nil
	}
	ok, err := l.Limiter.Allow(ctx, key)
	if err != nil {
		h.logf("hub: rate limiter %s: %v", key, err)
		return nil
	}
	if ok {
		return nil
	}
	secs := int((l.Period + time.Second - 1) / time.Second)
	if secs < 1 {
		secs = 1
	}
	return &apiError{Status: http.StatusTooManyRequests, Code: "rate_limited", retryAfter: secs,
		Message: "hub: too many requests; try again in " + strconv.Itoa(secs) + " seconds"}
}

// authFailed counts a failed authentication against the client's address
// and returns e, or 429 once the client has failed too often.
func (h *Hub) authFailed(r *http.Request, e *apiError) *apiError {
	if le := h.allow(r.Context(), h.AuthFailures, "auth:"+clientAddress(r)); le != nil {
		le.Message = "hub: too many failed attempts to authenticate from this address; try again in " + strconv.Itoa(le.retryAfter) + " seconds"
		return le
	}
	return e
}

// limitWrite counts a write (a request that changes something) against
// the caller's identity.
func (h *Hub) limitWrite(r *http.Request, c caller) *apiError {
	return h.allow(r.Context(), h.Writes, "write:"+c.identity())
}

// clientAddress is the client's IP address: CF-Connecting-IP, which
// Cloudflare sets (and a client cannot), or else the connection's peer.
// It is used as a rate-limiting key only and never stored.
func clientAddress(r *http.Request) string {
	if ip := strings.TrimSpace(r.Header.Get("CF-Connecting-IP")); ip != "" {
		return ip
	}
	if host, _, err := net.SplitHostPort(r.RemoteAddr); err == nil {
		return host
	}
	if r.RemoteAddr != "" {
		return r.RemoteAddr
	}
	return "unknown"
}
