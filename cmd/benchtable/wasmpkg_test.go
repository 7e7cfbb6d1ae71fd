package main

import (
	"bytes"
	"testing"
)

func TestPkgOf(t *testing.T) {
	for sym, want := range map[string]string{
		"github.com_wardwise_wardwise_ui.__App_.renderOverview":     "github.com/wardwise/wardwise/ui",
		"github.com_go_playground_validator_v10.isRIPEMD160":        "github.com/go-playground/validator/v10",
		"honnef.co_go_js_dom_v2.__HTMLBRElement_.AppendChild":       "honnef.co/go/js/dom/v2",
		"runtime.__spanSPMC_.empty":                                 "runtime",
		"regexp_syntax.__InstOp_.String":                            "regexp/syntax",
		"syscall.runtime_envs":                                      "syscall",
		"strings.Map":                                               "strings",
		"slices.SortFunc[go.shape.string]":                          "slices",
		"vendor_golang.org_x_net_dns_dnsmessage.__Parser_.Question": "vendor/golang.org/x/net/dns/dnsmessage",
		"type_.eq.runtime.itab":                                     "(compiler-made)",
		"go_buildid":                                                "(compiler-made)",
		"memeqbody":                                                 "(assembly)",
	} {
		if got := pkgOf(sym); got != want {
			t.Errorf("pkgOf(%q) = %q, want %q", sym, got, want)
		}
	}
}

// TestParseWasm reads a module made by hand: one imported function, two
// defined ones (bodies of 2 and 3 bytes) and their names.
func TestParseWasm(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("\x00asm\x01\x00\x00\x00")
	section := func(id byte, content string) {
		b.WriteByte(id)
		b.WriteByte(byte(len(content)))
		b.WriteString(content)
	}
	section(1, "\x01\x60\x00\x00")                       // one type: () -> ()
	section(2, "\x01\x02go\x01f\x00\x00")                // import go.f, a function of type 0
	section(3, "\x02\x00\x00")                           // two functions of type 0
	section(10, "\x02\x02\x00\x0b\x03\x00\x01\x0b")      // bodies: [0 end], [0 nop end]
	names := "\x03\x00\x01a\x01\x01b\x02\x0bstrings.Map" // function names: 0 a, 1 b, 2 strings.Map
	section(0, "\x04name\x01"+string(rune(len(names)))+names)
	m, err := parseWasm(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if m.imported != 1 || len(m.bodies) != 2 || len(m.bodies[0]) != 2 || len(m.bodies[1]) != 3 {
		t.Fatalf("imported %d, bodies %q; want 1 and two of 2 and 3 bytes", m.imported, m.bodies)
	}
	if m.names[1] != "b" || m.names[2] != "strings.Map" {
		t.Errorf("names %v", m.names)
	}
}
