package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"text/tabwriter"
)

// The size of app.wasm by package comes from the wasm name section of an
// unstripped build: make wasm links with -s -w, which drops the name
// section but leaves the code as it is, so the same build without -s -w
// has the same function bodies, each named. (go tool nm reads no wasm
// object files.) A function's size is its body in the code section; the
// data section (strings, type descriptors, pclntab) is not attributed to
// packages and is reported as one row.

// pkgSize is the code of one package in app.wasm.
type pkgSize struct {
	Pkg   string `json:"pkg"`
	Funcs int    `json:"funcs"`
	Code  int    `json:"code_bytes"`
	Gzip  int    `json:"gzip_bytes"` // the package's function bodies alone, gzip -9
}

// wasmPackages builds the program pkg (./wasm, the app, or ./wasm/viewer
// with the tag wardwise_viewer) as make wasm does but without -s -w, into
// tmp, and returns the code size of each package, largest first, with the
// data section's size. tags are added to make wasm's.
func wasmPackages(ctx context.Context, tmp, pkg, tags string) ([]pkgSize, int, error) {
	out := filepath.Join(tmp, strings.ReplaceAll(strings.Trim(pkg, "./"), "/", "-")+"-names.wasm")
	if tags != "" {
		tags = "," + tags
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "validator_novalidatefn"+tags, "-trimpath", "-o", out, pkg)
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return nil, 0, fmt.Errorf("build %s with names: %v: %s", pkg, err, lastLine(string(b)))
	}
	bin, err := os.ReadFile(out)
	if err != nil {
		return nil, 0, err
	}
	m, err := parseWasm(bin)
	if err != nil {
		return nil, 0, fmt.Errorf("%s: %w", out, err)
	}
	byPkg := map[string]*pkgSize{}
	bodies := map[string]*bytes.Buffer{}
	for i, body := range m.bodies {
		name := m.names[m.imported+i]
		p := pkgOf(name)
		s := byPkg[p]
		if s == nil {
			s = &pkgSize{Pkg: p}
			byPkg[p] = s
			bodies[p] = &bytes.Buffer{}
		}
		s.Funcs++
		s.Code += len(body)
		bodies[p].Write(body)
	}
	var list []pkgSize
	for p, s := range byPkg {
		s.Gzip = gzipLen(bodies[p].Bytes())
		list = append(list, *s)
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Code > list[j].Code })
	return list, m.data, nil
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}

// pkgOf is the package of a Go symbol as the wasm name section spells it:
// the linker writes "/" as "_" and "(*T)" as "__T_", so
// "github.com_x_y_ui.__App_.render" is github.com/x/y/ui. The first path
// element of a module outside the standard library holds a dot
// ("github.com"), told apart from the package's own dot by its top-level
// domain. Compiler-made names ("type:.eq.…", "go:buildid") are grouped as
// such. Real import paths rarely hold "_", so it is written back as "/".
func pkgOf(sym string) string {
	if sym == "" {
		return "(unnamed)"
	}
	if i := strings.IndexByte(sym, '['); i >= 0 {
		sym = sym[:i]
	}
	if strings.HasPrefix(sym, "type_") || strings.HasPrefix(sym, "type:") || strings.HasPrefix(sym, "go_") || strings.HasPrefix(sym, "go:") {
		return "(compiler-made)"
	}
	dot := strings.IndexByte(sym, '.')
	if dot < 0 {
		return "(assembly)" // memeqbody, wasm_export_run, …
	}
	start := dot + 1
	for _, tld := range []string{"com_", "org_", "io_", "co_", "in_", "dev_", "net_"} {
		if strings.HasPrefix(sym[dot+1:], tld) {
			start = dot + len(tld)
			break
		}
	}
	if start > dot+1 {
		if i := strings.IndexByte(sym[start:], '.'); i >= 0 {
			dot = start + i
		} else {
			dot = len(sym)
		}
	}
	return hyphens.Replace(strings.ReplaceAll(sym[:dot], "_", "/"))
}

// hyphens writes back the "-" of the import paths of the app's modules,
// which the linker spells "_" too.
var hyphens = strings.NewReplacer("github.com/go/playground/", "github.com/go-playground/",
	"github.com/gabriel/vasile/", "github.com/gabriel-vasile/", "github.com/leodido/go/urn", "github.com/leodido/go-urn")

// wasmModule is what wasmPackages needs of a module.
type wasmModule struct {
	imported int            // imported functions, which come first in the index space
	bodies   [][]byte       // the code section's function bodies
	names    map[int]string // function index -> name, from the name section
	data     int            // size of the data section
}

// parseWasm reads the import, code, data and name sections of a
// WebAssembly binary.
func parseWasm(b []byte) (*wasmModule, error) {
	if len(b) < 8 || string(b[:4]) != "\x00asm" {
		return nil, errors.New("not a WebAssembly binary")
	}
	m := &wasmModule{names: map[int]string{}}
	r := &wasmReader{b: b, i: 8}
	for r.i < len(b) {
		id := r.byte()
		size := int(r.uleb())
		if r.err != nil || r.i+size > len(b) {
			return nil, fmt.Errorf("section %d at byte %d: truncated", id, r.i)
		}
		sec := &wasmReader{b: b[r.i : r.i+size]}
		r.i += size
		switch id {
		case 0:
			if sec.name() == "name" {
				readNames(sec, m.names)
			}
		case 2:
			m.imported = countFuncImports(sec)
		case 10:
			for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
				l := int(sec.uleb())
				m.bodies = append(m.bodies, sec.bytes(l))
			}
		case 11:
			m.data = size
		}
		if sec.err != nil {
			return nil, fmt.Errorf("section %d: %w", id, sec.err)
		}
	}
	if len(m.names) == 0 {
		return nil, errors.New("no name section (was it built with -s?)")
	}
	return m, nil
}

// readNames reads the function names subsection of the name section.
func readNames(sec *wasmReader, names map[int]string) {
	for sec.i < len(sec.b) && sec.err == nil {
		id := sec.byte()
		size := int(sec.uleb())
		sub := &wasmReader{b: sec.bytes(size)}
		if id != 1 {
			continue
		}
		for n := sub.uleb(); n > 0 && sub.err == nil; n-- {
			idx := int(sub.uleb())
			names[idx] = sub.name()
		}
	}
}

// countFuncImports counts the function imports of the import section.
func countFuncImports(sec *wasmReader) int {
	funcs := 0
	for n := sec.uleb(); n > 0 && sec.err == nil; n-- {
		sec.name()
		sec.name()
		switch sec.byte() {
		case 0: // function: type index
			sec.uleb()
			funcs++
		case 1: // table: reference type, limits
			sec.byte()
			sec.limits()
		case 2: // memory: limits
			sec.limits()
		case 3: // global: value type, mutability
			sec.byte()
			sec.byte()
		default:
			sec.err = errors.New("unknown import kind")
		}
	}
	return funcs
}

// wasmReader reads a WebAssembly binary; the first error sticks.
type wasmReader struct {
	b   []byte
	i   int
	err error
}

func (r *wasmReader) byte() byte {
	if r.i >= len(r.b) {
		r.err = io.ErrUnexpectedEOF
		return 0
	}
	r.i++
	return r.b[r.i-1]
}

func (r *wasmReader) uleb() uint64 {
	var v uint64
	for shift := 0; shift < 64; shift += 7 {
		c := r.byte()
		v |= uint64(c&0x7f) << shift
		if c&0x80 == 0 || r.err != nil {
			return v
		}
	}
	r.err = errors.New("LEB128 too long")
	return v
}

func (r *wasmReader) bytes(n int) []byte {
	if n < 0 || r.i+n > len(r.b) {
		r.err = io.ErrUnexpectedEOF
		r.i = len(r.b)
		return nil
	}
	r.i += n
	return r.b[r.i-n : r.i]
}

func (r *wasmReader) name() string { return string(r.bytes(int(r.uleb()))) }

func (r *wasmReader) limits() {
	if r.byte()&1 != 0 {
		r.uleb()
		r.uleb()
		return
	}
	r.uleb()
}

// printPackages prints the size of the code of name (app.wasm or
// app.viewer.wasm) by package: every package of at least 10 kB, the rest
// summed, and the owner's modules and the standard library as groups.
func printPackages(w io.Writer, name string, pkgs []pkgSize, data int) {
	if len(pkgs) == 0 {
		return
	}
	total := 0
	for _, p := range pkgs {
		total += p.Code
	}
	fmt.Fprintf(w, "\n%s code by package (unstripped build's name section; code %.2f MB, data section %.2f MB not attributed)\n", name, float64(total)/1e6, float64(data)/1e6)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "package\tfuncs\tcode kB\tgzip kB\tshare\t")
	rest := pkgSize{Pkg: "(every other package)"}
	for _, p := range pkgs {
		if p.Code < 10_000 {
			rest.Funcs, rest.Code, rest.Gzip = rest.Funcs+p.Funcs, rest.Code+p.Code, rest.Gzip+p.Gzip
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.1f%%\t\n", p.Pkg, p.Funcs, float64(p.Code)/1e3, float64(p.Gzip)/1e3, 100*float64(p.Code)/float64(total))
	}
	fmt.Fprintf(tw, "%s\t%d\t%.0f\t%.0f\t%.1f%%\t\n", rest.Pkg, rest.Funcs, float64(rest.Code)/1e3, float64(rest.Gzip)/1e3, 100*float64(rest.Code)/float64(total))
	tw.Flush()

	fmt.Fprintln(w, "\n"+name+" by module")
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "module\tcode kB\tgzip kB\t")
	for _, g := range moduleGroups(pkgs) {
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t\n", g.Pkg, float64(g.Code)/1e3, float64(g.Gzip)/1e3)
	}
	tw.Flush()
}

// modules are the groups printPackages sums packages into, by prefix.
var modules = []string{
	"github.com/wardwise/wardwise/ui",
	"github.com/wardwise/wardwise/jsna",
	"honnef.co/go/js/dom/v2",
	"github.com/go-playground/",
	"github.com/tidwall/",
	"github.com/syumai/workers",
	"github.com/gabriel-vasile/mimetype",
	"github.com/leodido/go-urn",
	"golang.org/x/",
	"runtime",
	"internal/runtime/",
}

// moduleGroups sums pkgs by modules, the rest as the standard library (no
// dot in the first path element) or other.
func moduleGroups(pkgs []pkgSize) []pkgSize {
	sum := map[string]*pkgSize{}
	var order []string
	add := func(g string, p pkgSize) {
		if sum[g] == nil {
			sum[g] = &pkgSize{Pkg: g}
			order = append(order, g)
		}
		sum[g].Code += p.Code
		sum[g].Gzip += p.Gzip
	}
	for _, p := range pkgs {
		g := ""
		for _, m := range modules {
			if p.Pkg == m || strings.HasPrefix(p.Pkg, strings.TrimSuffix(m, "/")+"/") || strings.HasPrefix(p.Pkg, m) && strings.HasSuffix(m, "/") {
				g = m
				break
			}
		}
		switch {
		case g != "":
		case strings.HasPrefix(p.Pkg, "("):
			g = "(compiler-made and assembly)"
		case !strings.Contains(strings.SplitN(p.Pkg, "/", 2)[0], "."):
			g = "standard library (not runtime)"
		default:
			g = "other modules"
		}
		add(g, p)
	}
	var out []pkgSize
	for _, g := range order {
		out = append(out, *sum[g])
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code > out[j].Code })
	return out
}
