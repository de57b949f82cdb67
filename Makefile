# Two commands matter: `make run` and `make test`. Everything else is a step of those.
BUILD_TYPE ?= RelWithDebInfo
# Compiles go through ccache (scripts/install-deps.sh installs it): a rebuild on this machine, from this clone or
# another, recompiles only what changed. Paths are hashed relative to the clone, so clones share the cache.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true
CMAKE_CONFIGURE = cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DCMAKE_CXX_COMPILER_LAUNCHER=ccache

.PHONY: deps build web run test unit-test api-test sanitize bench screenshots format clean

deps:
	@bash scripts/install-deps.sh

build: deps web/dist/index.html
	@$(CMAKE_CONFIGURE) > /dev/null
	@ninja -C build

# The browser client: rebuilt when its sources or dependencies change. `npm install`, not `npm ci`:
# npm 11 leaves other platforms' optional packages out of the lock file, and `npm ci` then refuses it.
# Debian 12's npm 9.2 now and then ends a good install with "Exit handler never called"
# and a partial node_modules: check what was installed, and try again.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	@cd web && for try in 1 2 3; do npm install --no-audit --no-fund --loglevel=error && npm ls --depth=0 >/dev/null && break; \
	  [ $$try = 3 ] && exit 1; echo "npm install: thử lại / retrying ($$try)"; sleep 2; done
	@touch $@
# The API tests' own tools (the OpenAPI schema validator), installed the same way.
tests/api/node_modules/.package-lock.json: tests/api/package.json tests/api/package-lock.json
	@cd tests/api && for try in 1 2 3; do npm install --no-audit --no-fund --loglevel=error && npm ls --depth=0 >/dev/null && break; \
	  [ $$try = 3 ] && exit 1; echo "npm install: thử lại / retrying ($$try)"; sleep 2; done
	@touch $@
web: web/dist/index.html
web/dist/index.html: web/node_modules/.package-lock.json web/index.html web/vite.config.ts web/tsconfig.json src/api/openapi.json \
                     web/src/generated/vocabulary.ts $(shell find web/src -type f 2>/dev/null)
	@cd web && npm run --silent build > /dev/null

# The page's labels come from the server's one vocabulary (src/domain/vocabulary.cpp), generated here.
web/src/generated/vocabulary.ts: src/domain/vocabulary.cpp src/domain/vocabulary.h tools/vocabulary_ts.cpp
	@$(CMAKE_CONFIGURE) > /dev/null
	@ninja -C build vocabulary_ts > /dev/null
	@mkdir -p $(@D) && build/vocabulary_ts $@ && touch $@

run: build
	@bash scripts/run.sh

test: build tests/api/node_modules/.package-lock.json
	@bash scripts/test.sh

unit-test: build
	@cd build && ctest --output-on-failure

api-test: build tests/api/node_modules/.package-lock.json
	@bash scripts/test.sh api

# The whole suite under ASan+UBSan, then each fuzz target for FUZZ_SECONDS (part of `make test`).
FUZZ_SECONDS ?= 20
sanitize: build tests/api/node_modules/.package-lock.json
	@bash scripts/sanitize.sh $(FUZZ_SECONDS)

bench: build
	@bash bench/run.sh

screenshots: build
	@cd web && TIENDO_BIN=$(CURDIR)/build/tiendo TIENDO_DEMO=$(CURDIR)/data/demo node e2e/screenshots.mjs

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'bench/*.cpp' 'fuzz/*.cpp' 'tools/*.cpp')

clean:
	rm -rf build build-san
