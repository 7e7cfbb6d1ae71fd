//go:build js && wasm

package ui

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// decodeEntry reads back what putEntry stores with json.Marshal, field for
// field, as json.Unmarshal did.
func TestDecodeEntry(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	full := entry{ID: "e1", Title: "Borough \"JSNA\" \u2013 2026", Author: "Ann", Role: "draft", DraftID: "d1",
		DocID: "doc", Wards: []string{"Abbey", "Brook"}, WardCount: 2, FileName: "b.json", Route: "#/ward/E05000001",
		Base: "b1", Rev: "r1", Save: "s1", Codes: []string{"E05000001", "E05000002"},
		Opened: at("2026-12-01T09:30:00.123456789Z"), Changed: at("2026-12-01T10:00:00+01:00"), Dirty: true,
		FileSaved: at("2026-11-30T08:00:00Z"), Stored: at("2026-12-01T10:00:01Z"),
		Removed: at("2026-12-02T00:00:00Z"), Version: at("2026-12-01T09:59:00Z")}
	// Every field of full is set, so that a field added to entry and not
	// to decodeEntry fails here.
	for i, f := range reflect.VisibleFields(reflect.TypeFor[entry]()) {
		if reflect.ValueOf(full).Field(i).IsZero() {
			t.Fatalf("full leaves entry.%s unset", f.Name)
		}
	}
	for _, want := range []entry{full, {ID: "e2", Codes: []string{}, Opened: at("2026-12-01T09:30:00Z"), Stored: at("2026-12-01T09:30:00Z")}} {
		b, err := json.Marshal(want)
		if err != nil {
			t.Fatal(err)
		}
		var viaJSON entry
		if err := json.Unmarshal(b, &viaJSON); err != nil {
			t.Fatal(err)
		}
		got, ok := decodeEntry(string(b))
		if !ok {
			t.Fatalf("decodeEntry(%s): not ok", b)
		}
		if !reflect.DeepEqual(*got, viaJSON) {
			t.Errorf("decodeEntry(%s)\n got %+v\nwant %+v", b, *got, viaJSON)
		}
	}
	for _, bad := range []string{"", "[]", `{"title":"no id"}`, `{"id":"e","opened":"yesterday"}`} {
		if _, ok := decodeEntry(bad); ok {
			t.Errorf("decodeEntry(%q): ok, want not", bad)
		}
	}
}
