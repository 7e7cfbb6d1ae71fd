//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// A merge conflict on a whole record (a ward, a need, an asset, a voice
// note, a narrative section, an indicator value or an indicator) offers
// each draft's version of the record as canonical JSON, "" to delete it,
// and recordMark to keep the master's. The merge view shows each version
// as a list of labelled fields, marks the fields that differ from the
// master's version, and names deleting and keeping in words.

// recordFields lists, by the array a record is in, the members shown and
// their order; "bpr" is a need's basic priority rating, worked out by
// jsna.Need.BPR. Members not listed (added by newer versions of the
// format) follow under their own names.
var recordFields = map[string][]string{
	"needs":      {"title", "size", "seriousness", "effectiveness", "bpr", "inequality", "trend", "public_view", "pearl", "indicators", "recommendation", "resourcing"},
	"sections":   {"title", "text"},
	"assets":     {"name", "kind", "description"},
	"voice":      {"text", "source", "date"},
	"values":     {"period", "value", "lower", "upper", "lower998", "upper998", "count", "denominator", "note"},
	"wards":      {"name", "population", "values", "sections", "assets", "voice", "needs"},
	"indicators": {"name", "domain", "method", "polarity", "comparison", "unit", "multiplier", "period", "source", "benchmark_value"},
}

// longFields are members holding prose, shown with their line breaks.
var longFields = map[string]bool{"text": true, "description": true, "recommendation": true, "note": true}

// keyMember is the member that keys the records of array name (as in
// jsna's paths); it is the same in every version, so it is not listed.
func keyMember(name string) string {
	switch name {
	case "wards":
		return "code"
	case "values":
		return "indicator"
	}
	return "id"
}

// recordKind is the array whose record path names ("needs" for
// wards[E05000001].needs[n1]), or "" when path names a field or a record
// the view has no field list for.
func recordKind(path string) string {
	segs := splitPath(path)
	if len(segs) == 0 || !segs[len(segs)-1].record {
		return ""
	}
	k := segs[len(segs)-1].name
	if _, ok := recordFields[k]; !ok {
		return ""
	}
	return k
}

// recordJSON is the canonical JSON of the record at path in d, or "" when
// d has no such record.
func recordJSON(d *jsna.Document, path string) string {
	segs := splitPath(path)
	if len(segs) == 0 || !segs[0].record {
		return ""
	}
	// Encode only the top-level record, not the whole document.
	var part jsna.Document
	switch segs[0].name {
	case "wards":
		for _, w := range d.Wards {
			if w.Code == segs[0].key {
				part.Wards = []jsna.Ward{w}
			}
		}
	case "indicators":
		for _, ind := range d.Indicators {
			if ind.ID == segs[0].key {
				part.Indicators = []jsna.Indicator{ind}
			}
		}
	default:
		return ""
	}
	cur := json.RawMessage(jsna.Canonical(&part))
	for _, s := range segs {
		var obj map[string]json.RawMessage
		if json.Unmarshal(cur, &obj) != nil {
			return ""
		}
		cur = obj[s.name]
		if !s.record {
			continue
		}
		var list []json.RawMessage
		if json.Unmarshal(cur, &list) != nil {
			return ""
		}
		found := false
		for _, item := range list {
			var o map[string]json.RawMessage
			var key string
			if json.Unmarshal(item, &o) == nil && json.Unmarshal(o[keyMember(s.name)], &key) == nil && key == s.key {
				cur, found = item, true
				break
			}
		}
		if !found {
			return ""
		}
	}
	return string(cur)
}

// recordField is one line of a record's field list.
type recordField struct {
	name  string // the JSON member
	label string
	value string
	raw   json.RawMessage // for comparing with the master's version
	long  bool
}

// recordFieldsOf lists the fields of record v (canonical JSON) of kind in
// document d. ok is false when v is not a JSON object.
func (a *App) recordFieldsOf(d *jsna.Document, kind, v string) (fields []recordField, ok bool) {
	var obj map[string]json.RawMessage
	if json.Unmarshal([]byte(v), &obj) != nil || obj == nil {
		return nil, false
	}
	shown := map[string]bool{keyMember(kind): true}
	for _, name := range recordFields[kind] {
		shown[name] = true
		if name == "bpr" && kind == "needs" {
			var n jsna.Need
			if json.Unmarshal([]byte(v), &n) == nil {
				s := fmtScore(n.BPR())
				fields = append(fields, recordField{name: name, label: a.t("record." + (kind + "." + name)), value: s, raw: json.RawMessage(s)})
			}
			continue
		}
		raw, ok := obj[name]
		if !ok {
			continue
		}
		fields = append(fields, recordField{name: name, label: a.t("record." + (kind + "." + name)),
			value: a.fieldText(d, kind, name, raw), raw: raw, long: longFields[name]})
	}
	var extra []string
	for name := range obj {
		if !shown[name] {
			extra = append(extra, name)
		}
	}
	sort.Strings(extra)
	for _, name := range extra {
		fields = append(fields, recordField{name: name, label: name, value: a.fieldText(d, kind, name, obj[name]), raw: obj[name]})
	}
	return fields, true
}

// fieldText is a member's value for people: text as it is, numbers as
// written, yes or no, a need's PEARL answers and indicators by name, and
// a ward's records counted and named.
func (a *App) fieldText(d *jsna.Document, kind, name string, raw json.RawMessage) string {
	switch {
	case kind == "needs" && name == "resourcing":
		return a.resourcingText(raw) // costs_text.go
	case kind == "needs" && name == "pearl":
		var p jsna.Pearl
		if json.Unmarshal(raw, &p) != nil {
			break
		}
		var parts []string
		for _, q := range pearlQuestions {
			ans := a.t("needs.pearl.unanswered")
			if b := *pearlAnswer(&p, q); b != nil && *b {
				ans = a.t("needs.pearl.yes")
			} else if b != nil {
				ans = a.t("needs.pearl.no")
			}
			parts = append(parts, a.t("needs.pearl."+q)+": "+ans)
		}
		return strings.Join(parts, "; ")
	case kind == "needs" && name == "indicators":
		var ids []string
		if json.Unmarshal(raw, &ids) != nil {
			break
		}
		names := make([]string, len(ids))
		for i, id := range ids {
			names[i] = id
			for _, ind := range d.Indicators {
				if ind.ID == id {
					names[i] = ind.Name
				}
			}
		}
		return strings.Join(names, "; ")
	case kind == "wards" && (name == "values" || name == "sections" || name == "assets" || name == "voice" || name == "needs"):
		var list []map[string]json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			break
		}
		var titles []string
		for _, r := range list {
			for _, m := range []string{"title", "name"} {
				var s string
				if json.Unmarshal(r[m], &s) == nil && s != "" {
					titles = append(titles, s)
					break
				}
			}
		}
		if len(titles) == 0 {
			return itoa(len(list))
		}
		return a.t("merge.record.count", len(list), strings.Join(titles, "; "))
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		if b {
			return a.t("needs.pearl.yes")
		}
		return a.t("needs.pearl.no")
	}
	return string(raw)
}

// sameJSON reports whether two JSON values are equal as values.
func sameJSON(x, y json.RawMessage) bool {
	var vx, vy any
	if json.Unmarshal(x, &vx) != nil || json.Unmarshal(y, &vy) != nil {
		return string(x) == string(y)
	}
	return reflect.DeepEqual(vx, vy)
}

// recordList draws a record's fields as a description list. Where master
// is the master's version, a field that differs from it is marked, in
// words as well as by its look.
func (a *App) recordList(id string, fields, master []recordField) dom.Element {
	dl := el("dl", cls("app-record-fields"), attr("id", id))
	old := map[string]json.RawMessage{}
	for _, f := range master {
		old[f.name] = f.raw
	}
	for _, f := range fields {
		dt := el("dt", cls("app-record-fields__key"), text(f.label))
		dd := el("dd", cls("app-record-fields__value"), text(f.value), fieldLang(f.name))
		if f.long {
			dd.Class().Add("app-record-fields__value--long")
		}
		if master != nil {
			if o, ok := old[f.name]; !ok || !sameJSON(o, f.raw) {
				dt.AppendChild(doc.CreateTextNode(" "))
				dt.AppendChild(el("strong", cls("govuk-tag govuk-tag--blue app-changed"), text(a.t("merge.record.changed"))))
				dd.Class().Add("app-record-fields__value--changed")
			}
		}
		dl.AppendChild(dt)
		dl.AppendChild(dd)
	}
	// Fields the master has that this version drops.
	if master != nil {
		have := map[string]bool{}
		for _, f := range fields {
			have[f.name] = true
		}
		for _, f := range master {
			if !have[f.name] {
				dl.AppendChild(el("dt", cls("app-record-fields__key"), text(f.label+" "),
					child(el("strong", cls("govuk-tag govuk-tag--blue app-changed"), text(a.t("merge.record.changed"))))))
				dl.AppendChild(el("dd", cls("app-record-fields__value app-record-fields__value--changed"), text(a.t("merge.record.unknown"))))
			}
		}
	}
	return dl
}

// candidateLabel names a record conflict's candidate v in words.
func (a *App) candidateLabel(c jsna.Conflict, j int) string {
	switch c.Candidates[j].Value {
	case "":
		if c.Current == "" {
			return a.t("merge.record.deleted")
		}
		return a.t("merge.record.delete")
	case recordMark:
		return a.t("merge.record.keep")
	}
	// Versions are numbered in the order they are drawn.
	n := 0
	for _, k := range candidateOrder(c) {
		if v := c.Candidates[k].Value; v != "" && v != recordMark {
			n++
		}
		if k == j {
			break
		}
	}
	return a.t("merge.record.version", n)
}

// recordBody is what a record conflict's candidate proposes: the fields
// of a version, the master's record, or deletion in words.
func (a *App) recordBody(id string, d *jsna.Document, c jsna.Conflict, kind, v string, master []recordField) dom.Element {
	switch v {
	case "":
		return el("p", cls("govuk-body app-candidate__delete"), attr("id", id), text(a.t("merge.record.delete.body")))
	case recordMark:
		if master == nil {
			return el("p", cls("govuk-body"), attr("id", id), text(a.t("merge.value.record")))
		}
		return a.recordList(id, master, nil)
	}
	fields, ok := a.recordFieldsOf(d, kind, v)
	if !ok {
		return el("div", cls("app-candidate__value"), attr("id", id), text(plainValue(v)))
	}
	return a.recordList(id, fields, master)
}

// chosenText says in words what a resolution chose: a field's value, or
// for a record the version by its authors, keeping it or deleting it.
func (a *App) chosenText(r jsna.ResolutionRecord) string {
	if recordKind(r.Path) == "" || r.Chosen == recordMark {
		if r.Chosen == recordMark {
			return a.t("merge.resolved.kept")
		}
		return a.shownValue(r.Chosen)
	}
	if r.Chosen == "" {
		return a.t("merge.resolved.deleted")
	}
	if len(r.Kept) > 1 {
		return a.t("keepall.resolved", strings.Join(r.Kept, ", "))
	}
	for _, c := range r.Over {
		if c.Value == r.Chosen {
			var who []string
			for _, s := range c.By {
				who = append(who, a.sourceAuthor(s))
			}
			return a.t("merge.resolved.version", strings.Join(who, ", "))
		}
	}
	return a.t("merge.resolved.version", r.By)
}

// The Welsh fields of bilingual records (bilingual.go) are shown and
// compared as the English ones are.
func init() {
	for kind, names := range welshRecordFields {
		recordFields[kind] = append(recordFields[kind], names...)
	}
	for _, name := range []string{"text_cy", "description_cy", "recommendation_cy"} {
		longFields[name] = true
	}
}
