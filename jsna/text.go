package jsna

import "fmt"

// Text is a sentence jsna writes for people, kept with how it was made:
// Format is its fmt format, in English, and Args what went into it. The
// format is the sentence's stable code: a front end that words jsna's
// sentences in another language keys its translations by it, and gives
// them the same arguments (the browser app's catalogue holds each of
// jsna's formats word for word as the English of a message, and a test in
// ui/ finds every format jsna's source passes and checks the catalogue
// has it). An argument may itself be a Text (a phrase such as "an array"),
// worded the same way. String is the English sentence, as the CLI prints it.
type Text struct {
	Format string
	Args   []any
}

// Textf is the sentence format makes of args.
func Textf(format string, args ...any) Text { return Text{Format: format, Args: args} }

// String is the English sentence.
func (t Text) String() string { return fmt.Sprintf(t.Format, t.Args...) }
