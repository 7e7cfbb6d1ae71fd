//go:build unix

package main

import (
	"errors"
	"os"
	"syscall"
)

// linkCount is how many hard links the file has.
func linkCount(fi os.FileInfo) int {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return int(st.Nlink)
	}
	return 1
}

// processAlive reports whether a process with the id runs (or may: one of
// another user answers EPERM).
func processAlive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
