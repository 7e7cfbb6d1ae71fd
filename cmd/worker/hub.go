package main

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Hub is the Wardwise hub's HTTP API, under /api/v1. It keeps the
// assessments' masters and the drafts sent to them in Meta and Blobs, and
// merges with the jsna package, exactly as the CLI and the browser app do.
// It holds no state of its own between requests: in a Worker every
// request runs in a fresh Go instance.
//
// Every request but GET /api/v1 carries "Authorization: Bearer TOKEN".
// A token belongs to one assessment and to one identity (a person), and
// has a role: contributors send drafts and read the master; coordinators
// also list and read every draft, merge, resolve conflicts, make, revoke
// and rotate tokens and read the audit log. The admin token (its hash in
// AdminTokenHash) only creates assessments and manages tokens. A draft id
// belongs to the identity that first sent it: no one else may send it.
//
// Responses are JSON with APIHeaders; errors, panics included, are
// {"error": {"status", "code", "message", "problems"}}, never the cause.
// Failed authentications and writes are rate limited (AuthFailures,
// Writes); bodies are bounded in size and time (Limits). See API.md for
// every route.
type Hub struct {
	Meta  Meta
	Blobs Blobs
	// AdminTokenHash is the hex SHA-256 of the admin token. Empty: the
	// admin routes are closed.
	AdminTokenHash string
	Limits         Limits
	// Now is the clock; nil is time.Now.
	Now func() time.Time
	// Rand makes tokens; nil is crypto/rand.
	Rand io.Reader
	// MaxAttempts bounds how often a merge or resolution reloads the
	// master and tries again after another writer moved it; 0 is 8.
	MaxAttempts int
	// Logf logs failures; nil is log.Printf (the Worker's console).
	Logf func(format string, args ...any)

	// AuthFailures limits failed authentications per client address;
	// Writes limits the requests that change something per identity (the
	// admin counts as one). A zero RateLimit does not limit.
	AuthFailures RateLimit
	Writes       RateLimit
	// BlobGrace is how long a blob may stay written but unreferenced
	// before a sweep deletes it; 0 is DefaultBlobGrace, negative none.
	BlobGrace time.Duration
}

// Limits are the largest request bodies the hub reads. Zero fields take
// the defaults.
type Limits struct {
	Draft   int64 // a draft: default 4 MiB (a 20-ward borough's whole master is 160 kB)
	Master  int64 // a new assessment with its master: default 16 MiB
	Request int64 // any other body: default 64 KiB
	// Body is how long the hub waits for a whole request body: default
	// 30 s. A client that sends a body more slowly is answered 408.
	Body time.Duration
}

// Default limits.
const (
	DefaultDraftLimit   = 4 << 20
	DefaultMasterLimit  = 16 << 20
	DefaultRequestLimit = 64 << 10
	DefaultBodyTimeout  = 30 * time.Second
)

func (h *Hub) limits() Limits {
	l := h.Limits
	if l.Draft <= 0 {
		l.Draft = DefaultDraftLimit
	}
	if l.Master <= 0 {
		l.Master = DefaultMasterLimit
	}
	if l.Request <= 0 {
		l.Request = DefaultRequestLimit
	}
	if l.Body <= 0 {
		l.Body = DefaultBodyTimeout
	}
	return l
}

func (h *Hub) now() time.Time {
	if h.Now != nil {
		return h.Now().UTC()
	}
	return time.Now().UTC()
}

func (h *Hub) logf(format string, args ...any) {
	if h.Logf != nil {
		h.Logf(format, args...)
		return
	}
	log.Printf(format, args...)
}

func (h *Hub) maxAttempts() int {
	if h.MaxAttempts > 0 {
		return h.MaxAttempts
	}
	return 8
}

// APIPrefix is where the API lives; wrangler.toml runs the Worker first
// for it and serves every other path from the static assets.
const APIPrefix = "/api/v1"

// APIHeaders are the headers of every API response, errors included:
// nothing is cached, nothing is sniffed, framed or run as a page, and
// (bearer tokens, not cookies) any origin may call, as a copy of the app
// served elsewhere (jsna serve, a file) must. cmd/worker/entry.mjs sends
// the same on the errors it answers before the Go handler runs.
var APIHeaders = [][2]string{
	{"Cache-Control", "no-store"},
	{"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"},
	{"Referrer-Policy", "no-referrer"},
	{"X-Content-Type-Options", "nosniff"},
	{"Access-Control-Allow-Origin", "*"},
	{"Access-Control-Expose-Headers", "ETag, Location, Retry-After, Wardwise-Master-Seq"},
}

// ServeHTTP routes a request. A panic in a handler is answered as the
// documented 500 error, its cause logged, never sent.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	for _, kv := range APIHeaders {
		hd.Set(kv[0], kv[1])
	}
	if r.Method == http.MethodOptions {
		hd.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		hd.Set("Access-Control-Allow-Headers", "Authorization, Content-Type, If-None-Match")
		hd.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	sw := &statusWriter{ResponseWriter: w}
	defer func() {
		if v := recover(); v != nil {
			h.logf("hub: %s %s: panic: %v", r.Method, r.URL.Path, v)
			if !sw.wrote {
				writeError(sw, internal("handle request", fmt.Errorf("panic: %v", v)))
			}
		}
	}()
	if e := h.route(sw, r); e != nil {
		if e.Cause != nil {
			h.logf("hub: %s %s: %s: %v", r.Method, r.URL.Path, e.Message, e.Cause)
		}
		writeError(sw, e)
	}
}

// statusWriter notes whether the response has begun, so that a panic
// after it is only logged.
type statusWriter struct {
	http.ResponseWriter
	wrote bool
}

func (w *statusWriter) WriteHeader(status int) {
	w.wrote = true
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// route is the router. It works on the escaped path, so that a draft id
// may hold any character, "/" included, percent-encoded.
func (h *Hub) route(w http.ResponseWriter, r *http.Request) *apiError {
	p := r.URL.EscapedPath()
	if p != APIPrefix && !strings.HasPrefix(p, APIPrefix+"/") {
		return errorf(http.StatusNotFound, "not_found", "hub: no such page %q", r.URL.Path)
	}
	var seg []string
	for _, s := range strings.Split(strings.Trim(strings.TrimPrefix(p, APIPrefix), "/"), "/") {
		if s == "" {
			continue
		}
		u, err := url.PathUnescape(s)
		if err != nil {
			return errorf(http.StatusBadRequest, "bad_request", "hub: bad path %q", p)
		}
		seg = append(seg, u)
	}
	method := func(allowed ...string) *apiError {
		for _, m := range allowed {
			if r.Method == m || (m == http.MethodGet && r.Method == http.MethodHead) {
				return nil
			}
		}
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		return errorf(http.StatusMethodNotAllowed, "method_not_allowed", "hub: %s %s: use %s", r.Method, r.URL.Path, strings.Join(allowed, " or "))
	}
	notFound := errorf(http.StatusNotFound, "not_found", "hub: no such route %s", r.URL.Path)
	switch {
	case len(seg) == 0:
		if e := method(http.MethodGet); e != nil {
			return e
		}
		return h.info(w, r)
	case seg[0] != "assessments":
		return notFound
	case len(seg) == 1:
		if e := method(http.MethodPost); e != nil {
			return e
		}
		return h.createAssessment(w, r)
	}
	return h.routeAssessment(w, r, seg[1], seg[2:], method)
}

// assessmentRoute is a route of one segment under
// /api/v1/assessments/{id}: its GET (HEAD too) and POST handlers, nil
// where the route does not allow the method.
type assessmentRoute struct {
	get, post func(h *Hub, w http.ResponseWriter, r *http.Request, id string) *apiError
}

// allowed lists the route's methods, GET before POST, for the Allow header.
func (a assessmentRoute) allowed() []string {
	var ms []string
	if a.get != nil {
		ms = append(ms, http.MethodGet)
	}
	if a.post != nil {
		ms = append(ms, http.MethodPost)
	}
	return ms
}

// assessmentRoutes are the one-segment routes under an assessment.
var assessmentRoutes = map[string]assessmentRoute{
	"tokens":      {get: (*Hub).listTokens, post: (*Hub).createToken},
	"audit":       {get: (*Hub).auditLog},
	"drafts":      {get: (*Hub).listDrafts, post: (*Hub).submitDraft},
	"master":      {get: (*Hub).master},
	"history":     {get: (*Hub).history},
	"conflicts":   {get: (*Hub).conflicts},
	"merge":       {post: (*Hub).merge},
	"resolutions": {post: (*Hub).resolve},
}

// routeAssessment routes the requests under /api/v1/assessments/{id}:
// rest is the path after the id, unescaped segment by segment; method
// checks the request's method against those a route allows.
func (h *Hub) routeAssessment(w http.ResponseWriter, r *http.Request, id string, rest []string, method func(allowed ...string) *apiError) *apiError {
	notFound := errorf(http.StatusNotFound, "not_found", "hub: no such route %s", r.URL.Path)
	switch {
	case len(rest) == 0:
		if e := method(http.MethodGet); e != nil {
			return e
		}
		return h.summary(w, r, id)
	case len(rest) == 1:
		if route, ok := assessmentRoutes[rest[0]]; ok {
			if e := method(route.allowed()...); e != nil {
				return e
			}
			if r.Method == http.MethodPost {
				return route.post(h, w, r, id)
			}
			return route.get(h, w, r, id)
		}
	case len(rest) == 3 && rest[0] == "tokens" && (rest[2] == "revoke" || rest[2] == "rotate"):
		if e := method(http.MethodPost); e != nil {
			return e
		}
		if rest[2] == "revoke" {
			return h.revokeToken(w, r, id, rest[1])
		}
		return h.rotateToken(w, r, id, rest[1])
	case len(rest) == 2 && rest[0] == "drafts":
		if e := method(http.MethodGet); e != nil {
			return e
		}
		return h.draftVersions(w, r, id, rest[1])
	case len(rest) == 4 && rest[0] == "drafts" && rest[2] == "versions":
		if e := method(http.MethodGet); e != nil {
			return e
		}
		n, err := strconv.Atoi(rest[3])
		if err != nil || n < 1 {
			return errorf(http.StatusNotFound, "not_found", "hub: version %q is not a number from 1", rest[3])
		}
		return h.draftDocument(w, r, id, rest[1], n)
	}
	return notFound
}

// info describes the hub: no token needed, so the app can check an address.
func (h *Hub) info(w http.ResponseWriter, r *http.Request) *apiError {
	l := h.limits()
	writeJSON(w, http.StatusOK, map[string]any{
		"service": "wardwise-hub",
		"api":     "v1",
		"format":  "jsna/1",
		"limits":  map[string]int64{"draft_bytes": l.Draft, "master_bytes": l.Master, "request_bytes": l.Request},
		// The app tells its users how long the audit log keeps them.
		"audit_retention_days": int(AuditRetention / (24 * time.Hour)),
	})
	return nil
}

// caller is who sent a request: the admin, or the holder of a token.
type caller struct {
	admin bool
	token Token
}

func (c caller) label() string {
	if c.admin {
		return "admin"
	}
	return c.token.Label
}

// identity is the caller's identity: what owns her drafts and counts her
// writes; "admin" for the admin.
func (c caller) identity() string {
	if c.admin {
		return "admin"
	}
	return c.token.Identity
}

func (c caller) role() string {
	if c.admin {
		return "admin"
	}
	return c.token.Role
}

// TokenPrefix starts every token the hub makes, so that one pasted in the
// wrong place is recognisable.
const TokenPrefix = "wwh_"

// HashToken returns the hex SHA-256 of a token: what the hub stores and
// what HUB_ADMIN_TOKEN_SHA256 holds for the admin token.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// authenticate finds the caller from the Authorization header. A
// missing, unknown or revoked token is 401, or 429 once the client has
// failed too often (AuthFailures).
func (h *Hub) authenticate(r *http.Request) (caller, *apiError) {
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	token = strings.TrimSpace(token)
	if auth == "" || !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return caller{}, h.authFailed(r, errorf(http.StatusUnauthorized, "unauthorized", "hub: send a token as Authorization: Bearer TOKEN"))
	}
	hash := HashToken(token)
	if h.AdminTokenHash != "" && subtle.ConstantTimeCompare([]byte(hash), []byte(strings.ToLower(h.AdminTokenHash))) == 1 {
		return caller{admin: true}, nil
	}
	t, err := h.Meta.Token(r.Context(), hash)
	if errors.Is(err, ErrNotFound) {
		return caller{}, h.authFailed(r, errorf(http.StatusUnauthorized, "unauthorized", "hub: unknown token"))
	}
	if err != nil {
		return caller{}, internal("token lookup", err)
	}
	if t.RevokedAt != "" {
		return caller{}, h.authFailed(r, errorf(http.StatusUnauthorized, "token_revoked", "hub: this token was revoked at %s; ask the coordinator for a new one", t.RevokedAt))
	}
	if t.Identity == "" {
		// A token stored before identities: it is its own.
		t.Identity = "idn_" + TokenID(t.Hash)[len("tok_"):]
	}
	return caller{token: t}, nil
}

// Who may call a route: a set of these.
const (
	contributors = 1 << iota // contributor tokens of the assessment
	coordinators             // coordinator tokens of the assessment
	admin                    // the admin token
)

// authorize checks that the caller is one of who on assessment id, to do
// what (for the message).
func (h *Hub) authorize(r *http.Request, id string, who int, what string) (caller, *apiError) {
	c, e := h.authenticate(r)
	if e != nil {
		return c, e
	}
	if c.admin {
		if who&admin != 0 {
			return c, nil
		}
		return c, errorf(http.StatusForbidden, "forbidden", "hub: the admin token creates assessments and tokens only; use a coordinator token to %s", what)
	}
	if who&(contributors|coordinators) == 0 {
		return c, errorf(http.StatusForbidden, "forbidden", "hub: only the admin token may %s", what)
	}
	if c.token.Assessment != id {
		return c, errorf(http.StatusForbidden, "forbidden", "hub: this token is for another assessment, not %q", id)
	}
	if c.token.Role == RoleContributor && who&contributors == 0 {
		return c, errorf(http.StatusForbidden, "forbidden", "hub: only a coordinator may %s; this is a contributor token", what)
	}
	return c, nil
}

// newToken makes a token: 256 random bits, URL-safe.
func (h *Hub) newToken() (string, error) {
	src := h.Rand
	if src == nil {
		src = randReader
	}
	var b [32]byte
	if _, err := io.ReadFull(src, b[:]); err != nil {
		return "", err
	}
	return TokenPrefix + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// randReader makes tokens and identity ids when Hub.Rand is nil.
var randReader = rand.Reader

// idPattern is what an assessment id may be on the hub: it is a path
// segment of every URL.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$`)

// validLabel reports whether s can name a token's holder.
func validLabel(s string) bool {
	if strings.TrimSpace(s) == "" || len(s) > 200 {
		return false
	}
	for _, r := range s {
		if r < ' ' || r == 0x7f {
			return false
		}
	}
	return true
}
