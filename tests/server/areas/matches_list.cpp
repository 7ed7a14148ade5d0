// GET /v2/match (ListMatches) over the MatchRegistry the realtime matches area keeps up to date:
// filters by authoritative, exact label, min/max size and a label query (the subset of the real
// server's Bleve-style query syntax that games use: `+label.mode:deathmatch -label.open:false
// label.players:>=2`).
#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "areas/match_registry.h"
#include "core/server_api.h"

namespace nakama::testserver {

namespace {

// One clause of a label query: [+|-]label.<path>:<value>, where <value> may be quoted, end in `*`
// (prefix), or start with >, >=, <, <= (numeric comparison).
struct Clause {
  enum class Kind { kShould, kMust, kMustNot } kind = Kind::kShould;
  std::vector<std::string> path;  // JSON path inside the label ("mode", or "a.b")
  std::string op;                 // "", ">", ">=", "<", "<="
  std::string value;
  bool prefix = false;
};

std::vector<std::string> splitTerms(const std::string& query) {
  std::vector<std::string> terms;
  std::string current;
  bool quoted = false;
  for (char c : query) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == ' ' || c == '\t')) {
      if (!current.empty()) terms.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (quoted) throw ApiError(GrpcCode::kInvalidArgument, "Invalid query: unterminated quote.");
  if (!current.empty()) terms.push_back(current);
  return terms;
}

std::vector<Clause> parseQuery(const std::string& query) {
  std::vector<Clause> clauses;
  for (std::string term : splitTerms(query)) {
    Clause c;
    if (term[0] == '+') {
      c.kind = Clause::Kind::kMust;
      term.erase(0, 1);
    } else if (term[0] == '-') {
      c.kind = Clause::Kind::kMustNot;
      term.erase(0, 1);
    }
    const auto colon = term.find(':');
    if (colon == std::string::npos || colon == 0) {
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid query: expected field:value in '" + term + "'.");
    }
    std::string fieldName = term.substr(0, colon);
    std::string value = term.substr(colon + 1);
    if (fieldName.rfind("label.", 0) != 0) {
      throw ApiError(GrpcCode::kInvalidArgument, "Invalid query: only label.* fields can be queried.");
    }
    std::stringstream path(fieldName.substr(6));
    std::string part;
    while (std::getline(path, part, '.')) c.path.push_back(part);
    for (const char* op : {">=", "<=", ">", "<"}) {
      if (value.rfind(op, 0) == 0) {
        c.op = op;
        value.erase(0, c.op.size());
        break;
      }
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    } else if (!value.empty() && value.back() == '*') {
      c.prefix = true;
      value.pop_back();
    }
    c.value = value;
    clauses.push_back(std::move(c));
  }
  return clauses;
}

bool clauseMatches(const Clause& c, const Json& label) {
  const Json* node = &label;
  for (const auto& key : c.path) {
    if (!node->is_object()) return false;
    auto it = node->find(key);
    if (it == node->end()) return false;
    node = &*it;
  }
  if (!c.op.empty()) {
    if (!node->is_number()) return false;
    char* end = nullptr;
    const double want = std::strtod(c.value.c_str(), &end);
    if (end == c.value.c_str()) return false;
    const double have = node->get<double>();
    if (c.op == ">") return have > want;
    if (c.op == ">=") return have >= want;
    if (c.op == "<") return have < want;
    return have <= want;
  }
  std::string text;
  if (node->is_string()) {
    text = node->get<std::string>();
  } else if (node->is_boolean() || node->is_number()) {
    text = node->dump();
  } else {
    return false;
  }
  if (c.prefix) return text.rfind(c.value, 0) == 0;
  if (node->is_number()) {
    char* end = nullptr;
    const double want = std::strtod(c.value.c_str(), &end);
    return end != c.value.c_str() && *end == '\0' && node->get<double>() == want;
  }
  return text == c.value;
}

bool queryMatches(const std::vector<Clause>& clauses, const std::string& labelText) {
  const Json label = Json::parse(labelText, nullptr, false);
  bool anyMust = false;
  bool anyShould = false;
  bool shouldMatched = false;
  for (const auto& c : clauses) {
    const bool hit = !label.is_discarded() && clauseMatches(c, label);
    switch (c.kind) {
      case Clause::Kind::kMust:
        anyMust = true;
        if (!hit) return false;
        break;
      case Clause::Kind::kMustNot:
        if (hit) return false;
        break;
      case Clause::Kind::kShould:
        anyShould = true;
        shouldMatched = shouldMatched || hit;
        break;
    }
  }
  // Optional clauses only score the results when required ones exist; alone, one must match.
  return anyMust || !anyShould || shouldMatched;
}

}  // namespace

NAKAMA_TEST_SERVER_AREA(matches_list) {
  ctx.router.add("GET", "/v2/match", Auth::kSession, [&ctx](Request& req) {
    int limit = 10;
    if (auto v = req.queryInt32("limit")) {
      if (*v < 1 || *v > 100) throw ApiError(GrpcCode::kInvalidArgument, "Invalid limit - limit must be between 1 and 100.");
      limit = *v;
    }
    const auto authoritative = req.queryBool("authoritative");
    const auto label = req.queryValue("label");
    const auto query = req.queryValue("query");
    const auto minSize = req.queryInt32("min_size");
    const auto maxSize = req.queryInt32("max_size");
    if (label && authoritative && !*authoritative) {
      throw ApiError(GrpcCode::kInvalidArgument, "Label filtering is not supported for non-authoritative matches.");
    }
    if (query && authoritative && !*authoritative) {
      throw ApiError(GrpcCode::kInvalidArgument, "Query filtering is not supported for non-authoritative matches.");
    }
    if (minSize && *minSize < 0) throw ApiError(GrpcCode::kInvalidArgument, "Minimum size must be 0 or above.");
    if (maxSize && *maxSize < 0) throw ApiError(GrpcCode::kInvalidArgument, "Maximum size must be 0 or above.");
    if (minSize && maxSize && *minSize > *maxSize) {
      throw ApiError(GrpcCode::kInvalidArgument,
                     "Maximum size must be greater than or equal to minimum size when both are specified.");
    }
    const std::vector<Clause> clauses = query ? parseQuery(*query) : std::vector<Clause>{};

    Json matches = Json::array();
    for (const ListedMatch& m : MatchRegistry::of(ctx).list()) {
      if (static_cast<int>(matches.size()) >= limit) break;
      if (authoritative && m.authoritative != *authoritative) continue;
      if ((label || query) && !m.authoritative) continue;  // label and query only apply to authoritative matches
      if (label && m.label != *label) continue;
      if (query && !queryMatches(clauses, m.label)) continue;
      if (minSize && m.size < *minSize) continue;
      if (maxSize && m.size > *maxSize) continue;
      matches.push_back(MatchRegistry::toJson(m));
    }
    Json out = Json::object();
    setIfNotEmpty(out, "matches", matches);
    return out;
  });
}

}  // namespace nakama::testserver
