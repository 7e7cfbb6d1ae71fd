//go:build js && wasm

package ui

import (
	"reflect"
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		failures int
		base     time.Duration // the wait before jitter of a tenth either way
	}{
		{1, 2 * time.Second},
		{2, 4 * time.Second},
		{3, 8 * time.Second},
		{8, 256 * time.Second},
		{9, retryMax},
		{50, retryMax},
	}
	for _, tt := range tests {
		lo, hi := tt.base*9/10, tt.base*11/10
		for range 20 {
			if got := backoff(tt.failures); got < lo || got > hi {
				t.Errorf("backoff(%d) = %v, want %v to %v", tt.failures, got, lo, hi)
				break
			}
		}
	}
}

func TestRetryable(t *testing.T) {
	// API.md, "Errors": network failures, 500 and 503 are worth retrying;
	// any other 4xx is final. 408 and 429 are a proxy's "later".
	tests := []struct {
		status int
		want   bool
	}{
		{500, true}, {502, true}, {503, true}, {429, true}, {408, true},
		{400, false}, {401, false}, {403, false}, {404, false}, {405, false},
		{409, false}, {413, false}, {415, false}, {422, false},
	}
	for _, tt := range tests {
		if got := retryable(tt.status); got != tt.want {
			t.Errorf("retryable(%d) = %v, want %v", tt.status, got, tt.want)
		}
	}
}

func TestHubPath(t *testing.T) {
	tests := []struct {
		assessment string
		parts      []string
		want       string
	}{
		{"example-borough-20-wards-seed-1", nil, "/api/v1/assessments/example-borough-20-wards-seed-1"},
		{"a.b_c", []string{"drafts"}, "/api/v1/assessments/a.b_c/drafts"},
		{"x", []string{"drafts", "dr a/b 1"}, "/api/v1/assessments/x/drafts/dr%20a%2Fb%201"},
		{"x", []string{"merge"}, "/api/v1/assessments/x/merge"},
	}
	for _, tt := range tests {
		if got := hubPath(tt.assessment, tt.parts...); got != tt.want {
			t.Errorf("hubPath(%q, %q) = %q, want %q", tt.assessment, tt.parts, got, tt.want)
		}
	}
}

func TestHubAPIError(t *testing.T) {
	a := &App{lang: English}
	tests := []struct {
		name     string
		body     string
		message  string // "" for no error object
		problems []string
	}{
		{"API.md example", `{"error": {"status": 422, "code": "invalid_document", "message": "hub: the draft is not valid",
			"problems": [{"path": "wards[0].needs[0].size", "message": "must be at most 10, got 11"}]}}`,
			"hub: the draft is not valid", []string{"wards[0].needs[0].size: must be at most 10, got 11"}},
		{"syntax error and more", `{"error": {"status": 400, "code": "invalid_json", "message": "hub: the draft is not a jsna/1 document",
			"problems": [{"path": "", "line": 3, "column": 7, "message": "invalid character"}], "omitted": 2}}`,
			"hub: the draft is not a jsna/1 document", []string{"line 3, column 7: invalid character", "and 2 more problems"}},
		{"no problems", `{"error": {"status": 401, "code": "unauthorized", "message": "hub: unknown token"}}`,
			"hub: unknown token", nil},
		{"jsna serve's 404", "404 page not found\n", "", nil},
		{"other JSON", `{"service": "something else"}`, "", nil},
	}
	for _, tt := range tests {
		e := (&hubResponse{body: []byte(tt.body)}).apiError()
		switch {
		case tt.message == "" && e != nil:
			t.Errorf("%s: apiError() = %+v, want nil", tt.name, e)
		case tt.message == "":
		case e == nil:
			t.Errorf("%s: apiError() = nil, want %q", tt.name, tt.message)
		default:
			if e.Message != tt.message {
				t.Errorf("%s: message = %q, want %q", tt.name, e.Message, tt.message)
			}
			if got := e.problemTexts(a); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("%s: problemTexts() = %q, want %q", tt.name, got, tt.problems)
			}
		}
	}
}
