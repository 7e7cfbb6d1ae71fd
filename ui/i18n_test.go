//go:build js && wasm

package ui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// verbs lists the fmt verbs of a format, in order.
var verbRE = regexp.MustCompile(`%[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)

func verbs(f string) []string {
	var out []string
	for _, v := range verbRE.FindAllString(f, -1) {
		if v != "%%" {
			out = append(out, v[len(v)-1:])
		}
	}
	return out
}

// TestCatalogueComplete checks that English and Welsh have the same keys,
// that each translation takes the same arguments, and that no message is
// empty.
func TestCatalogueComplete(t *testing.T) {
	checkPlurals(t)
	for key, en := range messagesEN {
		if strings.Contains(key, "#") {
			continue // plural forms: checkPlurals
		}
		cy, ok := messagesCY[key]
		if !ok {
			t.Errorf("messagesCY lacks %q (English: %q)", key, en)
			continue
		}
		if strings.TrimSpace(en) == "" || strings.TrimSpace(cy) == "" {
			t.Errorf("message %q is empty in a language", key)
		}
		if ve, vc := strings.Join(verbs(en), ","), strings.Join(verbs(cy), ","); ve != vc {
			t.Errorf("message %q: English verbs %q, Welsh verbs %q", key, ve, vc)
		}
	}
	for key := range messagesCY {
		if _, ok := messagesEN[key]; !ok && !strings.Contains(key, "#") {
			t.Errorf("messagesCY has %q, which messagesEN lacks", key)
		}
	}
}

// TestCatalogueWelshTranslated checks that Welsh messages are translations:
// apart from names and formats that read the same in both languages, a
// Welsh message that equals its English one was left untranslated.
func TestCatalogueWelshTranslated(t *testing.T) {
	same := map[string]bool{
		"app.name": true, "ward.caption": true, "voice.date.hint": true,
		"cmp.format.ci": true, "number.format": true,
		// Figures, formulas, letters and names that Welsh writes the same
		// way ("ward" is a Welsh word too).
		"level.95": true, "level.998": true, "needs.bpr.sum": true,
		"priorities.col.a": true, "priorities.col.b": true, "priorities.col.c": true,
		"priorities.col.pearl": true, "overview.col.ward": true, "priorities.col.ward": true,
		"merge.where.ward": true, "count.wards#one": true, "lib.wards.all#one": true,
		"jsna.null": true, "import.summary": true, "import.counts": true, "import.skip.item": true, "problem.at.place": true, "jsna.cell": true, "unit.percent": true, "phase.tag": true, "date.day": true,
	}
	for key, en := range messagesEN {
		if same[key] {
			continue
		}
		if cy := messagesCY[key]; cy == en && len(verbs(en)) < len(strings.Fields(en)) {
			t.Errorf("message %q is the same in Welsh as in English: %q", key, en)
		}
	}
}

// TestCatalogueKeysUsed checks every key the code asks for exists, and
// lists keys nothing uses. Keys built at run time ("cmp."+class,
// "needs.pearl."+question) are matched by their prefixes.
func TestCatalogueKeysUsed(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]token.Position{}
	// jsna's sentences are looked up by their English (ui/problems.go);
	// TestCatalogueHasJSNAFormats checks jsna still writes each one.
	prefixes := map[string]bool{"jsna.": true}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "messages_") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok || len(call.Args) == 0 {
				return true
			}
			// a.t(key, ...) and translate(lang, key, ...); a.tn(key, n,
			// ...) and translatePlural(lang, key, n, ...) use key#form.
			keyArg, plural := call.Args[0], false
			if id, ok := call.Fun.(*ast.Ident); ok && (id.Name == "translate" || id.Name == "translatePlural") && len(call.Args) > 1 {
				keyArg, plural = call.Args[1], id.Name == "translatePlural"
			} else if sel, ok := call.Fun.(*ast.SelectorExpr); !ok || (sel.Sel.Name != "t" && sel.Sel.Name != "tn") {
				return true
			} else {
				plural = sel.Sel.Name == "tn"
			}
			switch arg := keyArg.(type) {
			case *ast.BasicLit:
				if k, err := strconv.Unquote(arg.Value); err == nil {
					if plural {
						k += "#other"
					}
					used[k] = fset.Position(arg.Pos())
				}
			case *ast.BinaryExpr:
				if lit, ok := arg.X.(*ast.BasicLit); ok {
					if k, err := strconv.Unquote(lit.Value); err == nil {
						prefixes[k] = true
					}
				}
			}
			return true
		})
		// Keys held in tables (navigation items) are string literals that
		// look like keys.
		for _, m := range regexp.MustCompile(`"((?:nav|place|unit|a11y|privacy|footer)\.[a-z0-9.]+)"`).FindAllStringSubmatch(string(src), -1) {
			if _, plural := messagesEN[m[1]+"#other"]; plural {
				m[1] += "#other"
			}
			used[m[1]] = token.Position{Filename: name}
		}
	}
	var keys []string
	for k := range used {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, ok := messagesEN[k]; !ok {
			t.Errorf("%s: message %q is not in the catalogue", used[k], k)
		}
	}
	for k := range messagesEN {
		if _, ok := used[k]; ok {
			continue
		}
		if base, _, ok := strings.Cut(k, "#"); ok {
			if _, ok := used[base+"#other"]; ok {
				continue
			}
		}
		found := false
		for p := range prefixes {
			if strings.HasPrefix(k, p) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("message %q is in the catalogue but no code uses it", k)
		}
	}
}

func TestTranslate(t *testing.T) {
	tests := []struct {
		lang Lang
		key  string
		args []any
		want string
	}{
		{English, "skip", nil, "Skip to main content"},
		{Welsh, "skip", nil, "Neidio i’r prif gynnwys"},
		{English, "footer.version", []any{"abc"}, "Version abc"},
		{Welsh, "footer.version", []any{"abc"}, "Fersiwn abc"},
		{English, "no.such.key", nil, "no.such.key"},
	}
	for _, tt := range tests {
		if got := translate(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("translate(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
}
