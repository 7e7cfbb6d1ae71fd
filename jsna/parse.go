//go:build !wardwise_viewer

// Parse and Read validate what they decode, so the viewer build (tag
// wardwise_viewer), which leaves out validation, leaves them out too: it
// calls Decode on documents validated when they were stored.

package jsna

import (
	"errors"
	"fmt"
	"io"
)

// Read reads a whole document from r, decodes it and validates it. name is
// used in messages only. The error, if any, is an *Error listing every
// problem found, or the reader's own error.
func Read(name string, r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return nil, fmt.Errorf("jsna: read %s: %w", name, err)
	}
	return Parse(name, data)
}

// Parse decodes data and validates the result. name is used in messages
// only. The error is an *Error with File set to name.
func Parse(name string, data []byte) (*Document, error) {
	d, err := decode(data)
	switch {
	case err == nil:
		err = d.Validate()
	case d != nil:
		// Members of the wrong type: report the content rules too, all at
		// once, except where a member already has a problem.
		err = mergeProblems(err.(*Error), d.Validate())
	}
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			e.File = name
		}
		return nil, err
	}
	sealValid(d)
	return d, nil
}

// SealValid validates d and seals it (Seal), remembering where it was
// valid that it was, so that Valid reports it until Edited. Parse and
// Read seal what they validated in this way. The error is Validate's.
func SealValid(d *Document) error {
	err := d.Validate()
	Seal(d)
	d.rev.valid = err == nil
	return err
}

// mergeProblems adds to e the problems of verr at paths e does not already
// name, and returns e.
func mergeProblems(e *Error, verr error) *Error {
	var ve *Error
	if !errors.As(verr, &ve) {
		return e
	}
	have := make(map[string]bool, len(e.Problems))
	for _, p := range e.Problems {
		have[p.Path] = true
	}
	for _, p := range ve.Problems {
		if !have[p.Path] {
			e.Problems = append(e.Problems, p)
		}
	}
	sortProblems(e.Problems)
	return e
}
