//go:build browser

package main

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
)

// recordDrafts writes two drafts of the example that disagree on whole
// records of the first ward: Dr A deletes need n1 and retitles need n2,
// Cllr B edits n1 (its size and recommendation) and deletes n2.
func recordDrafts(tb testing.TB, dir string) (a, b string, master *jsna.Document) {
	tb.Helper()
	master = readExample(tb)
	at := time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC)
	write := func(name string, d *jsna.Document) string {
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
	if len(master.Wards[0].Needs) < 2 {
		tb.Fatalf("the example's first ward has %d needs, the test needs 2", len(master.Wards[0].Needs))
	}
	da, err := merge.NewDraft(master, merge.DraftOptions{ID: "draft-a", Author: "Dr A", Role: jsna.RoleGP, Now: at})
	if err != nil {
		tb.Fatal(err)
	}
	da.Wards[0].Needs[1].Title = "Retitled by A"
	da.Wards[0].Needs = da.Wards[0].Needs[1:]
	db, err := merge.NewDraft(master, merge.DraftOptions{ID: "draft-b", Author: "Cllr B", Role: jsna.RoleCouncillor, Now: at.Add(time.Hour)})
	if err != nil {
		tb.Fatal(err)
	}
	db.Wards[0].Needs[0].Size = math.Mod(master.Wards[0].Needs[0].Size+1, 11)
	db.Wards[0].Needs[0].Recommendation = "Cllr B's plan: <b>not html</b>."
	db.Wards[0].Needs = db.Wards[0].Needs[:1]
	return write("draft-a.json", da), write("draft-b.json", db), master
}

// TestBrowserMergeRecords merges two drafts whose conflicts are on whole
// records (a need deleted in one draft and edited in the other), checks
// that each version shows as a list of labelled fields with its changes
// marked, deleting and keeping in words, no JSON and no free-written
// value, and the reason in Welsh on the Welsh screen; then resolves one
// by taking Cllr B's version and the other by deleting the need, and
// checks the exported master.
func TestBrowserMergeRecords(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	noDialogs(p)
	fa, fb, master := recordDrafts(t, t.TempDir())
	w0 := master.Wards[0]
	n1, n2 := w0.Needs[0], w0.Needs[1]

	p.navigate("#/merge")
	p.upload("#merge-master", "../../static/examples/example-borough.json")
	p.waitVisible("#merge-master-summary")
	p.upload("#merge-drafts", fa, fb)
	p.waitFor("both drafts", `document.querySelectorAll("#merge-draft-table tbody tr").length === 2`)
	p.click("#merge-run")
	p.waitVisible("#merge-report")
	if got := eval[int](p, `document.querySelectorAll(".app-conflict").length`); got != 2 {
		t.Fatalf("conflicts shown = %d, want 2 (needs %s and %s)", got, n1.ID, n2.ID)
	}
	p.axe("merge with record conflicts")
	p.shot("merge-records")

	// Conflict boxes are in path order: n1, then n2.
	for i, n := range []jsna.Need{n1, n2} {
		box := fmt.Sprintf("#conflict-%d", i)
		txt := p.text(box)
		for _, want := range []string{
			w0.Name + " › Needs: " + n.Title,
			"wards[" + w0.Code + "].needs[" + n.ID + "]",
			"Why: deleted in one draft and edited in another",
			"Keep the master’s version", "Use version", "Delete this record",
			"Need", "A: size", "B: seriousness", "C: effectiveness", "Basic priority rating", "PEARL answers",
			"Dr A (GP)", "Cllr B (Ward councillor)",
		} {
			if !strings.Contains(txt, want) {
				t.Errorf("conflict %d does not show %q:\n%s", i, want, txt)
			}
		}
		if strings.Contains(txt, `{"`) || strings.Contains(txt, `"size"`) {
			t.Errorf("conflict %d shows JSON:\n%s", i, txt)
		}
		if got := eval[int](p, fmt.Sprintf(`document.querySelectorAll("%s-edit, %s-value").length`, box, box)); got != 0 {
			t.Errorf("conflict %d offers to write a value for a whole record", i)
		}
		// Three choices: the master's, the editing draft's, deleting it.
		if got := eval[int](p, fmt.Sprintf(`document.querySelectorAll("%s .app-candidate input[type=radio]").length`, box)); got != 3 {
			t.Errorf("conflict %d has %d choices, want 3", i, got)
		}
	}
	// Cllr B's version of n1 marks its changed fields, and only those.
	bVersion := `Array.from(document.querySelectorAll("#conflict-0 .app-candidate")).find(c => c.querySelector(".app-candidate__who").textContent.includes("Cllr B"))`
	changed := eval[string](p, bVersion+`.querySelectorAll(".app-record-fields__key .app-changed").length + " " + Array.from(`+bVersion+`.querySelectorAll(".app-record-fields__key")).filter(k => k.querySelector(".app-changed")).map(k => k.firstChild.textContent.trim()).join(", ")`)
	if want := "3 A: size, Basic priority rating, Recommendation"; changed != want {
		t.Errorf("Cllr B's version marks as changed %q, want %q", changed, want)
	}
	if got := eval[string](p, bVersion+`.textContent`); !strings.Contains(got, "Cllr B's plan: <b>not html</b>.") {
		t.Errorf("Cllr B's version does not show the recommendation as text: %s", got)
	}

	// In Welsh: the reason and the choices.
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	cy := p.text("#conflict-0")
	for _, want := range []string{"Pam: wedi’i ddileu mewn un drafft ac wedi’i olygu mewn un arall", "Dileu’r cofnod hwn", "Cadw fersiwn y brif ddogfen", "A: maint", "Atebion PEARL"} {
		if !strings.Contains(cy, want) {
			t.Errorf("Welsh conflict does not show %q:\n%s", want, cy)
		}
	}
	p.axe("merge with record conflicts in Welsh")
	p.shot("merge-records-cy")
	p.click("#lang-switch")
	p.waitFor("English", `document.documentElement.lang === "en"`)

	// n1: take Cllr B's version.
	p.typeInto("#merge-by", "Coordinator C")
	radio := eval[string](p, bVersion+`.querySelector("input").id`)
	p.click("#" + radio)
	p.click("#conflict-0-resolve")
	p.waitFor("one conflict left", `document.querySelectorAll(".app-conflict").length === 1`)
	// n2: delete it.
	del := eval[string](p, `Array.from(document.querySelectorAll("#conflict-0 .app-candidate")).find(c => c.textContent.includes("Delete this record")).querySelector("input").id`)
	p.click("#" + del)
	p.click("#conflict-0-resolve")
	p.waitVisible("#merge-no-conflicts")
	resolved := p.text("#merge-resolved")
	for _, want := range []string{"the version by Cllr B (chosen by Coordinator C)", "deleted (chosen by Coordinator C)"} {
		if !strings.Contains(resolved, want) {
			t.Errorf("resolved list = %q, want it to say %q", resolved, want)
		}
	}
	p.shot("merge-records-resolved")

	d, err := jsna.Parse("master.json", p.download("#merge-export"))
	if err != nil {
		t.Fatalf("the exported master does not validate: %v", err)
	}
	if n := len(d.Conflicts); n != 0 {
		t.Errorf("open conflicts in the exported master = %d, want 0", n)
	}
	var ward *jsna.Ward
	for i := range d.Wards {
		if d.Wards[i].Code == w0.Code {
			ward = &d.Wards[i]
		}
	}
	if ward == nil {
		t.Fatalf("ward %s missing from the exported master", w0.Code)
	}
	if len(ward.Needs) != 1 || ward.Needs[0].ID != n1.ID {
		t.Fatalf("needs of %s = %+v, want only %s", w0.Code, ward.Needs, n1.ID)
	}
	got := ward.Needs[0]
	if wantSize := math.Mod(n1.Size+1, 11); got.Size != wantSize || got.Recommendation != "Cllr B's plan: <b>not html</b>." || got.Title != n1.Title {
		t.Errorf("need %s = size %v, %q, %q; want Cllr B's size %v and recommendation, title %q", n1.ID, got.Size, got.Recommendation, got.Title, wantSize, n1.Title)
	}
	if n := len(d.Resolutions); n != 2 {
		t.Fatalf("resolutions recorded = %d, want 2", n)
	}
	for _, r := range d.Resolutions {
		if r.By != "Coordinator C" || len(r.Over) != 3 {
			t.Errorf("resolution %+v: want by Coordinator C over 3 candidates", r)
		}
	}
	p.checkClean()
}
