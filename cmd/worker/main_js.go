//go:build js && wasm

package main

import (
	"context"
	"database/sql"
	"log"
	"net/http"
	"strconv"
	"time"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/cron"
	"github.com/syumai/workers/cloudflare/d1"
)

// Bindings and variables the Worker reads; wrangler.toml declares them.
const (
	bindingDB    = "DB"                     // D1: revisions, drafts, tokens, audit log
	bindingDocs  = "DOCS"                   // R2: masters and drafts
	bindingAuth  = "AUTH_FAILURES"          // rate limit: failed authentications per client
	bindingWrite = "WRITES"                 // rate limit: writes per identity
	varAdminHash = "HUB_ADMIN_TOKEN_SHA256" // secret: hex SHA-256 of the admin token
	// varBlobGrace, when set, is the blob grace period in seconds (the
	// integration test shortens it); unset, DefaultBlobGrace.
	varBlobGrace = "HUB_BLOB_GRACE_SECONDS"
)

// main runs once per request or scheduled event: the Worker starts a
// fresh Go instance for each, so the hub keeps nothing in memory between
// them.
func main() {
	log.SetFlags(0)
	cron.ScheduleTaskNonBlock(scheduled)
	workers.Serve(http.HandlerFunc(serve))
}

// newHub opens the bindings of this invocation's environment.
func newHub() (*Hub, *apiError) {
	conn, err := d1.OpenConnector(bindingDB)
	if err != nil {
		log.Printf("hub: D1 binding %s: %v", bindingDB, err)
		return nil, internal("open database", err)
	}
	blobs, err := newR2Blobs(bindingDocs)
	if err != nil {
		log.Printf("hub: R2 binding %s: %v", bindingDocs, err)
		return nil, internal("open document store", err)
	}
	h := &Hub{
		Meta:           &SQLMeta{DB: sql.OpenDB(conn)},
		Blobs:          blobs,
		AdminTokenHash: cloudflare.Getenv(varAdminHash),
		AuthFailures:   RateLimit{Limiter: newBindingLimiter(bindingAuth), Period: RatePeriod},
		Writes:         RateLimit{Limiter: newBindingLimiter(bindingWrite), Period: RatePeriod},
	}
	if s := cloudflare.Getenv(varBlobGrace); s != "" {
		if n, err := strconv.Atoi(s); err == nil {
			h.BlobGrace = time.Duration(n) * time.Second
			if n == 0 {
				h.BlobGrace = -1
			}
		}
	}
	return h, nil
}

// serve hands the request to the Hub.
func serve(w http.ResponseWriter, r *http.Request) {
	h, e := newHub()
	if e != nil {
		for _, kv := range APIHeaders {
			w.Header().Set(kv[0], kv[1])
		}
		writeError(w, e)
		return
	}
	h.ServeHTTP(w, r)
}

// scheduled is the daily run (wrangler.toml, [triggers]).
func scheduled(ctx context.Context) error {
	h, e := newHub()
	if e != nil {
		return e
	}
	return h.Scheduled(ctx)
}
