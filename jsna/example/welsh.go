package example

import (
	"fmt"
	"strings"

	"github.com/wardwise/wardwise/jsna"
)

// The first ward of every example borough is written in Welsh as well as
// English (jsna/bilingual.go), and so are the indicators' names, every
// translation confirmed, so that the bilingual editor and report have
// something to show once the document's languages are set to English and
// Welsh. The ward's health section's text is left untranslated on
// purpose: the report shows how a text missing in Welsh is printed (in
// English, marked as such). The Welsh, like the English, is synthetic
// example text; the indicators' Welsh names are this generator's
// translations of OHID's English ones, not published names.

// welshDeprivation is deprivationWords in Welsh, after "Mae'r ward".
func welshDeprivation(z float64) string {
	switch {
	case z > 1:
		return "ymhlith y mwyaf difreintiedig yn y fwrdeistref"
	case z > 0.3:
		return "yn fwy difreintiedig na'r fwrdeistref gyfan"
	case z < -1:
		return "ymhlith y lleiaf difreintiedig yn y fwrdeistref"
	case z < -0.3:
		return "yn llai difreintiedig na'r fwrdeistref gyfan"
	}
	return "yn agos at gyfartaledd y fwrdeistref o ran amddifadedd"
}

// welshWardNames are Welsh names for the wards the example's bilingual ward
// is called, by its English name: invented for this synthetic borough
// ("Castleford", castle and ford: Rhyd-y-castell, the ford of the castle),
// not names ONS publishes. A ward missing here has no Welsh name, as most
// English wards have none.
var welshWardNames = map[string]string{
	"Castleford": "Rhyd-y-castell",
}

// WelshAreaName is the Welsh name of the example borough, as synthetic as
// its English one.
const WelshAreaName = "Bwrdeistref Enghreifftiol (synthetig)"

// welshAssetKinds are the kinds of assetKinds in Welsh.
var welshAssetKinds = map[string]string{
	"community space":   "man cymunedol",
	"library":           "llyfrgell",
	"green space":       "man gwyrdd",
	"food support":      "cymorth bwyd",
	"faith group":       "grŵp ffydd",
	"sport and leisure": "chwaraeon a hamdden",
	"health service":    "gwasanaeth iechyd",
	"voluntary group":   "grŵp gwirfoddol",
	"school":            "ysgol",
	"advice":            "cyngor",
}

// welshVoiceSources are the sources of voiceTexts in Welsh.
var welshVoiceSources = map[string]string{
	"residents' meeting":       "cyfarfod preswylwyr",
	"parents' coffee morning":  "bore coffi rhieni",
	"food bank volunteers":     "gwirfoddolwyr y banc bwyd",
	"ward surgery":             "cymhorthfa'r ward",
	"community centre drop-in": "sesiwn galw heibio'r ganolfan gymunedol",
	"youth forum":              "fforwm ieuenctid",
	"tenants' association":     "cymdeithas y tenantiaid",
	"online survey":            "arolwg ar-lein",
}

// welshAssetNames are the asset name patterns of assetKinds in Welsh.
var welshAssetNames = map[string]string{
	"%s Community Centre":         "Canolfan Gymunedol %s",
	"%s Library":                  "Llyfrgell %s",
	"%s Park":                     "Parc %s",
	"%s Food Bank":                "Banc Bwyd %s",
	"St Anne's Church, %s":        "Eglwys y Santes Anna, %s",
	"%s Mosque":                   "Mosg %s",
	"%s Leisure Centre":           "Canolfan Hamdden %s",
	"%s Medical Practice":         "Meddygfa %s",
	"%s Walking Group":            "Grŵp Cerdded %s",
	"Friends of %s Allotments":    "Cyfeillion Rhandiroedd %s",
	"%s Primary School":           "Ysgol Gynradd %s",
	"%s Citizens Advice outreach": "Allgymorth Cyngor ar Bopeth %s",
}

// welshVoice is voiceTexts in Welsh, by the English text.
var welshVoice = map[string]string{
	"The last bus into town leaves at seven, so evening appointments are out of reach for many of us.": "Mae'r bws olaf i'r dref yn gadael am saith, felly mae apwyntiadau gyda'r nos y tu hwnt i gyrraedd llawer ohonom ni.",
	"Young families want somewhere safe to play that isn't next to the main road.":                     "Mae teuluoedd ifanc eisiau rhywle diogel i chwarae nad yw wrth ymyl y brif ffordd.",
	"People are choosing between heating and eating this winter.":                                      "Mae pobl yn gorfod dewis rhwng gwresogi a bwyta y gaeaf hwn.",
	"It takes three weeks to get a GP appointment unless you ring at eight on the dot.":                "Mae'n cymryd tair wythnos i gael apwyntiad gyda meddyg teulu oni bai eich bod yn ffonio am wyth o'r gloch ar ei ben.",
	"The walking group has helped a lot of older people who were on their own.":                        "Mae'r grŵp cerdded wedi helpu llawer o bobl hŷn a oedd ar eu pennau eu hunain.",
	"There is nowhere for teenagers to go in the evenings.":                                            "Nid oes unman i bobl ifanc yn eu harddegau fynd gyda'r nos.",
	"Damp in the flats on the estate is making the children's asthma worse.":                           "Mae'r lleithder yn y fflatiau ar yr ystâd yn gwaethygu asthma'r plant.",
	"We'd use the leisure centre more if the prices were lower.":                                       "Bydden ni'n defnyddio'r ganolfan hamdden yn amlach petai'r prisiau'n is.",
}

// welshNeedTitles are the needs' titles (needTitle of the indicator's
// name) in Welsh, by indicator id.
var welshNeedTitles = map[string]string{
	"93097": "Diweithdra (% o'r boblogaeth oedran gweithio sy'n hawlio budd-dal diwaith)",
	"93701": "Plant mewn teuluoedd incwm isel absoliwt (dan 16 oed)",
	"93098": "Diweithdra tymor hir",
	"93089": "Cyfradd ffrwythlondeb gyffredinol",
	"93092": "Pwysau geni isel babanod tymor llawn",
	"93105": "Dosbarth derbyn: cyffredinrwydd gordewdra (gan gynnwys gordewdra difrifol)",
	"93015": "Canran yr oedolion sy'n anweithgar yn gorfforol",
	"93227": "Derbyniadau brys i'r ysbyty am bob achos",
	"93229": "Derbyniadau brys i'r ysbyty am glefyd coronaidd y galon",
	"93231": "Derbyniadau brys i'r ysbyty am strôc",
	"93232": "Derbyniadau brys i'r ysbyty am gnawdnychiant myocardaidd (trawiad ar y galon)",
	"93233": "Derbyniadau brys i'r ysbyty am glefyd rhwystrol cronig yr ysgyfaint (COPD)",
	"93239": "Derbyniadau brys i'r ysbyty am hunan-niweidio bwriadol",
	"93240": "Arosiadau yn yr ysbyty oherwydd niwed yn gysylltiedig ag alcohol (diffiniad cul)",
	"93241": "Derbyniadau brys i'r ysbyty am dorri clun ymhlith pobl 65 oed a hŷn",
	"93234": "Nifer yr achosion o bob canser",
	"93235": "Nifer yr achosion o ganser y fron",
	"93236": "Nifer yr achosion o ganser colorectaidd",
	"93237": "Nifer yr achosion o ganser yr ysgyfaint",
	"93238": "Nifer yr achosion o ganser y prostad",
	"93250": "Marwolaethau o bob achos",
	"93252": "Marwolaethau o bob achos",
	"93253": "Marwolaethau o bob canser",
	"93254": "Marwolaethau o bob canser",
	"93255": "Marwolaethau o glefyd cylchrediad y gwaed",
	"93256": "Marwolaethau o glefyd cylchrediad y gwaed",
	"93257": "Marwolaethau o glefyd coronaidd y galon",
	"93259": "Marwolaethau o strôc",
	"93260": "Marwolaethau o glefydau anadlol",
	"93267": "Marwolaethau o achosion yr ystyrir y gellir eu hatal",
}

// Welsh section titles and texts, by section id; the health text is left
// untranslated (see above).
var (
	welshSectionTitles = map[string]string{
		"demographics": "Pwy sy'n byw yma",
		"health":       "Iechyd a lles",
		"determinants": "Penderfynyddion ehangach",
	}
	welshDeterminants = "Mae tai, gwaith ac incwm yn llunio iechyd yma fel ym mhobman arall; gweler y dangosyddion penderfynyddion ehangach.\n(Testun enghreifftiol synthetig.)"
)

// firstAssetDescription is the description of the bilingual ward's first
// asset, in English and Welsh.
var firstAssetDescription = [2]string{
	"Open on weekdays, with rooms that community groups can hire. (Synthetic example text.)",
	"Ar agor yn ystod yr wythnos, gydag ystafelloedd y gall grwpiau cymunedol eu llogi. (Testun enghreifftiol synthetig.)",
}

// addWelsh writes ward, of population pop and deprivation z, in Welsh too
// and confirms every translation. Its Welsh templates insert only the
// ward's name after "ward" (which no mutation changes) and a need's title
// after a colon, so no word needs mutating.
func addWelsh(ward *jsna.Ward, pop, z float64) {
	ward.NameCy = welshWardNames[ward.Name]
	name := ward.Name // in the Welsh texts: the Welsh name where it has one
	if ward.NameCy != "" {
		name = ward.NameCy
	}
	for i := range ward.Sections {
		s := &ward.Sections[i]
		s.TitleCy = welshSectionTitles[s.ID]
		switch s.ID {
		case "demographics":
			s.TextCy = fmt.Sprintf("Mae tua %s o bobl yn byw yn ward %s.\nMae'r ward %s.\n(Testun enghreifftiol synthetig.)",
				thousands(pop), name, welshDeprivation(z))
		case "determinants":
			s.TextCy = welshDeterminants
		}
	}
	for i := range ward.Assets {
		as := &ward.Assets[i]
		for en, cy := range welshAssetNames {
			if fmt.Sprintf(en, ward.Name) == as.Name {
				as.NameCy = fmt.Sprintf(cy, name)
			}
		}
		as.KindCy = welshAssetKinds[as.Kind]
	}
	if len(ward.Assets) > 0 {
		ward.Assets[0].Description, ward.Assets[0].DescriptionCy = firstAssetDescription[0], firstAssetDescription[1]
	}
	for i := range ward.Voice {
		ward.Voice[i].TextCy = welshVoice[ward.Voice[i].Text]
		ward.Voice[i].SourceCy = welshVoiceSources[ward.Voice[i].Source]
	}
	for i := range ward.Needs {
		n := &ward.Needs[i]
		if len(n.Indicators) == 1 {
			n.TitleCy = welshNeedTitles[n.Indicators[0]]
		}
		if n.TitleCy != "" {
			n.RecommendationCy = fmt.Sprintf("Gweithio gyda phartneriaid yn ward %s ar yr angen hwn: %s. (Testun enghreifftiol synthetig.)",
				name, strings.ToLower(n.TitleCy[:1])+n.TitleCy[1:])
		}
	}
	confirmAll(ward)
}

// confirmAll confirms every translation of ward whose versions are both
// written.
func confirmAll(ward *jsna.Ward) {
	var texts []jsna.Bilingual
	for i := range ward.Sections {
		texts = append(texts, ward.Sections[i].Texts()...)
	}
	for i := range ward.Assets {
		texts = append(texts, ward.Assets[i].Texts()...)
	}
	for i := range ward.Voice {
		texts = append(texts, ward.Voice[i].Texts()...)
	}
	for i := range ward.Needs {
		texts = append(texts, ward.Needs[i].Texts()...)
	}
	for _, t := range texts {
		if t.State() != jsna.OneLanguage {
			t.Confirm()
		}
	}
}

// Endings of the Welsh indicator names: the ratio each standardised
// indicator is, and the ages it covers.
const (
	sar     = ", cymhareb derbyniadau safonedig"
	sir     = ", cymhareb achosion safonedig"
	smr     = ", cymhareb marwolaethau safonedig"
	allAges = ", pob oed"
	under75 = ", dan 75 oed"
)

// welshIndicatorNames are the example indicators' names in Welsh, by id.
var welshIndicatorNames = map[string]string{
	"93097": welshNeedTitles["93097"],
	"93701": welshNeedTitles["93701"],
	"93098": "Diweithdra tymor hir: cyfradd fesul 1,000 o'r boblogaeth oedran gweithio",
	"93089": welshNeedTitles["93089"],
	"93092": welshNeedTitles["93092"],
	"93105": welshNeedTitles["93105"] + ", data 3 blynedd gyda'i gilydd",
	"93015": welshNeedTitles["93015"],
	"93227": welshNeedTitles["93227"] + allAges + sar,
	"93229": welshNeedTitles["93229"] + sar,
	"93231": welshNeedTitles["93231"] + sar,
	"93232": welshNeedTitles["93232"] + sar,
	"93233": welshNeedTitles["93233"] + sar,
	"93239": welshNeedTitles["93239"] + sar,
	"93240": welshNeedTitles["93240"] + sar,
	"93241": welshNeedTitles["93241"] + sar,
	"93234": welshNeedTitles["93234"] + sir,
	"93235": welshNeedTitles["93235"] + sir,
	"93236": welshNeedTitles["93236"] + sir,
	"93237": welshNeedTitles["93237"] + sir,
	"93238": welshNeedTitles["93238"] + sir,
	"93250": welshNeedTitles["93250"] + allAges + smr,
	"93252": welshNeedTitles["93252"] + under75 + smr,
	"93253": welshNeedTitles["93253"] + allAges + smr,
	"93254": welshNeedTitles["93254"] + under75 + smr,
	"93255": welshNeedTitles["93255"] + allAges + smr,
	"93256": welshNeedTitles["93256"] + under75 + smr,
	"93257": welshNeedTitles["93257"] + allAges + smr,
	"93259": welshNeedTitles["93259"] + allAges + smr,
	"93260": welshNeedTitles["93260"] + allAges + smr,
	"93267": welshNeedTitles["93267"] + under75 + smr,
}

// addWelshIndicatorNames gives the indicators of d the generator knows in
// Welsh (those of the first round of the table) their Welsh names,
// confirmed.
func addWelshIndicatorNames(d *jsna.Document) {
	for i := range d.Indicators {
		ind := &d.Indicators[i]
		if cy, ok := welshIndicatorNames[ind.ID]; ok {
			ind.NameCy = cy
			jsna.TextNamed(ind.Texts(), "name").Confirm()
		}
	}
}
