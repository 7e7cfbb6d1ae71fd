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
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
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

// Row is one line of the table.
type Row struct {
	What     string  `json:"what"`
	Where    string  `json:"where"` // native, wasm (Node), chromium
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Extra    string  `json:"extra,omitempty"` // allocations, throughput, peak memory
	PeakRSS  float64 `json:"peak_rss_mb,omitempty"`
	Source   string  `json:"source"` // the benchmark or measurement behind it
	Duration float64 `json:"-"`
}

// Report is what -o writes.
type Report struct {
	Machine string `json:"machine"`
	GoOS    string `json:"goos"`
	CPUs    int    `json:"cpus"`
	Date    string `json:"date"`
	Rows    []Row  `json:"rows"`
}

// benchmark is one Go benchmark the table reports.
type benchmark struct {
	pkg, name string
	what      string
	// per says how to turn ns/op into the table's unit: "throughput" uses
	// the MB/s the benchmark reports.
	per string
}

var benchmarks = []benchmark{
	{"./jsna/", "BenchmarkParseEngland", "parse + validate an England-scale master", "throughput"},
	{"./jsna/", "BenchmarkScoreEngland", "score an England-scale master", "time"},
	{"./jsna/", "BenchmarkMergeEngland", "merge 50 drafts (~1% edits each) into an England-scale master", "time"},
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("benchtable", flag.ContinueOnError)
	out := fs.String("o", "bench.json", "write the figures as JSON to this file")
	raw := fs.String("raw", "test-artifacts/bench", "directory for the raw go test -bench output (benchstat input)")
	benchtime := fs.String("benchtime", "3x", "go test -benchtime")
	skipBrowser := fs.Bool("no-browser", false, "skip the headless Chromium cold-start measurement")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := os.MkdirAll(*raw, 0o755); err != nil {
		return err
	}
	rep := Report{Machine: machine(), GoOS: runtime.GOOS + "/" + runtime.GOARCH, CPUs: runtime.NumCPU(), Date: time.Now().UTC().Format(time.RFC3339)}
	goroot := strings.TrimSpace(string(must(exec.Command("go", "env", "GOROOT").Output())))
	tmp, err := os.MkdirTemp("", "benchtable")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for _, where := range []string{"native", "wasm"} {
		for _, b := range benchmarks {
			// Build the test binary first, so that the peak memory measured
			// is the benchmark's, not the compiler's.
			bin := filepath.Join(tmp, strings.Trim(b.pkg, "./")+"."+where+".test")
			if _, err := os.Stat(bin); err != nil {
				build := exec.CommandContext(ctx, "go", "test", "-c", "-o", bin, b.pkg)
				build.Stdout, build.Stderr = stderr, stderr
				build.Env = os.Environ()
				if where == "wasm" {
					build.Env = append(build.Env, "GOOS=js", "GOARCH=wasm")
				}
				if err := build.Run(); err != nil {
					return fmt.Errorf("benchtable: build %s tests for %s: %w", b.pkg, where, err)
				}
			}
			fmt.Fprintf(stderr, "benchtable: %s %s\n", where, b.name)
			testArgs := []string{"-test.run", "^$", "-test.bench", "^" + b.name + "$", "-test.benchmem", "-test.benchtime", *benchtime, "-test.timeout", "30m"}
			var cmd *exec.Cmd
			if where == "wasm" {
				cmd = exec.CommandContext(ctx, filepath.Join(goroot, "lib", "wasm", "go_js_wasm_exec"), append([]string{bin}, testArgs...)...)
			} else {
				cmd = exec.CommandContext(ctx, bin, testArgs...)
			}
			cmd.Dir = b.pkg
			var buf bytes.Buffer
			cmd.Stdout = &buf
			cmd.Stderr = stderr
			err := cmd.Run()
			os.WriteFile(filepath.Join(*raw, where+"-"+b.name+".txt"), buf.Bytes(), 0o644)
			if err != nil {
				return fmt.Errorf("benchtable: %s %s: %w\n%s", where, b.name, err, buf.String())
			}
			res, ok := parseBench(buf.String(), b.name)
			if !ok {
				return fmt.Errorf("benchtable: %s %s: no result in\n%s", where, b.name, buf.String())
			}
			row := Row{What: b.what, Where: where, Source: b.pkg + " " + b.name + " (-benchtime " + *benchtime + ")", PeakRSS: maxRSSMB(cmd)}
			if where == "wasm" {
				row.Where = "wasm (Node " + nodeVersion() + ")"
			}
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
			rep.Rows = append(rep.Rows, row)
		}
	}
	sizes, err := wasmSizes("static/app.wasm")
	if err != nil {
		return err
	}
	rep.Rows = append(rep.Rows, sizes...)
	if !*skipBrowser {
		rows, err := coldStart(ctx, stderr)
		if err != nil {
			return err
		}
		rep.Rows = append(rep.Rows, rows...)
	}
	printTable(stdout, rep)
	js, _ := json.MarshalIndent(rep, "", "  ")
	return os.WriteFile(*out, append(js, '\n'), 0o644)
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
		return nil, fmt.Errorf("benchtable: %w (run make wasm first)", err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	rows := []Row{
		{What: "wasm size, raw", Where: "static/app.wasm", Value: float64(len(raw)) / 1e6, Unit: "MB", Source: "file size"},
		{What: "wasm size, gzip -9", Where: "static/app.wasm", Value: float64(gz.Len()) / 1e6, Unit: "MB", Source: "compress/gzip BestCompression"},
	}
	if fi, err := os.Stat(path + ".br"); err == nil {
		rows = append(rows, Row{What: "wasm size, brotli", Where: "static/app.wasm.br", Value: float64(fi.Size()) / 1e6, Unit: "MB", Source: "file size of the build's brotli copy"})
	}
	return rows, nil
}

// coldStart runs the browser measurement test, which prints lines of the
// form "BENCH name value unit" that become rows.
func coldStart(ctx context.Context, stderr io.Writer) ([]Row, error) {
	fmt.Fprintln(stderr, "benchtable: cold start in headless Chromium")
	cmd := exec.CommandContext(ctx, "go", "test", "-count=1", "-tags", "browser", "-run", "^TestBrowserColdStart$", "-v", "-timeout", "10m", "./cmd/jsna")
	var buf bytes.Buffer
	cmd.Stdout = &buf
	cmd.Stderr = stderr
	if err := cmd.Run(); err != nil {
		return nil, fmt.Errorf("benchtable: cold start: %w\n%s", err, buf.String())
	}
	var rows []Row
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		i := strings.Index(line, "BENCH ")
		if i < 0 {
			continue
		}
		f := strings.Fields(line[i+len("BENCH "):])
		if len(f) < 3 {
			continue
		}
		v, err := strconv.ParseFloat(f[len(f)-2], 64)
		if err != nil {
			continue
		}
		rows = append(rows, Row{What: strings.ReplaceAll(strings.Join(f[:len(f)-2], " "), "_", " "), Where: "chromium", Value: v, Unit: f[len(f)-1], Source: "cmd/jsna TestBrowserColdStart"})
	}
	if len(rows) == 0 {
		return nil, errors.New("benchtable: cold start: the browser test printed no BENCH lines")
	}
	return rows, nil
}

func printTable(w io.Writer, rep Report) {
	fmt.Fprintf(w, "Wardwise benchmarks — %s, %d CPUs, %s\n\n", rep.Machine, rep.CPUs, rep.Date)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "what\twhere\tvalue\tunit\tpeak RSS\tnotes")
	for _, r := range rep.Rows {
		peak := ""
		if r.PeakRSS > 0 {
			peak = fmt.Sprintf("%.0f MB", r.PeakRSS)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.3g\t%s\t%s\t%s\n", r.What, r.Where, r.Value, r.Unit, peak, r.Extra)
	}
	tw.Flush()
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
