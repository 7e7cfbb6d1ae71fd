package merge

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/tidwall/gjson"
	"github.com/wardwise/wardwise/jsna"
)

// keepBothKinds are the arrays whose records may be kept twice: a ward's
// narrative sections, assets, voice notes and needs, whose ids nothing
// else refers to (a ward's code and a value's indicator mean something).
var keepBothKinds = map[string]bool{"sections": true, "assets": true, "voice": true, "needs": true}

// keptIDMax is the longest id a record may have (jsna's validation).
const keptIDMax = 100

// KeptIDs returns the ids that resolving conflict c of master with
// KeepAll gives the versions of the record, in the order of
// c.Candidates ("" for a candidate that is not a version: a delete, or
// keeping the master's record). The first version keeps the record's id;
// each other gets the id, "-" and the id of the draft that proposed it
// (its first source), with "-2", "-3" and so on after it where that is
// taken, cut to 100 characters. It is an error unless c is a conflict on
// a record that the master does not have, of a ward's sections, assets,
// voice notes or needs, with at least two versions.
func KeptIDs(master *jsna.Document, c jsna.Conflict) ([]string, error) {
	segs, err := parsePath(c.Path)
	if err != nil || len(segs) != 2 || segs[0].name != "wards" || !segs[1].record || !keepBothKinds[segs[1].name] || c.Current != "" {
		return nil, fmt.Errorf("jsna: conflict %s is not on a record added to a ward's sections, assets, voice notes or needs: its versions cannot all be kept", c.ID)
	}
	parent := c.Path[:strings.LastIndex(c.Path, "[")]
	taken := map[string]bool{}
	for p := range flattenScoped(master, pathScope(master, c.Path)).values {
		if strings.HasPrefix(p, parent+"[") {
			if rp, _ := innermostRecord(p); strings.Count(rp, "[") == 2 {
				s, _ := parsePath(rp)
				taken[s[1].key] = true
			}
		}
	}
	key := segs[1].key
	taken[key] = true
	ids := make([]string, len(c.Candidates))
	n := 0
	for i, cand := range c.Candidates {
		if !strings.HasPrefix(cand.Value, "{") {
			continue
		}
		n++
		if n == 1 {
			ids[i] = key
			continue
		}
		from := "draft"
		if len(cand.By) > 0 && cand.By[0].Draft != "" {
			from = cand.By[0].Draft
		}
		ids[i] = freeID(key+"-"+from, taken)
		taken[ids[i]] = true
	}
	if n < 2 {
		return nil, fmt.Errorf("jsna: conflict %s has %d version of the record: there is nothing to keep both of", c.ID, n)
	}
	return ids, nil
}

// freeID is id, cut to keptIDMax, or with "-2", "-3", ... after it, the
// first that is not taken.
func freeID(id string, taken map[string]bool) string {
	cut := func(s string, room int) string {
		for len(s) > room {
			s = s[:len(s)-1]
		}
		return strings.ToValidUTF8(s, "")
	}
	try := cut(id, keptIDMax)
	for n := 2; taken[try]; n++ {
		suffix := "-" + strconv.Itoa(n)
		try = cut(id, keptIDMax-len(suffix)) + suffix
	}
	return try
}

// keepAll resolves conflict idx of master by keeping every version of the
// record (Resolution.KeepAll): the first at the conflict's path, the
// others under the ids KeptIDs gives them, each record's provenance its
// own proposers' and then the resolver. The resolution records the first
// version as chosen and the ids of all as kept.
func keepAll(master *jsna.Document, idx int, r Resolution) (*jsna.Document, error) {
	c := master.Conflicts[idx]
	ids, err := KeptIDs(master, c)
	if err != nil {
		return nil, err
	}
	at := r.At.UTC().Format(time.RFC3339)
	resolver := jsna.Source{Draft: "resolution " + c.ID, Author: r.By, Role: jsna.RoleCoordinator, SavedAt: at}
	scope := pathScope(master, c.Path)
	next := flattenScoped(master, scope)
	parent := c.Path[:strings.LastIndex(c.Path, "[")]
	var undo []jsna.PathValue
	var prov []jsna.Provenance
	var kept []string
	chosen := ""
	for i, cand := range c.Candidates {
		if ids[i] == "" {
			continue
		}
		v, err := withID(cand.Value, ids[i])
		if err != nil {
			return nil, fmt.Errorf("jsna: resolve: version %d of %s: %w", i+1, c.Path, err)
		}
		if chosen == "" {
			chosen = v
		}
		kept = append(kept, ids[i])
		p := parent + "[" + quoteKey(ids[i]) + "]"
		var u []jsna.PathValue
		next, u = applyChoice(next, p, v)
		undo = append(undo, u...)
		prov = append(prov, jsna.Provenance{Path: p, By: append(append([]jsna.Source(nil), cand.By...), resolver)})
	}
	out, err := settle(master, idx, next, scope, undo, chosen, r, prov)
	if err != nil {
		return nil, err
	}
	out.Resolutions[len(out.Resolutions)-1].Kept = kept
	return out, nil
}

// withID is the record v (canonical JSON of an object) with its id set to
// id, in canonical JSON.
func withID(v, id string) (string, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v), &obj); err != nil {
		return "", err
	}
	obj["id"] = json.RawMessage(jsna.AppendString(nil, id))
	b, err := json.Marshal(obj)
	if err != nil {
		return "", err
	}
	return string(jsna.CanonicalJSON(gjson.ParseBytes(b))), nil
}
