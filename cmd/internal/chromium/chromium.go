// Package chromium starts Debian's Chromium headless for the browser tests
// and the cold-start benchmark, with the flags this machine and CI need.
package chromium

import (
	"errors"
	"os"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Path returns the path of Debian's chromium (package chromium), or an
// error saying how to install it.
func Path() (string, error) {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	return "", errors.New("chromium not found: make test-browser and make bench install it (apt-get install -y chromium)")
}

// Options are the exec-allocator options for headless Chromium at path
// with its profile in the directory profile and a 1280×900 window. There is
// no sandbox (the tests run as root) and no GPU, and background
// networking, component updates, sync and the first-run page are off: the
// machine's network is closed, and Chromium's own requests would otherwise
// fail, many at a time, at every start.
func Options(path, profile string) []chromedp.ExecAllocatorOption {
	return append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
}
