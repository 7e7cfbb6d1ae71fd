// Package disclosure prepares a jsna document for publication with
// statistical disclosure control. Disclose returns a copy of the document
// in which small counts, and the numbers that would reveal them, are
// suppressed, and a Report stating the rule applied (for the output) and
// listing each SuppressedCell.
//
// Primary suppression removes a ward value whose count, given or implied
// by a proportion or crude rate, is below Options.Threshold
// (DefaultThreshold, 5) and above zero, or zero too unless
// Options.ShowZero. Secondary suppression then makes sure no suppressed
// count can be recovered by subtraction: an indicator's ward counts add up
// to the published area count, and in a ward the counts that share a
// denominator may add up to it or to the ward's population; in each such
// group with exactly one suppressed cell the next smallest count is
// suppressed too, until nothing changes. Disclose's doc comment gives the
// details and edge cases.
//
// See ExampleDisclose:
//
//	pub, rep := disclosure.Disclose(d, disclosure.Options{})
//	fmt.Println(rep.Rule)
package disclosure
