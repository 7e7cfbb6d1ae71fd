//go:build js && wasm

package ui

import (
	"html"
	"strings"
	"testing"
)

// hostile are strings from files or users that must stay text.
var hostile = []string{
	`<img src=x onerror=alert(1)>`,
	`"><script>alert(1)</script>`,
	`' onmouseover='alert(1)`,
	`</td></tr></table><a href="javascript:alert(1)">x</a>`,
	`&lt;b&gt; already escaped`,
	`]]><svg onload=alert(1)>`,
}

func TestMarkupEscapesTextAndValues(t *testing.T) {
	want := []string{
		`<td title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</td>`,
		`<td title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;">&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>`,
		`<td title="&#39; onmouseover=&#39;alert(1)">&#39; onmouseover=&#39;alert(1)</td>`,
		`<td title="&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;">&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;a href=&#34;javascript:alert(1)&#34;&gt;x&lt;/a&gt;</td>`,
		`<td title="&amp;lt;b&amp;gt; already escaped">&amp;lt;b&amp;gt; already escaped</td>`,
		`<td title="]]&gt;&lt;svg onload=alert(1)&gt;">]]&gt;&lt;svg onload=alert(1)&gt;</td>`,
	}
	for i, s := range hostile {
		var m markup
		m.elem("td", s, "title", s)
		if got := m.String(); got != want[i] {
			t.Errorf("elem(td, %q):\n got %s\nwant %s", s, got, want[i])
		}
	}
}

func TestMarkupStructure(t *testing.T) {
	var m markup
	m.start("svg", "viewBox", "0 0 16 16").leaf("use", "href", "#app-cmp-better").end()
	m.start("a", "href", "#/ward/E05&1").text("Ward <1>").end()
	want := `<svg viewBox="0 0 16 16"><use href="#app-cmp-better"/></svg><a href="#/ward/E05&amp;1">Ward &lt;1&gt;</a>`
	if got := m.String(); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

// TestMarkupRefuses checks that what could run script panics instead of
// being written: handlers, a non-fragment href, a name that is not one,
// an element left open.
func TestMarkupRefuses(t *testing.T) {
	for name, f := range map[string]func(m *markup){
		"onclick attribute": func(m *markup) { m.elem("td", "x", "onclick", "alert(1)") },
		"OnLoad attribute":  func(m *markup) { m.leaf("svg", "OnLoad", "alert(1)") },
		"javascript href":   func(m *markup) { m.elem("a", "x", "href", "javascript:alert(1)") },
		"relative href":     func(m *markup) { m.elem("a", "x", "href", "//evil.example/") },
		"tag with markup":   func(m *markup) { m.start("td><script") },
		"attribute with =":  func(m *markup) { m.elem("td", "x", `title="x" onclick`, "y") },
		"odd attribute pairs": func(m *markup) {
			//lint:ignore SA5012 the test proves that an odd list panics
			m.tag("td", []string{"title"})
		},
		"unclosed element":   func(m *markup) { m.start("td"); _ = m.String() },
		"end with none open": func(m *markup) { m.end() },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			var m markup
			f(&m)
		}()
	}
}

// escapeHTML is html.EscapeString, byte for byte.
func TestEscapeHTMLIsEscapeString(t *testing.T) {
	cases := append([]string{"", "plain", "&", "&&", "a&b<c>d'e\"f", "<<>>", "ends with &", "\"starts", "Caerdydd – £5 & ‘Welsh’ \x00\xff"}, hostile...)
	for _, s := range cases {
		var b strings.Builder
		escapeHTML(&b, s)
		if got, want := b.String(), html.EscapeString(s); got != want {
			t.Errorf("escapeHTML(%q) = %q, want %q", s, got, want)
		}
	}
	var b strings.Builder
	escapeHTML(&b, `<a href="x">O'Neil & Sons</a>`)
	if got, want := b.String(), `&lt;a href=&#34;x&#34;&gt;O&#39;Neil &amp; Sons&lt;/a&gt;`; got != want {
		t.Errorf("escapeHTML = %q, want %q", got, want)
	}
}
