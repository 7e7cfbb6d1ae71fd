//go:build browser

package main

import (
	"strings"
	"testing"
)

// setSelect chooses value in the select sel as the keyboard would: it
// focuses the select and changes it, firing input and change.
func setSelect(p *page, sel, value string) {
	p.tb.Helper()
	p.waitVisible(sel)
	eval[bool](p, `(function(){var e=document.querySelector(`+jsString(sel)+`);e.focus();e.value=`+jsString(value)+`;`+
		`e.dispatchEvent(new Event("input",{bubbles:true}));e.dispatchEvent(new Event("change",{bubbles:true}));return true})()`)
}

func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// TestBrowserIndicatorPage goes from an indicator's name on the ward page
// to its page, checks what it shows (definition, source, periods, method,
// polarity, unit, multiplier, comparison, benchmark value), sets its
// polarity, unit and definition, undoes and redoes the unit, and finds
// every change after a reload; in a bilingual document it sets the Welsh
// definition too.
func TestBrowserIndicatorPage(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	openExample(p)
	p.navigate("#/ward/" + worseningWard)
	p.waitVisible("#indicator-table")
	p.click(`#indicator-table a[href="#/indicator/93097"]`)
	p.waitFor("the indicator page", `location.hash === "#/indicator/93097" && !!document.getElementById("ind-summary")`)
	if got := p.text("#page-heading"); !strings.HasPrefix(got, "Unemployment") {
		t.Errorf("heading = %q", got)
	}
	want := map[string]string{
		"method": "Proportion", "polarity": "Lower is better", "unit": "%", "multiplier": "100",
		"comparison": "Two levels where both intervals are known (95%, 99.8%), otherwise 95%",
		"periods":    "2017/18, 2018/19, 2019/20, 2020/21, 2021/22",
		"benchmark":  "England: 4.2 (2021/22)", "source": "OHID Local Health (definition); values synthetic",
		"definition": "Not given",
	}
	for k, v := range want {
		if got := p.text("#ind-sum-" + k); got != v {
			t.Errorf("%s = %q, want %q", k, got, v)
		}
	}
	p.axe("indicator-page")
	p.shot("indicator-page")

	before := savedNote(p)
	setSelect(p, "#ind-polarity", "no-judgement")
	if got := p.text("#ind-sum-polarity"); got != "No judgement (higher or lower)" {
		t.Errorf("summary after the change = %q", got)
	}
	p.typeInto("#ind-definition", "Claimants of out-of-work benefits as a share of residents aged 16 to 64 (synthetic example).")
	p.typeInto("#ind-multiplier", "-3")
	p.waitText("#ind-multiplier-error", "Error: Enter a multiplier as a number of 0 or more, like 100")
	p.typeInto("#ind-multiplier", "100")
	p.typeInto("#ind-unit", "% of 16-64s")
	waitSaved(p, before)

	// Undo puts the unit back; redo sets it again.
	p.click("#undo")
	p.waitFor("the unit undone", `document.getElementById("ind-unit").value === "%" && document.getElementById("ind-sum-unit").textContent === "%"`)
	p.click("#redo")
	p.waitFor("the unit redone", `document.getElementById("ind-unit").value === "% of 16-64s"`)
	p.waitFor("the autosave", `!wardwisePending()`)

	p.reload()
	p.waitVisible("#ind-summary")
	if got := p.value("#ind-polarity"); got != "no-judgement" {
		t.Errorf("polarity after reload = %q, want no-judgement", got)
	}
	if got := p.value("#ind-unit"); got != "% of 16-64s" {
		t.Errorf("unit after reload = %q", got)
	}
	if got := p.text("#ind-sum-definition"); !strings.HasPrefix(got, "Claimants of out-of-work benefits") {
		t.Errorf("definition after reload = %q", got)
	}
	if got := p.text("#ind-sum-multiplier"); got != "100" {
		t.Errorf("multiplier after reload = %q", got)
	}

	// A bilingual document: the Welsh name and definition beside the English.
	p.navigate("#/ward/" + worseningWard + "/narrative")
	p.click("#doc-languages-details summary")
	p.click("#doc-languages-1")
	p.waitVisible("#section-0-text-cy")
	p.navigate("#/indicator/93097")
	p.waitVisible("#ind-definition-cy")
	if got := eval[string](p, `document.getElementById("ind-name-cy").value`); got == "" {
		t.Errorf("the Welsh name field is empty: the example's indicators have Welsh names")
	}
	before = savedNote(p)
	p.typeInto("#ind-definition-cy", "Hawlwyr budd-daliadau di-waith (enghraifft synthetig).")
	waitSaved(p, before)
	p.axe("indicator-page-bilingual")
	p.shot("indicator-page-bilingual")
	p.reload()
	p.waitVisible("#ind-definition-cy")
	if got := p.value("#ind-definition-cy"); got != "Hawlwyr budd-daliadau di-waith (enghraifft synthetig)." {
		t.Errorf("Welsh definition after reload = %q", got)
	}
	p.checkClean()
}
