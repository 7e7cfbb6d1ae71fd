package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
)

// TestMergeMasterTooLarge checks that the hub refuses to merge a master
// over MaxMergeMasterBytes, pointing to the app and the CLI.
func TestMergeMasterTooLarge(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	head, err := f.meta.Head(ctx, f.id)
	if err != nil {
		t.Fatal(err)
	}
	big := f.master.Clone()
	// Stored masters are only decoded before a merge, not validated: a
	// long text makes one over the limit cheaply.
	big.Wards[0].Sections[0].Text = strings.Repeat("x", MaxMergeMasterBytes)
	data, err := jsna.Marshal(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.blobs.Put(ctx, head.Blob, data); err != nil {
		t.Fatal(err)
	}
	r := f.do("POST", f.path("/merge"), f.coordinator, nil)
	if r.status != http.StatusRequestEntityTooLarge {
		t.Fatalf("merge of a %d-byte master = %d %s, want 413", len(data), r.status, r.body)
	}
	if e := r.apiErr(); e.Code != "master_too_large" || !strings.Contains(e.Message, "app") || !strings.Contains(e.Message, "jsna merge") {
		t.Errorf("error = %+v, want master_too_large pointing to the app and jsna merge", e)
	}
}

// TestMergeMasterTooLargeNotDecoded checks that a master over the limit is
// refused before it is decoded: bytes that are not even JSON get the same
// 413, not an error from the decoder.
func TestMergeMasterTooLargeNotDecoded(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	head, err := f.meta.Head(ctx, f.id)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.blobs.Put(ctx, head.Blob, []byte(strings.Repeat("x", MaxMergeMasterBytes+1))); err != nil {
		t.Fatal(err)
	}
	r := f.do("POST", f.path("/merge"), f.coordinator, nil)
	if e := r.apiErr(); r.status != http.StatusRequestEntityTooLarge || e.Code != "master_too_large" {
		t.Fatalf("merge of an undecodable master over the limit = %d %s, want 413 master_too_large", r.status, r.body)
	}
}
