//go:build browser

package main

import "testing"

func TestBrowserDevSmoke(t *testing.T) {
	srv := startServer(t)
	p := openBrowser(t, srv.url)
	p.navigate("")
	p.shot("start")
	p.upload("#open-file", "../../jsna/testdata/small.json")
	p.waitText("#page-heading", "Overview")
	p.shot("overview")
	p.navigate("#/ward/E05000001/narrative")
	p.shot("narrative")
	p.checkClean()
}
