//go:build js && wasm

package main

import (
	"database/sql"
	"log"
	"net/http"

	"github.com/syumai/workers"
	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/d1"
)

// Bindings and variables the Worker reads; wrangler.toml declares them.
const (
	bindingDB    = "DB"                     // D1: revisions, drafts, tokens
	bindingDocs  = "DOCS"                   // R2: masters and drafts
	varAdminHash = "HUB_ADMIN_TOKEN_SHA256" // secret: hex SHA-256 of the admin token
)

// main runs once per request: the Worker starts a fresh Go instance for
// each, so the hub keeps nothing in memory between requests.
func main() {
	log.SetFlags(0)
	workers.Serve(http.HandlerFunc(serve))
}

// serve opens the bindings of this request's environment and hands the
// request to the Hub.
func serve(w http.ResponseWriter, r *http.Request) {
	conn, err := d1.OpenConnector(bindingDB)
	if err != nil {
		log.Printf("hub: D1 binding %s: %v", bindingDB, err)
		writeError(w, internal("open database", err))
		return
	}
	blobs, err := newR2Blobs(bindingDocs)
	if err != nil {
		log.Printf("hub: R2 binding %s: %v", bindingDocs, err)
		writeError(w, internal("open document store", err))
		return
	}
	h := &Hub{
		Meta:           &SQLMeta{DB: sql.OpenDB(conn)},
		Blobs:          blobs,
		AdminTokenHash: cloudflare.Getenv(varAdminHash),
	}
	h.ServeHTTP(w, r)
}
