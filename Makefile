# Two commands matter: `make run` and `make test`. Everything else is a step of those.
BUILD_TYPE ?= RelWithDebInfo

.PHONY: deps build run test unit-test api-test bench format clean

deps:
	@bash scripts/install-deps.sh

build: deps
	@cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) > /dev/null
	@ninja -C build

run: build
	@bash scripts/run.sh

test: build
	@bash scripts/test.sh

unit-test: build
	@cd build && ctest --output-on-failure

api-test: build
	@bash scripts/test.sh api

bench: build
	@bash bench/run.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.h' 'bench/*.cpp')

clean:
	rm -rf build
