//go:build browser

package main

import (
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// bilingualWard is the example's first ward, which it writes in English
// and Welsh (jsna/example/welsh.go).
const bilingualWard = "E05900000"

// TestBrowserBilingual makes the example bilingual and checks the editor
// and the report: English and Welsh side by side, each with its label and
// lang attribute; editing the English marks the Welsh as possibly out of
// date, which survives a reload, and confirming clears it; the report
// prints both languages side by side, each block with its lang, a text
// missing in Welsh in English marked as such, and Welsh alone with the
// report's own words in Welsh.
func TestBrowserBilingual(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	openExample(p)
	p.navigate("#/ward/" + bilingualWard + "/narrative")
	p.waitVisible("#doc-languages-details")
	if n := eval[int](p, `document.querySelectorAll("#section-0-text-cy").length`); n != 0 {
		t.Fatalf("the Welsh is shown before the document is bilingual")
	}
	p.click("#doc-languages-details summary")
	p.click("#doc-languages-1") // English and Welsh, English first
	p.waitVisible("#section-0-text-cy")
	if focused := eval[string](p, `document.activeElement.id`); focused != "doc-languages-1" {
		t.Errorf("focus after choosing the languages is on %q, want doc-languages-1", focused)
	}
	checkPair(t, p, "section-0-text", "Who lives here (English)", "Who lives here (Welsh)", "Mae tua 11,400 o bobl yn byw yn ward Rhyd-y-castell.")
	if got := eval[string](p, `document.getElementById("section-0-text-translation").textContent`); got != "" {
		t.Errorf("a confirmed translation is marked: %q", got)
	}
	p.axe("bilingual-editor")
	p.shot("bilingual-editor")

	// Editing the English marks the Welsh.
	before := savedNote(p)
	p.typeInto("#section-0-text", "Castleford is home to about 11,400 people, many of them young families.")
	p.waitVisible("#section-0-text-confirm")
	if got, want := p.text("#section-0-text-stale"), "Translation may be out of date The English was changed after the Welsh was last confirmed."; got != want {
		t.Errorf("stale marker = %q, want %q", got, want)
	}
	if got := p.text("#section-0-text-confirm"); got != "Confirm translation is up to date" {
		t.Errorf("confirm button = %q", got)
	}
	p.axe("bilingual-stale")
	p.shot("bilingual-stale")
	waitSaved(p, before)

	// The mark is data in the document: it is there after a reload.
	p.reload()
	p.waitVisible("#section-0-text-confirm")
	before = savedNote(p)
	p.click("#section-0-text-confirm")
	p.waitFor("the mark to clear", `document.getElementById("section-0-text-translation").textContent === ""`)
	if focused := eval[string](p, `document.activeElement.id`); focused != "section-0-text-cy" {
		t.Errorf("focus after confirming is on %q, want section-0-text-cy", focused)
	}
	waitSaved(p, before)
	p.reload()
	p.waitVisible("#section-0-text-cy")
	if n := eval[int](p, `document.querySelectorAll("#section-0-text-confirm").length`); n != 0 {
		t.Errorf("the confirmation was lost on reload")
	}

	// A narrow screen stacks the two languages.
	if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 390, Height: 844, DeviceScaleFactor: 1, Mobile: true}); err != nil {
		t.Fatalf("390px screen: %v", err)
	}
	p.shot("bilingual-editor-390")
	if left := eval[float64](p, `document.getElementById("section-0-text-cy").getBoundingClientRect().left - document.getElementById("section-0-text").getBoundingClientRect().left`); left != 0 {
		t.Errorf("at 390px the Welsh is %vpx right of the English, want stacked", left)
	}
	if _, err := chromedp.Call(p.ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		t.Fatalf("wide screen again: %v", err)
	}

	checkBilingualReport(t, p)
	checkWelshFirst(t, p)
	p.checkClean()
}

// checkWelshFirst makes the document Welsh first: the editor shows the
// Welsh before the English, and so does the report.
func checkWelshFirst(t *testing.T, p *page) {
	t.Helper()
	p.navigate("#/ward/" + bilingualWard + "/needs")
	p.click("#doc-languages-details summary")
	p.click("#doc-languages-2") // Welsh and English, Welsh first
	p.waitFor("Welsh first", `document.querySelector("#need-0-title-pair .app-bilingual__col input").id === "need-0-title-cy"`)
	if got, want := p.value("#need-0-title-cy"), "Derbyniadau brys i'r ysbyty am strôc"; got != want {
		t.Errorf("Welsh need title = %q, want %q", got, want)
	}
	// Editing the Welsh marks the English.
	before := savedNote(p)
	p.typeInto("#need-0-title-cy", "Derbyniadau brys i'r ysbyty oherwydd strôc")
	p.waitVisible("#need-0-title-confirm")
	if got, want := p.text("#need-0-title-stale"), "Translation may be out of date The Welsh was changed after the English was last confirmed."; got != want {
		t.Errorf("stale marker = %q, want %q", got, want)
	}
	p.axe("bilingual-needs-welsh-first")
	p.shot("bilingual-needs-welsh-first")
	waitSaved(p, before)
	p.navigate("#/report/" + bilingualWard)
	p.waitVisible("#report-stale")
	if got, want := p.text("#report-stale"), "!Warning Translations that may be out of date: 1. Check them on the wards’ pages before you publish."; got != want {
		t.Errorf("report warning = %q, want %q", got, want)
	}
	p.click("#report-languages-2") // side by side
	p.waitVisible(".app-bi-cols")
	got := eval[string](p, `Array.from(document.querySelector(".app-report__ward .app-bi-cols").children).map(c => c.lang + ": " + c.querySelector("h2").textContent).join(" | ")`)
	if want := "cy: Pwy sy'n byw yma | en: Who lives here"; got != want {
		t.Errorf("first section, Welsh first = %q, want %q", got, want)
	}
}

// checkPair checks the English and Welsh fields of the text whose English
// control is id: labels, lang attributes and the Welsh value's start.
func checkPair(t *testing.T, p *page, id, enLabel, cyLabel, cyStart string) {
	t.Helper()
	if got := p.text(`label[for="` + id + `"]`); got != enLabel {
		t.Errorf("English label = %q, want %q", got, enLabel)
	}
	if got := p.text(`label[for="` + id + `-cy"]`); got != cyLabel {
		t.Errorf("Welsh label = %q, want %q", got, cyLabel)
	}
	if got := eval[string](p, `document.getElementById("`+id+`").lang + " " + document.getElementById("`+id+`-cy").lang`); got != "en cy" {
		t.Errorf("lang attributes = %q, want \"en cy\"", got)
	}
	if got := p.value("#" + id + "-cy"); !strings.HasPrefix(got, cyStart) {
		t.Errorf("Welsh value = %q, want it to start %q", got, cyStart)
	}
}

// checkBilingualReport checks the ward's report side by side, in Welsh
// alone and one language after the other.
func checkBilingualReport(t *testing.T, p *page) {
	t.Helper()
	p.navigate("#/report/" + bilingualWard)
	p.waitVisible("#report-languages-2")
	if !eval[bool](p, `document.getElementById("report-languages-2").checked`) {
		t.Errorf("the report is not side by side by default")
	}
	// The narrative's first section: two columns, English then Welsh.
	got := eval[string](p, `Array.from(document.querySelector(".app-report__ward .app-bi-cols").children).map(c => c.lang + ": " + c.querySelector("h2").textContent).join(" | ")`)
	if want := "en: Who lives here | cy: Pwy sy'n byw yma"; got != want {
		t.Errorf("first section = %q, want %q", got, want)
	}
	// The health text has no Welsh: the Welsh column prints the English, in
	// its own lang, marked as such.
	fb := eval[string](p, `(function(){var f=document.querySelector(".app-bi-col[lang=cy] .app-bi-fallback");return f ? f.textContent + " | " + f.nextElementSibling.lang + ": " + f.nextElementSibling.textContent : ""})()`)
	if want := "Not yet translated into Welsh: shown in English. | en: - No indicator is significantly worse than England."; fb != want {
		t.Errorf("fallback = %q, want %q", fb, want)
	}
	if n := eval[int](p, `document.querySelectorAll(".app-report td [lang=cy], .app-report th [lang=cy]").length`); n != 4 {
		t.Errorf("%d Welsh need titles and recommendations in the table, want 4", n)
	}
	p.axe("bilingual-report")
	p.printShot("bilingual-report")

	p.click("#report-languages-1") // Welsh
	p.waitFor("the Welsh report", `!!document.querySelector(".app-report[lang=cy]")`)
	// The ward's Welsh name (name_cy) in the Welsh report.
	if h, want := p.text("#page-heading"), "Asesiad o anghenion strategol ar y cyd: Rhyd-y-castell"; h != want {
		t.Errorf("Welsh report heading = %q, want %q", h, want)
	}
	if !eval[bool](p, `document.querySelector(".app-report__table").textContent.includes("Derbyniadau brys i'r ysbyty am bob achos, pob oed, cymhareb derbyniadau safonedig")`) {
		t.Errorf("the Welsh report's indicator table lacks the Welsh indicator names")
	}
	if n := eval[int](p, `document.querySelectorAll(".app-bi-col[lang=en]").length`); n != 0 {
		t.Errorf("the Welsh report has %d English blocks", n)
	}
	p.axe("bilingual-report-cy")
	p.shot("bilingual-report-cy")

	p.click("#report-languages-3") // one after the other
	p.waitFor("the report in sequence", `!document.querySelector(".app-bi-cols") && document.querySelectorAll(".app-bi-col[lang=cy]").length > 0`)
	seq := eval[string](p, `Array.from(document.querySelector(".app-report__ward .app-bi-block").children).map(c => c.lang).join(" ")`)
	if seq != "en cy" {
		t.Errorf("blocks one after the other = %q, want \"en cy\"", seq)
	}
	p.axe("bilingual-report-sequence")
}
