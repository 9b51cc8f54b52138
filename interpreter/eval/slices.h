// Slices: literals, indexing, slicing, len/cap, append with Go's capacity growth,
// make, copy, range, and the string <-> []byte / []rune conversions.
//
// A slice value is a SliceObject* (null: the nil slice) over an ArrayObject of Values.
// Ownership follows nodes.h: a slice expression yields a reference its consumer owns.
#pragma once

#include <vector>

#include "interpreter/eval/basic_nodes.h"

namespace gol::eval {

using namespace gol::values;

// What append's growth needs to know of the element type: Go's size of it, and
// whether it holds pointers (which changes the allocator's rounding).
struct ElemLayout {
  size_t size = 8;
  bool hasPointers = false;
};

// Go's new capacity when a slice of capacity oldCap must hold newLen elements.
int64_t growCapacity(int64_t oldCap, int64_t newLen, ElemLayout layout);

// aggElem: the element type when elements are structs or arrays (else null).
ExprPtr makeSliceLiteral(std::vector<ExprPtr> elems, bool counted,
                         const check::Type* aggElem = nullptr);
ExprPtr makeSliceIndex(ExprPtr s, ExprPtr i, bool unsignedIndex, bool counted, syntax::Pos pos);
// s[lo:hi] and s[lo:hi:max] (any bound may be null); strings take two bounds. An unsigned
// bound past MaxInt64 is reported as the unsigned number; an array's limit is a length.
struct SliceBoundExpr {
  ExprPtr e;
  bool isUnsigned = false;
};
ExprPtr makeSliceExpr(ExprPtr x, SliceBoundExpr lo, SliceBoundExpr hi, SliceBoundExpr max,
                      bool isString, bool isArray, syntax::Pos pos);
ExprPtr makeSliceLen(ExprPtr s);
ExprPtr makeSliceCap(ExprPtr s);
// append(s, vals...) or append(s, spread...) (spread: a slice, or a string for []byte).
ExprPtr makeAppend(ExprPtr s, std::vector<ExprPtr> vals, ExprPtr spread, bool spreadIsString,
                   bool counted, ElemLayout layout, const check::Type* aggElem = nullptr);
ExprPtr makeMakeSlice(ExprPtr len, ExprPtr cap, bool counted, syntax::Pos pos,
                      const check::Type* aggElem = nullptr);
ExprPtr makeCopy(ExprPtr dst, ExprPtr src, bool srcIsString, bool counted, bool aggregate = false);
ExprPtr makeSliceIsNil(ExprPtr s, bool equal);
ExprPtr makeStringToBytes(ExprPtr s);
ExprPtr makeStringToRunes(ExprPtr s);
ExprPtr makeBytesToString(ExprPtr s);
ExprPtr makeRunesToString(ExprPtr s);
StmtPtr makeRangeSlice(ExprPtr x, int sliceSlot, Target key, Target value,
                       std::vector<StmtPtr> body);

}  // namespace gol::eval
