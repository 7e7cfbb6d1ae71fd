package jsna_test

import (
	"testing"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// englandScale is the England-scale master the benchmarks share: 7,000
// wards by 60 indicators.
func englandScale(tb testing.TB) (*jsna.Document, []byte) {
	tb.Helper()
	d := example.New(example.Options{Wards: 7000, Indicators: 60, Seed: 1})
	b, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	return d, b
}

// BenchmarkParseEngland decodes and validates an England-scale master
// (about 90 MB). MB/s is the throughput.
func BenchmarkParseEngland(b *testing.B) {
	_, data := englandScale(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := jsna.Parse("england.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidateEngland validates the decoded England-scale master
// alone: Parse's share after decoding.
func BenchmarkValidateEngland(b *testing.B) {
	_, data := englandScale(b)
	d, err := jsna.Decode(data)
	if err != nil {
		b.Fatal(err)
	}
	data = nil
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if err := d.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkValidEngland checks the syntax of the same master with
// gjson.Valid alone: the speed of one pass over the bytes, against which
// BenchmarkParseEngland's can be read on a busy machine.
func BenchmarkValidEngland(b *testing.B) {
	_, data := englandScale(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if !gjson.ValidBytes(data) {
			b.Fatal("gjson.ValidBytes = false")
		}
	}
}

func BenchmarkEncodeEngland(b *testing.B) {
	d, data := englandScale(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for range b.N {
		if _, err := jsna.Marshal(d); err != nil {
			b.Fatal(err)
		}
	}
}
