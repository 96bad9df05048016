// Small pure text helpers shared by validation, CSV and the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vangnet {

std::string_view Trim(std::string_view text);
std::string ToLowerAscii(std::string_view text);
// `text` as a URL query value or form field (RFC 3986, also for
// application/x-www-form-urlencoded): letters, digits and -._~ as they are, the rest %XX.
std::string PercentEncode(std::string_view text);
bool IsAllDigits(std::string_view text);
// True when `text` is well-formed UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view text);
// `text` with every byte that is not part of well-formed UTF-8 replaced by U+FFFD: for text
// that must be stored or shown whatever came in (an audit row of a refused request).
std::string ToValidUtf8(std::string_view text);
// At most `max_bytes` of valid UTF-8, never cut inside a character.
std::string CutUtf8(std::string_view text, std::size_t max_bytes);
// A control character (NUL, ESC, DEL...): never part of a name, a key or a note; refused
// wherever text comes in. Tab and line ends count too unless `multiline` (a note, a logbook
// line) allows them.
bool HasControlCharacter(std::string_view text, bool multiline = true);

// How long a typed text may be, in characters: one line (a name, an address, a code) or a
// note or logbook text. A 5,000-character practice name is a mistake or an attack, never data.
inline constexpr std::size_t kMaxLineCharacters = 300;
inline constexpr std::size_t kMaxNoteCharacters = 4000;
// Characters (code points) of UTF-8 text, not bytes: "ë" is one.
std::size_t CharacterCount(std::string_view text);
// "is te lang: 5.000 tekens; ten hoogste 300", or nothing when `text` fits.
std::optional<std::string> TooLong(std::string_view text, std::size_t max_characters);

// Numbers as coordinators type them: "0,8" and "0.8" are the same FTE. Integers refuse a decimal
// point, because "3.700" is Dutch for three thousand seven hundred and must not become 3.
std::optional<long long> ParseInteger(std::string_view text);
std::optional<double> ParseDecimal(std::string_view text);
// Shortest text that reads back to the same double (std::to_chars), so exports round-trip.
std::string FormatDecimal(double value);
// Dutch display: thousands with a dot, decimals with a comma ("3.700", "2,5").
std::string FormatDutchNumber(double value, int decimals = 0);
// ja/nee, yes/no, true/false, 1/0, j/n, y/n.
std::optional<bool> ParseYesNo(std::string_view text);

}  // namespace vangnet
