// Search queries (see search_query.h): a lexer and parser for Bluge's query_string grammar as Nakama
// configures it (keyword analyzer: a value is one exact term), and an evaluator over SearchDocument.
#include "areas/search_query.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <regex>

namespace nakama::testserver {

namespace {

// ---- dates ----

std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

// Reads exactly `n` digits at `pos`.
bool digits(const std::string& s, std::size_t& pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += n;
  return true;
}

bool expect(const std::string& s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// "2006-01-02" [sep "15:04:05" [".999999999"] [zone]]; `requireZone` for RFC 3339 only.
std::optional<SearchTime> parseDate(const std::string& s, bool rfc3339Only) {
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, day)) {
    return std::nullopt;
  }
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return std::nullopt;
  if (day < 1 || day > kDays[month - 1] + (month == 2 && leapYear(year) ? 1 : 0)) return std::nullopt;
  int hour = 0, minute = 0, second = 0;
  std::int32_t nanos = 0;
  std::int64_t offset = 0;
  if (pos == s.size()) {
    if (rfc3339Only) return std::nullopt;
  } else {
    const char sep = s[pos++];
    if (sep != 'T' && (sep != ' ' || rfc3339Only)) return std::nullopt;
    if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) || !expect(s, pos, ':') ||
        !digits(s, pos, 2, second)) {
      return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      std::size_t n = 0;
      std::int64_t frac = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (n < 9) frac = frac * 10 + (s[pos] - '0');
        ++n;
        ++pos;
      }
      if (n == 0) return std::nullopt;
      for (std::size_t i = n; i < 9; ++i) frac *= 10;
      nanos = static_cast<std::int32_t>(frac);
    }
    const bool zoned = pos < s.size();
    if (zoned) {
      if (sep != 'T') return std::nullopt;
      if (s[pos] == 'Z') {
        ++pos;
      } else if (s[pos] == '+' || s[pos] == '-') {
        const int sign = s[pos++] == '-' ? -1 : 1;
        int oh = 0, om = 0;
        if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om)) return std::nullopt;
        if (oh > 23 || om > 59) return std::nullopt;
        offset = sign * (oh * 3600 + om * 60);
      } else {
        return std::nullopt;
      }
    } else if (rfc3339Only) {
      return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
  }
  SearchTime t;
  t.seconds = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 + hour * 3600 +
              minute * 60 + second - offset;
  t.nanos = nanos;
  return t;
}

// ---- Go's strconv.ParseFloat, close enough: the whole text, finite range ----

std::optional<double> parseFloat(const std::string& text) {
  if (text.empty() || std::isspace(static_cast<unsigned char>(text[0]))) return std::nullopt;
  errno = 0;
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || errno == ERANGE) return std::nullopt;
  return v;
}

// ---- lexer (the state machine of Bluge's query_string_lex.go) ----

enum class Tok { kString, kPhrase, kNumber, kPlus, kMinus, kColon, kGreater, kLess, kEqual, kBoost, kTilde };

struct Token {
  Tok type;
  std::string text;
};

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }

// An escaped character keeps its backslash unless it is one of the reserved characters.
std::string unescape(char c) {
  static const std::string kReserved = "+-=&|><!(){}[]^\"~*?:\\/ ";
  if (kReserved.find(c) != std::string::npos) return std::string(1, c);
  return std::string("\\") + c;
}

std::vector<Token> lex(const std::string& in) {
  enum class State { kStart, kPhrase, kSingleOp, kBoost, kTilde, kNumOrStr, kStr };
  std::vector<Token> out;
  State state = State::kStart;
  std::string buf;
  bool inEscape = false;
  bool seenDot = false;
  auto reset = [&] {
    buf.clear();
    inEscape = false;
    seenDot = false;
  };
  // The escape steps every state shares: a backslash starts an escape, the next character is taken literally.
  // True when `ch` was consumed that way.
  auto escaped = [&](char ch) {
    if (inEscape) {
      inEscape = false;
      buf += unescape(ch);
      return true;
    }
    if (ch != '\\') return false;
    inEscape = true;
    return true;
  };
  std::size_t pos = 0;
  char c = 0;
  bool eof = false;
  bool consume = true;
  for (;;) {
    if (consume) {
      eof = pos >= in.size();
      c = eof ? '\0' : in[pos++];
    }
    consume = true;
    switch (state) {
      case State::kStart:
        if (eof) return out;
        if (escaped(c)) {
          if (!inEscape) state = State::kStr;
        } else if (c == '"') {
          state = State::kPhrase;
        } else if (c == '+' || c == '-' || c == ':' || c == '>' || c == '<' || c == '=') {
          buf += c;
          state = State::kSingleOp;
        } else if (c == '^') {
          state = State::kBoost;
        } else if (c == '~') {
          state = State::kTilde;
        } else if (isDigit(c)) {
          buf += c;
          state = State::kNumOrStr;
        } else if (!isSpace(c)) {
          buf += c;
          state = State::kStr;
        } else {
          reset();
        }
        break;
      case State::kPhrase:
        if (eof) throw SearchQueryError("unterminated quote");
        if (escaped(c)) break;
        if (c == '"') {
          out.push_back({Tok::kPhrase, buf});
          reset();
          state = State::kStart;
        } else {
          buf += c;
        }
        break;
      case State::kSingleOp: {
        static const std::map<char, Tok> kOps = {{'+', Tok::kPlus},    {'-', Tok::kMinus}, {':', Tok::kColon},
                                                 {'>', Tok::kGreater}, {'<', Tok::kLess},  {'=', Tok::kEqual}};
        out.push_back({kOps.at(buf[0]), ""});
        reset();
        state = State::kStart;
        consume = false;
        break;
      }
      case State::kBoost:
      case State::kTilde:
        if (eof || (!inEscape && c == ' ')) {
          out.push_back({state == State::kBoost ? Tok::kBoost : Tok::kTilde, buf.empty() ? "1" : buf});
          reset();
          state = State::kStart;
        } else if (!escaped(c)) {
          buf += c;
        }
        break;
      case State::kNumOrStr:
      case State::kStr:
        if (eof || (!inEscape && (c == ' ' || c == ':' || c == '^' || c == '~'))) {
          out.push_back({state == State::kNumOrStr ? Tok::kNumber : Tok::kString, buf});
          reset();
          state = State::kStart;
          consume = eof || c == ' ';
        } else if (escaped(c)) {
          if (!inEscape) state = State::kStr;  // an escaped character never makes a number
        } else if (state == State::kNumOrStr && !seenDot && c == '.') {
          seenDot = true;
          buf += c;
        } else if (state == State::kNumOrStr && isDigit(c)) {
          buf += c;
        } else {
          buf += c;
          state = State::kStr;
        }
        break;
    }
  }
}

}  // namespace

// ---- query tree ----

struct SearchQuery::Node {
  enum class Kind { kAll, kNone, kTerm, kPattern, kFuzzy, kNumberRange, kDateRange, kBoolean } kind = Kind::kNone;
  double boost = 1;
  std::string field;
  std::string text;  // term, fuzzy term
  std::shared_ptr<std::regex> pattern;
  bool anyValue = false;  // a wildcard of only `*`: every value of the field
  int fuzziness = 0;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  std::optional<SearchTime> from, to;
  bool minInclusive = true, maxInclusive = true;
  std::vector<Node> must, should, mustNot;
  std::string runError;  // why the index could not run this query
};

namespace {

using Node = SearchQuery::Node;

// A part without a field searches Bluge's default field, which Nakama's documents never have.
std::string fieldOrDefault(const std::string& field) { return field.empty() ? "_all" : field; }

Node termNode(const std::string& field, const std::string& term) {
  Node n;
  n.kind = Node::Kind::kTerm;
  n.field = fieldOrDefault(field);
  n.text = term;
  return n;
}

Node patternNode(const std::string& field, const std::string& regexText, bool anyValue) {
  Node n;
  n.kind = Node::Kind::kPattern;
  n.field = fieldOrDefault(field);
  n.anyValue = anyValue;
  try {
    n.pattern = std::make_shared<std::regex>(regexText, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    n.runError = std::string("error parsing regexp: ") + e.what();
  }
  return n;
}

// A "quoted phrase" is a phrase search, which needs term positions; Nakama indexes keywords without them,
// so a phrase matches nothing, not even the exact value (seen on Nakama 3.15).
Node phraseNode() { return Node{}; }

// A plain value: /regexp/, a wildcard, or an exact term.
Node stringNode(const std::string& field, const std::string& s) {
  if (!s.empty() && s.front() == '/' && s.back() == '/') {
    if (s.size() < 2) throw SearchQueryError("parse error: slice bounds out of range");
    return patternNode(field, s.substr(1, s.size() - 2), false);
  }
  if (s.find_first_of("*?") != std::string::npos) {
    std::string re;
    for (char c : s) {
      if (c == '*') {
        re += ".*";
      } else if (c == '?') {
        re += '.';
      } else {
        if (std::string("+()^$.{}[]|\\").find(c) != std::string::npos) re += '\\';
        re += c;
      }
    }
    return patternNode(field, re, s.find_first_not_of('*') == std::string::npos);
  }
  return termNode(field, s);
}

Node fuzzyNode(const std::string& field, const std::string& term, const std::string& fuzziness) {
  auto f = parseFloat(fuzziness);
  if (!f) throw SearchQueryError("invalid fuzziness value");
  const int n = static_cast<int>(*f);
  if (n == 0) return termNode(field, term);
  Node node;
  node.kind = Node::Kind::kFuzzy;
  node.field = fieldOrDefault(field);
  node.text = term;
  node.fuzziness = n;
  if (n > 2) node.runError = "fuzziness exceeds max (2)";
  if (n < 0) node.runError = "invalid fuzziness, negative";
  return node;
}

// A number matches the numeric value or the same text.
Node numberNode(const std::string& field, const std::string& text) {
  auto v = parseFloat(text);
  if (!v) throw SearchQueryError("error parsing number");
  Node range;
  range.kind = Node::Kind::kNumberRange;
  range.field = fieldOrDefault(field);
  range.min = range.max = *v;
  Node n;
  n.kind = Node::Kind::kBoolean;
  n.should.push_back(termNode(field, text));
  n.should.push_back(std::move(range));
  return n;
}

Node numberRangeNode(const std::string& field, const std::string& text, bool greater, bool inclusive) {
  auto v = parseFloat(text);
  if (!v) throw SearchQueryError("error parsing number");
  Node n;
  n.kind = Node::Kind::kNumberRange;
  n.field = fieldOrDefault(field);
  if (greater) {
    n.min = *v;
    n.minInclusive = inclusive;
  } else {
    n.max = *v;
    n.maxInclusive = inclusive;
  }
  return n;
}

Node dateRangeNode(const std::string& field, const std::string& text, bool greater, bool inclusive) {
  auto t = parseDate(text, true);
  if (!t) throw SearchQueryError("invalid time");
  // Dates must fit int64 nanoseconds since the epoch (Bluge's DateRangeQuery validation).
  constexpr std::int64_t kLimit = std::numeric_limits<std::int64_t>::max() / 1000000000;
  if (t->seconds >= kLimit || t->seconds <= -kLimit) throw SearchQueryError("invalid/unsupported date range");
  Node n;
  n.kind = Node::Kind::kDateRange;
  n.field = fieldOrDefault(field);
  (greater ? n.from : n.to) = t;
  (greater ? n.minInclusive : n.maxInclusive) = inclusive;
  return n;
}

// Recursive descent over the tokens, accepting exactly the sentences of query_string.y.
class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Node parse() {
    Node root;
    root.kind = Node::Kind::kBoolean;
    if (tokens_.empty()) fail();
    while (pos_ < tokens_.size()) part(root);
    return root;
  }

 private:
  [[noreturn]] static void fail() { throw SearchQueryError("syntax error"); }
  bool at(Tok t) const { return pos_ < tokens_.size() && tokens_[pos_].type == t; }
  const Token& next() {
    if (pos_ >= tokens_.size()) fail();
    return tokens_[pos_++];
  }

  void part(Node& root) {
    enum { kShould, kMust, kMustNot } kind = kShould;
    if (at(Tok::kPlus)) {
      kind = kMust;
      ++pos_;
    } else if (at(Tok::kMinus)) {
      kind = kMustNot;
      ++pos_;
    }
    Node q = base();
    if (at(Tok::kBoost)) {
      auto b = parseFloat(next().text);
      if (!b) throw SearchQueryError("invalid boost value");
      q.boost = *b;
    }
    (kind == kMust ? root.must : kind == kMustNot ? root.mustNot : root.should).push_back(std::move(q));
  }

  // NUMBER or MINUS NUMBER.
  std::optional<std::string> signedNumber() {
    if (at(Tok::kNumber)) return next().text;
    if (at(Tok::kMinus) && pos_ + 1 < tokens_.size() && tokens_[pos_ + 1].type == Tok::kNumber) {
      pos_ += 2;
      return "-" + tokens_[pos_ - 1].text;
    }
    return std::nullopt;
  }

  Node base() {
    const Token& t = next();
    if (t.type == Tok::kNumber) return numberNode("", t.text);
    if (t.type == Tok::kPhrase) return phraseNode();
    if (t.type != Tok::kString) fail();
    const std::string field = t.text;
    if (at(Tok::kTilde)) return fuzzyNode("", field, next().text);
    if (!at(Tok::kColon)) return stringNode("", field);
    ++pos_;
    if (at(Tok::kString)) {
      const std::string value = next().text;
      if (at(Tok::kTilde)) return fuzzyNode(field, value, next().text);
      return stringNode(field, value);
    }
    if (at(Tok::kPhrase)) {
      ++pos_;
      return phraseNode();
    }
    if (auto number = signedNumber()) return numberNode(field, *number);
    if (at(Tok::kGreater) || at(Tok::kLess)) {
      const bool greater = next().type == Tok::kGreater;
      const bool inclusive = at(Tok::kEqual);
      if (inclusive) ++pos_;
      if (auto number = signedNumber()) return numberRangeNode(field, *number, greater, inclusive);
      if (at(Tok::kPhrase)) return dateRangeNode(field, next().text, greater, inclusive);
    }
    fail();
  }

  std::vector<Token> tokens_;
  std::size_t pos_ = 0;
};

// ---- evaluation ----

std::vector<std::uint32_t> runes(const std::string& s) {
  std::vector<std::uint32_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    std::uint32_t r = n == 1 ? c : c & (0x3F >> (n - 1));
    for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
      r = (r << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(r);
    i += n;
  }
  return out;
}

std::size_t editDistance(const std::string& a, const std::string& b) {
  const auto x = runes(a), y = runes(b);
  std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
  for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= x.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= y.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
    }
    prev.swap(cur);
  }
  return prev[y.size()];
}

bool inRange(double v, const Node& n) {
  if (n.minInclusive ? v < n.min : v <= n.min) return false;
  if (n.maxInclusive ? v > n.max : v >= n.max) return false;
  return true;
}

bool inDateRange(const SearchTime& t, const Node& n) {
  if (n.from && (n.minInclusive ? t < *n.from : !(*n.from < t))) return false;
  if (n.to && (n.maxInclusive ? *n.to < t : !(t < *n.to))) return false;
  return true;
}

bool patternMatches(const std::regex& re, const std::string& text) {
  try {
    return std::regex_match(text, re);
  } catch (const std::regex_error&) {
    return false;  // too complex for std::regex
  }
}

bool leafMatches(const Node& n, const SearchDocument& doc) {
  const auto* values = doc.values(n.field);
  if (!values) return false;
  using Kind = SearchDocument::Value::Kind;
  for (const auto& v : *values) {
    switch (n.kind) {
      case Node::Kind::kTerm:
        if (v.kind == Kind::kKeyword && v.keyword == n.text) return true;
        break;
      case Node::Kind::kPattern:
        if (n.anyValue || (v.kind == Kind::kKeyword && patternMatches(*n.pattern, v.keyword))) return true;
        break;
      case Node::Kind::kFuzzy:
        if (v.kind == Kind::kKeyword && editDistance(v.keyword, n.text) <= static_cast<std::size_t>(n.fuzziness))
          return true;
        break;
      case Node::Kind::kNumberRange:
        if (v.kind == Kind::kNumber && inRange(v.number, n)) return true;
        break;
      case Node::Kind::kDateRange:
        if (v.kind == Kind::kDate && inDateRange(v.date, n)) return true;
        break;
      default: break;
    }
  }
  return false;
}

// Bluge's boolean semantics: every `must`, no `mustNot`; `should` parts are optional when there are
// `must` parts, else at least one must match; only `mustNot` parts means "everything else".
std::optional<double> evaluate(const Node& n, const SearchDocument& doc) {
  switch (n.kind) {
    case Node::Kind::kAll: return n.boost;
    case Node::Kind::kNone: return std::nullopt;
    case Node::Kind::kBoolean: {
      if (n.must.empty() && n.should.empty() && n.mustNot.empty()) return std::nullopt;
      for (const auto& q : n.mustNot) {
        if (evaluate(q, doc)) return std::nullopt;
      }
      double total = 0;
      for (const auto& q : n.must) {
        auto s = evaluate(q, doc);
        if (!s) return std::nullopt;
        total += *s;
      }
      bool anyShould = false;
      for (const auto& q : n.should) {
        if (auto s = evaluate(q, doc)) {
          anyShould = true;
          total += *s;
        }
      }
      if (n.must.empty() && !n.should.empty() && !anyShould) return std::nullopt;
      if (n.must.empty() && n.should.empty()) total = 1;  // match-all base of a must-not-only query
      return total * n.boost;
    }
    default: return leafMatches(n, doc) ? std::optional<double>(n.boost) : std::nullopt;
  }
}

void checkNode(const Node& n) {
  if (!n.runError.empty()) throw SearchQueryError(n.runError);
  for (const auto* list : {&n.must, &n.should, &n.mustNot}) {
    for (const auto& q : *list) checkNode(q);
  }
}

}  // namespace

std::optional<SearchTime> parseIndexedDate(const std::string& text) { return parseDate(text, false); }

// ---- SearchDocument ----

void SearchDocument::addKeyword(const std::string& field, const std::string& value) {
  Value v;
  v.keyword = value;
  fields_[field].push_back(std::move(v));
}

void SearchDocument::addNumber(const std::string& field, double value) {
  Value v;
  v.kind = Value::Kind::kNumber;
  v.number = value;
  fields_[field].push_back(std::move(v));
}

void SearchDocument::addString(const std::string& field, const std::string& value) {
  if (auto date = parseIndexedDate(value)) {
    Value v;
    v.kind = Value::Kind::kDate;
    v.date = *date;
    fields_[field].push_back(std::move(v));
  } else {
    addKeyword(field, value);
  }
}

void SearchDocument::addJson(const std::string& field, const Json& value) {
  if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) addJson(field + "." + it.key(), it.value());
  } else if (value.is_array()) {
    for (const auto& item : value) addJson(field, item);
  } else if (value.is_string()) {
    addString(field, value.get<std::string>());
  } else if (value.is_boolean()) {
    addKeyword(field, value.get<bool>() ? "T" : "F");
  } else if (value.is_number()) {
    addNumber(field, value.get<double>());
  }
}

const std::vector<SearchDocument::Value>* SearchDocument::values(const std::string& field) const {
  auto it = fields_.find(field);
  return it == fields_.end() ? nullptr : &it->second;
}

// ---- SearchQuery ----

SearchQuery SearchQuery::parse(const std::string& text) {
  SearchQuery q;
  auto root = std::make_shared<Node>();
  if (text == "*") {
    root->kind = Node::Kind::kAll;
  } else if (!text.empty()) {
    *root = Parser(lex(text)).parse();
  }
  q.root_ = std::move(root);
  return q;
}

SearchQuery SearchQuery::matchAll() { return parse("*"); }

void SearchQuery::checkRunnable() const { checkNode(*root_); }

std::optional<double> SearchQuery::score(const SearchDocument& doc) const { return evaluate(*root_, doc); }

}  // namespace nakama::testserver
