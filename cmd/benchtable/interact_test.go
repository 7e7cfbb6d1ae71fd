package main

import (
	"os"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// The large master is a valid jsna/1 master of 1,267 wards by 60
// indicators, within a ward's size under the 19 MB.
func TestLargeMaster(t *testing.T) {
	path, err := largeMaster(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > masterBytes || len(b) < masterBytes-masterBytes/50 {
		t.Errorf("the master is %d bytes, want within 2%% under %d", len(b), masterBytes)
	}
	d, err := jsna.Parse("master.json", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Wards) != 1267 || len(d.Indicators) != 60 || d.Draft != nil {
		t.Errorf("the master has %d wards, %d indicators, draft %v; want 1267, 60, none", len(d.Wards), len(d.Indicators), d.Draft)
	}
}
