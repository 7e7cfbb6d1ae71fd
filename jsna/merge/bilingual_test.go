package merge

import (
	"strings"
	"testing"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/example"
)

// bilingualMaster is a small example master made bilingual, its first
// ward's first section given a Welsh title and text, both confirmed.
func bilingualMaster(tb testing.TB) *jsna.Document {
	tb.Helper()
	m := example.New(example.Options{Wards: 2, Indicators: 3, Seed: 7})
	m.Languages = []string{jsna.English, jsna.Welsh}
	s := &m.Wards[0].Sections[0]
	s.Title, s.TitleCy = "Who lives here", "Pwy sy'n byw yma"
	s.Text, s.TextCy = "Many families.\nOne primary school.\nA new estate.", "Llawer o deuluoedd.\nUn ysgol gynradd.\nYstâd newydd."
	for _, t := range s.Texts() {
		t.Confirm()
	}
	if err := m.Validate(); err != nil {
		tb.Fatal(err)
	}
	jsna.Seal(m)
	return m
}

// TestMergeLanguagesAreFields checks that the merge treats each language
// of a text as its own field: English edited in one draft and Welsh in
// another merge cleanly; the same language edited differently in both
// conflicts on that language alone.
func TestMergeLanguagesAreFields(t *testing.T) {
	m := bilingualMaster(t)
	w0 := m.Wards[0].Code
	t.Run("English in one draft, Welsh in another", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Sections[0].Title = "Who lives in the ward"
		b.Wards[0].Sections[0].TitleCy = "Pwy sy'n byw yn y ward"
		out, rep := mustMerge(t, m, a, b)
		s := out.Wards[0].Sections[0]
		if len(out.Conflicts) != 0 || rep.Taken != 2 || s.Title != "Who lives in the ward" || s.TitleCy != "Pwy sy'n byw yn y ward" {
			t.Errorf("conflicts %d, taken %d, title %q, title_cy %q; want 0, 2 and both edits", len(out.Conflicts), rep.Taken, s.Title, s.TitleCy)
		}
	})
	t.Run("Welsh in both drafts", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Sections[0].TitleCy = "Pwy sy'n byw yn y ward"
		b.Wards[0].Sections[0].TitleCy = "Trigolion y ward"
		out, _ := mustMerge(t, m, a, b)
		want := "wards[" + w0 + "].sections[" + m.Wards[0].Sections[0].ID + "].title_cy"
		if len(out.Conflicts) != 1 || out.Conflicts[0].Path != want {
			t.Fatalf("conflicts = %+v, want one on %s", out.Conflicts, want)
		}
		if s := out.Wards[0].Sections[0]; s.TitleCy != "Pwy sy'n byw yma" || s.Title != "Who lives here" {
			t.Errorf("master kept title %q, title_cy %q; want both unchanged", s.Title, s.TitleCy)
		}
	})
	t.Run("Welsh text lines edited apart merge line by line", func(t *testing.T) {
		a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
		b := newDraft(t, m, "b", "Cllr B", jsna.RoleCouncillor)
		a.Wards[0].Sections[0].TextCy = "Llawer o deuluoedd ifanc.\nUn ysgol gynradd.\nYstâd newydd."
		b.Wards[0].Sections[0].TextCy = "Llawer o deuluoedd.\nUn ysgol gynradd.\nYstâd newydd ger yr afon."
		out, _ := mustMerge(t, m, a, b)
		if got, want := out.Wards[0].Sections[0].TextCy, "Llawer o deuluoedd ifanc.\nUn ysgol gynradd.\nYstâd newydd ger yr afon."; len(out.Conflicts) != 0 || got != want {
			t.Errorf("conflicts %d, text_cy %q; want 0, %q", len(out.Conflicts), got, want)
		}
	})
}

// TestMergeMarksTranslationStale checks that staleness survives the
// merge: an English edit merged into a master whose Welsh was confirmed
// leaves the Welsh out of date, and a draft that confirms a new Welsh
// merged with another that edits the English leaves it out of date too.
func TestMergeMarksTranslationStale(t *testing.T) {
	m := bilingualMaster(t)
	a := newDraft(t, m, "a", "Dr A", jsna.RoleGP)
	a.Wards[0].Sections[0].Text = "Many young families.\nOne primary school.\nA new estate."
	out, _ := mustMerge(t, m, a)
	text := jsna.TextNamed(out.Wards[0].Sections[0].Texts(), "text")
	if got := text.State(); got != jsna.WelshOutOfDate {
		t.Errorf("after merging an English edit: state %d, want WelshOutOfDate", got)
	}
	if got := jsna.TextNamed(out.Wards[0].Sections[0].Texts(), "title").State(); got != jsna.UpToDate {
		t.Errorf("untouched title: state %d, want UpToDate", got)
	}

	// A translator updates the Welsh and confirms it, while a GP edits
	// the English again: the confirmation names an English that is no
	// longer there.
	b := newDraft(t, out, "b", "Cyfieithydd", jsna.RoleCoordinator)
	c := newDraft(t, out, "c", "Dr C", jsna.RoleGP)
	bt := jsna.TextNamed(b.Wards[0].Sections[0].Texts(), "text")
	bt.Set(jsna.Welsh, "Llawer o deuluoedd ifanc.\nUn ysgol gynradd.\nYstâd newydd.")
	bt.Confirm()
	c.Wards[0].Sections[0].Text = "Many young families.\nOne primary school.\nA new estate by the river."
	out2, _ := mustMerge(t, out, b, c)
	if n := len(out2.Conflicts); n != 0 {
		t.Fatalf("conflicts = %d, want 0", n)
	}
	if got := jsna.TextNamed(out2.Wards[0].Sections[0].Texts(), "text").State(); got != jsna.WelshOutOfDate {
		t.Errorf("after merging a confirmation and an English edit: state %d, want WelshOutOfDate", got)
	}
	if !strings.HasPrefix(out2.Wards[0].Sections[0].TextConfirmed, "en:") || out2.Wards[0].Sections[0].TextConfirmed != b.Wards[0].Sections[0].TextConfirmed {
		t.Errorf("text_confirmed = %q, want the translator's %q", out2.Wards[0].Sections[0].TextConfirmed, b.Wards[0].Sections[0].TextConfirmed)
	}
}
