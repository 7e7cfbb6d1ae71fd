package main

import (
	"context"
	"fmt"
	"io"
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
)

// openFirstWard runs in the page before the app: as soon as the area view
// lists a ward, it marks "bench-area-view" and opens that ward, as a
// person would with a click, so that the ward view's own mark
// ("wardwise-ward-view", set by ui/) times the whole cold start. It also
// keeps every long task (over 50 ms, PerformanceObserver "longtask").
const openFirstWard = `(() => {
  window.__benchLongTasks = [];
  try {
    new PerformanceObserver(list => {
      for (const e of list.getEntries()) window.__benchLongTasks.push({start: e.startTime, duration: e.duration});
    }).observe({type: "longtask", buffered: true});
  } catch (e) {}
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
// and resource timings the rows report; -1 where one is missing. Bytes
// are what came over the network (transferSize: 0 for what the service
// worker or the HTTP cache answered) up to the ward view; the longest
// task is the longest that began before it.
const readMarks = `(() => {
  const mark = n => { const e = performance.getEntriesByName(n); return e.length ? e[0].startTime : -1; };
  const wasm = performance.getEntriesByType("resource").find(e => e.name.endsWith("/app.wasm"));
  const viewer = performance.getEntriesByType("resource").find(e => e.name.endsWith("/app.viewer.wasm"));
  const ward = mark("wardwise-ward-view");
  const nav = performance.getEntriesByType("navigation")[0];
  let bytes = 0;
  for (const e of [nav, ...performance.getEntriesByType("resource")]) {
    if (e && e.responseEnd <= ward) bytes += e.transferSize;
  }
  let longest = 0;
  for (const t of window.__benchLongTasks || []) if (t.start < ward) longest = Math.max(longest, t.duration);
  return {
    wasm_fetched: wasm ? wasm.responseEnd : -1,
    wasm_bytes: wasm ? wasm.transferSize : -1,
    wasm_ready: mark("wardwise-wasm-ready"),
    viewer_fetched: viewer ? viewer.responseEnd : -1,
    viewer_bytes: viewer ? viewer.transferSize : -1,
    viewer_ready: mark("wardwise-viewer-ready"),
    took_over: mark("wardwise-app-took-over"),
    area_view: mark("bench-area-view"),
    ward_view: ward,
    bytes_before: bytes,
    longest_task: longest,
    from_worker: !!(nav && nav.workerStart > 0),
    marks: Object.fromEntries(performance.getEntriesByType("mark").map(e => [e.name, Math.round(e.startTime)])),
  };
})()`

// marks is what readMarks returns.
type marks struct {
	WasmFetched float64 `json:"wasm_fetched"`
	WasmBytes   float64 `json:"wasm_bytes"`
	WasmReady   float64 `json:"wasm_ready"`
	// The viewer (app.viewer.wasm): loaded, instantiated, and when the full
	// app took its place (static/app.js's mark wardwise-app-took-over).
	ViewerFetched float64 `json:"viewer_fetched"`
	ViewerBytes   float64 `json:"viewer_bytes"`
	ViewerReady   float64 `json:"viewer_ready"`
	TookOver      float64 `json:"took_over"`
	AreaView      float64 `json:"area_view"`
	WardView      float64 `json:"ward_view"`
	BytesBefore   float64 `json:"bytes_before"`
	LongestTask   float64 `json:"longest_task"`
	FromWorker    bool    `json:"from_worker"`
	// Marks are every User Timing mark (the app's wardwise-* steps), in
	// ms, printed with -v to see where a start spends its time.
	Marks map[string]float64 `json:"marks"`
}

// steps lists the marks in the order they were made.
func (m marks) steps() string {
	var names []string
	for n := range m.Marks {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool { return m.Marks[names[i]] < m.Marks[names[j]] })
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, " %s %.0f", strings.TrimPrefix(n, "wardwise-"), m.Marks[n])
	}
	return strings.TrimSpace(b.String())
}

// swControls is true once the service worker has installed (its cache
// filled) and controls the page.
const swControls = `navigator.serviceWorker && navigator.serviceWorker.controller !== null`

// coldStart measures the app's cold start in headless Chromium, runs
// times: each run is a fresh profile (no HTTP cache, no service worker)
// loading /?example from a loopback server of dir (static/, as make wasm
// leaves it) and opening the first ward; then, once the service worker
// the first start registered controls the page, the same again with every
// file from the worker's cache. The rows are the medians, with the peak
// resident memory of the page's renderer process.
func coldStart(ctx context.Context, dir string, runs int, stderr io.Writer) ([]Row, error) {
	exe, err := chromium.Path()
	if err != nil {
		return nil, err
	}
	base, closeServer, err := serve(dir)
	if err != nil {
		return nil, err
	}
	defer closeServer()
	url := base + "/?example"

	var network, worker []marks
	var rss []float64
	for i := range runs {
		fmt.Fprintf(stderr, "benchtable: cold start %d of %d\n", i+1, runs)
		m, sw, peak, err := coldRun(ctx, exe, url)
		if err != nil {
			return nil, fmt.Errorf("benchtable: cold start run %d: %w", i+1, err)
		}
		fmt.Fprintf(stderr, "benchtable:   network: %s\n  service worker: %s\n", m.steps(), sw.steps())
		network = append(network, m)
		worker = append(worker, sw)
		rss = append(rss, peak)
	}
	src := fmt.Sprintf("cmd/benchtable coldStart: fresh profile, /?example, first ward; median of %d runs", runs)
	where := "headless " + chromiumVersion(exe)
	rows := coldRows(network, where, src, "")
	rows[len(rows)-1].PeakRSS, rows[len(rows)-1].Extra = medianOf(rss), "peak RSS is the renderer's"
	return append(rows, coldRows(worker, where, src+", then reloaded from the service worker", ", from the service worker")...), nil
}

// coldRows are the median rows of a set of runs; from names where the
// files came from.
func coldRows(all []marks, where, src, from string) []Row {
	median := func(f func(m marks) float64) float64 {
		var v []float64
		for _, m := range all {
			v = append(v, f(m))
		}
		return medianOf(v)
	}
	return []Row{
		{What: "cold start" + from + ": viewer app.viewer.wasm loaded", Where: where, Value: median(func(m marks) float64 { return m.ViewerFetched }), Unit: "ms", Source: src,
			Extra: fmt.Sprintf("%.2f MB over the network", median(func(m marks) float64 { return m.ViewerBytes })/1e6)},
		{What: "cold start" + from + ": viewer instantiated (mark wardwise-viewer-ready)", Where: where, Value: median(func(m marks) float64 { return m.ViewerReady }), Unit: "ms", Source: src},
		{What: "cold start" + from + ": app.wasm loaded", Where: where, Value: median(func(m marks) float64 { return m.WasmFetched }), Unit: "ms", Source: src,
			Extra: fmt.Sprintf("%.2f MB over the network", median(func(m marks) float64 { return m.WasmBytes })/1e6)},
		{What: "cold start" + from + ": wasm instantiated (mark wardwise-wasm-ready)", Where: where, Value: median(func(m marks) float64 { return m.WasmReady }), Unit: "ms", Source: src},
		{What: "cold start" + from + ": example area view", Where: where, Value: median(func(m marks) float64 { return m.AreaView }), Unit: "ms", Source: src},
		{What: "cold start" + from + ": longest task before the ward view", Where: where, Value: median(func(m marks) float64 { return m.LongestTask }), Unit: "ms", Source: src + " (PerformanceObserver longtask)"},
		{What: "cold start" + from + ": bytes over the network before the ward view", Where: where, Value: median(func(m marks) float64 { return m.BytesBefore }) / 1e6, Unit: "MB", Source: src + " (transferSize of the page and every resource)"},
		{What: "cold start" + from + ": ward view (mark wardwise-ward-view)", Where: where, Value: median(func(m marks) float64 { return m.WardView }), Unit: "ms", Source: src},
		{What: "cold start" + from + ": full app took over from the viewer (mark wardwise-app-took-over)", Where: where, Value: median(func(m marks) float64 { return m.TookOver }), Unit: "ms", Source: src},
	}
}

// coldRun is one cold start in a new browser on a new profile, then a
// second start of the same page from the service worker it registered.
func coldRun(ctx context.Context, exe, url string) (network, worker marks, peak float64, err error) {
	bctx, stop, err := browser(ctx, exe)
	if err != nil {
		return marks{}, marks{}, 0, err
	}
	defer stop()
	if _, err := chromedp.Call(bctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: openFirstWard}); err != nil {
		return marks{}, marks{}, 0, err
	}
	tctx, cancelTimeout := context.WithTimeout(bctx, 3*time.Minute)
	defer cancelTimeout()
	if network, err = wardView(tctx, url); err != nil {
		return marks{}, marks{}, 0, err
	}
	if p := chromedp.FromContext(bctx).Browser.Process(); p != nil {
		peak = rendererPeakMB(p.Pid)
	}
	if err := chromedp.Do(tctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Poll[bool](swControls, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(60*time.Second))(ctx, t)
		return err
	})); err != nil {
		return marks{}, marks{}, 0, fmt.Errorf("waiting for the service worker: %w", err)
	}
	if worker, err = wardView(tctx, url); err != nil {
		return marks{}, marks{}, 0, err
	}
	if !worker.FromWorker {
		return marks{}, marks{}, 0, fmt.Errorf("the second start was not served by the service worker")
	}
	return network, worker, peak, nil
}

// wardView loads url and waits for the ward view.
func wardView(ctx context.Context, url string) (marks, error) {
	if err := chromedp.Do(ctx,
		chromedp.Navigate(url),
		waitJS(`performance.getEntriesByName("wardwise-ward-view").length > 0`, 90*time.Second),
		// Then, where the viewer drew it, for the full app to take over.
		waitJS(`performance.getEntriesByName("wardwise-app-took-over").length > 0 || performance.getEntriesByName("wardwise-viewer-ready").length === 0`, 90*time.Second),
	); err != nil {
		return marks{}, fmt.Errorf("waiting for the ward view: %w", err)
	}
	// Long tasks are reported after they end: give the observer a moment.
	time.Sleep(250 * time.Millisecond)
	return chromedp.Run(ctx, chromedp.Evaluate[marks](readMarks))
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
