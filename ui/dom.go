//go:build js && wasm

package ui

import (
	"errors"
	"fmt"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

const svgNS = "http://www.w3.org/2000/svg"

// doc is the page's document; set by Mount.
var doc dom.Document

// A node option configures an element as it is built by el or svg: an
// attribute, a class, a text child, a child element or a list of them.
type opt interface{ apply(e dom.Element) }

type attrOpt struct{ name, value string }

func (o attrOpt) apply(e dom.Element) { e.SetAttribute(o.name, stripLang(o.value)) }

// attr sets attribute name to value. Values are never parsed as HTML;
// language marks (langparts.go) are dropped.
func attr(name, value string) opt { return attrOpt{name, value} }

// cls sets the class attribute.
func cls(c string) opt { return attrOpt{"class", c} }

type textOpt string

// apply appends the text with Element.append, which makes a text node of
// a string (one call, and never markup); a part marked as in another
// language (langparts.go) goes in a span with its lang.
func (o textOpt) apply(e dom.Element) {
	if !hasLangMarks(string(o)) {
		e.Underlying().Call("append", string(o))
		return
	}
	for _, p := range langParts(string(o)) {
		if p.lang == "" {
			e.Underlying().Call("append", p.s)
			continue
		}
		span := basic(doc.Underlying().Call("createElement", "span"))
		span.SetAttribute("lang", p.lang)
		span.Underlying().Call("append", p.s)
		e.AppendChild(span)
	}
}

// text appends a text node: user-supplied strings always go in this way,
// never through innerHTML.
func text(s string) opt { return textOpt(s) }

type nodeOpt struct{ n dom.Node }

func (o nodeOpt) apply(e dom.Element) {
	if o.n != nil {
		e.AppendChild(o.n)
	}
}

// child appends n (nothing when n is nil).
func child(n dom.Node) opt {
	if n == nil {
		return nil
	}
	return nodeOpt{n}
}

type optsOpt []opt

func (o optsOpt) apply(e dom.Element) {
	for _, x := range o {
		if x != nil {
			x.apply(e)
		}
	}
}

// group applies several options as one.
func group(os ...opt) opt { return optsOpt(os) }

// el builds an HTML element.
func el(tag string, os ...opt) dom.Element {
	e := basic(doc.Underlying().Call("createElement", tag))
	for _, o := range os {
		if o != nil {
			o.apply(e)
		}
	}
	return e
}

// basic wraps an element made here in dom/v2's basic element type.
// dom/v2's own wrapping (CreateElement, WrapElement) finds an element's
// type by comparing its constructor with some 70 HTML types, a call into
// JavaScript each; ui never needs the specific type (it asserts none), so
// the elements it makes skip that.
func basic(v js.Value) dom.Element {
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// svgEl builds an SVG element.
func svgEl(tag string, os ...opt) dom.Element {
	e := basic(doc.Underlying().Call("createElementNS", svgNS, tag))
	for _, o := range os {
		if o != nil {
			o.apply(e)
		}
	}
	return e
}

// empty removes every child of n.
func empty(n dom.Node) {
	n.Underlying().Set("textContent", "")
}

// listener is one event listener a scope added and will remove.
type listener struct {
	target js.Value
	typ    string
	fn     js.Func
}

// scope owns the event listeners of one rendering of a view (or of the
// page shell). release removes them and releases their js.Func values, so
// that a torn-down view leaks nothing.
type scope struct {
	app       *App
	listeners []listener
}

// on listens for typ events on target. fn runs inside the JS callback, so it
// must not block: anything that waits (storage, files, promises) starts a
// goroutine with app.spawn. A panic in fn is recovered and shown.
func (s *scope) on(target js.Value, typ string, fn func(ev js.Value)) {
	f := js.FuncOf(func(this js.Value, args []js.Value) any {
		defer s.app.recoverPanic()
		var ev js.Value
		if len(args) > 0 {
			ev = args[0]
		}
		fn(ev)
		return nil
	})
	target.Call("addEventListener", typ, f)
	s.listeners = append(s.listeners, listener{target, typ, f})
}

// onEl is on for a dom element.
func (s *scope) onEl(e dom.Node, typ string, fn func(ev js.Value)) {
	s.on(e.Underlying(), typ, fn)
}

// onClick listens for activation (click, or Enter/Space on a button) and
// stops the default action, which for our links would change the route.
func (s *scope) onClick(e dom.Node, fn func()) {
	s.on(e.Underlying(), "click", func(ev js.Value) {
		ev.Call("preventDefault")
		fn()
	})
}

func (s *scope) release() {
	for _, l := range s.listeners {
		l.target.Call("removeEventListener", l.typ, l.fn)
		l.fn.Release()
	}
	s.listeners = nil
}

// jsError turns a recovered panic value from syscall/js into an error.
func jsError(r any) error {
	switch v := r.(type) {
	case js.Error:
		return fmt.Errorf("%s", v.Value.Get("message").String())
	case error:
		return v
	default:
		return fmt.Errorf("%v", v)
	}
}

// call calls method on v, turning a JavaScript exception into an error
// instead of a panic.
func call(v js.Value, method string, args ...any) (res js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = jsError(r)
		}
	}()
	return v.Call(method, args...), nil
}

// construct is new for a JavaScript constructor, with exceptions as errors.
func construct(ctor js.Value, args ...any) (res js.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = jsError(r)
		}
	}()
	return ctor.New(args...), nil
}

// errAbort is a promise rejected because the user cancelled (a file picker
// closed without a choice).
var errAbort = errors.New("cancelled")

// await waits for promise p to settle and returns its value or its
// rejection as an error. It blocks, so call it only from a goroutine,
// never directly in an event callback.
func await(p js.Value) (js.Value, error) {
	type result struct {
		v   js.Value
		err error
	}
	ch := make(chan result, 1)
	var ok, fail js.Func
	ok = js.FuncOf(func(this js.Value, args []js.Value) any {
		v := js.Undefined()
		if len(args) > 0 {
			v = args[0]
		}
		ch <- result{v: v}
		return nil
	})
	fail = js.FuncOf(func(this js.Value, args []js.Value) any {
		err := errors.New("rejected")
		if len(args) > 0 {
			e := args[0]
			if e.Type() == js.TypeObject && e.Get("name").String() == "AbortError" {
				err = errAbort
			} else if e.Type() == js.TypeObject && e.Get("message").Type() == js.TypeString {
				name := e.Get("name").String()
				err = fmt.Errorf("%s: %s", name, e.Get("message").String())
			} else {
				err = fmt.Errorf("%s", js.Global().Call("String", e).String())
			}
		}
		ch <- result{err: err}
		return nil
	})
	defer ok.Release()
	defer fail.Release()
	if _, err := call(p, "then", ok, fail); err != nil {
		return js.Undefined(), err
	}
	r := <-ch
	return r.v, r.err
}

// bytesOf copies a Uint8Array or ArrayBuffer into Go.
func bytesOf(v js.Value) []byte {
	if v.InstanceOf(js.Global().Get("ArrayBuffer")) {
		v = js.Global().Get("Uint8Array").New(v)
	}
	b := make([]byte, v.Get("length").Int())
	js.CopyBytesToGo(b, v)
	return b
}

// uint8Array copies b into a new JavaScript Uint8Array.
func uint8Array(b []byte) js.Value {
	a := js.Global().Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(a, b)
	return a
}

// focus moves keyboard focus to e without scrolling past it.
func focus(e dom.Element) {
	if e == nil {
		return
	}
	call(e.Underlying(), "focus")
}

// byID finds an element of the page.
func byID(v string) dom.Element {
	return doc.GetElementByID(v)
}
