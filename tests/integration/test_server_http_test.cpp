// The project's test server speaks HTTP/1.1 as Nakama's does where no SDK call looks: these tests talk to it
// with a bare Beast client.

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include "test_env.h"

namespace nakama {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;

// A HEAD answer ends with its header (RFC 9110 §9.3.2), whatever its Content-Length says: a body after it would be
// read as the start of the next answer on the connection.
TEST(TestServerHttp, HeadAnswersEndWithTheirHeader) {
  const ClientOptions options = test::TestEnv::instance().localClientOptions();
  asio::io_context io;
  asio::ip::tcp::socket socket(io);
  asio::connect(socket, asio::ip::tcp::resolver(io).resolve(options.host, std::to_string(options.port)));
  boost::beast::flat_buffer buffer;

  http::request<http::empty_body> head(http::verb::head, "/healthcheck", 11);
  head.set(http::field::host, options.host);
  http::write(socket, head);
  http::response_parser<http::empty_body> headAnswer;
  headAnswer.skip(true);  // what a client does for HEAD: no body to read
  http::read(socket, buffer, headAnswer);
  EXPECT_TRUE(headAnswer.get().keep_alive());

  http::request<http::empty_body> get(http::verb::get, "/healthcheck", 11);
  get.set(http::field::host, options.host);
  http::write(socket, get);
  http::response<http::string_body> getAnswer;
  boost::beast::error_code error;
  http::read(socket, buffer, getAnswer, error);
  ASSERT_FALSE(error) << error.message();  // "bad version" when the HEAD answer carried a body
  EXPECT_EQ(getAnswer.result_int(), 200);
  EXPECT_EQ(getAnswer.body(), "{}");
}

}  // namespace
}  // namespace nakama
