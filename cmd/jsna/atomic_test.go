package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestWriteFileAtomicFailureKeepsOldFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "master.json")
	os.WriteFile(p, []byte("old"), 0o600)
	err := writeFileAtomic(p, func(w io.Writer) error {
		io.WriteString(w, "half of the new")
		return errors.New("disk on fire")
	})
	if err == nil || !strings.Contains(err.Error(), "disk on fire") {
		t.Fatalf("writeFileAtomic() = %v, want the writer's error", err)
	}
	assertDirHolds(t, dir, map[string][]byte{"master.json": []byte("old")})
	if err := writeFileAtomic(p, func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }); err != nil {
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
		writeFileAtomic(p, func(w io.Writer) error {
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
