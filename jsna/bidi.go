package jsna

import "strings"

// bidiControls names the Unicode bidirectional embedding, override and
// isolate controls. In a name, id or author they can make text display
// other than it reads (a ward name shown backwards, an author who seems to
// be someone else), so Validate refuses them there. The marks U+200E and
// U+200F, which only nudge the direction of neutral characters, are not
// among them: narrative in Urdu or Arabic may need them.
var bidiControls = map[rune]string{
	'\u202A': "left-to-right embedding",
	'\u202B': "right-to-left embedding",
	'\u202C': "pop directional formatting",
	'\u202D': "left-to-right override",
	'\u202E': "right-to-left override",
	'\u2066': "left-to-right isolate",
	'\u2067': "right-to-left isolate",
	'\u2068': "first strong isolate",
	'\u2069': "pop directional isolate",
}

// checkBidi reports s, the value at path, if it holds a bidirectional
// control (bidiControls), naming the first one.
func checkBidi(ps *Problems, path, s string) {
	if !mayHoldBidi(s) {
		return
	}
	for _, r := range s {
		if name, ok := bidiControls[r]; ok {
			ps.Add(path, "contains U+%04X (%s), which can disguise text", r, name)
			return
		}
	}
}

// mayHoldBidi reports whether s has the first byte of a bidirectional
// control: every one is encoded E2 80 xx or E2 81 xx.
func mayHoldBidi(s string) bool { return strings.IndexByte(s, 0xE2) >= 0 }

// validateNames refuses the bidirectional controls in the document's
// names, ids and authors: every id, code and key (including references to
// indicators and wards, and the revisions and saves named), every name and
// title (the Welsh ones too), and the draft's author and sender, and those
// kept in the merge records. Narrative, voice notes, descriptions and notes are free text and
// are not checked: right-to-left text there is kept as written.
func (d *Document) validateNames(ps *Problems) {
	checkBidi(ps, "id", d.ID)
	checkBidi(ps, "title", d.Title)
	checkBidi(ps, "area.code", d.Area.Code)
	checkBidi(ps, "area.name", d.Area.Name)
	checkBidi(ps, "area.name_cy", d.Area.NameCy)
	checkBidi(ps, "benchmark.code", d.Benchmark.Code)
	checkBidi(ps, "benchmark.name", d.Benchmark.Name)
	checkBidi(ps, "benchmark.name_cy", d.Benchmark.NameCy)
	for i := range d.Indicators {
		p := index("indicators", i)
		checkBidi(ps, member(p, "id"), d.Indicators[i].ID)
		checkBidi(ps, member(p, "name"), d.Indicators[i].Name)
		checkBidi(ps, member(p, "name_cy"), d.Indicators[i].NameCy)
	}
	for i := range d.Wards {
		d.Wards[i].validateNames(index("wards", i), ps)
	}
	if dr := d.Draft; dr != nil {
		checkBidi(ps, "draft.id", dr.ID)
		checkBidi(ps, "draft.author", dr.Author)
		checkBidi(ps, "draft.sender", dr.Sender)
		checkBidi(ps, "draft.base", dr.Base)
		checkBidi(ps, "draft.save", dr.Save)
		checkBidi(ps, "draft.parent", dr.Parent)
		for i, c := range dr.Wards {
			checkBidi(ps, index("draft.wards", i), c)
		}
	}
	d.validateRecordNames(ps)
	d.practiceNames(ps)
}

// validateNames checks the ward's names, ids and codes. Most hold no byte
// a control can start with (mayHoldBidi): their paths, which take longer
// to build than the check, are built only for those that may.
func (w *Ward) validateNames(p string, ps *Problems) {
	check := func(s string, path func() string) {
		if mayHoldBidi(s) {
			checkBidi(ps, path(), s)
		}
	}
	check(w.Code, func() string { return member(p, "code") })
	check(w.Name, func() string { return member(p, "name") })
	check(w.NameCy, func() string { return member(p, "name_cy") })
	for i := range w.Values {
		check(w.Values[i].Indicator, func() string { return member(index(member(p, "values"), i), "indicator") })
	}
	for i := range w.Sections {
		s := &w.Sections[i]
		sp := func() string { return index(member(p, "sections"), i) }
		check(s.ID, func() string { return member(sp(), "id") })
		check(s.Title, func() string { return member(sp(), "title") })
		check(s.TitleCy, func() string { return member(sp(), "title_cy") })
	}
	for i := range w.Assets {
		a := &w.Assets[i]
		ap := func() string { return index(member(p, "assets"), i) }
		check(a.ID, func() string { return member(ap(), "id") })
		check(a.Name, func() string { return member(ap(), "name") })
		check(a.NameCy, func() string { return member(ap(), "name_cy") })
	}
	for i := range w.Voice {
		check(w.Voice[i].ID, func() string { return member(index(member(p, "voice"), i), "id") })
	}
	for i := range w.Needs {
		n := &w.Needs[i]
		np := func() string { return index(member(p, "needs"), i) }
		check(n.ID, func() string { return member(np(), "id") })
		check(n.Title, func() string { return member(np(), "title") })
		check(n.TitleCy, func() string { return member(np(), "title_cy") })
		for k, id := range n.Indicators {
			check(id, func() string { return index(member(np(), "indicators"), k) })
		}
	}
}

// validateRecordNames checks the ids and authors in a master's merge
// records, which show in the merge and history views.
func (d *Document) validateRecordNames(ps *Problems) {
	sources := func(p string, by []Source) {
		for i, s := range by {
			sp := index(member(p, "by"), i)
			checkBidi(ps, member(sp, "draft"), s.Draft)
			checkBidi(ps, member(sp, "author"), s.Author)
			checkBidi(ps, member(sp, "sender"), s.Sender)
		}
	}
	candidates := func(p string, cs []Candidate) {
		for i := range cs {
			sources(index(p, i), cs[i].By)
		}
	}
	for i, h := range d.History {
		checkBidi(ps, member(index("history", i), "revision"), h.Revision)
	}
	for i, c := range d.Conflicts {
		p := index("conflicts", i)
		checkBidi(ps, member(p, "id"), c.ID)
		candidates(member(p, "candidates"), c.Candidates)
	}
	for i, pr := range d.Provenance {
		sources(index("provenance", i), pr.By)
	}
	for i, t := range d.Tombstones {
		sources(index("tombstones", i), t.By)
	}
	for i, m := range d.Merged {
		p := index("merged", i)
		checkBidi(ps, member(p, "draft"), m.Draft)
		checkBidi(ps, member(p, "revision"), m.Revision)
	}
	for i, r := range d.Resolutions {
		p := index("resolutions", i)
		checkBidi(ps, member(p, "conflict"), r.Conflict)
		checkBidi(ps, member(p, "by"), r.By)
		candidates(member(p, "over"), r.Over)
	}
}
