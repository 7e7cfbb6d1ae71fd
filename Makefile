# Wardwise. Run "make help" for the targets.
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMDIR  := $(GOROOT)/lib/wasm
WASMENV  := GOOS=js GOARCH=wasm PATH="$(PATH):$(WASMDIR)"
ADDR     ?= 127.0.0.1:8080

.PHONY: help build run test test-go test-wasm bench fuzz wasm node test-browser

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: wasm ## build everything: the wasm app, static files and the jsna CLI (bin/jsna)
	$(GO) build -o bin/jsna ./cmd/jsna

run: build ## build, then serve the app with the example on http://$(ADDR)/
	./bin/jsna serve -addr $(ADDR)

test: test-go test-wasm test-browser test-hub ## run every test (host, wasm under Node, the browser app in headless Chromium, the hub under wrangler dev)

test-go: ## host tests: go vet and go test for every package
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-wasm: ## the model's tests under GOOS=js GOARCH=wasm with Node
	$(WASMENV) $(GO) test -count=1 -short ./jsna/...

bench: node ## run the benchmarks (native, wasm under Node, headless Chromium) and print a table; figures also in bench.json
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	PATH="$(PATH):$(WASMDIR)" $(GO) run ./cmd/benchtable -o bench.json

FUZZTIME ?= 60s
# Every Fuzz function of every jsna package, as "dir/target", found in the test files.
FUZZTARGETS = $(shell grep -rHo --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*' jsna | sed 's|/[^/]*_test.go:func |/|' | sort -u)
fuzz: ## run every fuzz target of jsna/... for FUZZTIME each (default 60s), all even when some fail, and list the failures; new crashers land in testdata/fuzz
	@failed=""; \
	for dt in $(FUZZTARGETS); do \
		dir=$${dt%/*}; t=$${dt##*/}; \
		echo "fuzz ./$$dir $$t"; \
		$(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./$$dir || failed="$$failed ./$$dir:$$t"; \
	done; \
	if [ -n "$$failed" ]; then \
		echo "fuzz: failed:"; for f in $$failed; do echo "  $$f"; done; exit 1; \
	fi; \
	echo "fuzz: all $(words $(FUZZTARGETS)) targets passed"

wasm: node ## build the browser app into static/: app.wasm and the viewer app.viewer.wasm (+ .gz, .br), the viewer's Welsh catalogue app.cy.json, wasm_exec.js, stylesheet, version
	GOOS=js GOARCH=wasm $(GO) build -tags validator_novalidatefn -ldflags="-s -w" -trimpath -o static/app.wasm ./wasm
	GOOS=js GOARCH=wasm $(GO) build -tags validator_novalidatefn,wardwise_viewer -ldflags="-s -w" -trimpath -o static/app.viewer.wasm ./wasm/viewer
	cp "$(WASMDIR)/wasm_exec.js" static/wasm_exec.js
	$(WASMENV) WARDWISE_WRITE_CY="$(CURDIR)/static/app.cy.json" $(GO) test -count=1 -run '^TestWriteWelshCatalogue$$' ./ui/ >/dev/null
	node static/build.mjs

node: ## install the pinned npm packages (GOV.UK Frontend, axe-core, wrangler, Automerge for make bench) when node_modules is missing
	@test -d node_modules/govuk-frontend -a -d node_modules/axe-core -a -d node_modules/@automerge/automerge -a -x node_modules/.bin/wrangler || npm ci --no-audit --no-fund

test-browser: wasm ## the browser app's tests in headless Chromium (installed when missing); screenshots in test-artifacts/
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(GO) test -count=1 -tags browser -run 'Browser' -timeout 20m ./cmd/jsna
	$(GO) test -count=1 -tags browser -run 'Browser' -timeout 5m ./cmd/worker
	$(WASMENV) $(GO) test -count=1 ./ui/...

# The hub (cmd/worker) on Cloudflare Workers, run locally by wrangler dev.
HUBDIR   := cmd/worker/build
HUBADDR  ?= 127.0.0.1
HUBPORT  ?= 8787
HUB_ADMIN_TOKEN ?= wardwise-local-admin
WRANGLER := WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false WRANGLER_HIDE_BANNER=true CLOUDFLARE_CF_FETCH_ENABLED=false node_modules/.bin/wrangler
.PHONY: hub hub-build test-hub

hub-build: wasm ## build the hub for Cloudflare Workers into cmd/worker/build/: the Worker and, as its static assets, the app
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(HUBDIR)
	GOOS=js GOARCH=wasm $(GO) build -tags validator_novalidatefn -ldflags="-s -w" -trimpath -o $(HUBDIR)/app.wasm ./cmd/worker
	cp cmd/worker/entry.mjs $(HUBDIR)/entry.mjs
	mkdir -p $(HUBDIR)/public
	cd static && cp -R index.html *.css *.js *.webmanifest *.txt app.wasm app.viewer.wasm app.cy.json icons examples ../$(HUBDIR)/public/
	find $(HUBDIR)/public -name '*.br' -delete # make wasm's brotli copies: Workers compresses what it serves
	cp cmd/worker/_headers $(HUBDIR)/public/_headers

hub: hub-build ## serve the app and the hub's API on http://$(HUBADDR):$(HUBPORT)/ with wrangler dev, local D1 and R2 (admin token: HUB_ADMIN_TOKEN)
	$(WRANGLER) d1 migrations apply DB --local
	@echo "hub: admin token $(HUB_ADMIN_TOKEN) (set HUB_ADMIN_TOKEN to change it); see README.md, Deploying the hub"
	$(WRANGLER) dev --ip $(HUBADDR) --port $(HUBPORT) --var HUB_ADMIN_TOKEN_SHA256:$$(printf %s '$(HUB_ADMIN_TOKEN)' | sha256sum | cut -d' ' -f1)

test-hub: node ## the hub's integration test: builds the Worker, runs wrangler dev on a free loopback port, sends drafts, merges
	$(GO) test -count=1 -tags hubintegration -run 'TestHubIntegration' -timeout 8m ./cmd/worker
