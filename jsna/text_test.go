package jsna

import (
	"errors"
	"reflect"
	"testing"
)

// TestProblemText checks that a problem keeps the format and arguments
// it was made from beside its English message, phrases such as "an
// array" as Texts of their own, so that a front end can word it.
func TestProblemText(t *testing.T) {
	_, err := Parse("x.json", []byte("[1]"))
	var e *Error
	if !errors.As(err, &e) || len(e.Problems) != 1 {
		t.Fatalf("Parse([1]) = %v, want one problem", err)
	}
	p := e.Problems[0]
	want := Textf("document must be a JSON object, got %s", Textf("an array"))
	if !reflect.DeepEqual(p.Text, want) {
		t.Errorf("Text = %#v, want %#v", p.Text, want)
	}
	if p.Message != "document must be a JSON object, got an array" || p.Text.String() != p.Message {
		t.Errorf("Message = %q, Text.String() = %q, want both %q", p.Message, p.Text.String(), "document must be a JSON object, got an array")
	}
	if got := Textf("lower 95%% limit").String(); got != "lower 95% limit" {
		t.Errorf("a Text without arguments = %q, want %q", got, "lower 95% limit")
	}
}
