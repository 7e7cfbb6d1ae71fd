package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// resourcesDoc has two wards' needs ranked 1 (BPR 100), 2 (75) and 3 (50),
// costed 15,000, 20,000 and 30,000 in 2027/28, and a pooled budget.
const resourcesDoc = `{"format":"jsna/1","id":"t","title":"T","area":{"code":"E09000099","name":"A"},
"benchmark":{"code":"E92000001","name":"England"},"indicators":[],
"wards":[
 {"code":"E05000001","name":"Riverside","needs":[
  {"id":"n1","title":"Obesity","size":6,"seriousness":7,"effectiveness":5,"pearl":{"legality":true},"recommendation":"Healthy schools",
   "resourcing":{"one_off":10000,"per_year":5000,"year":2027,"price_basis":"2026/27 prices",
    "funders":[{"id":"council","kind":"council","share":60},{"id":"bcf","kind":"pooled","budget":"bcf","share":40}]}},
  {"id":"n2","title":"Smoking","size":4,"seriousness":3,"effectiveness":5,"pearl":{"legality":true},"recommendation":"Stop smoking service",
   "resourcing":{"per_year":30000,"year":2027,"price_basis":"2026/27 prices","funders":[{"id":"icb","kind":"icb","share":100}]}}]},
 {"code":"E05000002","name":"Hillside","needs":[
  {"id":"n1","title":"Falls","size":5,"seriousness":5,"effectiveness":5,"pearl":{"legality":true},"recommendation":"Strength classes",
   "resourcing":{"one_off":20000,"year":2027,"price_basis":"2026/27 prices","funders":[{"id":"icb","kind":"icb","share":100}]}}]}],
"resources":{"pooled_budgets":[{"id":"bcf","name":"Better Care Fund","legal_basis":"s75 NHS Act 2006",
 "partners":[{"id":"council","kind":"council","contributions":{"2027":100000}},{"id":"icb","kind":"icb","contributions":{"2027":300000}}]}]}}`

func TestResourcesCommand(t *testing.T) {
	doc := writeTemp(t, "doc.json", resourcesDoc)
	tests := []struct {
		name         string
		args         []string
		stdout, note string
	}{
		{"no budget", []string{doc}, `rank,ward_code,need_id,recommendation,one_off,per_year,cumulative,funded,partner_shares
1,E05000001,n1,Healthy schools,10000.00,5000.00,15000.00,true,council=60;bcf=40
2,E05000002,n1,Strength classes,20000.00,0.00,35000.00,true,icb=100
3,E05000001,n2,Stop smoking service,0.00,30000.00,65000.00,true,icb=100
`, "jsna resources: 2027/28: no budget given: all 3 costed recommendations funded, £65,000; each counts its one-off cost plus its recurring cost in the year; prices: 2026/27 prices\n"},
		{"strict", []string{"--budget", "£40,000", doc}, `rank,ward_code,need_id,recommendation,one_off,per_year,cumulative,funded,partner_shares
1,E05000001,n1,Healthy schools,10000.00,5000.00,15000.00,true,council=60;bcf=40
2,E05000002,n1,Strength classes,20000.00,0.00,35000.00,true,icb=100
3,E05000001,n2,Stop smoking service,0.00,30000.00,35000.00,false,icb=100
`, "jsna resources: 2027/28: a budget of £40,000 funds 2 of 3 costed recommendations, £35,000, strictly in priority order, stopping at the first that does not fit; each counts its one-off cost plus its recurring cost in the year; prices: 2026/27 prices\n"},
		// In 2028/29 the one-off costs not yet spent still count; over two
		// years from 2028 Healthy schools costs 10,000 + 5,000 + 5,000/1.035.
		{"skip, later year, years", []string{doc, "--budget=46k", "--skip", "--year", "2028", "--years", "2"}, `rank,ward_code,need_id,recommendation,one_off,per_year,cumulative,funded,partner_shares,years_total,years_discounted
1,E05000001,n1,Healthy schools,10000.00,5000.00,15000.00,true,council=60;bcf=40,20000.00,19830.92
2,E05000002,n1,Strength classes,20000.00,0.00,35000.00,true,icb=100,20000.00,20000.00
3,E05000001,n2,Stop smoking service,0.00,30000.00,35000.00,false,icb=100,60000.00,58985.51
`, "jsna resources: 2028/29: a budget of £46,000 funds 2 of 3 costed recommendations, £35,000, in priority order, skipping what does not fit; each counts its one-off cost plus its recurring cost in the year; over 2 years the funded ones cost £40,000, £39,830.92 discounted at the Green Book's rates (3.5% for years 1-30), year 0 undiscounted; prices: 2026/27 prices\n"},
		{"by partner", []string{"--by", "partner", "--budget", "40000", doc}, `kind,id,name,amount,via_pools,total,contributed,remaining
council,council,,9000.00,1500.00,10500.00,,
icb,icb,,20000.00,4500.00,24500.00,,
pooled,bcf,Better Care Fund,6000.00,,,400000.00,394000.00
`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append([]string{"resources"}, tt.args...)...)
			if code != 0 || out != tt.stdout || (tt.note != "" && errOut != tt.note) {
				t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr: %s\nwant:   %s", code, out, tt.stdout, errOut, tt.note)
			}
		})
	}
}

func TestResourcesCommandErrors(t *testing.T) {
	doc := writeTemp(t, "doc.json", resourcesDoc)
	bad := writeTemp(t, "bad.json", strings.Replace(resourcesDoc, `"share":60`, `"share":50`, 1))
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{doc, "--budget", "lots"}, 2, `jsna resources: --budget: "lots" is not an amount of pounds (like 1200000, 1,200,000 or £1.2m)`},
		{[]string{doc, "--budget", "-5"}, 2, `jsna resources: --budget: "-5" is not an amount of pounds`},
		{[]string{doc, "--year", "27"}, 2, "jsna resources: --year 27: give the year a financial year starts in, 2000 to 2100 (2027 for 2027/28)"},
		{[]string{doc, "--by", "ward"}, 2, `jsna resources: --by "ward": the only grouping is partner`},
		{[]string{doc, "--rate", "0"}, 2, `jsna resources: --rate "0": give a percentage above 0 and below 100, like 3.5`},
		{[]string{}, 2, "usage: jsna resources DOC.json"},
		{[]string{bad}, 1, "jsna: " + bad + ": wards[0].needs[0].resourcing.funders: the funders' shares add up to 90%, not 100% (within 0.01 percentage points)"},
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", append([]string{"resources"}, tt.args...)...)
		if code != tt.code || out != "" || !strings.Contains(errOut, tt.msg) {
			t.Errorf("resources %q: exit %d, stdout %q, stderr %q; want exit %d and %q", tt.args, code, out, errOut, tt.code, tt.msg)
		}
	}
}

// TestResourcesCommandFile writes the table to a file with -o, whole.
func TestResourcesCommandFile(t *testing.T) {
	doc := writeTemp(t, "doc.json", resourcesDoc)
	out := filepath.Join(t.TempDir(), "plan.csv")
	if code, _, errOut := runCLI(t, "", "resources", doc, "--by", "partner", "-o", out); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	got, err := os.ReadFile(out)
	if err != nil || !strings.HasPrefix(string(got), "kind,id,name,amount,via_pools,total,contributed,remaining\ncouncil,") {
		t.Errorf("plan.csv = %q, %v", got, err)
	}
}
