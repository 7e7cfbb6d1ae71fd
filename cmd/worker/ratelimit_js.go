//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"syscall/js"

	"github.com/syumai/workers/cloudflare"
)

// bindingLimiter is a Limiter over a Workers rate-limiting binding
// (wrangler.toml, [[ratelimits]]): env.NAME.limit({key}) resolves to
// {success}, false once key has reached the binding's limit in its
// period. A missing binding is an error, which Hub.allow logs and lets
// through.
type bindingLimiter struct {
	name string
}

func newBindingLimiter(name string) *bindingLimiter { return &bindingLimiter{name: name} }

// Allow counts one request for key.
func (l *bindingLimiter) Allow(ctx context.Context, key string) (ok bool, err error) {
	defer func() {
		if v := recover(); v != nil {
			ok, err = false, fmt.Errorf("hub: rate limit %s: %v", l.name, v)
		}
	}()
	b := cloudflare.GetBinding(l.name)
	if b.IsUndefined() || b.IsNull() || b.Get("limit").Type() != js.TypeFunction {
		return false, fmt.Errorf("hub: rate limit binding %s is not configured", l.name)
	}
	res, err := await(ctx, b.Call("limit", map[string]any{"key": key}))
	if err != nil {
		return false, fmt.Errorf("hub: rate limit %s: %w", l.name, err)
	}
	return res.Get("success").Truthy(), nil
}

// await waits for a JavaScript promise.
func await(ctx context.Context, p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{v: args[0]}
		return nil
	})
	defer then.Release()
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		ch <- result{err: fmt.Errorf("%s", js.Global().Get("String").Invoke(args[0]).String())}
		return nil
	})
	defer catch.Release()
	p.Call("then", then, catch)
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		return js.Value{}, ctx.Err()
	}
}
