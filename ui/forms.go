//go:build js && wasm

package ui

import (
	"strings"

	"honnef.co/go/js/dom/v2"
)

// GOV.UK Design System form markup. Every field has a visible label tied
// to it with for/id, hints and errors are referenced by aria-describedby,
// and an error puts the field in its error state.

// field describes a form field.
type field struct {
	id        string
	label     string
	hint      string
	value     string
	err       string
	labelCls  string // e.g. "govuk-label--s"; default plain
	width     string // e.g. "govuk-input--width-10"
	inputmode string
	typ       string // input type, default "text"
	rows      int    // textarea rows
	autocomp  string
	spell     bool
	lang      string // lang attribute of the value (user content)
	maxLength int
}

func (f field) describedBy() string {
	var ids []string
	if f.hint != "" {
		ids = append(ids, f.id+"-hint")
	}
	if f.err != "" {
		ids = append(ids, f.id+"-error")
	}
	return strings.Join(ids, " ")
}

func (f field) labelEl() dom.Element {
	c := "govuk-label"
	if f.labelCls != "" {
		c += " " + f.labelCls
	}
	return el("label", cls(c), attr("for", f.id), text(f.label))
}

func (f field) hintEl() dom.Element {
	if f.hint == "" {
		return nil
	}
	return el("div", cls("govuk-hint"), attr("id", f.id+"-hint"), text(f.hint))
}

func (a *App) errorEl(f field) dom.Element {
	if f.err == "" {
		return nil
	}
	return el("p", cls("govuk-error-message"), attr("id", f.id+"-error"),
		child(el("span", cls("govuk-visually-hidden"), text(a.t("error.prefix")+" "))), text(f.err))
}

func groupCls(f field) string {
	if f.err != "" {
		return "govuk-form-group govuk-form-group--error"
	}
	return "govuk-form-group"
}

// input renders a text input in its form group and returns both.
func (a *App) input(f field) (group, input dom.Element) {
	typ := f.typ
	if typ == "" {
		typ = "text"
	}
	c := "govuk-input"
	if f.width != "" {
		c += " " + f.width
	}
	if f.err != "" {
		c += " govuk-input--error"
	}
	input = el("input", cls(c), attr("id", f.id), attr("name", f.id), attr("type", typ))
	input.Underlying().Set("value", f.value)
	if d := f.describedBy(); d != "" {
		input.SetAttribute("aria-describedby", d)
	}
	if f.inputmode != "" {
		input.SetAttribute("inputmode", f.inputmode)
	}
	if f.autocomp != "" {
		input.SetAttribute("autocomplete", f.autocomp)
	}
	if !f.spell {
		input.SetAttribute("spellcheck", "false")
	}
	if f.lang != "" {
		input.SetAttribute("lang", f.lang)
	}
	if f.maxLength > 0 {
		input.SetAttribute("maxlength", itoa(f.maxLength))
	}
	group = el("div", cls(groupCls(f)), attr("id", f.id+"-group"),
		child(f.labelEl()), child(f.hintEl()), child(a.errorEl(f)), child(input))
	return group, input
}

// textarea renders a textarea in its form group.
func (a *App) textarea(f field) (group, area dom.Element) {
	c := "govuk-textarea"
	if f.err != "" {
		c += " govuk-textarea--error"
	}
	rows := f.rows
	if rows == 0 {
		rows = 5
	}
	area = el("textarea", cls(c), attr("id", f.id), attr("name", f.id), attr("rows", itoa(rows)))
	area.Underlying().Set("value", f.value)
	if d := f.describedBy(); d != "" {
		area.SetAttribute("aria-describedby", d)
	}
	if f.lang != "" {
		area.SetAttribute("lang", f.lang)
	}
	if f.maxLength > 0 {
		area.SetAttribute("maxlength", itoa(f.maxLength))
	}
	group = el("div", cls(groupCls(f)), attr("id", f.id+"-group"),
		child(f.labelEl()), child(f.hintEl()), child(a.errorEl(f)), child(area))
	return group, area
}

// choice is one radio or checkbox.
type choice struct {
	value   string
	label   string
	hint    string
	checked bool
}

// fieldset wraps fields in a fieldset with a legend.
func fieldset(legend, legendCls string, os ...opt) dom.Element {
	c := "govuk-fieldset__legend"
	if legendCls != "" {
		c += " " + legendCls
	}
	return el("fieldset", cls("govuk-fieldset"),
		child(el("legend", cls(c), text(legend))), group(os...))
}

// radios renders a radio group in a fieldset. The inputs are returned in
// the order of choices.
func (a *App) radios(name, legend, legendCls, hint, errMsg string, inline, small bool, choices []choice) (dom.Element, []dom.Element) {
	c := "govuk-radios"
	if inline {
		c += " govuk-radios--inline"
	}
	if small {
		c += " govuk-radios--small"
	}
	box := el("div", cls(c))
	var inputs []dom.Element
	for i, ch := range choices {
		iid := name + "-" + itoa(i)
		in := el("input", cls("govuk-radios__input"), attr("id", iid), attr("name", name), attr("type", "radio"), attr("value", ch.value))
		if ch.checked {
			in.SetAttribute("checked", "")
		}
		item := el("div", cls("govuk-radios__item"), child(in),
			child(el("label", cls("govuk-label govuk-radios__label"), attr("for", iid), text(ch.label))))
		if ch.hint != "" {
			in.SetAttribute("aria-describedby", iid+"-item-hint")
			item.AppendChild(el("div", cls("govuk-hint govuk-radios__hint"), attr("id", iid+"-item-hint"), text(ch.hint)))
		}
		box.AppendChild(item)
		inputs = append(inputs, in)
	}
	f := field{id: name, hint: hint, err: errMsg}
	fs := el("fieldset", cls("govuk-fieldset"),
		child(el("legend", cls("govuk-fieldset__legend "+legendCls), text(legend))),
		child(f.hintEl()), child(a.errorEl(f)), child(box))
	if d := f.describedBy(); d != "" {
		fs.SetAttribute("aria-describedby", d)
	}
	return el("div", cls(groupCls(f)), attr("id", name+"-group"), child(fs)), inputs
}

// checkboxes renders a checkbox group in a fieldset.
func (a *App) checkboxes(name, legend, legendCls, hint string, small bool, choices []choice) (dom.Element, []dom.Element) {
	c := "govuk-checkboxes"
	if small {
		c += " govuk-checkboxes--small"
	}
	box := el("div", cls(c))
	var inputs []dom.Element
	for i, ch := range choices {
		iid := name + "-" + itoa(i)
		in := el("input", cls("govuk-checkboxes__input"), attr("id", iid), attr("name", name), attr("type", "checkbox"), attr("value", ch.value))
		if ch.checked {
			in.SetAttribute("checked", "")
		}
		item := el("div", cls("govuk-checkboxes__item"), child(in),
			child(el("label", cls("govuk-label govuk-checkboxes__label"), attr("for", iid), text(ch.label))))
		box.AppendChild(item)
		inputs = append(inputs, in)
	}
	f := field{id: name, hint: hint}
	fs := el("fieldset", cls("govuk-fieldset"),
		child(el("legend", cls("govuk-fieldset__legend "+legendCls), text(legend))),
		child(f.hintEl()), child(box))
	if hint != "" {
		fs.SetAttribute("aria-describedby", name+"-hint")
	}
	return el("div", cls("govuk-form-group"), child(fs)), inputs
}

// button renders a button. kind is "", "secondary" or "warning".
func button(label, kind string, os ...opt) dom.Element {
	c := "govuk-button"
	if kind != "" {
		c += " govuk-button--" + kind
	}
	return el("button", cls(c), attr("type", "button"), attr("data-module", "govuk-button"), text(label), group(os...))
}

// link renders a link within the app.
func link(href, label string, os ...opt) dom.Element {
	return el("a", cls("govuk-link"), attr("href", href), text(label), group(os...))
}

// tag renders a GOV.UK tag; colour is "", "grey", "green", "red", ….
func tag(label, colour string) dom.Element {
	c := "govuk-tag"
	if colour != "" {
		c += " govuk-tag--" + colour
	}
	return el("strong", cls(c), text(label))
}

// detailsBox is a GOV.UK details element: summary shows, and body opens
// beneath it when summary is activated.
func detailsBox(summary string, body ...opt) dom.Element {
	return el("details", cls("govuk-details"),
		child(el("summary", cls("govuk-details__summary"), child(el("span", cls("govuk-details__summary-text"), text(summary))))),
		child(el("div", cls("govuk-details__text"), group(body...))))
}

// warningText is GOV.UK warning text: msg beside an exclamation mark,
// which screen readers hear as the word for "warning".
func (a *App) warningText(msg string) dom.Element {
	return el("div", cls("govuk-warning-text"),
		child(el("span", cls("govuk-warning-text__icon"), attr("aria-hidden", "true"), text("!"))),
		child(el("strong", cls("govuk-warning-text__text"),
			child(el("span", cls("govuk-visually-hidden"), text(a.t("report.warning")+" "))),
			text(msg))))
}

// value reads a form control's value.
func value(e dom.Element) string { return e.Underlying().Get("value").String() }

// checked reads a checkbox or radio.
func checked(e dom.Element) bool { return e.Underlying().Get("checked").Bool() }

func itoa(n int) string { return fmtIntPlain(n) }

func fmtIntPlain(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// slug makes an id from a title: lower-case letters and digits joined by
// dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case strings.ContainsRune("âäáà", r):
			b.WriteByte('a')
			dash = false
		case strings.ContainsRune("êëéè", r):
			b.WriteByte('e')
			dash = false
		case strings.ContainsRune("îïíì", r):
			b.WriteByte('i')
			dash = false
		case strings.ContainsRune("ôöóò", r):
			b.WriteByte('o')
			dash = false
		case strings.ContainsRune("ûüúù", r):
			b.WriteByte('u')
			dash = false
		case r == 'ŵ':
			b.WriteByte('w')
			dash = false
		case r == 'ŷ' || r == 'ÿ':
			b.WriteByte('y')
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	out := strings.Trim(b.String(), "-")
	if len(out) > 60 {
		out = strings.Trim(out[:60], "-")
	}
	return out
}
