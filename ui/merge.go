//go:build js && wasm && !wardwise_viewer

package ui

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// The merge view is the coordinator's: load the master and the drafts sent
// in, merge them with merge.Merge, see what the merge did and every open
// conflict side by side with who proposed what and when, resolve each with
// merge.Resolve (choosing a candidate or writing a value), and export the
// new master. Nothing here decides a merge: jsna does, and records the
// provenance of every value it takes.
//
// merge.go holds the view's state, how it is stored, and its actions;
// merge_view.go draws the view; merge_conflict.go draws a conflict and
// its choice; merge_path.go names a document's paths in words.

// recordMark is jsna's value for "the record itself" in a conflict where
// one draft deleted a record another edited (jsna/tree.go).
const recordMark = "\x00record"

// mergeFile is one file loaded into the merge view.
type mergeFile struct {
	name    string
	doc     *jsna.Document
	leftOut bool          // a draft the coordinator leaves out of the merge
	preview *draftPreview // what the draft changes, once computed (merge_preview.go)
}

// mergeState is the merge view's state. It lives as long as the page: the
// files are the coordinator's, and the result is exported as a file.
type mergeState struct {
	master *mergeFile
	drafts []mergeFile

	result     *jsna.Document // the new master: merged, then each resolution applied
	report     *merge.Report  // what the merge did
	resolvedAt int            // len(result.Resolutions) right after the merge
	by         string         // the coordinator's name, recorded with each resolution
	savedAt    time.Time      // when the state was last stored in the browser
	// fieldErrors holds the error shown by a conflict's choice, by conflict id.
	fieldErrors map[string]string
}

// slotMerge is the browser store's slot for the merge view's state, so
// that a coordinator's resolutions survive a closed tab like any edit.
const slotMerge = "merge"

// mergeSaved is the merge view's state as the store keeps it.
type mergeSaved struct {
	Master     mergeSavedFile   `json:"master"`
	Drafts     []mergeSavedFile `json:"drafts"`
	Result     string           `json:"result,omitempty"` // canonical JSON
	Report     *merge.Report    `json:"report,omitempty"`
	ResolvedAt int              `json:"resolved_at"`
	By         string           `json:"by"`
}

type mergeSavedFile struct {
	Name    string `json:"name"`
	Data    string `json:"data"` // canonical JSON
	LeftOut bool   `json:"left_out,omitempty"`
}

// mergeSaving serialises saveMerge, each save taking the state as it is
// when its turn comes: two saves in flight (a merge's, then a
// resolution's) could otherwise end in the other order and leave the older
// state stored. mergeSaves counts the saves begun and not ended, which
// wardwiseMergePending() tells tests.
var (
	mergeSaving sync.Mutex
	mergeSaves  atomic.Int32
)

func init() {
	onStart(func(a *App) {
		js.Global().Set("wardwiseMergePending", js.FuncOf(func(js.Value, []js.Value) any { return mergeSaves.Load() > 0 }))
	})
}

// saveMerge stores the merge view's state in the browser. It blocks.
func (a *App) saveMerge() {
	mergeSaves.Add(1)
	defer mergeSaves.Add(-1)
	mergeSaving.Lock()
	defer mergeSaving.Unlock()
	m := a.merge
	if m == nil || a.store == nil {
		return
	}
	ms := mergeSaved{ResolvedAt: m.resolvedAt, By: m.by, Report: m.report}
	if m.master != nil {
		ms.Master = mergeSavedFile{Name: m.master.name, Data: string(jsna.Canonical(m.master.doc))}
	}
	for _, f := range m.drafts {
		ms.Drafts = append(ms.Drafts, mergeSavedFile{f.name, string(jsna.Canonical(f.doc)), f.leftOut})
	}
	if m.result != nil {
		ms.Result = string(jsna.Canonical(m.result))
	}
	b, err := json.Marshal(ms)
	if err != nil {
		return
	}
	at := time.Now()
	if err := a.store.put(&saved{Slot: slotMerge, Title: a.t("merge.title"), SavedAt: at, Data: string(b)}); err != nil {
		a.showError(a.t("error.storage.write", err.Error()))
		return
	}
	m.savedAt = at
	if e := byID("merge-saved"); e != nil && a.merge == m {
		a.showMergeSaved(e)
	}
}

// showMergeSaved says in e when the merge view's state was last stored in
// the browser; its datetime attribute gives the moment exactly.
func (a *App) showMergeSaved(e dom.Element) {
	if a.merge.savedAt.IsZero() {
		return
	}
	e.SetAttribute("datetime", a.merge.savedAt.UTC().Format(time.RFC3339Nano))
	e.SetTextContent(a.t("saved.browser", a.formatClock(a.merge.savedAt)))
}

// loadMerge brings back the merge view's state from the browser store, and
// redraws the view if it is still showing. It blocks.
func (a *App) loadMerge() {
	rec := a.store.get(slotMerge)
	if rec == nil {
		return
	}
	var ms mergeSaved
	if json.Unmarshal([]byte(rec.Data), &ms) != nil {
		return
	}
	m := &mergeState{by: ms.By, fieldErrors: map[string]string{}, report: ms.Report, resolvedAt: ms.ResolvedAt, savedAt: rec.SavedAt}
	if ms.Master.Data != "" {
		d, err := jsna.Decode([]byte(ms.Master.Data))
		if err != nil {
			return
		}
		m.master = &mergeFile{name: ms.Master.Name, doc: d}
	}
	for _, f := range ms.Drafts {
		d, err := jsna.Decode([]byte(f.Data))
		if err != nil {
			return
		}
		m.drafts = append(m.drafts, mergeFile{name: f.Name, doc: d, leftOut: f.LeftOut})
	}
	if ms.Result != "" && ms.Report != nil {
		d, err := jsna.Decode([]byte(ms.Result))
		if err != nil {
			return
		}
		m.result = d
	}
	if m.by == "" {
		m.by = a.user.Name
	}
	if cur := a.merge; cur != nil && (cur.master != nil || len(cur.drafts) > 0) {
		return // the coordinator has started afresh meanwhile
	}
	a.merge = m
	if a.route.view == "merge" {
		a.render()
		focus(byID("page-heading"))
	}
}

// readDocs reads and parses files as jsna/1 documents, listing every
// problem of every bad file. It blocks.
func (a *App) readDocs(files js.Value) ([]mergeFile, *problemList) {
	ps, err := filesOf(files)
	if err != nil {
		return nil, &problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("error.open", err.Error())}}}
	}
	var out []mergeFile
	var list *problemList
	for _, p := range ps {
		d, err := jsna.Parse(p.name, p.data)
		if err != nil {
			pl := a.problemsOf(p.name, err)
			if list == nil {
				list = &problemList{title: a.t("error.title"), intro: pl.intro}
			} else {
				list.intro = ""
			}
			if pl.intro != "" && len(ps) > 1 {
				list.items = append(list.items, problemItem{text: pl.intro})
			}
			list.items = append(list.items, pl.items...)
			continue
		}
		out = append(out, mergeFile{name: p.name, doc: d})
	}
	return out, list
}

// loadMaster reads the master chosen. It blocks.
func (a *App) loadMaster(files js.Value) {
	fs, problems := a.readDocs(files)
	if problems != nil {
		a.showProblems(problems)
		return
	}
	f := fs[0]
	if f.doc.Draft != nil {
		a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("merge.error.notmaster", f.name, f.doc.Draft.Author), href: "#merge-master"}}})
		return
	}
	a.merge.master = &f
	a.merge.result, a.merge.report = nil, nil
	for i := range a.merge.drafts {
		a.merge.drafts[i].preview = nil
	}
	a.problems = nil
	a.saveMerge()
	a.render()
	focus(byID("merge-drafts"))
	a.announce(a.t("status.opened", f.name))
}

// loadDrafts adds the drafts chosen. A file that is not a draft is refused
// with the others kept. It blocks.
func (a *App) loadDrafts(files js.Value) {
	fs, problems := a.readDocs(files)
	var names []string
	for _, f := range fs {
		if f.doc.Draft == nil {
			if problems == nil {
				problems = &problemList{title: a.t("error.title")}
			}
			problems.items = append(problems.items, problemItem{text: a.t("merge.error.notdraft", f.name), href: "#merge-drafts"})
			continue
		}
		replaced := false
		for i := range a.merge.drafts {
			if a.merge.drafts[i].name == f.name {
				a.merge.drafts[i], replaced = f, true
			}
		}
		if !replaced {
			a.merge.drafts = append(a.merge.drafts, f)
		}
		names = append(names, f.name)
	}
	a.merge.result, a.merge.report = nil, nil
	a.problems = problems
	a.saveMerge()
	a.render()
	if problems != nil {
		focus(byID("error-summary"))
	} else {
		focus(byID("merge-run"))
	}
	if len(names) > 0 {
		a.announce(a.t("status.opened", strings.Join(names, ", ")))
	}
}

// runMerge merges the drafts into the master with merge.Merge. It blocks.
func (a *App) runMerge() {
	m := a.merge
	var items []problemItem
	if m.master == nil {
		items = append(items, problemItem{text: a.t("merge.error.nomaster"), href: "#merge-master"})
	}
	drafts := m.includedDrafts()
	if len(m.drafts) == 0 {
		items = append(items, problemItem{text: a.t("merge.error.nodrafts"), href: "#merge-drafts"})
	} else if len(drafts) == 0 {
		items = append(items, problemItem{text: a.t("preview.allout"), href: "#merge-include-0"})
	}
	if len(items) > 0 {
		a.showProblems(&problemList{title: a.t("error.title"), items: items})
		return
	}
	// It blocks (runs in a goroutine): a large merge shows its progress.
	w := a.beginWork(2, largeDoc(m.master.doc))
	defer w.end()
	w.step(a.tn("work.merge", len(drafts)))
	res, rep, err := merge.Merge(m.master.doc, drafts, merge.Options{Now: now(), By: m.by})
	w.step(a.t("work.draw"))
	if err != nil {
		a.showError(a.t("merge.error.failed", err.Error()))
		return
	}
	m.result, m.report = res, rep
	m.resolvedAt = len(res.Resolutions)
	m.fieldErrors = map[string]string{}
	a.problems = nil
	a.spawn(a.saveMerge)
	a.render()
	focus(byID("merge-report-heading"))
	a.announce(a.tn("status.merged", len(rep.Drafts), a.tn("count.conflicts.toresolve", len(res.OpenConflicts()))))
}

// resolveConflict resolves conflict c, drawn in the box with id id, with
// merge.Resolve as the coordinator chose among radios: a candidate, or the
// value written or combined in in. Without her name, or a choice, or when jsna
// refuses it, it shows the error instead. Once resolved, focus goes to
// the next conflict, now drawn where this one was, or to the export.
func (a *App) resolveConflict(id, kind string, c jsna.Conflict, radios []dom.Element, in conflictInputs) {
	m := a.merge
	choice := ""
	for _, r := range radios {
		if checked(r) {
			choice = value(r)
		}
	}
	if strings.TrimSpace(m.by) == "" {
		a.setFieldError("merge-by", a.t("merge.by.required"))
		a.showProblems(&problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("merge.by.required"), href: "#merge-by"}}})
		return
	}
	first := "#" + id + "-take-" + itoa(candidateOrder(c)[0]+1)
	if choice == "" {
		_, _, required := a.conflictTexts(kind)
		a.conflictFailed(c, first, required)
		return
	}
	res, msg := a.choiceResolution(c, choice, in)
	if msg != "" {
		a.conflictFailed(c, "#"+id+"-combined", msg)
		return
	}
	res.By, res.At = m.by, now()
	out, err := merge.Resolve(m.result, c.ID, res)
	if err != nil {
		a.conflictFailed(c, first, a.t("merge.resolve.failed", err.Error()))
		return
	}
	delete(m.fieldErrors, c.ID)
	m.result = out
	a.problems = nil
	a.spawn(a.saveMerge)
	a.render()
	if next := byID(id + "-heading"); next != nil {
		focus(next)
	} else {
		focus(byID("merge-export-heading"))
	}
	a.announce(a.t("status.resolved", len(out.OpenConflicts())))
}

// conflictFailed shows msg as the error of conflict c's choice and in the
// error summary, linked to href, and moves focus to the summary.
func (a *App) conflictFailed(c jsna.Conflict, href, msg string) {
	a.merge.fieldErrors[c.ID] = msg
	a.problems = &problemList{title: a.t("error.title"), items: []problemItem{{text: msg, href: href}}}
	a.render()
	focus(byID("error-summary"))
}

// openMerged makes a copy of the new master merged the working document, unsaved, and
// shows its area. It blocks.
func (a *App) openMerged(merged *jsna.Document) {
	// The editor edits in place, and the merged master shares records
	// with the master it was merged into (see merge.Merge): edit a copy.
	d := new(jsna.Document)
	jsna.DeepCopy(d, merged)
	a.setDocument(d, safeFileName(merge.FileName(d, now())), js.Undefined())
	a.dirty = true
	a.renderShell()
	a.goTo(route{view: "area"})
	a.announce(a.t("status.merged.opened", d.Title))
}

// exportMerged offers the new master as a download. It blocks.
func (a *App) exportMerged() {
	d := a.merge.result
	name := safeFileName(merge.FileName(d, now()))
	data, err := jsna.Marshal(d)
	if err == nil {
		err = download(name, "application/json", data)
	}
	if errors.Is(err, errAbort) {
		return
	}
	if err != nil {
		a.showError(a.t("error.save", err.Error()))
		return
	}
	a.announce(a.t("status.saved", name))
}
