package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/cmd/internal/chromium"
	"github.com/wardwise/wardwise/static"
)

// openFirstWard runs in the page before the app: as soon as the area view
// lists a ward, it marks "bench-area-view" and opens that ward, as a
// person would with a click, so that the ward view's own mark
// ("wardwise-ward-view", set by ui/) times the whole cold start.
const openFirstWard = `(() => {
  const go = () => {
    const a = document.querySelector('a[href^="#/ward/"]');
    if (!a) return false;
    performance.mark("bench-area-view");
    location.hash = a.getAttribute("href");
    return true;
  };
  new MutationObserver((_, obs) => { if (go()) obs.disconnect(); })
    .observe(document, {childList: true, subtree: true});
})();`

// readMarks collects, in milliseconds since navigation start, the marks
// and resource timings the rows report; -1 where one is missing.
const readMarks = `(() => {
  const mark = n => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : -1; };
  const wasm = performance.getEntriesByType("resource").find(e => e.name.endsWith("/app.wasm"));
  return {
    wasm_fetched: wasm ? wasm.responseEnd : -1,
    wasm_bytes: wasm ? wasm.transferSize : -1,
    wasm_ready: mark("wardwise-wasm-ready"),
    area_view: mark("bench-area-view"),
    ward_view: mark("wardwise-ward-view"),
  };
})()`

// marks is what readMarks returns.
type marks struct {
	WasmFetched float64 `json:"wasm_fetched"`
	WasmBytes   float64 `json:"wasm_bytes"`
	WasmReady   float64 `json:"wasm_ready"`
	AreaView    float64 `json:"area_view"`
	WardView    float64 `json:"ward_view"`
}

// coldStart measures the app's cold start in headless Chromium, runs
// times: each run is a fresh profile (no HTTP cache, no service worker)
// loading /?example from a loopback server of dir (static/, as make wasm
// leaves it) and opening the first ward. The rows are the medians, with
// the peak resident memory of the page's renderer process.
func coldStart(ctx context.Context, dir string, runs int, stderr io.Writer) ([]Row, error) {
	exe, err := chromium.Path()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dir, "app.wasm")); err != nil {
		return nil, fmt.Errorf("benchtable: cold start: %w (make wasm builds it)", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: static.Handler(os.DirFS(dir))}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/?example"

	var all []marks
	var rss []float64
	for i := range runs {
		fmt.Fprintf(stderr, "benchtable: cold start %d of %d\n", i+1, runs)
		m, peak, err := coldRun(ctx, exe, url)
		if err != nil {
			return nil, fmt.Errorf("benchtable: cold start run %d: %w", i+1, err)
		}
		all = append(all, m)
		rss = append(rss, peak)
	}
	median := func(f func(m marks) float64) float64 {
		var v []float64
		for _, m := range all {
			v = append(v, f(m))
		}
		return medianOf(v)
	}
	src := fmt.Sprintf("cmd/benchtable coldStart: fresh profile, /?example, first ward; median of %d runs", runs)
	where := "headless " + chromiumVersion(exe)
	peak := medianOf(rss)
	return []Row{
		{What: "cold start: app.wasm downloaded", Where: where, Value: median(func(m marks) float64 { return m.WasmFetched }), Unit: "ms", Source: src,
			Extra: fmt.Sprintf("%.2f MB transferred", median(func(m marks) float64 { return m.WasmBytes })/1e6)},
		{What: "cold start: wasm instantiated (mark wardwise-wasm-ready)", Where: where, Value: median(func(m marks) float64 { return m.WasmReady }), Unit: "ms", Source: src},
		{What: "cold start: example area view", Where: where, Value: median(func(m marks) float64 { return m.AreaView }), Unit: "ms", Source: src},
		{What: "cold start: ward view (mark wardwise-ward-view)", Where: where, Value: median(func(m marks) float64 { return m.WardView }), Unit: "ms", Source: src, PeakRSS: peak,
			Extra: "peak RSS is the renderer's"},
	}, nil
}

// coldRun is one cold start in a new browser on a new profile.
func coldRun(ctx context.Context, exe, url string) (marks, float64, error) {
	profile, err := os.MkdirTemp("", "benchtable-chromium")
	if err != nil {
		return marks{}, 0, err
	}
	defer os.RemoveAll(profile)
	opts := chromium.Options(exe, profile)
	actx, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	bctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	// The first call starts the browser; it must not carry the timeout.
	if err := chromedp.Do(bctx); err != nil {
		return marks{}, 0, fmt.Errorf("start chromium: %w", err)
	}
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: openFirstWard}); err != nil {
		return marks{}, 0, err
	}
	tctx, cancelTimeout := context.WithTimeout(bctx, 2*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(tctx,
		chromedp.Navigate(url),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := chromedp.Poll[bool](`performance.getEntriesByName("wardwise-ward-view").length > 0`,
				chromedp.WithPollingInterval(20*time.Millisecond), chromedp.WithPollingTimeout(90*time.Second))(ctx, t)
			return err
		}),
	); err != nil {
		return marks{}, 0, fmt.Errorf("waiting for the ward view: %w", err)
	}
	m, err := chromedp.Run(tctx, chromedp.Evaluate[marks](readMarks))
	if err != nil {
		return marks{}, 0, err
	}
	peak := 0.0
	if p := chromedp.FromContext(bctx).Browser.Process(); p != nil {
		peak = rendererPeakMB(p.Pid)
	}
	return m, peak, nil
}

// rendererPeakMB is the largest peak resident set (VmHWM) of the renderer
// processes under the browser process pid, from Linux's /proc; 0 elsewhere.
func rendererPeakMB(pid int) float64 {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return 0
	}
	parent := map[int]int{}
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		s := string(stat)
		f := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
		if len(f) > 1 {
			parent[p], _ = strconv.Atoi(f[1])
		}
	}
	under := func(p int) bool {
		for i := 0; i < 64 && p > 1; i++ {
			if p = parent[p]; p == pid {
				return true
			}
		}
		return false
	}
	peak := 0.0
	for p := range parent {
		if !under(p) {
			continue
		}
		cmd, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p), "cmdline"))
		if !strings.Contains(string(cmd), "--type=renderer") {
			continue
		}
		status, _ := os.ReadFile(filepath.Join("/proc", strconv.Itoa(p), "status"))
		for _, line := range strings.Split(string(status), "\n") {
			if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
				kb, _ := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
				peak = max(peak, kb/1024)
			}
		}
	}
	return peak
}

func chromiumVersion(path string) string {
	out, err := exec.Command(path, "--version").Output()
	f := strings.Fields(string(out))
	if err != nil || len(f) < 2 {
		return "Chromium"
	}
	return f[0] + " " + f[1] // "Chromium 156.0.8078.79 built on Debian ..."
}

func medianOf(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
