//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

// hubResponse is a response of the hub with its body read.
type hubResponse struct {
	status  int
	headers js.Value // Headers
	body    []byte
}

// hubError is the hub's error object (API.md, "Errors").
type hubError struct {
	Status   int            `json:"status"`
	Code     string         `json:"code"`
	Message  string         `json:"message"`
	Problems []jsna.Problem `json:"problems"`
	Omitted  int            `json:"omitted"`
}

// apiError returns the hub's error object, or nil when the body is not
// one (the response did not come from a hub).
func (r *hubResponse) apiError() *hubError {
	var body struct {
		Error *hubError `json:"error"`
	}
	if json.Unmarshal(r.body, &body) != nil || body.Error == nil || body.Error.Message == "" {
		return nil
	}
	return body.Error
}

// message is what went wrong, for people: the hub's message, or the status.
func (r *hubResponse) message(a *App) string {
	if e := r.apiError(); e != nil {
		return e.Message
	}
	return a.t("hub.why.status", r.status)
}

// problemTexts lists an error's problems as text, with the path of each.
func (e *hubError) problemTexts(a *App) []string {
	var out []string
	for _, p := range e.Problems {
		out = append(out, a.problemText(p))
	}
	if e.Omitted > 0 {
		out = append(out, a.tn("error.file.omitted", e.Omitted))
	}
	return out
}

// retryAfter is the wait the hub asked for with Retry-After (seconds), or 0.
func (r *hubResponse) retryAfter() time.Duration {
	v, err := call(r.headers, "get", "Retry-After")
	if err != nil || v.Type() != js.TypeString {
		return 0
	}
	n, err := strconv.Atoi(strings.TrimSpace(v.String()))
	if err != nil || n < 0 {
		return 0
	}
	return min(time.Duration(n)*time.Second, retryMax)
}

// hubTimeout bounds a request to the hub: a draft of a whole borough is a
// few hundred kilobytes, but a field connection may be slow.
const hubTimeout = 90 * time.Second

// hubFetch sends a request to the hub's API on the app's own origin, with
// the token as a bearer token and no cookies. A JSON body is sent as
// application/json. The error is for the network only (no answer); any
// answer, 4xx and 5xx included, is a response. It blocks.
func hubFetch(method, path, token string, body []byte) (*hubResponse, error) {
	if path != hubAPI && !strings.HasPrefix(path, hubAPI+"/") {
		return nil, fmt.Errorf("ui: %q is not a hub path", path)
	}
	headers := map[string]any{"Accept": "application/json"}
	if token != "" {
		headers["Authorization"] = "Bearer " + token
	}
	init := map[string]any{"method": method, "headers": headers, "credentials": "omit", "cache": "no-store"}
	if body != nil {
		headers["Content-Type"] = "application/json"
		init["body"] = uint8Array(body)
	}
	if as := js.Global().Get("AbortSignal"); as.Truthy() && as.Get("timeout").Type() == js.TypeFunction {
		if sig, err := call(as, "timeout", hubTimeout.Milliseconds()); err == nil {
			init["signal"] = sig
		}
	}
	p, err := call(js.Global(), "fetch", path, init)
	if err != nil {
		return nil, err
	}
	resp, err := await(p)
	if err != nil {
		return nil, err
	}
	p, err = call(resp, "arrayBuffer")
	if err != nil {
		return nil, err
	}
	buf, err := await(p)
	if err != nil {
		return nil, err
	}
	return &hubResponse{status: resp.Get("status").Int(), headers: resp.Get("headers"), body: bytesOf(buf)}, nil
}
