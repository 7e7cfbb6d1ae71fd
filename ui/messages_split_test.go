//go:build js && wasm

package ui

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"os"
	"strconv"
	"strings"
	"testing"
)

// viewerLiterals are the string literals of the files the viewer compiles
// (build tag wardwise_viewer) in dir, catalogue files and tests left out.
func viewerLiterals(t *testing.T, dir string, lits map[string]bool) {
	t.Helper()
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH = "js", "wasm"
	ctx.BuildTags = []string{"wardwise_viewer", "validator_novalidatefn"}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fs := token.NewFileSet()
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "messages_") {
			continue
		}
		if ok, err := ctx.MatchFile(dir, name); err != nil {
			t.Fatal(err)
		} else if !ok {
			continue
		}
		f, err := parser.ParseFile(fs, dir+"/"+name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if bl, ok := n.(*ast.BasicLit); ok && bl.Kind == token.STRING {
				s, _ := strconv.Unquote(bl.Value)
				lits[s] = true
			}
			return true
		})
	}
}

// The viewer has only messages_en.go: no file it compiles may name a key
// of messages_en_full.go (or a prefix a key is built from), and no jsna
// file it compiles may hold the format of a jsna. key there, or the viewer
// would show a key where it should show its English.
func TestViewerNamesNoFullOnlyKey(t *testing.T) {
	if len(messagesENFull) == 0 {
		t.Fatal("messagesENFull is empty")
	}
	ui := map[string]bool{}
	viewerLiterals(t, ".", ui)
	if !ui["area"] && !ui["ward"] {
		t.Fatalf("found no literals in ui's viewer files: %d", len(ui))
	}
	jsnaLits := map[string]bool{}
	for _, dir := range []string{"../jsna", "../jsna/score", "../jsna/stats", "../jsna/disclosure", "../jsna/plan", "../jsna/practice"} {
		viewerLiterals(t, dir, jsnaLits)
	}
	for k, en := range messagesENFull {
		if _, dup := messagesEN[k]; !dup {
			t.Errorf("%s is in messages_en_full.go but not in messagesEN after init", k)
		}
		base, _, _ := strings.Cut(k, "#")
		if ui[k] || ui[base] {
			t.Errorf("a file the viewer compiles names %s, which is only in messages_en_full.go", k)
		}
		if strings.HasPrefix(k, "jsna.") {
			// jsna's keys are found by their format (jsnaKeys), not by a
			// prefix, so only the format counts.
			if jsnaLits[en] {
				t.Errorf("a jsna file the viewer compiles writes %q; its key %s is only in messages_en_full.go", en, k)
			}
			continue
		}
		for l := range ui {
			if i := strings.IndexByte(l, '%'); i >= 0 {
				l = l[:i]
			}
			if len(l) >= 3 && strings.Contains(l, ".") && strings.HasPrefix(base, l) {
				t.Errorf("a file the viewer compiles builds keys from %q; %s is only in messages_en_full.go", l, k)
			}
		}
	}
}
