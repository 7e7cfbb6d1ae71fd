package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/wardwise/wardwise/jsna"
)

// Importing Fingertips indicator metadata
//
// Fingertips publishes each indicator's definition as a metadata CSV (the
// "Download indicator definitions" of a profile, or the API's
// indicator_metadata/csv): one row per indicator, with the columns
//
//	Indicator ID, Indicator, Definition, Rationale, Data source,
//	Indicator source, Methodology, Standard population/values,
//	Confidence interval details, Source of numerator, ..., Unit,
//	Value type, Year type, Polarity, Impact of COVID-19
//
// ReadMetadata reads the columns a jsna indicator needs: Indicator ID,
// Indicator (the name), Definition, Data source, Unit, Value type and
// Polarity. Value type gives the method and Unit the multiplier; Polarity
// the polarity ("RAG - Low is good" and so on).

// Metadata are indicator definitions read from a metadata CSV, by
// indicator ID.
type Metadata map[string]IndicatorMeta

// IndicatorMeta is one indicator's definition from a metadata CSV. Method,
// Polarity and Multiplier are empty or 0 where the file's Value type,
// Polarity or Unit do not say.
type IndicatorMeta struct {
	ID, Name, Definition, Source  string
	Unit, ValueType, PolarityText string
	Method, Polarity              string
	Multiplier                    float64
	Line                          int // the row it came from
}

// MetadataReport says what ReadMetadata read, and what it could not use.
type MetadataReport struct {
	File       string `json:"file"`
	Rows       int    `json:"rows"`
	Indicators int    `json:"indicators"`
	// Skipped counts the rows left out by kind (SkipMissing: no
	// Indicator ID; SkipDuplicate: an indicator already read), and Groups
	// says the same by reason and indicator (skipgroups.go).
	Skipped map[string]int `json:"skipped,omitempty"`
	Groups  []SkipGroup    `json:"groups,omitempty"`
	Notes   []string       `json:"notes,omitempty"`
}

// Summary describes the report for people, in English: the rows and
// indicators read, the rows left out by reason with what to do, and the
// notes.
func (r *MetadataReport) Summary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d rows read, %d indicators\n", r.File, r.Rows, r.Indicators)
	writeReasons(&b, r.Groups, "line")
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "note: %s\n", n)
	}
	return b.String()
}

// valueTypes maps Fingertips' Value type to a jsna method. Life
// expectancy and other value types with intervals of their own are
// "other": their intervals come from the file.
var valueTypes = map[string]string{
	"proportion":                    jsna.MethodProportion,
	"percentage":                    jsna.MethodProportion,
	"crude rate":                    jsna.MethodRate,
	"directly standardised rate":    jsna.MethodDSR,
	"indirectly standardised ratio": jsna.MethodISR,
	"indirectly standardised rate":  jsna.MethodRate,
	"standardised ratio":            jsna.MethodISR,
	"mean":                          jsna.MethodMean,
	"count":                         jsna.MethodCount,
	"life expectancy":               jsna.MethodOther,
	"score":                         jsna.MethodOther,
	"ratio":                         jsna.MethodOther,
}

// polarityOf maps Fingertips' Polarity to a jsna polarity, leniently: the
// wording has varied between exports.
func polarityOf(s string) string {
	k := strings.ToLower(strings.Join(strings.Fields(s), " "))
	switch {
	case strings.Contains(k, "low is good"), strings.Contains(k, "lower is better"):
		return jsna.LowerIsBetter
	case strings.Contains(k, "high is good"), strings.Contains(k, "higher is better"):
		return jsna.HigherIsBetter
	case strings.Contains(k, "blue orange blue"), strings.HasPrefix(k, "bob"):
		return jsna.NoJudgement
	case strings.Contains(k, "not applicable"), k == "n/a":
		return jsna.NotApplicable
	}
	return ""
}

// multiplierOf reads the multiplier from a Unit such as "%", "per 1,000"
// or "per 100,000"; 0 where the unit is not of that form.
func multiplierOf(unit string) float64 {
	u := strings.ToLower(strings.TrimSpace(unit))
	if u == "%" || u == "percent" || u == "per cent" {
		return 100
	}
	rest, ok := strings.CutPrefix(u, "per ")
	if !ok {
		return 0
	}
	var digits strings.Builder // "100,000" and "10 000" alike
	for _, r := range strings.TrimSpace(rest) {
		if r >= '0' && r <= '9' || r == '.' {
			digits.WriteRune(r)
		} else if r != ',' && r != ' ' {
			break
		}
	}
	n, err := strconv.ParseFloat(digits.String(), 64)
	if err != nil || n <= 0 {
		return 0
	}
	return n
}

// ReadMetadata reads a Fingertips indicator metadata CSV. name is used in
// messages. A file that is not CSV, lacks the Indicator ID column or has
// no indicator is an *Error naming the file and line; a row whose Value
// type or Polarity this version does not know is kept, with a note, and
// leaves that field to the document. Where an indicator has several rows
// (its metadata in several profiles, whose polarity may differ), the
// first is used and the others noted.
func ReadMetadata(name string, r io.Reader) (Metadata, *MetadataReport, error) {
	rep := &MetadataReport{File: name}
	data, err := readAllSized(r, MaxImportBytes+1)
	if err != nil {
		return nil, rep, fmt.Errorf("jsna: read %s: %w", name, err)
	}
	fail := func(line int, format string, args ...any) error {
		p := jsna.Problem{Line: line, Message: fmt.Sprintf(format, args...)}
		if line > 0 {
			p.Column = 1
		}
		return &jsna.Error{File: name, Problems: []jsna.Problem{p}}
	}
	if len(data) > MaxImportBytes {
		return nil, rep, fail(0, "file is larger than the %s the importer reads", jsna.ByteSize(MaxImportBytes))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		data = windows1252ToUTF8(data)
		rep.Notes = append(rep.Notes, "the file is not UTF-8; it was read as Windows-1252")
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	at := map[string]int{}
	meta := Metadata{}
	var groups skipGroups
	defer func() { rep.Groups = groups.sorted() }()
	skip := func(reason, id string, line int) {
		if rep.Skipped == nil {
			rep.Skipped = map[string]int{}
		}
		rep.Skipped[ReasonKind(reason)]++
		groups.add(reason, id, "", line)
	}
	for header := true; ; {
		rec, err := cr.Read()
		if err == io.EOF {
			if header {
				return nil, rep, fail(0, "file is empty")
			}
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, rep, &jsna.Error{File: name, Problems: []jsna.Problem{{Line: pe.Line, Column: pe.Column, Message: "not valid CSV: " + pe.Err.Error()}}}
		} else if err != nil {
			return nil, rep, fmt.Errorf("jsna: read %s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		if header {
			if msg := metadataHeader(rec, at); msg != "" {
				return nil, rep, fail(line, "%s", msg)
			}
			header = false
			continue
		}
		rep.Rows++
		cell := func(col string) string {
			if i, ok := at[headerKey(col)]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		m := metaRow(cell, line, rep)
		if m.ID == "" {
			skip(ReasonMetaNoID, "", line)
			continue
		}
		if first, dup := meta[m.ID]; dup {
			skip(ReasonMetaRepeat, m.ID, line)
			if first.Polarity != m.Polarity {
				rep.Notes = append(rep.Notes, fmt.Sprintf("line %d: indicator %s again, with polarity %q (line %d has %q): the first is used", line, m.ID, m.PolarityText, first.Line, first.PolarityText))
			}
			continue
		}
		meta[m.ID] = m
	}
	if len(meta) == 0 {
		return nil, rep, fail(0, "no indicators: every row lacks an indicator ID")
	}
	rep.Indicators = len(meta)
	return meta, rep, nil
}

// metadataHeader indexes the header row rec into at, and says why it is
// not the header of an indicator metadata file ("" when it is).
func metadataHeader(rec []string, at map[string]int) string {
	for i, c := range rec {
		at[headerKey(c)] = i
	}
	if _, ok := at[headerKey("Area Code")]; ok {
		return fmt.Sprintf("this is a Fingertips data file (it has an %q column), not indicator metadata: import it with jsna import fingertips", "Area Code")
	}
	_, id := at[headerKey("Indicator ID")]
	known := 0
	for _, c := range []string{"Definition", "Unit", "Value type", "Polarity"} {
		if _, ok := at[headerKey(c)]; ok {
			known++
		}
	}
	if !id || known == 0 {
		return fmt.Sprintf("not a Fingertips indicator metadata file: it needs an %q column and at least one of Definition, Unit, Value type and Polarity", "Indicator ID")
	}
	return ""
}

// metaRow reads one row of a metadata CSV, noting in rep what it cannot use.
func metaRow(cell func(string) string, line int, rep *MetadataReport) IndicatorMeta {
	m := IndicatorMeta{ID: normalizeID(cell("Indicator ID")), Name: cell("Indicator"), Definition: cell("Definition"),
		Source: cell("Data source"), Unit: cell("Unit"), ValueType: cell("Value type"), PolarityText: cell("Polarity"), Line: line}
	if m.ID == "" {
		return m
	}
	if vt := strings.ToLower(strings.Join(strings.Fields(m.ValueType), " ")); vt != "" {
		if method, ok := valueTypes[vt]; ok {
			m.Method = method
		} else {
			rep.Notes = append(rep.Notes, fmt.Sprintf("line %d: indicator %s: value type %q is not one this version knows; its method is left as it is", line, m.ID, m.ValueType))
		}
	}
	if m.PolarityText != "" {
		if m.Polarity = polarityOf(m.PolarityText); m.Polarity == "" {
			rep.Notes = append(rep.Notes, fmt.Sprintf("line %d: indicator %s: polarity %q is not one this version knows; its polarity is left as it is", line, m.ID, m.PolarityText))
		}
	}
	m.Multiplier = multiplierOf(m.Unit)
	if m.Multiplier == 0 && m.Method == jsna.MethodISR {
		m.Multiplier = 100 // ratios to the reference = 100
	}
	if m.Multiplier == 0 && m.Method == jsna.MethodProportion {
		m.Multiplier = 100
	}
	return m
}

// MetadataChange is one field ApplyMetadata changed.
type MetadataChange struct {
	Indicator string `json:"indicator"`
	Field     string `json:"field"`
	From      string `json:"from,omitempty"`
	To        string `json:"to"`
}

// ApplyMetadata gives the indicators of d the definitions meta has for
// them (an indicator imported split by sex or age, with an ID like
// "93283-male", takes its base ID's): name only where d has none or a
// placeholder, and definition, source, unit, method, polarity and
// multiplier wherever meta says. It returns what it changed, in indicator
// order. d must validate afterwards as before: a method or polarity
// changes nothing in the values.
func ApplyMetadata(d *jsna.Document, meta Metadata) []MetadataChange {
	var changes []MetadataChange
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		m, ok := meta[ind.ID]
		if !ok {
			base, _, split := strings.Cut(ind.ID, "-")
			if m, ok = meta[base]; !ok || !split {
				continue
			}
		}
		set := func(field string, to *string, v string) {
			if v != "" && *to != v {
				changes = append(changes, MetadataChange{Indicator: ind.ID, Field: field, From: *to, To: v})
				*to = v
			}
		}
		if ind.Name == "" || ind.Name == "Indicator "+ind.ID {
			set("name", &ind.Name, clip(m.Name, 500))
		}
		set("definition", &ind.Definition, clip(m.Definition, 20000))
		set("source", &ind.Source, clip(m.Source, 500))
		set("unit", &ind.Unit, clip(m.Unit, 100))
		set("method", &ind.Method, m.Method)
		set("polarity", &ind.Polarity, m.Polarity)
		if m.Multiplier > 0 && ind.Multiplier != m.Multiplier {
			changes = append(changes, MetadataChange{Indicator: ind.ID, Field: "multiplier", From: fmtMult(ind.Multiplier), To: fmtMult(m.Multiplier)})
			ind.Multiplier = m.Multiplier
		}
	}
	if len(changes) > 0 {
		d.Edited() // changed in place: its revision is hashed anew
	}
	return changes
}

func fmtMult(m float64) string {
	if m == 0 {
		return ""
	}
	return strconv.FormatFloat(m, 'f', -1, 64)
}

// IDs returns the indicator IDs of meta, sorted.
func (meta Metadata) IDs() []string {
	ids := make([]string, 0, len(meta))
	for id := range meta {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
