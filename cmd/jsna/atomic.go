package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// writeFileAtomic writes path through write, all or nothing, and says on
// note what it did that a user would not expect:
//
//   - A symbolic link is followed: its target is written and the link
//     stays a link.
//   - A file without write permission (for its owner) is refused with a
//     clear error, even for root, and left as it was.
//   - A file with one link is replaced: the bytes go to a temporary file in
//     the same directory, which is synced and renamed over it. If write
//     fails, or the process dies part way, the file keeps its old content
//     (or stays absent). A new file gets mode 0644; an existing one keeps
//     its mode.
//   - A file with several hard links cannot be renamed over without
//     breaking them, so the new content is first written in full to a
//     temporary file, the old content is copied to path + ".bak", and only
//     then is the file rewritten in place; note says so.
//
// Temporary files it left behind in an earlier run that was interrupted
// (".NAME.tmp-pPID-…" of a process no longer running) are removed.
func writeFileAtomic(path string, note io.Writer, write func(io.Writer) error) (err error) {
	target, err := linkTarget(path)
	if err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	dir, base := filepath.Split(target)
	if dir == "" {
		dir = "."
	}
	removeStaleTemps(dir, base)
	mode := os.FileMode(0o644)
	links := 1
	fi, statErr := os.Stat(target)
	if statErr == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("jsna: write %s: not a regular file", path)
		}
		if fi.Mode().Perm()&0o200 == 0 {
			return fmt.Errorf("jsna: write %s: the file is read-only; make it writable (chmod u+w %s) or write the result elsewhere with -o", path, path)
		}
		mode, links = fi.Mode().Perm(), linkCount(fi)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-p"+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	defer func() {
		if err != nil || links > 1 {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(bw); err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	if err = tmp.Chmod(mode); err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	if links > 1 {
		if err = writeInPlace(target, tmp); err != nil {
			return fmt.Errorf("jsna: write %s: %w", path, err)
		}
		fmt.Fprintf(note, "jsna: %s has %d hard links, so it was rewritten in place to keep them; its old content is in %s\n", path, links, target+".bak")
		return nil
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return fmt.Errorf("jsna: write %s: %w", path, err)
	}
	return nil
}

// linkTarget is the file path names once symbolic links are followed: path
// itself when it is not a link, the link's target (which may not exist
// yet) when it is.
func linkTarget(path string) (string, error) {
	for i := 0; i < 40; i++ {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) {
			return path, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		to, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(to) {
			to = filepath.Join(filepath.Dir(path), to)
		}
		path = to
	}
	return "", errors.New("too many levels of symbolic links")
}

// writeInPlace copies the old content of target to target.bak (synced),
// then overwrites target with tmp's content, keeping its inode and so
// every hard link to it.
func writeInPlace(target string, tmp *os.File) error {
	if err := copyFile(target+".bak", target); err != nil {
		return fmt.Errorf("back up before writing in place: %w", err)
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY|os.O_TRUNC, 0)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, tmp); err != nil {
		f.Close()
		return fmt.Errorf("%w (the old content is in %s)", err, target+".bak")
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// copyFile copies src to dst (replaced by write-and-rename), synced.
func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	return writeFileAtomic(dst, io.Discard, func(w io.Writer) error {
		_, err := io.Copy(w, in)
		return err
	})
}

// removeStaleTemps removes the temporary files of base in dir that a run
// of jsna left when it was interrupted: those of a process that is no
// longer running, and, from versions that did not name the process, those
// more than an hour old.
func removeStaleTemps(dir, base string) {
	matches, _ := filepath.Glob(filepath.Join(dir, "."+globEscape(base)+".tmp-*"))
	for _, m := range matches {
		rest := strings.TrimPrefix(filepath.Base(m), "."+base+".tmp-")
		if p, ok := strings.CutPrefix(rest, "p"); ok {
			pidText, _, _ := strings.Cut(p, "-")
			if pid, err := strconv.Atoi(pidText); err == nil {
				if pid != os.Getpid() && !processAlive(pid) {
					os.Remove(m)
				}
				continue
			}
		}
		if fi, err := os.Lstat(m); err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > time.Hour {
			os.Remove(m)
		}
	}
}

// globEscape escapes the characters filepath.Match treats specially.
func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}
