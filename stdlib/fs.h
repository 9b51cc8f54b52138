// io/fs's types and errors as os, io/ioutil and path/filepath make them, and syscall.Errno.
//
// A *fs.PathError's Err is a syscall.Errno (an errno number) or one of fs's Err values, as
// Go's os gives them, so errors.Is(err, fs.ErrNotExist) works through Errno's Is method.
// The Err values, the types and their methods are made once and live as long as the
// process; values made here are owned by the caller.
#pragma once

#include <sys/stat.h>

#include <string>
#include <string_view>

#include "interpreter/check/types.h"
#include "interpreter/values/value.h"
#include "stdlib/bind.h"

namespace gol::stdlib::fs {

// Go's FileMode bits (the type bits at the top, the Unix permissions in the low 9).
enum : uint32_t {
  kModeDir = 1u << 31,
  kModeAppend = 1u << 30,
  kModeExclusive = 1u << 29,
  kModeTemporary = 1u << 28,
  kModeSymlink = 1u << 27,
  kModeDevice = 1u << 26,
  kModeNamedPipe = 1u << 25,
  kModeSocket = 1u << 24,
  kModeSetuid = 1u << 23,
  kModeSetgid = 1u << 22,
  kModeCharDevice = 1u << 21,
  kModeSticky = 1u << 20,
  kModeIrregular = 1u << 19,
  kModeType = kModeDir | kModeSymlink | kModeNamedPipe | kModeSocket | kModeDevice |
              kModeCharDevice | kModeIrregular,
  kModePerm = 0777,
};

// A FileMode value (fs.FileMode, os.FileMode).
struct FileMode {
  uint32_t bits = 0;
};

// FileMode with its methods; fileModeNamed is the same type while its methods are bound.
const check::Named* fileModeType();
const check::Named* fileModeNamed();
const check::Named* fileInfoType();
const check::Named* dirEntryType();
const check::Named* pathErrorType();
const check::Named* errnoType();
// os.LinkError.
const check::Named* linkErrorType();

// Go's FileMode from a stat mode.
uint32_t modeFromStat(mode_t mode);
// FileMode.String(): "drwxr-xr-x".
std::string modeString(uint32_t mode);

// The Err values (borrowed: their variables hold them).
values::Value errInvalid();
values::Value errPermission();
values::Value errExist();
values::Value errNotExist();
values::Value errClosed();

// A syscall.Errno as an error; Go's text for it ("no such file or directory").
values::Value errnoError(int errnum);
std::string errnoText(int errnum);
// &PathError{op, path, err} as an error; `err` is handed over.
values::Value pathError(std::string_view op, std::string_view path, values::Value err);
// The same with a syscall.Errno.
values::Value pathErrno(std::string_view op, std::string_view path, int errnum);
// os's *LinkError{op, old, new, Errno(errnum)} as an error (rename).
values::Value linkError(std::string_view op, std::string_view oldPath, std::string_view newPath,
                        int errnum);
// The errno behind err if it is a syscall.Errno, directly or inside a *PathError or
// *LinkError; 0 otherwise. Sets *inner to the error found there (borrowed).
int underlyingErrno(values::Value err, values::Value* inner = nullptr);

// A FileInfo (dynamic type os's *fileStat) for a file named `name` (its base name is kept).
values::Value fileInfo(std::string_view name, const struct stat& st);
// A DirEntry for the entry `name` of directory `dir`, of type bits `type`.
values::Value dirEntry(std::string_view dir, std::string_view name, uint32_t type);

// SkipDir and SkipAll (walk.cpp), one cell each for io/fs and path/filepath.
values::Value& skipDirCell();
values::Value& skipAllCell();

// Registers io/fs's members (the package "io/fs") and syscall.Errno.
void registerMembers(Packages& p, check::Package& pkg);

}  // namespace gol::stdlib::fs

namespace gol::stdlib {

// walk.cpp's members: filepath's Walk, WalkDir, Glob, WalkFunc, SkipDir and SkipAll (with
// filepath.ErrBadPattern's cell, which Glob returns), and io/fs's WalkDirFunc, SkipDir and
// SkipAll.
void registerWalk(Packages& p, check::Package& filepath, values::Value* errBadPattern);
void registerWalkDirFunc(Packages& p, check::Package& fsPackage);

template <>
struct GoType<fs::FileMode> {
  static const check::Type* type() { return fs::fileModeNamed(); }
  static fs::FileMode arg(const values::AnyValue& a) { return {static_cast<uint32_t>(a.value.u)}; }
  static values::Value result(fs::FileMode m) { return values::Value{.u = m.bits}; }
};

}  // namespace gol::stdlib
