package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// apiError is an error as the API returns it: a status, a stable code for
// programs, a message for people and, for a document that is not valid,
// every problem jsna found. Cause is logged, never sent.
type apiError struct {
	Status   int            `json:"status"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	File     string         `json:"file,omitempty"`
	Problems []jsna.Problem `json:"problems,omitempty"`
	Omitted  int            `json:"omitted,omitempty"`
	Cause    error          `json:"-"`
	// retryAfter, when set, is sent as Retry-After (seconds).
	retryAfter int
}

func (e *apiError) Error() string { return e.Message }

func errorf(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

// internal wraps an unexpected failure: the client learns only that the
// hub failed, the log gets the cause.
func internal(what string, err error) *apiError {
	return &apiError{Status: http.StatusInternalServerError, Code: "internal", Message: "hub: " + what + " failed", Cause: err}
}

// documentError turns a jsna.Error into a 400 (not JSON, or members of the
// wrong type) or a 422 (not a valid jsna/1 document) listing every
// problem.
func documentError(status int, code, message string, err error) *apiError {
	e := &apiError{Status: status, Code: code, Message: message}
	var je *jsna.Error
	if errors.As(err, &je) {
		e.File, e.Problems, e.Omitted = je.File, je.Problems, je.Omitted
	} else {
		e.Problems = []jsna.Problem{{Message: err.Error()}}
	}
	return e
}

// writeJSON sends v as the response body.
func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"error":{"status":500,"code":"internal","message":"hub: encode response failed"}}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(append(body, '\n'))
}

// writeError sends e as {"error": e}.
func writeError(w http.ResponseWriter, e *apiError) {
	if e.Status == http.StatusUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="wardwise hub"`)
	}
	if e.retryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(e.retryAfter))
	}
	writeJSON(w, e.Status, map[string]*apiError{"error": e})
}

// readBody reads a request body of at most limit bytes, within the
// hub's body deadline (Limits.Body). A body must be JSON: one sent with
// a Content-Type other than application/json, or with none, is refused
// (415), as is one over the limit (413); both before a byte is read
// where the length is declared. An empty body needs no Content-Type. A
// body that does not arrive in time is answered 408: the read is raced
// against a timer, so a client that declares a length and sends less
// cannot hold the request open.
func (h *Hub) readBody(w http.ResponseWriter, r *http.Request, limit int64, what string) ([]byte, *apiError) {
	ct := r.Header.Get("Content-Type")
	unsupported := errorf(http.StatusUnsupportedMediaType, "unsupported_media_type",
		"hub: %s must be sent as Content-Type: application/json, not %q", what, ct)
	if ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return nil, unsupported
		}
	}
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength == 0 {
		return nil, nil
	}
	if ct == "" && r.ContentLength > 0 {
		return nil, unsupported
	}
	tooLarge := errorf(http.StatusRequestEntityTooLarge, "too_large", "hub: %s larger than the limit of %d bytes", what, limit)
	if r.ContentLength > limit {
		return nil, tooLarge
	}
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
		done <- result{data, err}
	}()
	timeout := h.limits().Body
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	var res result
	select {
	case res = <-done:
	case <-timer.C:
		r.Body.Close()
		w.Header().Set("Connection", "close")
		return nil, errorf(http.StatusRequestTimeout, "timeout", "hub: %s did not arrive within %s", what, timeout)
	}
	var mbe *http.MaxBytesError
	if errors.As(res.err, &mbe) {
		return nil, tooLarge
	}
	if res.err != nil {
		return nil, errorf(http.StatusBadRequest, "bad_request", "hub: read %s failed", what)
	}
	if ct == "" && len(res.data) > 0 {
		return nil, unsupported
	}
	return res.data, nil
}

// decodeJSON reads a small JSON request body into v, refusing members v
// does not have, so that a misspelt field is an error, not ignored.
func decodeJSON(data []byte, v any, what string) *apiError {
	if len(data) == 0 {
		data = []byte("{}")
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return errorf(http.StatusBadRequest, "bad_request", "hub: %s: %v", what, err)
	}
	if dec.More() {
		return errorf(http.StatusBadRequest, "bad_request", "hub: %s: more than one JSON value", what)
	}
	return nil
}
