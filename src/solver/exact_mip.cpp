#include "solver/exact_mip.hpp"

#include <glpk.h>

#include <algorithm>
#include <chrono>

#include "solver/planning_context.hpp"

namespace vangnet::solver {

ExactResult SolveExactMip(const PlanInput& input, double time_limit_seconds) {
  PlanningContext context(input);
  const int households = static_cast<int>(input.households.size());
  const int receivers = static_cast<int>(input.receivers.size());
  std::vector<long long> left;
  for (const auto& r : input.receivers) left.push_back(r.capacity);
  long long patients = 0;
  double max_cost = 1;
  for (int h = 0; h < households; ++h) {
    patients += context.size[h];
    if (context.kept_receiver[h] >= 0) left[context.kept_receiver[h]] -= context.size[h];
    for (const auto& arc : context.ReachOf(h))
      max_cost = std::max(max_cost, std::abs(context.ExactCostMetres(arc)));
  }
  // Weights that make the planner's order strict: one more household placed beats any saving in
  // metres, one more patient beats any number of households, one more patient of a vulnerable
  // household beats all else.
  const double per_household = max_cost * 2 * static_cast<double>(patients + 1);
  const double per_patient = per_household * static_cast<double>(households + 1);
  const double per_vulnerable = per_patient * static_cast<double>(patients + 1);

  glp_term_out(GLP_OFF);
  glp_prob* lp = glp_create_prob();
  glp_set_obj_dir(lp, GLP_MIN);
  // Rows: one "assigned exactly once" per household, one capacity per receiver.
  glp_add_rows(lp, households + receivers);
  for (int h = 0; h < households; ++h) glp_set_row_bnds(lp, h + 1, GLP_FX, 1, 1);
  for (int r = 0; r < receivers; ++r) {
    glp_set_row_bnds(lp, households + r + 1, GLP_UP, 0,
                     static_cast<double>(std::max(0LL, left[r])));
  }
  std::vector<int> ia{0}, ja{0};
  std::vector<double> ar{0};
  struct Column {
    int household, receiver;  // receiver -1 = the "unplaced" column
  };
  std::vector<Column> columns;
  auto add_column = [&](int h, int r, double cost) {
    int col = glp_add_cols(lp, 1);
    glp_set_col_kind(lp, col, GLP_BV);
    glp_set_obj_coef(lp, col, cost);
    columns.push_back({h, r});
    ia.push_back(h + 1), ja.push_back(col), ar.push_back(1);
    if (r >= 0)
      ia.push_back(households + r + 1), ja.push_back(col),
          ar.push_back(static_cast<double>(context.size[h]));
  };
  for (int h = 0; h < households; ++h) {
    if (context.kept_receiver[h] >= 0) {
      add_column(h, -2, 0);  // fixed: the kept household stays; it only holds its row
      continue;
    }
    for (const auto& arc : context.ReachOf(h)) {
      add_column(h, arc.receiver,
                 context.ExactCostMetres(arc) * static_cast<double>(context.size[h]));
    }
    double unplaced =
        per_household + per_patient * static_cast<double>(context.size[h]) +
        (context.vulnerable[h] ? per_vulnerable * static_cast<double>(context.size[h]) : 0);
    add_column(h, -1, unplaced);
  }
  glp_load_matrix(lp, static_cast<int>(ia.size()) - 1, ia.data(), ja.data(), ar.data());

  ExactResult result;
  const auto began = std::chrono::steady_clock::now();
  auto left_ms = [&] {
    const double spent =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    return static_cast<int>((time_limit_seconds - spent) * 1000);
  };
  glp_smcp simplex;
  glp_init_smcp(&simplex);
  simplex.msg_lev = GLP_MSG_OFF;
  // The LP before the search counts against the limit too (it alone took longer than the limit
  // on the larger benchmark instances).
  simplex.tm_lim = static_cast<int>(time_limit_seconds * 1000);
  if (glp_simplex(lp, &simplex) == 0 && glp_get_status(lp) == GLP_OPT) {
    result.lp_bound = glp_get_obj_val(lp);
  }
  glp_iocp parm;
  glp_init_iocp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.mip_gap = 0;
  // One limit for the whole solve: the search gets what the LP left of it.
  parm.tm_lim = std::max(1, left_ms());
  int status = left_ms() > 0 ? glp_intopt(lp, &parm) : GLP_ETMLIM;
  int mip_status = glp_mip_status(lp);
  result.found = mip_status == GLP_OPT || mip_status == GLP_FEAS;
  result.optimal = status == 0 && mip_status == GLP_OPT;
  result.receiver_of.assign(households, -1);
  auto read_solution = [&] {
    result.objective = glp_mip_obj_val(lp);
    result.receiver_of.assign(households, -1);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const int h = columns[c].household, r = columns[c].receiver;
      if (r != -1 && glp_mip_col_val(lp, static_cast<int>(c) + 1) > 0.5) {
        result.receiver_of[h] = r == -2 ? context.kept_receiver[h] : r;
      }
    }
  };
  if (result.found) read_solution();
  if (result.optimal) {
    // The weights make the order strict but swamp the metres in floating point: with the
    // optimal counts fixed as limits on what stays unplaced (patients of vulnerable households,
    // patients, households), solve again for the least cost alone.
    std::vector<int> idx[3];
    std::vector<double> val[3];
    double limit[3] = {0, 0, 0};
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].receiver != -1) continue;
      const int col = static_cast<int>(c) + 1;
      const int h = columns[c].household;
      const double size = static_cast<double>(context.size[h]);
      const double out = glp_mip_col_val(lp, col) > 0.5 ? 1.0 : 0.0;
      if (context.vulnerable[h])
        idx[0].push_back(col), val[0].push_back(size), limit[0] += size * out;
      idx[1].push_back(col), val[1].push_back(size), limit[1] += size * out;
      idx[2].push_back(col), val[2].push_back(1.0), limit[2] += out;
      glp_set_obj_coef(lp, col, 0);
    }
    for (int k = 0; k < 3; ++k) {
      if (idx[k].empty()) continue;
      const int row = glp_add_rows(lp, 1);
      idx[k].insert(idx[k].begin(), 0);
      val[k].insert(val[k].begin(), 0);
      glp_set_mat_row(lp, row, static_cast<int>(idx[k].size()) - 1, idx[k].data(), val[k].data());
      glp_set_row_bnds(lp, row, GLP_UP, 0, limit[k] + 1e-6);
    }
    parm.tm_lim = std::max(1, left_ms());
    simplex.tm_lim = parm.tm_lim;
    glp_simplex(lp, &simplex);
    status = left_ms() > 0 ? glp_intopt(lp, &parm) : GLP_ETMLIM;
    mip_status = glp_mip_status(lp);
    // Out of time on the cost: the first solve's plan stays, its counts optimal, its cost not.
    result.optimal = status == 0 && mip_status == GLP_OPT;
    if (mip_status == GLP_OPT || mip_status == GLP_FEAS) read_solution();
  }
  glp_delete_prob(lp);
  return result;
}

}  // namespace vangnet::solver
