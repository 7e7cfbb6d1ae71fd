//go:build js && wasm

package ui

import (
	"strings"
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// markup builds the HTML (or inline SVG) of a large static structure — a
// table of every ward, a spine chart — as one string, which the browser
// parses in one go: one crossing into JavaScript instead of several per
// element, and no dom/v2 wrapper per element. It is safe by construction:
// tag and attribute names are the program's own (checked, never data);
// every attribute value and every text is escaped as html.EscapeString
// escapes (escapeHTML)
// (the only markup added is a span with lang="en" or "cy" round a part of
// a text marked as in that language, langparts.go),
// so no string from a file or the user is ever parsed as markup; and an
// href can only be a fragment of this page ("#/ward/…", "#app-cmp-…").
//
// Elements built this way carry no listeners: views listen on the
// container (event delegation) or build their interactive parts with el.
type markup struct {
	b    strings.Builder
	open []string // the elements not yet closed, for end
}

// start opens element tag with attributes given as name, value pairs.
func (m *markup) start(tag string, attrs ...string) *markup {
	m.tag(tag, attrs)
	m.b.WriteByte('>')
	m.open = append(m.open, tag)
	return m
}

// end closes the element opened last.
func (m *markup) end() *markup {
	n := len(m.open) - 1
	if n < 0 {
		panic("markup: end with no element open")
	}
	m.b.WriteString("</")
	m.b.WriteString(m.open[n])
	m.b.WriteByte('>')
	m.open = m.open[:n]
	return m
}

// text writes s as text; a part marked as in another language
// (langparts.go) as a span with its lang.
func (m *markup) text(s string) *markup {
	if !hasLangMarks(s) {
		escapeHTML(&m.b, s)
		return m
	}
	part := m.partTag()
	for _, p := range langParts(s) {
		if p.lang == "" || part == "" {
			escapeHTML(&m.b, p.s)
			continue
		}
		m.b.WriteString("<" + part + ` lang="` + p.lang + `">`)
		escapeHTML(&m.b, p.s)
		m.b.WriteString("</" + part + ">")
	}
	return m
}

// partTag is the element that can hold a part of a text in another
// language where the text is written: span in HTML; in SVG, tspan inside
// a text (a span there would end the SVG for the HTML parser) and none
// elsewhere (title, desc hold text only).
func (m *markup) partTag() string {
	for _, t := range m.open {
		if t == "svg" {
			switch m.open[len(m.open)-1] {
			case "text", "tspan":
				return "tspan"
			}
			return ""
		}
	}
	return "span"
}

// elem writes a whole element holding the text s.
func (m *markup) elem(tag, s string, attrs ...string) *markup {
	return m.start(tag, attrs...).text(s).end()
}

// leaf writes an SVG element with no content (<use/>, <path/>), which the
// HTML parser closes by its "/>" inside an svg element.
func (m *markup) leaf(tag string, attrs ...string) *markup {
	m.tag(tag, attrs)
	m.b.WriteString("/>")
	return m
}

// tag writes "<tag a="v" …" with every value escaped.
func (m *markup) tag(tag string, attrs []string) {
	if !isName(tag) || len(attrs)%2 != 0 {
		panic("markup: bad element " + tag)
	}
	m.b.WriteByte('<')
	m.b.WriteString(tag)
	for i := 0; i < len(attrs); i += 2 {
		name, v := attrs[i], attrs[i+1]
		if !isName(name) || strings.HasPrefix(strings.ToLower(name), "on") {
			panic("markup: bad attribute " + name)
		}
		if name == "href" && !strings.HasPrefix(v, "#") {
			panic("markup: href must be a fragment of the page: " + v)
		}
		m.b.WriteByte(' ')
		m.b.WriteString(name)
		m.b.WriteString(`="`)
		escapeHTML(&m.b, stripLang(v))
		m.b.WriteByte('"')
	}
}

// isName reports whether s is a tag or attribute name the program may
// write: ASCII letters, digits and "-", starting with a letter.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '-'):
		default:
			return false
		}
	}
	return true
}

// String is the markup built so far; every element must be closed.
func (m *markup) String() string {
	if len(m.open) > 0 {
		panic("markup: <" + m.open[len(m.open)-1] + "> not closed")
	}
	return m.b.String()
}

// node parses the markup, which must be one element, into an element of
// the page (not yet in it): one template, one parse, one wrapper.
func (m *markup) node() dom.Element {
	t := js.Global().Get("document").Call("createElement", "template")
	t.Set("innerHTML", m.String())
	return basic(t.Get("content").Get("firstElementChild"))
}

// escapeHTML writes s to b escaped exactly as html.EscapeString escapes it
// (&, ', <, > and "). Not html itself: importing it links its table of
// every named character reference (its init sets up the table's builder),
// which the viewer's module would carry for nothing.
func escapeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '\'':
			esc = "&#39;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			esc = "&#34;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		last = i + 1
	}
	b.WriteString(s[last:])
}
