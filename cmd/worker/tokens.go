package main

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"time"
)

// tokenJSON is a stored token as the token list shows it: never the
// token, which is shown once, when made.
type tokenJSON struct {
	ID        string `json:"id"`
	Identity  string `json:"identity"`
	Role      string `json:"role"`
	Label     string `json:"label"`
	CreatedAt string `json:"created_at"`
	RevokedAt string `json:"revoked_at,omitempty"`
}

func newTokenJSON(t Token) tokenJSON {
	return tokenJSON{ID: t.ID, Identity: t.Identity, Role: t.Role, Label: t.Label, CreatedAt: t.CreatedAt, RevokedAt: t.RevokedAt}
}

// newIdentityID makes an identity's id: "idn_" and 96 random bits.
func (h *Hub) newIdentityID() (string, error) {
	src := h.Rand
	if src == nil {
		src = randReader
	}
	var b [12]byte
	if _, err := io.ReadFull(src, b[:]); err != nil {
		return "", err
	}
	return "idn_" + base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// issueToken makes a token for a new identity (a person new to the
// assessment) with this role and label.
func (h *Hub) issueToken(ctx context.Context, assessment, role, label string, at time.Time) (issuedToken, Token, *apiError) {
	iid, err := h.newIdentityID()
	if err != nil {
		return issuedToken{}, Token{}, internal("make identity", err)
	}
	ident := Identity{ID: iid, Assessment: assessment, Role: role, Label: label, CreatedAt: at.Format(time.RFC3339)}
	if err := h.Meta.AddIdentity(ctx, ident); err != nil {
		return issuedToken{}, Token{}, internal("store identity", err)
	}
	return h.issueTokenFor(ctx, ident, at)
}

// issueTokenFor makes one more token for an existing identity.
func (h *Hub) issueTokenFor(ctx context.Context, ident Identity, at time.Time) (issuedToken, Token, *apiError) {
	tok, err := h.newToken()
	if err != nil {
		return issuedToken{}, Token{}, internal("make token", err)
	}
	hash := HashToken(tok)
	t := Token{Hash: hash, ID: TokenID(hash), Identity: ident.ID, Assessment: ident.Assessment, Role: ident.Role, Label: ident.Label, CreatedAt: at.Format(time.RFC3339)}
	if err := h.Meta.AddToken(ctx, t); err != nil {
		return issuedToken{}, Token{}, internal("store token", err)
	}
	return issuedToken{Assessment: ident.Assessment, Role: ident.Role, Label: ident.Label, Token: tok, ID: t.ID, Identity: ident.ID}, t, nil
}

// createToken makes a token for a new person in an assessment
// (coordinator or admin).
func (h *Hub) createToken(w http.ResponseWriter, r *http.Request, id string) *apiError {
	c, e := h.authorize(r, id, coordinators|admin, "make tokens")
	if e != nil {
		return e
	}
	if e := h.limitWrite(r, c); e != nil {
		return e
	}
	body, e := h.readBody(w, r, h.limits().Request, "token request")
	if e != nil {
		return e
	}
	var req struct {
		Role  string `json:"role"`
		Label string `json:"label"`
	}
	if e := decodeJSON(body, &req, "token request"); e != nil {
		return e
	}
	if req.Role != RoleCoordinator && req.Role != RoleContributor {
		return errorf(http.StatusBadRequest, "bad_request", `hub: token request: "role" must be "coordinator" or "contributor", not %q`, req.Role)
	}
	if !validLabel(req.Label) {
		return errorf(http.StatusBadRequest, "bad_request", `hub: token request: "label" must be 1 to 200 characters without control characters`)
	}
	if _, e := h.head(r.Context(), id); e != nil {
		return e
	}
	it, t, e := h.issueToken(r.Context(), id, req.Role, req.Label, h.now())
	if e != nil {
		return e
	}
	h.audit(r.Context(), id, c, auditTokenCreate, t.ID, map[string]string{"role": t.Role, "label": t.Label, "identity": t.Identity})
	writeJSON(w, http.StatusCreated, it)
	return nil
}

// listTokens lists an assessment's tokens, revoked ones included
// (coordinator or admin).
func (h *Hub) listTokens(w http.ResponseWriter, r *http.Request, id string) *apiError {
	if _, e := h.authorize(r, id, coordinators|admin, "list tokens"); e != nil {
		return e
	}
	if _, e := h.head(r.Context(), id); e != nil {
		return e
	}
	ts, err := h.Meta.Tokens(r.Context(), id)
	if err != nil {
		return internal("list tokens", err)
	}
	out := []tokenJSON{}
	for _, t := range ts {
		out = append(out, newTokenJSON(t))
	}
	writeJSON(w, http.StatusOK, map[string]any{"assessment": id, "tokens": out})
	return nil
}

// tokenToChange finds the token a revoke or rotate names, after checking
// the caller may change tokens.
func (h *Hub) tokenToChange(w http.ResponseWriter, r *http.Request, id, tokenID, what string) (caller, Token, *apiError) {
	c, e := h.authorize(r, id, coordinators|admin, what)
	if e != nil {
		return c, Token{}, e
	}
	if e := h.limitWrite(r, c); e != nil {
		return c, Token{}, e
	}
	body, e := h.readBody(w, r, h.limits().Request, what+" request")
	if e != nil {
		return c, Token{}, e
	}
	if e := decodeJSON(body, &struct{}{}, what+" request"); e != nil {
		return c, Token{}, e
	}
	t, err := h.Meta.TokenByID(r.Context(), id, tokenID)
	if errors.Is(err, ErrNotFound) {
		return c, t, errorf(http.StatusNotFound, "not_found", "hub: no token %q in assessment %q", tokenID, id)
	}
	if err != nil {
		return c, t, internal("read token", err)
	}
	return c, t, nil
}

// revokeToken revokes a token at once (coordinator or admin): every
// later request with it is 401 token_revoked. Revoking a revoked token
// changes nothing (200, "changed": false).
func (h *Hub) revokeToken(w http.ResponseWriter, r *http.Request, id, tokenID string) *apiError {
	c, t, e := h.tokenToChange(w, r, id, tokenID, "revoke tokens")
	if e != nil {
		return e
	}
	at := h.now().Format(time.RFC3339)
	changed, err := h.Meta.RevokeToken(r.Context(), id, t.ID, at)
	if err != nil {
		return internal("revoke token", err)
	}
	if changed {
		t.RevokedAt = at
		h.audit(r.Context(), id, c, auditTokenRevoke, t.ID, map[string]string{"label": t.Label, "identity": t.Identity})
	}
	writeJSON(w, http.StatusOK, map[string]any{"token": newTokenJSON(t), "changed": changed})
	return nil
}

// rotateToken replaces a token (coordinator or admin): a new token for
// the same identity, shown once, and the old one revoked. The person
// keeps her drafts, which belong to her identity, not to the token.
func (h *Hub) rotateToken(w http.ResponseWriter, r *http.Request, id, tokenID string) *apiError {
	c, t, e := h.tokenToChange(w, r, id, tokenID, "rotate tokens")
	if e != nil {
		return e
	}
	if t.RevokedAt != "" {
		return errorf(http.StatusConflict, "token_revoked", "hub: token %s was revoked at %s; make a new token instead", t.ID, t.RevokedAt)
	}
	now := h.now()
	ident := Identity{ID: t.Identity, Assessment: id, Role: t.Role, Label: t.Label}
	if ident.ID == "" {
		ident.ID = "idn_" + t.ID[len("tok_"):]
	}
	it, nt, e := h.issueTokenFor(r.Context(), ident, now)
	if e != nil {
		return e
	}
	at := now.Format(time.RFC3339)
	if _, err := h.Meta.RevokeToken(r.Context(), id, t.ID, at); err != nil {
		// The new token works; the old one still does too, and the
		// coordinator can revoke it again.
		return internal("revoke the old token", err)
	}
	t.RevokedAt = at
	h.audit(r.Context(), id, c, auditTokenRotate, t.ID, map[string]string{"label": t.Label, "identity": t.Identity, "new_token": nt.ID})
	writeJSON(w, http.StatusCreated, map[string]any{"token": it, "revoked": newTokenJSON(t)})
	return nil
}
