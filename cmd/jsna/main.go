// Command jsna is Wardwise for analysts and coordinators: it validates,
// imports, formats, scores and merges jsna/1 documents, and serves the
// browser app.
//
// Exit status is 0 on success, 1 when an input is invalid or an operation
// fails, 2 on a usage error, and 3 where a command documents it (merge with
// open conflicts under -fail-on-conflict).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
)

// command is one subcommand. Each lives in its own file and registers
// itself from an init function.
type command struct {
	name    string
	usage   string // e.g. "jsna validate [--json] FILE..."
	summary string // one line for the help listing
	run     func(ctx context.Context, env *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("jsna: command registered twice: " + c.name)
	}
	commands[c.name] = c
}

// env is what a command may touch besides files named on its command line.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
}

// usageError makes run exit with status 2.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return &usageError{fmt.Sprintf(format, a...)} }

// exitError makes run exit with a given status after printing its message,
// if any.
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err, if any, and returns the process exit status for it.
func exitCode(err error, stderr io.Writer) int {
	if err == nil {
		return 0
	}
	var ue *usageError
	var ee *exitError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, err)
		return 2
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintln(stderr, ee.msg)
		}
		return ee.code
	default:
		fmt.Fprintln(stderr, err)
		return 1
	}
}

// run runs the command line args (without the program name).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				fmt.Fprintf(stdout, "usage: %s\n\n%s\n", c.usage, c.summary)
				return nil
			}
		}
		printHelp(stdout)
		if len(args) == 0 {
			return usagef("jsna: no command given")
		}
		return nil
	}
	c, ok := commands[args[0]]
	if !ok {
		return usagef("jsna: unknown command %q (run jsna help)", args[0])
	}
	return c.run(ctx, e, args[1:])
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "jsna: Wardwise joint strategic needs assessment tool")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "commands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "run \"jsna help COMMAND\" for a command's usage")
	fmt.Fprintln(w, "exit status: 0 ok, 1 invalid input, 2 usage")
}
