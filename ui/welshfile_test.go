//go:build js && wasm

package ui

import (
	"encoding/json"
	"os"
	"testing"
)

// TestWriteWelshCatalogue writes static/app.cy.json, the Welsh catalogue
// the viewer fetches (messages_cy_viewer.go), from messages_cy.go, when
// WARDWISE_WRITE_CY names the file (make wasm does); otherwise, when the
// file is there, it checks that it is this build's catalogue.
func TestWriteWelshCatalogue(t *testing.T) {
	b, err := json.Marshal(messagesCY)
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if out := os.Getenv("WARDWISE_WRITE_CY"); out != "" {
		if err := os.WriteFile(out, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile("../static/app.cy.json")
	if err != nil {
		t.Skipf("static/app.cy.json not built (make wasm): %v", err)
	}
	if string(got) != string(b) {
		t.Errorf("static/app.cy.json is not messages_cy.go's catalogue: run make wasm")
	}
	var back map[string]string
	if err := json.Unmarshal(got, &back); err != nil || len(back) != len(messagesCY) {
		t.Errorf("static/app.cy.json: %d keys, %v; want %d", len(back), err, len(messagesCY))
	}
}
