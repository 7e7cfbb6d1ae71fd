// Command benchtable runs Wardwise's benchmarks (natively, under
// WebAssembly with Node, and in headless Chromium) and prints one table of
// the figures, writing the same figures as JSON. It is what `make bench`
// runs; see the README's performance section.
//
// The Go benchmark output is kept verbatim in the -raw directory, so that
// benchstat can compare two runs.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// Row is one line of the table. Failed says why a figure is missing.
type Row struct {
	What     string  `json:"what"`
	Where    string  `json:"where"` // native, wasm (Node), chromium
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Extra    string  `json:"extra,omitempty"` // allocations, throughput, peak memory
	PeakRSS  float64 `json:"peak_rss_mb,omitempty"`
	Source   string  `json:"source"` // the benchmark or measurement behind it
	Failed   string  `json:"failed,omitempty"`
	Duration float64 `json:"-"`
	// Wards and Drafts place a BenchmarkMergeGrid row in the grid table.
	Wards  int `json:"wards,omitempty"`
	Drafts int `json:"drafts,omitempty"`
}

// Report is what -o writes.
type Report struct {
	Machine string  `json:"machine"`
	GoOS    string  `json:"goos"`
	CPUs    int     `json:"cpus"`
	MemGB   float64 `json:"mem_gb"`
	Go      string  `json:"go"`
	Node    string  `json:"node"`
	Date    string  `json:"date"`
	Rows    []Row   `json:"rows"`
	// Packages is app.wasm's code by package (wasmpkg.go); Data the size
	// of its data section, which no package is charged with.
	Packages []pkgSize `json:"wasm_packages,omitempty"`
	Data     int       `json:"wasm_data_bytes,omitempty"`
	// ViewerPackages and ViewerData are the same of the viewer,
	// app.viewer.wasm (wasm/viewer, ui with the tag wardwise_viewer).
	ViewerPackages []pkgSize `json:"viewer_wasm_packages,omitempty"`
	ViewerData     int       `json:"viewer_wasm_data_bytes,omitempty"`
}

// benchmark is one Go benchmark the table reports.
type benchmark struct {
	pkg, name string
	what      string
	// per says how to turn ns/op into the table's unit: "throughput" uses
	// the MB/s the benchmark reports.
	per string
	sub string // report this sub-benchmark of name
	// grid: a row per sub-benchmark wards=W/drafts=N, run once each
	// (-benchtime 1x), and the grid table; under wasm only up to 2,000
	// wards, as 7,000 wards by 200 drafts outgrows Node's patience.
	grid bool
}

var benchmarks = []benchmark{
	{"./jsna/", "BenchmarkParseEngland", "parse + validate an England-scale master (7,000 wards x 60 indicators)", "throughput", "", false},
	{"./jsna/", "BenchmarkValidEngland", "gjson.Valid alone on the same master: one pass over its bytes, the yardstick for parse", "throughput", "", false},
	{"./jsna/score/", "BenchmarkScoreEngland", "score an England-scale master (7,000 wards x 60 indicators)", "time", "", false},
	{"./jsna/merge/", "BenchmarkMergeEngland", "merge 50 drafts (each ~1% of the wards) into an England-scale master", "time", "", false},
	{"./jsna/merge/", "BenchmarkMergeEnglandUnsealed", "the same merge, drafts not sealed (edited in place): each hashed whole for its revision", "time", "", false},
	{"./jsna/merge/", "BenchmarkNewDraftEngland", "cut one draft (70 wards) from a sealed England-scale master", "time", "sealed", false},
	{"./jsna/merge/", "BenchmarkMergeGrid", "merge drafts (each 1% of the wards) into a master (x 60 indicators)", "time", "", true},
	{"./jsna/merge/", "BenchmarkHubMerge", "the hub's merge at its largest master (600 wards): decode, merge 5 drafts, encode", "time", "wards=600", false},
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	out := fs.String("o", "bench.json", "write the figures as JSON to this file")
	raw := fs.String("raw", "test-artifacts/bench", "directory for the raw go test -bench output (benchstat input)")
	benchtime := fs.String("benchtime", "3x", "go test -benchtime")
	only := fs.String("run", "", "run only the Go benchmarks whose name contains this")
	skipWasm := fs.Bool("no-wasm", false, "skip the benchmarks under WebAssembly (Node)")
	skipBuild := fs.Bool("no-build", false, "do not run make wasm; use static/ as it is")
	skipBrowser := fs.Bool("no-browser", false, "skip the headless Chromium cold-start measurement")
	runs := fs.Int("runs", 5, "cold starts to take the median of")
	dir := fs.String("static", "static", "the built app to measure (another build's static/ to compare two: with -no-build)")
	coldOnly := fs.Bool("cold-only", false, "measure only the cold start of the app in -static as it is (no Go benchmarks, no build, no sizes)")
	interactOnly := fs.Bool("interact-only", false, "measure only typing in a narrative and opening a 19 MB master in the app in -static as it is (no Go benchmarks, no build, no sizes, no cold start)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*raw, 0o755); err != nil {
		return err
	}
	rep := Report{Machine: machine(), GoOS: runtime.GOOS + "/" + runtime.GOARCH, CPUs: runtime.NumCPU(), MemGB: memGB(),
		Go: runtime.Version(), Node: nodeVersion(), Date: time.Now().UTC().Format(time.RFC3339)}
	goroot := strings.TrimSpace(string(must(exec.Command("go", "env", "GOROOT").Output())))
	tmp, err := os.MkdirTemp("", "benchtable")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	wheres := []string{"native", "wasm"}
	if *skipWasm {
		wheres = wheres[:1]
	}
	if *coldOnly || *interactOnly {
		wheres, *only, *skipBuild = nil, "-", true
	}
	for _, where := range wheres {
		for _, b := range benchmarks {
			if *only != "" && !strings.Contains(b.name, *only) {
				continue
			}
			rep.Rows = append(rep.Rows, goBenchmark(ctx, b, where, goroot, tmp, *raw, *benchtime, stderr)...)
		}
	}
	rep.Rows = append(rep.Rows, automergeRows(ctx, tmp, *only, stderr)...)

	// The app: built by make wasm, measured by size and by a cold start.
	built := true
	if !*skipBuild {
		fmt.Fprintln(stderr, "benchtable: make wasm")
		cmd := exec.CommandContext(ctx, "make", "wasm")
		var log bytes.Buffer
		cmd.Stdout, cmd.Stderr = &log, &log
		if err := cmd.Run(); err != nil {
			built = false
			os.WriteFile(filepath.Join(*raw, "make-wasm.txt"), log.Bytes(), 0o644)
			rep.Rows = append(rep.Rows, Row{What: "wasm build (make wasm)", Where: "static/app.wasm", Unit: "-", Source: "make wasm",
				Failed: fmt.Sprintf("make wasm failed (%v): %s; full log in %s", err, lastLine(log.String()), filepath.Join(*raw, "make-wasm.txt"))})
		}
	}
	if built && !*coldOnly && !*interactOnly {
		for _, name := range []string{"app.wasm", "app.viewer.wasm"} {
			sizes, err := wasmSizes(filepath.Join(*dir, name))
			if err != nil {
				// Without the viewer the app still starts (static/app.js);
				// without app.wasm there is nothing to measure.
				built = built && name != "app.wasm"
				rep.Rows = append(rep.Rows, Row{What: "wasm size", Where: "static/" + name, Unit: "-", Source: "file size", Failed: err.Error()})
			}
			rep.Rows = append(rep.Rows, sizes...)
		}
		fmt.Fprintln(stderr, "benchtable: app.wasm and app.viewer.wasm by package")
		if rep.Packages, rep.Data, err = wasmPackages(ctx, tmp, "./wasm", ""); err != nil {
			rep.Rows = append(rep.Rows, Row{What: "wasm size by package", Where: "./wasm", Unit: "-", Source: "wasm name section", Failed: err.Error()})
		}
		if rep.ViewerPackages, rep.ViewerData, err = wasmPackages(ctx, tmp, "./wasm/viewer", "wardwise_viewer"); err != nil {
			rep.Rows = append(rep.Rows, Row{What: "wasm size by package", Where: "./wasm/viewer", Unit: "-", Source: "wasm name section", Failed: err.Error()})
		}
	}
	switch {
	case *skipBrowser:
	case !built:
		rep.Rows = append(rep.Rows, Row{What: "cold start in headless Chromium", Where: "chromium", Unit: "-", Source: "cmd/benchtable coldStart",
			Failed: "not measured: the app was not built"})
	default:
		if !*interactOnly {
			rows, err := coldStart(ctx, *dir, *runs, stderr)
			if err != nil {
				rows = []Row{{What: "cold start in headless Chromium", Where: "chromium", Unit: "-", Source: "cmd/benchtable coldStart", Failed: err.Error()}}
			}
			rep.Rows = append(rep.Rows, rows...)
		}
		if !*coldOnly {
			rows, err := interactions(ctx, *dir, *runs, stderr)
			if err != nil {
				rows = []Row{{What: "typing and opening a large master in headless Chromium", Where: "chromium", Unit: "-", Source: "cmd/benchtable interactions", Failed: err.Error()}}
			}
			rep.Rows = append(rep.Rows, rows...)
		}
	}
	printTable(stdout, rep)
	printGrid(stdout, rep)
	printPackages(stdout, "app.wasm", rep.Packages, rep.Data)
	printPackages(stdout, "app.viewer.wasm", rep.ViewerPackages, rep.ViewerData)
	js, _ := json.MarshalIndent(rep, "", "  ")
	return os.WriteFile(*out, append(js, '\n'), 0o644)
}

// goBenchmark runs one Go benchmark natively or under wasm (Node) and
// makes its row. The test binary is built first, so that the peak memory
// measured is the benchmark's, not the compiler's. A benchmark that is
// missing or fails gives a row that says so.
func goBenchmark(ctx context.Context, b benchmark, where, goroot, tmp, raw, benchtime string, stderr io.Writer) []Row {
	pattern, name := "^"+b.name+"$", b.name
	if b.sub != "" {
		pattern, name = pattern+"/^"+b.sub+"$", b.name+"/"+b.sub
	}
	if b.grid {
		benchtime = "1x"
		if where == "wasm" {
			pattern += "/^wards=(700|2000)$"
		}
	}
	row := Row{What: b.what, Where: where, Source: b.pkg + " " + name + " (-benchtime " + benchtime + ")"}
	if where == "wasm" {
		row.Where = "wasm (Node " + nodeVersion() + ")"
	}
	bin := filepath.Join(tmp, strings.Trim(b.pkg, "./")+"."+where+".test")
	if _, err := os.Stat(bin); err != nil {
		build := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, b.pkg)
		var log bytes.Buffer
		build.Stdout, build.Stderr = &log, &log
		build.Env = os.Environ()
		if where == "wasm" {
			build.Env = append(build.Env, "GOOS=js", "GOARCH=wasm")
		}
		if err := build.Run(); err != nil {
			row.Failed = fmt.Sprintf("build %s tests for %s: %v: %s", b.pkg, where, err, lastLine(log.String()))
			return []Row{row}
		}
	}
	exe := func(args ...string) *exec.Cmd {
		if where == "wasm" {
			return exec.CommandContext(ctx, filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec"), append([]string{bin}, args...)...)
		}
		return exec.CommandContext(ctx, bin, args...)
	}
	list := exe("-test.list", "^"+b.name+"$")
	list.Dir = b.pkg
	if names, err := list.Output(); err != nil || !strings.Contains(string(names), b.name) {
		row.Failed = fmt.Sprintf("no benchmark %s in %s yet", b.name, b.pkg)
		return []Row{row}
	}
	fmt.Fprintf(stderr, "benchtable: %s %s\n", where, name)
	cmd := exe("-test.run", "^$", "-test.bench", pattern, "-test.benchmem", "-test.benchtime", benchtime, "-test.timeout", "60m")
	cmd.Dir = b.pkg
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = stderr
	err := cmd.Run()
	os.WriteFile(filepath.Join(raw, where+"-"+strings.ReplaceAll(name, "/", "-")+".txt"), buf.Bytes(), 0o644)
	if err != nil {
		row.Failed = fmt.Sprintf("%v: %s", err, lastLine(buf.String()))
		return []Row{row}
	}
	if b.grid {
		return gridRows(row, buf.String(), b.name, maxRSSMB(cmd))
	}
	res, ok := parseBench(buf.String(), name)
	if !ok {
		row.Failed = "no result in the benchmark's output: " + lastLine(buf.String())
		return []Row{row}
	}
	row.PeakRSS = maxRSSMB(cmd)
	fillRow(&row, b, res)
	return []Row{row}
}

// fillRow sets row's value, unit and notes from a benchmark's metrics.
func fillRow(row *Row, b benchmark, res map[string]float64) {
	switch {
	case b.per == "throughput" && res["MB/s"] > 0:
		row.Value, row.Unit = res["MB/s"], "MB/s"
		row.Extra = fmt.Sprintf("%.2f s/op", res["ns/op"]/1e9)
	default:
		row.Value, row.Unit = res["ns/op"]/1e9, "s/op"
	}
	if v, ok := res["ns/value"]; ok {
		row.Extra = strings.TrimSpace(row.Extra + fmt.Sprintf(" %.0f ns/value", v))
	}
	if v, ok := res["allocs/op"]; ok {
		row.Extra = strings.TrimSpace(row.Extra + fmt.Sprintf(" %.3g allocs/op, %.0f MB/op", v, res["B/op"]/1e6))
	}
	engineExtra(row, res)
}

// gridRows makes a row of each BenchmarkMergeGrid sub-benchmark
// (wards=W/drafts=N) in out, from the template row; peak is the run's
// peak memory, shared by all.
func gridRows(row Row, out, name string, peak float64) []Row {
	var rows []Row
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], name+"/") {
			continue
		}
		var w, n int
		sub := f[0][len(name)+1:]
		if i := strings.LastIndexByte(sub, '-'); i >= 0 {
			sub = sub[:i] // the -GOMAXPROCS suffix
		}
		if _, err := fmt.Sscanf(sub, "wards=%d/drafts=%d", &w, &n); err != nil {
			continue
		}
		res, ok := parseBench(sc.Text(), f[0])
		if !ok {
			continue
		}
		r := row
		r.What = fmt.Sprintf("merge %d drafts (each 1%% of the wards) into %d wards x 60 indicators", n, w)
		r.Source = strings.Replace(row.Source, name, name+"/"+sub, 1)
		r.Wards, r.Drafts, r.PeakRSS = w, n, peak
		fillRow(&r, benchmark{per: "time"}, res)
		rows = append(rows, r)
	}
	if len(rows) == 0 {
		row.Failed = "no result in the benchmark's output: " + lastLine(out)
		return []Row{row}
	}
	return rows
}

// printGrid prints the BenchmarkMergeGrid rows as one table per place
// (native, wasm): wards down, drafts across, seconds per merge.
func printGrid(w io.Writer, rep Report) {
	for _, where := range []string{"native", "wasm"} {
		cell := map[[2]int]float64{}
		var wards, drafts []int
		for _, r := range rep.Rows {
			if r.Wards == 0 || r.Failed != "" || !strings.HasPrefix(r.Where, where) {
				continue
			}
			if !slices.Contains(wards, r.Wards) {
				wards = append(wards, r.Wards)
			}
			if !slices.Contains(drafts, r.Drafts) {
				drafts = append(drafts, r.Drafts)
			}
			cell[[2]int{r.Wards, r.Drafts}] = r.Value
		}
		if len(cell) == 0 {
			continue
		}
		slices.Sort(wards)
		slices.Sort(drafts)
		fmt.Fprintf(w, "\nmerge, s/op (%s): wards down, drafts across\n", where)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "wards\t")
		for _, n := range drafts {
			fmt.Fprintf(tw, "%d drafts\t", n)
		}
		fmt.Fprintln(tw)
		for _, wd := range wards {
			fmt.Fprintf(tw, "%d\t", wd)
			for _, n := range drafts {
				if v, ok := cell[[2]int{wd, n}]; ok {
					fmt.Fprintf(tw, "%s\t", formatValue(v))
				} else {
					fmt.Fprint(tw, "-\t")
				}
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

func memGB() float64 {
	b, err := os.ReadFile("/proc/meminfo")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "MemTotal:"); ok {
			kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			return kb / (1 << 20)
		}
	}
	return 0
}

// parseBench reads the metrics of the named benchmark from go test output:
// "BenchmarkX-2  3  123 ns/op  45.6 MB/s  789 B/op  10 allocs/op".
func parseBench(out, name string) (map[string]float64, bool) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || (f[0] != name && !strings.HasPrefix(f[0], name+"-")) {
			continue
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err == nil {
				m[f[i+1]] = v
			}
		}
		return m, true
	}
	return nil, false
}

// maxRSSMB is the peak resident memory of the finished benchmark process
// (with Node under wasm: the wait status's rusage covers the process and
// the descendants it waited for).
func maxRSSMB(cmd *exec.Cmd) float64 {
	if cmd.ProcessState == nil {
		return 0
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return 0
	}
	return float64(ru.Maxrss) / 1024 // kilobytes on Linux
}

func nodeVersion() string {
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(out))
}

func wasmSizes(path string) ([]Row, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("benchtable: %w (make wasm builds it)", err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	where := filepath.Join("static", filepath.Base(path))
	rows := []Row{
		{What: "wasm size, raw", Where: where, Value: float64(len(raw)) / 1e6, Unit: "MB", Source: "file size"},
		{What: "wasm size, gzip -9", Where: where, Value: float64(gz.Len()) / 1e6, Unit: "MB", Source: "compress/gzip BestCompression"},
	}
	br := Row{What: "wasm size, brotli", Where: where + ".br", Unit: "MB", Source: "file size of the build's brotli copy (quality 11)"}
	if fi, err := os.Stat(path + ".br"); err == nil {
		br.Value = float64(fi.Size()) / 1e6
	} else {
		// No copy from the build: compress it as the build does.
		out, err := exec.Command("node", "-e", `const z=require("zlib"),b=require("fs").readFileSync(process.argv[1]);`+
			`process.stdout.write(String(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11,[z.constants.BROTLI_PARAM_LGWIN]:24}}).length))`, path).Output()
		n, perr := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
		if err != nil || perr != nil {
			br.Failed = fmt.Sprintf("no %s.br and node could not compress it: %v", path, err)
		}
		br.Value, br.Where, br.Source = n/1e6, where, "node zlib brotli quality 11"
	}
	return append(rows, br), nil
}

func printTable(w io.Writer, rep Report) {
	fmt.Fprintf(w, "Wardwise benchmarks: %s, %d CPUs, %.0f GB, %s, Node %s, %s\n\n", rep.Machine, rep.CPUs, rep.MemGB, rep.Go, rep.Node, rep.Date)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "what\twhere\tvalue\tunit\tpeak RSS\tnotes")
	for _, r := range rep.Rows {
		peak := ""
		if r.PeakRSS > 0 {
			peak = fmt.Sprintf("%.0f MB", r.PeakRSS)
		}
		value := formatValue(r.Value)
		if r.Failed != "" {
			value, r.Extra = "-", "FAILED: "+r.Failed
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.What, r.Where, value, r.Unit, peak, r.Extra)
	}
	tw.Flush()
}

// formatValue writes v with three significant figures, without an
// exponent below a million.
func formatValue(v float64) string {
	switch a := math.Abs(v); {
	case a >= 1e6:
		return fmt.Sprintf("%.3g", v)
	case a >= 100:
		return fmt.Sprintf("%.0f", v)
	case a >= 10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3g", v)
}

func machine() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return runtime.GOARCH
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func must[T any](v T, err error) T {
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtable:", err)
		os.Exit(1)
	}
	return v
}
