package score

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/wardwise/wardwise/jsna/stats"
)

// A ValueScore holds no pointers (so the collector never scans the slab of
// an England-scale master's 420,000) and takes 64 bytes.
func TestValueScorePointerFree(t *testing.T) {
	typ := reflect.TypeFor[ValueScore]()
	for i := range typ.NumField() {
		switch f := typ.Field(i); f.Type.Kind() {
		case reflect.Float64, reflect.Int32, reflect.Int8, reflect.Uint8:
		default:
			t.Errorf("ValueScore.%s is a %s, which may hold a pointer", f.Name, f.Type)
		}
	}
	if got := unsafe.Sizeof(ValueScore{}); got != 64 {
		t.Errorf("ValueScore takes %d bytes, want 64", got)
	}
}

// Every comparison has a code that reads back as itself.
func TestComparisonCodes(t *testing.T) {
	for _, c := range append(stats.Comparisons, "") {
		if got := comparisons[comparisonCode(c)]; got != c {
			t.Errorf("comparisons[comparisonCode(%q)] = %q", c, got)
		}
	}
	if got := comparisonCode("unknown"); got != comparisonNotCompared {
		t.Errorf("comparisonCode(unknown) = %d, want that of not compared", got)
	}
}
