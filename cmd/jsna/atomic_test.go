package main

import (
	"context"
	"errors"
	"github.com/wardwise/wardwise/jsna/example"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/wardwise/wardwise/jsna"
)

func TestWriteFileAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "master.json")
	os.WriteFile(p, []byte("old"), 0o600)
	err := writeFileAtomic(p, io.Discard, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return errors.New("disk on fire")
	})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("writeFileAtomic() = %v, want the writer's error", err)
	}
	assertDirHolds(t, dir, map[string][]byte{"master.json": []byte("old")})
	if err := writeFileAtomic(p, io.Discard, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
		t.Fatal(err)
	}
	assertDirHolds(t, dir, map[string][]byte{"master.json": []byte("new")})
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode after rewrite = %v, want 0600 kept", fi.Mode().Perm())
	}
}

// TestWriteFileAtomicKilled kills a process in the middle of writing a file
// and checks the old content is still there, whole.
func TestWriteFileAtomicKilled(t *testing.T) {
	if p := os.Getenv("WARDWISE_KILL_WRITER"); p != "" {
		// The child: write 1 MB of the new content, say so, then hang
		// until killed.
		writeFileAtomic(p, io.Discard, func(w io.Writer) error {
			w.Write([]byte(strings.Repeat("n", 1<<20)))
			os.Stdout.WriteString("writing\n")
			time.Sleep(time.Minute)
			return nil
		})
		os.Exit(0)
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "master.json")
	old := []byte(strings.Repeat("o", 4096))
	os.WriteFile(p, old, 0o644)
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFileAtomicKilled$")
	cmd.Env = append(os.Environ(), "WARDWISE_KILL_WRITER="+p)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 8)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "writing\n" {
		t.Fatalf("child said %q, %v", buf, err)
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	got, err := os.ReadFile(p)
	if err != nil || string(got) != string(old) {
		t.Fatalf("after a kill mid-write, master.json = %d bytes (%v), want the old %d bytes", len(got), err, len(old))
	}
}

// fmtW runs jsna fmt -w on path and returns its stderr, the exit status
// the CLI would give and its error.
func fmtW(t *testing.T, path string) (string, int, error) {
	t.Helper()
	var out, errb strings.Builder
	err := run(context.Background(), []string{"fmt", "-w", path}, strings.NewReader(""), &out, &errb)
	return errb.String(), exitCode(err, io.Discard), err
}

// unformatted writes a valid document to path that jsna fmt rewrites
// (it is laid out on one line), and returns the bytes fmt will write.
func unformatted(t *testing.T, path string) (old, formatted []byte) {
	t.Helper()
	d := example.New(example.Options{Wards: 2, Indicators: 2, Seed: 1})
	old = jsna.Canonical(d)
	formatted, _ = jsna.Marshal(d)
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	return old, formatted
}

// TestWriteInPlaceFiles runs jsna fmt -w on each kind of file -w meets.
func TestWriteInPlaceFiles(t *testing.T) {
	t.Run("read-only", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "master.json")
		old, _ := unformatted(t, p)
		os.Chmod(p, 0o444)
		_, code, err := fmtW(t, p)
		if err == nil || code != 1 || !strings.Contains(err.Error(), "read-only") {
			t.Fatalf("fmt -w on a read-only file = %v (exit %d), want a read-only error and exit 1", err, code)
		}
		assertDirHolds(t, dir, map[string][]byte{"master.json": old})
	})
	t.Run("symlink", func(t *testing.T) {
		dir := t.TempDir()
		os.Mkdir(filepath.Join(dir, "data"), 0o755)
		target := filepath.Join(dir, "data", "master.json")
		_, want := unformatted(t, target)
		link := filepath.Join(dir, "current.json")
		if err := os.Symlink(filepath.Join("data", "master.json"), link); err != nil {
			t.Skip(err)
		}
		if _, _, err := fmtW(t, link); err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("current.json is no longer a symbolic link (%v)", err)
		}
		assertDirHolds(t, filepath.Join(dir, "data"), map[string][]byte{"master.json": want})
	})
	t.Run("one link", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "master.json")
		_, want := unformatted(t, p)
		before, _ := os.Stat(p)
		stderr, _, err := fmtW(t, p)
		if err != nil || stderr != "" {
			t.Fatalf("fmt -w = %v, stderr %q", err, stderr)
		}
		after, _ := os.Stat(p)
		if os.SameFile(before, after) {
			t.Errorf("the file was written in place, want write-and-rename")
		}
		assertDirHolds(t, dir, map[string][]byte{"master.json": want})
	})
	t.Run("hard links", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "master.json")
		old, want := unformatted(t, p)
		other := filepath.Join(dir, "copy-for-the-board.json")
		if err := os.Link(p, other); err != nil {
			t.Skip(err)
		}
		stderr, _, err := fmtW(t, p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(stderr, "2 hard links") || !strings.Contains(stderr, "master.json.bak") {
			t.Errorf("stderr = %q, want it to say the file has 2 hard links and where the backup is", stderr)
		}
		assertDirHolds(t, dir, map[string][]byte{"master.json": want, "copy-for-the-board.json": want, "master.json.bak": old})
	})
	t.Run("stale temporary file", func(t *testing.T) {
		dir := t.TempDir()
		p := filepath.Join(dir, "master.json")
		_, want := unformatted(t, p)
		// A run that died: its process is gone.
		dead := exec.Command("true")
		if err := dead.Run(); err != nil {
			t.Skip(err)
		}
		stale := filepath.Join(dir, ".master.json.tmp-p"+strconv.Itoa(dead.Process.Pid)+"-123")
		os.WriteFile(stale, []byte("half"), 0o600)
		// An old temporary file from before temporary files named their
		// process, and another run's, alive (this test's own process).
		old := filepath.Join(dir, ".master.json.tmp-4242")
		os.WriteFile(old, []byte("older"), 0o600)
		os.Chtimes(old, time.Now().Add(-2*time.Hour), time.Now().Add(-2*time.Hour))
		busy := filepath.Join(dir, ".master.json.tmp-p1-7")
		os.WriteFile(busy, []byte("another run"), 0o600)
		if _, _, err := fmtW(t, p); err != nil {
			t.Fatal(err)
		}
		assertDirHolds(t, dir, map[string][]byte{"master.json": want, ".master.json.tmp-p1-7": []byte("another run")})
	})
}
