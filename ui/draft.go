//go:build js && wasm && !wardwise_viewer

package ui

import (
	"strings"
	"syscall/js"

	"github.com/wardwise/wardwise/jsna"
	"github.com/wardwise/wardwise/jsna/merge"
	"honnef.co/go/js/dom/v2"
)

// roles are the roles a draft's author may have, in the order offered.
var roles = []string{jsna.RoleGP, jsna.RoleCouncillor, jsna.RoleCoordinator, jsna.RoleAnalyst}

func (a *App) roleLabel(role string) string {
	switch role {
	case jsna.RoleGP:
		return a.t("role.gp")
	case jsna.RoleCouncillor:
		return a.t("role.councillor")
	case jsna.RoleCoordinator:
		return a.t("role.coordinator")
	case jsna.RoleAnalyst:
		return a.t("role.analyst")
	}
	return role
}

// renderDraftForm asks who is drafting (and which wards) before the master
// becomes their draft. The name and role are remembered in this browser.
func (a *App) renderDraftForm() dom.Node {
	a.setTitle(a.t("draft.title"))
	v := el("div", cls("govuk-grid-row"))
	col := el("div", cls("govuk-grid-column-two-thirds"))
	v.AppendChild(col)
	col.AppendChild(el("a", cls("govuk-back-link"), attr("href", "#/area"), text(a.t("ward.back"))))
	col.AppendChild(h1(a.t("draft.title")))
	if a.doc.Draft != nil {
		col.AppendChild(el("p", cls("govuk-body"), text(a.t("draft.already", a.doc.Draft.Author))))
		return v
	}
	col.AppendChild(el("p", cls("govuk-body"), text(a.t("draft.intro"))))

	ng, name := a.input(field{id: "draft-name", label: a.t("draft.name"), hint: a.t("draft.name.hint"), value: a.user.Name, autocomp: "name", spell: false, maxLength: 200, labelCls: "govuk-label--s"})
	col.AppendChild(ng)
	var rc []choice
	for _, r := range roles {
		rc = append(rc, choice{value: r, label: a.roleLabel(r), checked: r == a.user.Role})
	}
	rg, rInputs := a.radios("draft-role", a.t("draft.role"), "govuk-fieldset__legend--s", "", "", false, false, rc)
	col.AppendChild(rg)
	wc := wardChoices(a.doc.Wards)
	wg, wInputs := a.checkboxes("draft-wards", a.t("draft.wards"), "govuk-fieldset__legend--s", a.t("draft.wards.hint"), true, wc)
	col.AppendChild(detailsBox(a.t("draft.wards.summary"), child(wg)))

	submit := button(a.t("draft.start"), "", attr("id", "draft-start"))
	col.AppendChild(submit)
	a.view.onClick(submit, func() { a.submitDraftForm(name, rInputs, wInputs) })
	return v
}

// submitDraftForm checks the draft form's name and role and, when both are
// given, remembers them, makes the master their draft for the wards
// ticked (merge.NewDraft) and goes back to the ward page she came from
// (draftNext).
func (a *App) submitDraftForm(name dom.Element, rInputs, wInputs []dom.Element) {
	n := strings.TrimSpace(value(name))
	role := ""
	for i, in := range rInputs {
		if checked(in) {
			role = roles[i]
		}
	}
	var items []problemItem
	if n == "" {
		items = append(items, problemItem{text: a.t("draft.name.required"), href: "#draft-name"})
	}
	if role == "" {
		items = append(items, problemItem{text: a.t("draft.role.required"), href: "#draft-role-0"})
	}
	if len(items) > 0 {
		a.setFieldError("draft-name", "")
		if n == "" {
			a.setFieldError("draft-name", a.t("draft.name.required"))
		}
		a.setGroupError("draft-role", role == "", a.t("draft.role.required"))
		a.showProblems(&problemList{title: a.t("error.title"), items: items})
		return
	}
	var wards []string
	for _, in := range wInputs {
		if checked(in) {
			wards = append(wards, value(in))
		}
	}
	a.user = user{Name: n, Role: role}
	saveUser(a.user)
	d, err := startDraft(a.doc, a.baseRev, n, role, wards)
	if err != nil {
		a.showProblems(a.problemsOf(a.docName, err))
		return
	}
	a.doc = d
	a.docName = a.suggestedName()
	a.fileHandle = js.Undefined()
	a.markChanged()
	a.problems = nil
	a.goTo(draftNext(a.coord.draftBack, wards))
	a.announce(a.t("status.drafting", n))
}

// setGroupError marks a radio or checkbox group as in error, or not.
func (a *App) setGroupError(name string, on bool, msg string) {
	group := byID(name + "-group")
	if group == nil {
		return
	}
	fs := group.QuerySelector("fieldset")
	old := byID(name + "-error")
	if old != nil {
		old.ParentNode().RemoveChild(old)
	}
	if !on {
		group.Class().Remove("govuk-form-group--error")
		fs.RemoveAttribute("aria-describedby")
		return
	}
	group.Class().Add("govuk-form-group--error")
	e := a.errorEl(field{id: name, err: msg})
	legend := fs.QuerySelector("legend")
	fs.InsertBefore(e, legend.NextSibling())
	fs.SetAttribute("aria-describedby", name+"-error")
}

// startDraft makes the working master a draft by author with merge.NewDraft:
// the same content (edits made so far included), for some or all wards,
// with a draft block naming base, the revision of the master as it was
// opened, so that the coordinator's merge finds it.
func startDraft(master *jsna.Document, base, author, role string, wards []string) (*jsna.Document, error) {
	t := now()
	id := slug(author)
	if id == "" {
		id = "draft"
	}
	d, err := merge.NewDraft(master, merge.DraftOptions{
		ID:     id + "-" + t.Format("20060102T150405Z") + "-" + newKey("")[1:5],
		Author: author,
		Role:   role,
		Wards:  wards,
		Now:    t,
	})
	if err != nil {
		return nil, err
	}
	if base != "" {
		d.Draft.Base = base
	}
	return d, nil
}
