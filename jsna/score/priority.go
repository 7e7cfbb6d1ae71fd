package score

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// Criterion is one criterion of the weighted multi-criteria score.
type Criterion struct {
	Name  string
	Score func(jsna.Need) (float64, bool) // the need's score 0–10, false when not given
}

// Criteria are the criteria of the weighted score, in order. Size, severity
// (seriousness) and effectiveness are the Hanlon scores; inequality, trend
// and public view are the need's optional extra scores.
var Criteria = []Criterion{
	{"size", func(n jsna.Need) (float64, bool) { return n.Size, true }},
	{"severity", func(n jsna.Need) (float64, bool) { return n.Seriousness, true }},
	{"inequality", func(n jsna.Need) (float64, bool) { return deref0(n.Inequality) }},
	{"trend", func(n jsna.Need) (float64, bool) { return deref0(n.Trend) }},
	{"effectiveness", func(n jsna.Need) (float64, bool) { return n.Effectiveness, true }},
	{"public_view", func(n jsna.Need) (float64, bool) { return deref0(n.PublicView) }},
}

func deref0(p *float64) (float64, bool) {
	if p == nil {
		return 0, false
	}
	return *p, true
}

// WeightedScore is the weighted multi-criteria score of need n, 0–100: the
// weighted mean of its criterion scores (0–10) times 10, over the criteria
// with a weight above zero. A criterion the need has no score for counts
// as 0 and is named in missing. Weights are keyed by Criteria names.
func WeightedScore(n jsna.Need, weights map[string]float64) (score float64, missing []string, err error) {
	total := 0.0
	for name, w := range weights {
		if w < 0 {
			return 0, nil, fmt.Errorf("jsna: weight for %q is negative", name)
		}
		if !knownCriterion(name) {
			return 0, nil, fmt.Errorf("jsna: no criterion %q (criteria: %s)", name, criterionNames())
		}
		total += w
	}
	if total == 0 {
		return 0, nil, fmt.Errorf("jsna: every weight is zero")
	}
	sum := 0.0
	for _, c := range Criteria {
		w := weights[c.Name]
		if w == 0 {
			continue
		}
		v, ok := c.Score(n)
		if !ok {
			missing = append(missing, c.Name)
		}
		sum += w * v
	}
	return sum / total * 10, missing, nil
}

func knownCriterion(name string) bool {
	for _, c := range Criteria {
		if c.Name == name {
			return true
		}
	}
	return false
}

func criterionNames() string {
	var names []string
	for _, c := range Criteria {
		names = append(names, c.Name)
	}
	return strings.Join(names, ", ")
}

// RankedNeed is a need in a ranking.
type RankedNeed struct {
	Ward     string   `json:"ward"`
	WardName string   `json:"ward_name"`
	Need     string   `json:"need"`
	Title    string   `json:"title"`
	Score    float64  `json:"score"`              // BPR, or the weighted score
	Rank     int      `json:"rank,omitempty"`     // 1 is the top priority; 0 when excluded
	Tied     bool     `json:"tied,omitempty"`     // shares its rank with another need
	Excluded []string `json:"excluded,omitempty"` // the PEARL answers that were no
	// Unassessed marks a need with no PEARL answer yet: listed, not ranked.
	Unassessed bool     `json:"unassessed,omitempty"`
	Missing    []string `json:"missing,omitempty"` // criteria the need has no score for
}

// RankNeeds ranks the needs of every ward of d: by BPR when weights is nil,
// else by the weighted score. Needs failing the PEARL test, with the
// answers that failed, and needs with no PEARL answer yet (Unassessed)
// come last, unranked, by ward code and need id. Equal scores share a rank
// (standard competition ranking, "1224"), are marked Tied and listed by
// ward code and need id, so the order is stable.
func RankNeeds(d *jsna.Document, weights map[string]float64) ([]RankedNeed, error) {
	n := 0
	for wi := range d.Wards {
		n += len(d.Wards[wi].Needs)
	}
	ranked := make([]RankedNeed, 0, n)
	var excluded []RankedNeed
	// The ward of each need as its place in the order of ward codes, which
	// sorts the many needs of equal score without comparing codes.
	codeRank := wardCodeRanks(d.Wards)
	rankedWard := make([]int32, 0, n)
	var excludedWard []int32
	for wi, w := range d.Wards {
		for _, n := range w.Needs {
			r := RankedNeed{Ward: w.Code, WardName: w.Name, Need: n.ID, Title: n.Title, Score: n.BPR()}
			if weights != nil {
				s, missing, err := WeightedScore(n, weights)
				if err != nil {
					return nil, err
				}
				r.Score, r.Missing = s, missing
			}
			if no := n.PearlFailures(); len(no) > 0 {
				r.Excluded = no
				excluded, excludedWard = append(excluded, r), append(excludedWard, codeRank[wi])
				continue
			}
			if !n.PearlAssessed() {
				r.Unassessed = true
				excluded, excludedWard = append(excluded, r), append(excludedWard, codeRank[wi])
				continue
			}
			ranked, rankedWard = append(ranked, r), append(rankedWard, codeRank[wi])
		}
	}
	sortNeeds(ranked, func(a, b int) int {
		if c := cmp.Compare(ranked[b].Score, ranked[a].Score); c != 0 {
			return c
		}
		if c := cmp.Compare(rankedWard[a], rankedWard[b]); c != 0 {
			return c
		}
		return strings.Compare(ranked[a].Need, ranked[b].Need)
	})
	for i := range ranked {
		if i > 0 && ranked[i].Score == ranked[i-1].Score {
			ranked[i].Rank = ranked[i-1].Rank
			ranked[i].Tied, ranked[i-1].Tied = true, true
		} else {
			ranked[i].Rank = i + 1
		}
	}
	sortNeeds(excluded, func(a, b int) int {
		if c := cmp.Compare(excludedWard[a], excludedWard[b]); c != 0 {
			return c
		}
		return strings.Compare(excluded[a].Need, excluded[b].Need)
	})
	return append(ranked, excluded...), nil // in ranked's room for every need
}

// wardCodeRanks is each ward's place in the order of ward codes
// (strings.Compare), wards of the same code sharing one.
func wardCodeRanks(wards []jsna.Ward) []int32 {
	order := make([]int32, len(wards))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return strings.Compare(wards[a].Code, wards[b].Code) })
	ranks := make([]int32, len(wards))
	for k, i := range order {
		if k > 0 && wards[i].Code == wards[order[k-1]].Code {
			ranks[i] = ranks[order[k-1]]
		} else {
			ranks[i] = int32(k)
		}
	}
	return ranks
}

// sortNeeds sorts rs stably by cmp, which compares the records at two
// places of rs as it was given, in place. It sorts indices, then moves
// each record once, following the permutation's cycles, rather than
// moving the records about while sorting; records cmp finds equal keep
// their order by their indices, so that an unstable sort (pdqsort, faster
// than a stable merge) gives the stable order.
func sortNeeds(rs []RankedNeed, cmp func(a, b int) int) {
	order := make([]int32, len(rs))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp(int(a), int(b)); c != 0 {
			return c
		}
		return int(a - b)
	})
	// rs[j] is to be the record at order[j]; −1 marks a place filled.
	for k := range order {
		if order[k] < 0 {
			continue
		}
		first := rs[k]
		for j := k; ; {
			from := int(order[j])
			order[j] = -1
			if from == k {
				rs[j] = first
				break
			}
			rs[j] = rs[from]
			j = from
		}
	}
}

// Explain says in words where a ranked need stands.
func (r RankedNeed) Explain() string {
	switch {
	case len(r.Excluded) > 0:
		return fmt.Sprintf("not ranked: the PEARL test's answer was no for %s", strings.Join(r.Excluded, ", "))
	case r.Unassessed:
		return "not ranked: the PEARL test is not yet assessed"
	case r.Tied:
		return fmt.Sprintf("rank %d, tied with other needs scoring %g", r.Rank, r.Score)
	}
	return fmt.Sprintf("rank %d", r.Rank)
}
