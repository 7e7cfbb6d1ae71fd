# Wardwise. Run "make help" for the targets.
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMDIR  := $(GOROOT)/lib/wasm
WASMENV  := GOOS=js GOARCH=wasm PATH="$(PATH):$(WASMDIR)"
ADDR     ?= 127.0.0.1:8080

.PHONY: help build run test test-go test-wasm bench fuzz wasm node test-browser

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

build: ## build everything: the wasm app, static files and the jsna CLI (bin/jsna)
	$(GO) build -o bin/jsna ./cmd/jsna

run: build ## build, then serve the app with the example on http://$(ADDR)/
	./bin/jsna serve -addr $(ADDR)

test: test-go test-wasm ## run every test (host, wasm under Node)

test-go: ## host tests: go vet and go test for every package
	$(GO) vet ./...
	$(GO) test -count=1 ./...

test-wasm: ## the model's tests under GOOS=js GOARCH=wasm with Node
	$(WASMENV) $(GO) test -count=1 -short ./jsna/...

bench: wasm ## run the benchmarks (native, wasm under Node, headless Chromium) and print a table; figures also in bench.json
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(GO) run ./cmd/benchtable -o bench.json

FUZZTIME ?= 60s
fuzz: ## run every fuzz target for FUZZTIME each (default 60s); new crashers land in testdata/fuzz
	@for t in $$(grep -ho '^func Fuzz[A-Za-z0-9]*' jsna/*_test.go | sed 's/func //' | sort -u); do \
		echo "fuzz $$t"; $(GO) test -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME) ./jsna/ || exit 1; \
	done

wasm: node ## build the browser app into static/: app.wasm (+ .gz, .br), wasm_exec.js, stylesheet, version
	GOOS=js GOARCH=wasm $(GO) build -tags validator_novalidatefn -ldflags="-s -w" -trimpath -o static/app.wasm ./wasm
	cp "$(WASMDIR)/wasm_exec.js" static/wasm_exec.js
	node static/build.mjs

node: ## install the pinned npm packages (GOV.UK Frontend, axe-core) when node_modules is missing
	@test -d node_modules/govuk-frontend -a -d node_modules/axe-core || npm ci --no-audit --no-fund

test-browser: wasm ## the browser app's tests in headless Chromium (installed when missing); screenshots in test-artifacts/
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)
	$(GO) test -count=1 -tags browser -run 'Browser' -timeout 10m ./cmd/jsna
	$(WASMENV) $(GO) test -count=1 ./ui/...
