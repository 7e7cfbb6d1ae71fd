// Package merge brings drafts of a JSNA back into its master: NewDraft
// cuts a draft from a master (for all wards or some), Merge merges drafts
// into the master three-way, by key and field by field, Resolve settles a
// conflict a coordinator has decided, and Diff lists what differs between
// two documents. The same code runs in the browser (WebAssembly), in the
// jsna command (draft, merge, conflicts, resolve, diff) and on the hub.
//
// A disagreement between drafts is data, not an error: Merge returns the
// new master, whose Conflicts hold every candidate value with who wrote it
// and when, and a Report of what it took, merged line by line, opened as a
// conflict and skipped. No value any draft wrote is dropped: it is in the
// master, in a conflict or in a tombstone. The result does not depend on
// the order of the drafts, and merging a draft twice changes nothing.
//
// Merge is a pipeline of six steps, one file each:
//
//	saves.go    1. order the saves: admit, skip what was merged, let a draft's latest save stand
//	scope.go    2. scope: the wards the drafts touch, as paths, and their base revisions
//	changes.go  3. find each draft's changes against its base (or her previous save)
//	decide.go   4. decide: take, merge text (diff3.go), or conflict, on a field or a whole record
//	apply.go    5. apply: rebuild the changed records (fragment.go) and keep the master's rules
//	record.go   6. record provenance, history, tombstones and the merged saves
//
// All of it works on the flat form of a document (tree.go): a map from
// path, such as wards[E05000001].needs[n1].size, to canonical JSON, records
// named by their key and never by position. conflict.go makes and joins
// conflicts. The rules, the conflict kinds and how later saves of one
// draft are merged are written out in docs/merge.md.
//
// A merge in outline (ExampleMerge has it in full):
//
//	d, _ := merge.NewDraft(master, merge.DraftOptions{ID: "gp-a", Author: "Dr A", Role: jsna.RoleGP, Now: now})
//	d.Wards[0].Needs[0].Size = 9
//	out, rep, err := merge.Merge(master, []*jsna.Document{d}, merge.Options{Now: now})
//	// out.Conflicts lists what a coordinator must decide; rep.Taken what was taken.
package merge
