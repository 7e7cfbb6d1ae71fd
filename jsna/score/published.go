package score

import (
	"strings"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/stats"
)

// Published trends
//
// Fingertips publishes a recent trend with each value ("Recent Trend":
// "Increasing and getting worse", "No significant change", "Cannot be
// calculated"), calculated over its own series, which may have periods or
// figures the imported file lacks. The importer keeps it with the value
// (jsna.Value.PublishedTrend); CheckPublished sets it beside the marker
// calculated here, so that a page can say where they agree, where they do
// not, and give Fingertips' where none can be calculated from the file.

// How a published trend compares with the calculated one
// (PublishedCheck.Verdict).
const (
	PublishedAgrees  = "agrees"  // both give a marker, the same
	PublishedDiffers = "differs" // both give a marker, not the same
	PublishedOnly    = "only"    // the publisher gives a marker; none can be calculated from the file
	PublishedCannot  = "cannot"  // the publisher could not calculate one either
	PublishedUnread  = "unread"  // words this version does not read as a trend: shown as they are
)

// PublishedCheck is a value's published trend read and set beside the
// calculated one.
type PublishedCheck struct {
	Text string `json:"text"` // as the file says it
	// Marker is the published marker read from Text (stats.TrendIncreasing,
	// TrendDecreasing, TrendNoChange, TrendCannot), "" when unread; Better
	// and Worse are its judgement where Text gives one.
	Marker  string `json:"marker,omitempty"`
	Better  bool   `json:"better,omitempty"`
	Worse   bool   `json:"worse,omitempty"`
	Verdict string `json:"verdict"` // Published...
}

// ReadPublishedTrend reads a published recent trend leniently, as
// Fingertips' exports have worded it: "Increasing and getting worse",
// "Increasing & getting worse", "Decreasing", "No significant change",
// "Cannot be calculated", "Could not be calculated", in any case. ok is
// false for anything else.
func ReadPublishedTrend(s string) (marker string, better, worse, ok bool) {
	k := strings.ToLower(strings.Join(strings.Fields(strings.ReplaceAll(s, "&", " and ")), " "))
	rest := ""
	switch {
	case strings.HasPrefix(k, "increasing"):
		marker, rest = stats.TrendIncreasing, strings.TrimPrefix(k, "increasing")
	case strings.HasPrefix(k, "decreasing"):
		marker, rest = stats.TrendDecreasing, strings.TrimPrefix(k, "decreasing")
	case k == "no significant change":
		return stats.TrendNoChange, false, false, true
	case k == "cannot be calculated", k == "could not be calculated":
		return stats.TrendCannot, false, false, true
	default:
		return "", false, false, false
	}
	switch strings.TrimSpace(rest) {
	case "":
		return marker, false, false, true
	case "and getting better":
		return marker, true, false, true
	case "and getting worse":
		return marker, false, true, true
	}
	return "", false, false, false
}

// CheckPublished sets v's published trend beside t, the trend calculated
// for v's ward and indicator (nil where the ward has one period of it). They
// agree when the markers are the same and, where both judge it, so is the
// judgement (the document's polarity may not be Fingertips'). ok is false
// when v has no published trend.
func CheckPublished(v *jsna.Value, t *TrendMarker) (c PublishedCheck, ok bool) {
	text := v.PublishedTrend()
	if strings.TrimSpace(text) == "" {
		return PublishedCheck{}, false
	}
	c.Text = text
	marker, better, worse, read := ReadPublishedTrend(text)
	switch {
	case !read:
		c.Verdict = PublishedUnread
		return c, true
	case marker == stats.TrendCannot:
		c.Marker, c.Verdict = marker, PublishedCannot
		return c, true
	}
	c.Marker, c.Better, c.Worse = marker, better, worse
	switch {
	case t == nil || t.Marker == "":
		c.Verdict = PublishedOnly
	case t.Marker == marker && !judgedApart(c, t):
		c.Verdict = PublishedAgrees
	default:
		c.Verdict = PublishedDiffers
	}
	return c, true
}

// judgedApart reports whether c and t both judge the trend, better or
// worse, and judge it differently.
func judgedApart(c PublishedCheck, t *TrendMarker) bool {
	tBetter := strings.HasSuffix(t.Direction, "getting better")
	if !(c.Better || c.Worse) || !(tBetter || t.Worsening) {
		return false
	}
	return c.Worse != t.Worsening
}
