// Package plan turns a document's ranked needs and costed recommendations
// into a plan for a budget: every ward's needs in one area-wide priority
// order (the Hanlon basic priority rating, as jsna/score ranks them), what
// each recommendation counts against the budget of a chosen year, which
// of them the budget funds in priority order, who pays (each funder, each
// pooled budget and, through the pools, each partner), the totals per
// ward, and the costs over several years, undiscounted and discounted at
// HM Treasury's Green Book rates.
//
// It is pure: a document in, numbers out, and CSV tables written to an
// io.Writer for `jsna resources`. The browser's Resources view and the
// report use the same Plan.
package plan
