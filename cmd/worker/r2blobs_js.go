//go:build js && wasm

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/syumai/workers/cloudflare/r2"
)

// r2Blobs is Blobs over a Cloudflare R2 bucket.
type r2Blobs struct {
	bucket *r2.Bucket
}

func newR2Blobs(binding string) (*r2Blobs, error) {
	b, err := r2.NewBucket(binding)
	if err != nil {
		return nil, err
	}
	return &r2Blobs{bucket: b}, nil
}

// Put stores data under key as application/json.
func (b *r2Blobs) Put(ctx context.Context, key string, data []byte) error {
	_, err := b.bucket.Put(key, io.NopCloser(bytes.NewReader(data)), &r2.PutOptions{
		HTTPMetadata: r2.HTTPMetadata{ContentType: "application/json"},
	})
	if err != nil {
		return fmt.Errorf("hub: r2 put %s: %w", key, err)
	}
	return nil
}

// Get returns the bytes under key, or ErrNotFound.
func (b *r2Blobs) Get(ctx context.Context, key string) ([]byte, error) {
	o, err := b.bucket.Get(key)
	if err != nil {
		return nil, fmt.Errorf("hub: r2 get %s: %w", key, err)
	}
	if o == nil {
		return nil, ErrNotFound
	}
	data, err := io.ReadAll(o.Body)
	if err != nil {
		return nil, fmt.Errorf("hub: r2 read %s: %w", key, err)
	}
	return data, nil
}

// Delete removes key; R2 deletes of a missing key succeed.
func (b *r2Blobs) Delete(ctx context.Context, key string) error {
	if err := b.bucket.Delete(key); err != nil {
		return fmt.Errorf("hub: r2 delete %s: %w", key, err)
	}
	return nil
}
