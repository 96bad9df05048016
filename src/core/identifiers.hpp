// Dutch identifiers that the registry checks at the door.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace vangnet {

// AGB code (Vektis): exactly 8 digits. Vektis publishes no check digit, so the form is all that
// can be checked offline. Returns a Dutch message when wrong.
std::optional<std::string> CheckAgb(std::string_view agb);
// KvK number (Kamer van Koophandel): exactly 8 digits.
std::optional<std::string> CheckKvk(std::string_view kvk);
// URA (UZI-register abonneenummer), the number a care provider is known by in the national
// directory: exactly 8 digits.
std::optional<std::string> CheckUra(std::string_view ura);
// BIG registration number of a professional: exactly 11 digits.
std::optional<std::string> CheckBig(std::string_view big);
// Dutch 4-digit postcode (PC4): 1000-9999; a full postcode such as "6211 AB" is refused so that
// no street-level address is stored where only the area is needed.
std::optional<std::string> CheckPostcode(std::string_view postcode);
// Coordinates within the Netherlands' bounding box (WGS84).
std::optional<std::string> CheckDutchCoordinates(double latitude, double longitude);
// A calamity card must say WHERE a secret is kept ("kluis praktijkmanager"), never hold the
// secret. A single long token mixing letters with digits or symbols is refused as a likely
// password (seed 000 §6: the overview of passwords is kept elsewhere, the card points to it).
bool LooksLikeSecret(std::string_view text);

// Phone numbers as people write them: digits, spaces, + - ( ); 3 to 15 digits.
std::optional<std::string> CheckPhone(std::string_view phone);
std::optional<std::string> CheckEmail(std::string_view email);
// Adds the message of `check` for a filled-in `value` to `errors` under `field`.
void CheckIfFilled(Errors& errors, std::string_view field, std::string_view value,
                   std::optional<std::string> (*check)(std::string_view));

}  // namespace vangnet
