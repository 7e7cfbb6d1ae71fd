package jsna

import "github.com/wardwise/wardwise/jsna/stats"

// Format is the value of the "format" field of every document this package
// writes. Decode accepts it and refuses any other major version.
const Format = "jsna/1"

// Document is one joint strategic needs assessment: a master, or a draft of
// one when Draft is set. Its JSON form is described in docs/design.md ("The document format jsna/1").
//
// Every record type carries an Extra field holding the members this version
// does not know. Decode fills it and Encode writes it back, so a file written
// by a newer version of Wardwise loses nothing when it passes through this one.
type Document struct {
	Format     string      `json:"format" validate:"required"`
	ID         string      `json:"id" validate:"required,max=200"`
	Title      string      `json:"title" validate:"required,max=500"`
	Synthetic  bool        `json:"synthetic,omitempty"`
	Notice     string      `json:"notice,omitempty"`
	Area       Area        `json:"area"`
	Benchmark  Benchmark   `json:"benchmark"`
	Indicators []Indicator `json:"indicators" validate:"dive"`
	Wards      []Ward      `json:"wards" validate:"dive"`
	Practices  []Practice  `json:"practices,omitempty" validate:"dive"` // GP practices serving the wards (practice.go)
	Resources  *Resources  `json:"resources,omitempty"`                 // resources.go
	Draft      *Draft      `json:"draft,omitempty"`
	Languages  []string    `json:"languages,omitempty" validate:"max=2"` // bilingual.go: the primary first; English only when absent

	// OtherBenchmarks are further benchmarks shown beside Benchmark (the
	// parent local authority or health board beside England), each with
	// its values (benchmarks.go).
	OtherBenchmarks []Benchmark `json:"other_benchmarks,omitempty" validate:"max=10,dive"`

	// Merge bookkeeping of a master (merge.go): not content, left out of
	// drafts, Diff and merges.
	History     []HistoryEntry     `json:"history,omitempty"`
	Conflicts   []Conflict         `json:"conflicts,omitempty"`
	Provenance  []Provenance       `json:"provenance,omitempty"`
	Tombstones  []Tombstone        `json:"tombstones,omitempty"`
	Merged      []MergedDraft      `json:"merged,omitempty"`
	Resolutions []ResolutionRecord `json:"resolutions,omitempty"`

	Extra Extra `json:"-"`

	// rev memoises Revision for a document a producer sealed (see Seal).
	rev *revisionMemo
}

// Area is the place the assessment covers, usually an upper-tier local
// authority, identified by its GSS code.
type Area struct {
	Code   string `json:"code" validate:"required,max=20"`
	Name   string `json:"name" validate:"required,max=200"`
	Type   string `json:"type,omitempty" validate:"max=100"`
	NameCy string `json:"name_cy,omitempty" validate:"max=200"` // the Welsh name (ONS's LADyyNMW), where it has one
	Extra  Extra  `json:"-"`
}

// Benchmark is the comparator every ward is compared with, England
// (E92000001) unless the document says otherwise, or one of the further
// benchmarks shown beside it (Document.OtherBenchmarks). Kind says what
// sort of area it is (BenchmarkKinds); Values are its values by indicator
// and period, keyed as a ward's are (benchmarks.go). The document's
// Benchmark's value for an indicator's own period may instead be the
// indicator's BenchmarkValue, as files before Values had it.
type Benchmark struct {
	Code   string  `json:"code" validate:"required,max=20"`
	Name   string  `json:"name" validate:"required,max=200"`
	NameCy string  `json:"name_cy,omitempty" validate:"max=200"` // the Welsh name, where it has one
	Kind   string  `json:"kind,omitempty" validate:"omitempty,oneof=england country region local-authority health-board other"`
	Values []Value `json:"values,omitempty" validate:"dive"`
	Extra  Extra   `json:"-"`
}

// Methods of calculation an indicator may name (the constants of
// jsna/stats, where the methods are). The method decides how a missing
// confidence interval is computed from count and denominator.
const (
	MethodProportion = stats.MethodProportion // Wilson score interval
	MethodRate       = stats.MethodRate       // crude rate: Byar's method, exact Poisson for small counts
	MethodDSR        = stats.MethodDSR        // directly standardised rate: Dobson method
	MethodISR        = stats.MethodISR        // indirectly standardised ratio: Byar's / exact on the observed count
	MethodMean       = stats.MethodMean       // Student's t
	MethodCount      = stats.MethodCount      // a count: Byar's method, exact Poisson for small counts
	MethodOther      = stats.MethodOther      // supplied with its own interval, never computed here
)

// Polarities an indicator may have. They decide whether a significant
// difference from the benchmark is called better or worse.
const (
	LowerIsBetter  = stats.LowerIsBetter
	HigherIsBetter = stats.HigherIsBetter
	NoJudgement    = stats.NoJudgement
	NotApplicable  = stats.NotApplicable
)

// Indicator describes one measure: how it is calculated, which direction is
// good and the benchmark's value.
type Indicator struct {
	ID       string `json:"id" validate:"required,max=100"`
	Name     string `json:"name" validate:"required,max=500"`
	Domain   string `json:"domain,omitempty" validate:"max=200"`
	Method   string `json:"method" validate:"required,oneof=proportion rate dsr isr mean count other"`
	Polarity string `json:"polarity" validate:"required,oneof=lower-is-better higher-is-better no-judgement not-applicable"`
	// Comparison names the comparison method (stats.CompareMethods: ci95,
	// ci998, two-level, quintiles); empty is two levels where the 99.8%
	// interval is known, else one.
	Comparison     string   `json:"comparison,omitempty" validate:"omitempty,oneof=ci95 ci998 two-level quintiles"`
	Unit           string   `json:"unit,omitempty" validate:"max=100"`
	Multiplier     float64  `json:"multiplier,omitempty" validate:"gte=0"`
	Period         string   `json:"period,omitempty" validate:"max=100"`
	Source         string   `json:"source,omitempty" validate:"max=500"`
	Definition     string   `json:"definition,omitempty" validate:"max=20000"`
	BenchmarkValue *float64 `json:"benchmark_value,omitempty"`
	// PartOf lists the indicators whose counts include this one's (deaths
	// under 75 are part of deaths at all ages), so that disclosure control
	// can see a small count left by subtraction. The built-in Local Health
	// indicators declare theirs in KnownParts.
	PartOf []string `json:"part_of,omitempty" validate:"max=20,dive,max=100"`
	// Comparators, where set, are the spine range and quintiles from a
	// reference file of all wards (comparators.go), in place of the
	// document's own wards.
	Comparators *Comparators `json:"comparators,omitempty"`
	// Welsh versions and their confirmations (bilingual.go).
	NameCy              string `json:"name_cy,omitempty" validate:"max=500"`
	NameConfirmed       string `json:"name_confirmed,omitempty" validate:"max=40"`
	DefinitionCy        string `json:"definition_cy,omitempty" validate:"max=20000"`
	DefinitionConfirmed string `json:"definition_confirmed,omitempty" validate:"max=40"`

	Extra Extra `json:"-"`
}

// Ward is one electoral ward and everything the assessment says about it.
type Ward struct {
	Code       string    `json:"code" validate:"required"`
	Name       string    `json:"name" validate:"required,max=200"`
	Population *float64  `json:"population,omitempty" validate:"omitempty,gte=0"`
	Values     []Value   `json:"values,omitempty" validate:"dive"`
	Sections   []Section `json:"sections,omitempty" validate:"dive"`
	Assets     []Asset   `json:"assets,omitempty" validate:"dive"`
	Voice      []Voice   `json:"voice,omitempty" validate:"dive"`
	Needs      []Need    `json:"needs,omitempty" validate:"dive"`
	NameCy     string    `json:"name_cy,omitempty" validate:"max=200"` // the Welsh name (ONS's WDyyNMW), where it has one
	Extra      Extra     `json:"-"`
}

// Value is one ward's figure for one indicator. Any number may be nil where
// it is unknown or suppressed; Note carries the reason (Fingertips' "Value
// note"). Lower and Upper are the 95% interval, Lower998 and Upper998 the
// 99.8% one.
type Value struct {
	Indicator   string   `json:"indicator" validate:"required"`
	Count       *float64 `json:"count,omitempty" validate:"omitempty,gte=0"`
	Denominator *float64 `json:"denominator,omitempty" validate:"omitempty,gte=0"`
	Value       *float64 `json:"value,omitempty"`
	Lower       *float64 `json:"lower,omitempty"`
	Upper       *float64 `json:"upper,omitempty"`
	Lower998    *float64 `json:"lower998,omitempty"`
	Upper998    *float64 `json:"upper998,omitempty"`
	Note        string   `json:"note,omitempty" validate:"max=500"`
	Period      string   `json:"period,omitempty" validate:"max=100"` // period.go: the indicator's Period when empty
	Extra       Extra    `json:"-"`
}

// Section is one titled piece of a ward's narrative.
type Section struct {
	ID    string `json:"id" validate:"required,max=100"`
	Title string `json:"title" validate:"max=500"` // required in the primary language (bilingual.go)
	Text  string `json:"text,omitempty" validate:"max=200000"`
	// Welsh versions and their confirmations (bilingual.go).
	TitleCy        string `json:"title_cy,omitempty" validate:"max=500"`
	TitleConfirmed string `json:"title_confirmed,omitempty" validate:"max=40"`
	TextCy         string `json:"text_cy,omitempty" validate:"max=200000"`
	TextConfirmed  string `json:"text_confirmed,omitempty" validate:"max=40"`

	Extra Extra `json:"-"`
}

// Asset is a community asset: a place, group or service the ward can build on.
type Asset struct {
	ID          string `json:"id" validate:"required,max=100"`
	Name        string `json:"name" validate:"max=500"`           // required in the primary language (bilingual.go)
	Kind        string `json:"kind,omitempty" validate:"max=100"` // free text ("community space")
	Description string `json:"description,omitempty" validate:"max=20000"`
	// Welsh versions and their confirmations (bilingual.go).
	NameCy               string `json:"name_cy,omitempty" validate:"max=500"`
	NameConfirmed        string `json:"name_confirmed,omitempty" validate:"max=40"`
	DescriptionCy        string `json:"description_cy,omitempty" validate:"max=20000"`
	DescriptionConfirmed string `json:"description_confirmed,omitempty" validate:"max=40"`
	KindCy               string `json:"kind_cy,omitempty" validate:"max=100"`
	KindConfirmed        string `json:"kind_confirmed,omitempty" validate:"max=40"`

	Extra Extra `json:"-"`
}

// Voice is a note of what residents said ("community voice"), with where
// and when it was heard. Date is an ISO 8601 calendar date.
type Voice struct {
	ID     string `json:"id" validate:"required,max=100"`
	Text   string `json:"text" validate:"max=20000"` // required in the primary language (bilingual.go)
	Source string `json:"source,omitempty" validate:"max=500"`
	Date   string `json:"date,omitempty" validate:"omitempty,datetime=2006-01-02"`
	// Welsh versions and their confirmations (bilingual.go).
	TextCy          string `json:"text_cy,omitempty" validate:"max=20000"`
	TextConfirmed   string `json:"text_confirmed,omitempty" validate:"max=40"`
	SourceCy        string `json:"source_cy,omitempty" validate:"max=500"`
	SourceConfirmed string `json:"source_confirmed,omitempty" validate:"max=40"`

	Extra Extra `json:"-"`
}

// Need is a named health or wellbeing need of a ward, scored by the Hanlon
// method: Size (A), Seriousness (B) and Effectiveness (C) of the available
// interventions, each 0–10, and gated by the PEARL test. Inequality, Trend
// and PublicView are optional extra criteria, 0–10, for the weighted
// multi-criteria score.
type Need struct {
	ID             string   `json:"id" validate:"required,max=100"`
	Title          string   `json:"title" validate:"max=500"` // required in the primary language (bilingual.go)
	Indicators     []string `json:"indicators,omitempty"`
	Size           float64  `json:"size" validate:"gte=0,lte=10"`
	Seriousness    float64  `json:"seriousness" validate:"gte=0,lte=10"`
	Effectiveness  float64  `json:"effectiveness" validate:"gte=0,lte=10"`
	Inequality     *float64 `json:"inequality,omitempty" validate:"omitempty,gte=0,lte=10"`
	Trend          *float64 `json:"trend,omitempty" validate:"omitempty,gte=0,lte=10"`
	PublicView     *float64 `json:"public_view,omitempty" validate:"omitempty,gte=0,lte=10"`
	Pearl          *Pearl   `json:"pearl,omitempty"`
	Recommendation string   `json:"recommendation,omitempty" validate:"max=20000"`
	// Welsh versions and their confirmations (bilingual.go).
	TitleCy                 string `json:"title_cy,omitempty" validate:"max=500"`
	TitleConfirmed          string `json:"title_confirmed,omitempty" validate:"max=40"`
	RecommendationCy        string `json:"recommendation_cy,omitempty" validate:"max=20000"`
	RecommendationConfirmed string `json:"recommendation_confirmed,omitempty" validate:"max=40"`

	Resourcing *Resourcing `json:"resourcing,omitempty"` // the recommendation's costs and funders (resources.go)

	Extra Extra `json:"-"`
}

// Pearl holds the answers to the PEARL test. A nil answer has not been given
// yet; a false one takes the need out of the ranking.
type Pearl struct {
	Propriety     *bool `json:"propriety,omitempty"`
	Economics     *bool `json:"economics,omitempty"`
	Acceptability *bool `json:"acceptability,omitempty"`
	Resources     *bool `json:"resources,omitempty"`
	Legality      *bool `json:"legality,omitempty"`
	Extra         Extra `json:"-"`
}

// Roles a draft's author may have.
const (
	RoleGP          = "gp"
	RoleCouncillor  = "councillor"
	RoleCoordinator = "coordinator"
	RoleAnalyst     = "analyst"
)

// Draft marks a document as someone's draft of a master: who wrote it, the
// master revision it started from (Base) and when it was last saved
// (SavedAt, RFC 3339). Wards, when set, lists the ward codes the draft was
// cut for.
type Draft struct {
	ID      string   `json:"id,omitempty" validate:"max=200"`
	Author  string   `json:"author" validate:"required,max=200"`
	Role    string   `json:"role" validate:"required,oneof=gp councillor coordinator analyst"`
	Base    string   `json:"base,omitempty"`
	SavedAt string   `json:"saved_at,omitempty" validate:"omitempty,datetime=2006-01-02T15:04:05Z07:00"`
	Wards   []string `json:"wards,omitempty"`
	// Save identifies this save of the draft (SaveID), Parent names the
	// save it continues, empty for the first save of a draft, and
	// Ancestors the saves before the parent, newest first, at most
	// MaxAncestors of them, so that a save still names the last one
	// merged when the saves in between never left the author's machine.
	// Merge orders the saves of one draft by this chain, never by SavedAt,
	// which is the author's clock and is kept for people to read.
	Save      string   `json:"save,omitempty" validate:"omitempty,max=80"`
	Parent    string   `json:"parent,omitempty" validate:"omitempty,max=80"`
	Ancestors []string `json:"ancestors,omitempty" validate:"max=100,dive,max=80"`
	// Sender is who sent the draft to a hub, as the hub knows her (the
	// label of her token), set by the hub and not by the author; empty
	// for drafts merged from files.
	Sender string `json:"sender,omitempty" validate:"max=200"`
	Extra  Extra  `json:"-"`
}

// Extra holds a record's members that this version of the format does not
// know, as canonical JSON keyed by member name.
type Extra map[string][]byte
