//go:build browser

package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
)

// writeDoc writes d as name in dir and returns its path.
func writeDoc(tb testing.TB, dir, name string, d *jsna.Document) string {
	tb.Helper()
	data, err := jsna.Marshal(d)
	if err != nil {
		tb.Fatal(err)
	}
	f := filepath.Join(dir, name)
	if err := os.WriteFile(f, data, 0o644); err != nil {
		tb.Fatal(err)
	}
	return f
}

// cutDraft cuts a draft of master for author at.
func cutDraft(tb testing.TB, master *jsna.Document, id, author, role string, at time.Time) *jsna.Document {
	tb.Helper()
	d, err := merge.NewDraft(master, merge.DraftOptions{ID: id, Author: author, Role: role, Now: at})
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// sentenceDrafts writes two drafts of the example that each change one
// sentence of the same line of the first ward's first section: Dr A
// "less deprived" to "more deprived", Cllr B the end of the sentence.
func sentenceDrafts(tb testing.TB, dir string) (a, b string, master *jsna.Document) {
	tb.Helper()
	master = readExample(tb)
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	text := master.Wards[0].Sections[0].Text
	const line = "The ward is less deprived than the borough as a whole."
	if !strings.Contains(text, line) {
		tb.Fatalf("the example's first section lacks %q: %q", line, text)
	}
	da := cutDraft(tb, master, "draft-a", "Dr A", jsna.RoleGP, at)
	da.Wards[0].Sections[0].Text = strings.Replace(text, line, "The ward is more deprived than the borough as a whole.", 1)
	db := cutDraft(tb, master, "draft-b", "Cllr B", jsna.RoleCouncillor, at.Add(time.Hour))
	db.Wards[0].Sections[0].Text = strings.Replace(text, line, "The ward is less deprived than the borough, but not in every street.", 1)
	return writeDoc(tb, dir, "draft-a.json", da), writeDoc(tb, dir, "draft-b.json", db), master
}

// mergeFiles loads the example as the master and the drafts files into the
// merge view and merges them.
func mergeFiles(p *page, files ...string) {
	p.tb.Helper()
	p.navigate("#/merge")
	p.upload("#merge-master", "../../static/examples/example-borough.json")
	p.waitVisible("#merge-master-summary")
	p.upload("#merge-drafts", files...)
	p.waitFor("the drafts", fmt.Sprintf(`document.querySelectorAll("#merge-draft-table tbody tr").length === %d`, len(files)))
	p.click("#merge-run")
	p.waitVisible("#merge-report")
}

// TestBrowserWordDiff merges two drafts that change one sentence each of
// the same line, and checks that each candidate marks, against the
// master, the words it changed, and only those, with <ins> and <del> that
// say "inserted:" and "deleted:" to a screen reader, and not by colour
// alone.
func TestBrowserWordDiff(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	fa, fb, _ := sentenceDrafts(t, t.TempDir())
	mergeFiles(p, fa, fb)
	if got := eval[int](p, `document.querySelectorAll(".app-conflict").length`); got != 1 {
		t.Fatalf("conflicts shown = %d, want 1 (the section text)", got)
	}
	card := func(who string) string {
		return fmt.Sprintf(`Array.from(document.querySelectorAll("#conflict-0 .app-candidate")).find(c => c.querySelector(".app-candidate__who").textContent.includes(%q))`, who)
	}
	parts := func(who, tag string) string {
		return eval[string](p, fmt.Sprintf(`Array.from(%s.querySelectorAll(%q)).map(e => e.textContent.trim()).join("|")`, card(who), tag))
	}
	for _, tt := range []struct{ who, del, ins string }{
		{"Dr A", "deleted: less end.", "inserted: more end."},
		{"Cllr B", "deleted:  as a whole end.", "inserted: , but not in every street end."},
	} {
		if got := parts(tt.who, "del"); got != tt.del {
			t.Errorf("%s's candidate: <del> = %q, want %q", tt.who, got, tt.del)
		}
		if got := parts(tt.who, "ins"); got != tt.ins {
			t.Errorf("%s's candidate: <ins> = %q, want %q", tt.who, got, tt.ins)
		}
		hidden := eval[string](p, fmt.Sprintf(`Array.from(%s.querySelectorAll("ins .govuk-visually-hidden, del .govuk-visually-hidden")).map(e => e.textContent.trim()).join("|")`, card(tt.who)))
		if hidden != "deleted:|end.|inserted:|end." {
			t.Errorf("%s's candidate: visually hidden words = %q", tt.who, hidden)
		}
	}
	// Not by colour alone: struck through and underlined.
	style := eval[string](p, `getComputedStyle(document.querySelector("#conflict-0 del")).textDecorationLine + " " + getComputedStyle(document.querySelector("#conflict-0 ins")).textDecorationLine`)
	if style != "line-through underline" {
		t.Errorf("text decoration of del and ins = %q, want line-through underline", style)
	}
	if key := p.text("#conflict-0-diff-key"); !strings.Contains(key, "underlined") || !strings.Contains(key, "struck through") {
		t.Errorf("the key to the marks = %q", key)
	}
	p.axe("word difference")
	p.shot("merge-word-diff")
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	if got := parts("Dr A", "del"); got != "wedi’i ddileu: less diwedd." {
		t.Errorf("Welsh <del> = %q", got)
	}
	p.click("#lang-switch")
	p.waitFor("English", `document.documentElement.lang === "en"`)
	p.checkClean()
}

// TestBrowserDraftingFixes: Enter in the need title adds the need; a
// need with no PEARL answers reads "not yet assessed" and is listed on
// the priorities without a rank; the indicator checkboxes filter; the
// wards of "Drafting only some wards?" are in order of name; and after
// Start a draft the app is back on the ward and tab she was on.
func TestBrowserDraftingFixes(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/needs")
	p.waitVisible("#new-need-title")
	before := eval[int](p, `document.querySelectorAll(".app-record[id^=need-]").length`)
	p.click("#new-need-title")
	p.run("type", chromedp.KeyEvent("Loneliness in older people"))
	p.run("Enter", chromedp.KeyEvent(kb.Enter))
	p.waitFor("the need added", fmt.Sprintf(`document.querySelectorAll(".app-record[id^=need-]").length === %d`, before+1))
	fid := fmt.Sprintf("#need-%d", before)
	if got := p.text(fid + "-heading"); got != "Loneliness in older people" {
		t.Errorf("new need heading = %q", got)
	}
	if got := p.text(fid + "-bpr"); !strings.Contains(got, "PEARL test not yet assessed") || strings.Contains(got, "Passes") {
		t.Errorf("new need's PEARL line = %q, want not yet assessed", got)
	}

	// The indicator filter.
	p.click(fid + " details summary")
	total := eval[int](p, fmt.Sprintf(`document.querySelectorAll("%s input[type=checkbox]").length`, fid))
	p.typeInto(fid+"-indicators-filter", "obesity")
	shown := eval[int](p, fmt.Sprintf(`Array.from(document.querySelectorAll("%s .govuk-checkboxes__item")).filter(i => i.offsetParent !== null).length`, fid))
	labels := eval[string](p, fmt.Sprintf(`Array.from(document.querySelectorAll("%s .govuk-checkboxes__item")).filter(i => i.offsetParent !== null).map(i => i.textContent).join("|")`, fid))
	if shown == 0 || shown >= total || !strings.Contains(strings.ToLower(labels), "obesity") {
		t.Errorf("filter %q shows %d of %d: %s", "obesity", shown, total, labels)
	}
	if got := p.text(fid + "-indicators-filter-status"); got != fmt.Sprintf("%d of %d indicators shown", shown, total) {
		t.Errorf("filter status = %q", got)
	}
	p.axe("needs with a filter")
	p.shot("needs-filter")

	// The priorities list the need without a rank.
	p.navigate("#/priorities")
	row := eval[string](p, `Array.from(document.querySelectorAll("#priority-table tbody tr")).filter(r => r.textContent.includes("Loneliness in older people")).map(r => Array.from(r.cells).map(c => c.textContent).join("|")).join("")`)
	if !strings.HasPrefix(row, "–No value|Loneliness in older people|") || !strings.Contains(row, "not yet assessed") {
		t.Errorf("priorities row = %q, want no rank and not yet assessed", row)
	}

	// Start a draft from the ward's needs: wards by name, then back there.
	p.navigate("#/ward/" + code + "/needs")
	p.waitVisible("#new-need-title")
	p.click("#start-draft")
	p.waitVisible("#draft-name")
	names := eval[[]string](p, `Array.from(document.querySelectorAll("input[name=draft-wards] + label")).map(l => l.textContent)`)
	if !sort.StringsAreSorted(names) || len(names) != 20 {
		t.Errorf("wards offered = %q, want 20 in order of name", names)
	}
	p.typeInto("#draft-name", "Dr Return")
	p.click("#draft-role-0")
	p.click("#draft-start")
	p.waitFor("the draft", `document.querySelector("#docbar") && document.querySelector("#docbar").textContent.includes("Dr Return")`)
	if got := eval[string](p, `location.hash`); got != "#/ward/"+code+"/needs" {
		t.Errorf("after Start a draft, at %q, want #/ward/%s/needs", got, code)
	}
	p.checkClean()
}

// combineDrafts writes three drafts of the example: Dr A and Cllr B
// change the same line of the first ward's first section (sentenceDrafts)
// and each add a voice note with the same id and different text, Dr A one
// more; Nurse C rewrites the second ward's first section.
func combineDrafts(tb testing.TB, dir string) (files []string, master *jsna.Document) {
	tb.Helper()
	fa, fb, master := sentenceDrafts(tb, dir)
	read := func(f string) *jsna.Document {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		d, err := jsna.Parse(f, b)
		if err != nil {
			tb.Fatal(err)
		}
		return d
	}
	da, db := read(fa), read(fb)
	da.Wards[0].Voice = append(da.Wards[0].Voice, jsna.Voice{ID: "v-new", Text: "Buses stop at six.", Source: "surgery"},
		jsna.Voice{ID: "v-a2", Text: "The pharmacy shuts at lunch."})
	db.Wards[0].Voice = append(db.Wards[0].Voice, jsna.Voice{ID: "v-new", Text: "The library is closing.", Date: "2026-11-02"})
	dc := cutDraft(tb, master, "nurse-c", "Nurse C", jsna.RoleAnalyst, time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC))
	dc.Wards[1].Sections[0].Text = "Left out of the merge."
	return []string{writeDoc(tb, dir, "draft-a.json", da), writeDoc(tb, dir, "draft-b.json", db), writeDoc(tb, dir, "draft-c.json", dc)}, master
}

// TestBrowserCombineKeepBoth previews three drafts (counted by record),
// leaves one out, merges the others, checks the task list by ward, then
// combines the two edits of a sentence in the editor (refused while the
// marks are left) and keeps both versions of a voice note added twice,
// and checks the exported master: the combined text, both notes under the
// ids stated, provenance following each, and the left-out draft absent.
func TestBrowserCombineKeepBoth(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	files, master := combineDrafts(t, t.TempDir())
	w0, w1 := master.Wards[0], master.Wards[1]

	p.navigate("#/merge")
	p.upload("#merge-master", "../../static/examples/example-borough.json")
	p.waitVisible("#merge-master-summary")
	p.upload("#merge-drafts", files...)
	p.waitFor("the drafts", `document.querySelectorAll("#merge-draft-table tbody tr").length === 3`)
	for i, want := range []string{"1 section edited, 2 voice notes added", "1 section edited, 1 voice note added", "1 section edited"} {
		if got := p.text(fmt.Sprintf("#merge-preview-%d", i)); got != want {
			t.Errorf("preview of draft %d = %q, want %q", i, got, want)
		}
	}
	p.axe("merge preview")
	p.shot("merge-preview")
	p.click("#merge-include-2")
	p.waitFor("Nurse C left out", `!document.getElementById("merge-include-2").checked`)
	p.click("#merge-run")
	p.waitVisible("#merge-report")
	if got := eval[int](p, `document.querySelectorAll(".app-conflict").length`); got != 2 {
		t.Fatalf("conflicts shown = %d, want 2", got)
	}
	if got := p.text("#merge-tasks"); !strings.Contains(got, w0.Name) || !strings.Contains(got, "2 to resolve") {
		t.Errorf("task list = %q, want %s with 2 to resolve", got, w0.Name)
	}
	p.axe("merge with a task list")
	p.shot("merge-tasks")
	p.typeInto("#merge-by", "Coordinator C")

	// The voice note: keep both.
	box := eval[int](p, `Array.from(document.querySelectorAll(".app-conflict")).findIndex(b => b.querySelector(".app-path").textContent.includes(".voice["))`)
	if box < 0 {
		t.Fatal("no conflict on the voice note")
	}
	hint := p.text(fmt.Sprintf("#conflict-%d-keepall-hint", box))
	if !strings.Contains(hint, "is kept as v-new.") || !strings.Contains(hint, "is kept as v-new-draft-") {
		t.Errorf("keep both says %q, want the ids stated", hint)
	}
	p.click(fmt.Sprintf("#conflict-%d-keepall", box))
	p.click(fmt.Sprintf("#conflict-%d-resolve", box))
	p.waitFor("one conflict left", `document.querySelectorAll(".app-conflict").length === 1`)
	if got := p.text("#merge-resolved"); !strings.Contains(got, "every version kept, as v-new, v-new-draft-") {
		t.Errorf("resolved list = %q, want every version kept", got)
	}
	if got := p.text("#merge-report-table tbody"); !strings.Contains(got, "1 section edited, 2 voice notes added") {
		t.Errorf("merge report = %q, want the changes counted by record", got)
	}

	// The text: combine.
	p.click("#conflict-0-combine")
	start := p.value("#conflict-0-combined")
	lines := strings.Split(w0.Sections[0].Text, "\n")
	for _, want := range []string{lines[0], "⟦ from here, the version by Dr A (GP)", "The ward is more deprived than the borough as a whole.",
		"⟦ to here, the version by Cllr B (Ward councillor)", "The ward is less deprived than the borough, but not in every street.", lines[2]} {
		if !strings.Contains(start, want) {
			t.Errorf("the combine editor lacks %q:\n%s", want, start)
		}
	}
	p.shot("merge-combine")
	p.click("#conflict-0-resolve")
	p.waitVisible("#error-summary")
	if got := p.text("#error-summary"); !strings.Contains(got, "delete the lines that start with ⟦") {
		t.Errorf("error summary = %q, want the marks to be removed", got)
	}
	combined := lines[0] + "\nThe ward is more deprived than the borough, but not in every street.\n" + lines[2]
	p.click("#conflict-0-combine")
	p.typeInto("#conflict-0-combined", combined)
	p.click("#conflict-0-resolve")
	p.waitVisible("#merge-no-conflicts")
	if got := p.text("#merge-tasks"); !strings.Contains(got, "Resolved") {
		t.Errorf("task list after = %q, want Resolved", got)
	}
	p.axe("merge resolved by combining")

	d, err := jsna.Parse("master.json", p.download("#merge-export"))
	if err != nil {
		t.Fatalf("the exported master does not validate: %v", err)
	}
	ward := func(code string) *jsna.Ward {
		for i := range d.Wards {
			if d.Wards[i].Code == code {
				return &d.Wards[i]
			}
		}
		t.Fatalf("ward %s missing", code)
		return nil
	}
	if got := ward(w0.Code).Sections[0].Text; got != combined {
		t.Errorf("combined text = %q, want %q", got, combined)
	}
	if got := ward(w1.Code).Sections[0].Text; got != w1.Sections[0].Text {
		t.Errorf("%s text = %q: the draft left out was merged", w1.Code, got)
	}
	voice := map[string]string{}
	for _, v := range ward(w0.Code).Voice {
		voice[v.ID] = v.Text
	}
	var second string
	for id := range voice {
		if strings.HasPrefix(id, "v-new-draft-") {
			second = id
		}
	}
	if voice["v-new"] == "" || second == "" || voice["v-new"] == voice[second] || voice["v-a2"] != "The pharmacy shuts at lunch." {
		t.Errorf("voice notes = %v, want v-new, %s and v-a2", voice, second)
	}
	prov := map[string][]jsna.Source{}
	for _, pv := range d.Provenance {
		prov[pv.Path] = pv.By
	}
	for _, id := range []string{"v-new", second} {
		by := prov["wards["+w0.Code+"].voice["+id+"]"]
		wantAuthor := "Dr A"
		if voice[id] == "The library is closing." {
			wantAuthor = "Cllr B"
		}
		if len(by) != 2 || by[0].Author != wantAuthor || by[1].Author != "Coordinator C" {
			t.Errorf("provenance of voice %s = %+v, want %s then Coordinator C", id, by, wantAuthor)
		}
	}
	p.checkClean()
}

// TestBrowserHistory merges two conflicting drafts under a coordinator's
// name, resolves both conflicts, exports the master (named for what it
// is), opens it and reads its history (newest first: the two resolutions,
// then the merge with its drafts, authors and conflicts) and who set a
// value of the second ward: Dr A, when she saved it, and who merged it.
func TestBrowserHistory(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	fa, fb, master := mergeDrafts(t, t.TempDir())
	w0, w1 := master.Wards[0], master.Wards[1]
	p.navigate("#/merge")
	p.typeInto("#merge-by", "Jo Coordinator")
	p.upload("#merge-master", "../../static/examples/example-borough.json")
	p.waitVisible("#merge-master-summary")
	p.upload("#merge-drafts", fa, fb)
	p.waitFor("both drafts", `document.querySelectorAll("#merge-draft-table tbody tr").length === 2`)
	p.click("#merge-run")
	p.waitVisible("#merge-report")
	p.click("#conflict-0-edit")
	p.typeInto("#conflict-0-value", "7")
	p.click("#conflict-0-resolve")
	p.waitFor("one conflict left", `document.querySelectorAll(".app-conflict").length === 1`)
	p.click("#conflict-0-take-1")
	p.click("#conflict-0-resolve")
	p.waitVisible("#merge-no-conflicts")
	p.download("#merge-export")
	if got := p.text("#status"); got != "Saved as example-borough-synthetic-master-"+time.Now().UTC().Format("2006-01-02")+".json." {
		t.Errorf("export status = %q, want the file named for a master of Example Borough today", got)
	}
	p.click("#merge-open")
	p.waitFor("the area", `location.hash === "#/area"`)
	p.navigate("#/history")
	p.waitVisible("#history-table")
	rows := eval[[]string](p, `Array.from(document.querySelectorAll("#history-table tbody tr")).map(r => Array.from(r.cells).map(c => c.textContent).join("|"))`)
	if len(rows) != 3 {
		t.Fatalf("history rows = %q, want 3", rows)
	}
	for i, want := range []string{"4View revision 3|", "3View revision 2|", "2View revision 1|"} {
		if !strings.HasPrefix(rows[i], want) {
			t.Errorf("history row %d = %q, want revision %s", i, rows[i], want)
		}
	}
	for i := 0; i < 2; i++ {
		if !strings.Contains(rows[i], "Resolved the conflict on "+w0.Name) || !strings.Contains(rows[i], "|Jo Coordinator|1|0") {
			t.Errorf("history row %d = %q, want a resolution in %s by Jo Coordinator, 1 record", i, rows[i], w0.Name)
		}
	}
	if !strings.Contains(rows[2], "Merged the draft by Dr A (draft-a); the draft by Cllr B (draft-b)|Jo Coordinator|") || !strings.HasSuffix(rows[2], "|2") {
		t.Errorf("history merge row = %q, want both drafts by author, Jo Coordinator, 2 conflicts", rows[2])
	}
	p.axe("history")
	p.shot("history")

	// Revision 1, the master as it was, against the master now.
	p.click(`a[href="#/history/revision-1"]`)
	p.waitVisible("#revision-changes")
	if got := p.text("#revision-summary"); got != "3 records have changed since this revision." {
		t.Errorf("revision 1 summary = %q", got)
	}
	changes := p.text("#revision-changes")
	for _, want := range []string{"inserted: Text from A end.", "inserted: Only A changed this end.", "A: size", "now 7"} {
		if !strings.Contains(changes, want) {
			t.Errorf("revision 1's changes lack %q:\n%s", want, changes)
		}
	}
	if n := eval[int](p, `document.querySelectorAll("#revision-changes ins").length`); n == 0 {
		t.Error("revision 1's changes mark no insertion")
	}
	p.axe("revision")
	p.shot("history-revision")
	p.navigate("#/history")
	p.waitVisible("#history-table")

	p.click(`#history-wards a[href="#/history/` + w1.Code + `"]`)
	p.waitVisible("#provenance-table")
	prov := eval[string](p, `Array.from(document.querySelectorAll("#provenance-table tbody tr")).map(r => r.textContent).join("\n")`)
	for _, want := range []string{w1.Name + " › ", "Set by Dr A (GP), saved 20 Nov 2026, 10:00; merged by Jo Coordinator, "} {
		if !strings.Contains(prov, want) {
			t.Errorf("provenance of %s lacks %q:\n%s", w1.Code, want, prov)
		}
	}
	p.axe("provenance")
	p.shot("history-provenance")
	p.navigate("#/ward/" + w0.Code + "/narrative")
	p.click("#ward-provenance")
	p.waitFor("the ward's provenance", `location.hash === "#/history/`+w0.Code+`"`)
	p.waitVisible("#provenance-table")
	if prov := p.text("#provenance-table"); !strings.Contains(prov, "Chosen by Jo Coordinator") {
		t.Errorf("provenance of %s = %q, want the resolutions", w0.Code, prov)
	}
	p.checkClean()
}

// TestBrowserUndoRedo types into two sections, undoes both (each burst of
// typing one edit), redoes one, and undoes from another tab, which goes
// back to the narrative to do it.
func TestBrowserUndoRedo(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	code := firstWard(p)
	p.navigate("#/ward/" + code + "/narrative")
	p.waitVisible("#section-1-text")
	s0, s1 := p.value("#section-0-text"), p.value("#section-1-text")
	if eval[string](p, `document.getElementById("undo").getAttribute("aria-disabled")`) != "true" {
		t.Error("Undo is enabled before any edit")
	}
	p.typeInto("#section-0-text", "First edit.")
	p.typeInto("#section-1-text", "Second edit.")
	if got := eval[string](p, `document.getElementById("undo").getAttribute("aria-label")`); !strings.HasPrefix(got, "Undo the change to ") {
		t.Errorf("Undo's name = %q", got)
	}
	p.axe("undo")
	p.click("#undo")
	if got := p.value("#section-1-text"); got != s1 {
		t.Errorf("after one undo, section 1 = %q, want %q", got, s1)
	}
	if got := p.value("#section-0-text"); got != "First edit." {
		t.Errorf("after one undo, section 0 = %q, want First edit.", got)
	}
	p.click("#undo")
	if got := p.value("#section-0-text"); got != s0 {
		t.Errorf("after two undos, section 0 = %q, want %q", got, s0)
	}
	p.click("#redo")
	if got := p.value("#section-0-text"); got != "First edit." {
		t.Errorf("after redo, section 0 = %q, want First edit.", got)
	}
	if got := p.text("#status"); !strings.HasPrefix(got, "Redone: the change to ") {
		t.Errorf("status = %q", got)
	}
	// From the needs tab, Undo goes back to the narrative to undo.
	p.navigate("#/ward/" + code + "/needs")
	p.waitVisible("#undo")
	p.click("#undo")
	p.waitFor("the narrative", `location.hash === "#/ward/`+code+`/narrative"`)
	if got := p.value("#section-0-text"); got != s0 {
		t.Errorf("undo from the needs tab: section 0 = %q, want %q", got, s0)
	}
	// The model has it: the saved draft would hold the earlier text.
	p.navigate("#/ward/" + code + "/narrative")
	if got := p.value("#section-0-text"); got != s0 {
		t.Errorf("redrawn, section 0 = %q, want %q", got, s0)
	}
	p.checkClean()
}
