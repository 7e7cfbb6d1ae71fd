package merge

import (
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

func TestFileName(t *testing.T) {
	at := time.Date(2026, 12, 1, 23, 30, 0, 0, time.UTC)
	conflicts := func(n int) []jsna.Conflict { return make([]jsna.Conflict, n) }
	for _, tt := range []struct {
		name string
		d    *jsna.Document
		want string
	}{
		{"master", &jsna.Document{ID: "x", Area: jsna.Area{Name: "Example Borough"}}, "example-borough-master-2026-12-01.json"},
		{"master with conflicts", &jsna.Document{Area: jsna.Area{Name: "Example Borough"}, Conflicts: conflicts(3)}, "example-borough-master-2026-12-01-with-3-open-conflicts.json"},
		{"one conflict", &jsna.Document{Area: jsna.Area{Name: "Example Borough"}, Conflicts: conflicts(1)}, "example-borough-master-2026-12-01-with-1-open-conflict.json"},
		{"draft", &jsna.Document{Area: jsna.Area{Name: "Example Borough"}, Draft: &jsna.Draft{Author: "Dr A. Example"}}, "example-borough-draft-dr-a-example-2026-12-01.json"},
		{"no area: the id", &jsna.Document{ID: "borough_2026"}, "borough-2026-master-2026-12-01.json"},
		{"nothing", &jsna.Document{}, "jsna-master-2026-12-01.json"},
		{"Welsh and punctuation", &jsna.Document{Area: jsna.Area{Name: "Ynys Môn / Anglesey"}}, "ynys-môn-anglesey-master-2026-12-01.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := FileName(tt.d, at); got != tt.want {
				t.Errorf("FileName() = %q, want %q", got, tt.want)
			}
		})
	}
}
