package jsna

import (
	"maps"

	"github.com/tidwall/gjson"
)

// PublishedTrendMember is the member of a value that holds the recent
// trend its publisher gave with it, as the file says it: Fingertips'
// "Recent Trend" column ("Increasing and getting worse"). It is an
// optional string of at most MaxPublishedTrend characters, kept with the
// value's other members (Value.Extra), so that a file with it opens,
// merges and saves unchanged in every version that reads jsna/1. The
// recent trend Wardwise calculates is never stored: it is worked out from
// the values whenever they are scored.
const PublishedTrendMember = "recent_trend"

// MaxPublishedTrend is the longest published trend a value keeps.
const MaxPublishedTrend = 100

// PublishedTrend is the recent trend v's publisher gave with it, or "".
// A member that is not a string reads as "".
func (v *Value) PublishedTrend() string {
	raw, ok := v.Extra[PublishedTrendMember]
	if !ok {
		return ""
	}
	r := gjson.ParseBytes(raw)
	if r.Type != gjson.String {
		return ""
	}
	return r.Str
}

// SetPublishedTrend sets the recent trend v's publisher gave with it;
// "" removes it. v's Extra is copied first, as values copied from v share
// it.
func (v *Value) SetPublishedTrend(s string) {
	v.Extra = maps.Clone(v.Extra)
	if s == "" {
		delete(v.Extra, PublishedTrendMember)
		if len(v.Extra) == 0 {
			v.Extra = nil
		}
		return
	}
	if v.Extra == nil {
		v.Extra = Extra{}
	}
	v.Extra[PublishedTrendMember] = appendString(nil, s) // canonical JSON, as Decode keeps members
}
