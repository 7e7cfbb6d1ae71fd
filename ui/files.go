//go:build js && wasm && !wardwise_viewer

package ui

import (
	"bytes"
	"fmt"
	"strings"
	"syscall/js"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
	"github.com/wardwise/wardwise/jsna/merge"
)

// maxFileBytes is the largest file the app reads; larger ones are refused
// before reading, with a message, rather than exhausting the tab's memory.
const maxFileBytes = jsna.MaxDocumentBytes

// picked is one file the user chose: its name, its bytes and, when it came
// through the File System Access API, the handle to save back to.
type picked struct {
	name   string
	data   []byte
	handle js.Value
}

// readFile reads a File (from an <input type=file>, a drop or a file
// handle). It blocks: call it from a goroutine.
func readFile(f js.Value) (picked, error) {
	name := f.Get("name").String()
	if size := f.Get("size").Float(); size > maxFileBytes {
		return picked{name: name}, fmt.Errorf("%s: %.0f MB is larger than the %d MB the app can open", name, size/1e6, maxFileBytes>>20)
	}
	p, err := call(f, "arrayBuffer")
	if err != nil {
		return picked{name: name}, err
	}
	buf, err := await(p)
	if err != nil {
		return picked{name: name}, err
	}
	return picked{name: name, data: bytesOf(buf), handle: js.Undefined()}, nil
}

// filesOf reads every File of a FileList or array. It blocks.
func filesOf(list js.Value) ([]picked, error) {
	var out []picked
	for i := 0; i < list.Length(); i++ {
		p, err := readFile(list.Index(i))
		if err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

// hasFileSystemAccess reports whether the browser has the File System
// Access API's pickers (Chromium-based browsers on the desktop).
func hasFileSystemAccess() bool {
	w := js.Global()
	return w.Get("showOpenFilePicker").Type() == js.TypeFunction &&
		w.Get("showSaveFilePicker").Type() == js.TypeFunction
}

// pickerTypes are the file types offered by the pickers.
func (a *App) pickerTypes(withImports bool) []any {
	types := []any{map[string]any{
		"description": a.t("file.type.jsna"),
		"accept":      map[string]any{"application/json": []any{".json"}},
	}}
	if withImports {
		types = append(types,
			map[string]any{
				"description": a.t("file.type.csv"),
				"accept":      map[string]any{"text/csv": []any{".csv"}},
			},
			map[string]any{
				"description": a.t("file.type.ods"),
				"accept":      map[string]any{"application/vnd.oasis.opendocument.spreadsheet": []any{".ods"}},
			})
	}
	return types
}

// pickOpen asks for files with the File System Access API. It blocks.
// A cancelled picker returns errAbort.
func (a *App) pickOpen(multiple, withImports bool) ([]picked, error) {
	p, err := call(js.Global(), "showOpenFilePicker", map[string]any{
		"multiple": multiple,
		"types":    a.pickerTypes(withImports),
	})
	if err != nil {
		return nil, err
	}
	handles, err := await(p)
	if err != nil {
		return nil, err
	}
	var out []picked
	for i := 0; i < handles.Length(); i++ {
		h := handles.Index(i)
		fp, err := call(h, "getFile")
		if err != nil {
			return out, err
		}
		f, err := await(fp)
		if err != nil {
			return out, err
		}
		pk, err := readFile(f)
		if err != nil {
			return out, err
		}
		pk.handle = h
		out = append(out, pk)
	}
	return out, nil
}

// writeHandle writes data to a file handle from the File System Access
// API. The browser writes to a temporary file and swaps it in on close, so
// a failed write leaves the old file as it was. It blocks.
func writeHandle(h js.Value, data []byte) error {
	p, err := call(h, "createWritable")
	if err != nil {
		return err
	}
	w, err := await(p)
	if err != nil {
		return err
	}
	if p, err = call(w, "write", uint8Array(data)); err != nil {
		call(w, "abort")
		return err
	}
	if _, err := await(p); err != nil {
		call(w, "abort")
		return err
	}
	if p, err = call(w, "close"); err != nil {
		return err
	}
	_, err = await(p)
	return err
}

// pickSave asks where to save with the File System Access API and writes
// data there. It blocks. It returns the handle, for saving again.
func (a *App) pickSave(suggested string, data []byte) (js.Value, error) {
	p, err := call(js.Global(), "showSaveFilePicker", map[string]any{
		"suggestedName": suggested,
		"types":         a.pickerTypes(false),
	})
	if err != nil {
		return js.Undefined(), err
	}
	h, err := await(p)
	if err != nil {
		return js.Undefined(), err
	}
	return h, writeHandle(h, data)
}

// openExample opens the example area and goes to r (the area overview when
// r is zero). It blocks.
func (a *App) openExample(r route) {
	a.announce(a.t("status.opening", a.t("start.example.name")))
	ex := a.prefetched
	a.prefetched = nil
	if ex == nil {
		ex = prefetchExample()
	}
	res := <-ex
	performanceMark("wardwise-example-read")
	if res.fetchErr != nil {
		a.showProblemsAt(route{}, &problemList{title: a.t("error.title"), items: []problemItem{{text: a.t("error.example", res.fetchErr.Error())}}})
		return
	}
	a.openDecodedAt(picked{name: res.name, data: res.data, handle: js.Undefined()}, res.d, res.rep, res.err, r, nil)
}

// decoded is a file fetched and read: fetchErr when it could not be
// fetched, err when it could not be read.
type decoded struct {
	name     string
	data     []byte
	d        *jsna.Document
	rep      *importer.Report
	err      error
	fetchErr error
}

// prefetchExample asks for the example at once, and reads it in a
// goroutine, so that the app can do other work and waiting (drawing the
// shell, opening the browser store) meanwhile.
func prefetchExample() <-chan decoded {
	ch := make(chan decoded, 1)
	body := fetchBegin(exampleFile)
	go func() {
		res := decoded{name: "example-borough.json"}
		defer func() { ch <- res }()
		if res.data, res.fetchErr = body(); res.fetchErr == nil {
			res.d, res.rep, res.err = decodeFile(res.name, res.data)
		}
	}()
	return ch
}

// openPicked reads a chosen file as the working document: a jsna/1 JSON
// document, a Fingertips data CSV or an OHID Local Health .ods. Bad files
// get every problem in the error summary; the work in progress stays as it
// was.
func (a *App) openPicked(p picked) { a.openPickedAt(p, route{view: "area"}) }

// openPickedAt is openPicked, going to r once the document is open.
// A large file shows its progress (progress.go) as it is read, scored and
// drawn.
func (a *App) openPickedAt(p picked, r route) {
	w := a.beginWork(3, len(p.data) >= workLargeBytes)
	defer w.end()
	w.step(a.t("work.check", p.name))
	d, rep, err := decodeFile(p.name, p.data)
	if w.box != nil && err == nil {
		// The page answers between reading the file, working out its
		// revision (all of it encoded and hashed, remembered in d for
		// setDocument) and taking it as the working document.
		yieldToBrowser()
		if d.Draft == nil {
			jsna.Revision(d)
			yieldToBrowser()
		}
	}
	a.openDecodedAt(p, d, rep, err, r, w)
}

// openDecodedAt is openPickedAt for a file already read into d (or that
// could not be read: err); w, when not nil, is its progress.
func (a *App) openDecodedAt(p picked, d *jsna.Document, rep *importer.Report, err error, r route, w *work) {
	if err != nil {
		a.showProblemsAt(route{}, a.problemsOf(p.name, err))
		a.announce(a.t("status.open.failed", p.name))
		return
	}
	name := p.name
	if !strings.HasSuffix(strings.ToLower(name), ".json") {
		// An import becomes a new jsna/1 document; it is never saved over
		// the spreadsheet it came from.
		name = strings.TrimSuffix(name, extOf(name)) + ".json"
		p.handle = js.Undefined()
	}
	a.setDocument(d, name, p.handle)
	a.importReport = rep
	if w != nil {
		w.step(a.t("work.score"))
		a.scores()
		w.step(a.t("work.draw"))
	}
	a.renderShell()
	if !r.needsDocument() {
		r = route{view: "area"}
	}
	a.goTo(r)
	a.announce(a.t("status.opened", p.name))
}

// decodeFile reads a file the user opened: a jsna/1 document (.json), a
// Fingertips data export (.csv) or an OHID Local Health spreadsheet (.ods),
// the last two through jsna's importers. A file without one of those
// extensions is recognised by its first bytes. rep says what an import
// did (nil for a jsna/1 document). The error is jsna's, with every
// problem and its path.
func decodeFile(name string, data []byte) (d *jsna.Document, rep *importer.Report, err error) {
	kind := extOf(name)
	if kind != ".json" && kind != ".csv" && kind != ".ods" {
		kind = sniff(data)
	}
	switch kind {
	case ".json":
		d, err = jsna.Parse(name, data)
		return d, nil, err
	case ".ods":
		d, rep, err = importer.ODS(name, bytes.NewReader(data), int64(len(data)), importer.Options{})
	default:
		d, rep, err = importer.Fingertips(name, bytes.NewReader(data), importer.Options{})
	}
	if err != nil {
		return nil, nil, err
	}
	return d, rep, nil
}

// sniff guesses a file's kind from its first bytes: a zip (an .ods), a
// JSON object, or else CSV text.
func sniff(data []byte) string {
	b := bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return ".ods"
	case bytes.HasPrefix(b, []byte("{")):
		return ".json"
	}
	return ".csv"
}

// extOf is the extension of name, with its dot, in lower case.
func extOf(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	return strings.ToLower(name[i:])
}

// suggestedName is the file name a save offers for the working document:
// one that says what it is (merge.FileName: area, master or draft and
// author, date, open conflicts).
func (a *App) suggestedName() string {
	return safeFileName(merge.FileName(a.doc, time.Now()))
}

// safeFileName keeps letters, digits, dots, dashes and underscores.
func safeFileName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '.', r == '_':
			b.WriteRune(r)
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	return strings.Trim(b.String(), "-")
}
