//go:build js && wasm

package ui

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// checkPlurals checks the plural messages: each has, in each language,
// exactly the forms that language's CLDR rules give, and every form
// formats with the arguments its English "other" form takes without a
// fmt complaint (a missing, extra or mistyped argument).
func checkPlurals(t *testing.T) {
	t.Helper()
	bases := map[string]bool{}
	for _, m := range []map[string]string{messagesEN, messagesCY} {
		for k := range m {
			if base, _, ok := strings.Cut(k, "#"); ok {
				bases[base] = true
			}
		}
	}
	for base := range bases {
		other, ok := messagesEN[base+"#other"]
		if !ok {
			t.Errorf("plural message %q has no English other form", base)
			continue
		}
		args := sampleArgs(other)
		for _, l := range []Lang{English, Welsh} {
			var have []string
			for k := range catalogue[l] {
				if b, form, ok := strings.Cut(k, "#"); ok && b == base {
					have = append(have, form)
				}
			}
			sort.Strings(have)
			want := append([]string(nil), pluralForms[l]...)
			sort.Strings(want)
			if strings.Join(have, ",") != strings.Join(want, ",") {
				t.Errorf("plural message %q in %s has forms %v, want %v", base, l, have, want)
			}
			for _, form := range have {
				f := catalogue[l][base+"#"+form]
				got := f
				if strings.Contains(f, "%") {
					got = fmt.Sprintf(f, args...)
				}
				if strings.Contains(got, "%!") {
					t.Errorf("plural message %q, %s %s form %q: formatted with the English arguments, %q", base, l, form, f, got)
				}
			}
		}
	}
}

// sampleArgs are arguments for the verbs of the format f, by their
// explicit argument indexes where they have them: numbers for %d, text
// for the others.
func sampleArgs(f string) []any {
	var args []any
	next := 0
	for _, m := range indexedVerbRE.FindAllStringSubmatch(f, -1) {
		if m[0] == "%%" {
			continue
		}
		i := next
		if m[1] != "" {
			i, _ = strconv.Atoi(m[1])
			i--
		}
		next = i + 1
		for len(args) <= i {
			args = append(args, nil)
		}
		if m[2] == "d" {
			args[i] = 7
		} else {
			args[i] = "x"
		}
	}
	return args
}

var indexedVerbRE = regexp.MustCompile(`%(?:\[([0-9]+)\])?[-+# 0]*[0-9]*(?:\.[0-9]+)?([a-zA-Z%])`)

// TestPluralForm checks the CLDR plural categories of English and Welsh
// (Unicode CLDR, common/supplemental/plurals.xml: Welsh zero n = 0, one
// n = 1, two n = 2, few n = 3, many n = 6, other everything else).
func TestPluralForm(t *testing.T) {
	for _, tt := range []struct {
		lang Lang
		n    int
		want string
	}{
		{English, 0, "other"}, {English, 1, "one"}, {English, 2, "other"}, {English, 11, "other"},
		{Welsh, 0, "zero"}, {Welsh, 1, "one"}, {Welsh, 2, "two"}, {Welsh, 3, "few"}, {Welsh, 4, "other"},
		{Welsh, 5, "other"}, {Welsh, 6, "many"}, {Welsh, 7, "other"}, {Welsh, 11, "other"}, {Welsh, 100, "other"},
	} {
		if got := pluralForm(tt.lang, tt.n); got != tt.want {
			t.Errorf("pluralForm(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestTranslatePlural checks plural messages word for word: the open
// conflicts of a merge (once "1 conflicts are still open") and the count
// phrases the other messages insert.
func TestTranslatePlural(t *testing.T) {
	const keptCY = " ar agor o hyd. Cânt eu cadw yn y brif ddogfen, gyda phob ymgeisydd, nes bydd rhywun yn eu datrys."
	tests := []struct {
		lang Lang
		key  string
		n    int
		args []any
		want string
	}{
		{English, "merge.export.open", 0, nil, "0 conflicts are still open. They are kept in the master, with every candidate, until someone resolves them."},
		{English, "merge.export.open", 1, nil, "1 conflict is still open. It is kept in the master, with every candidate, until someone resolves it."},
		{English, "merge.export.open", 2, nil, "2 conflicts are still open. They are kept in the master, with every candidate, until someone resolves them."},
		{Welsh, "merge.export.open", 0, nil, "Nid oes unrhyw wrthdaro ar agor."},
		{Welsh, "merge.export.open", 1, nil, "Mae 1 gwrthdaro ar agor o hyd. Caiff ei gadw yn y brif ddogfen, gyda phob ymgeisydd, nes bydd rhywun yn ei ddatrys."},
		{Welsh, "merge.export.open", 2, nil, "Mae 2 wrthdaro" + keptCY},
		{Welsh, "merge.export.open", 3, nil, "Mae 3 gwrthdaro" + keptCY},
		{Welsh, "merge.export.open", 6, nil, "Mae 6 gwrthdaro" + keptCY},
		{Welsh, "merge.export.open", 11, nil, "Mae 11 gwrthdaro" + keptCY},
		{English, "count.conflicts.open", 0, nil, "0 open conflicts"},
		{English, "count.conflicts.open", 1, nil, "1 open conflict"},
		{English, "count.conflicts.open", 2, nil, "2 open conflicts"},
		{English, "count.records", 1, nil, "1 record"},
		{Welsh, "count.records", 0, nil, "0 cofnod"},
		{Welsh, "count.records", 1, nil, "1 cofnod"},
		{Welsh, "count.records", 2, nil, "2 gofnod"},
		{Welsh, "count.records", 3, nil, "3 chofnod"},
		{Welsh, "count.records", 6, nil, "6 chofnod"},
		{Welsh, "count.records", 11, nil, "11 cofnod"},
		{English, "lib.body", 1, nil, "One document is kept in this browser. Opening another document never replaces it."},
		{English, "lib.body", 2, nil, "2 documents are kept in this browser. Opening another document never replaces one of them."},
		{Welsh, "lib.body", 1, nil, "Mae un ddogfen yn cael ei chadw yn y porwr hwn. Nid yw agor dogfen arall byth yn ei disodli."},
		{Welsh, "lib.body", 2, nil, "Mae 2 ddogfen yn cael eu cadw yn y porwr hwn. Nid yw agor dogfen arall byth yn disodli un ohonynt."},
		{Welsh, "lib.body", 11, nil, "Mae 11 o ddogfennau yn cael eu cadw yn y porwr hwn. Nid yw agor dogfen arall byth yn disodli un ohonynt."},
		// The count first, then the other arguments, by explicit index.
		{English, "lib.removed", 1, []any{"Draft A"}, "Removed Draft A. You can restore it for 1 day."},
		{English, "lib.removed", 30, []any{"Draft A"}, "Removed Draft A. You can restore it for 30 days."},
		{Welsh, "lib.removed", 2, []any{"Drafft A"}, "Wedi tynnu Drafft A. Gallwch ei hadfer am 2 ddiwrnod."},
		{Welsh, "lib.removed", 30, []any{"Drafft A"}, "Wedi tynnu Drafft A. Gallwch ei hadfer am 30 diwrnod."},
		{English, "needs.indicators.filter.shown", 1, []any{0}, "0 of 1 indicator shown"},
		{English, "needs.indicators.filter.shown", 12, []any{3}, "3 of 12 indicators shown"},
		{Welsh, "needs.indicators.filter.shown", 2, []any{1}, "Dangosir 1 o 2 ddangosydd"},
		{English, "no.such.key", 1, nil, "no.such.key"},
	}
	for _, tt := range tests {
		if got := translatePlural(tt.lang, tt.key, tt.n, tt.args...); got != tt.want {
			t.Errorf("translatePlural(%s, %q, %d) = %q, want %q", tt.lang, tt.key, tt.n, got, tt.want)
		}
	}
}

// TestTranslatePluralCounts checks, word for word, counts in the messages
// of practices, resources, merge progress and trends: the form for each
// count, and the Welsh mutation after the numeral (2 feddygfa, 3 chyfnod,
// 2 flynedd, 2 ddrafft).
func TestTranslatePluralCounts(t *testing.T) {
	tests := []struct {
		lang Lang
		key  string
		n    int
		args []any
		want string
	}{
		{English, "practice.import.done", 1, nil, "1 practice serving the wards was added."},
		{English, "practice.import.done", 4, nil, "4 practices serving the wards were added."},
		{Welsh, "practice.import.done", 1, nil, "Ychwanegwyd 1 feddygfa sy’n gwasanaethu’r wardiau."},
		{Welsh, "practice.import.done", 2, nil, "Ychwanegwyd 2 feddygfa sy’n gwasanaethu’r wardiau."},
		{Welsh, "practice.import.done", 3, nil, "Ychwanegwyd 3 meddygfa sy’n gwasanaethu’r wardiau."},
		{English, "practice.import.gp.done", 1, []any{"1 practice"}, "1 practice figure was added to 1 practice."},
		{Welsh, "count.practices", 2, nil, "2 feddygfa"},
		{English, "res.area.serves", 3, []any{"2 wards"}, "Area-wide: serves 3 needs in 2 wards"},
		{English, "res.summary.nobudget", 1, []any{"£1,000", "2027/28"}, "No budget set: the only costed priority costs £1,000 in 2027/28."},
		{Welsh, "res.summary.nobudget", 2, []any{"£1,000", "2027/28"}, "Dim cyllideb wedi’i gosod: mae’r 2 flaenoriaeth â chost yn costio £1,000 i gyd yn 2027/28."},
		{English, "res.summary.budget", 32, []any{"£1,000,000", "2027/28", 14, "£964,000", "£36,000"}, "A budget of £1,000,000 for 2027/28 funds 14 of the 32 costed priorities, which cost £964,000, leaving £36,000."},
		{Welsh, "costs.text.peryear.years", 2, []any{"£5,000", "2027/28"}, "£5,000 y flwyddyn o 2027/28 am 2 flynedd"},
		{Welsh, "costs.text.peryear.years", 1, []any{"£5,000", "2027/28"}, "£5,000 y flwyddyn o 2027/28 am 1 flwyddyn"},
		{Welsh, "costs.text.peryear.years", 10, []any{"£5,000", "2027/28"}, "£5,000 y flwyddyn o 2027/28 am 10 o flynyddoedd"},
		{Welsh, "work.merge", 2, nil, "Wrthi’n cyfuno 2 ddrafft â’r brif ddogfen"},
		{English, "work.merge", 1, nil, "Merging 1 draft into the master"},
		{Welsh, "trend.marker", 3, []any{"cynyddu"}, "Tuedd ddiweddar dros y 3 chyfnod diwethaf: cynyddu."},
		{Welsh, "trend.marker", 5, []any{"cynyddu"}, "Tuedd ddiweddar dros y 5 cyfnod diwethaf: cynyddu."},
		{English, "trend.nomarker.too-few", 5, nil, "there are fewer than 5 periods."},
		{Welsh, "cell.suppressed.why", 10, nil, "Wedi’i atal: llai na 10 o gleifion, neu ffigur y gellid cyfrifo nifer o’r fath ohono."},
	}
	for _, tt := range tests {
		if got := translatePlural(tt.lang, tt.key, tt.n, tt.args...); got != tt.want {
			t.Errorf("translatePlural(%s, %q, %d) = %q, want %q", tt.lang, tt.key, tt.n, got, tt.want)
		}
	}
}
