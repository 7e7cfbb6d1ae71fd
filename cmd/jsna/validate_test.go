package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs the jsna command line in-process and returns its exit code,
// stdout and stderr.
func runCLI(tb testing.TB, stdin string, args ...string) (int, string, string) {
	tb.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	code := exitCode(err, &errb)
	return code, out.String(), errb.String()
}

func writeTemp(tb testing.TB, name, content string) string {
	tb.Helper()
	p := filepath.Join(tb.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

const validDoc = `{"format":"jsna/1","id":"t","title":"T","area":{"code":"E09000099","name":"A"},
"benchmark":{"code":"E92000001","name":"England"},
"indicators":[{"id":"1","name":"P","method":"proportion","polarity":"lower-is-better"}],
"wards":[{"code":"E05000001","name":"R","values":[{"indicator":"1","count":3,"denominator":10}]}]}`

func TestValidateCommand(t *testing.T) {
	good := writeTemp(t, "good.json", validDoc)
	overCount := writeTemp(t, "over.json", strings.Replace(validDoc, `"count":3`, `"count":30`, 1))
	dupWard := writeTemp(t, "dup.json", strings.Replace(validDoc, `}]}]}`, `}]},{"code":"E05000001","name":"S"}]}`, 1))
	syntax := writeTemp(t, "syntax.json", strings.Replace(validDoc, `"title":"T",`, `"title":"T"`, 1))
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string // substring of stdout
		wantErr  string // substring of stderr
	}{
		{"valid", []string{"validate", good}, 0, "good.json: valid (sha256:", ""},
		{"count above denominator", []string{"validate", overCount}, 1, "",
			"over.json: wards[0].values[0].count: count 30 is more than the denominator 10, which a proportion cannot be"},
		{"duplicated ward", []string{"validate", dupWard}, 1, "",
			`dup.json: wards[1].code: ward "E05000001" is listed twice (also wards[0])`},
		{"syntax error", []string{"validate", syntax}, 1, "",
			`syntax.json: line 1, column 40: syntax error: invalid character '"' after object key:value pair`},
		{"missing file", []string{"validate", filepath.Join(t.TempDir(), "nope.json")}, 1, "", "no such file or directory"},
		{"one bad among good", []string{"validate", good, overCount}, 1, "good.json: valid", "jsna: 1 of 2 files invalid"},
		{"json report", []string{"validate", "--json", overCount}, 1, `"path": "wards[0].values[0].count"`, ""},
		{"no files", []string{"validate"}, 2, "", "usage: jsna validate"},
		{"unknown flag", []string{"validate", "-x", good}, 2, "", "usage: jsna validate"},
		{"unknown command", []string{"nonsense"}, 2, "", `unknown command "nonsense"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", tt.args...)
			if code != tt.wantCode || !strings.Contains(out, tt.wantOut) || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("jsna %v = %d\nstdout: %s\nstderr: %s\nwant %d, stdout containing %q, stderr containing %q",
					tt.args, code, out, errs, tt.wantCode, tt.wantOut, tt.wantErr)
			}
		})
	}
}

func TestFmtCommand(t *testing.T) {
	p := writeTemp(t, "doc.json", validDoc)
	code, first, errs := runCLI(t, "", "fmt", p)
	if code != 0 {
		t.Fatalf("jsna fmt = %d: %s", code, errs)
	}
	if code, _, errs := runCLI(t, "", "fmt", "-w", p); code != 0 {
		t.Fatalf("jsna fmt -w = %d: %s", code, errs)
	}
	written, _ := os.ReadFile(p)
	if string(written) != first {
		t.Errorf("jsna fmt -w wrote\n%s\nwant what jsna fmt printed\n%s", written, first)
	}
	_, second, _ := runCLI(t, "", "fmt", p)
	if second != first {
		t.Errorf("jsna fmt twice differs:\n%s\n%s", first, second)
	}
	// The temporary file is gone and nothing else was left beside it.
	entries, _ := os.ReadDir(filepath.Dir(p))
	if len(entries) != 1 {
		t.Errorf("directory after fmt -w holds %d entries, want 1", len(entries))
	}
}

func TestFmtLeavesInvalidFileAlone(t *testing.T) {
	bad := strings.Replace(validDoc, `"count":3`, `"count":30`, 1)
	p := writeTemp(t, "bad.json", bad)
	code, _, errs := runCLI(t, "", "fmt", "-w", p)
	if code != 1 || !strings.Contains(errs, "count 30 is more than the denominator 10") {
		t.Errorf("jsna fmt -w on an invalid file = %d, %s; want 1 and the problem", code, errs)
	}
	if got, _ := os.ReadFile(p); string(got) != bad {
		t.Errorf("jsna fmt -w changed an invalid file")
	}
}

func TestExampleCommand(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ex.json")
	if code, _, errs := runCLI(t, "", "example", "-wards", "5", "-indicators", "7", "-seed", "4", "-o", out); code != 0 {
		t.Fatalf("jsna example = %d: %s", code, errs)
	}
	code, stdout, errs := runCLI(t, "", "validate", out)
	if code != 0 || !strings.Contains(stdout, "valid") {
		t.Errorf("jsna validate on the example = %d %s %s", code, stdout, errs)
	}
	if code, _, _ := runCLI(t, "", "example", "-wards", "0", "-o", out); code != 2 {
		t.Errorf("jsna example -wards 0 = %d, want 2", code)
	}
	if code, _, _ := runCLI(t, "", "example"); code != 2 {
		t.Errorf("jsna example without -o = %d, want 2", code)
	}
}

// TestShippedExampleValid is the acceptance check: jsna validate
// on the shipped example exits 0.
func TestShippedExampleValid(t *testing.T) {
	code, _, errs := runCLI(t, "", "validate", "../../static/examples/example-borough.json")
	if code != 0 {
		t.Errorf("jsna validate static/examples/example-borough.json = %d: %s", code, errs)
	}
}
