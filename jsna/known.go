package jsna

// Domains of the built-in indicators, after the sections of OHID's Local
// Health profile.
const (
	DomainPopulation     = "population and demographic factors"
	DomainWider          = "wider determinants of health"
	DomainChildHealth    = "child health"
	DomainLifestyle      = "lifestyle"
	DomainAdmissions     = "hospital admissions"
	DomainCancer         = "cancer incidence"
	DomainMortality      = "mortality"
	DomainLifeExpectancy = "life expectancy"
)

const (
	srcHES    = "Hospital Episode Statistics (HES), NHS England"
	srcDeaths = "Office for National Statistics (ONS) deaths registrations and mid-year population estimates"
	srcCancer = "National Disease Registration Service (NDRS), NHS England"
	srcBirths = "Office for National Statistics (ONS) births registrations"
	srcNCMP   = "National Child Measurement Programme (NCMP), NHS England"
	srcDWP    = "Department for Work and Pensions (DWP) benefit claimants, via Nomis"
)

// knownIndicators is the built-in table of Fingertips indicators: OHID's
// Local Health profile (Fingertips profile 143, published for wards and
// MSOAs) and a few profile indicators analysts often add. IDs and names are
// those of Fingertips exports; where a release renamed an indicator, the
// importer keeps the name in the file. Standardised ratios (admissions,
// incidence, mortality) are indirectly standardised with England = 100.
// The IDs were checked against public scripts that read Fingertips exports
// (the 932xx series by name and number in a Local Health MSOA extract; 93089,
// 93092, 93105 and 93283 in ward-level Fingertips API calls).
var knownIndicators = []Indicator{
	{ID: "93089", Name: "General fertility rate", Domain: DomainPopulation, Method: MethodRate, Polarity: NoJudgement, Unit: "per 1,000", Multiplier: 1000, Source: srcBirths},
	{ID: "93092", Name: "Low birth weight of term babies", Domain: DomainChildHealth, Method: MethodProportion, Polarity: LowerIsBetter, Unit: "%", Multiplier: 100, Source: srcBirths},
	{ID: "93097", Name: "Unemployment (% of the working age population claiming out of work benefit)", Domain: DomainWider, Method: MethodProportion, Polarity: LowerIsBetter, Unit: "%", Multiplier: 100, Source: srcDWP},
	{ID: "93098", Name: "Long-Term Unemployment- rate per 1,000 working age population", Domain: DomainWider, Method: MethodRate, Polarity: LowerIsBetter, Unit: "per 1,000", Multiplier: 1000, Source: srcDWP},
	{ID: "93105", Name: "Reception: Prevalence of obesity (including severe obesity), 3 years data combined", Domain: DomainChildHealth, Method: MethodProportion, Polarity: LowerIsBetter, Unit: "%", Multiplier: 100, Source: srcNCMP},
	{ID: "93227", Name: "Emergency hospital admissions for all causes, all ages, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93228", Name: "Elective hospital admissions for all causes, all ages, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: NoJudgement, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93229", Name: "Emergency hospital admissions for coronary heart disease, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93230", Name: "Elective hospital admissions for coronary heart disease, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: NoJudgement, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93231", Name: "Emergency hospital admissions for stroke, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93232", Name: "Emergency hospital admissions for Myocardial Infarction (heart attack), standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93233", Name: "Emergency hospital admissions for Chronic Obstructive Pulmonary Disease (COPD), standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93234", Name: "Incidence of all cancer, standardised incidence ratio", Domain: DomainCancer, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcCancer},
	{ID: "93235", Name: "Incidence of breast cancer, standardised incidence ratio", Domain: DomainCancer, Method: MethodISR, Polarity: NoJudgement, Unit: "ratio", Multiplier: 100, Source: srcCancer},
	{ID: "93236", Name: "Incidence of colorectal cancer, standardised incidence ratio", Domain: DomainCancer, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcCancer},
	{ID: "93237", Name: "Incidence of lung cancer, standardised incidence ratio", Domain: DomainCancer, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcCancer},
	{ID: "93238", Name: "Incidence of prostate cancer, standardised incidence ratio", Domain: DomainCancer, Method: MethodISR, Polarity: NoJudgement, Unit: "ratio", Multiplier: 100, Source: srcCancer},
	{ID: "93239", Name: "Emergency hospital admissions for intentional self-harm, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93240", Name: "Hospital stays for alcohol-related harm (Narrow definition), standardised admission ratio", Domain: DomainLifestyle, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93241", Name: "Emergency hospital admissions for hip fracture in persons 65 years and over, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93242", Name: "Elective hospital admissions for hip replacement, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: NoJudgement, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93243", Name: "Elective hospital admissions for knee replacement, standardised admission ratio", Domain: DomainAdmissions, Method: MethodISR, Polarity: NoJudgement, Unit: "ratio", Multiplier: 100, Source: srcHES},
	{ID: "93250", Name: "Deaths from all causes, all ages, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93251", Name: "Deaths from all causes, under 65 years, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93252", Name: "Deaths from all causes, under 75 years, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93253", Name: "Deaths from all cancer, all ages, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93254", Name: "Deaths from all cancer, under 75 years, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93255", Name: "Deaths from circulatory disease, all ages, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93256", Name: "Deaths from circulatory disease, under 75 years, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93257", Name: "Deaths from coronary heart disease, all ages, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93258", Name: "Deaths from coronary heart disease, under 75 years, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93259", Name: "Deaths from stroke, all ages, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93260", Name: "Deaths from respiratory diseases, all ages, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	{ID: "93267", Name: "Deaths from causes considered preventable, under 75 years, standardised mortality ratio", Domain: DomainMortality, Method: MethodISR, Polarity: LowerIsBetter, Unit: "ratio", Multiplier: 100, Source: srcDeaths},
	// Life expectancy: Chiang's method on abridged life tables, with its own
	// interval, which count and denominator cannot give.
	{ID: "93283", Name: "Life expectancy at birth, (upper age band 90+)", Domain: DomainLifeExpectancy, Method: MethodOther, Polarity: HigherIsBetter, Unit: "years", Source: srcDeaths},
	{ID: "93298", Name: "Healthy life expectancy, (upper age band 85+)", Domain: DomainLifeExpectancy, Method: MethodOther, Polarity: HigherIsBetter, Unit: "years", Source: "Office for National Statistics (ONS), Census and mortality"},
	// Fingertips profile indicators (local authority level), by their IDs
	// in the Public Health Outcomes Framework and related profiles.
	{ID: "22401", Name: "Emergency hospital admissions due to falls in people aged 65 and over", Domain: DomainAdmissions, Method: MethodDSR, Polarity: LowerIsBetter, Unit: "per 100,000", Multiplier: 100000, Source: srcHES},
	{ID: "21001", Name: "Emergency Hospital Admissions for Intentional Self-Harm", Domain: DomainAdmissions, Method: MethodDSR, Polarity: LowerIsBetter, Unit: "per 100,000", Multiplier: 100000, Source: srcHES},
	{ID: "93015", Name: "Percentage of physically inactive adults", Domain: DomainLifestyle, Method: MethodProportion, Polarity: LowerIsBetter, Unit: "%", Multiplier: 100, Source: "Sport England Active Lives Adult Survey"},
	{ID: "93553", Name: "Deprivation score (IMD 2019)", Domain: DomainPopulation, Method: MethodOther, Polarity: NoJudgement, Unit: "score", Source: "Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2019"},
	{ID: "93701", Name: "Children in absolute low income families (under 16s)", Domain: DomainWider, Method: MethodProportion, Polarity: LowerIsBetter, Unit: "%", Multiplier: 100, Source: "Department for Work and Pensions (DWP), Children in low income families"},
}

var knownByID = func() map[string]int {
	m := make(map[string]int, len(knownIndicators))
	for i, k := range knownIndicators {
		m[k.ID] = i
	}
	return m
}()

// KnownIndicator returns the built-in definition of the Fingertips
// indicator with the given ID (its name, domain, method, polarity, unit,
// multiplier and source; no period or benchmark value), and whether there
// is one.
func KnownIndicator(id string) (Indicator, bool) {
	i, ok := knownByID[id]
	if !ok {
		return Indicator{}, false
	}
	return knownIndicators[i], true
}

// knownParts are the nested pairs among the built-in indicators: for each,
// the indicators whose observed counts include its own. Admissions for a
// cause are part of all emergency (or elective) admissions, a cancer of
// all cancers, deaths under 65 of deaths under 75 and of deaths at all
// ages, a cause of death of its group of causes. Local Health publishes
// the ratios, but a file may carry the observed counts with them.
var knownParts = map[string][]string{
	"93229": {"93227"}, "93231": {"93227"}, "93232": {"93229", "93227"}, "93233": {"93227"},
	"93239": {"93227"}, "93241": {"93227"},
	"93230": {"93228"}, "93242": {"93228"}, "93243": {"93228"},
	"93235": {"93234"}, "93236": {"93234"}, "93237": {"93234"}, "93238": {"93234"},
	"93251": {"93252", "93250"}, "93252": {"93250"}, "93253": {"93250"}, "93254": {"93253", "93252"},
	"93255": {"93250"}, "93256": {"93255", "93252"}, "93257": {"93255"}, "93258": {"93257", "93256"},
	"93259": {"93255"}, "93260": {"93250"}, "93267": {"93252"},
}

// KnownParts returns the built-in indicators whose counts include those of
// the built-in indicator id (see Indicator.PartOf), or nil.
func KnownParts(id string) []string { return knownParts[id] }
