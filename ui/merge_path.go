//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Paths of a merged document named in words, for conflicts and resolutions.

// describePath names the place a path points to in words: the ward, the
// record (section, need, asset, note, indicator) by its title, and the
// field, e.g. "Riverside › Narrative: Who lives here › text".
func (a *App) describePath(d *jsna.Document, path string) string {
	return a.describePathTitle(d, path, "")
}

// describePathTitle is describePath, naming a record d does not have by
// title (where title is not "").
func (a *App) describePathTitle(d *jsna.Document, path, title string) string {
	segs := splitPath(path)
	var parts []string
	var w *jsna.Ward
	kind := "document" // the kind of record the next field belongs to
	for i, s := range segs {
		switch {
		case s.name == "wards" && s.record:
			kind = "wards"
			w = nil
			for i := range d.Wards {
				if d.Wards[i].Code == s.key {
					w = &d.Wards[i]
				}
			}
			switch {
			case w != nil:
				parts = append(parts, a.wardName(w))
			case i == len(segs)-1 && title != "":
				parts = append(parts, title)
			default:
				parts = append(parts, a.t("merge.where.ward", s.key))
			}
		case s.record:
			label := a.recordLabel(d, w, s.name, s.key)
			if i == len(segs)-1 && title != "" && strings.HasSuffix(label, ": "+s.key) {
				label = strings.TrimSuffix(label, s.key) + title
			}
			parts = append(parts, label)
			kind = s.name
		default:
			parts = append(parts, a.fieldLabel(kind, s.name))
			kind += "." + s.name
		}
	}
	if len(parts) == 0 {
		return path
	}
	return strings.Join(parts, " › ")
}

// recordLabel names a record of a ward (or of the document) by its kind
// and its title.
func (a *App) recordLabel(d *jsna.Document, w *jsna.Ward, kind, key string) string {
	title := key
	label := kind
	switch kind {
	case "sections":
		label = a.t("ward.tab.narrative")
		if w != nil {
			title = titleOf(w.Sections, key, title, func(s jsna.Section) (string, string) { return s.ID, s.Title })
		}
	case "needs":
		label = a.t("ward.tab.needs")
		if w != nil {
			title = titleOf(w.Needs, key, title, func(n jsna.Need) (string, string) { return n.ID, n.Title })
		}
	case "assets":
		label = a.t("ward.tab.assets")
		if w != nil {
			title = titleOf(w.Assets, key, title, func(x jsna.Asset) (string, string) { return x.ID, x.Name })
		}
	case "voice":
		label = a.t("ward.tab.voice")
	case "values", "indicators":
		label = a.t("ward.tab.indicators")
		for _, ind := range d.Indicators {
			if ind.ID == key {
				title = ind.Name
			} else if p, ok := strings.CutPrefix(key, ind.ID+jsna.ValueKeySeparator); ok && kind == "values" {
				title = ind.Name + " (" + p + ")" // a value of an earlier period (jsna.ValueKey)
			}
		}
	}
	return label + ": " + title
}

// titleOf is the title of the record of rs whose id is key, by idTitle,
// or title when none has that id.
func titleOf[R any](rs []R, key, title string, idTitle func(R) (string, string)) string {
	for _, r := range rs {
		if id, t := idTitle(r); id == key {
			title = t
		}
	}
	return title
}

// pathSeg is one step of a jsna path: a member, or a record by its key.
type pathSeg struct {
	name   string
	record bool
	key    string
}

// splitPath splits a jsna path (wards[E05000001].sections[s1].text, with
// names and keys quoted where they hold . [ ] " \ or a space) into steps,
// for describePath. A path it cannot read gives no steps.
func splitPath(p string) []pathSeg {
	var out []pathSeg
	for p != "" {
		var s pathSeg
		var ok bool
		if s.name, p, ok = cutPathPart(p, ".["); !ok {
			return nil
		}
		if strings.HasPrefix(p, "[") {
			if s.key, p, ok = cutPathPart(p[1:], "]"); !ok || !strings.HasPrefix(p, "]") {
				return nil
			}
			s.record = true
			p = p[1:]
		}
		out = append(out, s)
		if p != "" && !strings.HasPrefix(p, ".") {
			return nil
		}
		p = strings.TrimPrefix(p, ".")
	}
	return out
}

// cutPathPart reads a name or key, quoted or up to one of stops.
func cutPathPart(p, stops string) (part, rest string, ok bool) {
	if strings.HasPrefix(p, `"`) {
		q, err := strconv.QuotedPrefix(p)
		if err != nil {
			return "", "", false
		}
		u, _ := strconv.Unquote(q)
		return u, p[len(q):], true
	}
	i := strings.IndexAny(p, stops)
	if i < 0 {
		return p, "", true
	}
	return p[:i], p[i:], true
}
