# Thin wrapper: the real build is CMake + Ninja. `make demo` and `make test` set everything up first.
BUILD ?= build
ASAN_BUILD ?= build-asan
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all setup configure build demo test lint lint-all asan-test golden package package-test clean

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
