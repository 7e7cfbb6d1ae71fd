//go:build browser

package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/wardwise/wardwise/cmd/internal/browsertest"
)

// sectionShot saves a screenshot of the element sel alone, for pages too
// long for a full-page one (the area's report).
func sectionShot(p *page, sel, name string) {
	p.tb.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, 30*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		p.tb.Logf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(browsertest.ArtifactsDir(), 0o755); err == nil {
		err = os.WriteFile(filepath.Join(browsertest.ArtifactsDir(), browsertest.SafeName(p.tb.Name()+"-"+name)+".png"), buf, 0o644)
	}
	if err != nil {
		p.tb.Logf("screenshot %s: %v", name, err)
	}
}

// TestBrowserResources sets a budget on the example borough's Resources
// view and checks which priorities it funds and who pays, strictly in
// priority order and skipping what does not fit, then the report's
// resources section. The figures are those `jsna resources
// static/examples/example-borough.json --budget 1000000 [--skip] [--by
// partner]` gives.
func TestBrowserResources(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	openExample(p)
	p.click(`a[href="#/resources"]`)
	p.waitVisible("#res-list")
	if got := p.text("#res-summary"); got != "No budget set: the 32 costed priorities cost £1,912,000 in total in 2027/28." {
		t.Errorf("summary without a budget = %q", got)
	}
	if rule := p.text("#res-rule"); !strings.Contains(rule, "ordered by ward code, then need id") || !strings.Contains(rule, "one-off cost plus its recurring cost in 2027/28") ||
		!strings.Contains(rule, "stops at the first priority that does not fit") {
		t.Errorf("rule = %q", rule)
	}
	p.axe("resources")

	p.typeInto("#res-budget", "1,000,000")
	p.click("#res-apply")
	p.waitFor("the budget applied", `document.querySelector("#res-summary").textContent.startsWith("A budget of")`)
	if got := p.text("#res-summary"); got != "A budget of £1,000,000 for 2027/28 funds 14 of the 32 costed priorities, which cost £964,000, leaving £36,000." {
		t.Errorf("summary = %q", got)
	}
	if focused := eval[string](p, `document.activeElement.id`); focused != "res-summary" {
		t.Errorf("focus after applying the budget is on %q, want res-summary", focused)
	}
	if n := eval[int](p, `document.querySelectorAll("#res-list tr.app-res-funded").length`); n != 14 {
		t.Errorf("%d rows funded, want 14", n)
	}
	// The first priority the budget cannot cover: Parkmead's unemployment,
	// rank 20, £94,000, and none after it is funded.
	first := eval[string](p, `(function(){var r=[...document.querySelectorAll("#res-list tbody tr")].find(r=>r.textContent.includes("Not funded"));return r.cells[0].textContent+"|"+r.cells[1].textContent+"|"+r.cells[2].textContent+"|"+r.cells[3].textContent})()`)
	if first != "20|Unemployment (% of the working age population claiming out of work benefit)ParkmeadStatus: Agreed|£24,000|£70,000" {
		t.Errorf("first row not funded = %q", first)
	}
	// The area-wide recommendation on emergency admissions: one row, at
	// rank 1, with its expected outcome (England's ratio, 100, by 2030/31).
	area := eval[string](p, `[...document.querySelectorAll("#res-list tbody tr")].filter(r=>r.textContent.includes("Area-wide")).map(r=>r.cells[1].textContent).join("|")`)
	if !strings.HasPrefix(area, "Borough-wide programme: emergency hospital admissions for all causesArea-wide: serves 8 needs in 8 wardsStatus: AgreedExpected outcome: Emergency hospital admissions for all causes") ||
		!strings.Contains(area, "to reach 100 by 2030/31|Borough-wide programme: incidence of colorectal cancer") {
		t.Errorf("area-wide rows = %q", area)
	}
	partners := p.text("#res-partners")
	for _, want := range []string{"Example Borough Council (synthetic)£322,400£114,870£437,270", "NHS Example Integrated Care Board (synthetic)£228,400£268,030£496,430", "Example Voluntary Action (synthetic)£30,300£0£30,300", "Total£581,100£382,900£964,000"} {
		if !strings.Contains(partners, want) {
			t.Errorf("partners table %q lacks %q", partners, want)
		}
	}
	if pools := p.text("#res-pools"); !strings.Contains(pools, "Better Care Fund (synthetic) (s75 NHS Act 2006)£382,900£1,000,000£617,100") {
		t.Errorf("pools table = %q", pools)
	}
	// The chart's bars are labelled with each partner's total.
	if got := eval[string](p, `[...document.querySelectorAll("svg[aria-labelledby^='res-chart'] text.app-bars__value")].map(t=>t.textContent).join(" ")`); got != "£437,270 £496,430 £30,300" {
		t.Errorf("chart values = %q", got)
	}
	p.axe("resources-budget")
	p.shot("resources-budget")

	p.click("#res-skip-0")
	p.click("#res-apply")
	p.waitFor("skipping", `document.querySelector("#res-summary").textContent.includes("funds 16 of")`)
	if got := p.text("#res-summary"); got != "A budget of £1,000,000 for 2027/28 funds 16 of the 32 costed priorities, which cost £994,000, leaving £6,000." {
		t.Errorf("summary skipping = %q", got)
	}
	if rule := p.text("#res-rule"); !strings.Contains(rule, "skipping any priority that does not fit") {
		t.Errorf("rule when skipping = %q", rule)
	}

	// By keyboard alone: a new budget and Enter in its field apply it.
	p.typeInto("#res-budget", "£500k\r")
	p.waitFor("the budget applied by Enter", `document.querySelector("#res-summary").textContent.startsWith("A budget of £500,000")`)

	// In Welsh.
	p.click("#lang-switch")
	p.waitText("#page-heading", "Adnoddau")
	if got := p.text("#res-summary"); !strings.HasPrefix(got, "Mae cyllideb o £500,000 ar gyfer 2027/28 yn ariannu") {
		t.Errorf("Welsh summary = %q", got)
	}
	p.axe("resources-cy")
	p.click("#lang-switch")
	p.waitText("#page-heading", "Resources")
	p.typeInto("#res-budget", "1,000,000\r")
	p.waitFor("the budget back", `document.querySelector("#res-summary").textContent.includes("funds 16 of")`)

	p.navigate("#/report")
	p.waitVisible("#report-resources")
	sec := p.text("#report-resources-section")
	for _, want := range []string{"funds 16 of the 32 costed priorities", "Who pays", "Costed recommendations by ward", "Over 5 years from 2027/28"} {
		if !strings.Contains(sec, want) {
			t.Errorf("report's resources section lacks %q", want)
		}
	}
	if n := eval[int](p, `document.querySelectorAll("#report-resources-section table[id^='report-res-E059']").length`); n < 10 {
		t.Errorf("%d wards' tables in the report's resources section, want one for each costed ward", n)
	}
	p.axe("report-resources")
	sectionShot(p, "#report-resources-section", "report-resources")
	p.checkClean()
}

// TestBrowserCosts edits a need's costs and funders: a valid change shows
// on the Resources view; shares that do not add up to 100% are refused
// with a message and the costs last valid are kept.
func TestBrowserCosts(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	openExample(p)
	// Moorside's second need, rank 1: £20,000 a year, 60% from the Better
	// Care Fund and 40% from the council.
	p.navigate("#/ward/E05900015/needs")
	p.waitVisible("#need-1")
	p.click("#need-1-res summary")
	p.typeInto("#need-1-res-funder-0-share", "50")
	p.typeInto("#need-1-res-peryear", "30,000")
	p.waitFor("the shares message", `document.querySelector("#need-1-res-shares").textContent.includes("add up to 90%")`)
	p.axe("costs-error")
	p.shot("costs-error")
	p.navigate("#/resources")
	p.waitVisible("#res-list")
	row := eval[string](p, `document.querySelector("#res-list tbody tr").cells[3].textContent`)
	if row != "£20,000" {
		t.Errorf("with shares adding up to 90%%, the first priority costs %q in the year, want the last valid £20,000", row)
	}
	p.navigate("#/ward/E05900015/needs")
	p.waitVisible("#need-1")
	p.click("#need-1-res summary")
	p.typeInto("#need-1-res-peryear", "25,000")
	p.typeInto("#need-1-res-funder-1-share", "40")
	p.navigate("#/resources")
	p.waitVisible("#res-list")
	first := eval[string](p, `(function(){var c=document.querySelector("#res-list tbody tr").cells;return c[3].textContent+"|"+c[6].textContent})()`)
	if first != "£25,000|Better Care Fund (synthetic) 60%Example Borough Council (synthetic) 40%" {
		t.Errorf("first priority after the edit = %q", first)
	}

	// A need with no costs of its own (Churchmead's first, which the
	// borough-wide programme serves): a one-off cost and a partner added.
	p.navigate("#/ward/E05900019/needs")
	p.waitVisible("#need-0")
	p.click("#need-0-res summary")
	p.typeInto("#need-0-res-oneoff", "5,000")
	p.click("#need-0-res-funder-add")
	if focused := eval[string](p, `document.activeElement.id`); focused != "need-0-res-funder-0-partner" {
		t.Errorf("focus after adding a partner is on %q, want the partner's select", focused)
	}
	eval[bool](p, `(function(){var s=document.querySelector("#need-0-res-funder-0-partner");s.value="icb";s.dispatchEvent(new Event("change"));return true})()`)
	p.typeInto("#need-0-res-funder-0-share", "100")
	p.axe("costs-added")
	p.navigate("#/resources")
	p.waitVisible("#res-list")
	row = eval[string](p, `(function(){var r=[...document.querySelectorAll("#res-list tbody tr")].find(r=>r.cells[1].textContent.includes("Churchmead")&&r.cells[1].textContent.includes("Emergency"));var c=r.cells;return c[2].textContent+"|"+c[5].textContent+"|"+c[6].textContent})()`)
	if row != "£5,000|Funded|NHS Example Integrated Care Board (synthetic) 100%" {
		t.Errorf("Churchmead's need after costing = %q", row)
	}
	p.checkClean()
}

// TestBrowserPools edits the example's Better Care Fund on the Resources
// view: a partner's contribution changes what the pool has left, a new
// pooled budget can be added and removed, and one that funds
// recommendations cannot be removed.
func TestBrowserPools(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	openExample(p)
	p.navigate("#/resources")
	p.waitVisible("#res-list")
	p.click("#pools summary")
	// The council's contribution for 2027/28, £300,000, becomes £400,000.
	if got := p.value("#pool-0-partner-0"); got != "£300,000" {
		t.Errorf("council's contribution = %q, want £300,000", got)
	}
	p.typeInto("#pool-0-partner-0", "400,000")
	p.typeInto("#res-budget", "1,000,000\r")
	p.waitFor("the plan redrawn", `document.querySelector("#res-summary").textContent.startsWith("A budget of")`)
	if pools := p.text("#res-pools"); !strings.Contains(pools, "£382,900£1,100,000£717,100") {
		t.Errorf("pools table after the change = %q", pools)
	}
	p.click("#pools summary")
	p.click("#pool-0-remove")
	p.waitFor("the refusal", `document.querySelector("#pool-0-error").textContent.includes("Recommendations are funded from this budget")`)
	p.click("#pools-add")
	p.waitVisible("#pool-1-name")
	if focused := eval[string](p, `document.activeElement.id`); focused != "pool-1-name" {
		t.Errorf("focus after adding a pooled budget is on %q, want its name", focused)
	}
	if got := p.value("#pool-1-basis"); got != "s75 NHS Act 2006" {
		t.Errorf("new pooled budget's legal basis = %q, want the English default", got)
	}
	p.typeInto("#pool-1-name", "Integrated Care Fund (synthetic)")
	p.click("#pool-1-add-partner-button")
	p.waitVisible("#pool-1-partner-0")
	p.typeInto("#pool-1-partner-0", "50,000")
	p.axe("pools")
	p.click("#pool-1-remove")
	p.waitFor("the new pool removed", `!document.getElementById("pool-1")`)
	p.checkClean()
}
