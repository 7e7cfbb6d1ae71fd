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
