package jsna_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"runtime"
	"slices"
	"strings"
	"testing"
)

const module = "github.com/wardwise/wardwise"

// layout is the packages of jsna and, for each, the packages of the module
// it may depend on, directly or not. Dependencies point one way: the
// methods (jsna/stats) use nothing of the document, the document (jsna)
// only the methods, and the jobs built on the document no one another.
var layout = map[string][]string{
	"jsna/stats": {},
	// SHA-256 in plain Go for revisions, so that the viewer links no
	// crypto/sha256 (and Go's FIPS 140 module): below jsna, like stats.
	"jsna/internal/sha": {},
	"jsna":              {"jsna/stats", "jsna/internal/sha"},
	"jsna/importer":     {"jsna", "jsna/stats", "jsna/internal/sha"},
	"jsna/score":        {"jsna", "jsna/stats", "jsna/internal/sha"},
	"jsna/disclosure":   {"jsna", "jsna/stats", "jsna/internal/sha"},
	"jsna/merge":        {"jsna", "jsna/stats", "jsna/internal/sha"},
	"jsna/example":      {"jsna", "jsna/stats", "jsna/internal/sha"},
	"jsna/practice":     {"jsna", "jsna/stats", "jsna/internal/sha"},
	// The plan is built on the ranking: it orders the needs exactly as
	// jsna/score does (BPR, its tie-break, PEARL), so it uses score's
	// RankNeeds rather than a second copy that could drift from it.
	"jsna/plan": {"jsna", "jsna/stats", "jsna/internal/sha", "jsna/score"},
}

// TestLayout checks, with go list, that every jsna package depends only on
// the module packages layout allows, and that none reaches syscall/js.
func TestLayout(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("go list cannot run under GOOS=js; the host tests check the layout")
	}
	out, err := exec.Command("go", "list", "-json=ImportPath,Deps", "./...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	seen := map[string]bool{}
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p struct {
			ImportPath string
			Deps       []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		name := strings.TrimPrefix(p.ImportPath, module+"/")
		allowed, ok := layout[name]
		if !ok {
			t.Errorf("package %s is not in layout_test.go: add it with the packages it may use", name)
			continue
		}
		seen[name] = true
		for _, dep := range p.Deps {
			if dep == "syscall/js" {
				t.Errorf("%s depends on syscall/js: jsna must build and test on the host", name)
			}
			mod, ok := strings.CutPrefix(dep, module+"/")
			if ok && !slices.Contains(allowed, mod) {
				t.Errorf("%s depends on %s; it may use only %v of the module", name, mod, allowed)
			}
		}
	}
	for name := range layout {
		if !seen[name] {
			t.Errorf("go list did not list %s", name)
		}
	}
}

// viewerLeavesOut are packages the viewer's module (wasm/viewer, built
// with wardwise_viewer) must not import: each one's init links tables or
// code the first ward view never uses (design.md, "Size: the viewer first").
var viewerLeavesOut = []string{
	"html",          // its init sets up the table of named character references
	"net/url",       // through net/netip and unique
	"net/netip",     // unique's canonical maps
	"crypto/sha256", // Go's FIPS 140 module
	"crypto/rand",   // the same
	"github.com/go-playground/validator/v10",
}

// TestViewerLeavesOut checks, with go list, that the viewer imports none
// of viewerLeavesOut, directly or not.
func TestViewerLeavesOut(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("go list cannot run under GOOS=js; the host tests check the viewer")
	}
	cmd := exec.Command("go", "list", "-tags", "validator_novalidatefn,wardwise_viewer", "-deps", module+"/wasm/viewer")
	cmd.Env = append(cmd.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, module+"/ui") {
		t.Fatalf("go list -deps of the viewer has no ui: %q", deps)
	}
	for _, p := range viewerLeavesOut {
		if slices.Contains(deps, p) {
			t.Errorf("the viewer imports %s", p)
		}
	}
}
