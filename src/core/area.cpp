#include "core/area.hpp"

namespace vangnet {

const std::vector<FieldSpec<GpGroup>>& EntityTraits<GpGroup>::Fields() {
  static const std::vector<FieldSpec<GpGroup>> fields{
      TextField<GpGroup>("code", &GpGroup::code, true),
      TextField<GpGroup>("name", &GpGroup::name, true),
  };
  return fields;
}

const std::vector<FieldSpec<District>>& EntityTraits<District>::Fields() {
  static const std::vector<FieldSpec<District>> fields{
      TextField<District>("code", &District::code, true),
      TextField<District>("name", &District::name, true),
  };
  return fields;
}

}  // namespace vangnet
