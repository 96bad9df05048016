#include "cli/cli_args.hpp"

namespace vangnet::cli {

std::optional<Args> Args::Parse(const std::vector<std::string>& argv,
                                const std::set<std::string>& value_options,
                                const std::set<std::string>& flags, std::string& error) {
  Args args;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.rfind("--", 0) != 0 || a == "--") {
      args.positionals_.push_back(a);
      continue;
    }
    std::string name = a.substr(2), value;
    auto eq = name.find('=');
    bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name) && !inline_value) {
      args.options_.insert_or_assign(
          name, std::string(1, '1'));  // g++ 12 -Wrestrict false positive on = "1"
    } else if (value_options.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argv.size()) {
          error = "--" + name + " verwacht een waarde";
          return std::nullopt;
        }
        value = argv[++i];
      }
      args.options_[name] = value;
      args.all_values_[name].push_back(value);
    } else {
      error = "onbekende optie --" + name;
      return std::nullopt;
    }
  }
  return args;
}

std::string Args::Get(const std::string& option, const std::string& fallback) const {
  auto it = options_.find(option);
  return it == options_.end() ? fallback : it->second;
}

std::vector<std::string> Args::GetAll(const std::string& option) const {
  auto it = all_values_.find(option);
  return it == all_values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace vangnet::cli
