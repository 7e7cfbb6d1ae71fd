package main

import (
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

func TestTmpFuncs(t *testing.T) {
	out := t.TempDir() + "/x.wasm"
	cmd := exec.Command("go", "build", "-tags", "validator_novalidatefn,"+os.Getenv("TAGS"), "-trimpath", "-o", out, os.Getenv("PKG"))
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatal(string(b))
	}
	bin, _ := os.ReadFile(out)
	m, err := parseWasm(bin)
	if err != nil {
		t.Fatal(err)
	}
	type f struct {
		n string
		s int
	}
	var l []f
	for i, b := range m.bodies {
		n := m.names[m.imported+i]
		if strings.Contains(n, os.Getenv("MATCH")) {
			l = append(l, f{n, len(b)})
		}
	}
	sort.Slice(l, func(i, j int) bool { return l[i].s > l[j].s })
	for _, x := range l {
		fmt.Printf("%7d %s\n", x.s, x.n)
	}
}
