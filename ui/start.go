//go:build js && wasm && !wardwise_viewer

package ui

import (
	"errors"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"honnef.co/go/js/dom/v2"
)

// renderStart is the start page: the documents in this browser to carry
// on with, open a file, open the example, go to the merge view, and what
// the browser keeps.
func (a *App) renderStart() dom.Node {
	a.setTitle(a.t("start.title"))
	v := el("div", cls("govuk-grid-row"))
	col := el("div", cls("govuk-grid-column-two-thirds"))
	v.AppendChild(col)

	col.AppendChild(h1(a.t("start.title")))
	col.AppendChild(el("p", cls("govuk-body-l"), text(a.t("start.lede"))))
	if a.storage.wiped {
		col.AppendChild(a.wipedWarning())
	}
	if a.storage.cleared {
		col.AppendChild(a.clearedBanner())
	}
	if a.route.needsDocument() && a.doc == nil {
		col.AppendChild(el("div", cls("govuk-inset-text"), text(a.t("start.needdoc"))))
	}
	for _, n := range []dom.Node{a.libraryList(), a.openSection(), a.exampleSection(), a.mergeSection(), a.storageSection(), a.binList()} {
		if n != nil {
			col.AppendChild(n)
		}
	}

	side := el("div", cls("govuk-grid-column-one-third"),
		child(el("aside", cls("app-aside"), attr("aria-labelledby", "aside-heading"),
			child(el("h2", cls("govuk-heading-s"), attr("id", "aside-heading"), text(a.t("start.aside.heading")))),
			child(el("p", cls("govuk-body-s"), text(a.t("start.aside.offline")))),
			child(el("p", cls("govuk-body-s"), text(a.t("start.aside.private")))),
			child(el("p", cls("govuk-body-s"), text(a.t("start.aside.autosave")))),
			child(el("p", cls("govuk-body-s"), child(link("#/privacy", a.t("lib.privacy.link"))))))))
	v.AppendChild(side)
	return v
}

// openSection opens a file: the file input (every browser), drag and drop
// onto the drop zone, and the File System Access picker where there is
// one.
func (a *App) openSection() dom.Node {
	box := el("div")
	box.AppendChild(el("h2", cls("govuk-heading-m"), text(a.t("start.open.heading"))))
	box.AppendChild(el("p", cls("govuk-body"), text(a.t("start.open.body"))))
	fileField := field{id: "open-file", label: a.t("start.open.label"), hint: a.t("start.open.hint"), labelCls: "govuk-label--s"}
	input := el("input", cls("govuk-file-upload"), attr("id", fileField.id), attr("name", fileField.id), attr("type", "file"),
		attr("accept", ".json,.csv,.ods,application/json,text/csv,application/vnd.oasis.opendocument.spreadsheet"),
		attr("aria-describedby", fileField.id+"-hint"))
	drop := el("div", cls("app-dropzone"), attr("id", "dropzone"),
		child(el("div", cls("govuk-form-group"),
			child(fileField.labelEl()), child(fileField.hintEl()), child(input))),
		child(el("p", cls("govuk-body app-dropzone__text"), attr("aria-hidden", "true"), text(a.t("start.open.drop")))))
	box.AppendChild(drop)
	a.view.onEl(input, "change", func(js.Value) {
		files := input.Underlying().Get("files")
		if files.Length() == 0 {
			return
		}
		a.spawn(func() { a.openFirst(files) })
	})
	a.dropTarget(drop, func(files js.Value) { a.openFirst(files) })
	if !hasFileSystemAccess() {
		return box
	}
	pick := button(a.t("start.open.pick"), "secondary", attr("id", "open-pick"))
	a.view.onClick(pick, func() {
		a.spawn(func() {
			ps, err := a.pickOpen(false, true)
			if errors.Is(err, errAbort) {
				return
			}
			if err != nil {
				a.showError(a.t("error.open", err.Error()))
				return
			}
			if len(ps) > 0 {
				a.openPicked(ps[0])
			}
		})
	})
	box.AppendChild(el("p", cls("govuk-body"), text(a.t("start.open.pick.body"))))
	box.AppendChild(pick)
	return box
}

// exampleSection opens the example, as a document of its own.
func (a *App) exampleSection() dom.Node {
	ex := button(a.t("start.example.button"), "", attr("id", "open-example"))
	a.view.onClick(ex, func() { a.spawn(func() { a.openExample(route{view: "area"}) }) })
	return el("div",
		child(el("h2", cls("govuk-heading-m"), text(a.t("start.example.heading")))),
		child(el("p", cls("govuk-body"), text(a.t("start.example.body")))),
		child(ex))
}

// mergeSection sends coordinators to the merge view.
func (a *App) mergeSection() dom.Node {
	return el("div",
		child(el("h2", cls("govuk-heading-m"), text(a.t("start.merge.heading")))),
		child(el("p", cls("govuk-body"), text(a.t("start.merge.body")))),
		child(el("p", cls("govuk-body"), child(link("#/merge", a.t("start.merge.link"))))))
}

// dropTarget makes e accept dropped files; open gets them in a goroutine.
func (a *App) dropTarget(e dom.Element, open func(files js.Value)) {
	over := func(ev js.Value) {
		ev.Call("preventDefault")
		e.Class().Add("app-dropzone--over")
	}
	a.view.onEl(e, "dragenter", over)
	a.view.onEl(e, "dragover", over)
	a.view.onEl(e, "dragleave", func(js.Value) { e.Class().Remove("app-dropzone--over") })
	a.view.onEl(e, "drop", func(ev js.Value) {
		ev.Call("preventDefault")
		e.Class().Remove("app-dropzone--over")
		files := ev.Get("dataTransfer").Get("files")
		if files.Length() == 0 {
			return
		}
		a.spawn(func() { open(files) })
	})
}

// openFirst opens the first of a list of files. It blocks.
func (a *App) openFirst(files js.Value) {
	ps, err := filesOf(files)
	if err != nil {
		a.showError(a.t("error.open", err.Error()))
		return
	}
	if len(ps) > 1 {
		a.showError(a.t("error.open.many"))
		return
	}
	a.openPicked(ps[0])
}

// renderDocBar draws the bar above each view that names the working
// document and holds its save actions.
func (a *App) renderDocBar() {
	bar := byID("docbar")
	if bar == nil {
		return
	}
	a.bar.release()
	empty(bar)
	if a.doc == nil || a.route.view == "" || a.route.view == "merge" {
		bar.SetAttribute("hidden", "")
		return
	}
	bar.RemoveAttribute("hidden")
	d := a.doc
	info := el("p", cls("govuk-body app-docbar__title"),
		child(el("span", cls("govuk-visually-hidden"), text(a.t("docbar.label")+" "))),
		child(el("strong", text(a.docTitle(d)))), text(" "))
	if d.Draft != nil {
		info.AppendChild(tag(a.t("docbar.draft", d.Draft.Author), "blue"))
	} else {
		info.AppendChild(tag(a.t("docbar.master"), "grey"))
	}
	if d.Synthetic {
		info.AppendChild(doc.CreateTextNode(" "))
		info.AppendChild(tag(a.t("docbar.synthetic"), "yellow"))
	}
	bar.AppendChild(info)

	buttons := el("div", cls("govuk-button-group app-docbar__actions"))
	if hasFileSystemAccess() {
		label := a.t("docbar.save.as")
		if a.fileHandle.Truthy() {
			label = a.t("docbar.save.to", a.docName)
		}
		save := button(label, "", attr("id", "save-file"))
		a.bar.onClick(save, func() { a.spawn(func() { a.save(true) }) })
		buttons.AppendChild(save)
		dl := button(a.t("docbar.download"), "secondary", attr("id", "save-download"))
		a.bar.onClick(dl, func() { a.spawn(func() { a.save(false) }) })
		buttons.AppendChild(dl)
	} else {
		dl := button(a.t("docbar.download.only"), "", attr("id", "save-download"))
		a.bar.onClick(dl, func() { a.spawn(func() { a.save(false) }) })
		buttons.AppendChild(dl)
	}
	if d.Draft == nil {
		buttons.AppendChild(link("#/draft", a.t("docbar.startdraft"), attr("id", "start-draft")))
	}
	bar.AppendChild(buttons)
	bar.AppendChild(a.savedEl)
}

// save writes the working document to a file: through the File System
// Access API when toFile (to the file it came from, or a place the user
// picks), or as a download. A draft is stamped with jsna.StampSave: the
// time, a new save id, and the save it continues; the stamp is kept only
// once the file is written. Nothing is written if the document is not
// valid. It blocks.
func (a *App) save(toFile bool) {
	if a.doc == nil {
		return
	}
	d := a.doc
	if d.Draft != nil {
		c := *d
		dr := *d.Draft
		c.Draft = &dr
		jsna.StampSave(&c, time.Now())
		d = &c
	}
	if err := d.Validate(); err != nil {
		a.showProblems(a.problemsOf(a.docName, err))
		return
	}
	data, err := jsna.Marshal(d)
	if err != nil {
		a.showError(a.t("error.save", err.Error()))
		return
	}
	name := a.suggestedName()
	switch {
	case toFile && a.fileHandle.Truthy():
		err = writeHandle(a.fileHandle, data)
	case toFile:
		var h js.Value
		h, err = a.pickSave(name, data)
		if err == nil {
			a.fileHandle = h
			a.docName = h.Get("name").String()
		}
	default:
		err = download(name, "application/json", data)
	}
	if errors.Is(err, errAbort) {
		return
	}
	if err != nil {
		a.showError(a.t("error.save", err.Error()))
		return
	}
	if !toFile {
		a.docName = name
	}
	if d.Draft == nil {
		// The file saved is now the master drafts start from.
		a.baseRev = jsna.Revision(d)
	} else if a.doc.Draft != nil {
		a.doc.Draft = d.Draft
	}
	a.dirty = false
	if a.entry != nil {
		a.entry.FileSaved = time.Now()
	}
	a.saver.headChanged()
	a.saver.flush()
	a.renderDocBar()
	a.clearProblems()
	a.announce(a.t("status.saved", a.docName))
}
