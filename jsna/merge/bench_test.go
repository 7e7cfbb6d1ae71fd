package merge

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// gridWards and gridDrafts are BenchmarkMergeGrid's master sizes and
// numbers of drafts: `make bench` prints them as a table, to show how the
// cost of a merge grows with each.
var (
	gridWards  = []int{700, 2000, 7000}
	gridDrafts = []int{5, 50, 200}
)

// BenchmarkMergeGrid merges 5, 50 and 200 drafts into masters of 700,
// 2,000 and 7,000 wards by 60 indicators, each draft cut for 1% of the
// wards and editing a need and a section in each, as BenchmarkMergeEngland
// does. The master and drafts are sealed, as those read from files are.
func BenchmarkMergeGrid(b *testing.B) {
	for _, w := range gridWards {
		for _, n := range gridDrafts {
			b.Run(fmt.Sprintf("wards=%d/drafts=%d", w, n), func(b *testing.B) {
				m, ds := gridMerge(b, w)
				ds = ds[:n]
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					if _, _, err := Merge(m, ds, Options{Now: mergeNow}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

var gridOnce = map[int]*struct {
	sync.Once
	master *jsna.Document
	drafts []*jsna.Document
	err    error
}{}

// gridMerge makes, once per size, a master of wards wards and the largest
// number of drafts of gridDrafts; smaller runs take the first drafts.
func gridMerge(tb testing.TB, wards int) (*jsna.Document, []*jsna.Document) {
	tb.Helper()
	g := gridOnce[wards]
	if g == nil {
		g = &struct {
			sync.Once
			master *jsna.Document
			drafts []*jsna.Document
			err    error
		}{}
		gridOnce[wards] = g
	}
	g.Do(func() {
		m := example.New(example.Options{Wards: wards, Indicators: 60, Seed: 1})
		if err := jsna.SealValid(m); err != nil { // as a master read with jsna.Read is
			g.err = err
			return
		}
		rng := rand.New(rand.NewPCG(uint64(wards), 2))
		per := max(1, wards/100)
		for i := range gridDrafts[len(gridDrafts)-1] {
			var codes []string
			for range per {
				codes = append(codes, m.Wards[rng.IntN(len(m.Wards))].Code)
			}
			d, err := NewDraft(m, DraftOptions{ID: fmt.Sprintf("d%03d", i), Author: "A", Role: jsna.RoleGP, Wards: uniqueStrings(codes), Now: mergeNow})
			if err != nil {
				g.err = err
				return
			}
			for j := range d.Wards {
				w := &d.Wards[j]
				w.Needs[0].Size = float64(rng.IntN(11))
				w.Sections[0].Text += fmt.Sprintf("\nedited by %d", i)
			}
			jsna.Seal(d) // as a draft read from a file is
			g.drafts = append(g.drafts, d)
		}
		g.master = m
	})
	if g.err != nil {
		tb.Fatal(g.err)
	}
	return g.master, g.drafts
}

// startPeakHeap collects garbage, then samples the heap's objects every
// millisecond (runtime/metrics, which does not stop the world) until the
// function it returns is called, which reports the most they exceeded
// what there was at the start.
func startPeakHeap() func() uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 {
		metrics.Read(sample)
		return sample[0].Value.Uint64()
	}
	base := read()
	var top atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			if v := read(); v > top.Load() {
				top.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(stop)
		<-done
		return max(top.Load(), base) - base
	}
}

// hubWards are the master sizes BenchmarkHubMerge measures, smallest
// first (60 indicators each).
var hubWards = []int{300, 600, 1000, 1500, 2000, 3000}

// BenchmarkHubMerge does what the hub (cmd/worker) does to merge pending
// drafts: decode the stored master and 5 one-ward drafts, merge them,
// encode the new master. After each size it reports sys-MB, the memory
// the process has obtained from the system so far (runtime.MemStats.Sys),
// and master-MB, the master's size as a file. Under WebAssembly the
// linear memory never shrinks, so with the sizes in increasing order
// sys-MB is the most a merge of a master of that size needed (or the
// making of its input, which needs less): the figure to hold against a
// Worker's 128 MB. Run it under GOOS=js GOARCH=wasm with Node.
func BenchmarkHubMerge(b *testing.B) {
	for _, w := range hubWards {
		b.Run(fmt.Sprintf("wards=%d", w), func(b *testing.B) {
			master, drafts := hubInput(b, w, 5)
			b.ResetTimer()
			for range b.N {
				m, err := jsna.Decode(master)
				if err != nil {
					b.Fatal(err)
				}
				ds := make([]*jsna.Document, len(drafts))
				for i, data := range drafts {
					if ds[i], err = jsna.Decode(data); err != nil {
						b.Fatal(err)
					}
				}
				out, _, err := Merge(m, ds, Options{Now: mergeNow})
				if err != nil {
					b.Fatal(err)
				}
				if _, err := jsna.Marshal(out); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.Sys)/1e6, "sys-MB")
			b.ReportMetric(float64(len(master))/1e6, "master-MB")
		})
	}
}

// hubInput is the files of a master of wards wards by 60 indicators and
// of n drafts of it, each cut for one ward and editing a need's size and
// a section's text there, as the hub stores them.
func hubInput(tb testing.TB, wards, n int) ([]byte, [][]byte) {
	tb.Helper()
	m := example.New(example.Options{Wards: wards, Indicators: 60, Seed: 1})
	master := mustBytes(tb, m)
	var drafts [][]byte
	for i := range n {
		w := m.Wards[i*len(m.Wards)/n]
		d, err := NewDraft(m, DraftOptions{ID: fmt.Sprintf("h%d", i), Author: "A", Role: jsna.RoleGP, Wards: []string{w.Code}, Now: mergeNow})
		if err != nil {
			tb.Fatal(err)
		}
		d.Wards[0].Needs[0].Size = float64(i % 11)
		d.Wards[0].Sections[0].Text += fmt.Sprintf("\nedited by %d", i)
		drafts = append(drafts, mustBytes(tb, d))
	}
	runtime.GC()
	return master, drafts
}
