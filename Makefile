# Wardwise. Run "make help" for the targets.
GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMDIR  := $(GOROOT)/lib/wasm
WASMENV  := GOOS=js GOARCH=wasm PATH="$(PATH):$(WASMDIR)"
ADDR     ?= 127.0.0.1:8080

.PHONY: help build run test test-go test-wasm bench fuzz

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
	$(WASMENV) $(GO) test -count=1 ./jsna/...
