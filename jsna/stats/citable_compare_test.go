package stats

import (
	"bytes"
	"strings"
	"testing"
)

func TestWriteComparisonTableMethods(t *testing.T) {
	in := "area,value,lower,upper,benchmark,polarity,lower998,upper998,method\n" +
		"a,1.5,1,2,3,lower-is-better,0.5,2.5,\n" +
		"b,1.5,1,2,3,lower-is-better,,,\n" +
		"c,1.5,1,2,3,lower-is-better,0.5,3.5,ci998\n" +
		"d,1.5,1,2,3,lower-is-better,,,ci95\n"
	tests := []struct {
		method string
		want   []string
	}{
		{"", []string{"best", "better", "similar", "better"}},
		{CompareCI95, []string{"better", "better", "similar", "better"}},
		{CompareTwoLevel, []string{"best", "not compared", "similar", "better"}},
		{CompareCI998, []string{"better", "not compared", "similar", "better"}},
	}
	for _, c := range tests {
		var out bytes.Buffer
		if err := WriteComparisonTable(&out, strings.NewReader(in), CompareOptions{Method: c.method}); err != nil {
			t.Fatalf("WriteComparisonTable(%q): %v", c.method, err)
		}
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")[1:]
		for i, l := range lines {
			if got := l[strings.LastIndex(l, ",")+1:]; got != c.want[i] {
				t.Errorf("WriteComparisonTable(%q) row %d = %q, want %q", c.method, i+1, got, c.want[i])
			}
		}
	}
	// Quintiles of 1..10 within each group: phe_quantile, not inverted.
	var q strings.Builder
	q.WriteString("group,value,lower,upper,benchmark,polarity\n")
	for _, v := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"} {
		q.WriteString("g," + v + ",,,,\n")
	}
	q.WriteString("h,1,,,,\n")
	var out bytes.Buffer
	if err := WriteComparisonTable(&out, strings.NewReader(q.String()), CompareOptions{Method: CompareQuintiles}); err != nil {
		t.Fatal(err)
	}
	want := "group,value,lower,upper,benchmark,polarity,comparison\n" +
		"g,1,,,,,quintile 1\ng,2,,,,,quintile 1\ng,3,,,,,quintile 2\ng,4,,,,,quintile 2\ng,5,,,,,quintile 3\n" +
		"g,6,,,,,quintile 3\ng,7,,,,,quintile 4\ng,8,,,,,quintile 4\ng,9,,,,,quintile 5\ng,10,,,,,quintile 5\n" +
		"h,1,,,,,not compared\n"
	if out.String() != want {
		t.Errorf("WriteComparisonTable(quintiles) =\n%s\nwant\n%s", out.String(), want)
	}
	err := WriteComparisonTable(&out, strings.NewReader("value,lower,upper,benchmark,polarity,method\n1,0,2,1,lower-is-better,ci90\n"), CompareOptions{})
	if err == nil || !strings.Contains(err.Error(), `line 2, column method: "ci90" is not a comparison method`) {
		t.Errorf("WriteComparisonTable(bad method) error = %v", err)
	}
}

// Grouped proportions and rates sum the group's rows first, as
// phe_proportion and phe_rate do on grouped data: 30/50 + 35/50 is the
// 65/100 of TestWriteCITable (values from ci_reference.py).
func TestWriteCITableGrouped(t *testing.T) {
	in := "group,count,denominator\nA,30,50\nB,1,10\nA,35,50\nB,,10\n"
	want := "group,count,denominator,value,lower,upper\n" +
		"A,65,100,65,55.25444329688797,73.63575175690247\n" +
		"B,,,,,\n"
	var out bytes.Buffer
	if err := WriteCITable(&out, strings.NewReader(in), MethodProportion, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	if !sameCSV(out.String(), want) {
		t.Errorf("WriteCITable(grouped proportion) =\n%s\nwant\n%s", out.String(), want)
	}
	in = "group,count,denominator\nx,4,2000\nx,6,1456\n"
	want = "group,count,denominator,value,lower,upper\nx,10,3456,289.35185185185185,138.5257498254503,532.1602605832313\n"
	out.Reset()
	if err := WriteCITable(&out, strings.NewReader(in), MethodRate, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	if !sameCSV(out.String(), want) {
		t.Errorf("WriteCITable(grouped rate) =\n%s\nwant\n%s", out.String(), want)
	}
	err := WriteCITable(&out, strings.NewReader("group,count,denominator,confidence\nA,1,2,95\nA,1,2,99.8\n"), MethodProportion, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), "must share their confidence") {
		t.Errorf("WriteCITable(mixed levels in a group) error = %v", err)
	}
}
