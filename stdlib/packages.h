// The standard packages Gol provides, for the checker (their members and types) and
// for the evaluator (their native implementations).
#pragma once

#include <sys/types.h>

#include <deque>
#include <initializer_list>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "interpreter/check/checker.h"
#include "interpreter/values/native.h"

namespace gol::stdlib {

// The source of a standard package written in Gol (cmp, iter, maps, slices: stdlib/gol/),
// or null.
const char* golPackageSource(const std::string& path);
// The paths of the packages written in Gol (stdlib/gol/).
const std::vector<std::string>& golPackagePaths();
// The root of the system's Go tree, as runtime.GOROOT reports it ("" if there is none).
std::string goRoot();
// The name of every standard package Gol has (fmt, utf8, heap, ...), for completion.
std::vector<std::string> standardPackageNames();

// A package is registered when it is first imported (import, importByName), so a program
// pays only for the packages it uses; find() knows the natives of imported packages.
class Packages : public check::Importer, public values::NativeRegistry {
 public:
  const check::Package* import(const std::string& path) override;
  const check::Package* importByName(const std::string& name) override;
  const char* golSource(const std::string& path) override { return golPackageSource(path); }
  values::NativeFunction find(const std::string& path, const std::string& name) const override;
  bool runsNoGolCode(values::NativeFunction fn) const override;
  // Declares that fn never runs Gol code (see NativeRegistry::runsNoGolCode).
  void declareRunsNoGolCode(values::NativeFunction fn);
  values::NativeFastPath fastPath(values::NativeFunction fn) const override;
  // Declares fn's fast path (see values::NativeFastPath).
  void declareFastPath(values::NativeFunction fn, values::NativeFastPath fast);
  values::NativeIntrinsic intrinsic(values::NativeFunction fn) const override;
  void declareIntrinsic(values::NativeFunction fn, values::NativeIntrinsic what);

  // Declares a package (path "unicode/utf8", name "utf8"), or returns it if declared.
  check::Package& package(const std::string& path, const std::string& name);
  // A function member implemented natively.
  void addFunction(check::Package& pkg, const std::string& name, const check::Signature* sig,
                   values::NativeFunction fn);
  // A constant member (untyped unless `type` is a typed basic type).
  void addConstant(check::Package& pkg, const std::string& name, const check::Type* type,
                   check::ConstValue value);
  // A variable member whose value lives in `cell` (which must outlive the program).
  void addVariable(check::Package& pkg, const std::string& name, const check::Type* type,
                   values::Value* cell);
  // For a process that runs several programs one after another (the fuzz targets): every
  // standard package is imported, the package variables' values are recorded, and after
  // each program they are put back, so that no value a program stored in a package's cell
  // (a closure, a value of one of its types) outlives the program's code and types.
  void importAll();
  void saveVariables();
  void restoreVariables();
  // A type member (`strconv.NumError`).
  void addType(check::Package& pkg, const std::string& name, const check::Type* type);
  // A signature that lives as long as the Packages: params (for a variadic function the
  // last one is the element type) and results.
  const check::Signature* signature(std::initializer_list<const check::Type*> params,
                                    std::initializer_list<const check::Type*> results,
                                    bool variadic = false);

 private:
  std::map<std::string, check::Package> packages_;
  std::map<std::pair<std::string, std::string>, values::NativeFunction> natives_;
  std::set<values::NativeFunction> noGolCodeNatives_;
  std::map<values::NativeFunction, values::NativeFastPath> fastPaths_;
  std::map<values::NativeFunction, values::NativeIntrinsic> intrinsics_;
  std::deque<check::Signature> signatures_;
  std::set<void (*)(Packages&)> registered_;  // the registrations that have run
  struct VariableCell {
    values::Value* cell;
    const check::Type* type;
  };
  std::vector<VariableCell> variables_;  // every addVariable, in order
  struct SavedValue {
    values::Value* cell;
    values::Value value;  // retained if a reference
    bool ref;
  };
  std::vector<SavedValue> saved_;
};

// Each package's registration (in its own file).
void registerFmt(Packages& p);
void registerStrconv(Packages& p);
void registerStrings(Packages& p);
void registerMath(Packages& p);
void registerUnicode(Packages& p);
void registerUtf8(Packages& p);
void registerOs(Packages& p);
void registerExec(Packages& p);
// context.Context (context.cpp), for natives that take one (exec.CommandContext).
const check::Named* contextInterfaceType();
const check::Named* contextCancelFuncType();
// For signal.NotifyContext: a new cancel context, child of parent (an interface value,
// borrowed), as its interface value (owned) and its object (borrowed from that value); and
// its cancellation (safe from any thread that holds an external waker).
std::pair<values::Value, values::StructObject*> newCancelContext(values::Value parent);
void cancelContext(values::StructObject* c);
void registerSignal(Packages& p);
// os.Signal, os.Interrupt, os.Kill (signal.cpp), registered with os.
void registerSignalTypes(Packages& p, check::Package& osPackage);
// syscall.Signal, the SIG constants, Kill and Getpid (signal.cpp), registered with syscall.
void registerSyscallSignals(Packages& p, check::Package& syscall);
// os.Process and os.ProcessState (exec.cpp), registered with os.
void registerProcessTypes(Packages& p, check::Package& osPackage);
void registerErrors(Packages& p);
void registerSort(Packages& p);
void registerRand(Packages& p);
void registerBinary(Packages& p);
void registerBuilder(Packages& p);
void registerRuntime(Packages& p);
void registerRuntimeDebug(Packages& p);
void registerSyscall(Packages& p);
void registerSync(Packages& p);
void registerAtomic(Packages& p);
void registerTime(Packages& p);
void registerContext(Packages& p);
void registerHttp(Packages& p);
void registerIo(Packages& p);
void registerReflect(Packages& p);
void registerRegexp(Packages& p);
void registerLog(Packages& p);
void registerBytes(Packages& p);
void registerUrl(Packages& p);
void registerFs(Packages& p);
void registerIoutil(Packages& p);
void registerBufio(Packages& p);
void registerPath(Packages& p);
void registerFilepath(Packages& p);
void registerFlag(Packages& p);

// io.Writer, the interface fmt.Fprint* write to.
const check::Type* ioWriterType();

// runtime.NumGoroutine leaves out n goroutines of the embedder's own (the REPL's loop).
void hideGoroutinesFromNumGoroutine(int n);
// Drops the finalizers not yet run (runtime_finalizer.cpp), as a run ends: their objects are
// then freed without them, and no finalizer of a finished program can run later.
void forgetFinalizers();

// os.Args: the program's name and arguments, set by the driver before the program runs.
void setArgs(const std::vector<std::string>& args);

// Writes to the process's standard output and error. Output is buffered; stdout is
// flushed before anything goes to stderr, so interleaving matches an unbuffered Go.
void writeStdout(std::string_view bytes);
void writeStderr(std::string_view bytes);
void flushStdout();
// The program has ended: flushes and drops whatever goroutines still write.
void closeOutput();

// While a sink is set, everything written to stdout (fd 1) and stderr (fd 2) goes to it
// instead, in order: the REPL's line editor shows goroutines' output above the line being
// typed. The sink runs with the output lock held and must not write through this module.
// Setting a sink flushes what is buffered first; null restores direct writes.
using OutputSink = void (*)(int fd, std::string_view bytes, void* context);
void setOutputSink(OutputSink sink, void* context);

// While a reader is set, a program's reads of standard input (an *os.File on descriptor 0
// that is a terminal or pipe) call it first, on a blocking-call thread: the REPL hands the
// program what was typed while its input ran. It returns a byte count, 0 for the end of
// input, or -1 to let the read go to the descriptor.
using StdinReader = ssize_t (*)(char* buf, size_t len, void* context);
void setStdinReader(StdinReader reader, void* context);

}  // namespace gol::stdlib
