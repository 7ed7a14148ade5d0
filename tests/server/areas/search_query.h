// Nakama's search queries: the query strings of match listing (`GET /v2/match?query=`) and of matchmaker
// tickets, evaluated against small in-memory documents the way Nakama's Bluge index does.
//
//   SearchDocument doc;
//   doc.addKeyword("handler_name", "lobby");
//   doc.addJson("label", Json::parse(R"({"mode":"duel","open":true,"players":2})"));
//   SearchQuery q = SearchQuery::parse("+label.mode:duel label.players:>=2");  // throws SearchQueryError
//   if (auto score = q.score(doc)) ...                                          // nullopt: no match
//
// Syntax (Bluge query_string with a keyword analyzer): parts separated by spaces, each optionally
// prefixed by `+` (must) or `-` (must not) and suffixed by `^boost`; without `+` parts at least one plain
// part must match. A part is `field:value` where value is a term (exact, case-sensitive), a term with
// `*`/`?` wildcards, a /regexp/, a number (`5`, `-2.5`: a numeric value or that exact text), a range
// (`>5`, `>=5`, `<5`, `<=5`, or against a date `>"2024-01-01T00:00:00Z"`), `term~N` (at most N edits,
// N <= 2), or a "phrase", which matches nothing: a phrase search needs term positions, and keywords are
// indexed without them. A part without `field:` searches a field no document has, so it matches nothing.
// The whole query `*` matches everything. `\` escapes the next character.
//
// Documents index like Nakama: strings are terms (dates in RFC 3339 and similar forms are dates
// instead), numbers are numbers, booleans are the terms `T` and `F`, objects add `path.key` fields and
// arrays add each element under the same field.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/json_util.h"

namespace nakama::testserver {

// A query string that does not parse (Nakama: ParseQueryString or Validate fails), or a query the index
// cannot run (a bad regexp, fuzziness above 2): Nakama finds this out only when searching.
class SearchQueryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A point in time with nanosecond precision (dates in documents and range queries).
struct SearchTime {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  bool operator<(const SearchTime& o) const { return seconds != o.seconds ? seconds < o.seconds : nanos < o.nanos; }
  bool operator==(const SearchTime& o) const { return seconds == o.seconds && nanos == o.nanos; }
};

// Parses the date forms Nakama's indexer recognizes in string values: RFC 3339 (with or without
// fractional seconds), "2006-01-02T15:04:05", "2006-01-02 15:04:05" and "2006-01-02" (UTC).
std::optional<SearchTime> parseIndexedDate(const std::string& text);

class SearchDocument {
 public:
  struct Value {
    enum class Kind { kKeyword, kNumber, kDate } kind = Kind::kKeyword;
    std::string keyword;
    double number = 0;
    SearchTime date;
  };

  void addKeyword(const std::string& field, const std::string& value);
  void addNumber(const std::string& field, double value);
  // A string value: a date when it parses as one, else a keyword.
  void addString(const std::string& field, const std::string& value);
  // A JSON value under `field` (objects add "field.key"; null adds nothing).
  void addJson(const std::string& field, const Json& value);

  const std::vector<Value>* values(const std::string& field) const;

 private:
  std::map<std::string, std::vector<Value>> fields_;
};

class SearchQuery {
 public:
  struct Node;

  // Parses a query string; throws SearchQueryError when Nakama would reject it. "*" matches every
  // document, "" none (callers map "" to what Nakama does: the matchmaker uses "*", listing matches all).
  static SearchQuery parse(const std::string& text);
  static SearchQuery matchAll();

  // Throws SearchQueryError when the query cannot run (what Nakama reports only when it searches).
  void checkRunnable() const;
  // The document's score (the sum of the boosts of the matching parts), or nullopt when it does not
  // match. Call checkRunnable() first.
  std::optional<double> score(const SearchDocument& doc) const;

 private:
  std::shared_ptr<const Node> root_;
};

}  // namespace nakama::testserver
