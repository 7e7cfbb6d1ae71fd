package jsna

import (
	"reflect"
	"testing"
)

// TestPracticeLevel checks which indicators are practice-level: values on
// practices only. A (a ward value too) and C (no value anywhere) are not;
// B is; Z, a practice value of no indicator of the document, counts for
// none.
func TestPracticeLevel(t *testing.T) {
	v := 1.0
	d := &Document{
		Indicators: []Indicator{{ID: "A"}, {ID: "B"}, {ID: "C"}},
		Wards:      []Ward{{Code: "E05000001", Values: []Value{{Indicator: "A", Value: &v}}}},
		Practices: []Practice{
			{ID: "P1", Values: []PracticeValue{{Indicator: "A", Value: &v}, {Indicator: "B", Value: &v}}},
			{ID: "P2", Values: []PracticeValue{{Indicator: "B"}, {Indicator: "Z", Value: &v}}},
		},
	}
	if got, want := PracticeLevel(d), map[string]bool{"B": true}; !reflect.DeepEqual(got, want) {
		t.Errorf("PracticeLevel = %v, want %v", got, want)
	}
}
