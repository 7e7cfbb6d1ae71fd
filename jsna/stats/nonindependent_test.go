package stats

import (
	"bytes"
	"strings"
	"testing"
)

// The isr table's group x of TestWriteCITable as a rate: the reference
// rate is 97,100/9,500,000 × 100,000, and the value and limits are the
// ISR's (ci_reference.py) / 100 × that rate.
func TestISRateCI(t *testing.T) {
	bands := []ISRBand{{3, 2500, 800, 3000000}, {12, 2200, 5200, 2800000}, {41, 1800, 30100, 2500000}, {87, 900, 61000, 1200000}}
	got, err := ISRateCI(bands, 0.95, 100000)
	if err != nil {
		t.Fatal(err)
	}
	rate := 97100.0 / 9500000 * 100000
	want := Interval{198.13124562072545 / 100 * rate, 166.98687816659833 / 100 * rate, 233.39714735204618 / 100 * rate}
	if !relClose(got.RefRate, rate, 1e-15) || !relClose(got.Value, want.Value, 1e-13) || !relClose(got.Lower, want.Lower, 1e-13) || !relClose(got.Upper, want.Upper, 1e-13) {
		t.Errorf("ISRateCI = %+v, want rate %v, %+v", got, rate, want)
	}
}

// A small table of individuals by event frequency; the DSR, and the
// limits with the variance summed over frequencies, from
// testdata/ci_reference2.py (dsr_frequencies), exact rationals and
// 50-digit decimals.
func TestDSRFrequencyCI(t *testing.T) {
	in := "group,ageband,eventfreq,count,denominator,standard\n" +
		"a,0-4,1,30,5000,5000\na,0-4,2,5,5000,5000\na,0-4,3,2,5000,5000\n" +
		"a,5-9,1,40,6000,5500\na,5-9,2,8,6000,5500\na,5-9,3,1,6000,5500\n" +
		"b,0-4,1,3,5000,5000\nb,0-4,2,,5000,5000\n"
	var out bytes.Buffer
	if err := WriteCITable(&out, strings.NewReader(in), MethodDSR, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	want := "group,count,denominator,value,lower,upper,note\n" +
		"a,105,11000,953.17460317460313,745.86285037393668,1192.8782008398207,confidence adjusted for non-independent events\n" +
		"b,3,5000,,,,\"count missing in 1 age band, counted as 0 (as calculate_dsr); dsr not calculated for a total count below 10 (as calculate_dsr)\"\n"
	if !sameCSV(out.String(), want) {
		t.Errorf("WriteCITable(dsr, non-independent) =\n%s\nwant\n%s", out.String(), want)
	}
	bad := "group,ageband,eventfreq,count,denominator,standard\na,0-4,1,30,5000,5000\na,0-4,2,5,4000,5000\n"
	err := WriteCITable(&out, strings.NewReader(bad), MethodDSR, CSVOptions{})
	if err == nil || !strings.Contains(err.Error(), `age band "0-4" has rows with different populations`) {
		t.Errorf("WriteCITable(dsr, differing populations) error = %v", err)
	}
}

func TestWriteCITableISRate(t *testing.T) {
	in := "group,count,denominator,reference_count,reference_denominator\nx,3,2500,800,3000000\nx,12,2200,5200,2800000\nx,41,1800,30100,2500000\nx,87,900,61000,1200000\n"
	var out bytes.Buffer
	if err := WriteCITable(&out, strings.NewReader(in), MethodISRate, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	rate := 97100.0 / 9500000 * 100000
	want := "group,observed,expected,ref_rate,value,lowercl,uppercl,note\n" +
		"x,143,72.17438095238096," + formatNumber(rate) + "," + formatNumber(198.13124562072545/100*rate) + "," +
		formatNumber(166.98687816659833/100*rate) + "," + formatNumber(233.39714735204618/100*rate) + ",\n"
	if !sameCSV(out.String(), want) {
		t.Errorf("WriteCITable(israte) =\n%s\nwant\n%s", out.String(), want)
	}
}
