//go:build browser

package main

import (
	"sort"
	"testing"

	"github.com/chromedp/chromedp"
)

// coldStartRuns is how many cold starts each figure is the median of.
const coldStartRuns = 5

// markMS waits for the ward view's User Timing mark (ui sets it when the
// first spine chart is drawn) and returns its time since navigation start.
func markMS(p *page) float64 {
	p.tb.Helper()
	p.waitFor("the ward view", `performance.getEntriesByName("wardwise-ward-view").length > 0`)
	return eval[float64](p, `performance.getEntriesByName("wardwise-ward-view")[0].startTime`)
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// TestBrowserColdStart measures, in headless Chromium on loopback, the
// cold start from navigation to the first ward view: from the network
// (fresh profile, /?example#/ward/CODE) and from the service worker (the
// same profile in a new browser with the server stopped, the example
// restored from the browser store), the median of coldStartRuns runs each;
// and the total transfer of a first visit, service worker install
// included. It logs "BENCH name value unit" lines for make bench
// (cmd/benchtable); it asserts only that each start reached the ward view.
func TestBrowserColdStart(t *testing.T) {
	code := readExample(t).Wards[0].Code
	var network, sw []float64

	// The first visit, on a fresh profile: it ends when the service worker
	// has cached the app.
	srv := startServer(t)
	profile := t.TempDir()
	p := openProfile(t, srv.url, profile)
	p.run("navigate", chromedp.Navigate(srv.url+"?example#/ward/"+code))
	network = append(network, markMS(p))
	p.waitFor("the service worker", `!!navigator.serviceWorker.controller`)
	eval[bool](p, `navigator.serviceWorker.ready.then(r => !!r.active)`)
	firstBytes, firstRequests := srv.bytes.Load(), srv.requests.Load()
	p.close()
	srv.srv.Close()

	// From the service worker: the same profile and origin in a new
	// browser, with the server gone, so the app comes from the worker's
	// cache and the document from the browser store.
	for i := 0; i < coldStartRuns; i++ {
		p := openProfile(t, srv.url, profile)
		p.allow("Failed to load resource")
		p.run("navigate", chromedp.Navigate(srv.url+"#/ward/"+code))
		sw = append(sw, markMS(p))
		if !eval[bool](p, `!!navigator.serviceWorker.controller`) {
			t.Errorf("run %d: the page was not served by the service worker", i)
		}
		p.checkClean()
		p.close()
	}

	// From the network: a fresh profile and server each time.
	for i := 1; i < coldStartRuns; i++ {
		srv := startServer(t)
		p := openBrowser(t, srv.url)
		p.run("navigate", chromedp.Navigate(srv.url+"?example#/ward/"+code))
		network = append(network, markMS(p))
		p.checkClean()
		p.close()
		srv.srv.Close()
	}
	t.Logf("BENCH cold_start_to_ward_view,_network_(median_of_%d) %.0f ms", coldStartRuns, median(network))
	t.Logf("BENCH cold_start_to_ward_view,_service_worker_(median_of_%d) %.0f ms", coldStartRuns, median(sw))
	t.Logf("BENCH first_visit_transfer_(%d_requests) %.2f MB", firstRequests, float64(firstBytes)/1e6)
	t.Logf("network runs %.0f ms; service worker runs %.0f ms", network, sw)
}
