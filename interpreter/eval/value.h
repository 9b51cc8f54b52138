// Run-time values. A Value carries its dynamic type and an inline payload: scalars
// never allocate; a string points at an immutable, reference-counted byte buffer
// (an atomic count, so goroutines may share it).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>

#include "interpreter/check/types.h"

namespace gol::eval {

class StringObject {
 public:
  static StringObject* make(std::string_view bytes);
  void retain() { refs_.fetch_add(1, std::memory_order_relaxed); }
  void release() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) destroy();
  }
  std::string_view view() const { return {data_, size_}; }

 private:
  StringObject() = default;
  void destroy();
  std::atomic<uint32_t> refs_{1};
  size_t size_ = 0;
  char data_[1];
};

class Value {
 public:
  Value() : type_(nullptr), i_(0) {}
  static Value ofBool(const check::Type* t, bool b) { Value v(t); v.b_ = b; return v; }
  static Value ofInt(const check::Type* t, int64_t i) { Value v(t); v.i_ = i; return v; }
  static Value ofFloat(const check::Type* t, double f) { Value v(t); v.f_ = f; return v; }
  static Value ofString(const check::Type* t, std::string_view s) {
    Value v(t);
    v.s_ = StringObject::make(s);
    v.ownsString_ = true;
    return v;
  }

  Value(const Value& o) : type_(o.type_), ownsString_(o.ownsString_), i_(o.i_) {
    if (isString()) s_->retain();
  }
  Value& operator=(const Value& o) {
    if (this != &o) {
      if (o.isString()) o.s_->retain();
      if (isString()) s_->release();
      type_ = o.type_;
      ownsString_ = o.ownsString_;
      i_ = o.i_;
    }
    return *this;
  }
  ~Value() {
    if (isString()) s_->release();
  }

  const check::Type* type() const { return type_; }
  bool asBool() const { return b_; }
  int64_t asInt() const { return i_; }
  double asFloat() const { return f_; }
  std::string_view asString() const { return s_->view(); }

 private:
  explicit Value(const check::Type* t) : type_(t), i_(0) {}
  bool isString() const { return ownsString_; }
  const check::Type* type_;
  bool ownsString_ = false;
  union {
    bool b_;
    int64_t i_;
    double f_;
    StringObject* s_;
  };
};

}  // namespace gol::eval
