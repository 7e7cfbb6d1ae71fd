// automerge.mjs applies, as Automerge changes, the edits of the drafts of
// cmd/benchtable's Automerge comparison (automerge.go) to their master as
// an Automerge document, and prints the time applyChanges takes (the
// median of RUNS), as JSON. Usage: node automerge.mjs INPUT.json [RUNS],
// where INPUT.json is {"master": <the master's JSON>, "edits": [{"draft",
// "ward", "need", "size", "section", "append"}, ...]}. Loading the master
// (Automerge.from) and making the changes are not counted.
import * as A from "@automerge/automerge";
import { readFileSync } from "node:fs";

const input = JSON.parse(readFileSync(process.argv[2], "utf8"));
const runs = Number(process.argv[3] || 3);
const pkg = JSON.parse(readFileSync(new URL("../../node_modules/@automerge/automerge/package.json", import.meta.url), "utf8"));

let t = performance.now();
const base = A.from(input.master);
const fromMs = performance.now() - t;

// Each draft: a fork of the master that sets a need's size and appends a
// line to a section's text in each of its wards, as the Go drafts do.
const wardAt = new Map(input.master.wards.map((w, i) => [w.code, i]));
const byDraft = new Map();
for (const e of input.edits) {
  if (!byDraft.has(e.draft)) byDraft.set(e.draft, []);
  byDraft.get(e.draft).push(e);
}
const changes = [];
for (const edits of byDraft.values()) {
  const after = A.change(A.clone(base), (d) => {
    for (const e of edits) {
      const wi = wardAt.get(e.ward);
      const w = d.wards[wi];
      w.needs[w.needs.findIndex((n) => n.id === e.need)].size = e.size;
      const si = w.sections.findIndex((s) => s.id === e.section);
      A.splice(d, ["wards", wi, "sections", si, "text"], w.sections[si].text.length, 0, e.append);
    }
  });
  changes.push(...A.getChanges(base, after));
}

const times = [];
let merged;
const saved = A.save(base);
for (let r = 0; r < runs; r++) {
  const doc = A.load(saved); // the master as a coordinator's copy would be: loaded, not built in this process
  t = performance.now();
  [merged] = A.applyChanges(doc, changes);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);

// A check that the changes were applied: the first edit's text ends with
// its line.
const e = input.edits[0];
const w = merged.wards[wardAt.get(e.ward)];
const text = String(w.sections.find((s) => s.id === e.section).text);
if (!text.endsWith(e.append)) {
  console.error("automerge.mjs: the merged document lacks the first draft's edit");
  process.exit(1);
}
console.log(JSON.stringify({ automerge: pkg.version, from_ms: fromMs, drafts: byDraft.size, changes: changes.length, apply_ms: times[Math.floor(times.length / 2)] }));
