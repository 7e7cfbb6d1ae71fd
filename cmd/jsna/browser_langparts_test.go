//go:build browser

package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// langOfTexts is a script that walks the text of #main and lists each
// text node that is one of the strings given (trimmed) and whose language
// (the lang of its closest element that has one) is not the one wanted,
// as "text <tag> lang=xx". The titles and descriptions of SVG charts are
// left out: they hold text only, so they cannot mark a part, and are
// named in the accessibility statement.
const langOfTexts = `(function(strings, want){
	const set = new Set(strings), bad = [];
	const walk = document.createTreeWalker(document.getElementById("main"), NodeFilter.SHOW_TEXT);
	for (let n = walk.nextNode(); n; n = walk.nextNode()) {
		const s = n.textContent.trim(), e = n.parentElement;
		if (!set.has(s) || e.closest("svg title, svg desc")) continue;
		const l = e.closest("[lang]").getAttribute("lang");
		if (l !== want) bad.push(s + " <" + e.tagName.toLowerCase() + "> lang=" + l);
	}
	return bad.join("\n");
})`

// marksLeaked is a script that finds the app's private-use language marks
// (ui/langparts.go) anywhere they would show: the page's text, any
// attribute, the document's title.
const marksLeaked = `(function(){
	const re = /[\uE000-\uE002]/;
	if (re.test(document.title)) return "title: " + document.title;
	if (re.test(document.body.textContent)) return "text";
	for (const e of document.querySelectorAll("*")) {
		for (const a of e.attributes) if (re.test(a.value)) return e.tagName + " " + a.name + "=" + a.value;
	}
	return "";
})()`

// TestBrowserLanguageOfParts checks WCAG 2.2 SC 3.1.2 (Language of Parts)
// on the example's data in both interfaces: in English, an English
// document's names and texts carry no lang of their own (the page's is
// right); in Welsh every one of them is in an element with lang="en",
// inside sentences too (indicator names and domains, ward names, section
// titles, asset names, need titles), except the names the document gives in Welsh
// (Rhyd-y-castell, the area's), which are shown in Welsh and unmarked.
// Then, the document made Welsh first, a need added with its Welsh title
// only (the English may be empty in a Welsh-first document) is shown in
// the English interface in Welsh, marked lang="cy". No language mark
// leaks into text, attributes or the title anywhere.
func TestBrowserLanguageOfParts(t *testing.T) {
	d := readExample(t)
	var english []string
	for _, ind := range d.Indicators {
		english = append(english, ind.Name, ind.Domain)
	}
	for _, w := range d.Wards {
		if w.NameCy == "" {
			english = append(english, w.Name)
		}
		for _, s := range w.Sections {
			english = append(english, s.Title)
		}
		for _, as := range w.Assets {
			english = append(english, as.Name)
		}
		for _, n := range w.Needs {
			english = append(english, n.Title)
		}
	}
	list, _ := json.Marshal(english)
	const plainWard = "E05900001"
	views := []struct{ name, hash, ready string }{
		{"overview", "#/area", "#ward-ranking"},
		{"ward indicators", "#/ward/" + plainWard, "svg.app-spine"},
		{"ward narrative", "#/ward/" + plainWard + "/narrative", "#section-0-text"},
		{"ward assets", "#/ward/" + plainWard + "/assets", "#new-asset-name"},
		{"ward needs", "#/ward/" + plainWard + "/needs", "#new-need-title"},
		{"priorities", "#/priorities", "#priority-table"},
		{"report ward", "#/report/" + plainWard, ".app-report"},
		{"report area", "#/report", ".app-report"},
	}
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	openExample(p)
	for _, v := range views {
		p.navigate(v.hash)
		p.waitVisible(v.ready)
		if n := eval[int](p, `document.querySelectorAll("#main [lang]").length`); n != 0 {
			t.Errorf("%s in English: %d elements with a lang of their own, want none in an English document", v.name, n)
		}
		if leak := eval[string](p, marksLeaked); leak != "" {
			t.Errorf("%s in English: a language mark leaked: %s", v.name, leak)
		}
	}

	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	for _, v := range views {
		p.navigate(v.hash)
		p.waitVisible(v.ready)
		if bad := eval[string](p, langOfTexts+"("+string(list)+`, "en")`); bad != "" {
			t.Errorf("%s in Welsh: English data not marked lang=en:\n%s", v.name, bad)
		}
		if leak := eval[string](p, marksLeaked); leak != "" {
			t.Errorf("%s in Welsh: a language mark leaked: %s", v.name, leak)
		}
	}
	p.navigate("#/ward/" + plainWard)
	p.waitVisible("svg.app-spine")
	if got, want := eval[string](p, `document.querySelector("#page-heading span[lang=en]").textContent`), d.Wards[1].Name; got != want {
		t.Errorf("ward heading's English name = %q, want %q", got, want)
	}
	if n := eval[int](p, `document.querySelectorAll("svg.app-spine tspan[lang=en]").length`); n == 0 {
		t.Errorf("the spine chart's English indicator names are not marked lang=en")
	}
	if got := eval[string](p, `document.querySelector(".app-docbar__title strong span[lang=en]").textContent`); got != d.Title {
		t.Errorf("the document bar's English title marked lang=en = %q, want %q", got, d.Title)
	}
	p.axe("language of parts, ward in Welsh")
	p.navigate("#/ward/" + bilingualWard)
	p.waitVisible("svg.app-spine")
	if got := eval[string](p, `document.getElementById("page-heading").innerHTML`); got != "Rhyd-y-castell" {
		t.Errorf("bilingual ward's heading in Welsh = %q, want its Welsh name unmarked", got)
	}
	p.navigate("#/area")
	p.waitVisible("#ward-ranking")
	if got := eval[string](p, `document.getElementById("page-heading").innerHTML`); got != "Bwrdeistref Enghreifftiol (synthetig)" {
		t.Errorf("overview heading in Welsh = %q, want the area's Welsh name", got)
	}
	if got := eval[string](p, `document.querySelector('#ward-ranking a[href="#/ward/`+bilingualWard+`"]').textContent`); got != "Rhyd-y-castell" {
		t.Errorf("the ranking names the bilingual ward %q, want Rhyd-y-castell", got)
	}

	// Welsh first, in the English interface: a need with a Welsh title only.
	p.click("#lang-switch")
	p.waitFor("English", `document.documentElement.lang === "en"`)
	p.navigate("#/ward/" + plainWard + "/needs")
	p.click("#doc-languages-details summary")
	p.click("#doc-languages-2") // Welsh and English, Welsh first
	p.waitFor("the add form in Welsh", `document.querySelector('label[for="new-need-title"]').textContent.endsWith("(Welsh)")`)
	if got := eval[string](p, `document.getElementById("new-need-title").lang`); got != "cy" {
		t.Errorf("the new need's title field has lang %q, want cy", got)
	}
	const title = "Unigrwydd ymhlith pobl hŷn"
	p.typeInto("#new-need-title", title)
	p.click("#add-need")
	n := len(d.Wards[1].Needs)
	heading := "#need-" + strconv.Itoa(n) + "-heading"
	p.waitVisible(heading)
	if got := eval[string](p, `document.querySelector("`+heading+` span[lang=cy]").textContent`); got != title {
		t.Errorf("the Welsh-only need's heading in English = %q in lang=cy, want %q", got, title)
	}
	if got := p.value("#need-" + strconv.Itoa(n) + "-title"); got != "" {
		t.Errorf("the Welsh-only need's English title = %q, want empty", got)
	}
	if leak := eval[string](p, marksLeaked); leak != "" {
		t.Errorf("Welsh first: a language mark leaked: %s", leak)
	}
	p.navigate("#/report/" + plainWard)
	p.waitVisible(".app-report")
	if !strings.Contains(eval[string](p, `Array.from(document.querySelectorAll(".app-report [lang=cy]")).map(e => e.textContent).join("|")`), title) {
		t.Errorf("the report does not print the Welsh-only need's title in Welsh")
	}
	p.checkClean()
}
