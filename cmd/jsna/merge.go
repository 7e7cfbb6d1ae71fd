package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
)

func init() {
	register(&command{name: "draft", usage: "jsna draft MASTER --author A --role gp|councillor|coordinator|analyst [--id ID] [--wards CODE,CODE] -o DRAFT",
		summary: "cut a draft from a master, for some or all wards", run: runDraft})
	register(&command{name: "merge", usage: "jsna merge MASTER DRAFT... -o NEWMASTER [-w] [--json] [--fail-on-conflict]",
		summary: "merge drafts into the master: taken, merged and conflicted paths, with provenance", run: runMerge})
	register(&command{name: "conflicts", usage: "jsna conflicts [--json] MASTER",
		summary: "list the open conflicts of a master with every candidate and its author", run: runConflicts})
	register(&command{name: "resolve", usage: "jsna resolve MASTER CONFLICT_ID (--take N | --value V | --delete) --by NAME [-o OUT | -w]",
		summary: "resolve a conflict by choosing a candidate or writing a new value", run: runResolve})
	register(&command{name: "diff", usage: "jsna diff [--json] A B",
		summary: "list the content differences between two documents, path by path", run: runDiff})
}

// now is the clock the commands use; tests may replace it.
var now = time.Now

func runDraft(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("draft", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	author := fs.String("author", "", "the draft's author")
	role := fs.String("role", "", "gp, councillor, coordinator or analyst")
	id := fs.String("id", "", "draft id (default: from the author and time)")
	wards := fs.String("wards", "", "comma-separated ward codes (default: all)")
	out := fs.String("o", "", "output file")
	const usage = "usage: jsna draft MASTER --author A --role R [--id ID] [--wards CODES] -o DRAFT"
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 || *author == "" || *role == "" || *out == "" {
		return usagef(usage)
	}
	master, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	t := now()
	if *id == "" {
		*id = strings.ToLower(strings.Join(strings.Fields(*author), "-")) + "-" + t.UTC().Format("20060102T150405Z")
	}
	var codes []string
	if *wards != "" {
		codes = strings.Split(*wards, ",")
	}
	d, err := merge.NewDraft(master, merge.DraftOptions{ID: *id, Author: *author, Role: *role, Wards: codes, Now: t})
	if err != nil {
		return err
	}
	jsna.StampSave(d, t) // the first save of its chain
	return writeOut(e, *out, d)
}

func writeOut(e *env, path string, d *jsna.Document) error {
	if path == "-" {
		return jsna.Encode(e.stdout, d)
	}
	var note io.Writer = io.Discard
	if e != nil {
		note = e.stderr
	}
	return writeFileAtomic(path, note, func(w io.Writer) error { return jsna.Encode(w, d) })
}

func runMerge(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "", "output file for the new master")
	inPlace := fs.Bool("w", false, "rewrite MASTER in place (atomically)")
	asJSON := fs.Bool("json", false, "print the merge report as JSON")
	failOnConflict := fs.Bool("fail-on-conflict", false, "exit 3 when any conflict is open after the merge")
	const usage = "usage: jsna merge MASTER DRAFT... -o NEWMASTER [-w] [--json] [--fail-on-conflict]"
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) < 2 || (*out == "") == !*inPlace {
		return usagef(usage)
	}
	if *out != "" && *out == pos[0] {
		return usagef("jsna merge: -o names the master: use -w to rewrite it in place")
	}
	master, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	drafts, files, err := readDrafts(master, pos[0], pos[1:])
	if err != nil {
		return err
	}
	merged, rep, err := merge.Merge(master, drafts, merge.Options{Now: now()})
	if err != nil {
		return err
	}
	for _, d := range rep.Drafts {
		if !d.BaseKnown {
			name := files.ofDraft[d.Draft]
			if name == "" {
				name = "draft " + strconv.Quote(d.Draft)
			}
			fmt.Fprintf(e.stderr, "jsna: %s: draft.base: not a revision in the history of %s: every difference from the master is a conflict, none is applied\n", name, pos[0])
		}
	}
	dest := *out
	if *inPlace {
		dest = pos[0]
	}
	if err := writeOut(e, dest, merged); err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
	} else {
		printMergeReport(e.stdout, dest, merged, rep, files)
	}
	if *failOnConflict && len(merged.Conflicts) > 0 {
		return &exitError{code: 3, msg: fmt.Sprintf("jsna: %d conflicts open", len(merged.Conflicts))}
	}
	return nil
}

// draftFiles names the file each draft came from, for the messages of
// jsna merge: by draft id (the first file with it) and by revision.
type draftFiles struct {
	ofDraft    map[string]string
	ofRevision map[string]string
}

// readDrafts reads the drafts named on the command line, refusing a file
// that is not a draft of master (named masterName in the error).
func readDrafts(master *jsna.Document, masterName string, names []string) ([]*jsna.Document, draftFiles, error) {
	var drafts []*jsna.Document
	files := draftFiles{ofDraft: map[string]string{}, ofRevision: map[string]string{}}
	masterRev := ""
	for _, name := range names {
		d, err := readDocument(name)
		if err != nil {
			return nil, files, err
		}
		if d.Draft == nil {
			return nil, files, fmt.Errorf("jsna: %s: not a draft (no draft block)", name)
		}
		if d.ID != master.ID && !master.InHistory(d.Draft.Base) {
			if masterRev == "" {
				masterRev = jsna.Revision(master)
			}
			if d.Draft.Base != masterRev {
				return nil, files, fmt.Errorf("jsna: %s: id: a draft of %q, not of the master %s (%q): its base %s is not in the master's history", name, d.ID, masterName, master.ID, d.Draft.Base)
			}
		}
		drafts = append(drafts, d)
		if _, dup := files.ofDraft[d.Draft.ID]; !dup && d.Draft.ID != "" {
			files.ofDraft[d.Draft.ID] = name
		}
		files.ofRevision[jsna.SaveRevision(d)] = name
	}
	return drafts, files, nil
}

// printMergeReport writes jsna merge's report in words: the counts, each
// draft, the saves skipped, superseded or not followed, and each conflict.
func printMergeReport(w io.Writer, dest string, merged *jsna.Document, rep *merge.Report, files draftFiles) {
	fmt.Fprintf(w, "merged %d drafts into %s: %d taken, %d merged line by line, %d new conflicts, %d open in all\n",
		len(rep.Drafts), dest, rep.Taken, rep.Merged, len(rep.Conflicts), len(merged.Conflicts))
	for _, d := range rep.Drafts {
		base := "base known"
		if !d.BaseKnown {
			base = "BASE UNKNOWN: every difference is a conflict"
		}
		if d.Previous != "" {
			base += ", merged against its previous save " + shortRev(d.Previous)
		}
		fmt.Fprintf(w, "  %s (%s): %d changes, %d in conflicts, %s\n", d.Draft, d.Author, d.Changes, d.Conflicts, base)
	}
	for _, s := range rep.Skipped {
		fmt.Fprintf(w, "  %s: already merged, skipped\n", s)
	}
	for _, s := range rep.Superseded {
		by := "its later save " + shortRev(s.By)
		if name := files.ofRevision[s.By]; name != "" {
			by = "its later save in " + name
		}
		what := "save " + shortRev(s.Revision)
		if name := files.ofRevision[s.Revision]; name != "" {
			what = name
		}
		fmt.Fprintf(w, "  %s: %s, saved %s, superseded by %s\n", s.Draft, what, s.SavedAt, by)
	}
	for _, n := range rep.Chain {
		fmt.Fprintf(w, "  %s: save %s %s, not followed: merged as concurrent with its draft's other saves\n", n.Draft, shortSave(n.Save), chainNote(n))
	}
	for _, c := range rep.Conflicts {
		printConflict(w, c)
	}
}

// chainNote says in words why a link between saves was not followed.
func chainNote(n merge.ChainNote) string {
	if n.Kind == merge.ChainCycle {
		return "names a save that continues it (" + shortSave(n.Other) + ")"
	}
	return "names a save of another draft (" + shortSave(n.Other) + ") as one it continues"
}

// shortSave is a save id as people read it: its first 12 hex digits.
func shortSave(id string) string {
	if len(id) > len("save:")+12 {
		return id[len("save:") : len("save:")+12]
	}
	return id
}

// shortRev is a revision as people read it: its first 12 hex digits.
func shortRev(rev string) string {
	if len(rev) > len("sha256:")+12 {
		return rev[len("sha256:") : len("sha256:")+12]
	}
	return rev
}

func printConflict(w io.Writer, c jsna.Conflict) {
	reason := c.Reason
	if c.Kind != "" {
		reason = c.Kind + ": " + c.Reason
	}
	fmt.Fprintf(w, "conflict %s at %s (%s)\n  current: %s\n", c.ID, c.Path, reason, shownValue(c.Current))
	for i, cand := range c.Candidates {
		var who []string
		for _, s := range cand.By {
			sent := ""
			if s.Sender != "" && s.Sender != s.Author {
				sent = ", sent by " + s.Sender
			}
			who = append(who, fmt.Sprintf("%s (%s, %s, %s%s)", s.Author, s.Role, s.Draft, s.SavedAt, sent))
		}
		fmt.Fprintf(w, "  %d: %s by %s\n", i+1, shownValue(cand.Value), strings.Join(who, "; "))
	}
}

func shownValue(v string) string {
	switch v {
	case "":
		return "(absent: delete)"
	case "\x00record":
		return "(keep the record)"
	}
	if r := []rune(v); len(r) > 200 {
		// A whole record: --json shows it all.
		return fmt.Sprintf("%s... (%d characters; --json shows it whole)", string(r[:160]), len(r))
	}
	return v
}

func runConflicts(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("conflicts", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 1 {
		return usagef("usage: jsna conflicts [--json] MASTER")
	}
	master, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	open := master.OpenConflicts()
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if open == nil {
			open = []jsna.Conflict{}
		}
		return enc.Encode(open)
	}
	fmt.Fprintf(e.stdout, "%d open conflicts\n", len(open))
	for _, c := range open {
		printConflict(e.stdout, c)
	}
	return nil
}

func runResolve(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("resolve", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	take := fs.Int("take", 0, "choose candidate N (as jsna conflicts numbers them)")
	value := fs.String("value", "", "write this value instead (JSON, or plain text for a string)")
	del := fs.Bool("delete", false, "resolve by removing the value or record")
	by := fs.String("by", "", "who resolves (recorded)")
	out := fs.String("o", "", "output file")
	inPlace := fs.Bool("w", false, "rewrite MASTER in place (atomically)")
	const usage = "usage: jsna resolve MASTER CONFLICT_ID (--take N | --value V | --delete) --by NAME (-o OUT | -w)"
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 || *by == "" || (*out == "") == !*inPlace {
		return usagef(usage)
	}
	choices := 0
	for _, set := range []bool{*take > 0, *value != "", *del} {
		if set {
			choices++
		}
	}
	if choices != 1 {
		return usagef(usage)
	}
	master, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	r, err := merge.Resolve(master, pos[1], merge.Resolution{Take: *take, Value: *value, Delete: *del, By: *by, At: now()})
	if err != nil {
		return err
	}
	dest := *out
	if *inPlace {
		dest = pos[0]
	}
	if err := writeOut(e, dest, r); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "resolved %s; %d conflicts open\n", pos[1], len(r.Conflicts))
	return nil
}

func runDiff(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	asJSON := fs.Bool("json", false, "print JSON")
	pos, err := parseInterspersed(fs, args)
	if err != nil || len(pos) != 2 {
		return usagef("usage: jsna diff [--json] A B")
	}
	a, err := readDocument(pos[0])
	if err != nil {
		return err
	}
	b, err := readDocument(pos[1])
	if err != nil {
		return err
	}
	changes := merge.Diff(a, b)
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if changes == nil {
			changes = []merge.Change{}
		}
		return enc.Encode(changes)
	}
	for _, c := range changes {
		fmt.Fprintf(e.stdout, "%s: %s -> %s\n", c.Path, shownValue(c.From), shownValue(c.To))
	}
	return nil
}
