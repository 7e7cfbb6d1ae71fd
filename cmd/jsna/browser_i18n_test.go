//go:build browser

package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/cmd/internal/browsertest"
	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/importer"
)

// catalogueStrings is every message of one of the app's catalogue files
// (ui/messages_en.go, ui/messages_en_full.go or ui/messages_cy.go), by key,
// read from the source.
func catalogueStrings(tb testing.TB, file string) map[string]string {
	tb.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join("../../ui", file), nil, 0)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		k, ok1 := kv.Key.(*ast.BasicLit)
		v, ok2 := kv.Value.(*ast.BasicLit)
		if ok1 && ok2 {
			key, err1 := strconv.Unquote(k.Value)
			val, err2 := strconv.Unquote(v.Value)
			if err1 == nil && err2 == nil {
				out[key] = val
			}
		}
		return false
	})
	if len(out) < 500 {
		tb.Fatalf("%s: read %d messages, want the whole catalogue", file, len(out))
	}
	return out
}

var (
	verbRE = regexp.MustCompile(`%(?:\[[0-9]+\])?[-+# 0]*[0-9]*(?:\.[0-9]+)?[a-zA-Z%]`)
	wordRE = regexp.MustCompile(`\p{L}[\p{L}’']*\p{L}`)
)

// words are the words of s in lower case, fmt verbs left out.
func words(s string) []string {
	return wordRE.FindAllString(strings.ToLower(verbRE.ReplaceAllString(s, " ")), -1)
}

// englishWords are the words of the English catalogue that the Welsh one
// never uses: a Welsh page that shows one of them shows English.
func englishWords(tb testing.TB) map[string]bool {
	tb.Helper()
	cy := map[string]bool{}
	for _, s := range catalogueStrings(tb, "messages_cy.go") {
		for _, w := range words(s) {
			cy[w] = true
		}
	}
	en := map[string]bool{}
	// The English catalogue is two files: messages_en_full.go holds the
	// messages only the full app's views show (the viewer leaves it out).
	for _, file := range []string{"messages_en.go", "messages_en_full.go"} {
		for _, s := range catalogueStrings(tb, file) {
			for _, w := range words(s) {
				if !cy[w] && len([]rune(w)) > 2 {
					en[w] = true
				}
			}
		}
	}
	return en
}

// dataStrings are the example's texts (names of the area, its wards and
// indicators, narratives, notes), the sample import's cells and the test
// drafts' edits, longest first: data, shown as the file has it, and taken
// out of a page's text before it is searched for English. The names the
// catalogue gives in Welsh (England, Wales) are not data here.
func dataStrings(tb testing.TB) []string {
	tb.Helper()
	set := map[string]bool{"Text from A.": true, "Text from B.": true, "Only A changed this.": true}
	b, err := os.ReadFile("../../static/examples/example-borough.json")
	if err != nil {
		tb.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		tb.Fatal(err)
	}
	for _, s := range stringsIn(v, nil) {
		set[s] = true
	}
	b, err = os.ReadFile("../../static/examples/fingertips-sample.csv")
	if err != nil {
		tb.Fatal(err)
	}
	cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
	cr.FieldsPerRecord = -1 // the sample has a short row on purpose
	recs, err := cr.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, rec := range recs[1:] { // the header's column names are not shown as data
		for _, c := range rec {
			set[c] = true
		}
	}
	// What the importer makes of the sample (its title, say) is the
	// document's, not the app's.
	imported, _, err := importer.Fingertips("fingertips-sample.csv", bytes.NewReader(b), importer.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	ib, err := jsna.Marshal(imported)
	if err != nil {
		tb.Fatal(err)
	}
	var iv any
	if err := json.Unmarshal(ib, &iv); err != nil {
		tb.Fatal(err)
	}
	for _, s := range stringsIn(iv, nil) {
		set[s] = true
	}
	var out []string
	for s := range set {
		// Text nodes are compared with their white space collapsed, and a
		// text of several lines shows as a node a line.
		for _, l := range strings.Split(s, "\n") {
			l = strings.Join(strings.Fields(l), " ")
			if len(l) >= 3 && l != "England" && l != "Wales" {
				out = append(out, l)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) || len(out[i]) == len(out[j]) && out[i] < out[j] })
	return out
}

func stringsIn(v any, out []string) []string {
	switch x := v.(type) {
	case string:
		out = append(out, x)
	case []any:
		for _, e := range x {
			out = stringsIn(e, out)
		}
	case map[string]any:
		for _, e := range x {
			out = stringsIn(e, out)
		}
	}
	return out
}

// allowedEnglish are words of the English catalogue a Welsh page may
// show: the name of the other language on the language switch, names and
// terms Welsh writes the same way, and the drafts' test data.
var allowedEnglish = map[string]bool{
	"english": true,                           // the language switch offers English in English
	"dr":      true, "cllr": true, "gp": true, // the test drafts' authors
	"fingertips": true, "excel": true, "cloudflare": true, "workers": true,
}

// jsonPathRE matches a JSON path before a colon, as a problem starts.
var jsonPathRE = regexp.MustCompile(`^[a-z_][a-z0-9_.\[\]]*:$`)

// quotedRE matches a quoted value in a sentence ("Data", “Data”).
var quotedRE = regexp.MustCompile(`"[^"]*"|“[^”]*”`)

// withoutIdentifiers is line without what it quotes from a file and
// without identifiers (file names, codes, jsna/1's values such as
// higher-is-better): tokens with a digit, a dot, a slash, a colon, a
// hyphen or an underscore.
func withoutIdentifiers(line string) string {
	var keep []string
	for i, tok := range strings.Fields(quotedRE.ReplaceAllString(line, " ")) {
		if i == 0 && jsonPathRE.MatchString(tok) {
			continue // the JSON path a problem is at
		}
		if !strings.ContainsAny(strings.TrimRight(tok, ".,;:)"), "0123456789./:-_") {
			keep = append(keep, tok)
		}
	}
	return strings.Join(keep, " ")
}

// visibleTexts are the page's text nodes that are shown (text read only by
// screen readers included), one a line, leaving out the charts' SVG
// text: the table after each chart gives the same words.
const visibleTexts = `(() => {
	const out = [];
	const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (let n = w.nextNode(); n; n = w.nextNode()) {
		const e = n.parentElement;
		if (!e || e.closest("svg, script, style") || !e.getClientRects().length) continue;
		for (const l of n.textContent.split("\n")) {
			const t = l.replace(/\s+/g, " ").trim();
			if (t) out.push(t);
		}
	}
	return out.join("\n");
})()`

// englishOnPage lists the English words in the text of the page, with the
// text around each, beyond the data and the allowed words. A text node
// that is part of a data string (a narrative split by the word diff's
// marks) is data; in any other, the data strings it holds are taken out.
func englishOnPage(p *page, english map[string]bool, data []string) []string {
	p.tb.Helper()
	blob := "\x00" + strings.Join(data, "\x00") + "\x00"
	var found []string
	seen := map[string]bool{}
	for _, line := range strings.Split(eval[string](p, visibleTexts), "\n") {
		if len(line) >= 8 && strings.Contains(blob, line) {
			continue
		}
		for _, d := range data {
			if len(d) <= len(line) && strings.Contains(line, d) {
				line = strings.ReplaceAll(line, d, " · ")
			}
		}
		for _, w := range words(withoutIdentifiers(line)) {
			if english[w] && !allowedEnglish[w] && !seen[w] {
				seen[w] = true
				found = append(found, fmt.Sprintf("%q in %q", w, strings.TrimSpace(line)))
			}
		}
	}
	sort.Strings(found)
	return found
}

// TestBrowserWelshEverywhere renders every view in Welsh (the start page,
// the area, each part of a ward, priorities, the reports, the history, the
// hub page, the merge with its conflicts, an import's report, a file's problems and the pages of
// the footer) and fails on any word of the English catalogue in its text
// that is not data. The new pages are checked with axe-core.
func TestBrowserWelshEverywhere(t *testing.T) {
	english, data := englishWords(t), dataStrings(t)
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	p.click("#lang-switch")
	p.waitFor("Welsh", `document.documentElement.lang === "cy"`)
	check := func(name string) {
		t.Helper()
		for _, f := range englishOnPage(p, english, data) {
			t.Errorf("%s in Welsh shows English: %s", name, f)
		}
		p.shot(safeName(name) + "-cy")
	}
	check("start")

	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte(`{"format": "jsna/1", "id": 7, "wards": [1]}`), 0o644)
	p.upload("#open-file", bad)
	p.waitVisible("#error-summary")
	check("problems")

	// A syntax error: encoding/json's detail is worded in Welsh too.
	syntax := filepath.Join(t.TempDir(), "syntax.json")
	os.WriteFile(syntax, []byte(`{"format": "jsna/1", "id": x}`), 0o644)
	p.upload("#open-file", syntax)
	p.waitFor("the syntax error", `!!document.getElementById("error-summary") && document.getElementById("error-summary").textContent.includes("syntax.json")`)
	check("syntax error")
	if got := p.text("#error-summary"); !strings.Contains(got, "gwall cystrawen: nod annilys 'x' wrth chwilio am ddechrau gwerth") {
		t.Errorf("the syntax error in Welsh = %q", got)
	}

	p.upload("#open-file", "../../static/examples/fingertips-sample.csv")
	p.waitFor("the overview", `location.hash === "#/area" && !!document.getElementById("import-notes")`)
	check("import report")

	openExample(p)
	code := firstWard(p)
	for _, v := range []struct{ name, hash, ready string }{
		{"overview", "#/area", "#ward-ranking"},
		{"ward indicators", "#/ward/" + code, "svg.app-spine"},
		{"ward narrative", "#/ward/" + code + "/narrative", "#section-0-text"},
		{"ward assets", "#/ward/" + code + "/assets", "#new-asset-name"},
		{"ward voice", "#/ward/" + code + "/voice", "#new-voice-text"},
		{"ward needs", "#/ward/" + code + "/needs", "#new-need-title"},
		{"priorities", "#/priorities", "svg.app-bars"},
		{"report area", "#/report", ".app-report"},
		{"report ward", "#/report/" + code, ".app-report"},
		{"draft form", "#/draft", "#draft-name"},
		{"history", "#/history", "#page-heading"},
		{"hub", "#/hub", "#hub-connection"},
		{"accessibility statement", "#/accessibility", "#accessibility"},
		{"privacy notice", "#/privacy", "#privacy"},
		{"feedback", "#/feedback", "#feedback-text"},
	} {
		p.navigate(v.hash)
		p.waitVisible(v.ready)
		check(v.name)
		if strings.Contains(v.hash, "accessibility") || strings.Contains(v.hash, "privacy") || strings.Contains(v.hash, "feedback") {
			p.axe(v.name + " in Welsh")
		}
	}

	welshNewViews(t, p, check)

	fa, fb, _ := mergeDrafts(t, t.TempDir())
	mergeFiles(p, fa, fb)
	check("merge with conflicts")
	p.checkClean()
}

// welshNewViews checks in Welsh, with check, the views of the GP
// practices, resources, time series and bilingual content in the example
// borough (open in p): a practice chosen, the ward page's practices and
// trends, the indicator page, Resources with a budget set, the report
// with its resources section, then the editor and the report with the
// document made bilingual.
func welshNewViews(t *testing.T, p *page, check func(string)) {
	t.Helper()
	pr := readExample(t).Practices[0]
	for _, v := range []struct{ name, hash, ready string }{
		{"my practice, none chosen", "#/practice", "#practice-choice"},
		{"my practice", "#/practice/" + pr.ID, "#practice-wards"},
		{"ward with practices and trends", "#/ward/" + worseningWard, "#trends"},
		{"indicator page", "#/indicator/93097", "#ind-summary"},
		{"ward needs with costs", "#/ward/E05900015/needs", "#need-1"},
	} {
		p.navigate(v.hash)
		p.waitVisible(v.ready)
		if v.name == "ward with practices and trends" {
			p.waitVisible("#ward-practices")
		}
		check(v.name)
	}
	p.navigate("#/resources")
	p.waitVisible("#res-list")
	p.typeInto("#res-budget", "1,000,000")
	p.click("#res-apply")
	p.waitFor("the budget applied", `document.querySelector("#res-summary").textContent.startsWith("Mae cyllideb o")`)
	check("resources with a budget")
	p.navigate("#/report")
	p.waitVisible("#report-resources")
	check("report with resources")

	p.navigate("#/ward/" + worseningWard + "/narrative")
	p.click("#doc-languages-details summary")
	p.click("#doc-languages-1")
	p.waitVisible("#section-0-text-cy")
	check("bilingual narrative")
	for _, v := range []struct{ name, hash, ready string }{
		{"bilingual assets", "#/ward/" + worseningWard + "/assets", "#new-asset-name"},
		{"bilingual needs", "#/ward/" + worseningWard + "/needs", "#new-need-title"},
		{"bilingual indicator page", "#/indicator/93097", "#ind-definition-cy"},
		{"bilingual report", "#/report/" + worseningWard, ".app-report"},
	} {
		p.navigate(v.hash)
		p.waitVisible(v.ready)
		check(v.name)
	}

	// Welsh first: the forms that add a record take the Welsh, and a
	// bilingual ward's editing pages have its Welsh name.
	p.navigate("#/ward/" + bilingualWard + "/assets")
	p.click("#doc-languages-details summary")
	p.click("#doc-languages-2")
	p.waitFor("Welsh first", `document.getElementById("new-asset-name").lang === "cy"`)
	p.click("#ward-name-cy-details summary")
	p.waitVisible("#ward-name-cy")
	check("Welsh-first assets with the ward's Welsh name")
	p.navigate("#/report/" + bilingualWard)
	p.waitVisible(".app-report")
	check("Welsh-first report")
}

// TestBrowserPages opens the accessibility statement, the privacy notice
// and the feedback page from the footer and the phase banner in English,
// checks what they say where it matters (the legal baseline, the hub's
// retention, the offline feedback route) and that they are axe-clean.
func TestBrowserPages(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	p.click("#footer-accessibility")
	p.waitVisible("#accessibility")
	st := p.text("#accessibility")
	for _, want := range []string{"WCAG) version 2.2 AA", "require version 2.1 AA", "Equality and Human Rights Commission",
		"axe-core 4.14.1", "not been tested with screen readers", "not claiming", "prepared on 2 December 2026"} {
		if !strings.Contains(st, want) {
			t.Errorf("accessibility statement lacks %q", want)
		}
	}
	p.axe("accessibility statement")
	p.click("#footer-privacy")
	p.waitVisible("#privacy")
	pn := p.text("#privacy")
	for _, want := range []string{"IndexedDB", "latest 30 versions", "kept for 30 days", "SHA-256", "deleted 365 days after", "one minute"} {
		if !strings.Contains(pn, want) {
			t.Errorf("privacy notice lacks %q", want)
		}
	}
	p.axe("privacy notice")
	p.click("#phase-feedback")
	p.waitVisible("#feedback-text")
	if !eval[bool](p, `!!document.getElementById("feedback-noemail") && !document.getElementById("feedback-email")`) {
		t.Errorf("with no address configured the feedback page offers an email")
	}
	p.axe("feedback")
	p.click("#feedback-save")
	p.waitVisible("#error-summary")
	p.typeInto("#feedback-text", "The spine chart is clear.")
	got := string(p.download("#feedback-save"))
	if !strings.HasPrefix(got, "Feedback on Wardwise\n") || !strings.Contains(got, "\n\nThe spine chart is clear.\n") {
		t.Errorf("feedback file = %q", got)
	}
	// A deployer's address: the page offers an email with the version in
	// its subject.
	eval[bool](p, `document.querySelector('meta[name="wardwise-feedback"]').setAttribute("content", "jsna@example.gov.uk"), true`)
	p.navigate("#/accessibility")
	p.navigate("#/feedback")
	p.waitVisible("#feedback-email")
	if href := eval[string](p, `document.getElementById("feedback-email").getAttribute("href")`); !strings.HasPrefix(href, "mailto:jsna@example.gov.uk?subject=Wardwise%20feedback%20%28version%20") {
		t.Errorf("feedback email link = %q", href)
	}
	p.checkClean()
}

// TestBrowserNavigationWidths takes screenshots of the area overview at
// 390, 768 and 1280 px wide in English and Welsh, and checks the service
// navigation: at 1280 px its links fit on one line, and the language
// switch on one line in the header; at 390 px the links are behind the Menu button, which opens them,
// the header and navigation take at most a quarter of the first screen and
// the page's own heading is on it.
func TestBrowserNavigationWidths(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	for _, lang := range []string{"en", "cy"} {
		if eval[string](p, `document.documentElement.lang`) != lang {
			p.click("#lang-switch")
			p.waitFor(lang, fmt.Sprintf(`document.documentElement.lang === %q`, lang))
		}
		for _, width := range []int64{390, 768, 1280} {
			name := fmt.Sprintf("%s-%d", lang, width)
			if _, err := chromedp.Call(p.ctx, emulation.SetDeviceMetricsOverride,
				emulation.SetDeviceMetricsOverrideParams{Width: width, Height: 844, DeviceScaleFactor: 1, Mobile: width < 641}); err != nil {
				t.Fatalf("width %s: %v", name, err)
			}
			p.navigate("#/area")
			p.waitVisible("#ward-ranking")
			p.shot("nav-" + name)
			firstScreen(p, "nav-"+name+"-screen")
			switch width {
			case 1280:
				for _, sel := range []string{".govuk-service-navigation__item", ".govuk-language-navigation__list-item"} {
					tops := eval[[]float64](p, `Array.from(document.querySelectorAll("`+sel+`")).map(e => Math.round(e.getBoundingClientRect().top))`)
					for _, top := range tops {
						if top != tops[0] {
							t.Errorf("%s: %s are not on one line (tops %v)", name, sel, tops)
							break
						}
					}
				}
			case 390:
				if !eval[bool](p, `!document.getElementById("nav-toggle").hidden && document.getElementById("navigation").hidden`) {
					t.Errorf("%s: the links are not collapsed behind the Menu button", name)
				}
				bottom := eval[float64](p, `document.querySelector(".govuk-service-navigation").getBoundingClientRect().bottom`)
				t.Logf("%s: the header and navigation end %.0f px down", name, bottom)
				if bottom > 844/4 {
					t.Errorf("%s: the header and navigation end %.0f px down, past a quarter of the first screen (844 px)", name, bottom)
				}
				if bottom := eval[float64](p, `document.getElementById("page-heading").getBoundingClientRect().bottom`); bottom > 844 {
					t.Errorf("%s: the page heading ends %.0f px down, below the first screen (844 px)", name, bottom)
				}
				p.click("#nav-toggle")
				if !eval[bool](p, `document.getElementById("nav-toggle").getAttribute("aria-expanded") === "true" && !document.getElementById("navigation").hidden`) {
					t.Errorf("%s: the Menu button does not open the links", name)
				}
				firstScreen(p, "nav-"+name+"-open")
				p.axe("navigation open at " + name)
				p.click("#nav-toggle")
			}
		}
	}
	p.checkClean()
}

// firstScreen keeps a screenshot of what the first screen shows, in
// test-artifacts.
func firstScreen(p *page, name string) {
	p.tb.Helper()
	buf, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot())
	if err != nil {
		p.tb.Errorf("screenshot %s: %v", name, err)
		return
	}
	dir := browsertest.ArtifactsDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.tb.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, safeName(p.tb.Name()+"-"+name)+".png"), buf, 0o644); err != nil {
		p.tb.Errorf("screenshot %s: %v", name, err)
	}
}
