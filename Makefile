# The two commands of the README:
#   make run    installs what is missing, builds, and runs examples/hello.gol
#   make test   installs what is missing, builds, and runs every test
BUILD ?= build
JOBS ?= $(shell nproc)
DEBIAN_PACKAGES = cmake ninja-build g++ default-jre-headless antlr4 libantlr4-runtime-dev \
                  libboost-context-dev libgtest-dev libgmp-dev libmpfr-dev \
                  libbenchmark-dev libboost-fiber-dev libedit-dev uuid-dev libmimalloc-dev \
                  python3 golang-1.19-go golang-1.19-src \
                  clang libclang-rt-14-dev clang-format tzdata libre2-dev chromium \
                  chromium-driver python3-selenium libjs-codemirror

.PHONY: run test build setup clean

run: build
	./$(BUILD)/gol run examples/hello.gol

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build: setup
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j $(JOBS)

# Installs the Debian packages that are missing (as root, or through sudo).
setup:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

clean:
	rm -rf $(BUILD)
