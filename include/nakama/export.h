#pragma once

// NAKAMA_API marks the symbols a shared build of the SDK exports; everything else stays hidden.
#if defined(NAKAMA_SDK_STATIC)
#define NAKAMA_API
#elif defined(_WIN32)
#if defined(NAKAMA_SDK_BUILDING)
#define NAKAMA_API __declspec(dllexport)
#else
#define NAKAMA_API __declspec(dllimport)
#endif
#else
#define NAKAMA_API __attribute__((visibility("default")))
#endif
