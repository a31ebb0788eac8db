# Thin wrapper: the real build is CMake + Ninja. `make demo` and `make test` set everything up first.
BUILD ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 15
FUZZ_TARGETS ?=
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup configure build demo test lint lint-all asan-test golden package package-test clean fuzz-build fuzz fuzz-smoke

all: build

setup:
	@bash scripts/setup.sh

$(BUILD)/build.ninja: | setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAUTHSHIFT_WERROR=ON $(CMAKE_FLAGS)

configure: setup $(BUILD)/build.ninja

build: configure
	cmake --build $(BUILD) -j $(JOBS)

demo: build
	@echo "== authshift scan fixtures/demo"
	@$(BUILD)/authshift scan fixtures/demo; rc=$$?; test $$rc -le 1

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# clang-tidy (.clang-tidy) on the first-party files changed since LINT_BASE (default: the
# merge-base with origin/main, else main), the 900-line file limit and the doc-reference check;
# lint-all runs clang-tidy on every file. Both build first (generated headers). docs/lint.md.
lint: build
	bash scripts/lint.sh --build $(BUILD) --jobs $(JOBS) $(if $(LINT_BASE),--base $(LINT_BASE))

lint-all: build
	bash scripts/lint.sh --all --build $(BUILD) --jobs $(JOBS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer.
asan-test: setup
	cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Debug -DAUTHSHIFT_WERROR=ON -DAUTHSHIFT_SANITIZE=ON $(CMAKE_FLAGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer targets (fuzz/, README "Fuzzing") with clang-14, ASan + UBSan, in $(FUZZ_BUILD). The
# tree-sitter grammars are linked from $(BUILD) (compiled once, not instrumented).
fuzz-build: configure
	cmake --build $(BUILD) -j $(JOBS) --target ts_grammars ts_runtime
	cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
	  -DAUTHSHIFT_FUZZ=ON -DAUTHSHIFT_BUILD_TESTS=OFF -DAUTHSHIFT_PREBUILT_GRAMMARS=$(abspath $(BUILD)) $(CMAKE_FLAGS)
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz_all

# Every target (or FUZZ_TARGETS) for FUZZ_SECONDS each, one after the other.
fuzz: fuzz-build
	bash fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The CI's short run of every target.
fuzz-smoke: fuzz-build
	FUZZ_SEED_LIMIT=100 bash fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

# Regenerate golden reports from the current binary (review the diff before committing).
golden: build
	AUTHSHIFT_UPDATE_GOLDEN=1 $(BUILD)/tests/authshift_tests "[golden]"

# The .deb and .tar.gz of this build (CPack; README "Install").
package: build
	cd $(BUILD) && cpack -G "DEB;TGZ"

# Installs the .deb into a fresh Debian 12 root (debootstrap, cached) and runs it there. Root only.
package-test: package
	bash scripts/package_test.sh $$(ls -t $(BUILD)/authshift_*.deb | head -1) fixtures/demo

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
