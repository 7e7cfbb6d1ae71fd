//go:build browser

package main

import (
	"strings"
	"testing"
)

// TestBrowserReportRule chooses NHS England's HES rule for the report: the
// threshold field goes (the rule fixes it) and the rule the report states
// is the preset's, named as NHS England names it.
func TestBrowserReportRule(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	openExample(p)
	p.navigate("#/report/" + firstWard(p))
	p.waitVisible("#report-disclosure")
	if rule := p.text("#report-disclosure"); !strings.Contains(rule, "Disclosure control: counts from 0 to 4 are suppressed") {
		t.Errorf("default rule = %q", rule)
	}
	p.click("#report-rule-1")
	p.waitFor("the HES rule", `document.querySelector("#report-disclosure").textContent.includes("NHS England's disclosure control methodology for Hospital Episode Statistics (HES)")`)
	if n := eval[int](p, `document.querySelectorAll("#report-threshold").length`); n != 0 {
		t.Errorf("the threshold field is still shown with the HES rule")
	}
	if focused := eval[string](p, `document.activeElement.id`); focused != "report-rule-1" {
		t.Errorf("focus after choosing the rule is on %q, want report-rule-1", focused)
	}
	p.axe("report-hes")
	p.shot("report-hes")
	p.click("#report-rule-0")
	p.waitVisible("#report-threshold")
	p.checkClean()
}
