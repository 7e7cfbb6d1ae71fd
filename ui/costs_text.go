//go:build js && wasm

package ui

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/plan"
)

// resourcingText says in words what a need's resourcing (its JSON, as the
// merge shows a need's fields) holds: the costs, who pays and the status.
func (a *App) resourcingText(raw json.RawMessage) string {
	var r jsna.Resourcing
	if json.Unmarshal(raw, &r) != nil {
		return string(raw)
	}
	var parts []string
	if r.OneOff > 0 {
		parts = append(parts, a.t("costs.text.oneoff", plan.Pounds(r.OneOff)))
	}
	switch {
	case r.PerYear > 0 && r.Years > 0:
		parts = append(parts, a.tn("costs.text.peryear.years", r.Years, plan.Pounds(r.PerYear), fy(r.Year)))
	case r.PerYear > 0:
		parts = append(parts, a.t("costs.text.peryear", plan.Pounds(r.PerYear), fy(r.Year)))
	}
	if r.PriceBasis != "" {
		parts = append(parts, r.PriceBasis)
	}
	for _, f := range r.Funders {
		parts = append(parts, a.t("res.share", a.partnerName(f), strconv.FormatFloat(f.Share, 'f', -1, 64)))
	}
	parts = append(parts, a.t("res.status.line", a.t("res.status."+r.StatusOrDefault())))
	return strings.Join(parts, "; ")
}
