// The nodes of map operations: make, literals, index (with comma-ok), len, delete,
// clear and range. Reading a nil map gives zero values; writing one panics.
#pragma once

#include <vector>

#include "interpreter/eval/basic_nodes.h"

namespace gol::eval {

using namespace gol::values;

ExprPtr makeMakeMap(const check::Map* type, ExprPtr sizeHint);
ExprPtr makeMapLiteral(const check::Map* type, std::vector<std::pair<ExprPtr, ExprPtr>> entries,
                       syntax::Pos pos);
ExprPtr makeMapIndex(ExprPtr m, ExprPtr key, const check::Map* type, bool commaOk, syntax::Pos pos);
ExprPtr makeMapLen(ExprPtr m);
ExprPtr makeMapDelete(ExprPtr m, ExprPtr key, const check::Map* type, syntax::Pos pos);
// m[k]++ (inc) or m[k]-- of a map whose values are int64 words: one lookup finds or
// inserts the entry, as Go's mapassign does.
StmtPtr makeMapIncDec(ExprPtr m, ExprPtr key, const check::Map* type, bool inc, syntax::Pos pos);
ExprPtr makeClear(ExprPtr x, bool isMap, bool counted);
StmtPtr makeRangeMap(ExprPtr x, int mapSlot, Target key, Target value, std::vector<StmtPtr> body);

}  // namespace gol::eval
