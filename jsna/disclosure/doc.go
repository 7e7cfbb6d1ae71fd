// Package disclosure prepares a jsna document for publication with
// statistical disclosure control. Disclose returns a copy of the document
// in which small counts, and the numbers that would reveal them, are
// suppressed, and a Report stating the rule applied (for the output) and
// listing each SuppressedCell.
//
// The rule is a preset (PresetNHSEnglandHES: 1–7 suppressed, the rest
// rounded to 5) or a custom threshold with the deployer's name for it.
// Primary suppression removes a ward value whose count, given, implied by
// its value and denominator, or implied by its interval (an SAR of 40 with
// the interval 11–102 is 4 events), is below Options.Threshold
// (DefaultThreshold, 5) and above zero, or zero too unless
// Options.ShowZero. Secondary suppression then makes sure no suppressed
// count can be recovered by subtraction: an indicator's ward counts add up
// to the published area count, and in a ward the counts that share a
// denominator may add up to it or to the ward's population; in each such
// group with exactly one suppressed cell the next smallest count is
// suppressed too, until nothing changes; and where one indicator's count
// is part of another's (Indicator.PartOf, jsna.KnownParts) and their
// difference is a small count, the part is suppressed. Disclose's doc comment gives the
// details and edge cases.
//
// See ExampleDisclose:
//
//	pub, rep := disclosure.Disclose(d, disclosure.Options{})
//	fmt.Println(rep.Rule)
package disclosure
